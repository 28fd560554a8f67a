// Pieces shared by the report views.

import { h } from '../lib/dom.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/** Sort key: critical first. */
export function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}

export function severityBadge(severity) {
  return h('span', { class: `badge sev-${severity}` }, severity);
}

/** "line 4, col 12" or "lines 4–6", for a range: a run command is often one long line. */
export function describeRange(range) {
  const { start, end } = range;
  const endLine = end.column === 1 && end.line > start.line ? end.line - 1 : end.line;
  return endLine > start.line ? `lines ${start.line}–${endLine}` : `line ${start.line}, col ${start.column}`;
}

/**
 * A button that selects a range of the text in the editor.
 * @param {object} range
 * @param {(range: object) => void} goTo
 * @param {string} [label]
 */
export function rangeButton(range, goTo, label = describeRange(range)) {
  return h(
    'button',
    {
      type: 'button',
      class: 'link-button location',
      title: `Select ${describeRange(range)} in the editor`,
      onclick: () => goTo(range),
    },
    label,
  );
}

/** A row of "2 critical · 1 high …" chips; zero counts are shown muted. */
export function severityCounts(counts) {
  return h(
    'ul',
    { class: 'counts', 'aria-label': 'Findings by severity' },
    SEVERITIES.map((severity) =>
      h(
        'li',
        { class: `count sev-${severity}${counts[severity] ? '' : ' zero'}` },
        h('strong', {}, counts[severity]),
        ` ${severity}`,
      ),
    ),
  );
}

/**
 * Accessible tabs: arrow keys move between tabs, the selected panel is rendered
 * on demand. Returns `{ tabList, panel }`.
 * @param {{ label: string, id: string, tabs: Array<{ key: string, title: Node|string, name?: string }>, selected: string,
 *   onSelect: (key: string) => void, render: (key: string) => Node }} options
 */
export function tabs({ label, id, tabs: items, selected, onSelect, render }) {
  const current = items.some((item) => item.key === selected) ? selected : items[0].key;
  const panelId = `${id}-panel`;
  const buttons = items.map((item) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `${id}-tab-${item.key}`,
        class: 'tab',
        'aria-selected': String(item.key === current),
        'aria-controls': panelId,
        tabindex: item.key === current ? '0' : '-1',
        'data-name': item.name,
        onclick: () => onSelect(item.key),
      },
      item.title,
    ),
  );
  const tabList = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' }, buttons);
  tabList.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const edge = { Home: 0, End: buttons.length - 1 }[event.key];
    if (step === undefined && edge === undefined) return;
    event.preventDefault();
    const index = buttons.indexOf(document.activeElement);
    const next = edge ?? (index + step + buttons.length) % buttons.length;
    onSelect(items[next].key);
  });
  const panel = h(
    'div',
    { role: 'tabpanel', id: panelId, class: 'tab-panel', 'aria-labelledby': `${id}-tab-${current}` },
    render(current),
  );
  return { tabList, panel };
}
