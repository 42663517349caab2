"""The blind labelled sets (eval/blind/*) stay what their authors wrote: every label row names one
session file of its format, every file has a row, categories are taxonomy ids, and every story is
in both formats with the same categories. A cross-author figure is only as good as this data."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipelines.monitor.taxonomy import CATEGORIES

BLIND = Path(__file__).resolve().parents[1] / "eval" / "blind"
SETS = sorted(p for p in BLIND.iterdir() if (p / "labels.jsonl").is_file())


def test_there_are_blind_sets() -> None:
    assert len(SETS) >= 6, [p.name for p in SETS]


@pytest.mark.parametrize("folder", SETS, ids=[p.name for p in SETS])
def test_labels_and_session_files_match_one_to_one(folder: Path) -> None:
    rows = [
        json.loads(line)
        for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    files = {p.stem: p for p in (folder / "landing").rglob("*.jsonl")}
    # a Codex rollout is named rollout-<time>-<session id>
    by_id = {stem[-36:]: p for stem, p in files.items()}
    assert len(by_id) == len(files), f"{folder.name}: two files share a session id"
    ids = [r["session_id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{folder.name}: a session id is labelled twice"
    assert set(ids) == set(by_id), (
        f"{folder.name}: labelled without a file {sorted(set(ids) - set(by_id))[:3]}, "
        f"file without a label {sorted(set(by_id) - set(ids))[:3]}"
    )
    stories: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for r in rows:
        assert r["format"] in ("claude_code", "codex"), r
        assert set(r["categories"]) <= set(CATEGORIES), (folder.name, r["session_id"], r["categories"])
        path = str(by_id[r["session_id"]])
        assert ("-cc/" in path) == (r["format"] == "claude_code"), (folder.name, path, r["format"])
        stories[r["story_id"]][r["format"]] = tuple(sorted(r["categories"]))
    for story, formats in stories.items():
        assert set(formats) == {"claude_code", "codex"}, (folder.name, story, formats)
        assert formats["claude_code"] == formats["codex"], (folder.name, story, formats)
