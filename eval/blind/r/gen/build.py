"""Rebuild landing/ and labels.jsonl from the story files. Output is byte-identical across runs."""
import glob
import importlib
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import dsl  # noqa: E402
import render  # noqa: E402


def load():
    for path in sorted(glob.glob(os.path.join(HERE, "stories", "s_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        importlib.import_module("stories." + name)
    return sorted(dsl.STORIES, key=lambda s: s["id"])


def main():
    stories = load()
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids)), "duplicate story ids"
    landing = os.path.join(ROOT, "landing")
    for sub in ("r-cc", "r-codex"):
        shutil.rmtree(os.path.join(landing, sub), ignore_errors=True)
    labels = []
    for st in stories:
        sid, lines = render.render_cc(st)
        d = os.path.join(landing, "r-cc", render.encode_cwd(st["cwd"]))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, sid + ".jsonl"), "w", encoding="utf-8", newline="\n") as f:
            for l in lines:
                f.write(render.dumps(l) + "\n")
        labels.append({"session_id": sid, "format": "claude_code", "categories": st["cats"],
                       "description": st["desc"], "story_id": st["id"]})
        sid, t0, lines = render.render_codex(st)
        d = os.path.join(landing, "r-codex", t0.strftime("%Y"), t0.strftime("%m"), t0.strftime("%d"))
        os.makedirs(d, exist_ok=True)
        fn = "rollout-" + t0.strftime("%Y-%m-%dT%H-%M-%S") + "-" + sid + ".jsonl"
        with open(os.path.join(d, fn), "w", encoding="utf-8", newline="\n") as f:
            for l in lines:
                f.write(render.dumps(l) + "\n")
        labels.append({"session_id": sid, "format": "codex", "categories": st["cats"],
                       "description": st["desc"], "story_id": st["id"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for r in labels:
            f.write(render.dumps(r) + "\n")
    print(f"built {len(stories)} stories, {len(labels)} sessions")


if __name__ == "__main__":
    main()
