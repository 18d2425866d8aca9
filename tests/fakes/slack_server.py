#!/usr/bin/python3
"""A local Slack Incoming Webhooks server for alertgate's tests (HTTPS, or plain HTTP without --cert).

Every request, on any path and with any method, is answered from --script FILE, a JSON array consumed one
entry per request in order:
    {"status": 200, "body": "ok", "headers": {"Retry-After": "2"}, "delay_ms": 0, "drop": false}
(all keys optional; "delay_ms" waits before answering, "drop": true closes the connection without an
answer). Once the script is exhausted every request gets 200 "ok", as Slack answers a good post.
Slack answers in text/html with a plain-text body; its errors are e.g. 400 invalid_payload,
403 invalid_token, 404 no_service, 410 channel_is_archived, 429 rate_limited (with Retry-After), 500
internal_error.

--record FILE appends each request, as it arrives and before it is answered, as one JSON line:
    {"method", "path", "headers": {name: value}, "body": "...", "at": time.monotonic()}

Prints "LISTENING <port>" once it accepts connections (127.0.0.1 only); runs until SIGTERM or SIGINT.
"""

import argparse
import http.server
import json
import signal
import socket
import ssl
import sys
import threading
import time


class SlackHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "slack-fake"

    def setup(self):
        # The TLS handshake happens here, on the connection's own thread, so a client that never completes
        # it (or rejects the certificate) cannot hold up the listener.
        if self.server.tls_context is not None:
            self.request.settimeout(30)
            self.request = self.server.tls_context.wrap_socket(self.request, server_side=True)
        super().setup()

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def answer(self):
        arrived = time.monotonic()
        body = self.read_body()
        headers = {}
        for name, value in self.headers.items():
            headers[name] = headers[name] + ", " + value if name in headers else value
        self.server.record({
            "method": self.command,
            "path": self.path,
            "headers": headers,
            "body": body.decode("utf-8", "backslashreplace"),
            "at": arrived,
        })
        step = self.server.next_step()
        if step.get("delay_ms"):
            time.sleep(step["delay_ms"] / 1000.0)
        if step.get("drop"):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        payload = str(step.get("body", "ok")).encode("utf-8")
        self.send_response(int(step.get("status", 200)))
        extra = step.get("headers", {})
        if not any(name.lower() == "content-type" for name in extra):
            self.send_header("Content-Type", "text/html")
        for name, value in extra.items():
            self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_POST = do_GET = do_PUT = do_PATCH = do_DELETE = do_HEAD = answer

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


class SlackServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, tls_context, script, record_file):
        super().__init__(("127.0.0.1", port), SlackHandler)
        self.tls_context = tls_context
        self.script = list(script)
        self.record_file = record_file
        self.lock = threading.Lock()

    def next_step(self):
        with self.lock:
            return self.script.pop(0) if self.script else {}

    def record(self, entry):
        if not self.record_file:
            return
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self.lock, open(self.record_file, "a", encoding="utf-8") as out:
            out.write(line)

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        print(f"slack_server: connection from {client_address[0]}:{client_address[1]}: "
              f"{type(error).__name__}: {error}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--script")
    parser.add_argument("--record")
    args = parser.parse_args()
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")

    script = []
    if args.script:
        with open(args.script, encoding="utf-8") as source:
            script = json.load(source)
        if not isinstance(script, list) or not all(isinstance(step, dict) for step in script):
            parser.error("--script must hold a JSON array of objects")

    tls_context = None
    if args.cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)

    server = SlackServer(args.port, tls_context, script, args.record)

    def stop(signum, frame):
        # shutdown() waits for serve_forever() to return, so it must not run on serve_forever()'s thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"LISTENING {server.server_address[1]}", flush=True)
    server.serve_forever(poll_interval=0.1)
    server.server_close()


if __name__ == "__main__":
    main()
