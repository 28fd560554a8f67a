// The wasm module in Node over the corpus and the generated inputs (after
// `cargo bench --bench corpus` and `--bench scale`), and composerize next to the
// module's run → Compose conversion: writes target/bench/node.json for
// scripts/bench-report.mjs.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import {
  benchDir,
  corpusFiles,
  cpuMs,
  measureModule,
  medianMs,
  oneCharacterEdit,
  raisedLimits,
  root,
  scaleCases,
} from "../benches/js/common.mjs";

const wasmBytes = readFileSync(new URL("pkg/shipshape_bg.wasm", root));
// Through the package's entry (its size check before copying a text in), as users call it.
const glue = await import(new URL("pkg/entries/manual.js", root));
let started = performance.now();
const module = new WebAssembly.Module(wasmBytes);
const compileMs = performance.now() - started;
started = performance.now();
glue.initSync({ module });
const instantiateMs = performance.now() - started;

const files = corpusFiles();
const largest = files.filter((file) => file.kind === "compose").reduce((a, b) => (b.text.length > a.text.length ? b : a));
const edited = { name: largest.name, text: oneCharacterEdit(largest.text) };
const cases = scaleCases();
const inputs = Object.fromEntries(
  cases.map((item) => [item.slug, readFileSync(new URL(`inputs/${item.slug}.txt`, benchDir), "utf8")]),
);
const results = { compileMs, instantiateMs, ...measureModule(glue, files, cases, inputs, raisedLimits(), edited, cpuMs) };

// run → Compose: composerize (one command per call) and the module's toCompose on the
// same corpus files, each file's time the median of its runs.
const composerize = loadComposerize();
if (composerize) {
  const conversions = { files: 0, composerize: [], toCompose: [], failed: 0 };
  for (const file of files.filter((entry) => entry.kind === "run")) {
    const commands = file.text
      .replace(/\\\r?\n/g, " ")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^(sudo\s+)?(docker|podman)\s+(container\s+)?(run|create)\b/.test(line))
      .map((line) => line.replace(/^sudo\s+/, ""));
    if (commands.length === 0) continue;
    try {
      for (const command of commands) composerize(command);
    } catch {
      conversions.failed += 1;
      continue;
    }
    conversions.files += 1;
    conversions.composerize.push(medianMs(() => commands.forEach((command) => composerize(command)), 100, 5, cpuMs));
    conversions.toCompose.push(medianMs(() => glue.toCompose(file.text), 100, 5, cpuMs));
  }
  results.conversions = conversions;
}
writeFileSync(new URL("node.json", benchDir), JSON.stringify(results, null, 2));
console.log(`wasm in Node: compile ${compileMs.toFixed(1)} ms, instantiate ${instantiateMs.toFixed(1)} ms`);

function loadComposerize() {
  try {
    return createRequire(new URL("benches/peers/package.json", root))("composerize");
  } catch (error) {
    console.log(`bench: composerize not installed (${error.message.split("\n")[0]})`);
    return null;
  }
}
