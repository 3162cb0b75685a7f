/** Numeric operators. Policy values must be numbers (written as text or as JSON numbers). */
import { comparisons } from './types.ts';
import type { ContextScalar } from '../types.ts';

const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Reads a number from a request or policy value; NaN when it is not one. */
export function toNumber(v: ContextScalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMBER.test(v)) return Number(v);
  return NaN;
}

/** The numeric family. */
export const numericOperators = comparisons('Numeric', toNumber, (v) => `\`${v}\` is not a number`);
