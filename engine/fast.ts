/**
 * The fast path of checking: a policy given as a plain JS value (the
 * benchmark's and the workbench's fixed policies) is walked once, applying
 * exactly the grammar of validate.ts, and the typed Policy is built directly,
 * with no JSON tree, no paths and no diagnostics.
 *
 * INVARIANT: `fastCheck` returns a Policy only when the full path
 * (`validate(fromValue(value), kind, minifiedLength(...))`) would report no
 * diagnostic at all, of any severity, and would build a deep-equal Policy.
 * The moment it meets anything the validator would comment on (an error, a
 * warning, an unusual value such as a non-plain object), it returns null and
 * the caller takes the full path, so diagnostics always come from validate.ts.
 * tests/unit/fast-path.test.ts checks this on every known policy and on
 * generated and mutated ones.
 */
import type { PolicyKind } from './types.ts';
import type { ConditionSpec, Located, Policy, PrincipalSpec, Statement } from './policy.ts';
import { type ParsedOperator, parseOperator } from './operators/index.ts';
import type { PatternPiece } from './wildcard.ts';
import { findVariables, hasVariableMark } from './variables.ts';
import { ACCOUNT_ID, arnPartProblem, principalAccountMistyped, splitArn } from './arn.ts';
import { RCP_SERVICES } from './organizations.ts';
import { TRUE_FALSE } from './operators/bool.ts';
import { ABOVE_LATIN1, IDENTITY_BASED, LATIN1_ONLY, SIZE_LIMITS, YEAR_ONLY, boolGivenSeveralValues, coversTrustAction } from './validate.ts';

/** The pieces passed to an operator without wildcards, which reads only the text. */
const NO_PIECES: PatternPiece[] = [];

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/** What the walk carries: the policy's grammar switches and its size so far. */
interface Walk {
  kind: PolicyKind;
  variables: boolean;
  /** Whether strings may hold only characters up to U+00FF (validate.ts LATIN1_ONLY). */
  latin1: boolean;
  /** The size of the minified JSON so far, counted as `minifiedLength` counts it. */
  size: number;
  /** An identity-based kind (validate.ts IDENTITY_BASED): IAM's own ARN checks apply (resource.iamRegion). */
  identityBased: boolean;
}

/**
 * Whether a value is an object that JSON.parse could have made (not an
 * array, not a class instance). An array's prototype is Array.prototype, so
 * the prototype test alone excludes arrays; an array given Object.prototype
 * by hand is walked as an object, whose index keys then make the walk give
 * way to the full path.
 */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Whether `for...in` lists own keys only: nothing enumerable was added to Object.prototype. */
function prototypeIsClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

function isAlnum(c: number): boolean { return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122); }

const SID_RE = /^[A-Za-z0-9]*$/;
const ACTION_RE = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/;
/** validate.ts SID_CHARS: `^[A-Za-z0-9]*$`. */
function sidCharsOk(s: string): boolean {
  return SID_RE.test(s);
}

/** Whether a text holds a wildcard. */
function hasWildcard(s: string): boolean {
  return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
}

/** Whether an RCP's actions draw no comment: no `*`, and only services that support RCPs. */
function rcpActionsOk(list: Located[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const a = list[i].value;
    if (a === '*' || !RCP_SERVICES.has(a.slice(0, a.indexOf(':')).toLowerCase())) return false;
  }
  return true;
}

/** validate.ts CONDITION_KEY, `^[A-Za-z0-9-]+:[^:]`, read in place. */
export function conditionKeyOk(k: string): boolean {
  const colon = k.indexOf(':');
  if (colon <= 0 || colon + 1 >= k.length || k.charCodeAt(colon + 1) === 58) return false;
  for (let i = 0; i < colon; i++) {
    const c = k.charCodeAt(i);
    if (!isAlnum(c) && c !== 45) return false;
  }
  return true;
}

/**
 * conditionKeyOk and, in one pass, nothing above U+00FF: the key check of the
 * kinds whose strings must be Latin-1 (validate.ts LATIN1_ONLY).
 */
