#!/usr/bin/python3
"""A local SMTP submission server that behaves like smtp.gmail.com, for alertgate's tests.

Modes (as Gmail's two submission ports, plus a server with no TLS at all):
  starttls  plain connection that offers STARTTLS and refuses everything but EHLO/NOOP/QUIT/STARTTLS
            until it is used (530), AUTH offered only over TLS (like smtp.gmail.com:587);
  implicit  TLS from the first byte (like smtp.gmail.com:465);
  plain     no TLS and no STARTTLS at all; AUTH is never offered over it, as no real server offers it in clear.

With --user/--password, AUTH PLAIN and LOGIN are offered (over TLS only) and required before MAIL; wrong
credentials get Gmail's "535-5.7.8 Username and Password not accepted..." (two lines, as Gmail sends them).

With --maildir DIR, every accepted message is written as DIR/NNNN.eml (the exact DATA bytes, dot-unstuffed)
and then DIR/NNNN.json ({"mail_from", "rcpt_tos", "auth_user"}); the .json appears last, so its presence
means the message is complete. Every command line the client sends (AUTH continuation lines included,
base64 as sent; message content excluded) is appended to DIR/commands.log, and a line "TLS" is logged
when a connection becomes encrypted (after STARTTLS, or on connect in implicit mode).

--fail-data CODE:COUNT answers the first COUNT completed DATA commands with CODE and a Gmail-like text
(421 also closes the connection, as a real server does).

Prints "LISTENING <port>" once it accepts connections (127.0.0.1 only); runs until SIGTERM or SIGINT.
Needs Debian's python3-aiosmtpd (1.4).
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

GMAIL_SIZE_LIMIT = 35882577

BAD_CREDENTIALS = ("535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
                   "535 5.7.8  https://support.google.com/mail/?p=BadCredentials fake - gsmtp")
AUTH_REQUIRED = ("530-5.7.0 Authentication Required. For more information, go to\r\n"
                 "530 5.7.0  https://support.google.com/mail/?p=WantAuthError fake - gsmtp")

DATA_FAILURES = {
    421: "421 4.7.0 Try again later, closing connection. (DATA) fake - gsmtp",
    450: "450 4.2.1 The user you are trying to contact is receiving mail too quickly. fake - gsmtp",
    451: "451 4.3.0 Mail server temporarily rejected message. fake - gsmtp",
    452: "452 4.5.3 Your message has too many recipients. fake - gsmtp",
    550: "550 5.4.5 Daily user sending limit exceeded. fake - gsmtp",
    552: "552 5.3.4 Your message exceeded Google's message size limits. fake - gsmtp",
    554: "554 5.7.0 Message rejected. fake - gsmtp",
}


def data_failure_text(code):
    if code in DATA_FAILURES:
        return DATA_FAILURES[code]
    enhanced = "4.0.0" if 400 <= code < 500 else "5.0.0"
    return f"{code} {enhanced} Requested action not taken. fake - gsmtp"


class Recorder:
    """Writes what the fake saw into the maildir (nothing at all without one)."""

    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0
        if maildir:
            os.makedirs(maildir, exist_ok=True)

    def command(self, line):
        if not self.maildir:
            return
        with open(os.path.join(self.maildir, "commands.log"), "ab") as log:
            log.write(line + b"\n")

    def message(self, envelope, auth_user):
        self.count += 1
        if not self.maildir:
            return
        stem = os.path.join(self.maildir, f"{self.count:04d}")
        with open(stem + ".eml", "wb") as eml:
            eml.write(envelope.original_content)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos), "auth_user": auth_user}
        with open(stem + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(meta, out, ensure_ascii=False)
        os.replace(stem + ".json.tmp", stem + ".json")


class LoggingReader:
    """Wraps an SMTP connection's StreamReader and logs every line read outside of DATA content."""

    def __init__(self, inner, protocol):
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_protocol", protocol)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __setattr__(self, name, value):
        setattr(self._inner, name, value)

    def _log(self, line):
        if not self._protocol.in_data:
            self._protocol.recorder.command(line.rstrip(b"\r\n"))
        return line

    async def readuntil(self, separator=b"\n"):
        return self._log(await self._inner.readuntil(separator))

    async def readline(self):
        return self._log(await self._inner.readline())


