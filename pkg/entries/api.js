// The API every entry exports: the module's functions, each guarded against a trap.
// A trap (a `WebAssembly.RuntimeError`: a bug in the module, or memory exhausted)
// stops a call wherever it is, leaving the instance's memory in an unknown state; the
// call throws it, and the next call runs in a new instance of the same compiled module.
import * as glue from "../shipshape.js";

let trapped = false;

/** @template {(...args: never[]) => unknown} F @param {F} call @returns {F} */
function guarded(call) {
  return /** @type {F} */ (
    (...args) => {
      if (trapped) {
        // Before the call rather than at the trap, so that an instance that cannot be
        // made (no memory left) is tried again by the next call, not lost.
        glue.reinstantiate();
        trapped = false;
      }
      try {
        return call(...args);
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) trapped = true;
        throw error;
      }
    }
  );
}

export const analyze = guarded(glue.analyze);
export const analyzeCompose = guarded(glue.analyzeCompose);
export const analyzeProject = guarded(glue.analyzeProject);
export const analyzeRun = guarded(glue.analyzeRun);
export const applyFixes = guarded(glue.applyFixes);
export const defaultConfig = guarded(glue.defaultConfig);
export const harden = guarded(glue.harden);
export const rules = guarded(glue.rules);
export const toCompose = guarded(glue.toCompose);
export const version = guarded(glue.version);
export { initSync } from "../shipshape.js";