const CONDITION_KEY_LATIN1 = /^[A-Za-z0-9-]+:[^:\u0100-\uffff][^\u0100-\uffff]*$/;
export function conditionKeyLatin1Ok(k: string): boolean {
  return CONDITION_KEY_LATIN1.test(k);
}

/**
 * parseOperator for the kinds whose strings must be Latin-1: null also for a
 * name with a character above U+00FF (ABOVE_LATIN1), which parseOperator may
 * accept, since it ignores case and the Kelvin sign lower-cases to `k`.
 * Operator names are few, so the answers are remembered like parseOperator's:
 * the usual name costs one lookup instead of a scan and a lookup.
 */
export function parseLatin1Operator(name: string): ParsedOperator | null {
  const known = latin1OperatorNames.get(name);
  if (known !== undefined) return known;
  const parsed = ABOVE_LATIN1.test(name) ? null : parseOperator(name);
  if (latin1OperatorNames.size < 1024) latin1OperatorNames.set(name, parsed);
  return parsed;
}

const latin1OperatorNames = new Map<string, ParsedOperator | null>();

/** validate.ts checkAction without diagnostics. */
function actionOk(v: string): boolean {
  return v === '*' || ACTION_RE.test(v);
}

/** A character of a variable's key after the first: `[A-Za-z0-9:/_.+=@-]`. */
function isKeyChar(c: number): boolean {
  return isAlnum(c) || c === 58 || c === 47 || c === 95 || c === 46 || c === 43 || c === 61 || c === 64 || c === 45;
}

/**
 * Whether a text holding `${` has only well-formed variables and escapes
 * (validate.ts checkVariables). The common forms, `${key}` and the escapes,
 * are read in place; anything else (spaces, a default) asks findVariables.
 */
function variablesOk(v: string): boolean {
  let at = v.indexOf('${');
  while (at >= 0) {
    const end = v.indexOf('}', at + 2);
    if (end < 0) return false;
    const from = at + 2;
    const n = end - from;
    const c0 = n > 0 ? v.charCodeAt(from) : 0;
    if (!(n === 1 && (c0 === 42 || c0 === 63 || c0 === 36))) {
      let simple = n > 0 && isAlnum(c0);
      for (let i = from + 1; simple && i < end; i++) simple = isKeyChar(v.charCodeAt(i));
      if (!simple) {
        const refs = findVariables(v);
        for (let i = 0; i < refs.length; i++) if (refs[i].problem !== undefined) return false;
        return true;
      }
    }
    at = v.indexOf('${', end + 1);
  }
  return true;
}

/**
 * validate.ts checkResource plus the literal-variable warning, finding the
 * ARN's colons once for every rule (indexOf, which scans faster than a loop
 * over the characters): an ARN (`arn:` and at least five colons: isArn) whose service
 * part has no wildcard (arnServiceHasWildcard); in IAM's own policies, no IAM
 * ARN with a Region (iamArnHasRegion: validate.ts resource.iamRegion); where
 * the kind says so, nothing above U+00FF (ABOVE_LATIN1); and any `${` after
 * the fifth colon (variableBeforeResourcePart), well formed, under Version
 * 2012-10-17. tests/unit/fast-parsers.test.ts holds it to those functions.
 */
