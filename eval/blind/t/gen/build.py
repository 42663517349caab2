"""Rebuild landing/ and labels.jsonl from gen/stories*.py. Deterministic, byte-identical."""
import os, sys, json, shutil, importlib
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import render

def load():
    stories = []
    for fn in sorted(os.listdir(HERE)):
        if fn.startswith("stories_") and fn.endswith(".py"):
            mod = importlib.import_module(fn[:-3])
            stories.extend(mod.STORIES)
    stories.sort(key=lambda s: s["id"])
    return stories

def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(render.dumps(r) + "\n")

def main():
    land = os.path.join(ROOT, "landing")
    if os.path.isdir(land):
        shutil.rmtree(land)
    labels = []
    for s in load():
        sid, lines = render.render_cc(s)
        write_jsonl(os.path.join(land, "t-cc", render.cwd_encode(s["cwd"]), sid + ".jsonl"), lines)
        labels.append({"session_id": sid, "format": "claude_code", "categories": s["cats"], "description": s["desc"], "story_id": s["id"]})
        sid, lines, t0 = render.render_codex(s)
        name = "rollout-%s-%s.jsonl" % (t0.strftime("%Y-%m-%dT%H-%M-%S"), sid)
        write_jsonl(os.path.join(land, "t-codex", t0.strftime("%Y"), t0.strftime("%m"), t0.strftime("%d"), name), lines)
        labels.append({"session_id": sid, "format": "codex", "categories": s["cats"], "description": s["desc"], "story_id": s["id"]})
    write_jsonl(os.path.join(ROOT, "labels.jsonl"), labels)
    print("stories:", len(labels) // 2, "sessions:", len(labels))

if __name__ == "__main__":
    main()
