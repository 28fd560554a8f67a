// The page: wires the editor, the controls and the report to the analysis worker.

import { compileModule, rulePages, workerUrl } from '#assets';
import { EXAMPLES } from './examples.js';
import { byId, h } from './lib/dom.js';
import { SourceEditor } from './lib/editor.js';
import { AnalysisEngine } from './lib/engine.js';
import { acceptFileDrops, readTextFile } from './lib/files.js';
import {
  emptyState,
  hasShareFragment,
  loadStoredState,
  MAX_FILES,
  parseEnv,
  readShareFragment,
  storeState,
} from './lib/state.js';
import { initTheme } from './lib/theme.js';
import { FileTabs } from './views/filetabs.js';
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
  fileBar: byId('file-bar'),
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
  const example = EXAMPLES[0].text;
  return loadStoredState() ?? { ...emptyState(), text: example, files: [{ name: null, text: example }] };
}

async function main() {
  initTheme(byId('theme-toggle'));
  const state = await initialState();
  /** The file shown in the editor. */
  const activeFile = () => state.files[state.active];
  /** Several files: analysed together as one Compose project. */
  const isProject = () => state.files.length > 1;

  const editor = new SourceEditor(elements.editor, {
    text: state.text,
    label: 'Compose file or run commands',
    onChange: () => {
      performance.mark(MARKS.edit);
      state.text = editor.text;
      activeFile().text = state.text;
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

  /** In a project, a finding's fix is applied in its file, when all of it is there. */
  function applyFixIn(name, diagnostic) {
    if (shownVersion !== editor.version) return;
    if (!diagnostic.fix.edits.every((edit) => (edit.file ?? name) === name)) {
      announce(`This fix changes several files: apply it by hand.`);
      return;
    }
    showFile(state.files.findIndex((file) => file.name === name));
    applyFix(diagnostic);
  }

  /** The project report on screen, while several files are open. */
  let shownProject = null;

  /** The diagnostics the shown project report has for the file in the editor. */
  function activeDiagnostics() {
    const report = shownProject?.files.find((file) => file.fileName === activeFile().name);
    return report ? report.diagnostics : [];
  }

  /**
   * Shows file `index` in the editor. The report on screen still describes the
   * project (showing a file changes no text), so only the underlines follow.
   */
  function showFile(index) {
    if (index < 0 || index === state.active) return;
    const fresh = shownVersion === editor.version;
    state.active = index;
    state.text = activeFile().text;
    editor.showDocument(state.text);
    elements.editor.setAttribute('aria-labelledby', FileTabs.tabId(index));
    elements.fileName.textContent = activeFile().name ?? '';
    fileTabs.render();
    storeState(state);
    if (fresh && shownProject) {
      shownVersion = editor.version;
      editor.showFindings(
        activeDiagnostics().filter((diagnostic) => !diagnostic.suppressed),
        applyFix,
      );
      hardened.update({ text: state.text, kind: 'compose', profile: state.profile });
    } else {
      schedule(0);
    }
  }

  /** Shows the file `name` and, when given, selects `range` in it. */
  function openAt(name, range, { focus = true } = {}) {
    showFile(state.files.findIndex((file) => file.name === name));
    if (range) editor.select(range);
    if (focus) editor.focus();
  }

  /** A name no open file has: `stem.ext`, else `stem-2.ext`, `stem-3.ext`… */
  function freeName(name) {
    const taken = (candidate) => state.files.some((file) => file.name === candidate);
    if (!taken(name)) return name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 2; ; n += 1) if (!taken(`${stem}-${n}${ext}`)) return `${stem}-${n}${ext}`;
  }

  /** Every file of a project has a name; the first one a text had not gets one. */
  function nameFiles() {
    for (const file of state.files) if (file.name === null) file.name = freeName('compose.yaml');
  }

  /** Adds files (a project's) and shows the first of them; a file of the same name is replaced. */
  function addFiles(files) {
    let first = -1;
    for (const { name, text } of files) {
      let index = state.files.findIndex((file) => file.name === name);
      if (index >= 0) {
        state.files[index].text = text;
      } else if (state.files.length < MAX_FILES) {
        state.files.push({ name, text });
        index = state.files.length - 1;
      } else {
        showNotice(`A project opened here holds at most ${MAX_FILES} files; ${name} was not added.`);
        continue;
      }
      if (first < 0) first = index;
    }
    nameFiles();
    if (first < 0) return;
    // The file shown may have been replaced: show it afresh.
    state.active = first === state.active ? -1 : state.active;
    showFile(first);
    fileTabs.render();
    schedule(0);
  }

  const fileTabs = new FileTabs(elements.fileBar, {
    files: () => state,
    select: (index) => showFile(index),
    add: () => {
      addFiles([
        { name: freeName(state.files.length === 1 ? 'compose.override.yaml' : 'compose.extra.yaml'), text: '' },
      ]);
      fileTabs.rename(state.active);
      announce(`Added ${activeFile().name}. Type its name, then Enter.`);
    },
    rename: (index, name) => {
      if (name === '') return 'A file needs a name.';
      if (state.files.some((file, other) => other !== index && file.name === name)) {
        return `Another file is named ${name}.`;
      }
      const before = state.files[index].name;
      state.files[index].name = name;
      if (index === state.active) elements.fileName.textContent = name;
      if (before !== name) {
        announce(`Renamed ${before ?? 'the file'} to ${name}.`);
        schedule(0);
      }
      return null;
    },
    remove: (index) => {
      const [removed] = state.files.splice(index, 1);
      const next = Math.min(index, state.files.length - 1);
      state.active = -1;
      showFile(next);
      fileTabs.render(true);
      schedule(0);
      announce(`Removed ${removed.name}.`);
    },
    findings: (index) =>
      shownProject?.files.find((file) => file.fileName === state.files[index].name)?.diagnostics.length ?? 0,
  });

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
    const name = activeFile().name ?? (shownReport?.input === 'run' ? 'run.sh' : 'compose.yaml');
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
    fileName: () => activeFile().name,
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
      options: { ...analysisSettings(env), fileName: activeFile().name ?? undefined },
    });
  }

  /** Replaces run commands in the editor with the Compose file they amount to. */
  async function convertToCompose() {
    try {
      const conversion = await engine.toCompose({ text: state.text, options: analysisSettings() });
      activeFile().name = null;
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
    elements.fileName.textContent = [activeFile().name, remembered ? null : 'too large to remember']
      .filter(Boolean)
      .join(' · ');
    const input = { text: state.text, profile: state.profile, mode: state.mode };
    try {
      if (isProject()) {
        const project = {
          files: state.files.map(({ name, text }) => ({ name, text })),
          env,
          options: analysisSettings({}),
        };
        delete project.options.env;
        const result = await engine.analyzeProject(project);
        if (request !== latest || version !== editor.version) return;
        showProject(result, input, version);
        return;
      }
      const result = await analyseText(state.text, env);
      if (request !== latest || version !== editor.version) return;
      clearNotice();
      elements.report.classList.remove('stale');
      shownProject = null;
      fileTabs.render();
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

  function showProject(result, input, version) {
    clearNotice();
    elements.report.classList.remove('stale');
    shownVersion = version;
    shownProject = result;
    shownReport = null;
    editor.setLanguage('compose');
    elements.detected.textContent = `Read as a Compose project of ${state.files.length} files`;
    editor.showFindings(
      activeDiagnostics().filter((diagnostic) => !diagnostic.suppressed),
      applyFix,
    );
    const fileText = (name) => state.files.find((file) => file.name === name)?.text ?? '';
    report.showProject(result, input, { openAt, applyFixIn, fileText, active: activeFile().name });
    hardened.update({ text: input.text, kind: 'compose', profile: input.profile });
    elements.convert.hidden = true;
    fileTabs.render();
    elements.report.setAttribute('aria-busy', 'false');
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

  /** Replaces whatever is open (one text or a project) with one text. */
  function loadText(text, name) {
    elements.conversion.hidden = true;
    if (isProject()) {
      state.files = [{ name, text: state.text }];
      state.active = 0;
      fileTabs.render();
    }
    activeFile().name = name;
    editor.setText(text);
  }

  /**
   * Opens files: one replaces the text (or, in a project, joins it); several open as
   * one project, or join the one open.
   */
  async function openFiles(files) {
    try {
      const read = await Promise.all(files.map(async (file) => ({ name: file.name, text: await readTextFile(file) })));
      if (read.length === 1 && !isProject()) {
        loadText(read[0].text, read[0].name);
      } else {
        if (!isProject()) {
          state.files = [];
          state.active = -1;
        }
        addFiles(read);
      }
      announce(`Opened ${read.map((file) => file.name).join(', ')}.`);
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
    const files = [...elements.fileInput.files];
    elements.fileInput.value = '';
    if (files.length > 0) openFiles(files);
  });

  acceptFileDrops(elements.dropOverlay, openFiles);

  elements.convert.addEventListener('click', convertToCompose);

  initShareDialog(() => state, announce);

  elements.showRules.addEventListener('click', () => {
    if (!elements.rulesList.hasChildNodes()) elements.rulesList.append(...rulesReference(rules, rulePages));
    elements.rulesDialog.showModal();
  });
  elements.closeRules.addEventListener('click', () => elements.rulesDialog.close());

  fileTabs.render();
  elements.editor.setAttribute('aria-labelledby', FileTabs.tabId(state.active));
  settingsChanged();
}

// A share link opened in a tab that already shows the page.
window.addEventListener('hashchange', () => {
  if (hasShareFragment(location.hash)) location.reload();
});

main().catch((error) => showNotice(`The page could not start: ${error.message}`));
