/**
 * The shape every condition operator family shares. An operator is a small
 * object: how it checks a policy value when the policy is validated, how it
 * prepares a policy value once per evaluation, how it reads a request value
 * once per condition, and how it compares one read request value with one
 * prepared policy value (always in the positive sense: the negated operators
 * invert the result of their base).
 */
import type { ContextScalar } from '../types.ts';
import type { PatternPiece } from '../wildcard.ts';

/** One condition operator, e.g. `StringLike` or `NumericLessThan`. */
export interface Operator<P = unknown, R = unknown> {
  name: string;
  /** True for the `...Not...` operators, which match when no value matches. */
  negated: boolean;
  /** Whether `*` and `?` in the policy's values are wildcards. */
  wildcards: boolean;
  /**
   * Whether policy variables in its values are replaced: yes for the String,
   * ARN and Bool operators; AWS lists "Policy variables – Not supported" for
   * Numeric, Date, Binary and IP address (IAM JSON policy elements:
   * Condition operators), where `${...}` is just text that is no value.
   */
  variables: boolean;
  /** Why AWS would reject this literal policy value, or null if it is fine. */
  check(value: string): string | null;
  /**
   * Prepares a policy value (variables already resolved): `text` is the
   * value, `pieces` the same split into wildcard text and literal text
   * (a variable's value is literal); an operator without wildcards reads
   * only `text` and may be given no pieces. Null: the value never matches.
   */
  prepare(text: string, pieces: PatternPiece[]): P | null;
  /**
   * True when `prepare` of a literal value returns null exactly when `check`
   * reports a problem, so that a checker may prepare once instead of both
   * (tests/unit/fast-path.test.ts holds every such operator to it).
   */
  prepareValidates?: boolean;
  /**
   * Reads a request value once, before it meets each policy value (an
   * address parsed, a date read as a time). Null: it matches no policy value.
   */
  read(requestValue: ContextScalar): R | null;
  /** Whether one read request value matches one prepared policy value. */
  test(read: R, prepared: P): boolean;
}

/** Declares an operator with typed prepared policy values and read request values. */
export function operator<P, R>(op: Operator<P, R>): Operator<unknown, unknown> {
  return op as Operator<unknown, unknown>;
}

/** Request values arrive as strings, numbers or booleans; compare them as text. */
export function asText(v: ContextScalar): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * The six comparison operators of a family whose values read as numbers
 * (`NumericLessThan`, `DateEquals`...): `read` gives NaN for a value that is
 * not one of them, and `notOne` says why a policy value is refused.
 */
export function comparisons(family: string, read: (v: ContextScalar) => number, notOne: (v: string) => string): Operator<unknown>[] {
  const readOrNull = (v: ContextScalar): number | null => { const n = read(v); return Number.isNaN(n) ? null : n; };
  const op = (suffix: string, negated: boolean, cmp: (a: number, b: number) => boolean): Operator<unknown> => operator<number, number>({
    name: family + suffix, negated, wildcards: false, variables: false, prepareValidates: true,
    check: (v) => (Number.isNaN(read(v)) ? notOne(v) : null),
    prepare: readOrNull,
    read: readOrNull,
    test: cmp,
  });
  return [
    op('Equals', false, (a, b) => a === b),
    op('NotEquals', true, (a, b) => a === b),
    op('LessThan', false, (a, b) => a < b),
    op('LessThanEquals', false, (a, b) => a <= b),
    op('GreaterThan', false, (a, b) => a > b),
    op('GreaterThanEquals', false, (a, b) => a >= b),
  ];
}
