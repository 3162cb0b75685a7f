/**
 * The lesson workbench, in the production build: live decisions, the
 * explanation and its highlight, solving, drafts surviving a reload, broken
 * policies, predict exercises, and leaving the editor by keyboard.
 *
 * The exercises come from lesson 1's `exercises.json`, read here, so the
 * tests follow the content: an edit exercise's starter fails some row and
 * its solution passes them all (the content tests prove both).
 * Every test also fails on a console error (see helpers.ts).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './helpers.ts';

interface Scenario { id: string; label: string; expect: string }
interface Exercise {
  type: 'edit' | 'predict';
  id: string;
  title: string;
  starter: unknown;
  solution?: unknown;
  scenarios: Scenario[];
}

const LESSON_DIR = '01-root-user';
const SLUG = LESSON_DIR.replace(/^\d+-/, '');
const exercises = (JSON.parse(readFileSync(new URL(`../../lessons/${LESSON_DIR}/exercises.json`, import.meta.url), 'utf8')) as {
  exercises: Exercise[];
}).exercises;
const editExercise = exercises.find((e) => e.type === 'edit' && e.solution !== undefined);
const predictExercise = exercises.find((e) => e.type === 'predict');
const DRAFT_KEY = (id: string): string => `iamlab:draft:v1:${SLUG}:${id}`;

/** One-line JSON: typed character by character, it needs no indentation. */
const oneLine = (policy: unknown): string => (typeof policy === 'string' ? policy.replace(/\s*\n\s*/g, ' ') : JSON.stringify(policy));

/** A decision as the grid words it. */
const WORDS: Record<string, RegExp> = {
  Allow: /Allow/,
  ExplicitDeny: /Explicit deny/,
  ImplicitDeny: /Implicit deny/,
  Invalid: /Invalid/,
};

const satisfies = (expected: string, actual: string | null): boolean =>
  expected === 'Deny' ? actual === 'ExplicitDeny' || actual === 'ImplicitDeny' : expected === actual;

/** Opens the lesson and returns the workbench of `exercise`, upgraded. */
async function openWorkbench(page: Page, exercise: Exercise): Promise<Locator> {
  await page.goto(`/lessons/${SLUG}/`);
  const wb = page.getByRole('region', { name: exercise.title, exact: true });
  await wb.scrollIntoViewIfNeeded();
  await expect(wb).toHaveAttribute('data-state', 'ready');
  return wb;
}

const editorOf = (wb: Locator): Locator => wb.getByRole('textbox', { name: /policy/i });
const problemsOf = (wb: Locator): Locator => wb.getByRole('region', { name: /problems in your policy/i });

/**
 * Replaces the editor's text with `text`: all but its last characters are
 * inserted at once (as a paste would), the last ones typed key by key, so
 * the final state comes from keystrokes.
 */
async function typeInto(page: Page, wb: Locator, text: string): Promise<void> {
  await editorOf(wb).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  const keyed = Math.min(text.length, 8);
  if (text.length > keyed) await page.keyboard.insertText(text.slice(0, text.length - keyed));
  await page.keyboard.type(text.slice(text.length - keyed));
  await problemsSettled(wb);
}

/**
 * Waits for the problems list to render what was typed: it does so once
 * typing pauses (400 ms), and it stands above the buttons and the grid, so a
 * click that straddled that render would lose its mouseup to the moved
 * layout. A learner likewise sees the list change before clicking below it.
 */
async function problemsSettled(wb: Locator): Promise<void> {
  await expect(wb.locator('[data-wb-problems]')).not.toHaveAttribute('aria-busy', 'true');
}

/** Each row's decision attribute, and whether it equals the words the row shows. */
async function decisions(wb: Locator): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const row of await wb.locator('tr[data-scenario]').all()) {
    const id = (await row.getAttribute('data-scenario')) ?? '';
    const decision = await row.getAttribute('data-decision');
    if (decision && (await row.getAttribute('data-hidden')) === null) await expect(row.locator('[data-col="decision"]'), `row ${id} shows its data-decision`).toContainText(WORDS[decision]!);
    out.set(id, decision);
  }
  return out;
}

