#!/usr/bin/env python3
"""Deterministic generator of the ThreadHound demo case (resources/demo/demo.mbox).

Everything in the mailbox is SYNTHETIC: people, companies, invoices, bookings, IP addresses,
DKIM signatures (random values that never verify) and the "malicious" link targets
(reserved example.* names). The harmless zip attachment holds a text file of random words.

The generator uses the Python 3 standard library only and nothing that depends on the clock,
the locale, the environment or a random seed: every identifier is derived from a SHA-256 of a
fixed label, so every run writes the same bytes.

Usage:
  python3 make_demo.py              write demo.mbox next to this script
  python3 make_demo.py -o FILE      write FILE instead
  python3 make_demo.py --check      exit 1 if demo.mbox differs from what this script produces
                                    (or if the case's own invariants are broken)
  python3 make_demo.py --labels     expected verdicts, one JSON object per message, to stdout
  python3 make_demo.py --table      the message table used in README.md, to stdout

Format: mboxrd (``From `` separator lines with the envelope sender and the archive time in UTC,
body lines matching ``^>*From `` get one more ``>``), LF line endings, messages in archive order.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import html
import io
import json
import quopri
import re
import sys
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ORG_DOMAIN = "northwind-traders.example"
MX = "mx.northwind-traders.example"
UTC = dt.timezone.utc


# --------------------------------------------------------------------------------------------
# Deterministic "randomness": hashes of labels
# --------------------------------------------------------------------------------------------

def _h(label: str, n: int = 32) -> bytes:
    out, i = b"", 0
    while len(out) < n:
        out += hashlib.sha256(f"threadhound-demo:{label}:{i}".encode()).digest()
        i += 1
    return out[:n]


ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64CH = ALNUM + "+_-="


def hexs(label: str, n: int, upper: bool = False) -> str:
    s = _h(label, (n + 1) // 2).hex()[:n]
    return s.upper() if upper else s


def chars(label: str, n: int, alphabet: str = ALNUM) -> str:
    return "".join(alphabet[b % len(alphabet)] for b in _h(label, n))


def b64(label: str, nbytes: int) -> str:
    return base64.b64encode(_h(label, nbytes)).decode()


def num(label: str, lo: int, hi: int) -> int:
    return lo + int.from_bytes(_h(label, 8), "big") % (hi - lo + 1)


# --------------------------------------------------------------------------------------------
# Time zones (fixed rules, so no dependency on the system tz database)
# --------------------------------------------------------------------------------------------

def _sunday(year: int, month: int, nth: int) -> dt.date:
    """nth Sunday of the month; nth = -1 for the last one."""
    if nth > 0:
        d = dt.date(year, month, 1)
        d += dt.timedelta(days=(6 - d.weekday()) % 7)
        return d + dt.timedelta(weeks=nth - 1)
    d = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


class Zone:
    def __init__(self, std: int, dst: int | None, rule: str | None, abbr: tuple[str, str]):
        self.std, self.dst, self.rule, self.abbr = std, dst, rule, abbr

    def is_dst(self, t: dt.datetime) -> bool:
        y = t.year
        if self.rule == "eu":
            a = dt.datetime.combine(_sunday(y, 3, -1), dt.time(1), UTC)
            b = dt.datetime.combine(_sunday(y, 10, -1), dt.time(1), UTC)
        elif self.rule == "us":
            a = dt.datetime.combine(_sunday(y, 3, 2), dt.time(2), UTC) - dt.timedelta(minutes=self.std)
            b = dt.datetime.combine(_sunday(y, 11, 1), dt.time(2), UTC) - dt.timedelta(minutes=self.dst)
        else:
            return False
        return a <= t < b

    def offset(self, t: dt.datetime) -> int:
        return self.dst if self.is_dst(t) else self.std

    def name(self, t: dt.datetime) -> str:
        return self.abbr[1] if self.is_dst(t) else self.abbr[0]

    def local(self, t: dt.datetime) -> dt.datetime:
        return t.astimezone(dt.timezone(dt.timedelta(minutes=self.offset(t))))

    def at(self, s: str) -> dt.datetime:
        """Local wall time 'YYYY-MM-DD HH:MM:SS' -> UTC."""
        naive = dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
        guess = (naive - dt.timedelta(minutes=self.std)).replace(tzinfo=UTC)
        return (naive - dt.timedelta(minutes=self.offset(guess))).replace(tzinfo=UTC)


CET = Zone(60, 120, "eu", ("CET", "CEST"))
UK = Zone(0, 60, "eu", ("GMT", "BST"))
CHICAGO = Zone(-360, -300, "us", ("CST", "CDT"))
PACIFIC = Zone(-480, -420, "us", ("PST", "PDT"))
JST = Zone(540, None, None, ("JST", "JST"))
ZUTC = Zone(0, None, None, ("UTC", "UTC"))

DAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MON_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAY_DE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MON_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]


def rfc_date(t: dt.datetime, zone: Zone, pad_day: bool = True, comment: bool = False) -> str:
    lt = zone.local(t)
    off = zone.offset(t)
    sign = "+" if off >= 0 else "-"
    day = f"{lt.day:02d}" if pad_day else str(lt.day)
    s = (f"{DAY_EN[lt.weekday()][:3]}, {day} {MON_EN[lt.month - 1][:3]} {lt.year} "
         f"{lt:%H:%M:%S} {sign}{abs(off) // 60:02d}{abs(off) % 60:02d}")
    return s + (f" ({zone.name(t)})" if comment else "")


def h12(lt: dt.datetime) -> str:
    return f"{(lt.hour % 12) or 12}:{lt.minute:02d} {'AM' if lt.hour < 12 else 'PM'}"


def outlook_sent(t: dt.datetime, zone: Zone, lang: str) -> str:
    lt = zone.local(t)
    if lang == "de":
        return f"{DAY_DE[lt.weekday()]}, {lt.day}. {MON_DE[lt.month - 1]} {lt.year} {lt:%H:%M}"
    if lang == "ja":
        return f"{lt.year}年{lt.month}月{lt.day}日 {lt:%H:%M}"
    return f"{DAY_EN[lt.weekday()]}, {MON_EN[lt.month - 1]} {lt.day}, {lt.year} {h12(lt)}"


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    name: str | None
    addr: str
    zone: Zone = CET

    @property
    def domain(self) -> str:
        return self.addr.split("@", 1)[1]

    def plain(self) -> str:
        return f"{self.name} <{self.addr}>" if self.name else self.addr


NW = ORG_DOMAIN
ANNA = Person("Anna Keller", f"anna.keller@{NW}", CET)
LAURA = Person("Laura Schmidt", f"laura.schmidt@{NW}", CET)
MARKUS = Person("Markus Vogel", f"markus.vogel@{NW}", CET)
KENJI = Person("Kenji Sato", f"kenji.sato@{NW}", JST)
DANIEL = Person("Daniel Brooks", f"daniel.brooks@{NW}", CHICAGO)
NW_LOGISTICS = Person("Northwind Logistics", f"logistics@{NW}", CET)
NW_AP = Person(None, f"ap@{NW}", CET)
JANE = Person("Jane Whitfield", "jane.whitfield@contoso-partners.example", UK)
ROBERT = Person("Robert Lang", "robert.lang@contoso-partners.example", UK)
STEFAN = Person("Stefan Krüger", "stefan.krueger@fabrikam-logistics.example", CET)
PIETER = Person("Pieter de Vries", "pieter.devries@devries-customs.example", CET)
SVEN = Person("Sven Olsen", "sven.olsen@nordhafen-shipping.example", CET)
MARTA = Person("Marta Kowalska", "marta.kowalska@baltic-freight.example", CET)
LIST_ADDR = Person(None, "customs-forum@lists.customs-forum.example.org", CET)
LIST_HOST = "lists.customs-forum.example.org"
LIST_BOUNCES = "customs-forum-bounces@lists.customs-forum.example.org"

# External thread hijackers: display name of a real Contoso participant, foreign addresses.
# The scrambled local parts are anagrams of "janewhitfield" (Qakbot "AA" style).
HIJ1 = Person("Jane Whitfield", "j.ewtlhaneidfi@brightwater-dental.example", CET)
HIJ2 = Person("Jane Whitfield", "jane.whitfield@contoso-partner.example", ZUTC)  # lookalike
HIJ3 = Person("Jane Whitfield", "tfwaehjldinie@kanzlei-moeller.example", CET)


# --------------------------------------------------------------------------------------------
# Header encoding helpers
# --------------------------------------------------------------------------------------------

QSAFE = set(ALNUM + "!*+-/")


def _encoded_words(text: str, charset: str, mode: str) -> list[str]:
    words, cur = [], ""
    head = f"=?{charset}?{mode}?"

    def enc(s: str) -> str:
        b = s.encode(charset)
        if mode == "B":
            return base64.b64encode(b).decode()
        return "".join(chr(x) if chr(x) in QSAFE else ("_" if x == 32 else f"={x:02X}") for x in b)

    for ch in text:
        if cur and len(head) + len(enc(cur + ch)) + 2 > 75:
            words.append(head + enc(cur) + "?=")
            cur = ""
        cur += ch
    if cur:
        words.append(head + enc(cur) + "?=")
    return words


def enc_text(text: str, style: str) -> str:
    """Unstructured header text (Subject, Thread-Topic) as the given client encodes it."""
    if all(ord(c) < 128 for c in text):
        return text
    charset, mode = {"exo": ("utf-8", "B"), "apple": ("utf-8", "Q")}.get(style, ("UTF-8", "Q"))
    return "\n ".join(_encoded_words(text, charset, mode))


def enc_name(p: Person, style: str) -> str:
    if p.name is None:
        return p.addr
    name = p.name
    if any(ord(c) > 127 for c in name):
        if style == "exo":
            try:
                name.encode("iso-8859-1")
                w = _encoded_words(name, "iso-8859-1", "Q")
            except UnicodeEncodeError:
                w = _encoded_words(name, "utf-8", "B")
        else:
            w = _encoded_words(name, "UTF-8", "Q")
        return f"{' '.join(w)} <{p.addr}>"
    if style == "bot":
        return f'"{name}" <{p.addr}>'
    return f"{name} <{p.addr}>"


def addr_header(people: list[Person], style: str, fold: str = "\n ") -> str:
    items = [enc_name(p, style) for p in people]
    out, line = "", 6
    for i, it in enumerate(items):
        sep = "" if i == 0 else ", "
        if i and line + len(sep) + len(it) > 76:
            out += "," + fold + it
            line = len(fold) - 1 + len(it)
        else:
            out += sep + it
            line += len(sep) + len(it)
    return out


def ids_header(ids: list[str], fold: str = "\n ") -> str:
    return fold.join(f"<{i}>" for i in ids)


# --------------------------------------------------------------------------------------------
# Body encoding helpers
# --------------------------------------------------------------------------------------------

def qp(text: str, charset: str = "utf-8") -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def b64_lines(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def multipart(boundary: str, parts: list[tuple[str, str]], preamble: str | None = None) -> str:
    s = (preamble + "\n\n") if preamble else ""
    for hdrs, body in parts:
        if not body.endswith("\n"):
            body += "\n"
        s += f"--{boundary}\n{hdrs}\n\n{body}"
    return s + f"--{boundary}--\n"


def is_ascii(s: str) -> bool:
    return all(ord(c) < 128 for c in s)


def esc(s: str) -> str:
    return html.escape(s, quote=False)


URL_RE = re.compile(r"https://\S+")


def linkify(s: str) -> str:
    out, pos = "", 0
    for m in URL_RE.finditer(s):
        out += esc(s[pos:m.start()]) + f'<a href="{m.group(0)}">{esc(m.group(0))}</a>'
        pos = m.end()
    return out + esc(s[pos:])


# --------------------------------------------------------------------------------------------
# Line wrapping as the clients do it
# --------------------------------------------------------------------------------------------

QPREFIX = re.compile(r"^(?:> ?)+")


def _split_prefix(line: str) -> tuple[str, str]:
    m = QPREFIX.match(line)
    return (m.group(0), line[m.end():]) if m else ("", line)


def wrap_hard(lines: list[str], width: int) -> list[str]:
    out = []
    for line in lines:
        prefix, body = _split_prefix(line)
        if len(line) <= width or body.startswith("  ") or " " not in body.strip():
            out.append(line)
            continue
        parts = textwrap.wrap(body, width=max(20, width - len(prefix)), break_long_words=False,
                              break_on_hyphens=False)
        out.extend(prefix + p for p in parts)
    return out


def wrap_flowed(lines: list[str], width: int = 72) -> list[str]:
    """RFC 3676 format=flowed: soft breaks end with a space; unquoted lines that start with a
    space or 'From ' are space-stuffed."""
    out = []
    for line in lines:
        m = re.match(r"^>+ ?", line)
        prefix = m.group(0) if m else ""
        if line[len(prefix):] == "-- ":
            out.append(line)
            continue
        body = line[len(prefix):].rstrip(" ")
        if not prefix and (body.startswith(" ") or body.startswith("From ")):
            body = " " + body
        if len(prefix) + len(body) <= 78:
            out.append(prefix + body)
            continue
        parts = textwrap.wrap(body, width=width - len(prefix), break_long_words=False,
                              break_on_hyphens=False)
        for i, p in enumerate(parts):
            out.append(prefix + p + (" " if i < len(parts) - 1 else ""))
    return out


def unflowed_view(wire: list[str]) -> list[str]:
    """What a client that does not decode format=flowed shows: the wire lines, soft-break spaces
    removed (the signature separator keeps its space)."""
    return [ln if ln.endswith("-- ") and ln.strip("> ") == "--" else ln.rstrip(" ") for ln in wire]


def gmail_wire(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        prefix, body = _split_prefix(line)
        m = re.match(r"^(On .+ <)([^<>\s]+@[^<>\s]+> wrote:)$", body)
        if m and len(line) > 78:
            out += [prefix + m.group(1), prefix + m.group(2)]
        else:
            out += wrap_hard([line], 78)
    return out


def gmail_quote(lines: list[str]) -> list[str]:
    return [("> " + ln) if ln else ">" for ln in lines]


def tb_quote(lines: list[str]) -> list[str]:
    return [(">" + ln) if ln.startswith(">") else (("> " + ln) if ln else ">") for ln in lines]


# --------------------------------------------------------------------------------------------
# Outlook Thread-Index (MS-OXOMSG 2.2.1.3); see detection-spec.md section 4.3
# --------------------------------------------------------------------------------------------

FT_EPOCH = dt.datetime(1601, 1, 1, tzinfo=UTC)


def filetime(t: dt.datetime) -> int:
    return (t - FT_EPOCH) // dt.timedelta(microseconds=1) * 10


def thread_index(label: str, root: dt.datetime, children: list[dt.datetime], classic: bool = False) -> str:
    """Modern (Exchange Online) layout by default: 0x01 + FILETIME>>24 + GUID; child blocks hold
    the delta against the classic reading of the header, modulo 2^31, as Exchange writes them."""
    guid = _h(label + "/guid", 16)
    ft = filetime(root)
    if classic:
        hdr = (ft >> 16).to_bytes(6, "big") + guid
    else:
        hdr = b"\x01" + ((ft >> 24) & (2 ** 40 - 1)).to_bytes(5, "big") + guid
    base = int.from_bytes(hdr[:6], "big") << 16
    out = hdr
    for i, t in enumerate(children):
        delta = ((filetime(t) - base) >> 18) % (2 ** 31)
        out += ((delta << 8) | _h(f"{label}/child{i}", 1)[0]).to_bytes(5, "big")
    return base64.b64encode(out).decode()


def decode_thread_index(value: str, reference: dt.datetime) -> tuple[str, dt.datetime, list[dt.datetime]]:
    """Python mirror of model/threadindex.cpp, used by self_check()."""
    b = base64.b64decode(value)
    assert len(b) >= 22 and (len(b) - 22) % 5 == 0
    classic_ft = int.from_bytes(b[:6], "big") << 16
    modern_ft = int.from_bytes(b[1:6], "big") << 24

    def t(ft: int) -> dt.datetime:
        try:
            return FT_EPOCH + dt.timedelta(microseconds=ft // 10)
        except OverflowError:
            return dt.datetime.max.replace(tzinfo=UTC)

    latest = reference + dt.timedelta(days=1)
    modern_ok = b[0] == 1 and t(modern_ft).year >= 1990 and t(modern_ft) <= latest
    modern = modern_ok
    root = modern_ft if modern else classic_ft
    prev, kids = root, []
    for at in range(22, len(b), 5):
        v = int.from_bytes(b[at:at + 5], "big")
        shift = 23 if (v >> 39) & 1 else 18
        delta = (v >> 8) & 0x7FFFFFFF
        if modern:
            ct = classic_ft + (delta << shift)
            while ct < prev:
                ct += (1 << 31) << shift
        else:
            ct = root + (delta << shift)
        kids.append(t(ct))
        prev = max(prev, ct)
    return ("modern" if modern else "classic"), t(root), kids


# --------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------

PLAIN_CLIENTS = {"thunderbird", "outlook-plain", "mutt", "hyperkitty", "bot"}


@dataclass
class Msg:
    key: str
    client: str
    sender: Person
    date: dt.datetime
    to: list[Person]
    cc: list[Person]
    subject: str
    own: list[str]
    parent: Msg | None = None
    thread: str = ""
    role: str = ""
    verdict: str = "clean"
    note: str = ""
    lang: str = "en"
    forward: bool = False
    in_reply_to: list[str] | None = None   # None: derived from parent
    references: list[str] | None = None
    msgid: str = ""
    # filled in while building
    wire: list[str] = field(default_factory=list)       # text/plain lines as sent (decoded)
    wire_logical: list[str] | None = None                 # format=flowed lines joined again
    inner_html: str = ""                                  # HTML body content, for quoting
    raw: str = ""
    arrival: dt.datetime | None = None
    env_from: str = ""
    labels: dict = field(default_factory=dict)

    @property
    def zone(self) -> Zone:
        return self.sender.zone

    def refs(self) -> list[str]:
        if self.references is not None:
            return self.references
        if self.parent is None:
            return []
        p = self.parent
        base = p.refs() or p.irt()
        return base + [p.msgid]

    def irt(self) -> list[str]:
        if self.in_reply_to is not None:
            return self.in_reply_to
        return [self.parent.msgid] if self.parent else []


# ---- attribution lines ---------------------------------------------------------------------

def gmail_attr(m: Msg, mailto: bool = False) -> str:
    p = m.parent
    lt = m.zone.local(p.date)
    addr = p.sender.addr + (f"<mailto:{p.sender.addr}>" if mailto else "")
    if m.sender.zone is UK:   # Gmail, English (UK)
        when = f"{DAY_EN[lt.weekday()][:3]}, {lt.day} {MON_EN[lt.month - 1][:3]} {lt.year} at {lt:%H:%M},"
    else:                      # Gmail, English (US)
        when = f"{DAY_EN[lt.weekday()][:3]}, {MON_EN[lt.month - 1][:3]} {lt.day}, {lt.year} at {h12(lt)}"
    return f"On {when} {p.sender.name} <{addr}> wrote:"


def apple_attr(m: Msg) -> str:
    p = m.parent
    lt = m.zone.local(p.date)
    return f"On {lt.day} {MON_EN[lt.month - 1][:3]} {lt.year}, at {lt:%H:%M}, {p.sender.name} <{p.sender.addr}> wrote:"


def tb_attr_de(m: Msg) -> str:
    lt = m.zone.local(m.parent.date)
    return f"Am {lt:%d.%m.%y} um {lt:%H:%M} schrieb {m.parent.sender.name}:"


def roundcube_attr_de(m: Msg) -> str:
    lt = m.zone.local(m.parent.date)
    return f"Am {lt:%Y-%m-%d %H:%M}, schrieb {m.parent.sender.name}:"


OUTLOOK_LABELS = {
    "en": ("From", "Sent", "To", "Cc", "Subject"),
    "de": ("Von", "Gesendet", "An", "Cc", "Betreff"),
    "ja": ("差出人", "送信日時", "宛先", "CC", "件名"),
}


def outlook_block(m: Msg) -> list[tuple[str, str]]:
    """Header block describing the parent, in the replying user's language and time zone."""
    p = m.parent
    lab = OUTLOOK_LABELS[m.lang]
    rows = [(lab[0], p.sender.plain()), (lab[1], outlook_sent(p.date, m.zone, m.lang)),
            (lab[2], "; ".join(x.plain() for x in p.to))]
    if p.cc:
        rows.append((lab[3], "; ".join(x.plain() for x in p.cc)))
    rows.append((lab[4], p.subject))
    return rows


