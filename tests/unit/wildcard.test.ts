/**
 * Wildcards: action matching (case-insensitive, `*` and `?`), ARN matching
 * (case-sensitive, part by part, `*` spanning `/`; in Resource a `*` ending a
 * part may cross colons), reference checks on
 * small random patterns, and a file of hostile patterns. The hostile tests
 * assert the right answer, not a time: speed is measured by the bench, but a
 * matcher that backtracked catastrophically would never let this file end.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, matchGlob } from '../../engine/index.ts';
import { compilePieces, MAX_INPUT_LENGTH } from '../../engine/wildcard.ts';
import { arnSegments, compileArnPattern, compileArnPieces, matchArnPattern, matchResourceText } from '../../engine/arn.ts';
import { ALICE, decide, policy, allow, req } from './helpers.ts';

const glob = (p: string, s: string, lower = false): boolean => matchGlob(compileGlob(p, lower), lower ? s.toLowerCase() : s);
const arn = (p: string, s: string): boolean => matchArnPattern(compileArnPattern(p), s, arnSegments(s));
/** Decision for alice under one identity policy allowing `action` on `resource`. */
const can = (policyAction: string, policyResource: string, action: string, resource: string) =>
  decide(ALICE, req(action, resource), { identity: [policy([allow(policyAction, policyResource)])] });

describe('actions', () => {
  test('an action name ignores case, in the policy and the request', () => {
    assert.equal(can('S3:getobject', '*', 's3:GetObject', '*'), 'Allow');
    assert.equal(can('s3:GetObject', '*', 'S3:GETOBJECT', '*'), 'Allow');
  });
  test('a prefix wildcard', () => {
    assert.equal(can('s3:Get*', '*', 's3:GetObjectAcl', '*'), 'Allow');
    assert.equal(can('s3:Get*', '*', 's3:PutObject', '*'), 'ImplicitDeny');
  });
  test('an infix wildcard', () => assert.equal(can('iam:*AccessKey*', '*', 'iam:CreateAccessKey', '*'), 'Allow'));
  test('? is exactly one character', () => {
    assert.equal(can('ec2:Describe?pcs', '*', 'ec2:DescribeVpcs', '*'), 'Allow');
    assert.equal(can('ec2:Describe?pcs', '*', 'ec2:DescribeVVpcs', '*'), 'ImplicitDeny');
  });
  test('* alone is every action of every service', () => assert.equal(can('*', '*', 'dynamodb:DeleteTable', '*'), 'Allow'));
  test('s3:* does not cover another service whose name starts with s3', () => assert.equal(can('s3:*', '*', 's3express:CreateSession', '*'), 'ImplicitDeny'));
  test('the service prefix must match whole', () => assert.equal(can('s3:GetObject', '*', 'xs3:GetObject', '*'), 'ImplicitDeny'));
  test('compiled action globs: exact, wild and any', () => {
    assert.equal(compileGlob('s3:getobject', true).kind, 'exact');
    assert.equal(compileGlob('s3:get*', true).kind, 'wild');
    assert.equal(compileGlob('*').kind, 'any');
  });
});

