/**
 * Stage 1, parse: ranges of keys and values, every kind of JSON error with
 * the text it underlines, several errors at once, duplicate keys, and the
 * promise that parsing never throws, whatever the text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from '../../engine/index.ts';
import { toValue, type JsonNode, type JsonObject } from '../../engine/json.ts';
import { MAX_DEPTH } from '../../engine/parse.ts';
import { diagnose, expectDiagnostic, expectNoDiagnostic } from './helpers.ts';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::example-bucket/*",
      "Condition": { "NumericLessThan": { "s3:max-keys": 10 }, "Bool": { "aws:SecureTransport": true } },
      "NotPrincipal": null
    }
  ]
}`;

function obj(node: JsonNode | null): JsonObject {
  assert.ok(node && node.type === 'object', 'expected an object');
  return node;
}
function get(node: JsonNode | null, key: string): JsonNode {
  const m = obj(node).members.find((x) => x.key === key);
  assert.ok(m, `no member ${key}`);
  return m.value;
}
const at = (r: { from: number; to: number }): string => POLICY.slice(r.from, r.to);

describe('ranges', () => {
  const { root, diagnostics } = parse(POLICY);
  const st = (() => { const s = get(root, 'Statement'); assert.equal(s.type, 'array'); return s.items[0]; })();

  test('a valid policy has no diagnostics', () => assert.deepEqual(diagnostics, []));
  test('the root object spans the whole text', () => assert.equal(at(obj(root)), POLICY));
  test('a key spans its quoted name', () => {
    const m = obj(root).members[0];
    assert.equal(m.key, 'Version');
    assert.equal(at(m), '"Version"');
  });
  test('a string value spans its quotes', () => assert.equal(at(get(root, 'Version')), '"2012-10-17"'));
  test('an array spans its brackets, each item its own text', () => {
    const a = get(st, 'Action');
    assert.equal(at(a), '["s3:GetObject", "s3:ListBucket"]');
    assert.equal(a.type, 'array');
    assert.deepEqual(a.items.map(at), ['"s3:GetObject"', '"s3:ListBucket"']);
  });
  test('an object value spans its braces', () => assert.equal(at(get(st, 'Condition')).slice(0, 21), '{ "NumericLessThan": '));
  test('numbers, booleans and null keep their text', () => {
    const c = get(st, 'Condition');
    const n = get(get(c, 'NumericLessThan'), 's3:max-keys');
    assert.equal(at(n), '10');
    assert.deepEqual(n.type === 'number' && [n.value, n.raw], [10, '10']);
    assert.equal(at(get(get(c, 'Bool'), 'aws:SecureTransport')), 'true');
    assert.equal(at(get(st, 'NotPrincipal')), 'null');
  });
  test('a statement spans from { to }', () => assert.match(at(obj(st)), /^\{\n\s+"Sid": "ReadReports"[\s\S]*"NotPrincipal": null\n\s+\}$/));
  test('escapes are decoded in values, ranges cover the escaped text', () => {
    const text = '{"a": "x\\"y\\u0041\\n"}';
    const v = get(parse(text).root, 'a');
    assert.deepEqual(v.type === 'string' && v.value, 'x"yA\n');
    assert.equal(text.slice(v.from, v.to), '"x\\"y\\u0041\\n"');
  });
  test('the tree turns back into the value JSON.parse reads', () => {
    assert.deepEqual(toValue(parse(POLICY).root as JsonNode), JSON.parse(POLICY));
  });
});

describe('JSON errors, each with its underline', () => {
  test('missing closing brace', () => expectDiagnostic('«{»"Version": "2012-10-17"', 'json', 'json.unclosedObject', null, 'has no closing `}`'));
  test('missing closing bracket', () => expectDiagnostic('{"Statement": «[»{}', 'json', 'json.unclosedArray', null, 'has no closing `]`'));
  test('array closed by a brace', () => expectDiagnostic('{"Action": ["s3:GetObject"«}»', 'json', 'json.unclosedArray', null, 'expected `]`'));
  test('trailing comma in an object', () => expectDiagnostic('{"Effect": "Allow"«,»}', 'json', 'json.trailingComma', null, 'comma before `}`'));
  test('trailing comma in an array', () => expectDiagnostic('{"Action": ["s3:GetObject"«,»]}', 'json', 'json.trailingComma', null, 'comma before `]`'));
  test('trailing comma after white space', () => expectDiagnostic('{"Action": ["a:b"«,»\n  ]}', 'json', 'json.trailingComma', null, 'comma before `]`'));
  test('single-quoted value', () => expectDiagnostic(`{"Effect": «'Allow'»}`, 'json', 'json.singleQuote', null, 'double quotes'));
  test('single-quoted key', () => expectDiagnostic(`{«'Effect'»: "Allow"}`, 'json', 'json.singleQuote', null, /replace `'` with `"`/));
  test('line comment', () => expectDiagnostic('{"Effect": "Allow" «// allow it»\n}', 'json', 'json.comment', null, 'JSON has no comments'));
  test('block comment', () => expectDiagnostic('{«/* why */» "Effect": "Allow"}', 'json', 'json.comment', null, '`/* ... */`'));
  test('unterminated block comment runs to the end', () => expectDiagnostic('{"a": 1} «/* open»', 'json', 'json.comment', null, 'no comments'));
  test('bare word value', () => expectDiagnostic('{"Effect": «Allow»}', 'json', 'json.bareWord', null, 'put text in double quotes: `"Allow"`'));
  test('capitalized True is a bare word', () => expectDiagnostic('{"a": «True»}', 'json', 'json.bareWord', null, '`True` is not a JSON value'));
  test('unquoted key', () => expectDiagnostic('{«Effect»: "Allow"}', 'json', 'json.bareWord', null, 'double quotes'));
  test('unterminated string at the end of the text', () => expectDiagnostic('{"Effect": «"Allow»', 'json', 'json.unterminatedString', null, 'no closing `"`'));
  test('unterminated string at the end of a line', () => expectDiagnostic('{"Effect": «"Allow»\n}', 'json', 'json.unterminatedString', null, 'before the end of the line'));
  test('bad escape', () => expectDiagnostic('{"Resource": "arn:aws:s3:::b/«\\d»"}', 'json', 'json.badEscape', null, '`\\d` is not a JSON escape'));
  test('bad unicode escape', () => expectDiagnostic('{"a": "«\\u»12"}', 'json', 'json.badEscape', null, 'not a JSON escape'));
  test('raw tab inside a string', () => expectDiagnostic('{"a": "x«\t»y"}', 'json', 'json.controlChar', null, 'must be escaped'));
  test('trailing text', () => expectDiagnostic('{"a": 1} «x»yz', 'json', 'json.trailingText', null, 'unexpected `x` after the end of the policy'));
  test('an extra closing brace', () => expectDiagnostic('{"a": {}}«}»', 'json', 'json.trailingText', null, 'unexpected `}`'));
  test('empty text', () => expectDiagnostic('', 'json', 'json.empty', '', 'the policy is empty'));
  test('white space only', () => expectDiagnostic('  \n\t', 'json', 'json.empty', '', 'the policy is empty'));
  test('missing value at the end', () => expectDiagnostic('{"a": «»', 'json', 'json.unexpectedEnd', null, 'ends where a value was expected'));
  test('missing comma between members', () => expectDiagnostic('{"a": 1 «"»b": 2}', 'json', 'json.expectedComma', null, 'expected `,` between members'));
  test('missing comma between items', () => expectDiagnostic('{"a": [1 «2»]}', 'json', 'json.expectedComma', null, 'expected `,` or `]` but found `2`'));
  test('doubled comma', () => expectDiagnostic('{"Effect": "Allow",«,» "Action": "s3:*"}', 'json', 'json.expectedKey', null, 'expected a key in double quotes but found `,`'));
  test('missing colon', () => expectDiagnostic('{"Effect"« »"Allow"}', 'json', 'json.expectedColon', null, 'expected `:` after the key `Effect`'));
  test('bad number', () => expectDiagnostic('{"a": «-»}', 'json', 'json.badNumber', null, '`-` is not a JSON number'));
  test('a stray sign where a value belongs', () => expectDiagnostic('{"a": «)»}', 'json', 'json.unexpected', null, 'expected a value but found `)`'));
  test(`nesting deeper than ${MAX_DEPTH} levels`, () => {
    const text = `${'['.repeat(MAX_DEPTH)}«[»${']'.repeat(MAX_DEPTH + 1)}`;
    expectDiagnostic(text, 'json', 'json.tooDeep', null, `deeper than ${MAX_DEPTH} levels`);
  });
  test(`nesting of exactly ${MAX_DEPTH} levels is fine`, () => expectNoDiagnostic(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`, 'json'));
  test('too deep but closed: one error, not one per enclosing bracket', () => {
    const ds = diagnose(`{"a": ${'['.repeat(300)}${']'.repeat(300)}, "b": 1}`, 'json');
    assert.deepEqual(ds.map((d) => d.code), ['json.tooDeep']);
  });
  test('ten thousand nested objects do not overflow the stack', () => {
    const ds = diagnose('{"a":'.repeat(10000) + '1' + '}'.repeat(10000), 'json');
    assert.ok(ds.some((d) => d.code === 'json.tooDeep'));
  });
});

describe('several errors at once', () => {
  const text = `{
  'Version': "2012-10-17", // the version
  "Statement": [{"Effect": Allow, "Action": "s3:*",}]
}`;
  const ds = diagnose(text, 'json');
  test('every error is reported, in text order', () => {
    assert.deepEqual(ds.map((d) => [d.code, d.underlined]), [
      ['json.singleQuote', "'Version'"],
      ['json.comment', '// the version'],
      ['json.bareWord', 'Allow'],
      ['json.trailingComma', ','],
    ]);
  });
  test('the tree is still built around the errors', () => {
    const list = get(parse(text).root, 'Statement');
    assert.ok(list.type === 'array');
    const action = get(list.items[0], 'Action');
    assert.deepEqual(action.type === 'string' && action.value, 's3:*');
    assert.equal(text.slice(action.from, action.to), '"s3:*"');
  });
});

describe('duplicate keys', () => {
  test('the second occurrence is underlined', () => expectDiagnostic('{"Effect": "Allow", «"Effect"»: "Deny"}', 'json', 'json.duplicateKey', null, 'the key `Effect` appears twice in this object'));
  test('the hint says to merge', () => expectDiagnostic('{"a": 1, "a": 2}', 'json', 'json.duplicateKey', '"a"', 'merge the two entries'));
  test('each further repeat is reported', () => {
    assert.equal(diagnose('{"a": 1, "a": 2, "a": 3}', 'json').filter((d) => d.code === 'json.duplicateKey').length, 2);
  });
  test('the same key in two objects is not a duplicate', () => expectNoDiagnostic('{"a": {"k": 1}, "b": {"k": 2}}', 'json'));
  test('keys differing in case are not duplicates in JSON', () => expectNoDiagnostic('{"Effect": "Allow", "effect": "Deny"}', 'json'));
  test('a duplicate inside a statement is reported', () => {
    expectDiagnostic('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", «"Action"»: "s3:PutObject"}]}', 'json', 'json.duplicateKey', null, '`Action`');
  });
});

// ---- properties -----------------------------------------------------------

/** Every diagnostic has a range inside the text and the fields the site needs. */
function wellFormed(text: string): void {
  const { diagnostics } = parse(text);
  for (const d of diagnostics) {
    assert.ok(d.from >= 0 && d.from <= d.to && d.to <= text.length, `range ${d.from}-${d.to} out of ${text.length}`);
    assert.ok(d.code.startsWith('json.') && d.message.length > 0 && d.severity === 'error');
  }
}

/** A valid policy to mutate. */
const SEED = POLICY;
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', "'", '\\', '/*', '//', 'x', '\n', '\t', '\u0000', '-', '1e', '\ud800') }),
);
function mutate(text: string, ms: { kind: 'delete' | 'insert'; at: number; len?: number; text?: string }[]): string {
  let t = text;
  for (const m of ms) {
    const i = m.at % (t.length + 1);
    t = m.kind === 'delete' ? t.slice(0, i) + t.slice(i + (m.len ?? 1)) : t.slice(0, i) + (m.text ?? '') + t.slice(i);
  }
  return t;
}

describe('parse never throws', () => {
  test('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => wellFormed(s)), { numRuns: 400 });
  });
  test('on strings made of JSON punctuation', () => {
    const chars = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', "'", '\\', '/', '*', 'a', '1', '-', ' ', '\n', 'true', 'null', 'u');
    fc.assert(fc.property(fc.array(chars, { maxLength: 200 }), (cs) => wellFormed(cs.join(''))), { numRuns: 400 });
  });
  test('on a valid policy with random deletions and insertions', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => wellFormed(mutate(SEED, ms))), { numRuns: 400 });
  });
  test('valid JSON parses without diagnostics to the value JSON.parse reads', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => {
      const r = parse(text);
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(toValue(r.root as JsonNode), JSON.parse(text));
    }), { numRuns: 300 });
  });
  test('a `__proto__` key is an own member, as JSON.parse reads it', () => {
    const text = '{"__proto__":{"Effect":"Deny"},"Sid":"A"}';
    const r = parse(text);
    assert.deepEqual(r.diagnostics, []);
    const v = toValue(r.root as JsonNode) as Record<string, unknown>;
    assert.deepEqual(v, JSON.parse(text));
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.equal((v as { Effect?: unknown }).Effect, undefined);
  });
  test('a policy of 1 MB parses', () => {
    const big = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 8000 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'k'.repeat(60)}` })) });
    assert.ok(big.length > 1_000_000);
    assert.deepEqual(parse(big).diagnostics, []);
  });
});

describe('ranges stay inside the text', () => {
  test('a key at the very end: the missing colon is reported at the end', () => {
    const ds = diagnose('{"Effect"', 'json');
    const colon = ds.find((d) => d.code === 'json.expectedColon');
    assert.ok(colon && colon.to <= 9 && colon.message.includes('`Effect`'));
  });
  test('a lone quote after a brace', () => wellFormed('{"'));
});
