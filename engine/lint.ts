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

/** Warnings for actions and service prefixes the catalogue does not know. */
export function lintActions(policy: Policy, catalogue: ActionCatalogue): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = new Set(catalogue.prefixes);
  for (const st of policy.statements) {
    const list = st.action ?? st.notAction ?? [];
    const element = st.action ? 'Action' : 'NotAction';
    for (const a of list) {
      const colon = a.value.indexOf(':');
      if (colon <= 0) continue;
      const prefix = a.value.slice(0, colon).toLowerCase();
      const name = a.value.slice(colon + 1);
      const path = `Statement[${st.index}].${element}`;
      if (!known.has(prefix)) {
        const s = suggest(prefix, catalogue.prefixes);
        const d: Diagnostic = { code: 'action.unknownService', severity: 'warning', path, from: a.from, to: a.to, message: `\`${prefix}\` is not a known service prefix, so this never matches` };
        if (s) d.hint = `did you mean \`${s}:${name}\`?`;
        out.push(d);
        continue;
      }
      const actions = catalogue.actionsOf(prefix);
      if (!actions) continue;
      const glob = compileGlob(name, true);
      if (actions.some((x) => matchGlob(glob, x.toLowerCase()))) continue;
      const wild = name.includes('*') || name.includes('?');
      const s = wild ? undefined : suggest(name, actions);
      const d: Diagnostic = {
        code: 'action.unknown', severity: 'warning', path, from: a.from, to: a.to,
        message: wild ? `\`${a.value}\` matches no ${prefix} action` : `\`${a.value}\` is not a ${prefix} action, so this never matches`,
      };
      if (s) d.hint = `did you mean \`${prefix}:${s}\`?`;
      out.push(d);
    }
  }
  return out;
}