def gmail_forward_rows(m: Msg) -> list[tuple[str, str]]:
    p = m.parent
    lt = m.zone.local(p.date)
    when = f"{DAY_EN[lt.weekday()][:3]}, {MON_EN[lt.month - 1][:3]} {lt.day}, {lt.year} at {h12(lt)}"
    return [("From", p.sender.plain()), ("Date", when), ("Subject", p.subject),
            ("To", ", ".join(x.plain() for x in p.to))]


# ---- text views --------------------------------------------------------------------------------

def view(m: Msg, kind: str) -> list[str]:
    """The message's content as another client's HTML-to-text conversion shows it.
    kind: 'gmail' (quotes with '> ', bold labels as *x*), 'outlook' (no quote marks,
    links as text<url>), 'generic' (quotes with '> ')."""
    if m.client in PLAIN_CLIENTS:
        return unflowed_view(m.wire)
    own, p = list(m.own), m.parent
    if p is None:
        return own
    c = m.client
    if c == "gmail" and m.forward:
        rows = [f"{k}: {v}" for k, v in gmail_forward_rows(m)]
        return own + ["", "---------- Forwarded message ---------"] + rows + ["", ""] + view(p, kind)
    if c == "gmail":
        if kind == "outlook":
            return own + ["", gmail_attr(m, mailto=True)] + view(p, "outlook")
        return own + ["", gmail_attr(m), ""] + gmail_quote(view(p, kind))
    if c == "owa":
        rows = outlook_block(m)
        if kind == "gmail":
            return own + ["", "-" * 30] + [f"*{k}:* {v}" for k, v in rows] + [""] + view(p, "gmail")
        return own + ["", "_" * 32] + [f"{k}: {v}" for k, v in rows] + [""] + view(p, "outlook")
    if c == "apple":
        if kind == "outlook":
            return own + ["", apple_attr(m), ""] + view(p, "outlook")
        return own + [""] + gmail_quote([apple_attr(m), ""] + view(p, kind))
    raise ValueError(c)


def build_wire(m: Msg) -> list[str]:
    c, p = m.client, m.parent
    if c == "gmail":
        return gmail_wire(view(m, "gmail"))
    if c == "owa":
        return view(m, "outlook")
    if c == "apple":
        return view(m, "generic")
    if c == "thunderbird":
        body = list(m.own)
        if p is not None:
            quoted = p.wire_logical if p.client == "thunderbird" else view(p, "generic")
            body += ["", tb_attr_de(m)] + tb_quote(quoted)
        return wrap_flowed(body)
    if c == "outlook-plain":
        body = list(m.own)
        if p is not None:
            sep = "-----Ursprüngliche Nachricht-----" if m.lang == "de" else "-----Original Message-----"
            body += ["", sep] + [f"{k}: {v}" for k, v in outlook_block(m)] + [""] + view(p, "outlook")
        return wrap_hard(body, 76)
    if c == "roundcube":
        body = list(m.own) + ["", roundcube_attr_de(m)] + tb_quote(view(p, "generic"))
        return wrap_flowed(body)
    if c in ("mutt", "hyperkitty", "bot"):
        return list(m.own)
    raise ValueError(c)


# ---- HTML ----------------------------------------------------------------------------------

OWA_STYLE = "font-family: Calibri, Helvetica, sans-serif; font-size: 11pt; color: rgb(0, 0, 0);"
GMAIL_BQ = "margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"


def html_line(s: str) -> str:
    return linkify(s).replace("  ", "&nbsp; ")


def x_prefixed(fragment: str) -> str:
    """Outlook on the web renames class and id values in quoted HTML (gmail_quote -> x_gmail_quote)."""
    def fix(mt: re.Match) -> str:
        vals = " ".join("x_" + v for v in mt.group(2).split())
        return f'{mt.group(1)}="{vals}"'
    return re.sub(r'\b(class|id)="([^"]*)"', fix, fragment)


def inner_for_quote(p: Msg) -> str:
    if p.client in PLAIN_CLIENTS:
        return "<br>\n".join(esc(ln) for ln in unflowed_view(p.wire))
    return p.inner_html


