/**
 * The benchmark command's contract (shared/bench/README.md), which outside
 * checks rely on (DESIGN.md, contract 2): a wrong decision is an error that
 * names the case and times nothing; a file that is not a cases file gets one
 * line; a correct file ends with `evaluations/s: N`. Speed itself is
 * measured by `npm run bench`, never asserted here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('../../scripts/bench.ts', import.meta.url));
const STAGES = fileURLToPath(new URL('../../scripts/bench-stages.ts', import.meta.url));

const alice = { arn: 'arn:aws:iam::111122223333:user/alice' };
const readAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' }],
};
/** A case that the policy allows, with the expected decision given. */
function allowCase(id: string, decision: string): unknown {
  return {
    id,
    principal: alice,
    request: { action: 's3:GetObject', resource: 'arn:aws:s3:::example-bucket/a.txt' },
    policies: { identity: [readAll] },
    expect: { decision },
  };
}

type Run = ReturnType<typeof spawnSync> & { stdout: string; stderr: string };

function runBench(files: Record<string, string>, file: string, ...args: string[]): Run {
  return runScript(BENCH, files, file, ...args);
}

/** Runs a script on a file written to a fresh temporary folder, with the given arguments after it. */
function runScript(script: string, files: Record<string, string>, file: string, ...args: string[]): Run {
  const dir = mkdtempSync(join(tmpdir(), 'iam-lab-bench-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return spawnSync(process.execPath, [script, join(dir, file), ...args], { encoding: 'utf8', timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a wrong expected decision stops the benchmark before any timing, naming the case', () => {
  const cases = { cases: [allowCase('right', 'Allow'), allowCase('wrong-on-purpose', 'ExplicitDeny')] };
  const run = runBench({ 'w.json': JSON.stringify(cases) }, 'w.json');
  assert.equal(run.status, 1);
  assert.equal(run.stderr.trim(), 'case wrong-on-purpose: expected ExplicitDeny, got Allow');
  assert.doesNotMatch(run.stdout, /evaluations\/s/);
});

test('a case whose policy is invalid counts as InvalidPolicy, and an unexpected one is an error', () => {
  const bad = { ...(allowCase('bad-effect', 'Allow') as object), policies: { identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] }] } };
  const run = runBench({ 'b.json': JSON.stringify({ cases: [bad] }) }, 'b.json');
  assert.equal(run.status, 1);
  assert.equal(run.stderr.trim(), 'case bad-effect: expected Allow, got InvalidPolicy');
});

test('a file that is not a cases file, or no file at all, gets one line and exit status 2', () => {
  const notJson = runBench({ 'n.json': '{"cases": [' }, 'n.json');
  assert.equal(notJson.status, 2);
  assert.match(notJson.stderr.trim(), /n\.json: not valid JSON \(/);
  assert.equal(notJson.stderr.trim().split('\n').length, 1);
  const noFile = spawnSync(process.execPath, [BENCH], { encoding: 'utf8' });
  assert.equal(noFile.status, 2);
  assert.equal(noFile.stderr.trim(), 'usage: npm run --silent bench -- FILE');
});

test('--rounds evaluates a fixed number of rounds without timing', () => {
  const run = runBench({ 'r.json': JSON.stringify({ cases: [allowCase('a', 'Allow'), allowCase('b', 'Allow')] }) }, 'r.json', '--rounds', '3');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'rounds: 3, evaluations: 6');
});

test('a correct file is timed for at least 2 seconds and the last line is `evaluations/s: N`', () => {
  const run = runBench({ 'ok.json': JSON.stringify({ cases: [allowCase('a', 'Allow')] }) }, 'ok.json');
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.match(lines.at(-1) ?? '', /^evaluations\/s: [1-9][0-9]*$/);
  const seconds = Number(/seconds: ([0-9.]+)/.exec(run.stdout)?.[1]);
  assert.ok(seconds >= 2, `timed ${seconds} s`);
});

test('bench:stages --stage N --rounds R runs one stage a fixed number of passes, for counting instructions', () => {
  const files = { 's.json': JSON.stringify({ cases: [allowCase('a', 'Allow'), allowCase('b', 'Allow')] }) };
  for (const stage of ['0', '1', '2', '3']) {
    const run = runScript(STAGES, files, 's.json', '--stage', stage, '--rounds', '4');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), `stage: ${stage}, rounds: 4, cases: 8`);
  }
  for (const bad of [['--stage', '7'], ['--stage', '1', '--rounds', 'many']]) {
    const run = runScript(STAGES, files, 's.json', ...bad);
    assert.equal(run.status, 2);
    assert.match(run.stderr.trim(), /^usage: npm run --silent bench:stages -- FILE/);
  }
});

test('--text hands every policy over as JSON text, which is then what is judged', () => {
  const files = { 't.json': JSON.stringify({ cases: [allowCase('a', 'Allow'), allowCase('b', 'Allow')] }) };
  const run = runBench(files, 't.json', '--text', '--rounds', '3');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'rounds: 3, evaluations: 6');
  // Every character of an SCP counts against its 5,120 (AWS Organizations quotas), so
  // one that fits minified (about 4,400) is refused once indented as the workbench shows it.
  const actions = Array.from({ length: 200 }, (_, i) => `s3:GetObject${String(i).padStart(4, '0')}`);
  const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', ...actions], Resource: '*' }] };
  const big = { ...(allowCase('indented-scp-too-big', 'Allow') as object), policies: { identity: [readAll], scp: [[scp]] } };
  const scpFiles = { 's.json': JSON.stringify({ cases: [big] }) };
  assert.ok(JSON.stringify(scp).length < 5120 && JSON.stringify(scp, null, 2).length > 5120);
  const asValue = runBench(scpFiles, 's.json', '--rounds', '1');
  assert.equal(asValue.status, 0, asValue.stderr);
  const asText = runBench(scpFiles, 's.json', '--text', '--rounds', '1');
  assert.equal(asText.status, 1);
  assert.equal(asText.stderr.trim(), 'case indented-scp-too-big: expected Allow, got InvalidPolicy');
});
