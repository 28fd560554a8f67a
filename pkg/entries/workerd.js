// Cloudflare Workers (workerd): the runtime cannot fetch files, but it imports a .wasm
// module as a compiled `WebAssembly.Module` (wrangler's default rule for `*.wasm`).
import wasmModule from "../shipshape_bg.wasm";
import { initSync } from "../shipshape.js";

initSync({ module: wasmModule });

export * from "./api.js";
