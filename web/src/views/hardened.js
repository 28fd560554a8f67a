// The hardened view: the input with every fix of a profile applied (the module's
// `harden`), as a diff beside the input, the changes made (each leading to its
// finding), what is left with why, and the result to copy or download. Also the
// note a run → Compose conversion leaves, and the report pane's tabs.

import { fold, lineDiff, sideBySide } from '../lib/diff.js';
import { h, withCode } from '../lib/dom.js';
import { describeRange, severityBadge } from './common.js';

const PROFILES = ['default', 'baseline', 'restricted', 'cis'];

/** Why a finding is left, in the order the list shows them. */
const REASONS = {
  unsafe: 'Its fix changes what the container may do: turn on “Include unsafe fixes” to apply it.',
  noFix: 'No automatic fix: the right change depends on the workload.',
  notWritable: 'The rule has a fix, but not for the way this setting is written.',
  conflict: 'Its fix kept colliding with another fix.',
  suppressed: 'Suppressed by a comment.',
  input: 'A problem with the input itself.',
};
const REASON_ORDER = Object.keys(REASONS);

/**
 * @typedef {object} HardenedContext
 * @property {(request: { text: string, profile: string, unsafe: boolean, input: 'compose'|'run' }) => Promise<object>} harden
 * @property {(change: object) => void} showFinding shows the finding a change fixed
 * @property {() => string|null} fileName the name of the opened file, if any
 * @property {(message: string) => void} announce
 */

export class HardenedView {
  #root;
  #context;
  #body;
  #profileSelect;
  #unsafeSwitch;
  #copyButton;
  #downloadButton;
  /** What the editor holds, as last analysed: `{ text, kind, profile }`. */
  #input = null;
  /** The profile picked here; `null` follows the page's profile. */
  #profile = null;
  #result = null;
  #visible = false;
  #stale = true;
  #latest = 0;

