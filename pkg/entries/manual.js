// For a caller that loads the module itself (a page opened from `file://`, a worker
// handed the compiled module): the same API as the other entries, uninitialised, with
// wasm-bindgen's `init` (async, the default export) and `initSync`.
export { default } from "../shipshape.js";
export * from "./api.js";
