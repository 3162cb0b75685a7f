/**
 * Evaluating one statement against one request. Every element is tested and
 * recorded, even after one has failed, so that the trace can say everything
 * a statement lacked (the explanation of an implicit deny needs it).
 */
import type { ConditionTrace, ContextScalar, ElementTrace, PrincipalMatchKind, StatementTrace } from './types.ts';
import type { CompiledCondition, CompiledStatement } from './compile.ts';
import type { PrincipalSpec } from './policy.ts';
import type { Caller, ContextMap } from './context.ts';
import { matchGlob, STAR, QMARK, codesToString } from './wildcard.ts';
import { compileArnCodes, matchArnPattern } from './arn.ts';
import { resolveTemplate } from './variables.ts';

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

function actionTrace(cs: CompiledStatement, req: RequestState): ElementTrace {
  const el = cs.notAction ? 'NotAction' : 'Action';
  for (const a of cs.actions) {
    if (matchGlob(a.glob, req.actionLower)) {
      return cs.notAction
        ? { element: el, matched: false, reason: 'notActionExcluded', pattern: a.loc.value, from: a.loc.from, to: a.loc.to }
        : { element: el, matched: true, reason: 'actionMatched', pattern: a.loc.value, from: a.loc.from, to: a.loc.to };
    }
  }
  const range = span(cs.actions.map((a) => a.loc));
  return cs.notAction
    ? { element: el, matched: true, reason: 'notActionMatched', ...range }
    : { element: el, matched: false, reason: 'actionNotMatched', ...range };
}

function span(locs: { from: number; to: number }[]): { from: number; to: number } {
  if (locs.length === 0) return { from: 0, to: 0 };
  return { from: locs[0].from, to: locs[locs.length - 1].to };
}

function resourceTrace(cs: CompiledStatement, req: RequestState): ElementTrace | null {
  const list = cs.resources;
  if (!list) return null;
  const el = cs.notResource ? 'NotResource' : 'Resource';
  let unresolved = false;
  for (const r of list) {
    let pattern = r.pattern;
    if (!pattern) {
      const codes = resolveTemplate(r.template, req.ctx);
      if (!codes) { unresolved = true; continue; }
      pattern = compileArnCodes(r.loc.value, codes);
    }
    if (matchArnPattern(pattern, req.resource, req.resourceSegs)) {
      return cs.notResource
        ? { element: el, matched: false, reason: 'notResourceExcluded', pattern: r.loc.value, from: r.loc.from, to: r.loc.to }
        : { element: el, matched: true, reason: 'resourceMatched', pattern: r.loc.value, from: r.loc.from, to: r.loc.to };
    }
  }
  const range = span(list.map((r) => r.loc));
  if (cs.notResource) return { element: el, matched: true, reason: 'notResourceMatched', ...range };
  return { element: el, matched: false, reason: unresolved ? 'resourceVariableUnresolved' : 'resourceNotMatched', ...range };
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
    if (v === caller.arn) return 'direct';
    if (caller.roleArn && v === caller.roleArn) best = 'role';
    else if (best === null && (v === caller.account || v === `arn:aws:iam::${caller.account}:root`)) best = 'account';
  }
  return best;
}

/** Whether NotPrincipal's list exempts the caller: its own identity and its account must both be listed. */
function exemptedBy(spec: PrincipalSpec, caller: Caller, hasBoundary: boolean): boolean {
  if (spec.anyone) return true;
  if (caller.kind === 'service') return spec.service.some((s) => s.value.toLowerCase() === caller.service);
  if (caller.kind === 'anonymous' || caller.kind === 'unknown') return false;
  if (hasBoundary) return false;
  const listed = (v: string): boolean => spec.aws.some((a) => a.value === v);
  const accountListed = listed(caller.account) || listed(`arn:aws:iam::${caller.account}:root`);
  if (caller.kind === 'root') return accountListed;
  const selfListed = listed(caller.arn) || (caller.roleArn !== '' && listed(caller.roleArn));
  return selfListed && accountListed;
}

