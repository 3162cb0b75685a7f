/**
 * The practice page's logic without a browser: the data built from the
 * lessons, filters and the query string, the order of a round, missed items
 * coming back, grading, Leitner scheduling, scores, and the store's guard
 * against corrupted localStorage.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exercisesFileSchema, lessonSchema, questionsFileSchema } from '../../lessons/schema.ts';
import { meetsExpectation } from '../../lessons/exercise.ts';
import { buildPracticeData, type LessonContent } from '../../site/scripts/practice/catalogue.ts';
import { serializeForScript } from '../../site/scripts/data.ts';
import {
  advance,
  allItems,
  answerCurrent,
  buildQueue,
  currentEntry,
  DEFAULT_FILTERS,
  filterItems,
  filtersToSearch,
  gradeQuestion,
  MAX_RETRIES,
  newRound,
  parseFilters,
  seededRandom,
  shuffle,
  type Filters,
} from '../../site/scripts/practice/session.ts';
import {
  BOX_DAYS,
  dueCount,
  emptyStore,
  isPracticeStore,
  loadStore,
  MAX_BOX,
  PRACTICE_KEY,
  recordAnswer,
  saveStore,
  schedule,
  type ItemPlace,
  type PracticeStoreV1,
  type StorageLike,
} from '../../site/scripts/practice/store.ts';
import { decideDrill } from '../../site/scripts/practice/drill.ts';
import { policyPanels, requestRows } from '../../site/scripts/practice/describe.ts';
import { parseInline } from '../../site/scripts/workbench/markdown.ts';
import { codeSpans } from '../../site/scripts/code-spans.ts';
import { EXAMS, isPracticeData, type ExamCode, type PracticeData, type PracticeItem, type PracticeQuestion } from '../../site/scripts/practice/types.ts';
import { isPractice, readPractice } from '../../site/scripts/progress.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

// ---- the course, read the way the build reads it --------------------------------

const root = fileURLToPath(new URL('../../lessons', import.meta.url));
function frontMatter(text: string): Record<string, unknown> {
  // Just enough YAML for the fields the practice page uses.
  const block = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const get = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
  const exams = /^exams:\s*\[(.*)\]/m.exec(block)?.[1]?.split(',').map((s) => s.trim().replace(/['"]/g, ''))
    ?? [...block.matchAll(/^exams:\n((?:\s+- .*\n?)+)/gm)].flatMap((m) => (m[1] ?? '').split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean));
  return { number: Number(get('number')), title: get('title').replace(/^['"]|['"]$/g, ''), exams };
}
const lessons: LessonContent[] = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name) && existsSync(join(root, d.name, 'lesson.md')))
  .map((d) => {
    const fm = frontMatter(readFileSync(join(root, d.name, 'lesson.md'), 'utf8'));
    const read = (f: string) => JSON.parse(readFileSync(join(root, d.name, f), 'utf8'));
    const slug = d.name.replace(/^\d+-/, '');
    return {
      slug,
      number: fm.number as number,
      title: fm.title as string,
      href: `/lessons/${slug}/`,
      exams: lessonSchema.shape.exams.parse(fm.exams),
      questions: existsSync(join(root, d.name, 'questions.json')) ? questionsFileSchema.parse(read('questions.json')).questions : [],
      exercises: existsSync(join(root, d.name, 'exercises.json')) ? exercisesFileSchema.parse(read('exercises.json')).exercises : [],
    };
  })
  .sort((a, b) => a.number - b.number);

const data = buildPracticeData(lessons);
const items = allItems(data);
const places = new Map<string, ItemPlace>(items.map((i) => [i.key, { lesson: i.lesson, exams: i.exams }]));

/** A Storage stand-in over a Map. */
function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('the data built from the lessons', () => {
  test('holds every question and every scenario, each under a unique key', () => {
    const questions = lessons.reduce((n, l) => n + l.questions.length, 0);
    const scenarios = lessons.reduce((n, l) => n + l.exercises.reduce((m, e) => m + e.scenarios.length, 0), 0);
    assert.ok(questions > 0 && scenarios > 0);
    assert.equal(data.questions.length, questions);
    assert.equal(items.filter((i) => i.kind === 'drill').length, scenarios);
    assert.equal(new Set(items.map((i) => i.key)).size, items.length, 'item keys must be unique');
    assert.ok(isPracticeData(data));
    assert.ok(isPracticeData(JSON.parse(serializeForScript(data))));
  });

  test('every drill is decided by the engine, and agrees with what the lesson expects', () => {
    for (const item of items) {
      if (item.kind !== 'drill') continue;
      const outcome = decideDrill(item.exercise, item.scenario);
      assert.equal(outcome.kind, 'decision', `${item.key}: ${outcome.kind === 'invalid' ? outcome.message : ''}`);
      if (outcome.kind !== 'decision') continue;
      assert.ok(outcome.sentences.length > 0, `${item.key}: no explanation`);
      const lesson = lessons.find((l) => l.slug === item.lesson)!;
      const scenario = lesson.exercises.find((e) => e.id === item.exercise.id)!.scenarios.find((s) => s.id === item.scenario.id)!;
      assert.ok(meetsExpectation(scenario.expect, outcome.decision), `${item.key}: engine says ${outcome.decision}, lesson expects ${scenario.expect}`);
    }
  });

  test('every question, drill and lesson lists its exams in one order, foundational first', () => {
    const inOrder = (list: readonly string[]): boolean => list.every((e, i) => i === 0 || EXAMS.indexOf(list[i - 1] as ExamCode) < EXAMS.indexOf(e as ExamCode));
    for (const item of items) assert.ok(inOrder(item.exams), `${item.key}: ${item.exams.join(', ')}`);
    for (const lesson of data.lessons) assert.ok(inOrder(lesson.exams), `${lesson.slug}: ${lesson.exams.join(', ')}`);
    assert.ok(items.some((i) => i.exams.length > 1), 'some item names several exams');
  });

  test('code spans in question text are found; a backtick without a partner stays text', () => {
    assert.deepEqual(codeSpans('Allow `s3:GetObject` on `*`'), [
      { text: 'Allow ', code: false }, { text: 's3:GetObject', code: true }, { text: ' on ', code: false }, { text: '*', code: true },
    ]);
    assert.deepEqual(codeSpans('a ` lone backtick'), [{ text: 'a ` lone backtick', code: false }]);
    assert.deepEqual(codeSpans('plain'), [{ text: 'plain', code: false }]);
    // Pairs still read as code when a last backtick is unpaired, as in an engine message quoting `.
    assert.deepEqual(codeSpans('use `s3:*` not ` alone'), [
      { text: 'use ', code: false }, { text: 's3:*', code: true }, { text: ' not ` alone', code: false },
    ]);
  });

  test('lesson Markdown splits code the same way, and reads emphasis only outside code', () => {
    assert.deepEqual(parseInline('use `s3:*` not ` alone'), [
      { t: 'text', v: 'use ' }, { t: 'code', v: 's3:*' }, { t: 'text', v: ' not ` alone' },
    ]);
    assert.deepEqual(parseInline('`**not bold**` and **bold**'), [
      { t: 'code', v: '**not bold**' }, { t: 'text', v: ' and ' }, { t: 'strong', c: [{ t: 'text', v: 'bold' }] },
    ]);
    // Emphasis and strong may hold code, as exercise goals do.
    assert.deepEqual(parseInline('Goal: *list `example-bucket` only*.'), [
      { t: 'text', v: 'Goal: ' },
      { t: 'em', c: [{ t: 'text', v: 'list ' }, { t: 'code', v: 'example-bucket' }, { t: 'text', v: ' only' }] },
      { t: 'text', v: '.' },
    ]);
    assert.deepEqual(parseInline('**allow `s3:*`** and `*b*`'), [
      { t: 'strong', c: [{ t: 'text', v: 'allow ' }, { t: 'code', v: 's3:*' }] }, { t: 'text', v: ' and ' }, { t: 'code', v: '*b*' },
    ]);
    assert.deepEqual(parseInline('[the `Principal` page](https://docs.aws.amazon.com/x)'), [
      { t: 'link', href: 'https://docs.aws.amazon.com/x', c: [{ t: 'text', v: 'the ' }, { t: 'code', v: 'Principal' }, { t: 'text', v: ' page' }] },
    ]);
  });

  test('serialized for a script element, no text can close the element', () => {
    const text = serializeForScript({ a: '</script><script>alert(1)</script>', b: '<!-- & \u2028' });
    assert.ok(!text.includes('<') && !text.includes('>') && !text.includes('&') && !text.includes('\u2028'));
    assert.deepEqual(JSON.parse(text), { a: '</script><script>alert(1)</script>', b: '<!-- & \u2028' });
  });

  test('a drill shows its policies with the solution in the learner slot, and its request', () => {
    const drill = items.find((i) => i.kind === 'drill' && i.exercise.policies.scp !== undefined);
    assert.ok(drill && drill.kind === 'drill', 'an exercise with SCPs');
    const panels = policyPanels(drill.exercise, drill.scenario);
    assert.ok(panels.some((p) => p.label.startsWith('Service control policy (SCP), level 1')));
    assert.ok(panels.every((p) => !p.text.includes('@learner')), 'the marker is replaced');
    assert.ok(panels.some((p) => p.text === drill.exercise.learner));
    const rows = requestRows(drill.scenario);
    assert.deepEqual(rows.slice(0, 1).map((r) => r.label), ['Principal']);
    assert.ok(rows.some((r) => r.label === 'Action' && r.value === drill.scenario.request.action));
  });
});

