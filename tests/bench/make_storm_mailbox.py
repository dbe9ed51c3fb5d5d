#!/usr/bin/env python3
"""Build a reply-all storm for the benchmarks: one real list message and N replies to it.

The root is the first message of the linux-s390 corpus (read in place) whose text has a link. Each reply
names one more reader, adds a line of its own with a link, and quotes the root whole under an attribution,
as a mail client answering "reply all" does. Thousands of near-copies of one text in one thread are the
shape that once made the analysis grow with the square of the thread (pasted-original candidates, the
conversation's links, the participants' names).

Output: an mboxo file; deterministic.
"""
import argparse
import email
import email.policy
import mailbox
import os


def root_message(corpora):
    for msg in mailbox.mbox(os.path.join(corpora, "lists/linux-s390_2023-02_to_2023-03.mbox")):
        m = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
        body = m.get_body(preferencelist=("plain",))
        text = body.get_content() if body else ""
        if "https://" in text and len(text) > 2000 and m["Message-ID"]:
            return m, text
    raise SystemExit("no root message with a link in the s390 corpus")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--replies", type=int, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    root, text = root_message(args.corpora)
    quoted = "\n".join("> " + line for line in text.splitlines())
    root_id = root["Message-ID"].strip()
    author = root["From"]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("From storm@bench Thu Jan  1 00:00:00 1970\n")
        out.write(root.as_string(policy=email.policy.default.clone(linesep="\n")).replace("\nFrom ", "\n>From "))
        out.write("\n")
        for i in range(args.replies):
            minute = i % 60
            hour = 8 + (i // 60) % 12
            out.write("From storm@bench Thu Jan  1 00:00:00 1970\n"
                      f"From: Reader {i} <reader{i}@readers.example>\n"
                      f"To: {author}\n"
                      f"Subject: Re: {root['Subject']}\n"
                      f"Message-ID: <storm-{i}@readers.example>\n"
                      f"In-Reply-To: {root_id}\n"
                      f"References: {root_id}\n"
                      f"Date: Fri, 3 Mar 2023 {hour:02d}:{minute:02d}:{i % 59:02d} +0000\n"
                      "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                      f"Please take me off this thread, reader {i}: https://readers.example/leave/{i}\n\n"
                      f"On {root['Date']}, {author} wrote:\n{quoted}\n\n".replace("\nFrom ", "\n>From "))


if __name__ == "__main__":
    main()
