/**
 * Stage 4: (request, policies in force) -> decision and trace, following
 * AWS's documented evaluation logic:
 *
 * 1. An explicit Deny in any policy that applies to the request wins
 *    (except on sts:GetCallerIdentity and, for users, sts:GetSessionToken,
 *    which need no permission); then the
 *    fixed restrictions of temporary credentials (a federated user cannot
 *    call IAM or STS, a role session cannot get a federation or session token).
 * 2. RCPs of the resource's account (member accounts only, and only for the
 *    services that support RCPs): every level must allow; RCPFullAWSAccess,
 *    which AWS attaches to every level, does.
 * 3. SCPs of the principal's account (member accounts only): every level,
 *    from the organization root down to the account, must allow. They bind
 *    the root user of a member account too, never a service principal nor a
 *    session of a service-linked role.
 * 4. A resource-based policy. Within one account, a statement naming the
 *    caller's user or session ARN grants on its own (not limited by a
 *    boundary or a session policy); one naming the role ARN grants but is
 *    limited by the boundary and the session policy, and so is any grant in
 *    a role trust policy; one naming the account delegates to the identity
 *    side. Across accounts, both sides must allow. A role trust policy
 *    (sts:AssumeRole*) and a KMS key policy must always allow: an
 *    identity-based policy alone is never enough. The root user cannot call
 *    sts:AssumeRole at all.
 * 5. Identity-based policies (the root user is allowed everything here).
 * 6. The permissions boundary, 7. the session policies: each must allow too.
 * Anything not allowed is an implicit deny.
 */
import type {
  Decision, EvaluationResult, FlowStep, NearMiss, PolicyTrace, PrincipalInput, RequestInput, StatementRef,
  StatementTrace, CaseInput, CaseOutcome, FlowStepId, PrincipalMatchKind,
} from './types.ts';
import { type CompiledPolicy, refOf } from './compile.ts';
import { type PreparedPolicies, prepare } from './check.ts';
import { isTrustRequest } from './requests.ts';
import { type RequestState, evaluateStatement, statementApplies } from './statement.ts';
import { type Caller, toCaller, buildContext, resourceAccountOf } from './context.ts';
import { arnSegments } from './arn.ts';
import { RCP_SERVICES } from './organizations.ts';

/**
 * What one policy says about the request: its applying Allow and Deny
 * statements, how each Allow named the caller (in a resource-based policy),
 * and, when recording, the full trace.
 */
interface Verdict {
  policyId: string;
  allows: StatementRef[];
  denies: StatementRef[];
  grantKinds: (PrincipalMatchKind | undefined)[];
  trace: PolicyTrace | null;
}

/**
 * The AWS KMS operations that work on a key in another account (AWS KMS Developer Guide: Allowing users
 * in other accounts to use a KMS key, "Cross-account permission is effective only for the following
 * operations"; the permissions table's "Cross-account use" column). Any other permission given to a
 * principal of another account "has no effect".
 */
const KMS_CROSS_ACCOUNT: ReadonlySet<string> = new Set([
  'kms:creategrant', 'kms:decrypt', 'kms:derivesharedsecret', 'kms:describekey', 'kms:encrypt', 'kms:generatedatakey',
  'kms:generatedatakeypair', 'kms:generatedatakeypairwithoutplaintext', 'kms:generatedatakeywithoutplaintext', 'kms:generatemac',
  'kms:getkeyrotationstatus', 'kms:getpublickey', 'kms:listgrants', 'kms:reencryptfrom', 'kms:reencryptto', 'kms:retiregrant',
  'kms:revokegrant', 'kms:sign', 'kms:verify', 'kms:verifymac',
]);

/** Whether a request is a call on a service-linked role (`sts:AssumeRole*` and the like), whose role path is `/aws-service-role/`. */
function assumesServiceLinkedRole(actionLower: string, segs: string[] | null): boolean {
  return actionLower.startsWith('sts:') && segs !== null && segs[2] === 'iam' && segs[5].startsWith('role/aws-service-role/');
}