export function resourceOk(v: string, variables: boolean, latin1: boolean, identityBased: boolean): boolean {
  if (v === '*') return true;
  if (RESOURCE_PLAIN[resourcePlainIndex(variables, latin1, identityBased)].test(v)) return true;
  if (!v.startsWith('arn:')) return false;
  // The colons that end the partition, service, Region and account parts (indexOf scans fast).
  const partitionEnd = v.indexOf(':', 4);
  if (partitionEnd < 0) return false;
  const serviceEnd = v.indexOf(':', partitionEnd + 1);
  if (serviceEnd < 0) return false;
  const regionEnd = v.indexOf(':', serviceEnd + 1);
  if (regionEnd < 0) return false;
  const accountEnd = v.indexOf(':', regionEnd + 1);
  if (accountEnd < 0) return false;
  for (let i = partitionEnd + 1; i < serviceEnd; i++) {
    const c = v.charCodeAt(i);
    if (c === 42 || c === 63) return false;
  }
  if (identityBased && serviceEnd - partitionEnd === 4 && v.startsWith('iam', partitionEnd + 1)) {
    const region = regionEnd - serviceEnd - 1;
    if (region > 1 || (region === 1 && v.charCodeAt(serviceEnd + 1) !== 42)) return false;
  }
  if (latin1 && ABOVE_LATIN1.test(v)) return false;
  if (arnPartProblem(v) !== null) return false;
  const dollar = v.indexOf('$');
  if (dollar < 0) return true;
  const at = v.indexOf('${', dollar);
  if (at < 0) return true;
  // A variable before the fifth colon is plain text, which the validator warns about.
  return at > accountEnd && variables && variablesOk(v);
}

/**
 * The usual Resource ARN in one regular expression, by (variables, latin1,
 * identityBased): five colon-ended parts with no `$` (so no variable before
 * the resource part), no wildcard in the service, in IAM's own policies no
 * IAM Region but `*`, and a resource part whose every `${` opens a plain
 * `${key}` or an escape. A match means resourceOk's answer is true; no match
 * proves nothing, and the rules are then read one by one below.
 */
const RESOURCE_PLAIN: RegExp[] = [];
function resourcePlainIndex(variables: boolean, latin1: boolean, identityBased: boolean): number {
  return (variables ? 4 : 0) + (latin1 ? 2 : 0) + (identityBased ? 1 : 0);
}
for (const variables of [false, true]) for (const latin1 of [false, true]) for (const identityBased of [false, true]) {
  const no = latin1 ? '\\u0100-\\uffff' : '';
  const service = identityBased ? '(?!iam:(?!\\*?:))' : '';
  const tail = variables
    ? `[^$${no}]*(?:(?:\\$(?!\\{)|\\$\\{(?:[A-Za-z0-9][A-Za-z0-9:/_.+=@-]*|[*?$])\\})[^$${no}]*)*`
    : `[^$${no}]*`;
  // A part with a wildcard, or a partition `aws` or `aws-...`, an account of 12 digits, `aws` or nothing (arnPartProblem).
  const free = `[^:$${no}]*`;
  const open = `${free}[*?]${free}`;
  RESOURCE_PLAIN[resourcePlainIndex(variables, latin1, identityBased)] = new RegExp(
    `^arn:(?:aws(?:-${free})?|${open}):${service}[^:*?$A-Z${no}]*:${free}:(?:\\d{12}|aws|${open})?:${tail}$`,
  );
}

/** validate.ts checkAwsPrincipal without diagnostics (the value is not `*`). */
function awsPrincipalOk(s: string): boolean {
  if (ACCOUNT_ID.test(s)) return true;
  const parts = splitArn(s);
  if (!parts) return false;
  if (s.indexOf('*') >= 0 || s.indexOf('?') >= 0) return false;
  if (principalAccountMistyped(parts.account)) return false;
  const r = parts.resource;
  if (parts.service === 'iam') return r === 'root' || r.startsWith('user/') || r.startsWith('role/');
  if (parts.service === 'sts') return r.startsWith('assumed-role/') || r.startsWith('federated-user/');
  return false;
}

/**
 * A string or a non-empty array of strings, as Located values (validate.ts
 * `strings`); null when the validator would comment. Adds its size.
 */
function stringList(v: unknown, w: Walk): Located[] | null {
  if (typeof v === 'string') {
    w.size += v.length + 2;
    return [{ value: v, from: 0, to: 0 }];
  }
  if (!Array.isArray(v)) return null;
  const n = v.length;
  if (n === 0) return null;
  const out: Located[] = new Array(n);
  let size = 2 + n - 1;
  for (let i = 0; i < n; i++) {
    const s: unknown = v[i];
    if (typeof s !== 'string') return null;
    size += s.length + 2;
    out[i] = { value: s, from: 0, to: 0 };
  }
  w.size += size;
  return out;
}

