#!/usr/bin/python3
"""A fake PATLITE NH signal tower for alertgate's tests, faithful to /work/shared/PATLITE.md.

HTTP (the NH series' command control), always answering 200 with a text body as the device does:
    GET /api/control?alert=RYGBCZ   six digits: lamps 0 off, 1 on, 2/3 flashing, 9 keep; buzzer 0-4, 9 keep
    GET /api/control?clear=1        all off
  -> "Success." or "Error. [NNN]": 002 unknown parameter or HTTP control disabled, 003 no command,
     004 parameter without value, 005 invalid value.
    GET /api/status?format=json     {"alert": "RYGBCZ"} (the real shape is unconfirmed; the error text when
                                    HTTP control is disabled)
PNS over TCP, frames "XX" + command + 0x00 + uint16 big-endian size + data, one reply per frame:
    S (6 bytes R Y G B W Z) -> ACK 0x06 (NAK 0x15 for a bad size or value); G -> 6 status bytes; C -> ACK.

Test controls (not part of the device), on the HTTP port:
    POST /fake/reboot                    forget the state (all off), as a power cycle does
    POST /fake/mode?disabled=1&delay_ms=N&hang=1&reset=1
         disabled: HTTP control not enabled (every /api/control answers "Error. [002]")
         delay_ms: answer every device request after N ms; hang: never answer (the client times out);
         reset: close device connections without an answer. Omitted keys are switched off.

--record FILE appends every device command as one JSON line, before it is answered:
    {"protocol": "http"|"pns", "command": "alert=100000" | "S" | "G" | "C", "alert": "100000" or null,
     "result": "Success." | "Error. [002]" | "ACK" | ..., "at": time.monotonic()}
Prints "LISTENING <http port> <pns port>" once both accept connections (127.0.0.1 only); runs until
SIGTERM or SIGINT.
"""

import argparse
import http.server
import json
import signal
import socketserver
import sys
import threading
import time
import urllib.parse

LAMP_VALUES = set("01239")
BUZZER_VALUES = set("012349")


class Tower:
    def __init__(self, record_path):
        self.lock = threading.Lock()
        self.state = "000000"
        self.disabled = False
        self.delay_ms = 0
        self.hang = False
        self.reset = False
        self.record_path = record_path

    def record(self, protocol, command, alert, result):
        line = json.dumps({"protocol": protocol, "command": command, "alert": alert, "result": result,
                           "at": time.monotonic()})
        with self.lock:
            with open(self.record_path, "a", encoding="utf-8") as out:
                out.write(line + "\n")

    def apply(self, digits):
        """Applies six digits (9 keeps); returns False for an invalid value."""
        if len(digits) != 6 or any(c not in LAMP_VALUES for c in digits[:5]) or digits[5] not in BUZZER_VALUES:
            return False
        with self.lock:
            self.state = "".join(old if new == "9" else new for old, new in zip(self.state, digits))
        return True

    def behaviour(self):
        with self.lock:
            return self.delay_ms, self.hang, self.reset

    def misbehave(self):
        """Applies the injected latency; True when the request must go unanswered."""
        delay_ms, hang, reset = self.behaviour()
        if hang:
            time.sleep(3600)
        if delay_ms:
            time.sleep(delay_ms / 1000.0)
        return reset


class HttpHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "patlite-fake"

    def log_message(self, fmt, *args):
        pass

    def answer(self, body, content_type="text/plain"):
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def do_GET(self):
        tower = self.server.tower
        url = urllib.parse.urlsplit(self.path)
        # As on the device, "+" stays a plus: parse the raw query, percent-decoding only.
        params = {}
        for part in url.query.split("&") if url.query else []:
            name, _, value = part.partition("=")
            params[urllib.parse.unquote(name)] = urllib.parse.unquote(value) if "=" in part else None
        if tower.misbehave():
            self.close_connection = True
            return
        if url.path == "/api/status":
            with tower.lock:
                disabled, state = tower.disabled, tower.state
            return self.answer("Error. [002]" if disabled else json.dumps({"alert": state}),
                               "text/plain" if disabled else "application/json")
        if url.path != "/api/control":
            return self.answer("Error. [002]")
        result = self.control(tower, params)
        command = "&".join(f"{k}={v}" for k, v in params.items())
        tower.record("http", command, params.get("alert"), result)
        self.answer(result)

    @staticmethod
    def control(tower, params):
        with tower.lock:
            disabled = tower.disabled
        if disabled:
            return "Error. [002]"
        if not params:
            return "Error. [003]"
        if any(name not in ("alert", "clear") for name in params):
            return "Error. [002]"
        if any(value in (None, "") for value in params.values()):
            return "Error. [004]"
        if "clear" in params:
            if params["clear"] != "1":
                return "Error. [005]"
            tower.apply("000000")
            return "Success."
        return "Success." if tower.apply(params["alert"]) else "Error. [005]"

    def do_POST(self):
        tower = self.server.tower
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/fake/reboot":
            with tower.lock:
                tower.state = "000000"
            return self.answer("rebooted")
        if url.path == "/fake/mode":
            with tower.lock:
                tower.disabled = params.get("disabled") == "1"
                tower.delay_ms = int(params.get("delay_ms", "0"))
                tower.hang = params.get("hang") == "1"
                tower.reset = params.get("reset") == "1"
            return self.answer("ok")
        self.answer("Error. [002]")


class PnsHandler(socketserver.BaseRequestHandler):
    def read(self, size):
        data = b""
        while len(data) < size:
            chunk = self.request.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def handle(self):
        tower = self.server.tower
        while True:
            header = self.read(6)
            if header is None:
                return
            size = int.from_bytes(header[4:6], "big")
            data = self.read(size) if size else b""
            if data is None:
                return
            if tower.misbehave():
                return
            reply, result, alert = self.command(tower, header, data)
            tower.record("pns", header[2:3].decode("latin-1"), alert, result)
            self.request.sendall(reply)

    @staticmethod
    def command(tower, header, data):
        if header[0:2] != b"XX" or header[3] != 0:
            return b"\x15", "NAK", None
        letter = header[2:3]
        if letter == b"S":
            digits = "".join(chr(0x30 + b) if b <= 9 else "x" for b in data)
            ok = len(data) == 6 and tower.apply(digits)
            return (b"\x06", "ACK", digits) if ok else (b"\x15", "NAK", digits)
        if letter == b"G" and not data:
            with tower.lock:
                state = tower.state
            return bytes(int(c) for c in state), "STATUS", None
        if letter == b"C" and not data:
            tower.apply("000000")
            return b"\x06", "ACK", None
        return b"\x15", "NAK", None


class ThreadingHttp(http.server.ThreadingHTTPServer):
    daemon_threads = True


class ThreadingTcp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", required=True)
    parser.add_argument("--http-port", type=int, default=0)
    parser.add_argument("--pns-port", type=int, default=0)
    args = parser.parse_args()

    tower = Tower(args.record)
    http_server = ThreadingHttp(("127.0.0.1", args.http_port), HttpHandler)
    pns_server = ThreadingTcp(("127.0.0.1", args.pns_port), PnsHandler)
    for server in (http_server, pns_server):
        server.tower = tower
        threading.Thread(target=server.serve_forever, daemon=True).start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"LISTENING {http_server.server_address[1]} {pns_server.server_address[1]}", flush=True)
    stop.wait()
    http_server.shutdown()
    pns_server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