describe('filters', () => {
  const slugs = data.lessons.map((l) => l.slug);

  test('read from the query string, with unknown values ignored and reported', () => {
    const first = slugs[0]!;
    assert.deepEqual(parseFilters(`?lesson=${first}&exam=saa`, slugs).filters, { ...DEFAULT_FILTERS, lesson: first, exam: 'SAA' });
    const odd = parseFilters('?lesson=no-such-lesson&exam=XYZ&drills=off&length=all', slugs);
    assert.deepEqual(odd.filters, { exam: null, lesson: null, drills: false, length: null });
    assert.equal(odd.ignored.length, 2);
    assert.deepEqual(parseFilters('?length=7', slugs).filters.length, DEFAULT_FILTERS.length);
  });

  test('written back to a query string that reads the same', () => {
    const f: Filters = { exam: 'SCS', lesson: slugs[1] ?? null, drills: false, length: 20 };
    assert.deepEqual(parseFilters(filtersToSearch(f), slugs).filters, f);
    assert.equal(filtersToSearch(DEFAULT_FILTERS), '');
  });

  test('keep only the items of the exam and the lesson chosen', () => {
    const saa = filterItems(items, { ...DEFAULT_FILTERS, exam: 'SAA' });
    assert.ok(saa.length > 0 && saa.length < items.length);
    assert.ok(saa.every((i) => i.exams.includes('SAA')));
    const q = data.questions.find((x) => !x.exams.includes('SAA'))!;
    assert.ok(!saa.some((i) => i.key === q.key), 'a question not for SAA is left out');

    const lesson = filterItems(items, { ...DEFAULT_FILTERS, lesson: slugs[0]!, drills: false });
    assert.ok(lesson.length > 0 && lesson.every((i) => i.lesson === slugs[0] && i.kind === 'question'));
  });
});

