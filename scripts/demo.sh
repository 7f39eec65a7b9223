#!/usr/bin/env bash
# The main job, end to end, with no AWS account: starts ecs-sim (the local ECS simulator) with
# its bundled demo fleet, lists the fleet's containers as nodes, and picks the Spring ones with
# a Rundeck filter, runs a command in them through ECS Exec; then the same query on the sample
# inventory file. Installs what a fresh machine lacks and builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product ecsnodes >&2
swift build -c release --product ecs-sim >&2
bin=.build/release

# ecs-sim prints one line of JSON (its endpoint among it) once it listens; it stops with this script.
info=$(mktemp)
"$bin/ecs-sim" --demo --port 0 > "$info" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$info"' EXIT
for _ in $(seq 100); do [ -s "$info" ] && break; sleep 0.1; done
endpoint=$(sed -n 's/.*"endpoint":"\([^"]*\)".*/\1/p' "$info")
echo "ecs-sim serves the demo fleet at $endpoint" >&2

# The simulator's public demo keys (docs/ecs-sim.md); a real account needs nothing of this.
export AWS_ACCESS_KEY_ID=AKIAECSSIMDEMO000000 AWS_SECRET_ACCESS_KEY=ecs-sim/demo/secret/key/0000000000000000
export AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
set -x
"$bin/ecsnodes" nodes --endpoint-url "$endpoint" --refresh
"$bin/ecsnodes" nodes --endpoint-url "$endpoint" -F 'ECS:Container-Image: .*spring.*'
"$bin/ecsnodes" nodes --endpoint-url "$endpoint" --where 'ECS:Exec-Enabled != true or ECS:Exec-Agent-Status != RUNNING' \
    --columns name,ECS:Exec-Enabled,ECS:Exec-Agent-Status
# Run a command in every Spring container through ECS Exec (the simulator runs it in a real PTY)
"$bin/ecsnodes" exec --endpoint-url "$endpoint" -F 'ECS:Container-Image: .*spring.*' --keep-going -- 'echo "$HOSTNAME: $(uname -s)"' \
    || echo "(exit status $?: some demo containers cannot run commands, as the summary says)"
"$bin/ecsnodes" nodes --from examples/fleet.json -F 'ECS:Container-Image: .*spring.* !ECS:Task-Launch-Type: EC2' -o names
