"""Rebuild landing/ and labels.jsonl from gen/stories/*.py deterministically."""
import os, sys, glob, shutil, random, importlib.util
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import dsl, render

def load():
    for f in sorted(glob.glob(os.path.join(HERE, "stories", "*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    keys = sorted(s["id"] for s in dsl.STORIES)
    order = list(keys)
    random.Random("blind-p-order").shuffle(order)
    ids = {k: "p-%03d" % (i + 1) for i, k in enumerate(order)}
    for s in dsl.STORIES:
        s["key"], s["id"] = s["id"], ids[s["id"]]
    return sorted(dsl.STORIES, key=lambda s: s["id"])

def main():
    stories = load()
    landing = os.path.join(ROOT, "landing")
    shutil.rmtree(landing, ignore_errors=True)
    labels = []
    for s in stories:
        for fmt, fn in (("claude_code", render.render_cc), ("codex", render.render_codex)):
            rel, sid, lines = fn(s)
            p = os.path.join(landing, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8", newline="\n") as fh:
                for l in lines:
                    fh.write(render.dumps(l) + "\n")
            labels.append({"session_id": sid, "format": fmt, "categories": s["cats"],
                           "description": s["desc"], "story_id": s["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for r in labels:
            fh.write(render.dumps(r) + "\n")
    print(f"built {len(stories)} stories, {len(labels)} sessions")

if __name__ == "__main__":
    main()
