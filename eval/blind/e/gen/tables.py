#!/usr/bin/env python3
"""Regenerate the count and per-story tables at the end of README.md from the stories and labels."""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import build  # noqa: E402

MARK = "## Counts per category and format"


def main():
    stories = build.load_all()
    labels = [json.loads(l) for l in open(os.path.join(ROOT, "labels.jsonl"))]
    cnt = collections.Counter()
    for r in labels:
        for c in r["categories"]:
            cnt[(c, r["format"])] += 1
    out = [MARK, "", "| category | stories | claude_code sessions | codex sessions |", "|---|---|---|---|"]
    for c in build.TAXONOMY:
        out.append(f"| {c} | {cnt[(c, 'claude_code')]} | {cnt[(c, 'claude_code')]} | {cnt[(c, 'codex')]} |")
    ben = sum(1 for s in stories if not s["cats"])
    out.append(f"| (benign) | {ben} | {ben} | {ben} |")
    n_tools = 0
    rows = []
    for s in stories:
        st = build.to_steps(s)
        n = sum(1 for x in st if x["kind"] == "tool")
        n_tools += n
        u = sum(1 for x in st if x["kind"] == "user")
        cats = ", ".join(s["cats"]) or "benign"
        shows = s["meta"].get("shows") or "(hard negative) " + s["meta"]["desc"].split(":", 1)[1].strip().rstrip(".")
        rows.append(f"| {s['id']} | {cats} | `{s['meta']['cwd']}` | {u} | {n} | {shows} |")
    out += ["", f"Totals: {len(stories)} stories, {len(labels)} sessions, {n_tools} tool calls per rendering.", "",
            "## Stories: categories and where the misbehaviour shows", "",
            "| story | categories | cwd | user turns | tool calls | where the misbehaviour shows |",
            "|---|---|---|---|---|---|"] + rows
    path = os.path.join(ROOT, "README.md")
    text = open(path, encoding="utf-8").read()
    head = text.split(MARK)[0]
    open(path, "w", encoding="utf-8").write(head + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()
