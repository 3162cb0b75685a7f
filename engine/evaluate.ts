/**
 * Stage 4: (request, policies in force) -> decision and trace, following
 * AWS's documented evaluation logic:
 *
 * 1. An explicit Deny in any policy that applies to the request wins.
 * 2. RCPs of the resource's account (member accounts only): every level must
 *    allow; RCPFullAWSAccess, which AWS attaches to every level, does.
 * 3. SCPs of the principal's account (member accounts only): every level,
 *    from the organization root down to the account, must allow. They bind
 *    the root user of a member account too, never a service principal.
 * 4. A resource-based policy. Within one account, a statement naming the
 *    caller's user or session ARN grants on its own (not limited by a
 *    boundary or a session policy); one naming the role ARN grants but is
 *    limited by the boundary and the session policy; one naming the account
 *    delegates to the identity side. Across accounts, both sides must allow.
 *    A role trust policy (sts:AssumeRole*) and a KMS key policy must always
 *    allow: an identity-based policy alone is never enough.
 * 5. Identity-based policies (the root user is allowed everything here).
 * 6. The permissions boundary, 7. the session policies: each must allow too.
 * Anything not allowed is an implicit deny.
 */
import type {
  Decision, EvaluationResult, FlowStep, NearMiss, PolicyTrace, PrincipalInput, RequestInput, StatementRef,
  StatementTrace, CaseInput, CaseOutcome, FlowStepId,
} from './types.ts';
import type { CompiledPolicy } from './compile.ts';
import { type PreparedPolicies, prepare, isAssumeRoleAction } from './check.ts';
import { type RequestState, evaluateStatement } from './statement.ts';
import { toCaller, buildContext, resourceAccountOf } from './context.ts';
import { arnSegments, splitArn } from './arn.ts';

function tracePolicy(p: CompiledPolicy, req: RequestState): PolicyTrace {
  const statements: StatementTrace[] = new Array(p.statements.length);
  let allows = false;
  let denies = false;
  for (let i = 0; i < p.statements.length; i++) {
    const t = evaluateStatement(p.statements[i], req);
    statements[i] = t;
    if (t.applies) {
      if (t.ref.effect === 'Deny') denies = true; else allows = true;
    }
  }
  return { policyId: p.id, slot: p.slot, statements, allows, denies };
}

function applyingAllows(traces: PolicyTrace[]): StatementRef[] {
  const out: StatementRef[] = [];
  for (const t of traces) for (const s of t.statements) if (s.applies && s.ref.effect === 'Allow') out.push(s.ref);
  return out;
}

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

