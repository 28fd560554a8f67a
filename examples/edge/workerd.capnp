# workerd configuration for worker.js: `npx workerd serve workerd.capnp` listens on
# 127.0.0.1:8787 (`--socket-addr http=HOST:PORT` moves it). workerd reads no
# node_modules (wrangler would bundle them), so the package's workerd entry, the API
# it exports, its JS glue and its module are listed under the names the imports resolve
# to: a bare `shipshape` from `edge/worker.js` is `edge/shipshape`, its `./api.js` is
# `edge/api.js`, and `../shipshape.js` and `../shipshape_bg.wasm` are top-level names.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "edge/worker.js", esModule = embed "worker.js"),
    (name = "edge/shipshape", esModule = embed "node_modules/shipshape/entries/workerd.js"),
    (name = "edge/api.js", esModule = embed "node_modules/shipshape/entries/api.js"),
    (name = "shipshape.js", esModule = embed "node_modules/shipshape/shipshape.js"),
    (name = "shipshape_bg.wasm", wasm = embed "node_modules/shipshape/shipshape_bg.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
