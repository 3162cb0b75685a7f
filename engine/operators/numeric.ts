/** Numeric operators. Policy values must be numbers (written as text or as JSON numbers). */
import { operator } from './types.ts';
import type { ContextScalar } from '../types.ts';

const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Reads a number from a request or policy value; NaN when it is not one. */
export function toNumber(v: ContextScalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMBER.test(v)) return Number(v);
  return NaN;
}

function numeric(name: string, negated: boolean, cmp: (a: number, b: number) => boolean) {
  return operator<number>({
    name, negated, wildcards: false, prepareValidates: true,
    check: (v) => (NUMBER.test(v) ? null : `\`${v}\` is not a number`),
    prepare: (t) => { const n = toNumber(t); return Number.isNaN(n) ? null : n; },
    test: (v, p) => { const n = toNumber(v); return !Number.isNaN(n) && cmp(n, p); },
  });
}

/** The numeric family. */
export const numericOperators = [
  numeric('NumericEquals', false, (a, b) => a === b),
  numeric('NumericNotEquals', true, (a, b) => a === b),
  numeric('NumericLessThan', false, (a, b) => a < b),
  numeric('NumericLessThanEquals', false, (a, b) => a <= b),
  numeric('NumericGreaterThan', false, (a, b) => a > b),
  numeric('NumericGreaterThanEquals', false, (a, b) => a >= b),
];
