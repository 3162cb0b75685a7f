/**
 * ARN operators. ArnEquals and ArnLike behave the same (AWS documents it):
 * each of the six colon-delimited parts is matched separately, with `*` and
 * `?` as wildcards; case matters.
 */
import { operator, asText } from './types.ts';
import { type ArnPattern, compileArnPieces, matchArnPattern, arnSegments } from '../arn.ts';

function arn(name: string, negated: boolean) {
  return operator<ArnPattern, { text: string; segs: string[] | null }>({
    name, negated, wildcards: true, variables: true,
    check: (v) => (v === '*' || v.startsWith('arn:') || v.includes('${') ? null : `\`${v}\` is not an ARN: it should start with \`arn:\``),
    prepare: (_t, pieces) => compileArnPieces(pieces),
    // The request ARN is split once, not once per policy value.
    read: (v) => { const text = asText(v); return { text, segs: arnSegments(text) }; },
    test: (v, p) => matchArnPattern(p, v.text, v.segs),
  });
}

/** The ARN family. */
export const arnOperators = [
  arn('ArnEquals', false), arn('ArnLike', false), arn('ArnNotEquals', true), arn('ArnNotLike', true),
];
