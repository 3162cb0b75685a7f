/**
 * The site around the workbench: course map, lesson pages, 404, themes,
 * keyboard use, phone layout, accessibility and the Content Security Policy.
 * Every test also fails on a console error (see helpers.ts).
 */
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, hasHorizontalScroll, lessonHrefs, seedStorage, tabTo, test } from './helpers.ts';

const PROGRESS_KEY = 'iamlab:progress:v1';
const PRACTICE_KEY = 'iamlab:practice:v1';
const THEME_KEY = 'iamlab:theme';

/** The first written lesson (the course must have one). */
async function firstLesson(page: Page): Promise<string> {
  const hrefs = await lessonHrefs(page);
  expect(hrefs.length, 'the course map links to no lesson').toBeGreaterThan(0);
  return hrefs[0]!;
}

/** The first lesson on the map that has exercises, with their ids. */
async function lessonWithExercises(page: Page): Promise<{ slug: string; ids: string[] }> {
  await page.goto('/');
  const block = page.locator('[data-progress]').first();
  await expect(block, 'no lesson on the map has exercises').toHaveCount(1);
  const slug = (await block.getAttribute('data-lesson')) ?? '';
  const ids = ((await block.getAttribute('data-exercises')) ?? '').split(' ').filter(Boolean);
  return { slug, ids };
}

const backgroundOf = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe('course map', () => {
  test('lists the 17 lessons of the syllabus in order, linking the written ones', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const items = page.locator('[data-course-map] > li');
    await expect(items).toHaveCount(17);
    let written = 0;
    for (let i = 0; i < 17; i++) {
      const item = items.nth(i);
      await expect(item.getByRole('heading')).toContainText(`Lesson ${i + 1}:`);
      const link = item.getByRole('heading').getByRole('link');
      if ((await link.count()) > 0) {
        written += 1;
        await expect(link).toHaveAttribute('href', /^\/lessons\/[a-z0-9-]+\/$/);
      } else {
        await expect(item).toContainText('Coming soon');
      }
    }
    expect(written, 'no lesson is written yet').toBeGreaterThan(0);
  });

  test('lists every lesson\'s exams in one order, foundational first', async ({ page }) => {
    await page.goto('/');
    const order = ['CLF', 'SAA', 'DVA', 'SOA', 'SCS'];
    const lists = await page.locator('.exam-list').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('abbr')].map((a) => a.textContent ?? '')));
    expect(lists.length, 'no exam list on the map').toBeGreaterThan(0);
    for (const list of lists) expect(list).toEqual([...list].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  test('every lesson link on the map opens its lesson', async ({ page, request }) => {
    test.setTimeout(60_000);
    for (const href of await lessonHrefs(page)) {
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
    }
  });

  test('shows saved progress and the practice score', async ({ page }) => {
    const { slug, ids } = await lessonWithExercises(page);
    await seedStorage(page, {
      [PROGRESS_KEY]: JSON.stringify({ solved: { [slug]: [ids[0], 'an-exercise-that-no-longer-exists'] } }),
      [PRACTICE_KEY]: JSON.stringify({ scores: { [slug]: { correct: 4, total: 5 } } }),
    });
    await page.goto('/');
    const block = page.locator(`[data-progress][data-lesson="${slug}"]`);
    const n = ids.length;
    await expect(block).toContainText(n === 1 ? 'All 1 exercise solved' : `1 of ${n} exercises solved`);
    await expect(block).toContainText('Practice: 4 of 5 correct');
    await expect(page.getByRole('link', { name: /^Continue with lesson/ })).toBeVisible();
  });

  test('ignores corrupted saved progress', async ({ page }) => {
    const corrupted: Record<string, string>[] = [
      { [PROGRESS_KEY]: '{not json', [PRACTICE_KEY]: 'null', [THEME_KEY]: 'purple' },
      { [PROGRESS_KEY]: '{"solved":{"root-user":"oops"}}', [PRACTICE_KEY]: '{"scores":{"root-user":{"correct":9,"total":2}}}' },
      { [PROGRESS_KEY]: '[1,2,3]', [PRACTICE_KEY]: '{"scores":[]}' },
      { [PROGRESS_KEY]: '{"solved":{"__proto__":["x"],"root-user":[null]}}' },
    ];
    for (const entries of corrupted) {
      await page.goto('/');
      await page.evaluate((items) => {
        localStorage.clear();
        for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
      }, entries);
      await page.reload();
      await expect(page.locator('[data-course-map] > li')).toHaveCount(17);
      const blocks = page.locator('[data-progress]');
      for (let i = 0; i < (await blocks.count()); i++) {
        await expect(blocks.nth(i)).toContainText(/^0 of \d+ exercises? solved$/);
      }
      await expect(page.locator('[data-practice]:not([hidden])')).toHaveCount(0);
      await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    }
  });
});

