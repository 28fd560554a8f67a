// The module's boundary with JavaScript, run from the packed package like smoke.mjs:
// text that is not valid UTF-16, limits set from JS, and linear memory that stops
// growing over many analyses (SHIPSHAPE_LARGEST names the file to repeat).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyze, analyzeCompose, analyzeRun } from "shipshape";
import { initSync } from "shipshape/manual";

const located = (report) =>
  report.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`);

// A lone surrogate reaches the module as U+FFFD, one UTF-16 unit like the surrogate:
// the findings after it keep their columns.
const lone = "services:\n  a:\n    image: \uD800x\n    labels: {k: \uDC00}\n    privileged: true\n";
assert.deepEqual(located(analyze(lone)), ["PRIV-001@5:17"]);
assert.deepEqual(located(analyze(`docker run --name \uD83D --privileged x`)), ["PRIV-001@1:21"]);
assert.deepEqual(located(analyze("docker run --privileged x", { fileName: "\uDFFF.sh" })), [
  "PRIV-001@1:12",
]);

// Limits come from the configuration and are reported where they are reached.
const twoCommands = "docker run --privileged a\ndocker run --privileged b\n";
assert.deepEqual(located(analyze(twoCommands, { config: { limits: { commands: 1 } } })), [
  "PRIV-001@1:12",
  "SYN-005@2:1",
]);
assert.deepEqual(located(analyze(twoCommands, { config: { limits: { inputBytes: 10 } } })), ["SYN-005@1:1"]);

const largest = process.env.SHIPSHAPE_LARGEST;
if (!largest) {
  console.log("boundary: skipped the memory growth: SHIPSHAPE_LARGEST not set (no ../shared/corpus/real)");
} else {
  // `initSync` hands back the instance the package already made.
  const { memory } = initSync({ module: readFileSync(new URL(import.meta.resolve("shipshape/shipshape_bg.wasm"))) });
  const text = readFileSync(largest, "utf8");
  const pages = [];
  for (let run = 1; run <= 10_000; run++) {
    analyze(text);
    if (run % 1000 === 0) pages.push(memory.buffer.byteLength);
  }
  console.log(
    `boundary: linear memory after 1,000..10,000 analyses of ${largest.split("/").pop()} (${text.length} chars): ` +
      pages.map((bytes) => `${(bytes / 2 ** 20).toFixed(1)}`).join(" ") +
      " MiB",
  );
  // Growth over the first runs is the allocator settling; none is allowed in the last half.
  assert.equal(pages.at(-1), pages[4], "linear memory still grows between 5,000 and 10,000 analyses");
}
// 20 MB from JS (after the memory check, whose figures it would raise): longer in UTF-16
// units than the limit in bytes, refused from its start without being copied into the
// module, with the report the module gives a text it has whole that is over the limit
// in bytes only (UTF-16 length under it, so copied in and refused there).
const limitBytes = 1 << 20;
const refusal = {
  code: "SYN-005",
  message: "the input is larger than 1 MiB; only inputs up to 1 MiB are analysed",
  byteRange: [0, 0],
};
const summary = ({ input, status, containers, diagnostics }) => ({
  input,
  status,
  containers,
  diagnostics: diagnostics.map(({ code, message, byteRange }) => ({ code, message, byteRange })),
});
const fill = (line, units) => line.repeat(Math.ceil(units / line.length));
for (const [entry, line, input] of [
  [analyze, "docker run --privileged nginx\n", "run"],
  [analyze, "services:\n", "compose"],
  [analyzeCompose, "docker run --privileged nginx\n", "compose"],
  [analyzeRun, "services:\n", "run"],
]) {
  const long = fill(line, 20_000_000);
  const wide = `${long.slice(0, limitBytes - 100)}${"é".repeat(100)}`;
  assert.ok(wide.length <= limitBytes && new TextEncoder().encode(wide).length > limitBytes);
  const refused = entry(long, { fileName: "big" });
  assert.deepEqual(summary(refused), { input, status: "unrecognized", containers: [], diagnostics: [refusal] });
  assert.deepEqual(refused, entry(wide, { fileName: "big" }));
  // The limit is the configured one, and the options are still checked.
  assert.throws(() => entry(long, { profile: "strict" }), { name: "Error", message: /unknown profile `strict`/ });
}
const commands = fill("docker run --privileged nginx\n", 70_000);
const within = (inputBytes) => analyze(commands, { config: { limits: { inputBytes } } }).diagnostics[0];
assert.equal(within(100_000).code, "PRIV-001");
assert.equal(within(60_000).message, "the input is larger than 60000 bytes; only inputs up to 60000 bytes are analysed");
console.log("boundary: ok");
