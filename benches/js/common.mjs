// What the wasm benchmarks in Node and in Chromium share: the corpus and the generated
// inputs on disk, and how a time is measured (the median of runs that fill a budget,
// as benches/corpus.rs does natively).
import { readdirSync, readFileSync } from "node:fs";

export const root = new URL("../../", import.meta.url);
export const benchDir = new URL("target/bench/", root);
export const corpusDir = new URL("../shared/corpus/real/", root);

/** Every corpus file as { name: "compose/<file>", kind, text }, each folder sorted. */
export function corpusFiles() {
  return ["compose", "run"].flatMap((kind) =>
    readdirSync(new URL(`${kind}/`, corpusDir))
      .sort()
      .map((file) => ({ name: `${kind}/${file}`, kind, text: readFileSync(new URL(`${kind}/${file}`, corpusDir), "utf8") })),
  );
}

/** The generated inputs benches/scale.rs wrote, with their native figures. */
export function scaleCases() {
  return JSON.parse(readFileSync(new URL("scale.json", benchDir), "utf8"));
}

export function raisedLimits() {
  return JSON.parse(readFileSync(new URL("inputs/raised-limits.json", benchDir), "utf8"));
}

/** The largest Compose file with one character doubled in its middle, as benches/corpus.rs edits it. */
export function oneCharacterEdit(text) {
  const middle = Math.floor(text.length / 2);
  const offset = text.slice(middle).search(/[A-Za-z]/);
  const at = offset < 0 ? text.length : middle + offset;
  return text.slice(0, at) + (text[at] ?? " ") + text.slice(at);
}

/**
 * Node's clock for the measurements: the process's CPU time in milliseconds, as the
 * native benchmarks count the thread's, since the machine is shared with other builds.
 */
export function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// The functions below are also sent into the browser page (as source text), so they
// use nothing but the language and `performance`.

/**
 * Milliseconds of `run()` on `clock` over at least `minRuns` runs filling `budgetMs`:
 * their median, or with `fastest` their minimum (in a browser, which has no CPU clock,
 * the fastest run is the one the other processes interrupted least).
 */
export function medianMs(run, budgetMs = 100, minRuns = 5, clock = () => performance.now(), fastest = false) {
  // A browser's clock ticks every 100 µs: there runs are timed in batches of at least
  // 2 ms, each time the batch's share.
  let batch = 1;
  while (fastest && batch < 4096) {
    const once = clock();
    for (let i = 0; i < batch; i += 1) run();
    if (clock() - once >= 2) break;
    batch *= 2;
  }
  const times = [];
  const start = clock();
  while (times.length < minRuns || clock() - start < budgetMs) {
    const once = clock();
    for (let i = 0; i < batch; i += 1) run();
    times.push((clock() - once) / batch);
  }
  times.sort((a, b) => a - b);
  return fastest ? times[0] : times[Math.floor(times.length / 2)];
}

/** The `q` quantile of sorted numbers (nearest rank), as in benches/corpus.rs. */
export function quantile(sorted, q) {
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/**
 * The module's figures, wherever it runs: per-file medians, whole-corpus and edit
 * times, the generated inputs. `api` holds analyzeCompose, analyzeRun, analyze;
 * `inputs` maps a generated input's slug to its text; `clock` and `fastest` as for
 * `medianMs`.
 */
export function measureModule(api, files, cases, inputs, raised, edited, clock, fastest) {
  const analyzers = { compose: api.analyzeCompose, run: api.analyzeRun, auto: api.analyze };
  const time = (run, budgetMs = 100, minRuns = 5) => medianMs(run, budgetMs, minRuns, clock, fastest);
  const perFile = {};
  for (const file of files) {
    perFile[file.name] = time(() => analyzers[file.kind](file.text, { fileName: file.name }));
  }
  const corpus = {};
  for (const kind of ["compose", "run"]) {
    const folder = files.filter((file) => file.kind === kind);
    corpus[kind] = time(
      () => {
        for (const file of folder) analyzers[kind](file.text, { fileName: file.name });
      },
      1000,
    );
  }
  const editMs = time(() => api.analyzeCompose(edited.text, { fileName: edited.name }));
  const scale = {};
  for (const item of cases) {
    const options = item.raisedLimits ? { config: raised } : {};
    const text = inputs[item.slug];
    scale[item.slug] = time(() => analyzers[item.input](text, options), 500, 1);
  }
  return { perFile, corpus, editMs, scale };
}
