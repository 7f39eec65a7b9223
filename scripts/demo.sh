#!/usr/bin/env bash
# The main job on the bundled sample inventory: which containers run a Spring image?
# Installs what a fresh machine lacks, builds ecsnodes, then runs the query.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product ecsnodes >&2
bin=.build/release/ecsnodes
set -x
"$bin" nodes --from examples/fleet.json -F 'ECS:Container-Image: .*spring.*'
"$bin" nodes --from examples/fleet.json -F 'ECS:Container-Image: .*spring.* !ECS:Task-Launch-Type: EC2' -o names
"$bin" nodes --from examples/fleet.json --where 'ECS:CPU >= 1024 and (ECS:Exec-Agent-Status != RUNNING or not ECS:Service-Name)'
