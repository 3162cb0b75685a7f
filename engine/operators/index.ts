/**
 * The table of condition operators, and the parser of an operator name with
 * its `...IfExists` suffix and `ForAllValues:` / `ForAnyValue:` prefix.
 * `Null` is not in the table: it tests presence, not values (see evaluate).
 */
import type { Operator } from './types.ts';
import { stringOperators } from './string.ts';
import { numericOperators } from './numeric.ts';
import { dateOperators } from './date.ts';
import { boolOperators } from './bool.ts';
import { ipOperators } from './ip.ts';
import { arnOperators } from './arn.ts';

export type { Operator } from './types.ts';

/** Every value operator by lower-cased name. */
export const OPERATORS: ReadonlyMap<string, Operator> = new Map(
  [...stringOperators, ...numericOperators, ...dateOperators, ...boolOperators, ...ipOperators, ...arnOperators]
    .map((op) => [op.name.toLowerCase(), op]),
);

/** Every operator name AWS knows, for suggestions. */
export const OPERATOR_NAMES: readonly string[] = [...[...OPERATORS.values()].map((o) => o.name), 'Null'];

/**
 * Whether a `Null` condition's values ask for the key to be absent: any
 * `true` (the validator accepts only `true` and `false`, in any case).
 */
export function nullWantsAbsent(values: readonly string[]): boolean {
  return values.some((v) => v.toLowerCase() === 'true');
}

/** An operator name taken apart. */
export interface ParsedOperator {
  /** `Null`, or a value operator. */
  op: Operator | 'Null';
  ifExists: boolean;
  set: 'ForAllValues' | 'ForAnyValue' | null;
}

/**
 * Parses `ForAnyValue:StringLikeIfExists` and the like. Operator names are
 * matched without regard to case, as AWS does. Returns null when unknown.
 */
export function parseOperator(name: string): ParsedOperator | null {
  const known = parsedNames.get(name);
  if (known !== undefined) return known;
  const parsed = parseOperatorName(name);
  // Operator names form a small vocabulary; remember them, within reason.
  if (parsedNames.size < 1024) parsedNames.set(name, parsed);
  return parsed;
}

const parsedNames = new Map<string, ParsedOperator | null>();

function parseOperatorName(name: string): ParsedOperator | null {
  let rest = name;
  let set: ParsedOperator['set'] = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') set = 'ForAllValues';
    else if (prefix === 'foranyvalue') set = 'ForAnyValue';
    else return null;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const lower = rest.toLowerCase();
  if (lower === 'null') return ifExists ? null : { op: 'Null', ifExists, set };
  const op = OPERATORS.get(lower);
  return op ? { op, ifExists, set } : null;
}
