// The filesystems a container sees from outside its image: host paths, volumes
// and tmpfs, whether each is writable, and why a mount is sensitive (the findings
// shipshape reported inside it).

import { h } from '../lib/dom.js';
import { MOUNT_KINDS } from '../lib/knowledge.js';
import { rangeButton, severityBadge, severityRank, withCode } from './common.js';

function before(a, b) {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/** Whether `inner` lies within `outer`. */
function within(inner, outer) {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/**
 * @param {object} container a container report
 * @param {Array<object>} diagnostics the container's findings
 */
export function mountsView(container, diagnostics, context) {
  if (container.mounts.length === 0) {
    return h('p', { class: 'empty' }, 'No mounts: the container sees only its own image and the engine’s defaults.');
  }
  return h(
    'table',
    { class: 'data-table mounts' },
    h('caption', {}, 'Mounts, with the findings reported on each'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Kind', 'Source', 'Target', 'Access', 'Why it matters'].map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      container.mounts.map((mount) => {
        const findings = diagnostics
          .filter((diagnostic) => !diagnostic.suppressed && within(diagnostic.range, mount.range))
          .sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
        const worst = findings[0]?.severity;
        return h(
          'tr',
          { class: worst ? `sensitive sev-${worst}` : '' },
          h('td', { title: MOUNT_KINDS[mount.kind] }, mount.kind),
          h('td', {}, mount.source === null ? h('span', { class: 'muted' }, '—') : h('code', {}, mount.source)),
          h('td', {}, mount.target === null ? h('span', { class: 'muted' }, '—') : h('code', {}, mount.target)),
          h(
            'td',
            {},
            mount.readOnly
              ? h('span', { class: 'status status-readonly' }, 'read-only')
              : h('span', { class: 'status status-readwrite' }, 'read-write'),
          ),
          h(
            'td',
            { class: 'why' },
            findings.length === 0
              ? h('span', { class: 'muted' }, MOUNT_KINDS[mount.kind])
              : h(
                  'ul',
                  { class: 'plain' },
                  findings.map((diagnostic) =>
                    h(
                      'li',
                      {},
                      severityBadge(diagnostic.severity),
                      ' ',
                      h('code', {}, diagnostic.code),
                      ' ',
                      withCode(diagnostic.message),
                    ),
                  ),
                ),
            ' ',
            rangeButton(mount.range, context.select),
          ),
        );
      }),
    ),
  );
}
