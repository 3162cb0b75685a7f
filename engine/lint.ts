/**
 * Catalogue lint: warnings that need the list of AWS actions, which
 * evaluation does not. An action that does not exist is no error for AWS
 * (IAM accepts it, and it simply never matches), so these are warnings
 * with a suggestion; they catch the typo that silently grants nothing.
 */
import type { Diagnostic } from './types.ts';
import type { Policy } from './policy.ts';
import { compileGlob, matchGlob } from './wildcard.ts';
import { suggest } from './suggest.ts';

/**
 * What lint needs of the action catalogue. The site loads it in pieces (the
 * list of prefixes, then one service's actions when a policy names it), so
 * a service may not be loaded yet: `actionsOf` then returns undefined and
 * its actions are not checked this time.
 */
export interface ActionCatalogue {
  /** Every service prefix, lower-case. */
  prefixes: readonly string[];
  /** The action names of a known prefix; undefined when not loaded yet. */
  actionsOf(prefix: string): readonly string[] | undefined;
  /**
   * The global condition keys AWS documents that begin `aws:`, as written
   * there; one that ends in a placeholder after a `/`
   * (`aws:ResourceTag/tag-key`) stands for every key with that prefix and
   * something after it. Absent or empty: not loaded, so keys are not checked.
   */
  globalConditionKeys?: readonly string[];
  /**
   * The condition keys of a known prefix as the catalogue writes them, a
   * placeholder standing for any text (`s3:ExistingObjectTag/<key>`,
   * `kms:EncryptionContext:${EncryptionContextKey}`); undefined when not
   * loaded yet (or not offered), so that service's keys are not checked.
   */
  conditionKeysOf?(prefix: string): readonly string[] | undefined;
}

/** The service prefixes a policy names in actions and condition keys, lower-case (to know which to load). */
export function servicesNamed(policy: Policy): string[] {
  const out = new Set<string>();
  const add = (text: string): void => {
    const colon = text.indexOf(':');
    if (colon > 0) out.add(text.slice(0, colon).toLowerCase());
  };
  for (const st of policy.statements) {
    for (const a of st.action ?? st.notAction ?? []) add(a.value);
    for (const c of st.conditions) if (!c.key.toLowerCase().startsWith('aws:')) add(c.key);
  }
  return [...out];
}

/** What lint says of one action text, wherever it stands. */
type Finding = Pick<Diagnostic, 'code' | 'message' | 'hint'> | null;

/**
 * Findings already worked out, per catalogue and action text: the learner
 * retypes the same few actions on every keystroke, and a suggestion costs an
 * edit-distance pass over a service's actions. Only final answers are kept
 * (not those made while a service's actions were still loading).
 */
const findings = new WeakMap<ActionCatalogue, Map<string, Finding>>();

function judgeAction(value: string, catalogue: ActionCatalogue, known: Set<string>): Finding | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return null;
  const prefix = value.slice(0, colon).toLowerCase();
  const name = value.slice(colon + 1);
  if (!known.has(prefix)) {
    const s = suggest(prefix, catalogue.prefixes);
    return { code: 'action.unknownService', message: `\`${prefix}\` is not a known service prefix, so this never matches`, hint: s ? `did you mean \`${s}:${name}\`?` : undefined };
  }
  const actions = catalogue.actionsOf(prefix);
  if (!actions) return undefined;
  const glob = compileGlob(name, true);
  if (actions.some((x) => matchGlob(glob, x.toLowerCase()))) return null;
  const wild = name.includes('*') || name.includes('?');
  const s = wild ? undefined : suggest(name, actions);
  return {
    code: 'action.unknown',
    message: wild ? `\`${value}\` matches no ${prefix} action` : `\`${value}\` is not a ${prefix} action, so this never matches`,
    hint: s ? `did you mean \`${prefix}:${s}\`?` : undefined,
  };
}

/** Warnings for actions and service prefixes the catalogue does not know. */
export function lintActions(policy: Policy, catalogue: ActionCatalogue): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = new Set(catalogue.prefixes);
  let memo = findings.get(catalogue);
  if (!memo) findings.set(catalogue, (memo = new Map()));
  for (const st of policy.statements) {
    const list = st.action ?? st.notAction ?? [];
    const element = st.action ? 'Action' : 'NotAction';
    for (const a of list) {
      let f = memo.get(a.value);
      if (f === undefined) {
        f = judgeAction(a.value, catalogue, known);
        if (f === undefined) continue; // its service is still loading
        if (memo.size < 4096) memo.set(a.value, f);
      }
      if (f === null) continue;
      const d: Diagnostic = { code: f.code, severity: 'warning', path: `Statement[${st.index}].${element}`, from: a.from, to: a.to, message: f.message };
      if (f.hint) d.hint = f.hint;
      out.push(d);
    }
  }
  return out;
}

