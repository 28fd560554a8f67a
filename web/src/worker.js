// The analysis worker: owns one instance of the shipshape module (the package's
// `manual` entry: the page compiles the wasm once and hands it over) and answers
// requests from the page (see lib/engine.js for the protocol).

import {
  analyze,
  analyzeCompose,
  analyzeProject,
  analyzeRun,
  applyFixes,
  defaultConfig,
  harden,
  initSync,
  rules,
  toCompose,
  version,
} from 'shipshape/manual';

const analyzers = { auto: analyze, compose: analyzeCompose, run: analyzeRun };
let initialised = false;

function handle(message) {
  if (message.type === 'init') {
    initSync({ module: message.module });
    initialised = true;
    return { version: version(), rules: rules(), defaultConfig: defaultConfig() };
  }
  if (!initialised) throw new Error('The shipshape module could not be started.');
  if (message.type === 'analyzeProject') return analyzeProject(message.project);
  if (message.type === 'harden') return harden(message.text, message.options);
  if (message.type === 'toCompose') return toCompose(message.text, message.options);
  if (message.type === 'applyFixes') return applyFixes(message.text, message.diagnostics);
  return analyzers[message.mode](message.text, message.options);
}

self.addEventListener('message', ({ data }) => {
  try {
    self.postMessage({ id: data.id, type: 'done', value: handle(data) });
  } catch (error) {
    self.postMessage({
      id: data.id,
      type: 'failed',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      // Only a call into a working module can poison it; a failed start must not loop.
      trapped: data.type !== 'init' && error instanceof WebAssembly.RuntimeError,
    });
  }
});
