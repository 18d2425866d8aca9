"""The real alertgate daemon for the benchmarks, and the webhook bodies posted to it.

Every body is the captured Alertmanager 0.25 request tests/fixtures/alertmanager-0.25/disk-alert-firing.json
(one alert, Japanese annotations), with its instance and fingerprint changed so that each post is an alert
of its own: a new alert, a new event, a real change for the store.
"""

import http.client
import json
import os

from processes import free_port, wait_until_ready

TOKEN = "bench-token"
WEBHOOK_PATH = "/api/v1/alertmanager"
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "alertmanager-0.25",
                       "disk-alert-firing.json")
FIXTURE_INSTANCE = "nas:9100"
FIXTURE_FINGERPRINT = "2284412efeb3f230"


def fixture_body():
    with open(FIXTURE, encoding="utf-8") as source:
        return json.load(source)["body"]


def body_template(placeholder, name_placeholder="DiskUsage"):
    """The fixture body as sent, with placeholder where the instance and the fingerprint go and
    name_placeholder where the alert name goes (wrk's Lua script fills them in per request)."""
    text = json.dumps(fixture_body(), ensure_ascii=False, separators=(",", ":"))
    text = text.replace(FIXTURE_INSTANCE, f"n{placeholder}:9100").replace("DiskUsage", name_placeholder)
    return text.replace(FIXTURE_FINGERPRINT, placeholder)


def alert_body(number, status="firing", severity=None, starts_at="2026-11-22T12:24:41.884276422Z"):
    """The fixture as alert number `number` (16 hex digits as its fingerprint), firing or resolved."""
    body = fixture_body()
    key = f"{number:016x}"
    text = json.dumps(body, ensure_ascii=False).replace(FIXTURE_INSTANCE, f"n{key}:9100")
    body = json.loads(text.replace(FIXTURE_FINGERPRINT, key))
    body["status"] = status
    for alert in body["alerts"]:
        alert["status"] = status
        alert["startsAt"] = starts_at
        if status == "resolved":
            alert["endsAt"] = "2026-11-22T13:00:00Z"
        if severity:
            alert["labels"]["severity"] = severity
    if severity:
        body["commonLabels"]["severity"] = severity
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def headers():
    return {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}


class Gateway:
    """alertgate on a free loopback port with its own directory, config and database."""

    def __init__(self, processes, binary, directory, extra_ini="", db_path=None, ready_timeout=30.0):
        os.makedirs(directory, exist_ok=True)
        self.directory = directory
        self.db_path = db_path or os.path.join(directory, "alertgate.db")
        self.port = free_port()
        token_file = os.path.join(directory, "token")
        with open(os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
            out.write(TOKEN + "\n")
        self.config = os.path.join(directory, "alertgate.ini")
        with open(self.config, "w", encoding="utf-8") as out:
            out.write(f"[http]\nlisten = 127.0.0.1:{self.port}\n[store]\npath = {self.db_path}\n"
                      f"[webhook]\nbearer_token_file = {token_file}\n{extra_ini}")
        self.process = processes.start([binary, "--config", self.config], os.path.join(directory, "log"))
        self.startup_seconds = wait_until_ready(self.process, self.port, timeout=ready_timeout)
        self._connection = None

    def post(self, body):
        """POSTs a webhook on a kept-alive connection; returns the status."""
        return self._exchange("POST", WEBHOOK_PATH, body, headers())[0]

    def get(self, path):
        """GETs path with the credentials on a kept-alive connection; returns (status, body)."""
        return self._exchange("GET", path, None, {"Authorization": f"Bearer {TOKEN}"})

    def _exchange(self, method, path, body, request_headers):
        # The gateway closes a connection idle for longer than its keepalive_timeout: open a new one then.
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self._connection.request(method, path, body, request_headers)
                response = self._connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

