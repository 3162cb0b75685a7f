/**
 * The hand-written readers of IP addresses and dates (engine/operators)
 * against reference versions written the plain way (split, regular
 * expressions, Date.parse), on generated text: the fast readers must give
 * the very same value, or the same refusal, for every input. A difference
 * would change which requests a condition lets through. The same for the
 * ARN matcher that reads a pattern's text in place, against globs compiled
 * per part.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { conditionKeyLatin1Ok, conditionKeyOk, parseLatin1Operator, resourceOk } from '../../engine/fast.ts';
import { parseOperator } from '../../engine/operators/index.ts';
import { ABOVE_LATIN1, CONDITION_KEY } from '../../engine/validate.ts';
import { findVariables, hasVariableMark } from '../../engine/variables.ts';
import { parseIpRange } from '../../engine/operators/ip.ts';
import { toTime } from '../../engine/operators/date.ts';
import { compileGlob, matchGlob } from '../../engine/wildcard.ts';
import { arnSegments, matchArnText, compileArnPattern, matchArnPattern, isArn, arnServiceHasWildcard, iamArnHasRegion, variableBeforeResourcePart, arnPartProblem } from '../../engine/arn.ts';

// ---- reference readers (the engine's earlier, regex-based versions) ------

function refV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    out.push(Number(p));
  }
  return out;
}

function refV6(s: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = refV4(p);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 255]);
}

function refIpRange(text: string): number[] | null {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const bytes = addr.includes(':') ? refV6(addr) : refV4(addr);
  if (!bytes) return null;
  const max = bytes.length * 8;
  let bits = max;
  if (slash >= 0) {
    const b = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(b) || Number(b) > max) return null;
    bits = Number(b);
  }
  return [...bytes, bits];
}

function refTime(v: string): number {
  const s = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  if (!/^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/.test(s)) return NaN;
  const withZone = s.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
  return Date.parse(withZone);
}

const ip = (t: string): number[] | null => {
  const r = parseIpRange(t);
  return r ? [...r.bytes, r.bits] : null;
};

describe('IP addresses read by hand, as the reference reads them', () => {
  const octet = fc.oneof(fc.stringMatching(/^[0-9]{0,4}$/), fc.integer({ min: 0, max: 300 }).map(String));
  const dotted = fc.tuple(fc.array(octet, { minLength: 3, maxLength: 5 }), fc.option(fc.stringMatching(/^[0-9]{0,4}$/)))
    .map(([os, b]) => os.join('.') + (b === null ? '' : `/${b}`));
  const hextet = fc.oneof(fc.stringMatching(/^[0-9a-fA-F]{0,5}$/), fc.constant(''), fc.constant('1.2.3.4'));
  const colons = fc.tuple(fc.array(hextet, { minLength: 1, maxLength: 10 }), fc.array(fc.constantFrom(':', '::', ':::'), { minLength: 9, maxLength: 9 }), fc.option(fc.integer({ min: 0, max: 200 })))
    .map(([gs, seps, b]) => gs.map((g, i) => (i === 0 ? g : seps[i - 1] + g)).join('') + (b === null ? '' : `/${b}`));
  const fixed = fc.constantFrom('1.2.3.4', '0001.2.3.4', '1.2.3.0255', '256.1.1.1', '1.2.3.4.', '.1.2.3', '1..2.3', '1.2.3.4/0', '1.2.3.4/032',
    '2001:db8::/32', '::', '::1', '1::', ':::', '::::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::ffff:10.0.0.1', '1.2.3.4::',
    '2001:DB8::A/128', '2001:db8::/129', ' 10.0.0.1 ', '1:2:3:4:5:6:1.2.3.4', 'g::1', '12345::1');
  test('IPv4 and IPv6, with and without a prefix length', () => {
    fc.assert(fc.property(fc.oneof(dotted, colons, fixed, fc.stringMatching(/^[0-9a-f.:/ ]{0,24}$/), fc.string({ maxLength: 10 })), (t) => {
      assert.deepEqual(ip(t), refIpRange(t), JSON.stringify(t));
    }), { numRuns: 20000 });
  });
});

describe('dates read by hand, as Date.parse reads them', () => {
  const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));
  const common = fc.tuple(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), two(0, 14), two(0, 33), fc.option(fc.tuple(two(0, 25), two(0, 61), two(0, 61), fc.constantFrom('Z', 'z', '', '+01:00', '.5Z'))))
    .map(([y, mo, d, t]) => `${y}-${mo}-${d}` + (t === null ? '' : `T${t[0]}:${t[1]}:${t[2]}${t[3]}`));
  test('the common forms and everything near them', () => {
    fc.assert(fc.property(fc.oneof(common, fc.stringMatching(/^[0-9T:Z.+-]{8,22}$/), fc.string({ maxLength: 22 })), (t) => {
      assert.ok(Object.is(toTime(t), refTime(t)), `${JSON.stringify(t)}: ${toTime(t)} vs ${refTime(t)}`);
    }), { numRuns: 20000 });
  });
  test('a day past the month rolls over, as AWS and Date.parse have it', () => {
    assert.equal(toTime('2026-02-30'), Date.parse('2026-03-02'));
    assert.equal(toTime('2026-02-31T00:00:00Z'), Date.parse('2026-03-03T00:00:00Z'));
  });
});

describe('ARN patterns matched from their text, as compiled per-part globs match them', () => {
  /**
   * The reference: a glob for the whole pattern, and one per part when both sides are ARNs (an
   * `arn:` pattern with fewer than six parts has empty ones in their place).
   */
  function refMatch(pattern: string, value: string): boolean {
    const whole = compileGlob(pattern);
    if (whole.kind !== 'wild') return matchGlob(whole, value);
    const vs = arnSegments(value);
    if (!pattern.startsWith('arn:') || vs === null) return matchGlob(whole, value);
    const ps = arnSegments(pattern) ?? (() => {
      const cut = pattern.split(':');
      while (cut.length < 6) cut.push('');
      return cut;
    })();
    return ps.every((p, i) => matchGlob(compileGlob(p), vs[i]));
  }
  const part = fc.stringMatching(/^[a-c*?:/-]{0,5}$/);
  const arnish = fc.tuple(fc.constantFrom('arn:', 'arn:', 'ar*:', ''), fc.array(part, { minLength: 0, maxLength: 7 })).map(([h, ps]) => h + ps.join(':'));
  test('wildcards stay within their part; other values are matched whole', () => {
    fc.assert(fc.property(arnish, arnish, (pattern, value) => {
      const want = refMatch(pattern, value);
      assert.equal(matchArnText(pattern, value, arnSegments(value)), want, `${pattern} vs ${value}`);
      assert.equal(matchArnPattern(compileArnPattern(pattern), value, arnSegments(value)), want);
    }), { numRuns: 20000 });
  });
});

