/** String operators: exact, case-insensitive and wildcard comparisons. */
import { operator, asText } from './types.ts';
import { type Glob, globFromCodes, matchGlob, codesToString } from '../wildcard.ts';

const ok = (): null => null;

function exact(name: string, negated: boolean) {
  return operator<string>({
    name, negated, wildcards: false, check: ok,
    prepare: (_t, codes) => codesToString(codes),
    test: (v, p) => asText(v) === p,
  });
}

function ignoreCase(name: string, negated: boolean) {
  return operator<string>({
    name, negated, wildcards: false, check: ok,
    prepare: (_t, codes) => codesToString(codes).toLowerCase(),
    test: (v, p) => asText(v).toLowerCase() === p,
  });
}

function like(name: string, negated: boolean) {
  return operator<Glob>({
    name, negated, wildcards: true, check: ok,
    prepare: (t, codes) => globFromCodes(t, codes),
    test: (v, p) => matchGlob(p, asText(v)),
  });
}

/** The string family. */
export const stringOperators = [
  exact('StringEquals', false),
  exact('StringNotEquals', true),
  ignoreCase('StringEqualsIgnoreCase', false),
  ignoreCase('StringNotEqualsIgnoreCase', true),
  like('StringLike', false),
  like('StringNotLike', true),
];
