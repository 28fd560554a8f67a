#!/usr/bin/env bash
# `make bench`: native time per corpus file, then the wasm module's time in Node next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/corpus/real ]; then
    echo "bench: no corpus at ../shared/corpus/real" >&2
    exit 1
fi
cargo bench --bench corpus
cargo bench --bench hostile
node scripts/bench.mjs
