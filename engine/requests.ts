/**
 * Small facts about a request and its policy slots, with no dependency on
 * the rest of the engine, so that content code (lessons/exercise.ts, the
 * practice page) can use them without loading the engine with them.
 */
import type { PolicySet } from './types.ts';

/**
 * The same slots with every policy passed through `f`: the one walk over
 * the slots, so that a new slot cannot be forgotten by one copy of it.
 */
export function mapPolicySet<A, B>(p: PolicySet<A>, f: (policy: A) => B): PolicySet<B> {
  const out: PolicySet<B> = {};
  if (p.identity) out.identity = p.identity.map(f);
  if (p.resource !== undefined) out.resource = f(p.resource);
  if (p.permissionsBoundary !== undefined) out.permissionsBoundary = f(p.permissionsBoundary);
  if (p.session) out.session = p.session.map(f);
  if (p.scp) out.scp = p.scp.map((level) => level.map(f));
  if (p.rcp) out.rcp = p.rcp.map((level) => level.map(f));
  return out;
}

/** Every policy of the slots, in the engine's order (identity, resource, boundary, session, SCPs, RCPs). */
export function policiesOf<P>(p: PolicySet<P>): P[] {
  const out: P[] = [...(p.identity ?? [])];
  if (p.resource !== undefined) out.push(p.resource);
  if (p.permissionsBoundary !== undefined) out.push(p.permissionsBoundary);
  out.push(...(p.session ?? []), ...(p.scp ?? []).flat(), ...(p.rcp ?? []).flat());
  return out;
}

/** The AssumeRole operations, lower-cased. */
const ASSUME_ROLE_ACTIONS: readonly string[] = ['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity'];
/** The session options that ride along with AssumeRole, on the role, lower-cased. */
const SESSION_OPTION_ACTIONS: readonly string[] = ['sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext'];
/**
 * Every call a role trust policy is consulted for, lower-cased (see
 * isTrustRequest). An Action in a trust policy that covers none of them has
 * no effect.
 */
export const TRUST_ACTIONS: readonly string[] = [...ASSUME_ROLE_ACTIONS, ...SESSION_OPTION_ACTIONS];
const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\//;

/**
 * Whether a request is judged by a role's trust policy: an `sts:AssumeRole*`
 * call, or one of the calls that ride along with it on a role
 * (`sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`), which the
 * trust policy must allow too (IAM User Guide: Pass session tags in AWS STS,
 * "Permissions required to add session tags"; Monitor and control actions
 * taken with assumed roles).
 */
export function isTrustRequest(action: string, resource: string): boolean {
  const a = action.toLowerCase();
  return ASSUME_ROLE_ACTIONS.includes(a) || (SESSION_OPTION_ACTIONS.includes(a) && ROLE_ARN.test(resource));
}
