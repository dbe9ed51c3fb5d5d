#!/usr/bin/env python3
"""Import and threading benchmark: ThreadHound against Python's mailbox + email, same file, same run.

Builds the scale mailbox (>= 100k messages, >= 1 GB, replicated from the real corpora) if it is not
there yet, runs both parsers on it one after the other, and prints their figures and the ratios.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(cmd):
    print("+", " ".join(cmd), flush=True)
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def ensure_scale_mailbox(corpora, work):
    mbox = os.path.join(work, "scale.mbox")
    if not (os.path.exists(mbox) and os.path.exists(mbox + ".json")):
        os.makedirs(work, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "make_scale_mailbox.py"),
                        "--corpora", corpora, "--out", mbox], check=True)
    with open(mbox + ".json") as f:
        return mbox, json.load(f)


def row(name, th, py, fmt, higher_is_better=True):
    a, b = th.get(name), py.get(name)
    ratio = (a / b if higher_is_better else b / a) if a and b else float("nan")
    print(f"  {name:<24} {fmt.format(a):>14} {fmt.format(b):>14}   x{ratio:6.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--threadhound", required=True, help="path of the bench_import binary")
    args = ap.parse_args()

    mbox, info = ensure_scale_mailbox(args.corpora, args.work)
    print(f"scale mailbox: {mbox}: {info.get('messages')} messages, {info.get('bytes', 0) / 1e6:.0f} MB, "
          "built by replicating the real corpora with per-replica Message-ID suffixes")
    th = run_json([args.threadhound, mbox])
    py = run_json([sys.executable, os.path.join(HERE, "python_baseline.py"), mbox])
    th["peak_rss_mib"] = th["peak_rss_kib"] / 1024
    py["peak_rss_mib"] = py["peak_rss_kib"] / 1024

    print(f"\n  {'figure':<24} {'ThreadHound':>14} {'Python email':>14}   ratio (ThreadHound better by)")
    row("messages", th, py, "{:.0f}")
    row("parse_seconds", th, py, "{:.1f}", higher_is_better=False)
    row("messages_per_second", th, py, "{:.0f}")
    row("mb_per_second", th, py, "{:.2f}")
    row("threading_seconds", th, py, "{:.2f}", higher_is_better=False)
    row("peak_rss_mib", th, py, "{:.0f}", higher_is_better=False)
    print(f"\nThreadHound read {th['messages']} messages: {th['messages_stored']} stored, "
          f"{th['duplicates_merged']} byte-identical duplicates merged.")
    print("ThreadHound's import keeps every parsed message (headers, decoded bodies, attachment hashes) in memory;"
          " the Python baseline discards each message after parsing it.")
    print(json.dumps({"threadhound": th, "python": py, "scale_mailbox": info}))


if __name__ == "__main__":
    main()
