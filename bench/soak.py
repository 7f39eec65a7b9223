#!/usr/bin/env python3
"""Soak: many ECS Exec sessions in one ecsnodes process, watching its file descriptors and
memory (issue 7). Release build; ecs-sim on the same machine.

    bench/soak.py [--sequential 2000] [--concurrent 1000]

Runs `ecsnodes exec --parallel 1 -- true` over N one-container tasks (N sessions one after the
other), then `--parallel N -- 'sleep 1'` over M tasks (M sessions open at once), sampling the
ecsnodes process's open file descriptors and resident memory every 50 ms. Prints the figures
early in the run and at its end; a leak shows as growth between them.
"""
import argparse, json, os, subprocess, sys, time, threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build/release")
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAECSSIMDEMO000000",
           AWS_SECRET_ACCESS_KEY="ecs-sim/demo/secret/key/0000000000000000", AWS_REGION="us-east-1",
           AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null", ECSNODES_CONFIG="/dev/null")


def sample(pid):
    try:
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:"))
        return fds, rss
    except (FileNotFoundError, StopIteration, ProcessLookupError):
        return None


def run(tasks, parallel, command):
    sim = subprocess.Popen([os.path.join(BIN, "ecs-sim"), "--clusters", "1", "--tasks", str(tasks), "--services", "1",
                            "--stop-on-stdin-eof"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    endpoint = json.loads(sim.stdout.readline())["endpoint"]
    start = time.monotonic()
    proc = subprocess.Popen([os.path.join(BIN, "ecsnodes"), "exec", "--endpoint-url", endpoint, "--max-age", "0", "-F", ".*",
                             "--parallel", str(parallel), "--keep-going", "-o", "jsonl", "--", command],
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples = []
    done = threading.Event()

    def watch():
        while not done.is_set():
            s = sample(proc.pid)
            if s:
                samples.append((time.monotonic() - start, *s))
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    out, _ = proc.communicate()
    done.set()
    elapsed = time.monotonic() - start
    sim.stdin.close()
    sim.wait()
    results = [json.loads(l) for l in out.splitlines() if '"status"' in l]
    ok = sum(1 for r in results if r.get("status") == "ok")
    early = samples[len(samples) // 10] if samples else None
    late = samples[-3] if len(samples) > 3 else None
    return {"sessions": tasks, "parallel": parallel, "ok": ok, "exit": proc.returncode, "seconds": round(elapsed, 1),
            "fds_early": early and early[1], "fds_late": late and late[1], "fds_max": max((s[1] for s in samples), default=None),
            "rss_mib_early": early and round(early[2] / 1024, 1), "rss_mib_late": late and round(late[2] / 1024, 1),
            "rss_mib_max": round(max((s[2] for s in samples), default=0) / 1024, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sequential", type=int, default=2000)
    parser.add_argument("--concurrent", type=int, default=1000)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "ecsnodes", "--product", "ecs-sim"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    print(json.dumps({"sequential": run(args.sequential, 1, "true")}))
    print(json.dumps({"concurrent": run(args.concurrent, args.concurrent, "sleep 1")}))


if __name__ == "__main__":
    main()
