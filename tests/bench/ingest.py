"""Durable ingest: wrk posting webhooks to alertgate and, back to back with the same wrk settings, to nginx
answering 200 on the same path (the reference: what answering HTTP costs on this machine, nothing stored).
"""

import http.client
import json
import os
import subprocess
import threading
import time

from gateway import TOKEN, WEBHOOK_PATH, alert_body, body_template, headers
from processes import free_port, wait_until_ready

WRK = "/usr/bin/wrk"
LUA_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wrk_post.lua")
PLACEHOLDER = "@N@"

# `return 200` makes nginx read the request body off the connection and discard it (it must, to serve the
# next request on a kept-alive connection). The check request, and only it, is logged.
NGINX_CONFIG = """daemon off;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    map $http_x_bench_check $bench_check {{ default 0; "1" 1; }}
    log_format bench_check '$status $request_length $content_length';
    access_log {prefix}/check.log bench_check if=$bench_check;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 1m;
    client_body_buffer_size 1m;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        location = {path} {{ return 200 '{{"status":"stored"}}'; }}
    }}
}}
"""


class Nginx:
    def __init__(self, processes, binary, prefix):
        os.makedirs(prefix, exist_ok=True)
        self.prefix = prefix
        self.port = free_port()
        config = os.path.join(prefix, "nginx.conf")
        with open(config, "w", encoding="utf-8") as out:
            out.write(NGINX_CONFIG.format(prefix=prefix, port=self.port, path=WEBHOOK_PATH))
        self.process = processes.start([binary, "-p", prefix, "-c", config, "-e", "stderr"],
                                       os.path.join(prefix, "log"))
        wait_until_ready(self.process, self.port, path=WEBHOOK_PATH)

    def check_consumes_body(self, body):
        """Two POSTs on one kept-alive connection: the second is answered 200 only if nginx read the
        first one's body off the connection (else those bytes would be parsed as the next request), and
        the first is logged with its Content-Length. Returns the logged line."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        sockets = []
        for check in ("1", "0"):
            connection.request("POST", WEBHOOK_PATH, body, {**headers(), "X-Bench-Check": check})
            sockets.append(connection.sock)
            response = connection.getresponse()
            response.read()
            if response.status != 200 or response.will_close:
                raise RuntimeError(f"nginx answered {response.status} (closing: {response.will_close})")
        connection.close()
        if sockets[0] is not sockets[1]:
            raise RuntimeError("nginx did not keep the connection open after a POST with a body")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with open(os.path.join(self.prefix, "check.log"), encoding="ascii") as log:
                line = log.read().strip()
            if line:
                if line.split()[2] != str(len(body)):
                    raise RuntimeError(f"nginx logged another body length than {len(body)}: {line}")
                return line
            time.sleep(0.05)
        raise RuntimeError("nginx logged nothing for the check request")


class PeakRss:
    """Samples VmRSS every 50 ms while in its with-block."""

    def __init__(self, process):
        self.process = process
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.05):
            self.peak_kib = max(self.peak_kib, self.process.status_kib("VmRSS"))

    def __enter__(self):
        self.peak_kib = self.process.status_kib("VmRSS")
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_wrk(port, body_file, threads, connections, seconds):
    env = dict(os.environ, BENCH_BODY_FILE=body_file, BENCH_TOKEN=TOKEN)
    out = subprocess.run([WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", LUA_SCRIPT,
                          f"http://127.0.0.1:{port}{WEBHOOK_PATH}"],
                         env=env, capture_output=True, text=True, check=True).stdout
    line = next((l for l in out.splitlines() if l.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError("wrk printed no result:\n" + out)
    result = json.loads(line[len("BENCH "):])
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def median_run(runs):
    """The run with the median rate (rounds are odd in number)."""
    return sorted(runs, key=lambda run: run["rate"])[len(runs) // 2]


def measure(gateway, nginx, work, rounds, seconds, threads=2, connections=16, repeat=False):
    """Alternates nginx and alertgate runs; returns both median runs, alertgate's peak RSS under load and its
    disk writes per webhook (write_bytes over the alertgate runs / requests). Each request is a new alert
    (one of 50 alert names, its own group), or with repeat one notification posted again and again."""
    body_file = os.path.join(work, "wrk-body.json")
    with open(body_file, "w", encoding="utf-8") as out:
        out.write(body_template("0" * 16, "BenchRepeat") if repeat else body_template(PLACEHOLDER, "@A@"))
    nginx.check_consumes_body(body_template("0" * 16).encode("utf-8"))
    nginx_runs, gateway_runs = [], []
    written = busy = 0.0
    commits_before = commit_metrics(gateway)
    # An idle kept-alive connection holds one of the gateway's max_connections threads (Poco serves a
    # connection per thread): the harness's must not take one from wrk.
    gateway.close()
    with PeakRss(gateway.process) as peak:
        for _ in range(rounds):
            nginx_runs.append(run_wrk(nginx.port, body_file, threads, connections, seconds))
            before = gateway.process.io()["write_bytes"]
            gateway_runs.append(run_wrk(gateway.port, body_file, threads, connections, seconds))
            written += gateway.process.io()["write_bytes"] - before
            busy += gateway_runs[-1]["duration_us"] / 1e6
    commits, committed, commit_seconds = (after - before for after, before in
                                          zip(commit_metrics(gateway), commits_before))
    requests = sum(run["requests"] for run in gateway_runs)
    return {
        "nginx": median_run(nginx_runs),
        "alertgate": median_run(gateway_runs),
        "rounds": rounds,
        "seconds": seconds,
        "threads": threads,
        "connections": connections,
        "peak_rss_kib": peak.peak_kib,
        "bytes_per_webhook": written / requests if requests else float("nan"),
        "alertgate_requests": requests,
        "errors": {side: {kind: sum(run["errors"][kind] for run in runs) for kind in runs[0]["errors"]}
                   for side, runs in (("nginx", nginx_runs), ("alertgate", gateway_runs))},
        "body_bytes": len(body_template("0" * 16).encode("utf-8")),
        "batch": committed / commits if commits else float("nan"),
        "commit_share": commit_seconds / busy,
        "commit_ms": commit_seconds / commits * 1000 if commits else float("nan"),
    }


def fsync_latencies(directory, samples):
    """Appending 4 KiB to a file and fsync()ing it, as often as samples: what one durable write costs on
    this file system, the floor of a webhook's answer."""
    path = os.path.join(directory, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    latencies = []
    try:
        for _ in range(samples):
            os.write(fd, b"x" * 4096)
            start = time.monotonic()
            os.fsync(fd)
            latencies.append(time.monotonic() - start)
    finally:
        os.close(fd)
        os.unlink(path)
    return latencies


def commit_metrics(gateway):
    """From /metrics: (commits, notifications committed, seconds spent in commits)."""
    status, body = gateway.get("/metrics")
    values = {}
    for line in body.decode("utf-8").splitlines():
        if not line.startswith("#") and " " in line:
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return (values["alertgate_store_commit_duration_seconds_count"],
            values["alertgate_store_committed_notifications_total"],
            values["alertgate_store_commit_duration_seconds_sum"])


def sequential_bytes_per_webhook(gateway, count, first_number):
    """Posts count new alerts one after the other (each its own commit, nothing to share a commit with);
    returns (write_bytes per webhook, wchar per webhook, database+WAL growth per webhook)."""
    def files_size():
        return sum(os.path.getsize(path) for path in (gateway.db_path, gateway.db_path + "-wal")
                   if os.path.exists(path))

    bodies = [alert_body(first_number + i) for i in range(count)]
    io_before, size_before = gateway.process.io(), files_size()
    for body in bodies:
        status = gateway.post(body)
        if status != 200:
            raise RuntimeError(f"webhook answered {status}")
    io_after, size_after = gateway.process.io(), files_size()
    return ((io_after["write_bytes"] - io_before["write_bytes"]) / count,
            (io_after["wchar"] - io_before["wchar"]) / count, (size_after - size_before) / count)

