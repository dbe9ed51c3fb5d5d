#!/usr/bin/env python3
"""Scores a `threadhound scan` report against a labelled hijack evaluation set (hijack-dev or the held-out set).

Messages are matched to labels by their position in the mailbox (labels.jsonl line N = message N), which the
report gives through each message's source offset (merged byte-identical duplicates through duplicate_sources).

Prints precision, recall and F1 for hijack detection (strict: the verdict is a hijack type; lenient:
"suspicious" counts too), false-positive rates on clean messages and on each hard-negative label, type accuracy,
splice localisation accuracy and pairwise reuse-cluster precision and recall. With --require, exits 1 when a
quality bar is missed.
"""
import argparse
import collections
import json
import re
import sys

HIJACKS = {"external-thread-hijack", "victim-thread-hijack"}


def message_order(report, mbox_path):
    """Report messages in mailbox order (one entry per mailbox position)."""
    offsets = []
    for m in report["messages"]:
        for src in [m["source"]] + m.get("duplicate_sources", []):
            if src["path"].endswith(mbox_path.split("/")[-1]):
                offsets.append((src["offset"], m))
    offsets.sort(key=lambda x: x[0])
    return [m for _, m in offsets]


def norm_line(s):
    s = (s or "").strip()
    s = re.sub(r"^(>\s*)+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def ratio(a, b):
    return a / b if b else float("nan")


def pairs(groups):
    out = set()
    for members in groups.values():
        members = sorted(members)
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                out.add((members[i], members[j]))
    return out


def evaluate(labels, messages):
    c = collections.Counter()
    by_label = collections.Counter()
    flagged = collections.Counter()
    flagged_lenient = collections.Counter()
    type_ok = type_n = splice_ok = splice_n = 0
    gold_groups, pred_groups = collections.defaultdict(list), collections.defaultdict(list)
    misses, false_pos, splice_misses = [], [], []
    for lab, m in zip(labels, messages):
        label, verdict = lab["label"], m["verdict"]
        strict, lenient = verdict in HIJACKS, verdict != "clean"
        by_label[label] += 1
        flagged[label] += strict
        flagged_lenient[label] += lenient
        gold = label in HIJACKS
        c["tp"] += gold and strict
        c["fp"] += (not gold) and strict
        c["fn"] += gold and not strict
        c["tp_l"] += gold and lenient
        c["fp_l"] += (not gold) and lenient
        c["fn_l"] += gold and not lenient
        if gold and not strict:
            misses.append((lab["index"], label, verdict, m["score"], [i["id"] for i in m["indicators"]]))
        if not gold and lenient:
            false_pos.append((lab["index"], label, verdict, m["score"], [i["id"] + ":" + i["summary"][:90] for i in m["indicators"]]))
        if gold and strict:
            type_n += 1
            type_ok += verdict == label
            splice_n += 1
            got = (m.get("splice") or {}).get("authentic_first_line")
            if norm_line(got) == norm_line(lab.get("authentic_first_line")):
                splice_ok += 1
            else:
                splice_misses.append((lab["index"], lab.get("splice_style"), lab.get("authentic_first_line"), got))
        if lab.get("reuse_group"):
            gold_groups[lab["reuse_group"]].append(lab["index"])
        if m.get("reuse_cluster"):
            pred_groups[m["reuse_cluster"]].append(lab["index"])
    gp, pp = pairs(gold_groups), pairs(pred_groups)
    p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
    pl, rl = ratio(c["tp_l"], c["tp_l"] + c["fp_l"]), ratio(c["tp_l"], c["tp_l"] + c["fn_l"])
    rp, rr = ratio(len(gp & pp), len(pp)), ratio(len(gp & pp), len(gp))
    negatives = sorted(l for l in by_label if l not in HIJACKS)
    return {
        "precision": p, "recall": r, "f1": ratio(2 * p * r, p + r),
        "precision_lenient": pl, "recall_lenient": rl, "f1_lenient": ratio(2 * pl * rl, pl + rl),
        "fpr": {l: ratio(flagged[l], by_label[l]) for l in negatives},
        "fpr_lenient": {l: ratio(flagged_lenient[l], by_label[l]) for l in negatives},
        "recall_by_type": {l: ratio(flagged[l], by_label[l]) for l in sorted(HIJACKS)},
        "type_accuracy": ratio(type_ok, type_n), "splice_accuracy": ratio(splice_ok, splice_n),
        "reuse_precision": rp, "reuse_recall": rr, "reuse_pairs": {"gold": len(gp), "predicted": len(pp), "correct": len(gp & pp)},
        "counts": dict(c), "labels": dict(by_label),
        "misses": misses, "false_positives": false_pos, "splice_misses": splice_misses,
    }


def print_report(name, r, verbose):
    f = lambda x: f"{x:.3f}"
    print(f"== {name}")
    print(f"hijack detection (strict):  P={f(r['precision'])} R={f(r['recall'])} F1={f(r['f1'])}  {r['counts']}")
    print(f"hijack detection (lenient): P={f(r['precision_lenient'])} R={f(r['recall_lenient'])} F1={f(r['f1_lenient'])}")
    print("recall by type: " + "  ".join(f"{k}={f(v)}" for k, v in r["recall_by_type"].items()))
    print("false-positive rate (strict / lenient): " + "  ".join(
        f"{k}={f(v)} / {f(r['fpr_lenient'][k])}" for k, v in r["fpr"].items()))
    print(f"type accuracy: {f(r['type_accuracy'])}   splice localisation: {f(r['splice_accuracy'])}")
    print(f"reuse clustering (pairwise): P={f(r['reuse_precision'])} R={f(r['reuse_recall'])} {r['reuse_pairs']}")
    if verbose:
        for title, rows in (("missed hijacks", r["misses"]), ("false positives", r["false_positives"]), ("splice misses", r["splice_misses"])):
            print(f"-- {title} ({len(rows)})")
            for row in rows[:60]:
                print("   ", row)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--mbox", required=True)
    ap.add_argument("--name", default="evaluation")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--require", action="store_true", help="exit 1 below F1 0.95, clean FPR 0.002, splice 0.9, type 0.9")
    args = ap.parse_args()
    labels = [json.loads(l) for l in open(args.labels, encoding="utf-8")]
    messages = message_order(json.load(open(args.report, encoding="utf-8")), args.mbox)
    if len(messages) != len(labels):
        sys.exit(f"{args.report}: {len(messages)} messages for {len(labels)} labels")
    r = evaluate(labels, messages)
    print_report(args.name, r, args.verbose)
    if args.require:
        bars = [("F1", r["f1"], 0.95, True), ("clean FPR", r["fpr"].get("clean", 0), 0.002, False),
                ("splice", r["splice_accuracy"], 0.90, True), ("type", r["type_accuracy"], 0.90, True)]
        failed = [f"{n}={v:.3f} (bar {b})" for n, v, b, higher in bars if (v < b if higher else v > b)]
        if failed:
            sys.exit("quality bars missed: " + ", ".join(failed))


if __name__ == "__main__":
    main()
