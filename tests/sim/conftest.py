"""Fixtures that run ecs-sim for the tests in this folder.

ecs-sim is the binary in $ECS_SIM, else .build/debug/ecs-sim under the repository root
(build it first: swift build --product ecs-sim). Each simulator runs with
--stop-on-stdin-eof, prints one line of JSON, and is stopped when its fixture ends.

    def test_something(sim_factory):
        sim = sim_factory("--clusters", "2", "--tasks", "50")
        ecs = sim.client("ecs")
        sim.post_faults(api={"throttleRate": 0.2})
        assert sim.stats()["totalCalls"] == ...

    def test_demo(ecs_sim):          # the demo fleet, one simulator per test module
        ...
"""

import json
import os
import pathlib
import subprocess
import urllib.request

import boto3
import botocore.config
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# The documented demo key pair (docs/ecs-sim.md); ecs-sim accepts it when given no keys.
DEMO_ACCESS_KEY = "AKIAECSSIMDEMO000000"
DEMO_SECRET_KEY = "ecs-sim/demo/secret/key/0000000000000000"


def sim_binary():
    return pathlib.Path(os.environ.get("ECS_SIM") or REPO / ".build" / "debug" / "ecs-sim")


class Sim:
    """A running ecs-sim: where it listens, the keys it accepts, and its /_sim endpoints."""

    def __init__(self, process, info, access_key, secret_key):
        self.process = process
        self.info = info  # the first line: port, endpoint, region, counts, startupMilliseconds, stateDir
        self.endpoint = info["endpoint"]
        self.port = info["port"]
        self.region = info["region"]
        self.access_key = access_key
        self.secret_key = secret_key

    def client(self, service="ecs", secret_key=None, access_key=None, max_attempts=3, region=None):
        """A boto3 client for `service` signed with the simulator's keys (or the ones given),
        for `region` (the simulator's default region unless given)."""
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=region or self.region,
            aws_access_key_id=access_key or self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            config=botocore.config.Config(retries={"mode": "standard", "max_attempts": max_attempts}),
        )

    def _sim(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def post_faults(self, api=None, channel=None, seed=None):
        """Replaces the API and/or channel faults (each part given replaces the current one
        whole); returns the faults now in force."""
        body = {key: value for key, value in (("api", api), ("channel", channel), ("seed", seed)) if value is not None}
        return self._sim("POST", "/_sim/faults", body)

    def faults(self):
        return self._sim("GET", "/_sim/faults")

    def stats(self):
        """Calls by action, errors by code, injected faults by kind, and the hub's counters
        under "channel"."""
        return self._sim("GET", "/_sim/stats")

    def reset(self):
        return self._sim("POST", "/_sim/reset")

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_sim(*args, access_key=DEMO_ACCESS_KEY, secret_key=DEMO_SECRET_KEY):
    """Starts ecs-sim with `args` (plus --stop-on-stdin-eof) and returns once it has
    announced its port. Pass access_key/secret_key when `args` hold other keys."""
    binary = sim_binary()
    if not binary.exists():
        pytest.fail(f"{binary} does not exist: build it (swift build --product ecs-sim) or set ECS_SIM")
    process = subprocess.Popen(
        [str(binary), *args, "--stop-on-stdin-eof"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=10)
        pytest.fail(f"ecs-sim {' '.join(args)} exited with status {process.returncode}: {process.stderr.read().strip()}")
    return Sim(process, json.loads(line), access_key, secret_key)


def _factory():
    started = []

    def start(*args, **keys):
        sim = start_sim(*args, **keys)
        started.append(sim)
        return sim

    return start, started


@pytest.fixture
def sim_factory():
    """Starts simulators with the given arguments; every one is stopped after the test."""
    start, started = _factory()
    yield start
    for sim in started:
        sim.stop()


@pytest.fixture(scope="module")
def module_sim_factory():
    """Like sim_factory, for module-scoped fixtures: stopped after the test module."""
    start, started = _factory()
    yield start
    for sim in started:
        sim.stop()


@pytest.fixture(scope="module")
def ecs_sim(module_sim_factory):
    """The demo fleet, one simulator for the whole test module."""
    return module_sim_factory("--demo")