  /**
   * @param {HTMLElement} root
   * @param {HardenedContext} context
   */
  constructor(root, context) {
    this.#root = root;
    this.#context = context;
    this.#profileSelect = h(
      'select',
      { id: 'harden-profile', onchange: () => this.#pickProfile() },
      PROFILES.map((profile) => h('option', { value: profile }, profile)),
    );
    this.#unsafeSwitch = h('input', {
      type: 'checkbox',
      role: 'switch',
      id: 'harden-unsafe',
      onchange: () => this.#run(),
    });
    this.#copyButton = h('button', { type: 'button', id: 'harden-copy', onclick: () => this.#copy() }, 'Copy');
    this.#downloadButton = h(
      'button',
      { type: 'button', id: 'harden-download', onclick: () => this.#download() },
      'Download',
    );
    this.#body = h('div', { class: 'hardened-body', 'aria-live': 'polite' });
    root.replaceChildren(
      h(
        'div',
        { class: 'hardened-toolbar' },
        h('div', { class: 'field' }, h('label', { for: 'harden-profile' }, 'Fix with profile'), this.#profileSelect),
        h('label', { class: 'switch', for: 'harden-unsafe' }, this.#unsafeSwitch, ' Include unsafe fixes'),
        h('div', { class: 'hardened-actions' }, this.#copyButton, this.#downloadButton),
      ),
      this.#body,
    );
  }

  /**
   * The editor's text changed and was analysed; hardens it again when on screen.
   * @param {{ text: string, kind: 'compose'|'run', profile: string }} input
   */
  update(input) {
    this.#input = input;
    this.#stale = true;
    if (this.#visible) this.#run();
  }

  /** The view is on screen: harden what changed since it was last shown. */
  show() {
    this.#visible = true;
    if (this.#stale) this.#run();
  }

  hide() {
    this.#visible = false;
  }

  #pickProfile() {
    this.#profile = this.#profileSelect.value;
    this.#run();
  }

  async #run() {
    if (!this.#input) return;
    const request = ++this.#latest;
    const input = this.#input;
    const profile = this.#profile ?? input.profile;
    this.#profileSelect.value = profile;
    this.#stale = false;
    this.#root.setAttribute('aria-busy', 'true');
    try {
      const result = await this.#context.harden({
        text: input.text,
        profile,
        unsafe: this.#unsafeSwitch.checked,
        input: input.kind,
      });
      if (request !== this.#latest) return;
      this.#result = result;
      this.#body.replaceChildren(...this.#render(input.text, result, profile));
    } catch (error) {
      if (request !== this.#latest) return;
      this.#result = null;
      this.#stale = true;
      this.#body.replaceChildren(h('p', { class: 'notice' }, `Hardening failed: ${error.message}`));
    }
    this.#copyButton.disabled = this.#result === null;
    this.#downloadButton.disabled = this.#result === null;
    this.#root.setAttribute('aria-busy', 'false');
  }

  #render(text, result, profile) {
    const changed = result.text !== text;
    return [
      h('p', { class: 'hardened-summary' }, summary(result, profile)),
      changesList(result.changes, this.#context.showFinding),
      changed
        ? diffView(text, result.text)
        : h('p', { class: 'empty' }, 'Nothing to change: the hardened file is the input as it is.'),
      unfixedList(result.unfixed),
    ];
  }

  async #copy() {
    if (!this.#result) return;
    try {
      await navigator.clipboard.writeText(this.#result.text);
      this.#context.announce('The hardened file is copied.');
    } catch {
      this.#context.announce('Copying was refused; use Download instead.');
    }
  }

  #download() {
    if (!this.#result) return;
    const name = hardenedFileName(this.#context.fileName(), this.#result.input);
    const url = URL.createObjectURL(new Blob([this.#result.text], { type: 'text/plain' }));
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // After the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.#context.announce(`Downloading ${name}.`);
  }
}

function summary(result, profile) {
  const count = result.changes.length;
  const left = result.unfixed.filter((unfixed) => unfixed.reason !== 'suppressed').length;
  return [
    `${count} ${count === 1 ? 'change' : 'changes'} with profile `,
    h('strong', {}, profile),
    ` (${result.includeUnsafe ? 'safe and unsafe fixes' : 'safe fixes only'}) · `,
    `${left} ${left === 1 ? 'finding' : 'findings'} left`,
  ];
}

function changesList(changes, showFinding) {
  return h(
    'section',
    { class: 'hardened-section', 'aria-label': 'Changes' },
    h('h3', {}, 'Changes', h('span', { class: 'family-count' }, changes.length)),
    changes.length === 0
      ? h('p', { class: 'empty' }, 'No fix to apply with these settings.')
      : h(
          'ul',
          { class: 'change-list' },
          changes.map((change) => {
            const safe = change.applicability === 'safe';
            return h(
              'li',
              { class: `change ${safe ? 'fix-safe' : 'fix-unsafe'}`, 'data-code': change.code },
              h(
                'button',
                {
                  type: 'button',
                  class: 'link-button change-link',
                  title: `Show the ${change.code} finding`,
                  onclick: () => showFinding(change),
                },
                h('code', { class: 'rule-code' }, change.code),
                ' ',
                h('span', { class: 'change-title' }, change.title),
              ),
              h(
                'span',
                {
                  class: 'badge fix-kind',
                  title: safe ? 'Keeps what the container does' : 'Changes what the container may do: review it',
                },
                safe ? 'safe' : 'unsafe',
              ),
              h('span', { class: 'finding-location' }, describeRange(change.range)),
            );
          }),
        ),
  );
}

/** Input and hardened text side by side; a unified diff on narrow screens (CSS picks). */
function diffView(before, after) {
  const diff = lineDiff(before, after);
  const rows = sideBySide(diff);
  const cell = (line, side) => {
    if (!line) return [h('td', { class: 'diff-num' }), h('td', { class: 'diff-text diff-empty' })];
    const number = side === 'left' ? line.before : line.after;
    const text =
      line.kind === 'del' ? h('del', {}, line.text) : line.kind === 'ins' ? h('ins', {}, line.text) : line.text;
    return [h('td', { class: 'diff-num' }, number), h('td', { class: `diff-text diff-${line.kind}` }, text)];
  };
  const gap = (count) => `⋯ ${count} unchanged ${count === 1 ? 'line' : 'lines'}`;
  const split = h(
    'table',
    { class: 'diff-split' },
    h('caption', { class: 'visually-hidden' }, 'The input beside the hardened file'),
    h(
      'colgroup',
      {},
      ['num', 'text', 'num', 'text'].map((kind) => h('col', { class: `diff-col-${kind}` })),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { colspan: '2', scope: 'col' }, 'Input'),
        h('th', { colspan: '2', scope: 'col' }, 'Hardened'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        row.kind === 'gap'
          ? h('tr', { class: 'diff-gap' }, h('td', { colspan: '4' }, gap(row.count)))
          : h('tr', { class: `diff-row-${row.kind}` }, cell(row.left, 'left'), cell(row.right, 'right')),
      ),
    ),
  );
  const marks = { same: '  ', del: '- ', ins: '+ ' };
  const unified = h(
    'pre',
    { class: 'diff-unified', 'aria-label': 'Unified diff of the input and the hardened file' },
    fold(diff).map((line) =>
      line.kind === 'gap'
        ? h('span', { class: 'diff-gap' }, `${gap(line.count)}\n`)
        : h('span', { class: `diff-${line.kind}` }, `${marks[line.kind]}${line.text}\n`),
    ),
  );
  return h(
    'section',
    { class: 'hardened-section diff', 'aria-label': 'What hardening changes' },
    h('h3', {}, 'Input → hardened'),
    h('div', { class: 'diff-frame' }, split, unified),
  );
}

function unfixedList(unfixed) {
  const sorted = [...unfixed].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason));
  return h(
    'section',
    { class: 'hardened-section', 'aria-label': 'Left to do' },
    h('h3', {}, 'Left to do', h('span', { class: 'family-count' }, unfixed.length)),
    sorted.length === 0
      ? h('p', { class: 'empty' }, 'Nothing: every finding of this profile is fixed.')
      : h(
          'ul',
          { class: 'unfixed-list' },
          sorted.map((item) =>
            h(
              'li',
              { class: `unfixed sev-${item.severity}`, 'data-code': item.code, 'data-reason': item.reason },
              h(
                'p',
                { class: 'unfixed-title' },
                severityBadge(item.severity),
                ' ',
                h('code', { class: 'rule-code' }, item.code),
                ' ',
                item.container ? `${item.container}: ` : '',
                item.message,
              ),
              h(
                'p',
                { class: 'unfixed-reason' },
                REASONS[item.reason],
                ' ',
                h('span', { class: 'muted' }, `(${describeRange(item.range)} of the hardened file)`),
              ),
            ),
          ),
        ),
  );
}

/** `compose.yaml` → `compose.hardened.yaml`; without a file, a name for its kind. */
export function hardenedFileName(fileName, kind) {
  if (!fileName) return kind === 'run' ? 'commands.hardened.sh' : 'compose.hardened.yaml';
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}.hardened${fileName.slice(dot)}` : `${fileName}.hardened`;
}

/**
 * What a conversion left out, shown once the editor holds the Compose file.
 * @param {object} conversion the module's `toCompose` result
 * @param {() => void} dismiss
 */
export function conversionNote(conversion, dismiss) {
  const count = conversion.services.length;
  const left = conversion.unconverted;
  return [
    h(
      'p',
      {},
      `Converted ${count} ${count === 1 ? 'command' : 'commands'} to a Compose file, now in the editor `,
      '(undo brings the commands back). ',
      left.length === 0 ? 'Every flag was carried over.' : `${left.length} not carried over:`,
    ),
    left.length > 0 &&
      h(
        'ul',
        { class: 'unconverted-list' },
        left.map((item) =>
          h(
            'li',
            { 'data-flag': item.flag },
            h('code', {}, item.flag),
            ` (line ${item.range.start.line} of the commands): `,
            withCode(item.reason),
          ),
        ),
      ),
    h('button', { type: 'button', class: 'secondary', onclick: dismiss }, 'Dismiss'),
  ];
}

/**
 * Tabs that switch the report pane between its panels (arrow keys move between them).
 * @param {Array<{ key: string, tab: HTMLElement, panel: HTMLElement }>} panes
 * @param {(key: string) => void} onSelect
 */
export function initPaneTabs(panes, onSelect) {
  const select = (key, { focus = false } = {}) => {
    for (const pane of panes) {
      const selected = pane.key === key;
      pane.tab.setAttribute('aria-selected', String(selected));
      pane.tab.tabIndex = selected ? 0 : -1;
      pane.panel.hidden = !selected;
      if (selected && focus) pane.tab.focus();
    }
    onSelect(key);
  };
  for (const [index, pane] of panes.entries()) {
    pane.tab.addEventListener('click', () => select(pane.key));
    pane.tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      select(panes[(index + step + panes.length) % panes.length].key, { focus: true });
    });
  }
  return { select };
}
