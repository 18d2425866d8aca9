#!/usr/bin/python3
"""Parses one RFC 5322 message file as a mail client would (Python's email package, policy=default) and
prints what it found as JSON on stdout:

  {"headers": [[name, decoded value], ...],   every header, in order, RFC 2047 words decoded
   "subject", "from", "date", "message_id", "content_type": decoded values ("" when absent),
   "to": ["Display Name <addr>", ...],          one entry per address of every To header
   "parts": [{"content_type", "charset", "text"}],   every leaf part; text decoded (transfer encoding and
                                                     charset) for text/*, "" otherwise
   "defects": ["...", ...]}                     every defect found: the message's, its parts' and headers',
                                                and every header holding raw non-ASCII bytes

Exit status 0 on success, 2 with a message on stderr if the file cannot be read.
"""

import email
import email.policy
import json
import sys


def header_defects(item):
    found = [f"{name}: {defect}"
             for name, value in item.items()
             for defect in getattr(value, "defects", ())]
    # The default policy decodes raw 8-bit header bytes silently (RFC 6532); without SMTPUTF8 they are
    # not allowed (RFC 5322 headers are ASCII; non-ASCII text goes into RFC 2047 encoded words).
    found.extend(f"{name}: non-ASCII bytes in header (not RFC 2047 encoded)"
                 for name, raw in item.raw_items() if any(ord(c) > 127 for c in raw))
    return found


def clean(value):
    """Strings as UTF-8 can carry them: bytes that were not UTF-8 become U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if isinstance(value, list):
        return [clean(item) for item in value]
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    return value


def decoded(message, name):
    value = message.get(name)
    return "" if value is None else str(value)


def main():
    if len(sys.argv) != 2:
        print("usage: parse_mail.py FILE.eml", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], "rb") as source:
            message = email.message_from_binary_file(source, policy=email.policy.default)
    except OSError as error:
        print(f"parse_mail.py: {error}", file=sys.stderr)
        return 2

    defects = []
    parts = []
    for part in message.walk():
        defects.extend(str(defect) for defect in part.defects)
        defects.extend(header_defects(part))
        if part.is_multipart():
            continue
        text = ""
        if part.get_content_maintype() == "text":
            try:
                text = part.get_content()
            except (LookupError, UnicodeError) as error:
                defects.append(f"cannot decode {part.get_content_type()} part: {error}")
                text = part.get_payload(decode=True).decode("utf-8", "replace")
        parts.append({"content_type": part.get_content_type(),
                      "charset": part.get_content_charset() or "",
                      "text": text})

    to = []
    for value in message.get_all("To", []):
        to.extend(str(address) for address in getattr(value, "addresses", ()))

    result = {
        "headers": [[name, str(value)] for name, value in message.items()],
        "subject": decoded(message, "Subject"),
        "from": decoded(message, "From"),
        "to": to,
        "date": decoded(message, "Date"),
        "message_id": decoded(message, "Message-ID"),
        "content_type": message.get_content_type(),
        "parts": parts,
        "defects": defects,
    }
    json.dump(clean(result), sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
