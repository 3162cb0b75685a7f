/**
 * Parse + validate for one policy, from text or from an already-parsed
 * value, and `prepare`: checking and compiling every policy in force.
 */
import type { Diagnostic, PoliciesInput, PolicyId, PolicyInput, PolicyKind, PolicySlot } from './types.ts';
import type { Policy } from './policy.ts';
import { parse } from './parse.ts';
import { fromValue, minifiedLength } from './json.ts';
import { validate, policySize, SIZE_LIMITS, textCharacterDiagnostics, valueCharacterDiagnostics } from './validate.ts';
import { type CompiledPolicy, compile } from './compile.ts';
import { fastCheck } from './fast.ts';

/** What checking one policy gives. */
export interface CheckResult {
  /** The typed policy, or null when there is an error. */
  policy: Policy | null;
  diagnostics: Diagnostic[];
}

/**
 * Parses (for text) and validates one policy of the given kind. A policy
 * given as a value first tries the one-walk fast path (fast.ts), which
 * succeeds only when the full validator would have nothing to say; anything
 * else takes the full path, so diagnostics always come from validate.ts.
 */
export function checkPolicy(input: PolicyInput, kind: PolicyKind): CheckResult {
  if (typeof input === 'string') {
    const parsed = parse(input);
    const size = policySize(input, SIZE_LIMITS[kind].whitespaceCounts);
    const v = validate(parsed.root, kind, size);
    const chars = textCharacterDiagnostics(input, kind);
    if (parsed.diagnostics.length === 0 && chars.length === 0) return v;
    return { policy: null, diagnostics: [...parsed.diagnostics, ...chars, ...v.diagnostics] };
  }
  const fast = fastCheck(input, kind);
  if (fast !== null) return { policy: fast, diagnostics: [] };
  const root = fromValue(input);
  const v = validate(root, kind, minifiedLength(root));
  const chars = valueCharacterDiagnostics(root, kind);
  return chars.length === 0 ? v : { policy: null, diagnostics: [...chars, ...v.diagnostics] };
}

/** The policies in force, checked and compiled, grouped as the evaluator reads them. */
export interface PreparedPolicies {
  /** Policies with an error: evaluation refuses to decide while there is one. */
  errors: { policyId: PolicyId; diagnostics: Diagnostic[] }[];
  /** Warnings and infos of the policies that are valid. */
  warnings: { policyId: PolicyId; diagnostics: Diagnostic[] }[];
  identity: CompiledPolicy[];
  resource: CompiledPolicy | null;
  resourceKind: 'resource' | 'trust';
  boundary: CompiledPolicy | null;
  session: CompiledPolicy[];
  /** Null when the principal's account is not an organization member (or is its management account). */
  scp: CompiledPolicy[][] | null;
  rcp: CompiledPolicy[][] | null;
}

/**
 * Checks and compiles every policy in force. `resourceKind` says whether the
 * resource slot holds a role trust policy (for `sts:AssumeRole*`) or another
 * resource-based policy.
 */
export function prepare(policies: PoliciesInput, resourceKind: 'resource' | 'trust' = 'resource'): PreparedPolicies {
  const out: PreparedPolicies = {
    errors: [], warnings: [], identity: [], resource: null, resourceKind, boundary: null, session: [], scp: null, rcp: null,
  };
  const one = (input: PolicyInput, kind: PolicyKind, id: PolicyId, slot: PolicySlot): CompiledPolicy | null => {
    const r = checkPolicy(input, kind);
    if (!r.policy) {
      out.errors.push({ policyId: id, diagnostics: r.diagnostics });
      return null;
    }
    if (r.diagnostics.length) out.warnings.push({ policyId: id, diagnostics: r.diagnostics });
    return compile(r.policy, id, slot);
  };
  (policies.identity ?? []).forEach((p, i) => {
    const c = one(p, 'identity', `identity[${i}]`, 'identity');
    if (c) out.identity.push(c);
  });
  if (policies.resource !== undefined) out.resource = one(policies.resource, resourceKind, 'resource', 'resource');
  if (policies.permissionsBoundary !== undefined) out.boundary = one(policies.permissionsBoundary, 'boundary', 'permissionsBoundary', 'permissionsBoundary');
  (policies.session ?? []).forEach((p, i) => {
    const c = one(p, 'session', `session[${i}]`, 'session');
    if (c) out.session.push(c);
  });
  if (policies.scp) {
    out.scp = policies.scp.map((level, l) => level.map((p, i) => one(p, 'scp', `scp[${l}][${i}]`, 'scp')).filter((c): c is CompiledPolicy => c !== null));
  }
  if (policies.rcp) {
    out.rcp = policies.rcp.map((level, l) => level.map((p, i) => one(p, 'rcp', `rcp[${l}][${i}]`, 'rcp')).filter((c): c is CompiledPolicy => c !== null));
  }
  return out;
}

/**
 * Every compiled policy of a prepared set, in the engine's order (identity,
 * resource, boundary, session, SCPs, RCPs): the one walk over its slots.
 */
export function compiledPolicies(p: PreparedPolicies): CompiledPolicy[] {
  const out: CompiledPolicy[] = [...p.identity];
  if (p.resource) out.push(p.resource);
  if (p.boundary) out.push(p.boundary);
  out.push(...p.session, ...(p.scp ?? []).flat(), ...(p.rcp ?? []).flat());
  return out;
}