function principalTrace(cs: CompiledStatement, req: RequestState): { trace: ElementTrace; kind?: PrincipalMatchKind } | null {
  const spec = cs.principal;
  if (!spec) return null;
  if (cs.notPrincipal) {
    const exempt = exemptedBy(spec, req.caller, req.hasBoundary);
    return { trace: { element: 'NotPrincipal', matched: !exempt, reason: exempt ? 'notPrincipalExcluded' : 'notPrincipalMatched', from: spec.from, to: spec.to }, kind: exempt ? undefined : 'anyone' };
  }
  const kind = principalMatch(spec, req.caller);
  return {
    trace: { element: 'Principal', matched: kind !== null, reason: kind !== null ? 'principalMatched' : 'principalNotMatched', from: spec.from, to: spec.to },
    kind: kind ?? undefined,
  };
}

function asString(codes: number[]): string {
  // Outside a wildcard operator, the template's own wildcards are ordinary characters.
  const out = new Array<number>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] === STAR ? 42 : codes[i] === QMARK ? 63 : codes[i];
  return codesToString(out);
}

/** Evaluates one condition key test. */
export function conditionTrace(c: CompiledCondition, ctx: ContextMap): ConditionTrace {
  const spec = c.spec;
  const values = ctx.get(spec.keyLower);
  const present = values !== undefined && values.length > 0;
  const base = { operator: spec.operatorText, key: spec.key, from: spec.from, to: spec.to } as const;
  const op = spec.parsed.op;
  if (op === 'Null') {
    const matched = c.nullWantsAbsent ? !present : present;
    const t: ConditionTrace = { ...base, matched, reason: matched ? 'conditionNullMatched' : 'conditionNullNotMatched', policyValues: spec.values.map((v) => v.value) };
    if (present) t.requestValues = values;
    return t;
  }
  // Resolve the policy's values against this request.
  const prepared: unknown[] = [];
  const policyValues: string[] = [];
  let unresolved = false;
  for (const v of c.values) {
    if (!v.dynamic) { prepared.push(v.prepared); policyValues.push(v.loc.value); continue; }
    const codes = resolveTemplate(v.template, ctx);
    if (!codes) { unresolved = true; prepared.push(null); policyValues.push(v.loc.value); continue; }
    const text = asString(codes);
    policyValues.push(text);
    prepared.push(op.prepare(text, op.wildcards ? codes : codes.map((x) => (x === STAR ? 42 : x === QMARK ? 63 : x))));
  }
  const anyPolicy = (rv: ContextScalar): boolean => {
    for (const p of prepared) if (p !== null && op.test(rv, p)) return true;
    return false;
  };
  const set = spec.parsed.set;
  let matched: boolean;
  let reason: ConditionTrace['reason'];
  if (!present) {
    if (set === 'ForAllValues') { matched = true; reason = 'conditionForAllValuesEmpty'; }
    else if (set === 'ForAnyValue') { matched = false; reason = 'conditionKeyMissing'; }
    else if (spec.parsed.ifExists) { matched = true; reason = 'conditionKeyMissingIfExists'; }
    else if (op.negated) { matched = true; reason = 'conditionMatched'; }
    else { matched = false; reason = 'conditionKeyMissing'; }
  } else {
    const one = (rv: ContextScalar): boolean => (op.negated ? !anyPolicy(rv) : anyPolicy(rv));
    if (set === 'ForAllValues') matched = values.every(one);
    else if (set === 'ForAnyValue') matched = values.some(one);
    else matched = op.negated ? values.every(one) : values.some(one);
    reason = matched ? 'conditionMatched' : unresolved && !op.negated ? 'conditionValueUnresolved' : 'conditionNotMatched';
  }
  const t: ConditionTrace = { ...base, matched, reason, policyValues };
  if (present) t.requestValues = values;
  return t;
}

/** Evaluates a statement: whether it applies, and the trace of every test. */
export function evaluateStatement(cs: CompiledStatement, req: RequestState): StatementTrace {
  const elements: ElementTrace[] = [actionTrace(cs, req)];
  const r = resourceTrace(cs, req);
  if (r) elements.push(r);
  const p = principalTrace(cs, req);
  if (p) elements.push(p.trace);
  let applies = true;
  for (const e of elements) if (!e.matched) { applies = false; break; }
  const conditions: ConditionTrace[] = new Array(cs.conditions.length);
  for (let i = 0; i < cs.conditions.length; i++) {
    const ct = conditionTrace(cs.conditions[i], req.ctx);
    conditions[i] = ct;
    if (!ct.matched) applies = false;
  }
  const trace: StatementTrace = { ref: cs.ref, applies, elements, conditions };
  if (p?.kind) trace.principalMatch = p.kind;
  return trace;
}
