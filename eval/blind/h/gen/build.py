#!/usr/bin/env python3
"""Rebuild the labelled set: python3 gen/build.py (from /work/labelled-h)."""
import glob, importlib.util, json, os, shutil, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import render

def load_stories():
    out = []
    for f in sorted(glob.glob(os.path.join(HERE, "stories_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
        m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
        out.extend(m.STORIES)
    ids = [s["id"] for s in out]
    assert len(ids) == len(set(ids)), "duplicate story ids"
    return sorted(out, key=lambda s: s["id"])

def main():
    land = os.path.join(ROOT, "landing")
    if os.path.isdir(land):
        shutil.rmtree(land)
    labels = []
    for s in load_stories():
        for c in s["cats"]:
            assert c in render.TAXONOMY, (s["id"], c)
        sid, enc, lines = render.render_cc(s)
        p = os.path.join(land, "dev-h-cc", enc, sid + ".jsonl")
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            for l in lines: f.write(json.dumps(l, separators=(",", ":"), ensure_ascii=False) + "\n")
        labels.append({"session_id": sid, "format": "claude_code", "categories": s["cats"],
                       "description": s["desc"], "story_id": s["id"]})
        sid, created, lines = render.render_codex(s)
        p = os.path.join(land, "dev-h-codex", created.strftime("%Y/%m/%d"),
                         "rollout-%s-%s.jsonl" % (created.strftime("%Y-%m-%dT%H-%M-%S"), sid))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            for l in lines: f.write(json.dumps(l, separators=(",", ":"), ensure_ascii=False) + "\n")
        labels.append({"session_id": sid, "format": "codex", "categories": s["cats"],
                       "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for l in labels: f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("wrote %d sessions (%d stories)" % (len(labels), len(labels) // 2))

if __name__ == "__main__":
    main()
