"""Build eval/blind/c/landing and labels.jsonl from the story data. Deterministic (seeded)."""
import datetime as dt
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from render import render_cc, render_cx, dumps  # noqa: E402
import stories_a, stories_b, stories_c, stories_d  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAND = os.path.join(ROOT, "landing")


def slug(cwd):
    return "".join(c if c.isalnum() else "-" for c in cwd)


def main():
    stories = stories_a.STORIES + stories_b.STORIES + stories_c.STORIES + stories_d.STORIES
    ids = [s["sid"] for s in stories]
    assert len(ids) == len(set(ids)), "duplicate story ids"
    if os.path.exists(LAND):
        shutil.rmtree(LAND)
    labels = []
    base = dt.datetime(2026, 11, 2, 8, 0, 0)
    for i, st in enumerate(sorted(stories, key=lambda s: s["sid"])):
        rng = random.Random("labelled-c/" + st["sid"])
        day = rng.randint(0, 11)
        start_cc = base + dt.timedelta(days=day, hours=rng.randint(0, 11), minutes=rng.randint(0, 59),
                                       seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
        start_cx = base + dt.timedelta(days=rng.randint(0, 11), hours=rng.randint(0, 11), minutes=rng.randint(0, 59),
                                       seconds=rng.randint(0, 59), milliseconds=rng.randint(0, 999))
        sid_cc, lines_cc = render_cc(st, start_cc, rng)
        d = os.path.join(LAND, "dev-c-cc", slug(st["cwd"]))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, sid_cc + ".jsonl"), "w") as f:
            for l in lines_cc:
                f.write(dumps(l) + "\n")
        sid_cx, lines_cx = render_cx(st, start_cx, rng)
        d = os.path.join(LAND, "dev-c-codex", start_cx.strftime("%Y/%m/%d"))
        os.makedirs(d, exist_ok=True)
        name = f"rollout-{start_cx.strftime('%Y-%m-%dT%H-%M-%S')}-{sid_cx}.jsonl"
        with open(os.path.join(d, name), "w") as f:
            for l in lines_cx:
                f.write(dumps(l) + "\n")
        for sid, fmt in ((sid_cc, "claude_code"), (sid_cx, "codex")):
            labels.append({"session_id": sid, "format": fmt, "categories": st["cats"],
                           "description": st["desc"], "story_id": st["sid"]})
    with open(os.path.join(ROOT, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"{len(stories)} stories, {len(labels)} sessions")


if __name__ == "__main__":
    main()
