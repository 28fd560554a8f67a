// The report pane: the overall grade, problems with the input itself, then one
// tab per container with its findings, capabilities, mounts, namespaces and escape paths.

import { h } from '../lib/dom.js';
import { capabilitiesView } from './capabilities.js';
import { describeRange, severityCounts, tabs } from './common.js';
import { findingKey, findingsView } from './findings.js';
import { mountsView } from './mounts.js';
import { namespacesView } from './namespaces.js';
import { escapePathsView } from './paths.js';
import { projectView } from './project.js';

const INPUT_TITLES = { compose: 'Compose file', run: 'Run commands' };
const INPUT_NAMES = { compose: 'a Compose file', run: 'run commands' };
const GRADE_ORDER = ['F', 'D', 'C', 'B', 'A', null];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** Sort key of containers: worst grade first, then most findings of the worst severities. */
function byWorst(a, b) {
  const grade = GRADE_ORDER.indexOf(a.summary.grade) - GRADE_ORDER.indexOf(b.summary.grade);
  if (grade !== 0) return grade;
  const severity = SEVERITIES.find((name) => a.summary.counts[name] !== b.summary.counts[name]);
  return severity ? b.summary.counts[severity] - a.summary.counts[severity] : 0;
}

/** The fixes "Apply all safe fixes" applies. */
export function safeFixCount(diagnostics) {
  return diagnostics.filter((d) => d.fix?.applicability === 'safe' && !d.suppressed).length;
}

/**
 * @typedef {object} ReportContext
 * @property {Map<string, object>} rules rule metadata by code
 * @property {boolean} rulePages whether rule pages are served next to the page
 * @property {(range: object, options?: { focus?: boolean }) => void} select
 * @property {(diagnostic: object) => void} applyFix
 * @property {(code: string) => void} ignoreRule
 * @property {(text: string) => Promise<object>} preview analyses another text with the same settings
 * @property {() => void} applySafeFixes applies every safe fix of the report at once
 * @property {() => void} download saves the text as a file
 * @property {(id: string) => void} loadExample replaces the text with an example
 */

export class ReportView {
  #root;
  #context;
  #shown = null;
  #selectedContainer = null;
  #selectedView = 'findings';
  #openFindings = new Set();

  /**
   * @param {HTMLElement} root
   * @param {ReportContext} context
   */
  constructor(root, context) {
    this.#root = root;
    this.#context = context;
  }

  /**
   * @param {object} report the module's analysis result
   * @param {{ text: string, profile: string, mode: string }} input what was analysed, and how it was read
   */
  show(report, input) {
    this.#shown = { report, input };
    this.#render();
  }

  /**
   * Shows the report of a project: its findings file by file.
   * @param {object} project the module's ProjectReport
   * @param {{ text: string, profile: string, mode: string }} input the file shown, and the settings
   * @param {{ openAt: Function, applyFixIn: Function, fileText: (name: string) => string, active: string }} files
   */
  showProject(project, input, files) {
    this.#shown = { project, input, files };
    this.#render();
  }

  /**
   * Opens and focuses the finding a hardening change fixed (the same code in one of
   * its containers, the one at the change's place when there are several) in its
   * container's findings view. Returns false when the report has no such finding.
   * @param {{ code: string, containers: string[], byteRange: [number, number] }} change
   */
  showFinding({ code, containers, byteRange }) {
    const { project, files } = this.#shown;
    const diagnostics = project
      ? (project.files.find((file) => file.fileName === files.active)?.diagnostics ?? [])
      : this.#shown.report.diagnostics;
    const candidates = diagnostics.filter(
      (diagnostic) =>
        diagnostic.code === code && (diagnostic.container === null || containers.includes(diagnostic.container)),
    );
    const [start, end] = byteRange;
    const diagnostic = candidates.find(({ byteRange: [from, to] }) => from <= end && start <= to) ?? candidates[0];
    if (!diagnostic) return false;
    if (project) {
      this.#openFindings.add(findingKey(diagnostic));
      this.#render();
      this.#context.select(diagnostic.range, { focus: false });
      return true;
    }
    if (diagnostic.container !== null) this.#selectedContainer = diagnostic.container;
    this.#selectedView = 'findings';
    this.#openFindings.add(findingKey(diagnostic));
    this.#render();
    const location = describeRange(diagnostic.range);
    const shown = [...this.#root.querySelectorAll(`.finding[open][data-code="${CSS.escape(code)}"]`)].find(
      (finding) => finding.querySelector('.finding-location').textContent === location,
    );
    shown?.scrollIntoView({ block: 'nearest' });
    shown?.querySelector('summary').focus();
    this.#context.select(diagnostic.range, { focus: false });
    return true;
  }

