// Times the wasm module in Node over the real corpus, the same way benches/corpus.rs
// times the native core, and prints both side by side (run by `make bench`, after
// `cargo bench --bench corpus` wrote target/bench/native.json).
import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";

const root = new URL("../", import.meta.url);
const corpus = new URL("../shared/corpus/real/", root);
const budgetPerFileMs = 100;
const minRuns = 5;

const wasmBytes = readFileSync(new URL("pkg/shipshape_bg.wasm", root));
const glue = await import(new URL("pkg/shipshape.js", root));
let started = performance.now();
const module = new WebAssembly.Module(wasmBytes);
const compileMs = performance.now() - started;
started = performance.now();
glue.initSync({ module });
const instantiateMs = performance.now() - started;

const analyzers = { compose: glue.analyzeCompose, run: glue.analyzeRun };
const native = JSON.parse(readFileSync(new URL("target/bench/native.json", root), "utf8"));

function medianMicros(analyze, text, fileName) {
  const times = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < budgetPerFileMs) {
    const run = performance.now();
    analyze(text, { fileName });
    times.push((performance.now() - run) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// Nearest-rank quantile, as in benches/corpus.rs.
function quantile(sorted, q) {
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

const ms = (micros) => `${(micros / 1000).toFixed(2)} ms`.padStart(11);
const row = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(11))).join(" ");

console.log(
  `module ${(wasmBytes.length / 1024).toFixed(1)} KiB; in Node: compile ${compileMs.toFixed(1)} ms, instantiate ${instantiateMs.toFixed(1)} ms`,
);
console.log("time per file (each the median of its runs), wasm in Node next to native:");
console.log(`${row(["", "files", "wasm p50", "wasm p99", "native p50", "native p99"])}  slowest in wasm`);
for (const kind of Object.keys(analyzers)) {
  const names = readdirSync(new URL(`${kind}/`, corpus)).sort();
  const wasm = names.map((name) => [
    medianMicros(analyzers[kind], readFileSync(new URL(`${kind}/${name}`, corpus), "utf8"), `${kind}/${name}`),
    name,
  ]);
  const wasmTimes = wasm.map(([time]) => time).sort((a, b) => a - b);
  const nativeTimes = names.map((name) => native[`${kind}/${name}`]).sort((a, b) => a - b);
  const [, slowest] = wasm.reduce((worst, entry) => (entry[0] > worst[0] ? entry : worst));
  console.log(
    row([
      kind,
      String(names.length),
      ms(quantile(wasmTimes, 0.5)),
      ms(quantile(wasmTimes, 0.99)),
      ms(quantile(nativeTimes, 0.5)),
      ms(quantile(nativeTimes, 0.99)),
    ]) + `  ${slowest}`,
  );
}