/** validate.ts `principal`, for a Principal element (NotPrincipal never takes the fast path). */
function principal(v: unknown, w: Walk): PrincipalSpec | null {
  const spec: PrincipalSpec = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [], from: 0, to: 0 };
  if (typeof v === 'string') {
    if (v !== '*') return null;
    w.size += 3;
    spec.anyone = true;
    return spec;
  }
  if (!isPlainObject(v)) return null;
  let n = 0;
  for (const key in v) {
    n++;
    w.size += key.length + 3;
    const list = stringList(v[key], w);
    if (list === null) return null;
    if (w.latin1) for (let i = 0; i < list.length; i++) if (ABOVE_LATIN1.test(list[i].value)) return null;
    // A policy variable in a principal is an error (validate.ts principal.variable).
    for (let i = 0; i < list.length; i++) if (hasVariableMark(list[i].value)) return null;
    switch (key) {
      case 'AWS':
        for (let i = 0; i < list.length; i++) {
          const loc = list[i];
          if (loc.value === '*') spec.anyone = true;
          else if (awsPrincipalOk(loc.value)) spec.aws.push(loc);
          else return null;
        }
        break;
      case 'Service':
        for (let i = 0; i < list.length; i++) {
          const loc = list[i];
          if (loc.value === '*' || !SERVICE_PRINCIPAL.test(loc.value)) return null;
          spec.service.push(loc);
        }
        break;
      case 'Federated':
        for (let i = 0; i < list.length; i++) {
          if (hasWildcard(list[i].value)) return null;
          spec.federated.push(list[i]);
        }
        break;
      case 'CanonicalUser':
        for (let i = 0; i < list.length; i++) {
          if (hasWildcard(list[i].value)) return null;
          spec.canonicalUser.push(list[i]);
        }
        break;
      default:
        return null;
    }
  }
  // An empty principal object is an error.
  if (n === 0) return null;
  w.size += 2 + n - 1;
  return spec;
}

/** One condition value as validate.ts reads it (`raw` text for numbers and booleans); null if invalid. */
function conditionValue(v: unknown, w: Walk): Located | null {
  let text: string;
  if (typeof v === 'string') {
    if (w.latin1 && ABOVE_LATIN1.test(v)) return null;
    text = v;
    w.size += v.length + 2;
  }
  else if (typeof v === 'number') { text = String(v); w.size += text.length; }
  else if (typeof v === 'boolean') { text = v ? 'true' : 'false'; w.size += text.length; }
  else return null;
  return { value: text, from: 0, to: 0 };
}

