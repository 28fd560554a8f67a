// How the single-file page (opened from file://, where fetch is refused) finds
// the module, the worker and the rule docs: all are embedded in the page's one
// script. The worker source becomes a blob: URL; the wasm bytes are embedded as
// base64 (esbuild's binary loader) and compiled in place.

import ruleDocs from 'inline:docs';
import wasmBytes from 'inline:wasm';
import workerSource from 'inline:worker';

export const workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));

/** Only the inline rule docs travel with the single file. */
export const rulePages = false;

export function compileModule() {
  return WebAssembly.compile(wasmBytes);
}

export function loadRuleDocs() {
  return Promise.resolve(ruleDocs);
}
