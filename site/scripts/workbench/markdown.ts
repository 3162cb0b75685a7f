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

/** Parses one line or paragraph of inline Markdown. */
export function parseInline(text: string): Inline[] {
  return codeSpans(text).flatMap((p): Inline[] => (p.code ? [{ t: 'code', v: p.text }] : spans(p.text)));
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
