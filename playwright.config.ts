/**
 * Browser tests against the production build (`astro build`, then served
 * by `astro preview`), in Debian's Chromium: Playwright cannot download its
 * own browsers on this network (see ../shared/TOOLCHAIN.md).
 * Start them with `npm run test:e2e`, which builds first.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4321);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  // The machine has two cores, shared with other work.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // A stray test.only would otherwise run one test and report green; CI does not set CI.
  forbidOnly: true,
  // The custom reporter prints the closing `N passed, N failed` line CI reads; keep it last.
  reporter: [[process.env.CI ? 'line' : 'list'], ['./tests/e2e/reporter.ts']],
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // The same Node that runs Playwright (24 through npm), not the system one.
    command: `"${process.execPath}" node_modules/astro/bin/astro.mjs preview --host 127.0.0.1 --port ${PORT}`,
    url: `${baseURL}/`,
    // Never test whatever else listens on the port (another checkout's site, npm start).
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
