import os, sys, json, shutil, glob, importlib
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import render
ROOT = os.path.dirname(HERE)

def load_stories():
    out = []
    for fn in sorted(glob.glob(os.path.join(HERE, "stories_*.py"))):
        mod = importlib.import_module(os.path.basename(fn)[:-3])
        out.extend(mod.STORIES)
    return out

def main():
    land = os.path.join(ROOT, "landing")
    if os.path.isdir(land):
        shutil.rmtree(land)
    cc_dir = os.path.join(land, "dev-m-cc"); cx_dir = os.path.join(land, "dev-m-codex")
    rows = []
    seen = set()
    for st in load_stories():
        assert st["id"] not in seen, st["id"]; seen.add(st["id"])
        sid, _ = render.render_cc(st, cc_dir)
        rows.append({"session_id": sid, "format": "claude_code", "categories": st["cats"], "description": st["desc"], "story_id": st["id"]})
        sid, _ = render.render_codex(st, cx_dir)
        rows.append({"session_id": sid, "format": "codex", "categories": st["cats"], "description": st["desc"], "story_id": st["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("stories", len(seen), "sessions", len(rows))

if __name__ == "__main__":
    main()
