#!/usr/bin/env bash
# Packs pkg/, installs the tarball into an empty folder and runs its `shipshape` bin
# there with npx, as a user would, comparing each command's output, exit status and
# written files with the native CLI's; then the whole real corpus in text and JSON,
# when ../shared is there.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh node
cargo build --quiet --bin shipshape
target=${CARGO_TARGET_DIR:-target}
[[ $target = /* ]] || target=$PWD/$target
native=$target/debug/shipshape
corpus=$PWD/../shared/corpus/real

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$work")
mkdir "$work/app"
cd "$work/app"
echo '{ "private": true }' >package.json
npm install --silent --no-audit --no-fund "$work/$tarball"

cat >compose.yaml <<'YAML'
services:
  web: { image: "nginx:1.27", labels: { note: "🚀" }, privileged: true }
  agent: # shipshape: ignore-service[NS-001] reads host processes by design
    image: monitoring/agent:${TAG}
    pid: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
YAML
printf 'docker run --cap-add SYS_ADMIN -v /:/host nginx\npodman run --network=host alpine\n' >deploy.sh
printf '{ "profile": "baseline", "ignore": ["MNT-001"] }\n' >shipshape.json
printf '{ "profile": "nope" }\n' >broken.json
printf 'services:\n  web:\n    cap_add: [NET_ADMIN]\n' >compose.override.yaml
# Enough findings for a report of several MB: the module's memory grows while it runs.
{
    echo 'services:'
    for i in $(seq 3000); do printf '  s%d: { image: nginx, privileged: true, pid: host }\n' "$i"; done
} >many.yaml
mkdir project
printf 'services:\n  app:\n    image: ${IMAGE}\n    network_mode: host\n' >project/compose.yaml
printf 'IMAGE="nginx:1.27" # from .env\n' >project/.env

passed=0
failed=0
# Runs `shipshape ARGS` natively and from the package, with the same standard input:
# the npm bin is the same program built for WASI, so output (standard output and
# error together) and exit status must be identical, errors included.
compare() {
    local input=$1
    shift
    local native_out npm_out native_status=0 npm_status=0 shown="$*"
    [ ${#shown} -le 100 ] || shown="${shown:0:100}..."
    native_out=$("$native" "$@" <"$input" 2>&1) || native_status=$?
    npm_out=$(npx --no-install shipshape "$@" <"$input" 2>&1) || npm_status=$?
    if [ "$native_status" != "$npm_status" ]; then
        echo "FAIL shipshape $shown: exit $npm_status, the native CLI's $native_status"
        failed=$((failed + 1))
    elif [ "$native_out" != "$npm_out" ]; then
        echo "FAIL shipshape $shown: output differs from the native CLI's:"
        diff <(echo "$native_out") <(echo "$npm_out") | head -20 || true
        failed=$((failed + 1))
    else
        echo "ok   shipshape $shown (exit $npm_status)"
        passed=$((passed + 1))
    fi
}

# `compare` for a command that writes files: each CLI runs on its own copy of
# compose.yaml, and the files it leaves must be identical too.
compare_writing() {
    rm -rf native-copy npm-copy
    mkdir native-copy npm-copy
    cp compose.yaml native-copy/
    cp compose.yaml npm-copy/
    local native_out npm_out native_status=0 npm_status=0
    native_out=$(cd native-copy && "$native" "$@" 2>&1) || native_status=$?
    npm_out=$(cd npm-copy && npx --no-install shipshape "$@" 2>&1) || npm_status=$?
    if [ "$native_status" != "$npm_status" ] || [ "$native_out" != "$npm_out" ] ||
        ! diff -r native-copy npm-copy >/dev/null; then
        echo "FAIL shipshape $* (writing): output, exit status or files differ"
        diff -r native-copy npm-copy | head -20 || true
        failed=$((failed + 1))
    else
        echo "ok   shipshape $* (writing; exit $npm_status, the same files)"
        passed=$((passed + 1))
    fi
}

compare /dev/null check compose.yaml
compare /dev/null check compose.yaml deploy.sh --format json
compare /dev/null check compose.yaml --env TAG=2.1 --format=json
compare /dev/null check deploy.sh --profile restricted --fail-on none
compare /dev/null check compose.yaml --config shipshape.json --fail-on critical
compare deploy.sh check - --input run
compare compose.yaml check - --format json
compare /dev/null rules
compare /dev/null rules --format json
compare /dev/null --version
compare /dev/null harden compose.yaml
compare /dev/null harden compose.yaml --unsafe --profile restricted
compare /dev/null harden compose.yaml --json
compare deploy.sh harden - --input run --unsafe
compare /dev/null convert deploy.sh
compare /dev/null convert deploy.sh --harden --unsafe --profile restricted
compare /dev/null convert deploy.sh --json
compare /dev/null explain PRIV-001
compare /dev/null explain cap-add-all
compare /dev/null check compose.yaml --format sarif
compare /dev/null check many.yaml --format json --fail-on none
compare /dev/null check compose.yaml deploy.sh --format github
compare /dev/null check compose.yaml --statistics
compare /dev/null check deploy.sh --explain-paths --color always
compare /dev/null check -f compose.yaml -f compose.override.yaml --format json
compare /dev/null check project
compare /dev/null harden compose.yaml --diff --unsafe
compare /dev/null schema
compare /dev/null completions bash
compare_writing check compose.yaml --fix --unsafe-fixes
compare_writing harden compose.yaml --write --unsafe
# Errors, worded alike.
compare /dev/null check missing.yaml
compare /dev/null check compose.yaml --format yaml
compare /dev/null check compose.yaml --config broken.json
compare /dev/null check
compare /dev/null lint compose.yaml
compare /dev/null explain NOPE-999
compare /dev/null convert compose.yaml
compare /dev/null harden

if [ -d "$corpus" ]; then
    mapfile -t files < <(find "$corpus" -name '*.yaml' -o -name '*.sh' | sort)
    compare /dev/null check --fail-on none "${files[@]}"
    compare /dev/null check --format json --fail-on none "${files[@]}"
    echo "corpus: ${#files[@]} files, the same text and JSON reports from the npm CLI and the native one"
else
    echo "npm-cli-test: ../shared/corpus/real not found: the corpus comparison is skipped"
fi
echo "npm CLI: $passed passed, $failed failed"
[ "$failed" = 0 ]
