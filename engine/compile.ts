/**
 * Stage 3: a validated policy -> matchers, built once so that evaluating
 * many requests against the same text costs little. Values without
 * variables are prepared here; values with variables keep a template that
 * is resolved per request.
 */
import type { PolicyId, PolicySlot, StatementRef } from './types.ts';
import type { ConditionSpec, Located, Policy, PrincipalSpec, Statement } from './policy.ts';
import { type Glob, compileGlob } from './wildcard.ts';
import { type ArnPattern, compileArnCodes } from './arn.ts';
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
  const values = spec.values.map((loc) => {
    const template = parseTemplate(loc.value, variables, wildcards);
    const v: CompiledConditionValue = { loc, template, dynamic: template.hasVars, prepared: null };
    if (!template.hasVars && op !== 'Null') {
      const codes = template.parts.length ? (template.parts[0] as { codes: number[] }).codes : [];
      v.prepared = op.prepare(loc.value, codes);
    }
    return v;
  });
  const nullWantsAbsent = op === 'Null' && spec.values.some((v) => v.value.toLowerCase() === 'true');
  return { spec, values, nullWantsAbsent };
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
        const codes = !template.hasVars && template.parts.length ? (template.parts[0] as { codes: number[] }).codes : [];
        return { loc, template, pattern: template.hasVars ? null : compileArnCodes(loc.value, codes) };
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
