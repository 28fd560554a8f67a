// Small DOM helpers. Every string child becomes a text node, so user text is never
// parsed as HTML; the one place that sets innerHTML renders trusted rule docs
// (see ruledocs.js).

/**
 * Creates an element. `props` sets attributes, except `class` (className),
 * `on<event>` (an event listener) and `hidden`/`disabled`/`open` (boolean properties).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node|string|number|null|undefined|false|Array<Node|string>)} children
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'hidden' || key === 'disabled' || key === 'open') element[key] = true;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Looks up an element the page template must contain. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page template lacks #${id}`);
  return element;
}

/**
 * Message text with `backticked` parts as code elements. Messages quote the
 * user's text, so every part stays a text node.
 */
export function withCode(text) {
  return text.split('`').map((part, index) => (index % 2 === 1 ? h('code', {}, part) : part));
}