  /** Re-renders; keeps focus on the element with the same id, or moves it to `focusId`. */
  #render(focusId = null) {
    const { report, project, input, files } = this.#shown;
    const focusedId = this.#root.contains(document.activeElement) ? document.activeElement.id : '';
    if (project) {
      const context = { ...this.#context, ...input, ...files, openFindings: this.#openFindings };
      this.#root.replaceChildren(...projectView(project, context).flat());
      return;
    }
    const context = {
      ...this.#context,
      ...input,
      openFindings: this.#openFindings,
      containerCount: report.containers.length,
    };
    const inputProblems = report.diagnostics.filter((diagnostic) => diagnostic.container === null);
    const worstFirst = [...report.containers].sort(byWorst);
    if (!report.containers.some((container) => container.name === this.#selectedContainer)) {
      this.#selectedContainer = worstFirst[0]?.name ?? null;
    }
    const selectContainer = (name) => {
      this.#selectedContainer = name;
      this.#render(`container-tab-${report.containers.findIndex((container) => container.name === name)}`);
    };
    if (report.status !== 'analyzed') {
      this.#root.replaceChildren(notAnalysed(report, inputProblems, context));
      return;
    }
    this.#root.replaceChildren(
      ...[
        overview(report, input.profile, worstFirst, selectContainer, context),
        inputProblems.length > 0 &&
          h(
            'section',
            { class: 'input-problems', 'aria-label': 'Problems with the input' },
            findingsView(inputProblems, context),
          ),
        report.containers.length > 0 ? this.#containers(report, context) : emptyInput(inputProblems.length > 0),
      ].filter(Boolean),
    );
    const refocus = focusId ?? focusedId;
    if (refocus) document.getElementById(refocus)?.focus();
  }

  #containers(report, context) {
    const containerTabs = tabs({
      label: 'Containers',
      id: 'container',
      tabs: report.containers.map((container, index) => ({
        key: String(index),
        name: container.name,
        title: containerTabTitle(container),
      })),
      selected: String(
        Math.max(
          0,
          report.containers.findIndex((container) => container.name === this.#selectedContainer),
        ),
      ),
      onSelect: (key) => {
        this.#selectedContainer = report.containers[Number(key)].name;
        this.#render(`container-tab-${key}`);
      },
      render: (key) => this.#containerPanel(report.containers[Number(key)], report.diagnostics, context),
    });
    return h(
      'section',
      { class: 'containers', 'aria-label': 'Containers' },
      report.containers.length > 1 && containerTabs.tabList,
      containerTabs.panel,
    );
  }

  #containerPanel(container, allDiagnostics, context) {
    const diagnostics = allDiagnostics.filter((diagnostic) => diagnostic.container === container.name);
    const viewTabs = tabs({
      label: `Views of ${container.name}`,
      id: 'view',
      tabs: [
        { key: 'findings', title: ['Findings ', h('span', { class: 'tab-count' }, diagnostics.length)] },
        {
          key: 'capabilities',
          title: ['Capabilities ', h('span', { class: 'tab-count' }, container.capabilities.effective.length)],
        },
        { key: 'mounts', title: ['Mounts ', h('span', { class: 'tab-count' }, container.mounts.length)] },
        { key: 'namespaces', title: 'Namespaces' },
        {
          key: 'paths',
          title: ['Escape paths ', h('span', { class: 'tab-count' }, container.escapePaths.open.length)],
        },
      ],
      selected: this.#selectedView,
      onSelect: (key) => {
        this.#selectedView = key;
        this.#render(`view-tab-${key}`);
      },
      render: (key) => {
        if (key === 'capabilities') return capabilitiesView(container, context);
        if (key === 'mounts') return mountsView(container, diagnostics, context);
        if (key === 'namespaces') return namespacesView(container, context);
        if (key === 'paths') return escapePathsView(container, context);
        return findingsView(diagnostics, context);
      },
    });
    return h(
      'article',
      { class: 'container', 'data-container': container.name },
      h(
        'header',
        { class: 'container-header' },
        h(
          'h2',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              title: 'Select it in the editor',
              onclick: () => context.select(container.nameRange),
            },
            container.name,
          ),
        ),
        h(
          'p',
          { class: 'container-meta' },
          origin(container),
          container.image && [' · ', h('code', {}, container.image)],
        ),
        context.containerCount > 1 &&
          h(
            'div',
            { class: 'container-summary' },
            gradeBadge(container.summary.grade, 'small'),
            severityCounts(container.summary.counts),
          ),
      ),
      viewTabs.tabList,
      viewTabs.panel,
    );
  }
}

