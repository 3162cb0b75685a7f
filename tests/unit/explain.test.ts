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
      'Within one account, the resource-based policy grants the request to this caller directly; no identity-based policy is needed.',
      'Allowed by statement 1 of the resource-based policy.',
    ]);
  });
  test('a grant to the role', () => {
    const bucket = policy([{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]);
    assert.match(explain(run(SESSION, GET, { resource: bucket })).sentences[0], /grants the request to the role/);
  });
  test('with SCPs, says every level allows it too', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll], scp: [[allowAll]] }));
    assert.equal(e.sentences.at(-1), 'Every level of SCPs allows it too.');
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
    assert.deepEqual(e, { headline: 'Explicitly denied', sentences: ['Denied by statement `NoS3` of the identity-based policy 2. An explicit Deny overrides every Allow.'] });
  });
  test('a Deny in an SCP names its level', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll], scp: [[allowAll], [allowAll, policy([deny('s3:*')])]] }));
    assert.equal(e.sentences[0], 'Denied by statement 1 of the SCP 2 at level 2. An explicit Deny overrides every Allow.');
  });
  test('a Deny in the boundary and in the session policy', () => {
    const e = explain(run(SESSION, GET, { identity: [allowAll], permissionsBoundary: policy([allow('*'), deny('s3:*')]), session: [policy([deny('*')])] }));
    assert.deepEqual(e.sentences, [
      'Denied by statement 2 of the permissions boundary. An explicit Deny overrides every Allow.',
      'Denied by statement 1 of the session policy 1. An explicit Deny overrides every Allow.',
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
  test('a condition value that differs shows both values', () => {
    const p = policy([allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } })]);
    const e = explain(run(ALICE, req('s3:GetObject', OBJECT, { 'aws:RequestedRegion': 'us-east-1' }), { identity: [p] }));
    assert.equal(e.sentences[1], 'Closest: statement 1 of the identity-based policy 1, but the condition `StringEquals` on `aws:RequestedRegion` is not met (the request has `us-east-1`; the policy wants `eu-west-1`, `eu-central-1`).');
  });
  test('no policy at all', () => assert.deepEqual(explain(run(ALICE, GET, {})).sentences, ['There is no identity-based policy at all, and everything not allowed is denied.']));
  test('an SCP level without an Allow', () => {
    const e = explain(run(ALICE, GET, { identity: [allowAll], scp: [[allowAll], [policy([allow('ec2:*')])]] }));
    assert.match(e.sentences[0], /^A level of service control policies .* every level must allow\.$/);
    assert.equal(e.sentences[1], 'Closest: statement 1 of the SCP 1 at level 2, but its `Action` does not cover this action.');
  });
  test('the boundary', () => assert.match(explain(run(ALICE, GET, { identity: [allowAll], permissionsBoundary: policy([allow('ec2:*')]) })).sentences[0], /permissions boundary does not allow the request/));
  test('the session policy', () => assert.match(explain(run(SESSION, GET, { identity: [allowAll], session: [policy([allow('ec2:*')])] })).sentences[0], /session policy does not allow the request/));
  test('a federated user session made without a session policy', () => {
    const e = explain(run(`arn:aws:sts::${ACCOUNT}:federated-user/alice`, GET, { identity: [allowAll] }));
    assert.equal(e.headline, 'Implicitly denied');
    assert.equal(e.sentences[0], 'This federated user session was created without a session policy, so it has no permissions: only a resource-based policy that names its ARN could grant it anything.');
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
    assert.equal(e.sentences[0], 'A role trust policy must allow the caller; an identity-based policy alone cannot let anyone assume a role.');
    assert.equal(e.sentences[1], 'Closest: statement 1 of the resource-based policy, but its `Principal` does not name this caller.');
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
    assert.equal(describeStatement(ref), 'statement 4 of the RCP 3 at level 1');
    assert.equal(describeStatement({ ...ref, slot: 'permissionsBoundary', policyId: 'permissionsBoundary', sid: 'Cap' }), 'statement `Cap` of the permissions boundary');
  });
  test('describeMiss covers NotAction, NotResource and NotPrincipal', () => {
    const el = { from: 0, to: 0, matched: false };
    assert.equal(describeMiss({ ...el, element: 'NotAction', reason: 'notActionExcluded', pattern: 'iam:*' }), 'its `NotAction` excludes this action (`iam:*`)');
    assert.equal(describeMiss({ ...el, element: 'NotResource', reason: 'notResourceExcluded', pattern: 'arn:aws:s3:::b' }), 'its `NotResource` excludes this resource (`arn:aws:s3:::b`)');
    assert.equal(describeMiss({ ...el, element: 'NotPrincipal', reason: 'notPrincipalExcluded', pattern: undefined }), 'its `NotPrincipal` exempts this caller');
    assert.equal(describeMiss({ from: 0, to: 0, matched: false, operator: 'Null', key: 'aws:TokenIssueTime', reason: 'conditionNullNotMatched', requestValues: ['x'], policyValues: ['true'] }), 'the condition `Null` on `aws:TokenIssueTime` is not met');
  });
});
