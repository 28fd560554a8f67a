// The API of the other entries, uninitialised, with wasm-bindgen's `init` (default).
export type * from "./index.js";
export * from "./index.js";
export { default } from "../shipshape.js";
