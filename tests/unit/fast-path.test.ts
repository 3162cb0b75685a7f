/**
 * The fast path of checking (engine/fast.ts) against the full validator.
 * For every policy the project knows (shared conformance cases, the bench
 * workload, the project's own cases, every policy in the lessons) and for
 * generated and mutated ones: `fastCheck` either declines (null), or it
 * gives the very Policy the full path builds, and the full path has no
 * diagnostic at all for it. Decisions through both paths are the same.
 * If the fast path accepted one policy the validator would comment on, a
 * learner would lose that comment: this file would fail.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import fc from 'fast-check';
import { fastCheck } from '../../engine/fast.ts';
import { mapPolicySet } from '../../engine/requests.ts';
import { fromValue, minifiedLength } from '../../engine/json.ts';
import { validate, SIZE_LIMITS, valueCharacterDiagnostics } from '../../engine/validate.ts';
import { checkPolicy, evaluateCase, type CaseInput, type PoliciesInput, type PolicyKind, type EvaluationResult } from '../../engine/index.ts';
import { caseFiles, loadCases } from '../../scripts/cases.ts';
import { BENCH_WORKLOAD, OWN_CASES, SHARED_CASES } from '../../scripts/shared.ts';
import { principalArb, requestArb } from './arbitraries.ts';
import { OPERATORS as OPERATOR_TABLE } from '../../engine/operators/index.ts';

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const CASE_DIRS = [SHARED_CASES, BENCH_WORKLOAD, OWN_CASES];
const WORKLOAD = BENCH_WORKLOAD;

/** The value with every `from`/`to` removed (ranges are not compared). */
function withoutRanges(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutRanges);
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'from' && k !== 'to') out[k] = withoutRanges(x);
  return out;
}