// ---- rounds ---------------------------------------------------------------------

function fakeQuestion(id: string, lesson = 'l'): PracticeItem {
  const question: PracticeQuestion = {
    key: `q:${lesson}:${id}`, lesson, type: 'single', prompt: id, exams: ['SAA'],
    options: [{ text: 'a', correct: true, why: 'a' }, { text: 'b', correct: false, why: 'b' }, { text: 'c', correct: false, why: 'c' }],
  };
  return { kind: 'question', key: question.key, lesson, exams: ['SAA'], question };
}
const someDrills = items.filter((i) => i.kind === 'drill').slice(0, 3);

describe('a round', () => {
  test('asks items due for review first, most urgent box first', () => {
    const qs = ['a', 'b', 'c', 'd', 'e'].map((id) => fakeQuestion(id));
    let store = emptyStore();
    store = recordAnswer(store, 'q:l:c', false, NOW - DAY, places); // box 1, overdue
    store = recordAnswer(store, 'q:l:e', true, NOW - 2 * DAY, places); // box 2, due after one day: due
    store = recordAnswer(store, 'q:l:a', true, NOW, places); // box 2, not due yet
    const queue = buildQueue(qs, store, { now: NOW, length: null, random: seededRandom(1) });
    assert.deepEqual(queue.slice(0, 2).map((i) => i.key), ['q:l:c', 'q:l:e']);
    assert.equal(queue.at(-1)!.key, 'q:l:a', 'an item not due comes last');
    assert.equal(dueCount(store, qs.map((q) => q.key), NOW), 2);
  });

  test('mixes a drill in at every third place, and is cut to its length', () => {
    const qs = Array.from({ length: 8 }, (_, i) => fakeQuestion(`q${i}`));
    const queue = buildQueue([...qs, ...someDrills], emptyStore(), { now: NOW, length: 10, random: seededRandom(2) });
    assert.equal(queue.length, 10);
    assert.deepEqual(queue.map((i) => i.kind[0]).join(''), 'qqdqqdqqdq');
    const fewQuestions = buildQueue([qs[0]!, ...someDrills], emptyStore(), { now: NOW, length: 10, random: seededRandom(2) });
    assert.deepEqual(fewQuestions.map((i) => i.kind[0]).join(''), 'qddd', 'drills fill in when questions run out');
  });

  test('the same seed gives the same order; another seed shuffles new items', () => {
    const qs = Array.from({ length: 12 }, (_, i) => fakeQuestion(`q${i}`));
    const a = buildQueue(qs, emptyStore(), { now: NOW, length: null, random: seededRandom(5) }).map((i) => i.key);
    const b = buildQueue(qs, emptyStore(), { now: NOW, length: null, random: seededRandom(5) }).map((i) => i.key);
    const c = buildQueue(qs, emptyStore(), { now: NOW, length: null, random: seededRandom(6) }).map((i) => i.key);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.deepEqual([...a].sort(), qs.map((q) => q.key).sort());
    assert.deepEqual(shuffle([], seededRandom(1)), []);
  });

  test('brings a missed item back three items later, and counts only first answers in the score', () => {
    const qs = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => fakeQuestion(id));
    let round = newRound(qs);
    const missed = answerCurrent(round, false);
    assert.equal(missed.comesBack, true);
    round = advance(missed.round);
    assert.deepEqual(round.entries.map((e) => e.item.key.slice(4)).join(''), 'abcdaef');
    assert.equal(round.entries[4]!.retry, 1);
    for (let i = 0; i < 3; i++) round = advance(answerCurrent(round, true).round);
    assert.equal(currentEntry(round)!.item.key, 'q:l:a');
    assert.equal(currentEntry(round)!.retry, 1);
    round = advance(answerCurrent(round, true).round);
    assert.deepEqual({ answered: round.answered, correct: round.correct, recovered: round.recovered }, { answered: 4, correct: 3, recovered: 1 });
  });

  test('a miss near the end comes back at the end; an item comes back at most MAX_RETRIES times', () => {
    let round = newRound([fakeQuestion('a'), fakeQuestion('b')]);
    round = advance(answerCurrent(round, true).round);
    let misses = 0;
    while (currentEntry(round)) {
      const r = answerCurrent(round, false);
      if (r.comesBack) misses += 1;
      round = advance(r.round);
    }
    assert.equal(misses, MAX_RETRIES);
    assert.equal(round.entries.length, 2 + MAX_RETRIES);
    assert.equal(currentEntry(round), null);
  });
});

