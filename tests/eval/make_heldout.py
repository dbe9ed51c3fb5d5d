#!/usr/bin/env python3
"""Build the ThreadHound HELD-OUT thread-hijack evaluation set (profile "heldout").

    make_heldout.py --corpora /work/shared/corpora --out DIR [--verify]

writes DIR/mailbox.mbox (mboxrd), DIR/labels.jsonl (one object per message, in
mailbox order, same schema as hijack-dev's labels.jsonl) and DIR/dataset.json.
HELDOUT.md beside this script says how the set is built and what its caveats
are. Python 3 standard library only; deterministic (fixed seed, no clock, no
set iteration without sorting): the same corpora give the same bytes.

The set is built differently from hijack-dev on purpose: other base threads
(linux-kselftest 2023-03, notmuch's default and lkml corpora), other
organisation domains, other lure texts and languages, other splice variants,
other identity tricks, ordinary public IPs, and two new kinds of hard negative.
It is NOT committed data: run the script, then score against DIR.

Never resolve or visit any URL this script writes; the hosts are invented.
"""

import argparse
import base64
import collections
import datetime as dt
import email
import email.header
import email.utils
import hashlib
import html
import html.parser
import io
import json
import os
import quopri
import random
import re
import sys
import zipfile

SEED = "threadhound-heldout-2025-03-17"
PROFILE = "heldout"
SEPARATOR = b"From mboxrd@z Thu Jan  1 00:00:00 1970\n"

# Organisation = the mailbox owner. Chosen by measurement (see HELDOUT.md):
# the domains (suffix match) with most threads that also have an outside author.
ORG_DOMAINS = ("google.com", "intel.com", "redhat.com")
ORG_MX = {"google.com": "mx.google.com", "intel.com": "mgamail.intel.com",
          "redhat.com": "mx-in.redhat.com"}

# Real base material, relative to --corpora. Kind "tree" walks a folder.
SOURCES = (
    ("linux-kselftest-2023-03", "tree", "lists/linux-kselftest_2023-03.maildir/cur"),
    ("notmuch-default", "tree", "notmuch/default"),
    ("notmuch-lkml", "tree", "notmuch/lkml"),
    ("notmuch-misc", "files", ("notmuch/attachment/x-gtar-compressed.eml",
                               "notmuch/html/embedded-image",
                               "notmuch/indexing/PATCH-1-2-system_data_types.7-srcfix.txt:2,S",
                               "notmuch/insert/mbox-attachment.eml")),
)
# Messages the dev set contains are left out, so that no held-out message was seen in development.
DEV_MAILBOX = "hijack-dev/mailbox.mbox"

TARGET = {"external": 70, "victim": 25, "benign-revival": 14, "benign-forward": 10,
          "benign-attachment-reply": 12, "benign-trimmed-reply": 12}

FREEMAIL = ("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.jp", "hotmail.com", "hotmail.it",
            "outlook.com", "live.se", "libero.it", "virgilio.it", "uol.com.br", "bol.com.br", "wp.pl",
            "o2.pl", "interia.pl", "gmx.net", "gmx.de", "web.de", "ziggo.nl", "kpnmail.nl", "icloud.com",
            "aol.com", "qq.com", "163.com", "yandex.ru", "mail.ru", "sent.com", "fastmail.com",
            "protonmail.com", "proton.me")

UTC = dt.timezone.utc
ADDR_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
ID_RE = re.compile(r"<([^<>\s]+)>")


# ----------------------------------------------------------------------------------------------
# small helpers

def is_org(addr):
    dom = addr.rsplit("@", 1)[-1].lower()
    return any(dom == d or dom.endswith("." + d) for d in ORG_DOMAINS)


def org_domain_of(addr):
    dom = addr.rsplit("@", 1)[-1].lower()
    for d in ORG_DOMAINS:
        if dom == d or dom.endswith("." + d):
            return d
    return None


def dom_of(addr):
    return addr.rsplit("@", 1)[-1].lower()


def decode_header_text(value):
    if value is None:
        return ""
    value = str(value)
    try:
        text = str(email.header.make_header(email.header.decode_header(value)))
    except Exception:
        text = value
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return re.sub(r"\s*\n\s*", " ", text).strip()


ADDR_CASE = {}   # lower-case address -> spelling first seen in the real mail (headers keep it)


def parse_addresses(values):
    out = []
    for name, addr in email.utils.getaddresses([str(v) for v in values if v is not None]):
        ADDR_CASE.setdefault(addr.strip().lower(), addr.strip())
        addr = addr.strip().lower()
        if "@" not in addr:
            continue
        out.append((decode_header_text(name).strip().strip('"').strip(), addr))
    return out


def utc_iso(d):
    return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if d else None


def tzinfo(minutes):
    return dt.timezone(dt.timedelta(minutes=minutes))


def tz_minutes(d):
    return int(d.utcoffset().total_seconds() // 60) if d and d.utcoffset() is not None else 0


DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS_EN_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN_LONG = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


def rfc_date(d, zero_pad=False, comment=None):
    """RFC 5322 date in d's own offset: 'Thu, 2 Mar 2023 01:20:48 +0000'."""
    off = tz_minutes(d)
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    day = "%02d" % d.day if zero_pad else str(d.day)
    s = "%s, %s %s %d %02d:%02d:%02d %s%02d%02d" % (DAYS_EN[d.weekday()], day, MONTHS_EN[d.month - 1],
                                                  d.year, d.hour, d.minute, d.second, sign, off // 60, off % 60)
    return s + (" (%s)" % comment if comment else "")


def hour12(d):
    h = d.hour % 12 or 12
    return "%d:%02d %s" % (h, d.minute, "AM" if d.hour < 12 else "PM")


def wrap_header(name, value, sep=", ", indent=" ", width=76):
    """Fold a header built from items already joined by sep."""
    parts = value.split(sep) if sep else [value]
    line = name + ": "
    lines = []
    for i, p in enumerate(parts):
        piece = p + (sep.rstrip() if i < len(parts) - 1 else "")
        if len(line) + len(piece) + 1 > width and line.strip() != name + ":":
            lines.append(line.rstrip())
            line = indent + piece + " "
        else:
            line += piece + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


def encode_word(text, charset="utf-8", mode="B"):
    if all(ord(c) < 128 for c in text):
        return text
    raw = text.encode(charset)
    if mode == "B":
        return "=?%s?B?%s?=" % (charset.upper() if charset != "iso-2022-jp" else "ISO-2022-JP",
                                base64.b64encode(raw).decode())
    q = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else
                ("_" if b == 32 else "=%02X" % b) for b in raw)
    return "=?%s?Q?%s?=" % (charset, q)


def fmt_addr(name, addr, charset="utf-8"):
    addr = ADDR_CASE.get(addr, addr)
    if not name:
        return "<%s>" % addr if addr else ""
    if any(ord(c) >= 128 for c in name):
        return "%s <%s>" % (encode_word(name, charset), addr)
    if re.search(r'[(),.:;<>@\[\]"\\]', name):
        return '"%s" <%s>' % (name.replace("\\", "\\\\").replace('"', '\\"'), addr)
    return "%s <%s>" % (name, addr)


def encode_subject(subject, rng):
    if all(ord(c) < 128 for c in subject):
        return subject
    return encode_word(subject, "utf-8", rng.choice("BQ"))


# ----------------------------------------------------------------------------------------------
# real messages

HEADER_SPLIT_RE = re.compile(rb"\r?\n\r?\n")


class Msg:
    """One real message: raw bytes plus what the generator needs from it."""

    def __init__(self, source, path, order, raw):
        self.source, self.path, self.order = source, path, order
        self.raw = raw
        em = email.message_from_bytes(raw)
        self.em = em
        mids = ID_RE.findall(str(em.get("Message-ID", "") or ""))
        self.mid = mids[0] if mids else (str(em.get("Message-ID", "") or "").strip().strip("<>"))
        self.irt = ID_RE.findall(str(em.get("In-Reply-To", "") or ""))
        self.refs = ID_RE.findall(" ".join(str(v) for v in em.get_all("References", []) or []))
        try:
            d = email.utils.parsedate_to_datetime(str(em.get("Date")))
            if d.tzinfo is None:
                d = d.replace(tzinfo=UTC)
            if not (1995 <= d.year <= 2030):
                d = None
        except Exception:
            d = None
        self.date = d
        fr = parse_addresses(em.get_all("From", []) or [])
        self.from_name, self.from_addr = fr[0] if fr else ("", "")
        self.to = parse_addresses(em.get_all("To", []) or [])
        self.cc = parse_addresses(em.get_all("Cc", []) or [])
        self.subject = decode_header_text(em.get("Subject", ""))
        self.ua = decode_header_text(em.get("User-Agent") or em.get("X-Mailer") or "")
        self.family = client_family(self.ua, self.mid, em)
        self._text = None
        m = HEADER_SPLIT_RE.search(raw)
        self.header_bytes = raw[:m.start()] if m else raw
        self.is_patch = bool(re.match(r"\s*\[[^\]]*PATCH", self.subject)) and not self.irt and \
            self.family in ("git-send-email", "b4", "quilt", "unknown")

    @property
    def text(self):
        if self._text is None:
            self._text = body_text(self.em)
        return self._text

    @property
    def ctype(self):
        return self.em.get_content_type()


def body_text(em):
    """Decoded text of the first inline text/plain part (else HTML rendered as text)."""
    html_part = None
    for part in em.walk():
        if part.is_multipart():
            continue
        disp = str(part.get("Content-Disposition", "") or "").lower()
        ct = part.get_content_type()
        if ct == "text/plain" and "attachment" not in disp:
            return decode_part(part)
        if ct == "text/html" and html_part is None and "attachment" not in disp:
            html_part = part
    if html_part is not None:
        return html_to_text(decode_part(html_part))
    return ""


def decode_part(part):
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "us-ascii"
    try:
        text = payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        text = payload.decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _HTMLText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "hr", "table", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK and tag != "br":
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(markup):
    """Plain rendering used for labels: block tags and <br> break lines, runs of white space collapse."""
    p = _HTMLText()
    p.feed(markup)
    p.close()
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in "".join(p.out).split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    return "\n".join(out).strip("\n")


MID_FAMILIES = (
    (re.compile(r"^\d{10}-\d+-\d+-git-send-email-"), "git-send-email"),
    (re.compile(r"^\d{14}\.\d+-\d+-"), "git-send-email"),
    (re.compile(r"^\d+-v\d+-[0-9a-f]+\+"), "git-send-email"),
    (re.compile(r"^\d{12}\.\d{4,5}\.\d{5,6}$"), "bot"),
    (re.compile(r"^\d{14}\.[A-Z]{2}\d+$"), "mutt"),
    (re.compile(r"^\d{14}\.[a-z0-9]{10}$"), "mutt"),
    (re.compile(r"^[A-Z][A-Za-z0-9/+]{15}$"), "mutt"),
    (re.compile(r"^\d{3,6}\.\d{10}$"), "mh"),
)


def client_family(ua, mid, em):
    u = ua.lower()
    for key, fam in (("git-send-email", "git-send-email"), ("b4 ", "b4"), ("quilt", "quilt"),
                     ("thunderbird", "thunderbird"), ("icedove", "thunderbird"), ("seamonkey", "thunderbird"),
                     ("neomutt", "mutt"), ("mutt", "mutt"), ("evolution", "evolution"), ("claws", "claws"),
                     ("sylpheed", "claws"), ("gnus", "emacs"), ("notmuch", "emacs"), ("wanderlust", "emacs"),
                     ("mew version", "emacs"), ("emacs", "emacs"), ("apple mail", "apple"), ("iphone", "apple"),
                     ("ipad", "apple"), ("microsoft outlook", "outlook"), ("microsoft-macoutlook", "outlook"),
                     ("kmail", "kmail"), ("trojita", "kmail"), ("alpine", "alpine"), ("roundcube", "roundcube"),
                     ("zimbra", "zimbra"), ("horde", "horde"), ("k-9", "k9"), ("cyrus-jmap", "fastmail"),
                     ("mozilla", "thunderbird")):
        if key in u:
            return fam
    local = mid.split("@", 1)[0]
    for rx, fam in MID_FAMILIES:
        if rx.match(local):
            return fam
    m = mid.lower()
    if m.endswith("@mail.gmail.com"):
        return "gmail"
    if "prod.outlook.com" in m or "prod.exchangelabs.com" in m:
        return "outlook"
    if "@app.fastmail.com" in m:
        return "fastmail"
    if em.get("Thread-Index") is not None:
        return "outlook"
    if ".fsf@" in m or m.endswith(".notmuch") or "@tethera" in m:
        return "emacs"
    return "unknown"


def iter_source_files(root, kind, spec):
    if kind == "files":
        for rel in spec:
            yield os.path.join(root, rel)
        return
    top = os.path.join(root, spec)
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for f in filenames:
            found.append(os.path.join(dirpath, f))
    for p in sorted(found):
        yield p


def read_dev_ids(root):
    path = os.path.join(root, DEV_MAILBOX)
    ids = set()
    if not os.path.exists(path):
        return ids, False
    with open(path, "rb") as fh:
        data = fh.read()
    for m in re.finditer(rb"(?im)^message-id:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]+)>", data):
        ids.add(m.group(1).decode("utf-8", "replace"))
    return ids, True


def load_real(root):
    dev_ids, have_dev = read_dev_ids(root)
    seen_hashes = set()
    msgs, stats = [], []
    order = 0
    for name, kind, spec in SOURCES:
        st = collections.OrderedDict(name=name, messages_read=0, messages_used=0,
                                     dropped_byte_duplicates=0, dropped_in_dev_set=0)
        for path in iter_source_files(root, kind, spec):
            with open(path, "rb") as fh:
                raw = fh.read()
            st["messages_read"] += 1
            if raw.startswith(b"From ") and not raw.startswith(b"From:"):
                raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
            if not raw.endswith(b"\n"):
                raw += b"\n"
            h = hashlib.sha256(raw).hexdigest()
            if h in seen_hashes:
                st["dropped_byte_duplicates"] += 1
                continue
            m = Msg(name, os.path.relpath(path, root), order, raw)
            if m.mid and m.mid in dev_ids:
                st["dropped_in_dev_set"] += 1
                continue
            seen_hashes.add(h)
            order += 1
            msgs.append(m)
            st["messages_used"] += 1
        stats.append(st)
    # One mailbox sorted by date (stable); an undated message keeps the date of the message before it.
    last = dt.datetime(1990, 1, 1, tzinfo=UTC)
    keyed = []
    for m in msgs:
        if m.date is not None:
            last = m.date
        keyed.append(((m.date or last).astimezone(UTC), m.order, m))
    keyed.sort(key=lambda t: (t[0], t[1]))
    for k, _, m in keyed:
        m.sort_date = k
    return [t[2] for t in keyed], stats, have_dev


# ----------------------------------------------------------------------------------------------
# threads and people

LIST_DOMAINS = ("vger.kernel.org", "lists.linux.dev", "googlegroups.com", "kvack.org", "lists.infradead.org",
                "public.gmane.org", "notmuchmail.org", "lists.ozlabs.org", "alsa-project.org",
                "lists.sourceforge.net", "lists.freedesktop.org", "lists.linaro.org", "lists.linux-foundation.org",
                "lists.xenproject.org", "lists.osuosl.org", "m.gmane.org", "lists.debian.org")
ROLE_LOCALS = ("trivial", "x86", "stable", "patches", "linux-kernel", "patchwork-bot", "lkp", "noreply",
               "no-reply", "kernelci", "bot", "notmuch", "help", "info", "test_suite")


def is_list_or_role(addr):
    local, _, dom = addr.partition("@")
    if any(dom == d or dom.endswith("." + d) for d in LIST_DOMAINS):
        return True
    return local.split("+")[0] in ROLE_LOCALS or "bot" in local.split("+")[0].split("-")


def person_name_ok(name, addr):
    if not name or "@" in name or len(name) < 3:
        return False
    if not re.search(r"[A-Za-z]", name) or "via " in name:
        return False
    return not is_list_or_role(addr)


class Corpus:
    """Thread structure (union of Message-ID/References/In-Reply-To ids) and people of the real mail."""

    def __init__(self, msgs):
        self.msgs = msgs
        self.by_mid = {}
        for m in msgs:
            self.by_mid.setdefault(m.mid, m)
        parent = {}

        def find(x):
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:
                parent[x], x = root, parent[x]
            return root

        for m in msgs:
            key = m.mid if "@" in m.mid else "order:%d" % m.order
            parent.setdefault(key, key)
            for other in m.refs + m.irt:
                if "@" not in other:
                    continue
                parent.setdefault(other, other)
                a, b = find(key), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        self.thread_of = {}
        threads = collections.OrderedDict()
        for m in msgs:
            root = find(m.mid if "@" in m.mid else "order:%d" % m.order)
            self.thread_of[m.order] = root
            threads.setdefault(root, []).append(m)
        self.threads = threads
        names = collections.defaultdict(collections.Counter)
        self.sent = collections.defaultdict(list)
        for m in msgs:
            if m.from_addr:
                self.sent[m.from_addr].append(m)
                if m.from_name:
                    names[m.from_addr][m.from_name] += 1
        for m in msgs:
            for n, a in m.to + m.cc:
                if n and a not in names:
                    names.setdefault(a, collections.Counter())
                if n:
                    names[a][n] += 0.01
        self.name_of = {a: c.most_common(1)[0][0] for a, c in sorted(names.items()) if c}
        self.families = {a: sorted({m.family for m in ms} - {"unknown", "bot"}) for a, ms in self.sent.items()}

    def thread(self, m):
        return self.threads[self.thread_of[m.order]]

    def authors(self, thread):
        """Authors of a thread in order of first appearance: [(name, addr)]."""
        seen = collections.OrderedDict()
        for m in thread:
            if m.from_addr and m.from_addr not in seen:
                seen[m.from_addr] = self.name_of.get(m.from_addr, m.from_name)
        return [(n, a) for a, n in seen.items()]

    def org_people(self, thread):
        """Organisation addresses seen in a thread (authors first), real people only."""
        out = collections.OrderedDict()
        for m in thread:
            for n, a in [(m.from_name, m.from_addr)] + m.to + m.cc:
                if a and is_org(a) and not is_list_or_role(a):
                    out.setdefault(a, self.name_of.get(a, n))
        return [(n, a) for a, n in out.items()]

    def templates(self, addr):
        """Real replies by addr usable as client-style templates (simple MIME, a mail client, dated)."""
        out = []
        for m in self.sent.get(addr, []):
            if m.family in ("git-send-email", "b4", "quilt", "bot", "unknown") or not m.irt or m.date is None or \
                    m.source not in ("linux-kselftest-2023-03", "notmuch-lkml"):
                continue
            if m.ctype == "text/plain" or (m.ctype == "multipart/alternative" and
                                           [p.get_content_type() for p in m.em.get_payload()] ==
                                           ["text/plain", "text/html"]):
                if 80 < len(m.text) < 60000:
                    out.append(m)
        return out


# ----------------------------------------------------------------------------------------------
# network: public-looking IPs and host names (never the documentation ranges)

def _net(a, b, c, d, bits):
    return ((a << 24) | (b << 16) | (c << 8) | d, bits)


RESERVED_V4 = tuple(_net(*x) for x in (
    (0, 0, 0, 0, 8), (10, 0, 0, 0, 8), (100, 64, 0, 0, 10), (127, 0, 0, 0, 8), (169, 254, 0, 0, 16),
    (172, 16, 0, 0, 12), (192, 0, 0, 0, 24), (192, 0, 2, 0, 24), (192, 88, 99, 0, 24), (192, 168, 0, 0, 16),
    (198, 18, 0, 0, 15), (198, 51, 100, 0, 24), (203, 0, 113, 0, 24), (224, 0, 0, 0, 3)))


def ip_reserved(value):
    return any((value >> (32 - bits)) == (net >> (32 - bits)) for net, bits in RESERVED_V4)


def public_ip(rng, prefix=None):
    while True:
        if prefix:
            parts = [int(x) for x in prefix.split(".")]
            parts += [rng.randrange(1, 255) for _ in range(4 - len(parts))]
        else:
            parts = [rng.randrange(1, 224), rng.randrange(0, 256), rng.randrange(0, 256), rng.randrange(1, 255)]
        v = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]
        if not ip_reserved(v):
            return ".".join(map(str, parts))


def private_ip(rng):
    return rng.choice(("192.168.%d.%d" % (rng.choice((0, 1, 2, 10, 100, 178)), rng.randrange(2, 250)),
                       "10.%d.%d.%d" % (rng.randrange(0, 255), rng.randrange(0, 255), rng.randrange(2, 250)),
                       "172.%d.%d.%d" % (rng.randrange(16, 32), rng.randrange(0, 255), rng.randrange(2, 250))))


SYLLABLES = ("ka", "lo", "vi", "den", "tra", "mo", "shi", "ber", "pa", "zu", "rin", "fo", "gal", "ne", "sto",
             "qua", "ri", "mek", "dal", "tu", "vor", "e", "pel", "gro", "ham", "ix", "ova", "sen", "tel", "bru",
             "ko", "ma", "sil", "dor", "an", "vel", "ti", "nor", "ska", "ju", "lin", "ost", "bar", "ce", "fin")
TLD_FLAVOUR = (
    (".com.br", ("-imoveis", "-transportes", "", "engenharia", "-contabil")), (".pt", ("-lda", "", "-obras")),
    (".it", ("-servizi", "-srl", "", "-impianti")), (".nl", ("-bouw", "-advies", "", "-groep")),
    (".pl", ("-serwis", "-kancelaria", "", "-trans")), (".se", ("-bygg", "", "-konsult")),
    (".co.jp", ("-shoji", "", "-kogyo")), (".jp", ("", "-net")), (".com", ("-group", "tech", "", "-global", "-studio")),
    (".net", ("", "-hosting", "-mail")), (".org", ("", "-foundation")), (".in", ("-exports", "", "-infotech")),
    (".com.tr", ("-insaat", "")), (".co.id", ("", "-mandiri")), (".ro", ("-construct", "")), (".hu", ("-kft", "")),
    (".cz", ("-stavby", "")), (".gr", ("", "-travel")), (".co.za", ("-holdings", "")), (".com.mx", ("-logistica", "")),
    (".example", ("", "-files")), (".invalid", ("", "-share")))


