"""`ecsnodes shell` on a real pseudo-terminal against ecs-sim: raw mode while the session
runs and the terminal's settings put back after it, keys (Ctrl-C too) forwarded, resizes
followed, the remote shell's exit status returned; and the same without a terminal."""

import fcntl
import os
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time

import pytest

from conftest import ecsnodes_binary, sim_fixtures

KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"


def environment(sim):
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": sim.access_key, "AWS_SECRET_ACCESS_KEY": sim.secret_key, "AWS_REGION": sim.region,
        "AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
        "AWS_EC2_METADATA_DISABLED": "true", "ECSNODES_CONFIG": "/nonexistent/ecsnodes.yaml",
        "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="ecsnodes-shell-"), "TERM": "xterm",
    })
    return env


def node_name(sim):
    run = subprocess.run([ecsnodes_binary(), "nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "names"],
                         env=environment(sim), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()[0]


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class Session:
    """ecsnodes running on the slave side of a new pty, as its controlling terminal."""

    def __init__(self, sim, *arguments, rows=30, cols=100):
        self.master, self.slave = os.openpty()
        set_size(self.slave, rows, cols)
        self.before = termios.tcgetattr(self.slave)

        def controlling_terminal():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [ecsnodes_binary(), "shell", node_name(sim), "--endpoint-url", sim.endpoint, "--max-age", "0", *arguments],
            stdin=self.slave, stdout=self.slave, stderr=self.slave, env=environment(sim),
            start_new_session=True, preexec_fn=controlling_terminal)
        self.seen = b""

    def type(self, text):
        os.write(self.master, text.encode() if isinstance(text, str) else text)

    def expect(self, needle, timeout=30):
        """Reads until `needle` has appeared after the last expect; returns what was read."""
        needle = needle.encode()
        deadline = time.monotonic() + timeout
        while needle not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} not seen in {self.seen[-2000:]!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the terminal closed before {needle!r}: {self.seen[-2000:]!r}")
                self.seen += chunk
        index = self.seen.index(needle) + len(needle)
        read, self.seen = self.seen[:index], self.seen[index:]
        return read

    def lflag(self):
        return termios.tcgetattr(self.slave)[3]

    def wait(self, timeout=30):
        # Keep draining the terminal so the child never blocks writing to it.
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096)
                except OSError:
                    pass
        return self.process.wait(timeout=1)

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
        os.close(self.slave)


@pytest.mark.parametrize("kms", [False, True], ids=["plain", "kms"])
def test_typed_commands_resize_ctrl_c_and_exit_status(sim_factory, kms):
    sim = sim_factory("--clusters", "1", "--tasks", "1", *(["--kms-key-id", KMS_KEY] if kms else []))
    session = Session(sim)
    try:
        assert session.before[3] & termios.ECHO and session.before[3] & termios.ICANON
        session.type("echo hello $((6*7))\r")
        session.expect("hello 42")
        # Raw mode while the session runs.
        assert not session.lflag() & (termios.ECHO | termios.ICANON | termios.ISIG)
        session.type("stty size\r")
        session.expect("30 100")
        set_size(session.slave, 40, 120)  # the kernel sends SIGWINCH to ecsnodes
        time.sleep(0.5)
        session.type("stty size\r")
        session.expect("40 120")
        # Ctrl-C goes to the remote terminal: it interrupts the remote sleep, not ecsnodes.
        session.type("sleep 30\r")
        session.expect("sleep 30")
        time.sleep(0.5)
        session.type(b"\x03")
        session.type("echo after-$((1+1))\r")
        session.expect("after-2", timeout=10)
        session.type("exit 3\r")
        assert session.wait() == 3, session.seen
        assert termios.tcgetattr(session.slave) == session.before
        if kms:
            assert sim.stats()["channel"]["handshakesCompleted"] == 1
    finally:
        session.close()


def test_sigterm_restores_the_terminal(sim_factory):
    sim = sim_factory("--clusters", "1", "--tasks", "1")
    session = Session(sim)
    try:
        session.type("echo ready-$((2*4))\r")
        session.expect("ready-8")
        assert not session.lflag() & termios.ECHO
        session.process.send_signal(signal.SIGTERM)
        assert session.wait() == 128 + signal.SIGTERM
        assert termios.tcgetattr(session.slave) == session.before
    finally:
        session.close()


def test_without_a_terminal_input_is_forwarded_and_its_end_is_ctrl_d(sim_factory):
    sim = sim_factory("--clusters", "1", "--tasks", "1")
    run = subprocess.run([ecsnodes_binary(), "shell", node_name(sim), "--endpoint-url", sim.endpoint, "--max-age", "0"],
                         input="echo piped $((2+3))\nexit 4\n", env=environment(sim), capture_output=True, text=True, timeout=60)
    assert run.returncode == 4, run.stderr
    assert "piped 5" in run.stdout
    run = subprocess.run([ecsnodes_binary(), "shell", node_name(sim), "--endpoint-url", sim.endpoint, "--max-age", "0",
                          "--command", "cat"], input="line one\n", env=environment(sim), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "line one" in run.stdout


def test_exec_it_needs_exactly_one_node(sim_factory):
    sim = sim_factory("--clusters", "1", "--tasks", "2")
    run = subprocess.run([ecsnodes_binary(), "exec", "-it", "--endpoint-url", sim.endpoint, "--max-age", "0", "-F", ".*", "--", "sh"],
                         env=environment(sim), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 64, run.stderr
    assert "exactly one node" in run.stderr
    name = node_name(sim)
    run = subprocess.run([ecsnodes_binary(), "exec", "-it", "--endpoint-url", sim.endpoint, "--max-age", "0", "--node", name, "--", "sh"],
                         input="echo it $((3*3)); exit 5\n", env=environment(sim), capture_output=True, text=True, timeout=60)
    assert run.returncode == 5, run.stderr
    assert "it 9" in run.stdout
