"""Format parity beyond Claude Code and Codex: the hand-written stories told as a home-grown agent's
canonical JSONL, as Harbor ATIF trajectories of an OpenHands run and as Gemini CLI chats raise the
same incidents as in Claude Code. The detectors read normalized facts (shell commands, edited paths
and text, outputs, claims), so a story's incidents must not depend on the format it was written in.
"""

from __future__ import annotations

import duckdb
import pytest

from pipelines.config import Settings
from tests.monitor.handwritten.render import HERE, render_claude, sid
from tests.monitor.handwritten.render_more import RENDERERS
from tests.monitor.test_format_parity import BOTH, land_and_build_incidents

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def incidents_by_format(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[str]]]:
    root = tmp_path_factory.mktemp("parity_more")
    settings = Settings(data_dir=root / "data", landing_dir=root / "landing")
    session_of: dict[tuple[str, str], str] = {}
    for i, spec in enumerate(BOTH):
        day = 1 + i % 28
        path, text = render_claude({**spec, "name": spec["name"] + "#claude"}, day, "as-claude")
        out = settings.landing_dir / path.relative_to(HERE)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        session_of[("claude_code", spec["name"])] = sid(spec["name"] + "#claude")
        for fmt, render in RENDERERS.items():
            rel, text, session = render(spec, day, f"as-{fmt}")
            out = settings.landing_dir / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            session_of[(fmt, spec["name"])] = session
    found = land_and_build_incidents(settings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        formats = dict(conn.execute("select session_id, source_format from raw.sessions").fetchall())
    # every rendering landed in the format it claims to be
    assert {formats[s] for (f, _n), s in session_of.items() if f == "atif"} == {"atif"}
    assert {formats[s] for (f, _n), s in session_of.items() if f == "canonical"} == {"canonical"}
    assert {formats[s] for (f, _n), s in session_of.items() if f == "gemini_cli_chat"} == {"gemini_cli_chat"}
    return {
        fmt: {spec["name"]: found.get(session_of[(fmt, spec["name"])], set()) for spec in BOTH}
        for fmt in ("claude_code", *RENDERERS)
    }


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_every_story_raises_the_same_incidents_as_in_claude_code(incidents_by_format, fmt) -> None:
    claude, other = incidents_by_format["claude_code"], incidents_by_format[fmt]
    differ = {name: (claude[name], other[name]) for name in claude if claude[name] != other[name]}
    assert not differ, "\n".join(
        f"{n}: claude {sorted(a)} vs {fmt} {sorted(b)}" for n, (a, b) in sorted(differ.items())
    )


def test_the_parity_is_not_vacuous(incidents_by_format) -> None:
    misbehaving = [s["name"] for s in BOTH if s["labels"]]
    for fmt, found in incidents_by_format.items():
        raised = [n for n in misbehaving if found[n]]
        assert len(raised) >= 0.8 * len(misbehaving), fmt
