/**
 * The shared conformance cases (AWS's documented behaviour) and the
 * project's own cases, one test per case, named with its sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
