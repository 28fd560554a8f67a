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

/** Texts this long or shorter are always copied into the module, which checks their size. */
const ALWAYS_COPIED = 1 << 16;
/** UTF-16 units the refusal is given: at least the 4096 bytes it reads to detect the kind. */
const HEAD_UNITS = 4096;

/**
 * `analyzeText` for `input`, except that a text whose UTF-16 length alone is over the
 * size limit (a UTF-8 text has at least as many bytes as UTF-16 units) is refused from
 * its first units, never copied into the module's memory: the module gives the same
 * report as when it has the whole text.
 * @param {"auto" | "compose" | "run"} input @param {typeof glue.analyze} analyzeText
 * @returns {typeof glue.analyze}
 */
function bounded(input, analyzeText) {
  return (text, options) => {
    if (typeof text === "string" && text.length > ALWAYS_COPIED) {
      const refused = glue.refusedReport(input, text.slice(0, HEAD_UNITS), text.length, options);
      if (refused !== undefined) return refused;
    }
    return analyzeText(text, options);
  };
}

export const analyze = guarded(bounded("auto", glue.analyze));
export const analyzeCompose = guarded(bounded("compose", glue.analyzeCompose));
export const analyzeProject = guarded(glue.analyzeProject);
export const analyzeRun = guarded(bounded("run", glue.analyzeRun));
export const applyFixes = guarded(glue.applyFixes);
export const defaultConfig = guarded(glue.defaultConfig);
export const harden = guarded(glue.harden);
export const rules = guarded(glue.rules);
export const toCompose = guarded(glue.toCompose);
export const version = guarded(glue.version);
export { initSync } from "../shipshape.js";
