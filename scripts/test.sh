#!/usr/bin/env bash
# Runs every test of ecsnodes, after installing what a fresh machine lacks:
#   the Swift tests (swift test), which start their own peers on 127.0.0.1 (moto, ecs-sim,
#   small Python servers) and stop them; the Python tests of tests/sim (pytest), which start
#   ecs-sim themselves; the PTY tests of tests/shell (pytest); the install check
#   (tests/install_test.sh); and a one-minute smoke of each libFuzzer target (scripts/fuzz.sh).
#   scripts/test.sh            all tests
#   scripts/test.sh FILTER     only Swift tests whose name matches FILTER (swift test --filter)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests
if [ "$#" -gt 0 ]; then
    swift test --skip-build --filter "$1"
    exit
fi
# The data-channel tests measure the agent's retransmission timing, so they run on their own
# and one at a time, and so do the executor's (sessions against ecs-sim, timing-sensitive on
# a loaded machine); everything else runs in parallel.
swift test --skip-build --skip DataChannelTests --skip ExecutorTests
swift test --skip-build --filter DataChannelTests --no-parallel
swift test --skip-build --filter ExecutorTests --no-parallel
ECS_SIM="$PWD/.build/debug/ecs-sim" python3 -m pytest -q tests/sim
# ecsnodes shell on a real pseudo-terminal (raw mode, resize, Ctrl-C, exit status, restore).
ECS_SIM="$PWD/.build/debug/ecs-sim" ECSNODES="$PWD/.build/debug/ecsnodes" python3 -m pytest -q tests/shell
tests/install_test.sh
scripts/fuzz.sh all 60