test.describe('lesson page', () => {
  test('no lesson page logs a console error (CSP violations included)', async ({ page, consoleErrors }) => {
    test.setTimeout(180_000); // every lesson, on a machine that may be busy
    for (const href of await lessonHrefs(page)) {
      await page.goto(href, { waitUntil: 'networkidle' });
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(consoleErrors, href).toEqual([]);
    }
  });

  test('shows the text, a working table of contents, sources and neighbours', async ({ page }) => {
    const href = await firstLesson(page);
    await page.goto(href);
    const title = await page.getByRole('heading', { level: 1 }).innerText();
    expect(title.length).toBeGreaterThan(0);
    await expect(page).toHaveTitle(`${title} · IAM Lab`);

    const toc = page.getByRole('navigation', { name: 'On this page' });
    const targets = await toc.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(targets.length).toBeGreaterThan(2);
    for (const target of targets) {
      expect(target).toMatch(/^#/);
      await expect(page.locator(`[id="${target.slice(1)}"]`), `table of contents entry ${target}`).toHaveCount(1);
    }

    const sources = page.getByRole('region', { name: 'Sources' });
    await expect(sources.getByRole('link').first()).toHaveAttribute('href', /^https:\/\//);

    const pager = page.getByRole('navigation', { name: 'Lessons' });
    await expect(pager.getByRole('link', { name: /Course map/ })).toHaveAttribute('href', '/');
    const next = pager.getByRole('link', { name: /^Next lesson/ });
    if ((await next.count()) > 0) {
      await next.click();
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(title);
      await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: /^Previous lesson/ })).toHaveAttribute('href', href);
    }
  });

  test('puts the exercises beside the text on a wide screen and below it on a phone', async ({ page }) => {
    const { slug } = await lessonWithExercises(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/lessons/${slug}/`);
    const text = page.locator('article.lesson-text');
    const work = page.getByRole('region', { name: 'Exercises' });
    let a = (await text.boundingBox())!;
    let b = (await work.boundingBox())!;
    expect(b.x, 'exercises should sit to the right of the text').toBeGreaterThanOrEqual(a.x + a.width);

    await page.setViewportSize({ width: 375, height: 812 });
    a = (await text.boundingBox())!;
    b = (await work.boundingBox())!;
    expect(b.y, 'exercises should follow the text').toBeGreaterThanOrEqual(a.y + a.height);
  });

  test('links its questions to Practice', async ({ page }) => {
    const href = await firstLesson(page);
    await page.goto(href);
    const check = page.getByRole('region', { name: 'Check yourself' });
    await expect(check, 'the first lesson has questions').toHaveCount(1);
    const slug = href.split('/')[2];
    await expect(check.getByRole('link', { name: /in Practice/ })).toHaveAttribute('href', `/practice/?lesson=${slug}`);
    await expect(check.getByRole('listitem').first()).not.toBeEmpty();
  });
});

test.describe('404', () => {
  test.use({ allowConsoleErrors: true }); // Chromium logs the document's own 404 status as a console error

  test('an unknown address gets a page that leads back to the course', async ({ page, consoleErrors }) => {
    const response = await page.goto('/no-such-page/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
    const lessons = await page.getByRole('region', { name: 'Lessons you can open' }).getByRole('link').count();
    expect(lessons).toBeGreaterThan(0);
    await page.getByRole('main').getByRole('link', { name: 'Go to the course map' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('[data-course-map] > li')).toHaveCount(17);
    expect(consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
  });
});

test.describe('placeholders', () => {
  for (const [path, heading] of [
    ['/playground/', 'The playground is on its way'],
    ['/puzzles/', 'Puzzles are on their way'],
  ] as const) {
    test(`${path} says politely that it is coming`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    });
  }
});

test.describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${scheme} theme`, () => {
      test.use({ colorScheme: scheme });

      test('the course map has no axe violations', async ({ page }) => {
        await page.goto('/');
        expect(await backgroundOf(page)).toBe(scheme === 'light' ? 'rgb(251, 250, 247)' : 'rgb(18, 20, 23)');
        await expectNoAxeViolations(page);
      });

      test('a lesson page has no axe violations', async ({ page }) => {
        await page.goto(await firstLesson(page));
        await expectNoAxeViolations(page);
      });

      test.describe('404', () => {
        test.use({ allowConsoleErrors: true }); // Chromium logs the document's own 404 status

        test('the 404 page has no axe violations', async ({ page }) => {
          await page.goto('/no-such-page/');
          expect(await backgroundOf(page)).toBe(scheme === 'light' ? 'rgb(251, 250, 247)' : 'rgb(18, 20, 23)');
          await expectNoAxeViolations(page);
        });
      });
    });
  }
});

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the course map does not scroll sideways', async ({ page }) => {
    await page.goto('/');
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  test('no lesson page scrolls sideways', async ({ page }) => {
    test.setTimeout(120_000);
    for (const href of await lessonHrefs(page)) {
      await page.goto(href);
      expect(await hasHorizontalScroll(page), href).toBe(false);
    }
  });
});

