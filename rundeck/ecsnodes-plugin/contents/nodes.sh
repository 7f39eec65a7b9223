#!/bin/bash
# Rundeck ResourceModelSource: prints the ECS containers as resource-yaml (ecsnodes nodes -o yaml).
# Every RD_CONFIG_* property left empty adds no option. Each node gets node-executor=ecsnodes-exec,
# so Rundeck runs commands on it with this plugin's node executor.
set -euo pipefail

args=(nodes -o yaml --attribute node-executor=ecsnodes-exec)

# one OPTION VALUE: adds "OPTION VALUE" when VALUE is not empty.
one() { if [[ -n "${2:-}" ]]; then args+=("$1" "$2"); fi; }
# each OPTION LIST: adds "OPTION ITEM" for every item of the comma-separated LIST (spaces trimmed).
each() {
    local item
    local -a items
    IFS=',' read -r -a items <<< "${2:-}"
    for item in "${items[@]}"; do
        item="${item#"${item%%[![:space:]]*}"}"
        item="${item%"${item##*[![:space:]]}"}"
        if [[ -n "$item" ]]; then args+=("$1" "$item"); fi
    done
}

one --source "${RD_CONFIG_SOURCE:-}"
each --region "${RD_CONFIG_REGIONS:-}"
each --cluster "${RD_CONFIG_CLUSTERS:-}"
one --profile "${RD_CONFIG_PROFILE:-}"
one --credential-provider "${RD_CONFIG_CREDENTIAL_PROVIDER:-}"
one --assume-role-arn "${RD_CONFIG_ASSUME_ROLE_ARN:-}"
one --endpoint-url "${RD_CONFIG_ENDPOINT_URL:-}"
each --service "${RD_CONFIG_SERVICES:-}"
each --exclude-service "${RD_CONFIG_EXCLUDED_SERVICES:-}"
each --family "${RD_CONFIG_FAMILIES:-}"
each --container-name "${RD_CONFIG_CONTAINER_NAMES:-}"
each --tag "${RD_CONFIG_TAGS:-}"
each --exclude-tag "${RD_CONFIG_EXCLUDED_TAGS:-}"
one --max-age "${RD_CONFIG_MAX_AGE:-}"
one --filter "${RD_CONFIG_FILTER:-}"

exec "${RD_CONFIG_ECSNODES_PATH:-ecsnodes}" "${args[@]}"
