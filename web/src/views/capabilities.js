// Docker's capability arithmetic for one container: the default set, what was
// added and dropped, and the effective set with each capability's risk.

import { h } from '../lib/dom.js';
import { CAPABILITY_STATUS } from '../lib/knowledge.js';
import { rangeButton, severityRank } from './common.js';

/** Sort key of a row: the riskiest effective capabilities first, dropped ones last. */
function rowRank(row) {
  return row.risk ? severityRank(row.risk.severity) : Number.POSITIVE_INFINITY;
}

/** @param {object} container a container report */
export function capabilitiesView(container, context) {
  const view = container.capabilities;
  const effective = new Set(view.effective.map((cap) => cap.name));
  const droppedDefaults = view.default
    .filter((name) => !effective.has(name))
    .map((name) => ({
      name,
      grant: 'dropped',
      risk: null,
      range: view.dropped.find((entry) => entry.name === name || entry.name === 'ALL')?.range ?? null,
    }));
  const rows = [...view.effective, ...droppedDefaults].sort((a, b) => rowRank(a) - rowRank(b));

  return h(
    'div',
    { class: 'capabilities' },
    h(
      'p',
      { class: 'lead' },
      `${view.engine} starts a container with ${view.default.length} capabilities. This one has `,
      h('strong', {}, `${view.effective.length} effective`),
      `: ${view.added.length + view.moreAdded} added, ${view.dropped.length + view.moreDropped} dropped as written.`,
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
    entryList('Added', view.added, view.moreAdded, context),
    entryList('Dropped', view.dropped, view.moreDropped, context),
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
          ['Capability', 'How', 'Risk', 'A process holding it…'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { class: row.grant === 'dropped' ? 'dropped' : '', 'data-capability': row.name },
            h('th', { scope: 'row' }, h('code', {}, row.name)),
            h(
              'td',
              {},
              h('span', { class: `status status-${row.grant}` }, CAPABILITY_STATUS[row.grant]),
              row.range && [' ', rangeButton(row.range, context.select)],
            ),
            h('td', {}, row.risk ? riskLevel(row.risk.severity) : h('span', { class: 'muted' }, '—')),
            h('td', {}, row.risk ? row.risk.summary : h('span', { class: 'muted' }, 'no process here holds it')),
          ),
        ),
      ),
    ),
  );
}

/** "Added: SYS_ADMIN …" as written, each selecting its place in the text. */
function entryList(title, entries, more, context) {
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
    more > 0 && h('span', { class: 'cap-entries-more' }, `and ${more} more`),
  );
}

/**
 * How risky a capability is, as a meter rather than a badge: a risk is what a
 * capability could allow, not a finding of this file, and must not look like one.
 */
function riskLevel(severity) {
  const filled = 5 - severityRank(severity);
  return h(
    'span',
    { class: `risk risk-${severity}`, title: `${severity} risk` },
    h('span', { class: 'risk-meter', 'aria-hidden': 'true' }, '●'.repeat(filled) + '○'.repeat(5 - filled)),
    ` ${severity}`,
  );
}
