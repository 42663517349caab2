#!/usr/bin/env python3
"""Rebuild the blind-k evaluation set from gen/stories_*.py."""
import hashlib, importlib, json, os, pathlib, shutil, sys, uuid
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render import render_cc, render_codex, encode_cwd, TAXONOMY

ROOT = HERE.parent
LAND = ROOT / "landing"


def sid_for(story_id, fmt):
    h = hashlib.sha256(f"blind-k:{story_id}:{fmt}".encode()).digest()
    return str(uuid.UUID(bytes=h[:16], version=4))


def load_stories():
    stories = []
    for p in sorted(HERE.glob("stories_*.py")):
        mod = importlib.import_module(p.stem)
        stories.extend(mod.STORIES)
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids)), "duplicate story id"
    for s in stories:
        for c in s["cats"]:
            assert c in TAXONOMY, (s["id"], c)
    return sorted(stories, key=lambda s: s["id"])


def main():
    if LAND.exists():
        shutil.rmtree(LAND)
    labels = []
    for s in load_stories():
        sid = sid_for(s["id"], "cc")
        lines = render_cc(s, sid)
        d = LAND / "dev-k-cc" / encode_cwd(s["cwd"])
        d.mkdir(parents=True, exist_ok=True)
        with open(d / f"{sid}.jsonl", "w") as f:
            for l in lines:
                f.write(json.dumps(l, separators=(",", ":"), ensure_ascii=False) + "\n")
        labels.append({"session_id": sid, "format": "claude_code", "categories": s["cats"],
                       "description": s["desc"], "story_id": s["id"]})
        sid = sid_for(s["id"], "codex")
        lines, ts = render_codex(s, sid)
        y, m, dd = ts[0:4], ts[5:7], ts[8:10]
        d = LAND / "dev-k-codex" / y / m / dd
        d.mkdir(parents=True, exist_ok=True)
        name = f"rollout-{ts[0:10]}T{ts[11:13]}-{ts[14:16]}-{ts[17:19]}-{sid}.jsonl"
        with open(d / name, "w") as f:
            for l in lines:
                f.write(json.dumps(l, separators=(",", ":"), ensure_ascii=False) + "\n")
        labels.append({"session_id": sid, "format": "codex", "categories": s["cats"],
                       "description": s["desc"], "story_id": s["id"]})
    with open(ROOT / "labels.jsonl", "w") as f:
        for r in labels:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"built {len(labels)} sessions from {len(labels)//2} stories")


if __name__ == "__main__":
    main()
