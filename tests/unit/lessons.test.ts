/**
 * Every lesson's content, proven without a browser: each file follows the
 * schema, each exercise has exactly one learner slot, every reference
 * solution gets every row right, and every starter of an edit exercise does
 * not (the learner has something to do). Predict exercises: the rows'
 * expected decisions are what the engine decides for the policy shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exercisesFileSchema, questionsFileSchema, type Exercise, type Scenario } from '../../lessons/schema.ts';
import { scenarioPolicies, policyText, learnerSlots, meetsExpectation, resourceKindFor } from '../../lessons/exercise.ts';
import { prepare, evaluate, type Decision } from '../../engine/index.ts';
import { parseMarkdown, type Inline } from '../../site/scripts/workbench/markdown.ts';

const root = fileURLToPath(new URL('../../lessons', import.meta.url));
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && /^\d\d-/.test(d.name)).map((d) => d.name);

function decide(ex: Exercise, sc: Scenario, text: string): Decision | 'Invalid' {
  const prepared = prepare(scenarioPolicies(ex, sc, text), resourceKindFor(ex.kind, sc.request));
  if (prepared.errors.length) return 'Invalid';
  return evaluate(sc.principal, sc.request, prepared).decision;
}

/** The plain text an exercise's Markdown shows, code spans left out. */
function shownText(source: string): string[] {
  const out: string[] = [];
  const walk = (nodes: Inline[]): void => {
    for (const n of nodes) {
      if (n.t === 'text') out.push(n.v);
      else if (n.t !== 'code') walk(n.c);
    }
  };
  for (const b of parseMarkdown(source)) {
    if (b.t === 'p') walk(b.c);
    else for (const item of b.items) walk(item);
  }
  return out;
}

/** An asterisk that opens or closes emphasis, left on the page as a character. */
const STRAY_EMPHASIS = /\*\*|(^|[\s(])\*[^\s*]|[^\s*]\*($|[\s.,;:!?)])/;

test('there are lessons to check', () => {
  assert.ok(folders.length > 0);
});

for (const folder of folders) {
  const exFile = join(root, folder, 'exercises.json');
  const qFile = join(root, folder, 'questions.json');

  test(`${folder}: has lesson.md, exercises.json and questions.json`, () => {
    assert.ok(existsSync(join(root, folder, 'lesson.md')), 'lesson.md');
    assert.ok(existsSync(exFile), 'exercises.json');
    assert.ok(existsSync(qFile), 'questions.json');
  });
  if (!existsSync(exFile)) continue;

  const parsed = exercisesFileSchema.safeParse(JSON.parse(readFileSync(exFile, 'utf8')));
  test(`${folder}: exercises.json follows the schema`, () => {
    assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues, null, 1));
  });
  if (existsSync(qFile)) {
    test(`${folder}: questions.json follows the schema`, () => {
      const q = questionsFileSchema.safeParse(JSON.parse(readFileSync(qFile, 'utf8')));
      assert.ok(q.success, q.success ? '' : JSON.stringify(q.error.issues, null, 1));
    });
  }
  if (!parsed.success) continue;

  const ids = new Set<string>();
  for (const ex of parsed.data.exercises) {
    test(`${folder}/${ex.id}: the task, hints and explanation show no Markdown asterisks as text`, () => {
      for (const source of [ex.task, ...(ex.hints ?? []), ex.explanation ?? '']) {
        for (const text of shownText(source)) assert.doesNotMatch(text, STRAY_EMPHASIS, text);
      }
    });
    test(`${folder}/${ex.id}: ids are unique and there is one learner slot`, () => {
      assert.ok(!ids.has(ex.id), `duplicate exercise id ${ex.id}`);
      ids.add(ex.id);
      assert.equal(learnerSlots(ex.policies), 1);
      const rows = new Set(ex.scenarios.map((s) => s.id));
      assert.equal(rows.size, ex.scenarios.length, 'scenario ids must be unique');
    });

    if (ex.type === 'edit') {
      test(`${folder}/${ex.id}: the reference solution gets every row right`, () => {
        const text = policyText(ex.solution);
        for (const sc of ex.scenarios) {
          const got = decide(ex, sc, text);
          assert.ok(meetsExpectation(sc.expect, got), `row ${sc.id} (${sc.label}): expected ${sc.expect}, got ${got}`);
        }
      });
      test(`${folder}/${ex.id}: the starter does not already solve it`, () => {
        const text = policyText(ex.starter);
        const all = ex.scenarios.every((sc) => meetsExpectation(sc.expect, decide(ex, sc, text)));
        assert.equal(all, false);
      });
    } else {
      test(`${folder}/${ex.id}: each row's expected decision is the engine's`, () => {
        const text = policyText(ex.starter);
        for (const sc of ex.scenarios) {
          assert.notEqual(sc.expect, 'Deny', `row ${sc.id}: a prediction needs an exact decision`);
          const got = decide(ex, sc, text);
          assert.equal(got, sc.expect, `row ${sc.id} (${sc.label})`);
        }
      });
    }
  }
}

test('learnerSlots counts the marker in every slot, SCP and RCP levels included', () => {
  const L = '@learner';
  assert.equal(learnerSlots({}), 0);
  assert.equal(learnerSlots({ identity: [L, {}], resource: L, scp: [[{}], [L]], rcp: [[L]] }), 4);
  assert.equal(learnerSlots({ permissionsBoundary: L, session: [L] }), 2);
});
