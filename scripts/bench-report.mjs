// Gathers what scripts/bench.sh measured (target/bench/*.json) into one table next to
// the targets and the figures from before the performance work, prints it and writes
// benches/RESULTS.md with the date, the machine and the tools' versions.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { benchDir, quantile, root } from "../benches/js/common.mjs";

const read = (name) => {
  const file = new URL(name, benchDir);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
};
const native = read("native.json");
const scale = read("scale.json");
const node = read("node.json");
const browser = read("browser.json");
const hyperfine = (name) => read(`hyperfine/${name}.json`)?.results[0];
const missing = readFileSync(new URL("missing.txt", benchDir), "utf8").trim();

// --- formatting -----------------------------------------------------------------------
const ms = (value) =>
  value == null ? "–" : value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(0)} µs`;
const kb = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} KB`);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const times = (ratio) => (ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(1)}×`);
const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => quantile(sorted(values), 0.5);

const rows = [];
let section = "";
/** One line of the table; `goal` is [text, met] or absent. */
function row(measure, value, before = "", goal = null) {
  rows.push({ section, measure, value, before, target: goal ? goal[0] : "", status: goal ? (goal[1] ? "met" : "**missed**") : "" });
}
const atMost = (value, limit, text) => [text, value != null && value <= limit];
const atLeast = (value, limit, text) => [text, value != null && value >= limit];

// --- native, in-process -------------------------------------------------------------
section = "Native, in-process";
const corpusMs = {};
for (const kind of ["compose", "run"]) {
  const corpus = native.corpus[kind];
  corpusMs[kind] = corpus.micros / 1000;
  const seconds = corpus.micros / 1e6;
  const mbPerSecond = corpus.bytes / 1e6 / seconds;
  row(
    `whole ${kind} corpus (${corpus.files} files, ${kb(corpus.bytes)})`,
    `${ms(corpusMs[kind])} · ${(corpus.files / seconds).toFixed(0)} files/s · ${mbPerSecond.toFixed(1)} MB/s`,
    kind === "compose" ? "6.5 ms · 23 MB/s" : "",
    kind === "compose" ? [`≤ 1.5 ms (≥ 100 MB/s)`, corpusMs[kind] <= 1.5] : null,
  );
}
const nativeFiles = (kind) =>
  sorted(Object.entries(native.files).filter(([name]) => name.startsWith(`${kind}/`)).map(([, micros]) => micros / 1000));
for (const kind of ["compose", "run"]) {
  const files = nativeFiles(kind);
  row(`per ${kind} file p50 / p99`, `${ms(quantile(files, 0.5))} / ${ms(quantile(files, 0.99))}`);
}
const edit = native.edit;
row(
  `re-analysis after a one-character edit (${edit.file.replace("compose/", "")}, ${edit.lines} lines)`,
  ms(edit.micros / 1000),
  "1.1 ms",
);

// --- whole processes --------------------------------------------------------------
// hyperfine's wall-clock mean, and its user + system mean, the CPU the process used:
// on a shared machine the ratios are taken on CPU time.
section = "Whole processes (hyperfine means: wall · CPU)";
const processMs = (name) => {
  const result = hyperfine(name);
  return result ? { wall: result.mean * 1000, cpu: (result.user + result.system) * 1000 } : null;
};
const processText = ({ wall, cpu }) => `${ms(wall)} · ${ms(cpu)} CPU`;
const ours = processMs("shipshape-compose");
const corpusRate = (corpus, time) =>
  `${(corpus.files / (time / 1000)).toFixed(0)} files/s · ${(corpus.bytes / 1e6 / (time / 1000)).toFixed(1)} MB/s of CPU`;
if (ours) {
  const corpus = native.corpus.compose;
  row(`shipshape check, ${corpus.files} Compose files in one process`, `${processText(ours)} · ${corpusRate(corpus, ours.cpu)}`);
}
const oursRun = processMs("shipshape-run");
if (oursRun) {
  const corpus = native.corpus.run;
  row(`shipshape check --input run, ${corpus.files} run files`, `${processText(oursRun)} · ${corpusRate(corpus, oursRun.cpu)}`);
}
const composeLint = processMs("compose-lint");
if (composeLint && ours) {
  row(
    "compose-lint --allow-partial-coverage, same files",
    `${processText(composeLint)} · shipshape ${times(composeLint.cpu / ours.cpu)} faster (CPU), ${times(composeLint.wall / ours.wall)} (wall)`,
    "33× faster",
    atLeast(composeLint.cpu / ours.cpu, 100, "≥ 100× faster"),
  );
}
const dclint = processMs("dclint");
if (dclint && ours) {
  row(
    "dclint, same files",
    `${processText(dclint)} · shipshape ${times(dclint.cpu / ours.cpu)} faster (CPU), ${times(dclint.wall / ours.wall)} (wall)`,
    "380× faster",
  );
}
const convert = processMs("convert");
const composerize = processMs("composerize");
if (convert) {
  row(
    "shipshape convert, one docker run command",
    composerize
      ? `${processText(convert)} · composerize ${processText(composerize)}: ${times(composerize.cpu / convert.cpu)} the CPU`
      : processText(convert),
  );
}
for (const [name, label] of [
  ["reject-auto", "detected"],
  ["reject-compose", "--input compose"],
  ["reject-run", "--input run"],
]) {
  const time = processMs(name);
  if (time) {
    row(
      `shipshape check, 20 MB run commands, ${label}: refused`,
      processText(time),
      name === "reject-auto" ? "0.52 s at 10 MB" : "",
      atMost(time.cpu, 5, "≤ 5 ms"),
    );
  }
}
const rejectComposeFile = processMs("reject-compose-file");
if (rejectComposeFile) {
  row("shipshape check, 20 MB Compose file: refused", processText(rejectComposeFile), "", atMost(rejectComposeFile.cpu, 5, "≤ 5 ms"));
}

// --- generated inputs -----------------------------------------------------------------
section = "Generated inputs (native · wasm in Node · wasm in Chromium)";
const before = {
  "compose-1mb": "2.7 s · 5.1 s wasm · 629 MB",
  "flow-10k": "0.54 s · 3.91 s wasm",
  "flow-100k": "> 60 s",
  "flags-10k": "1.23 s",
  "flags-100k": "> 60 s",
  "reject-run-auto": "0.52 s at 10 MB · 4.3 s wasm",
};
const bySlug = Object.fromEntries(scale.map((item) => [item.slug, item]));
for (const item of scale) {
  const nativeMs = item.micros / 1000;
  const nodeMs = node?.scale[item.slug];
  const chromiumMs = browser?.module.scale[item.slug];
  const wasmWorst = Math.max(nodeMs ?? Infinity, chromiumMs ?? -Infinity);
  const peak = item.peakBytes / item.bytes;
  const value = `${ms(nativeMs)} · ${ms(nodeMs)} · ${ms(chromiumMs)} · peak ${kb(item.peakBytes)} (${peak.toFixed(1)}× input) · report ${kb(item.reportBytes)}, ${item.diagnostics} findings`;
  let goal = null;
  if (item.slug === "compose-1mb") {
    goal = [
      "≤ 30 ms native, ≤ 60 ms wasm, peak ≤ 20× input",
      nativeMs <= 30 && wasmWorst <= 60 && peak <= 20,
    ];
  } else if (item.slug.endsWith("-100k")) {
    goal = ["≤ 20 ms", nativeMs <= 20 && wasmWorst <= 20];
  } else if (item.slug.startsWith("reject-")) {
    goal = ["≤ 5 ms on every surface", nativeMs <= 5 && wasmWorst <= 5];
  }
  row(`${item.label} (${kb(item.bytes)})${item.raisedLimits ? " †" : ""}`, value, before[item.slug] ?? "", goal);
}
const growth = (small, large, what) => {
  const [a, b] = [bySlug[small], bySlug[large]];
  if (!a || !b) return;
  row(
    `growth ${what}`,
    `input ${times(b.bytes / a.bytes)} → time ${times(b.micros / a.micros)} native${node ? `, ${times(node.scale[large] / node.scale[small])} Node` : ""}, peak ${times(b.peakBytes / a.peakBytes)}, report ${times(b.reportBytes / a.reportBytes)}`,
  );
};
growth("compose-100", "compose-10000", "100 → 10,000 services");
growth("compose-0.1mb", "compose-1mb", "0.1 → 1 MB");
growth("flow-10k", "flow-100k", "10k → 100k flow items");
growth("flags-10k", "flags-100k", "10k → 100k flags");

// --- wasm per file -------------------------------------------------------------------
section = "wasm per corpus file (each file's median)";
for (const [surface, figures, beforeText] of [
  ["Node", node, "0.27 ms median file · 3.9× native"],
  ["Chromium", browser?.module, ""],
]) {
  if (!figures) continue;
  row(
    `${surface}: compile + instantiate`,
    `${ms(figures.compileMs)} + ${ms(figures.instantiateMs)}`,
  );
  for (const kind of ["compose", "run"]) {
    const wasm = sorted(Object.entries(figures.perFile).filter(([name]) => name.startsWith(`${kind}/`)).map(([, time]) => time));
    const nativeTimes = nativeFiles(kind);
    const ratios = Object.entries(figures.perFile)
      .filter(([name]) => name.startsWith(`${kind}/`))
      .map(([name, time]) => time / (native.files[name] / 1000));
    const p50 = quantile(wasm, 0.5);
    const ratio = median(ratios);
    row(
      `${surface}: per ${kind} file p50 / p99`,
      `${ms(p50)} / ${ms(quantile(wasm, 0.99))} · ${times(ratio)} native (median of per-file ratios; p50 ${times(p50 / quantile(nativeTimes, 0.5))})`,
      kind === "compose" ? beforeText : "",
      kind === "compose" ? ["≤ 2× native, median file < 0.1 ms", ratio <= 2 && p50 < 0.1] : null,
    );
    row(`${surface}: whole ${kind} corpus`, `${ms(figures.corpus[kind])} · ${times(figures.corpus[kind] / corpusMs[kind])} native`);
  }
  row(`${surface}: re-analysis after the one-character edit`, `${ms(figures.editMs)} · ${times(figures.editMs / (edit.micros / 1000))} native`);
}
if (node?.conversions) {
  const { files, composerize: theirs, toCompose, failed } = node.conversions;
  row(
    `run → Compose in Node, per run file (${files} files${failed ? `, ${failed} composerize could not read` : ""}), p50`,
    `toCompose ${ms(median(toCompose))} · composerize ${ms(median(theirs))} (${times(median(theirs) / median(toCompose))})`,
  );
}

// --- sizes ---------------------------------------------------------------------------
section = "Sizes (raw · gzip -9 · brotli -11)";
function sizes(file) {
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
}
const sizeText = ({ raw, gzip, brotli }) => `${kib(raw)} · ${kib(gzip)} · ${kib(brotli)}`;
const module = sizes(new URL("pkg/shipshape_bg.wasm", root));
row("module (pkg/shipshape_bg.wasm)", sizeText(module), "593 KB · 235 KiB · 195 KiB", atMost(module.gzip, 150 * 1000, "≤ 150 KB gzip"));
const tarball = readdirSync(new URL("pkg/", root)).find((name) => name.endsWith(".tgz"));
if (tarball) row(`npm tarball (${tarball})`, `${kib(readFileSync(new URL(`pkg/${tarball}`, root)).length)} (gzip'd tar)`);
for (const [file, label, beforeText] of [
  ["web/dist/app.js", "page bundle (app.js)", "160 KB gzip"],
  ["web/dist/shipshape.html", "single-file page (shipshape.html)", "478 KB gzip"],
]) {
  const url = new URL(file, root);
  if (existsSync(url)) row(label, sizeText(sizes(url)), beforeText);
}

// --- the page ------------------------------------------------------------------------
section = "The page in Chromium (Performance API marks)";
if (browser?.page) {
  const { coldLoadMs, keystroke } = browser.page;
  const cold = median(coldLoadMs);
  row(`cold load to first result (median of ${coldLoadMs.length} fresh contexts)`, ms(cold), "", atMost(cold, 100, "< 100 ms"));
  const work = median(keystroke.workMs);
  row(
    `keystroke to underline, ${keystroke.file.replace("compose/", "")} (${keystroke.lines} lines, ${keystroke.underlines} underlines), median`,
    `${ms(work)} from the analysis start · ${ms(median(keystroke.totalMs))} from the keystroke (250 ms typing delay included)`,
    "",
    atMost(work, 16, "< 16 ms"),
  );
}

// --- output ---------------------------------------------------------------------------
const version = (command, ...args) => {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n")[0];
  } catch {
    return "not found";
  }
};
const packageVersion = (name) => {
  const file = new URL(`benches/peers/node_modules/${name}/package.json`, root);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : "not installed";
};
const tools = [
  `shipshape ${JSON.parse(readFileSync(new URL("pkg/package.json", root), "utf8")).version}`,
  version("rustc", "--version"),
  `node ${process.version}`,
  `Chromium ${browser?.version ?? "not run"}`,
  version("hyperfine", "--version"),
  version(new URL("venv/bin/compose-lint", benchDir).pathname, "--version"),
  `dclint ${packageVersion("dclint")}`,
  `composerize ${packageVersion("composerize")}`,
];
const cpus = os.cpus();
const header = [
  "# Benchmark results",
  "",
  `Commit ${version("git", "rev-parse", "--short", "HEAD")}${["", "not found"].includes(version("git", "status", "--porcelain", "--untracked-files=no")) ? "" : " (with local changes)"}.`,
  `Measured ${new Date().toISOString().replace(/\.\d+Z$/, "Z")} by \`make bench\` on ${cpus.length} cores (${cpus[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}.`,
  `Load average when the table was written: ${os.loadavg().map((load) => load.toFixed(1)).join(" / ")}: the machine is shared with other builds, so every time is an upper bound and whole-process times are the noisiest.`,
  "",
  `Tools: ${tools.join(" · ")}.`,
  "",
  "In-process times are CPU time, the median of repeated runs (natively the thread's CPU clock, in Node the process's), of the analysis, its report and the report's JSON, as the wasm exports return it; Chromium has no CPU clock (and a 100 µs one for wall time), so there each figure is the wall time per run of the fastest batch of runs lasting at least 2 ms. Processes: hyperfine's means of wall time and of user + system CPU time; the page: wall time from its Performance API marks, the noisiest figures here.",
  "† limits raised past the defaults (1 MiB, 5,000 services, 20,000 words per command) to measure growth beyond them; the 20 MB inputs keep the defaults, since refusing them is what they measure.",
  "\"Before\" is the figure in the performance issue, measured before this work on the same kind of machine.",
  "",
];
const table = ["| | Measure | Value | Before | Target | |", "|---|---|---|---|---|---|"];
let last = "";
for (const entry of rows) {
  const heading = entry.section === last ? "" : `**${entry.section}**`;
  last = entry.section;
  table.push(`| ${heading} | ${entry.measure} | ${entry.value} | ${entry.before} | ${entry.target} | ${entry.status} |`);
}
const footer = missing ? ["", "Not measured:", "", ...missing.split("\n").map((line) => `- ${line}`)] : [];
const text = `${[...header, ...table, ...footer].join("\n")}\n`;
writeFileSync(new URL("benches/RESULTS.md", root), text);
console.log(text);