def build_html(m: Msg) -> str:
    """Sets m.inner_html and returns the complete text/html part."""
    c, p = m.client, m.parent
    if c == "gmail":
        own = m.own
        sig = own.index("-- ") if "-- " in own else len(own)
        body = "".join(f"<div>{html_line(s)}</div>" if s else "<div><br></div>" for s in own[:sig])
        if sig < len(own):
            body += ('<span class="gmail_signature_prefix">-- </span><br>'
                     '<div dir="ltr" class="gmail_signature"><div dir="ltr">'
                     + "<br>".join(esc(s) for s in own[sig + 1:]) + "</div></div>")
        inner = f'<div dir="ltr">{body}</div>'
        if p is not None and m.forward:
            r = dict(gmail_forward_rows(m))
            inner += ('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                      '---------- Forwarded message ---------<br>'
                      f'From: <strong class="gmail_sendername" dir="auto">{esc(p.sender.name)}</strong> '
                      f'<span dir="auto">&lt;<a href="mailto:{p.sender.addr}">{p.sender.addr}</a>&gt;</span><br>'
                      f"Date: {esc(r['Date'])}<br>Subject: {esc(r['Subject'])}<br>"
                      "To: " + ", ".join(f'{esc(x.name)} &lt;<a href="mailto:{x.addr}">{x.addr}</a>&gt;'
                                         for x in p.to)
                      + "<br></div><br><br>" + inner_for_quote(p) + "</div>")
        elif p is not None:
            attr = esc(gmail_attr(m)).replace(
                f"&lt;{p.sender.addr}&gt;",
                f'&lt;<a href="mailto:{p.sender.addr}">{p.sender.addr}</a>&gt;')
            inner += (f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{attr}<br></div>'
                      f'<blockquote class="gmail_quote" style="{GMAIL_BQ}">{inner_for_quote(p)}</blockquote></div>')
        m.inner_html = inner
        return inner + "\n"
    if c == "owa":
        cs = "iso-2022-jp" if m.lang == "ja" else "utf-8"
        body = "\n".join(f'<div class="elementToProof">{html_line(s) or "<br>"}</div>' for s in m.own)
        if p is not None:
            rows = "<br>\n".join(f"<b>{esc(k)}:</b> {esc(v)}" for k, v in outlook_block(m))
            face = "Meiryo, sans-serif" if m.lang == "ja" else "Calibri, sans-serif"
            body += ('\n<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
                     f'<div id="divRplyFwdMsg" dir="ltr"><font face="{face}" style="font-size:11pt" color="#000000">'
                     f"{rows}</font>\n<div>&nbsp;</div>\n</div>\n")
            if p.client in PLAIN_CLIENTS:
                body += f'<div class="PlainText elementToProof">{inner_for_quote(p)}</div>'
            else:
                body += x_prefixed(inner_for_quote(p))
        m.inner_html = body
        return ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=' + cs + '">\n'
                '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} '
                f'.elementToProof {{{OWA_STYLE}}} </style>\n'
                f'</head>\n<body dir="ltr">\n{body}\n</body>\n</html>\n')
    if c == "apple":
        body = "".join(f"<div>{html_line(s)}</div>" if s else "<div><br></div>" for s in m.own)
        if p is not None:
            body += ('<div><br><blockquote type="cite"><div>' + esc(apple_attr(m)) + "</div>"
                     '<br class="Apple-interchange-newline"><div>' + inner_for_quote(p)
                     + "</div></blockquote></div><br>")
        m.inner_html = body
        return ('<html aria-label="message body"><head><meta http-equiv="content-type" '
                'content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; '
                '-webkit-nbsp-mode: space; line-break: after-white-space;">' + body + "</body></html>\n")
    if c == "roundcube":
        paras, cur = [], []
        for s in m.own + [""]:
            if s:
                cur.append(html_line(s))
            elif cur:
                paras.append("<p>" + "<br />".join(cur) + "</p>")
                cur = []
        quoted = "<br />".join(esc(ln) for ln in view(p, "generic"))
        body = ("\n".join(paras) + f'\n<p id="reply-intro">{esc(roundcube_attr_de(m))}</p>\n'
                '<blockquote type="cite" style="padding: 0 0.4em; border-left: #1010ff 2px solid; margin: 0">\n'
                f'<div class="pre" style="margin: 0; padding: 0; font-family: monospace">{quoted}</div>\n</blockquote>')
        m.inner_html = body
        return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /></head>'
                "<body style='font-size: 10pt; font-family: Verdana,Geneva,sans-serif'>\n" + body + "\n</body></html>\n")
    raise ValueError(c)


# --------------------------------------------------------------------------------------------
# Transport headers
# --------------------------------------------------------------------------------------------

def postfix_qid(label: str) -> str:
    return "4" + chars(label + "/qid", 1, "RSTVWXYZ") + chars(label + "/qid2", 12, "BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789")


def dkim_signature(label: str, d: str, s: str, h: str, t: dt.datetime, fold: str = "\n\t", google: bool = False) -> tuple[str, str]:
    sig = b64(label + "/dkim-b", 256 if google else 128)   # RSA-2048 (Google) / RSA-1024 (others)
    bh = b64(label + "/dkim-bh", 32)
    ts = int(t.timestamp())
    extra = f"; t={ts}; x={ts + 604800}; darn={ORG_DOMAIN}" if google else f"; t={ts}"
    lines = [f"v=1; a=rsa-sha256; c=relaxed/relaxed; d={d}; s={s}{extra};",
             f"h={h};", f"bh={bh};"]
    b = "b=" + sig
    lines += [b[i:i + 70] for i in range(0, len(b), 70)]
    return fold.join(lines), sig[:8]


def auth_results(dkim: tuple | None, spf: tuple, dmarc: tuple) -> str:
    parts = []
    if dkim is None:
        parts.append("dkim=none")
    else:
        res, d, s, b8 = dkim
        parts.append(f"dkim={res} header.d={d} header.s={s} header.b={b8}")
    res, mailfrom, ip = spf
    if res == "pass":
        parts.append(f"spf=pass (sender IP is {ip}) smtp.mailfrom={mailfrom}")
    else:
        parts.append(f"spf={res} smtp.mailfrom={mailfrom}")
    res, policy, dom = dmarc
    parts.append(f"dmarc={res}" + (f" (policy={policy})" if policy else "") + f" header.from={dom}")
    return MX + ";\n\t" + ";\n\t".join(parts)


def gateway_received(label: str, helo: str, rdns: str, ip: str, rcpt: str, t: dt.datetime,
                     cipher: str = "TLS_AES_256_GCM_SHA384 (256/256 bits)") -> str:
    return (f"from {helo} ({rdns} [{ip}])\n\t(using TLSv1.3 with cipher {cipher})\n"
            f"\tby {MX} (Postfix) with ESMTPS id {postfix_qid(label + '/gw')}\n"
            f"\tfor <{rcpt}>; {rfc_date(t, ZUTC, comment=True)}")


def first_rcpt(m: Msg) -> str:
    for p in m.to + m.cc:
        if p.domain == ORG_DOMAIN:
            return p.addr
    return (m.to + m.cc)[0].addr


EXO_SERVERS = {
    ANNA.addr: ("AM8PR04MB7315", "eurprd04"),
    LAURA.addr: ("DB9PR04MB8412", "eurprd04"),
    MARKUS.addr: ("AM9PR04MB8821", "eurprd04"),
    KENJI.addr: ("PAXPR04MB9130", "eurprd04"),
}
TENANT_ID = "6b1f0c2e-4d7a-4e39-9a51-0f3c8e2d7b64"


def exo_build(m: Msg, kind: str, build_id: str, index: str | None) -> list[tuple[str, str]]:
    server, region = EXO_SERVERS[m.sender.addr]
    fe80 = ":".join(hexs(m.sender.addr + "/fe80-" + str(i), 4).lstrip("0") or "0" for i in range(4))
    arrival = m.arrival
    dkim, b8 = dkim_signature(m.key, ORG_DOMAIN, "selector1",
                              "From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck",
                              m.date)
    n = num(m.key + "/obe", 10, 39)
    out_ip = f"203.0.113.{150 + n}"
    obe = f"mail-{'db3' if kind == 'owa' else 'am6'}eur04on20{n}.outbound.protection.outlook.com"
    h = [
        ("Return-Path", f"<{m.sender.addr}>"),
        ("Authentication-Results", auth_results(("pass", ORG_DOMAIN, "selector1", b8),
                                                ("pass", m.sender.addr, out_ip),
                                                ("pass", "reject", ORG_DOMAIN))),
        ("Received", gateway_received(m.key, f"EUR04-{'DB3' if kind == 'owa' else 'AM6'}-obe.outbound.protection.outlook.com",
                                      obe, out_ip, first_rcpt(m), arrival)),
        ("DKIM-Signature", dkim),
        ("Received", f"from {server}.{region}.prod.outlook.com ([fe80::{fe80}]) by\n {server}.{region}.prod.outlook.com "
                     f"([fe80::{fe80}%4]) with mapi id {build_id}; {rfc_date(m.date, ZUTC)}"),
        ("From", enc_name(m.sender, "exo")),
        ("To", addr_header(m.to, "exo", "\n\t")),
    ]
    if m.cc:
        h.append(("CC", addr_header(m.cc, "exo", "\n\t")))
    h += [("Subject", enc_text(m.subject, "exo")),
          ("Thread-Topic", enc_text(base_subject(m.subject), "exo"))]
    if index:
        h.append(("Thread-Index", index))
    h += [("Date", rfc_date(m.date, ZUTC)), ("Message-ID", f"<{m.msgid}>")]
    if m.refs():
        h.append(("References", ids_header(m.refs())))
    if m.irt():
        h.append(("In-Reply-To", ids_header(m.irt())))
    lang = {"ja": "ja-JP", "de": "de-DE"}.get(m.lang, "en-US")
    h += [("Accept-Language", f"{lang}, en-US" if lang != "en-US" else "en-US"),
          ("Content-Language", lang),
          ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", ""),
          ("authentication-results", f"dkim=none (message not signed)\n header.d=none;dmarc=none action=none header.from={ORG_DOMAIN};"),
          ("x-ms-publictraffictype", "Email"),
          ("X-MS-Exchange-CrossTenant-id", TENANT_ID),
          ("X-OriginatorOrg", ORG_DOMAIN)]
    return h


def base_subject(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"^\s*(\[[^\]]*\]\s*)?((re|aw|fwd?|wg)\s*:\s*)", "", s, flags=re.I)
    return s.strip()


def google_hops(m: Msg, sender_dom: str) -> list[tuple[str, str]]:
    n = num(m.key + "/g", 41, 79)
    host, ip = f"mail-sor-f{n}.google.com", f"198.51.100.{n}"
    t0 = m.date + dt.timedelta(seconds=1)
    dkim, b8 = dkim_signature(m.key, sender_dom, "google",
                              "cc:to:subject:message-id:date:from:in-reply-to:references:mime-version:from:to:cc:subject:date:message-id:reply-to"
                              if m.parent else "cc:to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id:reply-to",
                              t0, fold="\n        ", google=True)
    smtp_id = f"d9443c01a7336-{chars(m.key + '/sid', 10, '0123456789abcdef')}so{num(m.key + '/sid2', 1000000, 9999999)}"
    xr_id = (f"{chars(m.key + '/xr', 1, 'abcdefghijklmnopqrstuvwxyz')}{num(m.key + '/xr2', 1, 99)}-"
             f"20020a{chars(m.key + '/xr3', 10, '0123456789abcdef')}{chars(m.key + '/xr4', 20, '0123456789abcdef')}")
    return [
        ("Return-Path", f"<{m.sender.addr}>"),
        ("Authentication-Results", auth_results(("pass", sender_dom, "google", b8), ("pass", m.sender.addr, ip),
                                                ("pass", "quarantine" if sender_dom != ORG_DOMAIN else "reject", sender_dom))),
        ("Received", gateway_received(m.key, host, host, ip, first_rcpt(m), m.arrival,
                                      "TLS_AES_128_GCM_SHA256 (128/128 bits)")),
        ("Received", f"by {host} with SMTP id {smtp_id}\n        for <{first_rcpt(m)}>; {rfc_date(t0, PACIFIC, comment=True)}"),
        ("DKIM-Signature", dkim),
        ("X-Received", f"by 2002:a17:90b:{hexs(m.key + '/x1', 4).lstrip('0')}:b0:{hexs(m.key + '/x2', 3).lstrip('0')}:"
                       f"{hexs(m.key + '/x3', 4).lstrip('0')}:{hexs(m.key + '/x4', 3).lstrip('0')} with SMTP id {xr_id}"
                       f".{num(m.key + '/x5', 10, 99)}.{int(t0.timestamp())}{num(m.key + '/x6', 100, 999)};\n"
                       f"        {rfc_date(t0, PACIFIC, comment=True)}"),
    ]