/** Asserts the fast path's promise for one value and kind; returns whether it took the fast path. */
function agree(value: unknown, kind: PolicyKind): boolean {
  const fast = fastCheck(value, kind);
  const root = fromValue(value);
  const full = validate(root, kind, minifiedLength(root));
  const diagnostics = [...valueCharacterDiagnostics(root, kind), ...full.diagnostics];
  if (fast === null) return false;
  assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`), [],
    `the fast path accepted a ${kind} policy the validator comments on: ${JSON.stringify(value).slice(0, 300)}`);
  assert.ok(full.policy, 'the validator built no policy');
  assert.deepStrictEqual(withoutRanges(fast), withoutRanges(full.policy), `different policies for ${JSON.stringify(value).slice(0, 300)}`);
  // And checkPolicy, which every page uses, gives the same.
  const checked = checkPolicy(value as object, kind);
  assert.equal(checked.diagnostics.length, 0);
  return true;
}

/** Every object with a `Statement` or `Version` member anywhere inside a JSON value. */
function policiesIn(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) { for (const x of v) policiesIn(x, out); return out; }
  if (v === null || typeof v !== 'object') return out;
  const o = v as Record<string, unknown>;
  if ('Statement' in o || 'Version' in o) out.push(o);
  for (const x of Object.values(o)) policiesIn(x, out);
  return out;
}

function knownPolicies(): unknown[] {
  const out: unknown[] = [];
  for (const dir of CASE_DIRS) for (const file of caseFiles(dir)) policiesIn(JSON.parse(readFileSync(file, 'utf8')), out);
  const lessons = here('../../lessons');
  for (const name of readdirSync(lessons)) {
    const file = join(lessons, name, 'exercises.json');
    if (existsSync(file)) policiesIn(JSON.parse(readFileSync(file, 'utf8')), out);
  }
  return out;
}

function knownCases(): CaseInput[] {
  return CASE_DIRS.flatMap((d) => caseFiles(d)).flatMap((f) => loadCases(f).map((l) => l.case));
}

const KNOWN = knownPolicies();

describe('fastCheck agrees with the full validator', () => {
  test('on every policy of the conformance cases, the bench and the lessons, for every kind', () => {
    assert.ok(KNOWN.length > 150, `found only ${KNOWN.length} policies`);
    let fast = 0;
    for (const p of KNOWN) for (const kind of KINDS) if (agree(p, kind)) fast++;
    // Most of them are valid for some kind: the fast path must actually be taken.
    assert.ok(fast > KNOWN.length / 2, `fast path taken ${fast} times for ${KNOWN.length} policies`);
  });

  test('every policy of the bench workload takes the fast path', () => {
    for (const c of loadCases(WORKLOAD).map((l) => l.case)) {
      const p = c.policies ?? {};
      const slots: [unknown, PolicyKind][] = [
        ...(p.identity ?? []).map((x): [unknown, PolicyKind] => [x, 'identity']),
        ...(p.resource ? [[p.resource, 'resource'] as [unknown, PolicyKind]] : []),
        ...(p.permissionsBoundary ? [[p.permissionsBoundary, 'boundary'] as [unknown, PolicyKind]] : []),
        ...(p.scp ?? []).flat().map((x): [unknown, PolicyKind] => [x, 'scp']),
      ];
      for (const [v, kind] of slots) assert.ok(agree(v, kind), `${c.id}: a ${kind} policy missed the fast path`);
    }
  });

  test('declines what is not a plain JSON value, and the full path still reports', () => {
    class Custom { Version = '2012-10-17'; Statement = { Effect: 'Allow', Action: '*', Resource: '*' }; }
    const nullProto = Object.assign(Object.create(null) as object, { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    for (const v of [new Custom(), nullProto, [], new Date(0), { Version: '2012-10-17', Statement: [new Custom().Statement, undefined] }]) {
      assert.equal(fastCheck(v, 'identity'), null);
      agree(v, 'identity');
    }
    assert.equal(checkPolicy([], 'identity').diagnostics[0]?.code, 'policy.notObject');
  });

  test('declines while Object.prototype has an enumerable member', () => {
    const ok = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    assert.ok(fastCheck(ok, 'identity'));
    const proto = Object.prototype as Record<string, unknown>;
    proto.Condition = 1;
    try {
      assert.equal(fastCheck(ok, 'identity'), null);
    } finally {
      delete proto.Condition;
    }
  });

  test('the size limit of each kind: at the limit it is fast, one more and the warning comes from the validator', () => {
    for (const kind of KINDS) {
      const principal = kind === 'resource' || kind === 'trust' || kind === 'rcp' ? { Principal: '*' } : {};
      const resource = kind === 'trust' ? {} : { Resource: '*' };
      const effect = kind === 'rcp' ? 'Deny' : 'Allow';
      const make = (n: number): object => ({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(n), Effect: effect, Action: 'sts:AssumeRole', ...principal, ...resource }] });
      const base = minifiedLength(fromValue(make(0)));
      const limit = SIZE_LIMITS[kind].limit;
      const at = make(limit - base);
      const over = make(limit - base + 1);
      assert.equal(minifiedLength(fromValue(at)), limit);
      assert.ok(agree(at, kind), `${kind}: a policy of exactly ${limit} characters should take the fast path`);
      assert.equal(fastCheck(over, kind), null);
      assert.ok(checkPolicy(over, kind).diagnostics.some((d) => d.code === 'policy.tooLarge'), `${kind}: over the limit is reported`);
    }
  });
});

describe('operators the fast path prepares once', () => {
  const texts = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.stringMatching(/^[0-9a-fA-F.:/ ]{0,20}$/),
    fc.stringMatching(/^[0-9TZ:.+-]{0,26}$/),
    fc.stringMatching(/^[A-Za-z0-9+/=]{0,9}$/),
    fc.constantFrom('203.0.113.0/24', '2001:db8::/32', '::ffff:10.0.0.1', '2026-01-01T00:00:00Z', '2026-01-01', '1e3', ' 12 ', 'dGVzdA==', '1.2.3.4/33'),
  );
  test('prepare returns null exactly when check reports a problem (prepareValidates)', () => {
    const ops = [...OPERATOR_TABLE.values()].filter((op) => op.prepareValidates);
    assert.ok(ops.length >= 10, 'IP, numeric, date and binary operators say so');
    fc.assert(fc.property(fc.constantFrom(...ops), texts, (op, t) => {
      assert.equal(op.prepare(t, [{ text: t, wild: op.wildcards }]) === null, op.check(t) !== null, `${op.name} on ${JSON.stringify(t)}`);
    }), { numRuns: 5000 });
  });

});

// ---- generated policies ------------------------------------------------

const STRINGS = [
  '*', '', ' ', 's3:GetObject', 'S3:getobject', 's3:Get*', 's3:*', 'iam:*AccessKey*', 'ec2:Describe?pcs', 's3:', ':GetObject', 's*:Get',
  's3:Get Object', 's3:get:object', 'sts:AssumeRole', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/${aws:username}/*',
  'arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/${aws:username', 'arn:aws:s3:::b/${ bad key }', "arn:aws:s3:::b/${aws:PrincipalTag/team, 'x'}",
  'arn:aws', 'b', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:group/g',
  'arn:aws:iam::111122223333:role/*', 'arn:aws:sts::111122223333:assumed-role/r/s', 'arn:aws:iam::111122223333:user/${aws:username}', 'arn:aws:ec2:*:*:instance/*', '111122223333', '11112222333',
  'ec2.amazonaws.com', 'EC2.amazonaws.com', 'cognito-identity.amazonaws.com', 'Allow', 'Deny', 'allow', 'Sid1', 'Sid 1', 'Sid-1',
  '203.0.113.0/24', '2001:db8::/32', '203.0.113.300', '10.0.0.1', '::1', '2026-01-01T00:00:00Z', '2026-13-01', '1700000000', '2021', '12', '1e3', 'x12',
  'true', 'false', 'TRUE', 'yes', 'dGVzdA==', 'not base64!', '${aws:username}', '${aws:CurrentTime}', 'o-*', 'home/${aws:username}/*',
];
const str = fc.constantFrom(...STRINGS);
const scalar = fc.oneof({ weight: 6, arbitrary: str }, fc.integer({ min: -5, max: 2000 }), fc.double(), fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(
  { weight: 4, arbitrary: scalar }, fc.array(str, { maxLength: 3 }), fc.constant({}), fc.constant([]), fc.jsonValue({ maxDepth: 2 }),
);
const strOrList = fc.oneof({ weight: 3, arbitrary: str }, fc.array(str, { minLength: 1, maxLength: 3 }));

const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringLike', 'StringNotLikeIfExists', 'stringlike', 'ForAllValues:StringLike',
  'ForAnyValue:StringEquals', 'forallvalues:stringequals', 'ForSomeValues:StringEquals', 'NumericLessThan', 'NumericEqualsIfExists',
  'DateLessThan', 'DateGreaterThanEquals', 'Bool', 'BoolIfExists', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnLike', 'ArnNotEquals',
  'Null', 'NullIfExists', 'ForAnyValue:Null', 'StringEqualz', '',
];
const KEYS = ['aws:username', 'aws:SourceIp', 'aws:CurrentTime', 'aws:PrincipalTag/team', 's3:prefix', 'aws:TagKeys', 'aws:SecureTransport', '', 'SourceIp', 'aws:'];
const condValues = fc.oneof({ weight: 4, arbitrary: fc.oneof(str, fc.integer({ min: 0, max: 100 }), fc.boolean()) }, fc.array(fc.oneof(str, fc.integer(), fc.boolean()), { maxLength: 3 }), fc.constant(null));
const condition = fc.dictionary(fc.constantFrom(...OPERATORS), fc.dictionary(fc.constantFrom(...KEYS), condValues, { minKeys: 1, maxKeys: 2 }), { maxKeys: 2 });
/** Conditions that are valid more often: a known operator with a value of its kind. */
const goodCondition = fc.constantFrom(
  { StringLike: { 's3:prefix': ['home/${aws:username}/*', 'x?'] } }, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
  { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }, { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
  { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 3600 } }, { Bool: { 'aws:SecureTransport': false } }, { Null: { 'aws:SourceVpc': 'true' } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/${aws:username}' } }, { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
  { BinaryEquals: { 'x:key': 'dGVzdA==' } }, { StringEqualsIgnoreCase: { 'aws:username': ['Alice', '${*}'] } },
);
const principal = fc.oneof(
  fc.constant('*'),
  fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser', 'aws'), strOrList, { maxKeys: 2 }),
  anyValue,
);
const ACTION_STRINGS = ['*', 's3:GetObject', 'S3:getobject', 's3:Get*', 's3:*', 'iam:*AccessKey*', 'ec2:Describe?pcs', 'sts:AssumeRole'];
const RESOURCE_STRINGS = ['*', 'arn:aws:iam::${aws:PrincipalAccount}:user/x', 'arn:aws:iam:us-east-1:111122223333:user/x', 'arn:aws:iam:*:111122223333:user/x', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${*}', 'arn:aws:ec2:*:*:instance/*', "arn:aws:s3:::b/${aws:PrincipalTag/team, 'x'}"];
/** Mostly from the good pool, now and then anything. */
const mostly = (good: string[]): fc.Arbitrary<string> => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: str });
const mostlyList = (good: string[]): fc.Arbitrary<string | string[]> => fc.oneof({ weight: 3, arbitrary: mostly(good) }, fc.array(mostly(good), { maxLength: 3 }));

/** Present once in `n + 1` times. */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> => fc.oneof({ weight: n, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
/** Absent once in `n + 1` times. */
const usually = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: n, arbitrary: arb });

/** A statement that is often valid, with extra elements now and then. */
const statement = fc.record({
  Sid: rarely(fc.constantFrom('A', 'B', 'Sid1', 'Sid1', 'Sid 1', ''), 1),
  Effect: usually(fc.constantFrom('Allow', 'Allow', 'Deny', 'Deny', 'allow'), 20),
  Action: usually(mostlyList(ACTION_STRINGS), 10),
  NotAction: rarely(strOrList, 10),
  Resource: usually(mostlyList(RESOURCE_STRINGS), 6),
  NotResource: rarely(strOrList, 10),
  Principal: rarely(principal, 2),
  NotPrincipal: rarely(principal, 20),
  Condition: rarely(fc.oneof({ weight: 3, arbitrary: goodCondition }, condition), 1),
  Other: rarely(anyValue, 30),
}).map((s) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v;
  return out;
});
const policy = fc.record({
  Version: usually(fc.oneof({ weight: 10, arbitrary: fc.constant('2012-10-17') }, fc.constantFrom('2008-10-17', '2012-10-18', 2012)), 20),
  Id: rarely(fc.constantFrom('id', 5), 4),
  Statement: fc.oneof({ weight: 3, arbitrary: statement }, { weight: 3, arbitrary: fc.array(statement, { maxLength: 3 }) }, { weight: 1, arbitrary: anyValue }),
  Extra: rarely(anyValue, 30),
}).map((p) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
  return out;
});

/** Every place in a value: [parent, key] pairs. */
function places(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); places(x, out); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([v as Record<string, unknown>, k]); places(x, out); }
  return out;
}

const RENAMES = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Version', 'Id', 'Statement', 'AWS', 'Service', 'Actions', 'effect', 'StringLike', 'Null', 'aws:username'];

/** Applies one random edit: remove, rename, replace or duplicate what stands at a place. */
function mutate(v: unknown, at: number, how: number, replacement: unknown, name: string): unknown {
  const copy: unknown = structuredClone(v);
  const ps = places(copy);
  if (ps.length === 0) return copy;
  const [parent, key] = ps[at % ps.length];
  if (Array.isArray(parent)) {
    const i = key as number;
    if (how % 4 === 0) parent.splice(i, 1);
    else if (how % 4 === 1) parent.push(structuredClone(parent[i]));
    else parent[i] = replacement;
  } else {
    const k = key as string;
    const value = parent[k];
    if (how % 4 === 0) delete parent[k];
    else if (how % 4 === 1) { delete parent[k]; parent[name] = value; }
    else if (how % 4 === 2 && typeof value === 'string') parent[k] = how % 8 < 4 ? value.toUpperCase() : `${value}${value}`;
    else parent[k] = replacement;
  }
  return copy;
}

describe('fastCheck agrees with the full validator on generated policies', () => {
  test('random policies, for every kind', () => {
    let fast = 0;
    fc.assert(fc.property(policy, fc.constantFrom(...KINDS), (p, kind) => { if (agree(p, kind)) fast++; }), { numRuns: 3000 });
    assert.ok(fast > 60, `the generator produced only ${fast} policies the fast path accepts`);
  });

  test('known policies with one or two random edits, for every kind', () => {
    let fast = 0;
    const edit = fc.tuple(fc.nat(), fc.nat(), anyValue, fc.constantFrom(...RENAMES));
    fc.assert(fc.property(fc.constantFrom(...KNOWN), fc.array(edit, { minLength: 1, maxLength: 2 }), fc.constantFrom(...KINDS), (p, edits, kind) => {
      let v = p;
      for (const [at, how, r, name] of edits) v = mutate(v, at, how, r, name);
      if (agree(v, kind)) fast++;
    }), { numRuns: 3000 });
    assert.ok(fast > 100, `only ${fast} mutated policies took the fast path`);
  });
});

// ---- decisions ------------------------------------------------------------

/** What a learner sees of a decision, without text ranges (value and text differ there). */
function seen(r: EvaluationResult): unknown {
  return {
    decision: r.decision, deniedAt: r.deniedAt, steps: r.steps,
    deciding: r.deciding.map((d) => `${d.policyId}#${d.index}:${d.sid ?? ''}:${d.effect}`),
    closest: r.closest.map((m) => `${m.ref.policyId}#${m.ref.index}:${m.missing.map((x) => x.reason).join(',')}`),
    policies: withoutRanges(r.policies),
  };
}

