// The source editor: CodeMirror 6 inside a shadow root.
//
// CodeMirror injects its styles at run time. In a document it would add <style>
// elements, which the page's Content-Security-Policy (style-src without
// 'unsafe-inline') forbids; inside a shadow root it uses constructed style sheets,
// which CSP does not govern. Colours come from the page's CSS custom properties,
// which cross the shadow boundary, so the editor follows the page theme.

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorSelection, EditorState, RangeSet, StateEffect, StateField } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  GutterMarker,
  gutter,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { h, withCode } from './dom.js';
import { runCommandsLanguage } from './runmode.js';

const languages = {
  compose: yaml(),
  run: runCommandsLanguage,
};

/** How each shipshape severity shows in CodeMirror's lint UI. */
const lintSeverity = { critical: 'error', high: 'error', medium: 'warning', low: 'info', info: 'hint' };

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** A gutter dot in its severity's own colour (the lint gutter has four levels for our five). */
class SeverityMarker extends GutterMarker {
  constructor(severity) {
    super();
    this.severity = severity;
  }

  eq(other) {
    return other.severity === this.severity;
  }

  toDOM() {
    return h('span', { class: `severity-marker severity-marker-${this.severity}`, title: this.severity });
  }
}

const setSeverityMarkers = StateEffect.define();

/** One marker per line: its worst finding's severity. Kept in place while typing. */
const severityMarkers = StateField.define({
  create: () => RangeSet.empty,
  update(markers, transaction) {
    const replaced = transaction.effects.find((effect) => effect.is(setSeverityMarkers));
    return replaced ? replaced.value : markers.map(transaction.changes);
  },
});

const severityGutter = [
  severityMarkers,
  gutter({ class: 'cm-severity-gutter', markers: (view) => view.state.field(severityMarkers) }),
];

const highlighting = HighlightStyle.define([
  { tag: [tags.comment, tags.lineComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.definition(tags.propertyName), tags.propertyName], color: 'var(--syntax-key)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syntax-number)' },
  { tag: [tags.keyword, tags.operator, tags.standard(tags.variableName)], color: 'var(--syntax-keyword)' },
  { tag: [tags.attributeName, tags.labelName, tags.typeName], color: 'var(--syntax-flag)' },
  { tag: tags.className, color: 'var(--syntax-image)', fontWeight: '600' },
  { tag: tags.content, color: 'var(--syntax-command)' },
  { tag: [tags.special(tags.variableName), tags.definition(tags.variableName)], color: 'var(--syntax-variable)' },
  { tag: [tags.meta, tags.separator, tags.punctuation], color: 'var(--syntax-punctuation)' },
]);

const chrome = EditorView.theme({
  '&': {
    height: '100%',
    color: 'var(--text)',
    backgroundColor: 'var(--editor-bg)',
    fontSize: '13.5px',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--accent)', padding: '8px 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--editor-selection)' },
  '.cm-gutters': {
    backgroundColor: 'var(--editor-gutter-bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--text)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--editor-match)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    boxShadow: 'var(--shadow)',
    maxWidth: 'min(32rem, 90vw)',
  },
  '.cm-diagnostic': { fontFamily: 'var(--sans)', padding: '6px 10px', borderLeftWidth: '4px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--sev-high)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--sev-medium)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--sev-low)' },
  '.cm-diagnostic-hint': { borderLeftColor: 'var(--sev-info)' },
  '.cm-diagnosticAction': {
    backgroundColor: 'var(--accent)',
    color: 'var(--on-accent)',
    borderRadius: '4px',
    font: 'inherit',
    fontSize: '0.9em',
  },
  '.cm-diagnosticSource': { fontFamily: 'var(--mono)', opacity: '1', color: 'var(--muted)' },
  '.cm-lintRange-error': { textDecoration: 'underline wavy var(--sev-high)', backgroundImage: 'none' },
  '.cm-lintRange-warning': { textDecoration: 'underline wavy var(--sev-medium)', backgroundImage: 'none' },
  '.cm-lintRange-info': { textDecoration: 'underline wavy var(--sev-low)', backgroundImage: 'none' },
  '.cm-lintRange-hint': { textDecoration: 'underline dotted var(--sev-info)', backgroundImage: 'none' },
  '.cm-lintRange-critical': { backgroundColor: 'var(--sev-critical-bg)' },
  '.cm-lintPoint:after': { borderBottomColor: 'var(--sev-high)' },
  '.cm-severity-gutter .cm-gutterElement': { display: 'flex', alignItems: 'center', padding: '0 3px' },
  '.severity-marker': { display: 'block', width: '0.7em', height: '0.7em', borderRadius: '50%' },
  '.severity-marker-critical': { backgroundColor: 'var(--sev-critical)' },
  '.severity-marker-high': { backgroundColor: 'var(--sev-high)' },
  '.severity-marker-medium': { backgroundColor: 'var(--sev-medium)' },
  '.severity-marker-low': { backgroundColor: 'var(--sev-low)' },
  '.severity-marker-info': { backgroundColor: 'var(--sev-info)' },
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-textfield, .cm-button': { font: 'inherit', fontSize: '0.9em' },
});

