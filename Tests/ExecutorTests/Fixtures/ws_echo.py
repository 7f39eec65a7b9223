#!/usr/bin/env python3
"""Loopback WebSocket server for the transport tests (python `websockets`).

Usage: ws_echo.py [CERT KEY]. Binds 127.0.0.1 on a free port (TLS when a certificate and
key are given), prints the port, and serves until standard input closes. Each connection:

* the server speaks only after the client's first message (as the data channel does, after
  the client's open frame): the message "report" is answered with the upgrade request's
  path and headers as JSON text ({"path": ..., "headers": {...}});
* every other text or binary message is echoed back;
* the message "ping-me" makes the server send a ping and report whether the pong came;
* the message "fragment:N" makes it send N bytes of 0x61 as one message in 1000-byte fragments;
* the message "big:N" makes it send N bytes of 0x62 as one unfragmented binary frame;
* the message "close" makes it close with code 4001;
* masking of client frames is enforced by the library itself (an unmasked client frame
  fails the connection).
"""
import asyncio
import json
import ssl
import sys

from websockets.asyncio.server import serve

from stdin_closed import stdin_closed


async def handler(ws):
    request = ws.request
    async for message in ws:
        if message == "report":
            await ws.send(json.dumps({"path": request.path, "headers": {k.lower(): v for k, v in request.headers.raw_items()}}))
        elif message == "ping-me":
            pong = await ws.ping(b"hello")
            try:
                await asyncio.wait_for(pong, 5)
                await ws.send("pong-received")
            except asyncio.TimeoutError:
                await ws.send("no-pong")
        elif isinstance(message, str) and message.startswith("fragment:"):
            size = int(message.split(":")[1])
            data = b"a" * size
            await ws.send(data[i:i + 1000] for i in range(0, size, 1000))
        elif isinstance(message, str) and message.startswith("big:"):
            await ws.send(b"b" * int(message.split(":")[1]))
        elif message == "close":
            await ws.close(4001, "asked to")
            return
        else:
            await ws.send(message)


async def main():
    context = None
    if len(sys.argv) == 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
    stop = stdin_closed()
    async with serve(handler, "127.0.0.1", 0, ssl=context, max_size=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(port, flush=True)
        await stop


asyncio.run(main())
