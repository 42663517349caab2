"""Rebuild /work/blind-n/landing and labels.jsonl from the story files. Deterministic."""
import json, os, shutil, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import render_cc, render_codex
import stories_a, stories_b, stories_c

def all_stories():
    out = []
    for m in (stories_a, stories_b, stories_c):
        out.extend(m.STORIES)
    return out

def main():
    landing = os.path.join(ROOT, "landing")
    if os.path.isdir(landing):
        shutil.rmtree(landing)
    labels = []
    seen = set()
    for st in all_stories():
        assert st["id"] not in seen, st["id"]
        seen.add(st["id"])
        for fmt, fn in (("claude_code", render_cc), ("codex", render_codex)):
            sid, rel, lines = fn(st)
            p = os.path.join(landing, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                for l in lines:
                    f.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
            labels.append({"session_id": sid, "format": fmt, "categories": st["cats"],
                           "description": st["desc"], "story_id": st["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for r in labels:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("stories:", len(seen), "sessions:", len(labels))

if __name__ == "__main__":
    main()
