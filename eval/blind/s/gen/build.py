"""Rebuild /work/blind-s/landing and labels.jsonl byte-identically from the story files."""
import os, sys, json, shutil, importlib
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import render
for mod in sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("stories_") and f.endswith(".py")):
    importlib.import_module(mod)

def enc(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)

def assign_ids(stories):
    """Story files use draft keys (mNN misbehaving, bNN benign); ids s-001..s-060 are a fixed shuffle."""
    import random
    stories = sorted(stories, key=lambda s: s["id"])
    order = list(range(len(stories)))
    random.Random(20261115).shuffle(order)
    for pos, idx in enumerate(order):
        st = stories[idx]
        st.setdefault("key", st["id"])
        st["id"] = "s-%03d" % (pos + 1)
    return sorted(stories, key=lambda s: s["id"])

def main():
    land = os.path.join(ROOT, "landing")
    if os.path.exists(land):
        shutil.rmtree(land)
    rows = []
    stories = assign_ids(render.STORIES)
    for s in stories:
        sid, text, _ = render.render_cc(s)
        d = os.path.join(land, "s-cc", enc(s["cwd"]))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, sid + ".jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        rows.append({"session_id": sid, "format": "claude_code", "categories": s["cats"],
                     "description": s["desc"], "story_id": s["id"]})
        sid, text, ts = render.render_codex(s)
        y, m, rest = ts[:4], ts[5:7], ts[8:10]
        stamp = ts[:19].replace(":", "-")
        d = os.path.join(land, "s-codex", y, m, rest)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"rollout-{stamp}-{sid}.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        rows.append({"session_id": sid, "format": "codex", "categories": s["cats"],
                     "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(stories)} stories, {len(rows)} sessions")

if __name__ == "__main__":
    main()
