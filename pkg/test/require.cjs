// Runs in a folder where the packed package is installed (scripts/pack-test.sh), as a
// CommonJS module: `require("shipshape")` loads the Node entry, an ES module without
// top-level await, which Node loads synchronously from the versions the package's
// README and `engines` name. Fails on an older Node rather than pass unseen.
"use strict";
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const path = require("node:path");

const manifest = JSON.parse(readFileSync(path.join(__dirname, "node_modules/shipshape/package.json"), "utf8"));
// `engines.node` is a list of `^MAJOR.MINOR.0` and `>=MAJOR.MINOR.0` ranges.
const [major, minor] = process.versions.node.split(".").map(Number);
const satisfied = manifest.engines.node.split("||").some((range) => {
  const [, operator, lowMajor, lowMinor] = range.trim().match(/^(\^|>=)(\d+)\.(\d+)\.0$/);
  if (operator === "^") return major === Number(lowMajor) && minor >= Number(lowMinor);
  return major > Number(lowMajor) || (major === Number(lowMajor) && minor >= Number(lowMinor));
});
assert.ok(satisfied, `Node ${process.versions.node} is not in engines.node (${manifest.engines.node})`);

const shipshape = require("shipshape");
assert.match(require.resolve("shipshape"), /[\\/]entries[\\/]node\.js$/);
assert.equal(shipshape.version(), manifest.version);
const report = shipshape.analyze("docker run --privileged --pid host alpine\n");
assert.deepEqual(
  report.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column}`),
  ["PRIV-001 1:12", "NS-001 1:31"],
);
const fixed = shipshape.applyFixes("docker run --privileged alpine\n", shipshape.analyzeRun("docker run --privileged alpine\n").diagnostics, { unsafe: true });
assert.equal(fixed.applied.length, 1);
console.log(`require: ok on Node ${process.versions.node} (engines: ${manifest.engines.node})`);