/** A list of condition keys read for lookups: whole names, and keys with a placeholder as prefixes. */
interface KeySet {
  /** Whole names, lower-case. */
  names: Set<string>;
  /**
   * The text before a placeholder, as written and lower-case
   * (`aws:PrincipalTag/`, `kms:EncryptionContext:`), with what may follow it.
   */
  prefixes: { written: string; lower: string; whole: RegExp }[];
  /** What a suggestion may offer: the whole names, as written. */
  candidates: string[];
}

const keySets = new WeakMap<readonly string[], KeySet>();
/** A placeholder in a catalogue key: `${TagKey}`, `<key>`, or the global page's `tag-key`. */
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readKeys(list: readonly string[]): KeySet {
  let keys = keySets.get(list);
  if (keys) return keys;
  keys = { names: new Set(), prefixes: [], candidates: [] };
  for (const k of list) {
    const m = PLACEHOLDER.exec(k);
    if (m) {
      const written = k.slice(0, m.index);
      // The whole key: any text for each placeholder, the rest as written, in any case.
      const whole = k.split(new RegExp(PLACEHOLDER.source, 'g')).map(escapeRegExp).join('.+');
      keys.prefixes.push({ written, lower: written.toLowerCase(), whole: new RegExp(`^${whole}$`, 'is') });
    } else {
      keys.names.add(k.toLowerCase());
      keys.candidates.push(k);
    }
  }
  keySets.set(list, keys);
  return keys;
}

/** Whether a condition key (any case) is in the set. */
function hasKey(key: string, keys: KeySet): boolean {
  const lower = key.toLowerCase();
  if (keys.names.has(lower)) return true;
  return keys.prefixes.some((p) => lower.startsWith(p.lower) && p.whole.test(key));
}

/** The key of the set that a mistyped key most likely meant. */
function suggestKey(key: string, keys: KeySet): string | undefined {
  const slash = key.indexOf('/');
  if (slash > 0 && slash < key.length - 1) {
    // A tag-style key: fix the part before the `/`, keep the tag key.
    const prefix = suggest(key.slice(0, slash + 1), keys.prefixes.map((p) => p.written).filter((w) => w.endsWith('/')));
    if (prefix) return prefix + key.slice(slash + 1);
  }
  return suggest(key, keys.candidates);
}

/**
 * Warnings for condition keys the catalogue does not list: a key beginning
 * `aws:` that is none of the global condition keys AWS documents (a typo
 * such as `aws:SecureTransports`), or a key of a known service that the
 * Service Authorization Reference does not list for it (`s3:prefx`). IAM
 * accepts any key; one that no request carries is simply absent, so the
 * condition behaves as for a missing key, which is rarely what was meant
 * (IAM Access Analyzer reports it: "Invalid global condition key", "Invalid
 * service condition key"). Keys of other prefixes (`saml:`, an OIDC
 * provider's) are not checked.
 */
export function lintConditionKeys(policy: Policy, catalogue: ActionCatalogue): Diagnostic[] {
  const global = catalogue.globalConditionKeys;
  const out: Diagnostic[] = [];
  for (const st of policy.statements) {
    for (const c of st.conditions) {
      const colon = c.key.indexOf(':');
      const prefix = c.key.slice(0, colon).toLowerCase();
      let list: readonly string[] | undefined;
      if (prefix === 'aws') list = global !== undefined && global.length > 0 ? global : undefined;
      else if (catalogue.prefixes.includes(prefix)) list = catalogue.conditionKeysOf?.(prefix);
      if (list === undefined) continue;
      const keys = readKeys(list);
      if (hasKey(c.key, keys)) continue;
      // A tag prefix with nothing after it: the tag key is what is missing, not a spelling.
      const tagMissing = c.key.endsWith('/') && keys.prefixes.some((p) => p.lower === c.key.toLowerCase());
      const s = tagMissing ? undefined : suggestKey(c.key, keys);
      const d: Diagnostic = {
        code: 'condition.unknownKey', severity: 'warning', path: `Statement[${st.index}].Condition.${c.operatorText}.${c.key}`, from: c.from, to: c.to,
        message: prefix === 'aws'
          ? `\`${c.key}\` is not a global condition key AWS documents, so no request carries it and the condition reads it as missing`
          : `\`${c.key}\` is not a condition key of ${prefix} in the Service Authorization Reference, so no request carries it and the condition reads it as missing`,
      };
      if (tagMissing) d.hint = `write the tag key after the \`/\`, as in \`${c.key}team\``;
      else if (s) d.hint = `did you mean \`${s}\`?`;
      out.push(d);
    }
  }
  return out;
}
