/**
 * Stage 4, evaluate: AWS's evaluation logic as decisions, and the trace
 * that explains them (deciding statements, closest statements and what they
 * lacked, the flowchart steps). AWS pages: IAM User Guide, Policy evaluation
 * logic; Cross-account policy evaluation logic; Permissions boundaries for
 * IAM entities; Policies and permissions in IAM (session policies); AWS
 * Organizations, SCP evaluation and RCP evaluation; AWS KMS, Key policies.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compiledPolicies, evaluate, prepare, evaluateCase, type EvaluationResult, type PoliciesInput, type PrincipalInput, type RequestInput } from '../../engine/index.ts';
import { caseFiles, loadCases } from '../../scripts/cases.ts';
import { OWN_CASES, SHARED_CASES } from '../../scripts/shared.ts';
import {
  run, decide, kindFor, policy, allow, deny, req, ALICE, ROOT, ROLE, SESSION, BUCKET, OBJECT, ACCOUNT, OTHER_ACCOUNT,
} from './helpers.ts';
import { policiesArb, principalArb, requestArb } from './arbitraries.ts';

const GET = req('s3:GetObject', OBJECT);
const allowAll = policy([allow('*')]);
const allowGet = policy([allow('s3:GetObject', `${BUCKET}/*`)]);
const denyGet = policy([{ Sid: 'NoReports', ...deny('s3:GetObject', `${BUCKET}/*`) }]);
/** A bucket policy naming `principal` (an `AWS` value, or "*"). */
const bucketPolicy = (principal: unknown, effect: 'Allow' | 'Deny' = 'Allow', action = 's3:GetObject') =>
  policy([{ Sid: 'Bucket', Effect: effect, Principal: principal === '*' ? '*' : { AWS: principal }, Action: action, Resource: `${BUCKET}/*` }]);