def syllable_name(rng, n=None):
    n = n or rng.choice((2, 2, 3))
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def syllable_domain(rng, tld=None):
    if tld is None:
        tld, suffixes = rng.choice(TLD_FLAVOUR[:-2])
    else:
        suffixes = dict(TLD_FLAVOUR).get(tld, ("",))
    return syllable_name(rng) + rng.choice(suffixes) + tld


def rdns(rng, ip):
    dashed = ip.replace(".", "-")
    isp = syllable_name(rng, 2)
    return rng.choice((
        "host-%s.%s.net" % (dashed, isp), "%s.static.%s.com" % (dashed, isp),
        "ip%s.%s-%s.%s" % (ip.split(".")[-1], isp, ip.split(".")[1], rng.choice(("com.br", "it", "pl", "nl", "net"))),
        "%s.dyn.%s.%s" % (dashed, isp, rng.choice(("se", "pt", "co.jp", "in", "com.tr"))),
        "vps%d.%s.net" % (rng.randrange(1000, 99999), isp), "unknown"))


def rand_token(rng, n, alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_hex(rng, n, upper=False):
    s = "".join(rng.choice("0123456789abcdef") for _ in range(n))
    return s.upper() if upper else s


def rand_b64(rng, n):
    return rand_token(rng, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def uuid_str(rng, upper=False):
    h = rand_hex(rng, 32, upper)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], rng.choice("89ab" if not upper else "89AB"),
                                 h[17:20], h[20:32])


def dkim_signature(rng, domain, selector, when, fields="from:to:subject:date:message-id:mime-version:content-type"):
    b = rand_b64(rng, 342) + "=="
    folded = "\n\t ".join(b[i:i + 70] for i in range(0, len(b), 70))
    return ("v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=%s;\n\tt=%d; h=%s;\n\tbh=%s=;\n\tb=%s"
            % (domain, selector, int(when.timestamp()), fields, rand_b64(rng, 43), folded))


# ----------------------------------------------------------------------------------------------
# lures: written for this set (none of hijack-dev's sentences), with an action object

LURES = {
    "en": dict(
        greet=("Hi,", "Hello,", "Good afternoon,", "Hi all,", "Dear colleague,", ""),
        link=("As promised, the revised figures are in the shared folder: {url}",
              "Could you confirm the details in the statement below before end of day?\n{url}",
              "The countersigned copy is uploaded here, please check page 2:\n{url}",
              "We still have no confirmation for this one. The file is here: {url}",
              "Apologies, the previous version had a mistake in the totals. Corrected file:\n{url}",
              "Please go through the remittance advice and tell me if anything is missing.\n{url}"),
        attach=("As promised, the revised figures are attached ({file}).",
                "Attached is the corrected version; the totals in the previous one were wrong.",
                "Could you confirm the details in the attached statement before end of day?",
                "We still have no confirmation for this one, see {file}.",
                "Please go through the attached remittance advice and tell me if anything is missing."),
        close=("Thanks,", "Regards,", "Best,", "Thank you", "Cheers,"),
        pw=("The archive is protected, password: {pw}", "Access code: {pw}", "PIN for the file: {pw}"),
        nouns=("Statement", "Remittance_Advice", "PO", "Agreement", "Payment_Details", "Ledger")),
    "it": dict(
        greet=("Buongiorno,", "Salve,", "Gentile cliente,", "Ciao,"),
        link=("trova il link alla documentazione aggiornata qui: {url}",
              "come concordato, le invio il prospetto al seguente indirizzo:\n{url}",
              "può verificare la fattura e darmi conferma entro oggi?\n{url}",
              "ecco la copia firmata del contratto: {url}",
              "le chiedo cortesemente di controllare il documento qui:\n{url}"),
        attach=("in allegato trova la documentazione aggiornata.",
                "come concordato, le invio il prospetto in allegato ({file}).",
                "può verificare la fattura allegata e darmi conferma entro oggi?",
                "le chiedo cortesemente di controllare il documento allegato."),
        close=("Cordiali saluti", "Grazie", "Distinti saluti", "Buona giornata"),
        pw=("Password dell'archivio: {pw}", "La password per aprire il file è {pw}"),
        nouns=("Fattura", "Preventivo", "Documenti", "Ordine", "Contratto")),
    "pt": dict(
        greet=("Bom dia,", "Boa tarde,", "Olá,", "Prezado(a),"),
        link=("segue o link com os arquivos solicitados: {url}",
              "conforme combinado, a nota fiscal está disponível aqui:\n{url}",
              "poderia conferir o comprovante abaixo e me retornar ainda hoje?\n{url}",
              "o orçamento revisado está no link: {url}"),
        attach=("segue em anexo o comprovante solicitado.",
                "conforme combinado, envio a nota fiscal em anexo.",
                "poderia conferir o arquivo anexo e me retornar ainda hoje?",
                "o orçamento revisado está em anexo ({file})."),
        close=("Atenciosamente", "Obrigado", "Abraços", "Att."),
        pw=("Senha: {pw}", "A senha do arquivo é {pw}"),
        nouns=("Comprovante", "NotaFiscal", "Orcamento", "Boleto", "Pedido")),
    "nl": dict(
        greet=("Goedemorgen,", "Beste,", "Hallo,", "Goedemiddag,"),
        link=("hierbij de link naar de gevraagde stukken: {url}",
              "zoals afgesproken staat de factuur klaar via\n{url}",
              "kunt u het overzicht controleren en vandaag nog bevestigen?\n{url}",
              "de aangepaste offerte kunt u hier downloaden: {url}"),
        attach=("in de bijlage vindt u de gevraagde stukken.",
                "zoals afgesproken stuur ik de factuur mee als bijlage.",
                "kunt u het bijgevoegde overzicht controleren en vandaag nog bevestigen?",
                "de aangepaste offerte zit in de bijlage ({file})."),
        close=("Met vriendelijke groet", "Groeten", "Alvast bedankt", "Mvg"),
        pw=("Wachtwoord: {pw}", "Het wachtwoord van het archief is {pw}"),
        nouns=("Factuur", "Offerte", "Overzicht", "Betaalbewijs", "Contract")),
    "pl": dict(
        greet=("Dzień dobry,", "Witam,", "Szanowni Państwo,", "Cześć,"),
        link=("przesyłam link do zaktualizowanych dokumentów: {url}",
              "zgodnie z ustaleniami faktura jest dostępna tutaj:\n{url}",
              "proszę o weryfikację zestawienia i potwierdzenie jeszcze dziś:\n{url}",
              "poprawiona umowa do pobrania: {url}"),
        attach=("w załączniku przesyłam zaktualizowane dokumenty.",
                "zgodnie z ustaleniami przesyłam fakturę w załączniku.",
                "proszę o weryfikację załączonego zestawienia i potwierdzenie jeszcze dziś.",
                "poprawiona umowa w załączniku ({file})."),
        close=("Pozdrawiam", "Z poważaniem", "Dziękuję", "Miłego dnia"),
        pw=("Hasło: {pw}", "Hasło do archiwum: {pw}"),
        nouns=("Faktura", "Zamowienie", "Umowa", "Zestawienie", "Potwierdzenie")),
    "ja": dict(
        greet=("お世話になっております。", "いつもお世話になっております。", "ご担当者様"),
        link=("ご依頼の資料を以下のリンクにアップロードしました。\n{url}",
              "請求書の修正版を共有いたします。ご確認ください。\n{url}",
              "お手数ですが、本日中に内容をご確認いただけますでしょうか。\n{url}",
              "契約書の最新版はこちらからダウンロードできます。\n{url}"),
        attach=("ご依頼の資料を添付いたします。",
                "請求書の修正版を添付しましたのでご確認ください。",
                "お手数ですが、添付ファイルの内容を本日中にご確認いただけますでしょうか。",
                "契約書の最新版を添付いたします（{file}）。"),
        close=("よろしくお願いいたします。", "何卒よろしくお願い申し上げます。"),
        pw=("パスワード: {pw}", "解凍パスワード：{pw}"),
        nouns=("請求書", "見積書", "資料", "契約書", "注文書")),
    "sv": dict(
        greet=("Hej,", "Hej!", "God morgon,", "Hejsan,"),
        link=("här är länken till de uppdaterade underlagen: {url}",
              "som vi kom överens om finns fakturan här:\n{url}",
              "kan du gå igenom sammanställningen och bekräfta i dag?\n{url}",
              "det reviderade avtalet kan laddas ner här: {url}"),
        attach=("bifogar de uppdaterade underlagen.",
                "som vi kom överens om bifogar jag fakturan.",
                "kan du gå igenom den bifogade sammanställningen och bekräfta i dag?",
                "det reviderade avtalet finns i bilagan ({file})."),
        close=("Med vänliga hälsningar", "Vänliga hälsningar", "Tack på förhand", "Mvh"),
        pw=("Lösenord: {pw}", "Lösenordet till arkivet är {pw}"),
        nouns=("Faktura", "Offert", "Avtal", "Underlag", "Kvitto")),
    "de": dict(
        greet=("Hallo zusammen,", "Moin,", "Guten Tag,"),
        link=("die überarbeiteten Unterlagen liegen jetzt hier: {url}",
              "könnten Sie die Abrechnung unten bis heute Abend bestätigen?\n{url}"),
        attach=("die überarbeiteten Unterlagen hängen an.",
                "könnten Sie die beigefügte Abrechnung bis heute Abend bestätigen?"),
        close=("Viele Grüße", "Beste Grüße"),
        pw=("Kennwort: {pw}",),
        nouns=("Abrechnung", "Angebot", "Lieferschein", "Vertrag")),
    "fr": dict(
        greet=("Bonjour,", "Bonjour à tous,"),
        link=("voici le lien vers les pièces révisées : {url}",
              "pourriez-vous valider le relevé ci-dessous avant ce soir ?\n{url}"),
        attach=("vous trouverez les pièces révisées en pièce jointe.",
                "pourriez-vous valider le relevé joint avant ce soir ?"),
        close=("Cordialement", "Bien à vous"),
        pw=("Mot de passe : {pw}",),
        nouns=("Releve", "Devis", "Bon_de_commande", "Avenant")),
}
# External-hijack lure languages (weights). de/fr only as a minority: the dev set used them.
LURE_LANG_WEIGHTS = (("en", 16), ("it", 9), ("pt", 9), ("nl", 9), ("pl", 9), ("ja", 9), ("sv", 9), ("de", 3), ("fr", 3))
VICTIM_LANG_WEIGHTS = (("en", 14), ("it", 2), ("pt", 2), ("nl", 2), ("pl", 2), ("ja", 1), ("sv", 2))

