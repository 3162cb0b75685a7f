/**
 * Lights a request's path on the server-drawn flowchart SVG
 * (`Flowchart.astro`): each step gets `data-state` and a glyph, the exit
 * taken or the final Allow gets `data-state="taken"`, and the drawing's
 * description is rewritten in words.
 */
import type { FlowStep } from '../../../engine/types.ts';
import { describePath, FLOW, flowPath, OUTCOME_TEXT } from './flow.ts';

const GLYPH = { passed: '✓', skipped: '–', decided: '●', unreached: '' } as const;
const IDLE_DESC = 'Select a row to light its path.';

/** Shows `steps` on the drawing, or clears it when `steps` is null. */
export function lightFlowchart(svg: SVGSVGElement, steps: readonly FlowStep[] | null): void {
  const desc = svg.querySelector('[data-wb-flow-desc]');
  const end = svg.querySelector('[data-end]');
  const path = steps ? flowPath(steps) : null;
  for (const n of FLOW) {
    const step = svg.querySelector(`[data-step="${n.id}"]`);
    const exit = svg.querySelector(`[data-exit="${n.id}"]`);
    const mark = step?.querySelector('[data-wb-mark]');
    const exitText = exit?.querySelector('[data-wb-exit-text]');
    if (!step || !exit) continue;
    const s = path?.nodes[n.id];
    const state: string = s?.state ?? 'idle';
    let exitState = 'idle';
    let exitOutcome: string = n.exit;
    if (s?.state === 'decided' && s.outcome) {
      exitState = 'taken';
      exitOutcome = s.outcome;
    }
    step.setAttribute('data-state', state);
    exit.setAttribute('data-state', exitState);
    exit.setAttribute('data-outcome', exitOutcome);
    if (exitText) exitText.textContent = OUTCOME_TEXT[exitOutcome as keyof typeof OUTCOME_TEXT];
    if (mark) mark.textContent = state === 'idle' ? '' : GLYPH[state as keyof typeof GLYPH];
  }
  end?.setAttribute('data-state', path?.endAllow ? 'taken' : 'idle');
  if (desc) desc.textContent = path ? `Path of the selected request: ${describePath(path)}` : `AWS evaluation steps in order. ${IDLE_DESC}`;
}
