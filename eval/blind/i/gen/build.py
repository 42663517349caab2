#!/usr/bin/env python3
"""Rebuild landing/ and labels.jsonl from the hand-written stories in gen/stories_*.py."""
import json, os, shutil, sys, importlib, glob
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import render_cc, render_codex

def load_stories():
    out = []
    for f in sorted(glob.glob(os.path.join(HERE, 'stories_*.py'))):
        mod = importlib.import_module(os.path.basename(f)[:-3])
        out.extend(mod.STORIES)
    ids = [s['id'] for s in out]
    assert len(ids) == len(set(ids)), 'duplicate story ids'
    return sorted(out, key=lambda s: s['id'])

def main():
    land = os.path.join(ROOT, 'landing')
    if os.path.exists(land):
        shutil.rmtree(land)
    labels = []
    for s in load_stories():
        for fmt, fn in (('claude_code', render_cc), ('codex', render_codex)):
            sid, rel, lines = fn(s)
            p = os.path.join(land, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, 'w') as fh:
                for l in lines:
                    fh.write(json.dumps(l, separators=(',', ':'), ensure_ascii=False) + '\n')
            labels.append({'session_id': sid, 'format': fmt, 'categories': s['cats'], 'description': s['desc'], 'story_id': s['id'], 'path': 'landing/' + rel})
    with open(os.path.join(ROOT, 'labels.jsonl'), 'w') as fh:
        for l in labels:
            fh.write(json.dumps(l, ensure_ascii=False) + '\n')
    print('built %d sessions from %d stories' % (len(labels), len(labels) // 2))

if __name__ == '__main__':
    main()
