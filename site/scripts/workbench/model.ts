/**
 * The workbench's data model: what the server hands the client, and the
 * pure functions that turn an exercise plus the learner's text into the
 * policies the engine evaluates. No DOM here, so the server (the Astro
 * component) and the browser share it, and the texts the editor and the
 * read-only tabs show are exactly the texts the engine locates ranges in.
 */
import type { Decision, PoliciesInput, PolicyId, PolicyKind, PolicySet, PolicySlot, PrincipalInput, RequestInput } from '../../../engine/types.ts';
import { mapPolicySet } from '../../../engine/requests.ts';
import { LEARNER } from '../../../lessons/exercise.ts';
import type { Expected } from '../../../lessons/schema.ts';
import { isRecord, serializeForScript } from '../data.ts';

export { LEARNER };
export type { Expected };
export { serializeForScript };

/** The decision a row shows: the engine's, or `Invalid` when a policy in force has errors. */
export type RowDecision = Decision | 'Invalid';

/**
 * The policies in force, with every policy as text (pretty-printed JSON for
 * an object) and the learner's slot still holding {@link LEARNER}.
 */
export type PoliciesText = PolicySet<string>;

/** One scenario row, as the client needs it. */
export interface ScenarioData {
  id: string;
  label: string;
  principal: PrincipalInput;
  request: RequestInput;
  /** Slots that replace the exercise's for this row only. */
  policies?: PoliciesText;
  expect: Expected;
}

/** Everything the client needs, serialized into the page as JSON. */
export interface WorkbenchData {
  /** The lesson's slug (storage keys use it). */
  lesson: string;
  exercise: {
    id: string;
    type: 'edit' | 'predict';
    kind: PolicyKind;
    title: string;
    policies: PoliciesText;
    starter: string;
    /** The reference solution's text, for an edit exercise. */
    solution?: string;
    scenarios: ScenarioData[];
    hints: number;
  };
}

/** The loose shape of an exercise as `lessons/schema.ts` parses it. */
export interface ExerciseLike {
  id: string;
  type: 'edit' | 'predict';
  kind: PolicyKind;
  title: string;
  policies: Record<string, unknown>;
  starter: unknown;
  solution?: unknown;
  hints?: string[];
  scenarios: {
    id: string;
    label: string;
    principal: PrincipalInput;
    request: RequestInput;
    policies?: Record<string, unknown>;
    expect: Expected;
  }[];
}

/** A policy value as text: a string stays as written, an object is pretty-printed. */
export function policyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function textList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(policyText) : undefined;
}

function textLevels(value: unknown): string[][] | undefined {
  return Array.isArray(value) ? value.map((level) => (Array.isArray(level) ? level.map(policyText) : [])) : undefined;
}

/** Turns the policy values of an exercise or scenario into texts, slot by slot. */
export function policiesToText(p: Record<string, unknown>): PoliciesText {
  const out: PoliciesText = {};
  const identity = textList(p.identity);
  if (identity) out.identity = identity;
  if (p.resource !== undefined) out.resource = policyText(p.resource);
  if (p.permissionsBoundary !== undefined) out.permissionsBoundary = policyText(p.permissionsBoundary);
  const session = textList(p.session);
  if (session) out.session = session;
  const scp = textLevels(p.scp);
  if (scp) out.scp = scp;
  const rcp = textLevels(p.rcp);
  if (rcp) out.rcp = rcp;
  return out;
}

/** Builds the client's data from a parsed exercise (runs on the server). */
export function toWorkbenchData(exercise: ExerciseLike, lesson: string): WorkbenchData {
  return {
    lesson,
    exercise: {
      id: exercise.id,
      type: exercise.type,
      kind: exercise.kind,
      title: exercise.title,
      policies: policiesToText(exercise.policies),
      starter: policyText(exercise.starter),
      ...(exercise.type === 'edit' && exercise.solution !== undefined ? { solution: policyText(exercise.solution) } : {}),
      scenarios: exercise.scenarios.map((s) => ({
        id: s.id,
        label: s.label,
        principal: s.principal,
        request: s.request,
        ...(s.policies ? { policies: policiesToText(s.policies) } : {}),
        expect: s.expect,
      })),
      hints: exercise.hints?.length ?? 0,
    },
  };
}

