/**
 * Catalogue lint in the browser: warnings for actions AWS does not have
 * (`s3:GetObjcet`) and condition keys it does not document
 * (`aws:SecureTransports`, `s3:prefx`), from the catalogue the site serves as small
 * static files (/catalogue/index.json, /catalogue/<service>.json; see
 * scripts/catalogue.ts). Only the services a policy names are fetched, after
 * the first decisions are on screen; until they arrive the lint simply has
 * less to say. A failed fetch (offline) means no catalogue lint, never an
 * error on the page or in the console.
 */
import { lintActions, lintConditionKeys, servicesNamed, type ActionCatalogue, type Diagnostic, type Policy } from '../../../engine/index.ts';

/** Lint that fills in as the catalogue arrives. */
export interface CatalogueLint {
  /** The warnings for `policy` with what is loaded now; starts loading what is missing. */
  lint(policy: Policy | null): Diagnostic[];
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

function isStringList(v: unknown, key: string): v is Record<string, string[]> {
  const list = (v as Record<string, unknown> | null)?.[key];
  return Array.isArray(list) && list.every((x) => typeof x === 'string');
}

// One cache for the whole page: every workbench on it reads the same
// catalogue, fetched once, and each is told when new data could change its
// warnings.
let prefixes: string[] | null = null;
let prefixesLoading = false;
let broken = false;
let globalKeys: string[] = [];
const actions = new Map<string, string[]>();
const conditionKeys = new Map<string, string[]>();
const loading = new Set<string>();
const listeners = new Set<() => void>();

const catalogue: ActionCatalogue = {
  get prefixes() { return prefixes ?? []; },
  actionsOf: (prefix) => actions.get(prefix),
  get globalConditionKeys() { return globalKeys; },
  conditionKeysOf: (prefix) => conditionKeys.get(prefix),
};

function loaded(): void {
  for (const changed of listeners) changed();
}

function load(base: string, services: string[]): void {
  if (broken) return;
  if (prefixes === null) {
    if (prefixesLoading) return;
    prefixesLoading = true;
    getJson(`${base}catalogue/index.json`).then((data) => {
      if (!isStringList(data, 'services')) throw new Error('bad catalogue index');
      prefixes = data.services;
      // The global condition keys are an extra: an index without them still gives action lint.
      if (isStringList(data, 'globalConditionKeys')) globalKeys = data.globalConditionKeys;
      loaded();
    }).catch(() => { broken = true; });
    return;
  }
  for (const service of services) {
    if (actions.has(service) || loading.has(service) || !prefixes.includes(service)) continue;
    loading.add(service);
    getJson(`${base}catalogue/${encodeURIComponent(service)}.json`).then((data) => {
      if (!isStringList(data, 'actions')) throw new Error('bad catalogue file');
      actions.set(service, data.actions);
      // Condition keys are an extra: a file without them still gives action lint.
      if (isStringList(data, 'conditionKeys')) conditionKeys.set(service, data.conditionKeys);
      loaded();
    }).catch(() => { /* no lint for this service */ }).finally(() => loading.delete(service));
  }
}

/**
 * Creates the lint of one workbench. `changed` is called when newly loaded
 * catalogue data could change the warnings, so the caller can lint again.
 */
export function createCatalogueLint(base: string, changed: () => void): CatalogueLint {
  listeners.add(changed);
  return {
    lint(policy) {
      if (!policy) return [];
      load(base, servicesNamed(policy));
      return prefixes === null ? [] : [...lintActions(policy, catalogue), ...lintConditionKeys(policy, catalogue)];
    },
  };
}