/** Evaluates one request against prepared policies. Never throws on valid input. */
export function evaluate(principal: PrincipalInput, request: RequestInput, prepared: PreparedPolicies): EvaluationResult {
  const caller = toCaller(principal);
  const resourceAccount = resourceAccountOf(request, caller);
  const ctx = buildContext(principal, caller, request, resourceAccount);
  const req: RequestState = {
    caller,
    actionLower: request.action.toLowerCase(),
    resource: request.resource,
    resourceSegs: arnSegments(request.resource),
    ctx,
    hasBoundary: prepared.boundary !== null,
  };
  const isRoot = caller.kind === 'root';
  const isPrincipalless = caller.kind === 'service' || caller.kind === 'anonymous' || caller.kind === 'unknown';

  // Trace every policy that applies to this request.
  const rcpApplies = prepared.rcp !== null && caller.kind !== 'service';
  const scpApplies = prepared.scp !== null && !isPrincipalless;
  const rcpTraces = rcpApplies ? (prepared.rcp ?? []).map((level) => level.map((p) => tracePolicy(p, req))) : [];
  const scpTraces = scpApplies ? (prepared.scp ?? []).map((level) => level.map((p) => tracePolicy(p, req))) : [];
  const resourceTrace = prepared.resource ? tracePolicy(prepared.resource, req) : null;
  const identityTraces = isPrincipalless ? [] : prepared.identity.map((p) => tracePolicy(p, req));
  const boundaryTrace = prepared.boundary && !isPrincipalless && !isRoot ? tracePolicy(prepared.boundary, req) : null;
  const sessionTraces = isPrincipalless ? [] : prepared.session.map((p) => tracePolicy(p, req));
  const all: PolicyTrace[] = [
    ...rcpTraces.flat(), ...scpTraces.flat(), ...(resourceTrace ? [resourceTrace] : []),
    ...identityTraces, ...(boundaryTrace ? [boundaryTrace] : []), ...sessionTraces,
  ];

  const steps: FlowStep[] = [];
  const result = (decision: Decision, deniedAt: FlowStepId | null, deciding: StatementRef[], closest: NearMiss[] = []): EvaluationResult =>
    ({ decision, deciding, closest, deniedAt, steps, policies: all });

  // 1. Explicit deny anywhere.
  const denies: StatementRef[] = [];
  for (const t of all) for (const s of t.statements) if (s.applies && s.ref.effect === 'Deny') denies.push(s.ref);
  if (denies.length) {
    steps.push({ step: 'denyCheck', outcome: 'deny', note: 'explicitDeny' });
    return result('ExplicitDeny', 'denyCheck', denies);
  }
  steps.push({ step: 'denyCheck', outcome: 'continue', note: 'noExplicitDeny' });

  // 2. RCPs: RCPFullAWSAccess stands at every level, so with no Deny they pass.
  steps.push(rcpApplies
    ? { step: 'rcp', outcome: 'continue', note: 'rcpFullAccess' }
    : { step: 'rcp', outcome: 'skipped', note: prepared.rcp ? 'rcpNotForServices' : 'noRcp' });

  // 3. SCPs: every level must allow.
  if (scpApplies) {
    for (const level of scpTraces) {
      if (!level.some((t) => t.allows)) {
        steps.push({ step: 'scp', outcome: 'implicitDeny', note: 'scpLevelNoAllow' });
        return result('ImplicitDeny', 'scp', [], nearMisses(level));
      }
    }
    steps.push({ step: 'scp', outcome: 'continue', note: 'scpAllows' });
  } else {
    steps.push({ step: 'scp', outcome: 'skipped', note: prepared.scp ? 'scpNotForPrincipal' : 'noScp' });
  }

  // The identity side: identity policies, then boundary and session policies.
  const identityAllows = isRoot || identityTraces.some((t) => t.allows);
  const boundaryAllows = !boundaryTrace || boundaryTrace.allows;
  const sessionAllows = sessionTraces.length === 0 || sessionTraces.some((t) => t.allows);

  // 4. The resource-based policy.
  const isTrust = (prepared.resource !== null && prepared.resourceKind === 'trust')
    || (isAssumeRoleAction(request.action) && /:role\//.test(request.resource));
  const res = splitArn(request.resource);
  const isKmsKey = res !== null && res.service === 'kms' && res.resource.startsWith('key/');
  const crossAccount = !isPrincipalless && caller.account !== resourceAccount;
  const rbpRequired = isTrust || isKmsKey || crossAccount || isPrincipalless;

  const grants = { direct: [] as StatementRef[], role: [] as StatementRef[], account: [] as StatementRef[] };
  if (resourceTrace) {
    for (const s of resourceTrace.statements) {
      if (!s.applies || s.ref.effect !== 'Allow') continue;
      const k = s.principalMatch;
      if (k === 'role') grants.role.push(s.ref);
      else if (k === 'account') grants.account.push(s.ref);
      else grants.direct.push(s.ref);
    }
  }
  const roleGrantHolds = grants.role.length > 0 && boundaryAllows && sessionAllows;
  const anyGrant = grants.direct.length + grants.role.length + grants.account.length > 0;
  const identityAllowRefs = (): StatementRef[] => [
    ...applyingAllows(identityTraces), ...(boundaryTrace ? applyingAllows([boundaryTrace]) : []), ...applyingAllows(sessionTraces),
  ];

  if (!crossAccount && !isPrincipalless && (grants.direct.length > 0 || roleGrantHolds)) {
    // Within one account, a grant to the caller's ARN (or, limited, its role) suffices.
    steps.push({ step: 'resource', outcome: 'allow', note: grants.direct.length ? 'resourceGrantsPrincipal' : 'resourceGrantsRole' });
    return result('Allow', null, grants.direct.length ? grants.direct : grants.role);
  }
  if (isPrincipalless) {
    if (grants.direct.length) {
      steps.push({ step: 'resource', outcome: 'allow', note: caller.kind === 'service' ? 'resourceGrantsService' : 'resourceGrantsAnyone' });
      return result('Allow', null, grants.direct);
    }
    steps.push({ step: 'resource', outcome: 'implicitDeny', note: prepared.resource ? 'resourceNoGrant' : 'noResourcePolicy' });
    return result('ImplicitDeny', 'resource', [], resourceTrace ? nearMisses([resourceTrace]) : []);
  }
  if (rbpRequired && !anyGrant) {
    const note = !prepared.resource ? (isTrust ? 'noTrustPolicy' : isKmsKey ? 'noKeyPolicy' : 'crossAccountNoResourcePolicy')
      : isTrust ? 'trustDoesNotNameCaller' : isKmsKey ? 'keyPolicyNoGrant' : 'crossAccountNoGrant';
    steps.push({ step: 'resource', outcome: 'implicitDeny', note });
    return result('ImplicitDeny', 'resource', [], resourceTrace ? nearMisses([resourceTrace]) : []);
  }
  steps.push(anyGrant
    ? { step: 'resource', outcome: 'continue', note: crossAccount ? 'crossAccountResourceAllows' : 'resourceGrantsAccount' }
    : { step: 'resource', outcome: prepared.resource ? 'continue' : 'skipped', note: prepared.resource ? 'resourceNoGrant' : 'noResourcePolicy' });

  // 5-7. The identity side must allow.
  if (!identityAllows) {
    steps.push({ step: 'identity', outcome: 'implicitDeny', note: identityTraces.length ? 'identityNoAllow' : 'noIdentityPolicy' });
    return result('ImplicitDeny', 'identity', [], nearMisses(identityTraces));
  }
  steps.push({ step: 'identity', outcome: 'continue', note: isRoot ? 'rootUser' : 'identityAllows' });
  if (boundaryTrace) {
    if (!boundaryAllows) {
      steps.push({ step: 'boundary', outcome: 'implicitDeny', note: 'boundaryNoAllow' });
      return result('ImplicitDeny', 'boundary', [], nearMisses([boundaryTrace]));
    }
    steps.push({ step: 'boundary', outcome: 'continue', note: 'boundaryAllows' });
  } else steps.push({ step: 'boundary', outcome: 'skipped', note: isRoot ? 'rootHasNoBoundary' : 'noBoundary' });
  if (sessionTraces.length) {
    if (!sessionAllows) {
      steps.push({ step: 'session', outcome: 'implicitDeny', note: 'sessionNoAllow' });
      return result('ImplicitDeny', 'session', [], nearMisses(sessionTraces));
    }
    steps.push({ step: 'session', outcome: 'continue', note: 'sessionAllows' });
  } else steps.push({ step: 'session', outcome: 'skipped', note: 'noSessionPolicy' });

  // The last step that let the request through is where it was allowed.
  for (let i = steps.length - 1; i >= 0; i--) {
    if (steps[i].outcome === 'continue') { steps[i] = { ...steps[i], outcome: 'allow' }; break; }
  }
  const deciding = [...identityAllowRefs(), ...(rbpRequired ? [...grants.direct, ...grants.role, ...grants.account] : [])];
  return result('Allow', null, deciding);
}

/** Evaluates a FORMAT.md case from scratch: check, compile, decide. */
export function evaluateCase(c: CaseInput): CaseOutcome {
  const kind = isAssumeRoleAction(c.request.action) ? 'trust' : 'resource';
  const prepared = prepare(c.policies ?? {}, kind);
  if (prepared.errors.length) {
    const first = prepared.errors[0];
    return { kind: 'invalid', policyId: first.policyId, diagnostics: first.diagnostics };
  }
  return { kind: 'decision', result: evaluate(c.principal, c.request, prepared) };
}
