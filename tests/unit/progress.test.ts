/**
 * The progress store (site/scripts/progress.ts): what it accepts from
 * storage, what it ignores, and that it never throws.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PRACTICE_KEY,
  PROGRESS_KEY,
  isPractice,
  isProgress,
  markSolved,
  practiceScoreOf,
  readPractice,
  readProgress,
  solvedIn,
  type StorageLike,
} from '../../site/scripts/progress.ts';

/** An in-memory Storage. */
function memory(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

/** A Storage that throws on every call, like a disabled one. */
const broken: StorageLike = {
  getItem: () => { throw new Error('SecurityError'); },
  setItem: () => { throw new Error('QuotaExceededError'); },
};

test('a solved exercise is stored once and read back', () => {
  const s = memory();
  assert.equal(markSolved('root-user', 'lock-away', s), true);
  assert.equal(markSolved('root-user', 'lock-away', s), true);
  assert.equal(markSolved('root-user', 'no-keys', s), true);
  assert.deepEqual(solvedIn(readProgress(s), 'root-user'), ['lock-away', 'no-keys']);
  assert.deepEqual(solvedIn(readProgress(s), 'conditions'), []);
});

test('corrupted progress reads as none and is replaced on the next write', () => {
  for (const text of ['{not json', 'null', '[]', '{"solved":[]}', '{"solved":{"a":"x"}}', '{"solved":{"a":[1]}}']) {
    const s = memory({ [PROGRESS_KEY]: text });
    assert.deepEqual(readProgress(s), { solved: {} }, text);
    markSolved('a', 'b', s);
    assert.deepEqual(JSON.parse(s.data.get(PROGRESS_KEY)!), { solved: { a: ['b'] } }, text);
  }
});

test('inherited names are not lessons', () => {
  const progress = readProgress(memory({ [PROGRESS_KEY]: '{"solved":{}}' }));
  assert.deepEqual(solvedIn(progress, 'constructor'), []);
  assert.deepEqual(solvedIn(progress, '__proto__'), []);
  assert.equal(practiceScoreOf(readPractice(memory()), 'toString'), null);
});

test('practice scores are read and guarded', () => {
  const s = memory({ [PRACTICE_KEY]: '{"scores":{"root-user":{"correct":4,"total":5}}}' });
  assert.deepEqual(practiceScoreOf(readPractice(s), 'root-user'), { correct: 4, total: 5 });
  assert.equal(isPractice({ scores: { a: { correct: 6, total: 5 } } }), false);
  assert.equal(isPractice({ scores: { a: { correct: 1.5, total: 5 } } }), false);
  assert.equal(isPractice({ scores: { a: { correct: -1, total: 5 } } }), false);
  assert.deepEqual(readPractice(memory({ [PRACTICE_KEY]: '{"scores":{"a":{"correct":"4","total":5}}}' })), { scores: {} });
});

test('the guards accept exactly the documented shapes', () => {
  assert.equal(isProgress({ solved: { a: ['x', 'y'], b: [] } }), true);
  assert.equal(isProgress({ solved: { a: ['x', 2] } }), false);
  assert.equal(isProgress({}), false);
  assert.equal(isPractice({ scores: {} }), true);
});

test('unavailable storage never throws', () => {
  assert.deepEqual(readProgress(broken), { solved: {} });
  assert.deepEqual(readPractice(null), { scores: {} });
  assert.equal(markSolved('a', 'b', broken), false);
});
