"""Fixtures for the interactive-shell tests: ecs-sim (started as tests/sim does) and the
built ecsnodes binary ($ECSNODES, else .build/debug/ecsnodes)."""

import importlib.util
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

# tests/sim/conftest.py knows how to start and stop ecs-sim; load it under another name.
_spec = importlib.util.spec_from_file_location("sim_fixtures", REPO / "tests" / "sim" / "conftest.py")
sim_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sim_fixtures)


def ecsnodes_binary():
    binary = pathlib.Path(os.environ.get("ECSNODES") or REPO / ".build" / "debug" / "ecsnodes")
    if not binary.exists():
        pytest.fail(f"{binary} does not exist: build it (swift build --product ecsnodes) or set ECSNODES")
    return str(binary)


@pytest.fixture
def sim_factory():
    started = []

    def start(*args):
        sim = sim_fixtures.start_sim(*args)
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()
