// Runs in a folder where the packed package is installed (scripts/pack-test.sh):
// imports it by name like a user would, prints the findings and checks them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyze, analyzeRun, defaultConfig, harden, rules, toCompose, version } from "shipshape";
import { checkCodes, compose, run } from "./fixtures.mjs";

assert.match(import.meta.resolve("shipshape"), /\/node_modules\/shipshape\/entries\/node\.js$/);
// The entry guards each of the module's functions (entries/api.js): none is left out
// but those the entries call themselves; `shipshape/manual` has the same, plus `init`.
const entry = await import("shipshape");
const manual = await import("shipshape/manual");
const packageRoot = new URL(".", import.meta.resolve("shipshape/package.json"));
const glueSource = readFileSync(new URL("shipshape.js", packageRoot), "utf8");
const glueFunctions = [
  ...[...glueSource.matchAll(/^export function (\w+)/gm)].map((match) => match[1]),
  // `export { initSync, __wbg_init as default };`: the default is `init`, not guarded.
  ...[...glueSource.matchAll(/^export \{([^}]*)\}/gm)].flatMap((match) =>
    match[1]
      .split(",")
      .map((name) => name.trim())
      .filter((name) => !name.includes(" as ")),
  ),
].filter((name) => name !== "reinstantiate" && name !== "refusedReport");
const functions = (api) => Object.keys(api).filter((name) => typeof api[name] === "function");
assert.deepEqual(functions(entry), glueFunctions.sort());
assert.deepEqual(functions(manual), ["default", ...glueFunctions].sort());
const manifest = JSON.parse(readFileSync(new URL(import.meta.resolve("shipshape/package.json")), "utf8"));
assert.equal(version(), manifest.version);

for (const [kind, text, fileName] of [["compose", compose, "compose.yaml"], ["run", run, "run.sh"]]) {
  const report = analyze(text, { fileName });
  assert.equal(report.input, kind);
  for (const { range, code, severity, message } of report.diagnostics) {
    console.log(`${fileName}:${range.start.line}:${range.start.column} ${code} ${severity} ${message}`);
  }
  console.log(`${fileName}: grade ${report.summary.grade}, codes ${checkCodes(kind, report).join(" ")}`);
}

assert.equal(defaultConfig().profile, "default");
const privileged = rules().find((rule) => rule.code === "PRIV-001");
// The rule docs ship as HTML: the page a `url` names, and the fragments file.
const page = readFileSync(new URL(privileged.url.split("#")[0], packageRoot), "utf8");
assert.match(page, /<h1 id="privileged-container"><code>PRIV-001<\/code> privileged-container<\/h1>/);
const fragments = JSON.parse(readFileSync(new URL(import.meta.resolve("shipshape/docs/rules/docs.json")), "utf8"));
const linked = rules({ docsUrl: "https://example.com/rules/" }).find((rule) => rule.code === "PRIV-001");
assert.equal(linked.url, "https://example.com/rules/priv-001.html#privileged-container");
assert.match(fragments["PRIV-001"], /^<h4 id="what-it-does">What it does<\/h4>/);
assert.throws(() => analyzeRun(run, { profile: "strict" }), {
  name: "Error",
  message:
    "invalid options: `profile`: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?",
});
// Hardened output and run commands as Compose, through the same entry.
const hardened = harden("services:\n  app:\n    image: nginx:1.27\n    privileged: true\n", { unsafe: true });
assert.equal(hardened.text, "services:\n  app:\n    image: nginx:1.27\n    privileged: false\n");
assert.deepEqual(
  hardened.changes.map(({ code, range }) => `${code} ${range.start.line}:${range.start.column}`),
  ["PRIV-001 4:17"],
);
const converted = toCompose("docker run -v /var/run/docker.sock:/var/run/docker.sock nginx\n");
assert.equal(
  converted.compose,
  "services:\n  nginx:\n    image: nginx\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
);
assert.deepEqual(converted.diagnostics.map((d) => d.code), ["MNT-001"]);
assert.deepEqual(analyze(converted.compose).diagnostics.map((d) => d.code), ["MNT-001"]);
console.log("node: ok");
