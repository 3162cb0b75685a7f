/**
 * ARNs: splitting into their six colon-delimited parts, and matching a
 * pattern ARN against a request ARN part by part (AWS checks each part
 * separately; the sixth part, the resource, may itself contain colons). In
 * the Resource element alone, a `*` that ends a part may also reach across
 * colons (matchResourceText).
 */
import { type Glob, type PatternPiece, matchGlob, compilePieces, matchTextPart, MAX_INPUT_LENGTH } from './wildcard.ts';

/** An AWS account ID: twelve digits. */
export const ACCOUNT_ID = /^\d{12}$/;

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
  const s = arnSegments(arn);
  return s ? { partition: s[1], service: s[2], region: s[3], account: s[4], resource: s[5] } : null;
}

/** Whether a text has the shape `arn:partition:service:region:account:resource`. */
export function isArn(arn: string): boolean {
  if (!arn.startsWith('arn:')) return false;
  let at = 3;
  for (let i = 0; i < 4; i++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/**
 * An incomplete ARN (`arn:partition:service` with one to three of its last
 * parts missing) completed with `*` in each missing part, as AWS does in an
 * identity-based policy: "When you specify an incomplete ARN (one with fewer
 * than the standard six fields) in an identity-based policy, AWS
 * automatically completes the ARN by adding wildcard characters (*) to all
 * missing fields. For example, specifying arn:aws:sqs is equivalent to
 * arn:aws:sqs:*:*:*" (IAM User Guide: IAM identifiers). Null for a complete
 * ARN, for one without a service part, and for text that is not an ARN.
 */
export function completeArn(arn: string): string | null {
  const fields = arn.split(':');
  // `arn:aws`, `arn:aws:` and `arn:aws::...` name no service to complete.
  if (fields[0] !== 'arn' || fields.length < 3 || fields.length >= 6 || fields[2] === '') return null;
  return arn + ':*'.repeat(6 - fields.length);
}

/**
 * Whether the service part of an ARN (its third part) holds `*` or `?`.
 * AWS refuses such a Resource: "You can't use a wildcard in the service
 * segment that identifies the AWS product" (IAM JSON policy elements: Resource).
 */
export function arnServiceHasWildcard(arn: string): boolean {
  const from = arn.indexOf(':', 4) + 1;
  const to = arn.indexOf(':', from);
  if (from === 0 || to < 0) return false;
  for (let i = from; i < to; i++) {
    const c = arn.charCodeAt(i);
    if (c === 42 || c === 63) return true;
  }
  return false;
}

/**
 * Whether an ARN names the IAM service with a Region that is not empty (nor
 * a lone `*`). IAM refuses such a Resource: "IAM resource ... cannot contain
 * region information"; IAM is global, and its ARNs leave the Region blank.
 */
export function iamArnHasRegion(arn: string): boolean {
  const p = arn.indexOf(':', 4);
  if (p < 0 || !arn.startsWith('iam:', p + 1)) return false;
  const regionStart = p + 5;
  const regionEnd = arn.indexOf(':', regionStart);
  if (regionEnd < 0) return false;
  const n = regionEnd - regionStart;
  return n > 0 && !(n === 1 && arn.charCodeAt(regionStart) === 42);
}

/** The index of an ARN's fifth colon, where its resource part begins; -1 if it has fewer. */
export function fifthColon(arn: string): number {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/**
 * Where a Resource ARN's resource part begins (after its fifth colon) when a
 * `${` stands before it, where AWS does not replace policy variables: "You
 * can't use a variable to replace parts of the ARN before the fifth colon,
 * such as the service or account" (IAM User Guide, policy variables); else -1.
 */
export function resourcePartAfterVariable(arn: string): number {
  const at = arn.indexOf('${');
  if (at < 0) return -1;
  const colon = fifthColon(arn);
  return at < colon ? colon + 1 : -1;
}

/** Whether a Resource ARN has a `${` before its fifth colon (see resourcePartAfterVariable). */
export function variableBeforeResourcePart(arn: string): boolean {
  return resourcePartAfterVariable(arn) >= 0;
}

/** A part of a Resource ARN that AWS accepts but that no resource's ARN can have. */
export interface ArnPartProblem {
  part: 'partition' | 'service' | 'account';
  /** The part as written. */
  text: string;
  /**
   * Set when a `*` stands in an earlier part: that `*` may reach past its
   * colon, so the ARN could in theory still match something; only an account
   * of digits, but not 12 of them, is then reported, as almost surely a typo.
   */
  afterStar?: true;
}

/** Whether a part holds a wildcard or a `$` (a variable, which variable.arnPrefix already comments on). */
function isOpenPart(s: string): boolean {
  return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('$') >= 0;
}

const DIGITS = /^\d*$/;
const UPPER = /[A-Z]/;

/** Whether an ARN's account part is digits, but not 12 of them: a mistyped account ID, which no account has. */
export function accountIdMistyped(account: string): boolean {
  return account !== '' && account.length !== 12 && DIGITS.test(account);
}

/**
 * Whether a principal ARN's account part names no account: digits but not
 * 12 of them, or nothing. Other text stays allowed, such as `cloudfront` in
 * the ARN of a CloudFront origin access identity.
 */
export function principalAccountMistyped(account: string): boolean {
  return account === '' || accountIdMistyped(account);
}

/**
 * The first part of a complete Resource ARN that makes it name no resource,
 * or null. AWS accepts such an ARN, and IAM Access Analyzer reports it as a
 * part of the policy that does not work (IAM policy validation check
 * reference: "Invalid partition", "Invalid ARN service case" - "use all
 * lowercase letters" - and "Invalid ARN account" - "Account IDs are 12-digit
 * integers"); ARNs are matched with case. A partition is `aws` or begins
 * `aws-` (`aws-cn`, `aws-us-gov`, ...); an account part is empty (S3 and
 * other services leave it out), 12 digits, or `aws` (AWS managed policies,
 * `arn:aws:iam::aws:policy/...`). Parts with a wildcard or a `$` pass.
 * After a `*`, which "can expand to match beyond colon boundaries" when it
 * ends a segment (IAM User Guide, Resource), a later part may not be what it
 * seems: only an account of digits but not 12 of them is reported then
 * (`afterStar`), since that is almost surely a mistyped account ID.
 */
export function arnPartProblem(arn: string): ArnPartProblem | null {
  const s = arnSegments(arn);
  if (s === null) return null;
  const [, partition, service, region, account] = s;
  if (!isOpenPart(partition) && partition !== 'aws' && !partition.startsWith('aws-')) return { part: 'partition', text: partition };
  // A `*` that ends a part may reach past its colon (Resource page), so a part after one may not be what it seems.
  const partitionStar = partition.indexOf('*') >= 0;
  if (!partitionStar && !isOpenPart(service) && UPPER.test(service)) return { part: 'service', text: service };
  if (partitionStar || service.indexOf('*') >= 0 || region.indexOf('*') >= 0) {
    return accountIdMistyped(account) ? { part: 'account', text: account, afterStar: true } : null;
  }
  if (account !== '' && account !== 'aws' && !ACCOUNT_ID.test(account) && !isOpenPart(account)) return { part: 'account', text: account };
  return null;
}

/** Splits an ARN into exactly six strings, or null. */
export function arnSegments(arn: string): string[] | null {
  if (!arn.startsWith('arn:')) return null;
  const out = ['arn'];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const at = arn.indexOf(':', start);
    if (at < 0) return null;
    out.push(arn.slice(start, at));
    start = at + 1;
  }
  out.push(arn.slice(start));
  return out;
}

/**
 * A compiled ARN pattern. A pattern whose `*` and `?` are all wildcards is
 * kept as its text and matched part by part by matchArnText; one with a
 * literal `*` or `?` (from a variable's value or an escape) is compiled per
 * part into code globs.
 */
export interface ArnPattern {
  /** The pattern text when every `*` and `?` in it is a wildcard; else null. */
  text: string | null;
  /** For a pattern with literals: six globs when it is an ARN; otherwise null and `whole` is used. */
  parts: Glob[] | null;
  whole: Glob | null;
}

/** Compiles an ARN pattern whose `*` and `?` are wildcards (kept as text: see matchArnText). */
export function compileArnPattern(pattern: string): ArnPattern {
  return { text: pattern, parts: null, whole: null };
}

/**
 * Compiles an ARN pattern from pieces (see compilePieces), so that a literal
 * `*` from a variable escape stays literal.
 */
export function compileArnPieces(pieces: PatternPiece[]): ArnPattern {
  let plain = true;
  for (const p of pieces) if (!p.wild && (p.text.indexOf('*') >= 0 || p.text.indexOf('?') >= 0)) { plain = false; break; }
  if (plain) {
    let text = '';
    for (const p of pieces) text += p.text;
    return compileArnPattern(text);
  }
  const whole = compilePieces(pieces);
  // Cut the pieces at the first five colons into six parts.
  const parts: PatternPiece[][] = [[]];
  for (const p of pieces) {
    let rest = p.text;
    let at = parts.length < 6 ? rest.indexOf(':') : -1;
    while (at >= 0) {
      parts[parts.length - 1].push({ text: rest.slice(0, at), wild: p.wild });
      parts.push([]);
      rest = rest.slice(at + 1);
      at = parts.length < 6 ? rest.indexOf(':') : -1;
    }
    parts[parts.length - 1].push({ text: rest, wild: p.wild });
  }
  // An ARN pattern with fewer than six parts lacks the rest: they are empty (see matchArnText).
  const isArnPattern = pieces.length > 0 && pieces[0].text.startsWith('arn:');
  if (parts.length !== 6 && !isArnPattern) return { text: null, parts: null, whole };
  while (parts.length < 6) parts.push([]);
  return { text: null, parts: parts.map(compilePieces), whole };
}

/**
 * Tests a request value against a compiled ARN pattern. `segs` is the
 * value's pre-split parts (null when it is not an ARN).
 */
export function matchArnPattern(p: ArnPattern, value: string, segs: string[] | null): boolean {
  if (p.text !== null) return matchArnText(p.text, value, segs);
  const whole = p.whole as Glob;
  if (p.parts === null || segs === null) return matchGlob(whole, value);
  for (let i = 0; i < 6; i++) if (!matchGlob(p.parts[i], segs[i])) return false;
  return true;
}

/**
 * Tests a request value against an ARN pattern text whose `*` and `?` are
 * wildcards, without compiling it. `segs` is the value's arnSegments (null
 * when it is not an ARN). `*` alone matches anything; a pattern without
 * wildcards must equal the value; otherwise, when both are ARNs, each of the
 * six parts is matched on its own (a wildcard never crosses a part's colon),
 * and else the pattern is matched against the whole value.
 */
export function matchArnText(pattern: string, value: string, segs: string[] | null): boolean {
  if (pattern === '*') return true;
  if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) return pattern === value;
  if (segs === null || !pattern.startsWith('arn:')) return matchWhole(pattern, value);
  // The pattern's parts 1-4 end at the next four colons; part 5 is the rest.
  // Part 0 is `arn` on both sides. A pattern with fewer parts is still read
  // part by part ("each of the six colon-delimited components of the ARN is
  // checked separately"): the parts it lacks are empty, so a `*` never
  // reaches across a colon into them.
  let start = 4;
  for (let i = 1; i < 5; i++) {
    const at = pattern.indexOf(':', start);
    if (at < 0) {
      if (!matchTextPart(pattern, start, pattern.length, segs[i])) return false;
      for (let j = i + 1; j < 6; j++) if (segs[j] !== '') return false;
      return true;
    }
    if (!matchTextPart(pattern, start, at, segs[i])) return false;
    start = at + 1;
  }
  return matchTextPart(pattern, start, pattern.length, segs[5]);
}

/**
 * A Resource element's pattern text against the request's resource: part by
 * part (matchArnText), and failing that with the one way AWS lets a wildcard
 * leave its part: "If the wildcard (*) is the last character of a resource
 * ARN segment, it can expand to match beyond colon boundaries" (IAM JSON
 * policy elements: Resource, "Using wildcards in resource ARNs"). The ARN
 * condition operators do not have it: ArnLike checks "each of the six
 * colon-delimited components of the ARN ... separately".
 */
export function matchResourceText(pattern: string, value: string, segs: string[] | null): boolean {
  if (matchArnText(pattern, value, segs)) return true;
  // Only a value with colons to spare (some in its sixth part) can be matched differently. The
  // matcher's work is the product of the two lengths, so both are held to the 2,048 characters an
  // ARN may have at most (IAM API Reference: ARN types, "Length Constraints: ... Maximum length of 2048").
  if (segs === null || segs[5].indexOf(':') < 0 || !pattern.startsWith('arn:')) return false;
  if (value.length > MAX_CROSSING_LENGTH || pattern.length > MAX_CROSSING_LENGTH) return false;
  return matchAcrossColons(pattern, value);
}

/** The longest ARN, and pattern, the colon-crossing reading is tried on. */
const MAX_CROSSING_LENGTH = 2048;

/** matchResourceText for a compiled pattern (one with literal `*` or `?` keeps to its parts). */
export function matchResourcePattern(p: ArnPattern, value: string, segs: string[] | null): boolean {
  return p.text !== null ? matchResourceText(p.text, value, segs) : matchArnPattern(p, value, segs);
}

const LITERAL = 0;
const ONE_IN_PART = 1;
const ONE_ANY = 2;
const RUN_IN_PART = 3;
const RUN_ANY = 4;

/**
 * The whole ARN against the pattern, where a `*` that ends one of the first
 * five parts matches any run of characters, colons included; another `*` or
 * `?` in those parts stays within its part; in the sixth part, which holds
 * colons of its own, every wildcard matches anything, as in matchArnText.
 * A set of pattern positions is carried along the value (no backtracking), so
 * the work is bounded by the pattern's length times the value's.
 */
function matchAcrossColons(pattern: string, value: string): boolean {
  const m = pattern.length;
  const kind = new Uint8Array(m);
  let part = 0;
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    const inPart = part < 5;
    if (c === 58 && inPart) part++;
    if (c === 42) kind[i] = !inPart || i + 1 === m || pattern.charCodeAt(i + 1) === 58 ? RUN_ANY : RUN_IN_PART;
    else if (c === 63) kind[i] = inPart ? ONE_IN_PART : ONE_ANY;
    else kind[i] = LITERAL;
  }
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  cur[0] = 1;
  // A run may match nothing: whoever stands on one also stands after it.
  const close = (set: Uint8Array): void => {
    for (let s = 0; s < m; s++) if (set[s] === 1 && kind[s] >= RUN_IN_PART) set[s + 1] = 1;
  };
  close(cur);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    next.fill(0);
    let any = false;
    for (let s = 0; s < m; s++) {
      if (cur[s] !== 1) continue;
      const k = kind[s];
      if (k === LITERAL ? pattern.charCodeAt(s) === c : k === ONE_ANY || (k === ONE_IN_PART && c !== 58)) { next[s + 1] = 1; any = true; }
      else if (k === RUN_ANY || (k === RUN_IN_PART && c !== 58)) { next[s] = 1; any = true; }
    }
    if (!any) return false;
    close(next);
    const t = cur; cur = next; next = t;
  }
  return cur[m] === 1;
}

function matchWhole(pattern: string, value: string): boolean {
  return value.length <= MAX_INPUT_LENGTH && matchTextPart(pattern, 0, pattern.length, value);
}