/**
 * The note of a call that needs no permission from any policy, or null:
 * - sts:GetCallerIdentity, for any signed-in caller: "If an administrator attaches a policy to your
 *   identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform
 *   this operation" (AWS STS API Reference: GetCallerIdentity; IAM User Guide: Compare AWS STS credentials);
 * - sts:GetSessionToken, for the IAM users and root users that may call it: "No permissions are required
 *   for a user to get a session token ... You cannot use policies to control authentication operations"
 *   (IAM User Guide: Permissions for GetSessionToken; AWS STS API Reference: GetSessionToken).
 */
function needsNoPermission(actionLower: string, kind: Caller['kind'], principalless: boolean): string | null {
  if (actionLower === 'sts:getcalleridentity' && !principalless) return 'callerIdentityNeedsNoPermission';
  if (actionLower === 'sts:getsessiontoken' && (kind === 'user' || kind === 'root')) return 'sessionTokenNeedsNoPermission';
  return null;
}

function judge(p: CompiledPolicy, req: RequestState, record: boolean): Verdict {
  const v: Verdict = { policyId: p.id, allows: [], denies: [], grantKinds: [], trace: null };
  if (record) {
    const statements: StatementTrace[] = [];
    for (const cs of p.statements) {
      const t = evaluateStatement(cs, req);
      statements.push(t);
      if (!t.applies) continue;
      if (t.ref.effect === 'Deny') v.denies.push(t.ref);
      else { v.allows.push(t.ref); v.grantKinds.push(t.principalMatch); }
    }
    v.trace = { policyId: p.id, slot: p.slot, statements, allows: v.allows.length > 0, denies: v.denies.length > 0 };
    return v;
  }
  for (const cs of p.statements) {
    const k = statementApplies(cs, req);
    if (k === null) continue;
    if (cs.st.effect === 'Deny') v.denies.push(refOf(cs));
    else { v.allows.push(refOf(cs)); v.grantKinds.push(k === 'none' ? undefined : k); }
  }
  return v;
}

const allowsOf = (vs: Verdict[]): StatementRef[] => vs.flatMap((v) => v.allows);
const tracesOf = (vs: (Verdict | null)[]): PolicyTrace[] => vs.flatMap((v) => (v?.trace ? [v.trace] : []));

/** The Allow statements of some policies that came closest to applying. */
function nearMisses(traces: PolicyTrace[]): NearMiss[] {
  const scored: { miss: NearMiss; score: number }[] = [];
  for (const t of traces) {
    for (const s of t.statements) {
      if (s.ref.effect !== 'Allow' || s.applies) continue;
      const missing = [...s.elements.filter((e) => !e.matched), ...s.conditions.filter((c) => !c.matched)];
      // An unmatched action weighs most: a statement about other actions is hardly "close".
      const score = missing.reduce((n, m) => n + ('element' in m && (m.element === 'Action' || m.element === 'NotAction') ? 3 : 1), 0);
      scored.push({ miss: { ref: s.ref, missing }, score });
    }
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, 3).map((s) => s.miss);
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /**
   * Record the trace of every statement (default true). Without it the
   * result has the decision, the deciding statements and the flowchart
   * steps, but no `policies` traces and no `closest` statements: what a grid
   * of many rows needs, at a fraction of the cost.
   */
  trace?: boolean;
}

