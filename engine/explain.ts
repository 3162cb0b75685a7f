/**
 * Stage 5: trace -> plain English. The site shows these sentences; the
 * trace stays the data. Each reason code of types.ts has one wording here.
 */
import type { ConditionTrace, ElementTrace, EvaluationResult, FlowStepId, StatementRef } from './types.ts';
import { nullWantsAbsent, parseOperator } from './operators/index.ts';

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

/** What the resource slot holds, in words (EvaluationResult.resourcePolicy). */
const RESOURCE_POLICY_NAMES = { trust: 'role\'s trust policy', key: 'key policy', resource: 'resource-based policy' } as const;

/**
 * Names a statement for a reader: `statement "DenyLogs" (#2) of identity-based policy 1`.
 * `resourcePolicy` names the resource slot's policy as what it is for the request.
 */
export function describeStatement(ref: StatementRef, resourcePolicy: keyof typeof RESOURCE_POLICY_NAMES = 'resource'): string {
  const m = /\[(\d+)\](?:\[(\d+)\])?$/.exec(ref.policyId);
  let where = ref.slot === 'resource' ? RESOURCE_POLICY_NAMES[resourcePolicy] : POLICY_NAMES[ref.slot] ?? ref.slot;
  if (m && m[2] !== undefined) {
    const level = Number(m[1]);
    where = `${where} ${Number(m[2]) + 1} ${level === 0 ? 'at the organization root' : `at level ${level + 1} from the organization root`}`;
  }
  else if (m) where = `${where} ${Number(m[1]) + 1}`;
  // A Sid of digits alone would read like a position: name it as a Sid.
  const name = ref.sid ? (/^\d+$/.test(ref.sid) ? `the statement with Sid \`${ref.sid}\`` : `statement \`${ref.sid}\``) : `statement ${ref.index + 1}`;
  return `${name} of the ${where}`;
}

/**
 * What a condition asks of the request's value, in words: "wants `a`, `b`",
 * "wants a value other than `a`", "wants a number of at most `10`", ...
 */
function wants(operator: string, values: string[]): string {
  const list = values.map((v) => `\`${v}\``).join(', ');
  // The operator as the engine read it (names ignore case): its canonical name and whether it is negated.
  const parsed = parseOperator(operator);
  const op = parsed !== null && parsed.op !== 'Null' ? parsed.op : null;
  if (op === null) return `wants ${list}`;
  const either = values.length > 1 ? 'any of ' : '';
  const family = op.name.startsWith('Numeric') ? 'Numeric' : op.name.startsWith('Date') ? 'Date' : null;
  if (family !== null) {
    const what = family === 'Numeric' ? 'a number' : 'a time';
    const rel = op.name.slice(family.length);
    const phrase: Record<string, string> = family === 'Numeric'
      ? { Equals: 'equal to', LessThan: 'below', LessThanEquals: 'at most', GreaterThan: 'above', GreaterThanEquals: 'at least' }
      : { Equals: 'at', LessThan: 'before', LessThanEquals: 'at or before', GreaterThan: 'after', GreaterThanEquals: 'at or after' };
    if (op.negated) return `wants ${what} that is ${values.length > 1 ? 'none of' : 'not'} ${list}`;
    return `wants ${what} ${phrase[rel] ?? 'compared with'} ${either}${list}`;
  }
  if (op.negated) return `wants a value that is ${values.length > 1 ? 'none of' : 'not'} ${list}`;
  // The set operators compare every request value, or at least one, with the list.
  if (parsed?.set === 'ForAllValues') return `wants every value to be one of ${list}`;
  if (parsed?.set === 'ForAnyValue') return `wants at least one value among ${list}`;
  return `wants ${list}`;
}

