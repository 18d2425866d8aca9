"""Webhook -> fake tower command and webhook -> fake Slack request latency.

One clock for both ends: the harness takes time.monotonic() just before it sends the POST, and the fakes
(tests/fakes/patlite_tower.py, tests/fakes/slack_server.py) record time.monotonic() for every request they
receive; both are CLOCK_MONOTONIC on the same machine. Posts go one at a time: the next is sent only once
the fake has seen the previous one's effect, so every sample is one webhook's own path (HTTP, durable
commit, wake-up, the device or Slack request, and the fake's own request parsing, which a real device or
Slack would not charge to alertgate).
"""

import http.client
import json
import math
import os
import re
import ssl
import subprocess
import time

from gateway import alert_body

PYTHON = "/usr/bin/python3"
FAKES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes")

OPENSSL_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "test-ca.cnf")


def make_test_ca(directory):
    """A CA and a certificate for localhost signed by it (EC P-256); returns (ca, cert, key) paths."""
    os.makedirs(directory, exist_ok=True)
    path = lambda name: os.path.join(directory, name)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    commands = [
        ["req", "-x509", "-config", OPENSSL_CONFIG, "-extensions", "ca", *ec, "-keyout", path("ca.key"),
         "-out", path("ca.pem"), "-days", "30", "-subj", "/CN=alertgate bench CA"],
        ["req", "-new", "-config", OPENSSL_CONFIG, *ec, "-keyout", path("server.key"), "-out",
         path("server.csr"), "-subj", "/CN=localhost"],
        ["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
         "-CAcreateserial", "-days", "30", "-extfile", OPENSSL_CONFIG, "-extensions", "server", "-out",
         path("server.pem")],
    ]
    for command in commands:
        subprocess.run(["openssl", *command], check=True, capture_output=True)
    return path("ca.pem"), path("server.pem"), path("server.key")


def start_fake(processes, script, args, log_path):
    """Starts a fake from tests/fakes and returns it with the ports it printed on its LISTENING line."""
    fake = processes.start([PYTHON, os.path.join(FAKES, script), *args], log_path)
    fake.wait_for_log("LISTENING ")
    ports = [int(p) for p in re.search(r"LISTENING ([0-9 ]+)\n", fake.log()).group(1).split()]
    return fake, ports


class RecordTail:
    """Reads the complete JSON lines a fake appends to its --record file."""

    def __init__(self, path):
        """Starts at the file's current end: what was recorded before is not for this reader."""
        self.path = path
        self._offset = os.path.getsize(path) if os.path.exists(path) else 0
        self._partial = b""

    def new_entries(self):
        if not os.path.exists(self.path):
            return []
        with open(self.path, "rb") as record:
            record.seek(self._offset)
            data = record.read()
        self._offset += len(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        return [json.loads(line) for line in lines if line]

    def wait_for(self, accept, timeout=10.0):
        """The first new entry accept() takes; polls every 0.5 ms so the poll adds little to a sample."""
        deadline = time.monotonic() + timeout
        while True:
            for entry in self.new_entries():
                if accept(entry):
                    return entry
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing arrived in {self.path} within {timeout} s")
            time.sleep(0.0005)


def tower_floor(port, tail, samples):
    """The same measure for GETs the harness itself sends to the fake tower, one new connection each as
    alertgate makes them: what the fake and loopback take, the floor of the webhook -> tower figure."""
    latencies = []
    for i in range(samples):
        digits = "100000" if i % 2 == 0 else "000000"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        sent = time.monotonic()
        connection.request("GET", f"/api/control?alert={digits}")
        connection.getresponse().read()
        connection.close()
        latencies.append(tail.wait_for(lambda e: e["alert"] == digits)["at"] - sent)
    return latencies


def slack_floor(port, ca_file, tail, samples):
    """The same for POSTs the harness sends to the fake Slack, each over a new TLS connection (handshake
    included) as alertgate makes them."""
    context = ssl.create_default_context(cafile=ca_file)
    latencies = []
    for i in range(samples):
        connection = http.client.HTTPSConnection("localhost", port, timeout=10, context=context)
        marker = f"floor-{i}"
        sent = time.monotonic()
        connection.request("POST", "/services/T0/B0/floor", json.dumps({"text": marker}),
                           {"Content-Type": "application/json"})
        connection.getresponse().read()
        connection.close()
        latencies.append(tail.wait_for(lambda e: marker in e["body"])["at"] - sent)
    return latencies


def tower_latencies(gateway, tail, samples, first_number):
    """Alternately fires and resolves a critical alert (a new one per pair): the lamps go 100000 and back to
    000000, one tower command per post. tail was opened before the gateway started. Returns the latencies
    and the times until the webhook was answered (the durable commit), in seconds."""
    tail.wait_for(lambda entry: entry["alert"] == "000000")  # the state sent at start-up
    latencies, answered = [], []
    for i in range(samples):
        firing = i % 2 == 0
        number = first_number + i // 2
        body = alert_body(number, "firing" if firing else "resolved", severity="critical",
                          starts_at=f"2026-11-22T12:{(i // 2) % 60:02d}:00Z")
        expected = "100000" if firing else "000000"
        sent = time.monotonic()
        status = gateway.post(body)
        answered.append(time.monotonic() - sent)
        if status != 200:
            raise RuntimeError(f"webhook answered {status}")
        entry = tail.wait_for(lambda e: e["alert"] == expected and e["result"] == "Success.")
        latencies.append(entry["at"] - sent)
    return latencies, answered


def slack_latencies(gateway, tail, samples, first_number):
    """Posts a new firing alert per sample, each one Slack message. Returns the latencies in seconds."""
    latencies = []
    for i in range(samples):
        body = alert_body(first_number + i, "firing", severity="critical")
        key = f"{first_number + i:016x}"
        sent = time.monotonic()
        status = gateway.post(body)
        if status != 200:
            raise RuntimeError(f"webhook answered {status}")
        entry = tail.wait_for(lambda e: key in e["body"])
        latencies.append(entry["at"] - sent)
    return latencies


def percentile(values, p):
    """Nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100.0 * len(ordered))) - 1]

