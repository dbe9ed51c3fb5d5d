#!/usr/bin/env python3
"""Build the ThreadHound "scale mailbox" used by the benchmarks.

The scale mailbox is a single mboxrd file of >= 100,000 messages and >= 1 GB,
built by replicating the real conversational corpora under
/work/shared/corpora (read only; nothing is copied into the project):

  * lists/linux-s390_2023-02_to_2023-03.mbox     (mboxrd)
  * lists/linux-kselftest_2023-03.maildir/cur/*  (Maildir)
  * lists/usrp-users_2021-08_to_2021-09/*.eml
  * notmuch/**                                   (regular files that look like mail)
  * quote-parsing/**/*.eml                       (if they look like mail)
  * phishing_pot/eml/*.eml                       (non-empty files)

Replica k (k = 0, 1, 2, ...) is a byte-identical copy of every source message
except that every id in the top-level Message-ID, In-Reply-To and References
header fields (folded lines included) gets the suffix ".r<k>" inserted before
its last '@' (or appended at the end when the id has no '@'):

    <abc@host>  ->  <abc.r17@host>        <yes>  ->  <yes.r17>

The mapping is a pure function of the id text, so each replica keeps its own
thread structure and no id is shared between replicas. Bare ids (no angle
brackets, as mailman archives write them) are rewritten the same way. Nothing
else is changed, apart from: an mbox envelope ("From ...") first line of a
single-file message is dropped (the output writes its own separators), and a
missing final newline is added.

Output format (mboxrd): each message is preceded by the separator line
"From mboxrd@z Thu Jan  1 00:00:00 1970", every line matching ^>*From  gets
one more '>', and each message is followed by one blank line.

Replication stops at the first whole replica after which both --min-messages
and --min-bytes are reached. The output is deterministic (sorted inputs, no
timestamps). FILE.json records the figures.

Memory: one replica's worth of message templates (~60 MB) is held; the output
is streamed.
"""

import argparse
import json
import os
import re
import stat
import sys
import time

SEPARATOR = b"From mboxrd@z Thu Jan  1 00:00:00 1970\n"
NOTE = "built by replicating the real corpora with per-replica Message-ID suffixes"
SUFFIX_FORMAT = ".r{k}"

# Header field names whose ids are rewritten (top-level header only).
_ID_FIELD_RE = re.compile(
    rb"(?mi)^(message-id|in-reply-to|references)[ \t]*:(.*(?:\n[ \t].*)*)")
_ANGLE_RE = re.compile(rb"<([^<>]*)>")
_BARE_TOKEN_RE = re.compile(rb"[^\s,]+")
_ESCAPE_RE = re.compile(rb"(?m)^(>*From )")
_UNESCAPE_RE = re.compile(rb"(?m)^>(>*From )")
_MBOX_SPLIT_RE = re.compile(rb"(?m)^From [^\n]*\n")
# An mbox envelope line: "From <addr> <date>" (not a "From :" header field).
_ENVELOPE_RE = re.compile(rb"From [^\s:][^\n]*\n")
_FIELD_LINE_RE = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")
_KNOWN_FIELDS = {b"from", b"to", b"cc", b"subject", b"date", b"message-id",
                 b"received", b"return-path", b"mime-version", b"content-type",
                 b"in-reply-to", b"references", b"sender", b"reply-to",
                 b"delivered-to"}


def _regular_file(path):
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _header_end(msg):
    """Offset just past the header block (before the empty separator line)."""
    if msg.startswith(b"\n") or msg.startswith(b"\r\n"):
        return 0
    m = re.search(rb"\n\r?\n", msg)
    return m.start() + 1 if m else len(msg)


def looks_like_mail(msg):
    """A header block whose lines are all fields or folds, with a known field."""
    end = _header_end(msg)
    if end == 0:
        return False
    lines = msg[:end].split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines or not _FIELD_LINE_RE.match(lines[0]):
        return False
    known = False
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue
        m = _FIELD_LINE_RE.match(line)
        if not m:
            return False
        name = line.split(b":", 1)[0].strip().lower()
        if name in _KNOWN_FIELDS:
            known = True
    return known


def _insert_point_in_id(start, inner):
    """Absolute offset where the suffix goes for an id starting at `start`."""
    at = inner.rfind(b"@")
    if at >= 0:
        return start + at
    return start + len(inner.rstrip())


def _id_insert_points(field_name, value, value_start):
    """Offsets (absolute) inside one id-field value where the suffix goes."""
    points = []
    if b"<" in value:
        for m in _ANGLE_RE.finditer(value):
            inner = m.group(1)
            if not inner.strip():
                continue
            points.append(_insert_point_in_id(value_start + m.start(1), inner))
        return points
    tokens = list(_BARE_TOKEN_RE.finditer(value))
    with_at = [t for t in tokens if b"@" in t.group(0)]
    if with_at:
        for t in with_at:
            points.append(value_start + t.start() + t.group(0).rfind(b"@"))
    elif field_name.lower() == b"message-id" and len(tokens) == 1:
        t = tokens[0]
        points.append(value_start + t.end())
    return points


