#!/usr/bin/env bash
# Builds the WebAssembly module into pkg/: cargo (release, wasm32) -> wasm-bindgen
# (--target web; pkg/entries/ add the per-runtime initialisation and the recovery from
# a trap) -> wasm-opt -Oz, the rule documentation as HTML into pkg/docs/rules/ (the
# module carries none), and the native CLI built for WASI as pkg/bin/shipshape.wasm
# (what `npx shipshape` runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh rust-wasm rust-wasm-nightly wasm-bindgen npm-tools

# The dated nightly of scripts/wasm-toolchain recompiles the standard library for the
# module, so that panics abort on the spot: no panic messages, locations or formatting
# behind them (the module has no console to print them to). Debug formatting prints
# nothing: the library formats values for users through Display only. The standard
# library is built for size (`optimize_for_size`: smaller sorts and formatting, same
# results; 2.7 KB gzip). The test suites (scripts/wasm-test.sh) build with stable Rust
# and keep their panic messages.
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
    cargo "+$(cat scripts/wasm-toolchain)" build --lib --profile wasm-release \
    --target wasm32-unknown-unknown --no-default-features -Zbuild-std=std,panic_abort \
    -Zbuild-std-features=optimize_for_size
wasm-bindgen --target web --out-dir pkg --out-name shipshape \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/shipshape.wasm"
# After a trap the package makes a new instance (pkg/entries/api.js), but the glue
# keeps the instance it made: it is given a way to let go of it and instantiate the
# module it compiled again.
grep -q '^let wasmModule, wasmInstance, wasm;$' pkg/shipshape.js || {
    echo "wasm-build: the glue no longer declares 'let wasmModule, wasmInstance, wasm;': update reinstantiate below" >&2
    exit 1
}
cat >>pkg/shipshape.js <<'EOF'

/** Makes a new instance of the module compiled last, for after a trap. */
export function reinstantiate() {
    const module = wasmModule;
    wasm = undefined;
    return initSync({ module });
}
EOF
# wasm-opt takes the enabled features from the module's `target_features` section;
# --converge repeats -Oz while it still shrinks the module (about 1 KB gzip, 10 s).
# --flatten --rereloop first rebuilds the control flow that -Oz then shrinks (1.5 KB
# gzip). --low-memory-unused lets constant offsets fold into loads and stores (2.3 KB
# gzip): the first KiB of memory is the far end of the 1 MiB stack, below the data,
# which nothing reaches.
scripts/node_modules/.bin/wasm-opt --flatten --rereloop -Oz --converge --low-memory-unused \
    --strip-debug --strip-producers \
    --strip-target-features pkg/shipshape_bg.wasm -o pkg/shipshape_bg.wasm

# The command line: the same program as the native binary, so the npm package's
# `shipshape` has its commands, flags, output and exit status by construction.
cargo build --bin shipshape --profile wasm-release --target wasm32-wasip1
scripts/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    "${CARGO_TARGET_DIR:-target}/wasm32-wasip1/wasm-release/shipshape.wasm" -o pkg/bin/shipshape.wasm

rm -rf pkg/docs
cargo run --quiet --bin shipshape -- docs --out pkg/docs/rules
