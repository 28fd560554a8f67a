// Escape paths: for one container, each known way out its settings open, as a list
// of steps whose settings select their text, the minimal fixes, the paths one step
// away, and a preview of the report once the first minimal fix is applied.

import { h, withCode } from '../lib/dom.js';
import { rangeButton } from './common.js';

const IMPACT_LABELS = {
  hostRoot: 'host root',
  hostFileRead: 'host file read',
  hostFileWrite: 'host file write',
  denialOfService: 'denial of service',
  trafficInterception: 'traffic interception',
  lateralMovement: 'lateral movement',
};

/** Whether the preview is on, kept across re-renders of the report. */
let previewing = false;

/**
 * @param {object} container a container report
 * @param {{ text: string, select: (range: object) => void, preview: (text: string) => Promise<object> }} context
 */
export function escapePathsView(container, context) {
  const { open, oneStepAway, minimalFixes, moreMinimalFixes } = container.escapePaths;
  return h(
    'div',
    { class: 'escape-paths' },
    open.length === 0
      ? h('p', { class: 'paths-none' }, 'No known escape path is open in this container.')
      : [
          h('h3', {}, `Open paths (${open.length})`),
          h(
            'ol',
            { class: 'path-list open-paths' },
            open.map((path) => pathItem(path, context)),
          ),
          minimalFixesSection(container, minimalFixes, moreMinimalFixes, context),
        ],
    oneStepAway.length > 0 && [
      h('h3', {}, `One step away (${oneStepAway.length})`),
      h('p', { class: 'hint' }, 'All but one precondition hold: one more setting would open these.'),
      h(
        'ol',
        { class: 'path-list one-step-away' },
        oneStepAway.map((path) => pathItem(path, context)),
      ),
    ],
  );
}

function pathItem(path, context) {
  return h(
    'li',
    { class: 'escape-path', 'data-technique': path.technique },
    h(
      'details',
      { open: true },
      h(
        'summary',
        {},
        h('span', { class: 'path-title' }, path.title),
        ' ',
        path.impacts.map((impact) => h('span', { class: `impact impact-${impact}` }, IMPACT_LABELS[impact])),
      ),
      h(
        'ol',
        { class: 'steps' },
        path.steps.map((step) =>
          h(
            'li',
            { class: `step ${step.met ? 'met' : 'unmet'}` },
            h('span', { class: 'step-mark', 'aria-hidden': 'true' }, step.met ? '✓' : '○'),
            h('span', { class: 'step-text' }, withCode(step.text), step.met ? '' : ' (not yet)'),
            step.settings.length > 0 &&
              h(
                'ul',
                { class: 'step-settings' },
                step.settings.map((setting) => settingItem(setting, context)),
                step.moreSettings > 0 && h('li', {}, `and ${step.moreSettings} more`),
              ),
          ),
        ),
        h('li', { class: 'step outcome' }, h('span', { class: 'step-mark', 'aria-hidden': 'true' }, '→'), [
          'Then ',
          withCode(path.outcome),
          '.',
        ]),
      ),
      h(
        'p',
        { class: 'references' },
        'References: ',
        path.references.map((reference, index) => [
          index > 0 ? ' · ' : '',
          h('a', { href: reference.url, target: '_blank', rel: 'noopener noreferrer' }, reference.name),
        ]),
      ),
    ),
  );
}

function settingItem(setting, context) {
  return h(
    'li',
    { class: 'setting' },
    setting.range
      ? h(
          'button',
          {
            type: 'button',
            class: 'link-button setting-link',
            title: 'Select this setting in the editor',
            onclick: () => context.select(setting.range),
          },
          withCode(setting.description),
        )
      : h('span', { class: 'setting-default' }, withCode(setting.description)),
    setting.range && [' ', rangeButton(setting.range, context.select)],
    setting.findings.length > 0 && h('span', { class: 'setting-findings' }, ` (${setting.findings.join(', ')})`),
  );
}

function minimalFixesSection(container, fixes, more, context) {
  const several = fixes.length > 1;
  return h(
    'section',
    { class: 'minimal-fixes', 'aria-label': 'Minimal fixes' },
    h('h3', {}, several ? `Minimal fixes: ${fixes.length}${more ? '+' : ''} choices` : 'Minimal fix'),
    h(
      'p',
      { class: 'hint' },
      several
        ? 'Each of these smallest sets of changes closes every open path; pick the one that suits the service.'
        : 'The smallest set of changes that closes every open path:',
    ),
    h(
      'ol',
      { class: 'fix-list' },
      fixes.map((fix) =>
        h(
          'li',
          { class: 'minimal-fix' },
          fix.changes.map((change, index) => [index > 0 ? '; ' : '', withCode(change.title)]),
          fix.complete ? '' : ' (some changes need a hand edit)',
        ),
      ),
    ),
    previewToggle(container, fixes[0], context),
  );
}

function previewToggle(container, fix, context) {
  const result = h('div', { class: 'fix-preview-result', 'aria-live': 'polite' });
  const checkbox = h('input', {
    type: 'checkbox',
    id: 'paths-preview',
    onchange: () => {
      previewing = checkbox.checked;
      showPreview(container, fix, context, result);
    },
  });
  checkbox.checked = previewing;
  if (previewing) showPreview(container, fix, context, result);
  return h(
    'div',
    { class: 'fix-preview' },
    h('label', { for: 'paths-preview' }, checkbox, ' Preview the report with the first minimal fix applied'),
    result,
  );
}

async function showPreview(container, fix, context, result) {
  if (!previewing) {
    result.replaceChildren();
    return;
  }
  result.replaceChildren(h('p', { class: 'hint' }, 'Analysing the fixed text…'));
  const fixed = applyEdits(context.text, fix.edits);
  try {
    const report = await context.preview(fixed);
    const after = report.containers.find((candidate) => candidate.name === container.name);
    if (!after) {
      result.replaceChildren(h('p', {}, `The fixed text has no container named ${container.name}.`));
      return;
    }
    const { counts, grade } = after.summary;
    result.replaceChildren(
      h(
        'p',
        { class: 'preview-summary' },
        `After the fix: grade ${grade}, ${after.escapePaths.open.length} open paths, `,
        `${counts.critical} critical, ${counts.high} high, ${counts.medium} medium findings.`,
      ),
      h('pre', { class: 'preview-text' }, fixed),
    );
  } catch (error) {
    result.replaceChildren(h('p', {}, `The preview failed: ${error.message}`));
  }
}

/** Applies non-overlapping edits (1-based lines, UTF-16 columns) to `text`. */
export function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  const offset = ({ line, column }) => (lineStarts[line - 1] ?? text.length) + column - 1;
  let fixed = text;
  for (const edit of [...edits].reverse()) {
    fixed = fixed.slice(0, offset(edit.range.start)) + edit.content + fixed.slice(offset(edit.range.end));
  }
  return fixed;
}
