/**
 * `npm run --silent bench -- FILE`: the benchmark contract of
 * shared/bench/README.md. Every evaluation starts from the case as written
 * (check, compile and decide each time); nothing is carried over.
 */
import { type CaseInput, evaluateCase } from '../engine/index.ts';
import { mapPolicySet } from '../engine/requests.ts';
import { loadCases } from './cases.ts';

/**
 * One evaluation: check, compile and decide, as the workbench grid does for
 * each row (the full trace is built only for the row a learner selects;
 * `--trace` measures with it).
 */
const trace = process.argv.includes('--trace');
/**
 * `--text`: every policy is handed over as JSON text (two-space indents, as
 * the workbench shows it), so each evaluation also parses it with source
 * ranges and validates it in full: the path the site takes when a learner
 * types. Not the contract's figure, which starts from the parsed file.
 */
const asText = process.argv.includes('--text');
function withTextPolicies(c: CaseInput): CaseInput {
  if (!c.policies) return c;
  return { ...c, policies: mapPolicySet(c.policies, (p) => (typeof p === 'string' ? p : JSON.stringify(p, null, 2))) };
}
function decide(c: CaseInput): string {
  const o = evaluateCase(c, { trace });
  return o.kind === 'invalid' ? 'InvalidPolicy' : o.result.decision;
}

function main(): void {
  const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--rounds');
  if (!file) {
    console.error('usage: npm run --silent bench -- FILE');
    process.exit(2);
  }
  let cases: CaseInput[];
  try {
    cases = loadCases(file).map((l) => (asText ? withTextPolicies(l.case) : l.case));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  // 1. Correctness first: a wrong decision is an error, and nothing is timed.
  for (const c of cases) {
    let got: string;
    try { got = decide(c); } catch (e) { got = `error: ${(e as Error).message}`; }
    const want = c.expect?.decision ?? (c.expect?.error ? 'InvalidPolicy' : '?');
    if (got !== want) {
      console.error(`case ${c.id}: expected ${want}, got ${got}`);
      process.exit(1);
    }
  }
  // For counting instructions rather than timing (see engine/README.md): a
  // fixed number of rounds, nothing timed.
  const roundsAt = process.argv.indexOf('--rounds');
  if (roundsAt >= 0) {
    const rounds = Number(process.argv[roundsAt + 1]);
    if (!Number.isInteger(rounds) || rounds < 0) {
      console.error('--rounds takes a whole number');
      process.exit(2);
    }
    let n = 0;
    for (let r = 0; r < rounds; r++) for (const c of cases) n += decide(c).length;
    console.log(`rounds: ${rounds}, evaluations: ${rounds * cases.length}${n < 0 ? '' : ''}`);
    return;
  }
  // 2. Warm up.
  let sink = 0;
  const warmEnd = performance.now() + 1000;
  while (performance.now() < warmEnd) for (const c of cases) sink += decide(c).length;
  // 3. Measure whole rounds for at least 2 seconds.
  let evaluations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 2000) {
    for (const c of cases) sink += decide(c).length;
    evaluations += cases.length;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  console.log(`cases: ${cases.length}, rounds: ${evaluations / cases.length}, seconds: ${seconds.toFixed(3)}, trace: ${trace}, text: ${asText}${sink < 0 ? '' : ''}`);
  console.log(`evaluations/s: ${Math.round(evaluations / seconds)}`);
}

main();
