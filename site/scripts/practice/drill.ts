/**
 * Decides a predict-the-decision drill with the engine. The page loads this
 * module (and with it the engine) only when the first drill is shown, so a
 * round of questions alone never downloads the evaluator.
 *
 * The answer is not stored anywhere: it is what the engine decides for the
 * policies in force (the exercise's, with its reference solution, or the
 * starter of a predict exercise, in the learner's slot) and the request.
 */
import { evaluate, explain, prepare, type Decision } from '../../../engine/index.ts';
import { scenarioPolicies } from '../../../lessons/exercise.ts';
import type { PracticeExercise, PracticeScenario } from './types.ts';

/** What the engine makes of a drill. */
export type DrillOutcome =
  | { kind: 'decision'; decision: Decision; headline: string; sentences: string[] }
  | { kind: 'invalid'; message: string };

/** Evaluates a drill's request against its policies. Never throws. */
export function decideDrill(exercise: PracticeExercise, scenario: PracticeScenario): DrillOutcome {
  try {
    const prepared = prepare(scenarioPolicies(exercise, scenario, exercise.learner), scenario.trust ? 'trust' : 'resource');
    if (prepared.errors.length > 0) {
      const ids = prepared.errors.map((e) => e.policyId).join(', ');
      return { kind: 'invalid', message: `a policy in force has errors (${ids}), so this drill cannot be decided` };
    }
    const result = evaluate(scenario.principal, scenario.request, prepared);
    const { headline, sentences } = explain(result);
    return { kind: 'decision', decision: result.decision, headline, sentences };
  } catch {
    // INVARIANT: the engine does not throw on valid input; if it ever does, the drill is skipped, not the page.
    return { kind: 'invalid', message: 'the engine could not evaluate this drill' };
  }
}