/** A request value as code; an empty string shows as `""`. */
function shown(v: unknown): string {
  const text = String(v);
  return text === '' ? '`""` (empty)' : `\`${text}\``;
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
    case 'conditionNullNotMatched': {
      if (parseOperator(m.operator)?.set === 'ForAnyValue') return `the condition \`${m.operator}\` on ${key} is never met: \`Null\` with \`ForAnyValue\` always returns false`;
      const absent = nullWantsAbsent(m.policyValues);
      return `the condition \`Null\` on ${key} is not met: the policy wants the key ${absent ? 'absent (or empty)' : 'present, with a value'}`;
    }
    case 'conditionEmptyValue': return `the condition \`${m.operator}\` on ${key} is not met: the request's value is empty, a null dataset, in which \`ForAnyValue\` finds nothing`;
    case 'conditionValueUnresolved': return `the condition on ${key} compares with a policy variable that has no single value here (its key is absent or multivalued, and there is no default)`;
    default: {
      const got = m.requestValues ? m.requestValues.map(shown).join(', ') : 'nothing';
      return `the condition \`${m.operator}\` on ${key} is not met (the request has ${got}; the policy ${wants(m.operator, m.policyValues)})`;
    }
  }
}

const DENIED_AT: Record<FlowStepId, string> = {
  denyCheck: 'An explicit Deny applies.',
  rcp: 'A resource control policy does not allow the request.',
  scp: 'A level of service control policies (from the organization root down to the account) has no Allow for this request: SCPs set the ceiling, and every level must allow.',
  resource: 'The {policy} does not grant this caller the request, and here it must.',
  identity: 'No identity-based policy allows the request, so it is implicitly denied.',
  boundary: 'The permissions boundary does not allow the request: a boundary caps what identity-based policies grant.',
  session: 'The session policy does not allow the request: a session can do only what both the identity that created it (its role, or the IAM user of a federated session) and its session policy allow.',
};

