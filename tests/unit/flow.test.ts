/**
 * The flowchart beside the grid is drawn from flowPath, and its accessible
 * description from describePath: a screen reader must hear the path the
 * drawing shows. These run real engine results through both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePath, flowPath } from '../../site/scripts/workbench/flow.ts';
import { ALICE, BUCKET, OBJECT, OTHER_ACCOUNT, allow, deny, policy, req, run } from './helpers.ts';

const readObject = req('s3:GetObject', OBJECT);

test('an Allow from identity policies falls through to the final Allow, not an exit of the identity step', () => {
  const path = flowPath(run(ALICE, readObject, { identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))] }).steps);
  assert.equal(path.nodes.identity.state, 'passed');
  assert.equal(path.endAllow, true);
  const words = describePath(path);
  assert.match(words, /the identity-based policies: passed/);
  assert.match(words, /every step passed: Allow\.$/);
  assert.doesNotMatch(words, /allow here/);
});

test('an Allow that ends at the boundary is drawn and described as passing it', () => {
  const result = run(ALICE, readObject, {
    identity: [policy(allow('s3:GetObject', `${BUCKET}/*`))],
    permissionsBoundary: policy(allow('s3:*')),
  });
  const path = flowPath(result.steps);
  assert.equal(path.nodes.boundary.state, 'passed');
  assert.equal(path.endAllow, true);
  assert.match(describePath(path), /the permissions boundary: passed; the session policy: none apply, skipped; every step passed: Allow\.$/);
});

test('a same-account resource-based grant takes the resource step\'s own exit to Allow', () => {
  const result = run(ALICE, readObject, {
    resource: policy(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: ALICE } })),
  });
  const path = flowPath(result.steps);
  assert.deepEqual(path.nodes.resource, { state: 'decided', outcome: 'allow' });
  assert.equal(path.endAllow, false);
  assert.equal(path.nodes.identity.state, 'unreached');
  assert.match(describePath(path), /the resource-based policy: allow here\.$/);
});

test('denials take their step\'s exit and never reach the final Allow', () => {
  const explicit = flowPath(run(ALICE, readObject, {
    identity: [policy([allow('s3:*'), deny('s3:GetObject')])],
  }).steps);
  assert.deepEqual(explicit.nodes.denyCheck, { state: 'decided', outcome: 'deny' });
  assert.equal(explicit.endAllow, false);
  assert.match(describePath(explicit), /^the explicit deny check: explicit deny here\.$/);

  const crossAccount = flowPath(run(ALICE, req('s3:GetObject', OBJECT, undefined, OTHER_ACCOUNT), {
    identity: [policy(allow('s3:GetObject'))],
  }).steps);
  assert.deepEqual(crossAccount.nodes.resource, { state: 'decided', outcome: 'implicitDeny' });
  assert.equal(crossAccount.endAllow, false);
  assert.doesNotMatch(describePath(crossAccount), /Allow/);
});

test('GetCallerIdentity, which needs no permission, is described without claiming every step passed', () => {
  const path = flowPath(run(ALICE, req('sts:GetCallerIdentity'), { identity: [policy(deny('*'))] }).steps);
  assert.equal(path.endAllow, true);
  assert.equal(path.nodes.identity.state, 'unreached');
  assert.match(describePath(path), /^the explicit deny check: passed; the other steps do not apply: Allow\.$/);
});
