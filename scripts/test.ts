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

/** How long stopped tests get to clean up (Playwright stops the server it started) before they are killed. */
const GRACE_MS = 10_000;

/**
 * Runs a command, echoing its output, and returns the output and the status.
 * A run that outlives `limitMinutes` is stopped and fails: node's per-test
 * timeout cannot stop a test stuck in synchronous code (a wildcard matcher
 * that backtracks, say), and CI must end with a line it can read.
 */
function run(args: string[], limitMinutes: number): Promise<{ out: string; status: number }> {
  return new Promise((resolve) => {
    // Its own process group, so that stopping it stops the test files it started too.
    const child = spawn(process.execPath, args, { cwd: root, detached: true, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    const signal = (name: NodeJS.Signals): void => {
      try { if (child.pid !== undefined) process.kill(-child.pid, name); } catch { /* already gone */ }
    };
    // Interrupted as by Ctrl+C first, so that Playwright stops the preview server and browser it
    // started in process groups of their own (it does on SIGINT, not on SIGTERM: a server was left
    // running); killed if it has not ended after the grace period.
    const stop = (): void => {
      signal('SIGINT');
      setTimeout(() => signal('SIGKILL'), GRACE_MS).unref();
    };
    const interrupted = (name: NodeJS.Signals): void => {
      stop();
      child.once('close', () => process.exit(name === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    let out = '';
    const watchdog = setTimeout(() => {
      console.error(`\ntest: \`node ${args.join(' ')}\` ran past ${limitMinutes} minutes and was stopped; a test is stuck`);
      stop();
    }, limitMinutes * 60_000);
    child.stdout.on('data', (d: Buffer) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
    const done = (status: number): void => {
      clearTimeout(watchdog);
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      resolve({ out, status });
    };
    child.on('close', (code) => done(code ?? 1));
    child.on('error', () => done(1));
  });
}

function lastNumber(out: string, re: RegExp): number | null {
  const all = [...out.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : null;
}

let passed = 0;
let failed = 0;

/** A time limit in minutes from the environment (UNIT_LIMIT_MINUTES, E2E_LIMIT_MINUTES), else the default. */
function limit(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

// Unit tests take well under a minute here; a test waiting on something that never comes fails after one.
const unit = await run(['--test', '--test-reporter=spec', '--test-timeout=60000', 'tests/unit/**/*.test.ts'], limit('UNIT_LIMIT_MINUTES', 20));
const up = lastNumber(unit.out, /ℹ pass (\d+)/g);
const uf = lastNumber(unit.out, /ℹ fail (\d+)/g);
passed += up ?? 0;
failed += uf ?? 0;
if (unit.status !== 0 && !uf) failed += 1; // a crash with no counted failure still fails

if (process.env.SKIP_E2E !== '1') {
  const e2e = await run(['scripts/e2e.ts'], limit('E2E_LIMIT_MINUTES', 45));
  const m = [...e2e.out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (m) { passed += Number(m[1]); failed += Number(m[2]); }
  if (e2e.status !== 0 && (!m || Number(m[2]) === 0)) failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