WORDS = ("river", "copper", "quiet", "garden", "lantern", "orbit", "meadow", "signal", "pepper", "harbor",
         "violet", "timber", "canvas", "ember", "glacier", "summit", "marble", "willow", "falcon", "prairie",
         "ribbon", "cobalt", "thistle", "beacon", "saddle", "walnut", "crimson", "feather", "pebble", "juniper",
         "anchor", "mosaic", "tundra", "velvet", "harvest", "island", "quartz", "sparrow", "comet", "maple",
         "cinder", "drift", "fable", "grove", "hollow", "ivory", "jasper", "kettle", "lagoon", "mirror")


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def password(rng):
    return rand_token(rng, rng.randrange(4, 9), "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


def file_name(rng, lang, ext, when):
    noun = rng.choice(LURES[lang]["nouns"])
    n = rng.randrange(100, 99999)
    form = rng.randrange(6)
    if form == 0:
        base = "%s_%d" % (noun, n)
    elif form == 1:
        base = "%s-%d-%04d" % (noun, when.year, rng.randrange(1, 9999))
    elif form == 2:
        base = "%s %02d.%02d.%d" % (noun, when.day, when.month, when.year)
    elif form == 3:
        base = "%s_%s" % (rng.choice(WORDS).capitalize(), noun)
    elif form == 4:
        base = "SCAN%s%02d%02d_%03d" % (str(when.year)[2:], when.month, when.day, rng.randrange(1, 999))
    else:
        base = "%s#%d" % (noun, n)
    return "%s.%s" % (base, ext)


def share_url(rng, fname):
    token = rand_token(rng, rng.randrange(12, 26))
    safe = re.sub(r"[^A-Za-z0-9._-]", "", fname.replace(" ", "_")) or "file"
    host = syllable_domain(rng, rng.choice((None, None, None, ".example", ".invalid")))
    form = rng.randrange(9)
    if form == 0:
        return "https://%s/s/%s" % (host, token)
    if form == 1:
        return "https://share.%s/index.php/s/%s/download" % (host, token)
    if form == 2:
        return "https://%s/d/%s/%s" % (host, token, safe)
    if form == 3:
        return "https://files.%s/download?id=%s&name=%s" % (host, token, safe)
    if form == 4:
        return "https://%s-my.sharepoint.invalid/:b:/g/personal/%s/%s?e=%s" % (
            syllable_name(rng), syllable_name(rng), token, rand_token(rng, 6))
    if form == 5:
        return "https://drive.%s/file/d/%s/view?usp=sharing" % (host, token)
    if form == 6:
        return "https://%s/wp-includes/cache/%s/%s" % (host, token.lower()[:10], safe)
    if form == 7:
        return "https://%s/ipfs/bafybei%s?filename=%s" % (host, rand_token(rng, 46, "abcdefghijklmnopqrstuvwxyz234567"), safe)
    return "https://%s/view.php?doc=%s" % (host, token)


LINK_EXTS = ("zip", "zip", "one", "iso", "img", "xlsm", "pdf", "html", "htm")
ATTACH_EXTS = ("zip", "zip", "html", "one", "iso", "img", "xlsm", "pdf")
ATTACH_TYPES = {"zip": ("application/zip", "application/x-zip-compressed"), "html": ("text/html",),
                "htm": ("text/html",), "one": ("application/octet-stream", "application/onenote"),
                "iso": ("application/x-iso9660-image", "application/octet-stream"),
                "img": ("application/octet-stream",), "pdf": ("application/pdf",),
                "xlsm": ("application/vnd.ms-excel.sheet.macroEnabled.12",)}


def attachment_bytes(rng, ext, when):
    """Small harmless payloads: random words (zip/html) or random bytes under the claimed name."""
    if ext == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for _ in range(rng.randrange(1, 3)):
                info = zipfile.ZipInfo("%s_%d.%s" % (rng.choice(WORDS), rng.randrange(10, 9999),
                                                     rng.choice(("txt", "dat", "log"))),
                                       date_time=(when.year, when.month, when.day, when.hour, when.minute, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, (words(rng, rng.randrange(30, 200)) + "\n").encode())
        return buf.getvalue()
    if ext in ("html", "htm"):
        return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<p>%s</p>\n"
                "</body></html>\n" % (words(rng, 2), words(rng, rng.randrange(20, 80)))).encode()
    return rng.randbytes(rng.randrange(300, 3000))


def benign_pdf(rng, title):
    """A small valid PDF whose one page shows a few random words (hard-negative attachments)."""
    text = words(rng, 8)
    stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj 0 -18 Td (%s) Tj ET" % (title, text)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def first_name(name):
    if "," in name:
        name = name.split(",", 1)[1]
    parts = name.split()
    return parts[0] if parts else name


def make_lure(rng, lang, delivery, when, signer=None):
    """Returns (text, action) where action = {kind, url|file, bytes, ctype, password}."""
    L = LURES[lang]
    action = {"kind": delivery}
    if delivery == "link":
        ext = rng.choice(LINK_EXTS)
        fname = file_name(rng, lang, ext, when)
        action["url"] = share_url(rng, fname)
        body = rng.choice(L["link"]).format(url=action["url"])
    else:
        ext = rng.choice(ATTACH_EXTS)
        fname = file_name(rng, lang, ext, when)
        action.update(file=fname, data=attachment_bytes(rng, ext, when), ctype=rng.choice(ATTACH_TYPES[ext]))
        body = rng.choice(L["attach"]).format(file=fname)
        if "{file}" not in body and rng.random() < 0.4:
            body += "\n" + fname
    lines = []
    greet = rng.choice(L["greet"])
    if greet:
        lines += [greet, ""] if rng.random() < 0.6 else [greet]
    if lang != "ja":
        lower = greet.endswith(",") and lang in ("it", "pt", "pl", "de", "fr", "sv") and rng.random() < 0.7
        body = (body[0].lower() if lower else body[0].upper()) + body[1:]
    lines.append(body)
    if rng.random() < 0.35 and (delivery == "link" or ext in ("zip",)):
        action["password"] = password(rng)
        lines.append(rng.choice(L["pw"]).format(pw=action["password"]))
    if rng.random() < 0.75:
        lines += ["", rng.choice(L["close"])]
        if signer and rng.random() < 0.4:
            lines.append(first_name(signer))
    return "\n".join(lines), action


# ----------------------------------------------------------------------------------------------
# localisation of quote headers (dates are shown in the writer's local time, without offset)

DAYS = {
    "en": DAYS_EN_LONG,
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "pl": ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
}
MONTHS = {
    "en": MONTHS_EN_LONG,
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
}
BLOCK_LABELS = {
    "en": ("From:", "Sent:", "To:", "Cc:", "Subject:"),
    "de": ("Von:", "Gesendet:", "An:", "Cc:", "Betreff:"),
    "fr": ("De :", "Envoyé :", "À :", "Cc :", "Objet :"),
    "ja": ("差出人:", "送信日時:", "宛先:", "CC:", "件名:"),
    "it": ("Da:", "Inviato:", "A:", "Cc:", "Oggetto:"),
    "pt": ("De:", "Enviada em:", "Para:", "Cc:", "Assunto:"),
    "nl": ("Van:", "Verzonden:", "Aan:", "CC:", "Onderwerp:"),
    "pl": ("Od:", "Wysłano:", "Do:", "DW:", "Temat:"),
    "sv": ("Från:", "Skickat:", "Till:", "Kopia:", "Ämne:"),
}
ORIGINAL_SEP = {"en": "-----Original Message-----", "de": "-----Ursprüngliche Nachricht-----",
                "fr": "-----Message d'origine-----", "ja": "-----Original Message-----",
                "it": "-----Messaggio originale-----", "pt": "-----Mensagem original-----",
                "nl": "-----Oorspronkelijk bericht-----", "pl": "-----Wiadomość oryginalna-----",
                "sv": "-----Ursprungligt meddelande-----"}
REPLY_PREFIX = {"en": ("RE: ", "Re: ", "Re: RE: "), "de": ("AW: ", "RE: "), "fr": ("RE : ", "RE: "),
                "it": ("R: ", "RE: "), "pt": ("RES: ", "RE: "), "nl": ("RE: ", "Antw: "),
                "pl": ("Odp: ", "RE: "), "sv": ("SV: ", "RE: "), "ja": ("RE: ", "Re: ")}


def outlook_date(d, lang):
    day, mon = d.weekday(), d.month - 1
    hm = "%d:%02d" % (d.hour, d.minute)
    if lang == "en":
        return "%s, %s %d, %d %s" % (DAYS_EN_LONG[day], MONTHS_EN_LONG[mon], d.day, d.year, hour12(d))
    if lang == "de":
        return "%s, %d. %s %d %s" % (DAYS["de"][day], d.day, MONTHS["de"][mon], d.year, hm)
    if lang == "ja":
        return "%d年%d月%d日 %s" % (d.year, d.month, d.day, hm)
    if lang == "pt":
        return "%s, %d de %s de %d %s" % (DAYS["pt"][day], d.day, MONTHS["pt"][mon], d.year, hm)
    if lang == "pl":
        return "%s, %d %s %d %s" % (DAYS["pl"][day], d.day, MONTHS["pl"][mon], d.year, hm)
    if lang == "sv":
        return "den %d %s %d %s" % (d.day, MONTHS["sv"][mon], d.year, hm)
    return "%s %d %s %d %s" % (DAYS[lang][day], d.day, MONTHS[lang][mon], d.year, hm)


def on_wrote(d, name, lang):
    """Attribution without address (fabricated by the attacker's script)."""
    day, mon = d.weekday(), d.month - 1
    hm = "%d:%02d" % (d.hour, d.minute)
    if lang == "en":
        return "On %s, %s %d, %d at %s %s wrote:" % (DAYS_EN[day], MONTHS_EN[mon], d.day, d.year, hour12(d), name)
    if lang == "it":
        return "Il giorno %s %d %s %d alle ore %s %s ha scritto:" % (DAYS["it"][day][:3], d.day, MONTHS["it"][mon][:3],
                                                                  d.year, hm, name)
    if lang == "pt":
        return "Em %s., %d de %s. de %d às %s, %s escreveu:" % (DAYS["pt"][day][:3], d.day, MONTHS["pt"][mon][:3],
                                                               d.year, hm, name)
    if lang == "nl":
        return "Op %s %d %s %d om %s schreef %s:" % (DAYS["nl"][day][:2], d.day, MONTHS["nl"][mon][:3], d.year, hm, name)
    if lang == "pl":
        return "%s., %d %s %d o %s %s napisał(a):" % (("pon", "wt", "śr", "czw", "pt", "sob", "niedz")[day], d.day,
                                                     MONTHS["pl"][mon][:3], d.year, hm, name)
    if lang == "sv":
        return "Den %s %d %s %d kl %s skrev %s:" % (DAYS["sv"][day][:3], d.day, MONTHS["sv"][mon], d.year, hm, name)
    if lang == "ja":
        return "%d年%d月%d日(%s) %s %s:" % (d.year, d.month, d.day, DAYS["ja"][day], hm, name)
    if lang == "de":
        return "Am %s., %d. %s %d um %s Uhr schrieb %s:" % (DAYS["de"][day][:2], d.day, MONTHS["de"][mon], d.year,
                                                           hm, name)
    return "Le %s. %d %s %d à %s, %s a écrit :" % (DAYS["fr"][day][:3], d.day, MONTHS["fr"][mon], d.year, hm, name)


def fabricated_block(lang, d, from_name, to_names, cc_names, subject, spaced=False):
    """An Outlook-like quoted header block without addresses (Talos T5)."""
    lab = BLOCK_LABELS[lang]
    if spaced:
        lab = ("From :", "Sent :", "To :", "Cc :", "Subject :")
    lines = ["%s %s" % (lab[0], from_name), "%s %s" % (lab[1], outlook_date(d, "en" if spaced else lang)),
             "%s %s" % (lab[2], "; ".join(to_names))]
    if cc_names:
        lines.append("%s %s" % (lab[3], "; ".join(cc_names)))
    lines.append("%s %s" % (lab[4], subject))
    return [line.rstrip() for line in lines]


def quote_lines(lines):
    return [(">" + line) if line.startswith(">") else ("> " + line if line.strip() else ">") for line in lines]


def first_nonempty(lines):
    for line in lines:
        if line.strip():
            return line.rstrip()
    return None


def proper_attribution(family, d, name, addr, to_list, cc_list, subject):
    """(lines before the parent's text, quote the parent with '>'?, splice_style) of a real client's reply."""
    day, mon = d.weekday(), d.month - 1
    off = tz_minutes(d)
    offs = "%s%02d%02d" % ("+" if off >= 0 else "-", abs(off) // 60, abs(off) % 60)
    nm = name or addr
    if family in ("outlook", "outlookcom", "outlook-mac"):
        to_s = "; ".join(fmt_plain_addr(n, a) for n, a in to_list)
        lines = ["________________________________", "From: %s" % fmt_plain_addr(name, addr),
                 "Sent: %s" % outlook_date(d, "en"), "To: %s" % to_s]
        if cc_list:
            lines.append("Cc: %s" % "; ".join(fmt_plain_addr(n, a) for n, a in cc_list))
        lines += ["Subject: %s" % subject, ""]
        return lines, False, "proper-outlook-block"
    if family == "zimbra":
        lines = ["----- Original Message -----", 'From: "%s" <%s>' % (nm, addr),
                 "To: %s" % ", ".join(fmt_plain_addr(n, a) for n, a in to_list)]
        if cc_list:
            lines.append("Cc: %s" % ", ".join(fmt_plain_addr(n, a) for n, a in cc_list))
        lines += ["Sent: %s, %s %d, %d %d:%02d:%02d %s" % (DAYS_EN_LONG[day], MONTHS_EN_LONG[mon], d.day, d.year,
                                                          d.hour % 12 or 12, d.minute, d.second,
                                                          "AM" if d.hour < 12 else "PM"),
                  "Subject: %s" % subject, ""]
        return lines, True, "proper-zimbra-quote"
    if family == "foxmail":
        lines = ["------------------ Original ------------------", 'From:  "%s"<%s>;' % (nm, addr),
                 "Date:  %s, %s %d, %d %s" % (DAYS_EN[day], MONTHS_EN[mon], d.day, d.year, hour12(d)),
                 "To:  %s;" % "; ".join('"%s"<%s>' % (n or a, a) for n, a in to_list),
                 "Subject:  %s" % subject, ""]
        return lines, False, "proper-foxmail-block"
    if family == "horde":
        return ["Quoting %s <%s>:" % (nm, addr), ""], True, "proper-horde-quoting"
    if family == "gmail":
        line = "On %s, %s %d, %d at %s %s <%s> wrote:" % (DAYS_EN[day], MONTHS_EN[mon], d.day, d.year, hour12(d), nm,
                                                         addr)
    elif family == "thunderbird":
        line = "On %d/%d/%02d %d:%02d, %s wrote:" % (d.month, d.day, d.year % 100, d.hour, d.minute, nm)
    elif family == "mutt":
        line = "On %s, %s %02d, %d at %02d:%02d:%02d%s %s, %s wrote:" % (
            DAYS_EN[day], MONTHS_EN[mon], d.day, d.year, d.hour % 12 or 12, d.minute, d.second,
            "AM" if d.hour < 12 else "PM", offs, nm)
    elif family == "evolution":
        line = "On %s, %d-%02d-%02d at %02d:%02d %s, %s wrote:" % (DAYS_EN[day], d.year, d.month, d.day, d.hour,
                                                                  d.minute, offs, nm)
    elif family == "claws":
        return ["On %s, %d %s %d %02d:%02d:%02d %s" % (DAYS_EN[day], d.day, MONTHS_EN[mon], d.year, d.hour, d.minute,
                                                      d.second, offs),
                "%s <%s> wrote:" % (nm, addr), ""], True, "proper-on-wrote"
    elif family == "emacs":
        line = "%s <%s> writes:" % (nm, addr)
    elif family == "mh":
        line = "%s <%s> wrote:" % (nm, addr)
    elif family in ("apple", "iphone"):
        line = "On %s %d, %d, at %02d:%02d, %s <%s> wrote:" % (MONTHS_EN[mon], d.day, d.year, d.hour, d.minute, nm, addr)
    elif family == "kmail":
        line = "On %s, %d %s %d %02d:%02d:%02d %s %s wrote:" % (DAYS_EN_LONG[day], d.day, MONTHS_EN_LONG[mon], d.year,
                                                               d.hour, d.minute, d.second, offs, nm)
    elif family == "roundcube":
        line = "On %d-%02d-%02d %02d:%02d, %s wrote:" % (d.year, d.month, d.day, d.hour, d.minute, nm)
    elif family == "squirrelmail":
        line = "On %s, %s %d, %d %d:%02d %s, %s wrote:" % (DAYS_EN[day], MONTHS_EN_LONG[mon], d.day, d.year,
                                                          d.hour % 12 or 12, d.minute, "am" if d.hour < 12 else "pm",
                                                          nm)
    elif family == "fastmail":
        line = "On %s, %s %d, %d, at %02d:%02d, %s wrote:" % (DAYS_EN[day], MONTHS_EN[mon], d.day, d.year, d.hour,
                                                             d.minute, nm)
    elif family == "alpine":
        line = "On %s, %d %s %d, %s wrote:" % (DAYS_EN[day], d.day, MONTHS_EN[mon], d.year, nm)
    else:
        line = "On %s, %s wrote:" % (rfc_date(d), nm)
    return [line, ""], True, "proper-on-wrote"


def fmt_plain_addr(name, addr):
    addr = ADDR_CASE.get(addr, addr)
    return "%s <%s>" % (name, addr) if name else addr


def forward_block(family, d, name, addr, to_list, cc_list, subject):
    """(lines before the forwarded text, lines after it, style) in the forwarder's client style."""
    day, mon = d.weekday(), d.month - 1
    to_s = ", ".join(fmt_plain_addr(n, a) for n, a in to_list)
    cc_s = ", ".join(fmt_plain_addr(n, a) for n, a in cc_list)
    who = fmt_plain_addr(name, addr)
    if family in ("thunderbird", "kmail"):
        lines = ["-------- Forwarded Message --------", "Subject: \t%s" % subject, "Date: \t%s" % rfc_date(d),
                 "From: \t%s" % who, "To: \t%s" % to_s] + (["CC: \t%s" % cc_s] if cc_s else []) + [""]
        return lines, [], "forward-thunderbird"
    if family == "gmail":
        lines = ["---------- Forwarded message ---------", "From: %s" % who,
                 "Date: %s, %s %d, %d at %s" % (DAYS_EN[day], MONTHS_EN[mon], d.day, d.year, hour12(d)),
                 "Subject: %s" % subject, "To: %s" % to_s] + (["Cc: %s" % cc_s] if cc_s else []) + ["", ""]
        return lines, [], "forward-gmail"
    if family in ("outlook", "outlookcom", "outlook-mac"):
        to_o = "; ".join(fmt_plain_addr(n, a) for n, a in to_list)
        cc_o = "; ".join(fmt_plain_addr(n, a) for n, a in cc_list)
        lines = ["________________________________", "From: %s" % who, "Sent: %s" % outlook_date(d, "en"),
                 "To: %s" % to_o] + (["Cc: %s" % cc_o] if cc_o else []) + ["Subject: %s" % subject, ""]
        return lines, [], "forward-outlook"
    if family in ("apple", "iphone"):
        lines = ["Begin forwarded message:", "", "From: %s" % who, "Subject: %s" % subject,
                 "Date: %s %d, %d at %d:%02d:%02d %s" % (MONTHS_EN_LONG[mon], d.day, d.year, d.hour % 12 or 12,
                                                          d.minute, d.second, "AM" if d.hour < 12 else "PM"),
                 "To: %s" % to_s] + (["Cc: %s" % cc_s] if cc_s else []) + [""]
        return lines, [], "forward-apple"
    if family == "evolution":
        lines = ["-------- Forwarded Message --------", "From: %s" % who, "To: %s" % to_s] + \
                (["Cc: %s" % cc_s] if cc_s else []) + ["Subject: %s" % subject, "Date: %s" % rfc_date(d, True), ""]
        return lines, [], "forward-evolution"
    if family in ("emacs", "mh"):
        lines = ["-------------------- Start of forwarded message --------------------", "From: %s" % who,
                 "To: %s" % to_s, "Subject: %s" % subject, "Date: %s" % rfc_date(d), ""]
        return lines, ["-------------------- End of forwarded message --------------------"], "forward-emacs"
    lines = ["----- Forwarded message from %s -----" % who, "", "Date: %s" % rfc_date(d), "From: %s" % who,
             "To: %s" % to_s] + (["Cc: %s" % cc_s] if cc_s else []) + ["Subject: %s" % subject, ""]
    return lines, ["", "----- End forwarded message -----"], "forward-mutt"


# ----------------------------------------------------------------------------------------------
# Outlook Thread-Index (MS-OXOMSG 2.2.1.3), valid structure

def filetime(d):
    return int((d.timestamp() + 11644473600) * 10 ** 7)


def thread_index_new(rng, d, modern=False):
    ft = filetime(d)
    head = bytes([1]) + ((ft >> 24) & 0xFFFFFFFFFF).to_bytes(5, "big") if modern else (ft >> 16).to_bytes(6, "big")
    return head + rng.randbytes(16)


def thread_index_child(rng, parent, d):
    """parent: raw bytes (22 + 5k). Delta against the classic reading of the header, mod 2^31 (as Exchange does)."""
    base = int.from_bytes(parent[:6], "big") << 16
    delta = ((filetime(d) - base) >> 18) % (1 << 31)
    return parent + ((delta << 8) | rng.randrange(256)).to_bytes(5, "big")


def b64(data):
    return base64.b64encode(data).decode()


# ----------------------------------------------------------------------------------------------
# MIME building (LF line ends; the mbox writer keeps them)

def encode_text(text, charset, cte):
    if not text.endswith("\n"):
        text += "\n"
    data = text.encode(charset)
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    return data


def pick_text_encoding(text, charset, cte, rng=None):
    """Keep the preferred charset/CTE when they can carry text, else the nearest that can."""
    try:
        raw = text.encode(charset)
    except (UnicodeEncodeError, LookupError):
        charset = "utf-8"
        raw = text.encode(charset)
    ascii_only = all(b < 128 for b in raw) and b"\x1b" not in raw
    if charset.lower() == "iso-2022-jp":
        return charset, "7bit"
    if ascii_only:
        return charset, cte if cte in ("quoted-printable", "base64") else "7bit"
    if cte in ("7bit", None, ""):
        cte = rng.choice(("8bit", "quoted-printable", "base64")) if rng else "8bit"
    return charset, cte


def part_bytes(fields, body):
    head = "".join("%s: %s\n" % (n, v) for n, v in fields).encode("utf-8")
    return head + b"\n" + body


def text_fields(subtype, charset, cte, params=""):
    cs = '"%s"' % charset if not params.startswith(";q") else charset
    fields = [("Content-Type", "text/%s; charset=%s%s" % (subtype, cs, params.replace(";q", "", 1)))]
    if cte:
        fields.append(("Content-Transfer-Encoding", cte))
    return fields


def multipart_bytes(boundary, parts, preamble=""):
    out = preamble.encode() if preamble else b""
    for p in parts:
        out += b"--" + boundary.encode() + b"\n" + p
        if not p.endswith(b"\n"):
            out += b"\n"
    return out + b"--" + boundary.encode() + b"--\n"


def attachment_part(rng, fname, ctype, data, style="rfc2231"):
    if all(ord(c) < 128 for c in fname):
        name_param = 'name="%s"' % fname
        disp = 'attachment; filename="%s"' % fname
    elif style == "rfc2231":
        enc = "".join(c if (c.isalnum() and ord(c) < 128) or c in "._-" else
                      "".join("%%%02X" % b for b in c.encode("utf-8")) for c in fname)
        name_param = 'name="%s"' % encode_word(fname)
        disp = "attachment;\n filename*=UTF-8''%s" % enc
    else:
        name_param = 'name="%s"' % encode_word(fname)
        disp = 'attachment; filename="%s"' % encode_word(fname)
    fields = [("Content-Type", "%s; %s" % (ctype, name_param)), ("Content-Disposition", disp),
              ("Content-Transfer-Encoding", "base64")]
    return part_bytes(fields, base64.encodebytes(data))


BOUNDARY_STYLES = {
    "outlook": lambda r: "----=_NextPart_000_%04X_%08X.%08X" % (r.randrange(1 << 16), r.randrange(1 << 32),
                                                                 r.randrange(1 << 32)),
    "gmail": lambda r: "0000000000%s" % rand_hex(r, 16),
    "thunderbird": lambda r: "------------%s" % rand_token(r, 24),
    "apple": lambda r: "Apple-Mail=_%s" % uuid_str(r, True),
    "roundcube": lambda r: "=_%s" % rand_hex(r, 32),
    "horde": lambda r: "=_%s" % rand_token(r, 24),
    "zimbra": lambda r: "=_%s" % uuid_str(r),
    "javamail": lambda r: "----=_Part_%d_%d.%d" % (r.randrange(10 ** 6, 10 ** 7), r.randrange(10 ** 8, 10 ** 9),
                                                   r.randrange(10 ** 12, 10 ** 13)),
    "foxmail": lambda r: "----=_NextPart_%s_%s_%s" % (rand_hex(r, 8, True), rand_hex(r, 8, True), rand_hex(r, 8, True)),
    "phpmailer": lambda r: "b1_%s" % rand_token(r, 43),
    "generic": lambda r: "===============%d==" % r.randrange(10 ** 18, 10 ** 19),
}


def html_document(style, new_lines, attribution, quoted, quote_mode, cite_mid=None, lang="en"):
    """HTML twin of a reply: new text, attribution/header block, the older text (quote_mode 'blockquote' or 'div')."""
    esc = [html.escape(x) for x in new_lines]
    old = "<br>\n".join(html.escape(x) for x in quoted)
    if style == "word":
        body = "".join('<p class="MsoNormal">%s<o:p></o:p></p>\n' % (x or "&nbsp;") for x in esc)
        attr = "<br>\n".join("<b>%s</b>%s" % ((html.escape(a.split(":", 1)[0]) + ":"), html.escape(a.split(":", 1)[1]))
                             if ":" in a else html.escape(a) for a in attribution if a and not a.startswith("___"))
        return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n<meta http-equiv="Content-Type" '
                'content="text/html; charset=utf-8">\n<meta name="Generator" content="Microsoft Word 15 '
                '(filtered medium)">\n<style><!--p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",'
                'sans-serif;}--></style>\n</head>\n<body lang="%s" link="#0563C1" vlink="#954F72">\n'
                '<div class="WordSection1">\n%s<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
                '<p class="MsoNormal">%s<o:p></o:p></p>\n</div>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                '<div>\n%s\n</div>\n</div>\n</body>\n</html>\n' % (lang.upper(), body, attr, old))
    if style == "gmail":
        body = "<br>".join(esc)
        return ('<div dir="ltr">%s</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">%s<br>'
                '</div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                'rgb(204,204,204);padding-left:1ex">%s</blockquote></div>\n'
                % (body, html.escape(" ".join(a for a in attribution if a)), old))
    if style == "thunderbird":
        body = "".join("<p>%s</p>\n" % x if x else "<p><br></p>\n" for x in esc)
        cite = ' cite="mid:%s"' % html.escape(cite_mid) if cite_mid else ""
        return ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; '
                'charset=UTF-8">\n  </head>\n  <body>\n%s    <div class="moz-cite-prefix">%s<br>\n    </div>\n'
                '    <blockquote type="cite"%s>%s</blockquote>\n  </body>\n</html>\n'
                % (body, html.escape(" ".join(a for a in attribution if a)), cite, old))
    if style == "apple":
        body = "".join("<div>%s</div>" % (x or "<br>") for x in esc)
        return ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body '
                'style="overflow-wrap: break-word;">%s<div><br><blockquote type="cite"><div>%s</div><br>'
                '<div>%s</div></blockquote></div></body></html>\n'
                % (body, html.escape(" ".join(a for a in attribution if a)), old))
    # plain webmail style: divs; attribution and the older text inside a blockquote or a div
    body = "<br>\n".join(esc)
    attr = "<br>\n".join(html.escape(a) for a in attribution if a)
    inner = ('<blockquote style="padding-left:5px;border-left:#1010ff 2px solid;margin-left:5px">%s</blockquote>' % old
             if quote_mode == "blockquote" else "<div>%s</div>" % old)
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>'
            '<body style="font-size: 10pt; font-family: Verdana,Geneva,sans-serif">\n<p>%s</p>\n<p>%s</p>\n%s\n'
            '</body></html>\n' % (body, attr, inner))


# ----------------------------------------------------------------------------------------------
# mail clients that do not occur in the real mail (attackers' clients, and the new client of a
# compromised account)

