#!/usr/bin/env python3
"""Build a mailbox of one hostile shape for the benchmarks, from real linux-s390 messages (read in place).

Each shape once made the analysis grow with the square of its size; its time should now double with it.
  storm    one real message with a link, and N replies quoting it whole (a reply-all storm)
  spray    N real messages sent under one real person's name from N made-up addresses (a phishing spray)
  domains  N/4 made-up sender domains with three real messages each, then N/4 messages from N/4 new domains
           (thousands of correspondents: each new domain is checked for look-alikes of the frequent ones)
  author   N/2 real messages from one real maintainer an hour apart, each answered by a reply quoting it
           under an attribution naming the maintainer's address

Output: an mboxo file; deterministic.
"""
import argparse
import datetime
import email
import email.policy
import mailbox
import os
import random

POLICY = email.policy.default.clone(linesep="\n")


def real_messages(corpora):
    out = []
    for msg in mailbox.mbox(os.path.join(corpora, "lists/linux-s390_2023-02_to_2023-03.mbox")):
        m = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
        body = m.get_body(preferencelist=("plain",))
        text = body.get_content() if body else ""
        if len(text) > 500 and m["Message-ID"] and m["From"]:
            out.append((m, text))
    return out


def write(out, sender, subject, msgid, when, body, extra=""):
    out.write("From hostile@bench Thu Jan  1 00:00:00 1970\n"
              f"From: {sender}\nTo: linux-s390@vger.kernel.org\nSubject: {subject}\nMessage-ID: <{msgid}>\n{extra}"
              f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
              "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
              + (body.rstrip("\n") + "\n\n").replace("\nFrom ", "\n>From "))


def quoted(text):
    return "\n".join("> " + line for line in text.splitlines())


def storm(real, n, out):
    root, text = next((m, t) for m, t in real if "https://" in t and len(t) > 2000)
    out.write("From hostile@bench Thu Jan  1 00:00:00 1970\n" + root.as_string(policy=POLICY).replace("\nFrom ", "\n>From ") + "\n")
    start = datetime.datetime(2023, 3, 3, 8)
    for i in range(n):
        write(out, f"Reader {i} <reader{i}@readers.example>", f"Re: {root['Subject']}", f"storm-{i}@readers.example",
              start + datetime.timedelta(seconds=20 * i),
              f"Please take me off this thread, reader {i}: https://readers.example/leave/{i}\n\n"
              f"On {root['Date']}, {root['From']} wrote:\n{quoted(text)}",
              f"In-Reply-To: {root['Message-ID']}\nReferences: {root['Message-ID']}\n")


def spray(real, n, out, rng):
    name = real[0][0]["From"].addresses[0].display_name or "Heiko Carstens"
    start = datetime.datetime(2023, 3, 1)
    for i in range(n):
        m, text = real[i % len(real)]
        local = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10))
        write(out, f"{name} <{local}@mail{i}.example>", m["Subject"], f"spray-{i}@bench.example",
              start + datetime.timedelta(minutes=i), text)


def domains(real, n, out, rng):
    def label():
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(6, 12)))
    start = datetime.datetime(2023, 3, 1)
    frequent = [label() + rng.choice([".com", ".net", ".org", ".de", ".co.uk"]) for _ in range(n // 4)]
    senders = [d for d in frequent for _ in range(3)] + [label() + ".com" for _ in range(n // 4)]
    for i, d in enumerate(senders):
        m, text = real[i % len(real)]
        write(out, f"Sender {i} <sender{i}@{d}>", m["Subject"], f"domains-{i}@bench.example", start + datetime.timedelta(minutes=i), text)


def author(real, n, out):
    maintainer = real[0][0]["From"]
    start = datetime.datetime(2022, 1, 1)
    for i in range(n // 2):
        m, text = real[i % len(real)]
        when = start + datetime.timedelta(hours=i)
        write(out, maintainer, m["Subject"], f"author-{i}@bench.example", when, text)
        write(out, f"Reviewer {i} <reviewer{i}@bench.example>", f"Re: {m['Subject']}", f"review-{i}@bench.example",
              when + datetime.timedelta(minutes=30),
              f"On {when.strftime('%a, %d %b %Y %H:%M')}, {maintainer} wrote:\n{quoted(text[:800])}\n\nLooks good to me.",
              f"In-Reply-To: <author-{i}@bench.example>\nReferences: <author-{i}@bench.example>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--shape", choices=["storm", "spray", "domains", "author"], required=True)
    ap.add_argument("--messages", type=int, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    real = real_messages(args.corpora)
    rng = random.Random(7)
    with open(args.out, "w", encoding="utf-8") as out:
        if args.shape == "storm":
            storm(real, args.messages, out)
        elif args.shape == "spray":
            spray(real, args.messages, out, rng)
        elif args.shape == "domains":
            domains(real, args.messages, out, rng)
        else:
            author(real, args.messages, out)


if __name__ == "__main__":
    main()
