#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/ for FUZZ_SECONDS each (default 60):
#   scripts/fuzz.sh [TARGET ...]
# (one target per invocation can run beside another: each has its own corpus, log and
# dictionary file)
# Installs nightly Rust and cargo-fuzz when missing, seeds each target's corpus
# (fuzz/corpus/TARGET, kept between runs) from ../shared's real files and peer samples,
# and prints each target's executions, coverage and crashes. A crash leaves its input
# in fuzz/artifacts/TARGET/: copy it to tests/fuzz_regressions/ so `make test` keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
# Seconds one input may take before libFuzzer reports it as a hang: raise it on a
# loaded machine, where a fuzzer run at low priority waits for the CPU.
timeout=${FUZZ_TIMEOUT:-10}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(compose run analyze harden project)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

# Copies files into a corpus under their content hash (peer samples share names).
add_seeds() {
    local dir=$1 file
    shift
    for file in "$@"; do
        [ -f "$file" ] && cp "$file" "$dir/$(sha1sum <"$file" | cut -c1-16)"
    done
    return 0
}

# Two files a project could hold together (neighbours by name, often of one repository),
# joined as the project target reads them: a selector byte (an override follows), the
# first file, NUL, the second.
project_seeds() {
    local dir=$1 previous="" file pair
    shift
    pair=$(mktemp)
    for file in "$@"; do
        if [ -n "$previous" ]; then
            { printf '\x08'; cat "$previous"; printf '\x00'; cat "$file"; } >"$pair"
            add_seeds "$dir" "$pair"
        fi
        previous=$file
    done
    rm -f "$pair"
}

seed() {
    local target=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    local shared=../shared
    if [ ! -d "$shared" ]; then
        echo "fuzz: ../shared not found; $target starts from its saved corpus and the regressions only"
    else
        case "$target" in
        compose) mapfile -t files < <(find "$shared/corpus/real/compose" "$shared/peers" -name '*.y*ml') ;;
        run) files=("$shared"/corpus/real/run/*.sh) ;;
        project)
            files=("$shared"/corpus/real/compose/*.yaml)
            project_seeds "$dir" "${files[@]}"
            ;;
        *) files=("$shared"/corpus/real/compose/*.yaml "$shared"/corpus/real/run/*.sh) ;;
        esac
        add_seeds "$dir" "${files[@]}"
    fi
    add_seeds "$dir" tests/fuzz_regressions/*
}

dictionary() {
    case "$1" in
    run) echo fuzz/dict/shell.dict ;;
    project) cat fuzz/dict/yaml.dict fuzz/dict/project.dict >"fuzz/dict/all-$1.dict" && echo "fuzz/dict/all-$1.dict" ;;
    analyze | harden) cat fuzz/dict/yaml.dict fuzz/dict/shell.dict >"fuzz/dict/all-$1.dict" && echo "fuzz/dict/all-$1.dict" ;;
    *) echo fuzz/dict/yaml.dict ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    seed "$target"
    log=fuzz/$target.log
    dict=$(dictionary "$target")
    echo "fuzz: $target for ${seconds}s"
    started=$(date +%s)
    if ! (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -dict="../$dict" \
        -max_len=65536 -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
        status=1
        echo "fuzz: $target FAILED; the input is in fuzz/artifacts/$target/, the log in $log"
        grep -m1 -A20 'panicked\|ERROR: libFuzzer' "$log" || tail -20 "$log"
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
    # libFuzzer names what it saves by kind; a slow unit is only slow (often the load).
    saved() { find "fuzz/artifacts/$target" -type f -newermt "@$started" -name "$1" 2>/dev/null | wc -l; }
    crashes=$(($(saved 'crash-*') + $(saved 'timeout-*') + $(saved 'oom-*') + $(saved 'leak-*')))
    echo "fuzz: $target: ${runs:-?} executions in ${seconds}s, ${coverage:-cov: ?}, corpus $(ls "fuzz/corpus/$target" | wc -l) inputs, $crashes crash inputs, $(saved 'slow-unit-*') slow units"
done
exit $status
