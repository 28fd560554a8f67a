// How the served page (dist/index.html over http) finds the module and the worker:
// as files next to the page.

export const workerUrl = new URL('worker.js', document.baseURI);

/** Rule pages (docs/rules/*.html) are served next to the page. */
export const rulePages = true;

export function compileModule() {
  return WebAssembly.compileStreaming(fetch(new URL('shipshape_bg.wasm', document.baseURI)));
}
