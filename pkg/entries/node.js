// Node.js (and Deno, Bun): read the module from disk and instantiate it synchronously,
// so the API is ready as soon as the import resolves.
import { readFileSync } from "node:fs";
import { initSync } from "../shipshape.js";

initSync({ module: readFileSync(new URL("../shipshape_bg.wasm", import.meta.url)) });

export * from "./api.js";
