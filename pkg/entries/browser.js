// Browsers, web workers and bundlers: fetch and instantiate the module next to this
// file (bundlers see the `new URL(..., import.meta.url)` and ship the .wasm as an
// asset), before the importing module runs.
import init from "../shipshape.js";

await init({ module_or_path: new URL("../shipshape_bg.wasm", import.meta.url) });

export * from "./api.js";
