// The filesystems a container sees from outside its image: host paths, volumes
// and tmpfs, whether each is writable, why a host path is sensitive and which
// findings were reported on it.

import { h, withCode } from '../lib/dom.js';
import { MOUNT_KINDS } from '../lib/knowledge.js';
import { rangeButton, severityBadge } from './common.js';

/** How a mounted path relates to the sensitive path it matched. */
const RELATIONS = { same: '', inside: 'inside', contains: 'contains' };

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
    h('caption', {}, 'Mounts: what the container sees of the host'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Mount', 'Access', 'Why it matters'].map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      container.mounts.map((mount) => {
        const { sensitive } = mount;
        const severity = sensitive && (mount.readOnly ? sensitive.severityRo : sensitive.severityRw);
        const codes = diagnostics
          .filter((diagnostic) => !diagnostic.suppressed && within(diagnostic.range, mount.range))
          .map((diagnostic) => diagnostic.code);
        return h(
          'tr',
          { class: severity ? `sensitive sev-${severity}` : '' },
          h(
            'td',
            { class: 'mount-paths' },
            h('code', {}, mount.source ?? '—'),
            h('span', { 'aria-label': 'mounted at' }, ' → '),
            h('code', {}, mount.target ?? '—'),
            h('span', { class: 'mount-kind' }, mount.kind),
          ),
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
            sensitive
              ? h(
                  'p',
                  {},
                  severityBadge(severity),
                  ' ',
                  RELATIONS[sensitive.relation] && [
                    RELATIONS[sensitive.relation],
                    ' ',
                    h('code', {}, sensitive.matched),
                    ': ',
                  ],
                  withCode(sensitive.reason),
                )
              : h('p', { class: 'muted' }, MOUNT_KINDS[mount.kind]),
            h(
              'p',
              { class: 'mount-findings' },
              codes.length > 0 && ['Findings: ', codes.join(', '), ' · '],
              rangeButton(mount.range, context.select),
            ),
          ),
        );
      }),
    ),
  );
}
