/**
 * Evaluating one statement against one request. Every element is tested and
 * recorded, even after one has failed, so that the trace can say everything
 * a statement lacked (the explanation of an implicit deny needs it).
 */
import type { ConditionTrace, ContextScalar, ElementTrace, MatchReason, PrincipalMatchKind, StatementTrace } from './types.ts';
import { type CompiledCondition, type CompiledStatement, conditionsOf, refOf, resourceTemplatesOf } from './compile.ts';
import type { Located, PrincipalSpec } from './policy.ts';
import type { Operator } from './operators/index.ts';
import type { Caller, ContextMap } from './context.ts';
import { matchAction } from './wildcard.ts';
import { compileArnPieces, matchResourcePattern, matchResourceText } from './arn.ts';
import { type Template, resolvePieces, variableValue } from './variables.ts';

/** The request, prepared once for all statements. */
export interface RequestState {
  caller: Caller;
  actionLower: string;
  resource: string;
  resourceSegs: string[] | null;
  ctx: ContextMap;
  /** NotPrincipal with Deny denies every principal that has a boundary (AWS documents this). */
  hasBoundary: boolean;
}

/** Index of the first Action/NotAction pattern that matches the action, or -1. */
function actionIndex(cs: CompiledStatement, req: RequestState): number {
  const list = cs.actions;
  for (let i = 0; i < list.length; i++) if (matchAction(list[i].value, req.actionLower)) return i;
  return -1;
}

/** Whether the Action (or NotAction) element lets the statement apply. */
function actionApplies(cs: CompiledStatement, req: RequestState): boolean {
  return (actionIndex(cs, req) >= 0) !== cs.notAction;
}

function span(locs: Located[]): { from: number; to: number } {
  if (locs.length === 0) return { from: 0, to: 0 };
  return { from: locs[0].from, to: locs[locs.length - 1].to };
}

function actionTrace(cs: CompiledStatement, req: RequestState): ElementTrace {
  const el = cs.notAction ? 'NotAction' : 'Action';
  const i = actionIndex(cs, req);
  if (i >= 0) {
    const loc = cs.actions[i];
    return { element: el, matched: !cs.notAction, reason: cs.notAction ? 'notActionExcluded' : 'actionMatched', pattern: loc.value, from: loc.from, to: loc.to };
  }
  const r = span(cs.actions);
  return { element: el, matched: cs.notAction, reason: cs.notAction ? 'notActionMatched' : 'actionNotMatched', pattern: undefined, from: r.from, to: r.to };
}

/**
 * A resource template resolved to pattern text, when that text can be
 * matched as written: the template has no escape and no variable's value
 * holds `*` or `?` (which must stay literal). Null: a variable has no value
 * (as resolvePieces); undefined: not plain, resolve into pieces instead.
 */
function resolvePlainPattern(t: Template, ctx: ContextMap): string | null | undefined {
  let out = '';
  const parts = t.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.t === 'text') {
      if (!p.wild) return undefined;
      out += p.text;
      continue;
    }
    const value = variableValue(p, ctx);
    if (value === undefined) return null;
    if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) return undefined;
    out += value;
  }
  return out;
}

/** No Resource pattern matched, and at least one had a variable with no value. */
const UNRESOLVED = -2;

/** Index of the first Resource/NotResource pattern that matches, -1 none, UNRESOLVED. */
function resourceIndex(cs: CompiledStatement, req: RequestState): number {
  const list = cs.resources as Located[];
  const templates = resourceTemplatesOf(cs);
  let unresolved = false;
  for (let i = 0; i < list.length; i++) {
    const t = templates === null ? null : templates[i];
    if (t === null) {
      if (matchResourceText(list[i].value, req.resource, req.resourceSegs)) return i;
      continue;
    }
    let pattern = t.pattern;
    if (!pattern) {
      const text = resolvePlainPattern(t.template, req.ctx);
      if (text === null) { unresolved = true; continue; }
      if (text !== undefined) {
        if (matchResourceText(text, req.resource, req.resourceSegs)) return i;
        continue;
      }
      const pieces = resolvePieces(t.template, req.ctx);
      if (!pieces) { unresolved = true; continue; }
      pattern = compileArnPieces(pieces);
    }
    if (matchResourcePattern(pattern, req.resource, req.resourceSegs)) return i;
  }
  return unresolved ? UNRESOLVED : -1;
}

function resourceApplies(cs: CompiledStatement, req: RequestState): boolean {
  if (!cs.resources) return true;
  return (resourceIndex(cs, req) >= 0) !== cs.notResource;
}

function resourceTrace(cs: CompiledStatement, req: RequestState): ElementTrace | null {
  const list = cs.resources;
  if (!list) return null;
  const el = cs.notResource ? 'NotResource' : 'Resource';
  const i = resourceIndex(cs, req);
  if (i >= 0) {
    const loc = list[i];
    return { element: el, matched: !cs.notResource, reason: cs.notResource ? 'notResourceExcluded' : 'resourceMatched', pattern: loc.value, from: loc.from, to: loc.to };
  }
  const r = span(list);
  const reason = cs.notResource ? 'notResourceMatched' : i === UNRESOLVED ? 'resourceVariableUnresolved' : 'resourceNotMatched';
  return { element: el, matched: cs.notResource, reason, pattern: undefined, from: r.from, to: r.to };
}