const rcpDeny = policy([{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' }]);
const steps = (r: EvaluationResult) => r.steps.map((s) => `${s.step}:${s.outcome}`);

describe('explicit deny wins, in every kind of policy', () => {
  const cases: [string, PoliciesInput, string][] = [
    ['identity', { identity: [allowAll, denyGet] }, 'identity[1]'],
    ['resource', { identity: [allowAll], resource: bucketPolicy(ALICE, 'Deny') }, 'resource'],
    ['permissions boundary', { identity: [allowAll], permissionsBoundary: policy([allow('*'), deny('s3:GetObject')]) }, 'permissionsBoundary'],
    ['session policy', { identity: [allowAll], session: [policy([allow('*'), deny('s3:*')])] }, 'session[0]'],
    ['SCP', { identity: [allowAll], scp: [[allowAll, policy([deny('s3:GetObject')])]] }, 'scp[0][1]'],
    ['RCP', { identity: [allowAll], rcp: [[rcpDeny]] }, 'rcp[0][0]'],
  ];
  for (const [name, policies, id] of cases) {
    test(`a Deny in the ${name} beats every Allow`, () => {
      const r = run(name === 'session policy' ? SESSION : ALICE, GET, { ...policies, resource: policies.resource ?? bucketPolicy(ALICE) });
      assert.equal(r.decision, 'ExplicitDeny');
      assert.equal(r.deniedAt, 'denyCheck');
      assert.deepEqual(r.deciding.map((d) => d.policyId), [id]);
      assert.deepEqual(steps(r), ['denyCheck:deny']);
    });
  }
  test('every applying Deny is listed as deciding', () => {
    const r = run(ALICE, GET, { identity: [denyGet, denyGet] });
    assert.deepEqual(r.deciding.map((d) => d.policyId), ['identity[0]', 'identity[1]']);
  });
  test('a Deny that does not apply does not deny', () => assert.equal(decide(ALICE, req('s3:PutObject', OBJECT), { identity: [allowAll, denyGet] }), 'Allow'));
  test('the root user is denied by an explicit Deny in a bucket policy', () => assert.equal(decide(ROOT, GET, { resource: bucketPolicy('*', 'Deny') }), 'ExplicitDeny'));
});

describe('SCPs', () => {
  test('every level must allow: the OU level lacks an Allow', () => {
    const r = run(ALICE, GET, { identity: [allowAll], scp: [[allowAll], [policy([allow('ec2:*')])], [allowAll]] });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.equal(r.deniedAt, 'scp');
    assert.deepEqual(r.steps.find((s) => s.step === 'scp'), { step: 'scp', outcome: 'implicitDeny', note: 'scpLevelNoAllow' });
    assert.deepEqual(r.closest.map((c) => c.ref.policyId), ['scp[1][0]']);
  });
  test('one policy at each level is enough', () => assert.equal(decide(ALICE, GET, { identity: [allowAll], scp: [[policy([allow('ec2:*')]), allowAll], [policy([allow('s3:*')])]] }), 'Allow'));
  test('an SCP grants nothing by itself', () => assert.equal(decide(ALICE, GET, { scp: [[allowAll]] }), 'ImplicitDeny'));
  test('an SCP with NotAction denies everything else', () => {
    const scp = [[allowAll, policy([{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }])]];
    assert.equal(decide(ALICE, GET, { identity: [allowAll], scp }), 'ExplicitDeny');
    assert.equal(decide(ALICE, req('iam:CreateUser'), { identity: [allowAll], scp }), 'Allow');
  });
  test('the management account (no scp) is not limited', () => {
    const r = run(ALICE, GET, { identity: [allowAll] });
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.steps.find((s) => s.step === 'scp'), { step: 'scp', outcome: 'skipped', note: 'noScp' });
  });
  test('the root user of a member account is limited by SCPs', () => assert.equal(decide(ROOT, GET, { scp: [[policy([allow('ec2:*')])]] }), 'ImplicitDeny'));
  test('a service principal is not subject to SCPs', () => {
    const r = run({ service: 'ec2.amazonaws.com' }, req('sts:AssumeRole', ROLE), {
      resource: policy([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
      scp: [[policy([allow('ec2:*')])]],
    });
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.steps.find((s) => s.step === 'scp'), { step: 'scp', outcome: 'skipped', note: 'scpNotForPrincipal' });
  });
  test('SCPs limit a grant from a resource-based policy too', () => assert.equal(decide(ALICE, GET, { resource: bucketPolicy(ALICE), scp: [[policy([allow('ec2:*')])]] }), 'ImplicitDeny'));
});

describe('the root user', () => {
  test('needs no identity policy in its own account', () => {
    const r = run(ROOT, GET, {});
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.steps.find((s) => s.step === 'identity'), { step: 'identity', outcome: 'allow', note: 'rootUser' });
  });
  test('is denied by a Deny in its identity-side policies (an SCP)', () => assert.equal(decide(ROOT, GET, { scp: [[allowAll, policy([deny('s3:*')])]] }), 'ExplicitDeny'));
  test('cannot reach another account without a resource-based policy', () => assert.equal(decide(ROOT, req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT), {}), 'ImplicitDeny'));
  test('cannot use a KMS key whose key policy does not allow it', () => assert.equal(decide(ROOT, req('kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1`), {}), 'ImplicitDeny'));
});

describe('RCPs', () => {
  test('an RCP Deny denies even the resource owner', () => assert.equal(decide(ALICE, GET, { identity: [allowAll], rcp: [[rcpDeny]] }), 'ExplicitDeny'));
  test('an RCP level with no policy but RCPFullAWSAccess lets the request through', () => {
    const r = run(ALICE, GET, { identity: [allowAll], rcp: [[], []] });
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.steps.find((s) => s.step === 'rcp'), { step: 'rcp', outcome: 'continue', note: 'rcpFullAccess' });
  });
  test('an RCP grants nothing by itself', () => assert.equal(decide(ALICE, GET, { rcp: [[]] }), 'ImplicitDeny'));
  test('an RCP with a condition denies only outside the organization', () => {
    const rcp = [[policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } } }])]];
    assert.equal(decide(ALICE, req('s3:GetObject', OBJECT, { 'aws:PrincipalOrgID': 'o-abc' }), { identity: [allowAll], rcp }), 'Allow');
    assert.equal(decide(ALICE, req('s3:GetObject', OBJECT, { 'aws:PrincipalOrgID': 'o-xyz' }), { identity: [allowAll], rcp }), 'ExplicitDeny');
  });
});

