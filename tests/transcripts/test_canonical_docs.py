"""The examples in docs/canonical-format.md are real: they land as documented."""

from __future__ import annotations

import json
import re

from pipelines.config import Settings
from pipelines.warehouse.landing import land
from tests.conftest import REPO, query

DOC = REPO / "docs" / "canonical-format.md"


def doc_records() -> list[str]:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(), flags=re.S)
    text = "\n".join(blocks)
    # the header example spans two lines in the doc; join continuation lines onto their record
    records: list[str] = []
    for line in text.splitlines():
        if line.startswith("{") or not records:
            records.append(line)
        else:
            records[-1] += " " + line.strip()
    return records


def test_documented_canonical_examples_land_as_described(settings: Settings) -> None:
    folder = settings.landing_dir / "acme"
    folder.mkdir()
    (folder / "run-42.jsonl").write_text("\n".join(doc_records()) + "\n")

    summary = land(settings)

    assert summary.quarantined == 0
    # the session header and the documented skip record are counted as skipped, each with its reason
    assert query(settings, "select source_format, n_landed, n_skipped from raw.files") == [
        ("canonical", 5, 2)
    ]
    (skip_reasons,), = query(settings, "select skip_reasons from raw.files")  # fmt: skip
    assert json.loads(skip_reasons) == {
        "session header record": 1,
        "context copied from the parent session": 1,
    }
    assert query(settings, "select agent, agent_version, model, cwd from raw.sessions") == [
        ("acme-coder", "0.9.1", "acme-large-2", "/work/repo")
    ]
    kinds = query(settings, "select kind, role from raw.events order by event_index")
    assert kinds == [
        ("user_message", "user"), ("reasoning", "assistant"), ("tool_call", "assistant"),
        ("tool_result", "tool"), ("assistant_text", "assistant"),
    ]  # fmt: skip
    result = query(
        settings, "select exit_code, is_error, tool_output from raw.events where kind = 'tool_result'"
    )
    assert result == [(1, True, "1 failed, 3 passed")]
    assert query(settings, "select reasoning_visibility from raw.events where kind = 'reasoning'") == [
        ("plain",)
    ]
