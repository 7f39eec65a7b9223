#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with Swift lacks for building and testing ecsnodes:
# the -dev packages of the C libraries it links (PCRE2 now; libcurl and OpenSSL for the AWS
# core), pkg-config, jq, and make (make rundeck-plugin, used by its test). Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libpcre2-dev libcurl4-openssl-dev libssl-dev pkg-config jq make)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python peers the tests start on 127.0.0.1: moto (the ECS, IAM and STS APIs, with signature
# checking) and boto3 (to build its fixtures and to compare listings); websockets and
# cryptography for the independent data-channel client of tests/sim, run by pytest.
if ! python3 -c "import moto.server, boto3, flask_cors" 2>/dev/null; then
    echo "installing: moto[server] boto3" >&2
    python3 -m pip install -q "moto[server]>=5.1,<6" boto3
fi
if ! python3 -c "import websockets.asyncio.client, cryptography.hazmat.primitives.ciphers.aead, pytest" 2>/dev/null; then
    echo "installing: websockets cryptography pytest" >&2
    python3 -m pip install -q "websockets>=15" cryptography pytest
fi
