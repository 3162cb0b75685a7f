/**
 * Tiny helpers for the engine's unit tests, so that each test reads as one
 * line about what a learner would notice: the message of a diagnostic and
 * the text it underlines (never raw offsets), or the decision of a request.
 *
 * Diagnostic helpers take a policy text in which the expected underline may
 * be marked with `«` and `»` (the markers are removed before the text is
 * checked). Without markers, the expected underlined text is given as a
 * string and the helper checks that some diagnostic with the code underlines
 * exactly that text.
 */
import assert from 'node:assert/strict';
import {
  parse, checkPolicy, prepare, evaluate, isTrustRequest,
  type Diagnostic, type PolicyKind, type PoliciesInput, type PrincipalInput, type RequestInput,
  type EvaluationResult, type Decision,
} from '../../engine/index.ts';

/** `json` runs only the parser; a policy kind runs parse + validate for that kind. */
export type Stage = PolicyKind | 'json';

/** A diagnostic with the text it underlines. */
export interface Seen extends Diagnostic {
  underlined: string;
}

/** Removes `«` `»` markers; returns the text and the marked range, if any. */
export function unmark(marked: string): { text: string; range: { from: number; to: number } | null } {
  const open = marked.indexOf('«');
  if (open < 0) return { text: marked, range: null };
  const close = marked.indexOf('»', open);
  assert.ok(close > open, 'a « marker needs a closing »');
  const text = marked.slice(0, open) + marked.slice(open + 1, close) + marked.slice(close + 1);
  return { text, range: { from: open, to: close - 1 } };
}

/** Every diagnostic of a text at a stage, each with its underlined text. */
export function diagnose(text: string, stage: Stage): Seen[] {
  const ds = stage === 'json' ? parse(text).diagnostics : checkPolicy(text, stage).diagnostics;
  return ds.map((d) => ({ ...d, underlined: text.slice(d.from, d.to) }));
}

function listing(ds: Seen[]): string {
  if (ds.length === 0) return '  (no diagnostics)';
  return ds.map((d) => `  ${d.severity} ${d.code} on ${JSON.stringify(d.underlined)}: ${d.message}${d.hint ? ` [hint: ${d.hint}]` : ''}`).join('\n');
}

function messageMatches(d: Diagnostic, want: string | RegExp | undefined): boolean {
  if (want === undefined) return true;
  const all = `${d.message}${d.hint ? `\n${d.hint}` : ''}`;
  return typeof want === 'string' ? all.includes(want) : want.test(all);
}

/**
 * Asserts that checking `marked` at `stage` reports `code`, underlining
 * `underlined` (or the «marked» span when `underlined` is null), with a
 * message (or hint) containing `message` when given.
 */
export function expectDiagnostic(
  marked: string, stage: Stage, code: string, underlined: string | null, message?: string | RegExp,
): void {
  findDiagnostic(marked, stage, code, underlined, message);
}

/** The same assertion as `expectDiagnostic`, returning the diagnostic found (to check its severity or hint). */
export function findDiagnostic(
  marked: string, stage: Stage, code: string, underlined: string | null, message?: string | RegExp,
): Seen {
  const { text, range } = unmark(marked);
  const ds = diagnose(text, stage);
  const want = underlined ?? (range ? text.slice(range.from, range.to) : null);
  assert.ok(want !== null, 'give the underlined text or mark it with «»');
  const hit = ds.find((d) => d.code === code && d.underlined === want
    && (!range || (d.from === range.from && d.to === range.to)) && messageMatches(d, message));
  assert.ok(hit, `expected ${code} underlining ${JSON.stringify(want)}${message ? ` with message ${String(message)}` : ''}; got:\n${listing(ds)}`);
  return hit;
}