describe('grading a question', () => {
  const single = fakeQuestion('s').kind === 'question' ? (fakeQuestion('s') as Extract<PracticeItem, { kind: 'question' }>).question : null;
  const multiple: PracticeQuestion = {
    ...single!, type: 'multiple',
    options: [{ text: 'a', correct: true, why: '' }, { text: 'b', correct: true, why: '' }, { text: 'c', correct: false, why: '' }, { text: 'd', correct: false, why: '' }],
  };

  test('a single answer is right only when it is the correct option', () => {
    assert.deepEqual(gradeQuestion(single!, [0]), { status: 'graded', correct: true });
    assert.deepEqual(gradeQuestion(single!, [2]), { status: 'graded', correct: false });
    assert.deepEqual(gradeQuestion(single!, []), { status: 'incomplete', need: 1, chosen: 0 });
  });

  test('a multiple answer needs exactly as many options as are correct, and all of them', () => {
    assert.deepEqual(gradeQuestion(multiple, [1, 0]), { status: 'graded', correct: true });
    assert.deepEqual(gradeQuestion(multiple, [0, 2]), { status: 'graded', correct: false });
    assert.deepEqual(gradeQuestion(multiple, [0]), { status: 'incomplete', need: 2, chosen: 1 });
    assert.deepEqual(gradeQuestion(multiple, [0, 1, 2]), { status: 'incomplete', need: 2, chosen: 3 });
    assert.deepEqual(gradeQuestion(multiple, [0, 0, 9]), { status: 'incomplete', need: 2, chosen: 1 }, 'duplicates and unknown indexes do not count');
  });
});

