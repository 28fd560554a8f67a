#!/usr/bin/env bash
# Prints the raw and gzip sizes of what the npm package ships and fails when the
# module's gzip size exceeds the budget (the goal is 150 KiB).
set -euo pipefail
cd "$(dirname "$0")/.."
# Just above the module's size, so that what it lost stays lost: 272 KiB once `harden`
# and `toCompose` joined the exports, 248 KiB with one shared sort, a small decimal
# parser instead of the standard float parser, and results as JSON text; 253 KiB once
# merges record the values they replace and each Compose file resolves its own extends,
# 254.3 KiB with lifecycle hooks, unknown Compose keys and the deep-value recovery;
# 239.9 KiB once panics abort on the spot (nightly, standard library rebuilt for it);
# 243.5 KiB with the engines' default capabilities; 244.1 KiB (+138 B) with the limits
# on the bytes aliases copy and on a project's files; 0.8 KiB less once wasm-opt
# repeats -Oz while the module shrinks; 245.5 KiB with linear escape paths and podman's
# --systemd, --env-host and process limit;
# +15.9 KiB for analyzeProject (a project's files merged, located and sorted out): 261.4 KiB;
# +1.1 KiB for refusedReport (a long text refused before it is copied in) and lists
# capped with a count: 262.5 KiB.
# The features since then took it to 277.9 KiB; 272.2 KiB with a standard library built
# for size and wasm-opt's control-flow rebuild and low-memory offsets; 267.4 KiB without
# the Unicode case tables; 264.3 KiB with results written by one small JSON writer
# instead of serde's derives and serde_json; +1.2 KiB for podman's own --mount parser
# and nerdctl's privileged-without-host-devices in PRIV-001: 265.5 KiB.
budget_kib=266
goal_kib=150

gzip_bytes() { gzip -9c "$1" | wc -c; }
for file in pkg/shipshape_bg.wasm pkg/shipshape.js; do
    printf '%-24s raw %7d B   gzip %7d B\n' "$file" "$(wc -c <"$file")" "$(gzip_bytes "$file")"
done
wasm_gzip=$(gzip_bytes pkg/shipshape_bg.wasm)
if [ "$wasm_gzip" -gt $((budget_kib * 1024)) ]; then
    echo "size budget exceeded: the module is $((wasm_gzip / 1024)) KiB gzip, the budget $budget_kib KiB" >&2
    exit 1
fi
echo "size budget ok: $((wasm_gzip / 1024)) KiB gzip (budget $budget_kib KiB, goal $goal_kib KiB)"