class NewClient:
    """Header style of a synthetic mail client: id format, user agent, header order, MIME habits."""

    def __init__(self, family, rng, addr, when, lang="en", client_ip=None):
        self.family, self.addr = family, addr
        dom = dom_of(addr)
        self.fields = []
        self.layout = "plain"
        self.charset, self.cte, self.params = "utf-8", "quoted-printable", ""
        self.html_style = "webmail"
        self.boundary_fn = BOUNDARY_STYLES["generic"]
        self.thread_index = None
        lt = when
        f = family
        if f == "outlook":
            self.mid = "<%s01d%s$%s$%s$@%s>" % (rand_hex(rng, 4), rand_hex(rng, 3), rand_hex(rng, 8), rand_hex(rng, 8), dom)
            self.fields = [("X-Mailer", rng.choice(("Microsoft Outlook 16.0", "Microsoft Outlook 15.0",
                                                     "Microsoft Office Outlook 12.0")))]
            self.thread_index = "classic"
            self.fields.append(("Content-Language", {"en": "en-us", "pt": "pt-br", "ja": "ja", "sv": "sv-se"}.get(lang, lang)))
            self.order = ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                          "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Mailer", "Thread-Index",
                          "Content-Language")
            self.layout, self.html_style, self.boundary_fn = "alt", "word", BOUNDARY_STYLES["outlook"]
            self.charset = rng.choice(("utf-8", "us-ascii", "iso-8859-1"))
        elif f == "outlook-mac":
            self.mid = "<%s@%s>" % (uuid_str(rng, True), dom)
            self.fields = [("User-Agent", "Microsoft-MacOutlook/16.%d.%d" % (rng.randrange(60, 80),
                                                                          rng.randrange(23010000, 23129999)))]
            self.thread_index = "classic"
            self.order = ("User-Agent", "Date", "Subject", "From", "To", "Cc", "Message-ID", "Thread-Topic",
                          "Thread-Index", "References", "In-Reply-To", "Content-Type", "MIME-Version")
            self.layout, self.html_style = "alt", "word"
            self.boundary_fn = lambda r: "B_%d_%d" % (r.randrange(10 ** 9, 4 * 10 ** 9), r.randrange(10 ** 9))
        elif f == "outlookcom":
            srv = "%s%dPR%02dMB%04d" % (rng.choice(("AS8", "DB9", "PAXP", "VI1", "TYCP", "OS3")), rng.randrange(1, 9),
                                        rng.randrange(1, 20), rng.randrange(1000, 9999))
            region = rng.choice(("eurprd04", "eurprd08", "jpnprd01", "namprd13", "apcprd06"))
            self.mid = "<%s%s@%s.%s.prod.outlook.com>" % (srv, rand_hex(rng, 28, True), srv, region)
            self.server, self.region = srv, region
            self.fields = [("Accept-Language", "en-US"), ("Content-Language", "en-US"), ("X-MS-Has-Attach", ""),
                           ("X-MS-TNEF-Correlator", "")]
            self.thread_index = "modern"
            self.order = ("From", "To", "Cc", "Subject", "Thread-Topic", "Thread-Index", "Date", "Message-ID",
                          "References", "In-Reply-To", "Accept-Language", "Content-Language", "X-MS-Has-Attach",
                          "X-MS-TNEF-Correlator", "Content-Type", "Content-Transfer-Encoding", "MIME-Version")
            self.layout, self.html_style = "alt", "word"
            self.boundary_fn = lambda r: "_%03d_%s%s_" % (r.choice((0, 4)), srv, rand_hex(r, 28, True))
        elif f == "roundcube":
            self.mid = "<%s@%s>" % (rand_hex(rng, 32), dom)
            self.fields = [("X-Sender", addr), ("User-Agent", "Roundcube Webmail/%s" % rng.choice(("1.6.1", "1.5.3",
                                                                                                 "1.4.13", "1.6.6")))]
            self.order = ("MIME-Version", "Date", "From", "To", "Cc", "Subject", "In-Reply-To", "References",
                          "Message-ID", "X-Sender", "User-Agent", "Content-Type", "Content-Transfer-Encoding")
            self.params = "; format=flowed"
            self.charset, self.cte = rng.choice((("US-ASCII", "7bit"), ("UTF-8", "quoted-printable"), ("UTF-8", "8bit")))
            self.boundary_fn = BOUNDARY_STYLES["roundcube"]
        elif f == "horde":
            self.mid = "<%s.Horde.%s@webmail.%s>" % (lt.strftime("%Y%m%d%H%M%S"), rand_token(rng, 22), dom)
            self.fields = [("User-Agent", "Horde Application Framework 5")]
            self.order = ("Date", "Message-ID", "From", "To", "Cc", "Subject", "References", "In-Reply-To", "User-Agent",
                          "Content-Type", "MIME-Version", "Content-Disposition", "Content-Transfer-Encoding")
            self.params = "; format=flowed; DelSp=Yes"
            self.fields.append(("Content-Disposition", "inline"))
            self.boundary_fn = BOUNDARY_STYLES["horde"]
        elif f == "zimbra":
            self.mid = "<%d.%d.%d.JavaMail.zimbra@%s>" % (rng.randrange(10 ** 8, 2 * 10 ** 9), rng.randrange(10 ** 6, 10 ** 7),
                                                          int(when.timestamp() * 1000), dom)
            ver = rng.choice(("9.0.0_GA_4546", "8.8.15_GA_4508", "10.0.2_GA_4518"))
            self.fields = [("X-Mailer", "Zimbra %s (ZimbraWebClient - %s (Win)/%s)" % (ver, rng.choice(("GC112", "FF113",
                                                                                                         "E110")), ver)),
                           ("X-Originating-IP", "[%s]" % (client_ip or public_ip(rng)))]
            self.thread_index = "classic"
            self.order = ("Date", "From", "To", "Cc", "Message-ID", "In-Reply-To", "References", "Subject",
                          "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Originating-IP", "X-Mailer",
                          "Thread-Topic", "Thread-Index")
            self.layout, self.boundary_fn = "alt", BOUNDARY_STYLES["zimbra"]
        elif f == "squirrelmail":
            self.mid = "<%s.%s.%d.squirrel@webmail.%s>" % (rand_hex(rng, 32), client_ip or public_ip(rng),
                                                             int(when.timestamp()), dom)
            self.fields = [("User-Agent", "SquirrelMail/1.4.23 [SVN]"), ("X-Priority", "3 (Normal)"),
                           ("Importance", "Normal")]
            self.order = ("Message-ID", "In-Reply-To", "References", "Date", "Subject", "From", "To", "Cc",
                          "User-Agent", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Priority",
                          "Importance")
            self.charset, self.cte = "iso-8859-1", "8bit"
        elif f in ("iphone", "apple"):
            self.mid = "<%s@%s>" % (uuid_str(rng, True), dom)
            if f == "iphone":
                self.fields = [("X-Mailer", "iPhone Mail (%s)" % rng.choice(("20D67", "19H12", "20E252", "21A329")))]
                self.order = ("Content-Type", "Content-Transfer-Encoding", "From", "Mime-Version", "Subject", "Date",
                              "Message-Id", "References", "Cc", "In-Reply-To", "To", "X-Mailer")
            else:
                self.fields = [("X-Mailer", "Apple Mail (2.%s)" % rng.choice(("3731.400.51.1.1", "3696.120.41.1.1",
                                                                               "3774.300.61.1.2")))]
                self.order = ("From", "Message-Id", "Content-Type", "Mime-Version", "Subject", "Date", "In-Reply-To",
                              "Cc", "To", "References", "X-Mailer")
                self.layout, self.html_style, self.boundary_fn = "alt", "apple", BOUNDARY_STYLES["apple"]
        elif f == "foxmail":
            self.mid = "<%s%03d%06d@%s>" % (lt.strftime("%Y%m%d%H%M%S"), rng.randrange(1000), rng.randrange(10 ** 6), dom)
            self.fields = [("X-Priority", "3"), ("X-GUID", uuid_str(rng, True)), ("X-Has-Attach", "no"),
                           ("X-Mailer", "Foxmail 7.2.%d.%d[cn]" % (rng.randrange(20, 26), rng.randrange(100, 400)))]
            self.order = ("Date", "From", "To", "Cc", "Subject", "References", "In-Reply-To", "X-Priority", "X-GUID",
                          "X-Has-Attach", "X-Mailer", "Mime-Version", "Message-ID", "Content-Type")
            self.layout, self.boundary_fn = "alt", BOUNDARY_STYLES["foxmail"]
        elif f == "phpmailer":
            self.mid = "<%s@%s>" % (rand_token(rng, 43), rng.choice((dom, "localhost", "www." + dom)))
            self.fields = [("X-Mailer", "PHPMailer %s (https://github.com/PHPMailer/PHPMailer)"
                            % rng.choice(("6.6.4", "6.8.0", "6.5.1")))]
            self.order = ("Date", "To", "Cc", "From", "Subject", "Message-ID", "In-Reply-To", "References", "X-Mailer",
                          "MIME-Version", "Content-Type", "Content-Transfer-Encoding")
            self.boundary_fn = BOUNDARY_STYLES["phpmailer"]
        elif f == "thunderbird":
            self.mid = "<%s@%s>" % (uuid_str(rng), dom)
            self.fields = [("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:%s) Gecko/20100101 "
                                          "Thunderbird/%s" % rng.choice((("102.0", "102.9.0"), ("115.0", "115.3.1"))))]
            self.fields.append(("Content-Language", {"en": "en-US", "pt": "pt-BR", "sv": "sv-SE"}.get(lang, lang)))
            self.order = ("Message-ID", "Date", "MIME-Version", "User-Agent", "Subject", "Content-Language", "To", "Cc",
                          "References", "From", "In-Reply-To", "Content-Type", "Content-Transfer-Encoding")
            self.params, self.charset, self.cte = "; format=flowed", "UTF-8", "8bit"
            self.boundary_fn, self.html_style = BOUNDARY_STYLES["thunderbird"], "thunderbird"
        elif f == "gmail":
            self.mid = "<CA%s@mail.gmail.com>" % rand_token(rng, rng.randrange(40, 52),
                                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=_-")
            self.order = ("MIME-Version", "References", "In-Reply-To", "From", "Date", "Message-ID", "Subject", "To", "Cc",
                          "Content-Type")
            self.layout, self.html_style, self.boundary_fn = "alt", "gmail", BOUNDARY_STYLES["gmail"]
            self.charset = "UTF-8"
        elif f == "yahoo":
            self.mid = "<%d.%d.%d@mail.yahoo.com>" % (rng.randrange(10 ** 8, 2 * 10 ** 9), rng.randrange(10 ** 6, 10 ** 7),
                                                      int(when.timestamp() * 1000))
            self.fields = [("X-Mailer", "WebService/1.1.%d YMailNorrin" % rng.randrange(21000, 21999))]
            self.order = ("Date", "From", "To", "Cc", "Message-ID", "In-Reply-To", "References", "Subject",
                          "MIME-Version", "Content-Type", "X-Mailer")
            self.layout, self.boundary_fn = "alt", BOUNDARY_STYLES["javamail"]
        elif f == "ox":
            self.mid = "<%d.%d.%d@%s>" % (rng.randrange(10 ** 8, 2 * 10 ** 9), rng.randrange(10 ** 5, 10 ** 6),
                                          int(when.timestamp() * 1000), dom)
            self.fields = [("X-Priority", "3"), ("Importance", "Normal"),
                           ("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev%d" % rng.randrange(20, 40))]
            self.order = ("Date", "From", "To", "Cc", "Message-ID", "In-Reply-To", "References", "Subject",
                          "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Priority", "Importance",
                          "X-Mailer")
            self.layout, self.boundary_fn = "alt", BOUNDARY_STYLES["javamail"]
        elif f == "gmx":
            self.mid = "<trinity-%s-%d@3c-app-gmx-bs%02d>" % (uuid_str(rng), int(when.timestamp() * 1000), rng.randrange(1, 80))
            self.fields = [("Importance", "normal"), ("Sensitivity", "Normal"), ("X-Priority", "3"),
                           ("X-Provags-ID", "V03:K1:%s" % rand_b64(rng, 60)), ("X-UI-Message-Type", "mail")]
            self.order = ("MIME-Version", "Message-ID", "From", "To", "Cc", "Subject", "Content-Type", "Date",
                          "Importance", "Sensitivity", "In-Reply-To", "References", "X-Priority", "X-Provags-ID",
                          "X-UI-Message-Type")
            self.charset = "UTF-8"
        else:  # "script": a bulk sender with no user agent
            self.mid = "<%s@%s>" % (uuid_str(rng), rng.choice((dom, "mail." + dom)))
            self.order = ("Subject", "From", "To", "Cc", "Date", "Message-ID", "In-Reply-To", "References",
                          "MIME-Version", "Content-Type", "Content-Transfer-Encoding")
            self.charset, self.cte = "utf-8", rng.choice(("base64", "quoted-printable", "8bit"))

    OLD_AGENTS = ((r"^Microsoft Outlook 1[56]\.0$", "Microsoft Outlook 14.0"),
                  (r"^Microsoft-MacOutlook/.*", "Microsoft-MacOutlook/14.2.0.101115"),
                  (r"^Roundcube Webmail/.*", "Roundcube Webmail/0.4.2"),
                  (r"^Zimbra .*", "Zimbra 6.0.8_GA_2661 (ZimbraWebClient - FF3.0 (Win)/6.0.8_GA_2661)"),
                  (r"^SquirrelMail/.*", "SquirrelMail/1.4.21"), (r"^iPhone Mail .*", "iPhone Mail (8C148)"),
                  (r"^Apple Mail .*", "Apple Mail (2.1081)"), (r"^Foxmail .*", "Foxmail 6, 15, 201, 26 [cn]"),
                  (r"^PHPMailer .*", "PHPMailer 5.1 (phpmailer.sourceforge.net)"),
                  (r".*Thunderbird/.*", "Mozilla/5.0 (Windows; U; Windows NT 6.1; en-US; rv:1.9.2.12) Gecko/20101027 "
                                        "Thunderbird/3.1.6"),
                  (r".*YMailNorrin$", "YahooMailClassic/11.4.20 YahooMailWebService/0.8.106.282862"),
                  (r"^Open-Xchange Mailer .*", "Open-Xchange Mailer v6.18.2-Rev13"),
                  (r"^Horde Application Framework 5$", "Internet Messaging Program (IMP) H3 (4.3.7)"))

    def header_fields(self, rng, values, when, parent_ti=None):
        """values: dict of From/To/Cc/Subject/Date/Message-ID/In-Reply-To/References/Content-Type... -> ordered list."""
        v = dict(values)
        for n, val in self.fields:
            if when.year < 2015 and n in ("X-Mailer", "User-Agent"):
                val = next((new for rx, new in self.OLD_AGENTS if re.match(rx, val)), val)
            v.setdefault(n, val)
        if self.thread_index:
            if parent_ti is not None:
                ti = thread_index_child(rng, parent_ti, when)
            else:
                ti = thread_index_new(rng, when, modern=self.thread_index == "modern")
            v["Thread-Index"] = b64(ti)
            v.setdefault("Thread-Topic", strip_reply_prefix(values.get("Subject", "")))
        v["Message-ID"] = v.pop("Message-ID", self.mid)
        out = []
        names = list(self.order) + [n for n in v if n not in self.order]
        for n in names:
            key = n
            for cand in v:
                if cand.lower() == n.lower():
                    key = cand
                    break
            if key in v and v[key] is not None:
                out.append((n, v.pop(key)))
        return out


REPLY_PREFIX_RE = re.compile(r"^\s*((re|aw|sv|antw|odp|r|res|fw|fwd|tr|wg)\s*(\[\d+\])?\s*:\s*)+", re.I)


def strip_reply_prefix(subject):
    return REPLY_PREFIX_RE.sub("", subject).strip()


def reply_subject(subject, outlook=False):
    """Subject of a proper reply: clients do not stack "Re:"; Outlook writes "RE:"."""
    if re.match(r"^\s*re\s*:", subject, re.I):
        return ("RE: " + re.sub(r"^\s*re\s*:\s*", "", subject, flags=re.I)) if outlook else subject
    return ("RE: " if outlook else "Re: ") + subject


# ----------------------------------------------------------------------------------------------
# transport: sender-side hops and the organisation MX (same format for every injected direct message)

def tls_params(when, style):
    if when.year < 2014:
        return {"gmail": "version=TLSv1/SSLv3 cipher=RC4-SHA", "postfix": "TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)",
                "ironport": "ESMTP/TLS/DHE-RSA-AES256-SHA", "mimecast": "version=TLSv1, cipher=DHE-RSA-AES256-SHA"}[style]
    if when.year < 2019:
        return {"gmail": "version=TLS1_2 cipher=ECDHE-RSA-AES128-GCM-SHA256 bits=128/128",
                "postfix": "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
                "ironport": "ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384",
                "mimecast": "version=TLSv1.2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}[style]
    return {"gmail": "version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256",
            "postfix": "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "ironport": "ESMTP/TLS/TLS_AES_256_GCM_SHA384",
            "mimecast": "version=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384"}[style]


def local_time(d, minutes):
    return d.astimezone(tzinfo(minutes))


ORG_TZ = {"google.com": -480, "intel.com": -480, "redhat.com": -300}


def dst_tz(org, d):
    base = ORG_TZ[org]
    return base + 60 if 3 <= d.month <= 10 else base


def auth_results(rng, org, env_from, ip, hdr_dom, dkim, spf, dmarc):
    """Authentication-Results value written by the organisation MX. dkim: None or (domain, selector, result)."""
    mx = ORG_MX[org]
    env_dom = dom_of(env_from)
    parts = []
    if org == "google.com":
        if dkim:
            parts.append("dkim=%s header.i=@%s header.s=%s header.b=%s" % (dkim[2], dkim[0], dkim[1], rand_b64(rng, 8)))
        spf_text = {"pass": "spf=pass (google.com: domain of %s designates %s as permitted sender) smtp.mailfrom=%s",
                    "softfail": "spf=softfail (google.com: domain of transitioning %s does not designate %s as "
                                "permitted sender) smtp.mailfrom=%s",
                    "neutral": "spf=neutral (google.com: %s is neither permitted nor denied by best guess record "
                               "for domain of %s) smtp.mailfrom=%s",
                    "fail": "spf=fail (google.com: domain of %s does not designate %s as permitted sender) "
                            "smtp.mailfrom=%s",
                    "none": "spf=none (google.com: %s does not designate permitted sender hosts %s) "
                            "smtp.mailfrom=%s"}[spf]
        if spf == "neutral":
            parts.append(spf_text % (ip, env_from, env_from))
        elif spf == "none":
            parts.append((spf_text % (env_from, "", env_from)).replace(" hosts )", " hosts)"))
        else:
            parts.append(spf_text % (env_from, ip, env_from))
        if dmarc != "none":
            pol = rng.choice(("NONE", "QUARANTINE", "REJECT")) if dmarc == "pass" else rng.choice(("QUARANTINE", "NONE"))
            parts.append("dmarc=%s (p=%s sp=NONE dis=%s) header.from=%s" % (dmarc, pol, "NONE" if dmarc == "pass" else pol,
                                                                               hdr_dom))
        return mx + ";\n       " + ";\n       ".join(parts)
    if org == "intel.com":
        parts.append("spf=%s smtp.mailfrom=%s" % (spf.capitalize(), env_from))
        parts.append("spf=None smtp.helo=postmaster@%s" % rdns_or(env_dom))
        if dkim:
            parts.append("dkim=%s (%s) header.i=@%s" % (dkim[2], "signature verified" if dkim[2] == "pass"
                                                        else "signature did not verify", dkim[0]))
        else:
            parts.append("dkim=none (message not signed) header.i=none")
        parts.append("dmarc=%s (p=%s dis=none) d=%s" % (dmarc, "none" if dmarc != "fail" else "quarantine", hdr_dom))
        return mx + "; " + ";\n  ".join(parts)
    if dkim:
        parts.append("dkim=%s header.d=%s header.s=%s header.b=%s" % (dkim[2], dkim[0], dkim[1], rand_b64(rng, 8)))
    else:
        parts.append("dkim=none")
    parts.append("spf=%s (%s: domain of %s %s %s as permitted sender) smtp.mailfrom=%s" % (
        spf, mx, env_from, "designates" if spf == "pass" else "does not designate", ip, env_from))
    parts.append("dmarc=%s (policy=%s) header.from=%s" % (dmarc, "none" if dmarc != "fail" else "quarantine", hdr_dom))
    return mx + ";\n\t" + ";\n\t".join(parts)


def rdns_or(dom):
    return "mail." + dom


def org_delivery(rng, org, rcpt, env_from, out_host, out_ip, t_recv, auth):
    """Header fields (top first) the organisation's MX adds. auth = dict(spf, dkim, dmarc, hdr_dom)."""
    mx = ORG_MX[org]
    lt = local_time(t_recv, dst_tz(org, t_recv))
    ar = auth_results(rng, org, env_from, out_ip, auth["hdr_dom"], auth["dkim"], auth["spf"], auth["dmarc"])
    if org == "google.com":
        gid = "%s.%d.%d.%02d.%02d.%02d.%02d.%02d" % (rand_token(rng, 12, "abcdefghijklmnopqrstuvwxyz0123456789"),
                                                     rng.randrange(1, 200), lt.year, lt.month, lt.day, lt.hour,
                                                     lt.minute, lt.second)
        spf_word = auth["spf"]
        if t_recv.year < 2017:
            return [
                ("Delivered-To", rcpt),
                ("Received", "by 10.%d.%d.%d with SMTP id %s;\n        %s" % (
                    rng.randrange(1, 255), rng.randrange(1, 255), rng.randrange(1, 255),
                    rand_token(rng, 10, "abcdefghijklmnopqrstuvwxyz0123456789"),
                    rfc_date(lt, comment="PDT" if dst_tz(org, t_recv) == -420 else "PST"))),
                ("Return-Path", "<%s>" % env_from),
                ("Received", "from %s (%s [%s])\n        by mx.google.com with ESMTPS id %s\n        (%s);\n"
                             "        %s" % (out_host, out_host, out_ip, gid, tls_params(t_recv, "gmail"),
                                             rfc_date(lt, comment="PDT" if dst_tz(org, t_recv) == -420 else "PST"))),
                ("Received-SPF", "%s (google.com: domain of %s %s %s as permitted sender) client-ip=%s;" % (
                    spf_word, env_from, "designates" if spf_word == "pass" else "does not designate", out_ip, out_ip)),
                ("Authentication-Results", ar)]
        return [
            ("Delivered-To", rcpt),
            ("Received", "by 2002:a05:%s:%s:b0:%s:%s:%s with SMTP id %s;\n        %s" % (
                rand_hex(rng, 4), rand_hex(rng, 3), rand_hex(rng, 3), rand_hex(rng, 4), rand_hex(rng, 4),
                rand_token(rng, 10, "abcdefghijklmnopqrstuvwxyz0123456789"), rfc_date(lt, comment="PDT" if
                                                                                      dst_tz(org, t_recv) == -420 else "PST"))),
            ("ARC-Seal", "i=1; a=rsa-sha256; t=%d; cv=none;\n        d=google.com; s=arc-20160816;\n        b=%s" % (
                int(t_recv.timestamp()), "\n         ".join(rand_b64(rng, 70) for _ in range(5)))),
            ("ARC-Authentication-Results", "i=1; " + ar),
            ("Return-Path", "<%s>" % env_from),
            ("Received", "from %s (%s. [%s])\n        by mx.google.com with ESMTPS id %s\n        for <%s>\n"
                         "        (%s);\n        %s" % (out_host, out_host, out_ip, gid, rcpt,
                                                       tls_params(t_recv, "gmail"),
                                                       rfc_date(lt, comment="PDT" if dst_tz(org, t_recv) == -420 else "PST"))),
            ("Received-SPF", "%s (google.com: domain of %s %s %s as permitted sender) client-ip=%s;" % (
                spf_word, env_from, "designates" if spf_word == "pass" else "does not designate", out_ip, out_ip)),
            ("Authentication-Results", ar)]
    if org == "intel.com":
        day0 = dt.datetime(t_recv.year, t_recv.month, t_recv.day, tzinfo=UTC)
        return [
            ("Return-Path", "<%s>" % env_from),
            ("X-Original-To", rcpt), ("Delivered-To", rcpt),
            ("Received", "from %s (HELO %s) ([%s])\n  by mgamail.intel.com with %s; %s" % (
                out_host, out_host, out_ip, tls_params(t_recv, "ironport"), rfc_date(lt, True)[5:])),
            ("Authentication-Results", ar),
            ("IronPort-SDR", rand_b64(rng, 88)),
            ("X-IronPort-AV", 'E=McAfee;i="6600,9927,%d"; a="%d"' % (rng.randrange(10600, 10999),
                                                                    rng.randrange(300000000, 399999999))),
            ("X-IronPort-AV", 'E=Sophos;i="6.%02d,%d,%d"; \n   d="scan\'208";a="%d"' % (
                rng.randrange(0, 99), lt.timetuple().tm_yday, int(day0.timestamp()), rng.randrange(300000000, 399999999)))]
    tok = rand_token(rng, 22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    return [
        ("Return-Path", "<%s>" % env_from),
        ("X-Original-To", rcpt), ("Delivered-To", rcpt),
        ("Received", "from %s (%s [%s])\n\tby mx-in.redhat.com with ESMTP with STARTTLS\n\t(%s)\n\tid us-mta-%d-%s-1;"
                     " %s" % (out_host, out_host, out_ip, tls_params(t_recv, "mimecast"), rng.randrange(1, 700), tok,
                              rfc_date(lt))),
        ("X-MC-Unique", tok + "-1"),
        ("Authentication-Results", ar),
        ("X-Mimecast-Spam-Score", str(rng.choice((0, 0, 0, 1, 2))))]


def postfix_qid(rng):
    return rand_hex(rng, rng.randrange(10, 13), True)


def exim_id(rng):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "%s-%s-%s" % (rand_token(rng, 6, a), rand_token(rng, 6, a), rand_token(rng, 2, a))


def hosting_server(rng, dom):
    return rng.choice(("mail.%s" % dom, "smtp.%s" % dom, "mx%d.%s" % (rng.randrange(1, 4), dom),
                       "srv%d.%s" % (rng.randrange(10, 400), syllable_domain(rng, rng.choice((".com", ".net", ".eu")))),
                       "%s.%s" % (syllable_name(rng, 2), syllable_domain(rng, rng.choice((".com", ".net", ".pl", ".it"))))))


def submission_hops(rng, kind, addr, t_sent, client_ip, rcpt):
    """Sender-side Received fields (top first) of a message composed at t_sent by a client at client_ip.
    Returns (fields, out_host, out_ip, seconds until the message leaves, dkim (domain, selector) or None)."""
    dom = dom_of(addr)
    helo = rng.choice(("[%s]" % private_ip(rng), "[%s]" % client_ip, "DESKTOP-%s" % rand_token(rng, 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                       "User"))
    t1 = t_sent + dt.timedelta(seconds=rng.randrange(1, 20))
    lt = local_time(t1, rng.choice((0, 60, 120, -300, 330, 480, 540)))
    if kind == "gmail":
        lt = local_time(t1, -420 if 3 <= t1.month <= 10 else -480)   # Google stamps Pacific time
        last = rng.randrange(40, 230)
        out_host = "mail-%s%d-f%d.google.com" % (rng.choice(("ed", "ej", "wm", "wr", "lj", "pf", "pl", "qt")),
                                                 rng.randrange(1, 2), last)
        out_ip = "209.85.%d.%d" % (rng.randrange(128, 223), last)
        fields = [("Received", "by %s with SMTP id %s-%s.%d\n        for <%s>; %s" % (
            out_host, rand_token(rng, 6, "abcdefghijklmnopqrstuvwxyz0123456789"), rand_hex(rng, 28),
            rng.randrange(1, 9), rcpt, rfc_date(lt, comment=None))),
                  ("X-Google-DKIM-Signature", dkim_signature(rng, "1e100.net", "20221208", t_sent)),
                  ("X-Gm-Message-State", rand_b64(rng, 56)),
                  ("X-Google-Smtp-Source", rand_b64(rng, 86) + "=="),
                  ("X-Received", "by 2002:a17:%s:%s:b0:%s:%s:%s with SMTP id %s-%s.%d;\n        %s" % (
                      rand_hex(rng, 3), rand_hex(rng, 3), rand_hex(rng, 3), rand_hex(rng, 4), rand_hex(rng, 4),
                      rand_token(rng, 2, "abcdefghijklmnopqrstuvwxyz"), rand_hex(rng, 30), rng.randrange(1, 9),
                      rfc_date(lt)))]
        return fields, out_host, out_ip, rng.randrange(1, 6), ("gmail.com", "20221208")
    if kind == "outlookcom":
        n = rng.randrange(10, 99)
        out_host = "%s%s-%s%d-obe.outbound.protection.outlook.com" % (rng.choice(("EUR05", "EUR01", "APC01", "JPN01", "NAM12")),
                                                                      "", rng.choice(("VI1", "DB8", "AM7", "OS0", "TY2")), n)
        out_ip = "40.92.%d.%d" % (rng.randrange(0, 255), rng.randrange(1, 255))
        srv = "%s%dPR%02dMB%04d" % (rng.choice(("AS8", "DB9", "PAXP", "VI1")), rng.randrange(1, 9), rng.randrange(1, 20),
                                    rng.randrange(1000, 9999))
        region = rng.choice(("eurprd04", "eurprd08", "jpnprd01", "namprd13"))
        fields = [("Received", "from %s.%s.prod.outlook.com\n ([fe80::%s:%s:%s:%s]) by %s.%s.prod.outlook.com\n "
                               "([fe80::%s:%s:%s:%s%%4]) with mapi id 15.20.%d.%03d; %s" % (
                                   srv, region, rand_hex(rng, 4), rand_hex(rng, 4), rand_hex(rng, 4), rand_hex(rng, 4),
                                   srv, region, rand_hex(rng, 4), rand_hex(rng, 4), rand_hex(rng, 4), rand_hex(rng, 4),
                                   rng.randrange(6000, 7999), rng.randrange(0, 99), rfc_date(t1.astimezone(UTC)))),
                  ("ARC-Seal", "i=1; a=rsa-sha256; s=arcselector9901; d=microsoft.com; cv=none;\n b=%s" % rand_b64(rng, 340)),
                  ("X-MS-Exchange-Organization-SCL", "1")]
        return fields, out_host, out_ip, rng.randrange(1, 4), (dom, "selector1")
    if kind == "yahoo":
        dc = rng.choice(("gq1", "bf2", "ne1", "sg3"))
        out_host = "sonic%d-%d.consmr.mail.%s.yahoo.com" % (rng.randrange(300, 330), rng.randrange(10, 60), dc)
        out_ip = "74.6.%d.%d" % (rng.randrange(128, 135), rng.randrange(1, 255))
        fields = [("Received", "by hermes--production-%s-%s-%s (Yahoo Inc. Hermes SMTP Server) with ESMTPA ID %s;\n"
                               "          %s" % (dc, rand_hex(rng, 10), rand_token(rng, 5, "abcdefghijklmnopqrstuvwxyz0123456789"),
                                                 rand_hex(rng, 32), rfc_date(t1.astimezone(UTC))))]
        return fields, out_host, out_ip, rng.randrange(1, 4), ("yahoo.com", "s2048")
    if kind == "provider":
        out_host = rng.choice(("mout.%s" % dom, "smtp-out%d.%s" % (rng.randrange(1, 20), dom), "mail%d.%s" % (rng.randrange(1, 9), dom)))
        out_ip = public_ip(rng)
        fields = [("Received", "from [%s] ([%s]) by %s\n (ESMTPSA) with ESMTPSA id %s; %s" % (
            private_ip(rng), client_ip, "smtp." + dom, rand_token(rng, 12), rfc_date(lt)))]
        return fields, out_host, out_ip, rng.randrange(1, 4), (dom, rng.choice(("s1", "dkim", "mail", "default")))
    server = hosting_server(rng, dom)
    out_ip = public_ip(rng)
    cip = client_ip
    if kind == "postfix":
        fields = [("Received", "from %s (%s [%s])\n\t(Authenticated sender: %s)\n\tby %s (Postfix) with ESMTPSA id %s;\n\t%s" % (
            helo, rdns(rng, cip), cip, addr, server, postfix_qid(rng), rfc_date(lt)))]
    elif kind == "exim":
        tls = rng.choice((("1.3", "TLS_AES_256_GCM_SHA384"), ("1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))) \
            if t_sent.year > 2018 else ("1.0", "TLS_RSA_WITH_AES_256_CBC_SHA")
        fields = [("Received", "from [%s] (port=%d helo=%s)\n\tby %s with esmtpsa  (TLS%s) tls %s\n\t(Exim 4.%d)\n"
                               "\t(envelope-from <%s>)\n\tid %s;\n\t%s" % (
                                   cip, rng.randrange(49152, 65535), helo, server, tls[0], tls[1],
                                   rng.choice((94, 95, 96)) if t_sent.year > 2019 else 72, addr, exim_id(rng),
                                   rfc_date(lt)))]
    elif kind == "exchange":
        h1 = "%s%02d.%s" % (rng.choice(("EXCH", "MBX", "SRV-EX", "MAIL")), rng.randrange(1, 20), dom)
        h2 = "%s%02d.%s" % (rng.choice(("EDGE", "CAS", "EXCH")), rng.randrange(1, 20), dom)
        p1, p2 = private_ip(rng), private_ip(rng)
        fields = [("Received", "from %s (%s) by %s\n (%s) with Microsoft SMTP Server (version=TLS1_2,\n cipher="
                               "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.1.2507.%d; %s" % (
                                   h1, p1, h2, p2, rng.randrange(17, 39), rfc_date(lt))),
                  ("Received", "from %s ([fe80::%s:%s:%s:%s]) by %s\n ([fe80::%s:%s:%s:%s%%12]) with mapi id "
                               "15.01.2507.%03d; %s" % (h1, rand_hex(rng, 4), rand_hex(rng, 4), rand_hex(rng, 4),
                                                         rand_hex(rng, 4), h1, rand_hex(rng, 4), rand_hex(rng, 4),
                                                         rand_hex(rng, 4), rand_hex(rng, 4), rng.randrange(17, 39),
                                                         rfc_date(lt))),
                  ("X-Originating-IP", "[%s]" % cip)]
        server = h2
    elif kind == "hmail":
        fields = [("Received", "from %s ([%s])\n\tby %s\n\twith hMailServer ; %s" % (helo, cip, server, rfc_date(lt)))]
    elif kind == "zimbra":
        p = private_ip(rng)
        fields = [("Received", "from %s (%s [%s])\n\tby %s (Postfix) with ESMTP id %s;\n\t%s" % (
            "mailbox." + dom, "mailbox." + dom, p, server, postfix_qid(rng), rfc_date(lt))),
                  ("Received", "from %s ([127.0.0.1])\n\tby localhost (%s [127.0.0.1]) (amavisd-new, port 10032)\n"
                               "\twith ESMTP id %s; %s" % (server, server, rand_token(rng, 12), rfc_date(lt)))]
    else:  # "direct": the client talks to the recipient MX itself
        return [], rdns(rng, cip), cip, 0, None
    dkim = (dom, rng.choice(("default", "mail", "s1", "dkim", "x", "selector1", "k1"))) if rng.random() < 0.6 else None
    return fields, server, out_ip, rng.randrange(1, 30), dkim


# ----------------------------------------------------------------------------------------------
# copying a real sender's style: header fields of a real message, re-dated, ids mutated

CONTENT_FIELDS = {"from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references", "mime-version",
                  "content-type", "content-transfer-encoding", "reply-to", "thread-topic", "thread-index",
                  "content-disposition", "mail-followup-to", "mail-reply-to", "bcc"}
CLIENT_FIELDS = {"user-agent", "x-mailer", "content-language", "accept-language", "organization", "organisation",
                 "x-ms-has-attach", "x-ms-tnef-correlator", "x-priority", "importance", "x-mimeole", "openpgp",
                 "autocrypt", "face", "x-face", "x-operating-system", "x-pgp-key", "x-url", "x-clacks-overhead",
                 "x-editor", "x-newsreader", "msip_labels"}
LIST_FIELDS = {"x-spam-status", "x-spam-checker-version", "precedence", "list-id", "x-mailing-list", "list-unsubscribe",
               "list-archive", "list-post", "list-help", "list-subscribe", "x-beenthere", "x-mailman-version",
               "errors-to", "sender", "x-list-received-date", "archived-at", "x-original-to", "delivered-to",
               "return-path", "envelope-to", "return-path", "xref", "newsgroups", "path", "x-virus-scanned",
               "x-spam-level", "x-spam-score", "x-spam-flag", "list-owner", "mailing-list", "x-loop",
               "x-gmane-nntp-posting-host", "x-complaints-to", "nntp-posting-host", "x-trace",
               "x-seq", "x-ml-name", "x-mailman-approved-at", "x-original-sender", "x-original-from", "lines",
               "x-from"}
LIST_HOST_RE = re.compile(r"lfdr\.de|vger\.kernel\.org|monkeyblade\.net|vger\.email|gmane\.org|perex\.cz|theworths\.org|"
                          r"sourceforge\.net|kvack\.org|ozlabs\.org|infradead\.org|freedesktop\.org|lists\.", re.I)


def split_fields(header_bytes):
    text = header_bytes.decode("utf-8", "surrogateescape").replace("\r\n", "\n")
    fields = []
    for line in text.split("\n"):
        if line[:1] in (" ", "\t") and fields:
            fields[-1][1] += "\n" + line
        elif ":" in line:
            n, v = line.split(":", 1)
            fields.append([n, v])
    return fields


def render_fields(fields):
    out = []
    for n, v in fields:
        v = v if v.startswith((" ", "\t", "\n")) or v == "" else " " + v
        out.append("%s:%s\n" % (n, v))
    return "".join(out).encode("utf-8", "surrogateescape")


def is_list_hop(value):
    m = re.search(r"\bby\s+([^\s;()]+)", value)
    host = m.group(1) if m else ""
    if LIST_HOST_RE.search(host):
        return True
    return host == "localhost" and bool(LIST_HOST_RE.search(value)) or "via listexpand" in value


DATE_TOKEN_RE = re.compile(r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                           r"Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[+-]\d{4}|\s+(?:GMT|UTC|UT))?")


def shift_dates(value, delta):
    def rep(m):
        text = m.group(0)
        frac = re.search(r":\d{2}(\.\d+)", text)
        clean = re.sub(r"(:\d{2})\.\d+", r"\1", text)
        clean = re.sub(r"\s+", " ", clean)
        tup = email.utils.parsedate_tz(clean)
        if not tup:
            return text
        off = tup[9] or 0
        ts = email.utils.mktime_tz(tup) + delta
        d = dt.datetime.fromtimestamp(ts, tzinfo(off // 60))
        has_wd = bool(re.match(r"[A-Z][a-z]{2},?\s", text))
        zero = bool(re.search(r"(?:^|\s)0\d\s+[A-Z][a-z]{2}\s", text))
        out = rfc_date(d, zero_pad=zero)
        if not has_wd:
            out = out[5:]
        if frac:
            out = out.replace(":%02d " % d.second, ":%02d%s " % (d.second, frac.group(1)), 1)
        if not re.search(r"[+-]\d{4}", text):
            out = re.sub(r" [+-]\d{4}$", "", out) + re.search(r"\s+(GMT|UTC|UT)$", text).group(0) \
                if re.search(r"\s+(GMT|UTC|UT)$", text) else re.sub(r" [+-]\d{4}$", "", out)
        return out
    value = DATE_TOKEN_RE.sub(rep, value)
    return re.sub(r"\b([tx])=(\d{10})\b", lambda m: "%s=%d" % (m.group(1), int(m.group(2)) + delta), value)


TOKEN_RE = re.compile(r"[A-Za-z0-9+/]{8,}")


EXCHANGE_SERVER_RE = re.compile(r"^[A-Z0-9]{2,5}PR\d{2}MB\d{4}$")


def mutate_token(tok, rng):
    """Same shape: hex stays hex (same case), other tokens keep their first character and character classes."""
    if re.fullmatch(r"[0-9A-F]+", tok) or re.fullmatch(r"[0-9a-f]+", tok):
        hexd = "0123456789ABCDEF" if tok.upper() == tok else "0123456789abcdef"
        return "".join(rng.choice(hexd) for _ in tok)
    return tok[0] + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") if c.islower() else
                            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c.isupper() else
                            rng.choice("0123456789") if c.isdigit() else c for c in tok[1:])


def mutate_value(value, mapping, rng):
    """Replace id-like tokens (>= 8 chars with letters and digits) with same-shape random ones, consistently
    within one message. Host names (letters only) and Exchange Online server names stay."""
    def rep(m):
        tok = m.group(0)
        if not (re.search(r"[0-9]", tok) and re.search(r"[A-Za-z]", tok)) or EXCHANGE_SERVER_RE.match(tok):
            return tok
        if re.match(r"\.[A-Za-z]", value[m.end():m.end() + 2]):   # a host name label (fmsmga008.fm.intel.com)
            return tok
        if tok not in mapping:
            mapping[tok] = mutate_token(tok, rng)
        return mapping[tok]
    return TOKEN_RE.sub(rep, value)


SIG_FIELDS = {"dkim-signature", "x-google-dkim-signature", "arc-seal", "arc-message-signature"}


def resign(value, rng):
    """New random b=/bh= values of the same shape for a copied signature field."""
    def rep(m):
        return m.group(1) + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                                    if ch.isalnum() or ch in "+/" else ch for ch in m.group(2))
    return re.sub(r"(\bbh?=)([A-Za-z0-9+/\s]+)", rep, value)


def copy_transport(fields, delta, rng, mapping):
    out = []
    for n, v in fields:
        v = shift_dates(v, delta)
        if n.lower() in SIG_FIELDS:
            v = resign(v, rng)
        else:
            v = mutate_value(v, mapping, rng)
        out.append([n, v])
    return out


class Template:
    """A real message of a sender used as the style of an injected message from the same real address."""

    def __init__(self, msg):
        self.msg = msg
        self.fields = split_fields(msg.header_bytes)
        self.list_top, self.middle, self.trailer = [], [], []
        hops = [i for i, (n, v) in enumerate(self.fields) if n.lower() == "received" and is_list_hop(v)]
        first_content = next((i for i, (n, _) in enumerate(self.fields) if n.lower() in CONTENT_FIELDS), len(self.fields))
        top_end = hops[-1] + 1 if hops and hops[-1] < first_content else 0
        self.list_top = [list(f) for f in self.fields[:top_end]]
        for n, v in self.fields[top_end:]:
            low = n.lower()
            if (low == "received" and is_list_hop(v)) or low in LIST_FIELDS or low.startswith("list-"):
                self.trailer.append([n, v])
            else:
                self.middle.append([n, v])
        self.outbound = None
        # the sender's outbound host: the "from" clause of the lowest list hop that names one
        for n, v in reversed(self.fields):
            if n.lower() == "received" and is_list_hop(v):
                m = re.match(r"\s*from\s+(\S+)[^\[]*\[(?:IPv6:)?([0-9a-fA-F:.]+)\]", v)
                if m and not LIST_HOST_RE.search(m.group(1)) and m.group(1) != "localhost":
                    self.outbound = (m.group(1), m.group(2))
                    break
        if not self.outbound:
            for n, v in self.middle:
                if n.lower() == "received":
                    m = re.search(r"\bby\s+([A-Za-z0-9.-]+\.[A-Za-z]{2,})", v)
                    if m:
                        self.outbound = (m.group(1), public_ip(random.Random(msg.mid)))
                        break
        self.vger = any(n == "From" and v.startswith("   ") for n, v in self.fields)
        self.dkim = None
        for n, v in self.middle:
            if n.lower() == "dkim-signature":
                d = re.search(r"\bd=([^;\s]+)", v)
                s_ = re.search(r"\bs=([^;\s]+)", v)
                if d and s_:
                    self.dkim = (d.group(1), s_.group(1))
                    break

    def field(self, name):
        for n, v in self.fields:
            if n.lower() == name.lower():
                return v
        return None

    def date_style(self):
        v = self.field("Date") or ""
        return dict(weekday=bool(re.match(r"\s*[A-Z][a-z]{2},", v)), zero=bool(re.search(r",\s+0\d\s", v)),
                    comment=(re.search(r"\(([A-Z]{3,4})\)\s*$", v).group(1) if re.search(r"\(([A-Z]{3,4})\)\s*$", v)
                             else None))

    def body_style(self):
        """(layout, charset, cte, params, boundary) of the template's text."""
        em = self.msg.em
        if em.get_content_type() == "multipart/alternative":
            text = em.get_payload()[0]
            layout, boundary = "alt", em.get_boundary()
        else:
            text, layout, boundary = em, "plain", None
        charset = text.get_content_charset() or "us-ascii"
        cte = str(text.get("Content-Transfer-Encoding", "") or "").strip().lower() or None
        params = ""
        ct = str(text.get("Content-Type", "") or "")
        if re.search(r"format=flowed", ct, re.I):
            params += "; format=flowed"
        if re.search(r"delsp=yes", ct, re.I):
            params += "; delsp=yes"
        return layout, charset, cte, params, boundary


def new_mid_like(rng, template_mid, when, family):
    local, _, dom = template_mid.partition("@")
    if family == "gmail" or dom == "mail.gmail.com":
        return "CA%s@mail.gmail.com" % rand_token(rng, len(local) - 2 if len(local) > 30 else 46,
                                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=_-")
    if re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-", local, re.I):
        return "%s@%s" % (uuid_str(rng, local[:8].isupper()), dom)
    m = re.match(r"^(\d{14})\.(.*)$", local)
    if m:
        rest = m.group(2)
        if re.fullmatch(r"[0-9a-f]+", rest):
            rest = rand_hex(rng, len(rest))
        elif re.fullmatch(r"G[A-Z]\d+", rest):
            rest = "GA" + "".join(rng.choice("0123456789") for _ in rest[2:])
        elif re.fullmatch(r"[a-z0-9]+", rest):
            rest = rand_token(rng, len(rest), "abcdefghijklmnopqrstuvwxyz0123456789")
        else:
            rest = mutate_token(rest, rng) if rest else rest
        return "%s.%s@%s" % (when.strftime("%Y%m%d%H%M%S"), rest, dom)
    if re.fullmatch(r"[A-Z][A-Za-z0-9/+]{15}", local):   # NeoMutt: base64 of the time, then random
        return "%s%s@%s" % (local[:3], rand_b64(rng, 13), dom)
    m = re.match(r"^(\d+)\.(\d+)\.\d{13}\.JavaMail\.(.*)$", local)
    if m:
        return "%d.%d.%d.JavaMail.%s@%s" % (rng.randrange(10 ** (len(m.group(1)) - 1), 10 ** len(m.group(1))),
                                           rng.randrange(10 ** (len(m.group(2)) - 1), 10 ** len(m.group(2))),
                                           int(when.timestamp() * 1000), m.group(3), dom)
    m = re.match(r"^(\d{3,6})\.(\d{10})$", local)
    if m:
        return "%d.%d@%s" % (rng.randrange(1000, 99999), int(when.timestamp()), dom)
    m = re.match(r"^([A-Z0-9]{2,5}PR\d{2}MB\d{4})([0-9A-F]+)$", local)
    if m:
        return "%s%s@%s" % (m.group(1), rand_hex(rng, len(m.group(2)), True), dom)
    out = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") if c.islower() else
                  rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c.isupper() else
                  rng.choice("0123456789") if c.isdigit() else c for c in local)
    for word in ("fsf", "camel", "JavaMail", "zimbra", "Horde", "squirrel"):
        if word in local:
            i = local.index(word)
            out = out[:i] + word + out[i + len(word):]
    return "%s@%s" % (out, dom)


def vger_value(name, value):
    """vger.kernel.org rewrites From/To/Cc/Date: value at column 9, continuation lines indented 8 spaces."""
    pad = " " * max(1, 8 - len(name) - 1)
    return pad + value.replace("\n\t", "\n        ").replace("\n ", "\n        ")


# ----------------------------------------------------------------------------------------------
# body assembly

def build_body(rng, layout, text, html_doc, attachments, charset, cte, params, boundary_fn):
    """Content-Type/-Transfer-Encoding fields and body bytes. layout: plain | html | alt."""
    parts_alt = []
    if layout in ("plain", "alt"):
        cs, enc = pick_text_encoding(text, charset, cte, rng)
        parts_alt.append((text_fields("plain", cs, enc, params), encode_text(text, cs, enc)))
    if layout in ("html", "alt"):
        enc = rng.choice(("quoted-printable", "base64")) if not all(ord(c) < 128 for c in html_doc) else \
            rng.choice(("quoted-printable", "7bit"))
        parts_alt.append((text_fields("html", "utf-8", enc), encode_text(html_doc, "utf-8", enc)))
    if len(parts_alt) == 2:
        b = boundary_fn(rng)
        main = ([("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b)],
                multipart_bytes(b, [part_bytes(f, body) for f, body in parts_alt]))
    else:
        main = parts_alt[0]
    if not attachments:
        return main
    b = boundary_fn(rng)
    parts = [part_bytes(*main)] + [attachment_part(rng, a["file"], a["ctype"], a["data"],
                                                   rng.choice(("rfc2231", "encoded-word"))) for a in attachments]
    return [("Content-Type", 'multipart/mixed;\n\tboundary="%s"' % b)], multipart_bytes(
        b, parts, "This is a multi-part message in MIME format.\n" if rng.random() < 0.4 else "")


def assemble(fields, content_fields, body):
    """fields: ordered [name, value]; the Content-* fields go where 'Content-Type' stands (else at the end)."""
    out = []
    placed = False
    for n, v in fields:
        if n.lower() == "content-type":
            out += [list(f) for f in content_fields]
            placed = True
        elif n.lower() == "content-transfer-encoding":
            continue
        else:
            out.append([n, v])
    if not placed:
        out += [list(f) for f in content_fields]
    return render_fields(out) + b"\n" + body


def html_to_lines(doc):
    return html_to_text(doc).split("\n")


# ----------------------------------------------------------------------------------------------
# the generator

EXT_SPLICES = (("plain-blank-line", 8), ("fab-outlook-de", 5), ("fab-outlook-fr", 5), ("fab-outlook-ja", 5),
               ("fab-spaced-colon", 6), ("original-message", 8), ("on-wrote-unquoted", 8),
               ("quoted-no-attribution", 7), ("truncated-history", 7), ("html-only-div", 6),
               ("multipart-alternative", 6))
EXT_VARIANTS = (("scrambled-unrelated", 20), ("freemail", 14), ("lookalike-typo", 5), ("lookalike-homoglyph", 5),
                ("lookalike-tld", 4), ("lookalike-hyphen", 4), ("name-contains-address", 11),
                ("org-name-unrelated", 7))
ATTACKER_FAMILIES = ("outlook", "roundcube", "horde", "zimbra", "squirrelmail", "iphone", "phpmailer", "script",
                     "thunderbird", "outlook-mac", "foxmail", "apple")
VICTIM_FAMILIES = ("roundcube", "horde", "zimbra", "outlook", "iphone", "squirrelmail", "foxmail", "outlook-mac",
                   "apple")
FREEMAIL_BY_LANG = {"en": ("gmail.com", "outlook.com", "yahoo.com", "icloud.com"), "it": ("libero.it", "virgilio.it",
                                                                                          "hotmail.it"),
                    "pt": ("uol.com.br", "bol.com.br", "gmail.com"), "nl": ("ziggo.nl", "outlook.com"),
                    "pl": ("wp.pl", "o2.pl", "interia.pl"), "ja": ("yahoo.co.jp", "gmail.com"),
                    "sv": ("live.se", "gmail.com"), "de": ("gmx.net", "web.de"), "fr": ("gmail.com", "outlook.com")}
FREEMAIL_CLIENT = {"gmail.com": ("gmail", "gmail"), "outlook.com": ("outlookcom", "outlookcom"),
                   "hotmail.it": ("outlookcom", "outlookcom"), "live.se": ("outlookcom", "outlookcom"),
                   "yahoo.com": ("yahoo", "yahoo"), "icloud.com": ("iphone", "provider"),
                   "libero.it": ("ox", "provider"), "virgilio.it": ("ox", "provider"), "ziggo.nl": ("ox", "provider"),
                   "uol.com.br": ("roundcube", "provider"), "bol.com.br": ("roundcube", "provider"),
                   "wp.pl": ("roundcube", "provider"), "o2.pl": ("roundcube", "provider"),
                   "interia.pl": ("roundcube", "provider"), "yahoo.co.jp": ("script", "provider"),
                   "gmx.net": ("gmx", "provider"), "web.de": ("gmx", "provider")}
ATTACKER_TZ = (60, 120, 0, 180, 330, 420, 480, 540, -180, -300, 300, 600)
HOMOGLYPHS = (("m", "rn"), ("w", "vv"), ("l", "1"), ("o", "0"), ("i", "l"), ("d", "cl"))
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і"}


def deck(rng, pairs, n):
    """n values in the given proportions, shuffled (balanced counts, random order)."""
    total = sum(w for _, w in pairs)
    out = []
    for value, w in pairs:
        out += [value] * max(1, round(n * w / total))
    rng.shuffle(out)
    while len(out) < n:
        out.append(weighted(rng, pairs))
    return out[:n]


def scrambled_local(rng, name):
    letters = [c for c in name.lower() if "a" <= c <= "z"] or list("mailbox")
    form = rng.randrange(3)
    if form == 0:
        pool = letters * 2
        rng.shuffle(pool)
        return "".join(pool[:rng.randrange(9, 14)])
    if form == 1:
        cons, vows = "bcdfghjklmnprstvw", "aeiou"
        return "".join(rng.choice(cons) + rng.choice(vows) for _ in range(rng.randrange(4, 7))) + \
            rng.choice(("", "", str(rng.randrange(10, 99))))
    rng.shuffle(letters)
    return "%s.%s" % (rng.choice("abcdefghijklmnoprstvw"), "".join(letters[:rng.randrange(8, 13)]))


def freemail_local(rng, name):
    parts = [re.sub(r"[^a-z]", "", p.lower()) for p in re.split(r"[\s,.]+", name) if re.sub(r"[^a-z]", "", p.lower())]
    if not parts:
        parts = [syllable_name(rng)]
    first, last = parts[0], parts[-1]
    return rng.choice(("%s.%s%d" % (first, last, rng.randrange(1, 99)), "%s%s" % (first[0], last),
                       "%s_%s.office" % (last, first), "%s%d" % (first + last, rng.randrange(1960, 2005)),
                       "%s.%s" % (last, first[:1])))


def lookalike_domain(rng, dom, kind):
    label, _, tld = dom.partition(".")
    if kind == "lookalike-typo":
        i = rng.randrange(1, max(2, len(label) - 1))
        op = rng.randrange(3)
        if op == 0 and len(label) > 4:
            new = label[:i] + label[i + 1:]
        elif op == 1 and len(label) > 3:
            j = min(i, len(label) - 2)
            new = label[:j] + label[j + 1] + label[j] + label[j + 2:]
        else:
            new = label[:i] + label[i] + label[i:]
        new = new if new != label else label + label[-1]
        return "%s.%s" % (new, tld)
    if kind == "lookalike-homoglyph":
        if rng.random() < 0.35:
            cands = [k for k in range(len(label)) if label[k] in CYRILLIC]
            if cands:
                k = rng.choice(cands)
                uni = label[:k] + CYRILLIC[label[k]] + label[k + 1:]
                return "%s.%s" % (uni.encode("idna").decode(), tld)
        for a, b in rng.sample(HOMOGLYPHS, len(HOMOGLYPHS)):
            if a in label:
                k = label.index(a)
                return "%s.%s" % (label[:k] + b + label[k + 1:], tld)
        return "%s.%s" % (label.replace("o", "0", 1) if "o" in label else label + "s", tld)
    if kind == "lookalike-tld":
        alt = [t for t in ("com", "net", "org", "co", "io", "us", "com.co", "cc", "biz", "info") if t != tld]
        return "%s.%s" % (label, rng.choice(alt))
    if "-" in label:
        return "%s.%s" % (label.replace("-", "", 1), tld)
    return "%s.%s" % (rng.choice(("%s-%s" % (label[:len(label) // 2], label[len(label) // 2:]),
                                  "%s-mail" % label, "mail-%s" % label, "%s-corp" % label, "%s-group" % label)), tld)


def strip_addresses(text, rng):
    """Remove some, never all, addresses from text (Talos T5). With two or more distinct addresses, every
    occurrence of a proper subset goes; with a single address that occurs more than once, its first occurrence
    goes. Returns (text, sorted list of the addresses that lost at least one occurrence)."""
    occurrences = collections.Counter(m.group(0).lower() for m in ADDR_RE.finditer(text))
    found = sorted(occurrences)
    if len(found) >= 2:
        chosen, count = sorted(rng.sample(found, rng.randrange(1, len(found)))), 0
    elif found and occurrences[found[0]] >= 2:
        chosen, count = found, 1
    else:
        return text, []
    for a in chosen:
        esc = re.escape(a)
        for pattern in (r"\s*<(?:mailto:)?%s>" % esc, r"\s*\[mailto:%s\]" % esc, r"\s*\(%s\)" % esc, esc):
            text, n = re.subn(pattern, "", text, count=count, flags=re.I)
            if count and n:
                break
    return text, chosen


def depth(line):
    d = 0
    for c in line:
        if c == ">":
            d += 1
        elif c not in " ":
            break
    return d


def truncate_history(lines, keep):
    """keep=1: only the stolen message's own lines; keep=2: plus its first quote level (attributions of deeper
    levels dropped)."""
    out = []
    for i, line in enumerate(lines):
        d = depth(line)
        if d >= keep:
            continue
        nxt = next((x for x in lines[i + 1:i + 4] if x.strip()), "")
        if line.rstrip().endswith(":") and depth(nxt) > d and depth(nxt) >= keep:
            continue
        out.append(line)
    cleaned = []
    for line in out:
        if not line.strip() and cleaned and not cleaned[-1].strip():
            continue
        cleaned.append(line)
    return cleaned


def clean_lines(text):
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


class HeldOut:
    def __init__(self, root):
        self.rng = random.Random(SEED)
        self.msgs, self.source_stats, self.have_dev = load_real(root)
        self.C = Corpus(self.msgs)
        self.items = []          # synthetic: dict(date, raw, label)
        self.used_ids = {m.mid for m in self.msgs}
        self.busy_threads = set()
        self.group_addrs = {}
        self.real_dates = [m.sort_date for m in self.msgs]

    # -- helpers ---------------------------------------------------------------------------------

    def unique_mid(self, mid):
        bare = mid.strip("<>")
        while bare in self.used_ids:
            local, _, dom = bare.partition("@")
            bare = "%s%d@%s" % (local, self.rng.randrange(10), dom)
        self.used_ids.add(bare)
        return "<%s>" % bare

    def add(self, when, raw, label):
        label = dict(label)
        label["date"] = utc_iso(when)
        self.items.append(dict(date=when.astimezone(UTC), raw=raw, label=label))

    def traffic_date(self, lo, hi):
        """A time between lo and hi in the middle of real traffic (between two real messages at most two days
        apart), or None."""
        gaps = [(a, b) for a, b in zip(self.real_dates, self.real_dates[1:])
                if lo <= a and b <= hi and dt.timedelta(minutes=10) < b - a <= dt.timedelta(days=2)]
        if len(gaps) < 3:
            return None
        a, b = self.rng.choice(gaps)
        return a + (b - a) * self.rng.uniform(0.2, 0.8)

    def thread_key(self, m):
        return self.C.thread_of[m.order]

    def names_of(self, pairs):
        return [self.C.name_of.get(a, n) or a.split("@")[0] for n, a in pairs]

    # -- external thread hijacks -----------------------------------------------------------------

    def external_candidates(self):
        out = []
        for m in self.msgs:
            if m.source not in ("linux-kselftest-2023-03", "notmuch-lkml") or m.date is None or m.is_patch:
                continue
            text = m.text
            if not 300 <= len(text) <= 14000 or sum(1 for x in text.split("\n") if x.startswith(">")) < 3:
                continue
            orgs = [(n, a) for n, a in [(m.from_name, m.from_addr)] + m.to + m.cc
                    if is_org(a) and not is_list_or_role(a)]
            spoof = [(n, a) for n, a in self.C.authors(self.C.thread(m)) if not is_org(a) and person_name_ok(n, a)]
            if orgs and spoof and first_nonempty(clean_lines(text)):
                out.append((m, orgs, spoof))
        return out

    def plan_external(self):
        rng = self.rng
        cands = self.external_candidates()
        rng.shuffle(cands)
        sizes_left = TARGET["external"]
        groups, seen_threads = [], set()
        lkml = [c for c in cands if c[0].source == "notmuch-lkml"]
        ks = [c for c in cands if c[0].source != "notmuch-lkml"]
        # alternate bases whose text carries e-mail addresses (so that stripping them is possible) with others
        rich = [c for c in ks if len(ADDR_RE.findall(c[0].text)) >= 2]
        poor = [c for c in ks if c not in rich]
        ks = [c for pair in zip(rich, poor) for c in pair] + rich[len(poor):] + poor[len(rich):]
        for pool, want in ((lkml, 4), (ks, 999)):
            taken = 0
            for c in pool:
                if sizes_left <= 0 or taken >= want:
                    break
                key = self.thread_key(c[0])
                if key in seen_threads:
                    continue
                seen_threads.add(key)
                size = min(sizes_left, weighted(rng, ((1, 25), (2, 35), (3, 25), (4, 15))))
                groups.append((c, size))
                sizes_left -= size
                taken += 1
        n = sum(s for _, s in groups)
        splices = deck(rng, EXT_SPLICES, n)
        variants = deck(rng, EXT_VARIANTS, n)
        langs = deck(rng, LURE_LANG_WEIGHTS, n)
        k = 0
        for gi, ((m, orgs, spoof), size) in enumerate(groups):
            group = "rg-ho-%03d" % (gi + 1)
            auth_text, stripped = (m.text, []) if rng.random() < 0.2 else strip_addresses(m.text, rng)
            first = m.date + dt.timedelta(days=rng.uniform(90, 1000 - 32 * (size - 1)))
            if m.source == "notmuch-lkml":
                inside = self.traffic_date(m.date + dt.timedelta(days=90), m.date + dt.timedelta(days=1000 - 32 * size))
                first = inside or first
            when = first
            main_spoof = rng.choice(spoof)
            for w in range(size):
                if w:
                    nxt = self.traffic_date(when + dt.timedelta(days=2), when + dt.timedelta(days=30)) \
                        if m.source == "notmuch-lkml" else None
                    when = nxt or when + dt.timedelta(days=rng.uniform(2, 30), seconds=rng.randrange(86400))
                who = main_spoof if rng.random() < 0.75 else rng.choice(spoof)
                self.make_external(m, orgs, spoof, who, group, w, when, auth_text, stripped,
                                   splices[k], variants[k], langs[k])
                k += 1

    def make_external(self, m, orgs, spoof, who, group, wave, when, auth_text, stripped, splice, variant, lang):
        rng = self.rng
        tz = rng.choice(ATTACKER_TZ)
        lt = local_time(when, tz)
        name, real = who
        name = self.C.name_of.get(real, name)
        spoofed_role = "external-participant"
        rcpts = [(self.C.name_of.get(a, n), a) for n, a in orgs if a != real]
        if variant == "org-name-unrelated":
            org_people = [p for p in self.C.org_people(self.C.thread(m)) if person_name_ok(*p)]
            other = [p for p in org_people if p[1] != rcpts[0][1]] or org_people or rcpts
            name, real = rng.choice(other)
            name = self.C.name_of.get(real, name) or name
            spoofed_role = "org-participant"
            rcpts = [p for p in rcpts if p[1] != real] or rcpts
        def lookalike_ok(a):
            return not (dom_of(a) in FREEMAIL or is_org(a) or "gmane" in a or dom_of(a).count(".") > 2)
        if variant.startswith("lookalike") and not lookalike_ok(real):
            other = [p for p in spoof if lookalike_ok(p[1])]
            if other:
                name, real = rng.choice(other)
                name = self.C.name_of.get(real, name)
            else:
                variant = "scrambled-unrelated"
        real_dom = dom_of(real)
        if variant == "freemail":
            fdom = rng.choice([d for d in FREEMAIL_BY_LANG[lang] if d != real_dom])
            addr = "%s@%s" % (freemail_local(rng, name), fdom)
            family, hop_kind = FREEMAIL_CLIENT[fdom]
        else:
            if variant.startswith("lookalike"):
                adom = lookalike_domain(rng, real_dom, variant)
                addr = "%s@%s" % (real.split("@")[0], adom)
            elif variant == "org-name-unrelated" and rng.random() < 0.4:
                fdom = rng.choice(FREEMAIL_BY_LANG[lang])
                addr = "%s@%s" % (freemail_local(rng, name), fdom)
            else:
                addr = "%s@%s" % (scrambled_local(rng, name), syllable_domain(rng))
            family = rng.choice(ATTACKER_FAMILIES)
            hop_kind = {"zimbra": "zimbra", "outlook": rng.choice(("exchange", "postfix", "exim")),
                        "phpmailer": rng.choice(("exim", "direct", "hmail")),
                        "script": rng.choice(("direct", "exim", "postfix"))}.get(
                family, rng.choice(("postfix", "exim", "hmail", "postfix")))
            if dom_of(addr) in FREEMAIL_CLIENT:
                family, hop_kind = FREEMAIL_CLIENT[dom_of(addr)]
        used = self.group_addrs.setdefault(group, set())
        while addr in used:   # every wave of a group comes from another address
            local, _, adom = addr.partition("@")
            addr = "%s%s@%s" % (local, rng.choice((".", "_", "")) + str(rng.randrange(1, 99)), adom)
        used.add(addr)
        display = name
        if variant == "name-contains-address":
            display = rng.choice(("%s <%s>" % (name, real), real, "%s (%s)" % (name, real), "%s [%s]" % (name, real)))
        client_ip = public_ip(rng)
        client = NewClient(family, rng, addr, lt, lang, client_ip)
        # body
        lure, action = make_lure(rng, lang, "link" if rng.random() < 0.55 else "attachment", lt,
                                 signer=name if rng.random() < 0.5 else None)
        mdate = local_time(m.date, tz)
        to_names = self.names_of([(m.from_name, m.from_addr)] if m.from_addr != real else m.to[:1])
        recip_names = self.names_of([p for p in m.to if not is_list_or_role(p[1])][:5])
        cc_names = self.names_of([p for p in m.cc if not is_list_or_role(p[1])][:6])
        from_name = self.C.name_of.get(m.from_addr, m.from_name) or m.from_addr.split("@")[0]
        auth_lines = clean_lines(auth_text)
        detail = None
        html_doc = None
        layout = "plain"
        lure_lines = lure.split("\n")
        if splice == "plain-blank-line":
            text_lines = lure_lines + [""] + auth_lines
            afl = first_nonempty(auth_lines)
        elif splice.startswith("fab-outlook-"):
            blang = splice.rsplit("-", 1)[1]
            block = fabricated_block(blang, mdate, from_name, recip_names or to_names, cc_names, m.subject)
            lead = ["________________________________"] if rng.random() < 0.5 else []
            text_lines = lure_lines + [""] + lead + block + [""] + auth_lines
            afl = first_nonempty(auth_lines)
            detail = "labels-%s%s" % (blang, "+underscore" if lead else "")
        elif splice == "fab-spaced-colon":
            block = fabricated_block("en", mdate, from_name, recip_names or to_names, cc_names, m.subject, spaced=True)
            text_lines = lure_lines + [""] + block + [""] + auth_lines
            afl = first_nonempty(auth_lines)
        elif splice == "original-message":
            olang = lang if rng.random() < 0.7 else "en"
            block = fabricated_block(olang, mdate, from_name, recip_names or to_names, cc_names, m.subject)
            text_lines = lure_lines + ["", ORIGINAL_SEP[olang]] + block + [""] + auth_lines
            afl = first_nonempty(auth_lines)
            detail = "labels-%s" % olang
        elif splice == "on-wrote-unquoted":
            alang = lang if rng.random() < 0.7 else "en"
            text_lines = lure_lines + ["", on_wrote(mdate, from_name, alang), ""] + auth_lines
            afl = first_nonempty(auth_lines)
            detail = "attribution-%s" % alang
        elif splice == "quoted-no-attribution":
            q = quote_lines(auth_lines)
            text_lines = lure_lines + [""] + q
            afl = first_nonempty(q)
        elif splice == "truncated-history":
            keep = rng.choice((1, 2))
            short = truncate_history(auth_lines, keep)
            if len([x for x in short if x.strip()]) < 3:
                keep, short = 2, truncate_history(auth_lines, 2)
            sep = rng.choice(("blank", "on-wrote", "original-message"))
            if sep == "blank":
                mid = [""]
            elif sep == "on-wrote":
                mid = ["", on_wrote(mdate, from_name, lang), ""]
            else:
                mid = ["", ORIGINAL_SEP[lang]] + fabricated_block(lang, mdate, from_name, recip_names or to_names,
                                                                  [], m.subject) + [""]
            short = clean_lines("\n".join(short))
            text_lines = lure_lines + mid + short
            afl = first_nonempty(short)
            detail = "keep-%d+%s" % (keep, sep)
        elif splice == "html-only-div":
            blang = rng.choice(("en", lang, "de", "fr", "ja"))
            block = fabricated_block(blang if blang in BLOCK_LABELS else "en", mdate, from_name,
                                     recip_names or to_names, cc_names, m.subject)
            html_doc = self.html_splice(rng, lure_lines, block, auth_lines, action, lang)
            layout, text_lines = "html", None
            afl = first_nonempty(html_to_lines(self.html_auth_only(auth_lines)))
            detail = "labels-%s" % blang
        else:  # multipart-alternative: Outlook's plain rendering of an HTML reply plus the HTML
            block = fabricated_block("en", mdate, from_name, recip_names or to_names, cc_names, m.subject)
            text_lines = lure_lines + ["", "________________________________"] + block + [""] + auth_lines
            html_doc = self.html_splice(rng, lure_lines, block, auth_lines, action, lang)
            layout = "alt"
            afl = first_nonempty(auth_lines)
        text = "\n".join(text_lines) + "\n" if text_lines is not None else None
        attachments = [action] if action["kind"] == "attachment" else []
        content, body = build_body(rng, layout, text, html_doc, attachments, client.charset, client.cte,
                                   client.params, client.boundary_fn)
        # headers
        irt_variant = weighted(rng, (("absent", 45), ("m-id", 30), ("m-refs", 25)))
        prefix = rng.choice(REPLY_PREFIX[lang]) if rng.random() < 0.8 else "RE: "
        subject = prefix + m.subject
        to = rcpts[:rng.choice((1, 1, 2, 3))]
        cc = [(self.C.name_of.get(a, n), a) for n, a in m.cc + m.to
              if a not in (real,) and not is_org(a) and not is_list_or_role(a)][:rng.choice((0, 0, 1, 2))]
        values = {"From": fmt_addr(display, addr), "To": wrap_header("To", ", ".join(fmt_addr(n, a) for n, a in to))[4:],
                  "Subject": encode_subject(subject, rng), "Date": rfc_date(lt, zero_pad=rng.random() < 0.3),
                  "MIME-Version": "1.0", "Content-Type": "x"}
        if cc:
            values["Cc"] = ", ".join(fmt_addr(n, a) for n, a in cc)
        if irt_variant != "absent":
            values["In-Reply-To"] = "<%s>" % m.mid
            refs = (m.refs + [m.mid]) if irt_variant == "m-refs" else [m.mid]
            values["References"] = "\n ".join("<%s>" % r for r in refs[-12:])
        mid = self.unique_mid(client.mid)
        values["Message-ID"] = mid
        if attachments or layout != "plain":
            client.fields = [f for f in client.fields if f[0] != "Content-Disposition"]
        fields = client.header_fields(rng, values, when)
        hops, out_host, out_ip, lag, dkim_sel = submission_hops(rng, hop_kind, addr, when, client_ip, to[0][1])
        if dkim_sel:
            fields.insert(0, ("DKIM-Signature", dkim_signature(rng, dkim_sel[0], dkim_sel[1], when)))
        org = org_domain_of(to[0][1])
        t_recv = when + dt.timedelta(seconds=lag + rng.randrange(1, 90))
        spf = weighted(rng, (("pass", 70), ("softfail", 10), ("neutral", 8), ("none", 6), ("fail", 6)))
        dk = None
        if dkim_sel:
            dk = (dkim_sel[0], dkim_sel[1], "pass" if rng.random() < 0.85 else "fail")
        aligned = spf == "pass" or (dk and dk[2] == "pass" and dom_of(addr).endswith(dk[0]))
        dmarc = ("pass" if rng.random() < 0.6 else "none") if aligned else ("none" if rng.random() < 0.6 else "fail")
        if hop_kind in ("gmail", "outlookcom", "yahoo"):
            spf, dmarc = "pass", "pass"
            dk = (dkim_sel[0], dkim_sel[1], "pass")
        auth = dict(spf=spf, dkim=dk, dmarc=dmarc, hdr_dom=dom_of(addr))
        top = org_delivery(rng, org, to[0][1], addr, out_host, out_ip, t_recv, auth)
        raw = assemble(top + hops + fields, content, body)
        label = self.base_label("external-thread-hijack", mid, m.mid)
        label.update(reuse_group=group, spoofed_participant={"name": name, "real_address": real},
                     sender_variant=variant, splice_style=splice, authentic_first_line=afl,
                     stripped_addresses=stripped, lure_language=lang, wave=wave, delivery=action["kind"],
                     via="direct", in_reply_to_variant=irt_variant,
                     auth="spf=%s dkim=%s dmarc=%s" % (spf, dk[2] if dk else "none", dmarc), splice_detail=detail,
                     attacker_address=addr, spoofed_role=spoofed_role, client_family=family,
                     mime_layout=layout + ("+attachment" if attachments else ""))
        self.add(when, raw, label)

    def html_auth_only(self, auth_lines):
        return "<div>%s</div>" % "<br>\n".join(html.escape(x) for x in auth_lines)

    def html_splice(self, rng, lure_lines, block, auth_lines, action, lang):
        """Outlook-like HTML: lure paragraphs, a fabricated header block, the authentic text in a <div>."""
        paras = []
        for line in lure_lines:
            esc = html.escape(line)
            if action.get("url") and action["url"] in line:
                shown = html.escape(action["url"]) if rng.random() < 0.5 else html.escape(
                    file_name(rng, lang, rng.choice(("pdf", "docx", "xlsx")), dt.datetime(2024, 1, 1)))
                esc = esc.replace(html.escape(action["url"]), '<a href="%s">%s</a>' % (html.escape(action["url"]), shown))
            paras.append('<p class="MsoNormal">%s<o:p></o:p></p>' % (esc or "&nbsp;"))
        if rng.random() < 0.5:
            hdr = ('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
                   '<p class="MsoNormal">%s<o:p></o:p></p>\n</div>' % "<br>\n".join(
                       "<b>%s</b> %s" % (html.escape(x.split(" ", 1)[0]), html.escape(x.split(" ", 1)[1]) if " " in x else "")
                       for x in block))
        else:
            hdr = ('<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%%" tabindex="-1">\n'
                   '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" '
                   'color="#000000">%s</font>\n<div>&nbsp;</div>\n</div>' % "<br>\n".join(
                       "<b>%s</b> %s" % (html.escape(x.split(" ", 1)[0]), html.escape(x.split(" ", 1)[1]) if " " in x else "")
                       for x in block))
        return ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">\n'
                '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<meta name="Generator" '
                'content="Microsoft Word 15 (filtered medium)">\n<style><!--p.MsoNormal{margin:0cm;font-size:11.0pt;'
                'font-family:"Calibri",sans-serif;}--></style>\n</head>\n<body lang="EN-US" link="#0563C1" '
                'vlink="#954F72" style="word-wrap:break-word">\n<div class="WordSection1">\n%s\n'
                '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n%s\n%s\n</div>\n</body>\n</html>\n'
                % ("\n".join(paras), hdr, self.html_auth_only(auth_lines)))

    def base_label(self, kind, mid, base):
        return dict(index=None, message_id=mid.strip("<>"), label=kind, base_message_id=base, reuse_group=None,
                    spoofed_participant=None, sender_variant=None, splice_style=None, authentic_first_line=None,
                    stripped_addresses=[], lure_language=None, campaign_group=None, wave=None, delivery=None,
                    via=None, in_reply_to_variant=None, auth=None, splice_detail=None, attacker_address=None,
                    spoofed_role=None, compromised_account=None, client_family=None, real_client_families=None,
                    mime_layout=None, gap_days=None, source="synthetic")

    # -- shared by replies from real addresses ----------------------------------------------------

    def reply_recipients(self, parent, sender):
        to = [(self.C.name_of.get(parent.from_addr, parent.from_name), parent.from_addr)]
        cc = [(n or self.C.name_of.get(a, ""), a) for n, a in parent.to + parent.cc
              if a not in (sender, parent.from_addr)]
        seen, out_cc = set(), []
        for p in cc:
            if p[1] not in seen:
                seen.add(p[1])
                out_cc.append(p)
        return to, out_cc

    def org_rcpt(self, to, cc, sender):
        """An organisation address among the recipients (preferably of another org than the sender)."""
        cands = [a for _, a in to + cc if is_org(a) and not is_list_or_role(a) and a != sender]
        other = [a for a in cands if org_domain_of(a) != org_domain_of(sender)]
        return (other or cands or [None])[0]

    def quoted_body(self, family, parent, when_local, to, cc):
        """Attribution/header block and the parent's text as the given client quotes it."""
        plines = clean_lines(parent.text)
        pdate = local_time(parent.date, tz_minutes(when_local))
        pto = [(self.C.name_of.get(a, n), a) for n, a in parent.to]
        pcc = [(self.C.name_of.get(a, n), a) for n, a in parent.cc]
        attr, quoted, style = proper_attribution(family, pdate, self.C.name_of.get(parent.from_addr, parent.from_name),
                                                 parent.from_addr, pto, pcc, parent.subject)
        old = quote_lines(plines) if quoted else plines
        return attr, old, style, plines

    def template_fields(self, T, mode, values, when, rng, top=None, drift=False, ti=None, rcpt=None):
        """Header fields of an injected message in T's client style (T = a real message of the same sender)."""
        delta = int((when - T.msg.date).total_seconds())
        mapping = {}
        out = [list(f) for f in top or []]
        if mode == "list":
            out += copy_transport(T.list_top, delta, rng, mapping)
        pending = dict(values)
        middle = []
        last_received = None
        for n, v in T.middle:
            low = n.lower()
            if low in CONTENT_FIELDS:
                key = next((k for k in pending if k.lower() == low), None)
                if key is not None:
                    middle.append([n, pending.pop(key)])
                elif low == "thread-topic":
                    middle.append([n, " " + strip_reply_prefix(values.get("Subject", ""))])
                elif low == "thread-index" and ti:
                    middle.append([n, " " + ti])
                elif low in ("reply-to", "mail-followup-to", "mail-reply-to"):
                    continue
                continue
            if low in CLIENT_FIELDS:
                middle.append([n, v])
                continue
            copied = copy_transport([[n, v]], delta, rng, mapping)[0]
            if low == "received":
                last_received = len(middle)
                if rcpt:  # a direct copy names its recipient, not the list
                    copied[1] = re.sub(r"for <([^<>]+)>", lambda x: "for <%s>" % rcpt if is_list_or_role(
                        x.group(1).lower()) else x.group(0), copied[1])
            middle.append(copied)
        if drift and last_received is not None:
            v = middle[last_received][1]
            ips = [ip for ip in re.findall(r"\b(\d{1,3}(?:\.\d{1,3}){3})\b", v)
                   if not ip.startswith(("10.", "127.", "192.168.", "172."))]
            for ip in ips[:1]:
                middle[last_received][1] = v.replace(ip, public_ip(rng))
        # fields T lacked go just before Content-Type
        extra = [[k, v] for k, v in pending.items() if k.lower() not in ("content-type",)]
        idx = next((i for i, (n, _) in enumerate(middle) if n.lower() == "content-type"), len(middle))
        middle[idx:idx] = extra
        if not any(n.lower() == "content-type" for n, _ in middle):
            middle.append(["Content-Type", "x"])
        out += middle
        if mode == "list":
            out += [list(f) for f in T.trailer]
        return out

    def address_values(self, T, mode, from_value, to, cc, subject, date_value, mid, irt, refs, rng):
        """Content header values for a template-style message (vger column formatting when via the list)."""
        def fmt(name, value):
            if mode == "list" and T.vger and name in ("From", "To", "Cc", "Date"):
                return vger_value(name, value)
            return " " + value
        values = {"From": fmt("From", from_value), "To": fmt("To", wrap_header("To", ", ".join(
            fmt_addr(n, a) for n, a in to))[4:]), "Subject": " " + encode_subject(subject, rng),
            "Date": fmt("Date", date_value), "Message-ID": " " + mid, "MIME-Version": " 1.0", "Content-Type": " x"}
        if cc:
            values["Cc"] = fmt("Cc", wrap_header("Cc", ", ".join(fmt_addr(n, a) for n, a in cc))[4:])
        if irt:
            values["In-Reply-To"] = " <%s>" % irt
        if refs:
            values["References"] = " " + "\n ".join("<%s>" % r for r in refs[-15:])
        return values

    def template_date(self, T, when):
        st = T.date_style()
        d = local_time(when, tz_minutes(T.msg.date))
        s = rfc_date(d, zero_pad=st["zero"], comment=st["comment"])
        return s if st["weekday"] else s[5:]

    def template_from(self, T, mode):
        v = T.field("From") or ""
        v = re.sub(r"\s*\n\s*", " ", v).strip()
        return v

    def thread_ti(self, parent, when, rng, modern):
        ti = parent.em.get("Thread-Index")
        if ti:
            try:
                raw = base64.b64decode(str(ti).strip())
                if len(raw) >= 22 and (len(raw) - 22) % 5 == 0:
                    return b64(thread_index_child(rng, raw, when))
            except Exception:
                pass
        return b64(thread_index_new(rng, when, modern))

    def body_from_template(self, T, rng, new_lines, attr, old, style_family, cite_mid, attachments=()):
        layout, charset, cte, params, _ = T.body_style()
        while new_lines and not new_lines[-1].strip():
            new_lines = new_lines[:-1]
        text = "\n".join(new_lines + ([""] if new_lines else []) + attr + old) + "\n"
        html_doc = None
        if layout == "alt":
            hstyle = {"gmail": "gmail", "thunderbird": "thunderbird", "outlook": "word", "apple": "apple"}.get(
                style_family, "webmail")
            plain_old = [x[2:] if x.startswith("> ") else x[1:] if x.startswith(">") else x for x in old]
            html_doc = html_document(hstyle, new_lines, [a for a in attr if a], plain_old, "blockquote", cite_mid)
        bstyle = {"gmail": "gmail", "thunderbird": "thunderbird", "outlook": "outlook", "apple": "apple"}.get(
            style_family, "generic")
        return build_body(rng, layout, text, html_doc, list(attachments), charset, cte or "7bit", params,
                          BOUNDARY_STYLES[bstyle])

    # -- victim thread hijacks ------------------------------------------------------------------

    def victim_candidates(self):
        """(sender, parent) pairs: the parent is the newest real message of a kselftest/lkml thread."""
        out = []
        for key, thread in self.C.threads.items():
            real = [m for m in thread if m.date is not None]
            if len(real) < 2 or real[0].source not in ("linux-kselftest-2023-03", "notmuch-lkml"):
                continue
            parent = max(real, key=lambda m: m.date)
            if len(parent.text) > 20000 or not first_nonempty(clean_lines(parent.text)) or \
                    is_list_or_role(parent.from_addr) or parent.family == "bot":
                continue
            for n, a in self.C.authors(thread):
                if a == parent.from_addr or not person_name_ok(n, a) or "gmane" in a:
                    continue
                fams = self.C.families.get(a, [])
                if fams and set(fams) & set(VICTIM_FAMILIES) != set(VICTIM_FAMILIES):
                    out.append((a, parent, key))
        return out

    def plan_victims(self):
        rng = self.rng
        cands = self.victim_candidates()
        by_sender = collections.defaultdict(list)
        for a, p, key in cands:
            by_sender[a].append((p, key))
        bursts = []
        for a in sorted(by_sender):
            items = sorted(by_sender[a], key=lambda t: t[0].date)
            for i in range(len(items) - 2):
                trio = items[i:i + 3]
                span = (trio[2][0].date - trio[0][0].date).total_seconds() / 3600
                if span <= 55 and len({k for _, k in trio}) == 3 and trio[0][0].source == "linux-kselftest-2023-03":
                    bursts.append((a, trio))
                    break
        rng.shuffle(bursts)
        n_left = TARGET["victim"]
        used_senders = set()
        gi = 0
        for a, trio in bursts:
            if gi >= 3 or n_left < 3 or any(k in self.busy_threads for _, k in trio):
                continue
            gi += 1
            used_senders.add(a)
            latest = max(p.date for p, _ in trio)
            earliest = min(p.date for p, _ in trio)
            start = latest + dt.timedelta(hours=rng.uniform(1, 59 - (latest - earliest).total_seconds() / 3600))
            lang = weighted(rng, VICTIM_LANG_WEIGHTS)
            lure_seed = rng.randrange(1 << 30)
            family = None
            for j, (p, key) in enumerate(trio):
                self.busy_threads.add(key)
                when = start + dt.timedelta(minutes=rng.uniform(0, 50) if j else 0)
                family = self.make_victim(a, p, when, lang, campaign="vc-ho-%02d" % gi, lure_seed=lure_seed,
                                          family=family)
                n_left -= 1
        singles = [c for c in cands if c[0] not in used_senders]
        rng.shuffle(singles)
        # alternate candidates that can be delivered through an organisation MX with list-only ones
        direct = [c for c in singles if self.org_rcpt(*self.reply_recipients(c[1], c[0]), c[0])]
        listed = [c for c in singles if c not in direct]
        singles = [c for pair in zip(direct, listed) for c in pair] + direct[len(listed):] + listed[len(direct):]
        lkml_done = 0
        for a, p, key in singles:
            if n_left <= 0:
                break
            if key in self.busy_threads or a in used_senders:
                continue
            if p.source == "notmuch-lkml":
                if lkml_done >= 2:
                    continue
                lkml_done += 1
            when = p.date + dt.timedelta(hours=rng.uniform(1, 60))
            if self.make_victim(a, p, when, weighted(rng, VICTIM_LANG_WEIGHTS)) is None:
                if p.source == "notmuch-lkml":
                    lkml_done -= 1
                continue
            self.busy_threads.add(key)
            used_senders.add(a)
            n_left -= 1

    def make_victim(self, addr, parent, when, lang, campaign=None, lure_seed=None, family=None):
        rng = self.rng
        name = self.C.name_of.get(addr, "")
        real_fams = self.C.families.get(addr, [])
        if family is None:
            family = rng.choice([f for f in VICTIM_FAMILIES if f not in real_fams and
                                 not (f.startswith("outlook") and "outlook" in real_fams)])
        T = Template(max(self.C.sent[addr], key=lambda m: (m.date is not None, m.date or parent.date, m.order)))
        tz = tz_minutes(T.msg.date) if rng.random() < 0.5 else rng.choice(ATTACKER_TZ)
        lt = local_time(when, tz)
        to, cc = self.reply_recipients(parent, addr)
        rcpt = self.org_rcpt(to, cc, addr)
        via = "direct" if rcpt and (campaign is None or rng.random() < 0.5) else "list"
        if via == "list" and parent.source != "linux-kselftest-2023-03":
            return None
        lrng = random.Random(lure_seed) if lure_seed is not None else rng
        delivery = "link" if lrng.random() < 0.6 else "attachment"
        if family == "squirrelmail":
            delivery = "attachment"   # plain text only: the attachment is what changes its MIME layout
        lure, action = make_lure(lrng, lang, delivery, lt)
        attr, old, style, plines = self.quoted_body(family, parent, lt, to, cc)
        client_ip = public_ip(rng)
        client = NewClient(family, rng, addr, lt, lang, client_ip)
        if family != "squirrelmail":
            client.layout = "alt"     # the sender's real list mail is text/plain; the new client sends HTML too
        new_lines = lure.split("\n")
        text = "\n".join(new_lines + [""] + attr + old) + "\n"
        html_doc = None
        if client.layout == "alt":
            html_doc = html_document(client.html_style, new_lines, [a for a in attr if a], plines,
                                     "blockquote" if style != "proper-outlook-block" else "div", parent.mid, lang)
        attachments = [action] if action["kind"] == "attachment" else []
        content, body = build_body(rng, client.layout, text, html_doc, attachments, client.charset, client.cte,
                                   client.params, client.boundary_fn)
        afl = first_nonempty(old)
        mid = self.unique_mid(client.mid)
        subject = reply_subject(parent.subject, outlook=family.startswith("outlook"))
        refs = (parent.refs + [parent.mid])[-15:]
        values = {"From": fmt_addr(name, addr), "To": wrap_header("To", ", ".join(fmt_addr(n, a) for n, a in to))[4:],
                  "Subject": encode_subject(subject, rng), "Date": rfc_date(lt, zero_pad=rng.random() < 0.3),
                  "In-Reply-To": "<%s>" % parent.mid, "References": "\n ".join("<%s>" % r for r in refs),
                  "MIME-Version": "1.0", "Content-Type": "x", "Message-ID": mid}
        if cc:
            values["Cc"] = wrap_header("Cc", ", ".join(fmt_addr(n, a) for n, a in cc))[4:]
        ti_parent = None
        if client.thread_index:
            pti = parent.em.get("Thread-Index")
            try:
                raw_ti = base64.b64decode(str(pti).strip()) if pti else None
                ti_parent = raw_ti if raw_ti and len(raw_ti) >= 22 and (len(raw_ti) - 22) % 5 == 0 else None
            except Exception:
                ti_parent = None
        if attachments or client.layout != "plain":
            client.fields = [f for f in client.fields if f[0] != "Content-Disposition"]
        fields = client.header_fields(rng, values, when, ti_parent)
        out_host, out_ip = T.outbound or ("smtp." + dom_of(addr), public_ip(rng))
        sub = self.victim_submission(rng, addr, when, client_ip, out_host, rcpt or addr)
        dkim = []
        if T.dkim:
            dkim = [("DKIM-Signature", dkim_signature(rng, T.dkim[0], T.dkim[1], when))]
        t_out = when + dt.timedelta(seconds=rng.randrange(2, 40))
        if via == "list":
            delta = int((t_out - T.msg.date).total_seconds())
            top = copy_transport(T.list_top, delta, rng, {})
            fields = [[n, vger_value(n, v) if T.vger and n in ("From", "To", "Cc", "Date") else v]
                      for n, v in fields]
            all_fields = top + [list(f) for f in sub + dkim] + fields + [list(f) for f in T.trailer]
        else:
            auth = dict(spf="pass", dkim=(T.dkim[0], T.dkim[1], "pass") if T.dkim else None,
                        dmarc="pass" if T.dkim or dom_of(addr) in FREEMAIL or is_org(addr) else "none",
                        hdr_dom=dom_of(addr))
            top = org_delivery(rng, org_domain_of(rcpt), rcpt, addr, out_host, out_ip,
                               t_out + dt.timedelta(seconds=rng.randrange(1, 30)), auth)
            all_fields = [list(f) for f in top + sub + dkim] + [list(f) for f in fields]
        raw = assemble(all_fields, content, body)
        label = self.base_label("victim-thread-hijack", mid, parent.mid)
        label.update(sender_variant="compromised-real-account-%s" % ("org" if is_org(addr) else "partner"),
                     splice_style=style, authentic_first_line=afl, lure_language=lang, campaign_group=campaign,
                     delivery=action["kind"], via=via, in_reply_to_variant="correct",
                     compromised_account={"name": name, "address": addr}, client_family=family,
                     real_client_families=real_fams, mime_layout=client.layout + ("+attachment" if attachments else ""),
                     gap_days=round((when - parent.date).total_seconds() / 86400, 2))
        self.add(when, raw, label)
        return family

    def victim_submission(self, rng, addr, when, client_ip, out_host, rcpt):
        helo = rng.choice(("[%s]" % private_ip(rng), "[%s]" % client_ip, "DESKTOP-%s" % rand_token(
            rng, 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")))
        t1 = when + dt.timedelta(seconds=rng.randrange(1, 15))
        if dom_of(addr) in ("gmail.com", "googlemail.com") or out_host.endswith("google.com"):
            return [("Received", "from %s (%s. [%s])\n        by smtp.gmail.com with ESMTPSA id %s-%s.%d\n"
                                 "        (%s);\n        %s" % (
                                     helo, rdns(rng, client_ip), client_ip, rand_token(rng, 6, "abcdefghijklmnopqrstuvwxyz0123456789"),
                                     rand_hex(rng, 28), rng.randrange(1, 9), tls_params(when, "gmail"),
                                     rfc_date(local_time(t1, -420 if 3 <= t1.month <= 10 else -480),
                                              comment="PDT" if 3 <= t1.month <= 10 else "PST")))]
        return [("Received", "from %s (%s [%s])\n\t(Authenticated sender: %s)\n\tby %s with ESMTPSA id %s;\n\t%s" % (
            helo, rdns(rng, client_ip), client_ip, addr, out_host, postfix_qid(rng), rfc_date(t1.astimezone(UTC))))]

    # -- hard negatives: real participants, their own client style --------------------------------

    PINGS = ("Any news on this one? I could not find it in linux-next.",
             "Gentle ping: is this still being worked on, or was it superseded by another series?",
             "Sorry for reviving an old thread. I ran into the same problem again on a newer kernel; did a fix for "
             "this ever land?",
             "Coming back to this after a long time: is there a v2 somewhere that I missed?",
             "Hi, just checking whether this was picked up in the end. The test still fails for us without it.",
             "Was this ever merged? I am cleaning up our backlog and want to drop our local copy of the patch.")
    ATTACH_NOTES = ("Please see attached: the PDF has the test results from our CI for both kernels.",
                    "Please see the attached report, the first failing run is on page 2.",
                    "Attached is the summary of the bisect; the full logs are too big for the list.",
                    "Please see attached. I put the numbers for the three configurations side by side.",
                    "Here are the results you asked for, please see the attached PDF.")
    TRIMMED_REPLIES = ("Thanks, this fixes it for me.\n\nTested-by: {name} <{addr}>",
                       "Looks good to me.\n\nReviewed-by: {name} <{addr}>",
                       "Agreed, that is the simpler option. I will send a v2 with that change.",
                       "Makes sense, thanks for the explanation.",
                       "Acked-by: {name} <{addr}>",
                       "Yes, that was the intent. I will add a comment to make it clearer.")
    FORWARD_NOTES = ("FYI, see below. This may affect our test setup.", "Could you have a look at this one?",
                     "Forwarding for visibility, see the thread below.", "Adding you since this touches your area.",
                     "See below; can we discuss this in tomorrow's sync?")
    PDF_NAMES = ("ci-results-{d}.pdf", "kselftest-summary-{d}.pdf", "bisect-report.pdf", "perf-comparison-{d}.pdf",
                 "test-matrix.pdf")

    def benign_pairs(self, need_org_sender=False):
        """(sender, template, parent, thread key) with the sender a real author of the thread."""
        out = []
        for key, thread in self.C.threads.items():
            if key in self.busy_threads:
                continue
            real = [m for m in thread if m.date is not None]
            if len(real) < 2 or real[0].source not in ("linux-kselftest-2023-03", "notmuch-lkml"):
                continue
            for n, a in self.C.authors(thread):
                if not person_name_ok(n, a) or "gmane" in a or (need_org_sender and not is_org(a)):
                    continue
                temps = self.C.templates(a)
                if not temps:
                    continue
                parents = [m for m in real if m.from_addr != a and len(m.text) < 20000 and
                           first_nonempty(clean_lines(m.text)) and not is_list_or_role(m.from_addr) and
                           m.family != "bot"]
                if parents:
                    out.append((a, temps, parents, key))
        return out

    def plan_benign(self):
        rng = self.rng
        pairs = self.benign_pairs()
        rng.shuffle(pairs)
        plan = (["benign-revival"] * TARGET["benign-revival"] + ["benign-attachment-reply"] *
                TARGET["benign-attachment-reply"] + ["benign-trimmed-reply"] * TARGET["benign-trimmed-reply"])
        rng.shuffle(plan)
        old_revivals = 0   # revivals of 2010 threads land in the middle of the lkml traffic (at most 3)
        for kind in plan:
            want_old = kind == "benign-revival" and old_revivals < 3
            order = sorted(range(len(pairs)), key=lambda i: not (want_old and pairs[i][2][0].source == "notmuch-lkml"))
            for i in order:
                a, temps, parents, key = pairs[i]
                old = parents[0].source == "notmuch-lkml"
                if key in self.busy_threads or (kind == "benign-revival" and old and not want_old):
                    continue
                T = Template(max(temps, key=lambda m: m.date))
                # Like the hijacks, hard negatives mostly arrive through the organisation's MX: prefer a parent
                # whose reply-all recipients include an organisation address.
                reachable = [p for p in parents if self.org_rcpt(*self.reply_recipients(p, a), a)]
                if rng.random() < 0.85 or old:
                    if not reachable:
                        continue
                    parents = reachable
                if kind == "benign-revival":
                    parent = max(parents, key=lambda m: m.date)
                    last = max(m.date for m in self.C.threads[key] if m.date)
                    when = last + dt.timedelta(days=rng.uniform(90, 600), seconds=rng.randrange(86400))
                    if old:
                        when = self.traffic_date(last + dt.timedelta(days=90), last + dt.timedelta(days=600)) or when
                else:
                    parent = rng.choice(parents)
                    when = parent.date + dt.timedelta(hours=rng.uniform(1, 48 if kind == "benign-trimmed-reply" else 72))
                if self.make_benign_reply(kind, a, T, parent, when):
                    self.busy_threads.add(key)
                    pairs.pop(i)
                    old_revivals += kind == "benign-revival" and old
                    break
        self.plan_forwards()

    def make_benign_reply(self, kind, addr, T, parent, when):
        rng = self.rng
        name = self.C.name_of.get(addr, "")
        family = T.msg.family
        lt = local_time(when, tz_minutes(T.msg.date))
        to, cc = self.reply_recipients(parent, addr)
        rcpt = self.org_rcpt(to, cc, addr)
        via = "direct" if rcpt else "list"
        if via == "list" and parent.source != "linux-kselftest-2023-03":
            return False
        attachments = []
        if kind == "benign-trimmed-reply":
            plines = clean_lines(parent.text)
            # the first paragraphs of the parent, quoted, without the attribution line
            cut = [i for i, x in enumerate(plines) if not x.strip() and i >= 3]
            quoted = quote_lines(plines[:cut[rng.randrange(min(3, len(cut)))] if cut else len(plines)])
            reply = rng.choice(self.TRIMMED_REPLIES).format(name=name, addr=addr)
            new_lines, attr, old = [], [], quoted + [""] + reply.split("\n")
            style = "trimmed-no-attribution"
            afl = first_nonempty(quoted)
        else:
            attr, old, style, _ = self.quoted_body(family, parent, lt, to, cc)
            afl = first_nonempty(old)
            first = first_name(name) if name else ""
            if kind == "benign-revival":
                note = rng.choice(self.PINGS)
            else:
                note = rng.choice(self.ATTACH_NOTES)
                pdf = rng.choice(self.PDF_NAMES).format(d=lt.strftime("%Y%m%d"))
                attachments = [dict(file=pdf, ctype="application/pdf", data=benign_pdf(rng, pdf[:-4]))]
            new_lines = ["Hi %s," % first_name(self.C.name_of.get(parent.from_addr, parent.from_name) or "all"), ""] \
                if rng.random() < 0.5 else []
            new_lines += [note, ""] + ([first] if first and rng.random() < 0.6 else ["Thanks"])
        mid = "<%s>" % new_mid_like(rng, T.msg.mid, lt, family)
        mid = self.unique_mid(mid)
        subject = reply_subject(parent.subject, outlook=family == "outlook")
        refs = (parent.refs + [parent.mid])[-15:]
        mode = via
        values = self.address_values(T, mode, self.template_from(T, mode), to, cc, subject, self.template_date(T, when),
                                     mid, parent.mid, refs, rng)
        ti = self.thread_ti(parent, when, rng, modern=str(T.field("Thread-Index") or "").strip().startswith("AQ")) \
            if T.field("Thread-Index") else None
        content, body = self.body_from_template(T, rng, new_lines, attr, old, family, parent.mid, attachments)
        top = None
        if via == "direct":
            out_host, out_ip = T.outbound or ("mail." + dom_of(addr), public_ip(rng))
            auth = dict(spf="pass", dkim=(T.dkim[0], T.dkim[1], "pass") if T.dkim else None,
                        dmarc="pass" if T.dkim or dom_of(addr) in FREEMAIL or is_org(addr) else "none",
                        hdr_dom=dom_of(addr))
            top = org_delivery(rng, org_domain_of(rcpt), rcpt, addr, out_host, out_ip,
                               when + dt.timedelta(seconds=rng.randrange(5, 120)), auth)
        drift = kind == "benign-revival" and rng.random() < 0.5
        fields = self.template_fields(T, via, values, when, rng, top=top, drift=drift, ti=ti,
                                      rcpt=rcpt if via == "direct" else None)
        raw = assemble(fields, content, body)
        label = self.base_label(kind, mid, parent.mid)
        label.update(sender_variant="real-address", splice_style=style, authentic_first_line=afl, via=via,
                     in_reply_to_variant="correct", client_family=family, real_client_families=self.C.families.get(addr),
                     delivery="attachment" if attachments else None,
                     gap_days=round((when - parent.date).total_seconds() / 86400, 2),
                     mime_layout=T.body_style()[0] + ("+attachment" if attachments else ""),
                     splice_detail="ip-drift" if drift else None)
        self.add(when, raw, label)
        return True

    def plan_forwards(self):
        rng = self.rng
        pairs = [p for p in self.benign_pairs(need_org_sender=True)]
        rng.shuffle(pairs)
        done = 0
        used = set()
        for a, temps, parents, key in pairs:
            if done >= TARGET["benign-forward"] or key in self.busy_threads or a in used:
                continue
            org = org_domain_of(a)
            colleagues = sorted({b for b in self.C.sent if org_domain_of(b) == org and b != a and
                                 person_name_ok(self.C.name_of.get(b, ""), b)})
            if not colleagues:
                continue
            self.busy_threads.add(key)
            used.add(a)
            T = Template(max(temps, key=lambda m: m.date))
            fwd = rng.choice(parents)
            colleague = rng.choice(colleagues)
            when = fwd.date + dt.timedelta(hours=rng.uniform(2, 24 * 20))
            self.make_forward(a, T, fwd, colleague, when)
            done += 1

    def make_forward(self, addr, T, fwd, colleague, when):
        rng = self.rng
        family = T.msg.family
        lt = local_time(when, tz_minutes(T.msg.date))
        fdate = local_time(fwd.date, tz_minutes(T.msg.date))
        fto = [(self.C.name_of.get(a, n), a) for n, a in fwd.to]
        fcc = [(self.C.name_of.get(a, n), a) for n, a in fwd.cc]
        before, after, style = forward_block(family, fdate, self.C.name_of.get(fwd.from_addr, fwd.from_name),
                                             fwd.from_addr, fto, fcc, fwd.subject)
        flines = clean_lines(fwd.text)
        note = rng.choice(self.FORWARD_NOTES)
        new_lines = [note, ""]
        if family in ("outlook",):
            subject = "FW: " + fwd.subject
        else:
            subject = "Fwd: " + fwd.subject
        mid = self.unique_mid("<%s>" % new_mid_like(rng, T.msg.mid, lt, family))
        to = [(self.C.name_of.get(colleague, ""), colleague)]
        values = self.address_values(T, "direct", self.template_from(T, "direct"), to, [], subject,
                                     self.template_date(T, when), mid, None, None, rng)
        content, body = self.body_from_template(T, rng, new_lines, before, flines + after, family, None)
        out_host, out_ip = T.outbound or ("mail." + dom_of(addr), public_ip(rng))
        auth = dict(spf="pass", dkim=(T.dkim[0], T.dkim[1], "pass") if T.dkim else None, dmarc="pass",
                    hdr_dom=dom_of(addr))
        top = org_delivery(rng, org_domain_of(colleague), colleague, addr, out_host, out_ip,
                           when + dt.timedelta(seconds=rng.randrange(5, 120)), auth)
        ti = b64(thread_index_new(rng, when, str(T.field("Thread-Index") or "").strip().startswith("AQ"))) \
            if T.field("Thread-Index") else None
        fields = self.template_fields(T, "direct", values, when, rng, top=top, ti=ti, rcpt=colleague)
        raw = assemble(fields, content, body)
        label = self.base_label("benign-forward", mid, fwd.mid)
        label.update(sender_variant="real-address", splice_style=style, authentic_first_line=first_nonempty(flines),
                     via="direct", in_reply_to_variant="forward", client_family=family,
                     real_client_families=self.C.families.get(addr), mime_layout=T.body_style()[0],
                     gap_days=round((when - fwd.date).total_seconds() / 86400, 2))
        self.add(when, raw, label)

    # -- output ---------------------------------------------------------------------------------

    def build(self):
        self.plan_victims()
        self.plan_benign()
        self.plan_external()

    def ordered(self):
        """Real messages (sorted by date) with the synthetic ones at their chronological place."""
        synth = sorted(self.items, key=lambda it: it["date"])
        out, j = [], 0
        for m in self.msgs:
            while j < len(synth) and synth[j]["date"] < m.sort_date:
                out.append(("synthetic", synth[j]))
                j += 1
            out.append(("real", m))
        out += [("synthetic", s) for s in synth[j:]]
        return out


def mbox_escape(raw):
    """mboxrd: one more '>' before every line that starts with '>*From '."""
    return re.sub(rb"(?m)^(>*From )", rb">\1", raw)


def real_label(m):
    return collections.OrderedDict(
        index=None, message_id=m.mid, label="clean", base_message_id=None, reuse_group=None,
        spoofed_participant=None, sender_variant=None, splice_style=None, authentic_first_line=None,
        stripped_addresses=[], lure_language=None, campaign_group=None, source=m.source, date=utc_iso(m.date))


def write_outputs(gen, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    labels = []
    mbox_path = os.path.join(out_dir, "mailbox.mbox")
    with open(mbox_path, "wb") as mb:
        for i, (kind, item) in enumerate(gen.ordered()):
            if kind == "real":
                raw, label = item.raw, real_label(item)
            else:
                raw, label = item["raw"], item["label"]
            if not raw.endswith(b"\n"):
                raw += b"\n"
            label["index"] = i
            labels.append(label)
            mb.write(SEPARATOR)
            mb.write(mbox_escape(raw))
            mb.write(b"\n")
    with open(os.path.join(out_dir, "labels.jsonl"), "w", encoding="utf-8") as fh:
        for label in labels:
            fh.write(json.dumps(label, ensure_ascii=False) + "\n")
    counts = collections.Counter(label["label"] for label in labels)
    synth = [label for label in labels if label["source"] == "synthetic"]

    def tally(key, kinds=None):
        c = collections.Counter(str(label.get(key)) for label in synth if kinds is None or label["label"] in kinds)
        return dict(sorted(c.items()))
    groups = collections.Counter(label["reuse_group"] for label in synth if label["reuse_group"])
    dataset = collections.OrderedDict(
        profile=PROFILE, seed=SEED, generator="tests/eval/make_heldout.py",
        org_domains=list(ORG_DOMAINS),
        org_mx_hosts=dict(ORG_MX),
        bases=gen.source_stats,
        excluded="messages whose Message-ID occurs in hijack-dev/mailbox.mbox; byte-identical duplicates",
        dev_set_found=gen.have_dev,
        total=len(labels), mbox_bytes=os.path.getsize(mbox_path),
        counts=dict(sorted(counts.items())),
        by_source=dict(sorted(collections.Counter(label["source"] for label in labels).items())),
        external=dict(sender_variant=tally("sender_variant", {"external-thread-hijack"}),
                      splice_style=tally("splice_style", {"external-thread-hijack"}),
                      lure_language=tally("lure_language", {"external-thread-hijack"}),
                      delivery=tally("delivery", {"external-thread-hijack"}),
                      in_reply_to_variant=tally("in_reply_to_variant", {"external-thread-hijack"}),
                      spoofed_role=tally("spoofed_role", {"external-thread-hijack"}),
                      client_family=tally("client_family", {"external-thread-hijack"}),
                      reuse_groups=len(groups),
                      reuse_group_sizes=dict(sorted(collections.Counter(groups.values()).items()))),
        victim=dict(via=tally("via", {"victim-thread-hijack"}), splice_style=tally("splice_style", {"victim-thread-hijack"}),
                    sender_variant=tally("sender_variant", {"victim-thread-hijack"}),
                    client_family=tally("client_family", {"victim-thread-hijack"}),
                    lure_language=tally("lure_language", {"victim-thread-hijack"}),
                    campaign_groups=len({l["campaign_group"] for l in synth if l["campaign_group"]})),
        hard_negatives=dict(via=tally("via", {"benign-revival", "benign-forward", "benign-attachment-reply",
                                                "benign-trimmed-reply"}),
                            splice_style=tally("splice_style", {"benign-revival", "benign-forward",
                                                                "benign-attachment-reply", "benign-trimmed-reply"})),
    )
    with open(os.path.join(out_dir, "dataset.json"), "w", encoding="utf-8") as fh:
        json.dump(dataset, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    return labels, dataset


# ----------------------------------------------------------------------------------------------
# verification (--verify): parse everything back with mailbox + email

def message_texts(msg):
    """Decoded text/plain bodies and rendered text/html bodies of a parsed message."""
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        disp = str(part.get("Content-Disposition", "") or "").lower()
        if "attachment" in disp:
            continue
        ct = part.get_content_type()
        if ct == "text/plain":
            out.append(decode_part(part))
        elif ct == "text/html":
            out.append(html_to_text(decode_part(part)))
    return out


def verify(out_dir):
    import mailbox
    problems = []
    labels = [json.loads(line) for line in open(os.path.join(out_dir, "labels.jsonl"), encoding="utf-8")]
    dataset = json.load(open(os.path.join(out_dir, "dataset.json"), encoding="utf-8"))
    box = mailbox.mbox(os.path.join(out_dir, "mailbox.mbox"), create=False)
    keys = list(box.keys())
    if len(keys) != len(labels) or len(labels) != dataset["total"]:
        problems.append("count mismatch: mbox %d labels %d dataset %d" % (len(keys), len(labels), dataset["total"]))
    counts = collections.Counter(l["label"] for l in labels)
    if dict(sorted(counts.items())) != dataset["counts"]:
        problems.append("label counts differ from dataset.json")
    groups = collections.defaultdict(list)
    for i, key in enumerate(keys):
        label = labels[i]
        if label["index"] != i:
            problems.append("index %d != %d" % (label["index"], i))
        raw = box.get_bytes(key)
        raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)
        msg = email.message_from_bytes(raw)
        mids = ID_RE.findall(str(msg.get("Message-ID", "") or ""))
        mid = mids[0] if mids else str(msg.get("Message-ID", "") or "").strip().strip("<>")
        if mid != label["message_id"]:
            problems.append("#%d message_id %r != %r" % (i, mid, label["message_id"]))
        if label["source"] != "synthetic":
            continue
        for defect_part in msg.walk():
            if defect_part.defects:
                problems.append("#%d MIME defects %s" % (i, defect_part.defects))
        afl = label["authentic_first_line"]
        if not afl or not any(afl in t for t in message_texts(msg)):
            problems.append("#%d %s: authentic_first_line %r not in decoded text" % (i, label["label"], afl))
        if label["reuse_group"]:
            groups[label["reuse_group"]].append(label)
        for a in label["stripped_addresses"]:
            if a != a.lower():
                problems.append("#%d stripped address not lower case" % i)
        for f in ("Date", "From", "Subject", "Message-ID"):
            if msg.get(f) is None:
                problems.append("#%d has no %s" % (i, f))
        head = raw.split(b"\n\n", 1)[0]
        for ip in re.findall(rb"\b(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}\b", head):
            problems.append("#%d documentation-range IP %s" % (i, ip.decode()))
    for g, members in groups.items():
        bases = {m["base_message_id"] for m in members}
        waves = sorted(m["wave"] for m in members)
        senders = [m["attacker_address"] for m in members]
        if len(bases) != 1 or waves != list(range(len(members))) or len(set(senders)) != len(senders):
            problems.append("reuse group %s inconsistent (bases %s waves %s)" % (g, bases, waves))
    return problems, counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", required=True, help="the shared corpora folder (read only)")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--verify", action="store_true", help="parse the output back and check labels")
    args = ap.parse_args(argv)
    gen = HeldOut(args.corpora)
    gen.build()
    labels, dataset = write_outputs(gen, args.out)
    print("wrote %s: %d messages, %d bytes; %s" % (args.out, dataset["total"], dataset["mbox_bytes"],
                                                    ", ".join("%s %d" % kv for kv in dataset["counts"].items())))
    if args.verify:
        problems, _ = verify(args.out)
        for p in problems[:50]:
            print("PROBLEM:", p)
        print("verify: %d problem(s)" % len(problems))
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
