// Renders a rule's Markdown documentation (from the module's `rules()`), so every
// explanation is available offline. The Markdown is generated from shipshape's own
// sources, never from user input: this is the one place that sets innerHTML.

import { Marked } from 'marked';

/** Rule docs start at `##`; inside a finding they sit below an h3. */
const HEADING_SHIFT = 2;

const markdown = new Marked({
  gfm: true,
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(depth + HEADING_SHIFT, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

const rendered = new Map();

/** The rule's documentation as a fresh DOM fragment. */
export function ruleDocs(rule) {
  if (!rendered.has(rule.code)) rendered.set(rule.code, markdown.parse(rule.docs, { async: false }));
  const template = document.createElement('template');
  template.innerHTML = rendered.get(rule.code);
  for (const link of template.content.querySelectorAll('a[href^="http"]')) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return template.content;
}
