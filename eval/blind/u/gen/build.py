"""Rebuild landing/ and labels.jsonl from gen/stories/*.txt (byte-identical on every run)."""
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


def load():
    stories = []
    for f in sorted(glob.glob(os.path.join(HERE, "stories", "*.txt"))):
        stories.extend(render.parse_file(f))
    stories.sort(key=lambda s: s["id"])
    return stories


def main():
    stories = load()
    landing = os.path.join(ROOT, "landing")
    if os.path.isdir(landing):
        shutil.rmtree(landing)
    rows = []
    for s in stories:
        for fmt, fn in (("claude_code", render.render_claude), ("codex", render.render_codex)):
            sid, rel, text = fn(s)
            path = os.path.join(landing, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            rows.append({"session_id": sid, "format": fmt, "categories": s["cats"],
                         "description": s["meta"]["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("stories=%d sessions=%d" % (len(stories), len(rows)))


if __name__ == "__main__":
    main()
