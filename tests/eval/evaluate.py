#!/usr/bin/env python3
"""The evaluation report of issue 3: scans hijack-dev and the held-out set with `threadhound scan`, scores
each against its labels (score.py) and counts what the real list traffic of the corpora raises above clean.

The organisation of each set (its domains, and the MX hosts whose Authentication-Results are trusted)
comes from the set's dataset.json, as an analyst would configure a case. With --require it exits 1 when a
quality bar of issue 3 is missed on either set or on the lists.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_LIST_SHARE = 0.002


def scan(threadhound, inputs, report, dataset=None):
    cmd = [threadhound, "scan", *inputs, "--json", report, "--quiet"]
    if dataset:
        for domain in dataset["org_domains"]:
            cmd += ["--org-domain", domain]
        for host in dataset.get("org_mx_hosts", {}).values():
            cmd += ["--trusted-authserv", host]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def score(name, folder, threadhound, work, require):
    with open(os.path.join(folder, "dataset.json")) as f:
        dataset = json.load(f)
    report = os.path.join(work, name + ".json")
    scan(threadhound, [os.path.join(folder, "mailbox.mbox")], report, dataset)
    cmd = [sys.executable, os.path.join(HERE, "score.py"), "--name", name, "--report", report,
           "--labels", os.path.join(folder, "labels.jsonl"), "--mbox", "mailbox.mbox"]
    return subprocess.run(cmd + (["--require"] if require else [])).returncode == 0


def lists(corpora, threadhound, work):
    """Real list traffic: every message above clean, with its indicators, and the share."""
    report = os.path.join(work, "lists.json")
    scan(threadhound, [os.path.join(corpora, "lists")], report)
    with open(report) as f:
        messages = json.load(f)["messages"]
    raised = [m for m in messages if m["verdict"] != "clean"]
    share = len(raised) / len(messages)
    print(f"== real lists ({os.path.join(corpora, 'lists')}, no case settings)")
    print(f"  above clean: {len(raised)} of {len(messages)} ({share:.3%}; bar {MAX_LIST_SHARE:.1%})")
    for m in raised:
        why = "; ".join(f"{i['id']} {i['severity']}: {i['summary']}" for i in m["indicators"])
        print(f"  {m['verdict']} {m['score']} <{m['message_id']}>: {why}")
    return share <= MAX_LIST_SHARE


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threadhound", required=True)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--require", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    heldout = os.path.join(args.work, "heldout")
    subprocess.run([sys.executable, os.path.join(HERE, "make_heldout.py"), "--corpora", args.corpora, "--out", heldout],
                   check=True, stdout=subprocess.DEVNULL)
    ok = score("hijack-dev", os.path.join(args.corpora, "hijack-dev"), args.threadhound, args.work, args.require)
    ok &= score("held-out", heldout, args.threadhound, args.work, args.require)
    ok &= lists(args.corpora, args.threadhound, args.work)
    sys.exit(0 if ok or not args.require else 1)


if __name__ == "__main__":
    main()
