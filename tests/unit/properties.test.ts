/**
 * Properties of the whole engine, checked with fast-check on random text,
 * random requests and random (valid) policy sets. Runs are bounded so that
 * the suite stays fast; a failure prints the smallest counterexample.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  parse, checkPolicy, prepare, evaluate, evaluateCase, explain,
  type PoliciesInput, type PolicyKind, type PrincipalInput, type RequestInput, type EvaluationResult, type CaseInput,
} from '../../engine/index.ts';
import { denyStatementArb, denyStatementWithPrincipalArb, policiesArb, principalArb, requestArb } from './arbitraries.ts';
import { kindFor } from './helpers.ts';

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];
const RUNS = { numRuns: 200 };

/** Evaluates from scratch; null when some policy is invalid for this request. */
function decideAll(who: PrincipalInput, r: RequestInput, p: PoliciesInput): EvaluationResult | null {
  const prepared = prepare(p, kindFor(r));
  return prepared.errors.length ? null : evaluate(who, r, prepared);
}

/** Any JSON-like value, deep and odd, to pass where a policy object is expected. */
const anyValue = fc.anything({ maxDepth: 4, withBigInt: false, withMap: true, withSet: true, withDate: true, withNullPrototype: true });

/** Principals and requests that FORMAT.md does not allow: any strings, any context. */
const wildPrincipal: fc.Arbitrary<PrincipalInput> = fc.record({
  arn: fc.option(fc.oneof(fc.string(), fc.constantFrom('arn:aws:iam::1:user/', 'arn:aws:sts::x:assumed-role', 'arn::::::', 'arn:aws:iam::111122223333:root')), { nil: undefined }),
  roleArn: fc.option(fc.string(), { nil: undefined }),
  tags: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
  service: fc.option(fc.string(), { nil: undefined }),
  anonymous: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: [] });
const scalar = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean());
const wildRequest: fc.Arbitrary<RequestInput> = fc.record({
  action: fc.oneof(fc.string(), fc.constantFrom('s3:GetObject', 'sts:AssumeRole', '*')),
  resource: fc.oneof(fc.string(), fc.constantFrom('*', 'arn:aws:s3:::b/k', 'arn:aws:kms:x:111122223333:key/1', 'arn:')),
  resourceAccount: fc.option(fc.string(), { nil: undefined }),
  context: fc.option(fc.dictionary(fc.string(), fc.oneof(scalar, fc.array(scalar))), { nil: undefined }),
}, { requiredKeys: ['action', 'resource'] });

describe('never throws', () => {
  test('parse and checkPolicy, on arbitrary text, for every kind', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom(...KINDS), (text, kind) => {
      parse(text);
      const r = checkPolicy(text, kind);
      assert.ok(Array.isArray(r.diagnostics));
    }), RUNS);
  });
  test('checkPolicy, on arbitrary values given as objects', () => {
    fc.assert(fc.property(anyValue, fc.constantFrom(...KINDS), (v, kind) => {
      checkPolicy(v as object, kind);
      checkPolicy({ Version: '2012-10-17', Statement: v } as object, kind);
      checkPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: v }] } as object, kind);
    }), RUNS);
  });
  test('checkPolicy, on cyclic and very deep objects', () => {
    const cyclic: Record<string, unknown> = { Version: '2012-10-17' };
    cyclic.Statement = [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'k:k': cyclic } } }];
    assert.deepEqual(checkPolicy(cyclic, 'identity').diagnostics.map((d) => d.code), ['condition.valueType']);
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 100_000; i++) { const next = {}; cur.x = next; cur = next; }
    assert.equal(checkPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: deep }] }, 'identity').policy, null);
  });
  test('evaluate, on arbitrary principals and requests', () => {
    fc.assert(fc.property(wildPrincipal, wildRequest, policiesArb(), (who, r, p) => {
      const prepared = prepare(p, kindFor(r));
      const result = evaluate(who, r, prepared);
      assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(result.decision));
      evaluate(who, r, prepared, { trace: false });
    }), RUNS);
  });
  test('evaluateCase, on arbitrary policies (invalid ones are reported, not thrown)', () => {
    fc.assert(fc.property(principalArb, requestArb, anyValue, fc.string(), (who, r, v, text) => {
      const c: CaseInput = { id: 'x', principal: who, request: r, policies: { identity: [v as object, text], resource: text, scp: [[v as object]] } };
      const out = evaluateCase(c);
      assert.ok(out.kind === 'decision' || out.kind === 'invalid');
    }), RUNS);
  });
  test('explain, on every result, always with a headline', () => {
    fc.assert(fc.property(principalArb, requestArb, policiesArb(), (who, r, p) => {
      const result = decideAll(who, r, p);
      fc.pre(result !== null);
      const e = explain(result);
      assert.equal(e.headline, { Allow: 'Allowed', ExplicitDeny: 'Explicitly denied', ImplicitDeny: 'Implicitly denied' }[result.decision]);
      assert.ok(e.sentences.length > 0 && e.sentences.every((s) => typeof s === 'string' && s.length > 0));
      const untraced = evaluate(who, r, prepare(p, kindFor(r)), { trace: false });
      assert.ok(explain(untraced).headline.length > 0);
    }), RUNS);
  });
});

