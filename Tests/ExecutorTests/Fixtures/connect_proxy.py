#!/usr/bin/env python3
"""An HTTP proxy that only tunnels (CONNECT), for the WebSocket transport's tests.

Usage: connect_proxy.py [--auth USER:PASSWORD]. Binds 127.0.0.1 on a free port, prints the
port, and serves until standard input closes. Each connection:

* "CONNECT host:port HTTP/1.1" and headers: with --auth, a "Proxy-Authorization: Basic ..."
  header with those credentials is required (else 407 with Proxy-Authenticate); the target
  is dialled (502 if that fails), "HTTP/1.1 200 Connection established" is answered, and the
  bytes are copied both ways until either side closes;
* "GET /_log": the CONNECT requests seen so far, as JSON: [{"target", "status", "auth"}];
* anything else: 405.
"""
import argparse
import asyncio
import base64
import json

from stdin_closed import stdin_closed

parser = argparse.ArgumentParser()
parser.add_argument("--auth")
options = parser.parse_args()
log = []


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:  # noqa: BLE001 - already closed
            pass


async def handle(reader, writer):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = (lines[0].split(" ") + ["", ""])[:3]
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()

    def answer(status, text, extra="", body=b""):
        writer.write(f"HTTP/1.1 {status} {text}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode() + body)

    if method == "GET" and target == "/_log":
        answer(200, "OK", "Content-Type: application/json\r\n", json.dumps(log).encode())
        await writer.drain()
        writer.close()
        return
    if method != "CONNECT":
        answer(405, "Method Not Allowed")
        await writer.drain()
        writer.close()
        return
    entry = {"target": target, "auth": headers.get("proxy-authorization")}
    log.append(entry)
    if options.auth:
        expected = "Basic " + base64.b64encode(options.auth.encode()).decode()
        if headers.get("proxy-authorization") != expected:
            entry["status"] = 407
            answer(407, "Proxy Authentication Required", 'Proxy-Authenticate: Basic realm="test"\r\n')
            await writer.drain()
            writer.close()
            return
    host, _, port = target.rpartition(":")
    try:
        upstream_reader, upstream_writer = await asyncio.open_connection(host.strip("[]"), int(port))
    except (OSError, ValueError):
        entry["status"] = 502
        answer(502, "Bad Gateway")
        await writer.drain()
        writer.close()
        return
    entry["status"] = 200
    writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
    await writer.drain()
    await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


async def main():
    stop = stdin_closed()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await stop


asyncio.run(main())