/** validate.ts `conditions`, appending to `out`; false when the validator would comment. */
function conditions(v: unknown, w: Walk, out: ConditionSpec[]): boolean {
  if (!isPlainObject(v)) return false;
  let nOps = 0;
  for (const opText in v) {
    nOps++;
    // parseOperator ignores case, and some characters above U+00FF lower-case into ASCII (the Kelvin sign).
    const parsed = w.latin1 ? parseLatin1Operator(opText) : parseOperator(opText);
    if (parsed === null) return false;
    const op = parsed.op;
    if (op === 'Null' && parsed.set !== null) return false;
    const keys = v[opText];
    if (!isPlainObject(keys)) return false;
    let nKeys = 0;
    const blockStart = out.length;
    for (const key in keys) {
      nKeys++;
      // Two keys that differ only in case are one key twice (validate.ts condition.duplicateKey).
      if (out.length > blockStart) {
        const keyLower = key.toLowerCase();
        for (let i = blockStart; i < out.length; i++) if (out[i].key.toLowerCase() === keyLower) return false;
      }
      if (w.latin1 ? !conditionKeyLatin1Ok(key) : !conditionKeyOk(key)) return false;
      w.size += key.length + 3;
      const raw = keys[key];
      let values: Located[];
      if (Array.isArray(raw)) {
        const n = raw.length;
        if (n === 0) return false;
        values = new Array(n);
        w.size += 2 + n - 1;
        for (let i = 0; i < n; i++) {
          const loc = conditionValue(raw[i], w);
          if (loc === null) return false;
          values[i] = loc;
        }
      } else {
        const loc = conditionValue(raw, w);
        if (loc === null) return false;
        values = [loc];
      }
      // Several values for a plain Bool draw a warning (validate.ts condition.multipleBool).
      if (boolGivenSeveralValues(parsed, values.length)) return false;
      // INVARIANT: like validate.ts, entries left unset stay holes (Null, and values with variables).
      const prepared: unknown[] = new Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const text = values[i].value;
        const hasVar = hasVariableMark(text);
        // Without Version 2012-10-17 a `${` is literal text, which the validator warns about.
        if (hasVar && !w.variables) return false;
        if (op === 'Null') {
          if (!TRUE_FALSE.test(text)) return false;
          continue;
        }
        if (hasVar) {
          if (!op.variables || !variablesOk(text)) return false;
          continue;
        }
        // Like validate.ts, every literal value is checked (once, when prepare is the check).
        const p = op.prepare(text, op.wildcards ? [{ text, wild: true }] : NO_PIECES);
        if (op.prepareValidates === true ? p === null : op.check(text) !== null) return false;
        // A four-digit date draws a warning (validate.ts condition.dateYear).
        if (text.length === 4 && op.name.startsWith('Date') && YEAR_ONLY.test(text)) return false;
        prepared[i] = p;
      }
      out.push({
        operatorText: opText, parsed, key, values, prepared,
        from: 0, to: 0,
      });
    }
    w.size += opText.length + 3 + (nKeys > 0 ? 2 + nKeys - 1 : 2);
  }
  w.size += nOps > 0 ? 2 + nOps - 1 : 2;
  return true;
}

/** validate.ts `statement`; null when the validator would comment. */
function statement(v: unknown, index: number, w: Walk): Statement | null {
  if (!isPlainObject(v)) return null;
  const kind = w.kind;
  const st: Statement = {
    index, sid: undefined, effect: 'Allow', action: null, notAction: null, resource: null, notResource: null,
    principal: null, notPrincipal: null, conditions: [], from: 0, to: 0,
  };
  let effectSeen = false;
  let n = 0;
  for (const key in v) {
    n++;
    w.size += key.length + 3;
    const value = v[key];
    switch (key) {
      case 'Sid':
        if (typeof value !== 'string') return null;
        if ((kind === 'identity' || kind === 'boundary' || kind === 'session' || kind === 'trust') && !sidCharsOk(value)) return null;
        w.size += value.length + 2;
        st.sid = value;
        break;
      case 'Effect':
        if (value !== 'Allow' && value !== 'Deny') return null;
        w.size += value.length + 2;
        st.effect = value;
        effectSeen = true;
        break;
      case 'Action': case 'NotAction': {
        const list = stringList(value, w);
        if (list === null) return null;
        for (let i = 0; i < list.length; i++) if (!actionOk(list[i].value)) return null;
        // RCPs take no NotAction, no `*` action and only services that support RCPs (validate.ts).
        if (kind === 'rcp' && (key === 'NotAction' || !rcpActionsOk(list))) return null;
        // In a trust policy, an Action that covers no call on the role draws a warning (validate.ts action.notTrust).
        if (kind === 'trust' && key === 'Action') for (let i = 0; i < list.length; i++) if (!coversTrustAction(list[i].value)) return null;
        if (key === 'Action') st.action = list; else st.notAction = list;
        break;
      }
      case 'Resource': case 'NotResource': {
        if (kind === 'trust') return null;
        const list = stringList(value, w);
        if (list === null) return null;
        for (let i = 0; i < list.length; i++) if (!resourceOk(list[i].value, w.variables, w.latin1, w.identityBased)) return null;
        if (key === 'Resource') st.resource = list; else st.notResource = list;
        break;
      }
      case 'Principal': {
        if (kind !== 'resource' && kind !== 'trust' && kind !== 'rcp') return null;
        const spec = principal(value, w);
        if (spec === null) return null;
        if (kind === 'rcp' && !spec.anyone) return null;
        st.principal = spec;
        break;
      }
      case 'Condition':
        if (!conditions(value, w, st.conditions)) return null;
        break;
      default:
        // NotPrincipal always draws a diagnostic (an error, or AWS's advice against it).
        return null;
    }
  }
  w.size += n > 0 ? 2 + n - 1 : 2;
  if (!effectSeen) return null;
  if ((st.action === null) === (st.notAction === null)) return null;
  if (st.resource !== null && st.notResource !== null) return null;
  if (kind !== 'trust' && st.resource === null && st.notResource === null) return null;
  if ((kind === 'resource' || kind === 'trust' || kind === 'rcp') && st.principal === null) return null;
  if (kind === 'rcp' && st.effect === 'Allow') return null;
  return st;
}

