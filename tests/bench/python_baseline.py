#!/usr/bin/env python3
"""Python baseline for the ThreadHound mailbox benchmark.

Usage: python_baseline.py MBOX

Parses MBOX with the standard library only (mailbox.mbox + email with
policy=email.policy.default) and prints exactly one JSON object on stdout:

  {"tool": "python-email", "messages": N, "bytes": B, "parse_seconds": ...,
   "messages_per_second": ..., "mb_per_second": ..., "threading_seconds": ...,
   "peak_rss_kib": ..., "errors": N, ...}

Parse pass (timed as a whole, including mailbox.mbox's scan of the file for
message boundaries): for every message, read the From/To/Cc/Subject/Date/
Message-ID/In-Reply-To/References headers, walk all parts, decode every text
part to str with get_content() (falling back to a lenient decode on error) and
decode every other leaf part with get_payload(decode=True).

Threading pass (timed separately): parent = In-Reply-To id if present, else
the last References id; links to ids that are not in the mailbox are dropped;
then thread roots are counted (cycle-safe).

mb_per_second is file size / parse_seconds in MB of 1,000,000 bytes.
peak_rss_kib is resource.getrusage(RUSAGE_SELF).ru_maxrss (KiB on Linux).
A message that raises anywhere is counted in "errors" and the run continues.
Parsed messages are not kept: only the three ids needed for threading are.
Note: mailbox.mbox does not undo mboxrd ">From " escaping; that is the
baseline's behaviour as shipped.
"""

import email.policy
import json
import mailbox
import os
import re
import resource
import sys
import time
from email.parser import BytesParser

HEADERS = ("From", "To", "Cc", "Subject", "Date",
           "Message-ID", "In-Reply-To", "References")
_ANGLE_RE = re.compile(r"<([^<>]+)>")
_BARE_RE = re.compile(r"[^\s,<>]+")


def _ids(value):
    """Ids in a Message-ID / In-Reply-To / References value (str)."""
    if not value:
        return []
    found = [i.strip() for i in _ANGLE_RE.findall(value) if i.strip()]
    if found:
        return found
    return [t for t in _BARE_RE.findall(value) if "@" in t]


def _header_str(msg, name, counters):
    """The header as str; a header-parsing failure falls back to the raw value."""
    try:
        v = msg.get(name)
        return None if v is None else str(v)
    except Exception:
        counters["header_fallbacks"] += 1
        raw = None
        for k, v in msg.raw_items():
            if k.lower() == name.lower():
                raw = v
                break
        return None if raw is None else str(raw)


def _decode_text_fallback(part):
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("latin-1")


def process(msg, counters):
    """Headers, all parts decoded; returns (message_id, parent_id)."""
    for name in HEADERS:
        _header_str(msg, name, counters)
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_maintype() == "text" and not part.is_attachment():
            try:
                text = part.get_content()
            except Exception:
                counters["text_decode_fallbacks"] += 1
                text = _decode_text_fallback(part)
            counters["text_parts"] += 1
            counters["text_chars"] += len(text)
        else:
            data = part.get_payload(decode=True)
            counters["binary_parts"] += 1
            counters["binary_bytes"] += len(data) if isinstance(data, bytes) else 0
    mid = _ids(_header_str(msg, "Message-ID", counters))
    irt = _ids(_header_str(msg, "In-Reply-To", counters))
    refs = _ids(_header_str(msg, "References", counters))
    parent = irt[0] if irt else (refs[-1] if refs else None)
    return (mid[0] if mid else None), parent


def thread(ids):
    """Parent links (In-Reply-To else last References id) and root count."""
    index = {}
    for i, (mid, _) in enumerate(ids):
        if mid is not None and mid not in index:
            index[mid] = i
    parent = [-1] * len(ids)
    for i, (mid, p) in enumerate(ids):
        if p is not None:
            j = index.get(p, -1)
            if j != i:
                parent[i] = j
    # roots: follow parent links; a cycle makes its first-seen member a root
    root_of = [-1] * len(ids)
    roots = 0
    for i in range(len(ids)):
        if root_of[i] != -1:
            continue
        path = []
        on_path = set()
        j = i
        while j != -1 and root_of[j] == -1 and j not in on_path:
            path.append(j)
            on_path.add(j)
            j = parent[j]
        if j == -1 or j in on_path:      # reached a root, or a cycle
            r = path[-1] if j == -1 else j
            if j != -1:
                parent[j] = -1
            roots += 1
        else:
            r = root_of[j]
        for n in path:
            root_of[n] = r
    linked = sum(1 for p in parent if p != -1)
    return roots, linked


def main(argv):
    if len(argv) != 2:
        print("usage: python_baseline.py MBOX", file=sys.stderr)
        return 2
    path = argv[1]
    size = os.path.getsize(path)
    parser = BytesParser(policy=email.policy.default)
    counters = {"text_parts": 0, "text_chars": 0, "binary_parts": 0,
                "binary_bytes": 0, "text_decode_fallbacks": 0,
                "header_fallbacks": 0}
    ids = []
    messages = 0
    errors = 0

    t0 = time.perf_counter()
    box = mailbox.mbox(path, create=False)
    try:
        for key in box.iterkeys():
            messages += 1
            try:
                msg = parser.parsebytes(box.get_bytes(key))
                ids.append(process(msg, counters))
            except Exception:
                errors += 1
                ids.append((None, None))
            msg = None
    finally:
        box.close()
    parse_seconds = time.perf_counter() - t0

    t1 = time.perf_counter()
    roots, linked = thread(ids)
    threading_seconds = time.perf_counter() - t1

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {
        "tool": "python-email",
        "messages": messages,
        "bytes": size,
        "parse_seconds": round(parse_seconds, 3),
        "messages_per_second": round(messages / parse_seconds, 1) if parse_seconds else None,
        "mb_per_second": round(size / 1e6 / parse_seconds, 2) if parse_seconds else None,
        "threading_seconds": round(threading_seconds, 3),
        "peak_rss_kib": peak,
        "errors": errors,
        "threads": roots,
        "parent_links": linked,
        "text_parts": counters["text_parts"],
        "binary_parts": counters["binary_parts"],
        "text_decode_fallbacks": counters["text_decode_fallbacks"],
        "header_fallbacks": counters["header_fallbacks"],
        "python": sys.version.split()[0],
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