# --------------------------------------------------------------------------------------------
# Builders per client
# --------------------------------------------------------------------------------------------

def text_part_headers(style: str, charset: str, cte: str, flowed: bool = False) -> str:
    if style == "apple":
        return f"Content-Transfer-Encoding: {cte}\nContent-Type: text/plain;\n\tcharset={charset}"
    if style == "roundcube":
        return f"Content-Transfer-Encoding: {cte}\nContent-Type: text/plain; charset={charset};\n format=flowed"
    if style == "exo":
        return f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: {cte}'
    return f'Content-Type: text/plain; charset="{charset}"' + (f"\nContent-Transfer-Encoding: {cte}" if cte != "7bit" else "")


def render(headers: list[tuple[str, str]], body: str) -> str:
    out = []
    for k, v in headers:
        out.append(f"{k}: {v}" if v != "" else f"{k}:")
    return "\n".join(out) + "\n\n" + body


def build_gmail(m: Msg) -> None:
    sender_dom = m.sender.domain
    plain = "\n".join(m.wire) + "\n"
    html_part = build_html(m)
    boundary = "000000000000" + hexs(m.key + "/b", 16)
    parts = [(text_part_headers("gmail", "UTF-8", "quoted-printable"), qp(plain)),
             (text_part_headers("gmail", "UTF-8", "quoted-printable").replace("text/plain", "text/html"), qp(html_part))]
    h = google_hops(m, sender_dom)
    h.append(("MIME-Version", "1.0"))
    if m.refs():
        h.append(("References", ids_header(m.refs())))
    if m.irt():
        h.append(("In-Reply-To", ids_header(m.irt())))
    h += [("From", enc_name(m.sender, "gmail")), ("Date", rfc_date(m.date, m.zone)),
          ("Message-ID", f"<{m.msgid}>"), ("Subject", enc_text(m.subject, "gmail")),
          ("To", addr_header(m.to, "gmail"))]
    if m.cc:
        h.append(("Cc", addr_header(m.cc, "gmail")))
    h.append(("Content-Type", f'multipart/alternative; boundary="{boundary}"'))
    m.raw = render(h, multipart(boundary, parts))


def build_owa(m: Msg, build_id: str, index: str) -> None:
    cs = "iso-2022-jp" if m.lang == "ja" else ("us-ascii" if is_ascii("\n".join(m.wire)) else "utf-8")
    plain = "\n".join(m.wire) + "\n"
    html_part = build_html(m)
    local = m.msgid.split("@")[0]
    boundary = f"_000_{local}{m.msgid.split('@')[1].split('.')[1][:4]}_"
    if cs == "iso-2022-jp":
        p1 = (text_part_headers("exo", cs, "7bit"), plain.encode("iso2022_jp").decode("ascii"))
        p2 = (text_part_headers("exo", cs, "7bit").replace("text/plain", "text/html"),
              html_part.encode("iso2022_jp").decode("ascii"))
    else:
        hcs = "us-ascii" if is_ascii(html_part) else "utf-8"
        p1 = (text_part_headers("exo", cs, "quoted-printable"), qp(plain, cs))
        p2 = (text_part_headers("exo", hcs, "quoted-printable").replace("text/plain", "text/html"),
              qp(html_part.replace("charset=utf-8", f"charset={hcs}"), hcs))
    h = exo_build(m, "owa", build_id, index)
    h += [("Content-Type", f'multipart/alternative;\n\tboundary="{boundary}"'), ("MIME-Version", "1.0")]
    m.raw = render(h, multipart(boundary, [p1, p2]))


def build_outlook_plain(m: Msg, build_id: str, index: str) -> None:
    text = "\n".join(m.wire) + "\n"
    h = exo_build(m, "plain", build_id, index)
    if is_ascii(text):
        h += [("Content-Type", 'text/plain; charset="us-ascii"'), ("Content-Transfer-Encoding", "7bit"),
              ("MIME-Version", "1.0")]
        body = text
    else:
        h += [("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", "quoted-printable"),
              ("MIME-Version", "1.0")]
        body = qp(text)
    m.raw = render(h, body)


def postfix_sender_hops(m: Msg, mta: str, mta_ip: str, client_from: str, auth_user: str | None,
                        dkim_dom: str | None, selector: str, dmarc: tuple, mailfrom: str | None = None,
                        extra_top: list | None = None) -> list[tuple[str, str]]:
    mailfrom = mailfrom or m.sender.addr
    t1 = m.date + dt.timedelta(seconds=1)
    h = [("Return-Path", f"<{mailfrom}>")]
    b8 = None
    dk = None
    if dkim_dom:
        dk, b8 = dkim_signature(m.key, dkim_dom, selector, "from:reply-to:subject:date:message-id:to:cc:mime-version:content-type:in-reply-to:references", t1)
    h.append(("Authentication-Results", auth_results(("pass", dkim_dom, selector, b8) if dkim_dom else None,
                                                     ("pass", mailfrom, mta_ip), dmarc)))
    h.append(("Received", gateway_received(m.key, mta, mta, mta_ip, first_rcpt(m), m.arrival)))
    if dk:
        h.append(("DKIM-Signature", dk))
    auth = f"\n\t(Authenticated sender: {auth_user})" if auth_user else ""
    h.append(("Received", f"from {client_from}{auth}\n\tby {mta} (Postfix) with ESMTPSA id {postfix_qid(m.key + '/s')};\n"
                          f"\t{rfc_date(t1, m.zone, comment=True)}"))
    if extra_top:
        h += extra_top
    return h


def build_thunderbird(m: Msg, lang_tag: str, client_ip: str, client_host: str) -> None:
    text = "\n".join(m.wire) + "\n"
    dom = m.sender.domain
    h = postfix_sender_hops(m, f"mail.{dom}", "192.0.2.25" if "fabrikam" in dom else "198.51.100.130",
                            f"[{client_ip}] ({client_host} [{client_ip}])", m.sender.addr.split("@")[0],
                            dom, "mail2024", ("pass", "reject" if "fabrikam" in dom else None, dom))
    h += [("Message-ID", f"<{m.msgid}>"), ("Date", rfc_date(m.date, m.zone)), ("MIME-Version", "1.0"),
          ("User-Agent", "Mozilla Thunderbird")]
    if m.parent:
        h += [("Subject", enc_text(m.subject, "tb")), ("Content-Language", lang_tag),
              ("To", addr_header(m.to, "tb"))]
        if m.cc:
            h.append(("Cc", addr_header(m.cc, "tb")))
        h += [("References", ids_header(m.refs())), ("From", enc_name(m.sender, "tb")),
              ("In-Reply-To", ids_header(m.irt()))]
    else:
        h += [("Content-Language", lang_tag), ("To", addr_header(m.to, "tb"))]
        if m.cc:
            h.append(("Cc", addr_header(m.cc, "tb")))
        h += [("From", enc_name(m.sender, "tb")), ("Subject", enc_text(m.subject, "tb"))]
    h += [("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
          ("Content-Transfer-Encoding", "7bit" if is_ascii(text) else "8bit")]
    m.raw = render(h, text)


def build_apple(m: Msg, version: str, client_ip: str) -> None:
    plain = "\n".join(m.wire) + "\n"
    html_part = build_html(m)
    boundary = "Apple-Mail=_" + "-".join(hexs(m.key + "/ab", 32, True)[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32)))
    parts = [(text_part_headers("apple", "utf-8", "quoted-printable"), qp(plain)),
             ("Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html;\n\tcharset=utf-8", qp(html_part))]
    n = num(m.key + "/g", 41, 79)
    host, ip = f"mail-wr1-f{n}.google.com", f"198.51.100.{n}"
    t0 = m.date + dt.timedelta(seconds=1)
    dkim, b8 = dkim_signature(m.key, m.sender.domain, "google",
                              "to:in-reply-to:date:subject:mime-version:message-id:references:from:from:to:cc:subject:date:message-id:reply-to",
                              t0, fold="\n        ", google=True)
    h = [("Return-Path", f"<{m.sender.addr}>"),
         ("Authentication-Results", auth_results(("pass", m.sender.domain, "google", b8), ("pass", m.sender.addr, ip),
                                                 ("pass", "quarantine", m.sender.domain))),
         ("Received", gateway_received(m.key, host, host, ip, first_rcpt(m), m.arrival, "TLS_AES_128_GCM_SHA256 (128/128 bits)")),
         ("Received", f"by {host} with SMTP id {chars(m.key + '/ws', 12, '0123456789abcdef')}so{num(m.key + '/ws2', 100000, 999999)}\n"
                      f"        for <{first_rcpt(m)}>; {rfc_date(t0, PACIFIC, comment=True)}"),
         ("DKIM-Signature", dkim),
         ("Received", f"from smtpclient.apple ([{client_ip}])\n        by smtp.gmail.com with ESMTPSA id "
                      f"v{num(m.key + '/v', 10, 99)}-20020a5d{hexs(m.key + '/v2', 16)}.{num(m.key + '/v3', 10, 99)}.{int(t0.timestamp())}\n"
                      f"        for <{first_rcpt(m)}>\n        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);\n"
                      f"        {rfc_date(t0, PACIFIC, comment=True)}"),
         ("From", enc_name(m.sender, "apple")),
         ("Content-Type", f'multipart/alternative;\n\tboundary="{boundary}"'),
         ("Mime-Version", f"1.0 (Mac OS X Mail 16.0 \\({version}\\))"),
         ("Subject", enc_text(m.subject, "apple")),
         ("Date", rfc_date(m.date, m.zone, pad_day=False))]
    if m.refs():
        h.append(("References", ids_header(m.refs())))
    h.append(("To", addr_header(m.to, "apple")))
    if m.irt():
        h.append(("In-Reply-To", ids_header(m.irt())))
    h += [("Message-Id", f"<{m.msgid}>"), ("X-Mailer", f"Apple Mail (2.{version})")]
    m.raw = render(h, multipart(boundary, parts))


def list_headers(m: Msg) -> list[tuple[str, str]]:
    mid_hash = base64.b32encode(hashlib.sha1(m.msgid.encode()).digest()).decode()
    arch = f"https://{LIST_HOST}/archives/list/customs-forum@{LIST_HOST}"
    return [("Message-ID-Hash", mid_hash), ("X-Message-ID-Hash", mid_hash),
            ("X-MailFrom", m.sender.addr),
            ("X-Mailman-Version", "3.3.9"), ("Precedence", "list"),
            ("List-Id", f"EU Customs Brokers Forum <customs-forum.{LIST_HOST}>"),
            ("Archived-At", f"<{arch}/message/{mid_hash}/>"),
            ("List-Post", f"<mailto:customs-forum@{LIST_HOST}>"),
            ("List-Unsubscribe", f"<mailto:customs-forum-leave@{LIST_HOST}>")]


LIST_FOOTER = ["_______________________________________________",
               f"customs-forum mailing list -- customs-forum@{LIST_HOST}",
               f"To unsubscribe send an email to customs-forum-leave@{LIST_HOST}"]


def list_delivery_hops(m: Msg, author_mta: str | None, author_ip: str | None) -> list[tuple[str, str]]:
    t_list = m.date + dt.timedelta(seconds=num(m.key + "/lt", 3, 9))
    dk, b8 = dkim_signature(m.key + "/list", LIST_HOST, "list", "from:subject:date:message-id:to:list-id:list-post", t_list)
    h = [("Return-Path", f"<{LIST_BOUNCES}>"),
         ("Authentication-Results", auth_results(("pass", LIST_HOST, "list", b8), ("pass", LIST_BOUNCES, "192.0.2.140"),
                                                 ("none", None, m.sender.domain))),
         ("Received", gateway_received(m.key, LIST_HOST, LIST_HOST, "192.0.2.140", MARKUS.addr, m.arrival)),
         ("DKIM-Signature", dk)]
    if author_mta:
        h.append(("Received", f"from {author_mta} ({author_mta} [{author_ip}])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n"
                              f"\tby {LIST_HOST} (Postfix) with ESMTPS id {postfix_qid(m.key + '/l')}\n"
                              f"\tfor <customs-forum@{LIST_HOST}>; {rfc_date(m.date + dt.timedelta(seconds=2), m.zone, comment=True)}"))
    else:
        h.append(("Received", f"from mailman-web (localhost [127.0.0.1])\n\tby {LIST_HOST} (Postfix) with ESMTP id {postfix_qid(m.key + '/l')}\n"
                              f"\tfor <customs-forum@{LIST_HOST}>; {rfc_date(m.date + dt.timedelta(seconds=1), ZUTC, comment=True)}"))
    return h


