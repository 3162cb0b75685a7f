/**
 * AWS's policy evaluation flowchart as data: the steps in order, the
 * question each asks, and where a step exits when it decides. The Astro
 * component draws it; `flowchart.ts` lights a request's path on it.
 */
import type { FlowStep, FlowStepId } from '../../../engine/types.ts';

/** One box of the flowchart. */
export interface FlowNode {
  id: FlowStepId;
  /** The question the step asks, short enough for its box. */
  question: string;
  /** The step's name in a sentence. */
  name: string;
  /** The outcome of the step's usual exit. */
  exit: 'deny' | 'implicitDeny' | 'allow';
  /** The answer that takes the exit. */
  exitWhen: 'yes' | 'no';
}

/** The steps, top to bottom, as in the IAM User Guide's evaluation logic. */
export const FLOW: readonly FlowNode[] = [
  { id: 'denyCheck', question: 'Explicit Deny anywhere?', name: 'the explicit deny check', exit: 'deny', exitWhen: 'yes' },
  { id: 'rcp', question: 'RCPs allow?', name: 'the resource control policies', exit: 'implicitDeny', exitWhen: 'no' },
  { id: 'scp', question: 'SCPs allow?', name: 'the service control policies', exit: 'implicitDeny', exitWhen: 'no' },
  { id: 'resource', question: 'Resource-based policy allows?', name: 'the resource-based policy', exit: 'allow', exitWhen: 'yes' },
  { id: 'identity', question: 'Identity-based policies allow?', name: 'the identity-based policies', exit: 'implicitDeny', exitWhen: 'no' },
  { id: 'boundary', question: 'Permissions boundary allows?', name: 'the permissions boundary', exit: 'implicitDeny', exitWhen: 'no' },
  { id: 'session', question: 'Session policy allows?', name: 'the session policy', exit: 'implicitDeny', exitWhen: 'no' },
];

/** Words for the outcomes. */
export const OUTCOME_TEXT: Record<'allow' | 'deny' | 'implicitDeny', string> = {
  allow: 'Allow',
  deny: 'Explicit deny',
  implicitDeny: 'Implicit deny',
};

/** How a step looked for one request. */
export type NodeState = 'passed' | 'skipped' | 'decided' | 'unreached';

/** The state of every step and where the request ended, from the engine's steps. */
export interface FlowPath {
  nodes: Record<FlowStepId, { state: NodeState; outcome?: 'allow' | 'deny' | 'implicitDeny' }>;
  /** Whether the request fell through every step to the final Allow. */
  endAllow: boolean;
}

/**
 * Computes the lit path from the engine's steps. The engine marks the last
 * step a request passed as `allow`; when that step's own exit is a deny (the
 * identity, boundary or session step), the request passed it and fell
 * through to the final Allow at the bottom, so it is shown as passed. Only
 * the resource-based policy has an exit to Allow of its own.
 */
export function flowPath(steps: readonly FlowStep[]): FlowPath {
  const nodes = Object.fromEntries(FLOW.map((n) => [n.id, { state: 'unreached' as NodeState }])) as FlowPath['nodes'];
  const exitOf = new Map(FLOW.map((n) => [n.id, n.exit]));
  let decided = false;
  let fellThroughToAllow = false;
  for (const s of steps) {
    if (s.outcome === 'continue') nodes[s.step] = { state: 'passed' };
    else if (s.outcome === 'skipped') nodes[s.step] = { state: 'skipped' };
    else if (s.outcome === 'allow' && exitOf.get(s.step) !== 'allow') {
      nodes[s.step] = { state: 'passed' };
      fellThroughToAllow = true;
    } else {
      nodes[s.step] = { state: 'decided', outcome: s.outcome };
      decided = true;
    }
  }
  const last = FLOW[FLOW.length - 1];
  const lastState = last ? nodes[last.id].state : 'unreached';
  return { nodes, endAllow: !decided && (fellThroughToAllow || lastState === 'passed' || lastState === 'skipped') };
}

/** The path in words, for the drawing's description. */
export function describePath(path: FlowPath): string {
  const parts: string[] = [];
  for (const n of FLOW) {
    const s = path.nodes[n.id];
    if (s.state === 'passed') parts.push(`${n.name}: passed`);
    else if (s.state === 'skipped') parts.push(`${n.name}: none apply, skipped`);
    else if (s.state === 'decided' && s.outcome) parts.push(`${n.name}: ${OUTCOME_TEXT[s.outcome].toLowerCase()} here`);
  }
  if (path.endAllow) {
    // A request decided before the policy steps (sts:GetCallerIdentity) leaves steps unreached.
    const all = FLOW.every((n) => path.nodes[n.id].state !== 'unreached');
    parts.push(all ? 'every step passed: Allow' : 'the other steps do not apply: Allow');
  }
  return parts.join('; ') + '.';
}