/** How a Principal element names the caller, or null when it does not. */
export function principalMatch(spec: PrincipalSpec, caller: Caller): PrincipalMatchKind | null {
  if (spec.anyone) return 'anyone';
  if (caller.kind === 'service') {
    for (const s of spec.service) if (s.value.toLowerCase() === caller.service) return 'service';
    return null;
  }
  if (caller.kind === 'anonymous' || caller.kind === 'unknown') return null;
  let best: PrincipalMatchKind | null = null;
  for (const a of spec.aws) {
    const v = a.value;
    // `arn:aws:iam::ACCOUNT:root` names the account, like the bare account ID, even when the root user calls.
    if (v === caller.arn && caller.kind !== 'root') return 'direct';
    if (caller.roleArn && v === caller.roleArn) best = 'role';
    else if (best === null && (v === caller.account || v === caller.accountArn)) best = 'account';
  }
  return best;
}

/**
 * Whether NotPrincipal's list exempts the caller. AWS "might validate the
 * account first, then the role, and then the assumed-role user" (IAM JSON
 * policy elements: NotPrincipal), so every link of the caller's chain must be
 * listed: the account and the user; or the account, the role and the session
 * itself ("Principals must always name a specific session").
 */
function exemptedBy(spec: PrincipalSpec, caller: Caller, hasBoundary: boolean): boolean {
  if (spec.anyone) return true;
  if (caller.kind === 'service') return spec.service.some((s) => s.value.toLowerCase() === caller.service);
  if (caller.kind === 'anonymous' || caller.kind === 'unknown') return false;
  if (hasBoundary) return false;
  const listed = (v: string): boolean => spec.aws.some((a) => a.value === v);
  const accountListed = listed(caller.account) || listed(caller.accountArn);
  if (caller.kind === 'root') return accountListed;
  if (caller.kind === 'session') return accountListed && listed(caller.roleArn) && listed(caller.arn);
  return accountListed && listed(caller.arn);
}

/** How the statement's Principal/NotPrincipal names the caller; null: it does not. */
function principalKind(cs: CompiledStatement, req: RequestState): PrincipalMatchKind | null {
  const spec = cs.principal as PrincipalSpec;
  if (cs.notPrincipal) return exemptedBy(spec, req.caller, req.hasBoundary) ? null : 'anyone';
  return principalMatch(spec, req.caller);
}

function principalTrace(cs: CompiledStatement, kind: PrincipalMatchKind | null, req: RequestState): ElementTrace {
  const spec = cs.principal as PrincipalSpec;
  if (cs.notPrincipal) {
    // Listed, and still not exempt: the boundary rule (exemptedBy) is what made the statement apply.
    const reason = kind === null ? 'notPrincipalExcluded'
      : req.hasBoundary && exemptedBy(spec, req.caller, false) ? 'notPrincipalBoundary' : 'notPrincipalMatched';
    return { element: 'NotPrincipal', matched: kind !== null, reason, pattern: undefined, from: spec.from, to: spec.to };
  }
  return { element: 'Principal', matched: kind !== null, reason: kind !== null ? 'principalMatched' : 'principalNotMatched', pattern: undefined, from: spec.from, to: spec.to };
}

/**
 * Whether a request value matches some prepared policy value (null entries
 * never match). The request value is read once, for all policy values.
 */
function anyPolicyValue(op: Operator, list: unknown[], rv: ContextScalar): boolean {
  const read = op.read(rv);
  if (read === null) return false;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p !== null && op.test(read, p)) return true;
  }
  return false;
}

/** Whether a present key's values are a null dataset: every one an empty string. */
function isNullDataset(values: ContextScalar[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== '') return false;
  return true;
}

/**
 * Tests one condition key and says why, as a reason code; `matched` follows
 * from the code (see CONDITION_MATCHES). When `resolved` is given, the
 * policy's values after variable substitution are pushed into it.
 */
