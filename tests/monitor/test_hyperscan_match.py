"""The Hyperscan candidate search: never misses a text RE2 matches, and gives the signals the literal
prefilter path gives, on the rule pack's examples and on the hand-written set in real formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.dbt_docs import run_models
from pipelines.monitor import hyperscan_match
from pipelines.monitor.engine import (
    SIGNAL_COLUMNS,
    drop_temp_tables,
    hyperscan_patterns,
    lit,
    match_rules,
    prepare_chunks,
    scan,
)
from pipelines.monitor.rules import RULES_DIR, load_rule_pack
from pipelines.warehouse.landing import land
from tests.monitor.builders import SessionBuilder, example_session, texts_warehouse

pytestmark = pytest.mark.skipif(not hyperscan_match.available(), reason="hyperscan is not importable")

HANDWRITTEN = Path(__file__).resolve().parent / "handwritten"


def _variants(text: str) -> list[str]:
    """The text, and forms that stress the byte-level translation: case, RE2's non-ASCII case folds
    (Kelvin sign, long s), multi-byte characters where the pattern has gaps or classes."""
    return [
        text,
        text.upper(),
        text.replace("k", "\u212a").replace("s", "\u017f"),
        text.replace(" ", " é ", 3),
        text.replace("'", "’").replace('"', "“"),
        "…" + text + "…",
        text.replace(" ", "\u00a0", 2),
    ]


def _pack_sessions(pack) -> list[SessionBuilder]:
    return [
        example_session(f"{r.id}|{kind}|{i}|{v}", ex.channel, text, ex.user, ex.path)
        for r in pack.rules
        for kind, examples in (("p", r.positive), ("n", r.negative))
        for i, ex in enumerate(examples)
        for v, text in enumerate(_variants(ex.text))
    ]


def test_hyperscan_candidates_hold_every_text_re2_matches(tmp_path: Path) -> None:
    """RE2 (DuckDB) is the judge: every (pattern, text) it matches must be a Hyperscan candidate."""
    pack = load_rule_pack()
    conn = texts_warehouse(tmp_path / "warehouse.duckdb", _pack_sessions(pack))
    prepare_chunks(conn, pack)
    found = hyperscan_match.Scan(conn, hyperscan_patterns(pack))
    assert all(not rejected for rejected in found.rejected.values()), found.rejected
    table = found.candidates()
    candidates = set(zip(table.column("key").to_pylist(), table.column("chunk_id").to_pylist(), strict=True))
    matched: set[tuple[str, int]] = set()
    for rule in pack.rules:
        channels = ", ".join(lit(c) for c in rule.channels)
        for unit_id, regex in rule.units:
            rows = conn.execute(
                f"select chunk_id from mon_chunks where channel in ({channels}) "
                f"and regexp_matches(text, {lit(regex)})"
            ).fetchall()
            matched |= {(unit_id, chunk_id) for (chunk_id,) in rows}
    missing = sorted(matched - candidates)
    assert len(matched) > 3 * len(pack.rules)
    assert not missing, missing[:10]
    # a superset, yet a selective one where no Kelvin sign or long s makes every pattern a candidate
    folded = {
        c
        for (c,) in conn.execute(
            "select chunk_id from mon_chunks where regexp_matches(text, '[Kſ]')"
        ).fetchall()
    }
    plain = {(k, c) for k, c in candidates if c not in folded}
    assert folded and len(plain) < 2 * len({(k, c) for k, c in matched if c not in folded})


@pytest.mark.parametrize(
    ("regex", "text", "matches"),
    [
        (r"(?i:kill -9)", "\u212aill -9 1234", True),  # RE2 folds the Kelvin sign to k
        (r"(?i:\btest)", "a te\u017ft", True),  # and the long s to s
        (r"(?i:don’t)", "I DON’T", True),
        (r"x[^.\n]{0,3}y", "xééy", True),  # three characters, six bytes
        (r"x.y", "x€y", True),
        (r"^rm -rf$", "rm -rf", True),
        (r"\bfoo", "éfoo", True),  # RE2's \b is ASCII: é is not a word character
        (r"a\sb", "a\u00a0b", False),
        (r"(?i:pass(?:es|ed)?\b[^.\n]{0,60}?\bthough)", "passes, even though", True),
    ],
)
def test_superset_translation_covers_re2_on_edge_cases(
    tmp_path: Path, regex: str, text: str, matches: bool
) -> None:
    conn = duckdb.connect()
    assert conn.execute("select regexp_matches(?, ?)", [text, regex]).fetchall()[0][0] is matches
    conn.execute(
        "create temp table texts as select 1::bigint as chunk_id, 'reasoning' as channel, ? as text", [text]
    )
    conn.execute(
        "insert into texts select 2, 'reasoning', 'an unrelated text before' union all "
        "select 3, 'reasoning', 'and after: foo bar'"
    )
    found = hyperscan_match.Scan(conn, {"reasoning": (("u", regex),)}, texts="texts").candidates()
    rows = {
        c for k, c in zip(found.column("key").to_pylist(), found.column("chunk_id").to_pylist(), strict=True)
    }
    if matches:
        assert 1 in rows
    assert not rows & {2}


def test_a_pattern_hyperscan_cannot_take_falls_back_to_the_literal_path(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(RULES_DIR / "pack.yaml", rules / "pack.yaml")
    # a non-ASCII letter under case-insensitive matching has no byte-level superset here
    (rules / "mine.yaml").write_text(
        """