# --------------------------------------------------------------------------------------------
# The case
# --------------------------------------------------------------------------------------------

def msgid_gmail(label: str) -> str:
    return "CA" + chars(label + "/mid0", 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + chars(label + "/mid", 48, B64CH) + "@mail.gmail.com"


def msgid_exo(label: str, who: Person) -> str:
    server, region = EXO_SERVERS[who.addr]
    return f"{server}{hexs(label + '/mid', 25, True)}@{server}.{region}.prod.outlook.com"


def msgid_uuid(label: str, domain: str, upper: bool = False) -> str:
    x = hexs(label + "/uuid", 32, upper)
    x = x[:12] + "4" + x[13:16] + "89ab"[int(x[16], 16) % 4] + x[17:]
    x = x.upper() if upper else x
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}@{domain}"


SIG_JANE = ["-- ", "Jane Whitfield | Accounts Receivable", "Contoso Partners Ltd. | +44 20 7946 0321"]
SIG_DANIEL = ["-- ", "Daniel Brooks", "Procurement | Northwind Traders Inc., Chicago"]
SIG_ROBERT = ["Robert Lang", "Key Account Manager | Contoso Partners Ltd."]
SIG_ANNA = ["Anna Keller", "Accounts Payable | Northwind Traders GmbH"]
SIG_STEFAN = ["-- ", "Stefan Krüger", "Disposition | Fabrikam Logistics GmbH, Bremen"]
SUBJ_INV = "Outstanding invoice CP-2023-0917"
SUBJ_FRAME = "Framework agreement 2024 - price list"
SUBJ_SHIP = "Shipping schedule April – container bookings"
SUBJ_STOCK = "Quarterly stock count"
SUBJ_LIST = "[customs-forum] ICS2 release 3: HS codes on maritime house bills"

WORDS = ("amber basin cobalt delta ember fjord granite harbor island juniper kelp lantern meadow "
         "nickel orchard pebble quartz ridge saffron timber umber valley willow yarrow zephyr "
         "anchor bramble cedar dune estuary falcon glacier heron inlet jetty kestrel lagoon").split()


def tiny_zip(label: str, inner_name: str, when: tuple) -> bytes:
    words = [WORDS[b % len(WORDS)] for b in _h(label + "/words", 48)]
    text = "\r\n".join(" ".join(words[i:i + 8]) for i in range(0, len(words), 8)) + "\r\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        zi = zipfile.ZipInfo(inner_name, date_time=when)
        zi.compress_type = zipfile.ZIP_STORED
        zi.create_system = 0
        zi.create_version = 20
        zi.extract_version = 20
        zi.external_attr = 0x20
        z.writestr(zi, text.encode("ascii"))
    return buf.getvalue()


def strip_addresses(lines: list[str], addrs: set[str]) -> tuple[list[str], list[str]]:
    """Remove '<addr>' / '<addr<mailto:addr>>' after names and bare 'addr' in header rows."""
    removed: set[str] = set()
    out = []
    for line in lines:
        new = line
        for a in addrs:
            pat = re.compile(r"\s*<" + re.escape(a) + r"(?:<mailto:" + re.escape(a) + r">)?>")
            if pat.search(new):
                removed.add(a)
                new = pat.sub("", new)
        out.append(new)
    return out, sorted(removed)


