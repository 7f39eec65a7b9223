"""End-to-end tests of ECS ExecuteCommand + the SSM data channel against ecs-sim.

The client side is ssm_client.py, written independently from
/work/shared/design/ssm-data-channel.md.  Each test module run starts its own
ecs-sim processes:

    ecs-sim --demo --port 0 --stop-on-stdin-eof [fault flags]

which print one JSON line (at least ``port`` and ``endpoint``) and serve until
their stdin closes.

Environment:
    ECS_SIM              path to the binary (default <repo>/.build/debug/ecs-sim)
    ECS_SIM_ACCESS_KEY   credentials (default: ecs-sim's demo key pair)
    ECS_SIM_SECRET_KEY
    ECS_SIM_REGION       used if the sim's first line has no "region" (default us-east-1)
"""

import json
import os
import queue
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ssm_client as sc  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SIM_BINARY = Path(os.environ.get("ECS_SIM") or REPO / ".build" / "debug" / "ecs-sim")
# ecs-sim's documented demo key pair (docs/ecs-sim.md).
ACCESS_KEY = os.environ.get("ECS_SIM_ACCESS_KEY", "AKIAECSSIMDEMO000000")
SECRET_KEY = os.environ.get("ECS_SIM_SECRET_KEY", "ecs-sim/demo/secret/key/0000000000000000")
STARTUP_TIMEOUT = 60

FAULT_FLAGS = ["--drop-rate", "0.2", "--duplicate-rate", "0.2", "--reorder-rate", "0.2", "--seed", "42"]
HELLO_CMD = "printf 'hello\\n'; exit 3"
HELLO_OUT = b"hello\r\n"  # the pty turns LF into CRLF
LARGE_CMD = "head -c 200000 /dev/zero | tr '\\0' 'x'"
LARGE_OUT = b"x" * 200000


