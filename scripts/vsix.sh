#!/usr/bin/env bash
# `make vsix`: packs the VS Code extension into editors/vscode/shipshape.vsix with
# @vscode/vsce, then runs the language server test against the server unpacked from
# it. The extension depends on pkg/ through a link, which a .vsix cannot hold, so it
# is staged with the packed npm package installed as a real folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh unzip
extension=$PWD/editors/vscode
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

tarball=$(cd pkg && npm pack --silent --pack-destination "$stage")
cp -r "$extension"/{package.json,package-lock.json,README.md,.vscodeignore,src} "$stage/"
cd "$stage"
npm install --silent --no-audit --no-fund --omit=dev --ignore-scripts "./$tarball"
rm "$tarball"
"$extension/node_modules/.bin/vsce" package --skip-license --out "$extension/shipshape.vsix"

unzip -q "$extension/shipshape.vsix" -d "$stage/unpacked"
cd "$extension"
SHIPSHAPE_SERVER=$stage/unpacked/extension/src/server.mjs node --test test/