def build_case() -> list[Msg]:
    msgs: list[Msg] = []

    def add(m: Msg) -> Msg:
        msgs.append(m)
        return m

    # ============ Thread FRAME: Northwind (Daniel, Gmail) <-> Contoso (Robert, Apple Mail) ============
    p1 = add(Msg("frame-1", "gmail", DANIEL, CHICAGO.at("2023-06-05 10:12:41"), [ROBERT], [], SUBJ_FRAME, [
        "Hi Robert,", "",
        "Great to meet you at the trade fair last week. As discussed, we would like to move our recurring garden "
        "furniture orders to a framework agreement for 2024.", "",
        "Could you send us your 2024 price list and your standard framework terms (volume tiers, payment terms, "
        "delivery)? We would like to have the agreement signed before our budget round in the autumn.", "",
        "Thanks,", "Daniel", ""] + SIG_DANIEL,
        thread="FRAME", role="clean thread start (Gmail, Google Workspace mailbox of Northwind's US office)"))
    p2 = add(Msg("frame-2", "apple", ROBERT, UK.at("2023-06-06 17:45:03"), [DANIEL], [], "Re: " + SUBJ_FRAME, [
        "Hi Daniel,", "",
        "Likewise, and thanks for following up so quickly. Our 2024 price list will be final by the end of June; "
        "I'll send it together with the draft framework terms once our legal team has reviewed them.", "",
        "As a first indication: 5% on an annual volume from EUR 250k, 8% from EUR 500k, payment 30 days net, "
        "delivery DAP Hamburg.", "",
        "Best,", "Robert", ""] + SIG_ROBERT, parent=p1,
        thread="FRAME", role="clean reply (Apple Mail, blockquote type=cite)"))
    p3 = add(Msg("frame-3", "gmail", DANIEL, CHICAGO.at("2023-06-07 09:03:27"), [ROBERT], [], "Re: " + SUBJ_FRAME, [
        "Thanks Robert, that works for us. Please send the draft when it's ready; I'll come back to you once our "
        "finance team has reviewed it after the budget round.", "",
        "Daniel", ""] + SIG_DANIEL, parent=p2,
        thread="FRAME", role="clean reply (Gmail, div.gmail_quote)"))

    # ============ Thread INV: Contoso (Jane, Gmail) <-> Northwind (Anna, Outlook on the web) ============
    c1 = add(Msg("inv-1", "gmail", JANE, UK.at("2023-10-16 09:14:22"), [ANNA], [DANIEL], SUBJ_INV, [
        "Hi Anna,", "",
        "I hope you're well. Our ledger still shows invoice CP-2023-0917 (dated 31 August, EUR 18,450.00, net 30 "
        "days) as open; it was due on 30 September.", "",
        "Could you let me know whether it has been scheduled for payment, or whether anything is blocking it on "
        "your side? The invoice went to ap@northwind-traders.example on 31 August.", "",
        "Kind regards,", "Jane", ""] + SIG_JANE,
        thread="INV", role="clean thread start (Gmail); this thread is later stolen"))
    c2 = add(Msg("inv-2", "owa", ANNA, CET.at("2023-10-17 10:02:11"), [JANE], [DANIEL], "RE: " + SUBJ_INV, [
        "Hi Jane,", "",
        "Thanks for the reminder. The invoice was on hold because it did not carry a purchase order number, so "
        "our system could not match it. Daniel has now confirmed the goods receipt against PO 4500-2231 and I "
        "have released it.", "",
        "It will go out with our payment run on Friday, 20 October.", "",
        "Best regards,", "Anna", ""] + SIG_ANNA, parent=c1,
        thread="INV", role="clean reply (Outlook on the web: underscore separator + From/Sent/To/Cc/Subject block, Thread-Index)"))
    c3 = add(Msg("inv-3", "gmail", JANE, UK.at("2023-10-17 11:26:40"), [ANNA], [DANIEL], "Re: " + SUBJ_INV, [
        "Thanks Anna, that's great news. I've asked our billing team to put the PO number on all future invoices "
        "to Northwind.", "",
        "Jane", ""] + SIG_JANE, parent=c2,
        thread="INV", role="clean reply (Gmail 'On ... wrote:' with > quoting; HTML div.gmail_quote)"))
    c4 = add(Msg("inv-4", "gmail", JANE, UK.at("2023-11-06 14:40:18"), [ANNA], [DANIEL], "Re: " + SUBJ_INV, [
        "Hi Anna,", "",
        "We received your payment of EUR 18,000.00 on 23 October, thank you. That leaves EUR 450.00 open on "
        "CP-2023-0917. Was this deducted on purpose? If it relates to the damaged carton from the August "
        "delivery, could you send me the reference so I can match it?", "",
        "Best,", "Jane", ""] + SIG_JANE, parent=c3,
        thread="INV", role="clean follow-up (Gmail, three quote levels)"))
    c5 = add(Msg("inv-5", "owa", ANNA, CET.at("2023-11-07 10:12:33"), [JANE], [DANIEL], "RE: " + SUBJ_INV, [
        "Hello Jane,", "",
        "Yes, the EUR 450.00 was deducted on purpose. It is credit note CN-2023-044, which your colleague Robert "
        "Lang issued on 12 September for the damaged carton (delivery note DN-88213). If you match the credit "
        "note against CP-2023-0917, the invoice is settled on both sides.", "",
        "Let me know if you need a copy of the credit note.", "",
        "Best regards,", "Anna", ""] + SIG_ANNA, parent=c4,
        thread="INV", role="clean reply, last genuine message of the thread (the one the hijackers paste)"))

    # ============ Thread FRAME revived after 8 months, then forwarded internally ============
    p4 = add(Msg("frame-4", "apple", ROBERT, UK.at("2024-02-13 10:21:55"), [DANIEL], [], "Re: " + SUBJ_FRAME, [
        "Hi Daniel,", "",
        "Any update on this? I sent the draft framework terms and the 2024 price list to your procurement "
        "mailbox in September and haven't heard back since. Happy to walk you through both in a short call if "
        "that helps.", "",
        "Best,", "Robert", ""] + SIG_ROBERT, parent=p3,
        thread="FRAME", role="HARD NEGATIVE: legitimate revival 251 days later by a real participant, same client family, no links"))
    add(Msg("frame-5", "gmail", DANIEL, CHICAGO.at("2024-02-13 08:47:10"), [LAURA], [], "Fwd: Re: " + SUBJ_FRAME, [
        "Hi Laura,", "",
        "Contoso is picking up the framework agreement again (see below). Could we go through the volume tiers "
        "on Thursday before I reply to Robert?", "",
        "Thanks,", "Daniel", ""] + SIG_DANIEL, parent=p4, forward=True,
        thread="FRAME", role="HARD NEGATIVE: legitimate internal forward (Gmail '---------- Forwarded message ---------')"))

    # ============ Thread SHIP: Northwind (Markus, Outlook, German UI) <-> Fabrikam (Stefan, Thunderbird) ============
    f1 = add(Msg("ship-1", "outlook-plain", MARKUS, CET.at("2024-03-11 09:02:15"), [STEFAN], [NW_LOGISTICS], SUBJ_SHIP, [
        "Hello Stefan,", "",
        "For April we need to ship the following from Hamburg via Rotterdam to Felixstowe:", "",
        "  Week 14: 3 x 40' HC (order NW-24-1187, garden furniture)",
        "  Week 15: 2 x 40' HC + 1 x 20' (order NW-24-1203)",
        "  Week 17: 4 x 40' HC (order NW-24-1240, pending final confirmation)", "",
        "Could you send us the vessel schedule and book the slots for weeks 14 and 15? The cut-off times would "
        "be helpful as well.", "",
        "Thanks and best regards", "Markus Vogel", "", "Northwind Traders GmbH | Logistics"],
        thread="SHIP", lang="de", role="clean thread start (Outlook desktop, plain text)"))
    f2 = add(Msg("ship-2", "thunderbird", STEFAN, CET.at("2024-03-11 14:37:09"), [MARKUS], [NW_LOGISTICS], "Re: " + SUBJ_SHIP, [
        "Hello Markus,", "",
        "here is the April schedule (feeder Hamburg - Rotterdam, then Rotterdam - Felixstowe):", "",
        "  Week 14: MV Nordic Star, ETD Hamburg 02.04., cut-off 28.03. 12:00",
        "  Week 15: MV Elbe Trader, ETD Hamburg 09.04., cut-off 05.04. 12:00",
        "  Week 17: MV Nordic Star, ETD Hamburg 23.04., cut-off 19.04. 12:00", "",
        "Weeks 14 and 15 are booked (FBL-448120 and FBL-448137). For week 17 I have placed a provisional hold "
        "until 12.04.", "",
        "Best regards", "Stefan", ""] + SIG_STEFAN, parent=f1,
        thread="SHIP", role="clean reply (Thunderbird, German attribution 'Am ... schrieb ...:', format=flowed)"))
    f3 = add(Msg("ship-3", "outlook-plain", MARKUS, CET.at("2024-03-12 09:40:52"), [STEFAN], [NW_LOGISTICS], "AW: " + SUBJ_SHIP, [
        "Hallo Stefan,", "",
        "danke für die schnelle Buchung. Woche 17 können wir inzwischen bestätigen, bitte die Option in eine "
        "feste Buchung umwandeln. Außerdem kommt in KW 15 noch ein 20'-Container dazu (Auftrag NW-24-1209), "
        "falls auf der MV Elbe Trader noch Platz ist.", "",
        "Viele Grüße", "Markus Vogel", "", "Northwind Traders GmbH | Logistik"], parent=f2,
        thread="SHIP", lang="de", role="clean German reply ('-----Ursprüngliche Nachricht-----', Von:/Gesendet:/An:/Cc:/Betreff:)"))
    f4 = add(Msg("ship-4", "thunderbird", STEFAN, CET.at("2024-03-12 13:05:31"), [MARKUS], [NW_LOGISTICS], "Re: AW: " + SUBJ_SHIP, [
        "Hallo Markus,", "",
        "KW 17 ist jetzt fest gebucht (FBL-448190). Den zusätzlichen 20' in KW 15 bekommen wir noch auf die MV "
        "Elbe Trader, Buchung FBL-448141. Die Buchungsbestätigungen kommen wie gewohnt über das Kundenportal.", "",
        "Viele Grüße", "Stefan", ""] + SIG_STEFAN, parent=f3,
        thread="SHIP", role="clean German reply (Thunderbird, nested > quoting)"))
    f5 = add(Msg("ship-5", "outlook-plain", MARKUS, CET.at("2024-03-13 16:20:07"), [STEFAN], [NW_LOGISTICS], "AW: AW: " + SUBJ_SHIP, [
        "Hallo Stefan,", "",
        "perfekt, danke! Damit ist der April komplett. Die Ladelisten schicken wir jeweils zwei Werktage vor dem "
        "Cut-off.", "",
        "Viele Grüße", "Markus Vogel", "", "Northwind Traders GmbH | Logistik"], parent=f4,
        thread="SHIP", lang="de", role="clean reply, last genuine message of the thread"))
    add(Msg("ship-6", "roundcube", STEFAN, CET.at("2024-03-14 12:47:03"), [MARKUS], [NW_LOGISTICS, NW_AP],
            "Re: AW: AW: " + SUBJ_SHIP, [
        "Hello Markus,", "",
        "please note that our bank details have changed. The updated invoice for the April bookings and the "
        "confirmation letter from our new bank are in the secured archive below:", "",
        "https://files.example.net/s/fl-88k3Qm/Fabrikam_Invoice_April.zip",
        "Password: 4821", "",
        "Kindly update our vendor record before your next payment run.", "",
        "Best regards", "Stefan Krüger"], parent=f5,
        thread="SHIP", verdict="victim-thread-hijack",
        role="VICTIM THREAD HIJACK: Stefan's real mailbox, 20.5 h after the last message, different client (Roundcube)"))

    # ============ Thread STOCK: Northwind internal (Laura, Kenji ja, Markus de) ============
    q1 = add(Msg("stock-1", "outlook-plain", LAURA, CET.at("2024-03-27 15:10:44"), [KENJI, MARKUS], [], SUBJ_STOCK, [
        "Hi Kenji, hi Markus,", "",
        "The Q1 stock count for the Hamburg and Tokyo warehouses is due on Thursday, 28 March. Please use the "
        "count sheets from the ERP (report INV-STK-07) and send me the signed summaries by Wednesday, 3 April. "
        "Items with a variance above 2% need a recount before you submit.", "",
        "From this quarter on, please also attach the recount list to your summary.", "",
        "Thank you,", "Laura", "", "Laura Schmidt", "Head of Finance | Northwind Traders GmbH"],
        thread="STOCK", role="clean internal thread start (Outlook desktop, plain text; a body line starts with 'From ')"))
    q2 = add(Msg("stock-2", "owa", KENJI, JST.at("2024-03-28 10:15:20"), [LAURA], [MARKUS], "RE: " + SUBJ_STOCK, [
        "Laura-san,", "",
        "Tokyo will count on Thursday afternoon as planned. One point: about 120 units of SKU TK-4410 are still in "
        "the bonded warehouse in Yokohama, so we will count them from the warehouse certificate.", "",
        "東京倉庫の棚卸は予定どおり28日（木）午後に実施します。",
        "横浜の保税倉庫にあるTK-4410（約120個）は、保税倉庫の在庫証明書で計上します。", "",
        "Best regards,", "Kenji Sato", "佐藤 健二", "Northwind Traders K.K. | Tokyo"], parent=q1,
        thread="STOCK", lang="ja",
        role="clean reply (Outlook on the web, Japanese UI: 差出人/送信日時/宛先/件名 block, ISO-2022-JP)"))
    q3 = add(Msg("stock-3", "outlook-plain", MARKUS, CET.at("2024-03-28 09:02:36"), [KENJI, LAURA], [], "AW: " + SUBJ_STOCK, [
        "Hi Laura,", "",
        "Hamburg is ready for Thursday as well; we start at 07:00, so the figures should be in the ERP by the "
        "evening. The 20' container for order NW-24-1209 leaves on 5 April and is already picked, so those goods "
        "will be counted as in transit.", "",
        "Kenji, thanks for the note on Yokohama.", "",
        "Best regards", "Markus Vogel", "", "Northwind Traders GmbH | Logistik"], parent=q2,
        thread="STOCK", lang="de", role="clean reply (German Outlook block around a Japanese block, UTF-8)"))
    add(Msg("stock-4", "outlook-plain", LAURA, CET.at("2024-04-03 17:45:12"), [MARKUS, KENJI], [], "RE: " + SUBJ_STOCK, [
        "Hi both,", "",
        "Thank you, both summaries are in. The total variance is 0.4% (Hamburg 0.3%, Tokyo 0.6%), so no recount "
        "is needed. I am closing the Q1 inventory today.", "",
        "Laura"], parent=q3,
        thread="STOCK", role="clean reply ('-----Original Message-----', three nested blocks in three languages)"))

    # ============ Mailing list thread with a benign broken References chain ============
    l1 = add(Msg("list-1", "thunderbird", PIETER, CET.at("2024-05-14 08:55:12"), [LIST_ADDR], [], SUBJ_LIST, [
        "Hello all,", "",
        "with ICS2 release 3 going live for maritime on 3 June, our carriers now insist on six-digit HS codes for "
        "every house bill. Several of our customers only give us a free-text goods description.", "",
        "How are you handling this? Do you reject the booking until the shipper supplies the code, or do you "
        "classify yourselves and accept the liability?", "",
        "Regards,", "Pieter", "", "-- ", "Pieter de Vries", "De Vries Customs Brokers B.V., Rotterdam"],
        thread="LIST", role="clean list post (Mailman 3 list, subject tag, footer)"))
    l2 = add(Msg("list-2", "mutt", SVEN, CET.at("2024-05-14 11:20:48"), [LIST_ADDR], [],
                 "[customs-forum] Re: ICS2 release 3: HS codes on maritime house bills", [], parent=l1,
                 thread="LIST", role="clean list reply (mutt, bottom-posted inline quote)"))
    l2.own = ([f"On Tue, May 14, 2024 at 08:55:12AM +0200, {PIETER.name} wrote:",
               "> with ICS2 release 3 going live for maritime on 3 June, our carriers now",
               "> insist on six-digit HS codes for every house bill. Several of our",
               "> customers only give us a free-text goods description.",
               ">",
               "> How are you handling this? Do you reject the booking until the shipper",
               "> supplies the code, or do you classify yourselves and accept the",
               "> liability?", "",
               "We reject. Since April our booking form does not accept a house bill",
               "without an HS code, and we tell the customer why. Classifying on their",
               "behalf is a liability we don't want.", "",
               "Sven", "", "-- ", "Sven Olsen, Nordhafen Shipping A/S, Aarhus"])
    add(Msg("list-3", "hyperkitty", MARTA, dt.datetime(2024, 5, 14, 13, 2, 30, tzinfo=UTC), [LIST_ADDR], [],
            "[customs-forum] Re: ICS2 release 3: HS codes on maritime house bills", [
        "> We reject. Since April our booking form does not accept a house bill without an HS code", "",
        "Same here, with one exception: for regular shippers we keep a classification table that the shipper "
        "signs off once a year. That keeps the liability with them and the bookings moving.", "",
        "Marta Kowalska", "Baltic Freight Sp. z o.o., Gdynia"], parent=l2,
        thread="LIST", role="HARD NEGATIVE: benign broken chain, In-Reply-To is the parent but References lacks it"))

    # ============ Subject-only "thread": Re: Quarterly stock count without any reply headers ============
    add(Msg("stock-subj", "thunderbird", STEFAN, CET.at("2024-07-02 10:31:26"), [MARKUS], [], "Re: " + SUBJ_STOCK, [
        "Hello Markus,", "",
        "as agreed on the phone this morning, here are the results of the stock count our warehouse team did "
        "for your goods in our Bremen warehouse (count date 28.06.2024):", "",
        "  Northwind pallets in stock:   412",
        "  of which customs-cleared:     288",
        "  damaged / blocked:              3 (already reported, claim FBL-C-2291)", "",
        "The detailed count list is in the customer portal under Reports > Inventory.", "",
        "Best regards", "Stefan", ""] + SIG_STEFAN,
        thread="STOCK-SUBJ",
        role="subject-only match: 'Re:' typed by hand, no In-Reply-To/References, unrelated to thread STOCK "
             "(real Stefan, usual Thunderbird, after the incident)"))

    # ============ New genuine Contoso mail shortly before the hijack waves ============
    add(Msg("stmt-1", "gmail", JANE, UK.at("2025-01-08 11:05:44"), [ANNA], [], "Statement of account - December 2024", [
        "Hi Anna,", "",
        "Happy new year! Below is our statement of account for Northwind Traders GmbH as of 31 December 2024:", "",
        "  CP-2024-1102   12 Nov 2024   EUR  9,870.00   paid 10 Dec 2024",
        "  CP-2024-1187   03 Dec 2024   EUR 14,215.50   due 02 Jan 2025", "",
        "Could you let me know when CP-2024-1187 is scheduled for payment?", "",
        "Kind regards,", "Jane", ""] + SIG_JANE,
        thread="STMT", role="clean new thread from the real Jane Whitfield (her real address, 2025)"))

    # ============ External thread hijacks of thread INV (three waves) ============
    add(Msg("hijack-w1", "bot", HIJ1, CET.at("2025-01-14 10:37:52"), [ANNA, DANIEL], [], "RE: " + SUBJ_INV, [],
            in_reply_to=[], references=[], thread="INV", verdict="external-thread-hijack",
            role="EXTERNAL HIJACK wave 1: spoofed display name, scrambled address on an unrelated domain, zip"))
    add(Msg("hijack-w2", "bot", HIJ2, dt.datetime(2025, 1, 23, 8, 14, 9, tzinfo=UTC), [NW_AP], [], "RE: " + SUBJ_INV, [],
            references=[], thread="INV", verdict="external-thread-hijack",
            role="EXTERNAL HIJACK wave 2: lookalike domain contoso-partner.example, link"))
    add(Msg("hijack-w3", "bot", HIJ3, CET.at("2025-02-06 09:58:31"), [LAURA], [MARKUS], "AW: " + SUBJ_INV, [],
            thread="INV", verdict="external-thread-hijack",
            role="EXTERNAL HIJACK wave 3: German lure, headers point at the stolen message"))
    return msgs


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------

EXO_BUILDS = [(dt.datetime(2023, 9, 1, tzinfo=UTC), "15.20.6886.034"), (dt.datetime(2024, 1, 1, tzinfo=UTC), "15.20.7362.019"),
              (dt.datetime(2024, 3, 20, tzinfo=UTC), "15.20.7409.028")]


def exo_build_id(t: dt.datetime) -> str:
    bid = EXO_BUILDS[0][1]
    for since, b in EXO_BUILDS:
        if t >= since:
            bid = b
    return bid


