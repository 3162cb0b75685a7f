/**
 * Date operators. Values are ISO 8601 dates and times (`2026-03-01`,
 * `2026-03-01T10:00:00Z`, with or without an offset) or epoch seconds.
 */
import { operator } from './types.ts';
import type { ContextScalar } from '../types.ts';

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const EPOCH = /^-?\d+(\.\d+)?$/;

/** Milliseconds since the epoch, or NaN when the value is not a date. */
export function toTime(v: ContextScalar): number {
  if (typeof v === 'number') return v * 1000;
  if (typeof v !== 'string') return NaN;
  const s = v.trim();
  if (EPOCH.test(s)) return Number(s) * 1000;
  if (!ISO.test(s)) return NaN;
  // A date-time with no zone is UTC in AWS; Date.parse would read it as local time.
  const withZone = s.length > 10 && !ZONE.test(s) ? `${s}Z` : s;
  return Date.parse(withZone);
}

function date(name: string, negated: boolean, cmp: (a: number, b: number) => boolean) {
  return operator<number>({
    name, negated, wildcards: false, prepareValidates: true,
    check: (v) => (Number.isNaN(toTime(v)) ? `\`${v}\` is not a date: use ISO 8601 such as \`2026-01-31T12:00:00Z\`, or epoch seconds` : null),
    prepare: (t) => { const n = toTime(t); return Number.isNaN(n) ? null : n; },
    test: (v, p) => { const n = toTime(v); return !Number.isNaN(n) && cmp(n, p); },
  });
}

/** The date family. */
export const dateOperators = [
  date('DateEquals', false, (a, b) => a === b),
  date('DateNotEquals', true, (a, b) => a === b),
  date('DateLessThan', false, (a, b) => a < b),
  date('DateLessThanEquals', false, (a, b) => a <= b),
  date('DateGreaterThan', false, (a, b) => a > b),
  date('DateGreaterThanEquals', false, (a, b) => a >= b),
];
