// The report of a project (several files read as one Compose application): what the
// whole project amounts to, then the findings of each file, each shown in its own
// file when selected.

import { h } from '../lib/dom.js';
import { severityCounts } from './common.js';
import { findingsView } from './findings.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * @param {object} project the module's ProjectReport
 * @param {object} context the report context, with `openAt(name, range?, options?)`,
 *   `applyFixIn(name, diagnostic)` and `fileText(name)`
 */
export function projectView(project, context) {
  const counts = Object.fromEntries(
    SEVERITIES.map((severity) => [
      severity,
      project.files.reduce((sum, file) => sum + file.summary.counts[severity], 0),
    ]),
  );
  const inactive = project.services.filter((service) => !service.active);
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return [
    h(
      'section',
      { class: 'overview', 'aria-label': 'Summary' },
      h(
        'div',
        { class: 'overview-text' },
        h(
          'p',
          { class: 'overview-title' },
          `Compose project · ${plural(project.files.length, 'file')} · ${plural(project.services.length - inactive.length, 'service')} checked · profile `,
          h('strong', {}, context.profile),
        ),
        severityCounts(counts),
        inactive.length > 0 &&
          h(
            'p',
            { class: 'hint inactive-services' },
            `Not started (their profiles are not active): ${inactive.map((service) => service.name).join(', ')}.`,
          ),
      ),
    ),
    project.files.map((file) => fileFindings(file, context)),
  ];
}

function fileFindings(file, context) {
  const name = file.fileName;
  const shown = file.diagnostics.length;
  return h(
    'section',
    { class: 'project-file', 'data-file': name, 'aria-label': `Findings in ${name}` },
    h(
      'h2',
      { class: 'project-file-title' },
      h(
        'button',
        { type: 'button', class: 'link-button', title: 'Show it in the editor', onclick: () => context.openAt(name) },
        name,
      ),
      h('span', { class: 'tab-count' }, shown),
    ),
    findingsView(file.diagnostics, {
      ...context,
      fileName: name,
      text: context.fileText(name),
      select: (range, options) => context.openAt(name, range, options),
      applyFix: (diagnostic) => context.applyFixIn(name, diagnostic),
    }),
  );
}
