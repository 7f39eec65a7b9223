#!/usr/bin/env bash
# ecsnodes exec fan-out against ecs-sim, release build (issue 5's benchmark).
#
#   bench/exec.sh [nodes] [latency-ms] [runs]      (defaults: 500 nodes, 20 ms API latency, 3 runs)
#
# Starts ecs-sim with one cluster of N one-container tasks and every ECS call delayed by the
# latency, then measures (median of the runs):
#   * `true` on one node, and on all N nodes (--parallel N, and the default --parallel 32):
#     wall time and the ratio to one node (target: N nodes within 2x one node);
#   * `sleep 2` on all N nodes at once (--parallel N), so every session is open at the same
#     time: the peak RSS of ecsnodes minus its peak RSS for one node, per session (target:
#     <= 100 KiB per concurrent session);
#   * frames resent, by ecsnodes (its input) and by the simulated agent (its output).
# Results are printed and written to bench/data/exec.json.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-500}
latency=${2:-20}
runs=${3:-3}
swift build -c release --product ecsnodes >&2
swift build -c release --product ecs-sim >&2
mkdir -p bench/data
python3 - "$nodes" "$latency" "$runs" <<'PY'
import json, os, re, statistics, subprocess, sys, time, urllib.request, datetime, platform

nodes, latency, runs = (int(a) for a in sys.argv[1:4])
sim = subprocess.Popen([".build/release/ecs-sim", "--clusters", "1", "--tasks", str(nodes), "--services", "1",
                        "--latency-ms", str(latency), "--stop-on-stdin-eof"],
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
announcement = json.loads(sim.stdout.readline())
endpoint = announcement["endpoint"]
env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAECSSIMDEMO000000",
           AWS_SECRET_ACCESS_KEY="ecs-sim/demo/secret/key/0000000000000000", AWS_REGION=announcement["region"],
           AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent", ECSNODES_FRAME_STATS="1",
           XDG_CACHE_HOME="/tmp/ecsnodes-bench-cache")
base = [".build/release/ecsnodes"]

def sim_cpu():
    """CPU seconds of ecs-sim itself and of the commands it ran (its reaped children)."""
    fields = open(f"/proc/{sim.pid}/stat").read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks, (int(fields[13]) + int(fields[14])) / ticks

def stats():
    with urllib.request.urlopen(endpoint + "/_sim/stats") as answer:
        return json.load(answer)

names = subprocess.run(base + ["nodes", "--endpoint-url", endpoint, "--refresh", "-o", "names"], env=env,
                       capture_output=True, text=True, check=True).stdout.split()
assert len(names) == nodes, (len(names), nodes)

def run(selection, command, parallel):
    """Wall seconds, peak RSS in KiB, frames resent by ecsnodes, summary line."""
    argv = ["/usr/bin/time", "-f", "%U %S %M"] + base + ["exec", "--endpoint-url", endpoint, "--parallel", str(parallel)] + selection + ["--", command]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    user, system, rss = lines[-1].split()
    cpu_seconds.append(float(user) + float(system))
    summary = next(l for l in lines if re.match(r"\d+ nodes?:", l))
    frames = next((l for l in lines if l.startswith("frames:")), "")
    resent = int(re.search(r"(\d+) resent", frames).group(1)) if frames else 0
    if done.returncode != 0:
        print("run failed:", done.returncode, "\n".join(lines[-5:]), file=sys.stderr)
    return wall, int(rss), resent, summary

def median_of(selection, command, parallel):
    samples = [run(selection, command, parallel) for _ in range(runs)]
    walls = [s[0] for s in samples]
    middle = sorted(samples, key=lambda s: s[0])[len(samples) // 2]
    return statistics.median(walls), max(s[1] for s in samples), sum(s[2] for s in samples), middle[3]

agent_resent_before = stats()["channel"]["framesResent"]
cpu_seconds = []
one = median_of(["--node", names[0]], "true", 32)
cpu_seconds.clear()
sim_before = sim_cpu()
all_wide = median_of(["-F", ".*"], "true", nodes)
sim_after = sim_cpu()
client_cpu = statistics.median(cpu_seconds)
sim_self = (sim_after[0] - sim_before[0]) / runs
sim_children = (sim_after[1] - sim_before[1]) / runs
all_default = median_of(["-F", ".*"], "true", 32)
one_sleep = median_of(["--node", names[0]], "sleep 2", 32)
all_sleep = median_of(["-F", ".*"], "sleep 2", nodes)
agent_resent = stats()["channel"]["framesResent"] - agent_resent_before
per_session = (all_sleep[1] - one_sleep[1]) / nodes

result = {
    "date": datetime.date.today().isoformat(), "machine": platform.machine(), "cpus": os.cpu_count(),
    "nodes": nodes, "apiLatencyMs": latency, "runs": runs,
    "oneNodeTrueSeconds": round(one[0], 3),
    "allNodesTrueSecondsParallelN": round(all_wide[0], 3),
    "allNodesTrueSecondsParallel32": round(all_default[0], 3),
    "ratioParallelN": round(all_wide[0] / one[0], 2),
    "ratioParallel32": round(all_default[0] / one[0], 2),
    "peakRSSOneNodeKiB": one_sleep[1], "peakRSSAllNodesOpenKiB": all_sleep[1],
    "perConcurrentSessionKiB": round(per_session, 1),
    "framesResentByEcsnodes": one[2] + all_wide[2] + all_default[2] + one_sleep[2] + all_sleep[2],
    "framesResentByAgent": agent_resent,
    "cpuSecondsPerRunOfAllNodes": {"ecsnodes": round(client_cpu, 3), "ecsSim": round(sim_self, 3),
                                   "simulatedContainersShells": round(sim_children, 3)},
    "summaries": {"all": all_wide[3], "sleep": all_sleep[3]},
}
print(f"ecsnodes exec, release, {nodes} nodes, {latency} ms API latency, median of {runs} runs")
print(f"  true, 1 node:                       {one[0]:.3f} s")
print(f"  true, {nodes} nodes, --parallel {nodes}:   {all_wide[0]:.3f} s  ({result['ratioParallelN']}x one node; target <= 2x)")
print(f"  true, {nodes} nodes, --parallel 32:    {all_default[0]:.3f} s  ({result['ratioParallel32']}x one node)")
print(f"  CPU for one run on all nodes: ecsnodes {client_cpu:.2f} s ({client_cpu / nodes * 1000:.2f} ms per session), "
      f"ecs-sim {sim_self:.2f} s, the simulated containers' shells {sim_children:.2f} s, on {os.cpu_count()} cores")
print(f"  peak RSS, 1 session:                {one_sleep[1]} KiB")
print(f"  peak RSS, {nodes} sessions open at once: {all_sleep[1]} KiB -> {per_session:.1f} KiB per session (target <= 100)")
print(f"  frames resent: {result['framesResentByEcsnodes']} by ecsnodes, {agent_resent} by the agent")
print(f"  {all_wide[3]}")
with open("bench/data/exec.json", "w") as out:
    json.dump(result, out, indent=2)
sim.stdin.close()
sim.wait()
PY
