/**
 * The list of the engine's findings below the editor, in a polite live
 * region: each item names its line and column and moves the cursor there.
 * Rendering waits until typing pauses, so a screen reader reads the
 * result, not every intermediate state.
 */
import type { Diagnostic } from '../../../engine/types.ts';
import { el, lineCol, richText } from './dom.ts';

const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;
const SEVERITY_ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;
const MAX_ITEMS = 50;

/** Summary words: `No problems`, `1 error, 2 warnings`. */
export function summarize(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === s).length;
  const parts: string[] = [];
  const e = count('error');
  const w = count('warning');
  const i = count('info');
  if (e) parts.push(`${e} error${e === 1 ? '' : 's'}`);
  if (w) parts.push(`${w} warning${w === 1 ? '' : 's'}`);
  if (i) parts.push(`${i} note${i === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'No problems';
}

/** The problems list of one workbench. */
export interface ProblemList {
  /** Schedules the list to show `diagnostics` (located in `text`). */
  update(diagnostics: readonly Diagnostic[], text: string): void;
  /** Shows the pending update now. */
  flush(): void;
}

/**
 * Creates the list inside `region` (which carries `aria-live`), with
 * `summary` for the counts and `list` for the items. While an update waits
 * for typing to pause, `region` is `aria-busy`: assistive technology holds
 * its announcement, and whoever is about to click below the list can tell
 * that it is about to change height.
 */
export function createProblemList(
  region: HTMLElement,
  summary: HTMLElement,
  list: HTMLUListElement,
  onJump: (pos: number) => void,
  delayMs = 400,
): ProblemList {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { diagnostics: readonly Diagnostic[]; text: string } | null = null;
  let shownKey = '';

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    region.removeAttribute('aria-busy');
    if (!pending) return;
    const { diagnostics, text } = pending;
    pending = null;
    const key = diagnostics.map((d) => `${d.code}@${d.from}-${d.to}:${d.message}`).join('\n');
    if (key === shownKey) return;
    shownKey = key;
    summary.textContent = `${summarize(diagnostics)}.`;
    summary.dataset.count = String(diagnostics.length);
    const items = diagnostics.slice(0, MAX_ITEMS).map((d) => {
      const { line, col } = lineCol(text, d.from);
      const jump = el('button', { type: 'button', class: 'wb-problem-jump', 'data-from': String(d.from) },
        `Line ${line}, column ${col}`);
      jump.addEventListener('click', () => onJump(d.from));
      return el('li', { class: 'wb-problem', 'data-severity': d.severity, 'data-code': d.code },
        el('span', { 'aria-hidden': 'true' }, `${SEVERITY_ICON[d.severity]} `),
        jump,
        ` ${SEVERITY_WORD[d.severity]}: `,
        richText(d.message),
        d.hint ? el('span', { class: 'wb-problem-hint' }, ' — ', richText(d.hint)) : '',
      );
    });
    if (diagnostics.length > MAX_ITEMS) items.push(el('li', {}, `… and ${diagnostics.length - MAX_ITEMS} more.`));
    list.replaceChildren(...items);
  }

  return {
    update(diagnostics, text) {
      pending = { diagnostics, text };
      region.setAttribute('aria-busy', 'true');
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}
