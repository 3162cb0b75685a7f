/**
 * `<iam-practice>`: the exam practice page in the browser. It reads the
 * course data the server embedded, the learner's store and the filters in
 * the query string, then asks a round of items one at a time:
 *
 * - a question: radio buttons (one answer) or checkboxes (several; the hint
 *   says how many); on submit, right or wrong, every option's explanation
 *   and the source;
 * - a drill: the policies in force and one request; the learner picks a
 *   decision and the engine (loaded with the first drill) gives the answer
 *   and its explanation.
 *
 * After an answer, focus moves to the feedback's heading and a live region
 * announces the result. A missed item comes back a few items later and in
 * later sessions (see store.ts). Everything from the data or from storage is
 * written with `textContent`/`append(string)`, never as HTML.
 */
import { policyPanels, requestRows } from './describe.ts';
import { codeSpans } from '../code-spans.ts';
import type { DrillOutcome } from './drill.ts';
import {
  advance,
  allItems,
  answerCurrent,
  buildQueue,
  currentEntry,
  filterItems,
  filtersToSearch,
  gradeQuestion,
  newRound,
  parseFilters,
  requiredCount,
  seededRandom,
  shuffle,
  type Filters,
  type Random,
  type Round,
  type RoundEntry,
} from './session.ts';
import {
  BOX_DAYS,
  dueCount,
  loadStore,
  recordAnswer,
  saveStore,
  type ItemPlace,
  type LoadNotice,
  type PracticeScore,
  type PracticeStoreV1,
} from './store.ts';
import {
  DECISION_LABEL,
  DECISIONS,
  isExam,
  isPracticeData,
  type DrillDecision,
  type DrillItem,
  type PracticeData,
  type PracticeItem,
  type PracticeLesson,
  type QuestionItem,
} from './types.ts';

// ---- small DOM helpers (text only) -------------------------------------------------

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; strings become text nodes. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * Text with `backtick` spans (as questions and explanations write code) as
 * nodes: plain text, and `<code>` elements for the spans. Text only; an odd
 * backtick stays as written.
 */
function withCode(text: string): (string | HTMLElement)[] {
  return codeSpans(text).map((p) => (p.code ? h('code', {}, p.text) : p.text));
}

let uid = 0;
const nextId = (prefix: string): string => `pr-${prefix}-${++uid}`;
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One choice of an answer: its input and label; `value` names it in `data-option` too. */
function choice(type: 'radio' | 'checkbox', name: string, value: string, ...label: Child[]): HTMLElement {
  const id = nextId('opt');
  return h('li', { class: 'pr-option', 'data-option': value }, h('input', { type, id, name, value }), h('label', { for: id }, ...label));
}

/**
 * The form around a list of choices: a fieldset with the prompt (and a hint
 * when given), an error line the fieldset is described by, and the button.
 */
function answerForm(prompt: Child[], choices: HTMLElement, hint: HTMLElement | null): { form: HTMLFormElement; error: HTMLElement; submit: HTMLButtonElement } {
  const errorId = nextId('error');
  const error = h('p', { class: 'pr-error', id: errorId, hidden: '' });
  const submit = h('button', { class: 'button', type: 'submit' }, 'Check answer');
  const form = h(
    'form',
    { class: 'pr-answer', novalidate: '' },
    h('fieldset', { 'aria-describedby': hint ? `${hint.id} ${errorId}` : errorId }, h('legend', { class: 'pr-prompt' }, ...prompt), hint, choices),
    error,
    h('p', { class: 'pr-actions' }, submit),
  );
  return { form, error, submit };
}

/** After an answer: marks each choice right or not, and chosen or not. */
function markChoices(choices: HTMLElement, isCorrect: (option: string) => boolean, isChosen: (option: string) => boolean): void {
  for (const li of choices.querySelectorAll<HTMLElement>('li')) {
    const option = li.dataset.option ?? '';
    li.classList.toggle('is-correct', isCorrect(option));
    li.classList.toggle('is-chosen', isChosen(option));
  }
}

// ---- the engine, loaded with the first drill ---------------------------------------

type DrillModule = typeof import('./drill.ts');
let engine: Promise<DrillModule> | null = null;