/** Adds a Deny statement to one policy of the set (or as a new policy of its kind). */
function withDeny(p: PoliciesInput, where: number, st: Record<string, unknown>, stP: Record<string, unknown>): PoliciesInput {
  const add = (doc: unknown, s: Record<string, unknown>) => ({ ...(doc as object), Statement: [...((doc as { Statement: unknown[] }).Statement), s] });
  const fresh = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [s] });
  switch (where % 6) {
    case 0: return { ...p, identity: [...(p.identity ?? []), fresh(st)] };
    case 1: return { ...p, resource: p.resource ? add(p.resource, stP) : fresh(stP) };
    case 2: return p.permissionsBoundary ? { ...p, permissionsBoundary: add(p.permissionsBoundary, st) } : { ...p, identity: [...(p.identity ?? []), fresh(st)] };
    case 3: return p.session ? { ...p, session: [add(p.session[0], st)] } : { ...p, identity: [fresh(st), ...(p.identity ?? [])] };
    case 4: return p.scp ? { ...p, scp: [...p.scp.slice(0, -1), [...p.scp[p.scp.length - 1], fresh(st)]] } : { ...p, identity: [...(p.identity ?? []), fresh(st)] };
    default: return p.rcp ? { ...p, rcp: [[...(p.rcp[0] ?? []), fresh({ ...stP, Principal: '*' })], ...p.rcp.slice(1)] } : { ...p, identity: [...(p.identity ?? []), fresh(st)] };
  }
}

describe('monotonicity of Deny', () => {
  test('adding a Deny statement never turns a deny into Allow, nor an ExplicitDeny into anything else', () => {
    let compared = 0;
    fc.assert(fc.property(principalArb, requestArb, policiesArb(), fc.nat(), denyStatementArb, denyStatementWithPrincipalArb, (who, r, p, where, st, stP) => {
      const before = decideAll(who, r, p);
      const after = decideAll(who, r, withDeny(p, where, st, stP));
      fc.pre(before !== null && after !== null);
      compared++;
      if (before.decision !== 'Allow') assert.notEqual(after.decision, 'Allow');
      if (before.decision === 'ExplicitDeny') assert.equal(after.decision, 'ExplicitDeny');
    }), { numRuns: 400 });
    assert.ok(compared > 100);
  });
});

describe('nothing is allowed without an Allow', () => {
  // The exceptions AWS documents: sts:GetCallerIdentity needs no permission, so any signed-in caller may
  // call it, and neither does sts:GetSessionToken, for the IAM users and root users that may call it.
  const needsNoPermission = (r: { action: string }, who: { arn?: string }): boolean => {
    const action = r.action.toLowerCase();
    return action === 'sts:getcalleridentity' || (action === 'sts:getsessiontoken' && /^arn:aws:iam::\d{12}:(root|user\/.+)$/.test(who.arn ?? ''));
  };
  test('with only Deny statements, no one but the root user is allowed (GetCallerIdentity and GetSessionToken aside)', () => {
    fc.assert(fc.property(principalArb, requestArb, policiesArb(fc.constant('Deny')), (who, r, p) => {
      const result = decideAll(who, r, p);
      fc.pre(result !== null);
      if (result.decision === 'Allow' && !needsNoPermission(r, who)) assert.match(who.arn ?? '', /^arn:aws:iam::\d{12}:root$/, `allowed: ${JSON.stringify(who)}`);
    }), { numRuns: 400 });
  });
  test('with no policy at all, only the root user in its own account is allowed (GetCallerIdentity and GetSessionToken aside)', () => {
    fc.assert(fc.property(principalArb, requestArb, (who, r) => {
      const result = decideAll(who, r, {});
      assert.ok(result);
      assert.equal(result.decision === 'Allow', result.deniedAt === null);
      if (result.decision === 'Allow' && !needsNoPermission(r, who)) assert.match(who.arn ?? '', /:root$/);
    }), RUNS);
  });
});

describe('determinism', () => {
  test('the same input always gives the same result', () => {
    fc.assert(fc.property(principalArb, requestArb, policiesArb(), (who, r, p) => {
      const prepared = prepare(p, kindFor(r));
      fc.pre(prepared.errors.length === 0);
      const a = evaluate(who, r, prepared);
      const b = evaluate(who, r, prepared);
      const c = evaluate(who, r, prepare(structuredClone(p), kindFor(r)));
      assert.deepEqual(b, a);
      assert.deepEqual(c, a);
    }), RUNS);
  });
  test('a policy as text and as an object decide the same', () => {
    fc.assert(fc.property(principalArb, requestArb, policiesArb(), (who, r, p) => {
      const asText = JSON.parse(JSON.stringify(p), (k, v) => (k !== '' && v && typeof v === 'object' && !Array.isArray(v) && 'Statement' in v ? JSON.stringify(v, null, 2) : v)) as PoliciesInput;
      const a = decideAll(who, r, p);
      const b = decideAll(who, r, asText);
      fc.pre(a !== null);
      assert.ok(b);
      assert.equal(b.decision, a.decision);
      assert.deepEqual(b.deciding.map((d) => [d.policyId, d.index]), a.deciding.map((d) => [d.policyId, d.index]));
    }), RUNS);
  });
});
