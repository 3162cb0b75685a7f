/**
 * Tiny DOM helpers. Every piece of text goes in through `textContent` or a
 * text node: nothing from a policy, a lesson or storage is parsed as HTML.
 */
import { codeSpans } from '../code-spans.ts';

/** Creates an element with attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * Text with `backtick` spans as `<code>` elements, the way the engine's
 * messages quote the user's text.
 */
export function richText(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const p of codeSpans(text)) frag.append(p.code ? el('code', {}, p.text) : document.createTextNode(p.text));
  return frag;
}

/** Line and column (1-based) of an offset in a text. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const upTo = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = upTo.split('\n');
  return { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Looks up a required element; a missing one is a bug in the server markup. */
export function must<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`workbench markup lacks ${selector}`);
  return found;
}
