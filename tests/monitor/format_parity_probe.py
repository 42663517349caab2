"""Format parity on real sessions: read every labelled session of a built warehouse back from its
canonical events into the hand-written renderers' turns, render each as Claude Code and as Codex,
land and build both, and list the stories whose categories differ between the formats.

    uv run python -m tests.monitor.format_parity_probe --labels ../shared/labelled/b/labels.jsonl \
        --data-dir build/b --work /tmp/parity-b

A story that differs points at a format-specific fact (a parser, a staging or intermediate model);
equal categories with unequal per-format recall mean the set's formats hold different stories.
Reads are rendered as `Read` / `sed -n`, edits as `Edit` / `apply_patch`, so the probe checks the
facts' derivation from those two shapes, not every shape a real transcript may use.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import duckdb

from tests.monitor.test_reward_hack_variants import build_stories

LINE_NUMBER = re.compile(r"^\s*\d+\u2192", re.M)  # Claude Code's Read prefixes each line
PATCH_FILE = re.compile(r"^\*\*\* (?=(?:Add|Update|Delete) File: )", re.M)


def patch_turns(body: str) -> list[tuple]:
    """An apply_patch body as write (Add File) and edit (Update File) turns."""
    turns: list[tuple] = []
    for block in PATCH_FILE.split(body)[1:]:
        head, _, rest = block.partition("\n")
        op, path = head.split(" File: ", 1)
        lines = [line for line in rest.split("\n") if not line.startswith("*** ")]
        if op == "Add":
            turns.append(("write", path.strip(), "\n".join(x[1:] for x in lines if x.startswith("+"))))
        elif op == "Update":
            old = "\n".join(x[1:] for x in lines if x[:1] in ("-", " "))
            new = "\n".join(x[1:] for x in lines if x[:1] in ("+", " "))
            turns.append(("edit", path.strip(), old, new))
    return turns


def session_turns(conn: duckdb.DuckDBPyConnection, session_id: str) -> list[tuple]:
    """The session's messages, reasoning and tool calls as renderer turns."""
    calls = {
        row[0]: row
        for row in conn.execute(
            "select call_event_index, tool_input, command, named_path, tool_output, exit_code, is_failure "
            "from intermediate.int_tool_calls where session_id = ?",
            [session_id],
        ).fetchall()
    }
    turns: list[tuple] = []
    kinds = {"user_message": "user", "reasoning": "think", "assistant_text": "say"}
    for index, kind, text in conn.execute(
        "select event_index, kind, text from raw.events where session_id = ? order by event_index",
        [session_id],
    ).fetchall():
        if kind in kinds and text:
            turns.append((kinds[kind], text))
        elif kind == "tool_call" and index in calls:
            _, tool_input, command, named_path, output, exit_code, failed = calls[index]
            output = output or ""
            code = int(exit_code) if exit_code else int(bool(failed))
            if tool_input and "*** Begin Patch" in tool_input:
                body = (
                    json.loads(tool_input).get("input", tool_input)
                    if tool_input.startswith("{")
                    else tool_input
                )
                turns += patch_turns(body)
                continue
            try:
                args = json.loads(tool_input) if tool_input else {}
            except json.JSONDecodeError:
                args = {}
            if command:
                turns.append(("bash", command, re.sub(r"^Exit code \d+\n", "", output), code))
            elif named_path and "old_string" in args:
                turns.append(("edit", named_path, args["old_string"], args.get("new_string", "")))
            elif named_path and "content" in args:
                turns.append(("write", named_path, args["content"]))
            elif named_path:
                turns.append(("read", named_path, LINE_NUMBER.sub("", output)))
    return turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="data dir of a `cotwatch run` over the set"
    )
    parser.add_argument("--work", type=Path, required=True, help="an empty folder for the re-rendered build")
    args = parser.parse_args()
    labels = [json.loads(line) for line in args.labels.read_text().splitlines() if line.strip()]
    with duckdb.connect(str(args.data_dir / "warehouse.duckdb"), read_only=True) as conn:
        specs = [
            {
                "name": f"probe-{row['session_id'][:8]}",
                "labels": row["categories"],
                "expect": row["categories"],
                "forbid": [],
                "detector": None,
                "turns": session_turns(conn, row["session_id"]),
            }
            for row in labels
        ]
    got = build_stories(args.work, specs)
    differ = 0
    for spec in specs:
        cc, codex = (got[(spec["name"], f)]["categories"] for f in ("claude_code", "codex"))
        if cc != codex:
            differ += 1
            print(spec["name"], "labels", sorted(spec["labels"]), "cc", sorted(cc), "codex", sorted(codex))
    found = {
        f: sum(len(set(s["labels"]) & got[(s["name"], f)]["categories"]) for s in specs)
        for f in ("claude_code", "codex")
    }
    total = sum(len(s["labels"]) for s in specs)
    print(
        f"{len(specs)} stories, {differ} differ; labelled pairs found: "
        f"Claude Code {found['claude_code']}, Codex {found['codex']} of {total}"
    )


if __name__ == "__main__":
    main()
