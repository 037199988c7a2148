#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time under ASan/UBSan, seeded from the
# corpora in tests/fuzz/corpus/ and the sample files, then replays the regression
# inputs. Fails on any finding; the crashing input is left in build/fuzz/findings/,
# to be added to tests/fuzz/regressions/<target>/.
# usage: packaging/fuzz.sh [SECONDS_PER_TARGET]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target headroom_fuzzers

findings=build/fuzz/findings
mkdir -p "$findings"
for fuzzer in build/fuzz/tests/fuzz/*_fuzz; do
    name=$(basename "$fuzzer")
    corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus"
    seeds=tests/fuzz/corpus/${name%_fuzz}
    [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
    if [ "$name" = site_reader_fuzz ] || [ "$name" = run_service_prepare_fuzz ] ||
        [ "$name" = site_document_fuzz ]; then
        cp sample_sites/*.json "$corpus"/ 2>/dev/null || true # the sample sites are seeds too
    fi
    if [ "$name" = sweep_reader_fuzz ]; then
        cp tests/bench/*.json "$corpus"/ 2>/dev/null || true # so is the benchmark's sweep
    fi
    echo "== fuzz: $name for ${seconds}s"
    log=$findings/$name.log
    status=0
    "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/$name-" -print_final_stats=1 "$corpus" >"$log" 2>&1 ||
        status=$?
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)" "$log" || true
    if [ "$status" -ne 0 ]; then
        tail -40 "$log" >&2
        echo "fuzz: $name failed (exit $status); inputs: $(ls "$findings/$name-"* 2>/dev/null)" >&2
        exit 1
    fi
done
ctest --preset fuzz
