/**
 * The workbench, mounted: wires the editor, the engine, the grid, the
 * explanation, the tabs and the exercise controls over the server-rendered
 * markup of `Workbench.astro`. Loaded on demand by `element.ts`.
 *
 * Every change of the learner's text runs one evaluation pass (policies
 * checked and compiled once, then each row evaluated) and redraws what
 * changed. Performance measures record the cost: `iamlab:update` (the pass
 * and the redraw), `iamlab:input` (from the script seeing the key press to
 * the redrawn grid: CodeMirror's work plus the pass) and `iamlab:keystroke`
 * (from the key event's own time stamp, so the browser's input queue is
 * included); `scripts/measure-latency.ts` reads them.
 */
import { readProgress, solvedIn, markSolved } from '../progress.ts';
import { lineCol, must } from './dom.ts';
import { createEditor, type PolicyEditor } from './editor.ts';
import { evaluateExercise, type Evaluation, type RowOutcome } from './evaluation.ts';
import { highlightsOf, renderExplanation, textOf } from './explanation.ts';
import { lightFlowchart } from './flowchart.ts';
import { createGrid, type RowView } from './grid.ts';
import { DECISION_TEXT, LEARNER, isWorkbenchData, type RowDecision, type WorkbenchData } from './model.ts';
import { meetsExpectation } from '../../../lessons/exercise.ts';
import { createProblemList } from './problems.ts';
import { createCatalogueLint } from './catalogue.ts';
import { showReadOnly } from './readonly.ts';
import { loadDraft, saveDraft, STORAGE_FAILED } from './storage.ts';
import { createTabs } from './tabs.ts';

/** Above this cost (ms) of one pass, passes wait for a pause in typing. */
const SLOW_PASS_MS = 24;

