// The file tabs above the editor: one tab per file of a project, with buttons to add,
// rename and remove a file. Arrow keys, Home and End move between the tabs; a name
// is edited in place (Enter keeps it, Escape cancels), never in a dialog.

import { h } from '../lib/dom.js';

/**
 * @typedef {object} FileTabsContext
 * @property {() => { files: Array<{ name: string|null }>, active: number }} files
 * @property {(index: number) => void} select shows a file in the editor
 * @property {() => void} add adds an empty file and shows it
 * @property {(index: number, name: string) => string|null} rename null when done, else why not
 * @property {(index: number) => void} remove
 * @property {(index: number) => number} findings how many findings a file has
 */

export class FileTabs {
  #root;
  #context;
  /** The index of the file whose name is being edited, or -1. */
  #renaming = -1;

  /**
   * @param {HTMLElement} root
   * @param {FileTabsContext} context
   */
  constructor(root, context) {
    this.#root = root;
    this.#context = context;
  }

  /** The id of the tab of file `index`, which labels the editor. */
  static tabId(index) {
    return `file-tab-${index}`;
  }

  /** Starts editing the name of file `index` in place. */
  rename(index) {
    this.#renaming = index;
    this.render();
  }

  /** Draws the tabs; `focusTab` (or a tab that had focus) focuses the selected one. */
  render(focusTab = false) {
    // A name being typed is left alone; the tabs catch up once it is done.
    if (this.#renaming >= 0 && this.#root.querySelector('.file-name-input')) return;
    const hadFocus = this.#root.contains(document.activeElement);
    const { files, active } = this.#context.files();
    const tabs = files.map((file, index) =>
      index === this.#renaming ? this.#nameInput(index, file.name ?? '') : this.#tab(file, index, active),
    );
    const tabList = h('div', { role: 'tablist', 'aria-label': 'Files', class: 'tabs file-tabs' }, tabs);
    tabList.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      const edge = { Home: 0, End: files.length - 1 }[event.key];
      if ((step === undefined && edge === undefined) || event.target.tagName === 'INPUT') return;
      event.preventDefault();
      this.#context.select(edge ?? (active + step + files.length) % files.length);
      this.render(true);
    });
    const activeName = files[active].name ?? 'this file';
    this.#root.replaceChildren(
      tabList,
      h(
        'div',
        { class: 'file-actions' },
        h(
          'button',
          { type: 'button', id: 'add-file', class: 'secondary', onclick: () => this.#context.add() },
          'Add file',
        ),
        h(
          'button',
          {
            type: 'button',
            id: 'rename-file',
            class: 'secondary',
            'aria-label': `Rename ${activeName}`,
            onclick: () => this.rename(active),
          },
          'Rename',
        ),
        h(
          'button',
          {
            type: 'button',
            id: 'remove-file',
            class: 'secondary',
            'aria-label': `Remove ${activeName}`,
            disabled: files.length === 1,
            onclick: () => this.#context.remove(active),
          },
          'Remove',
        ),
      ),
    );
    if (focusTab || hadFocus) document.getElementById(FileTabs.tabId(active))?.focus();
    this.#root.querySelector('.file-name-input')?.focus();
  }

  #tab(file, index, active) {
    const count = this.#context.findings(index);
    return h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: FileTabs.tabId(index),
        class: 'tab',
        'aria-selected': String(index === active),
        'aria-controls': 'editor',
        tabindex: index === active ? '0' : '-1',
        'data-file': file.name ?? '',
        onclick: () => {
          this.#context.select(index);
          this.render(true);
        },
      },
      file.name ?? 'Untitled',
      count > 0 && [' ', h('span', { class: 'tab-count', 'aria-label': `${count} findings` }, count)],
    );
  }

  #nameInput(index, name) {
    const error = h('span', { class: 'file-name-error', role: 'alert' });
    const input = h('input', {
      type: 'text',
      class: 'file-name-input',
      value: name,
      'aria-label': 'File name',
      spellcheck: 'false',
      autocomplete: 'off',
    });
    const finish = (keep) => {
      if (keep) {
        const refused = this.#context.rename(index, input.value.trim());
        if (refused) {
          error.textContent = refused;
          input.setAttribute('aria-invalid', 'true');
          return;
        }
      }
      this.#renaming = -1;
      this.render(true);
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === 'Escape') {
        event.preventDefault();
        finish(event.key === 'Enter');
      }
    });
    input.addEventListener('blur', () => {
      if (this.#renaming === index) finish(true);
    });
    return h('span', { class: 'file-name-edit' }, input, error);
  }
}
