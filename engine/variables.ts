/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, the
 * escapes `${*}`, `${?}` and `${$}` (a literal `*`, `?` or `$`), and a
 * default, `${aws:PrincipalTag/team, 'none'}`. A text is parsed once into a
 * template; resolving it against a request gives pattern pieces in which
 * the template's own `*` and `?` are wildcards and everything else is literal.
 *
 * Variables are only recognized under Version 2012-10-17; otherwise the text
 * is literal (the validator warns).
 */
import type { PatternPiece } from './wildcard.ts';
import { type ContextMap, lowerName } from './context.ts';

/** One piece of a template. */
export type TemplatePart =
  | { t: 'text'; text: string; wild: boolean }
  | { t: 'var'; key: string; keyLower: string; fallback?: string };

/** A parsed text that may hold variables. */
export interface Template {
  parts: TemplatePart[];
  hasVars: boolean;
  /** The text itself when there is no variable and no escape. */
  plain: string | null;
}

/** A variable found in a text, with its offsets in that text (for diagnostics). */
export interface VariableRef {
  key: string;
  from: number;
  to: number;
  /** Set for `${...}` that does not follow the variable grammar. */
  problem?: string;
}

// A key may hold inner spaces: tag keys "can include any combination of letters, numbers, spaces,
// and _ . : / = + - @ symbols" (IAM User Guide: Tagging IAM resources), as in ${aws:PrincipalTag/cost center}.
// Spaces are taken only after a `/`, in the tag-key part.
const VAR_BODY = /^\s*([A-Za-z0-9][A-Za-z0-9:_.+=@-]*(?:\/(?:[A-Za-z0-9:/_.+=@ -]*[A-Za-z0-9:/_.+=@-])?)?)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Whether a text holds `${`: a one-character search first, which is much
 * cheaper than searching for the pair in the many texts without a `$`.
 */
export function hasVariableMark(text: string): boolean {
  const at = text.indexOf('$');
  return at >= 0 && text.indexOf('${', at) >= 0;
}

/** Lists the `${...}` references of a text. */
export function findVariables(text: string): VariableRef[] {
  const out: VariableRef[] = [];
  let at = text.indexOf('${');
  while (at >= 0) {
    const end = text.indexOf('}', at + 2);
    if (end < 0) {
      out.push({ key: text.slice(at + 2), from: at, to: text.length, problem: 'has no closing `}`' });
      break;
    }
    const body = text.slice(at + 2, end);
    if (body !== '*' && body !== '?' && body !== '$') {
      const m = VAR_BODY.exec(body);
      if (m) out.push({ key: m[1], from: at, to: end + 1 });
      else out.push({ key: body, from: at, to: end + 1, problem: 'is not a variable: write `${key}` or `${key, \'default\'}`' });
    }
    at = text.indexOf('${', end + 1);
  }
  return out;
}

/**
 * Whether a variable's body is a bare key, `[A-Za-z0-9][A-Za-z0-9:/_.+=@-]*`
 * (what VAR_BODY accepts with no spaces and no default; the key is then the body).
 */
function isSimpleKey(body: string): boolean {
  const n = body.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = body.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
    if (alnum) continue;
    if (i === 0) return false;
    if (c !== 58 && c !== 47 && c !== 95 && c !== 46 && c !== 43 && c !== 61 && c !== 64 && c !== 45) return false;
  }
  return true;
}

/** Appends source text (whose `*`/`?` are wildcards where `wild`). */
function pushText(parts: TemplatePart[], text: string, wild: boolean): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.t === 'text' && last.wild === wild) last.text += text;
  else parts.push({ t: 'text', text, wild });
}

/**
 * Parses a text into a template. `variables` says whether `${...}` is
 * special (Version 2012-10-17); `wildcards` whether `*` and `?` are.
 */
export function parseTemplate(source: string, variables: boolean, wildcards: boolean): Template {
  if (!variables || source.indexOf('${') < 0) {
    return { parts: [{ t: 'text', text: source, wild: wildcards }], hasVars: false, plain: source };
  }
  const parts: TemplatePart[] = [];
  let hasVars = false;
  let escapes = false;
  let pos = 0;
  let at = source.indexOf('${');
  while (at >= 0) {
    const end = source.indexOf('}', at + 2);
    if (end < 0) break;
    pushText(parts, source.slice(pos, at), wildcards);
    const body = source.slice(at + 2, end);
    if (body === '*' || body === '?' || body === '$') {
      escapes = true;
      pushText(parts, body, false);
    } else {
      if (isSimpleKey(body)) {
        // The common `${key}` is read without the regular expression.
        hasVars = true;
        parts.push({ t: 'var', key: body, keyLower: lowerName(body) });
      } else {
        const m = VAR_BODY.exec(body);
        if (m) {
          hasVars = true;
          const part: TemplatePart = { t: 'var', key: m[1], keyLower: lowerName(m[1]) };
          if (m[2] !== undefined) part.fallback = m[2];
          parts.push(part);
        } else {
          pushText(parts, source.slice(at, end + 1), wildcards);
        }
      }
    }
    pos = end + 1;
    at = source.indexOf('${', pos);
  }
  pushText(parts, source.slice(pos), wildcards);
  // With no variable and no escape, every `${...}` was kept as written: the text is the source.
  return { parts, hasVars, plain: !hasVars && !escapes ? source : null };
}

/**
 * Resolves a template against the request context into pattern pieces
 * (variable values are literal), or null when a variable has no single value
 * and no default: such a pattern matches nothing, as AWS documents.
 */
export function resolvePieces(t: Template, ctx: ContextMap): PatternPiece[] | null {
  const out: PatternPiece[] = [];
  for (const p of t.parts) {
    if (p.t === 'text') { out.push(p); continue; }
    const value = variableValue(p, ctx);
    if (value === undefined) return null;
    out.push({ text: value, wild: false });
  }
  return out;
}

/**
 * A variable's value in this request: the value of a single-valued key,
 * else the default written in the policy, else undefined. A multivalued key
 * is never a variable's value, even when its list holds one value.
 */
export function variableValue(p: Extract<TemplatePart, { t: 'var' }>, ctx: ContextMap): string | undefined {
  const v = ctx.get(p.keyLower);
  if (v && v.length === 1 && !ctx.multivalued.has(p.keyLower)) return String(v[0]);
  return p.fallback;
}
