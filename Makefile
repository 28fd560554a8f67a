# shipshape — build, serve and test everything from a fresh checkout.
# `make serve` builds the page and serves it; `make test` runs every test.

SHELL := /bin/bash
CARGO ?= cargo

.PHONY: test test-native fmt-check

test: test-native test-wasm

test-native: fmt-check
	$(CARGO) test --all-targets

fmt-check:
	$(CARGO) fmt --check

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

# wasm-in-Node time per corpus file next to the native time, and the instantiate time.
bench: $(WASM_MODULE)
	scripts/bench.sh

