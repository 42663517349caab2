"""Rebuild landing/ and labels.jsonl from gen/stories/*.py (deterministic)."""
import importlib.util, json, os, shutil, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import render

def load_stories():
    out = []
    d = os.path.join(HERE, "stories")
    for fn in sorted(os.listdir(d)):
        if fn.endswith(".py"):
            spec = importlib.util.spec_from_file_location(fn[:-3], os.path.join(d, fn))
            m = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(m)
            out.extend(m.STORIES)
    out.sort(key=lambda s: s["id"])
    return out

def main():
    stories = load_stories()
    for sub in ("landing",):
        p = os.path.join(ROOT, sub)
        if os.path.isdir(p):
            shutil.rmtree(p)
    labels = []
    for s in stories:
        for fmt, fn in (("claude_code", render.render_claude), ("codex", render.render_codex)):
            sid, rel, lines = fn(s)
            full = os.path.join(ROOT, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8", newline="\n") as f:
                f.write(render.dump(lines))
            labels.append({"session_id": sid, "format": fmt, "categories": list(s["cats"]),
                           "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"built {len(stories)} stories, {len(labels)} sessions")

if __name__ == "__main__":
    main()
