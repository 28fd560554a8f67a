// The list of ignored rules, each with a button to check it again.

import { h } from '../lib/dom.js';

/**
 * @param {HTMLElement} list the <ul> to fill
 * @param {string[]} codes ignored rule codes
 * @param {Map<string, object>} rules rule metadata by code
 * @param {(code: string) => void} unignore
 */
export function renderIgnoredRules(list, codes, rules, unignore) {
  list.replaceChildren(
    ...codes.map((code) =>
      h(
        'li',
        {},
        h('code', {}, code),
        ' ',
        rules.get(code)?.name ?? '',
        h(
          'button',
          { type: 'button', class: 'secondary', 'aria-label': `Stop ignoring ${code}`, onclick: () => unignore(code) },
          'Un-ignore',
        ),
      ),
    ),
  );
}
