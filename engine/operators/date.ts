/**
 * Date operators. Values are the W3C forms of ISO 8601 dates and times
 * (`2026-03`, `2026-03-01`, `2026-03-01T10:00:00Z`, with or without an
 * offset) or epoch seconds (IAM JSON policy elements: Condition operators:
 * "one of the W3C implementations of the ISO 8601 date formats or in epoch
 * (UNIX) time").
 */
import { comparisons } from './types.ts';
import type { ContextScalar } from '../types.ts';

const ISO = /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const EPOCH = /^-?\d+(\.\d+)?$/;

/** The number written by `n` ASCII digits at `at`, or -1. */
function digitsAt(s: string, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    x = x * 10 + (c - 48);
  }
  return x;
}

/**
 * The two forms policies and requests use most, `2026-03-01` and
 * `2026-03-01T10:00:00Z`, read directly when every field is in its usual
 * range (the same value Date.parse gives, days past a month's end rolling
 * over as there); undefined for anything else, which the general path reads.
 */
function commonIsoTime(s: string): number | undefined {
  const n = s.length;
  if ((n !== 10 && n !== 20) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  // Date.UTC reads years below 100 as 19xx: leave those to Date.parse.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  if (n === 10) return Date.UTC(y, mo - 1, d);
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 90) return undefined;
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const sec = digitsAt(s, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec);
}

/** Milliseconds since the epoch, or NaN when the value is not a date. */
export function toTime(v: ContextScalar): number {
  if (typeof v === 'number') return v * 1000;
  if (typeof v !== 'string') return NaN;
  const common = commonIsoTime(v);
  if (common !== undefined) return common;
  const s = v.trim();
  if (EPOCH.test(s)) return Number(s) * 1000;
  if (!ISO.test(s)) return NaN;
  // A date-time with no zone is UTC in AWS; Date.parse would read it as local time.
  const withZone = s.length > 10 && !ZONE.test(s) ? `${s}Z` : s;
  return Date.parse(withZone);
}

/** The date family. */
export const dateOperators = comparisons('Date', toTime, (v) => `\`${v}\` is not a date: use ISO 8601 such as \`2026-01-31T12:00:00Z\`, or epoch seconds`);