/** The exercise the server wrote into the element, or null when it cannot be read. */
function readData(root: HTMLElement): WorkbenchData | null {
  const script = root.querySelector('script[data-wb-data]');
  try {
    const parsed: unknown = JSON.parse(script?.textContent ?? '');
    return isWorkbenchData(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Mounts the workbench on its server-rendered element. Returns null, or
 * what to tell the learner when the exercise cannot be read.
 */
export function mount(root: HTMLElement): string | null {
  const data = readData(root);
  if (!data) return 'This exercise could not be read. Reload the page to try again.';
  start(root, data);
  return null;
}

/** Wires everything over the server markup and runs the first pass. */
function start(root: HTMLElement, data: WorkbenchData): void {
  const ex = data.exercise;
  const uid = root.id;
  const predict = ex.type === 'predict';
  const scenarios = new Map(ex.scenarios.map((s) => [s.id, s]));

  const status = must<HTMLElement>(root, '[data-wb-status]');
  const storageMsg = must<HTMLElement>(root, '[data-wb-storage]');
  const announcer = must<HTMLElement>(root, '[data-wb-announce]');
  const explainEl = must<HTMLElement>(root, '[data-wb-explain]');
  const flow = must<SVGSVGElement>(root, '[data-wb-flow]');
  const explanation = root.querySelector<HTMLElement>('[data-wb-explanation]');
  const learnerPolicyId = must<HTMLElement>(root, '[data-wb-panel="learner"]').dataset.policyId;
  const explainPlaceholder = [...explainEl.childNodes].map((n) => n.cloneNode(true));

  let revealed = !predict || solvedIn(readProgress(), data.lesson).includes(ex.id);
  let evaluation: Evaluation | null = null;
  let solved: boolean | null = null;
  let keyAt: number | null = null;
  let keySeen = 0;
  /** The last passes' costs (ms): the smallest decides, so one hiccup does not slow typing. */
  const costs: number[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const announce = (text: string): void => {
    announcer.textContent = '';
    // A fresh text node after a tick makes screen readers read a repeated message too.
    setTimeout(() => (announcer.textContent = text), 50);
  };
  const storageFailed = (failed: boolean, reason = STORAGE_FAILED): void => {
    storageMsg.hidden = !failed;
    storageMsg.textContent = failed ? reason : '';
  };

  // ---- the editor -------------------------------------------------------
  const draft = loadDraft(data.lesson, ex.id);
  const initial = draft !== null && revealed ? draft : ex.starter;
  const host = must<HTMLElement>(root, '[data-wb-editor]');
  const title = root.querySelector('[data-wb-panel="learner"] .wb-panel-title')?.textContent?.trim() ?? 'Policy';
  host.replaceChildren(); // the server's <pre> of the starter
  const escapeNote = must<HTMLElement>(root, `#${CSS.escape(uid)}-escape`);
  /** The editor's accessible name and description, which say whether it is read-only (they follow `revealed`). */
  const editorLabel = (): string => (revealed ? `${title}, JSON editor` : `${title}, read-only until you check`);
  const editorDescription = (): string => [...escapeNote.childNodes]
    .filter((n) => !(n instanceof HTMLElement && n.hidden))
    .map((n) => n.textContent ?? '').join('').replace(/\s+/g, ' ').trim();
  const editor: PolicyEditor = createEditor(host, {
    doc: initial,
    label: editorLabel(),
    description: editorDescription(),
    readOnly: !revealed,
    onChange: (text) => schedule(text),
  });
  editor.view.contentDOM.addEventListener(
    'keydown',
    (e) => {
      keyAt = e.timeStamp;
      keySeen = performance.now();
    },
    { capture: true },
  );

  // ---- the pieces around it --------------------------------------------
  const tabs = createTabs(root, must<HTMLElement>(root, '[data-wb-tablist]'), uid);
  const problems = createProblemList(
    must<HTMLElement>(root, '[data-wb-problems]'),
    must<HTMLElement>(root, '[data-wb-problems-summary]'),
    must<HTMLUListElement>(root, '[data-wb-problems-list]'),
    (pos) => {
      tabs.select('learner');
      editor.focusAt(pos);
    },
  );
  const grid = createGrid(must<HTMLTableElement>(root, '[data-wb-grid]'), {
    onSelect: (id) => explainRow(id, true),
    onGuess: () => {
      if (!revealed) status.textContent = guessProgress();
    },
  });

  // ---- one evaluation pass ---------------------------------------------
  function schedule(text: string): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const passCost = costs.length > 0 ? Math.min(...costs) : 0;
    if (passCost < SLOW_PASS_MS) {
      run(text);
      return;
    }
    // A huge policy: let the keystrokes through, evaluate once typing pauses.
    root.dataset.pending = 'true';
    timer = setTimeout(() => {
      timer = null;
      run(editor.text());
    }, Math.min(passCost, 400));
  }

  // Catalogue lint arrives after the first decisions; when it does, the findings are shown again.
  const catalogueLint = createCatalogueLint(import.meta.env.BASE_URL, () => {
    if (evaluation) showDiagnostics(editor.text(), true);
  });
  /** The catalogue warnings on screen, by message (which names the action text). */
  let lintShown = new Set<string>();
  let lintTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Shows the engine's findings at once, and the catalogue's warnings once
   * typing pauses: while an action name is being typed every prefix of it
   * (`s3:G`, `s3:Ge`, ...) is "not an action", and flashing that on every key
   * helps no one. A warning already on screen stays, at its new place.
   */
  function showDiagnostics(text: string, settled = false): void {
    if (!evaluation) return;
    const lint = catalogueLint.lint(evaluation.learnerPolicy);
    const now = settled ? lint : lint.filter((d) => lintShown.has(d.message));
    lintShown = new Set(now.map((d) => d.message));
    if (lintTimer !== null) clearTimeout(lintTimer);
    lintTimer = now.length < lint.length ? setTimeout(() => { lintTimer = null; showDiagnostics(editor.text(), true); }, 400) : null;
    const all = [...evaluation.diagnostics, ...now];
    editor.showDiagnostics(all);
    problems.update(all, text);
  }

  /** One pass over `text`; `save` keeps it as the draft (not on the first pass: nothing was typed yet). */
  function run(text: string, save = true): void {
    const t0 = performance.now();
    try {
      evaluation = evaluateExercise(data, text);
    } catch {
      // INVARIANT: the engine does not throw on bad input; reaching this is a bug, shown, not logged.
      status.textContent = 'The evaluator failed on this policy. This is a bug in IAM Lab; the decisions shown may be out of date.';
      return;
    }
    renderRows();
    showDiagnostics(text);
    const selected = grid.selected();
    if (selected !== null) explainRow(selected, false);
    updateStatus();
    const t1 = performance.now();
    costs.push(t1 - t0);
    if (costs.length > 3) costs.shift();
    delete root.dataset.pending;
    performance.measure('iamlab:update', { start: t0, end: t1 });
    if (keyAt !== null) {
      performance.measure('iamlab:keystroke', { start: keyAt, end: t1 });
      performance.measure('iamlab:input', { start: keySeen, end: t1 });
      keyAt = null;
    }
    if (save && revealed) {
      const saved = saveDraft(data.lesson, ex.id, text);
      storageFailed(!saved.ok, saved.ok ? undefined : saved.reason);
    }
  }

  function decisionOf(outcome: RowOutcome | undefined): RowDecision | null {
    if (!outcome) return null;
    return outcome.kind === 'invalid' ? 'Invalid' : outcome.decision;
  }

  function invalidReason(outcome: RowOutcome): string | undefined {
    if (outcome.kind !== 'invalid') return undefined;
    const first = outcome.errors[0];
    const entry = outcome.entries.find((e) => e.id === first?.policyId);
    const d = first?.diagnostics.find((x) => x.severity === 'error') ?? first?.diagnostics[0];
    const whose = entry?.text === LEARNER ? 'your policy' : (entry?.label ?? 'a policy');
    if (!d) return `${whose} has errors`;
    const { line, col } = lineCol(textOf(entry, editor.text()), d.from);
    return `${whose}, line ${line}, column ${col}: ${d.message}`;
  }

  function renderRows(): void {
    if (!evaluation) return;
    for (const s of ex.scenarios) {
      const outcome = evaluation.rows.get(s.id);
      const decision = decisionOf(outcome);
      let view: RowView;
      if (decision === null) view = { decision: null };
      else if (!revealed) view = { decision, hidden: true };
      else {
        view = { decision, ...(outcome ? { reason: invalidReason(outcome) } : {}) };
        if (!predict) view.match = meetsExpectation(s.expect, decision);
      }
      grid.render(s.id, view);
    }
  }

  function actualDecisions(): Map<string, RowDecision> {
    const out = new Map<string, RowDecision>();
    for (const s of ex.scenarios) {
      const d = decisionOf(evaluation?.rows.get(s.id));
      if (d) out.set(s.id, d);
    }
    return out;
  }

  function guessProgress(): string {
    const left = ex.scenarios.length - grid.guesses().size;
    return left === 0 ? 'Every request has a guess: check them when you are ready.' : `${left} request${left === 1 ? '' : 's'} still without a guess.`;
  }

  function updateStatus(): void {
    if (predict) return;
    const decisions = actualDecisions();
    const good = ex.scenarios.filter((s) => {
      const d = decisions.get(s.id);
      return d !== undefined && meetsExpectation(s.expect, d);
    }).length;
    const now = good === ex.scenarios.length;
    if (now) {
      status.textContent = 'Solved: every request gets its expected decision.';
      if (solved === false) announce('Solved!');
      if (!solved) {
        if (!markSolved(data.lesson, ex.id)) storageFailed(true);
        if (explanation) explanation.hidden = false;
      }
    } else {
      status.textContent = `${good} of ${ex.scenarios.length} requests get their expected decision.`;
    }
    root.dataset.solved = String(now);
    solved = now;
  }

  // ---- explaining a row -------------------------------------------------
  function explainRow(id: string | null, userAction: boolean): void {
    const found = id !== null ? evaluation?.rows.get(id) : undefined;
    const scenario = id !== null ? scenarios.get(id) : undefined;
    if (!found || !scenario || !revealed) {
      editor.highlight([], false);
      for (const panel of root.querySelectorAll<HTMLElement>('[data-wb-panel]:not([data-wb-panel="learner"])')) resetPanel(panel);
      lightFlowchart(flow, null);
      if (id !== null && !revealed) {
        explainEl.replaceChildren(document.createTextNode('Check your guesses first: the explanation would give the answer away.'));
      } else explainEl.replaceChildren(...explainPlaceholder.map((n) => n.cloneNode(true)));
      return;
    }
    const text = editor.text();
    // The selected row alone gets the full trace (closest statements for an implicit deny).
    const outcome = found.kind === 'decision' ? { ...found, result: found.traced() } : found;
    renderExplanation(explainEl, { label: scenario.label, request: scenario.request, outcome, learnerText: text });
    const highlights = highlightsOf(outcome);
    const learnerId = outcome.entries.find((e) => e.text === LEARNER)?.id ?? learnerPolicyId;
    editor.highlight(learnerId !== undefined ? (highlights.get(learnerId) ?? []) : [], userAction);
    for (const panel of root.querySelectorAll<HTMLElement>('[data-wb-panel]:not([data-wb-panel="learner"])')) {
      const entry = outcome.entries.find((e) => e.id === panel.dataset.wbPanel);
      showPanel(panel, entry?.text ?? null, highlights.get(panel.dataset.wbPanel ?? '') ?? []);
    }
    lightFlowchart(flow, outcome.kind === 'decision' ? outcome.result.steps : null);
    if (userAction) {
      // Show the policy that decided: the first deciding (or closest) statement's.
      const first = [...highlights.keys()][0];
      if (first !== undefined) tabs.select(first === learnerId ? 'learner' : first);
      const d = decisionOf(outcome);
      announce(`${scenario.label}: ${d ? DECISION_TEXT[d] : ''}. Explanation below the table.`);
    }
  }

  const panelDefaults = new Map<HTMLElement, { text: string; caption: string }>();
  function defaultsOf(panel: HTMLElement): { text: string; caption: string } {
    let d = panelDefaults.get(panel);
    if (!d) {
      d = {
        text: panel.querySelector('[data-wb-policy-text]')?.textContent ?? '',
        caption: panel.querySelector('[data-wb-caption]')?.textContent ?? '',
      };
      panelDefaults.set(panel, d);
    }
    return d;
  }
  function resetPanel(panel: HTMLElement): void {
    const d = defaultsOf(panel);
    const pre = panel.querySelector<HTMLElement>('[data-wb-policy-text]');
    const caption = panel.querySelector<HTMLElement>('[data-wb-caption]');
    if (pre) showReadOnly(pre, d.text, []);
    if (caption) caption.textContent = d.caption;
  }
  function showPanel(panel: HTMLElement, text: string | null, ranges: { from: number; to: number }[]): void {
    const d = defaultsOf(panel);
    const pre = panel.querySelector<HTMLElement>('[data-wb-policy-text]');
    const caption = panel.querySelector<HTMLElement>('[data-wb-caption]');
    if (pre) showReadOnly(pre, text ?? d.text, text === null ? [] : ranges);
    if (caption) {
      caption.textContent =
        text === null ? 'Read-only. Not in force for the selected request.'
        : text !== d.text ? 'Read-only. The selected request’s own version of this policy.'
        : d.caption;
    }
  }

  // ---- controls ---------------------------------------------------------
  const hintButton = root.querySelector<HTMLButtonElement>('[data-wb-hint]');
  const hintItems = [...root.querySelectorAll<HTMLElement>('[data-wb-hints] > li')];
  if (hintButton) {
    hintButton.disabled = false;
    hintButton.addEventListener('click', () => {
      const next = hintItems.find((li) => li.hidden);
      if (next) next.hidden = false;
      const shown = hintItems.filter((li) => !li.hidden).length;
      if (shown >= hintItems.length) {
        hintButton.textContent = 'No more hints';
        hintButton.disabled = true;
      } else hintButton.textContent = `Show another hint (${shown + 1} of ${hintItems.length})`;
    });
  }

  const solutionToggle = root.querySelector<HTMLButtonElement>('[data-wb-solution-toggle]');
  const solution = root.querySelector<HTMLElement>('[data-wb-solution]');
  if (solutionToggle && solution) {
    solutionToggle.disabled = false;
    solutionToggle.addEventListener('click', () => {
      const open = solution.hidden !== false;
      solution.hidden = !open;
      solutionToggle.setAttribute('aria-expanded', String(open));
      solutionToggle.textContent = open ? 'Hide solution' : 'Show solution';
      must<HTMLElement>(root, '[data-wb-editor-row]').classList.toggle('wb-editor-row--split', open);
      if (open) tabs.select('learner');
    });
  }

  const resetButton = root.querySelector<HTMLButtonElement>('[data-wb-reset]');
  const confirm = root.querySelector<HTMLElement>('[data-wb-confirm]');
  if (resetButton && confirm) {
    resetButton.disabled = false;
    const close = (focusReset: boolean): void => {
      confirm.hidden = true;
      if (focusReset) resetButton.focus();
    };
    resetButton.addEventListener('click', () => {
      confirm.hidden = false;
      confirm.querySelector<HTMLButtonElement>('[data-wb-confirm-yes]')?.focus();
    });
    confirm.querySelector('[data-wb-confirm-no]')?.addEventListener('click', () => close(true));
    confirm.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close(true);
    });
    confirm.querySelector('[data-wb-confirm-yes]')?.addEventListener('click', () => {
      close(false);
      tabs.select('learner');
      editor.replaceAll(ex.starter);
      editor.focusAt(0);
      announce('Your policy is back to the starter. Press Control+Z in the editor to undo.');
    });
  }

  const checkButton = root.querySelector<HTMLButtonElement>('[data-wb-check]');
  const againButton = root.querySelector<HTMLButtonElement>('[data-wb-again]');
  const readonlyNote = root.querySelector<HTMLElement>('[data-wb-readonly-note]');
  /**
   * Everything that follows from whether the decisions are shown: in a
   * predict exercise, before the check the grid takes guesses and the
   * policy is read-only; after it, decisions, the explanation and editing.
   */
  function setRevealed(value: boolean): void {
    revealed = value;
    root.dataset.checked = String(value);
    if (readonlyNote) readonlyNote.hidden = value;
    grid.setGuessing(!value);
    // The note just hidden or shown is part of the description, so both are read again.
    editor.setReadOnly(!value, editorLabel(), editorDescription());
    if (predict && explanation) explanation.hidden = !value;
    if (checkButton) checkButton.hidden = value;
    if (againButton) againButton.hidden = !value;
  }
  function reveal(): void {
    setRevealed(true);
    renderRows();
    const actual = actualDecisions();
    grid.markGuesses(actual);
    const picked = grid.guesses();
    const right = ex.scenarios.filter((s) => picked.get(s.id) === actual.get(s.id)).length;
    if (!markSolved(data.lesson, ex.id)) storageFailed(true);
    // Explain the first row guessed wrong (or the first row) straight away.
    const firstWrong = ex.scenarios.find((s) => picked.get(s.id) !== actual.get(s.id)) ?? ex.scenarios[0];
    if (firstWrong) grid.select(firstWrong.id);
    status.textContent = `You got ${right} of ${ex.scenarios.length} right. Select a request to see why; you can now edit the policy.`;
    announce(status.textContent);
    againButton?.focus();
  }
  function guessAgain(): void {
    // Hidden first, so that going back to the starter is neither shown nor saved as a draft.
    setRevealed(false);
    if (editor.text() !== ex.starter) editor.replaceAll(ex.starter);
    grid.markGuesses(null);
    renderRows();
    explainRow(grid.selected(), false);
    status.textContent = guessProgress();
    root.querySelector<HTMLInputElement>('[data-col="guess"] input')?.focus();
  }
  if (checkButton) {
    checkButton.disabled = false;
    checkButton.addEventListener('click', () => {
      const picked = grid.guesses();
      const missing = ex.scenarios.find((s) => !picked.has(s.id));
      if (missing) {
        status.textContent = `Pick a guess for every request first. ${guessProgress()}`;
        root.querySelector<HTMLInputElement>(`tr[data-scenario="${CSS.escape(missing.id)}"] input`)?.focus();
        return;
      }
      reveal();
    });
  }
  if (againButton) {
    againButton.disabled = false;
    againButton.addEventListener('click', guessAgain);
  }

  // ---- first pass -------------------------------------------------------
  setRevealed(revealed);
  if (predict && !revealed) status.textContent = guessProgress();
  run(initial, false);
  problems.flush();
  must<HTMLElement>(root, '[data-wb-grid]').removeAttribute('aria-busy');
  root.dataset.state = 'ready';
}
