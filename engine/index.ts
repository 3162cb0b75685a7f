/**
 * IAM Lab's policy engine: parse -> validate -> compile -> evaluate ->
 * explain, each a pure function over plain data. No DOM, no network.
 *
 * ```ts
 * const prepared = prepare({ identity: [policyText] });
 * const result = evaluate({ arn: 'arn:aws:iam::111122223333:user/alice' },
 *   { action: 's3:GetObject', resource: 'arn:aws:s3:::example-bucket/a.txt' }, prepared);
 * result.decision; // 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'
 * explain(result).sentences;
 * ```
 */
export type * from './types.ts';
export type { JsonNode } from './json.ts';
export type { Policy } from './policy.ts';
export type { PreparedPolicies, CheckResult } from './check.ts';
export type { Explanation } from './explain.ts';
export { parse } from './parse.ts';
export { validate, SIZE_LIMITS } from './validate.ts';
export { checkPolicy, compiledPolicies, prepare } from './check.ts';
export { isTrustRequest, mapPolicySet, policiesOf } from './requests.ts';
export { compile } from './compile.ts';
export { evaluate, evaluateCase } from './evaluate.ts';
export type { EvaluateOptions } from './evaluate.ts';
export { explain, describeStatement, describeMiss, STEP_LABELS } from './explain.ts';
export { compileGlob, matchGlob } from './wildcard.ts';
export { lintActions, lintConditionKeys, servicesNamed } from './lint.ts';
export type { ActionCatalogue } from './lint.ts';