describe('the one-pass Resource check of the fast path', () => {
  // Parts drawn from the characters each rule looks at: colons, wildcards, `${`, `}`, `iam`, and one above U+00FF.
  // ... and the partitions, capitals and account IDs of arnPartProblem.
  const part = fc.stringMatching(/^(?:[a*?/$}{-]|iam|aws|aws-cn|S|111122223333|1234|\$\{aws:x\}|\$\{\*\}|\u0100){0,4}$/);
  const arnish = fc.tuple(fc.constantFrom('arn:', 'arn:', 'arn:aws:', 'arn:aws:', 'arn:aws:iam:', 'arn:aws-cn:a:', 'arn', 'ar*:', ''), fc.array(part, { minLength: 0, maxLength: 7 }))
    .map(([h, ps]) => h + ps.join(':'));
  /** The rules as validate.ts states them one by one. */
  function reference(v: string, variables: boolean, latin1: boolean, identityBased: boolean): boolean {
    if (v === '*') return true;
    if (!isArn(v) || arnServiceHasWildcard(v)) return false;
    if (identityBased && iamArnHasRegion(v)) return false;
    if (latin1 && ABOVE_LATIN1.test(v)) return false;
    if (arnPartProblem(v) !== null) return false;
    if (!hasVariableMark(v)) return true;
    return variables && findVariables(v).every((r) => r.problem === undefined) && !variableBeforeResourcePart(v);
  }
  test('resourceOk is isArn, no service wildcard, no IAM Region, the character rule and well-placed variables', () => {
    fc.assert(fc.property(arnish, fc.boolean(), fc.boolean(), fc.boolean(), (v, variables, latin1, identityBased) => {
      assert.equal(resourceOk(v, variables, latin1, identityBased), reference(v, variables, latin1, identityBased), JSON.stringify([v, variables, latin1, identityBased]));
    }), { numRuns: 30000 });
  });
  test('it can fail: an IAM ARN with a Region, a wildcard service, a variable in the account', () => {
    assert.equal(resourceOk('arn:aws:iam:us-east-1:111122223333:user/a', true, true, true), false);
    assert.equal(resourceOk('arn:aws:iam:*:111122223333:user/a', true, true, true), true);
    assert.equal(resourceOk('arn:aws:s*:::b', true, true, false), false);
    assert.equal(resourceOk('arn:aws:s3::${aws:x}:b', true, true, false), false);
    assert.equal(resourceOk('arn:aws:s3:::b/${aws:username}', true, true, false), true);
    assert.equal(resourceOk('arn:aws:S3:::b', true, true, false), false);
    assert.equal(resourceOk('arn:amazon:s3:::b', true, true, false), false);
    assert.equal(resourceOk('arn:aws:ec2:us-east-1:1234:instance/*', true, true, false), false);
    assert.equal(resourceOk('arn:aws:iam::aws:policy/ReadOnlyAccess', true, true, true), true);
    assert.equal(resourceOk('arn:aws-us-gov:ec2:*:*:instance/*', true, true, false), true);
  });
});