test.describe('edit exercise', () => {
  test('the lesson has an edit exercise with a solution', () => expect(editExercise, `lesson ${LESSON_DIR} needs one`).toBeTruthy());
  const ex = editExercise!;

  test('typing changes data-decision, on every keystroke, without a Run button', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await expect(wb.getByRole('button', { name: /^run$/i })).toHaveCount(0);
    const before = await decisions(wb);
    const failing = ex.scenarios.filter((s) => !satisfies(s.expect, before.get(s.id) ?? null));
    expect(failing.length, 'the starter already passes every row').toBeGreaterThan(0);

    await typeInto(page, wb, oneLine(ex.solution));
    for (const s of failing) {
      const row = wb.locator(`tr[data-scenario="${s.id}"]`);
      await expect(row).toHaveAttribute('data-expected', s.expect);
      await expect(row).toHaveAttribute('data-decision', s.expect === 'Deny' ? /ExplicitDeny|ImplicitDeny/ : s.expect);
    }
    const after = await decisions(wb);
    expect(failing.some((s) => after.get(s.id) !== before.get(s.id)), 'no decision changed').toBe(true);

    // One more keystroke breaks the JSON: every row follows at once.
    await page.keyboard.type(',');
    for (const s of ex.scenarios) await expect(wb.locator(`tr[data-scenario="${s.id}"]`)).toHaveAttribute('data-decision', 'Invalid');
    await page.keyboard.press('Backspace');
    await expect(wb.locator('tr[data-scenario][data-decision="Invalid"]')).toHaveCount(0);
  });

  test('selecting a row explains it, highlights the deciding statement and lights the flowchart', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    const explain = wb.locator('[data-wb-explain]');
    await expect(wb.locator('[data-highlight="decided"]')).toHaveCount(0);

    // The first row decided by a statement of the learner's policy: an explicit deny in the starter.
    const all = await decisions(wb);
    const denied = ex.scenarios.find((s) => all.get(s.id) === 'ExplicitDeny');
    expect(denied, 'no row of the starter is explicitly denied').toBeTruthy();
    const button = wb.getByRole('button', { name: denied!.label, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(explain).toContainText(denied!.label);
    await expect(explain).toContainText('Explicit deny');
    await expect(explain).toContainText(/statement/);

    // The deciding statement is highlighted inside the editor, on the tab that is shown.
    const mark = editorOf(wb).locator('[data-highlight="decided"]');
    await expect(mark.first()).toBeVisible();
    await expect(editorOf(wb)).toContainText('"Deny"');
    await expect(mark.filter({ hasText: 'Deny' }).first()).toBeVisible();

    // The flowchart: the explicit-deny exit is taken, and its description says so.
    const flow = wb.getByRole('img', { name: /evaluation flowchart/i });
    await expect(flow.locator('[data-exit="denyCheck"]')).toHaveAttribute('data-state', 'taken');
    await expect(flow.locator('[data-step="denyCheck"]')).toHaveAttribute('data-state', 'decided');
    await expect(flow.locator('desc')).toContainText('explicit deny here');

    // Arrow keys move the selection to the next row.
    await button.focus();
    await page.keyboard.press('ArrowDown');
    const next = wb.locator('tr[data-scenario]').nth(ex.scenarios.findIndex((s) => s.id === denied!.id) + 1);
    if ((await next.count()) > 0) {
      await expect(next.getByRole('button')).toBeFocused();
      await expect(next.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
      await expect(button).toHaveAttribute('aria-pressed', 'false');
    }
  });

  test('a statement in a read-only policy is highlighted on its own tab', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await typeInto(page, wb, oneLine(ex.solution));
    const tabs = wb.getByRole('tablist', { name: 'Policies in force' });
    const learnerTab = tabs.getByRole('tab').first();
    // Some row is decided by a fixed policy (e.g. an identity policy's Allow): its tab opens, marked.
    let switched = false;
    for (const s of ex.scenarios) {
      await learnerTab.click();
      await wb.getByRole('button', { name: s.label, exact: true }).click();
      const selected = tabs.getByRole('tab', { selected: true });
      await expect(selected).toHaveCount(1);
      if ((await selected.textContent()) === (await learnerTab.textContent())) continue;
      switched = true;
      const panel = wb.getByRole('tabpanel');
      await expect(panel).toHaveCount(1);
      await expect(panel.locator('mark[data-highlight="decided"]').first()).toBeVisible();
      await expect(wb.locator('[data-wb-explain]')).toContainText(/statement \d+/);
      break;
    }
    expect(switched, 'no row is decided by a read-only policy').toBe(true);

    // Keyboard: the arrow keys move between tabs, and focus follows.
    const selected = tabs.getByRole('tab', { selected: true });
    const name = (await selected.textContent()) ?? '';
    await selected.focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { selected: true })).not.toHaveText(name);
    await expect(tabs.getByRole('tab', { selected: true })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(learnerTab).toHaveAttribute('aria-selected', 'true');
    await expect(editorOf(wb)).toBeVisible();
  });

  test('typing the solution solves the exercise and records it', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    const status = wb.getByRole('status');
    await expect(status).not.toContainText('Solved');
    await typeInto(page, wb, oneLine(ex.solution));
    await expect(status).toContainText('Solved');
    await expect(wb).toHaveAttribute('data-solved', 'true');
    await expect(wb.locator('tr[data-scenario][data-match="false"]')).toHaveCount(0);
    const progress = await page.evaluate(() => localStorage.getItem('iamlab:progress:v1'));
    expect(progress).toContain(ex.id);

    // Hints come one at a time; the solution shows next to the editor.
    const hint = wb.getByRole('button', { name: /hint/i });
    if ((await hint.count()) > 0) {
      const hints = wb.getByRole('list', { name: 'Hints' }).getByRole('listitem');
      await expect(hints).toHaveCount(0);
      await hint.click();
      await expect(hints).toHaveCount(1);
    }
    const show = wb.getByRole('button', { name: 'Show solution' });
    await show.click();
    await expect(wb.getByRole('button', { name: 'Hide solution' })).toHaveAttribute('aria-expanded', 'true');
    await expect(wb.getByRole('region', { name: /reference solution/i })).toBeVisible();
  });

  test('reset restores the starter after confirming, and Ctrl+Z undoes it', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await typeInto(page, wb, '{}');
    await expect(wb.locator('[data-wb-problems-summary]')).toHaveText(/error/);
    await wb.getByRole('button', { name: 'Reset' }).click();
    await wb.getByRole('button', { name: 'Reset to the starter' }).click();
    const starterLine = oneLine(ex.starter).slice(0, 1);
    await expect(editorOf(wb)).toContainText(starterLine);
    await expect(editorOf(wb)).toContainText('Statement');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editorOf(wb)).toHaveText('{}');
  });

  test('the text survives a reload, and so do its decisions', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    const text = oneLine(ex.solution);
    await typeInto(page, wb, text);
    await expect(wb).toHaveAttribute('data-solved', 'true');
    const shown = await decisions(wb);
    await page.reload();
    const again = page.getByRole('region', { name: ex.title, exact: true });
    await again.scrollIntoViewIfNeeded();
    await expect(again).toHaveAttribute('data-state', 'ready');
    await expect(editorOf(again)).toHaveText(text);
    expect(await decisions(again)).toEqual(shown);
  });

  test('a saved draft loads its workbench without a scroll; a draft equal to the starter waits for one', async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 500 });
    const last = exercises[exercises.length - 1]!;
    await page.goto(`/lessons/${SLUG}/`);
    const wb = page.getByRole('region', { name: last.title, exact: true });
    // Preconditions: the workbench starts beyond the 400 px margin that loads it on approach.
    const box = await wb.boundingBox();
    expect(box && box.y > 500 + 400, 'the last workbench should start well below the fold').toBe(true);
    await expect(wb).toHaveAttribute('data-state', 'waiting');
    // The starter as the exercise data holds it (what a reset or an untouched editor saves).
    const starter = await wb.locator('script[data-wb-data]').evaluate((el) => (JSON.parse(el.textContent ?? '{}') as { exercise: { starter: string } }).exercise.starter);
    /** Resolves once the browser has been idle: any early load asked for at page load has begun by then. */
    const idle = () => page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 5000 })));

    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [DRAFT_KEY(last.id), starter] as const);
    await page.reload();
    await idle();
    await expect(wb).toHaveAttribute('data-state', 'waiting');
    await expect(wb.locator('[data-wb-grid]')).not.toHaveAttribute('aria-busy', 'true');

    await page.evaluate(([key]) => localStorage.setItem(key, '{}'), [DRAFT_KEY(last.id)] as const);
    await page.reload();
    await expect(wb).toHaveAttribute('data-state', 'ready');
    await expect(editorOf(wb)).toHaveText('{}');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('an action AWS does not have is flagged from the catalogue, with a suggestion', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await typeInto(page, wb, '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjcet", "Resource": "*"}]}');
    const problems = problemsOf(wb);
    await expect(problems).toContainText('is not a s3 action');
    await expect(problems).toContainText(/did you mean \W*s3:GetObject\W*\?/);
    // A warning, not an error: the policy still decides.
    for (const s of ex.scenarios) await expect(wb.locator(`tr[data-scenario="${s.id}"]`)).not.toHaveAttribute('data-decision', 'Invalid');
  });

  test('condition keys AWS does not document are flagged from the catalogue, with suggestions', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await typeInto(page, wb, '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransports": "true"}, "StringLike": {"kms:ViaServic": "s3.*"}}}]}');
    const problems = problemsOf(wb);
    await expect(problems).toContainText('is not a global condition key AWS documents');
    await expect(problems).toContainText(/did you mean \W*aws:SecureTransport\W*\?/);
    // kms is named by a condition key only: its keys are fetched for it.
    await expect(problems).toContainText('is not a condition key of kms');
    await expect(problems).toContainText(/did you mean \W*kms:ViaService\W*\?/);
  });

  test('a broken policy shows located diagnostics, Invalid rows with the reason, and no console error', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await typeInto(page, wb, '{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow" "Action": "*"} ]}');
    const problems = problemsOf(wb);
    await expect(problems).toContainText(/Line 1, column \d+/);
    await expect(problems).toContainText(/error/i);
    // The diagnostic is drawn in the editor (underline, gutter mark).
    await expect(editorOf(wb).locator('.cm-lintRange-error').first()).toBeVisible();
    await expect(wb.locator('.cm-lint-marker-error').first()).toBeVisible();
    for (const s of ex.scenarios) {
      const row = wb.locator(`tr[data-scenario="${s.id}"]`);
      await expect(row).toHaveAttribute('data-decision', 'Invalid');
      await expect(row).toContainText(/line 1, column \d+/);
    }
    // The list's link moves the cursor to the problem.
    await problems.getByRole('button', { name: /Line 1, column/ }).first().click();
    await expect(editorOf(wb)).toBeFocused();

    // A huge paste stays responsive and gets the engine's size warning, not an error in the console.
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: 400 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `s3:GetObject`, Resource: `arn:aws:s3:::bucket-${i}/*` })),
    });
    await editorOf(wb).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(big);
    await expect(problems).toContainText(/warning|error/i);
    await expect(wb.locator('tr[data-scenario]').first()).toHaveAttribute('data-decision', /Allow|ExplicitDeny|ImplicitDeny|Invalid/);
  });

  test('when storage refuses to save, the page says so and logs nothing', async ({ page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    const wb = await openWorkbench(page, ex);
    await typeInto(page, wb, '{}');
    await expect(wb.getByText(/not being saved|does not let the page save/)).toBeVisible();
  });

  test('Escape then Tab leaves the editor; Tab alone indents', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    await expect(wb.locator('.wb-note', { hasText: 'Press Escape, then Tab, to leave the editor.' })).toBeVisible();
    const editor = editorOf(wb);
    await editor.click();
    await page.keyboard.press('Tab');
    await expect(editor).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(editor).not.toBeFocused();
    const focusedInside = await wb.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el);
    expect(focusedInside, 'focus went to the next control of the workbench').toBe(true);
  });
});

