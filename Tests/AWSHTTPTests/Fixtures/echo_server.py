#!/usr/bin/env python3
"""Loopback HTTP/1.1 server for the AWSHTTP tests (Python 3 standard library only).

Binds 127.0.0.1 on a free port and prints the port as its first stdout line. With --tls CERT KEY
it serves HTTPS with that certificate. It exits when its stdin closes, so it never outlives
the test process.

  /echo           JSON: method, path, headers (ordered [name, value] pairs), body_length, body_sha256
  /status/NNN     answers with status NNN
  /slow?ms=N      sleeps N milliseconds, then answers
  /big?bytes=N    N bytes, byte i being i % 251
  /conn           the client's remote port, as text
"""
import hashlib
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries Content-Length
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stalls

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/echo":
            self.answer(200, json.dumps({
                "method": self.command,
                "path": self.path,
                "headers": [[name, value] for name, value in self.headers.items()],
                "body_length": len(body),
                "body_sha256": hashlib.sha256(body).hexdigest(),
            }).encode(), "application/json")
        elif url.path.startswith("/status/"):
            self.answer(int(url.path[len("/status/"):]), b"status\n")
        elif url.path == "/slow":
            time.sleep(int(query.get("ms", ["1000"])[0]) / 1000)
            self.answer(200, b"slow\n")
        elif url.path == "/big":
            count = int(query["bytes"][0])
            pattern = bytes(range(251))
            self.answer(200, (pattern * (count // 251 + 1))[:count], "application/octet-stream")
        elif url.path == "/conn":
            self.answer(200, str(self.client_address[1]).encode())
        else:
            self.answer(404, b"not found\n")

    def answer(self, status, body, content_type="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default 5 drops SYNs when many clients connect at once

    def handle_error(self, request, client_address):
        pass  # clients that time out or cancel hang up mid-answer; that is expected


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
