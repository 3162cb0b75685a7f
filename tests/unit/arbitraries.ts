/**
 * fast-check generators of requests, principals and policies for the
 * engine's property tests. The vocabulary is small on purpose, so that
 * random statements often match random requests and the properties are
 * exercised on Allows and Denies, not only on implicit denies.
 */
import fc from 'fast-check';
import type { ContextValue, PoliciesInput, PrincipalInput, RequestInput } from '../../engine/index.ts';

export const ACCOUNTS = ['111122223333', '444455556666'] as const;

/** Callers of every kind FORMAT.md allows. */
export const principalArb: fc.Arbitrary<PrincipalInput> = fc.oneof(
  fc.constantFrom(...ACCOUNTS).map((a) => ({ arn: `arn:aws:iam::${a}:user/alice`, tags: { team: 'blue' } })),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ arn: `arn:aws:iam::${a}:user/bob` })),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ arn: `arn:aws:sts::${a}:assumed-role/app-role/s1`, roleArn: `arn:aws:iam::${a}:role/app-role` })),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ arn: `arn:aws:iam::${a}:root` })),
  fc.constantFrom(...ACCOUNTS).map((a) => ({ arn: `arn:aws:sts::${a}:federated-user/fed` })),
  fc.constant({ service: 'ec2.amazonaws.com' }),
  fc.constant({ anonymous: true }),
);

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'ec2:RunInstances', 'iam:CreateUser', 'kms:Decrypt', 'sts:AssumeRole', 'sts:GetCallerIdentity', 'sts:GetFederationToken', 'sts:GetSessionToken'];
const RESOURCES = [
  'arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket/report.csv', 'arn:aws:s3:::other-bucket/a/b',
  'arn:aws:iam::111122223333:role/app-role', 'arn:aws:iam::444455556666:role/app-role',
  'arn:aws:kms:eu-west-1:111122223333:key/1234', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', '*',
];
const KEYS: [string, fc.Arbitrary<ContextValue>][] = [
  ['aws:SourceIp', fc.constantFrom('203.0.113.7', '198.51.100.1', '2001:db8::1')],
  ['aws:MultiFactorAuthPresent', fc.boolean()],
  ['aws:RequestedRegion', fc.constantFrom('eu-west-1', 'us-east-1')],
  ['aws:TagKeys', fc.subarray(['team', 'cost', 'owner'])],
  ['s3:max-keys', fc.integer({ min: 0, max: 20 })],
  ['aws:CurrentTime', fc.constantFrom('2026-01-01T00:00:00Z', '2027-06-01T00:00:00Z')],
];

/** A request with a random subset of context keys. */
export const requestArb: fc.Arbitrary<RequestInput> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  context: fc.subarray(KEYS).chain((ks) => fc.tuple(...ks.map(([k, v]) => v.map((x) => [k, x] as const)))).map((pairs) => Object.fromEntries(pairs)),
});

const actionPattern = fc.constantFrom('*', 's3:*', 's3:Get*', 's3:GetObject', 's3:ListBucket', 'ec2:*', 'iam:Create?ser', 'kms:*', 'sts:AssumeRole');
const resourcePattern = fc.constantFrom('*', 'arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::*', 'arn:aws:iam::*:role/*', 'arn:aws:kms:*:*:key/*', 'arn:aws:s3:::${aws:username}/*');
const condition = fc.oneof(
  fc.constant(undefined),
  fc.constant({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  fc.constant({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  fc.constant({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  fc.constant({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }),
  fc.constant({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }),
  fc.constant({ StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
  fc.constant({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } }),
  fc.constant({ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'o*' } }),
  fc.constant({ NumericLessThan: { 's3:max-keys': '10' } }),
  fc.constant({ DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }),
  fc.constant({ Null: { 'aws:SourceIp': 'true' } }),
  fc.constant({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }),
);

/** A statement with the given effect; `principal` adds a Principal (resource, trust and RCP kinds). */
export function statementArb(effect: fc.Arbitrary<'Allow' | 'Deny'>, principal: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    Effect: effect,
    notAction: fc.boolean(),
    actions: fc.array(actionPattern, { minLength: 1, maxLength: 2 }),
    notResource: fc.boolean(),
    resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
    condition,
    principal: fc.constantFrom<unknown>('*', { AWS: '111122223333' }, { AWS: 'arn:aws:iam::111122223333:user/alice' },
      { AWS: 'arn:aws:iam::444455556666:root' }, { AWS: 'arn:aws:iam::111122223333:role/app-role' }, { Service: 'ec2.amazonaws.com' }),
  }).map((r) => {
    const st: Record<string, unknown> = { Effect: r.Effect };
    st[r.notAction ? 'NotAction' : 'Action'] = r.actions;
    st[r.notResource ? 'NotResource' : 'Resource'] = r.resources;
    if (r.condition) st.Condition = r.condition;
    if (principal) st.Principal = r.principal;
    return st;
  });
}

const doc = (statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const effect = fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny');
const policyArb = (eff: fc.Arbitrary<'Allow' | 'Deny'>, principal: boolean) => fc.array(statementArb(eff, principal), { minLength: 1, maxLength: 3 }).map(doc);

/** A random set of policies in force (always valid), Allows and Denies mixed. */
export function policiesArb(eff: fc.Arbitrary<'Allow' | 'Deny'> = effect): fc.Arbitrary<PoliciesInput> {
  return fc.record({
    identity: fc.array(policyArb(eff, false), { maxLength: 2 }),
    resource: fc.option(policyArb(eff, true), { nil: undefined }),
    permissionsBoundary: fc.option(policyArb(eff, false), { nil: undefined }),
    session: fc.option(fc.array(policyArb(eff, false), { minLength: 1, maxLength: 1 }), { nil: undefined }),
    scp: fc.option(fc.array(fc.array(policyArb(eff, false), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    rcp: fc.option(fc.array(fc.array(policyArb(fc.constant('Deny'), true).map((p) => ({ ...p, Statement: p.Statement.map((s) => ({ ...s, Principal: '*' })) })), { maxLength: 1 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: [] }).map((p) => {
    const out: PoliciesInput = {};
    for (const [k, v] of Object.entries(p)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
  });
}

/** A Deny statement to add to some policy of a set. */
export const denyStatementArb = statementArb(fc.constant('Deny'), false);
export const denyStatementWithPrincipalArb = statementArb(fc.constant('Deny'), true);