test.describe('predict exercise', () => {
  test('the lesson has a predict exercise', () => expect(predictExercise, `lesson ${LESSON_DIR} needs one`).toBeTruthy());
  const ex = predictExercise!;

  test('decisions stay hidden until every row has a guess, Check reveals and marks them, Guess again hides them', async ({ page }) => {
    const wb = await openWorkbench(page, ex);
    const rows = wb.locator('tr[data-scenario]');
    await expect(rows).toHaveCount(ex.scenarios.length);
    // Every row carries its decision (DESIGN.md contract 3), but the cells keep it hidden.
    await expect(wb.locator('tr[data-scenario][data-decision][data-hidden="true"]')).toHaveCount(ex.scenarios.length);
    await expect(wb.getByText('Hidden until you check')).toHaveCount(ex.scenarios.length);

    // The policy is read-only until the check, and its name says so.
    const editor = editorOf(wb);
    await expect(editor).toHaveAttribute('aria-label', /read-only until you check/);
    const before = await editor.textContent();
    await editor.click();
    await page.keyboard.type('xyz');
    await expect(editor).toHaveText(before ?? '');

    // Check with a row missing says so and reveals nothing.
    const check = wb.getByRole('button', { name: 'Check my guesses' });
    await check.click();
    await expect(wb.getByRole('status')).toContainText('guess');
    await expect(wb.locator('tr[data-scenario][data-hidden="true"]')).toHaveCount(ex.scenarios.length);

    // Guess wrong on purpose: the opposite of each expected decision.
    for (const s of ex.scenarios) {
      const group = wb.getByRole('group', { name: `Your guess for ${s.label}` });
      await group.getByRole('radio', { name: s.expect === 'Allow' ? 'Implicit deny' : 'Allow' }).check();
    }
    await check.click();
    await expect(wb.locator('tr[data-scenario][data-decision]')).toHaveCount(ex.scenarios.length);
    for (const s of ex.scenarios) {
      const row = wb.locator(`tr[data-scenario="${s.id}"]`);
      await expect(row).toHaveAttribute('data-guess', 'wrong');
      await expect(row).toContainText('Wrong');
    }
    await expect(wb.getByRole('status')).toContainText(`You got 0 of ${ex.scenarios.length} right`);

    // The first wrong guess is explained at once; other rows on selection; the policy can be edited.
    const explain = wb.locator('[data-wb-explain]');
    await expect(explain).toContainText(ex.scenarios[0]!.label);
    await expect(explain).toContainText(WORDS[(await rows.first().getAttribute('data-decision')) ?? 'Invalid']!);
    const last = ex.scenarios[ex.scenarios.length - 1]!;
    await wb.getByRole('button', { name: last.label, exact: true }).click();
    await expect(explain).toContainText(last.label);
    await expect(explain).toContainText(WORDS[(await rows.last().getAttribute('data-decision')) ?? 'Invalid']!);
    await expect(editor).toHaveAttribute('aria-label', /JSON editor/);
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('x');
    await problemsSettled(wb);
    await expect(editor).toContainText('}x');
    await expect(wb.locator('tr[data-scenario][data-decision="Invalid"]')).toHaveCount(ex.scenarios.length);

    // Guess again: the starter is back and read-only, the decisions hidden, the guesses cleared.
    await wb.getByRole('button', { name: 'Guess again' }).click();
    await expect(editor).toHaveText(before ?? '');
    await expect(wb).toHaveAttribute('data-checked', 'false');
    await expect(wb.locator('tr[data-scenario][data-hidden="true"]')).toHaveCount(ex.scenarios.length);
    await expect(wb.locator('[data-wb-explanation]')).toBeHidden();
    await expect(check).toBeVisible();
    await expect(wb.getByRole('button', { name: 'Guess again' })).toBeHidden();
    await expect(wb.getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(editor).toHaveAttribute('aria-label', /read-only until you check/);
    await editor.click();
    await page.keyboard.type('xyz');
    await expect(editor).toHaveText(before ?? '');
  });
});
