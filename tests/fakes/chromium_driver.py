#!/usr/bin/python3
"""Drives a real headless Chromium (Debian's `chromium`) over the DevTools protocol for alertgate's
status page tests, and answers a C++ test's commands over HTTP on loopback.

Chromium is started as DESIGN.md says (the /usr/bin/chromium wrapper can fail its /dev/shm check):
    /usr/lib/chromium/chromium --headless=new --remote-debugging-port=0 --no-sandbox --disable-gpu ...
with a profile of its own; its DevTools port is read from DevToolsActivePort in that profile, and the
page target is driven through Debian's python3-websocket.

Commands (POST, JSON body, JSON answer):
    /headers    {"headers": {...}}                 extra headers on every request (e.g. Authorization)
    /viewport   {"width": W, "height": H}          the window size the page lays out for
    /navigate   {"url": U}                         waits for the load event (30 s at most)
    /eval       {"expression": E}                  -> {"value": ...} (promises awaited) or {"error": ...}
    /wait       {"expression": E, "timeoutMs": T}  polls E until truthy -> {"ok": bool, "elapsedMs": N,
                                                   "value": last value}
    /screenshot {"path": P}                        writes a PNG of the viewport
    /log                                           -> {"entries": [...]} console messages, exceptions,
                                                   CSP reports and dialogs seen so far
A second port serves GET /crosssite?target=URL: a page of another site (it is opened as
http://localhost:PORT while the gateway is 127.0.0.1) holding a form that POSTs to target at once, as a
cross-site request forgery would.
Prints "LISTENING <command port> <cross-site port>"; runs until SIGTERM, then ends Chromium.
"""

import argparse
import base64
import html
import http.server
import json
import os
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

import websocket

CHROMIUM = "/usr/lib/chromium/chromium"


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="alertgate-chromium-")
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--remote-debugging-port=0", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr, start_new_session=True)
        port = self._devtools_port()
        page = None
        deadline = time.monotonic() + 30
        while page is None and time.monotonic() < deadline:
            with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=10) as answer:
                targets = json.load(answer)
            page = next((t for t in targets if t.get("type") == "page"), None)
            if page is None:
                time.sleep(0.05)
        if page is None:
            raise RuntimeError("Chromium opened no page target")
        # websocket-client sends an Origin header by default, which Chromium refuses without
        # --remote-allow-origins; a DevTools client needs none.
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.log = []
        self.loaded = False
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable")

    def _devtools_port(self):
        path = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Chromium exited with %d" % self.process.returncode)
            try:
                with open(path) as f:
                    first = f.readline().strip()
                if first:
                    return int(first)
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.05)
        raise RuntimeError("no DevToolsActivePort after 30 s")

    def _event(self, message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Runtime.consoleAPICalled":
            self.log.append({"console": params.get("type"),
                             "text": " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))})
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.log.append({"exception": details.get("text"),
                             "description": details.get("exception", {}).get("description")})
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            self.log.append({"log": entry.get("source"), "level": entry.get("level"), "text": entry.get("text")})
        elif method == "Page.javascriptDialogOpening":
            self.log.append({"dialog": params.get("message")})
            self.call("Page.handleJavaScriptDialog", {"accept": True})

    def call(self, method, params=None):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params or {}}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self._event(message)

    def pump(self, seconds):
        """Handles events that arrive within `seconds`."""
        self.ws.settimeout(seconds)
        try:
            while True:
                self._event(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(30)

    def navigate(self, url):
        self.loaded = False
        result = self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + 30
        while not self.loaded and time.monotonic() < deadline:
            self.pump(0.05)
        return {"loaded": self.loaded, "errorText": result.get("errorText")}

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            return {"error": result["exceptionDetails"].get("text")}
        return {"value": result.get("result", {}).get("value")}

    def wait(self, expression, timeout_ms):
        started = time.monotonic()
        deadline = started + timeout_ms / 1000.0
        while True:
            answer = self.evaluate(expression)
            if answer.get("value"):
                return {"ok": True, "elapsedMs": int((time.monotonic() - started) * 1000),
                        "value": answer.get("value")}
            if time.monotonic() >= deadline:
                return {"ok": False, "elapsedMs": int((time.monotonic() - started) * 1000), "value": answer}
            self.pump(0.02)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return {"path": path}

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


def command_handler(browser, lock):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            try:
                with lock:
                    answer = self.dispatch(body)
                status = 200
            except Exception as e:  # reported to the test, which prints it
                answer, status = {"error": "%s: %s" % (type(e).__name__, e)}, 500
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def dispatch(self, body):
            if self.path == "/headers":
                return browser.call("Network.setExtraHTTPHeaders", {"headers": body["headers"]})
            if self.path == "/viewport":
                return browser.call("Emulation.setDeviceMetricsOverride",
                                    {"width": body["width"], "height": body["height"], "deviceScaleFactor": 1,
                                     "mobile": False})
            if self.path == "/navigate":
                return browser.navigate(body["url"])
            if self.path == "/eval":
                return browser.evaluate(body["expression"])
            if self.path == "/wait":
                return browser.wait(body["expression"], body.get("timeoutMs", 2000))
            if self.path == "/screenshot":
                return browser.screenshot(body["path"])
            if self.path == "/log":
                browser.pump(0.01)
                return {"entries": browser.log}
            raise ValueError("unknown command " + self.path)

    return Handler


class CrossSiteHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        target = html.escape(query.get("target", [""])[0], quote=True)
        # A classic forgery: a text/plain form (no preflight), submitted by the page itself.
        page = ("<!DOCTYPE html><html><body><form id=f method=POST enctype=text/plain action=\"%s\">"
                "<input name='{\"by\":\"attacker\",\"x\":\"' value='\"}'></form>"
                "<script>document.getElementById('f').submit()</script></body></html>" % target).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    browser = Browser()
    lock = threading.Lock()
    commands = Server(("127.0.0.1", 0), command_handler(browser, lock))
    crosssite = Server(("127.0.0.1", 0), CrossSiteHandler)
    for server in (commands, crosssite):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("LISTENING %d %d" % (commands.server_address[1], crosssite.server_address[1]), flush=True)
    stop.wait()
    browser.close()


if __name__ == "__main__":
    main()
