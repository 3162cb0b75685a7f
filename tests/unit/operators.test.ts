/**
 * Condition operators, one describe per family, observed as decisions: alice
 * has one identity policy whose only statement allows s3:GetObject under the
 * condition; Allow means the condition held, ImplicitDeny that it did not.
 * In a Deny statement (third argument 'Deny'), ExplicitDeny means it held.
 * AWS: IAM JSON policy elements: Condition operators; Creating a condition
 * with multiple context keys or values.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContextValue, Decision } from '../../engine/index.ts';
import { withCondition } from './helpers.ts';

type Ctx = Record<string, ContextValue> | undefined;

/** One row: the condition, the request context, the decision. */
function row(name: string, condition: object, context: Ctx, want: Decision, effect: 'Allow' | 'Deny' = 'Allow'): void {
  test(name, () => assert.equal(withCondition(condition, context, effect), want));
}
const ALLOW: Decision = 'Allow';
const NO: Decision = 'ImplicitDeny';
const DENY: Decision = 'ExplicitDeny';

describe('string operators', () => {
  row('StringEquals matches the exact value', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }, ALLOW);
  row('StringEquals is case sensitive', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'Blue' }, NO);
  row('StringEquals treats * as a plain character', { StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice' }, NO);
  row('StringEquals with * matches a literal *', { StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/*' }, ALLOW);
  row('StringEquals with several values: any one (OR)', { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } }, { 'aws:RequestedRegion': 'eu-central-1' }, ALLOW);
  row('StringEquals with a key absent is false', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, undefined, NO);
  row('condition key names are not case sensitive', { StringEquals: { 'AWS:PRINCIPALTAG/TEAM': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }, ALLOW);
  row('StringEqualsIgnoreCase ignores case', { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, { 'aws:PrincipalTag/team': 'blue' }, ALLOW);
  row('StringNotEqualsIgnoreCase ignores case', { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, { 'aws:PrincipalTag/team': 'blue' }, NO);
  row('StringLike: * matches any run', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/notes' }, ALLOW);
  row('StringLike: ? matches exactly one character', { StringLike: { 's3:prefix': 'v?' } }, { 's3:prefix': 'v10' }, NO);
  row('StringLike: ? matches one character', { StringLike: { 's3:prefix': 'v?' } }, { 's3:prefix': 'v1' }, ALLOW);
  row('StringLike is case sensitive', { StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/a' }, NO);
  row('StringNotEquals: another value matches', { StringNotEquals: { 'aws:PrincipalTag/team': 'red' } }, { 'aws:PrincipalTag/team': 'blue' }, ALLOW);
  row('StringNotEquals: the same value does not', { StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }, NO);
  row('StringNotEquals with several values: none may match (NOR)', { StringNotEquals: { 'aws:PrincipalTag/team': ['red', 'blue'] } }, { 'aws:PrincipalTag/team': 'blue' }, NO);
  row('StringNotEquals with a key absent is true', { StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } }, undefined, ALLOW);
  row('StringNotLike with a key absent is true', { StringNotLike: { 's3:prefix': 'secret/*' } }, undefined, ALLOW);
  row('StringNotLike with a matching value is false', { StringNotLike: { 's3:prefix': 'secret/*' } }, { 's3:prefix': 'secret/x' }, NO);
  row('StringEqualsIfExists with a key absent is true', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } }, undefined, ALLOW);
  row('StringEqualsIfExists with another value is false', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'red' }, NO);
  row('StringNotEqualsIfExists with the value is false', { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } }, { 'aws:PrincipalTag/team': 'blue' }, NO);
  row('two keys under one operator are ANDed', { StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:RequestedRegion': 'eu-west-1' } }, { 'aws:PrincipalTag/team': 'blue' }, NO);
  row('two operators are ANDed', { StringEquals: { 'aws:PrincipalTag/team': 'blue' }, StringLike: { 's3:prefix': 'a*' } }, { 'aws:PrincipalTag/team': 'blue', 's3:prefix': 'a1' }, ALLOW);
  row('a number in the request compares as text', { StringEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, ALLOW);
  row('in a Deny: StringNotEquals with the key absent denies', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } }, undefined, DENY, 'Deny');
  row('a policy variable as the value', { StringEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': 'alice' }, ALLOW);
  row('a policy variable with no value never matches', { StringEquals: { 's3:prefix': '${aws:PrincipalTag/none}' } }, { 's3:prefix': '' }, NO);
});

describe('multivalued keys: ForAllValues and ForAnyValue', () => {
  row('ForAnyValue: one request value in the list is enough', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } }, { 'aws:TagKeys': ['owner', 'team'] }, ALLOW);
  row('ForAnyValue: no request value in the list', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } }, { 'aws:TagKeys': ['owner'] }, NO);
  row('ForAnyValue: a key absent is false', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, undefined, NO);
  row('ForAnyValue: an empty list is false', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [] }, NO);
  row('ForAllValues: every request value in the list', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } }, { 'aws:TagKeys': ['cost', 'team'] }, ALLOW);
  row('ForAllValues: one value outside the list fails', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'cost'] } }, { 'aws:TagKeys': ['team', 'owner'] }, NO);
  row('ForAllValues: a key absent is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, undefined, ALLOW);
  row('ForAllValues: an empty list is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [] }, ALLOW);
  // Condition operators: a key that "resolves to a null dataset, such as an empty string": ForAllValues true, ForAnyValue false.
  row('ForAllValues: an empty string is a null dataset, so true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [''] }, ALLOW);
  row('ForAnyValue: an empty string is a null dataset, so false even against ""', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': '' } }, { 'aws:TagKeys': '' }, NO);
  row('ForAnyValueIfExists: an empty value is present, so still false', { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': '*' } }, { 'aws:TagKeys': [''] }, NO);
  row('ForAnyValue: one real value among empty ones counts', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['', 'team'] }, ALLOW);
  row('a plain operator still compares an empty string', { StringEquals: { 'aws:TagKeys': '' } }, { 'aws:TagKeys': '' }, ALLOW);
  row('ForAllValues with StringLike', { 'ForAllValues:StringLike': { 'aws:TagKeys': ['team-*'] } }, { 'aws:TagKeys': ['team-a', 'team-b'] }, ALLOW);
  row('ForAllValues:StringNotEquals: no value may be listed', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, { 'aws:TagKeys': ['team', 'secret'] }, NO);
  row('ForAllValues:StringNotEquals: none listed', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, { 'aws:TagKeys': ['team', 'cost'] }, ALLOW);
  row('ForAnyValue:StringNotEquals: one value not listed is enough', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['team', 'cost'] }, ALLOW);
  row('ForAnyValue:StringNotEquals: all listed', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['team'] }, NO);
  row('in a Deny: ForAnyValue denies when one value matches', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'secret' } }, { 'aws:TagKeys': ['a', 'secret'] }, DENY, 'Deny');
  row('in a Deny: ForAllValues with the key absent denies (a trap AWS documents)', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } }, undefined, DENY, 'Deny');
  row('a single request value is a list of one', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': 'team' }, ALLOW);
  row('ForAnyValue:NumericGreaterThan over numbers', { 'ForAnyValue:NumericGreaterThan': { 'k:n': '5' } }, { 'k:n': [1, 2, 9] }, ALLOW);
});

describe('numeric operators', () => {
  row('NumericEquals', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, ALLOW);
  row('NumericEquals compares numbers, not text', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10.0' }, ALLOW);
  row('NumericNotEquals', { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 11 }, ALLOW);
  row('NumericLessThan: below', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 9 }, ALLOW);
  row('NumericLessThan: equal is not less', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, NO);
  row('NumericLessThanEquals: equal', { NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, ALLOW);
  row('NumericGreaterThan: above', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 3601 }, ALLOW);
  row('NumericGreaterThanEquals: below', { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 100 }, NO);
  row('a decimal and a negative number', { NumericLessThan: { 'k:n': '-1.5' } }, { 'k:n': -2 }, ALLOW);
  row('a JSON number in the policy', { NumericEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10' }, ALLOW);
  row('a request value that is not a number never matches', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' }, NO);
  row('a key absent is false', { NumericLessThan: { 's3:max-keys': '10' } }, undefined, NO);
  row('NumericNotEquals with a key absent is true', { NumericNotEquals: { 's3:max-keys': '10' } }, undefined, ALLOW);
  row('NumericLessThanIfExists with a key absent is true', { NumericLessThanIfExists: { 's3:max-keys': '10' } }, undefined, ALLOW);
  row('NumericLessThanIfExists with a value above is false', { NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': 50 }, NO);
});

describe('date operators', () => {
  const T = 'aws:CurrentTime';
  row('DateGreaterThan with ISO 8601', { DateGreaterThan: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: '2026-06-01T00:00:00Z' }, ALLOW);
  row('DateLessThan with ISO 8601', { DateLessThan: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: '2026-06-01T00:00:00Z' }, NO);
  row('a date alone is midnight UTC', { DateEquals: { [T]: '2026-01-01' } }, { [T]: '2026-01-01T00:00:00Z' }, ALLOW);
  // The W3C profile of ISO 8601 that the Condition operators page points to also has year and month alone.
  row('a year and month is the first of the month, midnight UTC', { DateGreaterThanEquals: { [T]: '2026-03' } }, { [T]: '2026-03-01T00:00:00Z' }, ALLOW);
  row('... and not a moment before', { DateGreaterThanEquals: { [T]: '2026-03' } }, { [T]: '2026-02-28T23:59:59Z' }, NO);
  row('a time zone offset is honoured', { DateEquals: { [T]: '2026-01-01T02:00:00+02:00' } }, { [T]: '2026-01-01T00:00:00Z' }, ALLOW);
  row('epoch seconds in the policy', { DateGreaterThanEquals: { [T]: '1767225600' } }, { [T]: '2026-01-01T00:00:00Z' }, ALLOW);
  row('epoch seconds in the request (a number)', { DateLessThan: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: 1767225599 }, ALLOW);
  row('epoch seconds in the request (text)', { DateLessThan: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: '1767225600' }, NO);
  row('DateLessThanEquals: equal', { DateLessThanEquals: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: '2026-01-01T00:00:00Z' }, ALLOW);
  row('DateNotEquals: another instant', { DateNotEquals: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: '2026-01-02T00:00:00Z' }, ALLOW);
  row('DateNotEquals with a key absent is true', { DateNotEquals: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } }, undefined, ALLOW);
  row('DateGreaterThan with a key absent is false', { DateGreaterThan: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } }, undefined, NO);
  row('DateGreaterThanIfExists with a key absent is true', { DateGreaterThanIfExists: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } }, undefined, ALLOW);
  row('a request value that is not a date never matches', { DateGreaterThan: { [T]: '2026-01-01T00:00:00Z' } }, { [T]: 'tomorrow' }, NO);
});

describe('Bool and BinaryEquals', () => {
  const M = 'aws:MultiFactorAuthPresent';
  row('Bool true with true', { Bool: { [M]: 'true' } }, { [M]: true }, ALLOW);
  row('Bool true with false', { Bool: { [M]: 'true' } }, { [M]: false }, NO);
  row('Bool with a text request value', { Bool: { [M]: 'false' } }, { [M]: 'false' }, ALLOW);
  row('Bool ignores the case of true and false', { Bool: { [M]: 'TRUE' } }, { [M]: 'True' }, ALLOW);
  row('Bool with a JSON boolean in the policy', { Bool: { [M]: true } }, { [M]: true }, ALLOW);
  row('Bool false with the key absent is false', { Bool: { [M]: 'false' } }, undefined, NO);
  row('BoolIfExists false with the key absent is true', { BoolIfExists: { [M]: 'false' } }, undefined, ALLOW);
  row('in a Deny: Bool false with the key absent does not deny', { Bool: { [M]: 'false' } }, undefined, ALLOW, 'Deny');
  row('in a Deny: BoolIfExists false with the key absent denies', { BoolIfExists: { [M]: 'false' } }, undefined, DENY, 'Deny');
  row('in a Deny: insecure transport denies', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': false }, DENY, 'Deny');
  row('BinaryEquals with the same bytes', { BinaryEquals: { 'k:bin': 'QmluYXJ5' } }, { 'k:bin': 'QmluYXJ5' }, ALLOW);
  row('BinaryEquals with other bytes', { BinaryEquals: { 'k:bin': 'QmluYXJ5' } }, { 'k:bin': 'T3RoZXI=' }, NO);
  row('BinaryEquals with the key absent', { BinaryEquals: { 'k:bin': 'QmluYXJ5' } }, undefined, NO);
});

describe('IP address operators', () => {
  const S = 'aws:SourceIp';
  row('IpAddress: inside a /24', { IpAddress: { [S]: '203.0.113.0/24' } }, { [S]: '203.0.113.7' }, ALLOW);
  row('IpAddress: outside a /24', { IpAddress: { [S]: '203.0.113.0/24' } }, { [S]: '203.0.114.7' }, NO);
  row('IpAddress: a single address', { IpAddress: { [S]: '203.0.113.7' } }, { [S]: '203.0.113.7' }, ALLOW);
  row('IpAddress: a /0 holds every IPv4 address', { IpAddress: { [S]: '0.0.0.0/0' } }, { [S]: '198.51.100.1' }, ALLOW);
  row('IpAddress: an odd prefix length (/27)', { IpAddress: { [S]: '203.0.113.32/27' } }, { [S]: '203.0.113.64' }, NO);
  row('IpAddress: inside an odd prefix length (/27)', { IpAddress: { [S]: '203.0.113.32/27' } }, { [S]: '203.0.113.63' }, ALLOW);
  row('IpAddress: one of several ranges', { IpAddress: { [S]: ['192.0.2.0/24', '203.0.113.0/24'] } }, { [S]: '203.0.113.7' }, ALLOW);
  row('IPv6: inside 2001:db8::/32', { IpAddress: { [S]: '2001:db8::/32' } }, { [S]: '2001:db8:1234::1' }, ALLOW);
  row('IPv6: outside 2001:db8::/32', { IpAddress: { [S]: '2001:db8::/32' } }, { [S]: '2001:db9::1' }, NO);
  row('IPv6: the long form matches the short one', { IpAddress: { [S]: '2001:db8::1' } }, { [S]: '2001:0db8:0000:0000:0000:0000:0000:0001' }, ALLOW);
  row('IPv6: hex digits in either case', { IpAddress: { [S]: '2001:DB8::/32' } }, { [S]: '2001:db8::abcd' }, ALLOW);
  row('an IPv4 address is not in an IPv6 range', { IpAddress: { [S]: '::/0' } }, { [S]: '203.0.113.7' }, NO);
  row('a request value that is not an address never matches', { IpAddress: { [S]: '0.0.0.0/0' } }, { [S]: 'example.com' }, NO);
  row('IpAddress with the key absent is false', { IpAddress: { [S]: '0.0.0.0/0' } }, undefined, NO);
  row('NotIpAddress: outside the range', { NotIpAddress: { [S]: '203.0.113.0/24' } }, { [S]: '198.51.100.1' }, ALLOW);
  row('NotIpAddress: inside the range', { NotIpAddress: { [S]: '203.0.113.0/24' } }, { [S]: '203.0.113.1' }, NO);
  row('NotIpAddress with the key absent is true', { NotIpAddress: { [S]: '203.0.113.0/24' } }, undefined, ALLOW);
  row('in a Deny: NotIpAddress denies outside the office', { NotIpAddress: { [S]: ['192.0.2.0/24', '2001:db8::/32'] } }, { [S]: '198.51.100.1' }, DENY, 'Deny');
  row('in a Deny: NotIpAddress spares an IPv6 address in the office', { NotIpAddress: { [S]: ['192.0.2.0/24', '2001:db8::/32'] } }, { [S]: '2001:db8::7' }, ALLOW, 'Deny');
});

describe('ARN operators', () => {
  const P = 'aws:PrincipalArn';
  const K = 'aws:SourceArn';
  row('ArnEquals with the exact ARN', { ArnEquals: { [K]: 'arn:aws:sns:eu-west-1:111122223333:topic' } }, { [K]: 'arn:aws:sns:eu-west-1:111122223333:topic' }, ALLOW);
  row('ArnLike with a wildcard in the resource part', { ArnLike: { [K]: 'arn:aws:s3:::example-*' } }, { [K]: 'arn:aws:s3:::example-bucket' }, ALLOW);
  row('ArnEquals honours wildcards as ArnLike does', { ArnEquals: { [K]: 'arn:aws:s3:::example-*' } }, { [K]: 'arn:aws:s3:::example-bucket' }, ALLOW);
  row('ArnLike: * in a part does not reach across a colon', { ArnLike: { [K]: 'arn:aws:sns:*:111122223333' } }, { [K]: 'arn:aws:sns:eu-west-1:111122223333:topic' }, NO);
  row('ArnLike: a wildcard region and account', { ArnLike: { [K]: 'arn:aws:sns:*:*:topic' } }, { [K]: 'arn:aws:sns:eu-west-1:111122223333:topic' }, ALLOW);
  row('ArnLike: * in the resource part spans further colons', { ArnLike: { [K]: 'arn:aws:logs:eu-west-1:111122223333:*' } }, { [K]: 'arn:aws:logs:eu-west-1:111122223333:log-group:g:log-stream:s' }, ALLOW);
  row('ArnLike is case sensitive', { ArnLike: { [P]: 'arn:aws:iam::111122223333:role/Admin*' } }, { [P]: 'arn:aws:iam::111122223333:role/admin' }, NO);
  row('ArnLike on the derived aws:PrincipalArn', { ArnLike: { [P]: 'arn:aws:iam::111122223333:user/*' } }, undefined, ALLOW);
  row('ArnNotEquals on the derived aws:PrincipalArn', { ArnNotEquals: { [P]: 'arn:aws:iam::111122223333:user/alice' } }, undefined, NO);
  row('ArnNotLike with another ARN', { ArnNotLike: { [K]: 'arn:aws:s3:::secret-*' } }, { [K]: 'arn:aws:s3:::public' }, ALLOW);
  row('ArnNotLike with the key absent is true', { ArnNotLike: { [K]: 'arn:aws:s3:::secret-*' } }, undefined, ALLOW);
  row('ArnLike with the key absent is false', { ArnLike: { [K]: 'arn:aws:s3:::*' } }, undefined, NO);
  row('ArnLikeIfExists with the key absent is true', { ArnLikeIfExists: { [K]: 'arn:aws:s3:::x' } }, undefined, ALLOW);
  row('a request value that is not an ARN does not match an ARN pattern', { ArnLike: { [K]: 'arn:aws:s3:::*' } }, { [K]: 'example-bucket' }, NO);
});

describe('Null', () => {
  const K = 'aws:TokenIssueTime';
  row('Null true: the key is absent', { Null: { [K]: 'true' } }, undefined, ALLOW);
  row('Null true: the key is present', { Null: { [K]: 'true' } }, { [K]: '2026-01-01T00:00:00Z' }, NO);
  row('Null false: the key is present', { Null: { [K]: 'false' } }, { [K]: '2026-01-01T00:00:00Z' }, ALLOW);
  row('Null false: the key is absent', { Null: { [K]: 'false' } }, undefined, NO);
  row('Null true: an empty list counts as absent', { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, ALLOW);
  row('Null true: an empty string is a null value', { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': '' }, ALLOW);
  row('Null false: an empty string is not a value', { Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': [''] }, NO);
  row('Null with a JSON boolean', { Null: { [K]: true } }, undefined, ALLOW);
  row('Null: the value is case insensitive', { Null: { [K]: 'TRUE' } }, undefined, ALLOW);
  row('Null on a derived key: aws:username exists for a user', { Null: { 'aws:username': 'false' } }, undefined, ALLOW);
  row('in a Deny: Null true denies requests without the tag', { Null: { 'aws:RequestTag/team': 'true' } }, undefined, DENY, 'Deny');
});
