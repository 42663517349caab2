"""The rule pack as data: every rule's own examples, and validation errors that name rule and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.monitor.rules import RULES_DIR, RuleError, load_rule_pack
from pipelines.monitor.taxonomy import CATEGORIES, DEFAULT_SEVERITY
from tests.monitor.builders import example_session, run_monitor, texts_warehouse, warehouse


def test_every_rule_fires_on_its_positive_examples_and_not_on_its_negatives(tmp_path: Path) -> None:
    pack = load_rule_pack()
    sessions, expected = [], {}
    for rule in pack.rules:
        for kind, examples in (("positive", rule.positive), ("negative", rule.negative)):
            for i, ex in enumerate(examples):
                sid = f"{rule.id}|{kind}|{i}"
                sessions.append(example_session(sid, ex.channel, ex.text, ex.user, ex.path))
                expected[sid] = (rule.id, kind == "positive", ex.text)
    conn = run_monitor(warehouse(tmp_path / "warehouse.duckdb", sessions), select="+rule_hits")
    fired = set(conn.execute("select session_id, detector_id from monitor.rule_hits").fetchall())
    wrong = [
        f"{rule_id}: {'missed positive' if should else 'fired on negative'} {text!r}"
        for sid, (rule_id, should, text) in expected.items()
        if ((sid, rule_id) in fired) != should
    ]
    assert not wrong, "\n".join(wrong)
    assert len(expected) >= 3 * len(pack.rules)


def test_rule_pack_covers_every_category_with_default_severities() -> None:
    pack = load_rule_pack()
    assert set(DEFAULT_SEVERITY) == set(CATEGORIES)
    # deception is mostly the structural claim-vs-evidence check; the pack still has an intent rule
    assert {r.category for r in pack.rules} == set(CATEGORIES)
    assert len({r.id for r in pack.rules}) == len(pack.rules)


GOOD_RULE = """
rules:
  - id: x.ok
    version: 1
    category: eval_awareness
    severity: medium
    channels: [reasoning]
    patterns: ['\\bthis is a drill\\b']
    description: test rule
    examples:
      positive: ["this is a drill"]
      negative: ["a drill bit"]
