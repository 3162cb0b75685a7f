/** Catalogue lint against the real catalogue: typos are caught, real actions pass. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPolicy, lintActions, servicesNamed } from '../../engine/index.ts';
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
