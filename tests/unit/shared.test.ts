/**
 * The snapshot of the course's shared cases (tests/shared/) that lets a
 * clone anywhere run the same conformance and bench tests: it must hold
 * exactly what the `shared/` folder beside the repository holds, when that
 * folder is there (as in the team's checkout and in CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { caseFiles } from '../../scripts/cases.ts';
import { SIBLING_SHARED, SNAPSHOT_SHARED } from '../../scripts/shared.ts';

const live = existsSync(SIBLING_SHARED);

test('the snapshot holds the shared cases and the workload as shared/ has them', { skip: live ? false : 'no shared/ beside the repository to compare with' }, () => {
  const names = (root: string): string[] => [
    ...caseFiles(join(root, 'conformance', 'cases')).map((f) => relative(root, f)),
    join('bench', 'workload.json'),
  ];
  const want = names(SIBLING_SHARED);
  assert.deepEqual(names(SNAPSHOT_SHARED), want, 'the same files (copy shared/conformance/cases and shared/bench/workload.json into tests/shared/)');
  for (const name of want) {
    assert.equal(readFileSync(join(SNAPSHOT_SHARED, name), 'utf8'), readFileSync(join(SIBLING_SHARED, name), 'utf8'), `tests/shared/${name} differs from shared/${name}`);
  }
});

test('the snapshot alone has cases and a workload to test', () => {
  assert.ok(caseFiles(join(SNAPSHOT_SHARED, 'conformance', 'cases')).length >= 10);
  assert.ok(existsSync(join(SNAPSHOT_SHARED, 'bench', 'workload.json')));
});
