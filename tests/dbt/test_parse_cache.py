"""dbt's parse, cached per version of the project (pipelines/dbt_docs.py), against real dbt builds.

A copy of the dbt project's configuration with a probe model gets real `dbt build`s the way the dbt asset runs them
(the cached parse of the project's key into the build's target folder first, its parse filed
under the key after). A new data dir starts from the cached parse and dbt parses nothing; after a
change to a model, a macro, a seed, a var or the profile the key differs, and the next build in the
warm data dir (the normal case) runs the project as it is now.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipelines.dbt_docs import (
    DBT_PROJECT_DIR,
    cached_parse_path,
    dbt_env,
    dbt_executable,
    dbt_versions,
    keep_partial_parse,
    parse_cache_key,
    seed_partial_parse,
)
from pipelines.warehouse.freshness import dbt_project_digest

PROBE_MODEL = """\
{{ config(materialized='table', schema='probe', alias='probe_' ~ var('probe_alias') ~ '_' ~ target.threads) }}
select {{ probe_value() }} as from_macro, 'model-v1' as from_model,
       (select max(v) from {{ ref('probe_seed') }}) as from_seed
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The dbt project's configuration, profile and macros, copied, with a probe model reading a
    macro, a seed, a var and the profile (the project's own models left out: they cost a parse of
    seconds each time and test nothing here)."""
    copy = tmp_path / "dbt_project"
    shutil.copytree(
        DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs", "models", "seeds", "tests")
    )
    (copy / "models" / "probe").mkdir(parents=True)
    (copy / "seeds").mkdir()
    (copy / "models" / "probe" / "parse_cache_probe.sql").write_text(PROBE_MODEL)
    (copy / "macros" / "probe.sql").write_text("{% macro probe_value() %}'macro-v1'{% endmacro %}\n")
    (copy / "seeds" / "probe_seed.csv").write_text("v\nseed-v1\n")
    _edit(copy / "dbt_project.yml", "vars:\n", "vars:\n  probe_alias: a\n")
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


class Build:
    def __init__(self, seeded: bool, log: str, table: str, row: tuple) -> None:
        self.seeded, self.log, self.table, self.row = seeded, log, table, row

    @property
    def parsed(self) -> bool:
        """Whether dbt parsed any file of the project (in full or in part)."""
        return "Partial parsing enabled, no changes found, skipping parsing" not in self.log


def build(project: Path, data: Path) -> Build:
    """One `dbt build` of the probe against the warehouse in `data`, as assets/dbt.py runs a build."""
    data.mkdir(parents=True, exist_ok=True)
    target = data / f"target-{len(list(data.glob('target-*')))}"
    if (data / "warehouse.duckdb").exists():  # the probe of the build before may have another name
        with duckdb.connect(str(data / "warehouse.duckdb")) as conn:
            conn.execute("drop schema if exists probe cascade")
    key = parse_cache_key(dbt_project_digest(project))
    seeded = seed_partial_parse(target, key, project)
    done = subprocess.run(
        [dbt_executable(), "build", "--select", "+parse_cache_probe", "--exclude-resource-type", "unit_test",
         "--project-dir", str(project), "--profiles-dir", str(project), "--target-path", str(target)],
        cwd=project, env={**dbt_env(None, target), "COTWATCH_DATA_DIR": str(data)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    keep_partial_parse(target, key, project)
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as conn:
        (table,) = conn.execute(
            "select table_name from information_schema.tables where table_schema = 'probe'"
        ).fetchone()
        row = conn.execute(f"select from_macro, from_model, from_seed from probe.{table}").fetchone()
    return Build(seeded, (target / "dbt.log").read_text(), table, row)


def test_a_cached_parse_serves_every_data_dir_and_no_changed_project(project: Path, tmp_path: Path) -> None:
    first = build(project, tmp_path / "warm")
    assert not first.seeded and first.parsed  # nothing cached yet: dbt parses the project
    assert (first.table, first.row) == ("probe_a_2", ("macro-v1", "model-v1", "seed-v1"))

    # A new data dir: the parse made for another one is taken as it is (the profile does not name
    # the data dir), and the build writes the new data dir's warehouse.
    fresh = build(project, tmp_path / "fresh")
    assert fresh.seeded and not fresh.parsed, fresh.log[-2000:]
    assert (fresh.table, fresh.row) == (first.table, first.row)

    warm = tmp_path / "warm"
    changes = [
        ("model", project / "models" / "probe" / "parse_cache_probe.sql", "'model-v1'", "'model-v2'"),
        ("macro", project / "macros" / "probe.sql", "'macro-v1'", "'macro-v2'"),
        ("seed", project / "seeds" / "probe_seed.csv", "seed-v1", "seed-v2"),
        ("var", project / "dbt_project.yml", "probe_alias: a", "probe_alias: b"),
        ("profile", project / "profiles.yml", "threads: 2", "threads: 1"),
    ]
    expected = {"table": "probe_a_2", "row": ["macro-v1", "model-v1", "seed-v1"]}
    for what, path, old, new in changes:
        before = parse_cache_key(dbt_project_digest(project))
        _edit(path, old, new)
        assert parse_cache_key(dbt_project_digest(project)) != before, what
        if what == "model":
            expected["row"][1] = "model-v2"
        elif what == "macro":
            expected["row"][0] = "macro-v2"
        elif what == "seed":
            expected["row"][2] = "seed-v2"
        elif what == "var":
            expected["table"] = "probe_b_2"
        else:
            expected["table"] = "probe_b_1"
        # dbt.log of the warm data dir's build after the change
        again = build(project, warm)
        assert not again.seeded, f"a {what} change was handed the parse of the project before it"
        assert again.parsed
        assert (again.table, again.row) == (expected["table"], tuple(expected["row"])), what

    # And the project as it is now is cached for the next new data dir.
    last = build(project, tmp_path / "fresh-after")
    assert last.seeded and not last.parsed
    assert (last.table, last.row) == ("probe_b_1", ("macro-v2", "model-v2", "seed-v2"))


def test_dbt_itself_rechecks_a_parse_filed_under_the_wrong_key(project: Path, tmp_path: Path) -> None:
    # A model edited while a build ran: the parse of the old model is filed under the new key. dbt
    # compares the files with the checksums in the parse and re-parses the one that changed.
    build(project, tmp_path / "first")
    old = cached_parse_path(parse_cache_key(dbt_project_digest(project)), project)
    _edit(project / "models" / "probe" / "parse_cache_probe.sql", "'model-v1'", "'model-v2'")
    new = cached_parse_path(parse_cache_key(dbt_project_digest(project)), project)
    shutil.copyfile(old, new)
    second = build(project, tmp_path / "second")
    assert second.seeded and second.parsed
    assert "1 files changed" in second.log, second.log[-2000:]
    assert second.row == ("macro-v1", "model-v2", "seed-v1")


def test_the_key_follows_the_dbt_versions() -> None:
    digest = "0" * 64
    assert parse_cache_key(digest) == parse_cache_key(digest, dbt_versions())
    assert "dbt-core==" in dbt_versions() and "dbt-duckdb==" in dbt_versions()
    assert parse_cache_key(digest, "dbt-core==1.11.16 dbt-duckdb==1.11.1") != parse_cache_key(
        digest, "dbt-core==1.11.17 dbt-duckdb==1.11.1"
    )
    assert parse_cache_key(digest, "dbt-core==1.11.16 dbt-duckdb==1.11.1") != parse_cache_key(
        digest, "dbt-core==1.11.16 dbt-duckdb==1.11.2"
    )


def test_only_the_latest_versions_of_the_project_are_kept(tmp_path: Path) -> None:
    import os

    from pipelines.dbt_docs import KEEP_PARSES

    target = tmp_path / "t"
    target.mkdir()
    (target / "partial_parse.msgpack").write_bytes(b"parse")
    for i in range(KEEP_PARSES + 2):
        keep_partial_parse(target, f"k{i}", tmp_path)
        os.utime(cached_parse_path(f"k{i}", tmp_path), (1000 + i, 1000 + i))
    kept = sorted(p.stem for p in cached_parse_path("x", tmp_path).parent.glob("*.msgpack"))
    assert kept == sorted(f"k{i}" for i in range(2, KEEP_PARSES + 2))
    assert not list(cached_parse_path("x", tmp_path).parent.glob(".*tmp*"))