// ---- spaced review and scores -------------------------------------------------------

describe('spaced review', () => {
  test('a right answer moves the item up a box and further out; a miss sends it back to box 1, due at once', () => {
    let r = schedule(undefined, true, NOW);
    assert.deepEqual([r.box, r.due, r.seen, r.ok], [2, NOW + BOX_DAYS[1]! * DAY, 1, true]);
    for (let i = 0; i < 10; i++) r = schedule(r, true, NOW);
    assert.equal(r.box, MAX_BOX);
    assert.equal(r.due, NOW + BOX_DAYS[MAX_BOX - 1]! * DAY);
    r = schedule(r, false, NOW);
    assert.deepEqual([r.box, r.due, r.ok, r.seen], [1, NOW, false, 12]);
    const fresh = schedule(undefined, false, NOW);
    assert.equal(fresh.box, 1);
  });

  test('an item missed today is due in the next session; one answered right is not due until its box says so', () => {
    let store = recordAnswer(emptyStore(), 'q:l:a', false, NOW, places);
    store = recordAnswer(store, 'q:l:b', true, NOW, places);
    assert.equal(dueCount(store, ['q:l:a', 'q:l:b', 'q:l:never'], NOW + 60_000), 1);
    assert.equal(dueCount(store, ['q:l:a', 'q:l:b'], NOW + BOX_DAYS[1]! * DAY), 2);
  });
});

