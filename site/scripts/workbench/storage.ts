/**
 * The learner's drafts in `localStorage`, one per exercise. Storage can fail
 * (disabled, full): every call reports failure as a value, never as a throw
 * or a console error. (Solved exercises live in `site/scripts/progress.ts`,
 * which the course map reads too.)
 */
import { browserStorage } from '../data.ts';

/** The outcome of a write: `ok`, or why it failed, in words for the learner. */
export type WriteResult = { ok: true } | { ok: false; reason: string };

/** The key of the learner's draft for one exercise. */
export function draftKey(lesson: string, exercise: string): string {
  return `iamlab:draft:v1:${lesson}:${exercise}`;
}

function failure(error: unknown): WriteResult {
  const full = error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
  return {
    ok: false,
    reason: full
      ? 'This browser’s storage is full, so your work is not being saved. It will be lost on reload.'
      : 'This browser does not let the page save your work (storage is disabled). It will be lost on reload.',
  };
}

/** Reads a raw value, or null when absent or unreadable. */
function read(key: string): string | null {
  try {
    return browserStorage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Why a write failed, in words for the learner (also used for progress writes). */
export const STORAGE_FAILED =
  'This browser does not let the page save your work (storage is disabled or full). It will be lost on reload.';

function write(key: string, value: string): WriteResult {
  const s = browserStorage();
  if (!s) return failure(null);
  try {
    s.setItem(key, value);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** The saved draft of an exercise, or null. */
export function loadDraft(lesson: string, exercise: string): string | null {
  return read(draftKey(lesson, exercise));
}

/** Saves the learner's text for an exercise. */
export function saveDraft(lesson: string, exercise: string, text: string): WriteResult {
  return write(draftKey(lesson, exercise), text);
}
