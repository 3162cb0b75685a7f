/**
 * The shape every condition operator family shares. An operator is a small
 * object: how it checks a policy value when the policy is validated, how it
 * prepares a value once per evaluation, and how it compares one request
 * value with one prepared value (always in the positive sense: the
 * negated operators invert the result of their base).
 */
import type { ContextScalar } from '../types.ts';
import type { PatternPiece } from '../wildcard.ts';

/** One condition operator, e.g. `StringLike` or `NumericLessThan`. */
export interface Operator<P = unknown> {
  name: string;
  /** True for the `...Not...` operators, which match when no value matches. */
  negated: boolean;
  /** Whether `*` and `?` in the policy's values are wildcards. */
  wildcards: boolean;
  /** Why AWS would reject this literal policy value, or null if it is fine. */
  check(value: string): string | null;
  /**
   * Prepares a policy value (variables already resolved): `text` is the
   * value, `pieces` the same split into wildcard text and literal text
   * (a variable's value is literal). Null: the value never matches.
   */
  prepare(text: string, pieces: PatternPiece[]): P | null;
  /**
   * True when `prepare` of a literal value returns null exactly when `check`
   * reports a problem, so that a checker may prepare once instead of both
   * (tests/unit/fast-path.test.ts holds every such operator to it).
   */
  prepareValidates?: boolean;
  /** Whether one request value matches one prepared policy value. */
  test(requestValue: ContextScalar, prepared: P): boolean;
}

/** Declares an operator with a typed prepared value. */
export function operator<P>(op: Operator<P>): Operator<unknown> {
  return op as Operator<unknown>;
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
  const op = (suffix: string, negated: boolean, cmp: (a: number, b: number) => boolean): Operator<unknown> => operator<number>({
    name: family + suffix, negated, wildcards: false, prepareValidates: true,
    check: (v) => (Number.isNaN(read(v)) ? notOne(v) : null),
    prepare: (t) => { const n = read(t); return Number.isNaN(n) ? null : n; },
    test: (v, p) => { const n = read(v); return !Number.isNaN(n) && cmp(n, p); },
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