const NOTES: Record<string, string> = {
  noIdentityPolicy: 'There is no identity-based policy at all, and everything not allowed is denied.',
  noGrantForCallerWithoutPolicies: 'This caller (an AWS service, or an anonymous or unidentified caller) has no identity-based policies, so only a resource-based policy can allow it, and this one does not.',
  noResourcePolicyForCallerWithoutPolicies: 'This caller (an AWS service, or an anonymous or unidentified caller) has no identity-based policies, so only a resource-based policy can allow it, and this resource has none.',
  boundaryLimitsGrant: 'The {policy} grants this to the caller\'s role, which needs no identity-based policy, but a grant to a role is still limited by its permissions boundary, and the boundary does not allow the request.',
  sessionLimitsGrant: 'The {policy} grants this to the caller\'s role, which needs no identity-based policy, but a grant to a role is still limited by the session policy, and the session policy does not allow the request.',
  boundaryLimitsTrust: 'The role\'s trust policy names the caller, so no identity-based policy is needed, but the caller\'s permissions boundary must still allow the call, and it does not.',
  sessionLimitsTrust: 'The role\'s trust policy names the caller, so no identity-based policy is needed, but the caller\'s session policy must still allow the call, and it does not.',
  federatedNoSessionPolicy: 'This federated user session was created without a session policy, so it has no permissions of its own: within its account, only a resource-based policy that names its ARN could grant it anything.',
  resourceGrantsPrincipal: 'Within one account, the {policy} grants the request to this caller itself (by its own ARN, or to everyone with `*`): no identity-based policy is needed, and neither a permissions boundary nor a session policy limits such a grant.',
  resourceGrantsRole: 'Within one account, the {policy} grants the request to the caller\'s role, so no identity-based policy is needed; such a grant is still limited by the role\'s permissions boundary and the session policy, where there are any.',
  resourceGrantsService: 'The {policy} grants the request to this AWS service.',
  resourceGrantsAnyone: 'The {policy} grants the request to everyone (`"Principal": "*"`), anonymous callers included.',
  crossAccountResourceAllows: 'The resource belongs to another account, whose {policy} allows the request; the caller\'s own account must allow it too.',
  resourceGrantsAccount: 'The {policy} names the account, which hands the decision to the account\'s identity-based policies.',
  chainedSourceIdentity: 'The trust policy allows setting a source identity; in role chaining the calling role\'s permissions policy must allow `sts:SetSourceIdentity` too.',
  rootUser: 'The caller is the root user, which needs no identity-based policy in its own account (in a member account of an organization, SCPs still limit it).',
  trustGrantsCaller: 'The role\'s trust policy names this caller (by its ARN, a role session by its role\'s ARN, or everyone with `*`), so no identity-based policy is needed for this call on the role; a permissions boundary or session policy, where the caller has one, must still allow it.',
  callerIdentityNeedsNoPermission: '`sts:GetCallerIdentity` needs no permission: AWS answers it for any signed-in caller, even one that a policy explicitly denies, because an access-denied error would reveal the same details.',
  sessionTokenNeedsNoPermission: '`sts:GetSessionToken` needs no permission: it only authenticates an IAM user or the root user (often with MFA), and AWS does not let policies control authentication, so no policy, SCP or boundary is consulted, not even a Deny.',
  federatedCannotCallIamOrSts: 'A federated user session (from `GetFederationToken`) cannot call IAM operations, nor AWS STS operations other than `GetCallerIdentity`, whatever the policies say.',
  roleSessionCannotGetToken: 'A role session cannot call `GetFederationToken` or `GetSessionToken`, whatever the policies say: only an IAM user or the root user can.',
  anonymousCannotAssumeRole: 'An anonymous caller cannot assume a role with `AssumeRole`, even when the trust policy names everyone: AWS STS takes that call only from an IAM user or a role session, with signed credentials.',
  kmsOperationNotCrossAccount: 'This AWS KMS operation does not work on a key in another account, whatever the key policy and IAM policies say: across accounts KMS allows only the cryptographic operations, `DescribeKey`, `GetPublicKey`, `GetKeyRotationStatus` and the grant operations.',
  rootCannotAssumeRole: 'The root user cannot assume a role (nor, with it, tag the session or set a source identity): AWS STS accepts `AssumeRole` only from IAM users and from roles\' sessions.',
  trustDoesNotNameCaller: 'The role\'s trust policy must allow the caller: for a call on a role (`sts:AssumeRole`, `sts:TagSession` and the like) an identity-based policy is never enough on its own.',
  noTrustPolicy: 'A call on a role (`sts:AssumeRole`, `sts:TagSession` and the like) needs the role\'s trust policy to allow the caller.',
  noKeyPolicy: 'A KMS key can be used only when its key policy allows it, root user included; there is no key policy here.',
  keyPolicyNoGrant: 'The KMS key policy does not allow this request, for this caller or for its account, and without that no IAM policy can grant access to the key: even the root user needs the key policy.',
  crossAccountNoResourcePolicy: 'The resource is in another account: that account must allow the caller in a resource-based policy.',
  crossAccountNoGrant: 'The resource is in another account, and the {policy} there does not allow this caller.',
  // Steps passed by without applying: worth saying when a policy that would have denied did not count.
  scpNotForServiceLinkedRole: 'The SCPs do not apply: they do not affect service-linked roles.',
  scpNotForPrincipal: 'The SCPs do not apply: they limit the principals of member accounts, not AWS services or anonymous callers.',
  rcpServiceNotSupported: 'The RCPs do not apply: this service does not support resource control policies.',
  rcpNotForServiceLinkedRole: 'The RCPs do not apply: they do not restrict calls made by service-linked roles.',
  rcpNotForServiceLinkedRoleTrust: 'The RCPs do not apply: they do not restrict an AWS service assuming a service-linked role (its trust policy).',
  rcpNotForRetireGrant: 'The RCPs do not apply: they do not restrict `kms:RetireGrant`.',
  notSessionPrincipal: 'The session policy does not apply: only role sessions and federated users have one.',
};

/** Notes of skipped steps that an Allow should still mention. */
const SKIPPED_WORTH_SAYING: ReadonlySet<string> = new Set(['scpNotForServiceLinkedRole', 'scpNotForPrincipal', 'rcpServiceNotSupported', 'rcpNotForServiceLinkedRole', 'rcpNotForServiceLinkedRoleTrust', 'rcpNotForRetireGrant', 'notSessionPrincipal']);

/** What a deny at the identity step owes to a step passed before it (a grant that could not stand alone, a policy that grants nothing). */
const BEFORE_IDENTITY_DENY: Record<string, string> = {
  crossAccountResourceAllows: 'The {policy} of the resource\'s account allows the caller, but across accounts the caller\'s own account must allow the request too, in an identity-based policy.',
  resourceGrantsAccount: 'The {policy} names the caller\'s account, which leaves the decision to the account\'s identity-based policies.',
  chainedSourceIdentity: 'The trust policy allows setting a source identity, but in role chaining the calling role\'s permissions policy must allow `sts:SetSourceIdentity` as well.',
  resourceNoGrant: 'The {policy} grants nothing for this request, so an identity-based policy would have to allow it.',
};

