// The findings of one container, grouped by rule family. Each finding expands into
// its help, its fix (with a preview and an Apply button), related locations and
// the rule's documentation.

import { h, withCode } from '../lib/dom.js';
import { ruleDocs } from '../lib/ruledocs.js';
import { describeRange, rangeButton, severityBadge, severityRank } from './common.js';

/** Family titles, in the order the rule registry lists them. */
export const FAMILIES = {
  privilege: 'Privilege',
  capabilities: 'Capabilities',
  namespaces: 'Namespaces',
  network: 'Network',
  mounts: 'Mounts and filesystems',
  devices: 'Devices',
  securityOptions: 'Security options',
  sysctls: 'Sysctls',
  resources: 'Resources',
  identity: 'Identity',
  operations: 'Operations',
  input: 'Input',
};

/** A stable key for a finding across re-analyses, to keep it open while typing. */
export function findingKey(diagnostic) {
  return `${diagnostic.container ?? ''}\u0000${diagnostic.code}\u0000${diagnostic.message}`;
}

/**
 * @param {Array<object>} diagnostics the findings to list (one container, or the input's own)
 * @param {object} context see report.js
 */
export function findingsView(diagnostics, context) {
  if (diagnostics.length === 0) {
    return h(
      'p',
      { class: 'empty' },
      `Nothing to report under the “${context.profile}” profile. `,
      context.profile === 'default' ? 'Try the stricter profiles to see hardening advice.' : '',
    );
  }
  const byFamily = new Map(Object.keys(FAMILIES).map((family) => [family, []]));
  for (const diagnostic of diagnostics) {
    const family = context.rules.get(diagnostic.code)?.family ?? 'input';
    byFamily.get(family).push(diagnostic);
  }
  return h(
    'div',
    { class: 'findings' },
    [...byFamily]
      .filter(([, list]) => list.length > 0)
      .map(([family, list]) =>
        h(
          'section',
          { class: 'family' },
          h('h3', {}, FAMILIES[family], h('span', { class: 'family-count' }, list.length)),
          h(
            'ul',
            { class: 'finding-list' },
            list
              .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.byteRange[0] - b.byteRange[0])
              .map((diagnostic) => h('li', {}, finding(diagnostic, context))),
          ),
        ),
      ),
  );
}

function finding(diagnostic, context) {
  const key = findingKey(diagnostic);
  const rule = context.rules.get(diagnostic.code);
  const details = h(
    'details',
    {
      class: `finding sev-${diagnostic.severity}${diagnostic.suppressed ? ' suppressed' : ''}`,
      open: context.openFindings.has(key),
      'data-code': diagnostic.code,
    },
    h(
      'summary',
      {},
      severityBadge(diagnostic.severity),
      h(
        'span',
        { class: 'finding-title' },
        h('code', { class: 'rule-code' }, diagnostic.code),
        ' ',
        withCode(diagnostic.messageMarkdown),
      ),
      h('span', { class: 'finding-location' }, describeRange(diagnostic.range)),
    ),
  );
  // The body (with the rule's docs) is built when the finding is first opened.
  const showBody = () => {
    if (!details.querySelector('.finding-body')) {
      details.append(h('div', { class: 'finding-body' }, findingBody(diagnostic, rule, context)));
    }
  };
  if (details.open) showBody();
  details.addEventListener('toggle', () => {
    if (details.open) {
      context.openFindings.add(key);
      showBody();
    } else {
      context.openFindings.delete(key);
    }
  });
  details.querySelector('summary').addEventListener('click', () => context.select(diagnostic.range, { focus: false }));
  return details;
}

function findingBody(diagnostic, rule, context) {
  return [
    diagnostic.suppressed &&
      h(
        'p',
        { class: 'note' },
        'Suppressed by a comment',
        diagnostic.suppressed.reason ? `: ${diagnostic.suppressed.reason}` : '.',
      ),
    diagnostic.help && h('p', { class: 'help' }, h('strong', {}, 'What to do: '), withCode(diagnostic.helpMarkdown)),
    diagnostic.fix && fixBlock(diagnostic, context),
    diagnostic.related.length > 0 &&
      h(
        'ul',
        { class: 'related' },
        diagnostic.related.map((related) =>
          h('li', {}, rangeButton(related.range, context.select), ' ', withCode(related.messageMarkdown)),
        ),
      ),
    h(
      'div',
      { class: 'finding-actions' },
      rangeButton(diagnostic.range, context.select, `Show in editor (${describeRange(diagnostic.range)})`),
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => context.ignoreRule(diagnostic.code) },
        `Ignore ${diagnostic.code}`,
      ),
      context.rulePages &&
        h('a', { href: diagnostic.url, target: '_blank', rel: 'noopener', class: 'rule-page' }, 'Rule page'),
    ),
    rule &&
      h(
        'section',
        { class: 'rule-docs', 'aria-label': `About ${rule.code}` },
        h('h4', {}, 'About ', h('code', {}, rule.code), ' ', rule.name),
        docsPlaceholder(rule.code),
      ),
  ];
}

function fixBlock(diagnostic, context) {
  const { fix } = diagnostic;
  const safe = fix.applicability === 'safe';
  return h(
    'div',
    { class: `fix ${safe ? 'fix-safe' : 'fix-unsafe'}` },
    h(
      'div',
      { class: 'fix-header' },
      h('span', { class: 'fix-title' }, withCode(fix.titleMarkdown)),
      h(
        'span',
        {
          class: 'badge fix-kind',
          title: safe ? 'Keeps what the container does' : 'Changes what the container may do: review it',
        },
        safe ? 'safe fix' : 'unsafe fix',
      ),
      h('button', { type: 'button', class: 'primary', onclick: () => context.applyFix(diagnostic) }, 'Apply fix'),
    ),
    fixPreview(fix.edits, context.text),
  );
}

/** The lines a fix touches, before (−) and after (+). */
function fixPreview(edits, text) {
  const lines = text.split('\n');
  return h(
    'pre',
    { class: 'fix-preview', 'aria-label': 'What the fix changes' },
    edits.map(({ range, content }) => {
      const first = range.start.line - 1;
      // An edit that ends at the start of a line leaves that line alone.
      const endsAtLineStart = range.end.column === 1 && range.end.line > range.start.line;
      const last = endsAtLineStart ? range.end.line - 2 : range.end.line - 1;
      const before = lines.slice(first, last + 1);
      const kept = endsAtLineStart ? '' : lines[last].slice(range.end.column - 1);
      const after = (lines[first].slice(0, range.start.column - 1) + content + kept).split('\n');
      if (after.at(-1) === '') after.pop();
      return [
        before.map((line) => h('span', { class: 'del' }, `- ${line}\n`)),
        after.map((line) => h('span', { class: 'ins' }, `+ ${line}\n`)),
      ];
    }),
  );
}

/** A container the rule's docs fill once loaded. */
function docsPlaceholder(code) {
  const container = h('div', { class: 'docs-body' });
  ruleDocs(code).then((docs) => container.append(docs));
  return container;
}
