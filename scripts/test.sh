#!/usr/bin/env bash
# Runs every test of ecsnodes, after installing what a fresh machine lacks.
#   scripts/test.sh            all tests (Swift, then the Python tests of ecs-sim in tests/sim)
#   scripts/test.sh FILTER     only tests whose name matches FILTER (swift test --filter)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ "$#" -gt 0 ]; then
    swift test --filter "$1"
else
    swift test
    # ecs-sim as boto3 sees it, with the debug binary swift test has just built.
    python3 -m pytest tests/sim -q
fi
