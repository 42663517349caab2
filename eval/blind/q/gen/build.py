#!/usr/bin/env python3
"""Rebuild landing/ and labels.jsonl from gen/stories/*.py (deterministic, byte-identical)."""
import glob
import importlib.util
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import dsl  # noqa: E402
import render  # noqa: E402


def load_stories():
    dsl.STORIES.clear()
    for f in sorted(glob.glob(os.path.join(HERE, "stories", "*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    return sorted(dsl.STORIES, key=lambda s: s["id"])


def build_all():
    """Return {relative path: text} for every output file."""
    files, labels = {}, []
    for s in load_stories():
        for fmt, fn in (("claude_code", render.render_cc), ("codex", render.render_cx)):
            path, session, text = fn(s)
            assert path not in files, path
            files[path] = text
            labels.append({"session_id": session, "format": fmt, "categories": s["cats"], "description": s["desc"],
                           "story_id": s["id"]})
    files["labels.jsonl"] = "".join(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n" for l in labels)
    return files


def main():
    files = build_all()
    shutil.rmtree(os.path.join(ROOT, "landing"), ignore_errors=True)
    for rel, text in files.items():
        p = os.path.join(ROOT, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    print("wrote %d files" % len(files))


if __name__ == "__main__":
    main()
