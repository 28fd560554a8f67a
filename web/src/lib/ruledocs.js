// The rules' documentation as HTML, rendered by shipshape itself (the package's
// docs/rules/docs.json, one fragment per rule) and loaded the first time a reader
// asks to learn more. The HTML is generated from shipshape's own sources, never
// from user input: this is the one place that sets innerHTML.

import { loadRuleDocs } from '#assets';

let fragments = null;

/** The rule's documentation as a fresh DOM fragment. */
export async function ruleDocs(code) {
  fragments ??= loadRuleDocs();
  const template = document.createElement('template');
  template.innerHTML = (await fragments)[code] ?? '';
  for (const link of template.content.querySelectorAll('a[href^="http"]')) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return template.content;
}
