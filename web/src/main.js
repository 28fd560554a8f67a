// The page: wires the editor, the controls and the report to the analysis worker.

import { compileModule, rulePages, workerUrl } from '#assets';
import { EXAMPLES } from './examples.js';
import { byId, h } from './lib/dom.js';
import { SourceEditor } from './lib/editor.js';
import { AnalysisEngine } from './lib/engine.js';
import { acceptFileDrops, readTextFile } from './lib/files.js';
import { emptyState, hasShareFragment, loadStoredState, parseEnv, readShareFragment, storeState } from './lib/state.js';
import { initTheme } from './lib/theme.js';
import { conversionNote, HardenedView, initPaneTabs } from './views/hardened.js';
import { renderIgnoredRules } from './views/ignored.js';
import { ReportView } from './views/report.js';
import { rulesReference } from './views/rules.js';
import { initShareDialog } from './views/share.js';

/** Wait after the last keystroke before analysing. */
const TYPING_DELAY_MS = 250;

/**
 * Performance API marks, read by the benchmark (scripts/bench-browser.mjs): an edit
 * in the editor, the start of an analysis, its underlines in the editor, and the
 * first of them since the page loaded.
 */
const MARKS = {
  edit: 'shipshape:edit',
  analyse: 'shipshape:analyse',
  underlined: 'shipshape:underlined',
  firstResult: 'shipshape:first-result',
};

const PROFILE_HINTS = {
  default: 'Proven escape and exposure paths.',
  baseline: 'Default, plus what Kubernetes Pod Security “baseline” forbids.',
  restricted: 'Baseline, plus hardening: no root, drop all capabilities, limits…',
  cis: 'Every check anchored in the CIS Docker Benchmark.',
};
const INPUT_NAMES = { compose: 'Compose file', run: 'run commands' };

const elements = {
  version: byId('version'),
  footerVersion: byId('footer-version'),
  exampleSelect: byId('example-select'),
  openFile: byId('open-file'),
  fileInput: byId('file-input'),
  showRules: byId('show-rules'),
  modeSelect: byId('mode-select'),
  detected: byId('detected'),
  profileSelect: byId('profile-select'),
  profileHint: byId('profile-hint'),
  editor: byId('editor'),
  cursorStatus: byId('cursor-status'),
  editorHint: byId('editor-hint'),
  fileName: byId('file-name'),
  envInput: byId('env-input'),
  envCount: byId('env-count'),
  envErrors: byId('env-errors'),
  ignoredSummary: byId('ignored-panel').querySelector('summary'),
  ignoredCount: byId('ignored-count'),
  ignoredEmpty: byId('ignored-empty'),
  ignoredList: byId('ignored-list'),
  resetSettings: byId('reset-settings'),
  notice: byId('notice'),
  report: byId('report'),
  hardened: byId('hardened'),
  conversion: byId('conversion'),
  convert: byId('convert-compose'),
  status: byId('status'),
  dropOverlay: byId('drop-overlay'),
  rulesDialog: byId('rules-dialog'),
  rulesList: byId('rules-list'),
  closeRules: byId('close-rules'),
};

/** Tells screen readers (and tests) what just happened. */
function announce(message) {
  elements.status.textContent = message;
}

/** Shows a message above the report until the next successful analysis. */
function showNotice(message) {
  elements.notice.textContent = message;
  elements.notice.hidden = false;
}

function clearNotice() {
  elements.notice.hidden = true;
  elements.notice.textContent = '';
}

async function initialState() {
  if (hasShareFragment(location.hash)) {
    try {
      const shared = await readShareFragment(location.hash);
      history.replaceState(null, '', location.pathname + location.search);
      return shared;
    } catch (error) {
      showNotice(`This share link could not be read (${error.message}). Your last text was restored instead.`);
    }
  }
  return loadStoredState() ?? { ...emptyState(), text: EXAMPLES[0].text };
}

