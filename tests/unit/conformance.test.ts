/**
 * The shared conformance cases (AWS's documented behaviour) and the
 * project's own cases, one test per case, named with its sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseFiles, loadCases } from '../../scripts/cases.ts';
import { runCase } from '../../scripts/conformance.ts';

const dirs = [
  fileURLToPath(new URL('../../../shared/conformance/cases', import.meta.url)),
  fileURLToPath(new URL('../conformance', import.meta.url)),
].filter((d) => existsSync(d));

for (const dir of dirs) {
  for (const file of caseFiles(dir)) {
    for (const { case: c } of loadCases(file)) {
      test(`${c.id}: ${c.description ?? ''}`, () => {
        assert.equal(runCase(c), null);
      });
    }
  }
}