describe('the condition-key shape check of the fast path', () => {
  test('conditionKeyOk is CONDITION_KEY, read in place', () => {
    const key = fc.stringMatching(/^[aZ09:/_ .-]{0,8}$/);
    fc.assert(fc.property(key, (k) => assert.equal(conditionKeyOk(k), CONDITION_KEY.test(k), JSON.stringify(k))), { numRuns: 20000 });
  });
  test('conditionKeyLatin1Ok is CONDITION_KEY and nothing above U+00FF, in one pass', () => {
    const key = fc.stringMatching(/^[aZ09:/_ .\xe9\u0100\u212a-]{0,8}$/);
    fc.assert(fc.property(key, (k) => assert.equal(conditionKeyLatin1Ok(k), CONDITION_KEY.test(k) && !ABOVE_LATIN1.test(k), JSON.stringify(k))), { numRuns: 20000 });
    assert.equal(conditionKeyLatin1Ok('aws:PrincipalTag/caf\u00e9'), true);
    assert.equal(conditionKeyLatin1Ok('aws:\u0100'), false);
  });
  test('parseLatin1Operator refuses an operator name above U+00FF that parseOperator accepts', () => {
    // U+212A, the Kelvin sign, lower-cases to an ASCII `k`.
    assert.notEqual(parseOperator('StringLi\u212ae'), null);
    // Twice each: the second answer comes from the memo.
    for (let pass = 0; pass < 2; pass++) {
      assert.equal(parseLatin1Operator('StringLi\u212ae'), null);
      for (const name of ['StringLike', 'ForAnyValue:StringLikeIfExists', 'stringlike', 'Null', 'NoSuchOperator']) {
        assert.deepEqual(parseLatin1Operator(name), parseOperator(name), name);
      }
    }
  });
});