/** The same policies as JSON text: the text path always runs the full parser and validator. */
function asText(p: PoliciesInput): PoliciesInput {
  return mapPolicySet(p, (x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function outcome(c: CaseInput, trace: boolean): unknown {
  const o = evaluateCase(c, { trace });
  return o.kind === 'invalid' ? { invalid: o.policyId, codes: o.diagnostics.map((d) => d.code) } : seen(o.result);
}

describe('decisions are the same through the fast and the full path', () => {
  const cases = knownCases();
  test('every conformance and bench case, with and without the trace', () => {
    assert.ok(cases.length > 100);
    for (const c of cases) {
      const slow: CaseInput = { ...c, policies: asText(c.policies ?? {}) };
      for (const trace of [false, true]) assert.deepStrictEqual(outcome(c, trace), outcome(slow, trace), `${c.id} (trace ${trace})`);
    }
  });

  test('the policies of the conformance cases against random requests', () => {
    const withPolicies = cases.filter((c) => c.policies);
    fc.assert(fc.property(fc.constantFrom(...withPolicies), principalArb, requestArb, (c, principal, request) => {
      const fastCase: CaseInput = { ...c, principal, request };
      const slowCase: CaseInput = { ...fastCase, policies: asText(c.policies ?? {}) };
      assert.deepStrictEqual(outcome(fastCase, true), outcome(slowCase, true));
      assert.deepStrictEqual(outcome(fastCase, false), outcome(slowCase, false));
    }), { numRuns: 1500 });
  });
});

describe('the fast path gives way on every rule that draws a comment', () => {
  const st = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra });
  const doc = (statements: object[], top: Record<string, unknown> = { Version: '2012-10-17' }) => ({ ...top, Statement: statements });
  const rcp = (extra: Record<string, unknown>) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', ...extra });
  const cases: [string, unknown, PolicyKind][] = [
    ['a character above U+00FF in a resource', doc([st({ Resource: 'arn:aws:s3:::b/€' })]), 'identity'],
    ['one in a condition operator name (the Kelvin sign lower-cases to k)', doc([st({ Condition: { 'StringLi\u212Ae': { 's3:prefix': 'a' } } })]), 'identity'],
    ['one in a condition key', doc([st({ Condition: { StringEquals: { 'aws:ResourceTag/€': 'a' } } })]), 'identity'],
    ['one in a condition value', doc([st({ Condition: { StringEquals: { 's3:prefix': '😀' } } })]), 'session'],
    ['one in an Id', { Version: '2012-10-17', Id: '€', Statement: [st({})] }, 'boundary'],
    ['one key twice in two cases', doc([st({ Condition: { StringEquals: { 'aws:username': 'a', 'aws:UserName': 'b' } } })]), 'identity'],
    ['an SCP without Version', { Statement: [st({})] }, 'scp'],
    ['an SCP under 2008-10-17', doc([st({})], { Version: '2008-10-17' }), 'scp'],
    ['an RCP with NotAction', doc([rcp({ Action: undefined, NotAction: 's3:GetObject' })]), 'rcp'],
    ['an RCP denying every action', doc([rcp({ Action: '*' })]), 'rcp'],
    ['an RCP action of a service without RCPs', doc([rcp({ Action: 'ec2:RunInstances' })]), 'rcp'],
    ['a Federated principal with a wildcard', doc([st({ Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/*' } })]), 'resource'],
    ['a CanonicalUser *', doc([st({ Principal: { CanonicalUser: '*' } })]), 'resource'],
    ['an empty principal object', doc([st({ Principal: {} })]), 'resource'],
    ['an empty Statement list', doc([]), 'identity'],
    ['a variable in a Numeric value', doc([st({ Condition: { NumericLessThan: { 's3:max-keys': '${aws:PrincipalTag/n}' } } })]), 'identity'],
  ];
  for (const [name, value, kind] of cases) {
    test(name, () => {
      const clean = JSON.parse(JSON.stringify(value)) as unknown;
      assert.equal(agree(clean, kind), false, 'the fast path should have given way');
      assert.equal(checkPolicy(clean as object, kind).diagnostics.length > 0, true, 'the full path should comment');
    });
  }
  test('a lone surrogate half, which JSON.stringify escapes, is taken by both paths', () => {
    const value = doc([st({ Condition: { StringEquals: { 's3:prefix': '\ud800' } } })]);
    assert.deepEqual(checkPolicy(value, 'identity').diagnostics, []);
  });
});

