/**
 * The scenario grid: one server-rendered table row per scenario. This
 * module keeps each row's `data-decision` and its decision cell in step (the
 * attribute always equals what the cell shows), handles selecting a row by
 * click or keyboard (Up/Down/Home/End move between rows), and reads the
 * guesses of a predict exercise.
 */
import type { Decision } from '../../../engine/types.ts';
import { el, richText } from './dom.ts';
import { DECISION_ICON, DECISION_TEXT, type RowDecision } from './model.ts';

/**
 * What a row shows. `hidden` keeps the decision out of the cell (a predict
 * exercise before Check); the row's `data-decision` carries it all the same,
 * as every scenario row does (DESIGN.md, contract 3).
 */
export interface RowView {
  decision: RowDecision | null;
  hidden?: boolean;
  /** Why the row is Invalid, in words. */
  reason?: string;
  /** Whether the decision meets the row's expectation (edit exercises). */
  match?: boolean;
}

/** The grid of a workbench. */
export interface ScenarioGrid {
  /** Shows `view` in row `id`. Cheap when nothing changed. */
  render(id: string, view: RowView): void;
  /** The selected row's id, or null. */
  selected(): string | null;
  /** Selects a row (or none), as a click would. */
  select(id: string | null): void;
  /** The learner's guesses, per row (predict exercises). */
  guesses(): Map<string, Decision>;
  /** Marks each guess right or wrong against the actual decisions, or clears the marks. */
  markGuesses(actual: Map<string, RowDecision> | null): void;
  /** Enables or disables the guess radios. */
  setGuessing(on: boolean): void;
}

/** Callbacks of {@link createGrid}. */
export interface GridEvents {
  onSelect(id: string | null): void;
  onGuess(): void;
}

/** Upgrades the server-rendered table. */
export function createGrid(table: HTMLTableElement, events: GridEvents): ScenarioGrid {
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tr[data-scenario]')];
  const byId = new Map(rows.map((r) => [r.dataset.scenario ?? '', r]));
  const shown = new Map<string, string>();
  let selectedId: string | null = null;

  const buttonOf = (row: HTMLTableRowElement): HTMLButtonElement | null => row.querySelector('button[data-wb-row]');
  rows.forEach((row, i) => {
    const button = buttonOf(row);
    if (!button) return;
    button.disabled = false;
    button.tabIndex = i === 0 ? 0 : -1;
  });

  function select(id: string | null): void {
    selectedId = id !== null && byId.has(id) ? id : null;
    for (const row of rows) {
      const on = row.dataset.scenario === selectedId;
      row.toggleAttribute('data-selected', on);
      const button = buttonOf(row);
      if (button) {
        button.setAttribute('aria-pressed', String(on));
        if (selectedId !== null) button.tabIndex = on ? 0 : -1;
      }
    }
    events.onSelect(selectedId);
  }

  table.addEventListener('click', (event) => {
    const target = event.target as Element;
    // Clicks on the guess radios (and their labels) belong to the guess, not the row.
    if (target.closest('[data-col="guess"], a')) return;
    const row = target.closest<HTMLTableRowElement>('tr[data-scenario]');
    if (!row) return;
    const id = row.dataset.scenario ?? null;
    select(id === selectedId && target.closest('button[data-wb-row]') ? null : id);
  });
  table.addEventListener('keydown', (event) => {
    const button = (event.target as Element).closest?.('button[data-wb-row]');
    if (!button) return;
    const at = rows.findIndex((r) => r.contains(button));
    const next =
      event.key === 'ArrowDown' ? Math.min(at + 1, rows.length - 1)
      : event.key === 'ArrowUp' ? Math.max(at - 1, 0)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? rows.length - 1
      : -1;
    if (next < 0 || next === at) return;
    event.preventDefault();
    const row = rows[next];
    if (!row) return;
    select(row.dataset.scenario ?? null);
    buttonOf(row)?.focus();
  });
  table.addEventListener('change', (event) => {
    if ((event.target as Element).matches('input[type="radio"]')) events.onGuess();
  });

  function render(id: string, view: RowView): void {
    const row = byId.get(id);
    if (!row) return;
    const key = `${view.decision}|${view.hidden}|${view.match}|${view.reason ?? ''}`;
    if (shown.get(id) === key) return;
    shown.set(id, key);
    const cell = row.querySelector<HTMLElement>('[data-col="decision"]');
    if (view.decision === null || view.hidden) {
      if (view.decision === null) row.removeAttribute('data-decision');
      else row.setAttribute('data-decision', view.decision);
      row.setAttribute('data-hidden', 'true');
      row.removeAttribute('data-match');
      cell?.replaceChildren(el('span', { class: 'wb-hidden-decision' }, 'Hidden until you check'));
      return;
    }
    row.setAttribute('data-decision', view.decision);
    row.removeAttribute('data-hidden');
    if (view.match === undefined) row.removeAttribute('data-match');
    else row.setAttribute('data-match', String(view.match));
    if (!cell) return;
    const parts: Node[] = [
      el('span', { class: 'wb-decision', 'data-tone': view.decision },
        el('span', { class: 'wb-icon', 'aria-hidden': 'true' }, DECISION_ICON[view.decision]),
        ' ',
        DECISION_TEXT[view.decision]),
    ];
    if (view.match !== undefined) {
      parts.push(
        el('span', { class: 'wb-match', 'data-match': String(view.match) },
          el('span', { 'aria-hidden': 'true' }, view.match ? '✓ ' : '✗ '),
          view.match ? 'as expected' : 'not as expected'),
      );
    }
    if (view.reason) parts.push(el('span', { class: 'wb-reason' }, richText(view.reason)));
    cell.replaceChildren(...parts);
  }

  function guesses(): Map<string, Decision> {
    const out = new Map<string, Decision>();
    for (const row of rows) {
      const checked = row.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      if (checked && row.dataset.scenario) out.set(row.dataset.scenario, checked.value as Decision);
    }
    return out;
  }

  function markGuesses(actual: Map<string, RowDecision> | null): void {
    const picked = guesses();
    for (const row of rows) {
      const id = row.dataset.scenario ?? '';
      const out = row.querySelector<HTMLElement>('[data-wb-guess-result]');
      if (!out) continue;
      const decision = actual?.get(id);
      if (!actual || decision === undefined) {
        out.replaceChildren();
        row.removeAttribute('data-guess');
        continue;
      }
      const guess = picked.get(id);
      const right = guess === decision;
      row.setAttribute('data-guess', right ? 'right' : 'wrong');
      out.replaceChildren(
        el('span', { 'aria-hidden': 'true' }, right ? '✓ ' : '✗ '),
        right ? 'Right' : `Wrong: you guessed ${guess ? DECISION_TEXT[guess] : 'nothing'}`,
      );
    }
  }

  function setGuessing(on: boolean): void {
    for (const input of table.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      input.disabled = !on;
      if (on) input.checked = false;
    }
  }

  return { render, selected: () => selectedId, select, guesses, markGuesses, setGuessing };
}