def assign_ids(msgs: list[Msg]) -> None:
    for m in msgs:
        c = m.client
        if c == "gmail":
            m.msgid = msgid_gmail(m.key)
        elif c in ("owa", "outlook-plain"):
            m.msgid = msgid_exo(m.key, m.sender)
        elif c == "apple":
            m.msgid = msgid_uuid(m.key, m.sender.domain, upper=True)
        elif c == "thunderbird":
            m.msgid = msgid_uuid(m.key, m.sender.domain)
        elif c == "roundcube":
            m.msgid = f"{hexs(m.key + '/rc', 32)}@{m.sender.domain}"
        elif c == "mutt":
            m.msgid = f"{chars(m.key + '/mutt', 16)}@{m.sender.domain}"
        elif c == "hyperkitty":
            m.msgid = f"{int(m.date.timestamp() * 100)}.{num(m.key + '/pid', 1000, 9999)}.{num(m.key + '/r', 10**18, 2**64 - 1)}@{LIST_HOST}"
        elif m.key == "hijack-w1":
            m.msgid = f"{hexs(m.key + '/1', 12)}${hexs(m.key + '/2', 8)}${hexs(m.key + '/3', 8)}@{m.sender.domain}"
        elif m.key == "hijack-w2":
            m.msgid = f"{chars(m.key + '/php', 32)}@{m.sender.domain}"
        elif m.key == "hijack-w3":
            m.msgid = f"{m.date:%Y%m%d%H%M%S}.{postfix_qid(m.key + '/s')}@mail.{m.sender.domain}"
    by_key = {m.key: m for m in msgs}
    # the broken list chain: References holds only the thread root
    by_key["list-3"].references = [by_key["list-1"].msgid]


def arrival_time(m: Msg) -> dt.datetime:
    if m.thread == "LIST":
        return m.date + dt.timedelta(seconds=num(m.key + "/arr", 20, 75))
    return m.date + dt.timedelta(seconds=num(m.key + "/arr", 2, 6))


def thread_indexes(msgs: list[Msg]) -> dict[str, str]:
    """Exchange keeps one conversation index per thread: the root is stamped when the first message
    reaches a Northwind mailbox, every reply adds a 5-byte child block."""
    out: dict[str, str] = {}
    for m in msgs:
        if m.client not in ("owa", "outlook-plain"):
            continue
        chain = []
        x = m
        while x is not None:
            chain.append(x)
            x = x.parent
        chain.reverse()
        root = chain[0]
        out[m.key] = thread_index("conv/" + root.key, root.date, [c.date for c in chain[1:]])
    return out


def build_hijacks(msgs: list[Msg]) -> None:
    by_key = {m.key: m for m in msgs}
    c5 = by_key["inv-5"]
    stolen = list(c5.wire)     # the text/plain body of the stolen Outlook message

    def cut_before(lines: list[str], startswith: str, occurrence: int = 1) -> list[str]:
        n = 0
        for i, ln in enumerate(lines):
            if ln.startswith(startswith):
                n += 1
                if n == occurrence:
                    j = i
                    while j > 0 and lines[j - 1] == "":
                        j -= 1
                    return lines[:j]
        return lines

    # ---- wave 1: Outlook-looking bot, fabricated block without addresses, zip attachment ----
    w1 = by_key["hijack-w1"]
    lure1 = ["Hello,", "", "Please see the attached document and confirm.", ""]
    fab1 = ["_" * 32, "From: Anna Keller", f"Sent: {outlook_sent(c5.date, CET, 'en')}", "To: Jane Whitfield",
            f"Cc: {DANIEL.plain()}", f"Subject: {c5.subject}", ""]
    auth1, strip1 = strip_addresses(stolen, {ANNA.addr, JANE.addr})
    w1.wire = lure1 + fab1 + auth1
    w1.labels = dict(splice_line=len(lure1) + len(fab1) + 1, fabricated_block=fab1[:-1], stripped=strip1,
                     block_without_address=[ANNA.addr, JANE.addr], lure_language="en", delivery="attachment",
                     attribution_style="outlook-block (fabricated)", truncated="no (full stolen message)")
    # ---- wave 2: PHPMailer on a lookalike domain, programmatic ' : ' preamble, link ----
    w2 = by_key["hijack-w2"]
    lure2 = ["Good morning,", "",
             "Here is the document you requested: https://files.example.net/d/7Qk2xVbW/CP-2023-0917.zip",
             "Please look into this as a matter of urgency.", ""]
    fab2 = ["-----Original Message-----", "From : Anna Keller", f"Sent : {c5.date:%d %B %Y %H:%M}",
            f"To : {JANE.plain()}", f"Subject : {c5.subject}", ""]
    part2 = cut_before(stolen, "On ", 1)
    auth2, strip2 = strip_addresses(part2, {ANNA.addr})
    w2.wire = lure2 + fab2 + auth2
    w2.in_reply_to = [msgid_gmail("ghost/jane-reply")]
    w2.labels = dict(splice_line=len(lure2) + len(fab2) + 1, fabricated_block=fab2[:-1], stripped=strip2,
                     block_without_address=[ANNA.addr], lure_language="en", delivery="link",
                     attribution_style="'-----Original Message-----' with ' : ' labels (fabricated)",
                     truncated="after the quoted 6 Nov 2023 message (drops the 17 and 16 Oct messages)")
    # ---- wave 3: German lure, unquoted 'Am ... schrieb' splice, headers of the stolen message ----
    w3 = by_key["hijack-w3"]
    lure3 = ["Guten Tag,", "", "anbei die angeforderten Unterlagen zur Rechnung CP-2023-0917:",
             "https://share.example.org/s/Xb81LqTz", "Kennwort: 7731", "",
             "Bitte prüfen und bestätigen Sie den Betrag.", ""]
    lt = CET.local(c5.date)
    fab3 = [f"Am {lt:%d.%m.%Y} um {lt:%H:%M} schrieb Anna Keller:"]
    part3 = cut_before(stolen, "_" * 32, 2)
    auth3, strip3 = strip_addresses(part3, {JANE.addr, DANIEL.addr})
    w3.wire = lure3 + fab3 + auth3
    w3.in_reply_to = [c5.msgid]
    w3.references = c5.refs() + [c5.msgid]
    w3.labels = dict(splice_line=len(lure3) + len(fab3) + 1, fabricated_block=fab3, stripped=strip3,
                     block_without_address=[ANNA.addr], lure_language="de", delivery="link+password",
                     attribution_style="'Am ... schrieb Anna Keller:' without address, text not '>'-quoted (fabricated)",
                     truncated="before the 16 Oct 2023 block (keeps 7 Nov, 6 Nov, 17 Oct x2)")
    for w in (w1, w2, w3):
        w.labels["splice_first_line"] = w.wire[w.labels["splice_line"] - 1]
        w.labels["reuse_group"] = "INV-stolen-inv-5"
        w.labels["spoofed_participant"] = {"name": JANE.name, "real_address": JANE.addr}
        w.labels["stolen_message"] = c5.msgid


def bot_headers(m: Msg, mta: str, mta_ip: str, client: str, dkim_sel: str, dmarc_policy: str | None,
                dmarc_res: str, exim: bool = False) -> list[tuple[str, str]]:
    dom = m.sender.domain
    t1 = m.date + dt.timedelta(seconds=1)
    dk, b8 = dkim_signature(m.key, dom, dkim_sel, "from:to:cc:subject:date:message-id:mime-version:content-type", t1)
    h = [("Return-Path", f"<{m.sender.addr}>"),
         ("Authentication-Results", auth_results(("pass", dom, dkim_sel, b8), ("pass", m.sender.addr, mta_ip),
                                                 (dmarc_res, dmarc_policy, dom))),
         ("Received", gateway_received(m.key, mta, mta if not exim else "unknown", mta_ip, first_rcpt(m), m.arrival)),
         ("DKIM-Signature", dk)]
    if exim:
        h.append(("Received", f"from [{client}] (helo=DESKTOP-7K2PQ1M)\n\tby {mta} with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384\n"
                              f"\t(Exim 4.96)\n\t(envelope-from <{m.sender.addr}>)\n\tid 1t{chars(m.key + '/ex', 4)}-000{num(m.key + '/ex2', 1, 9)}"
                              f"{chars(m.key + '/ex3', 2)}-{chars(m.key + '/ex4', 2)};\n\t{rfc_date(t1, ZUTC)}"))
    else:
        h.append(("Received", f"from [{client}] (unknown [{client}])\n\tby {mta} (Postfix) with ESMTPSA id {postfix_qid(m.key + '/s')};\n"
                              f"\t{rfc_date(t1, m.zone, comment=True)}"))
    return h


def assemble(msgs: list[Msg]) -> None:
    idx = thread_indexes(msgs)
    for m in msgs:
        m.arrival = arrival_time(m)
        m.env_from = LIST_BOUNCES if m.thread == "LIST" else m.sender.addr
    for m in msgs:   # parents are built before children (list order)
        c = m.client
        if c == "bot":
            continue
        m.wire = build_wire(m)
        if c == "gmail":
            build_gmail(m)
        elif c == "owa":
            build_owa(m, exo_build_id(m.date), idx[m.key])
        elif c == "outlook-plain":
            build_outlook_plain(m, exo_build_id(m.date), idx[m.key])
        elif c == "apple":
            build_apple(m, "3731.600.7" if m.date.year == 2023 else "3774.400.31",
                        "198.51.100.23" if m.date.year == 2023 else "203.0.113.150")
        elif c == "thunderbird":
            if m.thread == "LIST":
                build_list_tb(m)
            else:
                build_thunderbird(m, "de-DE", "10.20.1.57", "pc-sk-017.fabrikam.local")
        elif c == "roundcube":
            build_roundcube(m)
        elif c == "mutt":
            build_mutt(m)
        elif c == "hyperkitty":
            build_hyperkitty(m)
        if c == "thunderbird":
            m.wire_logical = logical_tb(m)
    build_hijacks(msgs)
    build_bots(msgs)


def logical_tb(m: Msg) -> list[str]:
    out = []
    for ln in m.wire:
        if out and out[-1].endswith(" ") and out[-1] != "-- " and not out[-1].endswith("> -- "):
            prefix = re.match(r"^>+ ?", ln)
            out[-1] = out[-1] + ln[len(prefix.group(0)) if prefix else 0:]
        else:
            out.append(ln)
    return [ln[1:] if ln.startswith(" ") else ln for ln in out]


