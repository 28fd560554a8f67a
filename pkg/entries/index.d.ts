// Every entry exports the same API, ready to call: see ../shipshape.d.ts.
export * from "../shipshape.js";
