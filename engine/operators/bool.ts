/** Bool and BinaryEquals. */
import { operator, asText } from './types.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A boolean as policies write it: `true` or `false`, in any case (Bool's values, Null's). */
export const TRUE_FALSE = /^(true|false)$/i;

function decodeBase64(s: string): string | null {
  const t = s.trim();
  if (!BASE64.test(t) || t.length % 4 === 1) return null;
  try {
    return atob(t.padEnd(Math.ceil(t.length / 4) * 4, '='));
  } catch {
    return null;
  }
}

/** The boolean and binary family. */
export const boolOperators = [
  operator<string, string>({
    name: 'Bool', negated: false, wildcards: false, variables: true,
    check: (v) => (TRUE_FALSE.test(v) ? null : `\`${v}\` is not a boolean: use \`true\` or \`false\``),
    prepare: (t) => t.toLowerCase(),
    read: (v) => asText(v).toLowerCase(),
    test: (v, p) => v === p,
  }),
  operator<string, string>({
    name: 'BinaryEquals', negated: false, wildcards: false, variables: false, prepareValidates: true,
    check: (v) => (decodeBase64(v) === null ? `\`${v}\` is not base-64 text` : null),
    prepare: (t) => decodeBase64(t),
    read: (v) => decodeBase64(asText(v)),
    test: (v, p) => v === p,
  }),
];
