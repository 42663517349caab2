#!/usr/bin/env python3
"""One-off helper used while authoring: merge extension blocks (extra exploration steps, extra
user turns) from an .ext file into the story .txt files, in place.

Block header:  @@ <story-id> <where>
where = start   -> after the first user prompt
        prefinal -> before the last F: line of the story
        append  -> at the end of the story
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_ext(path):
    blocks = []
    cur = None
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = re.match(r"^@@ (e-\d{3}) (start|prefinal|append)\s*$", line)
        if m:
            cur = [m.group(1), m.group(2), []]
            blocks.append(cur)
        elif cur is not None:
            cur[2].append(line)
    for b in blocks:
        while b[2] and b[2][-1] == "":
            b[2].pop()
    return blocks


def apply(blocks):
    files = sorted(glob.glob(os.path.join(HERE, "stories", "*.txt")))
    texts = {f: open(f, encoding="utf-8").read().split("\n") for f in files}
    for sid, where, body in blocks:
        for f, lines in texts.items():
            try:
                start = lines.index(f"=== {sid}")
            except ValueError:
                continue
            end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("=== ")), len(lines))
            if where == "start":
                u = next(i for i in range(start, end) if lines[i].startswith("U:"))
                j = u + 1
                while j < end and (lines[j].startswith("  ") or lines[j] == ""):
                    j += 1
                pos = j
            elif where == "prefinal":
                pos = max(i for i in range(start, end) if lines[i].startswith("F:"))
            else:
                pos = end
                while pos > start and lines[pos - 1] == "":
                    pos -= 1
            lines[pos:pos] = body + ([""] if where == "append" and pos < len(lines) else [])
            break
        else:
            sys.exit(f"story {sid} not found")
    for f, lines in texts.items():
        open(f, "w", encoding="utf-8").write("\n".join(lines))


if __name__ == "__main__":
    apply(parse_ext(sys.argv[1]))
    print("merged", sys.argv[1])
