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
}

/** The service prefixes a policy names, lower-case (to know which to load). */
export function servicesNamed(policy: Policy): string[] {
  const out = new Set<string>();
  for (const st of policy.statements) {
    for (const a of st.action ?? st.notAction ?? []) {
      const colon = a.value.indexOf(':');
      if (colon > 0) out.add(a.value.slice(0, colon).toLowerCase());
    }
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

/** The global keys of a catalogue, read for lookups: whole names and tag-style prefixes, lower-case. */
interface GlobalKeys {
  names: Set<string>;
  /** `aws:principaltag/` and the like, lower-case. */
  prefixes: string[];
  /** What a suggestion may offer: the whole names, as written. */
  candidates: string[];
  /** The tag-style prefixes as written (`aws:PrincipalTag/`). */
  prefixesWritten: string[];
}

const globalKeysOf = new WeakMap<readonly string[], GlobalKeys>();

function readGlobalKeys(list: readonly string[]): GlobalKeys {
  let keys = globalKeysOf.get(list);
  if (keys) return keys;
  keys = { names: new Set(), prefixes: [], candidates: [], prefixesWritten: [] };
  for (const k of list) {
    const slash = k.indexOf('/');
    if (slash > 0) {
      keys.prefixes.push(k.slice(0, slash + 1).toLowerCase());
      keys.prefixesWritten.push(k.slice(0, slash + 1));
    } else {
      keys.names.add(k.toLowerCase());
      keys.candidates.push(k);
    }
  }
  globalKeysOf.set(list, keys);
  return keys;
}

/** Whether a condition key (any case) is one of the documented global keys. */
function isGlobalKey(key: string, keys: GlobalKeys): boolean {
  const lower = key.toLowerCase();
  if (keys.names.has(lower)) return true;
  return keys.prefixes.some((p) => lower.length > p.length && lower.startsWith(p));
}

/** The documented key a mistyped global key most likely meant. */
function suggestGlobalKey(key: string, keys: GlobalKeys): string | undefined {
  const slash = key.indexOf('/');
  if (slash > 0 && slash < key.length - 1) {
    // A tag-style key: fix the part before the `/`, keep the tag key.
    const prefix = suggest(key.slice(0, slash + 1), keys.prefixesWritten);
    if (prefix) return prefix + key.slice(slash + 1);
  }
  return suggest(key, keys.candidates);
}

/**
 * Warnings for condition keys that begin `aws:` but are none of the global
 * condition keys AWS documents (a typo such as `aws:SecureTransports`). IAM
 * accepts any key; one that no request carries is simply absent, so the
 * condition behaves as for a missing key, which is rarely what was meant
 * (IAM Access Analyzer reports it: "Invalid global condition key"). Keys of
 * services are not checked here.
 */
export function lintConditionKeys(policy: Policy, catalogue: ActionCatalogue): Diagnostic[] {
  const list = catalogue.globalConditionKeys;
  if (!list || list.length === 0) return [];
  const keys = readGlobalKeys(list);
  const out: Diagnostic[] = [];
  for (const st of policy.statements) {
    for (const c of st.conditions) {
      if (!c.key.toLowerCase().startsWith('aws:') || isGlobalKey(c.key, keys)) continue;
      // A tag prefix with nothing after it: the tag key is what is missing, not a spelling.
      const tagMissing = c.key.endsWith('/') && keys.prefixes.includes(c.key.toLowerCase());
      const s = tagMissing ? undefined : suggestGlobalKey(c.key, keys);
      const d: Diagnostic = {
        code: 'condition.unknownKey', severity: 'warning', path: `Statement[${st.index}].Condition.${c.operatorText}.${c.key}`, from: c.from, to: c.to,
        message: `\`${c.key}\` is not a global condition key AWS documents, so no request carries it and the condition reads it as missing`,
      };
      if (tagMissing) d.hint = `write the tag key after the \`/\`, as in \`${c.key}team\``;
      else if (s) d.hint = `did you mean \`${s}\`?`;
      out.push(d);
    }
  }
  return out;
}
