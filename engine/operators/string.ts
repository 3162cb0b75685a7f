/** String operators: exact, case-insensitive and wildcard comparisons. */
import { operator, asText } from './types.ts';
import { type Glob, compilePieces, matchGlob } from '../wildcard.ts';

const ok = (): null => null;

function exact(name: string, negated: boolean) {
  return operator<string, string>({
    name, negated, wildcards: false, variables: true, check: ok,
    prepare: (t) => t,
    read: asText,
    test: (v, p) => v === p,
  });
}

function ignoreCase(name: string, negated: boolean) {
  return operator<string, string>({
    name, negated, wildcards: false, variables: true, check: ok,
    prepare: (t) => t.toLowerCase(),
    read: (v) => asText(v).toLowerCase(),
    test: (v, p) => v === p,
  });
}

function like(name: string, negated: boolean) {
  return operator<Glob, string>({
    name, negated, wildcards: true, variables: true, check: ok,
    prepare: (_t, pieces) => compilePieces(pieces),
    read: asText,
    test: (v, p) => matchGlob(p, v),
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
