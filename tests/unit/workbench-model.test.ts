/**
 * The workbench keeps its own copies of two content rules (to keep the
 * engine out of the script every lesson page loads up front); they must
 * agree with lessons/exercise.ts, or the page and the content tests would
 * judge exercises differently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEARNER as contentMarker, meetsExpectation } from '../../lessons/exercise.ts';
import { LEARNER as workbenchMarker, matches } from '../../site/scripts/workbench/model.ts';

test('the learner marker is the same string', () => {
  assert.equal(workbenchMarker, contentMarker);
});

test('matches agrees with meetsExpectation on every pair', () => {
  const expected = ['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Deny'] as const;
  const actual = ['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Invalid'] as const;
  for (const e of expected) for (const a of actual) assert.equal(matches(e, a), meetsExpectation(e, a), `${e} / ${a}`);
});
