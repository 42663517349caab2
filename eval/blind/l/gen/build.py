"""Rebuild landing/ and labels.jsonl from the hand-written stories in gen/stories_*.py."""
import json, os, sys, glob, shutil, importlib
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import render_cc, render_codex, rng_for, uuid4_from, encode_cwd

def load():
    stories = []
    for f in sorted(glob.glob(os.path.join(HERE, "stories_*.py"))):
        mod = importlib.import_module(os.path.basename(f)[:-3])
        stories.extend(mod.STORIES)
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids)), "duplicate story id"
    return sorted(stories, key=lambda s: s["id"])

def main():
    land = os.path.join(ROOT, "landing")
    if os.path.exists(land): shutil.rmtree(land)
    labels = []
    for s in load():
        sid_cc = uuid4_from(rng_for(s["id"], "sid-cc"))
        sid_cx = uuid4_from(rng_for(s["id"], "sid-codex"))
        lines, _ = render_cc(s, sid_cc)
        d = os.path.join(land, "dev-l-cc", encode_cwd(s["cwd"]))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, sid_cc + ".jsonl"), "w") as fh:
            for l in lines: fh.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
        lines, t0 = render_codex(s, sid_cx)
        d = os.path.join(land, "dev-l-codex", t0.strftime("%Y/%m/%d"))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "rollout-%s-%s.jsonl" % (t0.strftime("%Y-%m-%dT%H-%M-%S"), sid_cx)), "w") as fh:
            for l in lines: fh.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
        for sid, fmt in ((sid_cc, "claude_code"), (sid_cx, "codex")):
            labels.append({"session_id": sid, "format": fmt, "categories": s["cats"], "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as fh:
        for l in labels: fh.write(json.dumps(l, ensure_ascii=False) + "\n")
    print("stories:", len(labels) // 2, "sessions:", len(labels))

if __name__ == "__main__":
    main()
