/**
 * The shared conformance cases (AWS's documented behaviour) and the
 * project's own cases, one test per case, named with its sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseFiles, loadCases } from '../../scripts/cases.ts';
import { runCase } from '../../scripts/conformance.ts';
import { OWN_CASES, SHARED_CASES } from '../../scripts/shared.ts';

for (const dir of [SHARED_CASES, OWN_CASES]) {
  const files = caseFiles(dir);
  test(`${dir} holds cases`, () => assert.ok(files.length > 0));
  for (const file of files) {
    for (const { case: c } of loadCases(file)) {
      test(`${c.id}: ${c.description ?? ''}`, () => {
        assert.equal(runCase(c), null);
      });
    }
  }
}

// The project's own cases encode behaviour beyond the shared ones, so each must say where AWS states it.
test('every case of the project names its AWS source and says what it shows', () => {
  const missing: string[] = [];
  const ids = new Set<string>();
  for (const file of caseFiles(OWN_CASES)) {
    for (const { case: c } of loadCases(file)) {
      const extra = c as { source?: unknown; description?: unknown };
      if (typeof extra.source !== 'string' || extra.source.trim() === '' || typeof extra.description !== 'string' || extra.description.trim() === '') missing.push(c.id);
      if (ids.has(c.id)) missing.push(`${c.id} (id used twice)`);
      ids.add(c.id);
    }
  }
  assert.deepEqual(missing, []);
});

test('the runner reports a file that holds no cases as a failure, with the file and the reason, not a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iam-lab-cases-'));
  try {
    const good = { id: 'ok', principal: { arn: 'arn:aws:iam::111122223333:user/alice' }, request: { action: 's3:GetObject', resource: '*' }, policies: {}, expect: { decision: 'ImplicitDeny' } };
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ cases: [good] }));
    writeFileSync(join(dir, 'b.json'), '{"cases": [');
    writeFileSync(join(dir, 'c.json'), '{"tests": []}');
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/conformance.ts', import.meta.url)), dir], { encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0], /^FAIL .*b\.json: not valid JSON \(/);
    assert.match(lines[1], /^FAIL .*c\.json: expected an object with a "cases" array$/);
    assert.equal(lines.at(-1), '1 passed, 2 failed');
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the runner refuses a folder that does not exist, in one line', () => {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/conformance.ts', import.meta.url)), '/no/such/folder'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trim(), 'no such file or folder: /no/such/folder');
});
