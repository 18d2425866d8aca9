#!/usr/bin/python3
"""A Prometheus exporter for alertgate's end-to-end tests: node_exporter's two filesystem metrics for
one root file system, whose usage the test sets.

    GET /metrics              node_filesystem_size_bytes and node_filesystem_free_bytes (text format 0.0.4)
    PUT /usage?percent=N      test control: the file system is now N % used (0 to 100)

Prints "LISTENING <port>" once it accepts connections (127.0.0.1 only); runs until SIGTERM or SIGINT.
"""

import http.server
import signal
import sys
import threading
import urllib.parse

SIZE_BYTES = 31_000_000_000
LABELS = '{device="/dev/mmcblk0p2",fstype="ext4",mountpoint="/"}'


class Disk:
    def __init__(self):
        self.lock = threading.Lock()
        self.used_percent = 0.0

    def set(self, percent):
        with self.lock:
            self.used_percent = percent

    def metrics(self):
        with self.lock:
            free = SIZE_BYTES * (100.0 - self.used_percent) / 100.0
        return ("# HELP node_filesystem_size_bytes Filesystem size in bytes.\n"
                "# TYPE node_filesystem_size_bytes gauge\n"
                f"node_filesystem_size_bytes{LABELS} {SIZE_BYTES:.0f}\n"
                "# HELP node_filesystem_free_bytes Filesystem free space in bytes.\n"
                "# TYPE node_filesystem_free_bytes gauge\n"
                f"node_filesystem_free_bytes{LABELS} {free:.0f}\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if urllib.parse.urlsplit(self.path).path != "/metrics":
            return self.answer(404, "not found\n")
        self.answer(200, self.server.disk.metrics(), "text/plain; version=0.0.4; charset=utf-8")

    def do_PUT(self):
        url = urllib.parse.urlsplit(self.path)
        percent = urllib.parse.parse_qs(url.query).get("percent", [""])[0]
        try:
            value = float(percent)
        except ValueError:
            value = -1.0
        if url.path != "/usage" or not 0.0 <= value <= 100.0:
            return self.answer(400, "PUT /usage?percent=N with 0 <= N <= 100\n")
        self.server.disk.set(value)
        self.answer(200, f"{value}\n")

    def answer(self, status, body, content_type="text/plain; charset=utf-8"):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        sys.stderr.write("disk_exporter: " + (format % args) + "\n")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.disk = Disk()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"LISTENING {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
