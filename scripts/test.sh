#!/usr/bin/env bash
# Runs every test of ecsnodes, after installing what a fresh machine lacks.
#   scripts/test.sh            all tests
#   scripts/test.sh FILTER     only tests whose name matches FILTER (swift test --filter)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ "$#" -gt 0 ]; then
    swift test --filter "$1"
else
    swift test
fi
