/**
 * `npm test`: every test of the project, in two parts, then one closing line
 * that CI reads, `N passed, N failed` (the sums of both parts).
 *
 * 1. Unit, property, conformance and content tests: `node --test` over
 *    tests/unit (no browser).
 * 2. Browser tests: scripts/e2e.ts (builds the site, Playwright in Debian's
 *    Chromium). Skip them with `SKIP_E2E=1 npm test`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command, echoing its output, and returns the output and the status. */
function run(args: string[]): Promise<{ out: string; status: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
    child.on('close', (code) => resolve({ out, status: code ?? 1 }));
    child.on('error', () => resolve({ out, status: 1 }));
  });
}

function lastNumber(out: string, re: RegExp): number | null {
  const all = [...out.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : null;
}

let passed = 0;
let failed = 0;

const unit = await run(['--test', '--test-reporter=spec', 'tests/unit/**/*.test.ts']);
const up = lastNumber(unit.out, /ℹ pass (\d+)/g);
const uf = lastNumber(unit.out, /ℹ fail (\d+)/g);
passed += up ?? 0;
failed += uf ?? 0;
if (unit.status !== 0 && !uf) failed += 1; // a crash with no counted failure still fails

if (process.env.SKIP_E2E !== '1') {
  const e2e = await run(['scripts/e2e.ts']);
  const m = [...e2e.out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (m) { passed += Number(m[1]); failed += Number(m[2]); }
  if (e2e.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
