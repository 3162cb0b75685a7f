/**
 * The logic of a practice round, without the DOM: which items the filters
 * keep, the order a round asks them in (items due for review first, drills
 * mixed in among the questions), how a missed item comes back later in the
 * round, and how an answer is graded.
 */
import { isDue, recordOf, type PracticeStoreV1 } from './store.ts';
import {
  drillKey,
  isExam,
  type DrillItem,
  type ExamCode,
  type PracticeData,
  type PracticeItem,
  type PracticeQuestion,
  type QuestionItem,
} from './types.ts';

/** What the learner chose to practise. */
export interface Filters {
  /** Only items that serve this exam; null for every exam. */
  exam: ExamCode | null;
  /** Only items of this lesson (its slug); null for every lesson. */
  lesson: string | null;
  /** Whether predict-the-decision drills are mixed in. */
  drills: boolean;
  /** How many items a round asks (before missed ones come back); null for all. */
  length: number | null;
}

/** The round lengths the page offers; null is "all". */
export const LENGTHS: readonly (number | null)[] = [10, 20, null];
/** The filters of a first visit. */
export const DEFAULT_FILTERS: Filters = { exam: null, lesson: null, drills: true, length: 10 };
/** Every `DRILL_EVERY`th item of a round is a drill, while drills last. */
export const DRILL_EVERY = 3;
/** A missed item comes back after this many other items (fewer when the round ends sooner). */
export const REVIEW_GAP = 3;
/** A missed item comes back at most this many times in one round. */
export const MAX_RETRIES = 2;

/** Every item of the course: questions first, then drills, in course order. */
export function allItems(data: PracticeData): PracticeItem[] {
  const lessonExams = new Map(data.lessons.map((l) => [l.slug, l.exams]));
  const questions = data.questions.map(
    (q): QuestionItem => ({ kind: 'question', key: q.key, lesson: q.lesson, exams: q.exams, question: q }),
  );
  const drills = data.exercises.flatMap((exercise) =>
    exercise.scenarios.map(
      (scenario): DrillItem => ({
        kind: 'drill',
        key: drillKey(exercise.lesson, exercise.id, scenario.id),
        lesson: exercise.lesson,
        exams: lessonExams.get(exercise.lesson) ?? [],
        exercise,
        scenario,
      }),
    ),
  );
  return [...questions, ...drills];
}

/**
 * Reads the filters from a query string (`?exam=SAA&lesson=root-user`,
 * also `drills=off` and `length=20|all`). Values that name nothing known
 * are dropped and listed in `ignored`, so the page can say so.
 */
export function parseFilters(search: string, lessons: readonly string[]): { filters: Filters; ignored: string[] } {
  const params = new URLSearchParams(search);
  const filters: Filters = { ...DEFAULT_FILTERS };
  const ignored: string[] = [];
  const exam = params.get('exam');
  if (exam !== null && exam !== '') {
    const upper = exam.toUpperCase();
    if (isExam(upper)) filters.exam = upper;
    else ignored.push(`exam “${exam}”`);
  }
  const lesson = params.get('lesson');
  if (lesson !== null && lesson !== '') {
    if (lessons.includes(lesson)) filters.lesson = lesson;
    else ignored.push(`lesson “${lesson}”`);
  }
  const drills = params.get('drills');
  if (drills === 'off' || drills === '0' || drills === 'false') filters.drills = false;
  const length = params.get('length');
  if (length === 'all') filters.length = null;
  else if (length !== null && LENGTHS.includes(Number(length))) filters.length = Number(length);
  return { filters, ignored };
}

/** The query string for `filters` (empty for the defaults), so a round can be linked to. */
export function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.exam) params.set('exam', filters.exam);
  if (filters.lesson) params.set('lesson', filters.lesson);
  if (!filters.drills) params.set('drills', 'off');
  if (filters.length !== DEFAULT_FILTERS.length) params.set('length', filters.length === null ? 'all' : String(filters.length));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether an item passes the filters. A drill serves the exams of its lesson. */
export function matchesFilters(item: PracticeItem, filters: Filters): boolean {
  if (item.kind === 'drill' && !filters.drills) return false;
  if (filters.lesson !== null && item.lesson !== filters.lesson) return false;
  if (filters.exam !== null && !item.exams.includes(filters.exam)) return false;
  return true;
}

/** The items the filters keep. */
export function filterItems(items: readonly PracticeItem[], filters: Filters): PracticeItem[] {
  return items.filter((item) => matchesFilters(item, filters));
}

/** A random number source in [0, 1), so that tests can fix the order. */
export type Random = () => number;

