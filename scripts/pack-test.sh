#!/usr/bin/env bash
# Packs pkg/ with `npm pack`, installs the tarball into an empty folder and runs the
# package there as a user would: in Node (imported, and required from CommonJS), in
# headless Chromium through an import map, and in workerd (an edge runtime); in each
# a trap injected in the middle of a call (pkg/test/trap-hook.mjs) must leave the next
# calls answering from a new instance.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh npm-tools chromium
workerd=$PWD/scripts/node_modules/.bin/workerd
chromium=$(command -v chromium)

# The real corpus, for the applyFixes test, and its largest Compose file, for the
# memory-growth check (both absent without ../shared).
corpus=$PWD/../shared/corpus/real
largest=$(ls -S "$PWD"/../shared/corpus/real/compose/*.yaml 2>/dev/null | head -1 || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$work")
echo "packed $tarball: $(tar -tzf "$work/$tarball" | sort | tr '\n' ' ')"

mkdir "$work/app"
cp pkg/test/fixtures.mjs pkg/test/trap.mjs pkg/test/trap-hook.mjs pkg/test/smoke.mjs pkg/test/require.cjs pkg/test/boundary.mjs pkg/test/apply-fixes.mjs pkg/test/browser.mjs pkg/test/workerd.mjs "$work/app/"
cd "$work/app"
echo '{ "private": true, "type": "module" }' >package.json
npm install --silent --no-audit --no-fund "$work/$tarball"
node smoke.mjs
node require.cjs
node trap.mjs
SHIPSHAPE_LARGEST=$largest node boundary.mjs
SHIPSHAPE_CORPUS=$corpus node apply-fixes.mjs
node browser.mjs "$chromium"
node workerd.mjs "$workerd"
