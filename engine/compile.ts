/**
 * Stage 3: a validated policy -> statements ready to run. Compiling is kept
 * to what evaluation cannot do as cheaply itself, since a policy is compiled
 * for every check: action and plain resource patterns are matched straight
 * from the policy's text (linear matchers, no regular expressions), condition
 * values were prepared by validation, and values with policy variables or
 * escapes get a template, resolved per request, the first time a request
 * reaches them. Nothing here outlives the compiled policy.
 */
import type { PolicyId, PolicySlot, StatementRef } from './types.ts';
import type { ConditionSpec, Located, Policy, PrincipalSpec, Statement } from './policy.ts';
import { type ArnPattern, compileArnPieces, resourcePartAfterVariable } from './arn.ts';
import { type Template, hasVariableMark, parseTemplate } from './variables.ts';
import { lowerName } from './context.ts';
import { nullWantsAbsent } from './operators/index.ts';
import type { PatternPiece } from './wildcard.ts';

/** A Resource/NotResource entry with a policy variable or an escape. */
export interface CompiledResource {
  template: Template;
  /** Set when the template has no variable (escapes only): fixed once here. */
  pattern: ArnPattern | null;
}

/** A condition test ready to run. */
export interface CompiledCondition {
  spec: ConditionSpec;
  /** The key lower-cased, as the request context is keyed (AWS ignores case in key names). */
  keyLower: string;
  /** For Null: whether the policy says the key must be absent. */
  nullWantsAbsent: boolean;
  /**
   * The prepared value of each policy value (null never matches); for a
   * value with a variable, null here and resolved per request.
   */
  staticPrepared: unknown[];
  /** Per value, its template when it has a variable; null when no value has one. */
  dynamic: (Template | null)[] | null;
}

/**
 * A statement ready to run. Only what every request needs is set up front;
 * resource templates and condition tests are built the first time a request
 * gets that far (most statements stop at their Action), see
 * resourceTemplatesOf and conditionsOf.
 */
export interface CompiledStatement {
  st: Statement;
  /** Built on first use (see refOf): most statements never decide anything. */
  ref: StatementRef | null;
  id: PolicyId;
  slot: PolicySlot;
  /** Version 2012-10-17: `${...}` is a policy variable. */
  variables: boolean;
  /** The Action or NotAction patterns, as written (matched with matchAction). */
  actions: Located[];
  notAction: boolean;
  /** The Resource or NotResource patterns, as written; null when absent. */
  resources: Located[] | null;
  notResource: boolean;
  /** Per resource, its template when it has a variable or escape; null when none has (see resourceTemplatesOf). */
  resourceTemplates: (CompiledResource | null)[] | null;
  resourcesReady: boolean;
  principal: PrincipalSpec | null;
  notPrincipal: boolean;
  /** The condition tests (see conditionsOf). */
  conditions: CompiledCondition[];
  conditionsReady: boolean;
}

/** A policy ready to run, with where it sits in the set in force. */
export interface CompiledPolicy {
  id: PolicyId;
  slot: PolicySlot;
  policy: Policy;
  statements: CompiledStatement[];
}

const NO_CONDITIONS: CompiledCondition[] = [];
const NO_ACTIONS: Located[] = [];
const NO_PREPARED: unknown[] = [];

/** The statement's reference (policy, index, Sid, range), made once when first asked. */
export function refOf(cs: CompiledStatement): StatementRef {
  if (cs.ref !== null) return cs.ref;
  const st = cs.st;
  const ref: StatementRef = { policyId: cs.id, slot: cs.slot, index: st.index, effect: st.effect, from: st.from, to: st.to };
  if (st.sid !== undefined) ref.sid = st.sid;
  cs.ref = ref;
  return ref;
}