def build_list_tb(m: Msg) -> None:
    m.wire = wrap_flowed(list(m.own)) + LIST_FOOTER
    text = "\n".join(m.wire) + "\n"
    h = list_delivery_hops(m, "mail.devries-customs.example", "198.51.100.130")
    h.append(("Received", f"from [192.168.10.23] (unknown [192.168.10.23])\n\t(Authenticated sender: pieter.devries)\n"
                          f"\tby mail.devries-customs.example (Postfix) with ESMTPSA id {postfix_qid(m.key + '/s')};\n"
                          f"\t{rfc_date(m.date + dt.timedelta(seconds=1), CET, comment=True)}"))
    h += [("Message-ID", f"<{m.msgid}>"), ("Date", rfc_date(m.date, m.zone)), ("MIME-Version", "1.0"),
          ("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "en-US"),
          ("To", addr_header(m.to, "tb")), ("From", enc_name(m.sender, "tb")), ("Subject", m.subject),
          ("Content-Type", "text/plain; charset=UTF-8; format=flowed"), ("Content-Transfer-Encoding", "7bit")]
    h += list_headers(m)
    m.raw = render(h, text)


def build_mutt(m: Msg) -> None:
    m.wire = list(m.own) + LIST_FOOTER
    text = "\n".join(m.wire) + "\n"
    h = list_delivery_hops(m, "mail.nordhafen-shipping.example", "203.0.113.212")
    h.append(("Received", f"by mail.nordhafen-shipping.example (Postfix, from userid 1000)\n\tid {postfix_qid(m.key + '/m')}; "
                          f"{rfc_date(m.date, CET, comment=True)}"))
    h += [("Date", rfc_date(m.date, m.zone)), ("From", enc_name(m.sender, "tb")), ("To", addr_header(m.to, "tb")),
          ("Subject", m.subject), ("Message-ID", f"<{m.msgid}>"), ("References", ids_header(m.refs())),
          ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=us-ascii"), ("Content-Disposition", "inline"),
          ("In-Reply-To", ids_header(m.irt())), ("User-Agent", "Mutt/2.2.12 (2023-09-09)")]
    h += list_headers(m)
    m.raw = render(h, text)


def build_hyperkitty(m: Msg) -> None:
    m.wire = list(m.own) + LIST_FOOTER
    text = "\n".join(m.wire) + "\n"
    h = list_delivery_hops(m, None, None)
    h += [("MIME-Version", "1.0"), ("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", "7bit"),
          ("Subject", m.subject), ("From", enc_name(m.sender, "tb")), ("To", addr_header(m.to, "tb")),
          ("Date", f"{DAY_EN[m.date.weekday()][:3]}, {m.date:%d} {MON_EN[m.date.month - 1][:3]} {m.date:%Y %H:%M:%S} -0000"),
          ("Message-ID", f"<{m.msgid}>"), ("In-Reply-To", ids_header(m.irt())), ("References", ids_header(m.refs())),
          ("User-Agent", f"HyperKitty on https://{LIST_HOST}/")]
    h += list_headers(m)
    m.raw = render(h, text)


def build_roundcube(m: Msg) -> None:
    plain = "\n".join(m.wire) + "\n"
    html_part = build_html(m)
    boundary = "=_" + hexs(m.key + "/rb", 32)
    parts = [(text_part_headers("roundcube", "UTF-8", "quoted-printable"), qp(plain)),
             ("Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html; charset=UTF-8", qp(html_part))]
    t_http = m.date
    dom = m.sender.domain
    extra = [("Received", f"from 203.0.113.77 ([203.0.113.77])\n\tby webmail.{dom}\n\twith HTTP (HTTP/1.1 POST); "
                          f"{rfc_date(t_http, CET)}")]
    h = postfix_sender_hops(m, f"mail.{dom}", "192.0.2.25", f"webmail.{dom} (localhost [127.0.0.1])",
                            m.sender.addr.split("@")[0], dom, "mail2024", ("pass", "reject", dom), extra_top=extra)
    h += [("MIME-Version", "1.0"), ("Date", rfc_date(m.date, m.zone)), ("From", enc_name(m.sender, "rc")),
          ("To", addr_header(m.to, "rc")), ("Cc", addr_header(m.cc, "rc")), ("Subject", enc_text(m.subject, "rc")),
          ("In-Reply-To", ids_header(m.irt())), ("References", ids_header(m.refs())),
          ("User-Agent", "Roundcube Webmail/1.6.6"), ("Message-ID", f"<{m.msgid}>"), ("X-Sender", m.sender.addr),
          ("Content-Type", f'multipart/alternative;\n boundary="{boundary}"')]
    m.raw = render(h, multipart(boundary, parts))


def build_bots(msgs: list[Msg]) -> None:
    by_key = {m.key: m for m in msgs}
    # wave 1
    m = by_key["hijack-w1"]
    text = "\n".join(m.wire) + "\n"
    zname = "CP-2023-0917_Statement.zip"
    z = tiny_zip(m.key, "CP-2023-0917_Statement.txt", (2025, 1, 14, 9, 12, 40))
    m.labels["attachment"] = {"filename": zname, "bytes": len(z), "sha256": hashlib.sha256(z).hexdigest(),
                              "content": "CP-2023-0917_Statement.txt, random words (harmless)"}
    ft = filetime(m.date)
    boundary = f"----=_NextPart_000_{num(m.key + '/np', 16, 255):04X}_{(ft >> 32):08X}.{(ft & 0xFFFFFFFF):08X}"
    h = bot_headers(m, "mail.brightwater-dental.example", "198.51.100.203", "192.0.2.143", "default", None, "none")
    h += [("From", enc_name(m.sender, "bot")), ("To", addr_header(m.to, "bot")),
          ("Subject", m.subject), ("Date", rfc_date(m.date, m.zone)), ("Message-ID", f"<{m.msgid}>"),
          ("MIME-Version", "1.0"), ("Content-Type", f'multipart/mixed;\n\tboundary="{boundary}"'),
          ("X-Mailer", "Microsoft Outlook 16.0"),
          ("Thread-Index", thread_index("conv/" + m.key, m.date, [], classic=True)),
          ("Content-Language", "en-us")]
    body = multipart(boundary, [
        ('Content-Type: text/plain;\n\tcharset="utf-8"\nContent-Transfer-Encoding: quoted-printable', qp(text)),
        (f'Content-Type: application/x-zip-compressed;\n\tname="{zname}"\nContent-Transfer-Encoding: base64\n'
         f'Content-Disposition: attachment;\n\tfilename="{zname}"', b64_lines(z))],
        preamble="This is a multipart message in MIME format.")
    m.raw = render(h, body)
    # wave 2
    m = by_key["hijack-w2"]
    text = "\n".join(m.wire) + "\n"
    h = bot_headers(m, "vps-2291.hosting.example", "203.0.113.58", "203.0.113.9", "mail", "none", "pass", exim=True)
    h += [("Date", rfc_date(m.date, ZUTC)), ("To", addr_header(m.to, "bot")),
          ("From", enc_name(m.sender, "plain")), ("Subject", m.subject), ("Message-ID", f"<{m.msgid}>"),
          ("In-Reply-To", ids_header(m.irt())), ("X-Mailer", "PHPMailer 6.9.1"), ("MIME-Version", "1.0"),
          ("Content-Type", "text/plain; charset=iso-8859-1"), ("Content-Transfer-Encoding", "8bit")]
    m.raw = render(h, text)
    # wave 3
    m = by_key["hijack-w3"]
    text = "\n".join(m.wire) + "\n"
    h = bot_headers(m, "mail.kanzlei-moeller.example", "192.0.2.88", "198.51.100.177", "k2024", "quarantine", "pass")
    h += [("Subject", m.subject), ("From", enc_name(m.sender, "bot")), ("To", addr_header(m.to, "bot")),
          ("Cc", addr_header(m.cc, "bot")), ("In-Reply-To", ids_header(m.irt())),
          ("References", ids_header(m.refs())), ("Date", rfc_date(m.date, m.zone)),
          ("MIME-Version", "1.0"), ("Content-Type", 'text/plain; charset="utf-8"'),
          ("Content-Transfer-Encoding", "quoted-printable"), ("Message-ID", f"<{m.msgid}>")]
    m.raw = render(h, qp(text))


# --------------------------------------------------------------------------------------------
# mboxrd output, labels, table
# --------------------------------------------------------------------------------------------

FROM_LINE = re.compile(r"^>*From ")


def asctime(t: dt.datetime) -> str:
    return f"{DAY_EN[t.weekday()][:3]} {MON_EN[t.month - 1][:3]} {t.day:2d} {t:%H:%M:%S} {t.year}"


def mbox_bytes(msgs: list[Msg]) -> bytes:
    out = []
    for m in msgs:
        raw = m.raw if m.raw.endswith("\n") else m.raw + "\n"
        head, _, body = raw.partition("\n\n")
        body_lines = [(">" + ln) if FROM_LINE.match(ln) else ln for ln in body.split("\n")]
        out.append(f"From {m.env_from} {asctime(m.arrival)}\n{head}\n\n" + "\n".join(body_lines) + "\n")
    return "".join(out).encode("utf-8")


def ordered(msgs: list[Msg]) -> list[Msg]:
    return sorted(msgs, key=lambda m: m.arrival)


def quote_first_line(m: Msg) -> str | None:
    """First line of quoted/forwarded authentic content for genuine replies (as decoded text)."""
    if m.parent is None or m.client == "bot":
        return None
    for i, ln in enumerate(m.wire):
        if m.client in ("thunderbird", "roundcube") and ln.startswith(">") and i > 0:
            return ln
        if m.client == "gmail" and ln.startswith(">"):
            return ln
        if m.client == "apple" and ln.startswith("> On "):
            return ln
        if m.client == "mutt" and ln.startswith(">"):
            return ln
        if m.client == "hyperkitty" and ln.startswith(">"):
            return ln
        if m.client in ("owa", "outlook-plain") and (ln == "_" * 32 or ln.startswith("-----")):
            j = i + 1
            while j < len(m.wire) and m.wire[j] != "":
                j += 1
            while j < len(m.wire) and m.wire[j] == "":
                j += 1
            return m.wire[j] if j < len(m.wire) else None
        if m.forward and ln.startswith("---------- Forwarded message"):
            j = i + 1
            while j < len(m.wire) and m.wire[j] != "":
                j += 1
            while j < len(m.wire) and m.wire[j] == "":
                j += 1
            return m.wire[j]
    return None


def labels(msgs: list[Msg]) -> list[dict]:
    out = []
    for i, m in enumerate(ordered(msgs)):
        d = {"index": i, "message_id": m.msgid, "key": m.key, "thread": m.thread,
             "date_utc": m.date.strftime("%Y-%m-%dT%H:%M:%SZ"), "from": m.sender.plain(),
             "subject": m.subject, "client": m.client, "role": m.role, "verdict": m.verdict,
             "in_reply_to": m.irt(), "references": m.refs()}
        if m.verdict == "external-thread-hijack":
            L = m.labels
            d.update({"splice_first_line": L["splice_first_line"], "splice_line_in_text_body": L["splice_line"],
                      "fabricated_attribution": L["fabricated_block"], "stripped_addresses": L["stripped"],
                      "quoted_header_without_address": L["block_without_address"],
                      "reuse_group": L["reuse_group"], "spoofed_participant": L["spoofed_participant"],
                      "stolen_message_id": L["stolen_message"], "lure_language": L["lure_language"],
                      "delivery": L["delivery"], "attribution_style": L["attribution_style"],
                      "truncated": L["truncated"]})
            if "attachment" in L:
                d["attachment"] = L["attachment"]
        elif m.verdict == "victim-thread-hijack":
            d.update({"splice_first_line": quote_first_line(m), "stripped_addresses": [],
                      "compromised_account": m.sender.plain(), "lure_language": "en", "delivery": "link+password",
                      "previous_client": "Mozilla Thunderbird", "hijack_client": "Roundcube Webmail/1.6.6"})
        else:
            q = quote_first_line(m)
            if q:
                d["quote_first_line"] = q
        out.append(d)
    return out


def table(msgs: list[Msg]) -> str:
    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")

    rows = ["| # | Date (UTC) | From | Subject | Thread | What it demonstrates | Expected verdict |",
            "|---|---|---|---|---|---|---|"]
    for d in labels(msgs):
        rows.append(f"| {d['index']} | {d['date_utc'][:16].replace('T', ' ')} | {cell(d['from'])} | {cell(d['subject'])} "
                    f"| {d['thread']} | {cell(d['role'])} | **{d['verdict']}** |")
    return "\n".join(rows) + "\n"


def self_check(msgs: list[Msg]) -> list[str]:
    """Invariants of the case: unique ids, resolvable references (except the deliberate ghost parent of
    wave 2), Thread-Index children within 10 minutes of Date, splice lines present in the text body."""
    errors = []
    ids = {m.msgid for m in msgs}
    if len(ids) != len(msgs):
        errors.append("duplicate Message-ID")
    for m in msgs:
        for ref in m.irt() + m.refs():
            if ref not in ids and m.key != "hijack-w2":
                errors.append(f"{m.key}: unresolved reference {ref}")
        ti = re.search(r"^Thread-Index: (\S+)$", m.raw, re.M)
        if ti:
            _, root, kids = decode_thread_index(ti.group(1), m.date)
            if abs(((kids[-1] if kids else root) - m.date).total_seconds()) > 600:
                errors.append(f"{m.key}: Thread-Index does not decode to the message date")
        if m.labels and m.wire[m.labels["splice_line"] - 1] != m.labels["splice_first_line"]:
            errors.append(f"{m.key}: splice line mismatch")
    return errors


def generate() -> tuple[bytes, list[Msg]]:
    msgs = build_case()
    assign_ids(msgs)
    assemble(msgs)
    msgs = ordered(msgs)
    return mbox_bytes(msgs), msgs


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=here / "demo.mbox")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--check", action="store_true", help="compare with the existing file instead of writing")
    g.add_argument("--labels", action="store_true", help="print expected verdicts as JSON lines")
    g.add_argument("--table", action="store_true", help="print the README message table")
    args = ap.parse_args()
    data, msgs = generate()
    if args.labels:
        for d in labels(msgs):
            print(json.dumps(d, ensure_ascii=False))
        return 0
    if args.table:
        sys.stdout.write(table(msgs))
        return 0
    if args.check:
        errors = self_check(msgs)
        for e in errors:
            print(f"self-check: {e}")
        ok = args.output.exists() and args.output.read_bytes() == data
        print(f"{args.output}: {'up to date' if ok else 'DIFFERS from generator output'}")
        return 0 if ok and not errors else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(msgs)} messages, {len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