function overview(report, profile, worstFirst, selectContainer, context) {
  const { grade, counts, suppressed, inputProblems } = report.summary;
  const containers = report.containers.length;
  const safeFixes = safeFixCount(report.diagnostics);
  return h(
    'section',
    { class: 'overview', 'aria-label': 'Summary' },
    gradeBadge(grade),
    h(
      'div',
      { class: 'overview-text' },
      h(
        'p',
        { class: 'overview-title' },
        `${INPUT_TITLES[report.input]} · ${containers} ${containers === 1 ? 'container' : 'containers'} · profile `,
        h('strong', {}, profile),
        suppressed > 0 ? ` · ${suppressed} suppressed by comments` : '',
      ),
      severityCounts(counts),
      inputProblems > 0 &&
        h(
          'p',
          { class: 'input-problem-count' },
          `${inputProblems} ${inputProblems === 1 ? 'problem' : 'problems'} reading the input (not graded)`,
        ),
      containers > 1 &&
        h(
          'ol',
          { class: 'worst-first', 'aria-label': 'Containers, worst first' },
          worstFirst.map((container) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', class: 'link-button', onclick: () => selectContainer(container.name) },
                gradeBadge(container.summary.grade, 'small'),
                ' ',
                container.name,
              ),
            ),
          ),
        ),
      h(
        'div',
        { class: 'overview-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'apply-safe-fixes',
            disabled: safeFixes === 0,
            onclick: () => context.applySafeFixes(),
          },
          `Apply all safe fixes (${safeFixes})`,
        ),
        h('button', { type: 'button', id: 'download', onclick: () => context.download() }, 'Download'),
      ),
    ),
  );
}

/** Empty input, or input that is neither a Compose file nor run commands: say so. */
function notAnalysed({ status, input }, inputProblems, context) {
  const tryExamples = h(
    'p',
    { class: 'try-examples' },
    'Try an example: ',
    h('button', { type: 'button', onclick: () => context.loadExample('monitoring-agent') }, 'a Compose file'),
    ' ',
    h('button', { type: 'button', onclick: () => context.loadExample('ci-runner') }, 'docker run commands'),
  );
  if (status === 'empty') {
    return h(
      'div',
      { class: 'empty-state', 'data-status': status },
      h('h2', {}, 'Nothing to analyse'),
      h(
        'p',
        {},
        'The text is empty, or holds only comments. Paste a Compose file or docker / podman run commands, or open a file.',
      ),
      tryExamples,
    );
  }
  const forced = context.mode !== 'auto';
  return h(
    'div',
    { class: 'empty-state', 'data-status': status },
    h('h2', {}, forced ? `Not readable as ${INPUT_NAMES[input]}` : 'Not a Compose file nor run commands'),
    h(
      'p',
      {},
      forced
        ? `The input is set to ${INPUT_NAMES[input]}, and this text could not be read as one:`
        : 'shipshape reads Compose files (YAML with a services key) and docker, podman or nerdctl run and create commands. This text is neither:',
    ),
    inputProblems.length > 0 &&
      h(
        'section',
        { class: 'input-problems', 'aria-label': 'Problems with the input' },
        findingsView(inputProblems, context),
      ),
    tryExamples,
  );
}

/** The A–F grade as a coloured badge; `size` 'small' for a container's own grade. */
function gradeBadge(grade, size = '') {
  return h(
    'div',
    {
      class: `grade grade-${grade ?? 'none'}${size ? ` grade-${size}` : ''}`,
      role: 'img',
      'aria-label': grade ? `Grade ${grade}` : 'No grade',
    },
    grade ?? '–',
  );
}

function containerTabTitle(container) {
  const { counts } = container.summary;
  const worst = Object.keys(counts).find((severity) => counts[severity] > 0);
  return [
    h('span', { class: `dot sev-${worst ?? 'none'}`, 'aria-hidden': 'true' }),
    container.name,
    worst ? h('span', { class: 'visually-hidden' }, ` (worst: ${worst})`) : '',
  ];
}

function origin(container) {
  return container.origin.kind === 'compose'
    ? 'Compose service'
    : `${container.origin.tool} ${container.origin.subcommand}`;
}

function emptyInput(hasProblems) {
  return h(
    'div',
    { class: 'empty-state' },
    h('h2', {}, 'No container yet'),
    h(
      'p',
      {},
      hasProblems
        ? 'Fix the problems above to see the containers.'
        : 'Paste a Compose file or a docker / podman run command, open a file, or pick an example.',
    ),
  );
}
