// How the served page (dist/index.html over http) finds the module, the worker and
// the rule docs: as files next to the page.

export const workerUrl = new URL('worker.js', document.baseURI);

/** Rule pages (docs/rules/*.html) are served next to the page. */
export const rulePages = true;

export function compileModule() {
  return WebAssembly.compileStreaming(fetch(new URL('shipshape_bg.wasm', document.baseURI)));
}

/** The rule docs fragments, fetched on first use. */
export async function loadRuleDocs() {
  const response = await fetch(new URL('docs/rules/docs.json', document.baseURI));
  if (!response.ok) throw new Error(`the rule docs could not be loaded (${response.status})`);
  return response.json();
}