describe('resources (ARNs)', () => {
  test('an ARN is case sensitive', () => {
    assert.equal(can('iam:GetUser', 'arn:aws:iam::111122223333:user/Alice', 'iam:GetUser', 'arn:aws:iam::111122223333:user/alice'), 'ImplicitDeny');
    assert.equal(arn('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a'), false);
  });
  test('* spans / within the resource part', () => {
    assert.equal(arn('arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::example-bucket/a/b/c.txt'), true);
    assert.equal(can('s3:GetObject', 'arn:aws:s3:::example-bucket/*', 's3:GetObject', 'arn:aws:s3:::example-bucket/home/alice/x'), 'Allow');
  });
  test('the bucket ARN does not cover its objects, nor bucket/* the bucket', () => {
    assert.equal(arn('arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket/a'), false);
    assert.equal(arn('arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::example-bucket'), false);
  });
  test('a wildcard in one part does not reach into the next', () => {
    assert.equal(arn('arn:aws:sns:*:111122223333', 'arn:aws:sns:eu-west-1:111122223333:topic'), false);
    assert.equal(arn('arn:aws:sns:*:111122223333:topic', 'arn:aws:sns:eu-west-1:111122223333:topic'), true);
  });
  test('a wildcard in the region and account parts', () => assert.equal(arn('arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc'), true));
  test('an empty region matches only an empty region', () => {
    assert.equal(arn('arn:aws:iam::*:role/x', 'arn:aws:iam::111122223333:role/x'), true);
    assert.equal(arn('arn:aws:iam::*:role/x', 'arn:aws:iam:us-east-1:111122223333:role/x'), false);
  });
  test('the resource part keeps its colons', () => assert.equal(arn('arn:aws:logs:eu-west-1:111122223333:log-group:app:*', 'arn:aws:logs:eu-west-1:111122223333:log-group:app:log-stream:s1'), true));
  test('* in the resource part does not match a dash when a slash is required', () => assert.equal(arn('arn:aws:s3:::example-bucket/*', 'arn:aws:s3:::example-bucket-2/a'), false));
  test('? is one character in an ARN', () => {
    assert.equal(arn('arn:aws:s3:::log?/*', 'arn:aws:s3:::logs/x'), true);
    assert.equal(arn('arn:aws:s3:::log?/*', 'arn:aws:s3:::log/x'), false);
  });
  test('* alone matches any resource, even one that is not an ARN', () => assert.equal(arn('*', 'not-an-arn'), true));
  test('a pattern matches a non-ARN request value as a whole string', () => assert.equal(arn('arn:*', 'arn:partial'), true));
  test('a literal * from the ${*} escape matches only a *', () => {
    const p = compileArnPieces([{ text: 'arn:aws:s3:::b/', wild: true }, { text: '*', wild: false }]);
    assert.equal(matchArnPattern(p, 'arn:aws:s3:::b/*', arnSegments('arn:aws:s3:::b/*')), true);
    assert.equal(matchArnPattern(p, 'arn:aws:s3:::b/x', arnSegments('arn:aws:s3:::b/x')), false);
  });
});

