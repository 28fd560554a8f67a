// The rules reference: every rule of the module, grouped by family, each
// expanding into its documentation.

import { h } from '../lib/dom.js';
import { ruleDocs } from '../lib/ruledocs.js';
import { severityBadge } from './common.js';
import { FAMILIES } from './findings.js';

/**
 * @param {Array<object>} rules from the module's `rules()`
 * @param {boolean} rulePages whether rule pages are served next to the page
 */
export function rulesReference(rules, rulePages) {
  return Object.entries(FAMILIES)
    .map(([family, title]) => [title, rules.filter((rule) => rule.family === family)])
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) =>
      h(
        'section',
        { class: 'family' },
        h('h3', {}, title, h('span', { class: 'family-count' }, list.length)),
        list.map((rule) => {
          const details = h(
            'details',
            { class: 'rule' },
            h(
              'summary',
              {},
              severityBadge(rule.severity),
              h('span', { class: 'finding-title' }, h('code', { class: 'rule-code' }, rule.code), ' ', rule.name),
              h('span', { class: 'rule-profiles' }, rule.profiles.join(' · ')),
            ),
          );
          // Docs load on first opening: the reference holds every rule.
          details.addEventListener(
            'toggle',
            async () => {
              const docs = h('div', { class: 'rule-docs' });
              details.append(docs);
              docs.append(
                await ruleDocs(rule.code),
                rulePages &&
                  h('a', { href: rule.url, target: '_blank', rel: 'noopener', class: 'rule-page' }, 'Rule page'),
              );
            },
            { once: true },
          );
          return details;
        }),
      ),
    );
}
