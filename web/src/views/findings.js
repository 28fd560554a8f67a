// The findings of one container, worst first. Each finding expands into what to do,
// its fix (with a preview and an Apply button) and related locations; the rule's
// documentation stays folded under "Learn more" until asked for.

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

/** Worst first, then in text order: a critical finding never sits below a low one. */
export function bySeverityThenPosition(a, b) {
  return severityRank(a.severity) - severityRank(b.severity) || a.byteRange[0] - b.byteRange[0];
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
  return h(
    'ul',
    { class: 'finding-list findings' },
    [...diagnostics].sort(bySeverityThenPosition).map((diagnostic) => h('li', {}, finding(diagnostic, context))),
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
      // A problem with the text is not a security finding: no severity badge.
      diagnostic.kind === 'input'
        ? h('span', { class: 'badge kind-input', title: `${diagnostic.severity}, not graded` }, 'input')
        : severityBadge(diagnostic.severity),
      h(
        'span',
        { class: 'finding-title' },
        h('code', { class: 'rule-code' }, diagnostic.code),
        ' ',
        withCode(diagnostic.messageMarkdown),
      ),
      h('span', { class: 'finding-location' }, describeRange(diagnostic.range)),
      // In a project, the file does not say which service a finding is about.
      context.fileName && diagnostic.container && h('span', { class: 'finding-service' }, diagnostic.container),
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
          h('li', {}, relatedButton(related, context), ' ', withCode(related.messageMarkdown)),
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
    rule && learnMore(rule),
  ];
}

/** A related location; in a project, one in another file opens that file. */
function relatedButton(related, context) {
  if (!related.file || related.file === context.fileName) return rangeButton(related.range, context.select);
  const label = `${related.file}: ${describeRange(related.range)}`;
  return rangeButton(related.range, (range) => context.openAt(related.file, range), label);
}

/** The rule's documentation, folded; loaded the first time it is unfolded. */
function learnMore(rule) {
  const docs = h('div', { class: 'docs-body' });
  const section = h(
    'details',
    { class: 'learn-more' },
    h('summary', { class: 'learn-more-title' }, 'Learn more about ', h('code', {}, rule.code), ' ', rule.name),
    h('section', { class: 'rule-docs', 'aria-label': `About ${rule.code}` }, docs),
  );
  section.addEventListener('toggle', () => {
    if (section.open && !docs.hasChildNodes()) ruleDocs(rule.code).then((fragment) => docs.append(fragment));
  });
  return section;
}

/** Why an unsafe fix is not applied blindly. */
export const UNSAFE_REASON = 'It changes what the container may do: check that the workload still runs.';

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
        'button',
        { type: 'button', class: safe ? 'primary' : 'secondary', onclick: () => context.applyFix(diagnostic) },
        safe ? 'Apply fix' : 'Apply — changes behaviour',
      ),
    ),
    !safe && h('p', { class: 'fix-reason' }, UNSAFE_REASON),
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
