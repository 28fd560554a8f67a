// The wasm module in headless Chromium (Debian's /usr/bin/chromium through the page's
// playwright-core; no browser is downloaded), measured as in Node, and the page
// itself: cold load to its first result and keystroke to underline on the largest
// Compose file of the corpus, both from the page's Performance API marks. Writes
// target/bench/browser.json for scripts/bench-report.mjs.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  benchDir,
  corpusFiles,
  measureModule,
  medianMs,
  oneCharacterEdit,
  raisedLimits,
  root,
  scaleCases,
} from "../benches/js/common.mjs";

const requireFromWeb = createRequire(new URL("web/package.json", root));
const { chromium } = requireFromWeb("playwright-core");
const { serve } = await import(new URL("web/serve.mjs", root));

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"];
const COLD_LOADS = 5;
const KEYSTROKES = 15;
// Cross-origin isolated, as a page that wants a finer clock would be.
const ISOLATED = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const results = { version: browser.version(), module: await moduleFigures(), page: await pageFigures() };
  writeFileSync(new URL("browser.json", benchDir), JSON.stringify(results, null, 2));
  console.log(`wasm in Chromium ${results.version}: done`);
} finally {
  await browser.close();
}

/** The module alone in a blank page: compile, instantiate, then what Node measures. */
async function moduleFigures() {
  const origin = "http://bench.invalid";
  const context = await browser.newContext();
  await context.route(`${origin}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === "/") return route.fulfill({ contentType: "text/html", headers: ISOLATED, body: "<!doctype html><title>bench</title>" });
    const file = pathname.startsWith("/bench/")
      ? new URL(pathname.slice("/bench/".length), benchDir)
      : new URL(`pkg/${pathname.slice(1)}`, root);
    const contentType = pathname.endsWith(".wasm") ? "application/wasm" : "text/javascript";
    return route.fulfill({ contentType, headers: ISOLATED, body: readFileSync(file) });
  });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  const files = corpusFiles();
  const largest = files.filter((file) => file.kind === "compose").reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const figures = await page.evaluate(
    async ({ files, cases, raised, edited, source }) => {
      // The measuring functions of benches/js/common.mjs, sent as source text.
      const measureModule = new Function(`${source}; return measureModule;`)();
      // Through the package's entry, as a page or worker calls it.
      const glue = await import("/entries/manual.js");
      const bytes = await (await fetch("/shipshape_bg.wasm")).arrayBuffer();
      let started = performance.now();
      const module = await WebAssembly.compile(bytes);
      const compileMs = performance.now() - started;
      started = performance.now();
      glue.initSync({ module });
      const instantiateMs = performance.now() - started;
      const inputs = {};
      for (const item of cases) inputs[item.slug] = await (await fetch(`/bench/inputs/${item.slug}.txt`)).text();
      return { compileMs, instantiateMs, ...measureModule(glue, files, cases, inputs, raised, edited, () => performance.now(), true) };
    },
    {
      files,
      cases: scaleCases(),
      raised: raisedLimits(),
      edited: { name: largest.name, text: oneCharacterEdit(largest.text) },
      source: `${medianMs}\n${measureModule}`,
    },
  );
  await context.close();
  return figures;
}

/** The built page (web/dist) served on localhost, as `make serve` does. */
async function pageFigures() {
  const distDir = path.join(fileURLToPath(root), "web/dist");
  const server = await serve(distDir, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    const coldLoads = [];
    for (let i = 0; i < COLD_LOADS; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      coldLoads.push(await markTime(page, "shipshape:first-result"));
      await context.close();
    }
    coldLoads.sort((a, b) => a - b);

    const files = corpusFiles();
    const largest = files.filter((file) => file.kind === "compose").reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await markTime(page, "shipshape:first-result");
    const content = page.locator("#editor .cm-content");
    await content.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(largest.text);
    await page.locator('#report[aria-busy="false"]').waitFor();
    const underlines = await page.locator("#editor .cm-lintRange").count();
    const keystrokes = [];
    for (let i = 0; i < KEYSTROKES; i += 1) {
      await page.evaluate(() => performance.clearMarks());
      await page.keyboard.press(i % 2 === 0 ? "x" : "Backspace");
      await page.waitForFunction(() => performance.getEntriesByName("shipshape:underlined").length > 0);
      keystrokes.push(
        await page.evaluate(() => {
          const at = (name) => performance.getEntriesByName(name).at(-1).startTime;
          const edit = at("shipshape:edit");
          return { total: at("shipshape:underlined") - edit, work: at("shipshape:underlined") - at("shipshape:analyse") };
        }),
      );
    }
    await context.close();
    const sorted = (key) => keystrokes.map((entry) => entry[key]).sort((a, b) => a - b);
    return {
      coldLoadMs: coldLoads,
      keystroke: { file: largest.name, lines: largest.text.split("\n").length - 1, underlines, totalMs: sorted("total"), workMs: sorted("work") },
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The time of mark `name` since the page's navigation started, once it is set. */
async function markTime(page, name) {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout: 60_000 });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, name);
}