/** A type guard for the page's JSON: the fields the client relies on, checked. */
export function isWorkbenchData(x: unknown): x is WorkbenchData {
  if (!isRecord(x) || typeof x.lesson !== 'string' || !isRecord(x.exercise)) return false;
  const e = x.exercise;
  return (
    typeof e.id === 'string' &&
    (e.type === 'edit' || e.type === 'predict') &&
    typeof e.kind === 'string' &&
    typeof e.starter === 'string' &&
    isRecord(e.policies) &&
    typeof e.hints === 'number' &&
    Array.isArray(e.scenarios) &&
    e.scenarios.every((s) => isRecord(s) && typeof s.id === 'string' && isRecord(s.request) && isRecord(s.principal))
  );
}

/** The policies in force for one scenario: the exercise's, with the row's slots replacing them. */
export function scenarioPolicies(base: PoliciesText, override: PoliciesText | undefined): PoliciesText {
  return override ? { ...base, ...override } : base;
}

/** Replaces {@link LEARNER} with the learner's text: the engine's input. */
export function fillLearner(p: PoliciesText, learner: string): PoliciesInput {
  return mapPolicySet(p, (t) => (t === LEARNER ? learner : t));
}

/** One policy in force, located the way the engine names it. */
export interface PolicyEntry {
  /** The engine's id: `identity[0]`, `resource`, `scp[1][0]`, ... */
  id: PolicyId;
  slot: PolicySlot;
  /** A label for a tab, e.g. `SCP, account level`. */
  label: string;
  /** The policy's text; {@link LEARNER} for the learner's. */
  text: string;
}

function levelName(i: number, n: number): string {
  if (i === 0) return 'root';
  if (i === n - 1) return 'account';
  return n > 3 ? `OU ${i}` : 'OU';
}

/** Lists the policies of a set in the engine's order and with its ids. */
export function policyEntries(p: PoliciesText, kind: PolicyKind): PolicyEntry[] {
  const out: PolicyEntry[] = [];
  const many = (n: number, i: number): string => (n > 1 ? ` ${i + 1}` : '');
  p.identity?.forEach((text, i, all) =>
    out.push({ id: `identity[${i}]`, slot: 'identity', label: `Identity policy${many(all.length, i)}`, text }),
  );
  if (p.permissionsBoundary !== undefined)
    out.push({ id: 'permissionsBoundary', slot: 'permissionsBoundary', label: 'Permissions boundary', text: p.permissionsBoundary });
  p.session?.forEach((text, i, all) =>
    out.push({ id: `session[${i}]`, slot: 'session', label: `Session policy${many(all.length, i)}`, text }),
  );
  if (p.resource !== undefined)
    out.push({ id: 'resource', slot: 'resource', label: kind === 'trust' ? 'Trust policy' : 'Resource policy', text: p.resource });
  for (const slot of ['scp', 'rcp'] as const) {
    const levels = p[slot];
    levels?.forEach((level, i) =>
      level.forEach((text, j) =>
        out.push({
          id: `${slot}[${i}][${j}]`,
          slot,
          label: `${slot.toUpperCase()}${many(level.length, j)} at ${levelName(i, levels.length)} level`,
          text,
        }),
      ),
    );
  }
  return out;
}

/** Words for a decision, as rows and the explanation show it. */
export const DECISION_TEXT: Record<RowDecision | 'Deny', string> = {
  Allow: 'Allow',
  ExplicitDeny: 'Explicit deny',
  ImplicitDeny: 'Implicit deny',
  Deny: 'Deny (either kind)',
  Invalid: 'Invalid',
};

/** A glyph beside each decision's words, so colour is never the only cue. */
export const DECISION_ICON: Record<RowDecision | 'Deny', string> = {
  Allow: '✓',
  ExplicitDeny: '✖',
  ImplicitDeny: '∅',
  Deny: '✕',
  Invalid: '⚠',
};
