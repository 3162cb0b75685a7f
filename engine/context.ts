/**
 * The request context: every condition key of the request, by lower-cased
 * name (AWS compares key names without regard to case), each with its
 * values as an array (a single-valued key has one).
 */
import type { ContextScalar, PrincipalInput, RequestInput } from './types.ts';
import { ACCOUNT_ID, splitArn } from './arn.ts';

const lowerNames = new Map<string, string>();

/**
 * A condition key's name lower-cased, as the context is keyed. Key names
 * form a small vocabulary met again and again, so the lower-cased strings
 * are remembered (within reason) like operator names (parseOperator): the
 * same string each time, whose hash V8 then computes once. This memoizes
 * String.prototype.toLowerCase; no policy or decision is kept.
 */
export function lowerName(name: string): string {
  const known = lowerNames.get(name);
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  if (lowerNames.size < 4096 && name.length <= 128) lowerNames.set(name, lower);
  return lower;
}

/** Lower-cased key -> values. */
export class ContextMap extends Map<string, ContextScalar[]> {
  /**
   * The keys the request gives as a list (multivalued keys, FORMAT.md), even
   * a list of one: "You can't use a multivalued condition key as a variable"
   * (IAM policy elements: Variables and tags).
   */
  readonly multivalued = new Set<string>();
}

/** What the caller is, as the evaluator needs it. */
export interface Caller {
  kind: 'root' | 'user' | 'session' | 'federated' | 'service' | 'anonymous' | 'unknown';
  /** The caller's own ARN (for a session, the session ARN). */
  arn: string;
  /** For a session: the role's ARN. */
  roleArn: string;
  account: string;
  /** The caller's account as a principal ARN, `arn:PARTITION:iam::ACCOUNT:root` (empty when unknown). */
  accountArn: string;
  service: string;
  /** For an IAM user: the friendly name. */
  userName: string;
  /** A session of a service-linked role (its role ARN's path is `/aws-service-role/`). */
  serviceLinked: boolean;
}

/** Works out who the caller is from the FORMAT.md principal. */
export function toCaller(p: PrincipalInput): Caller {
  const c: Caller = { kind: 'unknown', arn: '', roleArn: '', account: '', accountArn: '', service: '', userName: '', serviceLinked: false };
  if (p.anonymous) { c.kind = 'anonymous'; return c; }
  if (p.service) { c.kind = 'service'; c.service = p.service.toLowerCase(); return c; }
  const arn = p.arn ?? '';
  c.arn = arn;
  const parts = splitArn(arn);
  if (!parts) return c;
  c.account = parts.account;
  c.accountArn = `arn:${parts.partition}:iam::${parts.account}:root`;
  const res = parts.resource;
  if (parts.service === 'iam' && res === 'root') c.kind = 'root';
  else if (parts.service === 'iam' && res.startsWith('user/')) {
    c.kind = 'user';
    c.userName = res.slice(res.lastIndexOf('/') + 1);
  } else if (parts.service === 'sts' && res.startsWith('assumed-role/')) {
    c.kind = 'session';
    const role = res.split('/')[1] ?? '';
    c.roleArn = p.roleArn ?? `arn:${parts.partition}:iam::${parts.account}:role/${role}`;
    // Service-linked roles live under the path /aws-service-role/ and are named AWSServiceRoleFor...
    // (IAM User Guide: Using service-linked roles); without the role's ARN, the name tells.
    c.serviceLinked = p.roleArn ? p.roleArn.includes(':role/aws-service-role/') : role.startsWith('AWSServiceRoleFor');
  } else if (parts.service === 'sts' && res.startsWith('federated-user/')) c.kind = 'federated';
  return c;
}

const PRINCIPAL_TYPE: Record<Caller['kind'], string | null> = {
  root: 'Account', user: 'User', session: 'AssumedRole', federated: 'FederatedUser',
  anonymous: 'Anonymous', service: null, unknown: null,
};

/**
 * The account that owns the resource: as given, else from its ARN (`segs`,
 * its arnSegments), else the caller's.
 */
export function resourceAccountOf(req: RequestInput, segs: string[] | null, caller: Caller): string {
  if (req.resourceAccount) return req.resourceAccount;
  if (segs !== null && ACCOUNT_ID.test(segs[4])) return segs[4];
  return caller.account;
}

/**
 * Builds the context: the keys FORMAT.md says the engine derives, then the
 * request's own keys, which win.
 */
export function buildContext(p: PrincipalInput, caller: Caller, req: RequestInput, resourceAccount: string): ContextMap {
  const ctx = new ContextMap();
  const principalArn = caller.kind === 'session' ? caller.roleArn : caller.arn;
  if (principalArn) ctx.set('aws:principalarn', [principalArn]);
  // IAM User Guide, aws:PrincipalAccount: in the context of every request; `anonymous` for anonymous ones.
  if (caller.account) ctx.set('aws:principalaccount', [caller.account]);
  else if (caller.kind === 'anonymous') ctx.set('aws:principalaccount', ['anonymous']);
  const type = PRINCIPAL_TYPE[caller.kind];
  if (type) ctx.set('aws:principaltype', [type]);
  if (caller.kind === 'user') ctx.set('aws:username', [caller.userName]);
  if (p.tags) for (const k in p.tags) ctx.set(lowerName(`aws:PrincipalTag/${k}`), [p.tags[k]]);
  if (resourceAccount) ctx.set('aws:resourceaccount', [resourceAccount]);
  const given = req.context;
  if (given) {
    for (const k in given) {
      const v = given[k];
      const key = lowerName(k);
      if (Array.isArray(v)) {
        ctx.set(key, v);
        ctx.multivalued.add(key);
      } else {
        ctx.set(key, [v]);
        ctx.multivalued.delete(key);
      }
    }
  }
  return ctx;
}