def make_template(raw):
    """Escape one message for mboxrd and split it at the suffix insert points.

    Returns (chunks, n_ids): the replica k text is SUFFIX(k).join(chunks).
    """
    if not raw.endswith(b"\n"):
        raw += b"\n"
    esc = _ESCAPE_RE.sub(rb">\1", raw)
    hend = _header_end(esc)
    header = esc[:hend]
    points = []
    for m in _ID_FIELD_RE.finditer(header):
        points.extend(_id_insert_points(m.group(1), m.group(2), m.start(2)))
    points.sort()
    chunks = []
    prev = 0
    for p in points:
        chunks.append(esc[prev:p])
        prev = p
    chunks.append(esc[prev:])
    return chunks, len(points)


def _strip_envelope(raw):
    m = _ENVELOPE_RE.match(raw)
    return raw[m.end():] if m else raw


def _read_mboxrd(path):
    data = _read(path)
    starts = [m for m in _MBOX_SPLIT_RE.finditer(data)]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        msg = data[m.end():end]
        if msg.endswith(b"\n\n"):          # separator blank line
            msg = msg[:-1]
        elif msg.endswith(b"\r\n\r\n"):
            msg = msg[:-2]
        out.append(_UNESCAPE_RE.sub(rb"\1", msg))
    return out


def _sorted_files(dirpath, predicate=None):
    files = []
    for root, dirs, names in os.walk(dirpath):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            if _regular_file(p) and (predicate is None or predicate(p)):
                files.append(p)
    return sorted(files)


def load_sources(corpora):
    """Return ([(set_name, [raw message bytes])], skipped) in fixed order."""
    sets = []
    skipped = {}

    def need(path):
        if not os.path.exists(path):
            sys.exit(f"make_scale_mailbox: missing input {path}")
        return path

    s390 = need(os.path.join(corpora, "lists/linux-s390_2023-02_to_2023-03.mbox"))
    sets.append(("lists/linux-s390 (mboxrd)", _read_mboxrd(s390)))

    def from_files(name, files, check_mail):
        msgs = []
        skip = 0
        for p in files:
            raw = _strip_envelope(_read(p))
            if not raw.strip():
                skip += 1
                continue
            if check_mail and not looks_like_mail(raw):
                skip += 1
                continue
            msgs.append(raw)
        sets.append((name, msgs))
        if skip:
            skipped[name] = skip

    ks = need(os.path.join(corpora, "lists/linux-kselftest_2023-03.maildir/cur"))
    from_files("lists/linux-kselftest (maildir)", _sorted_files(ks), False)
    usrp = need(os.path.join(corpora, "lists/usrp-users_2021-08_to_2021-09"))
    from_files("lists/usrp-users (.eml)",
               _sorted_files(usrp, lambda p: p.endswith(".eml")), False)
    nm = need(os.path.join(corpora, "notmuch"))
    from_files("notmuch", _sorted_files(nm), True)
    qp = need(os.path.join(corpora, "quote-parsing"))
    from_files("quote-parsing (.eml)",
               _sorted_files(qp, lambda p: p.endswith(".eml")), True)
    ph = need(os.path.join(corpora, "phishing_pot/eml"))
    from_files("phishing_pot (.eml)",
               _sorted_files(ph, lambda p: p.endswith(".eml")), False)
    return sets, skipped


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", required=True, help="path to shared/corpora")
    ap.add_argument("--out", required=True, help="output mbox file")
    ap.add_argument("--min-messages", type=int, default=100000)
    ap.add_argument("--min-bytes", type=int, default=1000000000)
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    sets, skipped = load_sources(args.corpora)

    templates = []          # list of chunk lists, one per message of a replica
    per_set = []
    ids_per_replica = 0
    for name, msgs in sets:
        for raw in msgs:
            chunks, n_ids = make_template(raw)
            templates.append(chunks)
            ids_per_replica += n_ids
        per_set.append({"set": name, "messages": len(msgs)})
    del sets
    if not templates:
        sys.exit("make_scale_mailbox: no input messages found")
    msgs_per_replica = len(templates)

    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    tmp = args.out + ".tmp"
    messages = 0
    nbytes = 0
    replicas = 0
    sep_len = len(SEPARATOR)
    with open(tmp, "wb", buffering=16 << 20) as out:
        while replicas == 0 or messages < args.min_messages or nbytes < args.min_bytes:
            sfx = SUFFIX_FORMAT.format(k=replicas).encode("ascii")
            write = out.write
            for chunks in templates:
                text = sfx.join(chunks)
                write(SEPARATOR)
                write(text)
                write(b"\n")
                nbytes += sep_len + len(text) + 1
            messages += msgs_per_replica
            replicas += 1
    os.replace(tmp, args.out)
    real_size = os.path.getsize(args.out)
    assert real_size == nbytes, (real_size, nbytes)

    info = {
        "file": os.path.basename(args.out),
        "format": "mboxrd",
        "messages": messages,
        "bytes": nbytes,
        "replicas": replicas,
        "messages_per_replica": msgs_per_replica,
        "ids_rewritten_per_replica": ids_per_replica,
        "id_suffix": SUFFIX_FORMAT + " inserted before the last '@' of every id in "
                     "Message-ID/In-Reply-To/References (appended if no '@')",
        "min_messages": args.min_messages,
        "min_bytes": args.min_bytes,
        "sources": per_set,
        "skipped_files": skipped,
        "note": NOTE,
    }
    with open(args.out + ".json", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    elapsed = time.monotonic() - t0
    print(f"{args.out}: {messages} messages, {nbytes} bytes, {replicas} replicas "
          f"({msgs_per_replica} messages each) - {NOTE} [{elapsed:.1f} s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
