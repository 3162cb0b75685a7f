/**
 * A read-only policy shown in a `<pre>`: its text, with the deciding
 * statements wrapped in `<mark>` elements. Built from text nodes only.
 */
import type { Range } from '../../../engine/types.ts';
import { el } from './dom.ts';

/** Shows `text` in `pre` with `ranges` marked; brings the first mark into the pre's view. */
export function showReadOnly(pre: HTMLElement, text: string, ranges: readonly Range[]): void {
  const sorted = ranges
    .map((r) => ({ from: Math.max(0, Math.min(r.from, text.length)), to: Math.max(0, Math.min(r.to, text.length)) }))
    .filter((r) => r.to > r.from)
    .sort((a, b) => a.from - b.from);
  const parts: Node[] = [];
  let at = 0;
  for (const r of sorted) {
    if (r.from < at) continue; // overlapping ranges: the first one wins
    if (r.from > at) parts.push(document.createTextNode(text.slice(at, r.from)));
    parts.push(el('mark', { class: 'wb-decided', 'data-highlight': 'decided' }, text.slice(r.from, r.to)));
    at = r.to;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  pre.replaceChildren(...parts);
  const first = pre.querySelector<HTMLElement>('mark');
  // INVARIANT: the pre is positioned (CSS), so it is the mark's offsetParent.
  if (first && pre.scrollHeight > pre.clientHeight) pre.scrollTop = Math.max(0, first.offsetTop - 16);
}
