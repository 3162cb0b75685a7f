/**
 * The practice store: one localStorage entry, `iamlab:practice:v1`, that
 * keeps a Leitner review box per item and the scores derived from them.
 *
 * ```json
 * {
 *   "scores": { "root-user": { "correct": 4, "total": 5 } },
 *   "exams":  { "SAA": { "correct": 9, "total": 12 } },
 *   "items":  { "q:root-user:close-standalone-account": { "box": 2, "due": 1767312000000, "ok": true, "seen": 1 } }
 * }
 * ```
 *
 * - `items` is the source of truth: per item key (see `types.ts`), its box
 *   (1 to 5), when it is next due (milliseconds since the epoch), whether
 *   the latest answer was right, and how many times it was answered.
 * - `scores` (per lesson slug) and `exams` (per exam code) are derived from
 *   `items` on every write: of the items answered, how many got their
 *   latest answer right. The course map reads `scores` through
 *   `site/scripts/progress.ts` (`isPractice`, `readPractice`), whose shape
 *   this one extends; a store holding only `scores` is accepted too.
 *
 * Whatever is read back is untrusted until `isPracticeStore` accepts it; a
 * value it rejects is replaced by an empty store, and the page says so.
 * No DOM here: the node tests import this module.
 */
import { isPractice, PRACTICE_KEY, type PracticeScore, type StorageLike } from '../progress.ts';
import { browserStorage, isRecord } from '../data.ts';

export { PRACTICE_KEY };
export type { PracticeScore, StorageLike };

/** Days until an item in box 1..5 is due again (box 1: at once, i.e. in the next round). */
export const BOX_DAYS: readonly number[] = [0, 1, 3, 7, 16];
/** The highest box. */
export const MAX_BOX = BOX_DAYS.length;
const DAY_MS = 86_400_000;

/** The review state of one item. */
export interface ItemRecord {
  /** Leitner box, 1 (review soon) to MAX_BOX (well known). */
  box: number;
  /** When the item is due for review again, in milliseconds since the epoch. */
  due: number;
  /** Whether the latest answer was right. */
  ok: boolean;
  /** How many times the item was answered. */
  seen: number;
}

/** The whole store, as written by the practice page. */
export interface PracticeStoreV1 {
  /** Per lesson slug (the course map shows these). */
  scores: Record<string, PracticeScore>;
  /** Per exam code. */
  exams: Record<string, PracticeScore>;
  /** Per item key. */
  items: Record<string, ItemRecord>;
}

/** Where an item belongs, for scoring: its lesson and exams. */
export interface ItemPlace {
  lesson: string;
  exams: readonly string[];
}

/** A store with nothing in it. */
export function emptyStore(): PracticeStoreV1 {
  return { scores: {}, exams: {}, items: {} };
}

/** Accepts one item's review state. */
export function isItemRecord(value: unknown): value is ItemRecord {
  return (
    isRecord(value) &&
    Number.isInteger(value.box) &&
    (value.box as number) >= 1 &&
    (value.box as number) <= MAX_BOX &&
    typeof value.due === 'number' &&
    Number.isFinite(value.due) &&
    typeof value.ok === 'boolean' &&
    Number.isInteger(value.seen) &&
    (value.seen as number) >= 1
  );
}

/**
 * Accepts the `iamlab:practice:v1` shape: `scores` as the course map reads
 * it, and `exams` and `items` when present (an older store without them is
 * still a valid store).
 */
export function isPracticeStore(value: unknown): value is Partial<PracticeStoreV1> & Pick<PracticeStoreV1, 'scores'> {
  if (!isPractice(value) || !isRecord(value)) return false;
  const { exams, items } = value as Record<string, unknown>;
  if (exams !== undefined && !isPractice({ scores: exams })) return false;
  if (items !== undefined && !(isRecord(items) && Object.values(items).every(isItemRecord))) return false;
  return true;
}

/** Why a load did not give the stored value back. */
export type LoadNotice =
  /** The stored value was unreadable and has been replaced by an empty store. */
  | 'reset'
  /** The browser does not let the page use localStorage: nothing will be kept. */
  | 'unavailable';

/** A loaded store, and what the page should tell the learner about it. */
export interface Loaded {
  store: PracticeStoreV1;
  notice: LoadNotice | null;
}

