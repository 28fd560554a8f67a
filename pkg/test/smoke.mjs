// Runs in a folder where the packed package is installed (scripts/pack-test.sh):
// imports it by name like a user would, prints the findings and checks them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyze, analyzeRun, defaultConfig, rules, version } from "shipshape";
import { checkCodes, compose, run } from "./fixtures.mjs";

assert.match(import.meta.resolve("shipshape"), /\/node_modules\/shipshape\/entries\/node\.js$/);
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
assert.ok(rules().some((rule) => rule.code === "PRIV-001"));
assert.throws(() => analyzeRun(run, { profile: "strict" }), {
  name: "Error",
  message:
    "invalid options: `profile`: unknown profile `strict`; expected one of default, baseline, restricted, cis; did you mean `restricted`?",
});
console.log("node: ok");
