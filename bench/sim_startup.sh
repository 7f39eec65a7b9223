#!/usr/bin/env bash
# ecs-sim start-up time with 10,000 tasks (target: under 1 s), release build.
#
#   bench/sim_startup.sh [runs]     (default 10 runs per fleet shape)
#
# For each fleet shape it starts `ecs-sim --stop-on-stdin-eof` `runs` times and reports two
# figures: "startup" is what ecs-sim announces on its first line (the fleet generated and
# indexed, the port bound), "first line" is the wall-clock time from exec to that line
# (process start-up included). Results are printed and recorded in bench/data/sim_startup.json.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
swift build -c release --product ecs-sim >&2
mkdir -p bench/data
python3 - "$runs" <<'PY'
import json, statistics, subprocess, sys, time, datetime, platform

runs = int(sys.argv[1])
shapes = [
    ("10 clusters x 1,000 tasks x 3 containers", ["--clusters", "10", "--tasks", "1000", "--containers", "3"]),
    ("1 cluster x 10,000 tasks x 1 container", ["--clusters", "1", "--tasks", "10000", "--containers", "1"]),
    ("100 clusters x 100 tasks x 5 containers", ["--clusters", "100", "--tasks", "100", "--containers", "5"]),
    ("demo fleet (14 tasks)", ["--demo"]),
]
results = []
print(f"ecs-sim start-up, release build, {runs} runs each (median / min)")
for name, args in shapes:
    announced, wall = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen([".build/release/ecs-sim", *args, "--stop-on-stdin-eof"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = process.stdout.readline()
        wall.append((time.perf_counter() - start) * 1000)
        process.stdin.close()
        process.wait(timeout=30)
        info = json.loads(line)
        announced.append(info["startupMilliseconds"])
    row = {"fleet": name, "tasks": info["tasks"], "containers": info["containers"],
           "startupMedianMs": round(statistics.median(announced), 1), "startupMinMs": round(min(announced), 1),
           "firstLineMedianMs": round(statistics.median(wall), 1), "firstLineMinMs": round(min(wall), 1)}
    results.append(row)
    verdict = "" if row["tasks"] < 10000 else ("  (target < 1000 ms: met)" if row["firstLineMedianMs"] < 1000 else "  (target < 1000 ms: MISSED)")
    print(f"{name:44s} {row['tasks']:6d} tasks {row['containers']:6d} containers   "
          f"startup {row['startupMedianMs']:7.1f} / {row['startupMinMs']:7.1f} ms   "
          f"first line {row['firstLineMedianMs']:7.1f} / {row['firstLineMinMs']:7.1f} ms{verdict}")
record = {"measured": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "machine": platform.platform(), "runs": runs, "results": results}
with open("bench/data/sim_startup.json", "w") as out:
    json.dump(record, out, indent=2)
print("recorded in bench/data/sim_startup.json")
PY