// IAM JSON policy elements: Resource, "Using wildcards in resource ARNs": "If the wildcard (*) is the
// last character of a resource ARN segment, it can expand to match beyond colon boundaries."
describe('a * that ends an ARN part, in the Resource element', () => {
  const STREAM = 'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:web-1';
  const resource = (p: string, v: string): boolean => matchResourceText(p, v, arnSegments(v));
  test('reaches across colons when the value has more of them', () => {
    assert.equal(resource('arn:aws:logs:us-east-1:*:log-stream:web-1', STREAM), true);
    assert.equal(resource('arn:aws:logs:*:log-group:app:log-stream:*', STREAM), true);
    assert.equal(resource('arn:aws:logs:us-east-1:*:log-stream:web-2', STREAM), false);
  });
  test('a * inside a part, not at its end, stays in its part', () => {
    assert.equal(resource('arn:aws:logs:us-east-1:1*3:log-stream:web-1', STREAM), false);
    assert.equal(resource('arn:aws:logs:us-*:111122223333:log-group:app:log-stream:web-1', STREAM), true);
  });
  test('through evaluate: a Deny written with a crossing * applies', () => {
    const text = policy([allow('logs:*'), { Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:*:log-stream:web-1' }]);
    assert.equal(decide(ALICE, req('logs:PutLogEvents', STREAM), { identity: [text] }), 'ExplicitDeny');
  });
  test('ArnLike keeps to the six parts, as its page says', () => {
    const text = policy([allow('logs:PutLogEvents', '*', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:*:log-stream:web-1' } } })]);
    assert.equal(decide(ALICE, req('logs:PutLogEvents', '*', { 'aws:SourceArn': STREAM }), { identity: [text] }), 'ImplicitDeny');
  });
  test('agrees with a regular-expression reading of the rule on small random ARNs', () => {
    const part = fc.stringMatching(/^[ab*?]{0,3}$/);
    const valuePart = fc.stringMatching(/^[ab]{0,3}$/);
    const patternArb = fc.tuple(part, part, part, part, fc.stringMatching(/^[ab:*?]{0,5}$/)).map((ps) => `arn:${ps.join(':')}`);
    const valueArb = fc.tuple(valuePart, valuePart, valuePart, valuePart, fc.stringMatching(/^[ab:]{0,6}$/)).map((ps) => `arn:${ps.join(':')}`);
    // The reference: a regular expression per pattern (fine in a test; the engine never builds one).
    const reference = (p: string, v: string): boolean => {
      let src = '';
      let colons = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p[i]!;
        const inPart = colons < 5;
        if (c === ':' && inPart) colons++;
        if (c === '*') src += !inPart || i + 1 === p.length || p[i + 1] === ':' ? '[^]*' : '[^:]*';
        else if (c === '?') src += inPart ? '[^:]' : '[^]';
        else src += c === ':' ? ':' : c;
      }
      return new RegExp(`^${src}$`).test(v) || arn(p, v);
    };
    fc.assert(fc.property(patternArb, valueArb, (p, v) => assert.equal(resource(p, v), reference(p, v), `${p} ~ ${v}`)), { numRuns: 5000 });
  });
  test('a hostile crossing pattern against the longest ARN it is tried on', () => {
    const long = `arn:aws:logs:us-east-1:111122223333:${'a:'.repeat(1000)}b`;
    assert.ok(long.length <= 2048);
    assert.equal(resource(`arn:aws:logs:*:${'*a:'.repeat(600)}c`, long), false);
    assert.equal(resource(`arn:aws:logs:*:${'*a:'.repeat(600)}b`, long), true);
  });
  test('beyond 2,048 characters, the length limit of an ARN, only part-by-part matching is tried', () => {
    const long = `arn:aws:logs:us-east-1:111122223333:${'a:'.repeat(2000)}b`;
    assert.equal(resource('arn:aws:logs:*:a:b', long), false);
    assert.equal(resource('arn:aws:logs:us-east-1:111122223333:*b', long), true);
  });
});

describe('against a reference matcher on small random patterns', () => {
  /** A slow but obviously right matcher, for inputs of a few characters only. */
  function reference(p: string, s: string): boolean {
    if (p === '') return s === '';
    if (p[0] === '*') return reference(p.slice(1), s) || (s !== '' && reference(p, s.slice(1)));
    return s !== '' && (p[0] === '?' || p[0] === s[0]) && reference(p.slice(1), s.slice(1));
  }
  const pat = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 7 }).map((x) => x.join(''));
  const str = fc.array(fc.constantFrom('a', 'b'), { maxLength: 9 }).map((x) => x.join(''));
  test('matchGlob agrees with the reference', () => {
    fc.assert(fc.property(pat, str, (p, s) => assert.equal(glob(p, s), reference(p, s), `${p} vs ${s}`)), { numRuns: 1000 });
  });
  test('pieces with only wildcard text agree with the plain pattern', () => {
    fc.assert(fc.property(pat, str, (p, s) => assert.equal(matchGlob(compilePieces([{ text: p, wild: true }]), s), reference(p, s))), { numRuns: 300 });
  });
  test('a literal piece is matched literally', () => {
    fc.assert(fc.property(pat, str, str, (lit, a, b) => {
      const g = compilePieces([{ text: lit, wild: false }, { text: '*', wild: true }]);
      assert.equal(matchGlob(g, a + b), (a + b).startsWith(lit));
    }), { numRuns: 300 });
  });
});

describe('hostile patterns', () => {
  const A10K = 'a'.repeat(10_000);
  test('*a*a*a*a*a*b against 10,000 a: no match', () => assert.equal(glob('*a*a*a*a*a*b', A10K), false));
  test('*a*a*a*a*a*a against 10,000 a: match', () => assert.equal(glob('*a*a*a*a*a*a', A10K), true));
  test('(*a) x 50 then b against 10,000 a: no match', () => assert.equal(glob(`${'*a'.repeat(50)}b`, A10K), false));
  test('1,000 stars then b against 10,000 a: no match', () => assert.equal(glob(`${'*'.repeat(1000)}b`, A10K), false));
  test('5,000 ? against 5,000 characters: match; against 4,999: no match', () => {
    assert.equal(glob('?'.repeat(5000), 'x'.repeat(5000)), true);
    assert.equal(glob('?'.repeat(5000), 'x'.repeat(4999)), false);
  });
  test('*?*?*? runs against a long input', () => assert.equal(glob('*?'.repeat(200), 'z'.repeat(20_000)), true));
  test('a long literal after a star, nearly matching everywhere', () => {
    const needle = `${'a'.repeat(100)}b`;
    assert.equal(glob(`*${needle}`, A10K), false);
    assert.equal(glob(`*${needle}`, `${A10K}b`), true);
  });
  test('a 60 KB input matches correctly', () => {
    const big = `${'ab'.repeat(30_000)}c`;
    assert.ok(big.length > 60_000 && big.length <= MAX_INPUT_LENGTH);
    assert.equal(glob('*a*b*c', big), true);
    assert.equal(glob('*a*b*d', big), false);
    assert.equal(glob('ab*a?c', big), true);
    assert.equal(glob('ab*ab?c', big), false);
  });
  test(`an input over ${MAX_INPUT_LENGTH} characters never matches a wildcard pattern`, () => {
    assert.equal(glob('a*', 'a'.repeat(MAX_INPUT_LENGTH + 1)), false);
    assert.equal(glob('*', 'a'.repeat(MAX_INPUT_LENGTH + 1)), true);
  });
  test('a hostile action pattern through evaluate', () => {
    assert.equal(can('s3:*a*a*a*a*a*b', '*', `s3:${A10K}`, '*'), 'ImplicitDeny');
    assert.equal(can('s3:*a*a*a*a*a*a', '*', `s3:${A10K}`, '*'), 'Allow');
  });
  test('a hostile resource pattern through evaluate', () => {
    const res = `arn:aws:s3:::${A10K}`;
    assert.equal(can('s3:GetObject', 'arn:aws:s3:::*a*a*a*a*a*b', 's3:GetObject', res), 'ImplicitDeny');
    assert.equal(can('s3:GetObject', `arn:aws:s3:::${'*a'.repeat(40)}`, 's3:GetObject', res), 'Allow');
  });
  test('a hostile StringLike value through evaluate', () => {
    const text = policy([allow('s3:GetObject', '*', { Condition: { StringLike: { 's3:prefix': `${'*a'.repeat(30)}*b` } } })]);
    assert.equal(decide(ALICE, req('s3:GetObject', '*', { 's3:prefix': A10K }), { identity: [text] }), 'ImplicitDeny');
  });
  test('a hostile pattern built from pieces (codes path)', () => {
    const g = compilePieces([{ text: '*a*a*a*a*a', wild: true }, { text: '*', wild: false }]);
    assert.equal(g.kind, 'codes');
    assert.equal(matchGlob(g, A10K), false);
    assert.equal(matchGlob(g, `${A10K}*`), true);
  });
  test('many colons in a resource do not confuse part matching', () => {
    const res = `arn:aws:logs:eu-west-1:111122223333:${':'.repeat(20_000)}x`;
    assert.equal(arn('arn:aws:logs:*:*:*x', res), true);
    assert.equal(arn('arn:aws:logs:*:*:*y', res), false);
  });
});