test.describe('keyboard', () => {
  test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await page.goto(await firstLesson(page));
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  test('the theme toggle works from the keyboard and remembers the choice', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toBeEnabled();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const light = await backgroundOf(page);

    await tabTo(page, () => toggle.evaluate((el) => el === document.activeElement));
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await backgroundOf(page)).not.toBe(light);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(await backgroundOf(page)).toBe(light);
  });
});

test.describe('head and security', () => {
  test('a stored theme applies before paint under the Content Security Policy', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await seedStorage(page, { [THEME_KEY]: 'dark' });
    await page.goto('/');
    // Set only by the inline bootstrap script: proves the CSP admits it by hash.
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await backgroundOf(page)).toBe('rgb(18, 20, 23)');
  });

  test('every page carries a strict CSP, a description, Open Graph data and icons', async ({ page, request }) => {
    for (const path of ['/', await firstLesson(page), '/playground/']) {
      await page.goto(path);
      const csp = (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
      const directives = new Map(
        csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]),
      );
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      const scripts = directives.get('script-src') ?? [];
      expect(scripts[0]).toBe("'self'");
      expect(scripts.slice(1).every((v) => v.startsWith("'sha256-")), `script-src ${scripts.join(' ')}`).toBe(true);
      expect(directives.has('script-src-elem') || directives.has('script-src-attr')).toBe(false);
      // styles are hashed like scripts: no 'unsafe-inline' anywhere, so style attributes stay blocked
      const styles = directives.get('style-src') ?? [];
      expect(styles[0]).toBe("'self'");
      expect(styles.slice(1).every((v) => v.startsWith("'sha256-")), `style-src ${styles.join(' ')}`).toBe(true);
      expect(directives.has('style-src-elem') || directives.has('style-src-attr')).toBe(false);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\w{3,}/);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /\w/);
      await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^https?:\/\/.+\.png$/);
    }
    for (const icon of ['/favicon.ico', '/favicon.svg', '/og.png']) {
      expect((await request.get(icon)).status(), icon).toBe(200);
    }
  });
});

test('a lesson page loads under 3 KB of script up front, and none of the engine', async ({ page }) => {
  // What the browser fetches before a workbench comes near: the page's module scripts and their
  // static imports, read from the build Playwright serves. The engine must wait for app.ts.
  const { readFileSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const dist = new URL('../../dist/', import.meta.url);
  const hrefs = await lessonHrefs(page);
  expect(hrefs.length).toBeGreaterThan(0);
  const html = readFileSync(new URL(`.${hrefs[0]}index.html`, dist), 'utf8');
  const entries = [...html.matchAll(/<script type="module" src="\/([^"]+)"/g)].map((m) => m[1]!);
  expect(entries.length).toBeGreaterThan(0);
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(new URL(file, dist), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+)["']/g)) visit(`_astro/${m[1]}`);
  };
  for (const e of entries) visit(e);
  const bytes = [...seen].reduce((n, f) => n + gzipSync(readFileSync(new URL(f, dist))).length, 0);
  const code = [...seen].map((f) => readFileSync(new URL(f, dist), 'utf8')).join('\n');
  expect(code, 'an engine step note in the up-front script means the engine came with it').not.toContain('grantStandsForIdentity');
  expect(bytes, `up-front scripts: ${[...seen].join(', ')}`).toBeLessThan(3000);
});
