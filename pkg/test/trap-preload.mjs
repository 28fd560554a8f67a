// Fault injection for a Node server that runs the package (`node --import`, as the
// language server's test does): trap-hook.mjs, armed by SIGUSR2, so that a test can
// make the module trap in the middle of the server's next analysis.
import { trapAtNextImport } from "./trap-hook.mjs";

process.on("SIGUSR2", trapAtNextImport);