/**
 * Reads the store. Never throws: a missing entry is an empty store; an
 * unreadable or malformed one is replaced by an empty store (written back
 * at once, so the notice shows only once) with the notice `reset`.
 */
export function loadStore(storage: StorageLike | null = browserStorage()): Loaded {
  if (!storage) return { store: emptyStore(), notice: 'unavailable' };
  let text: string | null;
  try {
    text = storage.getItem(PRACTICE_KEY);
  } catch {
    return { store: emptyStore(), notice: 'unavailable' };
  }
  if (text === null) return { store: emptyStore(), notice: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isPracticeStore(value)) {
    const store = emptyStore();
    saveStore(store, storage);
    return { store, notice: 'reset' };
  }
  return {
    store: { scores: { ...value.scores }, exams: { ...(value.exams ?? {}) }, items: { ...(value.items ?? {}) } },
    notice: null,
  };
}

/** Writes the store; false when storage is unavailable or full. */
export function saveStore(store: PracticeStoreV1, storage: StorageLike | null = browserStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PRACTICE_KEY, JSON.stringify(store));
    return true;
  } catch {
    return false;
  }
}

/**
 * The Leitner step: a right answer moves the item up one box (a new item
 * starts from box 1), a wrong one sends it back to box 1. The item is next
 * due `BOX_DAYS[box - 1]` days from `now`; box 1 is due at once.
 */
export function schedule(previous: ItemRecord | undefined, correct: boolean, now: number): ItemRecord {
  const box = correct ? Math.min((previous?.box ?? 1) + 1, MAX_BOX) : 1;
  return { box, due: now + (BOX_DAYS[box - 1] ?? 0) * DAY_MS, ok: correct, seen: (previous?.seen ?? 0) + 1 };
}

/** An item's review state, if it was ever answered. */
export function recordOf(store: PracticeStoreV1, key: string): ItemRecord | undefined {
  return Object.hasOwn(store.items, key) ? store.items[key] : undefined;
}

/** Whether an answered item is due for review at `now`. */
export function isDue(record: ItemRecord | undefined, now: number): boolean {
  return record !== undefined && record.due <= now;
}

/** How many of `keys` are due for review at `now`. */
export function dueCount(store: PracticeStoreV1, keys: Iterable<string>, now: number): number {
  let n = 0;
  for (const key of keys) if (isDue(recordOf(store, key), now)) n += 1;
  return n;
}

/**
 * The scores derived from the items: per lesson and per exam, of the items
 * answered, how many got their latest answer right. Items missing from
 * `places` (content that was removed) do not count.
 */
export function computeScores(
  items: PracticeStoreV1['items'],
  places: ReadonlyMap<string, ItemPlace>,
): Pick<PracticeStoreV1, 'scores' | 'exams'> {
  const lessons = new Map<string, PracticeScore>();
  const exams = new Map<string, PracticeScore>();
  const add = (into: Map<string, PracticeScore>, name: string, ok: boolean): void => {
    const score = into.get(name) ?? { correct: 0, total: 0 };
    score.total += 1;
    if (ok) score.correct += 1;
    into.set(name, score);
  };
  for (const [key, record] of Object.entries(items)) {
    const place = places.get(key);
    if (!place) continue;
    add(lessons, place.lesson, record.ok);
    for (const exam of place.exams) add(exams, exam, record.ok);
  }
  return { scores: Object.fromEntries(lessons), exams: Object.fromEntries(exams) };
}

/**
 * The store after one answer: the item's box moves (see `schedule`) and
 * the scores are derived again. Returns a new store; `store` is unchanged.
 */
export function recordAnswer(
  store: PracticeStoreV1,
  key: string,
  correct: boolean,
  now: number,
  places: ReadonlyMap<string, ItemPlace>,
): PracticeStoreV1 {
  const items = { ...store.items, [key]: schedule(recordOf(store, key), correct, now) };
  const derived = computeScores(items, places);
  // A lesson or exam scored before items were kept (a store holding only
  // `scores`) keeps its score until one of its items is answered.
  return {
    scores: { ...store.scores, ...derived.scores },
    exams: { ...store.exams, ...derived.exams },
    items,
  };
}
