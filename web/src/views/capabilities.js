// Docker's capability arithmetic for one container: the default set, what was
// added and dropped, and the effective set with each capability's risk.

import { h } from '../lib/dom.js';
import { CAPABILITIES, CAPABILITY_STATUS } from '../lib/knowledge.js';
import { rangeButton, severityBadge, severityRank } from './common.js';

/** @param {object} container a container report */
export function capabilitiesView(container, context) {
  const view = container.capabilities;
  const effective = new Set(view.effective.map((cap) => cap.name));
  const droppedDefaults = view.default.filter((name) => !effective.has(name));
  const rows = [
    ...view.effective.map((cap) => ({ name: cap.name, status: cap.grant, range: cap.range })),
    ...droppedDefaults.map((name) => ({
      name,
      status: 'dropped',
      range: view.dropped.find((entry) => entry.name === name || entry.name === 'ALL')?.range ?? null,
    })),
  ].sort((a, b) => riskRank(a) - riskRank(b) || (a.status === 'dropped') - (b.status === 'dropped'));

  return h(
    'div',
    { class: 'capabilities' },
    h(
      'p',
      { class: 'lead' },
      `Docker starts a container with ${view.default.length} capabilities. This one has `,
      h('strong', {}, `${view.effective.length} effective`),
      `: ${view.added.length} added, ${view.dropped.length} dropped as written.`,
    ),
    container.privileged &&
      h(
        'p',
        { class: 'callout sev-critical' },
        'Privileged: the container gets every capability, and cap_add and cap_drop are ignored.',
      ),
    view.unknown &&
      h(
        'p',
        { class: 'callout' },
        'Some entries use variables that are not set, so the container may have more than listed. Set them under Environment.',
      ),
    entryList('Added', view.added, context),
    entryList('Dropped', view.dropped, context),
    h(
      'table',
      { class: 'data-table' },
      h('caption', {}, 'Effective capabilities, then the defaults it dropped'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Capability'),
          h('th', { scope: 'col' }, 'How'),
          h('th', { scope: 'col' }, 'Risk'),
          h('th', { scope: 'col' }, 'What it allows'),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) => {
          const [risk, allows] = CAPABILITIES[row.name] ?? ['low', ''];
          return h(
            'tr',
            { class: row.status === 'dropped' ? 'dropped' : '', 'data-capability': row.name },
            h('th', { scope: 'row' }, h('code', {}, row.name)),
            h(
              'td',
              {},
              h('span', { class: `status status-${row.status}` }, CAPABILITY_STATUS[row.status]),
              row.range && [' ', rangeButton(row.range, context.select)],
            ),
            h('td', {}, row.status === 'dropped' ? h('span', { class: 'muted' }, 'removed') : severityBadge(risk)),
            h('td', {}, allows),
          );
        }),
      ),
    ),
  );
}

function riskRank(row) {
  return severityRank(CAPABILITIES[row.name]?.[0] ?? 'low');
}

/** "Added: SYS_ADMIN (line 7) …" as written, each linked to its place in the text. */
function entryList(title, entries, context) {
  if (entries.length === 0) return null;
  return h(
    'p',
    { class: 'cap-entries' },
    h('span', { class: 'cap-entries-title' }, `${title}:`),
    entries.map((entry) =>
      h(
        'button',
        { type: 'button', class: 'chip', title: 'Select it in the editor', onclick: () => context.select(entry.range) },
        entry.name ?? entry.raw,
      ),
    ),
  );
}