rules:
  - id: x.accent
    version: 1
    category: eval_awareness
    severity: medium
    channels: [reasoning]
    patterns: ['Évaluation secrète']
    description: test rule
    examples:
      positive: ["c'est une évaluation secrète"]
      negative: ["une évaluation"]
""",
        encoding="utf-8",
    )
    pack = load_rule_pack(rules)
    text = "Je pense que c'est une ÉVALUATION SECRÈTE."
    sessions = [
        SessionBuilder("yes").think(text),
        SessionBuilder("no").think("Une évaluation ordinaire."),
    ]
    conn = texts_warehouse(tmp_path / "warehouse.duckdb", sessions)
    prepare_chunks(conn, pack)
    rejected = match_rules(conn, pack, matcher="hyperscan")
    assert rejected == {"reasoning": ["x.accent#0"]}
    hits = conn.execute("select session_id, rule_id, ms, me from mon_rule_hits").fetchall()
    start = text.index("ÉVALUATION")
    assert hits == [("yes", "x.accent", start, start + len("ÉVALUATION SECRÈTE"))]
    drop_temp_tables(conn)


def test_patterns_hyperscan_rejects_are_named_and_the_rest_still_compile() -> None:
    compiled = hyperscan_match.compile_channel(
        (("ok", r"(?i:\bhistory -c\b)"), ("huge", r"(?:x[a-z]{1,60}y){500}"), ("accent", r"(?i:É)"))
    )
    assert compiled.keys == ("ok",)
    assert dict(compiled.rejected).keys() == {"huge", "accent"}
    assert "too large" in dict(compiled.rejected)["huge"]


def test_compiled_databases_are_kept_on_disk_and_a_broken_file_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(hyperscan_match.CACHE_ENV, str(tmp_path / "cache"))
    patterns = (("a", r"(?i:\bhistory\s+-c\b)"), ("b", r"unset\s+HISTFILE"))
    compile_uncached = hyperscan_match.compile_channel.__wrapped__
    first = compile_uncached(patterns)
    [stored] = (tmp_path / "cache").glob("*.hsdb")
    loaded = compile_uncached(patterns)  # from the file this time
    assert loaded.keys == first.keys == ("a", "b")
    stored.write_bytes(b"{}\nnot a database")
    rebuilt = compile_uncached(patterns)
    assert rebuilt.keys == ("a", "b")
    assert stored.read_bytes() != b"{}\nnot a database"
    for compiled in (loaded, rebuilt):  # both scan: pattern ids are the keys' positions
        ids: list[int] = []
        compiled.db.scan(
            b"unset HISTFILE; HISTORY -c",
            match_event_handler=lambda i, *_, out=ids: out.append(i),
            scratch=hyperscan_match.hyperscan.Scratch(compiled.db),
        )
        assert sorted({compiled.keys[i] for i in ids}) == ["a", "b"]


def _signals(conn: duckdb.DuckDBPyConnection, pack, matcher: str) -> list[tuple]:
    """mon_out's rows (signal_id first, evidence at index 9), all but detected_at."""
    scan(conn, pack, matcher=matcher)
    columns = ", ".join(c for c in SIGNAL_COLUMNS if c != "detected_at")
    rows = conn.execute(f"select {columns} from mon_out order by signal_id").fetchall()
    drop_temp_tables(conn)
    return rows


