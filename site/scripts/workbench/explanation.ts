/**
 * Explains one row in words: the engine's `explain()` sentences (which say
 * what decided, or for an implicit deny which statements came closest and
 * what each lacked), where those statements are (policy and lines, also
 * highlighted), or why the row could not be evaluated. It also says which
 * text ranges to highlight, per policy.
 */
import { explain } from '../../../engine/index.ts';
import type { Diagnostic, PolicyId, Range, RequestInput, StatementRef } from '../../../engine/types.ts';
import { el, lineCol, richText } from './dom.ts';
import type { RowOutcome } from './evaluation.ts';
import { DECISION_ICON, DECISION_TEXT, LEARNER, type PolicyEntry } from './model.ts';

/** The ranges to highlight, per policy id. */
export type Highlights = Map<PolicyId, Range[]>;

/** Which statements to highlight for a row: the deciding ones, else the closest. */
export function highlightsOf(outcome: RowOutcome): Highlights {
  const out: Highlights = new Map();
  if (outcome.kind !== 'decision') return out;
  const refs: StatementRef[] =
    outcome.result.deciding.length > 0 ? outcome.result.deciding : outcome.result.closest.map((c) => c.ref);
  for (const ref of refs) {
    const list = out.get(ref.policyId) ?? [];
    list.push({ from: ref.from, to: ref.to });
    out.set(ref.policyId, list);
  }
  return out;
}

/** Where a policy's text is: the learner's current text, or the fixed one. */
export function textOf(entry: PolicyEntry | undefined, learnerText: string): string {
  return !entry ? '' : entry.text === LEARNER ? learnerText : entry.text;
}

function policyName(entry: PolicyEntry | undefined): string {
  if (!entry) return 'a policy';
  return entry.text === LEARNER ? 'your policy' : entry.label;
}

function statementName(ref: StatementRef, entries: readonly PolicyEntry[], learnerText: string): string {
  const entry = entries.find((e) => e.id === ref.policyId);
  const text = textOf(entry, learnerText);
  const a = lineCol(text, ref.from).line;
  const b = lineCol(text, Math.max(ref.from, ref.to - 1)).line;
  const sid = ref.sid ? ` \`${ref.sid}\`` : '';
  const lines = a === b ? `line ${a}` : `lines ${a}–${b}`;
  return `${ref.effect} statement ${ref.index + 1}${sid} in ${policyName(entry)} (${lines})`;
}

function diagnosticLine(d: Diagnostic, text: string): string {
  const { line, col } = lineCol(text, d.from);
  return `line ${line}, column ${col}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Options of {@link renderExplanation}. */
export interface ExplainInput {
  label: string;
  request: RequestInput;
  outcome: RowOutcome;
  learnerText: string;
}

/** Renders the explanation of a row into `target`, replacing what was there. */
export function renderExplanation(target: HTMLElement, input: ExplainInput): void {
  const { outcome, learnerText } = input;
  const parts: Node[] = [el('p', { class: 'wb-explain-row' }, 'Request: ', el('strong', {}, input.label))];
  if (outcome.kind === 'invalid') {
    parts.push(
      el('p', { class: 'wb-explain-headline', 'data-tone': 'Invalid' },
        el('span', { 'aria-hidden': 'true' }, `${DECISION_ICON.Invalid} `),
        'Invalid: this request cannot be evaluated until the policy’s errors are fixed.'),
    );
    for (const e of outcome.errors) {
      const entry = outcome.entries.find((x) => x.id === e.policyId);
      const text = textOf(entry, learnerText);
      const errors = e.diagnostics.filter((d) => d.severity === 'error');
      parts.push(el('p', {}, `${policyName(entry)[0]?.toUpperCase()}${policyName(entry).slice(1)} has ${errors.length} error${errors.length === 1 ? '' : 's'}:`));
      const list = el('ul', { class: 'wb-explain-list' });
      for (const d of errors.slice(0, 5)) list.append(el('li', {}, richText(diagnosticLine(d, text))));
      parts.push(list);
    }
    target.replaceChildren(...parts);
    return;
  }
  const { result } = outcome;
  const words = explain(result);
  parts.push(
    el('p', { class: 'wb-explain-headline', 'data-tone': result.decision },
      el('span', { 'aria-hidden': 'true' }, `${DECISION_ICON[result.decision]} `),
      // The decision in the grid's own words; the engine's headline would only say it again.
      DECISION_TEXT[result.decision]),
  );
  if (words.sentences.length > 0) {
    const list = el('ul', { class: 'wb-explain-list' });
    for (const s of words.sentences) list.append(el('li', {}, richText(s)));
    parts.push(list);
  }
  const located = [...result.deciding, ...result.closest.map((c) => c.ref)];
  if (located.length > 0) {
    const list = el('ul', { class: 'wb-explain-list wb-explain-where' });
    for (const ref of located) list.append(el('li', {}, richText(statementName(ref, outcome.entries, learnerText))));
    parts.push(el('p', { class: 'wb-explain-sub' }, result.deciding.length > 0 ? 'Highlighted, the statements that decided:' : 'Highlighted, the closest statements:'), list);
  }
  target.replaceChildren(...parts);
}