/** A small seeded random source (mulberry32). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher-Yates). */
export function shuffle<T>(list: readonly T[], random: Random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The order in which items are worth asking: first those due for review
 * (lowest box first, then the longest overdue), then those never answered
 * (shuffled), then the rest (soonest due first).
 */
export function byPriority<T extends { key: string }>(items: readonly T[], store: PracticeStoreV1, now: number, random: Random): T[] {
  const due: T[] = [];
  const fresh: T[] = [];
  const later: T[] = [];
  for (const item of items) {
    const record = recordOf(store, item.key);
    if (!record) fresh.push(item);
    else if (isDue(record, now)) due.push(item);
    else later.push(item);
  }
  const rec = (item: T) => recordOf(store, item.key);
  due.sort((a, b) => rec(a)!.box - rec(b)!.box || rec(a)!.due - rec(b)!.due);
  later.sort((a, b) => rec(a)!.due - rec(b)!.due);
  return [...due, ...shuffle(fresh, random), ...later];
}

/** How a round is put together. */
export interface QueueOptions {
  now: number;
  /** The number of items; null for every item that passed the filters. */
  length: number | null;
  random: Random;
  /** Every `drillEvery`th item is a drill while there are drills (default DRILL_EVERY). */
  drillEvery?: number;
}

/**
 * The items of a new round, in order: questions and drills each by
 * priority, a drill at every `drillEvery`th place (questions fill in when
 * drills run out, and drills when questions do), cut to `length`.
 */
export function buildQueue(items: readonly PracticeItem[], store: PracticeStoreV1, options: QueueOptions): PracticeItem[] {
  const every = options.drillEvery ?? DRILL_EVERY;
  const questions = byPriority(items.filter((i) => i.kind === 'question'), store, options.now, options.random);
  const drills = byPriority(items.filter((i) => i.kind === 'drill'), store, options.now, options.random);
  const total = Math.min(options.length ?? Infinity, questions.length + drills.length);
  const out: PracticeItem[] = [];
  let q = 0;
  let d = 0;
  while (out.length < total) {
    const drillTurn = (out.length + 1) % every === 0;
    if ((drillTurn && d < drills.length) || q >= questions.length) out.push(drills[d++]!);
    else out.push(questions[q++]!);
  }
  return out;
}

/** One place in a round: an item, and how many times it has come back. */
export interface RoundEntry {
  item: PracticeItem;
  /** 0 the first time; 1 and up when it comes back after a miss. */
  retry: number;
}

/** A round in progress. */
export interface Round {
  entries: RoundEntry[];
  /** The index of the entry being asked. */
  index: number;
  /** First answers only: how many were given, and how many were right. */
  answered: number;
  correct: number;
  /** Missed items that came back and were then answered right. */
  recovered: number;
}

/** A new round over `items`. */
export function newRound(items: readonly PracticeItem[]): Round {
  return { entries: items.map((item) => ({ item, retry: 0 })), index: 0, answered: 0, correct: 0, recovered: 0 };
}

/** The entry being asked, or null when the round is over. */
export function currentEntry(round: Round): RoundEntry | null {
  return round.entries[round.index] ?? null;
}

/**
 * The round after the current entry is answered: counts the first answer,
 * and puts a missed item back `gap` places later (at the end when fewer are
 * left), unless it already came back MAX_RETRIES times. Does not advance:
 * call `advance` when the learner moves on. Returns whether the item will
 * come back.
 */
export function answerCurrent(round: Round, correct: boolean, gap = REVIEW_GAP): { round: Round; comesBack: boolean } {
  const entry = currentEntry(round);
  if (!entry) return { round, comesBack: false };
  const next: Round = { ...round, entries: [...round.entries] };
  if (entry.retry === 0) {
    next.answered += 1;
    if (correct) next.correct += 1;
  } else if (correct) {
    next.recovered += 1;
  }
  const comesBack = !correct && entry.retry < MAX_RETRIES;
  if (comesBack) {
    const at = Math.min(round.index + 1 + gap, next.entries.length);
    next.entries.splice(at, 0, { item: entry.item, retry: entry.retry + 1 });
  }
  return { round: next, comesBack };
}

/** The round moved on to its next entry. */
export function advance(round: Round): Round {
  return { ...round, index: Math.min(round.index + 1, round.entries.length) };
}

/** How many options a question asks for. */
export function requiredCount(question: PracticeQuestion): number {
  return question.type === 'single' ? 1 : question.options.filter((o) => o.correct).length;
}

/** The grade of a question's answer: incomplete when the number chosen is not the number asked. */
export type Grade = { status: 'incomplete'; need: number; chosen: number } | { status: 'graded'; correct: boolean };

/** Grades the chosen option indexes (into `question.options`). */
export function gradeQuestion(question: PracticeQuestion, chosen: readonly number[]): Grade {
  const need = requiredCount(question);
  const picked = new Set(chosen.filter((i) => Number.isInteger(i) && i >= 0 && i < question.options.length));
  if (picked.size !== need) return { status: 'incomplete', need, chosen: picked.size };
  const correct = question.options.every((o, i) => o.correct === picked.has(i));
  return { status: 'graded', correct };
}
