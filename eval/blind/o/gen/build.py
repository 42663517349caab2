#!/usr/bin/env python3
"""Rebuild /work/blind-o/landing and labels.jsonl from gen/stories/*.txt (deterministic)."""
import glob
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import render  # noqa: E402


def main():
    stories = []
    for f in sorted(glob.glob(os.path.join(HERE, "stories", "*.txt"))):
        stories.extend(render.parse_file(f))
    stories.sort(key=lambda s: s["id"])
    land = os.path.join(ROOT, "landing")
    if os.path.isdir(land):
        shutil.rmtree(land)
    labels = []
    for st in stories:
        for fmt, fn, pf in (("claude_code", render.render_cc, render.cc_path),
                            ("codex", render.render_cx, render.cx_path)):
            sid, lines = fn(st)
            path = os.path.join(ROOT, pf(st, sid))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                for ln in lines:
                    fh.write(render.dumps(ln) + "\n")
            labels.append({"session_id": sid, "format": fmt, "categories": st["cats"],
                           "description": st["desc"], "story_id": st["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for row in labels:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(stories)} stories, {len(labels)} sessions")


if __name__ == "__main__":
    main()
