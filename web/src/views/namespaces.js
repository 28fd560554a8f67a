// Which kernel namespaces a container keeps to itself, shares with the host, or
// joins from another container.

import { h } from '../lib/dom.js';
import { NAMESPACE_DEFAULTS, NAMESPACE_MODE_LABELS, NAMESPACE_MODE_NOTES, NAMESPACES } from '../lib/knowledge.js';
import { rangeButton } from './common.js';

/** How exposed each mode is, for the row colour. */
const MODE_TONE = { host: 'sev-high', joined: 'sev-low', unknown: 'sev-info' };

/** @param {object} container a container report */
export function namespacesView(container, context) {
  return h(
    'table',
    { class: 'data-table namespaces' },
    h('caption', {}, 'Namespaces: what the container keeps to itself'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Namespace', 'Isolates', 'Mode', 'What it means'].map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      NAMESPACES.map((namespace) => {
        const view = container.namespaces[namespace.key];
        return h(
          'tr',
          { class: MODE_TONE[view.mode] ?? '', 'data-namespace': namespace.key },
          h('th', { scope: 'row' }, namespace.title),
          h('td', {}, namespace.isolates),
          h(
            'td',
            {},
            h('span', { class: `status ns-${view.mode}` }, NAMESPACE_MODE_LABELS[view.mode]),
            view.target !== null && [' ', h('code', {}, view.target)],
            view.range && [' ', rangeButton(view.range, context.select)],
          ),
          h('td', {}, meaning(namespace, view)),
        );
      }),
    ),
  );
}

function meaning(namespace, view) {
  // The module explains podman's own values and the other engines' defaults.
  if (view.meaning) return view.meaning;
  if (view.mode === 'host') return namespace.host;
  if (view.mode === 'default') return NAMESPACE_DEFAULTS[namespace.key] ?? 'Private, the engine default.';
  if (view.mode === 'joined') return `Shares ${view.target}’s namespace, and with it ${view.target}’s exposure.`;
  return NAMESPACE_MODE_NOTES[view.mode];
}
