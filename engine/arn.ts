/**
 * ARNs: splitting into their six colon-delimited parts, and matching a
 * pattern ARN against a request ARN part by part (AWS checks each part
 * separately, so a wildcard never reaches across a colon into the next part;
 * the sixth part, the resource, may itself contain colons).
 */
import { type Glob, matchGlob, globFromCodes, textToCodes } from './wildcard.ts';

/** The parts of an ARN; `resource` keeps any further colons. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource`, or null if it is not one. */
export function splitArn(arn: string): ArnParts | null {
  if (!arn.startsWith('arn:')) return null;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const at = arn.indexOf(':', start);
    if (at < 0) return null;
    parts.push(arn.slice(start, at));
    start = at + 1;
  }
  return { partition: parts[0], service: parts[1], region: parts[2], account: parts[3], resource: arn.slice(start) };
}

/** Splits an ARN into exactly six strings, or null. */
export function arnSegments(arn: string): string[] | null {
  const p = splitArn(arn);
  return p ? ['arn', p.partition, p.service, p.region, p.account, p.resource] : null;
}

/** A pattern that may be an ARN: compiled per part when it has six parts. */
export interface ArnPattern {
  source: string;
  /** Six globs when the pattern is an ARN; otherwise null and `whole` is used. */
  parts: Glob[] | null;
  whole: Glob;
}

/** Compiles an ARN pattern whose `*` and `?` are wildcards. */
export function compileArnPattern(pattern: string): ArnPattern {
  return compileArnCodes(pattern, textToCodes(pattern));
}

/**
 * Compiles an ARN pattern from char codes (wildcards as STAR / QMARK), so
 * that a literal `*` from a variable escape stays literal.
 */
export function compileArnCodes(source: string, codes: number[]): ArnPattern {
  const whole = globFromCodes(source, codes);
  // `arn:` then four more colons: the first five colons split the six parts.
  const isArn = codes.length > 4 && codes[0] === 97 && codes[1] === 114 && codes[2] === 110 && codes[3] === 58;
  if (!isArn || whole.kind === 'any') return { source, parts: null, whole };
  const cuts: number[] = [3];
  for (let i = 4; i < codes.length && cuts.length < 5; i++) if (codes[i] === 58) cuts.push(i);
  if (cuts.length < 5) return { source, parts: null, whole };
  const parts: Glob[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(globFromCodes(source, codes.slice(start, cut)));
    start = cut + 1;
  }
  parts.push(globFromCodes(source, codes.slice(start)));
  return { source, parts, whole };
}

/**
 * Tests a request value against a compiled ARN pattern. `segs` is the
 * value's pre-split parts (null when it is not an ARN).
 */
export function matchArnPattern(p: ArnPattern, value: string, segs: string[] | null): boolean {
  if (p.whole.kind === 'any') return true;
  if (p.parts && segs) {
    for (let i = 0; i < 6; i++) if (!matchGlob(p.parts[i], segs[i])) return false;
    return true;
  }
  return matchGlob(p.whole, value);
}
