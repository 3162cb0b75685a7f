/**
 * Shared helpers for the end-to-end tests. Import `test` and `expect` from
 * here rather than from '@playwright/test': every test then fails when the
 * page logs a console error or throws, unless it opts out with
 * `test.use({ allowConsoleErrors: true })`.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/** The WCAG rule sets axe checks. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Fixtures {
  /** Console errors and uncaught exceptions seen so far on `page`. */
  consoleErrors: string[];
  /** When false (the default), the test fails if `consoleErrors` is not empty at its end. */
  allowConsoleErrors: boolean;
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [false, { option: true }],
  consoleErrors: [
    async ({ page, allowConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      await use(errors);
      if (!allowConsoleErrors) expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Runs axe on the page (or a part of it) and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const report = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  - ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, 'axe found accessibility violations').toEqual([]);
}

/** Whether the document is wider than the viewport (the page scrolls sideways). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The addresses of the written lessons, in course order, read from the course map. */
export async function lessonHrefs(page: Page): Promise<string[]> {
  await page.goto('/');
  return page
    .locator('[data-course-map] .course-title a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** Stores raw strings in localStorage before any page script runs (for tests of corrupted storage). */
export async function seedStorage(page: Page, entries: Record<string, string>): Promise<void> {
  await page.addInitScript((items) => {
    // Only once per test: a reload must see what the page itself wrote since.
    if (sessionStorage.getItem('e2e-seeded')) return;
    sessionStorage.setItem('e2e-seeded', '1');
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
  }, entries);
}

/** Presses Tab until `target` has focus; fails after `max` presses. */
export async function tabTo(page: Page, isTarget: () => Promise<boolean>, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return;
  }
  throw new Error(`the target did not receive focus after ${max} presses of Tab`);
}
