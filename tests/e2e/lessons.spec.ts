/**
 * Every lesson's workbenches decide in the browser exactly as the engine
 * decides in node: for each exercise, once its workbench has loaded, every
 * row's `data-decision` is the engine's decision for the starter (predict
 * rows included: they carry it while the cell hides it). A page whose
 * editor or engine failed to load, or whose rows disagree with the content
 * tests' engine, fails here. No console error on the way (helpers.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from './helpers.ts';
import { exercisesFileSchema, type Exercise, type Scenario } from '../../lessons/schema.ts';
import { policyText, resourceKindFor, scenarioPolicies } from '../../lessons/exercise.ts';
import { evaluate, prepare } from '../../engine/index.ts';

const root = new URL('../../lessons/', import.meta.url);
const lessons = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .map((d) => ({
    slug: d.name.replace(/^\d\d-/, ''),
    exercises: exercisesFileSchema.parse(JSON.parse(readFileSync(new URL(`${d.name}/exercises.json`, root), 'utf8'))).exercises,
  }));

/** The engine's decision for a row with the starter in the learner's place. */
function decide(ex: Exercise, sc: Scenario): string {
  const prepared = prepare(scenarioPolicies(ex, sc, policyText(ex.starter)), resourceKindFor(ex.kind, sc.request));
  return prepared.errors.length ? 'Invalid' : evaluate(sc.principal, sc.request, prepared, { trace: false }).decision;
}

for (const lesson of lessons) {
  test(`${lesson.slug}: every workbench grid decides as the engine does`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/lessons/${lesson.slug}/`);
    for (const ex of lesson.exercises) {
      const wb = page.getByRole('region', { name: ex.title, exact: true });
      await wb.scrollIntoViewIfNeeded();
      await expect(wb, `${ex.id} loads`).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      for (const sc of ex.scenarios) {
        await expect(wb.locator(`tr[data-scenario="${sc.id}"]`), `${ex.id}/${sc.id}`).toHaveAttribute('data-decision', decide(ex, sc));
      }
    }
  });
}
