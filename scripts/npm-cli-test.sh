#!/usr/bin/env bash
# Packs pkg/, installs the tarball into an empty folder and runs its `shipshape` bin
# there with npx, as a user would, comparing each command's output and exit status
# with the native CLI's; then the whole real corpus in JSON, when ../shared is there.
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

passed=0
failed=0
# Runs `shipshape ARGS` natively and from the package, with the same standard input.
compare() {
    local input=$1 text_too=yes
    shift
    # The native text output draws source excerpts (annotate-snippets), which the
    # module does not carry within its size budget: text output is compared by
    # exit status, JSON and the rule list in full.
    case " $* " in
    *" check "*) case " $* " in *" --format json "* | *" --format=json "*) ;; *) text_too=no ;; esac ;;
    esac
    local native_out npm_out native_status=0 npm_status=0 shown="$*"
    [ ${#shown} -le 100 ] || shown="${shown:0:100}..."
    native_out=$("$native" "$@" <"$input" 2>&1) || native_status=$?
    npm_out=$(npx --no-install shipshape "$@" <"$input" 2>&1) || npm_status=$?
    if [ "$native_status" != "$npm_status" ]; then
        echo "FAIL shipshape $shown: exit $npm_status, the native CLI's $native_status"
        failed=$((failed + 1))
    elif [ "$native_status" != 2 ] && [ "$text_too" = yes ] && [ "$native_out" != "$npm_out" ]; then
        echo "FAIL shipshape $shown: output differs from the native CLI's:"
        diff <(echo "$native_out") <(echo "$npm_out") | head -20 || true
        failed=$((failed + 1))
    else
        echo "ok   shipshape $shown (exit $npm_status)"
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
# Errors: only the exit status must match (the wording is each CLI's own).
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
    compare /dev/null check --format json --fail-on none "${files[@]}"
    echo "corpus: ${#files[@]} files, the same JSON reports from the npm CLI and the native one"
else
    echo "npm-cli-test: ../shared/corpus/real not found: the corpus comparison is skipped"
fi
echo "npm CLI: $passed passed, $failed failed"
[ "$failed" = 0 ]