async function main() {
  initTheme(byId('theme-toggle'));
  const state = await initialState();
  let fileName = null;

  const editor = new SourceEditor(elements.editor, {
    text: state.text,
    label: 'Compose file or run commands',
    onChange: () => {
      performance.mark(MARKS.edit);
      state.text = editor.text;
      schedule(TYPING_DELAY_MS);
    },
    onCursor: ({ line, column, selected }) => {
      elements.cursorStatus.textContent = `Ln ${line}, Col ${column}${selected ? ` · ${selected} selected` : ''}`;
    },
    // Tab indents in the editor; CodeMirror lets keyboard users out with Esc, Tab.
    onFocusChange: (focused) => {
      elements.editorHint.hidden = !focused;
    },
  });
  elements.cursorStatus.textContent = 'Ln 1, Col 1';

  const engine = new AnalysisEngine(workerUrl, await compileModule());
  const { version, rules, defaultConfig } = await engine.start();
  elements.version.textContent = `v${version}`;
  elements.footerVersion.textContent = version;
  const rulesByCode = new Map(rules.map((rule) => [rule.code, rule]));

  /** The editor version the report on screen describes. */
  let shownVersion = -1;

  function applyFix(diagnostic) {
    if (shownVersion !== editor.version) return;
    editor.applyEdits(diagnostic.fix.edits);
    editor.focus();
    announce(`Applied: ${diagnostic.fix.title}`);
  }

  /** The report on screen, for the actions on all of its findings. */
  let shownReport = null;

  /** Every safe fix at once, through the module's own non-overlapping selection. */
  async function applySafeFixes() {
    if (shownVersion !== editor.version || !shownReport) return;
    const version = editor.version;
    const { text, applied } = await engine.applyFixes({ text: state.text, diagnostics: shownReport.diagnostics });
    if (version !== editor.version) return;
    editor.setText(text);
    announce(`Applied ${applied.length} safe ${applied.length === 1 ? 'fix' : 'fixes'}.`);
  }

  function download() {
    const name = fileName ?? (shownReport?.input === 'run' ? 'run.sh' : 'compose.yaml');
    const url = URL.createObjectURL(new Blob([editor.text], { type: 'text/plain' }));
    h('a', { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    announce(`Downloaded ${name}.`);
  }

  const report = new ReportView(elements.report, {
    rules: rulesByCode,
    rulePages,
    select: (range, { focus = true } = {}) => {
      editor.select(range);
      if (focus) editor.focus();
    },
    applyFix,
    preview: (text) => analyseText(text),
    applySafeFixes,
    download,
    loadExample: (id) => loadExample(EXAMPLES.find((example) => example.id === id)),
    ignoreRule: (code) => {
      if (!state.ignore.includes(code)) state.ignore.push(code);
      settingsChanged();
      announce(`${code} ignored. Undo it under Ignored rules.`);
      elements.report.focus();
    },
  });

  const hardened = new HardenedView(elements.hardened, {
    harden: ({ text, profile, unsafe, input }) =>
      engine.harden({ text, options: { ...analysisSettings(), profile, unsafe, input } }),
    showFinding: (change) => {
      panes.select('report');
      if (!report.showFinding(change)) announce(`${change.code} is no longer reported for this text.`);
    },
    fileName: () => fileName,
    announce,
  });
  const panes = initPaneTabs(
    [
      { key: 'report', tab: byId('pane-tab-report'), panel: elements.report },
      { key: 'hardened', tab: byId('pane-tab-hardened'), panel: elements.hardened },
    ],
    (key) => (key === 'hardened' ? hardened.show() : hardened.hide()),
  );

  // --- analysis ---------------------------------------------------------------

  let timer = null;
  let latest = 0;

  function schedule(delay) {
    elements.report.setAttribute('aria-busy', 'true');
    clearTimeout(timer);
    timer = setTimeout(analyse, delay);
  }

  /** The options every call into the module shares: profile, ignored rules, environment. */
  function analysisSettings(env = parseEnv(state.env).env) {
    return { profile: state.profile, config: { ...defaultConfig, ignore: state.ignore }, env };
  }

  /** Analyses `text` with the page's current settings. */
  function analyseText(text, env = parseEnv(state.env).env) {
    return engine.analyze({
      mode: state.mode,
      text,
      options: { ...analysisSettings(env), fileName: fileName ?? undefined },
    });
  }

  /** Replaces run commands in the editor with the Compose file they amount to. */
  async function convertToCompose() {
    try {
      const conversion = await engine.toCompose({ text: state.text, options: analysisSettings() });
      fileName = null;
      editor.setText(conversion.compose);
      if (state.mode === 'run') state.mode = 'auto';
      elements.conversion.replaceChildren(
        ...conversionNote(conversion, () => {
          elements.conversion.hidden = true;
        }),
      );
      elements.conversion.hidden = false;
      panes.select('report');
      settingsChanged();
      announce(`Converted to Compose; ${conversion.unconverted.length} not carried over.`);
    } catch (error) {
      showNotice(`The conversion failed: ${error.message}`);
    }
  }

  async function analyse() {
    performance.mark(MARKS.analyse);
    const request = ++latest;
    const version = editor.version;
    const { env, errors } = parseEnv(state.env);
    renderEnvErrors(errors, Object.keys(env).length);
    const remembered = storeState(state);
    elements.fileName.textContent = [fileName, remembered ? null : 'too large to remember'].filter(Boolean).join(' · ');
    const input = { text: state.text, profile: state.profile, mode: state.mode };
    try {
      const result = await analyseText(state.text, env);
      if (request !== latest || version !== editor.version) return;
      clearNotice();
      elements.report.classList.remove('stale');
      shownVersion = version;
      editor.setLanguage(result.input);
      elements.detected.textContent =
        state.mode === 'auto' && result.status === 'analyzed' ? `Read as ${INPUT_NAMES[result.input]}` : '';
      editor.showFindings(
        result.diagnostics.filter((diagnostic) => !diagnostic.suppressed),
        applyFix,
      );
      performance.mark(MARKS.underlined);
      if (performance.getEntriesByName(MARKS.firstResult).length === 0) performance.mark(MARKS.firstResult);
      shownReport = result;
      report.show(result, input);
      hardened.update({ text: input.text, kind: result.input, profile: input.profile });
      elements.convert.hidden = result.input !== 'run';
      elements.report.setAttribute('aria-busy', 'false');
    } catch (error) {
      if (request !== latest) return;
      elements.report.setAttribute('aria-busy', 'false');
      // The report on screen describes an older text: fade it, drop its underlines.
      elements.report.classList.add('stale');
      editor.showFindings([], applyFix);
      shownVersion = -1;
      showNotice(
        error.restarted
          ? `The analyzer stopped on this input (${error.message}). It has been restarted and your text is kept; edit the text to analyse again.`
          : `The analysis failed: ${error.message}`,
      );
    }
  }

  // --- controls ---------------------------------------------------------------

  function settingsChanged() {
    elements.modeSelect.value = state.mode;
    elements.profileSelect.value = state.profile;
    elements.profileHint.textContent = PROFILE_HINTS[state.profile];
    elements.envInput.value = state.env;
    renderIgnored();
    schedule(0);
  }

  function renderIgnored() {
    elements.ignoredCount.textContent = state.ignore.length ? `(${state.ignore.length})` : '';
    elements.ignoredEmpty.hidden = state.ignore.length > 0;
    renderIgnoredRules(elements.ignoredList, state.ignore, rulesByCode, (code) => {
      state.ignore = state.ignore.filter((ignored) => ignored !== code);
      settingsChanged();
      announce(`${code} is checked again.`);
      elements.ignoredSummary.focus();
    });
  }

  function renderEnvErrors(errors, count) {
    elements.envCount.textContent = count ? `(${count})` : '';
    elements.envErrors.replaceChildren(...errors.map((error) => h('li', {}, error)));
  }

  function loadText(text, name) {
    fileName = name;
    elements.conversion.hidden = true;
    editor.setText(text);
  }

  async function openFile(file) {
    try {
      loadText(await readTextFile(file), file.name);
      announce(`Opened ${file.name}.`);
    } catch (error) {
      showNotice(`This file was not opened: ${error.message}`);
    }
  }

  for (const example of EXAMPLES) {
    elements.exampleSelect.append(h('option', { value: example.id }, example.title));
  }
  function loadExample(example) {
    loadText(example.text, null);
    announce(`Loaded the example: ${example.title}.`);
  }
  elements.exampleSelect.addEventListener('change', () => {
    const example = EXAMPLES.find((candidate) => candidate.id === elements.exampleSelect.value);
    elements.exampleSelect.value = '';
    if (example) loadExample(example);
  });

  elements.modeSelect.addEventListener('change', () => {
    state.mode = elements.modeSelect.value;
    settingsChanged();
  });
  elements.profileSelect.addEventListener('change', () => {
    state.profile = elements.profileSelect.value;
    settingsChanged();
  });
  elements.envInput.addEventListener('input', () => {
    state.env = elements.envInput.value;
    schedule(TYPING_DELAY_MS);
  });
  elements.resetSettings.addEventListener('click', () => {
    state.profile = defaultConfig.profile;
    state.ignore = [...defaultConfig.ignore];
    settingsChanged();
    announce('Profile and ignored rules reset to the defaults.');
  });

  elements.openFile.addEventListener('click', () => elements.fileInput.click());
  elements.fileInput.addEventListener('change', () => {
    const [file] = elements.fileInput.files;
    elements.fileInput.value = '';
    if (file) openFile(file);
  });

  acceptFileDrops(elements.dropOverlay, openFile);

  elements.convert.addEventListener('click', convertToCompose);

  initShareDialog(() => state, announce);

  elements.showRules.addEventListener('click', () => {
    if (!elements.rulesList.hasChildNodes()) elements.rulesList.append(...rulesReference(rules, rulePages));
    elements.rulesDialog.showModal();
  });
  elements.closeRules.addEventListener('click', () => elements.rulesDialog.close());

  settingsChanged();
}

// A share link opened in a tab that already shows the page.
window.addEventListener('hashchange', () => {
  if (hasShareFragment(location.hash)) location.reload();
});

main().catch((error) => showNotice(`The page could not start: ${error.message}`));