export class SourceEditor {
  /**
   * @param {HTMLElement} host element that receives the editor's shadow root
   * @param {{ text: string, label: string, onChange: () => void, onCursor: (cursor: object) => void,
   *   onFocusChange: (focused: boolean) => void }} options
   */
  constructor(host, { text, label, onChange, onCursor, onFocusChange }) {
    this.version = 0;
    this.kind = 'compose';
    this.language = new Compartment();
    const root = host.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    parent.style.height = '100%';
    root.append(parent);
    // One state per document: a file shown in place of another starts its own history.
    this.createState = (doc) =>
      EditorState.create({
        doc,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          severityGutter,
          this.language.of(languages[this.kind]),
          syntaxHighlighting(highlighting),
          chrome,
          placeholder('Paste a Compose file or docker / podman run commands here, or drop a file.'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              this.version += 1;
              onChange();
            }
            if (update.docChanged || update.selectionSet) onCursor(this.cursor());
            if (update.focusChanged) onFocusChange(update.view.hasFocus);
          }),
        ],
      });
    this.view = new EditorView({ parent, root, state: this.createState(text) });
  }

  get text() {
    return this.view.state.doc.toString();
  }

  /**
   * Replaces the whole text (an example, an opened file), as one undoable change.
   * Scrolls the editor alone back to the top: scrolling the cursor into view would
   * scroll the page too, away from the report shown above the editor on a phone.
   */
  setText(text) {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      selection: EditorSelection.cursor(0),
    });
    this.view.scrollDOM.scrollTop = 0;
  }

  /**
   * Shows another document (a file of the project) with its own undo history; not a
   * change of the text, so it does not call `onChange`, but the version moves on.
   */
  showDocument(text) {
    this.version += 1;
    this.view.setState(this.createState(text));
  }

  /** @param {'compose'|'run'} kind */
  setLanguage(kind) {
    if (kind === this.kind) return;
    this.kind = kind;
    this.view.dispatch({ effects: this.language.reconfigure(languages[kind]) });
  }

  /** The editor offset of a shipshape position (CodeMirror offsets are UTF-16 units too). */
  offsetOf(position) {
    const { doc } = this.view.state;
    const line = doc.line(Math.min(Math.max(position.line, 1), doc.lines));
    return Math.min(line.from + position.column - 1, line.to);
  }

  /** Selects a range and scrolls it into view. */
  select(range) {
    this.view.dispatch({
      selection: EditorSelection.range(this.offsetOf(range.start), this.offsetOf(range.end)),
      scrollIntoView: true,
    });
  }

  /** Applies a fix's edits (ranges in the text the fix was computed for) as one change. */
  applyEdits(edits) {
    this.view.dispatch({
      changes: edits.map((edit) => ({
        from: this.offsetOf(edit.range.start),
        to: this.offsetOf(edit.range.end),
        insert: edit.content,
      })),
      scrollIntoView: true,
    });
  }

  /**
   * Underlines the findings; fixes become actions in the hover tooltip.
   * @param {Array<object>} diagnostics shipshape diagnostics for the current text
   * @param {(diagnostic: object) => void} applyFix
   */
  showFindings(diagnostics, applyFix) {
    const findings = diagnostics.map((diagnostic) => ({
      from: this.offsetOf(diagnostic.range.start),
      to: this.offsetOf(diagnostic.range.end),
      severity: lintSeverity[diagnostic.severity],
      markClass: `cm-lintRange-${diagnostic.severity}`,
      source: `${diagnostic.code} · ${diagnostic.severity}`,
      message: diagnostic.message,
      renderMessage: () => h('span', {}, withCode(diagnostic.messageMarkdown)),
      actions: diagnostic.fix
        ? [
            {
              name: `${diagnostic.fix.title} (${diagnostic.fix.applicability})`,
              apply: () => applyFix(diagnostic),
            },
          ]
        : [],
    }));
    const transaction = setDiagnostics(this.view.state, findings);
    this.view.dispatch(transaction, { effects: setSeverityMarkers.of(this.#markers(diagnostics)) });
  }

  /** The worst severity of each line a diagnostic starts on, as gutter markers. */
  #markers(diagnostics) {
    const worst = new Map();
    for (const { range, severity } of diagnostics) {
      const from = this.view.state.doc.line(Math.min(range.start.line, this.view.state.doc.lines)).from;
      const known = worst.get(from);
      if (!known || SEVERITY_ORDER.indexOf(severity) < SEVERITY_ORDER.indexOf(known)) worst.set(from, severity);
    }
    return RangeSet.of(
      [...worst].sort(([a], [b]) => a - b).map(([from, severity]) => new SeverityMarker(severity).range(from)),
    );
  }

  /** Cursor line and column (1-based, UTF-16) and the selection length. */
  cursor() {
    const { main } = this.view.state.selection;
    const line = this.view.state.doc.lineAt(main.head);
    return { line: line.number, column: main.head - line.from + 1, selected: main.to - main.from };
  }

  focus() {
    this.view.focus();
  }
}
