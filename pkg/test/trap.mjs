// A trap in the middle of a call (injected by trap-hook.mjs): the call throws the
// `WebAssembly.RuntimeError`, and the package answers the next calls from a new
// instance of the module, as before the trap. Runs in Node from the packed package
// (scripts/pack-test.sh), and its `checkRecovery` in Chromium and workerd too.
import { instancesMade, trapAtNextImport } from "./trap-hook.mjs";

const compose = "services:\n  web:\n    image: nginx\n    privileged: true\n";

/** Throws unless a trapped call throws and the calls after it answer as before. */
export function checkRecovery({ analyze, harden }) {
  const before = JSON.stringify(analyze(compose));
  const hardened = JSON.stringify(harden(compose));
  const made = instancesMade();
  trapAtNextImport();
  let thrown;
  try {
    analyze(compose);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof WebAssembly.RuntimeError)) throw new Error(`the trapped call gave ${thrown}`);
  if (JSON.stringify(analyze(compose)) !== before) throw new Error("analyze answers differently after the trap");
  if (JSON.stringify(harden(compose)) !== hardened) throw new Error("harden answers differently after the trap");
  if (instancesMade() !== made + 1) throw new Error(`${instancesMade() - made} new instances, expected 1`);
  return `trapped call threw ${thrown.name}: ${thrown.message}; the next calls answered from a new instance`;
}

// Run by Node (`node trap.mjs`): the package is imported after the hook is in place.
if (globalThis.process?.argv[1] && import.meta.url.endsWith(globalThis.process.argv[1])) {
  console.log(`trap: ${checkRecovery(await import("shipshape"))}`);
}