function compileCondition(spec: ConditionSpec, variables: boolean): CompiledCondition {
  const op = spec.parsed.op;
  const values = spec.values;
  if (op === 'Null') {
    return { spec, keyLower: lowerName(spec.key), nullWantsAbsent: nullWantsAbsent(values.map((v) => v.value)), staticPrepared: NO_PREPARED, dynamic: null };
  }
  // Validation prepared every value but those with `${` under Version 2012-10-17, for operators that take variables.
  let prepared = spec.prepared;
  let dynamic: (Template | null)[] | null = null;
  if (variables && op.variables) {
    for (let i = 0; i < values.length; i++) {
      const text = values[i].value;
      if (!hasVariableMark(text)) continue;
      if (prepared === spec.prepared) prepared = spec.prepared.slice();
      const template = parseTemplate(text, true, op.wildcards);
      if (!template.hasVars) {
        // Without variables the pieces are fixed; escapes like `${*}` are resolved here.
        const pieces = fixedPieces(template);
        prepared[i] = op.prepare(pieces.map((p) => p.text).join(''), pieces);
      } else {
        prepared[i] = null;
        dynamic ??= new Array<Template | null>(values.length).fill(null);
        dynamic[i] = template;
      }
    }
  }
  return { spec, keyLower: lowerName(spec.key), nullWantsAbsent: false, staticPrepared: prepared, dynamic };
}

/** The pieces of a template without variables: all its parts are text. */
function fixedPieces(t: Template): PatternPiece[] {
  return t.parts as PatternPiece[];
}

/**
 * A Resource's template: variables are replaced only after the ARN's fifth
 * colon; before it, `${...}` is plain text (IAM User Guide, policy variables:
 * "You can't use a variable to replace parts of the ARN before the fifth colon").
 */
function resourceTemplate(text: string): Template {
  const cut = resourcePartAfterVariable(text);
  if (cut < 0) return parseTemplate(text, true, true);
  const rest = parseTemplate(text.slice(cut), true, true);
  if (rest.plain !== null) return { parts: [{ t: 'text', text, wild: true }], hasVars: false, plain: text };
  return { parts: [{ t: 'text', text: text.slice(0, cut), wild: true }, ...rest.parts], hasVars: rest.hasVars, plain: null };
}

function compileResources(list: Located[]): (CompiledResource | null)[] | null {
  let out: (CompiledResource | null)[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const loc = list[i];
    if (!hasVariableMark(loc.value)) continue;
    const template = resourceTemplate(loc.value);
    let pattern: ArnPattern | null = null;
    if (template.plain !== null) continue;
    if (!template.hasVars) pattern = compileArnPieces(fixedPieces(template));
    out ??= new Array<CompiledResource | null>(list.length).fill(null);
    out[i] = { template, pattern };
  }
  return out;
}

function compileStatement(st: Statement, id: PolicyId, slot: PolicySlot, variables: boolean): CompiledStatement {
  return {
    st,
    ref: null,
    id,
    slot,
    variables,
    actions: st.action ?? st.notAction ?? NO_ACTIONS,
    notAction: st.notAction !== null,
    resources: st.resource ?? st.notResource,
    notResource: st.notResource !== null,
    resourceTemplates: null,
    resourcesReady: false,
    principal: st.principal ?? st.notPrincipal,
    notPrincipal: st.notPrincipal !== null,
    conditions: NO_CONDITIONS,
    conditionsReady: st.conditions.length === 0,
  };
}

/** The statement's resource templates (null entries: plain patterns), built on first use. */
export function resourceTemplatesOf(cs: CompiledStatement): (CompiledResource | null)[] | null {
  if (!cs.resourcesReady) {
    // Without Version 2012-10-17 a `${...}` is plain text.
    cs.resourceTemplates = cs.resources !== null && cs.variables ? compileResources(cs.resources) : null;
    cs.resourcesReady = true;
  }
  return cs.resourceTemplates;
}

/** The statement's condition tests, built on first use. */
export function conditionsOf(cs: CompiledStatement): CompiledCondition[] {
  if (!cs.conditionsReady) {
    const specs = cs.st.conditions;
    const conditions = new Array<CompiledCondition>(specs.length);
    for (let i = 0; i < specs.length; i++) conditions[i] = compileCondition(specs[i], cs.variables);
    cs.conditions = conditions;
    cs.conditionsReady = true;
  }
  return cs.conditions;
}

/** Compiles a validated policy placed at `id` in the `slot` family. */
export function compile(policy: Policy, id: PolicyId, slot: PolicySlot): CompiledPolicy {
  const sts = policy.statements;
  const statements = new Array<CompiledStatement>(sts.length);
  for (let i = 0; i < sts.length; i++) statements[i] = compileStatement(sts[i], id, slot, policy.variables);
  return { id, slot, policy, statements };
}