describe('scores', () => {
  const q = data.questions[0]!;
  const other = data.questions.find((x) => x.lesson !== q.lesson)!;

  test('per lesson and per exam: of the items answered, how many were right the last time', () => {
    let store = recordAnswer(emptyStore(), q.key, false, NOW, places);
    assert.deepEqual(store.scores[q.lesson], { correct: 0, total: 1 });
    store = recordAnswer(store, q.key, true, NOW, places);
    assert.deepEqual(store.scores[q.lesson], { correct: 1, total: 1 }, 'the latest answer counts, once per item');
    store = recordAnswer(store, other.key, false, NOW, places);
    assert.deepEqual(store.scores[other.lesson], { correct: 0, total: 1 });
    for (const exam of q.exams) {
      const expected = { correct: 1, total: other.exams.includes(exam) ? 2 : 1 };
      assert.deepEqual(store.exams[exam], expected, exam);
    }
    assert.equal(store.exams['XYZ'], undefined);
  });

  test('the course map reads the scores the practice page writes', () => {
    const storage = memoryStorage();
    const store = recordAnswer(emptyStore(), q.key, true, NOW, places);
    assert.ok(saveStore(store, storage));
    assert.ok(isPractice(JSON.parse(storage.data.get(PRACTICE_KEY)!)));
    assert.deepEqual(readPractice(storage).scores[q.lesson], { correct: 1, total: 1 });
  });

  test('a store holding only scores (no review boxes yet) keeps them until the lesson is practised', () => {
    const storage = memoryStorage({ [PRACTICE_KEY]: JSON.stringify({ scores: { 'old-lesson': { correct: 4, total: 5 } } }) });
    const loaded = loadStore(storage);
    assert.equal(loaded.notice, null);
    const after = recordAnswer(loaded.store, q.key, true, NOW, places);
    assert.deepEqual(after.scores['old-lesson'], { correct: 4, total: 5 });
    assert.deepEqual(after.scores[q.lesson], { correct: 1, total: 1 });
  });
});

describe('the store read back from localStorage', () => {
  const valid: PracticeStoreV1 = recordAnswer(emptyStore(), 'q:root-user:x', true, NOW, new Map([['q:root-user:x', { lesson: 'root-user', exams: ['CLF'] }]]));

  test('a valid store reads back as written; a missing one is empty, with no notice', () => {
    assert.deepEqual(loadStore(memoryStorage({ [PRACTICE_KEY]: JSON.stringify(valid) })), { store: valid, notice: null });
    assert.deepEqual(loadStore(memoryStorage()), { store: emptyStore(), notice: null });
  });

  const corrupted: [string, string][] = [
    ['not JSON', '{not json'],
    ['null', 'null'],
    ['an array', '[1,2,3]'],
    ['scores as an array', '{"scores":[]}'],
    ['more right than asked', '{"scores":{"root-user":{"correct":9,"total":2}}}'],
    ['a fractional count', '{"scores":{"root-user":{"correct":0.5,"total":2}}}'],
    ['exams of the wrong shape', '{"scores":{},"exams":{"SAA":"all"}}'],
    ['items as a list', '{"scores":{},"items":[]}'],
    ['a box out of range', '{"scores":{},"items":{"q:a:b":{"box":9,"due":0,"ok":true,"seen":1}}}'],
    ['a due date that is not a number', '{"scores":{},"items":{"q:a:b":{"box":1,"due":"soon","ok":true,"seen":1}}}'],
    ['a missing field', '{"scores":{},"items":{"q:a:b":{"box":1,"due":0,"seen":1}}}'],
    ['a prototype key with junk', '{"scores":{},"items":{"__proto__":{"polluted":true}}}'],
  ];
  for (const [what, text] of corrupted) {
    test(`${what}: ignored and reset, with a notice`, () => {
      const storage = memoryStorage({ [PRACTICE_KEY]: text });
      const loaded = loadStore(storage);
      assert.equal(loaded.notice, 'reset');
      assert.deepEqual(loaded.store, emptyStore());
      assert.deepEqual(JSON.parse(storage.data.get(PRACTICE_KEY)!), emptyStore(), 'the corrupted value is replaced');
      assert.equal(loadStore(storage).notice, null, 'the notice shows once');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  test('the guard accepts exactly the documented shape', () => {
    assert.ok(isPracticeStore(valid));
    assert.ok(isPracticeStore({ scores: {} }));
    assert.ok(!isPracticeStore({ ...valid, items: { k: { ...valid.items['q:root-user:x']!, seen: 0 } } }));
  });

  test('storage that is missing or throws: practice still works, with a notice', () => {
    assert.deepEqual(loadStore(null), { store: emptyStore(), notice: 'unavailable' });
    const throwing: StorageLike = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
    };
    assert.equal(loadStore(throwing).notice, 'unavailable');
    assert.equal(saveStore(valid, throwing), false);
    assert.equal(saveStore(valid, null), false);
  });
});
