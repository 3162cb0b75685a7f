/**
 * What a drill shows, as plain data: the policies in force (each with a
 * label and its text, pretty-printed) and the request, row by row. The page
 * renders these as text; no DOM here, and no engine: the drill can be
 * shown before the engine has loaded.
 */
import { policyText, scenarioPolicies } from '../../../lessons/exercise.ts';
import type { PracticeExercise, PracticeScenario } from './types.ts';

/** One policy in force, labelled for a reader. */
export interface PolicyPanel {
  label: string;
  text: string;
}

const numbered = (label: string, i: number, n: number): string => (n > 1 ? `${label} ${i + 1} of ${n}` : label);

/**
 * The policies in force for a drill, in the order of AWS's evaluation
 * flowchart's families: organization guardrails, resource-based policy,
 * identity-based policies, permissions boundary, session policies. The
 * learner's slot holds the exercise's reference solution (or the starter of
 * a predict exercise).
 */
export function policyPanels(exercise: PracticeExercise, scenario: PracticeScenario): PolicyPanel[] {
  const set = scenarioPolicies(exercise, scenario, exercise.learner);
  const panels: PolicyPanel[] = [];
  const levels = (name: string, list: unknown[][] | undefined): void => {
    list?.forEach((level, l) => {
      if (level.length === 0) panels.push({ label: `${name}, level ${l + 1}`, text: '(none attached at this level)' });
      level.forEach((p, i) =>
        panels.push({
          label: `${name}, level ${l + 1}${level.length > 1 ? `, policy ${i + 1} of ${level.length}` : ''}`,
          text: policyText(p),
        }),
      );
    });
  };
  levels('Service control policy (SCP)', set.scp);
  levels('Resource control policy (RCP)', set.rcp);
  if (set.resource !== undefined) {
    panels.push({ label: scenario.trust ? 'Role trust policy' : 'Resource-based policy', text: policyText(set.resource) });
  }
  const identity = set.identity ?? [];
  identity.forEach((p, i) => panels.push({ label: numbered('Identity-based policy', i, identity.length), text: policyText(p) }));
  if (set.permissionsBoundary !== undefined) panels.push({ label: 'Permissions boundary', text: policyText(set.permissionsBoundary) });
  const session = set.session ?? [];
  session.forEach((p, i) => panels.push({ label: numbered('Session policy', i, session.length), text: policyText(p) }));
  return panels;
}

/** One line of the request: a label and its value. */
export interface RequestRow {
  label: string;
  value: string;
  /** The value is an identifier (ARN, action, key value): shown in monospace. */
  code: boolean;
  /** The label is a context key name: shown in monospace too. */
  key?: boolean;
}

const show = (v: unknown): string => (Array.isArray(v) ? v.map((x) => String(x)).join(', ') : String(v));

/** The request of a drill, row by row: principal, action, resource, then context keys. */
export function requestRows(scenario: PracticeScenario): RequestRow[] {
  const { principal, request } = scenario;
  const rows: RequestRow[] = [];
  if (principal.anonymous) rows.push({ label: 'Principal', value: 'anonymous (no credentials)', code: false });
  else if (principal.service) rows.push({ label: 'Principal (service)', value: principal.service, code: true });
  else rows.push({ label: 'Principal', value: principal.arn ?? '', code: true });
  if (principal.roleArn) rows.push({ label: 'Role', value: principal.roleArn, code: true });
  for (const [k, v] of Object.entries(principal.tags ?? {})) rows.push({ label: `Principal tag ${k}`, value: v, code: true });
  rows.push({ label: 'Action', value: request.action, code: true });
  rows.push({ label: 'Resource', value: request.resource, code: true });
  if (request.resourceAccount) rows.push({ label: 'Resource account', value: request.resourceAccount, code: true });
  for (const [k, v] of Object.entries(request.context ?? {})) rows.push({ label: k, value: show(v), code: true, key: true });
  return rows;
}