def _sim_built() -> bool:
    """True once the real simulator is there (the skeleton binary has no --demo option)."""
    if not SIM_BINARY.is_file():
        return False
    try:
        helptext = subprocess.run([str(SIM_BINARY), "--help"], capture_output=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"--demo" in helptext




# ---------------------------------------------------------------------------
# Simulator process
# ---------------------------------------------------------------------------


class Sim:
    def __init__(self, extra_args, log_path: Path):
        self.args = [str(SIM_BINARY), "--demo", "--port", "0", "--stop-on-stdin-eof", *extra_args]
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        self.later_stdout: list[bytes] = []
        lines: "queue.Queue[bytes | None]" = queue.Queue()

        def read_stdout():
            first = True
            for line in self.proc.stdout:
                if first:
                    lines.put(line)
                    first = False
                else:
                    self.later_stdout.append(line)  # keep draining so the sim never blocks on a full pipe
            if first:
                lines.put(None)

        threading.Thread(target=read_stdout, daemon=True).start()
        try:
            line = lines.get(timeout=STARTUP_TIMEOUT)
        except queue.Empty:
            self.stop()
            raise RuntimeError(f"{' '.join(self.args)}: no first line within {STARTUP_TIMEOUT}s; log {log_path}")
        if line is None:
            self.stop()
            raise RuntimeError(f"{' '.join(self.args)} exited with {self.proc.returncode} before its first line; "
                               f"stderr: {log_path.read_text(errors='replace')[-2000:]}")
        self.info = json.loads(line)
        self.endpoint = str(self.info["endpoint"]).rstrip("/")
        self.port = self.info["port"]
        self.region = self.info.get("region") or os.environ.get("ECS_SIM_REGION") or "us-east-1"

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # --stop-on-stdin-eof
            except OSError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()

    # --- helpers ------------------------------------------------------------

    def stats(self) -> dict:
        with urllib.request.urlopen(f"{self.endpoint}/_sim/stats", timeout=10) as resp:
            return json.loads(resp.read())

    def ecs(self):
        return sc.ecs_client(self.endpoint, self.region, ACCESS_KEY, SECRET_KEY)

    def execute(self, target, command, **kwargs) -> sc.SessionResult:
        cluster, task, container = target
        return sc.execute_command(self.endpoint, self.region, ACCESS_KEY, SECRET_KEY, cluster, task, container,
                                  command, **kwargs)


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    s = Sim([], tmp_path_factory.mktemp("ecs-sim") / "clean.log")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def faulty_sim(tmp_path_factory):
    s = Sim(FAULT_FLAGS, tmp_path_factory.mktemp("ecs-sim") / "faulty.log")
    yield s
    s.stop()


# ---------------------------------------------------------------------------
# Fleet discovery through the ECS API
# ---------------------------------------------------------------------------


def all_tasks(sim: Sim) -> list:
    ecs = sim.ecs()
    tasks = []
    for page in ecs.get_paginator("list_clusters").paginate():
        for cluster in page["clusterArns"]:
            arns = [a for p in ecs.get_paginator("list_tasks").paginate(cluster=cluster) for a in p["taskArns"]]
            for i in range(0, len(arns), 100):
                tasks += ecs.describe_tasks(cluster=cluster, tasks=arns[i:i + 100])["tasks"]
    return tasks


def _exec_agent_running(container: dict) -> bool:
    return any(a.get("name") == "ExecuteCommandAgent" and a.get("lastStatus") == "RUNNING"
               for a in container.get("managedAgents") or [])


def exec_target(sim: Sim, cluster_filter=None):
    """(clusterArn, taskArn, containerName) of a running exec-enabled task with a running agent."""
    for t in all_tasks(sim):
        if not t.get("enableExecuteCommand") or t.get("lastStatus") != "RUNNING":
            continue
        if cluster_filter is not None and not cluster_filter(t["clusterArn"]):
            continue
        for c in t.get("containers") or []:
            if _exec_agent_running(c):
                return t["clusterArn"], t["taskArn"], c["name"]
    pytest.fail("the demo fleet has no RUNNING task with enableExecuteCommand and a RUNNING ExecuteCommandAgent")


def non_exec_target(sim: Sim):
    for t in all_tasks(sim):
        if not t.get("enableExecuteCommand") and t.get("lastStatus") == "RUNNING" and t.get("containers"):
            return t["clusterArn"], t["taskArn"], t["containers"][0]["name"]
    pytest.fail("the demo fleet has no RUNNING task without enableExecuteCommand")


def frames_resent(stats: dict) -> int:
    channel = stats.get("channel")
    assert isinstance(channel, dict) and "framesResent" in channel, f"/_sim/stats lacks channel.framesResent: {stats}"
    return int(channel["framesResent"])


# ---------------------------------------------------------------------------
# Assertions
# ---------------------------------------------------------------------------


def assert_output(result: sc.SessionResult, want: bytes):
    got = result.output
    if got != want:
        i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(f"output differs: got {len(got)} bytes, want {len(want)}; first difference at byte {i}: "
                    f"got {got[i:i + 40]!r}, want {want[i:i + 40]!r}; session {result.summary()}")


def assert_clean_session(result: sc.SessionResult, *, faults=False):
    summary = result.summary()
    assert result.channel_closed, f"no channel_closed: {summary}"
    assert not result.timed_out, summary
    assert result.protocol_errors == [], summary
    assert result.protocol_warnings == [], summary
    if not faults:
        assert result.duplicates_seen == 0, summary


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def test_hello_exact_bytes_and_channel_closed(sim):
    result = sim.execute(exec_target(sim), HELLO_CMD)
    assert_output(result, HELLO_OUT)
    assert_clean_session(result)


def test_hello_under_drop_duplicate_reorder(faulty_sim):
    target = exec_target(faulty_sim)
    # A short session has only a few frames, so run several; that the faults really struck
    # (frames resent) is asserted by the 200 KB test below, whose ~200 frames cannot escape them.
    for _ in range(10):
        result = faulty_sim.execute(target, HELLO_CMD, timeout=60)
        assert_output(result, HELLO_OUT)
        assert_clean_session(result, faults=True)


def test_large_output_complete(sim):
    result = sim.execute(exec_target(sim), LARGE_CMD, timeout=90)
    assert_output(result, LARGE_OUT)
    assert_clean_session(result)


def test_large_output_complete_under_faults(faulty_sim):
    result = faulty_sim.execute(exec_target(faulty_sim), LARGE_CMD, timeout=180)
    assert_output(result, LARGE_OUT)
    assert_clean_session(result, faults=True)
    channel = faulty_sim.stats()["channel"]
    assert frames_resent(faulty_sim.stats()) > 0 and channel["framesDropped"] > 0, channel
    assert channel["framesDuplicated"] > 0 and channel["framesReordered"] > 0, channel


def test_exec_not_enabled_is_invalid_parameter(sim):
    cluster, task, container = non_exec_target(sim)
    with pytest.raises(ClientError) as err:
        sim.execute((cluster, task, container), HELLO_CMD)
    assert err.value.response["Error"]["Code"] == "InvalidParameterException", err.value.response


def test_stdin_is_delivered_after_first_output(sim):
    # Nothing may be sent before the first output (§4.1), so the command prints first.
    result = sim.execute(exec_target(sim), "echo ready; head -n 1", stdin=b"abc\n")
    assert result.output.startswith(b"ready\r\n"), result.output
    assert result.output.endswith(b"abc\r\n"), result.output  # head's output (the pty also echoes the input)
    assert_clean_session(result)


def test_cli_exec(sim):
    cluster, task, container = exec_target(sim)
    env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
           "AWS_REGION": sim.region}
    env.pop("AWS_SESSION_TOKEN", None)
    proc = subprocess.run([sys.executable, str(Path(sc.__file__)), "exec", "--endpoint", sim.endpoint,
                           "--cluster", cluster, "--task", task, "--container", container, "--command", HELLO_CMD],
                          capture_output=True, env=env, timeout=120)
    stderr = proc.stderr.decode(errors="replace")
    assert proc.returncode == 0, stderr
    assert proc.stdout == HELLO_OUT
    summary = json.loads(stderr.strip().splitlines()[-1])
    assert summary["channel_closed"] is True and summary["protocol_errors"] == []
    assert SECRET_KEY not in stderr


