/**
 * Stage 3: a validated policy -> matchers, built once so that evaluating
 * many requests against the same text costs little. Values without
 * variables are prepared here; values with variables keep a template that
 * is resolved per request.
 */
import type { PolicyId, PolicySlot, StatementRef } from './types.ts';
import type { ConditionSpec, Located, Policy, PrincipalSpec, Statement } from './policy.ts';
import { type Glob, compileGlob } from './wildcard.ts';
import { type ArnPattern, compileArnPattern, compileArnPieces } from './arn.ts';
import { type Template, parseTemplate } from './variables.ts';

/** A resource pattern: prepared when static, else a template. */
export interface CompiledResource {
  loc: Located;
  template: Template;
  pattern: ArnPattern | null;
}

/** A condition value: prepared when static (`prepared` undefined means dynamic). */
export interface CompiledConditionValue {
  loc: Located;
  template: Template;
  dynamic: boolean;
  prepared: unknown;
}

/** A condition test ready to run. */
export interface CompiledCondition {
  spec: ConditionSpec;
  values: CompiledConditionValue[];
  /** For Null: whether the policy says the key must be absent. */
  nullWantsAbsent: boolean;
  /** The prepared values when none has a variable (null entries never match). */
  staticPrepared: unknown[];
}

/** A statement ready to run. */
export interface CompiledStatement {
  st: Statement;
  ref: StatementRef;
  actions: { loc: Located; glob: Glob }[];
  notAction: boolean;
  resources: CompiledResource[] | null;
  notResource: boolean;
  principal: PrincipalSpec | null;
  notPrincipal: boolean;
  conditions: CompiledCondition[];
}

/** A policy ready to run, with where it sits in the set in force. */
export interface CompiledPolicy {
  id: PolicyId;
  slot: PolicySlot;
  policy: Policy;
  statements: CompiledStatement[];
}

function compileCondition(spec: ConditionSpec, variables: boolean): CompiledCondition {
  const op = spec.parsed.op;
  const wildcards = op !== 'Null' && op.wildcards;
  const values = spec.values.map((loc, i) => {
    const template = parseTemplate(loc.value, variables, wildcards);
    const v: CompiledConditionValue = { loc, template, dynamic: template.hasVars, prepared: null };
    if (template.plain !== null && spec.prepared[i] !== undefined) v.prepared = spec.prepared[i];
    else if (!template.hasVars && op !== 'Null') {
      // Without variables the pieces are fixed; escapes like `${*}` are resolved here.
      const pieces = template.parts.map((p) => (p.t === 'text' ? p : { text: '', wild: false }));
      v.prepared = op.prepare(pieces.map((p) => p.text).join(''), pieces);
    }
    return v;
  });
  const nullWantsAbsent = op === 'Null' && spec.values.some((v) => v.value.toLowerCase() === 'true');
  return { spec, values, nullWantsAbsent, staticPrepared: values.map((v) => v.prepared) };
}

function compileStatement(st: Statement, id: PolicyId, slot: PolicySlot, variables: boolean): CompiledStatement {
  const ref: StatementRef = { policyId: id, slot, index: st.index, effect: st.effect, from: st.from, to: st.to };
  if (st.sid !== undefined) ref.sid = st.sid;
  const actionList = st.action ?? st.notAction ?? [];
  const resourceList = st.resource ?? st.notResource;
  return {
    st,
    ref,
    actions: actionList.map((loc) => ({ loc, glob: compileGlob(loc.value, true) })),
    notAction: st.notAction !== null,
    resources: resourceList
      ? resourceList.map((loc) => {
        const template = parseTemplate(loc.value, variables, true);
        let pattern: ArnPattern | null = null;
        if (template.plain !== null) pattern = compileArnPattern(template.plain);
        else if (!template.hasVars) pattern = compileArnPieces(loc.value, template.parts.map((p) => (p.t === 'text' ? p : { text: '', wild: false })));
        return { loc, template, pattern };
      })
      : null,
    notResource: st.notResource !== null,
    principal: st.principal ?? st.notPrincipal,
    notPrincipal: st.notPrincipal !== null,
    conditions: st.conditions.map((c) => compileCondition(c, variables)),
  };
}

/** Compiles a validated policy placed at `id` in the `slot` family. */
export function compile(policy: Policy, id: PolicyId, slot: PolicySlot): CompiledPolicy {
  return {
    id, slot, policy,
    statements: policy.statements.map((st) => compileStatement(st, id, slot, policy.variables)),
  };
}
