"""The same dbt project on Apache Spark (local mode) over the lake: `cotwatch run --engine spark` builds
every model and passes every dbt data test, and its marts hold the same rows as DuckDB's."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.warehouse import lake as lakemod
from tests.conftest import REPO
from tests.test_cli import cotwatch

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("java") is None,
        reason="Java is not installed: Spark needs it (.ci/run installs openjdk-17-jre-headless)",
    ),
]

# The tables compared row for row: Spark's Parquet under <lake>/marts/ against DuckDB's table. The
# only columns left out are detection times of rule hits (the clock when each engine matched).
COMPARED = {
    "fct_session_metrics": ("marts.fct_session_metrics", ()),
    "fct_incidents": ("marts.fct_incidents", ("first_detected_at", "last_detected_at")),
    "rule_hits": ("monitor.rule_hits", ("detected_at",)),
}


def _normalise(value: Any) -> Any:
    """Values as both engines should agree on them: floats to 9 digits, lists as tuples."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 9)
    if isinstance(value, list):
        return tuple(_normalise(v) for v in value)
    return value


def _rows(conn: duckdb.DuckDBPyConnection, relation: str, columns: list[str]) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in columns)
    rows = conn.sql(f"select {cols} from {relation}").fetchall()
    return sorted((tuple(_normalise(v) for v in row) for row in rows), key=repr)


@pytest.fixture(scope="module")
def built_on_both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Generated transcripts built once by DuckDB and once by Spark from the same lake."""
    root = tmp_path_factory.mktemp("engines")
    landing, data, lake = root / "landing", root / "data", root / "lake"
    synth = cotwatch("synth", "--out", str(landing), "--sessions", "60", "--days", "4", "--seed", "11")
    assert synth.returncode == 0, synth.stderr
    run = ("run", "--landing", str(landing), "--data-dir", str(data), "--lake", str(lake))
    duck = cotwatch(*run)
    assert duck.returncode == 0, duck.stdout + duck.stderr
    spark = cotwatch(*run, "--engine", "spark", timeout=1800)
    assert spark.returncode == 0, spark.stdout[-6000:] + spark.stderr[-6000:]
    return {"landing": landing, "data": data, "lake": lake, "stdout": spark.stdout}


def test_spark_build_passes_every_dbt_test(built_on_both: dict) -> None:
    out = built_on_both["stdout"]
    assert "spark: dbt build ok" in out
    assert "local[" in out  # the default master


@pytest.mark.parametrize(
    "table",
    ["fct_session_metrics", "fct_incidents", "rule_hits"],
)
def test_spark_tables_equal_duckdb_tables(built_on_both: dict, table: str) -> None:
    relation, skipped = COMPARED[table]
    folder = built_on_both["lake"] / "marts" / table
    assert sorted(folder.glob("*.parquet")), f"no Parquet files under {folder}"
    with duckdb.connect(str(built_on_both["data"] / "warehouse.duckdb"), read_only=True) as wh:
        columns = [r[0] for r in wh.sql(f"describe {relation}").fetchall() if r[0] not in skipped]
        expected = _rows(wh, relation, columns)
    spark_rows = _rows(duckdb.connect(), f"read_parquet('{folder}/*.parquet')", columns)
    assert len(spark_rows) == len(expected) > 0
    assert spark_rows == expected


def test_spark_refuses_a_lake_whose_folders_do_not_match_its_manifest(
    built_on_both: dict, tmp_path: Path
) -> None:
    """A file no manifest names (what a killed sync leaves) stops the Spark build before it reads."""
    lake_dir = built_on_both["lake"]
    lake = lakemod.open_lake(str(lake_dir))
    some = lake_dir / lakemod.live_files(lakemod.read_manifest(lake), "raw/events")[0]
    stray = some.with_name("part-99999999-leftover-0.parquet")
    shutil.copy(some, stray)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pipelines.warehouse.spark", "--lake", str(lake_dir), "--work-dir", str(tmp_path)],
            cwd=REPO, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        stray.unlink()
    assert result.returncode == 2
    assert "raw/events: the folders hold 1 files the manifest" in result.stderr


def test_a_second_build_in_the_same_work_dir_creates_its_tables_again(tmp_path: Path) -> None:
    """The Spark catalog is in memory, so a build forgets the tables of the one before while their
    files stay in the work dir: a second `cotwatch run --engine spark` on the same data dir failed on
    its first table (LOCATION_ALREADY_EXISTS). Two sessions, one after the other, as two runs are."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pipelines.warehouse.spark import spark_session\n"
        "spark = spark_session(Path(sys.argv[1]), 'local[1]')\n"
        "spark.sql('create database if not exists intermediate')\n"
        "spark.sql('create table intermediate.t using parquet as select 1 as x')\n"
        "print('rows', spark.table('intermediate.t').count())\n"
        "spark.stop()\n"
    )
    for run in (1, 2):
        result = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"run {run}: {result.stderr[-3000:]}"
        assert "rows 1" in result.stdout