def _kms_target(sim: Sim):
    ecs = sim.ecs()
    kms_clusters = set()
    for page in ecs.get_paginator("list_clusters").paginate():
        if not page["clusterArns"]:
            continue
        for c in ecs.describe_clusters(clusters=page["clusterArns"], include=["CONFIGURATIONS"])["clusters"]:
            cfg = (c.get("configuration") or {}).get("executeCommandConfiguration") or {}
            if cfg.get("kmsKeyId"):
                kms_clusters.add(c["clusterArn"])
    if not kms_clusters:
        pytest.skip("the demo fleet has no cluster with executeCommandConfiguration.kmsKeyId")
    return exec_target(sim, cluster_filter=lambda arn: arn in kms_clusters)


def test_kms_session(sim):
    result = sim.execute(_kms_target(sim), HELLO_CMD, kms=True)
    assert result.encrypted and result.handshake, result.summary()
    assert_output(result, HELLO_OUT)
    assert_clean_session(result)


def test_kms_random_challenge_agrees_with_the_independent_client(tmp_path_factory):
    """ecs-sim --kms-challenge against this client, written from the protocol notes: with the
    random challenge in the context and acknowledged the session runs; without, it is refused."""
    strict = Sim(["--kms-challenge"], tmp_path_factory.mktemp("ecs-sim") / "challenge.log")
    try:
        result = strict.execute(_kms_target(strict), HELLO_CMD, kms=True)
        assert result.encrypted and result.handshake, result.summary()
        assert_output(result, HELLO_OUT)
        refused = strict.execute(_kms_target(strict), HELLO_CMD, kms=True, kms_random_challenge=False)
        assert b"hello" not in refused.output, refused.output
        assert not refused.timed_out, refused.summary()
        assert strict.stats()["channel"]["handshakesFailed"] == 1
    finally:
        strict.stop()


def test_kms_wrong_challenge_is_refused(sim):
    result = sim.execute(_kms_target(sim), HELLO_CMD, kms=True, kms_wrong_challenge=True)
    assert b"hello" not in result.output, result.output
    assert not result.timed_out, result.summary()
    assert result.channel_closed or result.ws_close_code is not None, result.summary()
