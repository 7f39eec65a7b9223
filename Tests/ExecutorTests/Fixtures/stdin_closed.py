"""Shared by the fixture servers here: they run until their standard input closes, which
happens when the test stops them or the test process ends, so none outlives its test."""
import asyncio
import sys
import threading


def stdin_closed() -> asyncio.Future:
    """A future of the running loop that completes when standard input reaches end of file."""
    loop = asyncio.get_running_loop()
    closed = loop.create_future()

    def wait():
        sys.stdin.read()
        loop.call_soon_threadsafe(lambda: closed.done() or closed.set_result(None))

    threading.Thread(target=wait, daemon=True).start()
    return closed
