#!/usr/bin/env python3
"""Rebuild landing/ and labels.jsonl from gen/stories/*.py. Deterministic (byte-identical)."""
import importlib.util
import glob
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import render  # noqa: E402


def load_stories():
    stories = []
    for f in sorted(glob.glob(os.path.join(HERE, "stories", "*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        stories.extend(mod.STORIES)
    stories.sort(key=lambda s: s["id"])
    return stories


def main():
    stories = load_stories()
    landing = os.path.join(ROOT, "landing")
    if os.path.isdir(landing):
        shutil.rmtree(landing)
    labels = []
    for idx, st in enumerate(stories):
        for fmt, fn in (("claude_code", render.render_cc), ("codex", render.render_codex)):
            sid, rel, text = fn(st, idx)
            p = os.path.join(landing, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            labels.append({"session_id": sid, "format": fmt, "categories": st["cats"],
                           "description": st["desc"], "story_id": st["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for l in labels:
            fh.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("stories=%d sessions=%d" % (len(stories), len(labels)))


if __name__ == "__main__":
    main()
