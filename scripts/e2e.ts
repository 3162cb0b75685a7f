/**
 * `npm run test:e2e`: the browser tests, against the production build.
 *
 * 1. Installs Debian's Chromium when it is missing (scripts/chromium.ts)
 *    (Playwright cannot download its own browsers on this network).
 * 2. Builds the site with `astro build` (skip with E2E_SKIP_BUILD=1 when
 *    dist/ is fresh).
 * 3. Runs `playwright test` (playwright.config.ts serves dist/ with
 *    `astro preview`); extra arguments go to Playwright, e.g.
 *    `npm run test:e2e -- tests/e2e/site.spec.ts -g "skip link"`.
 *
 * The last line printed is `N passed, N failed` (tests/e2e/reporter.ts).
 * Exit status: Playwright's (0 when every test passed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH as CHROMIUM } from './chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) console.error(`e2e: could not start \`${command}\`: ${result.error.message}`);
  return result.status ?? 1;
}

if (!existsSync(CHROMIUM) && process.env.CHROMIUM_PATH) {
  console.error(`e2e: CHROMIUM_PATH=${CHROMIUM} does not exist; point it at a Chromium, or unset it to use Debian's`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.log(`e2e: ${CHROMIUM} is missing; installing Debian's chromium package`);
  const status = run('sh', ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium']);
  if (status !== 0 || !existsSync(CHROMIUM)) {
    console.error('e2e: installing chromium failed; run `apt-get install chromium` as root, then retry');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// Run the tools with this Node (24, when started through npm), not the system one.
const node = process.execPath;

if (process.env.E2E_SKIP_BUILD !== '1') {
  const status = run(node, ['node_modules/astro/bin/astro.mjs', 'build']);
  if (status !== 0) {
    console.error('e2e: `astro build` failed');
    console.log('0 passed, 1 failed');
    process.exit(status);
  }
}

process.exit(run(node, ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)]));
