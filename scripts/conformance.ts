/**
 * `npm run --silent conformance -- DIR`: runs every case file under DIR,
 * prints a line per failing case and ends with `N passed, M failed`; exits 1
 * when a case fails (DESIGN.md, contract 1).
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { evaluateCase } from '../engine/index.ts';
import { caseFiles, loadCases } from './cases.ts';

/** Runs one case; returns null when it passes, else why it failed. */
export function runCase(c: import('../engine/index.ts').CaseInput): string | null {
  let outcome;
  try {
    outcome = evaluateCase(c);
  } catch (e) {
    return `threw ${(e as Error).message}`;
  }
  const want = c.expect ?? {};
  if (want.error === 'InvalidPolicy') {
    return outcome.kind === 'invalid' ? null : `expected InvalidPolicy, got ${outcome.result.decision}`;
  }
  if (outcome.kind === 'invalid') {
    const d = outcome.diagnostics.find((x) => x.severity === 'error');
    return `expected ${want.decision}, but ${outcome.policyId} was rejected: ${d?.message ?? 'invalid'}`;
  }
  return outcome.result.decision === want.decision ? null : `expected ${want.decision}, got ${outcome.result.decision}`;
}

function main(): void {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    console.error('usage: npm run --silent conformance -- DIR [DIR ...]');
    process.exit(2);
  }
  const missing = dirs.filter((d) => !existsSync(d));
  if (missing.length) {
    console.error(`no such file or folder: ${missing.join(', ')}`);
    process.exit(2);
  }
  let passed = 0;
  let failed = 0;
  for (const dir of dirs) {
    for (const file of caseFiles(dir)) {
      let cases;
      try {
        cases = loadCases(file);
      } catch (e) {
        // A file that holds no cases is reported where the failures are, and counted as one.
        failed++;
        console.log(`FAIL ${(e as Error).message.replace(file, relative(process.cwd(), file))}`);
        continue;
      }
      for (const { case: c } of cases) {
        const why = runCase(c);
        if (why === null) passed++;
        else {
          failed++;
          console.log(`FAIL ${relative(process.cwd(), file)} ${c.id}: ${why}`);
        }
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (import.meta.main) main();