# Tool inputs whose JSON reads differently by engine unless the cross-adapter macros agree: a JSON
# null is VOID to Spark's variant functions and the string 'NULL' to DuckDB's json_type.
JSON_INPUTS = {
    "null_path": '{"command": "ls", "path": null}',
    "no_path": '{"command": "ls -la"}',
    "editor_path": '{"command": "view", "path": "src/app.py"}',
    "argv": '{"cmd": ["bash", "-lc", "pytest -q"]}',
    "nested": '{"action": {"command": ["ls", "/tmp"]}}',
    "not_json": "apply_patch <<EOF",
}


def _shell_facts_on(target: str, data_dir: Path) -> dict[str, Any]:
    """The shell command and the `$.path` JSON type of every input, as dbt's macros compute them on
    `target` (`dbt show --inline`; on Spark through `cw_spark_sql`, as the models are)."""
    from pipelines.dbt_docs import DBT_PROJECT_DIR, dbt_executable

    columns = []
    for name, text in JSON_INPUTS.items():
        literal = json.dumps("'" + text.replace("'", "''") + "'")  # a Jinja string holding a SQL literal
        columns.append(f"{{{{ shell_command({literal}) }}}} as {name}_command")
        columns.append(  # guarded as in the models: DuckDB's json_type fails on text that is not JSON
            f"case when {{{{ cw_json_valid({literal}) }}}} then {{{{ cw_json_type({literal}, '$.path') }}}} end"
            f" as {name}_path_type"
        )
    inline = (
        "{% set q %}select " + ", ".join(columns) + "{% endset %}"
        "{{ cw_spark_sql(q) if target.type == 'spark' else q }}"
    )
    args = ["show", "--target", target, "--inline", inline, "--output", "json", "--log-format", "json"]
    args += ["--target-path", str(data_dir / f"target-{target}"), "--log-path", str(data_dir / "logs")]
    args += ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    proc = subprocess.run(
        [dbt_executable(), *args],
        # dbt-spark's own session writes a Hive metastore (metastore_db/, derby.log) where it runs
        cwd=data_dir,
        env={**os.environ, "COTWATCH_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    for line in proc.stdout.splitlines():
        try:
            preview = json.loads(line).get("data", {}).get("preview")
        except json.JSONDecodeError:
            continue
        if preview:
            (row,) = json.loads(preview)
            return row
    raise AssertionError(f"no preview in dbt show's output: {proc.stdout[-2000:]}")


def test_shell_command_and_json_types_agree_on_both_engines(tmp_path: Path) -> None:
    duck = _shell_facts_on("dev", tmp_path)
    spark = _shell_facts_on("spark", tmp_path)
    assert duck["null_path_command"] is None  # an editor call with a JSON-null path runs no shell
    assert duck["null_path_path_type"] == "NULL"
    assert duck["argv_command"] == "bash -lc pytest -q"
    assert spark == duck
