/**
 * Fills the course map's progress from localStorage (see progress.ts):
 * solved exercises per lesson, the latest practice score, and a "Continue"
 * link to the first lesson not finished yet. Only text is written, never
 * HTML; corrupted storage reads as no progress.
 */
import { practiceScoreOf, readPractice, readProgress, solvedIn, type PracticeV1, type ProgressV1 } from './progress.ts';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Updates one `[data-progress]` block; returns whether every exercise of its lesson is solved. */
function showLesson(block: HTMLElement, progress: ProgressV1, practice: PracticeV1): boolean {
  const lesson = block.dataset.lesson ?? '';
  const ids = (block.dataset.exercises ?? '').split(' ').filter(Boolean);
  const solved = new Set(solvedIn(progress, lesson));
  const done = ids.filter((id) => solved.has(id)).length;
  const complete = ids.length > 0 && done === ids.length;

  const bar = block.querySelector('progress');
  if (bar) bar.value = done;
  const text = block.querySelector<HTMLElement>('[data-progress-text]');
  if (text) {
    text.textContent = complete
      ? `All ${plural(ids.length, 'exercise', 'exercises')} solved`
      : `${done} of ${plural(ids.length, 'exercise', 'exercises')} solved`;
  }
  block.toggleAttribute('data-complete', complete);

  const score = practiceScoreOf(practice, lesson);
  const practiceEl = block.querySelector<HTMLElement>('[data-practice]');
  if (practiceEl && score && score.total > 0) {
    practiceEl.textContent = `Practice: ${score.correct} of ${score.total} correct`;
    practiceEl.hidden = false;
  }
  return complete;
}

/** Reads the stores once and updates every lesson of the map under `root`. */
export function enhanceCourseMap(root: ParentNode): void {
  const progress = readProgress();
  const practice = readPractice();
  const started = Object.values(progress.solved).some((ids) => ids.length > 0);
  let next: HTMLElement | null = null;

  for (const block of root.querySelectorAll<HTMLElement>('[data-progress]')) {
    const complete = showLesson(block, progress, practice);
    if (!complete && !next) next = block;
  }

  const cta = root.querySelector<HTMLAnchorElement>('[data-continue]');
  const link = next?.closest('li')?.querySelector<HTMLAnchorElement>('.course-title a');
  const number = next?.closest('li')?.querySelector('.course-num')?.textContent?.trim();
  if (started && cta && link && number) {
    cta.href = link.href;
    cta.textContent = `Continue with lesson ${Number(number)}: ${link.textContent ?? ''}`;
  }
}
