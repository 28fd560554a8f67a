// Edge runtime smoke test (scripts/pack-test.sh): runs the installed package in workerd,
// Cloudflare's runtime, through the entry its "workerd" export condition names, and
// checks its recovery from a trap (trap.mjs).
//   node workerd.mjs <path to the workerd binary>
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [workerd] = process.argv.slice(2);
const packageDir = "node_modules/shipshape/";
const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, "utf8"));
const entry = packageDir + manifest.exports["."].workerd.replace(/^\.\//, "");

writeFileSync(
  "worker.js",
  `import { checkRecovery } from "./trap.mjs";
import * as shipshape from "./${entry}";
import { checkCodes, compose, run } from "./fixtures.mjs";

export default {
  async test() {
    for (const [kind, text] of [["compose", compose], ["run", run]]) {
      console.log(\`workerd \${kind}: codes \${checkCodes(kind, shipshape.analyze(text)).join(" ")}\`);
    }
    console.log(\`workerd trap: \${checkRecovery(shipshape)}\`);
  },
};
`,
);

// workerd loads exactly the modules its configuration lists, named by path.
const modules = [
  ["worker.js", "esModule"],
  ["fixtures.mjs", "esModule"],
  ["trap.mjs", "esModule"],
  ["trap-hook.mjs", "esModule"],
  [entry, "esModule"],
  [`${packageDir}entries/api.js`, "esModule"],
  [`${packageDir}shipshape.js`, "esModule"],
  [`${packageDir}shipshape_bg.wasm`, "wasm"],
];
writeFileSync(
  "workerd.capnp",
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
);
const worker :Workerd.Worker = (
  modules = [
${modules.map(([name, type]) => `    (name = "${name}", ${type} = embed "${name}"),`).join("\n")}
  ],
  compatibilityDate = "2025-01-01",
);
`,
);
execFileSync(workerd, ["test", "--verbose", "workerd.capnp"], { stdio: "inherit" });
console.log("workerd: ok");
