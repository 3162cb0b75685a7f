/**
 * Wildcard patterns (`*` any run of characters, `?` exactly one), compiled
 * once and matched without regular expressions. Matching is a two-pointer
 * scan that only ever backtracks to the last `*`, so its cost is bounded by
 * pattern length x input length and never explodes: a pattern such as
 * `*a*a*a*a*a*b` against 10,000 characters returns at once.
 *
 * Most patterns are plain text whose `*` and `?` are wildcards. A pattern
 * built from pieces (a policy variable's value, the `${*}` escape) may hold
 * a literal `*` or `?`; such a pattern is kept as char codes, with STAR and
 * QMARK for the wildcards.
 */

/** Code of a `*` wildcard in a code pattern. */
export const STAR = -1;
/** Code of a `?` wildcard in a code pattern. */
export const QMARK = -2;

/** Inputs longer than this are refused (they match nothing), bounding the work. */
export const MAX_INPUT_LENGTH = 65536;

/** A compiled wildcard pattern. */
export interface Glob {
  /** `any`: a lone `*`; `exact`: no wildcard; `wild`: wildcards in `text`; `codes`: wildcards as STAR/QMARK. */
  kind: 'any' | 'exact' | 'wild' | 'codes';
  /** For `exact` and `wild`: the (possibly lower-cased) pattern text. */
  text: string;
  /** For `codes` only. */
  codes: Int32Array | null;
}

/** One piece of a pattern: text whose `*`/`?` are wildcards, or literal text. */
export interface PatternPiece {
  text: string;
  wild: boolean;
}

/** Compiles pattern text where every `*` and `?` is a wildcard. */
export function compileGlob(pattern: string, lowerCase = false): Glob {
  const text = lowerCase ? pattern.toLowerCase() : pattern;
  if (text === '*') return { kind: 'any', text, codes: null };
  if (text.indexOf('*') < 0 && text.indexOf('?') < 0) return { kind: 'exact', text, codes: null };
  return { kind: 'wild', text, codes: null };
}

/**
 * Compiles a pattern made of pieces. When no literal piece holds `*` or `?`,
 * this is the plain text path; otherwise the pattern keeps char codes.
 */
export function compilePieces(pieces: PatternPiece[]): Glob {
  let literalWild = false;
  let text = '';
  for (const p of pieces) {
    if (!p.wild && (p.text.indexOf('*') >= 0 || p.text.indexOf('?') >= 0)) literalWild = true;
    text += p.text;
  }
  if (!literalWild) return compileGlob(text);
  let anyWild = false;
  const codes: number[] = [];
  for (const p of pieces) {
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text.charCodeAt(i);
      if (p.wild && (c === 42 || c === 63)) { codes.push(c === 42 ? STAR : QMARK); anyWild = true; }
      else codes.push(c);
    }
  }
  if (!anyWild) return { kind: 'exact', text, codes: null };
  return { kind: 'codes', text, codes: Int32Array.from(codes) };
}

/** Tests a whole string against a compiled pattern. */
export function matchGlob(g: Glob, s: string): boolean {
  switch (g.kind) {
    case 'any': return true;
    case 'exact': return g.text === s;
    case 'wild': return s.length <= MAX_INPUT_LENGTH && matchText(g.text, s);
    default: return s.length <= MAX_INPUT_LENGTH && matchCodes(g.codes as Int32Array, s);
  }
}

/**
 * Tests an action name against an action pattern without compiling it: the
 * same answer as `matchGlob(compileGlob(pattern, true), actionLower)`, where
 * `actionLower` is the request's action lower-cased. Validated action
 * patterns are ASCII, so they are folded character by character instead of
 * lower-cased into a new string, and most patterns are rejected within the
 * first few characters; a pattern with any other character takes the
 * compiled path.
 */
export function matchAction(pattern: string, actionLower: string): boolean {
  const pl = pattern.length;
  if (pl === 1 && pattern.charCodeAt(0) === 42) return true;
  const sl = actionLower.length;
  // INVARIANT: an ASCII prefix folds exactly as toLowerCase() lower-cases it,
  // so every answer given before a non-ASCII pattern character is the same.
  if (sl > MAX_INPUT_LENGTH) return matchGlob(compileGlob(pattern, true), actionLower);
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < sl) {
    if (pi < pl) {
      let pc = pattern.charCodeAt(pi);
      if (pc === 42) { star = pi++; mark = si; continue; }
      if (pc > 127) return matchGlob(compileGlob(pattern, true), actionLower);
      if (pc >= 65 && pc <= 90) pc += 32;
      if (pc === 63 || pc === actionLower.charCodeAt(si)) { pi++; si++; continue; }
    }
    if (star < 0) return false;
    pi = star + 1;
    si = ++mark;
  }
  while (pi < pl && pattern.charCodeAt(pi) === 42) pi++;
  return pi === pl;
}

/**
 * Tests `s` against the part `p[from, to)` of a pattern text, with the
 * answer `matchGlob(compileGlob(p.slice(from, to)), s)` gives, without the
 * slice: used for one colon-delimited part of an ARN pattern.
 */
export function matchTextPart(p: string, from: number, to: number, s: string): boolean {
  const n = to - from;
  if (n === 1 && p.charCodeAt(from) === 42) return true;
  let wild = false;
  for (let i = from; i < to; i++) {
    const c = p.charCodeAt(i);
    if (c === 42 || c === 63) { wild = true; break; }
  }
  if (!wild) {
    if (n !== s.length) return false;
    for (let i = 0; i < n; i++) if (p.charCodeAt(from + i) !== s.charCodeAt(i)) return false;
    return true;
  }
  return s.length <= MAX_INPUT_LENGTH && matchRange(p, from, to, s);
}

/** Two-pointer match where `*` and `?` in `p` are wildcards. */
function matchText(p: string, s: string): boolean {
  return matchRange(p, 0, p.length, s);
}

/** matchText on the part `p[from, pl)` of the pattern. */
function matchRange(p: string, from: number, pl: number, s: string): boolean {
  const sl = s.length;
  let pi = from;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < sl) {
    if (pi < pl) {
      const pc = p.charCodeAt(pi);
      if (pc === 42) { star = pi++; mark = si; continue; }
      if (pc === 63 || pc === s.charCodeAt(si)) { pi++; si++; continue; }
    }
    if (star < 0) return false;
    pi = star + 1;
    si = ++mark;
  }
  while (pi < pl && p.charCodeAt(pi) === 42) pi++;
  return pi === pl;
}

/** The same scan over a code pattern (STAR / QMARK are the wildcards). */
function matchCodes(p: Int32Array, s: string): boolean {
  const pl = p.length;
  const sl = s.length;
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < sl) {
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
