// Browser smoke test (scripts/pack-test.sh): serves the folder where the packed package
// is installed and loads a page that imports it through an import map, as the README
// shows, in headless Chromium; the page writes the codes it found into the DOM, and
// whether the package recovered from a trap (trap.mjs).
//   node browser.mjs <path to chromium>
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname } from "node:path";
import { expectedCodes } from "./fixtures.mjs";

const [chromium] = process.argv.slice(2);
await writeFile(
  "index.html",
  `<!doctype html>
<script type="importmap">{ "imports": { "shipshape": "./node_modules/shipshape/entries/browser.js" } }</script>
<script type="module">
  // The trap hook first, so that it wraps the package's instance.
  import { checkRecovery } from "./trap.mjs";
  import * as shipshape from "shipshape";
  import { checkCodes, compose, run } from "./fixtures.mjs";
  const lines = [];
  for (const [kind, text] of [["compose", compose], ["run", run]]) {
    try {
      lines.push(\`\${kind}: \${checkCodes(kind, shipshape.analyze(text)).join(" ")}\`);
    } catch (error) {
      lines.push(\`\${kind}: FAILED \${error.message}\`);
    }
  }
  try {
    const big = shipshape.analyze("services:\\n".repeat(2 << 20));
    lines.push(\`20 MB: \${big.diagnostics.map((d) => d.code).join(" ")}\`);
  } catch (error) {
    lines.push(\`20 MB: FAILED \${error.message}\`);
  }
  try {
    checkRecovery(shipshape);
    lines.push("trap: recovered");
  } catch (error) {
    lines.push(\`trap: FAILED \${error.message}\`);
  }
  document.body.dataset.result = lines.join("; ");
</script>
`,
);

const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
const server = createServer(async (request, response) => {
  try {
    const body = await readFile(`.${new URL(request.url, "http://localhost").pathname}`);
    response.writeHead(200, { "content-type": types[extname(request.url)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/index.html`;
// Asynchronous, so that this process keeps serving while Chromium loads the page.
const dom = await new Promise((resolve, reject) =>
  execFile(
    chromium,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--virtual-time-budget=10000",
      "--dump-dom",
      url,
    ],
    { timeout: 60_000 },
    (error, stdout) => (error ? reject(error) : resolve(stdout)),
  ),
);
server.close();
const result = /data-result="([^"]*)"/.exec(dom)?.[1];
const expected = `compose: ${expectedCodes.compose.join(" ")}; run: ${expectedCodes.run.join(" ")}; 20 MB: SYN-005; trap: recovered`;
if (result !== expected) {
  throw new Error(`browser: expected "${expected}", got "${result}"`);
}
console.log(`browser: ${result}`);
console.log("browser: ok");
