/**
 * The learner's progress, kept in the browser's localStorage. Two small
 * stores, each behind a versioned key; everything read back is untrusted
 * until a type guard accepts it, and a value the guard rejects is treated as
 * "no progress yet" (never an exception).
 *
 * `iamlab:progress:v1` (written by the lesson workbench, read by the course map)
 *   { "solved": { "<lesson slug>": ["<exercise id>", ...] } }
 *   e.g. { "solved": { "root-user": ["lock-away-root", "deny-root-keys"] } }
 *   An exercise id is listed once it has been solved (every row matched).
 *
 * `iamlab:practice:v1` (written by the practice page, read by the course map)
 *   { "scores": { "<lesson slug>": { "correct": 4, "total": 5 } }, ... }
 *   The learner's practice result for a lesson's questions and drills,
 *   derived and written by the practice page (site/scripts/practice/
 *   store.ts), which keeps more fields beside `scores`; the course map only
 *   reads it, and the guard here checks `scores` only.
 *
 * The functions take the `Storage` as an optional last argument so that they
 * can be tested without a browser; by default they use `localStorage` and
 * survive its absence (private modes, disabled cookies).
 */
import { browserStorage, isRecord } from './data.ts';

/** localStorage key of solved exercises. */
export const PROGRESS_KEY = 'iamlab:progress:v1';
/** localStorage key of practice scores. */
export const PRACTICE_KEY = 'iamlab:practice:v1';

/** Solved exercises, by lesson slug. */
export interface ProgressV1 {
  solved: Record<string, string[]>;
}

/** One lesson's latest practice result. */
export interface PracticeScore {
  correct: number;
  total: number;
}

/** Practice results, by lesson slug. */
export interface PracticeV1 {
  scores: Record<string, PracticeScore>;
}

/** The part of `Storage` used here. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Accepts exactly the `iamlab:progress:v1` shape. */
export function isProgress(value: unknown): value is ProgressV1 {
  if (!isRecord(value) || !isRecord(value.solved)) return false;
  return Object.values(value.solved).every(
    (ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'),
  );
}

/** Accepts exactly the `iamlab:practice:v1` shape (counts are whole, 0 <= correct <= total). */
export function isPractice(value: unknown): value is PracticeV1 {
  if (!isRecord(value) || !isRecord(value.scores)) return false;
  return Object.values(value.scores).every(
    (s) =>
      isRecord(s) &&
      Number.isInteger(s.correct) &&
      Number.isInteger(s.total) &&
      (s.correct as number) >= 0 &&
      (s.correct as number) <= (s.total as number),
  );
}

function readJson(key: string, storage: StorageLike | null): unknown {
  if (!storage) return undefined;
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function writeJson(key: string, value: unknown, storage: StorageLike | null): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // quota exceeded or storage disabled
  }
}

/** The stored progress; empty when missing or corrupted. */
export function readProgress(storage: StorageLike | null = browserStorage()): ProgressV1 {
  const value = readJson(PROGRESS_KEY, storage);
  return isProgress(value) ? value : { solved: {} };
}

/** The ids of a lesson's solved exercises (possibly including ids that no longer exist). */
export function solvedIn(progress: ProgressV1, lesson: string): string[] {
  return Object.hasOwn(progress.solved, lesson) ? (progress.solved[lesson] ?? []) : [];
}

/**
 * Records an exercise as solved. Returns false when storage is unavailable.
 * Corrupted progress is replaced rather than merged.
 */
export function markSolved(lesson: string, exerciseId: string, storage: StorageLike | null = browserStorage()): boolean {
  const progress = readProgress(storage);
  const ids = solvedIn(progress, lesson);
  if (ids.includes(exerciseId)) return true;
  const solved = { ...progress.solved, [lesson]: [...ids, exerciseId] };
  return writeJson(PROGRESS_KEY, { solved } satisfies ProgressV1, storage);
}

/** The stored practice scores; empty when missing or corrupted. */
export function readPractice(storage: StorageLike | null = browserStorage()): PracticeV1 {
  const value = readJson(PRACTICE_KEY, storage);
  return isPractice(value) ? value : { scores: {} };
}

/** A lesson's practice score, if any. */
export function practiceScoreOf(practice: PracticeV1, lesson: string): PracticeScore | null {
  return Object.hasOwn(practice.scores, lesson) ? (practice.scores[lesson] ?? null) : null;
}