/** Evaluates one request against prepared policies. Never throws on valid input. */
export function evaluate(principal: PrincipalInput, request: RequestInput, prepared: PreparedPolicies, options: EvaluateOptions = {}): EvaluationResult {
  const record = options.trace !== false;
  const caller = toCaller(principal);
  // The resource ARN is split once for the whole request: [arn, partition, service, region, account, resource].
  const segs = arnSegments(request.resource);
  const resourceAccount = resourceAccountOf(request, segs, caller);
  const ctx = buildContext(principal, caller, request, resourceAccount);
  const req: RequestState = {
    caller,
    actionLower: request.action.toLowerCase(),
    resource: request.resource,
    resourceSegs: segs,
    ctx,
    hasBoundary: prepared.boundary !== null,
  };
  const isRoot = caller.kind === 'root';
  const isPrincipalless = caller.kind === 'service' || caller.kind === 'anonymous' || caller.kind === 'unknown';

  // Judge every policy that applies to this request.
  // RCPs bind service principals too (AWS's own RCP examples exempt them with
  // aws:PrincipalIsAWSService), but only the actions of the services that support RCPs.
  // They do not apply to calls made by service-linked roles, to an AWS service assuming a service-linked
  // role ("the service-linked role's trust policy is also not impacted by RCPs"), nor to kms:RetireGrant
  // (AWS Organizations User Guide: Resource control policies, "Resources and entities not restricted by RCPs").
  const rcpExempt = prepared.rcp === null ? null
    : caller.serviceLinked ? 'rcpNotForServiceLinkedRole'
    : assumesServiceLinkedRole(req.actionLower, segs) ? 'rcpNotForServiceLinkedRoleTrust'
    : req.actionLower === 'kms:retiregrant' ? 'rcpNotForRetireGrant'
    : null;
  const rcpApplies = prepared.rcp !== null && rcpExempt === null && RCP_SERVICES.has(req.actionLower.slice(0, req.actionLower.indexOf(':')));
  // SCPs "do not affect any service-linked role" (AWS Organizations User Guide: Service control policies).
  const scpApplies = prepared.scp !== null && !isPrincipalless && !caller.serviceLinked;
  const rcpV = rcpApplies ? (prepared.rcp ?? []).map((level) => level.map((p) => judge(p, req, record))) : [];
  const scpV = scpApplies ? (prepared.scp ?? []).map((level) => level.map((p) => judge(p, req, record))) : [];
  const resourceV = prepared.resource ? judge(prepared.resource, req, record) : null;
  const identityV = isPrincipalless ? [] : prepared.identity.map((p) => judge(p, req, record));
  const boundaryV = prepared.boundary && !isPrincipalless && !isRoot ? judge(prepared.boundary, req, record) : null;
  // Session policies exist only for session principals (role sessions and federated users):
  // for any other caller AWS's flowchart passes the session step without them.
  const isSession = caller.kind === 'session' || caller.kind === 'federated';
  const sessionV = isSession ? prepared.session.map((p) => judge(p, req, record)) : [];
  const everyV: Verdict[] = [...rcpV.flat(), ...scpV.flat(), ...(resourceV ? [resourceV] : []), ...identityV, ...(boundaryV ? [boundaryV] : []), ...sessionV];
  const all: PolicyTrace[] = tracesOf(everyV);
  const near = (vs: (Verdict | null)[]): NearMiss[] => (record ? nearMisses(tracesOf(vs)) : []);

  const steps: FlowStep[] = [];
  /** On an Allow that falls through: the last step that let the request through is where it was allowed. */
  const markAllow = (): void => {
    for (let i = steps.length - 1; i >= 0; i--) {
      if (steps[i].outcome === 'continue') { steps[i] = { ...steps[i], outcome: 'allow' }; break; }
    }
  };
  const isTrust = (prepared.resource !== null && prepared.resourceKind === 'trust')
    || (isTrustRequest(request.action, request.resource) && segs !== null && segs[2] === 'iam' && segs[5].startsWith('role/'));
  const isKmsKey = segs !== null && segs[2] === 'kms' && segs[5].startsWith('key/');
  const resourcePolicy = isTrust ? 'trust' : isKmsKey ? 'key' : 'resource';
  const result = (decision: Decision, deniedAt: FlowStepId | null, deciding: StatementRef[], closest: NearMiss[] = []): EvaluationResult =>
    ({ decision, deciding, closest, deniedAt, steps, policies: all, resourcePolicy });

  // Calls that need no permission, so no policy is consulted, not even a Deny.
  const noPermission = needsNoPermission(req.actionLower, caller.kind, isPrincipalless);
  if (noPermission !== null) {
    steps.push({ step: 'denyCheck', outcome: 'allow', note: noPermission });
    return result('Allow', null, []);
  }

  // 1. Explicit deny anywhere.
  const denies: StatementRef[] = everyV.flatMap((v) => v.denies);
  if (denies.length) {
    steps.push({ step: 'denyCheck', outcome: 'deny', note: 'explicitDeny' });
    return result('ExplicitDeny', 'denyCheck', denies);
  }
  steps.push({ step: 'denyCheck', outcome: 'continue', note: 'noExplicitDeny' });

  // What temporary credentials cannot do, whatever the policies say (IAM User Guide: Compare AWS STS
  // credentials, "Restrictions on resulting temporary credentials"): a federated user session from
  // GetFederationToken "Cannot call IAM operations using the AWS CLI or AWS API. Cannot call AWS STS
  // operations except GetCallerIdentity"; a role session "Cannot call GetFederationToken or GetSessionToken".
  if (caller.kind === 'federated' && (req.actionLower.startsWith('iam:') || req.actionLower.startsWith('sts:'))) {
    steps.push({ step: 'session', outcome: 'implicitDeny', note: 'federatedCannotCallIamOrSts' });
    return result('ImplicitDeny', 'session', []);
  }
  if (caller.kind === 'session' && (req.actionLower === 'sts:getfederationtoken' || req.actionLower === 'sts:getsessiontoken')) {
    steps.push({ step: 'session', outcome: 'implicitDeny', note: 'roleSessionCannotGetToken' });
    return result('ImplicitDeny', 'session', []);
  }

  // 2. RCPs: RCPFullAWSAccess stands at every level, so with no Deny they pass.
  steps.push(rcpApplies
    ? { step: 'rcp', outcome: 'continue', note: 'rcpFullAccess' }
    : { step: 'rcp', outcome: 'skipped', note: !prepared.rcp ? 'noRcp' : rcpExempt ?? 'rcpServiceNotSupported' });

  // 3. SCPs: every level must allow.
  if (scpApplies) {
    for (const level of scpV) {
      if (!level.some((v) => v.allows.length > 0)) {
        steps.push({ step: 'scp', outcome: 'implicitDeny', note: 'scpLevelNoAllow' });
        return result('ImplicitDeny', 'scp', [], near(level));
      }
    }
    steps.push({ step: 'scp', outcome: 'continue', note: 'scpAllows' });
  } else {
    steps.push({ step: 'scp', outcome: 'skipped', note: !prepared.scp ? 'noScp' : caller.serviceLinked ? 'scpNotForServiceLinkedRole' : 'scpNotForPrincipal' });
  }

  // The identity side: identity policies, then boundary and session policies.
  const identityAllows = isRoot || identityV.some((v) => v.allows.length > 0);
  const boundaryAllows = !boundaryV || boundaryV.allows.length > 0;
  const sessionAllows = sessionV.length === 0 || sessionV.some((v) => v.allows.length > 0);

  // 4. The resource-based policy.
  const crossAccount = !isPrincipalless && caller.account !== resourceAccount;
  const rbpRequired = isTrust || isKmsKey || crossAccount || isPrincipalless;

  const grants = { direct: [] as StatementRef[], role: [] as StatementRef[], account: [] as StatementRef[] };
  if (resourceV) {
    resourceV.allows.forEach((ref, i) => {
      const k = resourceV.grantKinds[i];
      if (k === 'role') grants.role.push(ref);
      else if (k === 'account') grants.account.push(ref);
      else grants.direct.push(ref);
    });
  }
  const anyGrant = grants.direct.length + grants.role.length + grants.account.length > 0;
  const identityAllowRefs = (): StatementRef[] => [...allowsOf(identityV), ...(boundaryV ? boundaryV.allows : []), ...allowsOf(sessionV)];

  // The root user cannot assume a role: AWS STS takes AssumeRole only from "IAM user or IAM role with
  // existing temporary security credentials" (IAM User Guide: Compare AWS STS credentials, "Who can call").
  // Nor can an anonymous caller: AssumeRole needs a signed request (AssumeRoleWithWebIdentity and
  // AssumeRoleWithSAML are the unsigned ones).
  // For the root user this holds for every call a trust policy judges (sts:TagSession and the like come
  // only with an AssumeRole* call).
  if ((isRoot && isTrust) || (caller.kind === 'anonymous' && req.actionLower === 'sts:assumerole')) {
    steps.push({ step: 'resource', outcome: 'implicitDeny', note: isRoot ? 'rootCannotAssumeRole' : 'anonymousCannotAssumeRole' });
    return result('ImplicitDeny', 'resource', []);
  }
  // A KMS key in another account can be used only for the operations AWS KMS lets cross accounts.
  if (isKmsKey && crossAccount && !KMS_CROSS_ACCOUNT.has(req.actionLower)) {
    steps.push({ step: 'resource', outcome: 'implicitDeny', note: 'kmsOperationNotCrossAccount' });
    return result('ImplicitDeny', 'resource', []);
  }
  // Within one account a resource-based grant to the caller's own ARN (user, session, federated user) or
  // to everyone stands on its own: "not limited by an implicit deny in an identity-based policy, a
  // permissions boundary, or session policy" (Policy evaluation for requests within a single account).
  // A grant to the session's role, and any grant in a role trust policy, stands in for the identity
  // side but is limited by the boundary and the session policies: for the role ARN as that page says;
  // for a trust policy, "If a permissions boundary is set for the user, then it must allow the
  // sts:AssumeRole action" (Update a role trust policy, Notes).
  // In role chaining, sts:SetSourceIdentity must be allowed "in both the permissions policy of the principal
  // who is assuming the role and in the role trust policy of the target role" (IAM User Guide: Monitor and
  // control actions taken with assumed roles): there the trust policy cannot stand in for the identity side.
  const chainedSourceIdentity = isTrust && caller.kind === 'session' && req.actionLower === 'sts:setsourceidentity';
  if (!crossAccount && !isPrincipalless && !chainedSourceIdentity) {
    const limited = isTrust ? [...grants.direct, ...grants.role] : grants.role;
    if (!isTrust && grants.direct.length > 0) {
      steps.push({ step: 'resource', outcome: 'allow', note: 'resourceGrantsPrincipal' });
      return result('Allow', null, grants.direct);
    }
    if (limited.length > 0) {
      steps.push({ step: 'resource', outcome: 'continue', note: isTrust ? 'trustGrantsCaller' : 'resourceGrantsRole' });
      steps.push({ step: 'identity', outcome: 'skipped', note: 'grantStandsForIdentity' });
      if (!boundaryAllows) {
        steps.push({ step: 'boundary', outcome: 'implicitDeny', note: isTrust ? 'boundaryLimitsTrust' : 'boundaryLimitsGrant' });
        return result('ImplicitDeny', 'boundary', [], near([boundaryV]));
      }
      steps.push(boundaryV ? { step: 'boundary', outcome: 'continue', note: 'boundaryAllows' } : { step: 'boundary', outcome: 'skipped', note: 'noBoundary' });
      // A federated user session made without a session policy has no permissions (GetFederationToken).
      const federatedBare = caller.kind === 'federated' && sessionV.length === 0;
      if (!sessionAllows || federatedBare) {
        steps.push({ step: 'session', outcome: 'implicitDeny', note: federatedBare ? 'federatedNoSessionPolicy' : isTrust ? 'sessionLimitsTrust' : 'sessionLimitsGrant' });
        return result('ImplicitDeny', 'session', [], near(sessionV));
      }
      steps.push(sessionV.length ? { step: 'session', outcome: 'continue', note: 'sessionAllows' } : { step: 'session', outcome: 'skipped', note: 'noSessionPolicy' });
      markAllow();
      return result('Allow', null, [...limited, ...(boundaryV ? boundaryV.allows : []), ...allowsOf(sessionV)]);
    }
  }
  if (isPrincipalless) {
    if (grants.direct.length) {
      steps.push({ step: 'resource', outcome: 'allow', note: caller.kind === 'service' ? 'resourceGrantsService' : 'resourceGrantsAnyone' });
      return result('Allow', null, grants.direct);
    }
    // A service or an anonymous caller has no identity-based policies: only a resource-based policy can allow it.
    steps.push({ step: 'resource', outcome: 'implicitDeny', note: prepared.resource ? 'noGrantForCallerWithoutPolicies' : 'noResourcePolicyForCallerWithoutPolicies' });
    return result('ImplicitDeny', 'resource', [], near([resourceV]));
  }
  if (rbpRequired && !anyGrant) {
    const note = !prepared.resource ? (isTrust ? 'noTrustPolicy' : isKmsKey ? 'noKeyPolicy' : 'crossAccountNoResourcePolicy')
      : isTrust ? 'trustDoesNotNameCaller' : isKmsKey ? 'keyPolicyNoGrant' : 'crossAccountNoGrant';
    steps.push({ step: 'resource', outcome: 'implicitDeny', note });
    return result('ImplicitDeny', 'resource', [], near([resourceV]));
  }
  steps.push(anyGrant
    ? { step: 'resource', outcome: 'continue', note: crossAccount ? 'crossAccountResourceAllows' : chainedSourceIdentity ? 'chainedSourceIdentity' : 'resourceGrantsAccount' }
    : { step: 'resource', outcome: prepared.resource ? 'continue' : 'skipped', note: prepared.resource ? 'resourceNoGrant' : 'noResourcePolicy' });

  // 5-7. The identity side must allow.
  if (!identityAllows) {
    steps.push({ step: 'identity', outcome: 'implicitDeny', note: identityV.length ? 'identityNoAllow' : 'noIdentityPolicy' });
    // Within one account a grant in the resource-based policy would have done as well: its near misses count too.
    return result('ImplicitDeny', 'identity', [], near(!crossAccount && resourceV ? [...identityV, resourceV] : identityV));
  }
  steps.push({ step: 'identity', outcome: 'continue', note: isRoot ? 'rootUser' : 'identityAllows' });
  if (boundaryV) {
    if (!boundaryAllows) {
      steps.push({ step: 'boundary', outcome: 'implicitDeny', note: 'boundaryNoAllow' });
      return result('ImplicitDeny', 'boundary', [], near([boundaryV]));
    }
    steps.push({ step: 'boundary', outcome: 'continue', note: 'boundaryAllows' });
  } else steps.push({ step: 'boundary', outcome: 'skipped', note: isRoot ? 'rootHasNoBoundary' : 'noBoundary' });
  if (sessionV.length) {
    if (!sessionAllows) {
      steps.push({ step: 'session', outcome: 'implicitDeny', note: 'sessionNoAllow' });
      return result('ImplicitDeny', 'session', [], near(sessionV));
    }
    steps.push({ step: 'session', outcome: 'continue', note: 'sessionAllows' });
  } else if (caller.kind === 'federated') {
    // GetFederationToken: "if you do not pass a policy, then the resulting federated user session
    // has no permissions", except what a resource-based policy grants its ARN (decided above).
    steps.push({ step: 'session', outcome: 'implicitDeny', note: 'federatedNoSessionPolicy' });
    return result('ImplicitDeny', 'session', []);
  } else steps.push({ step: 'session', outcome: 'skipped', note: prepared.session.length && !isSession ? 'notSessionPrincipal' : 'noSessionPolicy' });

  markAllow();
  const deciding = [...identityAllowRefs(), ...(rbpRequired ? [...grants.direct, ...grants.role, ...grants.account] : [])];
  return result('Allow', null, deciding);
}

/** Evaluates a FORMAT.md case from scratch: check, compile, decide. */
export function evaluateCase(c: CaseInput, options: EvaluateOptions = {}): CaseOutcome {
  const kind = isTrustRequest(c.request.action, c.request.resource) ? 'trust' : 'resource';
  const prepared = prepare(c.policies ?? {}, kind);
  if (prepared.errors.length) {
    const first = prepared.errors[0];
    return { kind: 'invalid', policyId: first.policyId, diagnostics: first.diagnostics };
  }
  return { kind: 'decision', result: evaluate(c.principal, c.request, prepared, options) };
}
