/**
 * Where the course's shared material lives (the public conformance cases
 * and the benchmark workload): `IAMLAB_SHARED` when set, else the `shared/`
 * folder beside this repository, as in the team's checkout, else the
 * snapshot of it kept in `tests/shared/`, so that a clone anywhere tests the
 * same cases. tests/unit/shared.test.ts fails when the snapshot falls behind
 * a `shared/` folder that is present.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The `shared/` folder beside the repository (it may be missing). */
export const SIBLING_SHARED = fileURLToPath(new URL('../../shared', import.meta.url));
/** The snapshot of it in this repository. */
export const SNAPSHOT_SHARED = fileURLToPath(new URL('../tests/shared', import.meta.url));

/** The folder the tests read. */
export const SHARED = process.env.IAMLAB_SHARED ?? (existsSync(SIBLING_SHARED) ? SIBLING_SHARED : SNAPSHOT_SHARED);
/** The public conformance cases. */
export const SHARED_CASES = join(SHARED, 'conformance', 'cases');
/** The benchmark workload. */
export const BENCH_WORKLOAD = join(SHARED, 'bench', 'workload.json');
/** The project's own conformance cases. */
export const OWN_CASES = fileURLToPath(new URL('../tests/conformance', import.meta.url));
