"""Rebuild landing/ and labels.jsonl from the story files. Deterministic: byte-identical output."""
import glob
import importlib
import json
import os
import shutil
import sys
sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import dsl  # noqa: E402
import render  # noqa: E402


def load():
    for f in sorted(glob.glob(os.path.join(HERE, "stories_*.py"))):
        importlib.import_module(os.path.basename(f)[:-3])
    return sorted(dsl.STORIES, key=lambda s: s["id"])


def main():
    stories = load()
    os.chdir(ROOT)
    if os.path.isdir("landing"):
        shutil.rmtree("landing")
    rows = []
    for st in stories:
        for fmt, fn in (("claude_code", render.render_cc), ("codex", render.render_codex)):
            path, sid, text = fn(st)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            rows.append({"session_id": sid, "format": fmt, "categories": st["cats"], "description": st["desc"],
                         "story_id": st["id"]})
    with open("labels.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("stories=%d sessions=%d" % (len(stories), len(rows)))


if __name__ == "__main__":
    main()
