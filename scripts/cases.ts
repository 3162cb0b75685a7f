/**
 * Reading conformance case files (shared/conformance/FORMAT.md), shared by
 * the conformance runner, the benchmark and the tests.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseInput } from '../engine/index.ts';

/** A case with the file it came from. */
export interface LoadedCase {
  file: string;
  case: CaseInput;
}

/** Every `.json` file under a folder (or the file itself), sorted. */
export function caseFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) out.push(...caseFiles(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Loads the cases of a file; throws an error whose message names the file
 * and says what is wrong when it is not valid JSON or not a cases file.
 */
export function loadCases(file: string): LoadedCase[] {
  let data: { cases?: unknown } | null;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as { cases?: unknown } | null;
  } catch (e) {
    throw new Error(`${file}: ${e instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'} (${(e as Error).message})`);
  }
  if (!data || !Array.isArray(data.cases)) throw new Error(`${file}: expected an object with a "cases" array`);
  return (data.cases as CaseInput[]).map((c) => ({ file, case: c }));
}