describe('permissions boundaries and session policies', () => {
  const boundaryEc2 = policy([allow('ec2:*')]);
  const sessionEc2 = [policy([allow('ec2:*')])];
  test('a boundary caps the identity policy', () => {
    const r = run(ALICE, GET, { identity: [allowAll], permissionsBoundary: boundaryEc2 });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.equal(r.deniedAt, 'boundary');
  });
  test('a boundary alone grants nothing', () => assert.equal(run(ALICE, GET, { permissionsBoundary: allowAll }).deniedAt, 'identity'));
  test('identity and boundary both allowing: Allow, with both as deciding', () => {
    const r = run(ALICE, GET, { identity: [allowGet], permissionsBoundary: allowAll });
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.deciding.map((d) => d.policyId), ['identity[0]', 'permissionsBoundary']);
  });
  test('a session policy caps the role', () => {
    const r = run(SESSION, GET, { identity: [allowAll], session: sessionEc2 });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.equal(r.deniedAt, 'session');
  });
  test('a bucket policy naming the user ARN is not limited by the boundary', () => assert.equal(decide(ALICE, GET, { resource: bucketPolicy(ALICE), permissionsBoundary: boundaryEc2 }), 'Allow'));
  test('a bucket policy naming the session ARN is limited by neither the boundary nor the session policy', () => {
    const r = run(SESSION, GET, { resource: bucketPolicy(SESSION), permissionsBoundary: boundaryEc2, session: sessionEc2 });
    assert.equal(r.decision, 'Allow');
    assert.deepEqual(r.steps.find((s) => s.step === 'resource'), { step: 'resource', outcome: 'allow', note: 'resourceGrantsPrincipal' });
  });
  test('a bucket policy naming the role ARN is limited by the boundary', () => assert.equal(decide(SESSION, GET, { resource: bucketPolicy(ROLE), permissionsBoundary: boundaryEc2 }), 'ImplicitDeny'));
  test('a bucket policy naming the role ARN is limited by the session policy', () => assert.equal(decide(SESSION, GET, { resource: bucketPolicy(ROLE), session: sessionEc2 }), 'ImplicitDeny'));
  test('a bucket policy naming the role ARN grants when boundary and session allow', () => {
    const r = run(SESSION, GET, { resource: bucketPolicy(ROLE), permissionsBoundary: allowAll, session: [allowAll] });
    assert.equal(r.decision, 'Allow');
    // The grant stands in for the identity side, and the request passes the boundary and the session policy.
    assert.deepEqual(r.steps.slice(-4).map((s) => `${s.step}:${s.outcome}:${s.note}`),
      ['resource:continue:resourceGrantsRole', 'identity:skipped:grantStandsForIdentity', 'boundary:continue:boundaryAllows', 'session:allow:sessionAllows']);
    assert.deepEqual(r.deciding.map((d) => d.policyId), ['resource', 'permissionsBoundary', 'session[0]']);
  });
  test('a bucket policy naming the account hands over to the identity side', () => {
    assert.equal(decide(ALICE, GET, { resource: bucketPolicy(ACCOUNT) }), 'ImplicitDeny');
    assert.equal(decide(ALICE, GET, { resource: bucketPolicy(ACCOUNT), identity: [allowGet] }), 'Allow');
  });
  test('a role with a path is matched by its full ARN', () => {
    const pathRole = `arn:aws:iam::${ACCOUNT}:role/team/app-role`;
    const who: PrincipalInput = { arn: SESSION, roleArn: pathRole };
    assert.equal(decide(who, GET, { resource: bucketPolicy(pathRole) }), 'Allow');
    assert.equal(decide(who, GET, { resource: bucketPolicy(ROLE) }), 'ImplicitDeny');
  });
});

