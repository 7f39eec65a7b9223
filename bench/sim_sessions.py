#!/usr/bin/env python3
"""Opens N concurrent data-channel sessions against a running simulator and times them.

    bench/sim_sessions.py -n 1000                      # starts .build/release/ecs-sim-channel itself
    bench/sim_sessions.py -n 100 --endpoint http://127.0.0.1:PORT --pid PID
    bench/sim_sessions.py -n 100 --binary .build/debug/ecs-sim-channel --command 'true'

Sessions are registered with POST /_sim/sessions (DataChannelServer, ecs-sim-channel), then
all N are run at once by the independent client (tests/sim/ssm_client.py, one asyncio loop
per worker process). A session counts as a failure unless it ends with channel_closed and
its output is exactly the expected bytes (`echo x` -> b"x\\r\\n", `true` -> b"").

Prints one JSON object: wall time of the concurrent sessions, sessions/s, failures, the
time to register them, the simulator's CPU time during the sessions, its RSS (peak while
running and after) and its stats.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "sim"))


def post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_worker(args: tuple) -> list:
    """Runs the given sessions concurrently in one asyncio loop; returns (ok, seconds, detail) each."""
    sessions, expected, timeout = args
    import ssm_client  # noqa: E402 - after sys.path is set

    async def one(session: dict):
        started = time.monotonic()
        try:
            result = await ssm_client.run_session_async(
                session["streamUrl"], session["tokenValue"], region="us-east-1", access_key=None,
                secret_key=None, timeout=timeout)
        except Exception as error:  # noqa: BLE001 - counted as a failure
            return (False, time.monotonic() - started, f"{type(error).__name__}: {error}")
        ok = result.channel_closed and result.output == expected
        detail = "" if ok else f"closed={result.channel_closed} output={result.output[:40]!r}"
        return (ok, time.monotonic() - started, detail)

    async def main():
        return await asyncio.gather(*(one(s) for s in sessions))

    return asyncio.run(main())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--sessions", type=int, default=100)
    parser.add_argument("--command", default="echo x")
    parser.add_argument("--expect", help="expected output (default: from --command: 'echo x' or 'true')")
    parser.add_argument("--endpoint", help="a running ecs-sim-channel; otherwise --binary is started")
    parser.add_argument("--pid", type=int, help="its pid, for RSS (default: the one we start)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/ecs-sim-channel"))
    parser.add_argument("--workers", type=int, default=2, help="client processes (default 2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="per-session timeout, seconds")
    args = parser.parse_args()

    if args.expect is not None:
        expected = args.expect.encode()
    elif args.command.startswith("echo "):
        expected = args.command[5:].encode() + b"\r\n"
    else:
        expected = b""

    server = None
    endpoint, pid = args.endpoint, args.pid
    if endpoint is None:
        server = subprocess.Popen([args.binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        banner = json.loads(server.stdout.readline())
        endpoint, pid = banner["endpoint"], banner["pid"]
    try:
        base_rss = rss_kib(pid) if pid else None
        began = time.monotonic()
        sessions = [post_json(endpoint + "/_sim/sessions", {"command": args.command}) for _ in range(args.sessions)]
        register_seconds = time.monotonic() - began

        peak = [base_rss or 0]
        done = threading.Event()

        def sample():
            while not done.wait(0.02):
                try:
                    peak[0] = max(peak[0], rss_kib(pid))
                except OSError:
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        if pid:
            sampler.start()
        shares = [sessions[i::args.workers] for i in range(args.workers)]
        cpu_before = cpu_seconds(pid) if pid else None
        began = time.monotonic()
        with multiprocessing.Pool(args.workers) as pool:
            results = [r for share in pool.map(run_worker, [(s, expected, args.timeout) for s in shares]) for r in share]
        wall = time.monotonic() - began
        cpu = cpu_seconds(pid) - cpu_before if pid else None
        done.set()
        failures = [r[2] for r in results if not r[0]]
        latencies = sorted(r[1] for r in results)
        stats = get_json(endpoint + "/_sim/stats")
        report = {
            "sessions": args.sessions,
            "command": args.command,
            "workers": args.workers,
            "register_seconds": round(register_seconds, 3),
            "wall_seconds": round(wall, 3),
            "sessions_per_second": round(args.sessions / wall, 1) if wall else None,
            "failures": len(failures),
            "failure_examples": failures[:3],
            "session_seconds_p50": round(latencies[len(latencies) // 2], 3) if latencies else None,
            "session_seconds_max": round(latencies[-1], 3) if latencies else None,
            "sim_cpu_seconds": round(cpu, 2) if cpu is not None else None,
            "sim_rss_mib_before": round(base_rss / 1024, 1) if base_rss else None,
            "sim_rss_mib_peak": round(peak[0] / 1024, 1) if pid else None,
            "sim_rss_mib_after": round(rss_kib(pid) / 1024, 1) if pid else None,
            "sim_stats": stats,
        }
        print(json.dumps(report, indent=2))
        return 0 if not failures else 1
    finally:
        if server is not None:
            server.stdin.close()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    sys.exit(main())
