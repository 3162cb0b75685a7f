/**
 * Stage 1: policy text -> JSON tree with ranges, plus every syntax error and
 * duplicate key as a diagnostic. It never throws: on an error it records a
 * diagnostic, skips ahead and goes on, so the learner sees all the problems
 * at once.
 */
import type { Diagnostic } from './types.ts';
import type { JsonArray, JsonMember, JsonNode, JsonObject } from './json.ts';

/** What parsing gives: a tree (null when nothing could be read) and diagnostics. */
export interface ParseResult {
  root: JsonNode | null;
  diagnostics: Diagnostic[];
}

/** Deeper nesting than this is an error rather than a stack overflow. */
export const MAX_DEPTH = 256;

/** What each JSON escape letter stands for (`\u` is read apart). */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const WS = new Uint8Array(128);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  return `\`${ch}\``;
}

/** Parses JSON text into a tree with ranges. See the module comment. */
export function parse(text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let pos = 0;
  const len = text.length;

  function error(code: string, message: string, from: number, to: number, hint?: string, path = ''): void {
    // One diagnostic per place: a cascade of errors at the same offset helps no one.
    const last = diagnostics[diagnostics.length - 1];
    if (last && last.from === from && last.code !== 'json.duplicateKey') return;
    // INVARIANT: a range never reaches past the text (an editor would reject it).
    const d: Diagnostic = { code, severity: 'error', message, path, from, to: Math.min(Math.max(to, from), len) };
    if (hint) d.hint = hint;
    diagnostics.push(d);
  }

  function skipWs(): void {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c < 128 && WS[c]) { pos++; continue; }
      if (c === 0x2f && text.charCodeAt(pos + 1) === 0x2f) {
        const start = pos;
        while (pos < len && text.charCodeAt(pos) !== 0x0a) pos++;
        error('json.comment', 'JSON has no comments: remove `//` and the rest of the line', start, pos);
        continue;
      }
      if (c === 0x2f && text.charCodeAt(pos + 1) === 0x2a) {
        const start = pos;
        const end = text.indexOf('*/', pos + 2);
        pos = end < 0 ? len : end + 2;
        error('json.comment', 'JSON has no comments: remove the `/* ... */` block', start, pos);
        continue;
      }
      break;
    }
  }

  function parseString(): JsonNode {
    const from = pos;
    pos++; // opening quote
    let value = '';
    let chunk = pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        value += text.slice(chunk, pos);
        pos++;
        return { type: 'string', value, from, to: pos };
      }
      if (c === 0x5c) {
        value += text.slice(chunk, pos);
        const e = text[pos + 1];
        if (e !== undefined && e in ESCAPES) { value += ESCAPES[e]; pos += 2; }
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          error('json.badEscape', `\`\\${e ?? ''}\` is not a JSON escape`, pos, Math.min(pos + 2, len), 'write `\\\\` for a backslash');
          pos += e === undefined ? 1 : 2;
        }
        chunk = pos;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        value += text.slice(chunk, pos);
        error('json.unterminatedString', 'this string has no closing `"` before the end of the line', from, pos);
        return { type: 'string', value, from, to: pos };
      }
      if (c < 0x20) {
        error('json.controlChar', 'a control character (such as a tab) must be escaped inside a string', pos, pos + 1, 'write `\\t` for a tab');
      }
      pos++;
    }
    value += text.slice(chunk, pos);
    error('json.unterminatedString', 'this string has no closing `"`', from, pos);
    return { type: 'string', value, from, to: pos };
  }

  function parseNumber(): JsonNode {
    const from = pos;
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m || m[0] === '-') {
      while (pos < len && /[\w.+-]/.test(text[pos])) pos++;
      error('json.badNumber', `\`${text.slice(from, pos)}\` is not a JSON number`, from, pos);
      return { type: 'null', from, to: pos };
    }
    pos += m[0].length;
    return { type: 'number', value: Number(m[0]), raw: m[0], from, to: pos };
  }

  function parseWord(): JsonNode {
    const from = pos;
    while (pos < len && /[A-Za-z0-9_$.+-]/.test(text[pos])) pos++;
    const word = text.slice(from, pos);
    if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true', from, to: pos };
    if (word === 'null') return { type: 'null', from, to: pos };
    if (word.length === 0) {
      pos++;
      error('json.unexpected', `expected a value but found ${describe(text[from])}`, from, from + 1);
      return { type: 'null', from, to: from + 1 };
    }
    error('json.bareWord', `\`${word.slice(0, 40)}\` is not a JSON value`, from, pos, `put text in double quotes: \`"${word.slice(0, 40)}"\``);
    return { type: 'string', value: word, from, to: pos };
  }

  function parseValue(depth: number): JsonNode {
    skipWs();
    if (pos >= len) {
      error('json.unexpectedEnd', 'the text ends where a value was expected', len, len);
      return { type: 'null', from: len, to: len };
    }
    const c = text[pos];
    if (c === '{') return depth >= MAX_DEPTH ? tooDeep() : parseObject(depth + 1);
    if (c === '[') return depth >= MAX_DEPTH ? tooDeep() : parseArray(depth + 1);
    if (c === '"') return parseString();
    if (c === "'") {
      const from = pos;
      const end = text.indexOf("'", pos + 1);
      const stop = end < 0 || text.slice(pos, end).includes('\n') ? pos + 1 : end + 1;
      pos = stop;
      error('json.singleQuote', 'JSON strings use double quotes', from, stop, 'replace `\'` with `"`');
      return { type: 'string', value: text.slice(from + 1, Math.max(from + 1, stop - 1)), from, to: stop };
    }
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    return parseWord();
  }

  function tooDeep(): JsonNode {
    const from = pos;
    error('json.tooDeep', `nesting deeper than ${MAX_DEPTH} levels`, from, from + 1);
    // Skip the too-deep value, brackets balanced and strings skipped, so that
    // the brackets around it still close and are not reported as unclosed.
    let open = 0;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        while (pos < len && text.charCodeAt(pos) !== 0x22 && text.charCodeAt(pos) !== 0x0a) pos += text.charCodeAt(pos) === 0x5c ? 2 : 1;
      } else if (c === 0x5b || c === 0x7b) open++;
      else if ((c === 0x5d || c === 0x7d) && --open === 0) { pos++; break; }
      pos++;
    }
    if (pos > len) pos = len;
    return { type: 'null', from, to: pos };
  }

  function parseObject(depth: number): JsonObject {
    const from = pos;
    pos++;
    const members: JsonMember[] = [];
    const seen = new Map<string, JsonMember>();
    let comma = pos;
    skipWs();
    if (text[pos] === '}') { pos++; return { type: 'object', members, from, to: pos }; }
    for (;;) {
      skipWs();
      if (pos >= len) { error('json.unclosedObject', 'this object has no closing `}`', from, from + 1); break; }
      const c = text[pos];
      if (c === '}') { error('json.trailingComma', 'a comma before `}` is not allowed in JSON', comma, comma + 1); pos++; return { type: 'object', members, from, to: pos }; }
      let keyNode: JsonNode;
      if (c === '"') keyNode = parseString();
      else if (c === "'" || /[A-Za-z_$]/.test(c)) {
        keyNode = parseValue(depth);
        error('json.keyQuotes', 'a key must be in double quotes', keyNode.from, keyNode.to);
      } else {
        error('json.expectedKey', `expected a key in double quotes but found ${describe(c)}`, pos, pos + 1);
        if (!recover('}')) break;
        comma = pos - 1;
        continue;
      }
      const key = keyNode.type === 'string' ? keyNode.value : '';
      skipWs();
      if (text[pos] === ':') pos++;
      else error('json.expectedColon', `expected \`:\` after the key \`${key}\``, keyNode.to, keyNode.to + 1);
      const value = parseValue(depth);
      const m: JsonMember = { key, value, from: keyNode.from, to: keyNode.to };
      const prev = seen.get(key);
      if (prev) {
        diagnostics.push({
          code: 'json.duplicateKey', severity: 'error', path: '',
          message: `the key \`${key}\` appears twice in this object`,
          hint: 'merge the two entries into one', from: m.from, to: m.to,
        });
      }
      seen.set(key, m);
      members.push(m);
      skipWs();
      if (text[pos] === ',') { comma = pos++; continue; }
      if (text[pos] === '}') { pos++; return { type: 'object', members, from, to: pos }; }
      if (pos >= len) { error('json.unclosedObject', 'this object has no closing `}`', from, from + 1); break; }
      if (text[pos] === '"') { error('json.expectedComma', 'expected `,` between members', pos, pos + 1); continue; }
      error('json.expectedComma', `expected \`,\` or \`}\` but found ${describe(text[pos])}`, pos, pos + 1);
      if (!recover('}')) break;
      comma = pos - 1;
    }
    return { type: 'object', members, from, to: pos };
  }

  function parseArray(depth: number): JsonArray {
    const from = pos;
    pos++;
    const items: JsonNode[] = [];
    let comma = pos;
    skipWs();
    if (text[pos] === ']') { pos++; return { type: 'array', items, from, to: pos }; }
    for (;;) {
      skipWs();
      if (pos >= len) { error('json.unclosedArray', 'this array has no closing `]`', from, from + 1); break; }
      if (text[pos] === ']') { error('json.trailingComma', 'a comma before `]` is not allowed in JSON', comma, comma + 1); pos++; return { type: 'array', items, from, to: pos }; }
      items.push(parseValue(depth));
      skipWs();
      if (text[pos] === ',') { comma = pos++; continue; }
      if (text[pos] === ']') { pos++; return { type: 'array', items, from, to: pos }; }
      if (pos >= len) { error('json.unclosedArray', 'this array has no closing `]`', from, from + 1); break; }
      if (text[pos] === '}') { error('json.unclosedArray', 'expected `]` to close the array before `}`', pos, pos + 1); break; }
      error('json.expectedComma', `expected \`,\` or \`]\` but found ${describe(text[pos])}`, pos, pos + 1);
      if (text[pos] === '"' || text[pos] === '{' || text[pos] === '[') continue;
      if (!recover(']')) break;
      comma = pos - 1;
    }
    return { type: 'array', items, from, to: pos };
  }

  /** Skips to the next `,` (and past it) or to the closer; false at the end of the text. */
  function recover(closer: string): boolean {
    while (pos < len) {
      const c = text[pos];
      if (c === ',') { pos++; return true; }
      if (c === closer || c === '}' || c === ']') return c === closer;
      if (c === '"') { parseString(); continue; }
      pos++;
    }
    return false;
  }

  skipWs();
  if (pos >= len) {
    diagnostics.push({ code: 'json.empty', severity: 'error', path: '', message: 'the policy is empty: a policy is a JSON object `{ ... }`', from: 0, to: 0 });
    return { root: null, diagnostics };
  }
  const root = parseValue(0);
  skipWs();
  if (pos < len) {
    error('json.trailingText', `unexpected ${describe(text[pos])} after the end of the policy`, pos, Math.min(len, pos + 1));
  }
  return { root, diagnostics };
}
