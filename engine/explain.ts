/**
 * Stage 5: trace -> plain English. The site shows these sentences; the
 * trace stays the data. Each reason code of types.ts has one wording here.
 */
import type { ConditionTrace, ElementTrace, EvaluationResult, FlowStepId, StatementRef } from './types.ts';

/** Words for a decision and its reasons. */
export interface Explanation {
  headline: string;
  sentences: string[];
}

/** The names of the flowchart steps, as the site labels them. */
export const STEP_LABELS: Record<FlowStepId, string> = {
  denyCheck: 'Explicit deny in any policy?',
  rcp: 'Resource control policies (RCPs)',
  scp: 'Service control policies (SCPs)',
  resource: 'Resource-based policy',
  identity: 'Identity-based policies',
  boundary: 'Permissions boundary',
  session: 'Session policies',
};

const POLICY_NAMES: Record<string, string> = {
  identity: 'identity-based policy', resource: 'resource-based policy', permissionsBoundary: 'permissions boundary',
  session: 'session policy', scp: 'SCP', rcp: 'RCP',
};

/** Names a statement for a reader: `statement "DenyLogs" (#2) of identity-based policy 1`. */
export function describeStatement(ref: StatementRef): string {
  const m = /\[(\d+)\](?:\[(\d+)\])?$/.exec(ref.policyId);
  let where = POLICY_NAMES[ref.slot] ?? ref.slot;
  if (m && m[2] !== undefined) where = `${where} ${Number(m[2]) + 1} at level ${Number(m[1]) + 1}`;
  else if (m) where = `${where} ${Number(m[1]) + 1}`;
  const name = ref.sid ? `statement \`${ref.sid}\`` : `statement ${ref.index + 1}`;
  return `${name} of the ${where}`;
}

/** Says what one failed test lacked. */
export function describeMiss(m: ElementTrace | ConditionTrace): string {
  if ('element' in m) {
    switch (m.reason) {
      case 'actionNotMatched': return 'its `Action` does not cover this action';
      case 'notActionExcluded': return `its \`NotAction\` excludes this action (\`${m.pattern}\`)`;
      case 'resourceNotMatched': return 'its `Resource` does not cover this resource';
      case 'resourceVariableUnresolved': return 'its `Resource` uses a policy variable that has no value in this request, so it matches nothing';
      case 'notResourceExcluded': return `its \`NotResource\` excludes this resource (\`${m.pattern}\`)`;
      case 'principalNotMatched': return 'its `Principal` does not name this caller';
      case 'notPrincipalExcluded': return 'its `NotPrincipal` exempts this caller';
      default: return `its \`${m.element}\` does not match`;
    }
  }
  const key = `\`${m.key}\``;
  switch (m.reason) {
    case 'conditionKeyMissing': return `the condition \`${m.operator}\` needs ${key}, which this request does not have`;
    case 'conditionNullNotMatched': return `the condition \`Null\` on ${key} is not met`;
    case 'conditionValueUnresolved': return `the condition on ${key} compares with a policy variable that has no value here`;
    default: {
      const got = m.requestValues ? m.requestValues.map((v) => `\`${String(v)}\``).join(', ') : 'nothing';
      return `the condition \`${m.operator}\` on ${key} is not met (the request has ${got}; the policy wants ${m.policyValues.map((v) => `\`${v}\``).join(', ')})`;
    }
  }
}

const DENIED_AT: Record<FlowStepId, string> = {
  denyCheck: 'An explicit Deny applies.',
  rcp: 'A resource control policy does not allow the request.',
  scp: 'A level of service control policies (from the organization root down to the account) has no Allow for this request: SCPs set the ceiling, and every level must allow.',
  resource: 'The resource-based policy does not grant this caller the request, and here it must.',
  identity: 'No identity-based policy allows the request, so it is implicitly denied.',
  boundary: 'The permissions boundary does not allow the request: a boundary caps what identity-based policies grant.',
  session: 'The session policy does not allow the request: a session can do only what both its role and its session policy allow.',
};

const NOTES: Record<string, string> = {
  noIdentityPolicy: 'There is no identity-based policy at all, and everything not allowed is denied.',
  federatedNoSessionPolicy: 'This federated user session was created without a session policy, so it has no permissions: only a resource-based policy that names its ARN could grant it anything.',
  resourceGrantsPrincipal: 'Within one account, the resource-based policy grants the request to this caller directly; no identity-based policy is needed.',
  resourceGrantsRole: 'Within one account, the resource-based policy grants the request to the role, and neither the boundary nor a session policy removes it.',
  resourceGrantsService: 'The resource-based policy grants the request to this AWS service.',
  resourceGrantsAnyone: 'The resource-based policy grants the request to everyone (`"Principal": "*"`), anonymous callers included.',
  crossAccountResourceAllows: 'The resource belongs to another account, whose resource-based policy allows the request; the caller\'s own account must allow it too.',
  resourceGrantsAccount: 'The resource-based policy names the account, which hands the decision to the account\'s identity-based policies.',
  rootUser: 'The caller is the root user, which needs no identity-based policy: it holds every permission in its own account.',
  trustGrantsCaller: 'The role\'s trust policy names the caller, so no identity-based policy is needed to assume the role; the caller\'s permissions boundary and session policy must still allow it.',
  rootCannotAssumeRole: 'The root user cannot assume a role: AWS STS accepts `AssumeRole` only from IAM users and from roles\' sessions.',
  trustDoesNotNameCaller: 'A role trust policy must allow the caller; an identity-based policy alone cannot let anyone assume a role.',
  noTrustPolicy: 'Assuming a role needs its trust policy to allow the caller.',
  noKeyPolicy: 'A KMS key can be used only when its key policy allows it, root user included; there is no key policy here.',
  keyPolicyNoGrant: 'The KMS key policy does not allow this caller (or its account), so IAM policies cannot grant access to the key.',
  crossAccountNoResourcePolicy: 'The resource is in another account: that account must allow the caller in a resource-based policy.',
  crossAccountNoGrant: 'The resource is in another account, and its resource-based policy does not allow this caller.',
};

/** Explains a result in plain English. */
export function explain(result: EvaluationResult): Explanation {
  const sentences: string[] = [];
  let headline: string;
  if (result.decision === 'ExplicitDeny') {
    headline = 'Explicitly denied';
    for (const ref of result.deciding) sentences.push(`Denied by ${describeStatement(ref)}. An explicit Deny overrides every Allow.`);
  } else if (result.decision === 'Allow') {
    headline = 'Allowed';
    for (const s of result.steps) if (NOTES[s.note] && s.outcome !== 'skipped') sentences.push(NOTES[s.note]);
    for (const ref of result.deciding) sentences.push(`Allowed by ${describeStatement(ref)}.`);
    if (result.steps.some((s) => s.step === 'scp' && s.outcome !== 'skipped')) sentences.push('Every level of SCPs allows it too.');
  } else {
    headline = 'Implicitly denied';
    const step = result.deniedAt ?? 'identity';
    const note = result.steps.find((s) => s.step === step)?.note ?? '';
    sentences.push(NOTES[note] ?? DENIED_AT[step]);
    for (const miss of result.closest) {
      const lacks = miss.missing.map(describeMiss);
      sentences.push(`Closest: ${describeStatement(miss.ref)}, but ${lacks.join('; ')}.`);
    }
  }
  return { headline, sentences };
}
