/**
 * Wildcard patterns (`*` any run of characters, `?` exactly one), compiled
 * once and matched without regular expressions. Matching is a two-pointer
 * scan that only ever backtracks to the last `*`, so its cost is bounded by
 * pattern length x input length and never explodes: a pattern such as
 * `*a*a*a*a*a*b` against 10,000 characters returns at once.
 *
 * A pattern is stored as an array of char codes, with STAR and QMARK for the
 * wildcards, so that a literal `*` (from the `${*}` escape, or a variable's
 * value) stays literal.
 */

/** Code of a `*` wildcard in a compiled pattern. */
export const STAR = -1;
/** Code of a `?` wildcard in a compiled pattern. */
export const QMARK = -2;

/** Policy text longer than this is never a useful pattern; it matches nothing. */
export const MAX_PATTERN_LENGTH = 4096;

/** A compiled wildcard pattern. */
export interface Glob {
  /** The source text, for traces. */
  source: string;
  /** Fast paths: `any` for a lone `*`; `exact` when there is no wildcard. */
  kind: 'any' | 'exact' | 'wild';
  /** For `exact`: the text to compare. */
  exact: string;
  /** For `wild`: char codes with STAR / QMARK. */
  codes: Int32Array;
}

/** Builds a compiled pattern from code units (already lower-cased if needed). */
export function globFromCodes(source: string, codes: number[]): Glob {
  let wild = false;
  for (const c of codes) if (c < 0) { wild = true; break; }
  if (!wild) return { source, kind: 'exact', exact: codesToString(codes), codes: new Int32Array(0) };
  if (codes.length === 1 && codes[0] === STAR) return { source, kind: 'any', exact: '', codes: new Int32Array(0) };
  // Collapse runs of `*`: they mean the same as one and would only cost time.
  const out: number[] = [];
  for (const c of codes) if (!(c === STAR && out[out.length - 1] === STAR)) out.push(c);
  if (out.length === 1 && out[0] === STAR) return { source, kind: 'any', exact: '', codes: new Int32Array(0) };
  return { source, kind: 'wild', exact: '', codes: Int32Array.from(out) };
}

/** Turns char codes without wildcards back into a string. */
export function codesToString(codes: number[]): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** Char codes of a text in which `*` and `?` are wildcards. */
export function textToCodes(text: string): number[] {
  const codes: number[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = c === 42 ? STAR : c === 63 ? QMARK : c;
  }
  return codes;
}

/** Compiles pattern text where every `*` and `?` is a wildcard. */
export function compileGlob(pattern: string, lowerCase = false): Glob {
  const text = lowerCase ? pattern.toLowerCase() : pattern;
  if (text === '*') return { source: pattern, kind: 'any', exact: '', codes: new Int32Array(0) };
  if (text.indexOf('*') < 0 && text.indexOf('?') < 0) return { source: pattern, kind: 'exact', exact: text, codes: new Int32Array(0) };
  return globFromCodes(pattern, textToCodes(text));
}

/** Tests a whole string against a compiled pattern. */
export function matchGlob(g: Glob, s: string): boolean {
  if (g.kind === 'any') return true;
  if (g.kind === 'exact') return g.exact === s;
  if (s.length > MAX_PATTERN_LENGTH * 4) return false;
  return matchCodes(g.codes, s, 0, s.length);
}

/** Tests s[from, to) against pattern codes; see the module comment for its cost. */
export function matchCodes(p: Int32Array, s: string, from: number, to: number): boolean {
  const pl = p.length;
  let pi = 0;
  let si = from;
  let star = -1;
  let mark = 0;
  while (si < to) {
    if (pi < pl) {
      const pc = p[pi];
      if (pc === STAR) { star = pi++; mark = si; continue; }
      if (pc === QMARK || pc === s.charCodeAt(si)) { pi++; si++; continue; }
    }
    if (star < 0) return false;
    pi = star + 1;
    si = ++mark;
  }
  while (pi < pl && p[pi] === STAR) pi++;
  return pi === pl;
}
