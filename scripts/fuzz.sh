#!/usr/bin/env bash
# Builds the libFuzzer targets of FuzzTesting/ (swiftc -sanitize=fuzzer) and runs each for a
# while, starting from the seed corpora in FuzzTesting/Corpus/<target>:
#   scripts/fuzz.sh                 every target, 60 s each
#   scripts/fuzz.sh FuzzFilter 600  one target, 10 minutes
# New interesting inputs go to .build-fuzz/corpus/<target>; a crash leaves its input in
# .build-fuzz/artifacts/<target>/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${1:-all}
seconds=${2:-60}
[ "$targets" = all ] && targets="FuzzFilter FuzzResourceJSON FuzzResourceYAML FuzzDataChannel"
scratch="$PWD/.build-fuzz"
for target in $targets; do
    (cd FuzzTesting && swift build -c release --scratch-path "$scratch" --product "$target" \
        -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld >&2)
    mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
    echo "== $target for ${seconds}s" >&2
    # Swift's own crash reporter would take the trap before libFuzzer could save the input.
    status=0
    SWIFT_BACKTRACE=enable=no "$scratch/release/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$target/" \
        "$scratch/corpus/$target" "FuzzTesting/Corpus/$target" > "$scratch/$target.log" 2>&1 || status=$?
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|==[0-9]+== ERROR)|Fatal error|Precondition failed" "$scratch/$target.log" >&2 || true
    if [ "$status" -ne 0 ]; then
        echo "$target failed (status $status); the log is $scratch/$target.log" >&2
        exit 1
    fi
    if ls "$scratch/artifacts/$target/" | grep -q .; then
        echo "$target: a failing input is in $scratch/artifacts/$target/" >&2
        exit 1
    fi
done
