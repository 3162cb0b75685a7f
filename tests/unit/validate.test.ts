/**
 * Stage 2, validate: the IAM policy grammar for each kind of policy. Every
 * test asserts the diagnostic's code, what its message (or hint) says, and
 * the text it underlines.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicy, SIZE_LIMITS, type PolicyKind } from '../../engine/index.ts';
import { diagnose, expectDiagnostic, expectNoDiagnostic, expectValid, findDiagnostic, policy, validDiagnostics } from './helpers.ts';

const KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

/** A minimal valid statement for each kind (Principal where one is needed, Deny for an RCP, no Resource in a trust policy). */
function base(kind: PolicyKind): Record<string, unknown> {
  switch (kind) {
    case 'trust': return { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' };
    case 'resource': return { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' };
    case 'rcp': return { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' };
    default: return { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' };
  }
}
/** A policy of one statement: the kind's base, changed by `change` (undefined removes a member). */
function one(kind: PolicyKind, change: Record<string, unknown> = {}, top?: Record<string, unknown>): string {
  const st: Record<string, unknown> = { ...base(kind), ...change };
  for (const k of Object.keys(st)) if (st[k] === undefined) delete st[k];
  return policy([st], top);
}

for (const kind of KINDS) {
  describe(`${kind} policy`, () => {
    test('the base statement is valid, without warnings', () => assert.deepEqual(validDiagnostics(one(kind), kind).map((d) => d.code), []));

    // Version
    const organizations = kind === 'scp' || kind === 'rcp';
    // AWS Organizations, SCP syntax and RCP syntax: "Every SCP must include a Version element with the value "2012-10-17"".
    if (organizations) {
      test('Version 2008-10-17 is refused', () => expectDiagnostic(one(kind, {}, { Version: '2008-10-17' }), kind, 'version.organizations', '"2008-10-17"', 'must use `"Version": "2012-10-17"`'));
    } else test('Version 2008-10-17 is accepted', () => expectValid(one(kind, {}, { Version: '2008-10-17' }), kind));
    test('an unknown Version is rejected', () => expectDiagnostic(one(kind, {}, { Version: '2012-10-18' }), kind, 'version.value', '"2012-10-18"', 'not a policy language version: use `2012-10-17`'));
    test('a Version that is a date without quotes-as-string is rejected', () => expectDiagnostic(one(kind, {}, { Version: 2012 }), kind, 'version.type', '2012', '`Version` must be a string'));
    test(`a missing Version is ${organizations ? 'an error' : 'a warning'} on the opening brace`, () => {
      const d = findDiagnostic(one(kind, {}, {}), kind, 'version.missing', '{', organizations ? 'must include' : 'AWS assumes 2008-10-17');
      assert.equal(d.severity, organizations ? 'error' : 'warning');
      assert.match(d.hint ?? '', /"Version": "2012-10-17"/);
    });

    // Statement
    test('Statement may be a single object', () => expectValid(JSON.stringify({ Version: '2012-10-17', Statement: base(kind) }), kind));
    test('Statement as a string is rejected', () => expectDiagnostic(JSON.stringify({ Version: '2012-10-17', Statement: 'Allow' }), kind, 'statement.type', '"Allow"', 'must be an object or an array'));
    test('a statement that is not an object is rejected', () => expectDiagnostic(JSON.stringify({ Version: '2012-10-17', Statement: [base(kind), 7] }), kind, 'statement.type', '7', 'each statement must be an object'));
    test('no Statement at all is rejected', () => expectDiagnostic(JSON.stringify({ Version: '2012-10-17' }), kind, 'statement.missing', '{', 'needs a `Statement`'));
    // Grammar of the IAM JSON policy language: a list "can take one or more values".
    test('an empty Statement list is an error', () => assert.equal(findDiagnostic(JSON.stringify({ Version: '2012-10-17', Statement: [] }), kind, 'statement.empty', '[]', 'needs at least one statement').severity, 'error'));

    // Effect
    test('Effect is case sensitive, with a suggestion', () => expectDiagnostic(one(kind, { Effect: 'deny' }), kind, 'effect.value', '"deny"', 'did you mean `Deny`?'));
    test('a misspelt Effect gets a suggestion', () => expectDiagnostic(one(kind, { Effect: 'Denny' }), kind, 'effect.value', '"Denny"', 'did you mean `Deny`?'));
    test('an unrelated Effect gets no suggestion', () => {
      const d = findDiagnostic(one(kind, { Effect: 'Permit' }), kind, 'effect.value', '"Permit"', 'use `Allow` or `Deny`');
      assert.equal(d.hint, undefined);
    });
    test('a non-string Effect is rejected', () => expectDiagnostic(one(kind, { Effect: true }), kind, 'effect.value', 'true', 'must be the string'));
    test('a missing Effect is rejected', () => expectDiagnostic(one(kind, { Effect: undefined }), kind, 'effect.missing', '{', 'no `Effect`'));

    // Action / NotAction
    test('no Action is rejected', () => expectDiagnostic(one(kind, { Action: undefined }), kind, 'action.missing', '{', 'no `Action` (or `NotAction`)'));
    test('Action and NotAction together are rejected', () => expectDiagnostic(one(kind, { NotAction: 'iam:*' }), kind, 'action.both', '{', '`Action` or `NotAction`, not both'));
    // AWS Organizations, RCP syntax: "The following elements are not supported in RCPs: NotPrincipal, NotAction".
    if (kind === 'rcp') test('NotAction is refused', () => expectDiagnostic(one(kind, { Action: undefined, NotAction: 's3:*' }), kind, 'rcp.notAction', '"NotAction"', 'cannot use `NotAction`'));
    else test('NotAction alone is accepted', () => expectValid(one(kind, { Action: undefined, NotAction: 'iam:*' }), kind));
    // IAM policy validation check reference, "Empty array action": "This statement includes no actions and does not
    // affect the policy" (a suggestion, not an error); of an empty NotAction nothing is documented.
    test('an empty Action list is a warning: the statement has no effect', () => {
      const text = one(kind, { Action: [] });
      assert.equal(findDiagnostic(text, kind, 'element.empty', '[]', 'names no action, so it has no effect').severity, 'warning');
      assert.ok(checkPolicy(text, kind).policy, 'the policy is valid');
    });
    if (kind !== 'rcp') test('an empty NotAction list is rejected', () => expectDiagnostic(one(kind, { Action: undefined, NotAction: [] }), kind, 'element.empty', '[]', '`NotAction` must not be an empty list'));
    test('an action without a service prefix is rejected', () => expectDiagnostic(one(kind, { Action: 'GetObject' }), kind, 'action.format', '"GetObject"', 'write `service:Action`'));
    test('a wildcard in the service prefix is rejected', () => expectDiagnostic(one(kind, { Action: 's*:GetObject' }), kind, 'action.serviceWildcard', '"s*:GetObject"', 'the service prefix `s*` cannot hold a wildcard'));
    test('an action list entry that is not a string is rejected', () => expectDiagnostic(one(kind, { Action: ['s3:GetObject', 3] }), kind, 'element.type', '3', 'each entry of `Action` must be a string'));

    // Unknown elements
    test('an unknown statement element gets "did you mean"', () => expectDiagnostic(one(kind, { Conditions: {} }), kind, 'statement.unknownElement', '"Conditions"', 'did you mean `Condition`?'));
    test('an unknown top-level element gets "did you mean"', () => expectDiagnostic(one(kind, {}, { Version: '2012-10-17', Statment: [] }), kind, 'policy.unknownElement', '"Statment"', 'did you mean `Statement`?'));
    test('element names are case sensitive', () => expectDiagnostic(one(kind, { effect: 'Allow' }), kind, 'statement.unknownElement', '"effect"', 'did you mean `Effect`?'));

    // Sid
    test('Sids must be unique: the second is underlined', () => {
      const text = policy([{ ...base(kind), Sid: 'One' }, { ...base(kind), Sid: 'One' }]);
      const ds = diagnose(text, kind).filter((d) => d.code === 'sid.duplicate');
      assert.deepEqual(ds.map((d) => [d.underlined, d.path]), [['"One"', 'Statement[1].Sid']]);
      assert.match(ds[0].message, /the Sid `One` is used by another statement/);
    });
    test('a Sid that is not a string is rejected', () => expectDiagnostic(one(kind, { Sid: 1 }), kind, 'sid.type', '1', '`Sid` must be a string'));

    // Conditions
    test('an unknown condition operator gets a suggestion', () => expectDiagnostic(one(kind, { Condition: { StringEqual: { 'aws:username': 'alice' } } }), kind, 'condition.unknownOperator', '"StringEqual"', 'did you mean `StringEquals`?'));
  });
}

describe('Version and policy variables', () => {
  const withVar = (top: Record<string, unknown>) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*', Condition: { StringEquals: { 's3:prefix': '${aws:username}' } } }], top);
  test('under 2008-10-17 a variable in Resource is plain text (warning)', () => {
    const d = findDiagnostic(withVar({ Version: '2008-10-17' }), 'identity', 'variable.literal', '"arn:aws:s3:::b/${aws:username}/*"', 'without `"Version": "2012-10-17"` it is plain text');
    assert.equal(d.severity, 'warning');
  });
  test('under 2008-10-17 a variable in a condition value is plain text (warning)', () => expectDiagnostic(withVar({ Version: '2008-10-17' }), 'identity', 'variable.literal', '"${aws:username}"', 'plain text'));
  test('with no Version a variable is plain text too', () => expectDiagnostic(withVar({}), 'identity', 'variable.literal', '"${aws:username}"', 'plain text'));
  test('under 2012-10-17 variables are variables: no warning', () => expectNoDiagnostic(withVar({ Version: '2012-10-17' }), 'identity', 'variable.literal'));
  // Policy variables: "You can't use a variable to replace parts of the ARN before the fifth colon".
  test('a variable in the account part is plain text (warning)', () => {
    const d = findDiagnostic(one('identity', { Resource: 'arn:aws:ssm:us-east-1:${aws:PrincipalAccount}:parameter/x' }), 'identity', 'variable.arnPrefix', '"arn:aws:ssm:us-east-1:${aws:PrincipalAccount}:parameter/x"', 'before the ARN\'s fifth colon');
    assert.equal(d.severity, 'warning');
  });
  test('a variable in the region part is plain text too', () => expectDiagnostic(one('identity', { Resource: 'arn:aws:s3:${aws:RequestedRegion}::b' }), 'identity', 'variable.arnPrefix', '"arn:aws:s3:${aws:RequestedRegion}::b"', 'matches no real resource'));
  test('a variable right after the fifth colon draws no such warning', () => expectNoDiagnostic(one('identity', { Resource: 'arn:aws:s3:::${aws:username}/*' }), 'identity', 'variable.arnPrefix'));
  test('an unclosed variable is an error', () => expectDiagnostic(one('identity', { Resource: 'arn:aws:s3:::b/${aws:username' }), 'identity', 'variable.syntax', '"arn:aws:s3:::b/${aws:username"', 'has no closing `}`'));
  test('an IAM ARN with a Region is refused in an identity policy', () => expectDiagnostic(one('identity', { Resource: 'arn:aws:iam:us-east-1:111122223333:user/alice' }), 'identity', 'resource.iamRegion', '"arn:aws:iam:us-east-1:111122223333:user/alice"', 'cannot contain region information'));
  test('an IAM ARN with an empty or * Region is fine', () => {
    expectNoDiagnostic(one('identity', { Resource: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam:*:111122223333:role/*'] }), 'identity', 'resource.iamRegion');
    expectNoDiagnostic(one('identity', { Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoint/ap' }), 'identity', 'resource.iamRegion');
  });
  test('a policy variable in a principal is refused', () => expectDiagnostic(one('resource', { Principal: { AWS: 'arn:aws:iam::111122223333:user/${aws:username}' } }), 'resource', 'principal.variable', '"arn:aws:iam::111122223333:user/${aws:username}"', 'variables work only in `Resource` and `Condition` values'));
  test('a plain Bool key given several values is a warning; with both true and false it matches whenever the key is present', () => {
    const d = findDiagnostic(one('identity', { Condition: { Bool: { 'aws:SecureTransport': ['true', 'false'] } } }), 'identity', 'condition.multipleBool', '[\n            "true",\n            "false"\n          ]', 'so this matches whenever the key is present');
    assert.equal(d.severity, 'warning');
    assert.equal(d.hint, 'keep the one value you mean; to ask only whether the key is present, use `Null`');
    findDiagnostic(one('identity', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true', 'true'] } } }), 'identity', 'condition.multipleBool', '[\n            "true",\n            "true"\n          ]', 'is given 2 Boolean values where it has one');
    // One value, or a set operator over a multivalued key, draws nothing.
    expectNoDiagnostic(one('identity', { Condition: { Bool: { 'aws:SecureTransport': ['true'] } } }), 'identity', 'condition.multipleBool');
    expectNoDiagnostic(one('identity', { Condition: { 'ForAnyValue:Bool': { 'aws:SecureTransport': ['true', 'false'] } } }), 'identity', 'condition.multipleBool');
  });
  test('a Date value of four digits alone is a warning: epoch seconds, not a year', () => {
    const d = findDiagnostic(one('identity', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2021' } } }), 'identity', 'condition.dateYear', '"2021"', 'is read as epoch time, 2021 seconds after 1970-01-01T00:00:00Z');
    assert.equal(d.severity, 'warning');
    assert.equal(d.hint, 'for the year, write `2021-01-01T00:00:00Z`');
  });
  test('a tag key with a space is a variable (tag keys may hold spaces)', () => expectValid(one('identity', { Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/cost center}/*' }), 'identity'));
  test('a space outside a tag key is not', () => expectDiagnostic(one('identity', { Resource: 'arn:aws:s3:::b/${aws:user name}/*' }), 'identity', 'variable.syntax', '"arn:aws:s3:::b/${aws:user name}/*"', 'is not a variable'));
  test('a malformed variable is an error', () => expectDiagnostic(one('identity', { Condition: { StringLike: { 's3:prefix': '${ }' } } }), 'identity', 'variable.syntax', '"${ }"', 'is not a variable'));
  test('a default value is accepted', () => expectValid(one('identity', { Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}/*" }), 'identity'));
  test('the escapes ${*} ${?} ${$} are accepted', () => expectValid(one('identity', { Resource: 'arn:aws:s3:::b/${*}${?}${$}' }), 'identity'));
});

describe('Resource and NotResource', () => {
  for (const kind of ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'] as PolicyKind[]) {
    test(`${kind}: no Resource is rejected`, () => expectDiagnostic(one(kind, { Resource: undefined }), kind, 'resource.missing', '{', /no `Resource` \(or `NotResource`\)/));
    test(`${kind}: Resource and NotResource together are rejected`, () => expectDiagnostic(one(kind, { NotResource: '*' }), kind, 'resource.both', '{', 'not both'));
    test(`${kind}: NotResource alone is accepted`, () => expectValid(one(kind, { Resource: undefined, NotResource: 'arn:aws:s3:::example-bucket/*' }), kind));
  }
  test('a bucket name is not an ARN, with a hint', () => expectDiagnostic(one('identity', { Resource: 'example-bucket' }), 'identity', 'resource.format', '"example-bucket"', 'write `arn:aws:s3:::example-bucket`'));
  test('a wildcard in an ARN\'s service part is rejected, in Resource and NotResource', () => {
    // IAM JSON policy elements: Resource, "You can't use a wildcard in the service segment that identifies the AWS product."
    expectDiagnostic(one('identity', { Resource: 'arn:aws:s3*:::example-bucket/*' }), 'identity', 'resource.serviceWildcard', '"arn:aws:s3*:::example-bucket/*"', 'wildcard in its service part');
    expectDiagnostic(one('scp', { Effect: 'Deny', Resource: undefined, NotResource: 'arn:aws:*:*:111122223333:*' }), 'scp', 'resource.serviceWildcard', '"arn:aws:*:*:111122223333:*"', 'name one service per ARN');
    expectDiagnostic(one('identity', { Resource: 'arn:aws:s?:::b' }), 'identity', 'resource.serviceWildcard', '"arn:aws:s?:::b"', 'Resource vendor must be fully qualified');
  });
  test('wildcards elsewhere in an ARN are fine', () => {
    for (const r of ['arn:aws:s3:::*', 'arn:*:s3:::b', 'arn:aws:ec2:*:*:instance/*', 'arn:aws:iam::*:role/a*']) {
      assert.deepEqual(validDiagnostics(one('identity', { Resource: r }), 'identity').map((d) => d.code), [], r);
    }
  });
  // IAM identifiers: "When you specify an incomplete ARN (one with fewer than the standard six fields) in an
  // identity-based policy, AWS automatically completes the ARN by adding wildcard characters (*) to all missing
  // fields ... However, session policies ... do not support incomplete ARNs".
  test('an incomplete ARN in an identity-based policy or a boundary is a warning that shows it completed', () => {
    for (const kind of ['identity', 'boundary'] as const) {
      const d = findDiagnostic(one(kind, { Resource: 'arn:aws:sqs' }), kind, 'resource.incomplete', '"arn:aws:sqs"', 'so it reads `arn:aws:sqs:*:*:*`');
      assert.equal(d.severity, 'warning');
      const r = checkPolicy(one(kind, { NotResource: ['arn:aws:sqs:us-east-1:111122223333'], Resource: undefined }), kind);
      assert.deepEqual(r.policy?.statements[0].notResource?.map((x) => x.value), ['arn:aws:sqs:us-east-1:111122223333:*']);
    }
  });
  test('an incomplete ARN is rejected in a session policy, with a hint, and in the other kinds', () => {
    const d = findDiagnostic(one('session', { Resource: 'arn:aws:sqs' }), 'session', 'resource.format', '"arn:aws:sqs"', 'not a complete ARN');
    assert.equal(d.severity, 'error');
    assert.match(d.hint ?? '', /session policy does not accept an incomplete ARN/);
    for (const kind of ['resource', 'scp'] as const) expectDiagnostic(one(kind, { Resource: 'arn:aws:sqs' }), kind, 'resource.format', '"arn:aws:sqs"', 'not a complete ARN');
  });
  test('an ARN without a service part is rejected, incomplete or not', () => {
    for (const r of ['arn:aws', 'arn:aws:', 'arn:aws::x']) expectDiagnostic(one('identity', { Resource: r }), 'identity', 'resource.format', JSON.stringify(r), 'not a complete ARN');
  });
  test('a completed ARN is checked like a written one: no wildcard service, no IAM Region', () => {
    expectDiagnostic(one('identity', { Resource: 'arn:aws:s*' }), 'identity', 'resource.serviceWildcard', '"arn:aws:s*"', 'name one service per ARN');
    expectDiagnostic(one('identity', { Resource: 'arn:aws:iam:us-east-1' }), 'identity', 'resource.iamRegion', '"arn:aws:iam:us-east-1"', 'gives IAM a Region');
  });
  test('a partition, capital letters in the service, or an account that no resource has draw a warning, not an error', () => {
    const cases: [string, string, string, string][] = [
      ['arn:amazon:s3:::example-bucket/*', 'resource.partition', '`amazon` is not a partition', 'most accounts are in the `aws` partition: `arn:aws:...`'],
      ['arn:aws:S3:::example-bucket/*', 'resource.serviceCase', '`S3` has capital letters: service prefixes are lower-case and ARNs are matched with case, so `arn:aws:S3:::example-bucket/*` matches no resource', 'write `s3`'],
      ['arn:aws:sqs:us-east-1:11112222333:queue', 'resource.account', '`11112222333` is not an account ID, which has 12 digits', 'write the 12 digits, as in `111122223333`, or `*` for any account; services such as S3 leave the account part empty'],
    ];
    for (const [arn, code, message, hint] of cases) {
      for (const key of ['Resource', 'NotResource']) {
        const d = findDiagnostic(one('identity', { [key]: ['arn:aws:s3:::fine', arn] }), 'identity', code, JSON.stringify(arn), message);
        assert.equal(d.severity, 'warning');
        assert.equal(d.hint, hint);
      }
    }
    // A policy with only such a warning is valid, and the ARN simply matches nothing.
    assert.ok(checkPolicy(one('identity', { Resource: 'arn:aws:S3:::example-bucket/*' }), 'identity').policy);
  });
  test('partitions aws-*, an empty, 12-digit, `aws` or wildcard account, and parts after a `*` draw no such warning', () => {
    for (const arn of [
      'arn:aws-cn:s3:::b/*', 'arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q', 'arn:*:s3:::b', 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:ec2:*:*:instance/*', 'arn:aws:sqs:*:1111222233?3:q', 'arn:aws:s3:::B-not-a-bucket-name',
      // The Region's `*` may reach past its colon, so `log-group` need not be the account (Resource page).
      'arn:aws:logs:*:log-group:app:log-stream:*', 'arn:*:S3:::b', 'arn:aws:ec2:*:111122223333:instance/*',
    ]) {
      for (const code of ['resource.partition', 'resource.serviceCase', 'resource.account']) expectNoDiagnostic(one('identity', { Resource: arn }), 'identity', code);
    }
  });
  test('after a `*`, an account of digits but not 12 of them is still flagged, as probably a typo', () => {
    const arn = 'arn:aws:ec2:*:11112222333:instance/*';
    const d = findDiagnostic(one('identity', { Resource: arn }), 'identity', 'resource.account', JSON.stringify(arn), `\`11112222333\` is not an account ID, which has 12 digits, so \`${arn}\` is unlikely to match the resources you meant`);
    assert.equal(d.severity, 'warning');
  });
  test('a trust policy with Resource is rejected, underlining Resource', () => expectDiagnostic(one('trust', { Resource: '*' }), 'trust', 'resource.inTrust', '"Resource"', 'a role trust policy has no `Resource`'));
  test('a trust policy with NotResource is rejected', () => expectDiagnostic(one('trust', { NotResource: '*' }), 'trust', 'resource.inTrust', '"NotResource"', 'the role itself is the resource'));
  test('an action that covers no call on the role draws a warning in a trust policy, underlining that action', () => {
    const d = findDiagnostic(one('trust', { Action: ['sts:AssumeRole', 's3:GetObject'] }), 'trust', 'action.notTrust', '"s3:GetObject"', /has no effect in a role trust policy/);
    assert.equal(d.severity, 'warning');
    for (const covering of ['sts:AssumeRole', 'sts:AssumeRoleWith*', 'sts:TagSession', 'sts:Set*', 'sts:*', '*']) {
      expectNoDiagnostic(one('trust', { Action: covering }), 'trust', 'action.notTrust');
    }
    // Only trust policies: the same action elsewhere is ordinary.
    expectNoDiagnostic(one('identity', { Action: 's3:GetObject' }), 'identity', 'action.notTrust');
  });
});

describe('Principal by kind', () => {
  for (const kind of ['identity', 'boundary', 'session', 'scp'] as PolicyKind[]) {
    test(`${kind}: Principal is forbidden`, () => expectDiagnostic(one(kind, { Principal: '*' }), kind, 'principal.forbidden', '"*"', 'cannot have `Principal`'));
    test(`${kind}: NotPrincipal is forbidden`, () => expectDiagnostic(one(kind, { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' } }), kind, 'principal.forbidden', '{\n        "AWS": "111122223333"\n      }', 'cannot have `NotPrincipal`'));
  }
  for (const kind of ['resource', 'trust', 'rcp'] as PolicyKind[]) {
    test(`${kind}: Principal is required`, () => expectDiagnostic(one(kind, { Principal: undefined }), kind, 'principal.missing', '{', 'needs a `Principal`'));
  }
  test('Principal and NotPrincipal together are rejected', () => expectDiagnostic(one('resource', { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' } }), 'resource', 'principal.both', '{', 'not both'));
});

describe('Principal forms', () => {
  const r = (principal: unknown) => one('resource', { Principal: principal });
  test('"*" is everyone', () => expectValid(r('*'), 'resource'));
  test('{"AWS": "*"} is everyone', () => expectValid(r({ AWS: '*' }), 'resource'));
  test('an account ID', () => expectValid(r({ AWS: '111122223333' }), 'resource'));
  test('an account, user, role, session and federated-user ARN', () => expectValid(r({ AWS: [
    'arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/division/alice', 'arn:aws:iam::111122223333:role/app-role',
    'arn:aws:sts::111122223333:assumed-role/app-role/s1', 'arn:aws:sts::111122223333:federated-user/bob',
  ] }), 'resource'));
  test('an ARN whose account has too few or too many digits, or none, is refused: no account has that ID', () => {
    for (const arn of ['arn:aws:iam::11112222333:root', 'arn:aws:iam::1111222233334:role/app-role', 'arn:aws:sts::11112222333:assumed-role/app-role/s1', 'arn:aws:iam:::root']) {
      for (const kind of ['resource', 'trust'] as PolicyKind[]) {
        const account = arn.split(':')[4];
        const d = findDiagnostic(one(kind, { Principal: { AWS: arn } }), kind, 'principal.account', JSON.stringify(arn), `names the account \`${account}\`, but an account ID has 12 digits`);
        assert.equal(d.severity, 'error');
      }
    }
    // Text in the account part is left alone: a CloudFront origin access identity is named that way.
    expectValid(r({ AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE' }), 'resource');
  });
  test('a service principal', () => expectValid(r({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }), 'resource'));
  test('a federated principal', () => expectValid(r({ Federated: 'cognito-identity.amazonaws.com' }), 'resource'));
  test('a canonical user', () => expectValid(r({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }), 'resource'));
  test('a bare name is not a principal', () => expectDiagnostic(r('alice'), 'resource', 'principal.format', '"alice"', '`alice` is not a principal'));
  test('a list is not a principal', () => expectDiagnostic(r(['*']), 'resource', 'principal.format', '[\n        "*"\n      ]', 'a principal is `"*"` or an object'));
  test('an 11-digit account is rejected', () => expectDiagnostic(r({ AWS: '11112222333' }), 'resource', 'principal.aws', '"11112222333"', 'is not an AWS principal'));
  test('a user group is rejected', () => expectDiagnostic(r({ AWS: 'arn:aws:iam::111122223333:group/devs' }), 'resource', 'principal.group', '"arn:aws:iam::111122223333:group/devs"', 'a group can never be a principal'));
  test('a partial wildcard in a user ARN is rejected', () => expectDiagnostic(r({ AWS: 'arn:aws:iam::111122223333:user/*' }), 'resource', 'principal.wildcard', '"arn:aws:iam::111122223333:user/*"', 'cannot hold wildcards'));
  test('a wildcard account is rejected, with the aws:PrincipalArn hint', () => expectDiagnostic(r({ AWS: 'arn:aws:iam::*:root' }), 'resource', 'principal.wildcard', '"arn:aws:iam::*:root"', '`aws:PrincipalArn`'));
  test('a policy ARN is not a principal', () => expectDiagnostic(r({ AWS: 'arn:aws:iam::111122223333:policy/p' }), 'resource', 'principal.aws', '"arn:aws:iam::111122223333:policy/p"', 'not an account, user, role or session ARN'));
  test('a service principal cannot be "*"', () => expectDiagnostic(r({ Service: '*' }), 'resource', 'principal.wildcard', '"*"', 'a `Service` principal cannot hold `*` or `?`'));
  // IAM JSON policy elements: Principal: "You cannot use a wildcard to match part of a principal name or ARN."
  test('nor part of one, nor a Federated or CanonicalUser principal', () => {
    expectDiagnostic(r({ Service: 'ec2.amazonaws.*' }), 'resource', 'principal.wildcard', '"ec2.amazonaws.*"', 'cannot hold');
    expectDiagnostic(r({ Federated: 'arn:aws:iam::111122223333:saml-provider/*' }), 'resource', 'principal.wildcard', '"arn:aws:iam::111122223333:saml-provider/*"', 'a `Federated` principal');
    expectDiagnostic(r({ CanonicalUser: '*' }), 'resource', 'principal.wildcard', '"*"', 'a `CanonicalUser` principal');
  });
  // IAM policy validation check reference, "Empty object principal" and "Empty array principal": the statement
  // "includes no principals and does not affect the policy" (suggestions, not errors).
  test('an empty principal object or list names no one: a warning, and the policy stands', () => {
    assert.equal(findDiagnostic(r({}), 'resource', 'principal.empty', '{}', 'names no one, so the statement has no effect').severity, 'warning');
    assert.equal(findDiagnostic(r({ AWS: [] }), 'resource', 'element.empty', '[]', 'it names no one').severity, 'warning');
    assert.ok(checkPolicy(r({}), 'resource').policy);
  });
  // IAM JSON policy elements: Principal (a deleted role's or user's ARN becomes its unique ID); IAM policy
  // validation check reference, "Invalid role reference" and "Invalid user reference" (general warnings).
  test('a unique user or role ID is a warning, and the policy stands', () => {
    assert.equal(findDiagnostic(r({ AWS: 'AROADBQP57FF2AEXAMPLE' }), 'resource', 'principal.uniqueId', '"AROADBQP57FF2AEXAMPLE"', 'the unique ID of a role').severity, 'warning');
    assert.equal(findDiagnostic(r({ AWS: 'AIDAJQABLZS4A3QDU576Q' }), 'resource', 'principal.uniqueId', '"AIDAJQABLZS4A3QDU576Q"', 'the unique ID of a user').severity, 'warning');
    assert.ok(checkPolicy(r({ AWS: 'AROADBQP57FF2AEXAMPLE' }), 'resource').policy);
  });
  test('a short service name is a warning', () => assert.equal(findDiagnostic(r({ Service: 'ec2' }), 'resource', 'principal.service', '"ec2"', 'does not look like a service principal').severity, 'warning'));
  test('an unknown principal type gets a suggestion', () => expectDiagnostic(r({ Aws: 'x' }), 'resource', 'principal.unknownType', '"Aws"', 'did you mean `AWS`?'));
  test('a trust policy accepts a service principal', () => expectValid(one('trust', { Principal: { Service: 'ec2.amazonaws.com' } }), 'trust'));
  test('a trust policy accepts a SAML provider', () => expectValid(one('trust', { Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/corp' }, Action: 'sts:AssumeRoleWithSAML' }), 'trust'));
});

describe('NotPrincipal', () => {
  const np = { AWS: 'arn:aws:iam::111122223333:user/alice' };
  const npText = '{\n        "AWS": "arn:aws:iam::111122223333:user/alice"\n      }';
  test('with Allow it is rejected', () => expectDiagnostic(one('resource', { Principal: undefined, NotPrincipal: np }), 'resource', 'notPrincipal.allow', npText, 'works only with `"Effect": "Deny"`'));
  test('with Deny it is accepted, with a warning that AWS advises against it', () => {
    const d = findDiagnostic(one('resource', { Effect: 'Deny', Principal: undefined, NotPrincipal: np }), 'resource', 'notPrincipal.discouraged', npText, 'AWS advises against `NotPrincipal`');
    assert.equal(d.severity, 'warning');
  });
  test('a trust policy cannot use it', () => expectDiagnostic(one('trust', { Effect: 'Deny', Principal: undefined, NotPrincipal: np }), 'trust', 'notPrincipal.inTrust', npText, 'cannot use `NotPrincipal`'));
  test('an RCP cannot use it', () => expectDiagnostic(one('rcp', { Principal: undefined, NotPrincipal: np }), 'rcp', 'notPrincipal.inRcp', npText, 'an RCP cannot use `NotPrincipal`'));
  test('an empty one is rejected: nothing documents what it would exclude', () => {
    expectDiagnostic(one('resource', { Effect: 'Deny', Principal: undefined, NotPrincipal: {} }), 'resource', 'principal.empty', '{}', 'names no one');
    expectDiagnostic(one('resource', { Effect: 'Deny', Principal: undefined, NotPrincipal: { AWS: [] } }), 'resource', 'element.empty', '[]', 'must not be an empty list');
  });
});

describe('Sid characters and Id', () => {
  for (const kind of ['identity', 'boundary', 'session', 'trust'] as PolicyKind[]) {
    test(`${kind}: a Sid with a space is rejected`, () => expectDiagnostic(one(kind, { Sid: 'Read reports' }), kind, 'sid.characters', '"Read reports"', 'only letters and digits'));
    test(`${kind}: a Sid with a dash is rejected`, () => expectDiagnostic(one(kind, { Sid: 'read-1' }), kind, 'sid.characters', '"read-1"', 'remove spaces, dashes'));
  }
  for (const kind of ['resource', 'scp', 'rcp'] as PolicyKind[]) {
    test(`${kind}: a Sid with spaces is accepted`, () => expectNoDiagnostic(one(kind, { Sid: 'Read reports 1' }), kind, 'sid.characters'));
  }
  test('an empty Sid is accepted, and two empty Sids are not duplicates', () => expectValid(policy([{ ...base('identity'), Sid: '' }, { ...base('identity'), Sid: '' }]), 'identity'));
  // Grammar notes: the id_block "is optional in resource-based policies. It must not be included in identity-based policies."
  for (const kind of ['identity', 'boundary', 'session'] as PolicyKind[]) {
    test(`${kind}: Id is rejected`, () => expectDiagnostic(one(kind, {}, { Version: '2012-10-17', Id: 'ReadOnly' }), kind, 'id.identity', '"Id"', 'cannot have `Id`: it belongs to resource-based policies'));
  }
  test('Id is accepted in a resource policy', () => expectValid(one('resource', {}, { Version: '2012-10-17', Id: 'Policy1' }), 'resource'));
  test('Id is accepted in a trust policy', () => expectValid(one('trust', {}, { Version: '2012-10-17', Id: 'Trust1' }), 'trust'));
  test('Id must be a string', () => expectDiagnostic(one('resource', {}, { Version: '2012-10-17', Id: 5 }), 'resource', 'id.type', '5', '`Id` must be a string'));
  test('Id in an SCP is a warning: it has no effect', () => assert.equal(findDiagnostic(one('scp', {}, { Version: '2012-10-17', Id: 'x' }), 'scp', 'id.ignored', '"Id"', 'has no effect').severity, 'warning'));
});

// ---- conditions -------------------------------------------------------------

/** A valid literal value for each operator family. */
const FAMILY_VALUES: [string[], string][] = [
  [['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'], 'blue'],
  [['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'], '10'],
  [['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'], '2026-01-31T12:00:00Z'],
  [['Bool'], 'true'],
  [['BinaryEquals'], 'QmluYXJ5'],
  [['IpAddress', 'NotIpAddress'], '203.0.113.0/24'],
  [['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'], 'arn:aws:iam::111122223333:role/app-role'],
];
const cond = (operator: string, key: string, value: unknown) => one('identity', { Condition: { [operator]: { [key]: value } } });

describe('every condition operator, with IfExists and the set prefixes', () => {
  for (const [names, value] of FAMILY_VALUES) {
    for (const name of names) {
      test(`${name} in all its forms`, () => {
        for (const form of [name, `${name}IfExists`, `ForAllValues:${name}`, `ForAnyValue:${name}`, `ForAllValues:${name}IfExists`, `ForAnyValue:${name}IfExists`]) {
          assert.deepEqual(diagnose(cond(form, 'aws:RequestTag/x', value), 'identity').filter((d) => d.severity === 'error').map((d) => d.message), [], form);
        }
      });
    }
  }
  test('Null is an operator', () => expectValid(cond('Null', 'aws:TokenIssueTime', 'true'), 'identity'));
  test('Null takes a JSON boolean too', () => expectValid(cond('Null', 'aws:TokenIssueTime', false), 'identity'));
  test('operator names are not case sensitive', () => expectValid(cond('forallvalues:stringequalsifexists', 'aws:TagKeys', 'a'), 'identity'));
  test('NullIfExists is rejected: Null has no IfExists form', () => {
    const d = findDiagnostic(cond('NullIfExists', 'aws:TokenIssueTime', 'true'), 'identity', 'condition.unknownOperator', '"NullIfExists"', '`Null` has no IfExists form');
    assert.doesNotMatch(d.hint ?? '', /did you mean `NullIfExists`/);
  });
  // IAM policy validation check reference, "Null with qualifier" (a suggestion).
  test('a set prefix on Null is a warning that says what it does', () => {
    assert.equal(findDiagnostic(cond('ForAllValues:Null', 'aws:TagKeys', 'true'), 'identity', 'condition.nullSet', '"ForAllValues:Null"', '`Null` always returns true').severity, 'warning');
    findDiagnostic(cond('ForAnyValue:Null', 'aws:TagKeys', 'false'), 'identity', 'condition.nullSet', '"ForAnyValue:Null"', '`Null` always returns false');
  });
  test('a misspelt operator keeps its prefix in the suggestion', () => expectDiagnostic(cond('ForAllValues:StringEqual', 'aws:TagKeys', 'a'), 'identity', 'condition.unknownOperator', '"ForAllValues:StringEqual"', 'did you mean `ForAllValues:StringEquals`?'));
  test('a misspelt IfExists operator keeps IfExists in the suggestion', () => expectDiagnostic(cond('NumericLessThenIfExists', 's3:max-keys', '1'), 'identity', 'condition.unknownOperator', '"NumericLessThenIfExists"', 'did you mean `NumericLessThanIfExists`?'));
  test('an unknown set prefix is rejected', () => expectDiagnostic(cond('ForSomeValues:StringLike', 'aws:TagKeys', 'a'), 'identity', 'condition.unknownOperator', '"ForSomeValues:StringLike"', 'is not a condition operator'));
  test('a made-up operator is rejected without a suggestion', () => assert.equal(findDiagnostic(cond('Matches', 'aws:username', 'a'), 'identity', 'condition.unknownOperator', '"Matches"', 'is not a condition operator').hint, undefined));
  test('Condition must be an object', () => expectDiagnostic(one('identity', { Condition: 'x' }), 'identity', 'condition.type', '"x"', '`Condition` must be an object'));
  test('an operator must hold an object of keys', () => expectDiagnostic(one('identity', { Condition: { StringEquals: 'x' } }), 'identity', 'condition.type', '"x"', 'must hold an object of condition keys'));
  // IAM policy validation check reference, "Empty array condition" and its ForAllValues, ForAnyValue and IfExists forms.
  test('a key with no values is a warning that says what the condition then does', () => {
    assert.equal(findDiagnostic(cond('StringEquals', 'aws:username', []), 'identity', 'condition.empty', '[]', '`aws:username` has no values').severity, 'warning');
    findDiagnostic(cond('ForAnyValue:StringEquals', 'aws:TagKeys', []), 'identity', 'condition.empty', '[]', 'with `ForAnyValue` the condition never matches');
    findDiagnostic(cond('ForAllValues:StringEquals', 'aws:TagKeys', []), 'identity', 'condition.empty', '[]', 'matches only when the request has no such key');
    findDiagnostic(cond('StringEqualsIfExists', 'aws:username', []), 'identity', 'condition.empty', '[]', 'matches only when the request has no such key');
  });
  test('a null value is rejected', () => expectDiagnostic(cond('StringEquals', 'aws:username', null), 'identity', 'condition.valueType', 'null', 'must be a string, number or boolean'));
  test('an empty key is rejected', () => expectDiagnostic(cond('StringEquals', '', 'x'), 'identity', 'condition.key', '""', 'cannot be empty'));
});

describe('condition values each operator accepts', () => {
  const bad = (op: string, value: unknown, underlined: string, message: string) =>
    test(`${op} rejects ${underlined}`, () => expectDiagnostic(cond(op, 'k:k', value), 'identity', 'condition.value', underlined, message));
  bad('IpAddress', '203.0.113.256', '"203.0.113.256"', 'is not an IP address or CIDR range');
  bad('IpAddress', '203.0.113.0/33', '"203.0.113.0/33"', 'is not an IP address or CIDR range such as `203.0.113.0/24` (for `IpAddress`)');
  bad('NotIpAddress', '203.0.113', '"203.0.113"', 'is not an IP address');
  bad('IpAddress', '2001:db8::/129', '"2001:db8::/129"', 'is not an IP address');
  bad('IpAddress', '2001:db8:::1', '"2001:db8:::1"', 'is not an IP address');
  bad('IpAddressIfExists', 'localhost', '"localhost"', 'is not an IP address');
  bad('DateGreaterThan', '2020-13-01', '"2020-13-01"', 'is not a date');
  bad('DateLessThan', 'yesterday', '"yesterday"', 'use ISO 8601');
  bad('NumericLessThan', 'ten', '"ten"', '`ten` is not a number (for `NumericLessThan`)');
  bad('NumericEquals', '1,000', '"1,000"', 'is not a number');
  bad('Null', 'yes', '"yes"', '`Null` takes `true` (the key is absent) or `false` (it is present), not `yes`');
  bad('Null', 1, '1', 'not `1`');
  bad('Bool', 'yes', '"yes"', '`yes` is not a boolean');
  bad('BoolIfExists', '1', '"1"', 'is not a boolean');
  bad('BinaryEquals', 'not base64!', '"not base64!"', 'is not base-64 text');
  bad('ArnLike', 'example-bucket', '"example-bucket"', 'is not an ARN');
  test('good values of every family are accepted', () => expectValid(one('identity', { Condition: {
    IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32', '::1', '::ffff:192.0.2.1'] },
    DateGreaterThan: { 'aws:CurrentTime': ['2026-01-31', '2026-01-31T12:00:00Z', '2026-01-31T12:00:00+02:00', 1767225600] },
    NumericLessThan: { 's3:max-keys': [10, '1.5', '-3'] },
    Bool: { 'aws:SecureTransport': [true, 'False'] },
  } }), 'identity'));
  // IAM JSON policy elements: Condition operators lists "Policy variables – Not supported" for the IP
  // address, Numeric, Date and Binary families: there `${...}` is text, and no address or number.
  test('a policy variable is not replaced in an IpAddress value, which is then no address', () =>
    expectDiagnostic(cond('IpAddress', 'aws:SourceIp', '${aws:PrincipalTag/office-cidr}'), 'identity', 'condition.value', '"${aws:PrincipalTag/office-cidr}"', 'policy variables are not replaced in `IpAddress` values'));
  test('nor in a Numeric or Date value', () => {
    expectDiagnostic(cond('NumericLessThan', 's3:max-keys', '${aws:PrincipalTag/limit}'), 'identity', 'condition.value', '"${aws:PrincipalTag/limit}"', 'is not a number');
    expectDiagnostic(cond('DateLessThan', 'aws:CurrentTime', '${aws:PrincipalTag/until}'), 'identity', 'condition.value', '"${aws:PrincipalTag/until}"', 'is not a date');
  });
  test('String, ARN and Bool values take policy variables', () => {
    expectValid(cond('StringEquals', 'aws:ResourceTag/team', '${aws:PrincipalTag/team}'), 'identity');
    expectValid(cond('ArnLike', 'aws:SourceArn', 'arn:aws:sqs:*:${aws:PrincipalAccount}:*'), 'identity');
    expectValid(cond('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/secure}'), 'identity');
  });
  test('one key twice, in two cases, in one operator block is refused', () =>
    expectDiagnostic(one('identity', { Condition: { StringEquals: { 'aws:username': 'alice', 'aws:UserName': 'bob' } } }), 'identity', 'condition.duplicateKey', '"aws:UserName"', 'condition key names ignore case'));
  test('a condition key without a prefix is an error that names the global key it may mean', () => {
    const d = findDiagnostic(one('identity', { Condition: { IpAddress: { SourceIp: '203.0.113.0/24' } } }), 'identity', 'condition.keyFormat', '"SourceIp"', 'has no service prefix: condition keys are `prefix:name`');
    assert.equal(d.severity, 'error');
    assert.equal(d.hint, 'did you mean `aws:SourceIp`?');
    // A dot where the colon belongs, and a colon with nothing before it, are keys without a prefix too.
    for (const key of ['sts.ExternalId', ':SourceIp']) {
      assert.equal(findDiagnostic(one('trust', { Condition: { StringEquals: { [key]: 'x' } } }), 'trust', 'condition.keyFormat', JSON.stringify(key), 'has no service prefix').severity, 'error');
    }
  });
  test('a prefixed key of an odd shape is only a warning', () => {
    const d = findDiagnostic(one('identity', { Condition: { StringEquals: { 's3::x': 'y' } } }), 'identity', 'condition.keyFormat', '"s3::x"', 'is not a condition key: keys are `prefix:name`');
    assert.equal(d.severity, 'warning');
  });
  test('a prefixed key with a slash and dashes is a key', () => expectNoDiagnostic(one('identity', { Condition: { StringEquals: { 'aws:PrincipalTag/cost-center': 'x', 's3:x-amz-acl': 'private' } } }), 'identity', 'condition.keyFormat'));
  test('the same key under two operators is fine', () =>
    expectValid(one('identity', { Condition: { StringEquals: { 'aws:username': 'alice' }, StringLike: { 'aws:UserName': 'a*' } } }), 'identity'));
  test('all the bad values of a statement are reported at once', () => {
    const ds = diagnose(one('identity', { Condition: { IpAddress: { 'aws:SourceIp': ['bad-ip', '203.0.113.0/24', '1.2.3.4/40'] }, NumericEquals: { 'k:n': 'x' } } }), 'identity');
    assert.deepEqual(ds.filter((d) => d.code === 'condition.value').map((d) => d.underlined), ['"bad-ip"', '"1.2.3.4/40"', '"x"']);
  });
});

describe('SCPs and RCPs', () => {
  test('a misspelt Effect in an RCP draws effect.value alone, not rcp.allow', () => {
    const text = one('rcp', { Effect: 'deny' });
    expectDiagnostic(text, 'rcp', 'effect.value', '"deny"', 'is not an effect');
    expectNoDiagnostic(text, 'rcp', 'rcp.allow');
  });
  test('an RCP cannot Allow: the Effect is underlined', () => expectDiagnostic(one('rcp', { Effect: 'Allow' }), 'rcp', 'rcp.allow', '"Allow"', 'an RCP may only deny'));
  test('an RCP Principal must be "*"', () => expectDiagnostic(one('rcp', { Principal: { AWS: '111122223333' } }), 'rcp', 'rcp.principal', '{\n        "AWS": "111122223333"\n      }', '`Principal` must be `"*"`'));
  test('an RCP with {"AWS": "*"} is accepted', () => expectValid(one('rcp', { Principal: { AWS: '*' } }), 'rcp'));
  test('an RCP with conditions is accepted', () => expectValid(one('rcp', { Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } }), 'rcp'));
  // RCP syntax: "You cannot use "*" in the Action element of a customer managed RCP".
  test('an RCP cannot name every action with *', () => expectDiagnostic(one('rcp', { Action: '*' }), 'rcp', 'rcp.actionStar', '"*"', 'name the service'));
  test('an RCP action of a service without RCPs draws a warning', () => {
    const d = findDiagnostic(one('rcp', { Action: 'ec2:TerminateInstances' }), 'rcp', 'rcp.service', '"ec2:TerminateInstances"', 'does not support RCPs');
    assert.equal(d.severity, 'warning');
  });
  test('an SCP may Allow and Deny, with NotAction', () => expectValid(policy([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }]), 'scp'));
});

describe('size limits name the limit: errors where AWS always refuses, warnings where it depends', () => {
  const statements = (n: number) => Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }));
  const cases: [PolicyKind, string, RegExp][] = [
    ['identity', JSON.stringify({ Version: '2012-10-17', Statement: statements(90) }), /6,144 characters \(white space not counted\)/],
    ['boundary', JSON.stringify({ Version: '2012-10-17', Statement: statements(90) }), /6,144 characters/],
    ['session', JSON.stringify({ Version: '2012-10-17', Statement: statements(30) }), /2,048 characters/],
    ['scp', JSON.stringify({ Version: '2012-10-17', Statement: statements(70) }), /5,120 characters, white space included/],
    ['rcp', JSON.stringify({ Version: '2012-10-17', Statement: statements(70).map((s) => ({ ...s, Effect: 'Deny', Principal: '*' })) }), /5,120 characters/],
    ['trust', JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 30 }, (_, i) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::111122223333:user/u${i}` } })) }), /2,048 characters by default/],
    ['resource', JSON.stringify({ Version: '2012-10-17', Statement: statements(300).map((s) => ({ ...s, Principal: '*' })) }), /20 KB/],
  ];
  for (const [kind, text, limit] of cases) {
    test(`${kind}: over ${SIZE_LIMITS[kind].limit} characters`, () => {
      const d = findDiagnostic(text, kind, 'policy.tooLarge', '{', limit);
      // SCPs, RCPs and boundaries (managed policies) over their quota are refused by AWS; the others depend on what the engine is not told.
      const refused = kind === 'scp' || kind === 'rcp' || kind === 'boundary';
      assert.equal(d.severity, refused ? 'error' : 'warning');
      if (refused) assert.equal(checkPolicy(text, kind).policy, null, 'a policy AWS refuses does not evaluate');
      else assert.ok(checkPolicy(text, kind).policy, 'a policy over the limit still evaluates');
    });
  }
  test('white space does not count for an identity policy', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements(60) }, null, 8);
    assert.ok(text.length > 6144);
    expectNoDiagnostic(text, 'identity', 'policy.tooLarge');
  });
  test('white space counts for an SCP', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements(25) }, null, 12);
    assert.ok(text.length > 5120);
    expectDiagnostic(text, 'scp', 'policy.tooLarge', '{', /white space included/);
  });
  test('an object given as a value is measured too', () => {
    const r = checkPolicy({ Version: '2012-10-17', Statement: statements(90) }, 'identity');
    assert.ok(r.diagnostics.some((d) => d.code === 'policy.tooLarge'));
  });
});

describe('the whole text', () => {
  test('a policy that is an array is rejected', () => expectDiagnostic('[1]', 'identity', 'policy.notObject', '[1]', 'a policy is a JSON object'));
  test('JSON errors come first and make the policy invalid', () => {
    const r = checkPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",}]}', 'identity');
    assert.equal(r.policy, null);
    assert.equal(r.diagnostics[0].code, 'json.trailingComma');
  });
  test('every problem of a policy is reported, not the first only', () => {
    const ds = diagnose(policy([{ Effect: 'Alow', Action: 'GetObject', Resource: 'bucket', Principal: '*', Sid: 'a b' }]), 'identity');
    assert.deepEqual(ds.map((d) => d.code).sort(), ['action.format', 'effect.value', 'principal.forbidden', 'resource.format', 'sid.characters']);
  });
  test('paths name the element', () => {
    const ds = diagnose(policy([base('identity'), { ...base('identity'), Condition: { IpAddress: { 'aws:SourceIp': 'x' } } }]), 'identity');
    assert.deepEqual(ds.map((d) => d.path), ['Statement[1].Condition.IpAddress.aws:SourceIp']);
  });
});

// IAM and AWS STS quotas: policy documents "can contain only the following Unicode characters:
// horizontal tab (U+0009), linefeed (U+000A), carriage return (U+000D), and characters in the range
// U+0020 to U+00FF". That is IAM's and STS's rule; S3 bucket policies and SCPs state none.
describe('characters IAM takes', () => {
  const euro = (kind: PolicyKind): string => one(kind, { Resource: 'arn:aws:s3:::example-bucket/€.txt' });
  for (const kind of ['identity', 'boundary', 'session'] as const) {
    test(`a character above U+00FF is refused in ${kind === 'identity' ? 'an identity' : `a ${kind}`} policy, where it stands`, () =>
      expectDiagnostic(euro(kind), kind, 'policy.character', '€', '`€` (U+20AC) cannot appear'));
  }
  test('Latin-1 letters are taken', () => expectValid(one('identity', { Resource: 'arn:aws:s3:::example-bucket/café.txt' }), 'identity'));
  test('an S3 bucket policy is not held to it', () => expectNoDiagnostic(euro('resource'), 'resource', 'policy.character'));
  test('a policy given as a value is held to it too, with the path of the string', () => {
    const r = checkPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/name': '€' } } }] }, 'identity');
    assert.equal(r.policy, null);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.path]), [['policy.character', 'Statement[0].Condition.StringEquals.aws:ResourceTag/name']]);
  });
  test('a character beyond U+FFFF is one character, underlined whole', () => {
    const ds = diagnose(one('identity', { Resource: 'arn:aws:s3:::b/😀' }), 'identity').filter((d) => d.code === 'policy.character');
    assert.deepEqual(ds.map((d) => [d.underlined, d.message.slice(0, 14)]), [['😀', '`😀` (U+1F600)']]);
  });
  test('a policy given as a value reports each character once too', () => {
    const r = checkPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/€', 'arn:aws:s3:::c/€'] }] }, 'identity');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['policy.character']);
  });
  test('each refused character is reported once', () => {
    const ds = diagnose(one('identity', { Resource: ['arn:aws:s3:::b/€', 'arn:aws:s3:::b/€€', 'arn:aws:s3:::b/✓'] }), 'identity').filter((d) => d.code === 'policy.character');
    assert.deepEqual(ds.map((d) => d.underlined), ['€', '✓']);
  });
});