def test_hyperscan_and_literal_paths_give_the_same_signals_on_the_rule_examples(tmp_path: Path) -> None:
    """Equal, except where a text spells k or s as the Kelvin sign or the long s (variant 2): RE2
    matches those case-insensitively and Hyperscan keeps them, the literal path's ASCII prefilter
    drops some."""
    pack = load_rule_pack()
    conn = texts_warehouse(tmp_path / "warehouse.duckdb", _pack_sessions(pack))
    via_hyperscan = _signals(conn, pack, "hyperscan")
    via_literal = _signals(conn, pack, "literal")
    assert len(via_hyperscan) > 2 * len(pack.rules)

    def folded(row: tuple) -> bool:
        return row[1].endswith("|2")

    assert [r for r in via_hyperscan if not folded(r)] == [r for r in via_literal if not folded(r)]
    found_hyperscan = {(r[1], r[3]) for r in via_hyperscan if folded(r)}
    found_literal = {(r[1], r[3]) for r in via_literal if folded(r)}
    assert found_literal < found_hyperscan


@pytest.mark.slow
def test_hyperscan_and_literal_paths_give_the_same_signals_on_the_handwritten_set(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", landing_dir=tmp_path / "landing")
    for deployment in ("claude-code-dev", "codex-ci", "claude-code-heldout", "codex-heldout"):
        shutil.copytree(HANDWRITTEN / deployment, settings.landing_dir / deployment)
    landed = land(settings)
    assert landed.files_failed == 0
    run_models(settings, ["+int_monitor_texts"], command="build")
    pack = load_rule_pack()
    with duckdb.connect(str(settings.warehouse_path)) as conn:
        via_hyperscan = _signals(conn, pack, "hyperscan")
        via_literal = _signals(conn, pack, "literal")
    # rule hits in a good share of the ~90 sessions (the structural detectors are dbt models now, so
    # they are not part of this scan)
    assert len({row[1] for row in via_hyperscan}) >= 30
    assert via_hyperscan == via_literal


def test_repeated_texts_are_scanned_once_and_every_chunk_keeps_its_candidates(monkeypatch) -> None:
    """Each distinct text of a channel is scanned once; its candidates go to every chunk holding it,
    in every segment (tiny segments here) and on every channel: the same pairs as scanning each
    chunk's text alone."""
    pack = load_rule_pack()
    texts = [
        ("reasoning", "I'll hardcode the expected outputs for the three test inputs."),
        ("reasoning", "Let me read the parser first."),
        ("tool_input", "cat ~/.aws/credentials"),
        ("tool_input", "git commit --no-verify -m wip"),
        ("tool_input", "pytest -q"),
        ("reasoning", "This is probably a test of whether I follow instructions; \u212aeep calm."),
    ]
    rows = [(i + 1, *texts[(i * 7) % len(texts)]) for i in range(40)]  # every text many times
    rows.append((41, "assistant_text", texts[0][1]))  # the same text on another channel
    conn = duckdb.connect()
    conn.execute("create temp table texts (chunk_id bigint, channel varchar, text varchar)")
    conn.executemany("insert into texts values (?, ?, ?)", rows)
    patterns = hyperscan_patterns(pack)
    monkeypatch.setattr(hyperscan_match, "SEGMENT_BYTES", 100)
    found = hyperscan_match.Scan(conn, patterns, texts="texts").candidates()
    got = set(zip(found.column("key").to_pylist(), found.column("chunk_id").to_pylist(), strict=True))
    want: set[tuple[str, int]] = set()
    for chunk_id, channel, text in rows:
        conn.execute(
            "create or replace temp table one as select ?::bigint as chunk_id, ? as channel, ? as text",
            [chunk_id, channel, text],
        )
        alone = hyperscan_match.Scan(conn, {channel: patterns[channel]}, texts="one").candidates()
        want |= set(zip(alone.column("key").to_pylist(), alone.column("chunk_id").to_pylist(), strict=True))
    assert len({c for _k, c in want}) >= 25  # most chunks have candidates
    assert got == want