class FakeGmailSMTP(SMTP):
    AuthLoginUsernameChallenge = "Username:"
    AuthLoginPasswordChallenge = "Password:"

    def __init__(self, handler, recorder, implicit_tls, **kwargs):
        super().__init__(handler, **kwargs)
        self.recorder = recorder
        self.implicit_tls = implicit_tls
        self.in_data = False

    def _client_connected_cb(self, reader, writer):
        super()._client_connected_cb(LoggingReader(reader, self), writer)

    # aiosmtpd 1.4.6 (trixie) renamed the callback; bookworm's 1.4.4 never calls this one.
    def _cb_client_connected(self, reader, writer):
        super()._cb_client_connected(LoggingReader(reader, self), writer)

    def connection_made(self, transport):
        first = self.transport is None
        super().connection_made(transport)
        if first and self.implicit_tls and transport.get_extra_info("ssl_object") is not None:
            self.recorder.command(b"TLS")

    async def check_auth_needed(self, caller_method):
        if self._auth_required and not self.session.authenticated:
            await self.push(AUTH_REQUIRED)
            return True
        return False

    async def smtp_DATA(self, arg):
        # The DATA command line itself has been read (and logged) already; its content is not a command.
        self.in_data = True
        try:
            await super().smtp_DATA(arg)
        finally:
            self.in_data = False


class Handler:
    def __init__(self, recorder, offer_auth, fail_code, fail_count):
        self.recorder = recorder
        self.offer_auth = offer_auth
        self.fail_code = fail_code
        self.fail_left = fail_count

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if not self.offer_auth:
            responses = [r for r in responses if not r.startswith("250-AUTH")]
        responses[0] = f"250-{server.hostname} at your service, [127.0.0.1]"
        return responses

    def handle_STARTTLS(self, server, session, envelope):
        self.recorder.command(b"TLS")
        return True

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            if self.fail_code == 421:
                asyncio.get_running_loop().call_soon(server.transport.close)
            return data_failure_text(self.fail_code)
        user = None
        if session.authenticated and isinstance(session.auth_data, LoginPassword):
            user = session.auth_data.login.decode("utf-8", "replace")
        self.recorder.message(envelope, user)
        return f"250 2.0.0 OK {self.recorder.count:04d} - gsmtp"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode("utf-8")
                and auth_data.password == password.encode("utf-8")):
            return AuthResult(success=True, auth_data=auth_data, message="235 2.7.0 Accepted")
        return AuthResult(success=False, handled=False, message=BAD_CREDENTIALS)
    return authenticate


def parse_fail_data(text):
    if not text:
        return 0, 0
    code, _, count = text.partition(":")
    code, count = int(code), int(count or "1")
    if not 400 <= code < 600:
        raise argparse.ArgumentTypeError("--fail-data CODE must be a 4xx or 5xx reply code")
    return code, count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["starttls", "implicit", "plain"], default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--maildir")
    parser.add_argument("--fail-data", default="")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.mode != "plain" and not (args.cert and args.key):
        parser.error(f"--mode {args.mode} needs --cert and --key")
    if (args.user is None) != (args.password is None):
        parser.error("--user and --password go together")
    try:
        fail_code, fail_count = parse_fail_data(args.fail_data)
    except (ValueError, argparse.ArgumentTypeError) as error:
        parser.error(f"--fail-data {args.fail_data!r}: {error}")

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="smtp_server: %(levelname)s %(name)s: %(message)s")
    # Implicit mode does not tell aiosmtpd that its connections are encrypted, so it warns on every
    # connection that AUTH is allowed without TLS; every connection to that listener is TLS.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    tls_context = None
    if args.mode != "plain":
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)

    recorder = Recorder(args.maildir)
    offer_auth = args.user is not None
    handler = Handler(recorder, offer_auth, fail_code, fail_count)
    authenticator = make_authenticator(args.user, args.password) if offer_auth else None

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return FakeGmailSMTP(
            handler, recorder, args.mode == "implicit",
            hostname="localhost", ident="ESMTP fake - gsmtp",
            data_size_limit=GMAIL_SIZE_LIMIT,
            tls_context=tls_context if args.mode == "starttls" else None,
            require_starttls=args.mode == "starttls",
            auth_required=offer_auth,
            auth_require_tls=args.mode != "implicit",
            authenticator=authenticator,
            loop=loop)

    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=args.port,
        ssl=tls_context if args.mode == "implicit" else None))
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    print(f"LISTENING {server.sockets[0].getsockname()[1]}", flush=True)
    loop.run_until_complete(stop)
    server.close()
    # Connections still open (a client that never sent QUIT) end with the server.
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(server.wait_closed())
    loop.close()


if __name__ == "__main__":
    main()
