#!/usr/bin/env bash
# Runs the wasm-bindgen-test suites (tests/wasm_*.rs) in Node or in headless Chromium:
#   scripts/wasm-test.sh node|chromium
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=${1:?usage: scripts/wasm-test.sh node|chromium}
scripts/ensure-tools.sh rust-wasm wasm-bindgen node
case "$runtime" in
node) ;;
chromium)
    scripts/ensure-tools.sh chromium
    export WASM_BINDGEN_USE_BROWSER=1
    CHROMEDRIVER=$(command -v chromedriver)
    export CHROMEDRIVER WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/scripts/webdriver.json
    ;;
*)
    echo "wasm-test: unknown runtime $runtime" >&2
    exit 2
    ;;
esac

if [ ! -d ../shared/corpus/real ]; then
    echo "wasm-test: no corpus at ../shared/corpus/real: the corpus comparison checks nothing" >&2
fi
# The native half of tests/wasm_corpus.rs writes the reports its wasm half compares with.
cargo test --quiet --test wasm_corpus
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm_api --test wasm_corpus --test wasm_hostile