/** Asserts that no diagnostic with `code` (or no error at all, when `code` is omitted) is reported. */
export function expectNoDiagnostic(text: string, stage: Stage, code?: string): void {
  const ds = diagnose(text, stage);
  const bad = code ? ds.filter((d) => d.code === code) : ds.filter((d) => d.severity === 'error');
  assert.equal(bad.length, 0, `expected no ${code ?? 'error'}; got:\n${listing(ds)}`);
}

/** Asserts that a policy text is valid for its kind (warnings allowed). */
export function expectValid(text: string, kind: PolicyKind): void {
  validDiagnostics(text, kind);
}

/** Asserts that a policy text is valid for its kind and returns its diagnostics (warnings). */
export function validDiagnostics(text: string, kind: PolicyKind): Seen[] {
  const r = checkPolicy(text, kind);
  const ds = r.diagnostics.map((d) => ({ ...d, underlined: text.slice(d.from, d.to) }));
  assert.ok(r.policy, `expected a valid ${kind} policy; got:\n${listing(ds)}`);
  return ds;
}

/** A policy text (2-space indented JSON) from statements; `top` adds or overrides top-level members. */
export function policy(statements: object | object[], top: Record<string, unknown> = { Version: '2012-10-17' }): string {
  return JSON.stringify({ ...top, Statement: statements }, null, 2);
}

/** A statement that allows `action` on `resource`. */
export function allow(action: string | string[], resource: string | string[] = '*', extra: object = {}): object {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** A statement that denies `action` on `resource`. */
export function deny(action: string | string[], resource: string | string[] = '*', extra: object = {}): object {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/** Common principals of the tests. */
export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
export const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/alice-session`;
export const BUCKET = 'arn:aws:s3:::example-bucket';
export const OBJECT = 'arn:aws:s3:::example-bucket/report.csv';

/** Builds a principal: an ARN string, or a full PrincipalInput. */
export function who(p: string | PrincipalInput): PrincipalInput {
  return typeof p === 'string' ? { arn: p, ...(p === SESSION ? { roleArn: ROLE } : {}) } : p;
}

/** The grammar of the resource slot for a request, as evaluateCase picks it. */
export function kindFor(r: RequestInput): 'resource' | 'trust' {
  return isTrustRequest(r.action, r.resource) ? 'trust' : 'resource';
}

/**
 * Evaluates one request against policies and returns the full result.
 * Throws (failing the test) when a policy is invalid, listing why.
 */
export function run(
  principal: string | PrincipalInput, request: RequestInput, policies: PoliciesInput,
  options: { trace?: boolean; resourceKind?: 'resource' | 'trust' } = {},
): EvaluationResult {
  const kind = options.resourceKind ?? kindFor(request);
  const prepared = prepare(policies, kind);
  assert.deepEqual(prepared.errors.map((e) => `${e.policyId}: ${e.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`), [],
    'every policy of the test should be valid');
  return evaluate(who(principal), request, prepared, { trace: options.trace ?? true });
}

/** The decision for one request (see `run`). */
export function decide(principal: string | PrincipalInput, request: RequestInput, policies: PoliciesInput): Decision {
  return run(principal, request, policies).decision;
}

/** A request: action, resource and optional context. */
export function req(action: string, resource = '*', context?: RequestInput['context'], resourceAccount?: string): RequestInput {
  const r: RequestInput = { action, resource };
  if (context) r.context = context;
  if (resourceAccount) r.resourceAccount = resourceAccount;
  return r;
}

/**
 * The decision for a request made by alice under one identity policy with
 * one statement: the shortest way to observe a condition operator.
 */
export function withCondition(condition: object, context: RequestInput['context'], effect: 'Allow' | 'Deny' = 'Allow'): Decision {
  const statements: object[] = [{ Effect: effect, Action: 's3:GetObject', Resource: '*', Condition: condition }];
  if (effect === 'Deny') statements.push(allow('s3:GetObject'));
  return decide(ALICE, req('s3:GetObject', OBJECT, context), { identity: [JSON.parse(policy(statements))] });
}
