#!/usr/bin/env python3
"""Rebuild the labelled set: python3 gen/build.py (from /work/labelled-g)."""
import json, os, shutil, sys, importlib
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import render_cc, render_codex

def load_stories():
    stories = []
    for name in sorted(os.listdir(HERE)):
        if name.startswith("stories_") and name.endswith(".py"):
            mod = importlib.import_module(name[:-3])
            stories.extend(mod.STORIES)
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids)), "duplicate story ids"
    return sorted(stories, key=lambda s: s["id"])

def main():
    landing = os.path.join(ROOT, "landing")
    if os.path.exists(landing):
        shutil.rmtree(landing)
    labels = []
    for s in load_stories():
        for fmt, fn in (("claude_code", render_cc), ("codex", render_codex)):
            sid, rel, lines = fn(s)
            p = os.path.join(landing, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                for d in lines:
                    f.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
            labels.append({"session_id": sid, "format": fmt, "categories": s["cats"],
                           "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for row in labels:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("stories:", len(labels) // 2, "sessions:", len(labels))

if __name__ == "__main__":
    main()
