"""Processes the harness starts, and what /proc says about them.

Every process started here is stopped by Processes.stop_all() (the harness calls it in a finally), and
dies with the harness anyway: PR_SET_PDEATHSIG sends it SIGTERM if the harness itself is killed.
"""

import ctypes
import http.client
import os
import signal
import socket
import subprocess
import threading
import time

PR_SET_PDEATHSIG = 1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _die_with_parent():
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port():
    """A port the kernel just handed out on loopback, for servers that need it in their config."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Process:
    """A child whose stdout+stderr go to log_path through a pipe drained by a thread, so the child's
    own /proc/PID/io counts no log writes (a journal would write them in another process too)."""

    def __init__(self, args, log_path, env=None):
        self.args = args
        self.log_path = log_path
        self.started_at = time.monotonic()
        self.popen = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, env=env, preexec_fn=_die_with_parent)
        self.pid = self.popen.pid
        self._log_lock = threading.Lock()
        self._log = b""
        self._drain = threading.Thread(target=self._drain_output, daemon=True)
        self._drain.start()

    def _drain_output(self):
        with open(self.log_path, "ab") as out:
            while True:
                chunk = os.read(self.popen.stdout.fileno(), 65536)
                if not chunk:
                    return
                out.write(chunk)
                with self._log_lock:
                    if len(self._log) < 1 << 20:
                        self._log += chunk

    def log(self):
        with self._log_lock:
            return self._log.decode("utf-8", "replace")

    def wait_for_log(self, text, timeout=20.0):
        deadline = time.monotonic() + timeout
        while text not in self.log():
            if self.popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.args[0]} did not log {text!r}:\n{self.log()[-3000:]}")
            time.sleep(0.01)

    def running(self):
        return self.popen.poll() is None

    def stop(self, timeout=10.0):
        """SIGTERM, then SIGKILL after timeout; returns the exit code."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._drain.join(timeout=5)
        self.popen.stdout.close()
        return self.popen.returncode

    # What /proc says about the process.

    def status_kib(self, field):
        """VmRSS, VmHWM, ... from /proc/PID/status, in KiB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise KeyError(field)

    def cpu_seconds(self):
        """utime + stime, in seconds (clock-tick resolution)."""
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
            # The command name may hold spaces: the fields start after its closing parenthesis.
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def io(self):
        """/proc/PID/io as a dict: write_bytes counts pages dirtied for the storage layer, wchar the
        bytes passed to write()."""
        with open(f"/proc/{self.pid}/io", encoding="ascii") as io:
            return {name: int(value) for name, value in (line.split(": ") for line in io)}


class Processes:
    """Owns what the harness started, so that one call stops all of it, newest first."""

    def __init__(self):
        self._started = []

    def start(self, args, log_path, env=None):
        process = Process(args, log_path, env)
        self._started.append(process)
        return process

    def stop(self, process):
        code = process.stop()
        self._started.remove(process)
        return code

    def stop_all(self):
        while self._started:
            self.stop(self._started[-1])


def http_status(port, path, timeout=1.0):
    """The status of a GET on loopback, or None when nothing answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def wait_until_ready(process, port, path="/-/ready", timeout=30.0, interval=0.002):
    """Polls path until it answers 200; returns the seconds from the process's exec to that answer."""
    deadline = time.monotonic() + timeout
    while http_status(port, path) != 200:
        if not process.running():
            raise RuntimeError(f"{process.args[0]} exited before it was ready:\n{process.log()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{process.args[0]} not ready after {timeout} s:\n{process.log()[-3000:]}")
        time.sleep(interval)
    return time.monotonic() - process.started_at
