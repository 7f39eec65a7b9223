#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md.
#
#   bench/run.sh            all three benchmarks
#   bench/run.sh memory     filter evaluations over 1M synthetic nodes in memory, one thread
#   bench/run.sh file       `nodes --from` on a 100k-node file against jq
#   bench/run.sh inventory  the live inventory of 20 clusters × 250 tasks on ecs-sim (20 ms per
#                           call) against a boto3 script
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

if [ "$which" = all ] || [ "$which" = inventory ]; then
    swift build -c release --product ecs-sim >&2
    info=$(mktemp)
    "$bin/ecs-sim" --clusters 20 --tasks 250 --containers 2 --latency-ms 20 --port 0 > "$info" &
    sim=$!
    trap 'kill $sim 2>/dev/null; rm -f "$info"' EXIT
    for _ in $(seq 100); do [ -s "$info" ] && break; sleep 0.1; done
    endpoint=$(sed -n 's/.*"endpoint":"\([^"]*\)".*/\1/p' "$info")
    export AWS_ACCESS_KEY_ID=AKIAECSSIMDEMO000000 AWS_SECRET_ACCESS_KEY=ecs-sim/demo/secret/key/0000000000000000 \
        AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
    cache=$(mktemp -d)
    export XDG_CACHE_HOME=$cache
    echo "== live inventory of ecs-sim: 20 clusters x 250 tasks x 2 containers, 20 ms per API call"
    ours=$("$bin/ecsnodes" nodes --endpoint-url "$endpoint" --region us-east-1 --max-age 0 -o names | md5sum)
    theirs=$(python3 bench/boto3_inventory.py "$endpoint" | md5sum)
    [ "$ours" = "$theirs" ] || { echo "outputs differ: ecsnodes $ours, boto3 $theirs" >&2; exit 1; }
    echo "same output from both: $("$bin/ecsnodes" nodes --endpoint-url "$endpoint" --region us-east-1 --max-age 0 -o names | wc -l) names"
    calls() { curl -s "$endpoint/_sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["calls"])'; }
    curl -s -X POST "$endpoint/_sim/reset" > /dev/null
    "$bin/ecsnodes" nodes --endpoint-url "$endpoint" --region us-east-1 --max-age 0 -o names > /dev/null
    echo "ecsnodes calls: $(calls)"
    curl -s -X POST "$endpoint/_sim/reset" > /dev/null
    python3 bench/boto3_inventory.py "$endpoint" > /dev/null
    echo "boto3 calls:    $(calls)"
    "$bin/ecsnodes" nodes --endpoint-url "$endpoint" --region us-east-1 --refresh -o names > /dev/null  # fill the cache
    hyperfine --warmup 1 --runs 10 --export-json /tmp/ecsnodes-inventory.json \
        -n ecsnodes "$bin/ecsnodes nodes --endpoint-url $endpoint --region us-east-1 --max-age 0 -o names" \
        -n "ecsnodes --concurrency 32" "$bin/ecsnodes nodes --endpoint-url $endpoint --region us-east-1 --max-age 0 --concurrency 32 -o names" \
        -n "ecsnodes (cached)" "$bin/ecsnodes nodes --endpoint-url $endpoint --region us-east-1 --max-age 3600 -o names" \
        -n "ecsnodes watch, 2 polls" "$bin/ecsnodes watch --endpoint-url $endpoint --region us-east-1 --interval 0.01 --polls 2 -F no-such-node" \
        -n boto3 "python3 bench/boto3_inventory.py $endpoint" >&2
    python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("/tmp/ecsnodes-inventory.json"))["results"]}
boto3 = r["boto3"]["mean"]
for name, x in r.items():
    print(f"{name:32} {x['mean']*1000:9.1f} ms ± {x['stddev']*1000:6.1f}   {boto3 / x['mean']:6.1f}x boto3")
warm = r["ecsnodes watch, 2 polls"]["mean"] - r["ecsnodes"]["mean"]
print(f"{'warm re-poll (2 polls - 1 poll)':32} {warm*1000:9.1f} ms            {boto3 / warm:6.1f}x boto3")
PY
    rm -rf "$cache"
fi