describe('cross-account requests', () => {
  const theirs = req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT);
  test('both sides allowing: Allow', () => assert.equal(decide(ALICE, theirs, { identity: [allowGet], resource: bucketPolicy(ACCOUNT) }), 'Allow'));
  test('only the bucket policy: ImplicitDeny at identity', () => assert.equal(run(ALICE, theirs, { resource: bucketPolicy(ALICE) }).deniedAt, 'identity'));
  test('only the identity policy: ImplicitDeny at resource', () => {
    const r = run(ALICE, theirs, { identity: [allowGet] });
    assert.equal(r.deniedAt, 'resource');
    assert.equal(r.steps.find((s) => s.step === 'resource')?.note, 'crossAccountNoResourcePolicy');
  });
  test('the resource account comes from the ARN when it has one', () => assert.equal(run(ALICE, req('kms:Decrypt', `arn:aws:kms:eu-west-1:${OTHER_ACCOUNT}:key/1`), { identity: [allowAll] }).deniedAt, 'resource'));
  test('aws:ResourceAccount is derived', () => {
    const p = policy([allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': OTHER_ACCOUNT } } })]);
    assert.equal(decide(ALICE, theirs, { identity: [p], resource: bucketPolicy(ACCOUNT) }), 'Allow');
  });
});

describe('role trust policies', () => {
  const assume = req('sts:AssumeRole', ROLE);
  const trust = (principal: unknown) => policy([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);
  test('a trust policy naming the user lets it assume the role without an identity policy', () => assert.equal(decide(ALICE, assume, { resource: trust({ AWS: ALICE }) }), 'Allow'));
  test('a trust policy naming the account needs an identity policy too', () => {
    assert.equal(decide(ALICE, assume, { resource: trust({ AWS: ACCOUNT }) }), 'ImplicitDeny');
    assert.equal(decide(ALICE, assume, { resource: trust({ AWS: ACCOUNT }), identity: [policy([allow('sts:AssumeRole', ROLE)])] }), 'Allow');
  });
  test('an identity policy alone cannot assume a role', () => {
    const r = run(ALICE, assume, { identity: [allowAll] });
    assert.equal(r.deniedAt, 'resource');
    assert.equal(r.steps.find((s) => s.step === 'resource')?.note, 'noTrustPolicy');
  });
  test('a trust policy that names someone else', () => {
    const r = run(ALICE, assume, { identity: [allowAll], resource: trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }) });
    assert.equal(r.steps.find((s) => s.step === 'resource')?.note, 'trustDoesNotNameCaller');
  });
  test('a service assumes a role its trust policy names', () => assert.equal(decide({ service: 'lambda.amazonaws.com' }, assume, { resource: trust({ Service: 'lambda.amazonaws.com' }) }), 'Allow'));
  test('a service not named cannot', () => assert.equal(decide({ service: 'ec2.amazonaws.com' }, assume, { resource: trust({ Service: 'lambda.amazonaws.com' }) }), 'ImplicitDeny'));
  test('across accounts: the trust policy names the account and the identity policy allows', () => {
    const theirRole = req('sts:AssumeRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/app-role`);
    assert.equal(decide(ALICE, theirRole, { resource: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), identity: [allowAll] }), 'Allow');
    assert.equal(decide(ALICE, theirRole, { resource: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }), 'ImplicitDeny');
  });
});

