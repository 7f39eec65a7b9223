#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md.
#
#   bench/run.sh            both benchmarks
#   bench/run.sh memory     filter evaluations over 1M synthetic nodes in memory, one thread
#   bench/run.sh file       `nodes --from` on a 100k-node file against jq
#   bench/run.sh inventory  the live inventory of 20 clusters × 250 tasks (fake endpoint, 20 ms
#                           latency) against a boto3 script; not in `all` until ecs-sim exists
#
# Needs a release build (made here), python3, jq and hyperfine (apt-get install jq hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
swift build -c release --product ecsnodes >&2
swift build -c release --product ecsnodes-bench >&2
bin=.build/release

if [ "$which" = all ] || [ "$which" = memory ]; then
    echo "== filter evaluations over 1,000,000 synthetic ECS nodes in memory (one thread)"
    taskset -c 0 "$bin/ecsnodes-bench" 1000000
    echo
fi

if [ "$which" = all ] || [ "$which" = file ]; then
    data=bench/data/nodes-100k.json
    if [ ! -f "$data" ]; then
        mkdir -p bench/data
        python3 bench/gen_nodes.py --count 100000 --out "$data" --seed 1 >&2
    fi
    attr='ECS:Container-Image'
    regex='.*spring.*'
    echo "== nodes --from on $data ($(du -m "$data" | cut -f1) MB, 100,000 nodes): -F '$attr: $regex' -o names vs jq"
    ours=$("$bin/ecsnodes" nodes --from "$data" -F "$attr: $regex" -o names | md5sum)
    theirs=$(bench/jq_baseline.sh "$data" "$attr" "$regex" | md5sum)
    [ "$ours" = "$theirs" ] || { echo "outputs differ: ecsnodes $ours, jq $theirs" >&2; exit 1; }
    lines=$("$bin/ecsnodes" nodes --from "$data" -F "$attr: $regex" -o names | wc -l)
    echo "same output from both: $lines names, md5 ${ours%% *}"
    hyperfine --warmup 2 --runs 10 --export-json /tmp/ecsnodes-bench.json \
        -n ecsnodes "$bin/ecsnodes nodes --from $data -F '$attr: $regex' -o names" \
        -n "ecsnodes (one core)" "taskset -c 0 $bin/ecsnodes nodes --from $data -F '$attr: $regex' -o names" \
        -n jq "bench/jq_baseline.sh $data '$attr' '$regex'" >&2
    python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("/tmp/ecsnodes-bench.json"))["results"]}
jq = r["jq"]["mean"]
for name in ["ecsnodes", "ecsnodes (one core)", "jq"]:
    x = r[name]
    print(f"{name:22s} mean {x['mean']*1000:8.1f} ms  ± {x['stddev']*1000:5.1f}  min {x['min']*1000:8.1f} ms   {jq / x['mean']:5.1f}× faster than jq (target ≥ 20×)")
PY
fi

if [ "$which" = inventory ]; then
    exec 3< <(sleep 600)
    python3 bench/fake_ecs.py --clusters 20 --tasks 250 --containers 2 --latency-ms 20 <&3 > /tmp/ecsnodes-fake-ecs.port &
    fake=$!
    trap 'kill $fake 2>/dev/null' EXIT
    until [ -s /tmp/ecsnodes-fake-ecs.port ]; do sleep 0.1; done
    endpoint=http://127.0.0.1:$(head -1 /tmp/ecsnodes-fake-ecs.port)
    export AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench AWS_CONFIG_FILE=/nonexistent \
        AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true
    ours=$("$bin/ecsnodes" nodes --endpoint-url "$endpoint" --region us-east-1 --max-age 0 -o names | md5sum)
    theirs=$(python3 bench/boto3_inventory.py "$endpoint" | md5sum)
    [ "$ours" = "$theirs" ] || { echo "outputs differ" >&2; exit 1; }
    curl -s -X POST "$endpoint/_reset" > /dev/null
    "$bin/ecsnodes" nodes --endpoint-url "$endpoint" --region us-east-1 --max-age 0 -o names > /dev/null
    echo "ecsnodes calls: $(curl -s "$endpoint/_stats")"
    curl -s -X POST "$endpoint/_reset" > /dev/null
    python3 bench/boto3_inventory.py "$endpoint" > /dev/null
    echo "boto3 calls:    $(curl -s "$endpoint/_stats")"
    hyperfine --warmup 1 --runs 10 \
        -n ecsnodes "$bin/ecsnodes nodes --endpoint-url $endpoint --region us-east-1 --max-age 0 -o names" \
        -n "ecsnodes --concurrency 32" "$bin/ecsnodes nodes --endpoint-url $endpoint --region us-east-1 --max-age 0 --concurrency 32 -o names" \
        -n "ecsnodes (cached)" "$bin/ecsnodes nodes --endpoint-url $endpoint --region us-east-1 --max-age 3600 -o names" \
        -n boto3 "python3 bench/boto3_inventory.py $endpoint"
fi