/**
 * Why a deciding Deny applied, when the trace says more than "it matched":
 * a condition met only because its key is absent.
 */
function denyDetail(result: EvaluationResult, ref: StatementRef): string {
  const trace = result.policies.find((p) => p.policyId === ref.policyId)?.statements.find((s) => s.ref.index === ref.index);
  if (!trace) return '';
  if (trace.elements.some((e) => e.reason === 'notPrincipalBoundary')) {
    return ': its `NotPrincipal` lists the caller, but a Deny with `NotPrincipal` denies every principal that has a permissions boundary, and this caller has one';
  }
  const absent = trace.conditions.filter((c) => c.reason === 'conditionKeyMissingIfExists' || c.reason === 'conditionForAllValuesEmpty'
    || (c.reason === 'conditionMatched' && c.requestValues === undefined));
  if (absent.length === 0) return '';
  const keys = absent.map((c) => `\`${c.key}\``).join(', ');
  const someEmpty = absent.some((c) => c.requestValues !== undefined);
  return `: the request has ${someEmpty ? 'an empty value or none for' : 'no'} ${keys}, and ${absent.length > 1 ? 'these conditions count' : `\`${absent[0].operator}\` counts`} ${someEmpty ? 'that' : 'a missing key'} as a match`;
}

/** A sentence with `{policy}` naming the resource slot's policy as what it is for this request (a trust or key policy). */
function named(text: string, resourcePolicy: EvaluationResult['resourcePolicy']): string {
  return text.replaceAll('{policy}', RESOURCE_POLICY_NAMES[resourcePolicy]);
}

/** Explains a result in plain English. */
export function explain(result: EvaluationResult): Explanation {
  const sentences: string[] = [];
  let headline: string;
  if (result.decision === 'ExplicitDeny') {
    headline = 'Explicitly denied';
    for (const ref of result.deciding) sentences.push(`Denied by ${describeStatement(ref, result.resourcePolicy)}${denyDetail(result, ref)}.`);
    sentences.push('An explicit Deny overrides every Allow.');
  } else if (result.decision === 'Allow') {
    headline = 'Allowed';
    for (const s of result.steps) {
      if (NOTES[s.note] && (s.outcome !== 'skipped' || SKIPPED_WORTH_SAYING.has(s.note))) sentences.push(named(NOTES[s.note], result.resourcePolicy));
    }
    for (const ref of result.deciding) {
      if (ref.slot === 'permissionsBoundary') sentences.push(`It is within the permissions boundary (${describeStatement(ref, result.resourcePolicy)}), which sets a limit and grants nothing by itself.`);
      else if (ref.slot === 'session') sentences.push(`It is within the session policy (${describeStatement(ref, result.resourcePolicy)}), which limits the session and grants nothing by itself.`);
      else sentences.push(`Allowed by ${describeStatement(ref, result.resourcePolicy)}.`);
    }
    if (result.steps.some((s) => s.step === 'scp' && s.outcome !== 'skipped')) sentences.push('Every level of SCPs allows it too; SCPs set a limit and grant nothing by themselves.');
  } else {
    headline = 'Implicitly denied';
    const step = result.deniedAt ?? 'identity';
    const note = result.steps.find((s) => s.step === step)?.note ?? '';
    if (step === 'identity') {
      for (const s of result.steps) if (BEFORE_IDENTITY_DENY[s.note]) sentences.push(named(BEFORE_IDENTITY_DENY[s.note], result.resourcePolicy));
    }
    sentences.push(named(NOTES[note] ?? DENIED_AT[step], result.resourcePolicy));
    if (step === 'identity') {
      // Policies that passed the request on but grant nothing themselves.
      if (result.steps.some((s) => s.step === 'scp' && s.outcome === 'continue')) sentences.push('The SCPs let the request through, but SCPs only set a limit: they grant nothing by themselves.');
      if (result.policies.some((p) => p.slot === 'permissionsBoundary' && p.allows)) sentences.push('The permissions boundary would allow it, but a boundary only sets a limit: it grants nothing by itself.');
    }
    for (const miss of result.closest) {
      const lacks = miss.missing.map(describeMiss);
      sentences.push(`Closest: ${describeStatement(miss.ref, result.resourcePolicy)}, but ${lacks.join('; ')}.`);
    }
  }
  return { headline, sentences };
}
