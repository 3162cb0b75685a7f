/** Catalogue lint against the real catalogue: typos are caught, real actions pass. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicy, lintActions, lintConditionKeys, servicesNamed } from '../../engine/index.ts';
import { loadCatalogue } from '../../scripts/catalogue.ts';

const catalogue = loadCatalogue();

function lint(actions: string[]) {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
  const { policy } = checkPolicy(text, 'identity');
  assert.ok(policy);
  return { text, diags: lintActions(policy, catalogue) };
}

test('real actions and matching wildcards give no warning', () => {
  assert.deepEqual(lint(['s3:GetObject', 's3:Get*', 'iam:*AccessKey*', 'ec2:Describe*', 'sts:AssumeRole']).diags, []);
});

test('a misspelt action is flagged on its own text, with a suggestion', () => {
  const { text, diags } = lint(['s3:GetObject', 's3:GetObjcet']);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'action.unknown');
  assert.equal(text.slice(diags[0].from, diags[0].to), '"s3:GetObjcet"');
  assert.equal(diags[0].hint, 'did you mean `s3:GetObject`?');
});

test('an unknown service prefix is flagged with the closest prefix', () => {
  const { diags } = lint(['s4:GetObject']);
  assert.equal(diags[0].code, 'action.unknownService');
  assert.match(diags[0].hint ?? '', /`s3:GetObject`/);
});

test('a wildcard that matches no action of the service is flagged', () => {
  const { diags } = lint(['s3:Fly*']);
  assert.equal(diags[0].message, '`s3:Fly*` matches no s3 action');
});

test('servicesNamed lists the prefixes to load', () => {
  const { policy } = checkPolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["S3:Get*","ec2:RunInstances"],"Resource":"*"}}', 'identity');
  assert.deepEqual(servicesNamed(policy!).sort(), ['ec2', 's3']);
});

/** Lints the condition keys of a one-statement policy given as text. */
function lintKeys(condition: Record<string, Record<string, string>>) {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] });
  const { policy } = checkPolicy(text, 'identity');
  assert.ok(policy);
  return { text, diags: lintConditionKeys(policy, catalogue) };
}

test('documented global condition keys pass, in any case, tag keys included', () => {
  assert.deepEqual(lintKeys({
    Bool: { 'aws:SecureTransport': 'true', 'aws:MultiFactorAuthPresent': 'true' },
    StringEquals: { 'AWS:username': 'alice', 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/cost center': 'x', 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'home/' },
    IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
    'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' },
  }).diags, []);
});

test('a mistyped global key is flagged on its key and value, with the key it likely meant', () => {
  const { text, diags } = lintKeys({ Bool: { 'aws:SecureTransports': 'false' } });
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'condition.unknownKey');
  assert.equal(diags[0].severity, 'warning');
  assert.equal(text.slice(diags[0].from, diags[0].to), '"aws:SecureTransports":"false"');
  assert.equal(diags[0].message, '`aws:SecureTransports` is not a global condition key AWS documents, so no request carries it and the condition reads it as missing');
  assert.equal(diags[0].hint, 'did you mean `aws:SecureTransport`?');
  assert.equal(diags[0].path, 'Statement[0].Condition.Bool.aws:SecureTransports');
});

test('a tag key under a mistyped prefix keeps its tag key in the suggestion; a tag prefix with no tag key is flagged', () => {
  const { diags } = lintKeys({ StringEquals: { 'aws:PrincipalTags/team': 'blue', 'aws:ResourceTag/': 'x' } });
  assert.deepEqual(diags.map((d) => [d.code, d.hint]), [
    ['condition.unknownKey', 'did you mean `aws:PrincipalTag/team`?'],
    ['condition.unknownKey', 'write the tag key after the `/`, as in `aws:ResourceTag/team`'],
  ]);
});

test('without the global keys loaded, condition keys are not checked', () => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransports': 'true' } } }] });
  const { policy } = checkPolicy(text, 'identity');
  assert.ok(policy);
  assert.deepEqual(lintConditionKeys(policy, { prefixes: catalogue.prefixes, actionsOf: () => undefined }), []);
});

test('keys of services pass when the Service Authorization Reference lists them, placeholders included', () => {
  assert.deepEqual(lintKeys({
    StringEquals: {
      's3:prefix': 'home/', 'S3:x-amz-acl': 'private', 's3:ExistingObjectTag/team': 'blue', 'ec2:ResourceTag/team': 'blue', 'ec2:CreateAction': 'RunInstances',
      'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b', 'sts:ExternalId': 'x', 'iam:PassedToService': 'ec2.amazonaws.com',
      // Federation keys belong to no service of the catalogue and are not checked.
      'saml:aud': 'https://signin.aws.amazon.com/saml', 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
    },
  }).diags, []);
});

test('a key a service does not have is flagged, with its closest key of that service', () => {
  const { diags } = lintKeys({ StringLike: { 's3:prefx': 'home/*' }, StringEquals: { 'ec2:ResourceTags/team': 'blue' } });
  assert.deepEqual(diags.map((d) => [d.message, d.hint]), [
    ['`s3:prefx` is not a condition key of s3 in the Service Authorization Reference, so no request carries it and the condition reads it as missing', 'did you mean `s3:prefix`?'],
    ['`ec2:ResourceTags/team` is not a condition key of ec2 in the Service Authorization Reference, so no request carries it and the condition reads it as missing', 'did you mean `ec2:ResourceTag/team`?'],
  ]);
});

test('servicesNamed also lists the services of condition keys, so that their keys load', () => {
  const { policy } = checkPolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com","aws:SourceIp":"10.0.0.1"}}}}', 'identity');
  assert.ok(policy);
  assert.deepEqual(servicesNamed(policy), ['s3', 'kms']);
});
