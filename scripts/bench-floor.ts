/**
 * `npm run --silent bench:floor -- FILE`: what *any* engine must at least
 * spend on a cases file, measured on this machine, to put `npm run bench`
 * figures in proportion. Each line is a per-case loop over the policies
 * exactly as the benchmark contract hands them over (parsed once), doing
 * strictly less than checking them:
 *
 * - `walk`: visit every key and value, reading only lengths;
 * - `walk + every character`: the same, reading every character of every
 *   key and string once (what a checker must do for Sids and actions);
 * - `walk + one regular expression per string`: one native regex test per
 *   string value, the cheapest way to check a string's shape.
 *
 * None of them checks, compiles or decides anything: an engine can only be
 * slower than the line that matches its work. The figures are cases per
 * second, like `evaluations/s`.
 */
import { loadCases } from './cases.ts';

// The three walkers are written out on purpose: one walker taking a callback
// would add an indirect call at every node, work the floor must not include.
function lengths(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) {
    let n = 0;
    for (let i = 0; i < v.length; i++) n += lengths(v[i]);
    return n;
  }
  if (v !== null && typeof v === 'object') {
    let n = 0;
    for (const k in v) n += k.length + lengths((v as Record<string, unknown>)[k]);
    return n;
  }
  return 1;
}

function chars(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i);
  return h;
}

function characters(v: unknown): number {
  if (typeof v === 'string') return chars(v);
  if (Array.isArray(v)) {
    let n = 0;
    for (let i = 0; i < v.length; i++) n += characters(v[i]);
    return n;
  }
  if (v !== null && typeof v === 'object') {
    let n = 0;
    for (const k in v) n += chars(k) + characters((v as Record<string, unknown>)[k]);
    return n;
  }
  return 1;
}

const SHAPE = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/;
function regexes(v: unknown): number {
  if (typeof v === 'string') return SHAPE.test(v) ? 1 : 2;
  if (Array.isArray(v)) {
    let n = 0;
    for (let i = 0; i < v.length; i++) n += regexes(v[i]);
    return n;
  }
  if (v !== null && typeof v === 'object') {
    let n = 0;
    for (const k in v) n += regexes((v as Record<string, unknown>)[k]);
    return n;
  }
  return 1;
}

/** Cases per second for `f` over every case's policies: 1 s warm-up, then the best of three 1-second runs. */
function rate(policies: unknown[], f: (v: unknown) => number): number {
  let sink = 0;
  const warm = performance.now() + 1000;
  while (performance.now() < warm) for (const p of policies) sink += f(p);
  let best = 0;
  for (let run = 0; run < 3; run++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < 1000) {
      for (const p of policies) sink += f(p);
      n += policies.length;
      now = performance.now();
    }
    best = Math.max(best, n / ((now - start) / 1000));
  }
  if (sink === -1) console.log('');
  return Math.round(best);
}

function main(): void {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run --silent bench:floor -- FILE');
    process.exit(2);
  }
  const policies = loadCases(file).map((l) => l.case.policies ?? {});
  let strings = 0;
  let length = 0;
  const count = (v: unknown): void => {
    if (typeof v === 'string') { strings++; length += v.length; } else if (Array.isArray(v)) v.forEach(count);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { strings++; length += k.length; count(x); }
  };
  policies.forEach(count);
  console.log(`cases: ${policies.length}; per case: ${Math.round(strings / policies.length)} keys and strings, ${Math.round(length / policies.length)} characters`);
  console.log(`walk: ${rate(policies, lengths)} cases/s`);
  console.log(`walk + every character: ${rate(policies, characters)} cases/s`);
  console.log(`walk + one regular expression per string: ${rate(policies, regexes)} cases/s`);
}

main();
