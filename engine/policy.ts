/**
 * The typed policy that validation produces and compilation reads. Every
 * value keeps the range of its text.
 */
import type { PolicyKind, Range } from './types.ts';
import type { ParsedOperator } from './operators/index.ts';

/** A string from the policy, with where it stands. */
export interface Located extends Range {
  value: string;
}

/** A Principal or NotPrincipal element. */
export interface PrincipalSpec extends Range {
  /** `"Principal": "*"` or `{"AWS": "*"}`: everyone, anonymous callers included. */
  anyone: boolean;
  aws: Located[];
  service: Located[];
  federated: Located[];
  canonicalUser: Located[];
}

/** One condition test: an operator applied to one key. */
export interface ConditionSpec extends Range {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  operatorText: string;
  parsed: ParsedOperator;
  key: string;
  values: Located[];
  /**
   * Each value prepared by its operator at validation (so compile does not
   * parse it again); undefined for a value with a policy variable, which is
   * prepared per request.
   */
  prepared: unknown[];
}

/** A statement. Exactly one of action/notAction, and of resource/notResource. */
export interface Statement extends Range {
  index: number;
  /** Undefined when the statement has no Sid (always present, so every statement has one shape). */
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  action: Located[] | null;
  notAction: Located[] | null;
  /** Null when the element is absent (trust policies have none). */
  resource: Located[] | null;
  notResource: Located[] | null;
  principal: PrincipalSpec | null;
  notPrincipal: PrincipalSpec | null;
  conditions: ConditionSpec[];
}

/** A policy that passed validation (possibly with warnings). */
export interface Policy {
  kind: PolicyKind;
  version: string | null;
  /** True under Version 2012-10-17: `${...}` is a variable. */
  variables: boolean;
  statements: Statement[];
}