"""


def _pack_dir(tmp_path: Path, rule_yaml: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir()
    shutil.copy(RULES_DIR / "pack.yaml", d / "pack.yaml")
    (d / "mine.yaml").write_text(rule_yaml, encoding="utf-8")
    return d


@pytest.mark.parametrize(
    ("change", "field_name"),
    [
        (("severity: medium", "severity: urgent"), "severity"),
        (("category: eval_awareness", "category: cheating"), "category"),
        (("channels: [reasoning]", "channels: [thoughts]"), "channels"),
        (("patterns: ['\\bthis is a drill\\b']", "patterns: ['drill(?=bit)']"), "patterns"),
        (("patterns: ['\\bthis is a drill\\b']", "patterns: ['x*']"), "patterns"),
        (("description: test rule", "descripton: test rule"), "descripton"),
        (('      negative: ["a drill bit"]', "      negative: []"), "examples.negative"),
        (("    version: 1\n", ""), "version"),
        (
            ("description: test rule", "guards: {unless: 'drill'}\n    description: test rule"),
            "guards.unless",
        ),
        (("description: test rule", "edit_paths: true\n    description: test rule"), "edit_paths"),
        # skip_paths: a list, of valid patterns, for a rule that reads edited files
        (("description: test rule", "skip_paths: ['Dockerfile']\n    description: test rule"), "skip_paths"),
        (("description: test rule", "paths: 'conftest.py'\n    description: test rule"), "paths"),
        (
            ("description: test rule", "guards: {unless: ['(?<=a)drill']}\n    description: test rule"),
            "guards.unless",
        ),
    ],
)
def test_invalid_rule_fails_with_a_message_naming_file_rule_and_field(
    tmp_path: Path, change: tuple[str, str], field_name: str
) -> None:
    old, new = change
    assert old in GOOD_RULE
    with pytest.raises(RuleError) as err:
        load_rule_pack(_pack_dir(tmp_path, GOOD_RULE.replace(old, new)))
    message = str(err.value)
    assert "mine.yaml" in message
    assert "'x.ok'" in message
    assert f"field '{field_name}" in message


def test_duplicate_rule_id_across_the_pack_is_rejected(tmp_path: Path) -> None:
    d = _pack_dir(tmp_path, GOOD_RULE)
    (d / "other.yaml").write_text(GOOD_RULE, encoding="utf-8")
    with pytest.raises(RuleError, match=r"rule 'x\.ok'.*field 'id': duplicate"):
        load_rule_pack(d)


def test_valid_custom_pack_loads_and_its_version_follows_its_content(tmp_path: Path) -> None:
    d = _pack_dir(tmp_path, GOOD_RULE)
    first = load_rule_pack(d)
    assert [r.id for r in first.rules] == ["x.ok"]
    (d / "mine.yaml").write_text(
        GOOD_RULE.replace("this is a drill", "this is only a drill"), encoding="utf-8"
    )
    second = load_rule_pack(d)
    assert first.declared_version == second.declared_version
    assert first.version != second.version


def test_literal_prefilter_never_drops_a_text_a_pattern_matches(tmp_path: Path) -> None:
    """The anchors are necessary conditions: Python `re` over every example text and every pattern of
    its channel agrees that each real match is among the engine's candidates."""
    import re

    from pipelines.monitor.engine import candidate_units, prepare_chunks

    pack = load_rule_pack()
    sessions = [
        example_session(f"{r.id}|{kind}|{i}", ex.channel, ex.text, ex.user, ex.path)
        for r in pack.rules
        for kind, examples in (("p", r.positive), ("n", r.negative))
        for i, ex in enumerate(examples)
    ]
    conn = texts_warehouse(tmp_path / "warehouse.duckdb", sessions)
    prepare_chunks(conn, pack)
    candidate_units(conn, pack)
    candidates = set(conn.execute("select unit_id, chunk_id from mon_cand_units").fetchall())
    chunks = conn.execute("select chunk_id, channel, text from mon_chunks").fetchall()
    checked, missing = 0, []
    for rule in pack.rules:
        for unit_id, regex in rule.units:
            compiled = re.compile(regex)
            for chunk_id, channel, text in chunks:
                if channel in rule.channels and compiled.search(text):
                    checked += 1
                    if (unit_id, chunk_id) not in candidates:
                        missing.append(f"{unit_id} on {text[:80]!r}")
    assert checked > len(pack.rules)
    assert not missing, "\n".join(missing)


def test_a_validated_pack_is_cached_on_disk_and_revalidated_when_its_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.monitor import rules

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(rules.RULES_DIR_ENV, str(_pack_dir(tmp_path, GOOD_RULE)))
    rules._load_cached.cache_clear()
    first = rules.default_rule_pack()
    cached = list(rules.pack_cache_dir().glob("*.pickle"))
    assert len(cached) == 1
    # A new process (the in-process cache cleared) reads the file instead of validating again.
    rules._load_cached.cache_clear()
    monkeypatch.setattr(rules, "load_rule_pack", lambda *_a, **_k: pytest.fail("validated again"))
    assert rules.default_rule_pack() == first
    monkeypatch.undo()

    # A corrupt cache file is validated again and replaced.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(rules.RULES_DIR_ENV, str(tmp_path / "rules"))
    cached[0].write_bytes(b"not a pickle")
    rules._load_cached.cache_clear()
    assert rules.default_rule_pack() == first
    assert cached[0].read_bytes() != b"not a pickle"

    # An invalid edit is never served from the cache: it fails as it would without one.
    (tmp_path / "rules" / "mine.yaml").write_text(GOOD_RULE.replace("severity: medium", "severity: urgent"))
    rules._load_cached.cache_clear()
    with pytest.raises(RuleError, match="severity"):
        rules.default_rule_pack()
    assert len(list(rules.pack_cache_dir().glob("*.pickle"))) == 1
    rules._load_cached.cache_clear()


def test_a_pattern_re2_rejects_is_named_even_when_python_re_accepts_it(tmp_path: Path) -> None:
    # Python re accepts a backreference; RE2 (DuckDB) does not: the batched RE2 check fails, and the
    # one-by-one fallback names the pattern.
    bad = GOOD_RULE.replace("patterns: ['\\bthis is a drill\\b']", "patterns: ['(drill)\\s+\\1']")
    assert bad != GOOD_RULE
    with pytest.raises(RuleError, match=r"mine\.yaml.*invalid RE2 regular expression"):
        load_rule_pack(_pack_dir(tmp_path, bad))
