/**
 * Runs the engine over every scenario of an exercise for one version of the
 * learner's text: the policies are checked and compiled once per distinct
 * policy set (usually one), then each row is evaluated. Pure and DOM-free,
 * so the server uses it to render the first decisions and the client on
 * every keystroke.
 */
import { checkPolicy, compiledPolicies, evaluate, prepare } from '../../../engine/index.ts';
import type { Decision, Diagnostic, EvaluationResult, Policy, PolicyId, PreparedPolicies } from '../../../engine/index.ts';
import { resourceKindFor } from '../../../lessons/exercise.ts';
import { fillLearner, LEARNER, policyEntries, scenarioPolicies, type PolicyEntry, type WorkbenchData } from './model.ts';

/** A policy that the engine refused, with its findings. */
export interface PolicyErrors {
  policyId: PolicyId;
  diagnostics: Diagnostic[];
}

/**
 * What one row gets. `entries` are the policies in force for it, in the
 * engine's naming. Every row is decided without a trace (the grid needs
 * only decisions and deciding statements); `traced()` evaluates the row
 * again with the full trace, for the one row a learner selects (its
 * `closest` statements explain an implicit deny), and remembers it.
 */
export type RowOutcome =
  | { kind: 'decision'; decision: Decision; result: EvaluationResult; traced: () => EvaluationResult; entries: PolicyEntry[] }
  | { kind: 'invalid'; errors: PolicyErrors[]; entries: PolicyEntry[] };

/** The result of one evaluation pass. */
export interface Evaluation {
  /** Findings on the learner's own text (errors, warnings, infos). */
  diagnostics: Diagnostic[];
  /** Per scenario id. */
  rows: Map<string, RowOutcome>;
  /** The learner's policy as the engine read it, when it has no error (for catalogue lint). */
  learnerPolicy: Policy | null;
}

/** The checked policy with the given id among the prepared ones. */
function preparedPolicy(prepared: PreparedPolicies, id: PolicyId): Policy | null {
  return compiledPolicies(prepared).find((p) => p.id === id)?.policy ?? null;
}

/**
 * Evaluates every scenario of an exercise against `learnerText`.
 * INVARIANT: the engine never throws on bad policy text; a throw here is a
 * bug, and the caller turns it into a visible message.
 */
export function evaluateExercise(data: WorkbenchData, learnerText: string): Evaluation {
  const ex = data.exercise;
  let diagnostics: Diagnostic[] | null = null;
  let learnerPolicy: Policy | null = null;
  const rows = new Map<string, RowOutcome>();
  // Rows that see the same policies with the same grammar share one prepare().
  const groups = new Map<string, typeof ex.scenarios>();
  for (const s of ex.scenarios) {
    const key = `${resourceKindFor(ex.kind, s.request)} ${s.policies ? JSON.stringify(s.policies) : ''}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  for (const scenarios of groups.values()) {
    const set = scenarioPolicies(ex.policies, scenarios[0]?.policies);
    const entries = policyEntries(set, ex.kind);
    const prepared = prepare(fillLearner(set, learnerText), resourceKindFor(ex.kind, scenarios[0].request));
    // The learner's findings come from the first set that holds the learner's policy: one parse fewer.
    const learnerId = entries.find((e) => e.text === LEARNER)?.id;
    if (diagnostics === null && learnerId !== undefined) {
      const found = [...prepared.errors, ...prepared.warnings].find((x) => x.policyId === learnerId);
      diagnostics = found?.diagnostics ?? [];
      learnerPolicy = preparedPolicy(prepared, learnerId);
    }
    if (prepared.errors.length > 0) {
      for (const s of scenarios) rows.set(s.id, { kind: 'invalid', errors: prepared.errors, entries });
      continue;
    }
    for (const s of scenarios) {
      const result = evaluate(s.principal, s.request, prepared, { trace: false });
      let full: EvaluationResult | null = null;
      const traced = (): EvaluationResult => (full ??= evaluate(s.principal, s.request, prepared));
      rows.set(s.id, { kind: 'decision', decision: result.decision, result, traced, entries });
    }
  }
  if (diagnostics === null) {
    const checked = checkPolicy(learnerText, ex.kind);
    return { diagnostics: checked.diagnostics, rows, learnerPolicy: checked.policy };
  }
  return { diagnostics, rows, learnerPolicy };
}
