/**
 * `npm run --silent bench:stages -- FILE`: where an evaluation's time goes,
 * stage by stage, over a cases file: checking every policy (`checkPolicy`),
 * checking and compiling them (`prepare`), deciding with policies already
 * prepared (`evaluate`, no trace), and all of it (`evaluateCase`, what
 * `npm run bench` times). Each line is microseconds per case, the best of
 * five timed runs after a warm-up; like every wall-clock figure on a shared
 * machine, compare them only within one run.
 *
 * `--stage N --rounds R` runs stage N for R passes over the file, untimed,
 * for counting instructions (engine/README.md): the difference between two
 * counts is the cost of the extra passes, start-up and warm-up excluded.
 */
import { spawnSync } from 'node:child_process';
import { checkPolicy, evaluate, evaluateCase, isTrustRequest, prepare, type CaseInput, type PolicyInput, type PolicyKind } from '../engine/index.ts';
import { loadCases } from './cases.ts';

const file = process.argv[2];
const only = process.argv[3] === '--stage' ? Number(process.argv[4]) : null;
const rounds = process.argv[5] === '--rounds' ? Number(process.argv[6]) : null;
function usage(): never {
  console.error('usage: npm run --silent bench:stages -- FILE [--stage N [--rounds R]]');
  process.exit(2);
}
if (!file || (rounds !== null && !(Number.isInteger(rounds) && rounds >= 0))) usage();
const cases: CaseInput[] = loadCases(file).map((l) => l.case);
const kindOf = (c: CaseInput): 'resource' | 'trust' => (isTrustRequest(c.request.action, c.request.resource) ? 'trust' : 'resource');

/** Every policy of every case with the grammar it is checked against. */
const policies: [PolicyInput, PolicyKind][] = [];
for (const c of cases) {
  const p = c.policies ?? {};
  for (const x of p.identity ?? []) policies.push([x, 'identity']);
  if (p.resource !== undefined) policies.push([p.resource, kindOf(c)]);
  if (p.permissionsBoundary !== undefined) policies.push([p.permissionsBoundary, 'boundary']);
  for (const x of p.session ?? []) policies.push([x, 'session']);
  for (const level of p.scp ?? []) for (const x of level) policies.push([x, 'scp']);
  for (const level of p.rcp ?? []) for (const x of level) policies.push([x, 'rcp']);
}
const prepared = cases.map((c) => prepare(c.policies ?? {}, kindOf(c)));

/** Microseconds per case for one pass of `f` over the file: best of five 300 ms runs after 500 ms of warm-up. */
function perCase(f: () => number): number {
  let sink = 0;
  const warm = performance.now() + 500;
  while (performance.now() < warm) sink += f();
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    let passes = 0;
    const start = performance.now();
    let now = start;
    while (now - start < 300) { sink += f(); passes++; now = performance.now(); }
    best = Math.min(best, ((now - start) * 1000) / passes / cases.length);
  }
  if (sink === -1) console.log('');
  return best;
}

const lines: [string, () => number][] = [
  ['checkPolicy, every policy', () => { let n = 0; for (const [p, k] of policies) n += checkPolicy(p, k).diagnostics.length; return n; }],
  ['prepare (check + compile)', () => { let n = 0; for (let i = 0; i < cases.length; i++) n += prepare(cases[i].policies ?? {}, kindOf(cases[i])).errors.length; return n; }],
  ['evaluate, policies prepared', () => { let n = 0; for (let i = 0; i < cases.length; i++) n += evaluate(cases[i].principal, cases[i].request, prepared[i], { trace: false }).steps.length; return n; }],
  ['evaluateCase (all of it)', () => { let n = 0; for (const c of cases) n += evaluateCase(c, { trace: false }).kind.length; return n; }],
];
if (only !== null && !(Number.isInteger(only) && only >= 0 && only < lines.length)) usage();
if (only !== null && rounds !== null) {
  const f = lines[only][1];
  let sink = 0;
  for (let r = 0; r < rounds; r++) sink += f();
  console.log(`stage: ${only}, rounds: ${rounds}, cases: ${rounds * cases.length}${sink < 0 ? '' : ''}`);
} else if (only !== null) {
  const [name, f] = lines[only];
  console.log(`${name.padEnd(30)} ${perCase(f).toFixed(1).padStart(7)} µs/case`);
} else {
  console.log(`cases: ${cases.length}, policies: ${policies.length}`);
  for (let i = 0; i < lines.length; i++) {
    const r = spawnSync(process.execPath, [process.argv[1], file, '--stage', String(i)], { encoding: 'utf8' });
    process.stdout.write(r.status === 0 ? r.stdout : `${lines[i][0]}: failed\n${r.stderr}`);
  }
}
