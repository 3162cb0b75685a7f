/**
 * Backtick code spans, split out on their own so that every page can use
 * them without taking in the Markdown reader or the workbench with them.
 */

/** A piece of text: plain, or a `code` span. */
export interface TextPiece {
  text: string;
  code: boolean;
}

/**
 * Splits text that marks code with backticks, as lessons, questions and the
 * engine's messages do (`` `s3:GetObject` ``), into plain and code pieces.
 * A last backtick without a partner stays in the text. Every page that shows
 * such text splits it here, so one sentence reads the same everywhere.
 */
export function codeSpans(text: string): TextPiece[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) {
    const tail = parts.pop() ?? '';
    parts[parts.length - 1] += '`' + tail;
  }
  const out: TextPiece[] = [];
  for (let i = 0; i < parts.length; i++) if (parts[i] !== '') out.push({ text: parts[i], code: i % 2 === 1 });
  return out;
}
