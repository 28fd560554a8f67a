// Every entry exports the same API, ready to call: see ../shipshape.d.ts. The module's
// own `refusedReport` is what the entries call before copying a long text in.
export type * from "../shipshape.js";
export {
  analyze,
  analyzeCompose,
  analyzeProject,
  analyzeRun,
  applyFixes,
  defaultConfig,
  harden,
  initSync,
  rules,
  toCompose,
  version,
} from "../shipshape.js";