/** Whether a non-empty Sid repeats an earlier statement's. */
function duplicateSid(statements: Statement[], upTo: number): boolean {
  const sid = statements[upTo].sid;
  if (sid === undefined || sid === '') return false;
  for (let i = 0; i < upTo; i++) if (statements[i].sid === sid) return true;
  return false;
}

/** Whether any non-empty Sid repeats (a Set beyond a few statements, to stay linear). */
function hasDuplicateSids(statements: Statement[]): boolean {
  if (statements.length <= 16) {
    for (let i = 1; i < statements.length; i++) if (duplicateSid(statements, i)) return true;
    return false;
  }
  const seen = new Set<string>();
  for (const st of statements) {
    if (st.sid === undefined || st.sid === '') continue;
    if (seen.has(st.sid)) return true;
    seen.add(st.sid);
  }
  return false;
}

/**
 * Checks a policy given as a plain value (from JSON.parse or code) in one
 * walk and builds its typed Policy, or returns null whenever the full
 * validator would report anything (see the module comment): the caller then
 * takes the full path for the diagnostics.
 */
export function fastCheck(value: unknown, kind: PolicyKind): Policy | null {
  if (!isPlainObject(value) || !prototypeIsClean()) return null;
  let version: unknown;
  let statementValue: unknown;
  let hasStatement = false;
  let n = 0;
  let size = 0;
  for (const key in value) {
    n++;
    const v = value[key];
    size += key.length + 3;
    if (key === 'Version') {
      if (v !== '2012-10-17' && v !== '2008-10-17') return null;
      version = v;
      size += 12;
    } else if (key === 'Id') {
      // Id stands only in resource-based and trust policies; elsewhere the validator comments.
      if (typeof v !== 'string' || (kind !== 'resource' && kind !== 'trust') || (LATIN1_ONLY[kind] && ABOVE_LATIN1.test(v))) return null;
      size += v.length + 2;
    } else if (key === 'Statement') {
      hasStatement = true;
      statementValue = v;
    } else return null;
  }
  // A missing Version draws a warning (an error in SCPs and RCPs, which need 2012-10-17); a missing Statement an error.
  if (version === undefined || !hasStatement) return null;
  if ((kind === 'scp' || kind === 'rcp') && version !== '2012-10-17') return null;
  const w: Walk = {
    kind, variables: version === '2012-10-17', latin1: LATIN1_ONLY[kind], size: size + 2 + n - 1,
    identityBased: IDENTITY_BASED[kind],
  };
  let statements: Statement[];
  if (Array.isArray(statementValue)) {
    const count = statementValue.length;
    if (count === 0) return null;
    statements = new Array(count);
    w.size += 2 + count - 1;
    for (let i = 0; i < count; i++) {
      const st = statement(statementValue[i], i, w);
      if (st === null) return null;
      statements[i] = st;
    }
  } else {
    const st = statement(statementValue, 0, w);
    if (st === null) return null;
    statements = [st];
  }
  if (hasDuplicateSids(statements)) return null;
  if (w.size > SIZE_LIMITS[kind].limit) return null;
  return { kind, version: version as string, variables: w.variables, statements };
}
