#!/bin/bash
# Rundeck NodeExecutor: runs RD_EXEC_COMMAND in the container of node RD_NODE_NAME with
# `ecsnodes exec --raw`. The node comes from its RD_NODE_* attributes as a one-node resource-json
# on standard input (no inventory poll). Standard output is exactly what the command wrote; the
# exit status is the command's (ecsnodes' own statuses when it could not run: README "Exit status").
set -euo pipefail

# json STRING: STRING as a JSON string literal.
json() {
    local text="$1" out="" char code i bs='\' q='"'
    text="${text//"$bs"/"$bs$bs"}"
    text="${text//"$q"/"$bs$q"}"
    text="${text//$'\n'/"${bs}n"}"
    text="${text//$'\r'/"${bs}r"}"
    text="${text//$'\t'/"${bs}t"}"
    if [[ "$text" == *[[:cntrl:]]* ]]; then
        for ((i = 0; i < ${#text}; i++)); do
            char="${text:i:1}"
            if [[ "$char" == [[:cntrl:]] ]]; then
                printf -v code '%d' "'$char"
                printf -v char '\\u%04x' "$code"
            fi
            out+="$char"
        done
        text="$out"
    fi
    printf '"%s"' "$text"
}

node="${RD_NODE_NAME:?RD_NODE_NAME is not set: this script is run by Rundeck as a node executor}"
command="${RD_EXEC_COMMAND:?RD_EXEC_COMMAND is not set}"

# The ECS attributes ecsnodes exec needs, from Rundeck's RD_NODE_* variables.
attributes="\"nodename\":$(json "$node")"
add() { if [[ -n "${2:-}" ]]; then attributes+=",$(json "$1"):$(json "$2")"; fi; }
add ECS:Task-ARN "${RD_NODE_ECS_TASK_ARN:-}"
add ECS:Task-ID "${RD_NODE_ECS_TASK_ID:-}"
add ECS:Cluster-ARN "${RD_NODE_ECS_CLUSTER_ARN:-}"
add ECS:Cluster-Name "${RD_NODE_ECS_CLUSTER_NAME:-}"
add ECS:Container-Name "${RD_NODE_ECS_CONTAINER_NAME:-}"
add ECS:Region "${RD_NODE_ECS_REGION:-}"
add ECS:Runtime-ID "${RD_NODE_ECS_RUNTIME_ID:-}"
add ECS:Exec-Enabled "${RD_NODE_ECS_EXEC_ENABLED:-}"
add ECS:Exec-Agent-Status "${RD_NODE_ECS_EXEC_AGENT_STATUS:-}"
add assume-role-arn "${RD_NODE_ASSUME_ROLE_ARN:-}"

args=(exec --nodes-from - --raw)
one() { if [[ -n "${2:-}" ]]; then args+=("$1" "$2"); fi; }
one --profile "${RD_CONFIG_PROFILE:-}"
one --credential-provider "${RD_CONFIG_CREDENTIAL_PROVIDER:-}"
one --assume-role-arn "${RD_CONFIG_ASSUME_ROLE_ARN:-${RD_NODE_ASSUME_ROLE_ARN:-}}"
one --endpoint-url "${RD_CONFIG_ENDPOINT_URL:-}"
one --timeout "${RD_CONFIG_TIMEOUT:-}"
one --region "${RD_NODE_ECS_REGION:-}"

printf '{%s:{%s}}\n' "$(json "$node")" "$attributes" |
    exec "${RD_CONFIG_ECSNODES_PATH:-ecsnodes}" "${args[@]}" -- "$command"
