/**
 * A small Markdown reader for an exercise's task, hints and explanation:
 * paragraphs, bullet and numbered lists, `code`, **strong**, *emphasis* and
 * [links](https://...). It returns a tree that the Astro component renders
 * element by element, so no text ever passes through HTML parsing.
 */
import { codeSpans } from '../code-spans.ts';

/** An inline piece of text. */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] };

/** A block: a paragraph or a list whose items are inline runs. */
export type Block = { t: 'p'; c: Inline[] } | { t: 'ul' | 'ol'; items: Inline[][] };

const SAFE_HREF = /^(https?:\/\/|\/|#|\.\.?\/)/;

/** Emphasis, strong and links inside a run of text that holds no code. */
function spans(text: string): Inline[] {
  const out: Inline[] = [];
  // Alternatives: [text](href) | **strong** | *em* | _em_
  const re = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\b_([^_]+)_\b/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ t: 'text', v: text.slice(last, m.index) });
    if (m[1] !== undefined && m[2] !== undefined) {
      out.push(SAFE_HREF.test(m[2]) ? { t: 'link', href: m[2], c: spans(m[1]) } : { t: 'text', v: m[1] });
    } else if (m[3] !== undefined) out.push({ t: 'strong', c: spans(m[3]) });
    else out.push({ t: 'em', c: spans(m[4] ?? m[5] ?? '') });
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ t: 'text', v: text.slice(last) });
  return out;
}

/** Marks a code span's place while emphasis is read (Unicode private use; see parseInline). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** Puts the code spans back in place of their placeholders, at any depth. */
function unmask(nodes: Inline[], codes: string[]): Inline[] {
  return nodes.flatMap((n): Inline[] => {
    if (n.t === 'code') return [n];
    if (n.t === 'strong' || n.t === 'em') return [{ t: n.t, c: unmask(n.c, codes) }];
    if (n.t === 'link') return [{ t: 'link', href: n.href.replace(PLACEHOLDER, (_, i: string) => codes[Number(i)]), c: unmask(n.c, codes) }];
    const out: Inline[] = [];
    let last = 0;
    for (const m of n.v.matchAll(PLACEHOLDER)) {
      if (m.index > last) out.push({ t: 'text', v: n.v.slice(last, m.index) });
      out.push({ t: 'code', v: codes[Number(m[1])] });
      last = m.index + m[0].length;
    }
    if (last < n.v.length) out.push({ t: 'text', v: n.v.slice(last) });
    return out;
  });
}

/**
 * Parses one line or paragraph of inline Markdown. Code spans are read
 * first, so nothing inside them is Markdown; each then stands in the text as
 * a placeholder while emphasis, strong and links are read, so that these may
 * hold code (`*list `example-bucket` only*`), as in CommonMark.
 */
export function parseInline(text: string): Inline[] {
  const pieces = codeSpans(text);
  // Text that already holds the placeholder characters is read piece by piece instead.
  if (text.includes(OPEN) || text.includes(CLOSE)) {
    return pieces.flatMap((p): Inline[] => (p.code ? [{ t: 'code', v: p.text }] : spans(p.text)));
  }
  const codes: string[] = [];
  const masked = pieces.map((p) => (p.code ? `${OPEN}${codes.push(p.text) - 1}${CLOSE}` : p.text)).join('');
  return unmask(spans(masked), codes);
}

/** Parses Markdown into blocks. Blank lines separate blocks. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const bullet = /^\s*[-*+]\s+/;
    const numbered = /^\s*\d+[.)]\s+/;
    if (lines.every((l) => bullet.test(l))) {
      blocks.push({ t: 'ul', items: lines.map((l) => parseInline(l.replace(bullet, ''))) });
    } else if (lines.every((l) => numbered.test(l))) {
      blocks.push({ t: 'ol', items: lines.map((l) => parseInline(l.replace(numbered, ''))) });
    } else {
      blocks.push({ t: 'p', c: parseInline(lines.map((l) => l.trim()).join(' ')) });
    }
  }
  return blocks;
}
