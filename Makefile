# shipshape — build, serve and test everything from a fresh checkout.
# `make serve` builds the page and serves it; `make test` runs every test.

SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test test-native fmt-check lint

# insta snapshot tests (tests/snapshots/) fail on a mismatch and write nothing;
# `INSTA_UPDATE=always cargo test --test NAME` rewrites them after a deliberate change.
export INSTA_UPDATE ?= no

test: test-native test-wasm test-web test-integrations

# --nocapture so that CI logs show the figures the corpus, conformance and docs
# tests print (and their "skipped" lines when ../shared is absent).
test-native: fmt-check lint
	@[ -d ../shared ] || echo "note: ../shared not found: corpus and peer conformance tests are skipped"
	$(CARGO) test --all-targets -- --nocapture

fmt-check:
	$(CARGO) fmt --check

# Clippy on the native targets and on the wasm module (its binding layer only
# compiles for wasm32), warnings as errors.
lint:
	$(CARGO) clippy --all-targets -- -D warnings
	scripts/ensure-tools.sh rust-wasm
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings

# Coverage-guided fuzzing (nightly Rust + cargo-fuzz, installed when missing): every
# target in fuzz/ for FUZZ_SECONDS each, seeded from ../shared and tests/fuzz_regressions/.
# Not part of `make test`; the property tests (tests/properties.rs) are.
.PHONY: fuzz
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# --- The WebAssembly module and the npm package (pkg/) --------------------------
# `make wasm` builds pkg/ (module, JS glue, declarations); scripts/ensure-tools.sh
# installs what a fresh machine lacks (wasm32 target, wasm-bindgen CLI, node tools,
# chromium), so every target below runs from a clean checkout.

.PHONY: wasm test-wasm test-wasm-node test-wasm-chromium test-types test-size test-pack bench

WASM_MODULE := pkg/shipshape_bg.wasm

wasm: $(WASM_MODULE)

$(WASM_MODULE): Cargo.toml Cargo.lock $(shell find src -type f) scripts/wasm-build.sh scripts/package-lock.json
	scripts/wasm-build.sh

test-wasm: test-wasm-node test-wasm-chromium test-types test-size test-pack

# wasm-bindgen-test suites (tests/wasm_*.rs), in Node and in headless Chromium.
test-wasm-node:
	scripts/wasm-test.sh node

test-wasm-chromium:
	scripts/wasm-test.sh chromium

test-types: $(WASM_MODULE)
	scripts/types-test.sh

test-size: $(WASM_MODULE)
	scripts/size-budget.sh

test-pack: $(WASM_MODULE)
	scripts/pack-test.sh

# One table of every figure (native in-process and as processes, wasm in Node and in
# headless Chromium, the page, sizes, compose-lint / dclint / composerize on the same
# inputs) next to its target, printed and written to benches/RESULTS.md. Not part of
# `make test`; installs the peers under target/bench/ and benches/peers/.
bench: web
	scripts/bench.sh


# --- The web page (web/) ----------------------------------------------------------
# `make web` builds web/dist/: the served page (index.html, app.js, worker.js, the
# module, the rule pages under docs/rules/) and the self-contained shipshape.html
# that works from file://. The page depends on pkg/ as an npm package
# (web/package.json: "shipshape": "file:../pkg").

.PHONY: web serve test-web

PORT ?= 8080
WEB_DEPS := web/node_modules/.package-lock.json

$(WEB_DEPS): web/package.json web/package-lock.json
	scripts/ensure-tools.sh node
	cd web && npm ci --no-audit --no-fund

web: wasm $(WEB_DEPS)
	cd web && node build.mjs

serve: web
	cd web && node serve.mjs --port $(PORT)

# Lint and format check (Biome), then end-to-end tests of both builds in headless
# Chromium; screenshots go to web/test-artifacts/.
test-web: web
	cd web && node_modules/.bin/biome ci --colors=off .
	scripts/ensure-tools.sh chromium
	cd web && node --test tests/


# --- Editor, npm CLI and edge integrations --------------------------------------
# The VS Code extension and its language server (editors/vscode/), the npm CLI
# (pkg/bin/) and the edge worker (examples/edge/), each tested with a real client:
# a JSON-RPC client over stdio, npx from the packed tarball, HTTP requests to workerd
# and Deno on 127.0.0.1. `make vsix` packs the extension into
# editors/vscode/shipshape.vsix.

.PHONY: test-integrations lint-js test-editor vsix test-npm-cli test-edge

EDITOR_DEPS := editors/vscode/node_modules/.package-lock.json
EDGE_DEPS := examples/edge/node_modules/.package-lock.json

$(EDITOR_DEPS): editors/vscode/package.json editors/vscode/package-lock.json
	scripts/ensure-tools.sh node
	cd editors/vscode && npm ci --no-audit --no-fund

# workerd and Deno, both from npm.
$(EDGE_DEPS): examples/edge/package.json examples/edge/package-lock.json
	scripts/ensure-tools.sh node
	cd examples/edge && npm ci --no-audit --no-fund

test-integrations: lint-js test-editor vsix test-npm-cli test-edge

# Biome (lint and format) and `tsc --checkJs` over the JavaScript.
lint-js: $(WASM_MODULE) $(EDITOR_DEPS) $(EDGE_DEPS)
	scripts/ensure-tools.sh npm-tools
	scripts/node_modules/.bin/biome ci --colors=off --config-path=scripts/biome.json editors/vscode pkg/bin examples/edge
	scripts/node_modules/.bin/tsc -p editors/vscode
	scripts/node_modules/.bin/tsc -p examples/edge
	scripts/node_modules/.bin/tsc -p pkg/test/bin.tsconfig.json

test-editor: $(WASM_MODULE) $(EDITOR_DEPS)
	cd editors/vscode && node --test test/

vsix: $(WASM_MODULE) $(EDITOR_DEPS)
	scripts/vsix.sh

# `npx shipshape` from the packed tarball in an empty folder, against the native CLI.
test-npm-cli: $(WASM_MODULE)
	scripts/npm-cli-test.sh

# The edge worker in workerd and in Deno, with real requests on 127.0.0.1.
test-edge: $(WASM_MODULE) $(EDGE_DEPS)
	cd examples/edge && node --test test/