/** Loads the drill module (and the engine) once; a failed load can be retried. */
function loadEngine(): Promise<DrillModule> {
  engine ??= import('./drill.ts').catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** The engine's answer to a drill, or why there is none. */
type DrillAnswer = DrillOutcome | { kind: 'failed' };

const NOTICE_TEXT: Record<LoadNotice, string> = {
  reset: 'Your saved practice history could not be read, so it has been reset. New answers are saved as usual.',
  unavailable:
    'This browser does not let the page save your practice, so review boxes and scores last only until you leave the page.',
};

const DECISION_CLASS: Record<DrillDecision, string> = {
  Allow: 'pr-decision--allow',
  ExplicitDeny: 'pr-decision--explicit',
  ImplicitDeny: 'pr-decision--implicit',
};

const DECISION_HINT: Record<DrillDecision, string> = {
  Allow: 'some statement allows it, and nothing denies it',
  ExplicitDeny: 'a statement with "Effect": "Deny" matches',
  ImplicitDeny: 'nothing denies it, but nothing allows it either (or a ceiling leaves it out)',
};

/** The custom element; all state lives here. */
class IamPractice extends HTMLElement {
  #data: PracticeData | null = null;
  #items: PracticeItem[] = [];
  #places = new Map<string, ItemPlace>();
  #lessons = new Map<string, PracticeLesson>();
  #store: PracticeStoreV1 = { scores: {}, exams: {}, items: {} };
  #filters: Filters | null = null;
  #pool: string[] = [];
  #round: Round = newRound([]);
  #random: Random = seededRandom(1);
  /** Bumped at every render, so that a late engine answer for an old item is dropped. */
  #token = 0;
  #saveWarned = false;

  connectedCallback(): void {
    if (this.dataset.state !== 'static') return;
    this.dataset.state = 'ready';
    const data = this.#readData();
    const stage = this.#part('[data-pr-stage]');
    if (!data) {
      stage.replaceChildren(h('p', { class: 'pr-static' }, 'The practice questions could not be read. Reload the page to try again.'));
      return;
    }
    this.#data = data;
    this.#items = allItems(data);
    this.#places = new Map(this.#items.map((i) => [i.key, { lesson: i.lesson, exams: i.exams }]));
    this.#lessons = new Map(data.lessons.map((l) => [l.slug, l]));
    this.#random = seededRandom(Math.floor(Math.random() * 2 ** 32));

    const { store, notice } = loadStore();
    this.#store = store;
    if (notice) this.#notice(NOTICE_TEXT[notice]);

    const { filters, ignored } = parseFilters(location.search, data.lessons.map((l) => l.slug));
    if (ignored.length) this.#notice(`There is no ${ignored.join(' and no ')} to practise, so that filter was left out.`);
    this.#setForm(filters);

    const form = this.#part<HTMLFormElement>('[data-pr-filters]');
    form.querySelector('fieldset')?.removeAttribute('disabled');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = this.#readForm();
      history.replaceState(null, '', `${location.pathname}${filtersToSearch(chosen)}`);
      this.#start(chosen, true);
    });

    this.#renderScores();
    this.#start(filters, false);
  }

  #part<T extends HTMLElement = HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    // INVARIANT: Practice.astro renders every part this element looks up.
    if (!found) throw new Error(`practice: missing ${selector}`);
    return found;
  }

  #readData(): PracticeData | null {
    try {
      const parsed: unknown = JSON.parse(this.querySelector('script[data-pr-data]')?.textContent ?? '');
      return isPracticeData(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  #notice(text: string): void {
    this.#part('[data-pr-notices]').append(h('p', { class: 'pr-notice' }, text));
  }

  #announce(text: string): void {
    const live = this.#part('[data-pr-live]');
    live.textContent = '';
    // A fresh text node after clearing makes screen readers announce a repeated message too.
    requestAnimationFrame(() => (live.textContent = text));
  }

  // ---- filters ---------------------------------------------------------------------

  #setForm(f: Filters): void {
    this.#part<HTMLSelectElement>('#pr-exam').value = f.exam ?? '';
    this.#part<HTMLSelectElement>('#pr-lesson').value = f.lesson ?? '';
    this.#part<HTMLSelectElement>('#pr-length').value = f.length === null ? 'all' : String(f.length);
    this.#part<HTMLInputElement>('#pr-drills').checked = f.drills;
  }

  #readForm(): Filters {
    const exam = this.#part<HTMLSelectElement>('#pr-exam').value;
    const lesson = this.#part<HTMLSelectElement>('#pr-lesson').value;
    const length = this.#part<HTMLSelectElement>('#pr-length').value;
    return {
      exam: isExam(exam) ? exam : null,
      lesson: this.#lessons.has(lesson) ? lesson : null,
      drills: this.#part<HTMLInputElement>('#pr-drills').checked,
      length: length === 'all' ? null : Number(length) || 10,
    };
  }

  // ---- rounds ----------------------------------------------------------------------

  #start(filters: Filters, focus: boolean): void {
    this.#filters = filters;
    const pool = filterItems(this.#items, filters);
    this.#pool = pool.map((i) => i.key);
    this.#round = newRound(buildQueue(pool, this.#store, { now: Date.now(), length: filters.length, random: this.#random }));
    this.#render(focus);
  }

  #render(focus: boolean): void {
    this.#token += 1;
    const entry = currentEntry(this.#round);
    const stage = this.#part('[data-pr-stage]');
    let view: HTMLElement;
    if (this.#round.entries.length === 0) view = this.#emptyView();
    else if (!entry) view = this.#summaryView();
    else if (entry.item.kind === 'question') view = this.#questionView(entry, entry.item);
    else view = this.#drillView(entry, entry.item);
    stage.replaceChildren(view);
    this.#renderStatus();
    if (focus) view.querySelector<HTMLElement>('[data-pr-focus]')?.focus();
  }

  #renderStatus(): void {
    const due = dueCount(this.#store, this.#pool, Date.now());
    this.#part('[data-pr-due]').textContent = `Due for review: ${due}`;
    const r = this.#round;
    const text =
      r.entries.length === 0
        ? ''
        : r.answered === 0
          ? `This round: ${plural(r.entries.length, 'item', 'items')}`
          : `This round: ${r.correct} of ${plural(r.answered, 'answer', 'answers')} right first time`;
    this.#part('[data-pr-round]').textContent = text;
  }

  #renderScores(): void {
    const show = (li: Element, score: PracticeScore | undefined): void => {
      const out = li.querySelector('[data-score]');
      if (!out) return;
      out.textContent = score && score.total > 0
        ? `${score.correct} of ${score.total} right (${Math.round((100 * score.correct) / score.total)}%)`
        : 'not yet';
      li.toggleAttribute('data-practised', Boolean(score && score.total > 0));
    };
    for (const li of this.querySelectorAll<HTMLElement>('[data-pr-exam-scores] li')) {
      const exam = li.dataset.exam ?? '';
      show(li, Object.hasOwn(this.#store.exams, exam) ? this.#store.exams[exam] : undefined);
    }
    for (const li of this.querySelectorAll<HTMLElement>('[data-pr-lesson-scores] li')) {
      const lesson = li.dataset.lesson ?? '';
      show(li, Object.hasOwn(this.#store.scores, lesson) ? this.#store.scores[lesson] : undefined);
    }
  }

  /** Heading, lesson and review badge of an item. */
  #itemHead(entry: RoundEntry, noun: string): HTMLElement {
    const r = this.#round;
    const lesson = this.#lessons.get(entry.item.lesson);
    const meta = h('p', { class: 'pr-item-meta' });
    if (lesson) meta.append(h('a', { href: lesson.href }, `Lesson ${lesson.number}: ${lesson.title}`));
    if (entry.item.kind === 'question') meta.append(h('span', {}, `Exams: ${entry.item.exams.join(', ')}`));
    else meta.append(h('span', {}, `From the exercise “${entry.item.exercise.title}”`));
    if (entry.retry > 0) meta.append(h('span', { class: 'badge pr-review' }, 'Review: missed earlier'));
    return h(
      'header',
      { class: 'pr-item-head' },
      h('h2', { class: 'pr-item-title', tabindex: '-1', 'data-pr-focus': '' }, `${noun} ${r.index + 1} of ${r.entries.length}`),
      meta,
    );
  }

  /** The article of one item, asking: its head, then `body`. */
  #article(entry: RoundEntry, item: PracticeItem, kind: 'question' | 'drill', noun: string, ...body: Child[]): HTMLElement {
    return h(
      'article',
      { class: kind === 'drill' ? 'pr-item pr-item--drill' : 'pr-item', 'data-kind': kind, 'data-noun': noun, 'data-key': item.key, 'data-retry': String(entry.retry), 'data-state': 'asking' },
      this.#itemHead(entry, noun),
      ...body,
    );
  }

  #questionView(entry: RoundEntry, item: QuestionItem): HTMLElement {
    const q = item.question;
    const need = requiredCount(q);
    const multiple = q.type === 'multiple';
    const name = nextId('answer');
    const order = shuffle(q.options.map((_, i) => i), this.#random);

    const list = h('ul', { class: 'pr-options', role: 'list' });
    for (const i of order) list.append(choice(multiple ? 'checkbox' : 'radio', name, String(i), ...withCode(q.options[i]!.text)));
    const hint = h('p', { class: 'pr-hint', id: nextId('hint') }, multiple ? `Choose ${need} answers.` : 'Choose one answer.');
    const { form, error } = answerForm(withCode(q.prompt), list, hint);
    const article = this.#article(entry, item, 'question', 'Question', form);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (article.dataset.state !== 'asking') return;
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => Number(input.value));
      const grade = gradeQuestion(q, chosen);
      if (grade.status === 'incomplete') {
        error.textContent =
          grade.need === 1
            ? 'Choose an answer first.'
            : `Choose exactly ${grade.need} answers; you have chosen ${grade.chosen}.`;
        error.hidden = false;
        this.#announce(error.textContent);
        form.querySelector<HTMLInputElement>('input:checked, input')?.focus();
        return;
      }
      error.hidden = true;
      const picked = new Set(chosen);
      markChoices(list, (option) => q.options[Number(option)]?.correct === true, (option) => picked.has(Number(option)));
      const rights = q.options.filter((o) => o.correct);
      const rightIntro = rights.length === 1 ? 'The right answer: ' : 'The right answers: ';
      const rightLine = `${rightIntro}${rights.map((o) => `“${o.text.replace(/[.]$/, '')}”`).join(' and ')}.`;
      const whys = h('ul', { class: 'pr-whys', role: 'list' });
      for (const i of order) {
        const o = q.options[i]!;
        const tags = h('p', { class: 'pr-why-tags' });
        tags.append(h('span', { class: o.correct ? 'pr-tag pr-tag--right' : 'pr-tag pr-tag--wrong' }, o.correct ? 'Correct' : 'Incorrect'));
        if (picked.has(i)) tags.append(h('span', { class: 'pr-tag pr-tag--chosen' }, 'Your choice'));
        whys.append(
          h(
            'li',
            { class: o.correct ? 'pr-why pr-why--right' : 'pr-why pr-why--wrong' },
            tags,
            h('p', { class: 'pr-why-option' }, ...withCode(o.text)),
            h('p', { class: 'pr-why-text' }, ...withCode(o.why)),
          ),
        );
      }
      const body: Child[] = [
        grade.correct
          ? null
          : h('p', {}, rightIntro, ...rights.flatMap((o, n) => [n > 0 ? ' and ' : '', '“', ...withCode(o.text.replace(/[.]$/, '')), '”']), '.'),
        h('h4', { class: 'pr-why-title' }, 'Why each option is right or wrong'),
        whys,
        q.source
          ? h('p', { class: 'pr-source' }, 'Source: ', h('a', { href: q.source.url, rel: 'external' }, q.source.title))
          : null,
      ];
      this.#finish(article, form, item, grade.correct, body, grade.correct ? 'Correct.' : `Not quite. ${rightLine.replace(/`/g, '')}`);
    });
    return article;
  }

  #drillView(entry: RoundEntry, item: DrillItem): HTMLElement {
    const token = this.#token;
    const answer: Promise<DrillAnswer> = loadEngine()
      .then((m) => m.decideDrill(item.exercise, item.scenario))
      .catch((): DrillAnswer => ({ kind: 'failed' }));

    const policies = h('div', { class: 'pr-policies' });
    const panels = policyPanels(item.exercise, item.scenario);
    if (panels.length === 0) policies.append(h('p', {}, 'No policy applies to this principal at all.'));
    for (const panel of panels) {
      policies.append(h('figure', { class: 'pr-policy' }, h('figcaption', {}, panel.label), h('pre', {}, h('code', {}, panel.text))));
    }
    const request = h('dl', { class: 'pr-request' });
    for (const row of requestRows(item.scenario)) {
      request.append(
        h(
          'div',
          {},
          h('dt', {}, row.key ? h('code', {}, row.label) : row.label),
          h('dd', {}, row.code ? h('code', {}, row.value) : row.value),
        ),
      );
    }

    const name = nextId('decision');
    const choices = h('ul', { class: 'pr-options pr-options--decisions', role: 'list' });
    for (const d of DECISIONS) {
      choices.append(choice('radio', name, d,
        h('span', { class: `pr-decision ${DECISION_CLASS[d]}` }, DECISION_LABEL[d]), h('span', { class: 'pr-decision-hint' }, DECISION_HINT[d])));
    }
    const { form, error, submit } = answerForm(['What does AWS decide for this request?'], choices, null);
    const article = this.#article(
      entry, item, 'drill', 'Drill',
      h('p', { class: 'pr-drill-intro' }, 'Predict the decision: read the policies in force and the request, then choose what AWS decides.'),
      h('h3', {}, 'Policies in force'),
      policies,
      h('h3', {}, 'The request'),
      request,
      form,
    );

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (article.dataset.state !== 'asking') return;
      const choice = form.querySelector<HTMLInputElement>('input:checked')?.value;
      const picked = DECISIONS.find((d) => d === choice);
      if (!picked) {
        error.textContent = 'Choose a decision first.';
        error.hidden = false;
        this.#announce(error.textContent);
        form.querySelector<HTMLInputElement>('input')?.focus();
        return;
      }
      error.hidden = true;
      article.dataset.state = 'deciding';
      submit.disabled = true;
      submit.textContent = 'Checking…';
      form.setAttribute('aria-busy', 'true');
      void answer.then((outcome) => {
        if (token !== this.#token) return; // the learner has moved on
        form.removeAttribute('aria-busy');
        if (outcome.kind !== 'decision') {
          this.#skip(article, form, outcome.kind === 'failed'
            ? 'The policy engine could not load, so this drill cannot be checked. Check your connection, then go on or reload the page.'
            : `This drill cannot be checked: ${outcome.message}.`);
          return;
        }
        article.dataset.decision = outcome.decision;
        const correct = picked === outcome.decision;
        markChoices(choices, (option) => option === outcome.decision, (option) => option === picked);
        const verdictLine = h(
          'p',
          { class: 'pr-engine' },
          'AWS decides: ',
          h('strong', { class: `pr-decision ${DECISION_CLASS[outcome.decision]}` }, DECISION_LABEL[outcome.decision]),
          correct ? '' : `. You chose ${DECISION_LABEL[picked]}.`,
        );
        const lesson = this.#lessons.get(item.lesson);
        const body: Child[] = [
          verdictLine,
          h('h4', { class: 'pr-why-title' }, `Why: ${outcome.headline.toLowerCase()}`),
          h('ul', { class: 'pr-sentences' }, ...outcome.sentences.map((s) => h('li', {}, ...withCode(s)))),
          lesson
            ? h('p', { class: 'pr-source' }, 'Try the exercise: ', h('a', { href: `${lesson.href}#exercises` }, `Lesson ${lesson.number}, “${item.exercise.title}”`))
            : null,
        ];
        this.#finish(article, form, item, correct, body, correct
          ? `Correct. AWS decides ${DECISION_LABEL[outcome.decision]}.`
          : `Not quite. AWS decides ${DECISION_LABEL[outcome.decision]}; you chose ${DECISION_LABEL[picked]}.`);
      });
    });
    return article;
  }

  /** Records an answer, shows the feedback, moves focus to it and announces it. */
  #finish(article: HTMLElement, form: HTMLFormElement, item: PracticeItem, correct: boolean, body: Child[], announcement: string): void {
    const now = Date.now();
    this.#store = recordAnswer(this.#store, item.key, correct, now, this.#places);
    if (!saveStore(this.#store) && !this.#saveWarned) {
      this.#saveWarned = true;
      this.#notice(NOTICE_TEXT.unavailable);
    }
    const { round, comesBack } = answerCurrent(this.#round, correct);
    this.#round = round;
    // A missed item makes the round longer: the heading says so.
    const title = article.querySelector('.pr-item-title');
    if (title) title.textContent = `${article.dataset.noun ?? 'Item'} ${round.index + 1} of ${round.entries.length}`;

    article.dataset.state = 'answered';
    article.dataset.result = correct ? 'correct' : 'incorrect';
    for (const input of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) input.disabled = true;
    form.querySelector('.pr-actions')?.remove();

    let later: string;
    if (comesBack) {
      const at = round.entries.findIndex((e, i) => i > round.index && e.item.key === item.key);
      const between = at - round.index - 1;
      later = between <= 0 ? 'It comes back next, for another try.' : `It comes back after ${plural(between, 'more item', 'more items')}, for another try.`;
    } else if (correct) {
      const box = this.#store.items[item.key]?.box ?? 1;
      const days = BOX_DAYS[box - 1] ?? 1;
      later = `Next review in ${plural(days, 'day', 'days')}.`;
    } else {
      later = 'It stays in your review pile for the next session.';
    }

    const last = round.index + 1 >= round.entries.length;
    const next = h('button', { class: 'button', type: 'button', 'data-pr-next': '' }, last ? 'See how the round went' : 'Next');
    next.addEventListener('click', () => {
      this.#round = advance(this.#round);
      this.#render(true);
    });
    const verdictId = nextId('verdict');
    const feedback = h(
      'section',
      { class: `pr-feedback ${correct ? 'pr-feedback--right' : 'pr-feedback--wrong'}`, 'aria-labelledby': verdictId, 'data-pr-feedback': '' },
      h('h3', { class: 'pr-verdict', id: verdictId, tabindex: '-1' }, h('span', { class: 'pr-verdict-icon', 'aria-hidden': 'true' }, correct ? '✓' : '✗'), correct ? 'Correct' : 'Not quite'),
      ...body,
      h('p', { class: 'pr-later' }, later),
      h('p', { class: 'pr-actions' }, next),
    );
    article.append(feedback);
    this.#renderStatus();
    this.#renderScores();
    feedback.querySelector<HTMLElement>('.pr-verdict')?.focus();
    this.#announce(`${announcement} ${later}`);
  }

  /** Shows why an item cannot be checked, and lets the learner go on; nothing is recorded. */
  #skip(article: HTMLElement, form: HTMLFormElement, message: string): void {
    article.dataset.state = 'skipped';
    for (const input of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) input.disabled = true;
    form.querySelector('.pr-actions')?.remove();
    const next = h('button', { class: 'button', type: 'button', 'data-pr-next': '' }, 'Skip to the next item');
    next.addEventListener('click', () => {
      this.#round = advance(this.#round);
      this.#render(true);
    });
    const feedback = h('section', { class: 'pr-feedback', 'data-pr-feedback': '' }, h('p', { class: 'pr-verdict', tabindex: '-1' }, message), h('p', { class: 'pr-actions' }, next));
    article.append(feedback);
    feedback.querySelector<HTMLElement>('.pr-verdict')?.focus();
    this.#announce(message);
  }

  #summaryView(): HTMLElement {
    const r = this.#round;
    const due = dueCount(this.#store, this.#pool, Date.now());
    const missed = r.answered - r.correct;
    const again = h('button', { class: 'button', type: 'button' }, 'Start another round');
    again.addEventListener('click', () => this.#filters && this.#start(this.#filters, true));
    return h(
      'div',
      { class: 'pr-summary', 'data-pr-summary': '' },
      h('h2', { tabindex: '-1', 'data-pr-focus': '' }, 'Round complete'),
      h('p', { class: 'pr-summary-score' }, `You got ${r.correct} of ${plural(r.answered, 'item', 'items')} right the first time.`),
      missed > 0 ? h('p', {}, `Of the ${plural(missed, 'item', 'items')} you missed, you got ${r.recovered} right when ${missed === 1 ? 'it' : 'they'} came back.`) : null,
      h('p', {}, due > 0 ? `${plural(due, 'item is', 'items are')} due for review now; the next round asks ${due === 1 ? 'it' : 'them'} first.` : 'Nothing is due for review now: what you got right comes back in a day or more.'),
      h('p', { class: 'pr-actions' }, again),
    );
  }

  #emptyView(): HTMLElement {
    const f = this.#filters;
    const parts = [f?.exam ? `for ${f.exam}` : '', f?.lesson ? `in lesson ${this.#lessons.get(f.lesson)?.number ?? ''}` : ''].filter(Boolean);
    return h(
      'div',
      { class: 'pr-summary', 'data-pr-summary': '' },
      h('h2', { tabindex: '-1', 'data-pr-focus': '' }, 'Nothing to practise here'),
      h('p', {}, `There is no item ${parts.join(' ')}${f?.drills ? '' : ' (drills are left out)'}. Choose another exam or lesson above.`),
    );
  }
}

if (!customElements.get('iam-practice')) customElements.define('iam-practice', IamPractice);
