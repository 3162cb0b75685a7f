/**
 * Public data types of the IAM Lab engine. Everything here is plain data:
 * no classes, no functions, so that results can cross a worker boundary,
 * be stored, or be compared in tests.
 */

/** A half-open span of UTF-16 offsets into the policy text, as CodeMirror uses. */
export interface Range {
  from: number;
  to: number;
}

/** How serious a diagnostic is. `error` makes AWS reject the policy. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about a policy text. `code` is stable (tests and the site key
 * on it); `message` starts lower-case and puts the user's text in backticks.
 */
export interface Diagnostic extends Range {
  code: string;
  severity: Severity;
  message: string;
  /** A suggested fix, when there is one. */
  hint?: string;
  /** JSON path of the element, e.g. `Statement[1].Condition`. */
  path: string;
}

/** The kind of policy, which decides the grammar it must follow. */
export type PolicyKind =
  | 'identity'
  | 'resource'
  | 'trust'
  | 'boundary'
  | 'session'
  | 'scp'
  | 'rcp';

/** The three decisions AWS can reach. */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A request context value: a scalar or a multivalued key's array. */
export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | ContextScalar[];

/**
 * Who makes the request, as in `shared/conformance/FORMAT.md`: exactly one
 * of `arn`, `service` or `anonymous`.
 */
export interface PrincipalInput {
  arn?: string;
  /** For an assumed-role session: the role's full ARN, with its path. */
  roleArn?: string;
  tags?: Record<string, string>;
  service?: string;
  anonymous?: boolean;
}

/** The request being authorized. */
export interface RequestInput {
  action: string;
  resource: string;
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
}

/** A policy as given: a parsed JSON value, or raw text. */
export type PolicyInput = string | object;

/**
 * The slots of the policies in force for one request (FORMAT.md
 * `policies`), each holding a `P`: the policy as given, as text, ...
 */
export interface PolicySet<P> {
  identity?: P[];
  resource?: P;
  permissionsBoundary?: P;
  session?: P[];
  /** One list per level, from the organization root down to the account. */
  scp?: P[][];
  rcp?: P[][];
}

/** Every policy in force for one request (FORMAT.md `policies`). */
export type PoliciesInput = PolicySet<PolicyInput>;

/** One conformance case (FORMAT.md). */
export interface CaseInput {
  id: string;
  description?: string;
  source?: string;
  principal: PrincipalInput;
  request: RequestInput;
  policies?: PoliciesInput;
  expect?: { decision?: Decision; error?: 'InvalidPolicy' };
}

/**
 * Where a policy sits in the set in force: `identity[0]`, `resource`,
 * `permissionsBoundary`, `session[0]`, `scp[1][0]`, `rcp[0][2]`.
 */
export type PolicyId = string;

/** The policy-type families, in the order of AWS's evaluation flowchart. */
export type PolicySlot =
  | 'identity'
  | 'resource'
  | 'permissionsBoundary'
  | 'session'
  | 'scp'
  | 'rcp';

/** A statement, located: which policy, which index, its Sid and its text range. */
export interface StatementRef extends Range {
  policyId: PolicyId;
  slot: PolicySlot;
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

/** Why an element matched or not: a fixed table the site turns into words. */
export type MatchReason =
  | 'actionMatched'
  | 'actionNotMatched'
  | 'notActionExcluded'
  | 'notActionMatched'
  | 'resourceMatched'
  | 'resourceNotMatched'
  | 'notResourceExcluded'
  | 'notResourceMatched'
  | 'resourceVariableUnresolved'
  | 'principalMatched'
  | 'principalNotMatched'
  | 'notPrincipalExcluded'
  | 'notPrincipalMatched'
  /** NotPrincipal lists the caller, but with Deny it denies every principal that has a permissions boundary. */
  | 'notPrincipalBoundary'
  | 'conditionMatched'
  | 'conditionNotMatched'
  | 'conditionKeyMissing'
  | 'conditionKeyMissingIfExists'
  | 'conditionNullMatched'
  | 'conditionNullNotMatched'
  /** ForAllValues on a key that is absent or whose value is empty (a null dataset): met. */
  | 'conditionForAllValuesEmpty'
  /** ForAnyValue on a key whose value is empty (a null dataset): not met. */
  | 'conditionEmptyValue'
  | 'conditionValueUnresolved';

/** The outcome of one element test in a statement. */
export interface ElementTrace extends Range {
  element: 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';
  matched: boolean;
  reason: MatchReason;
  /** The pattern that matched, when one did. */
  pattern: string | undefined;
}

/** The outcome of one condition key test. */
export interface ConditionTrace extends Range {
  operator: string;
  key: string;
  matched: boolean;
  reason: MatchReason;
  /** The request's value(s) for the key; undefined when the key is missing. */
  requestValues: ContextScalar[] | undefined;
  /** The policy's values, after variable substitution. */
  policyValues: string[];
}

/**
 * How a resource-based policy statement named the caller, which decides
 * whether its Allow needs the identity side too (AWS: an account principal
 * delegates to IAM policies; a user or session ARN grants directly).
 */
export type PrincipalMatchKind = 'direct' | 'role' | 'account' | 'anyone' | 'service';

/** One statement's evaluation. */
export interface StatementTrace {
  ref: StatementRef;
  /** Whether every element (and every condition) matched. */
  applies: boolean;
  elements: ElementTrace[];
  conditions: ConditionTrace[];
  /** In a resource-based or trust policy: how the Principal matched. */
  principalMatch: PrincipalMatchKind | undefined;
}

/** One policy's evaluation. */
export interface PolicyTrace {
  policyId: PolicyId;
  slot: PolicySlot;
  statements: StatementTrace[];
  /** Did an Allow statement apply? Did a Deny? */
  allows: boolean;
  denies: boolean;
}

/** The steps of AWS's evaluation flowchart, in order. */
export type FlowStepId =
  | 'denyCheck'
  | 'rcp'
  | 'scp'
  | 'resource'
  | 'identity'
  | 'boundary'
  | 'session';

/**
 * A step the request passed through. `outcome`: `continue` (go on to the
 * next step), `allow` / `deny` / `implicitDeny` (the decision was made here),
 * or `skipped` (no such policy applies to this request).
 */
export interface FlowStep {
  step: FlowStepId;
  outcome: 'continue' | 'allow' | 'deny' | 'implicitDeny' | 'skipped';
  /** A machine-readable detail from a fixed table (see explain.ts). */
  note: string;
}

/** A statement that came close to allowing an implicitly denied request. */
export interface NearMiss {
  ref: StatementRef;
  /** The elements and conditions that did not match. */
  missing: (ElementTrace | ConditionTrace)[];
}

/** The full result of evaluating one request. */
export interface EvaluationResult {
  decision: Decision;
  /** The statements that decided: the Deny(s) for ExplicitDeny, the Allow(s) for Allow. */
  deciding: StatementRef[];
  /** For an implicit deny: the Allow statements that came closest. */
  closest: NearMiss[];
  /** The first flowchart step that denied, or null when allowed. */
  deniedAt: FlowStepId | null;
  steps: FlowStep[];
  policies: PolicyTrace[];
  /** What the resource slot's policy is for this request: a role's trust policy, a KMS key policy, or another resource-based policy. */
  resourcePolicy: 'trust' | 'key' | 'resource';
}

/** What checking a case can give: a decision, or the policies' errors. */
export type CaseOutcome =
  | { kind: 'decision'; result: EvaluationResult }
  | { kind: 'invalid'; policyId: PolicyId; diagnostics: Diagnostic[] };
