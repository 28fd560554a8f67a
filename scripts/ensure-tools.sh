#!/usr/bin/env bash
# Installs what the WebAssembly build and its tests need, skipping what is present:
#   scripts/ensure-tools.sh [rust-wasm] [rust-wasm-nightly] [wasm-bindgen] [node] [npm-tools] [chromium] [unzip]
# System packages (node, chromium) come from apt and need root on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# The CLI must match the wasm-bindgen crate exactly; Cargo.lock holds the pinned version.
wasm_bindgen_version() {
    sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock
}

apt_install() {
    if [ "$(id -u)" != 0 ]; then
        echo "ensure-tools: $* missing; install them (apt-get install $*) or run as root" >&2
        exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# wasm32-unknown-unknown for the JS module, wasm32-wasip1 for the npm package's CLI.
ensure_rust_wasm() {
    local target installed
    installed=$(rustup target list --installed)
    for target in wasm32-unknown-unknown wasm32-wasip1; do
        grep -qx "$target" <<<"$installed" || rustup target add "$target"
    done
}

# The dated nightly in scripts/wasm-toolchain that builds the release module
# (scripts/wasm-build.sh), with rust-src because that build recompiles the standard library.
ensure_rust_wasm_nightly() {
    local wasm_nightly
    wasm_nightly=$(cat scripts/wasm-toolchain)
    rustup component list --toolchain "$wasm_nightly" --installed 2>/dev/null | grep -q '^rust-src' ||
        rustup toolchain install "$wasm_nightly" --profile minimal --component rust-src
}

ensure_wasm_bindgen() {
    local version
    version=$(wasm_bindgen_version)
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
        cargo install wasm-bindgen-cli --version "$version"
    fi
}

ensure_node() {
    command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
}

# binaryen (wasm-opt), typescript and workerd, pinned in scripts/package-lock.json.
ensure_npm_tools() {
    ensure_node
    local stamp=scripts/node_modules/.package-lock.json
    if [ ! -f "$stamp" ] || [ scripts/package-lock.json -nt "$stamp" ]; then
        (cd scripts && npm ci --no-audit --no-fund)
    fi
}

ensure_chromium() {
    command -v chromium >/dev/null && command -v chromedriver >/dev/null ||
        apt_install chromium chromium-driver
}

for tool in "$@"; do
    case "$tool" in
    rust-wasm) ensure_rust_wasm ;;
    rust-wasm-nightly) ensure_rust_wasm_nightly ;;
    wasm-bindgen) ensure_wasm_bindgen ;;
    node) ensure_node ;;
    npm-tools) ensure_npm_tools ;;
    chromium) ensure_chromium ;;
    unzip) command -v unzip >/dev/null || apt_install unzip ;;
    *)
        echo "ensure-tools: unknown tool $tool" >&2
        exit 2
        ;;
    esac
done
