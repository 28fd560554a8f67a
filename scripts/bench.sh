#!/usr/bin/env bash
# `make bench`: every figure of benches/RESULTS.md in one run. Natively (in-process
# and as whole processes), the wasm module in Node and in headless Chromium, the page,
# the sizes, and the peers on the same inputs; scripts/bench-report.mjs prints the
# table and writes benches/RESULTS.md. What cannot be installed is left out and said.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/corpus/real ]; then
    echo "bench: no corpus at ../shared/corpus/real" >&2
    exit 1
fi
out=target/bench
mkdir -p "$out/hyperfine"
: >"$out/missing.txt"
missing() { echo "$*" | tee -a "$out/missing.txt" >&2; }

# --- tools ------------------------------------------------------------------------
# hyperfine 1.20 (2.x needs a newer rustc than the project's).
if ! command -v hyperfine >/dev/null; then
    cargo install hyperfine --version 1.20.0 --locked || missing "hyperfine: cargo install failed"
fi
# compose-lint from PyPI in a virtual environment of its own.
compose_lint="$out/venv/bin/compose-lint"
if [ ! -x "$compose_lint" ]; then
    { python3 -m venv "$out/venv" && "$out/venv/bin/pip" install --quiet compose-lint==0.36.2; } ||
        missing "compose-lint: pip install failed"
fi
# dclint and composerize from npm, pinned in benches/peers/package-lock.json.
if [ ! -f benches/peers/node_modules/.package-lock.json ] ||
    [ benches/peers/package-lock.json -nt benches/peers/node_modules/.package-lock.json ]; then
    (cd benches/peers && npm ci --no-audit --no-fund) || missing "dclint, composerize: npm ci failed"
fi

# --- native, in-process -------------------------------------------------------------
cargo build --release --bin shipshape
cargo bench --bench corpus
cargo bench --bench scale
shipshape="${CARGO_TARGET_DIR:-target}/release/shipshape"

# --- wasm in Node and Chromium, the page --------------------------------------------
node scripts/bench.mjs
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    node scripts/bench-browser.mjs || missing "Chromium: the browser benchmark failed"
else
    missing "Chromium: ${CHROMIUM:-/usr/bin/chromium} not found"
fi

# --- whole processes (hyperfine) ----------------------------------------------------
# A non-zero exit is what a linter with findings returns: ignored (-i).
compose_files=(../shared/corpus/real/compose/*)
run_files=(../shared/corpus/real/run/*)
quoted() { printf '%q ' "$@"; }
hyperfine_json() {
    local name=$1
    shift
    command -v hyperfine >/dev/null || return 0
    hyperfine --style basic -N -i --export-json "$out/hyperfine/$name.json" "$@" >/dev/null ||
        missing "hyperfine $name failed"
}
rm -f "$out"/hyperfine/*.json
hyperfine_json shipshape-compose --warmup 3 --min-runs 10 \
    "$shipshape check $(quoted "${compose_files[@]}")"
hyperfine_json shipshape-run --warmup 3 --min-runs 10 \
    "$shipshape check --input run $(quoted "${run_files[@]}")"
if [ -x "$compose_lint" ]; then
    hyperfine_json compose-lint --warmup 1 --runs 5 \
        "$compose_lint --allow-partial-coverage $(quoted "${compose_files[@]}")"
fi
if [ -x benches/peers/node_modules/.bin/dclint ]; then
    hyperfine_json dclint --runs 3 "benches/peers/node_modules/.bin/dclint $(quoted "${compose_files[@]}")"
fi
# run → Compose, one typical command, as processes.
command=(docker run -d --name web -p 8080:80 -v /srv/data:/data:ro --cap-add NET_ADMIN
    --restart unless-stopped -e TZ=UTC nginx:1.27)
echo "${command[*]}" >"$out/inputs/convert.txt"
hyperfine_json convert --warmup 3 --min-runs 10 "$shipshape convert $out/inputs/convert.txt"
if [ -x benches/peers/node_modules/.bin/composerize ]; then
    hyperfine_json composerize --warmup 1 --min-runs 5 \
        "benches/peers/node_modules/.bin/composerize $(quoted "${command[@]}")"
fi
# 20 MB of text through the CLI, detected and with each kind given.
for kind in auto compose run; do
    hyperfine_json "reject-$kind" --warmup 3 --min-runs 10 \
        "$shipshape check --input $kind $out/inputs/reject-run-auto.txt"
done
hyperfine_json reject-compose-file --warmup 3 --min-runs 10 \
    "$shipshape check $out/inputs/reject-compose-auto.txt"

# --- sizes --------------------------------------------------------------------------
rm -f pkg/*.tgz
(cd pkg && npm pack --silent >/dev/null) || missing "npm pack failed"

node scripts/bench-report.mjs