describe('KMS key policies', () => {
  const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd`;
  const decrypt = req('kms:Decrypt', key);
  const keyPolicy = (principal: string) => policy([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:*', Resource: '*' }]);
  test('a key policy naming the account plus an identity Allow: Allow', () => assert.equal(decide(ALICE, decrypt, { resource: keyPolicy(`arn:aws:iam::${ACCOUNT}:root`), identity: [allowAll] }), 'Allow'));
  test('a key policy naming the account alone: ImplicitDeny', () => assert.equal(decide(ALICE, decrypt, { resource: keyPolicy(`arn:aws:iam::${ACCOUNT}:root`) }), 'ImplicitDeny'));
  test('an identity Allow without a key policy: ImplicitDeny at the resource step', () => {
    const r = run(ALICE, decrypt, { identity: [allowAll] });
    assert.equal(r.deniedAt, 'resource');
    assert.equal(r.steps.find((s) => s.step === 'resource')?.note, 'noKeyPolicy');
  });
  test('a key policy naming the user grants by itself', () => assert.equal(decide(ALICE, decrypt, { resource: keyPolicy(ALICE) }), 'Allow'));
  test('a key policy naming someone else: keyPolicyNoGrant', () => {
    const r = run(ALICE, decrypt, { resource: keyPolicy(`arn:aws:iam::${ACCOUNT}:user/bob`), identity: [allowAll] });
    assert.equal(r.steps.find((s) => s.step === 'resource')?.note, 'keyPolicyNoGrant');
  });
});

describe('anonymous callers and NotPrincipal', () => {
  test('an anonymous caller is allowed by Principal "*"', () => assert.equal(decide({ anonymous: true }, GET, { resource: bucketPolicy('*') }), 'Allow'));
  test('an anonymous caller is denied without "*"', () => {
    const r = run({ anonymous: true }, GET, { resource: bucketPolicy(ACCOUNT), identity: [allowAll] });
    assert.equal(r.decision, 'ImplicitDeny');
    assert.equal(r.deniedAt, 'resource');
  });
  const np = (list: string[]) => policy([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }, { Effect: 'Deny', NotPrincipal: { AWS: list }, Action: 's3:*', Resource: `${BUCKET}/*` }]);
  test('NotPrincipal with Deny spares the listed user (with its account listed)', () => assert.equal(decide(ALICE, GET, { resource: np([ALICE, ACCOUNT]) }), 'Allow'));
  test('NotPrincipal with Deny denies everyone else', () => assert.equal(decide(`arn:aws:iam::${ACCOUNT}:user/bob`, GET, { resource: np([ALICE, ACCOUNT]) }), 'ExplicitDeny'));
  test('NotPrincipal with Deny denies an anonymous caller', () => assert.equal(decide({ anonymous: true }, GET, { resource: np([ALICE, ACCOUNT]) }), 'ExplicitDeny'));
  test('NotPrincipal with Deny always denies a principal that has a boundary', () => assert.equal(decide(ALICE, GET, { resource: np([ALICE, ACCOUNT]), permissionsBoundary: allowAll }), 'ExplicitDeny'));
  // NotPrincipal: AWS "might validate the account first, then the role, and then the assumed-role user";
  // "Principals must always name a specific session".
  test('a session is spared only when the session, its role and its account are all listed', () => {
    assert.equal(decide(SESSION, GET, { resource: np([SESSION, ROLE, ACCOUNT]) }), 'Allow');
    assert.equal(decide(SESSION, GET, { resource: np([ROLE, ACCOUNT]) }), 'ExplicitDeny');
    assert.equal(decide(SESSION, GET, { resource: np([SESSION, ACCOUNT]) }), 'ExplicitDeny');
    assert.equal(decide(SESSION, GET, { resource: np([SESSION, ROLE]) }), 'ExplicitDeny');
  });
  test('listing one session of a role does not spare its other sessions', () => {
    const other = SESSION.replace(/[^/]+$/, 'other-session');
    assert.equal(decide(other, GET, { resource: np([SESSION, ROLE, ACCOUNT]) }), 'ExplicitDeny');
  });
});

describe('policy variables in a Resource ARN', () => {
  // Policy variables: "You can't use a variable to replace parts of the ARN before the fifth colon, such as the service or account."
  const param = (account: string, rest: string) => `arn:aws:ssm:us-east-1:${account}:parameter/${rest}`;
  test('before the fifth colon a variable is plain text, and matches only itself', () => {
    const p = policy([allow('ssm:GetParameter', param('${aws:PrincipalAccount}', 'app/*'))]);
    assert.equal(run(ALICE, req('ssm:GetParameter', param(ACCOUNT, 'app/db')), { identity: [p] }).decision, 'ImplicitDeny');
    assert.equal(run(ALICE, req('ssm:GetParameter', param('${aws:PrincipalAccount}', 'app/db')), { identity: [p] }).decision, 'Allow');
  });
  test('after the fifth colon the same ARN still replaces its variables', () => {
    const p = policy([allow('ssm:GetParameter', param('${aws:PrincipalAccount}', '${aws:username}/*'))]);
    assert.equal(run(ALICE, req('ssm:GetParameter', param('${aws:PrincipalAccount}', 'alice/db')), { identity: [p] }).decision, 'Allow');
    assert.equal(run(ALICE, req('ssm:GetParameter', param('${aws:PrincipalAccount}', 'bob/db')), { identity: [p] }).decision, 'ImplicitDeny');
  });
});

describe('NotAction and NotResource', () => {
  test('Allow with NotResource allows everything but the excluded resource', () => {
    const p = policy([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/secret/*` }]);
    assert.equal(decide(ALICE, GET, { identity: [p] }), 'Allow');
    assert.equal(decide(ALICE, req('s3:GetObject', `${BUCKET}/secret/k`), { identity: [p] }), 'ImplicitDeny');
  });
  test('Allow with NotAction allows every other action', () => {
    const p = policy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]);
    assert.equal(decide(ALICE, GET, { identity: [p] }), 'Allow');
    assert.equal(decide(ALICE, req('iam:CreateUser'), { identity: [p] }), 'ImplicitDeny');
  });
});

describe('the trace', () => {
  const text = policy([{ Sid: 'ReadObjects', ...allow(['s3:ListBucket', 's3:GetObject'], `${BUCKET}/*`) }, allow('ec2:*')]);
  test('a deciding statement carries its policy, index, Sid and range', () => {
    const r = run(ALICE, GET, { identity: [allowAll, text] });
    const ref = r.deciding.find((d) => d.policyId === 'identity[1]');
    assert.ok(ref);
    assert.deepEqual([ref.slot, ref.index, ref.sid, ref.effect], ['identity', 0, 'ReadObjects', 'Allow']);
    assert.match(text.slice(ref.from, ref.to), /^\{\s+"Sid": "ReadObjects"[\s\S]*\}$/);
  });
  test('a deciding Deny carries its range too', () => {
    const r = run(ALICE, GET, { identity: [allowAll, denyGet] });
    assert.equal(denyGet.slice(r.deciding[0].from, r.deciding[0].to).includes('"Sid": "NoReports"'), true);
  });
  test('s3:ListBucket on bucket/* lacks the bucket ARN: the Resource is what is missing', () => {
    const r = run(ALICE, req('s3:ListBucket', BUCKET), { identity: [text] });
    assert.equal(r.decision, 'ImplicitDeny');
    const [first] = r.closest;
    assert.equal(first.ref.sid, 'ReadObjects');
    assert.deepEqual(first.missing.map((m) => ('element' in m ? m.element : m.key)), ['Resource']);
    assert.equal(text.slice(first.missing[0].from, first.missing[0].to), `"${BUCKET}/*"`);
  });
  test('a missing condition key is named in closest', () => {
    const p = policy([allow('s3:GetObject', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })]);
    const miss = run(ALICE, GET, { identity: [p] }).closest[0].missing[0];
    assert.ok(!('element' in miss));
    assert.deepEqual([miss.key, miss.reason, miss.requestValues], ['aws:MultiFactorAuthPresent', 'conditionKeyMissing', undefined]);
  });
  test('a condition value mismatch records both sides', () => {
    const p = policy([allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } })]);
    const miss = run({ arn: ALICE, tags: { team: 'red' } }, GET, { identity: [p] }).closest[0].missing[0];
    assert.ok(!('element' in miss));
    assert.deepEqual([miss.reason, miss.requestValues, miss.policyValues], ['conditionNotMatched', ['red'], ['alice']]);
  });
  test('the closest statements come first: a wrong resource beats a wrong action', () => {
    const r = run(ALICE, req('s3:ListBucket', BUCKET), { identity: [policy([allow('ec2:*'), allow('s3:ListBucket', `${BUCKET}/*`)])] });
    assert.deepEqual(r.closest.map((c) => c.ref.index), [1, 0]);
  });
  test('the trace records every statement of every policy', () => {
    const r = run(ALICE, GET, { identity: [text], permissionsBoundary: allowAll });
    assert.deepEqual(r.policies.map((p) => [p.policyId, p.statements.length, p.allows, p.denies]), [['identity[0]', 2, true, false], ['permissionsBoundary', 1, true, false]]);
    const el = r.policies[0].statements[0].elements;
    assert.deepEqual(el.map((e) => [e.element, e.reason, e.pattern]), [['Action', 'actionMatched', 's3:GetObject'], ['Resource', 'resourceMatched', `${BUCKET}/*`]]);
  });
  test('a resource policy statement records how it named the caller', () => {
    const r = run(SESSION, GET, { resource: bucketPolicy(ROLE) });
    assert.equal(r.policies[0].statements[0].principalMatch, 'role');
  });
});

describe('flowchart steps for each kind of outcome', () => {
  const cases: [string, string | PrincipalInput, RequestInput, PoliciesInput, string | null, string[]][] = [
    ['explicit deny', ALICE, GET, { identity: [denyGet] }, 'denyCheck', ['denyCheck:deny']],
    ['SCP', ALICE, GET, { identity: [allowAll], scp: [[policy([allow('ec2:*')])]] }, 'scp', ['denyCheck:continue', 'rcp:skipped', 'scp:implicitDeny']],
    ['resource (cross-account)', ALICE, req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT), { identity: [allowAll] }, 'resource', ['denyCheck:continue', 'rcp:skipped', 'scp:skipped', 'resource:implicitDeny']],
    ['identity', ALICE, GET, {}, 'identity', ['denyCheck:continue', 'rcp:skipped', 'scp:skipped', 'resource:skipped', 'identity:implicitDeny']],
    ['boundary', ALICE, GET, { identity: [allowAll], permissionsBoundary: policy([allow('ec2:*')]) }, 'boundary', ['denyCheck:continue', 'rcp:skipped', 'scp:skipped', 'resource:skipped', 'identity:continue', 'boundary:implicitDeny']],
    ['session', SESSION, GET, { identity: [allowAll], session: [policy([allow('ec2:*')])] }, 'session', ['denyCheck:continue', 'rcp:skipped', 'scp:skipped', 'resource:skipped', 'identity:continue', 'boundary:skipped', 'session:implicitDeny']],
    ['allow by identity', ALICE, GET, { identity: [allowAll] }, null, ['denyCheck:continue', 'rcp:skipped', 'scp:skipped', 'resource:skipped', 'identity:allow', 'boundary:skipped', 'session:skipped']],
    ['allow through all', SESSION, GET, { identity: [allowAll], permissionsBoundary: allowAll, session: [allowAll], scp: [[allowAll]], rcp: [[]] }, null, ['denyCheck:continue', 'rcp:continue', 'scp:continue', 'resource:skipped', 'identity:continue', 'boundary:continue', 'session:allow']],
    ['allow by a resource policy', ALICE, GET, { resource: bucketPolicy(ALICE) }, null, ['denyCheck:continue', 'rcp:skipped', 'scp:skipped', 'resource:allow']],
  ];
  for (const [name, who, request, policies, deniedAt, want] of cases) {
    test(name, () => {
      const r = run(who, request, policies);
      assert.equal(r.deniedAt, deniedAt);
      assert.deepEqual(steps(r), want);
      assert.equal(r.decision === 'Allow', deniedAt === null);
    });
  }
});

describe('trace: false decides the same as trace: true', () => {
  const key = (r: EvaluationResult) => ({ decision: r.decision, deciding: r.deciding, deniedAt: r.deniedAt, steps: r.steps });
  const dirs = [SHARED_CASES, OWN_CASES];
  test('on every conformance case', () => {
    let n = 0;
    for (const dir of dirs) {
      for (const file of caseFiles(dir)) {
        for (const { case: c } of loadCases(file)) {
          const a = evaluateCase(c, { trace: true });
          const b = evaluateCase(c, { trace: false });
          if (a.kind !== 'decision' || b.kind !== 'decision') { assert.equal(a.kind, b.kind); continue; }
          assert.deepEqual(key(b.result), key(a.result), c.id);
          assert.deepEqual([b.result.policies, b.result.closest], [[], []]);
          n++;
        }
      }
    }
    assert.ok(n > 50);
  });
  test('on random requests and policies', () => {
    fc.assert(fc.property(principalArb, requestArb, policiesArb(), (who, request, policies) => {
      const prepared = prepare(policies, kindFor(request));
      fc.pre(prepared.errors.length === 0);
      assert.deepEqual(key(evaluate(who, request, prepared, { trace: false })), key(evaluate(who, request, prepared, { trace: true })));
    }), { numRuns: 300 });
  });
});

test('compiledPolicies lists every prepared policy once, in the engine\'s order', () => {
  const p = prepare({
    identity: [allowAll, allowGet], resource: bucketPolicy('*'), permissionsBoundary: allowAll, session: [allowAll],
    scp: [[allowAll], [allowAll, allowAll]], rcp: [[rcpDeny]],
  });
  assert.deepEqual(compiledPolicies(p).map((c) => c.id), [
    'identity[0]', 'identity[1]', 'resource', 'permissionsBoundary', 'session[0]', 'scp[0][0]', 'scp[1][0]', 'scp[1][1]', 'rcp[0][0]',
  ]);
});
