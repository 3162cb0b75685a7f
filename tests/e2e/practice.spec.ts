/**
 * Exam practice (/practice/): a round answers questions and shows every
 * option's explanation, a missed item comes back later in the round and in
 * the next session, drills are decided by the engine (loaded only then),
 * filters come from the form and the query string, scores reach the course
 * map, corrupted storage is reset with a notice; keyboard, phone layout,
 * axe in both themes. Every test also fails on a console error (helpers.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, hasHorizontalScroll, seedStorage, test } from './helpers.ts';

const PRACTICE_KEY = 'iamlab:practice:v1';
const THEME_KEY = 'iamlab:theme';

interface Option { text: string; correct: boolean; why: string }
interface Question { key: string; lesson: string; type: 'single' | 'multiple'; prompt: string; options: Option[]; exams: string[]; source?: { title: string; url: string } }
interface Data { lessons: { slug: string; number: number; title: string }[]; questions: Question[] }

/** The course data the page embeds (what the learner's answers are checked against). */
async function pageData(page: Page): Promise<Data> {
  return JSON.parse((await page.locator('script[data-pr-data]').textContent()) ?? '') as Data;
}

/** Text as the page shows it: `code` spans lose their backticks. */
const plain = (text: string): string => text.replace(/`/g, '');

const item = (page: Page): Locator => page.locator('[data-pr-stage] article.pr-item');

/** The question being asked (fails when the current item is not a question). */
async function currentQuestion(page: Page, data: Data): Promise<Question> {
  await expect(item(page)).toHaveAttribute('data-state', 'asking');
  await expect(item(page)).toHaveAttribute('data-kind', 'question');
  const key = await item(page).getAttribute('data-key');
  const q = data.questions.find((x) => x.key === key);
  expect(q, `no question ${key} in the data`).toBeTruthy();
  return q!;
}

/** Ticks the options of the current question, rightly or wrongly, and submits. */
async function answerQuestion(page: Page, q: Question, right: boolean): Promise<void> {
  const need = q.type === 'single' ? 1 : q.options.filter((o) => o.correct).length;
  const pick = right ? q.options.filter((o) => o.correct) : q.options.filter((o) => !o.correct).slice(0, need);
  for (const o of pick) await item(page).getByLabel(plain(o.text), { exact: true }).check();
  await item(page).getByRole('button', { name: 'Check answer' }).click();
  await expect(item(page)).toHaveAttribute('data-state', 'answered');
}

/** Answers whatever is asked (questions rightly; drills with any decision) and moves on. */
async function answerAnyAndGoOn(page: Page, data: Data): Promise<void> {
  await expect(item(page)).toHaveAttribute('data-state', 'asking');
  if ((await item(page).getAttribute('data-kind')) === 'question') {
    await answerQuestion(page, await currentQuestion(page, data), true);
  } else {
    await item(page).getByLabel(/^Allow/).check();
    await item(page).getByRole('button', { name: 'Check answer' }).click();
    await expect(item(page)).toHaveAttribute('data-state', 'answered');
  }
  await page.getByRole('button', { name: /^Next$|^See how the round went$/ }).click();
}

/** A lesson scenario whose expected decision is exact (not `Deny`), as a drill key. */
function exactScenario(): { key: string; expect: string } {
  const root = fileURLToPath(new URL('../../lessons', import.meta.url));
  for (const folder of readdirSync(root).filter((f) => /^\d\d-/.test(f)).sort()) {
    const file = JSON.parse(readFileSync(join(root, folder, 'exercises.json'), 'utf8')) as {
      exercises: { id: string; scenarios: { id: string; expect: string }[] }[];
    };
    for (const ex of file.exercises) {
      for (const sc of ex.scenarios) {
        if (sc.expect === 'ExplicitDeny') return { key: `d:${folder.replace(/^\d+-/, '')}:${ex.id}:${sc.id}`, expect: sc.expect };
      }
    }
  }
  throw new Error('no scenario expects an explicit deny');
}

/** A stored review state that makes `key` due now, as if missed in an earlier session. */
const dueNow = (key: string) => JSON.stringify({ scores: {}, items: { [key]: { box: 1, due: 0, ok: false, seen: 1 } } });

test.describe('exam practice', () => {
  test('a round answers a question, explains every option, and brings a missed one back', async ({ page }) => {
    await page.goto('/practice/?drills=off');
    const data = await pageData(page);
    await expect(page.getByText('Due for review: 0')).toBeVisible();

    const missed = await currentQuestion(page, data);
    await expect(item(page).getByRole('heading', { level: 2 })).toHaveText(/^Question 1 of 10$/);
    await answerQuestion(page, missed, false);

    const feedback = item(page).locator('[data-pr-feedback]');
    await expect(feedback.getByRole('heading', { name: 'Not quite' })).toBeFocused();
    await expect(page.locator('[data-pr-live]')).toContainText('Not quite.');
    // The reason of every option, right or wrong, and the source.
    for (const o of missed.options) await expect(feedback).toContainText(plain(o.why));
    await expect(feedback.locator('.pr-why')).toHaveCount(missed.options.length);
    if (missed.source) await expect(feedback.getByRole('link', { name: missed.source.title })).toHaveAttribute('href', missed.source.url);
    await expect(feedback).toContainText('It comes back after 3 more items');
    await expect(page.getByText('Due for review: 1')).toBeVisible();
    await expect(item(page).getByRole('heading', { level: 2 })).toHaveText('Question 1 of 11');

    await page.getByRole('button', { name: 'Next' }).click();
    await expect(item(page).getByRole('heading', { level: 2 })).toBeFocused();
    for (let i = 0; i < 3; i++) {
      const q = await currentQuestion(page, data);
      expect(q.key).not.toBe(missed.key);
      await answerQuestion(page, q, true);
      await expect(item(page).getByRole('heading', { name: 'Correct' })).toBeFocused();
      await expect(item(page)).toContainText('Next review in 1 day');
      await page.getByRole('button', { name: 'Next' }).click();
    }
    // The fifth item is the missed one, marked as a review.
    expect((await currentQuestion(page, data)).key).toBe(missed.key);
    await expect(item(page)).toContainText('Review: missed earlier');
    await answerQuestion(page, missed, true);
    await expect(page.getByText('Due for review: 0')).toBeVisible();
    await expect(page.locator('[data-pr-round]')).toHaveText('This round: 3 of 4 answers right first time');

    // The store keeps the boxes and the scores the course map reads.
    const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), PRACTICE_KEY);
    expect(stored.items[missed.key]).toMatchObject({ box: 2, ok: true, seen: 2 });
    const lessonScores = page.locator(`[data-pr-lesson-scores] li[data-lesson="${missed.lesson}"]`);
    await expect(lessonScores).toContainText(/\d+ of \d+ right/);
  });

  test('an item missed in an earlier session is asked first, with checkboxes when it has several answers', async ({ page }) => {
    await page.goto('/practice/');
    const data = await pageData(page);
    const multiple = data.questions.find((q) => q.type === 'multiple')!;
    await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [PRACTICE_KEY, dueNow(multiple.key)]);
    await page.reload();

    await expect(page.getByText('Due for review: 1')).toBeVisible();
    expect((await currentQuestion(page, data)).key).toBe(multiple.key);
    const need = multiple.options.filter((o) => o.correct).length;
    await expect(item(page).getByRole('checkbox')).toHaveCount(multiple.options.length);
    await expect(item(page).getByRole('radio')).toHaveCount(0);
    await expect(item(page)).toContainText(`Choose ${need} answers.`);

    // Too few ticks: a message, not a grade.
    await item(page).getByLabel(plain(multiple.options.find((o) => o.correct)!.text), { exact: true }).check();
    await item(page).getByRole('button', { name: 'Check answer' }).click();
    await expect(item(page).locator('.pr-error')).toHaveText(`Choose exactly ${need} answers; you have chosen 1.`);
    await expect(item(page)).toHaveAttribute('data-state', 'asking');

    for (const o of multiple.options.filter((x) => x.correct)) await item(page).getByLabel(plain(o.text), { exact: true }).check();
    await item(page).getByRole('button', { name: 'Check answer' }).click();
    await expect(item(page).getByRole('heading', { name: 'Correct' })).toBeFocused();
    await expect(page.getByText('Due for review: 0')).toBeVisible();
  });

  test('a drill shows the policies and the request, and the engine decides it', async ({ page }) => {
    const drill = exactScenario();
    await seedStorage(page, { [PRACTICE_KEY]: dueNow(drill.key) });
    const engineRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/_astro\/(drill|engine)\./.test(r.url())) engineRequests.push(r.url());
    });
    await page.goto('/practice/');
    const data = await pageData(page);

    // Two questions first; the engine is not loaded for them.
    await answerAnyAndGoOn(page, data);
    await answerQuestion(page, await currentQuestion(page, data), true);
    expect(engineRequests, 'the engine loads only with the first drill').toEqual([]);
    await page.getByRole('button', { name: 'Next' }).click();

    await expect(item(page)).toHaveAttribute('data-kind', 'drill');
    await expect(item(page)).toHaveAttribute('data-key', drill.key);
    await expect(item(page).getByRole('heading', { name: 'Policies in force' })).toBeVisible();
    await expect(item(page).locator('.pr-policy pre').first()).toContainText('"Statement"');
    await expect(item(page).locator('.pr-request')).toContainText('Action');
    await expect(item(page).locator('.pr-policy pre')).not.toContainText(['@learner']);
    await expect(item(page).getByRole('radio')).toHaveCount(3);

    await item(page).getByLabel(/^Allow/).check();
    await item(page).getByRole('button', { name: 'Check answer' }).click();
    await expect(item(page)).toHaveAttribute('data-decision', drill.expect);
    const feedback = item(page).locator('[data-pr-feedback]');
    await expect(feedback.getByRole('heading', { name: 'Not quite' })).toBeFocused();
    await expect(feedback).toContainText('AWS decides: Explicit deny. You chose Allow.');
    await expect(feedback.locator('.pr-sentences li').first()).toContainText('Denied by');
    expect(engineRequests.length).toBeGreaterThan(0);
  });

  test('filters by exam from the form, and preselects lesson and exam from the query string', async ({ page }) => {
    await page.goto('/practice/');
    const data = await pageData(page);
    await page.getByLabel('Exam', { exact: true }).selectOption('DVA');
    await page.getByLabel(/^Mix in predict-the-decision drills/).uncheck();
    await page.getByRole('button', { name: 'Start a new round' }).click();
    await expect(page).toHaveURL(/\/practice\/\?exam=DVA&drills=off$/);
    await expect(item(page).getByRole('heading', { level: 2 })).toBeFocused();
    const expected = Math.min(10, data.questions.filter((q) => q.exams.includes('DVA')).length);
    await expect(item(page).getByRole('heading', { level: 2 })).toHaveText(`Question 1 of ${expected}`);
    for (let i = 0; i < 3; i++) {
      expect((await currentQuestion(page, data)).exams).toContain('DVA');
      await answerAnyAndGoOn(page, data);
    }

    // From a lesson page's link.
    const lesson = data.lessons[0]!;
    await page.goto(`/lessons/${lesson.slug}/`);
    await page.getByRole('link', { name: /in Practice$/ }).click();
    await expect(page.getByLabel('Lesson', { exact: true })).toHaveValue(lesson.slug);
    const q = await currentQuestion(page, data);
    expect(q.lesson).toBe(lesson.slug);

    await page.goto('/practice/?exam=SAA&lesson=no-such-lesson');
    await expect(page.getByLabel('Exam', { exact: true })).toHaveValue('SAA');
    await expect(page.getByLabel('Lesson', { exact: true })).toHaveValue('');
    await expect(page.locator('.pr-notice')).toContainText('There is no lesson “no-such-lesson” to practise');
  });

  test('a round ends with a summary, and another round can start', async ({ page }) => {
    await page.goto('/practice/?drills=off');
    const data = await pageData(page);
    const lesson = data.lessons[0]!;
    const count = data.questions.filter((q) => q.lesson === lesson.slug).length;
    await page.goto(`/practice/?lesson=${lesson.slug}&drills=off&length=all`);
    for (let i = 0; i < count; i++) await answerAnyAndGoOn(page, data);
    const summary = page.locator('[data-pr-summary]');
    await expect(summary.getByRole('heading', { name: 'Round complete' })).toBeFocused();
    await expect(summary).toContainText(`You got ${count} of ${count} items right the first time.`);
    await expect(summary).toContainText('Nothing is due for review now');
    await expect(page.locator(`[data-pr-lesson-scores] li[data-lesson="${lesson.slug}"]`)).toContainText(`${count} of ${count} right (100%)`);
    await summary.getByRole('button', { name: 'Start another round' }).click();
    await expect(item(page).getByRole('heading', { level: 2 })).toBeFocused();
  });

  test('the course map shows the practice score of a lesson', async ({ page }) => {
    await page.goto('/');
    const slug = await page.locator('[data-progress]').first().getAttribute('data-lesson');
    await page.goto(`/practice/?lesson=${slug}&drills=off`);
    const data = await pageData(page);
    const q = await currentQuestion(page, data);
    await answerQuestion(page, q, true);
    await page.goto('/');
    await expect(page.locator(`[data-progress][data-lesson="${q.lesson}"] [data-practice]`)).toHaveText('Practice: 1 of 1 correct');
  });

  test('corrupted saved practice is reset with a visible notice', async ({ page }) => {
    for (const bad of ['{not json', '{"scores":{"root-user":{"correct":9,"total":2}}}', '{"scores":{},"items":{"q:x:y":{"box":"1"}}}']) {
      await page.goto('/practice/');
      await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [PRACTICE_KEY, bad]);
      await page.reload();
      await expect(page.locator('.pr-notice')).toContainText('could not be read, so it has been reset');
      if (bad === '{not json') await expectNoAxeViolations(page, '.pr-notices');
      await expect(item(page)).toHaveAttribute('data-state', 'asking');
      const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), PRACTICE_KEY);
      expect(stored).toEqual({ scores: {}, exams: {}, items: {} });
      await page.reload();
      await expect(page.locator('.pr-notice')).toHaveCount(0);
    }
  });

  test('works with the keyboard alone', async ({ page }) => {
    await page.goto('/practice/?drills=off');
    const data = await pageData(page);
    const q = await currentQuestion(page, data);
    // From the round's heading, Tab reaches the first option (past the link to the lesson).
    await item(page).getByRole('heading', { level: 2 }).focus();
    await page.keyboard.press('Tab');
    await expect(item(page).locator('.pr-item-meta a')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(item(page).locator('input').first()).toBeFocused();
    if (q.type === 'single') {
      await page.keyboard.press('Space');
    } else {
      const need = q.options.filter((o) => o.correct).length;
      for (let i = 0; i < need; i++) {
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
      }
    }
    await expect(item(page).locator('input:checked').first()).toBeAttached();
    await item(page).getByRole('button', { name: 'Check answer' }).focus();
    await page.keyboard.press('Enter');
    await expect(item(page).locator('.pr-verdict')).toBeFocused();
    // Tab on to the Next button, then Enter: focus lands on the next item's heading.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.getByRole('button', { name: 'Next' }).evaluate((b) => b === document.activeElement)) break;
    }
    await expect(page.getByRole('button', { name: 'Next' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(item(page).getByRole('heading', { level: 2 })).toBeFocused();
    await expect(item(page).getByRole('heading', { level: 2 })).toHaveText(/^Question 2 of/);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`is axe clean in the ${theme} theme, asking and explaining, a question and a drill`, async ({ page }) => {
      test.setTimeout(120_000); // four axe runs; each takes seconds on a busy machine
      await seedStorage(page, { [THEME_KEY]: theme });
      await page.goto('/practice/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const data = await pageData(page);
      await expectNoAxeViolations(page);
      await answerQuestion(page, await currentQuestion(page, data), false);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Next' }).click();
      await answerAnyAndGoOn(page, data);
      await expect(item(page)).toHaveAttribute('data-kind', 'drill');
      await expectNoAxeViolations(page);
      await item(page).getByLabel(/^Implicit deny/).check();
      await item(page).getByRole('button', { name: 'Check answer' }).click();
      await expect(item(page)).toHaveAttribute('data-state', 'answered');
      await expectNoAxeViolations(page);
    });
  }

  test('long unbroken text (ARNs, keys) never widens a phone screen', async ({ page }) => {
    // Every prompt, option and explanation starts with a 200-character token without a break opportunity.
    const long = `arn:aws:iam::111122223333:role/${'x'.repeat(170)}`;
    await page.route('**/practice/**', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/"(prompt|text|why)":"/g, `"$1":"${long} `);
      await route.fulfill({ response, body: html });
    });
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/practice/?drills=off');
    const data = await pageData(page);
    const q = await currentQuestion(page, data);
    await expect(item(page)).toContainText(long);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await answerQuestion(page, q, false);
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  test('fits a phone screen, drill included', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/practice/');
    const data = await pageData(page);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await answerQuestion(page, await currentQuestion(page, data), false);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.getByRole('button', { name: 'Next' }).click();
    await answerAnyAndGoOn(page, data);
    await expect(item(page)).toHaveAttribute('data-kind', 'drill');
    await item(page).getByLabel(/^Allow/).check();
    await item(page).getByRole('button', { name: 'Check answer' }).click();
    await expect(item(page)).toHaveAttribute('data-state', 'answered');
    expect(await hasHorizontalScroll(page)).toBe(false);
  });
});