export function conditionOutcome(c: CompiledCondition, ctx: ContextMap, resolved?: string[]): MatchReason {
  const spec = c.spec;
  const values = ctx.get(c.keyLower);
  const present = values !== undefined && values.length > 0;
  const op = spec.parsed.op;
  if (op === 'Null') {
    if (resolved) for (const v of spec.values) resolved.push(v.value);
    // IAM policy validation check reference, "Null with qualifier": "When you use the Null condition operator
    // with ForAllValues, the statement always returns true. When you use the Null condition operator with
    // ForAnyValue, the statement always returns false."
    const set = spec.parsed.set;
    if (set !== null) return set === 'ForAllValues' ? 'conditionNullMatched' : 'conditionNullNotMatched';
    // Null false checks "if the context key exists and its value is not null": an empty value is null.
    const notNull = present && !isNullDataset(values);
    return (c.nullWantsAbsent ? !notNull : notNull) ? 'conditionNullMatched' : 'conditionNullNotMatched';
  }
  // Resolve the policy's values against this request.
  let list = c.staticPrepared;
  let unresolved = false;
  const dynamic = c.dynamic;
  if (dynamic !== null || resolved) {
    const locs = spec.values;
    if (dynamic !== null) list = list.slice();
    for (let i = 0; i < locs.length; i++) {
      const t = dynamic === null ? null : dynamic[i];
      if (t === null) { if (resolved) resolved.push(locs[i].value); continue; }
      const pieces = resolvePieces(t, ctx);
      if (!pieces) { unresolved = true; list[i] = null; if (resolved) resolved.push(locs[i].value); continue; }
      let text = '';
      for (const p of pieces) text += p.text;
      if (resolved) resolved.push(text);
      list[i] = op.prepare(text, pieces);
    }
  }
  const set = spec.parsed.set;
  if (!present) {
    if (set === 'ForAllValues') return 'conditionForAllValuesEmpty';
    // "If the key is not present, evaluate the condition element as true": ForAnyValue too.
    if (spec.parsed.ifExists) return 'conditionKeyMissingIfExists';
    if (set === 'ForAnyValue') return 'conditionKeyMissing';
    return op.negated ? 'conditionMatched' : 'conditionKeyMissing';
  }
  // A key whose values resolve to a null dataset, such as an empty string: ForAllValues is
  // true and ForAnyValue false (IAM User Guide, condition operators and set operators).
  if (set !== null && isNullDataset(values)) return set === 'ForAllValues' ? 'conditionForAllValuesEmpty' : 'conditionEmptyValue';
  const negated = op.negated;
  let matched: boolean;
  if (set === 'ForAllValues') {
    matched = true;
    for (let i = 0; i < values.length; i++) if (anyPolicyValue(op, list, values[i]) === negated) { matched = false; break; }
  } else if (set === 'ForAnyValue') {
    matched = false;
    for (let i = 0; i < values.length; i++) if (anyPolicyValue(op, list, values[i]) !== negated) { matched = true; break; }
  } else {
    let some = false;
    for (let i = 0; i < values.length; i++) if (anyPolicyValue(op, list, values[i])) { some = true; break; }
    matched = negated ? !some : some;
  }
  if (matched) return 'conditionMatched';
  return unresolved && !negated ? 'conditionValueUnresolved' : 'conditionNotMatched';
}

/** The reason codes that mean a condition is met. */
export const CONDITION_MATCHES: ReadonlySet<MatchReason> = new Set<MatchReason>([
  'conditionMatched', 'conditionKeyMissingIfExists', 'conditionNullMatched', 'conditionForAllValuesEmpty',
]);

/** Evaluates one condition key test, with its trace. */
export function conditionTrace(c: CompiledCondition, ctx: ContextMap): ConditionTrace {
  const policyValues: string[] = [];
  const reason = conditionOutcome(c, ctx, policyValues);
  const values = ctx.get(c.keyLower);
  return {
    operator: c.spec.operatorText, key: c.spec.key, matched: CONDITION_MATCHES.has(reason), reason,
    requestValues: values && values.length ? values : undefined, policyValues, from: c.spec.from, to: c.spec.to,
  };
}

/**
 * Decides whether a statement applies, stopping at the first test that
 * fails and recording nothing: what the grid needs for every row.
 * Returns how the Principal matched (`none` without a Principal), or null.
 */
export function statementApplies(cs: CompiledStatement, req: RequestState): PrincipalMatchKind | 'none' | null {
  if (!actionApplies(cs, req)) return null;
  if (!resourceApplies(cs, req)) return null;
  let kind: PrincipalMatchKind | 'none' = 'none';
  if (cs.principal) {
    const k = principalKind(cs, req);
    if (k === null) return null;
    kind = k;
  }
  const conditions = conditionsOf(cs);
  for (let i = 0; i < conditions.length; i++) if (!CONDITION_MATCHES.has(conditionOutcome(conditions[i], req.ctx))) return null;
  return kind;
}

/** Evaluates a statement: whether it applies, and the trace of every test. */
export function evaluateStatement(cs: CompiledStatement, req: RequestState): StatementTrace {
  const elements: ElementTrace[] = [actionTrace(cs, req)];
  const r = resourceTrace(cs, req);
  if (r) elements.push(r);
  let kind: PrincipalMatchKind | null = null;
  if (cs.principal) {
    kind = principalKind(cs, req);
    elements.push(principalTrace(cs, kind, req));
  }
  let applies = true;
  for (const e of elements) if (!e.matched) applies = false;
  const conditions: ConditionTrace[] = [];
  for (const c of conditionsOf(cs)) {
    const ct = conditionTrace(c, req.ctx);
    conditions.push(ct);
    if (!ct.matched) applies = false;
  }
  return { ref: refOf(cs), applies, elements, conditions, principalMatch: kind ?? undefined };
}
