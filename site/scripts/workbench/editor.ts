/**
 * The policy editor: CodeMirror 6 with JSON, line numbers, the engine's
 * diagnostics (underline, gutter mark, message on hover), a highlight for
 * the statements that decided the selected row, and Escape-then-Tab to leave.
 * The engine does the linting; this module only draws what it is given.
 */
import { history, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { Diagnostic, Range } from '../../../engine/types.ts';

/** What the workbench can do with an editor. */
export interface PolicyEditor {
  readonly view: EditorView;
  /** The current text. */
  text(): string;
  /** Shows the engine's findings inline. */
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Marks the given ranges (the deciding statements); `scroll` brings the first into view. */
  highlight(ranges: readonly Range[], scroll: boolean): void;
  /** Makes the text editable or not, with the accessible name and description that say so. */
  setReadOnly(readOnly: boolean, label?: string, description?: string): void;
  /** Replaces the whole text as one undoable change. */
  replaceAll(text: string): void;
  /** Puts the cursor at `pos` and focuses the editor. */
  focusAt(pos: number): void;
}

/** Options of {@link createEditor}. */
export interface EditorOptions {
  doc: string;
  /** The accessible name of the editable area. */
  label: string;
  /** Words that describe the editable area, e.g. how to leave it. */
  description?: string;
  readOnly: boolean;
  /** Called after every change of the text, once the view is updated. */
  onChange(text: string): void;
}

const setHighlight = StateEffect.define<readonly Range[]>();

const statementMark = Decoration.mark({ class: 'wb-decided', attributes: { 'data-highlight': 'decided' } });

/** The deciding statements' ranges, mapped through edits until replaced. */
const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlight)) continue;
      const len = tr.state.doc.length;
      const ranges = e.value
        .map((r) => ({ from: Math.max(0, Math.min(r.from, len)), to: Math.max(0, Math.min(r.to, len)) }))
        .filter((r) => r.to > r.from)
        .sort((a, b) => a.from - b.from);
      next = Decoration.set(ranges.map((r) => statementMark.range(r.from, r.to)));
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * Typing over a selection: Chrome replaces the selected, syntax-coloured
 * spans itself and keeps their colour as an inline `style` attribute, which
 * the Content Security Policy refuses (a console error). Doing the
 * replacement here leaves the DOM to CodeMirror.
 */
const replaceSelectionOnInput = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || !event.data || view.composing || view.state.readOnly) return false;
    if (view.state.selection.ranges.every((r) => r.empty)) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});

/** Token colours from the site's theme tokens, so both themes read well. */
const highlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--tok-key, #0a58a6)' },
  { tag: tags.string, color: 'var(--tok-string, #17703a)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--tok-number, #8a3ea8)' },
  { tag: [tags.separator, tags.brace, tags.squareBracket, tags.punctuation], color: 'var(--tok-punct, #545a63)' },
  { tag: tags.invalid, color: 'var(--explicit-deny, #b3242b)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--text, CanvasText)',
    backgroundColor: 'var(--code-bg, Canvas)',
    fontSize: '0.875rem',
    border: '1px solid var(--border-strong, GrayText)',
    borderRadius: 'var(--radius, 0.5rem)',
  },
  '&.cm-focused': { outline: '2px solid var(--focus, Highlight)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, monospace)', lineHeight: '1.5', minHeight: '10rem', maxHeight: '32rem' },
  '.cm-content': { caretColor: 'var(--text, CanvasText)' },
  '.cm-cursor': { borderLeftColor: 'var(--text, CanvasText)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2, Canvas)',
    color: 'var(--muted, GrayText)',
    borderRight: '1px solid var(--border, GrayText)',
    borderRadius: 'var(--radius, 0.5rem) 0 0 var(--radius, 0.5rem)',
  },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--accent, Highlight) 30%, transparent)',
  },
  '.cm-matchingBracket': { outline: '1px solid var(--border-strong, GrayText)' },
  '.wb-decided': {
    backgroundColor: 'var(--accent-soft, Mark)',
    outline: '1px solid color-mix(in srgb, var(--accent, Highlight) 45%, transparent)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface, Canvas)',
    color: 'var(--text, CanvasText)',
    border: '1px solid var(--border-strong, GrayText)',
  },
  '.cm-diagnostic': { fontFamily: 'var(--font-sans, sans-serif)', maxWidth: '40ch' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--explicit-deny, #b3242b)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--implicit-deny, #7a5200)' },
});

/** Engine diagnostics -> CodeMirror's, clamped to the document. */
export function toCmDiagnostics(diagnostics: readonly Diagnostic[], docLength: number): CmDiagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.max(0, Math.min(d.from, docLength));
    const to = Math.max(from, Math.min(d.to, docLength));
    return {
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.hint ? `${d.message} (${d.hint})` : d.message,
    };
  });
}

/**
 * Creates the editor inside `parent`, in a shadow root: CodeMirror then
 * mounts its styles as constructed style sheets, which the site's strict
 * Content Security Policy allows, where a `<style>` element would be refused.
 * Custom properties (the theme) inherit into it as usual.
 */
export function createEditor(parent: HTMLElement, options: EditorOptions): PolicyEditor {
  const shadow = parent.shadowRoot ?? parent.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const readOnly = new Compartment();
  const naming = new Compartment();
  const attributes: Record<string, string> = { 'aria-label': options.label };
  // ID references do not cross a shadow boundary: the description lives inside.
  const desc = document.createElement('span');
  desc.id = 'editor-description';
  desc.hidden = true;
  if (options.description) {
    desc.textContent = options.description;
    shadow.append(desc);
    attributes['aria-describedby'] = desc.id;
  }
  const extensions: Extension[] = [
    lineNumbers(),
    history(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(highlightStyle),
    json(),
    lintGutter(),
    highlightField,
    replaceSelectionOnInput,
    EditorView.lineWrapping,
    EditorState.tabSize.of(2),
    // Tab indents; Escape then Tab leaves (CodeMirror's tab-focus mode).
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    naming.of(EditorView.contentAttributes.of(attributes)),
    readOnly.of(EditorState.readOnly.of(options.readOnly)),
    theme,
  ];
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({ doc: options.doc, extensions }),
    dispatchTransactions(trs, v) {
      v.update(trs);
      if (trs.some((tr) => tr.docChanged)) options.onChange(v.state.doc.toString());
    },
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    showDiagnostics(diagnostics) {
      view.dispatch(setDiagnostics(view.state, toCmDiagnostics(diagnostics, view.state.doc.length)));
    },
    highlight(ranges, scroll) {
      const first = ranges.length > 0 ? Math.min(...ranges.map((r) => r.from)) : null;
      view.dispatch({
        effects: [
          setHighlight.of(ranges),
          ...(scroll && first !== null && first <= view.state.doc.length
            ? [EditorView.scrollIntoView(first, { y: 'nearest', yMargin: 24 })]
            : []),
        ],
      });
    },
    setReadOnly(ro, label, description) {
      const effects = [readOnly.reconfigure(EditorState.readOnly.of(ro))];
      if (label !== undefined) {
        const named: Record<string, string> = { 'aria-label': label };
        if (description) {
          desc.textContent = description;
          if (!desc.isConnected) shadow.append(desc);
          named['aria-describedby'] = desc.id;
        }
        effects.push(naming.reconfigure(EditorView.contentAttributes.of(named)));
      }
      view.dispatch({ effects });
    },
    replaceAll(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        userEvent: 'input.reset',
        scrollIntoView: true,
      });
    },
    focusAt(pos) {
      const at = Math.max(0, Math.min(pos, view.state.doc.length));
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}
