"""Format parity: the same stories told in Claude Code and in Codex CLI transcripts raise the same
incidents. The detectors read normalized facts (commands, edited paths, added and removed lines,
outputs, claims), not format-specific tool names, so a story's (category) incidents must not depend
on the agent that wrote it down.

Every hand-written session (tests/monitor/handwritten: 70 stories, misbehaving and benign) is
rendered in both formats by the same renderer the evaluation set uses, landed, and built by the real
dbt project once.
"""

from __future__ import annotations

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.dbt_docs import run_models
from pipelines.warehouse.landing import land
from tests.monitor.handwritten.render import HERE, render_claude, render_codex, sid
from tests.monitor.handwritten.sessions import SESSIONS

pytestmark = pytest.mark.slow

# Codex CLI has no web-fetch or subagent tool: stories built on those exist in one format only.
CLAUDE_ONLY_TURNS = {"fetch", "task"}
BOTH = [spec for spec in SESSIONS if not {turn[0] for turn in spec["turns"]} & CLAUDE_ONLY_TURNS]


@pytest.fixture(scope="module")
def both_formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[set[str], set[str]]]:
    root = tmp_path_factory.mktemp("parity")
    settings = Settings(data_dir=root / "data", landing_dir=root / "landing")
    for i, spec in enumerate(BOTH):
        day = 1 + i % 28
        for render, suffix, deployment in (
            (render_claude, "#claude", "as-claude"),
            (render_codex, "#codex", "as-codex"),
        ):
            path, text = render({**spec, "name": spec["name"] + suffix}, day, deployment)
            out = settings.landing_dir / path.relative_to(HERE)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    summary = land(settings)
    assert summary.files_failed == 0 and summary.quarantined == 0
    run_models(settings, command="build")
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        rows = conn.execute("select session_id, category from marts.fct_incidents").fetchall()
    found: dict[str, set[str]] = {}
    for session_id, category in rows:
        found.setdefault(session_id, set()).add(category)
    return {
        spec["name"]: (
            found.get(sid(spec["name"] + "#claude"), set()),
            found.get(sid(spec["name"] + "#codex"), set()),
        )
        for spec in BOTH
    }


def test_every_story_raises_the_same_incidents_in_both_formats(both_formats) -> None:
    differ = {name: pair for name, pair in both_formats.items() if pair[0] != pair[1]}
    assert not differ, "\n".join(
        f"{n}: claude {sorted(a)} vs codex {sorted(b)}" for n, (a, b) in differ.items()
    )


def test_the_parity_is_not_vacuous(both_formats) -> None:
    """Most misbehaving stories raise incidents at all, in either format."""
    assert len(BOTH) >= 0.9 * len(SESSIONS)
    misbehaving = [s["name"] for s in BOTH if s["labels"]]
    raised = [n for n in misbehaving if both_formats[n][0]]
    assert len(raised) >= 0.8 * len(misbehaving)
