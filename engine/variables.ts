/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, the
 * escapes `${*}`, `${?}` and `${$}` (a literal `*`, `?` or `$`), and a
 * default, `${aws:PrincipalTag/team, 'none'}`. A text is parsed once into a
 * template; resolving it against a request gives char codes in which the
 * template's own `*` and `?` are wildcards and everything else is literal.
 *
 * Variables are only recognized under Version 2012-10-17; otherwise the text
 * is literal (the validator warns).
 */
import { STAR, QMARK } from './wildcard.ts';
import type { ContextMap } from './context.ts';

/** One piece of a template. */
export type TemplatePart =
  | { t: 'text'; codes: number[] }
  | { t: 'var'; key: string; keyLower: string; fallback?: string };

/** A parsed text that may hold variables. */
export interface Template {
  source: string;
  parts: TemplatePart[];
  hasVars: boolean;
}

/** A variable found in a text, with its offsets in that text (for diagnostics). */
export interface VariableRef {
  key: string;
  from: number;
  to: number;
  /** Set for `${...}` that does not follow the variable grammar. */
  problem?: string;
}

const VAR_BODY = /^\s*([A-Za-z0-9][A-Za-z0-9:/_.+=@-]*)\s*(?:,\s*'([^']*)'\s*)?$/;

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

function pushText(parts: TemplatePart[], text: string, wildcards: boolean): void {
  if (!text) return;
  const codes: number[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = wildcards && c === 42 ? STAR : wildcards && c === 63 ? QMARK : c;
  }
  const last = parts[parts.length - 1];
  if (last && last.t === 'text') last.codes.push(...codes);
  else parts.push({ t: 'text', codes });
}

/**
 * Parses a text into a template. `variables` says whether `${...}` is
 * special (Version 2012-10-17); `wildcards` whether `*` and `?` are.
 */
export function parseTemplate(source: string, variables: boolean, wildcards: boolean): Template {
  const parts: TemplatePart[] = [];
  let hasVars = false;
  if (!variables || source.indexOf('${') < 0) {
    pushText(parts, source, wildcards);
    return { source, parts, hasVars };
  }
  let pos = 0;
  let at = source.indexOf('${');
  while (at >= 0) {
    const end = source.indexOf('}', at + 2);
    if (end < 0) break;
    pushText(parts, source.slice(pos, at), wildcards);
    const body = source.slice(at + 2, end);
    if (body === '*' || body === '?' || body === '$') {
      const last = parts[parts.length - 1];
      const code = body.charCodeAt(0);
      if (last && last.t === 'text') last.codes.push(code);
      else parts.push({ t: 'text', codes: [code] });
    } else {
      const m = VAR_BODY.exec(body);
      if (m) {
        hasVars = true;
        const part: TemplatePart = { t: 'var', key: m[1], keyLower: m[1].toLowerCase() };
        if (m[2] !== undefined) part.fallback = m[2];
        parts.push(part);
      } else {
        pushText(parts, source.slice(at, end + 1), wildcards);
      }
    }
    pos = end + 1;
    at = source.indexOf('${', pos);
  }
  pushText(parts, source.slice(pos), wildcards);
  return { source, parts, hasVars };
}

/**
 * Resolves a template against the request context: char codes, or null when
 * a variable has no single value and no default (such a pattern matches
 * nothing, as AWS documents).
 */
export function resolveTemplate(t: Template, ctx: ContextMap): number[] | null {
  if (t.parts.length === 1 && t.parts[0].t === 'text') return t.parts[0].codes;
  const out: number[] = [];
  for (const p of t.parts) {
    if (p.t === 'text') {
      for (const c of p.codes) out.push(c);
      continue;
    }
    const v = ctx.get(p.keyLower);
    let value: string | undefined;
    if (v && v.length === 1) value = String(v[0]);
    else if (p.fallback !== undefined) value = p.fallback;
    if (value === undefined) return null;
    for (let i = 0; i < value.length; i++) out.push(value.charCodeAt(i));
  }
  return out;
}
