/**
 * Running an exercise: where the learner's policy goes, which policies each
 * scenario row sees, and whether a row's decision is the expected one. The
 * workbench and the tests both use these functions, so a solution the
 * tests prove is a solution the page accepts.
 */
import type { Decision, PoliciesInput, PolicyInput, PolicyKind, PolicySet } from '../engine/types.ts';
// The two runtime helpers come from their own module, so that content code does not load the engine.
import { isTrustRequest, mapPolicySet, policiesOf } from '../engine/requests.ts';
import type { Exercise, Expected, PoliciesValue, Scenario } from './schema.ts';

/** The marker that stands for the learner's policy in an exercise's `policies`. */
export const LEARNER = '@learner';

/** A policy as the editor shows it: objects pretty-printed, text as written. */
export function policyText(p: unknown): string {
  return typeof p === 'string' ? p : JSON.stringify(p, null, 2);
}

/** Merges a row's policies over the exercise's, slot by slot. */
export function mergedPolicies(ex: Pick<Exercise, 'policies'>, sc: Pick<Scenario, 'policies'>): PoliciesValue {
  return { ...ex.policies, ...(sc.policies ?? {}) };
}

function place(p: unknown, learner: string): PolicyInput {
  return p === LEARNER ? learner : (p as PolicyInput);
}

/**
 * The policies in force for one row, with the learner's text in place of
 * the marker. Everything else is passed on as the exercise wrote it.
 */
export function scenarioPolicies(ex: Pick<Exercise, 'policies'>, sc: Pick<Scenario, 'policies'>, learner: string): PoliciesInput {
  return mapPolicySet(mergedPolicies(ex, sc) as PolicySet<unknown>, (p) => place(p, learner));
}

/** Counts the places that hold the learner marker (a valid exercise has exactly one). */
export function learnerSlots(p: PoliciesValue): number {
  return policiesOf(p as PolicySet<unknown>).filter((x) => x === LEARNER).length;
}

/**
 * The grammar of the resource slot for one row: a role trust policy when the
 * exercise edits one or the row's request is judged by a trust policy
 * (assuming a role, or tagging its session), else a resource-based policy.
 * Every caller (workbench, practice, tests) decides rows the same way.
 */
export function resourceKindFor(exerciseKind: PolicyKind, request: { action: string; resource: string }): 'resource' | 'trust' {
  return exerciseKind === 'trust' || isTrustRequest(request.action, request.resource) ? 'trust' : 'resource';
}

/** Whether a decision satisfies what a row expects (`Deny` takes either deny). */
export function meetsExpectation(expected: Expected, decision: Decision | 'Invalid'): boolean {
  if (decision === 'Invalid') return false;
  if (expected === 'Deny') return decision !== 'Allow';
  return expected === decision;
}
