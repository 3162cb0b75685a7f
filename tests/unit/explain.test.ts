/**
 * Stage 5, explain: the sentences a learner reads for an Allow, an explicit
 * deny and an implicit deny (with the statements that came closest and what
 * each lacked).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explain, describeStatement, describeMiss, STEP_LABELS, type FlowStepId } from '../../engine/index.ts';
import { run, policy, allow, deny, req, ALICE, ROOT, SESSION, ROLE, BUCKET, OBJECT, OTHER_ACCOUNT, ACCOUNT } from './helpers.ts';

const GET = req('s3:GetObject', OBJECT);
const allowAll = policy([allow('*')]);

describe('allow', () => {
  test('names the deciding statement by its Sid', () => {
    const e = explain(run(ALICE, GET, { identity: [policy([{ Sid: 'Read', ...allow('s3:GetObject', `${BUCKET}/*`) }])] }));
    assert.deepEqual(e, { headline: 'Allowed', sentences: ['Allowed by statement `Read` of the identity-based policy 1.'] });
  });
  test('names a statement without a Sid by its number', () => {
    const e = explain(run(ALICE, GET, { identity: [policy([allow('ec2:*'), allow('s3:*')])] }));
    assert.deepEqual(e.sentences, ['Allowed by statement 2 of the identity-based policy 1.']);
  });
  test('the root user needs no policy', () => {
    const e = explain(run(ROOT, GET, {}));
    assert.equal(e.headline, 'Allowed');
    assert.match(e.sentences[0], /the root user, which needs no identity-based policy/);
  });
  test('a grant to the caller in a resource-based policy', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    const e = explain(run(ALICE, GET, { resource: bucket }));
    assert.deepEqual(e.sentences, [
      'Within one account, the resource-based policy grants the request to this caller itself (by its own ARN, or to everyone with `*`): no identity-based policy is needed, and neither a permissions boundary nor a session policy limits such a grant.',
      'Allowed by statement 1 of the resource-based policy.',
    ]);
  });
  test('a grant to the role', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    assert.match(explain(run(SESSION, GET, { resource: bucket })).sentences[0], /grants the request to the caller's role, so no identity-based policy is needed/);
  });
  test('with SCPs, says every level allows it too', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll], scp: [[allowAll]] }));
    assert.equal(e.sentences.at(-1), 'Every level of SCPs allows it too; SCPs set a limit and grant nothing by themselves.');
    assert.ok(e.sentences.includes('Allowed by statement 1 of the identity-based policy 1.'));
  });
  test('across accounts, both sides are named', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    const e = explain(run(ALICE, req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT), { identity: [allowAll], resource: bucket }));
    assert.match(e.sentences[0], /another account, whose resource-based policy allows the request; the caller's own account must allow it too/);
    assert.deepEqual(e.sentences.slice(1), ['Allowed by statement 1 of the identity-based policy 1.', 'Allowed by statement 1 of the resource-based policy.']);
  });
});

describe('explicit deny', () => {
  test('names the Deny and says it overrides every Allow', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll, policy([{ Sid: 'NoS3', ...deny('s3:*') }])] }));
    assert.deepEqual(e, { headline: 'Explicitly denied', sentences: ['Denied by statement `NoS3` of the identity-based policy 2.', 'An explicit Deny overrides every Allow.'] });
  });
  test('a Deny in an SCP names its level', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll], scp: [[allowAll], [allowAll, policy([deny('s3:*')])]] }));
    assert.equal(e.sentences[0], 'Denied by statement 1 of the SCP 2 at level 2 from the organization root.');
  });
  test('a Deny in the boundary and in the session policy', () => {
    const e = explain(run(SESSION, GET, { identity: [allowAll], permissionsBoundary: policy([allow('*'), deny('s3:*')]), session: [policy([deny('*')])] }));
    assert.deepEqual(e.sentences, [
      'Denied by statement 2 of the permissions boundary.',
      'Denied by statement 1 of the session policy 1.',
      'An explicit Deny overrides every Allow.',
    ]);
  });
});

describe('implicit deny', () => {
  test('with the closest statements and what each lacked', () => {
    const p = policy([
      { Sid: 'ReadObjects', ...allow('s3:ListBucket', `${BUCKET}/*`) },
      allow('s3:GetObject', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    ]);
    const e = explain(run(ALICE, req('s3:ListBucket', BUCKET), { identity: [p] }));
    assert.deepEqual(e, {
      headline: 'Implicitly denied',
      sentences: [
        'No identity-based policy allows the request, so it is implicitly denied.',
        'Closest: statement `ReadObjects` of the identity-based policy 1, but its `Resource` does not cover this resource.',
        'Closest: statement 2 of the identity-based policy 1, but its `Action` does not cover this action; the condition `Bool` needs `aws:MultiFactorAuthPresent`, which this request does not have.',
      ],
    });
  });
  test('ForAnyValue on an empty value says the empty set has no match', () => {
    const p = policy([allow('s3:GetObject', '*', { Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': '*' } } })]);
    const e = explain(run(ALICE, req('s3:GetObject', OBJECT, { 'aws:TagKeys': '' }), { identity: [p] }));
    assert.equal(e.sentences[1], 'Closest: statement 1 of the identity-based policy 1, but the condition `ForAnyValue:StringLike` on `aws:TagKeys` is not met: the request\'s value is empty, a null dataset, in which `ForAnyValue` finds nothing.');
  });
  test('a federated user calling IAM is told what its credentials cannot do', () => {
    const fed = { arn: `arn:aws:sts::${ACCOUNT}:federated-user/jane` };
    const r = run(fed, req('iam:ListUsers'), { identity: [allowAll], session: [allowAll] });
    assert.equal(r.deniedAt, 'session');
    assert.deepEqual(explain(r).sentences, ['A federated user session (from `GetFederationToken`) cannot call IAM operations, nor AWS STS operations other than `GetCallerIdentity`, whatever the policies say.']);
  });
  test('a role session asking for a session token is told only users can', () => {
    const r = run(SESSION, req('sts:GetSessionToken'), { identity: [allowAll] });
    assert.match(explain(r).sentences[0], /^A role session cannot call `GetFederationToken` or `GetSessionToken`/);
  });
  test('an anonymous caller is told it cannot call AssumeRole', () => {
    const trust = policy([{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }]);
    const r = run({ anonymous: true }, req('sts:AssumeRole', ROLE), { resource: trust });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.match(explain(r).sentences[0], /^An anonymous caller cannot assume a role/);
  });
  test('a KMS operation that does not work across accounts says so', () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1`;
    const keyPolicy = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }]);
    const r = run(`arn:aws:iam::${OTHER_ACCOUNT}:user/bob`, req('kms:PutKeyPolicy', key), { identity: [allowAll], resource: keyPolicy });
    assert.equal(r.deniedAt, 'resource');
    assert.match(explain(r).sentences[0], /^This AWS KMS operation does not work on a key in another account/);
  });
  test('a chained SetSourceIdentity names the permissions policy it also needs', () => {
    const trust = policy([{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }]);
    const target = `arn:aws:iam::${ACCOUNT}:role/second-role`;
    const r = run(SESSION, req('sts:SetSourceIdentity', target), { identity: [policy([allow('sts:AssumeRole')])], resource: trust });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.match(explain(r).sentences[0], /in role chaining the calling role's permissions policy must allow `sts:SetSourceIdentity` as well/);
  });
  test('a near miss in the bucket policy is shown when no identity policy allows either', () => {
    const bucket = policy([{ Sid: 'Typo', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' }]);
    const e = explain(run(ALICE, GET, { resource: bucket }));
    assert.deepEqual(e.sentences, [
      'The resource-based policy grants nothing for this request, so an identity-based policy would have to allow it.',
      'There is no identity-based policy at all, and everything not allowed is denied.',
      'Closest: statement `Typo` of the resource-based policy, but its `Resource` does not cover this resource.',
    ]);
  });
  test('a trust policy naming the account is called the trust policy in every sentence', () => {
    const trust = policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]);
    const e = explain(run(ALICE, req('sts:AssumeRole', ROLE), { identity: [allowAll], resource: trust }));
    assert.equal(e.sentences[0], 'The role\'s trust policy names the account, which hands the decision to the account\'s identity-based policies.');
    assert.ok(!e.sentences.some((t) => /resource-based policy/.test(t)));
  });
  test('a Sid of digits is named as a Sid, not a position', () => {
    const p = policy([{ Sid: '2', ...deny('s3:GetObject') }, allow('s3:*')]);
    assert.equal(explain(run(ALICE, GET, { identity: [p] })).sentences[0], 'Denied by the statement with Sid `2` of the identity-based policy 1.');
  });
  test('a condition value that differs shows both values', () => {
    const p = policy([allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } })]);
    const e = explain(run(ALICE, req('s3:GetObject', OBJECT, { 'aws:RequestedRegion': 'us-east-1' }), { identity: [p] }));
    assert.equal(e.sentences[1], 'Closest: statement 1 of the identity-based policy 1, but the condition `StringEquals` on `aws:RequestedRegion` is not met (the request has `us-east-1`; the policy wants `eu-west-1`, `eu-central-1`).');
  });
  test('no policy at all', () => assert.deepEqual(explain(run(ALICE, GET, {})).sentences, ['There is no identity-based policy at all, and everything not allowed is denied.']));
  test('an SCP level without an Allow', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll], scp: [[allowAll], [policy([allow('ec2:*')])]] }));
    assert.match(e.sentences[0], /^A level of service control policies .* every level must allow\.$/);
    assert.equal(e.sentences[1], 'Closest: statement 1 of the SCP 1 at level 2 from the organization root, but its `Action` does not cover this action.');
  });
  test('the boundary', () => assert.match(explain(run(ALICE, GET, { identity: [allowAll], permissionsBoundary: policy([allow('ec2:*')]) })).sentences[0], /permissions boundary does not allow the request/));
  test('the session policy', () => assert.match(explain(run(SESSION, GET, { identity: [allowAll], session: [policy([allow('ec2:*')])] })).sentences[0], /session policy does not allow the request/));
  test('a federated user session made without a session policy', () => {
    const e = explain(run(`arn:aws:sts::${ACCOUNT}:federated-user/alice`, GET, { identity: [allowAll] }));
    assert.equal(e.headline, 'Implicitly denied');
    assert.equal(e.sentences[0], 'This federated user session was created without a session policy, so it has no permissions of its own: within its account, only a resource-based policy that names its ARN could grant it anything.');
  });
  test('session policies given for an IAM user do not apply to it', () => {
    const r = run(ALICE, GET, { identity: [allowAll], session: [policy([allow('ec2:*')])] });
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.steps.at(-1), { step: 'session', outcome: 'skipped', note: 'notSessionPrincipal' });
  });
  test('another account without a resource policy', () => assert.equal(explain(run(ALICE, req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT), { identity: [allowAll] })).sentences[0], 'The resource is in another account: that account must allow the caller in a resource-based policy.'));
  test('a role whose trust policy does not name the caller', () => {
    const trust = policy([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const e = explain(run(ALICE, req('sts:AssumeRole', ROLE), { identity: [allowAll], resource: trust }));
    assert.equal(e.sentences[0], 'The role\'s trust policy must allow the caller: for a call on a role (`sts:AssumeRole`, `sts:TagSession` and the like) an identity-based policy is never enough on its own.');
    // The resource slot is named as what it is for this request.
    assert.equal(e.sentences[1], 'Closest: statement 1 of the role\'s trust policy, but its `Principal` does not name this caller.');
  });
  test('a KMS key policy is called the key policy', () => {
    const keyPolicy = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:Decrypt', Resource: '*' }]);
    const e = explain(run(ALICE, req('kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1`), { resource: keyPolicy }));
    assert.ok(e.sentences.includes('Allowed by statement 1 of the key policy.'), e.sentences.join(' | '));
  });
  test('a KMS key without a key policy', () => assert.match(explain(run(ALICE, req('kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1`), { identity: [allowAll] })).sentences[0], /only when its key policy allows it/));
  test('a Resource variable with no value', () => {
    const p = policy([allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team}/*`)]);
    assert.match(explain(run(ALICE, GET, { identity: [p] })).sentences[1], /uses a policy variable that has no value in this request/);
  });
  test('an untraced result still explains its decision', () => {
    const r = run(ALICE, GET, { identity: [policy([allow('ec2:*')])] }, { trace: false });
    assert.deepEqual(explain(r), { headline: 'Implicitly denied', sentences: ['No identity-based policy allows the request, so it is implicitly denied.'] });
  });
});

describe('building blocks', () => {
  test('every flowchart step has a label', () => {
    const ids: FlowStepId[] = ['denyCheck', 'rcp', 'scp', 'resource', 'identity', 'boundary', 'session'];
    assert.deepEqual(Object.keys(STEP_LABELS), ids);
    for (const id of ids) assert.ok(STEP_LABELS[id].length > 0);
  });
  test('describeStatement names each kind of policy', () => {
    const ref = { slot: 'rcp' as const, policyId: 'rcp[0][2]', index: 3, effect: 'Deny' as const, from: 0, to: 0 };
    assert.equal(describeStatement(ref), 'statement 4 of the RCP 3 at the organization root');
    assert.equal(describeStatement({ ...ref, slot: 'permissionsBoundary', policyId: 'permissionsBoundary', sid: 'Cap' }), 'statement `Cap` of the permissions boundary');
  });
  test('describeMiss covers NotAction, NotResource and NotPrincipal', () => {
    const el = { from: 0, to: 0, matched: false };
    assert.equal(describeMiss({ ...el, element: 'NotAction', reason: 'notActionExcluded', pattern: 'iam:*' }), 'its `NotAction` excludes this action (`iam:*`)');
    assert.equal(describeMiss({ ...el, element: 'NotResource', reason: 'notResourceExcluded', pattern: 'arn:aws:s3:::b' }), 'its `NotResource` excludes this resource (`arn:aws:s3:::b`)');
    assert.equal(describeMiss({ ...el, element: 'NotPrincipal', reason: 'notPrincipalExcluded', pattern: undefined }), 'its `NotPrincipal` exempts this caller');
    assert.equal(describeMiss({ from: 0, to: 0, matched: false, operator: 'Null', key: 'aws:TokenIssueTime', reason: 'conditionNullNotMatched', requestValues: ['x'], policyValues: ['true'] }), 'the condition `Null` on `aws:TokenIssueTime` is not met: the policy wants the key absent (or empty)');
  });
  test('an unmet ForAnyValue:Null says it is never met, whatever the request holds, in any case of its name', () => {
    for (const operator of ['ForAnyValue:Null', 'foranyvalue:null']) {
      assert.equal(describeMiss({ from: 0, to: 0, matched: false, operator, key: 'aws:TagKeys', reason: 'conditionNullNotMatched', requestValues: undefined, policyValues: ['true'] }),
        `the condition \`${operator}\` on \`aws:TagKeys\` is never met: \`Null\` with \`ForAnyValue\` always returns false`);
    }
  });
});

// From a review of every conformance case's explanation as a learner reads it.
describe('explanations that say what actually decided', () => {
  const boundaryS3Only = policy([allow('s3:ListBucket')]);
  test('a grant to the role that the boundary limits is denied at the boundary, not for a missing identity policy', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    const r = run(SESSION, GET, { resource: bucket, permissionsBoundary: boundaryS3Only });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.equal(r.deniedAt, 'boundary');
    assert.deepEqual(r.steps.map((s) => `${s.step}:${s.outcome}:${s.note}`).slice(-3), ['resource:continue:resourceGrantsRole', 'identity:skipped:grantStandsForIdentity', 'boundary:implicitDeny:boundaryLimitsGrant']);
    const e = explain(r);
    assert.match(e.sentences[0], /grants this to the caller's role, which needs no identity-based policy, but a grant to a role is still limited by its permissions boundary/);
    assert.ok(!e.sentences.some((t) => /no identity-based policy at all/.test(t)));
  });
  test('a trust policy that names the caller, with a boundary that lacks the call, says the boundary decided', () => {
    const trust = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }]);
    const r = run(ALICE, req('sts:AssumeRole', ROLE), { resource: trust, permissionsBoundary: boundaryS3Only });
    assert.equal(r.deniedAt, 'boundary');
    assert.equal(explain(r).sentences[0], 'The role\'s trust policy names the caller, so no identity-based policy is needed, but the caller\'s permissions boundary must still allow the call, and it does not.');
  });
  test('an Allow says the boundary and the session policy grant nothing themselves', () => {
    const e = explain(run(SESSION, GET, { identity: [allowAll], permissionsBoundary: policy([allow('s3:*')]), session: [policy([allow('s3:GetObject')])] }));
    assert.ok(e.sentences.includes('Allowed by statement 1 of the identity-based policy 1.'));
    assert.ok(e.sentences.includes('It is within the permissions boundary (statement 1 of the permissions boundary), which sets a limit and grants nothing by itself.'));
    assert.ok(e.sentences.includes('It is within the session policy (statement 1 of the session policy 1), which limits the session and grants nothing by itself.'));
    assert.ok(!e.sentences.some((t) => /^Allowed by .*(boundary|session policy)/.test(t)));
  });
  test('across accounts, a deny for want of an identity policy says the other side did allow', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    const e = explain(run(ALICE, req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT), { resource: bucket }));
    assert.match(e.sentences[0], /allows the caller, but across accounts the caller's own account must allow the request too/);
  });
  test('a boundary alone is said to grant nothing', () => {
    const e = explain(run(ALICE, GET, { permissionsBoundary: policy([allow('s3:*')]) }));
    assert.ok(e.sentences.includes('The permissions boundary would allow it, but a boundary only sets a limit: it grants nothing by itself.'));
  });
  test('an Allow mentions SCPs that do not apply to a service-linked role', () => {
    const slr = { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`, roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` };
    const e = explain(run(slr, req('ec2:RunInstances'), { identity: [allowAll], scp: [[policy([deny('*')])]] }));
    assert.ok(e.sentences.includes('The SCPs do not apply: they do not affect service-linked roles.'));
  });
  test('an Allow mentions RCPs that do not restrict a service-linked role or kms:RetireGrant', () => {
    const slr = { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`, roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` };
    const rcpDenyAll = policy([{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'kms:*'], Resource: '*' }]);
    const bySlr = explain(run(slr, GET, { identity: [allowAll], rcp: [[rcpDenyAll]] }));
    assert.ok(bySlr.sentences.includes('The RCPs do not apply: they do not restrict calls made by service-linked roles.'));
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keyPolicy = policy([{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:*', Resource: '*' }]);
    const retire = run(ALICE, req('kms:RetireGrant', key), { resource: keyPolicy, rcp: [[rcpDenyAll]] });
    assert.equal(retire.decision, 'Allow');
    assert.ok(explain(retire).sentences.includes('The RCPs do not apply: they do not restrict `kms:RetireGrant`.'));
  });
  test('a Deny that applies because a key is missing says so, once', () => {
    const p = policy([allow('*'), deny('s3:*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })]);
    const e = explain(run(ALICE, GET, { identity: [p] }));
    assert.deepEqual(e.sentences, [
      'Denied by statement 2 of the identity-based policy 1: the request has no `aws:MultiFactorAuthPresent`, and `BoolIfExists` counts a missing key as a match.',
      'An explicit Deny overrides every Allow.',
    ]);
  });
  test('a ForAllValues Deny that applies because the key is empty says so', () => {
    // Condition operators: ForAllValues "returns true if ... the context key value resolves to a null dataset, such as an empty string".
    const p = policy([allow('*'), deny('s3:*', '*', { Condition: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'keep' } } })]);
    const e = explain(run(ALICE, req('s3:GetObject', OBJECT, { 'aws:TagKeys': [''] }), { identity: [p] }));
    assert.equal(e.sentences[0], 'Denied by statement 2 of the identity-based policy 1: the request has an empty value or none for `aws:TagKeys`, and `ForAllValues:StringNotEquals` counts that as a match.');
  });
  test('GetSessionToken is allowed to an IAM user despite a Deny, and says why; a role session is still refused it', () => {
    const e = explain(run(ALICE, req('sts:GetSessionToken'), { identity: [policy([deny('sts:*')])] }));
    assert.equal(e.headline, 'Allowed');
    assert.match(e.sentences[0], /^`sts:GetSessionToken` needs no permission/);
    const s = run(SESSION, req('sts:GetSessionToken'), { identity: [allowAll] });
    assert.equal(s.decision, 'ImplicitDeny');
  });
  test('GetCallerIdentity is allowed despite a Deny, and says why', () => {
    const e = explain(run(ALICE, req('sts:GetCallerIdentity'), { identity: [policy([deny('sts:*')])] }));
    assert.deepEqual(e, { headline: 'Allowed', sentences: ['`sts:GetCallerIdentity` needs no permission: AWS answers it for any signed-in caller, even one that a policy explicitly denies, because an access-denied error would reveal the same details.'] });
  });
  test('a NotPrincipal Deny that applies only because of the boundary says so', () => {
    // Permissions boundaries: a NotPrincipal with Deny "will always deny any IAM principal that has a permissions boundary policy attached".
    const bucket = policy([
      { Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` },
      { Effect: 'Deny', NotPrincipal: { AWS: [ALICE, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` },
    ]);
    const listed = run(ALICE, GET, { resource: bucket });
    assert.equal(listed.decision, 'Allow');
    const bounded = run(ALICE, GET, { resource: bucket, permissionsBoundary: allowAll });
    assert.equal(bounded.decision, 'ExplicitDeny');
    assert.match(explain(bounded).sentences[0], /its `NotPrincipal` lists the caller, but a Deny with `NotPrincipal` denies every principal that has a permissions boundary/);
  });
  test('a condition that was not met says what the policy wants, in the operator\'s sense', () => {
    const miss = (operator: string, values: string[]) => describeMiss({ operator, key: 'k', matched: false, reason: 'conditionNotMatched', requestValues: ['5'], policyValues: values, from: 0, to: 0 });
    assert.match(miss('StringNotEquals', ['a', 'b']), /wants a value that is none of `a`, `b`/);
    assert.match(miss('NumericNotEquals', ['1', '2']), /wants a number that is none of `1`, `2`/);
    assert.match(miss('NumericLessThanEquals', ['10']), /wants a number at most `10`/);
    assert.match(miss('DateLessThan', ['2026-01-01T00:00:00Z']), /wants a time before `2026-01-01T00:00:00Z`/);
    assert.match(miss('ForAnyValue:StringLike', ['a*']), /wants at least one value among `a\*`/);
    assert.match(miss('ForAllValues:StringEquals', ['a', 'b']), /wants every value to be one of `a`, `b`/);
    // Operator names ignore case, so the sentence must read them as the engine does.
    assert.match(miss('stringnotequals', ['a']), /wants a value that is not `a`/);
    assert.match(miss('ForAllValues:numericgreaterthanIfExists', ['3', '4']), /wants a number above any of `3`, `4`/);
    assert.match(miss('NotIpAddress', ['10.0.0.0/8']), /wants a value that is not `10.0.0.0\/8`/);
    // An empty request value is shown, not an empty code span.
    assert.match(describeMiss({ operator: 'StringLike', key: 's3:prefix', matched: false, reason: 'conditionNotMatched', requestValues: [''], policyValues: ['home/*'], from: 0, to: 0 }), /the request has `""` \(empty\)/);
  });
});
