"""`cotwatch run` with nothing new stops after a check that loads no Dagster, dbt or Great Expectations,
and anything new (a landing file, a review, a pending scan, a code change, another run's landing)
makes it run in full. Real subprocesses against a real warehouse built once for the module."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import orjson
import pytest

from pipelines.config import Settings
from pipelines.warehouse import freshness
from tests.conftest import REAL_FIXTURES
from tests.test_cli import cotwatch


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One full `cotwatch run` over the Codex fixtures (as one deployment), recorded as successful."""
    root = tmp_path_factory.mktemp("built")
    landing = root / "landing"
    shutil.copytree(REAL_FIXTURES / "codex", landing / "codex-team")
    data = root / "data"
    result = cotwatch("run", "--landing", str(landing), "--data-dir", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (data / freshness.STATE_FILE).exists()
    return Settings(data_dir=data, landing_dir=landing)


@pytest.fixture
def copy(built: Settings, tmp_path: Path) -> Settings:
    """A private copy of the built landing folder and data dir (mtimes kept), so a test may change it."""
    landing, data = tmp_path / "landing", tmp_path / "data"
    shutil.copytree(built.landing_dir, landing)
    shutil.copytree(built.data_dir, data, ignore=shutil.ignore_patterns("warehouse.lock"))
    state_file = data / freshness.STATE_FILE
    state = orjson.loads(state_file.read_bytes())
    state["landing_root"] = str(landing)  # the copy lives elsewhere; everything else is unchanged
    state_file.write_bytes(orjson.dumps(state))
    return Settings(data_dir=data, landing_dir=landing)


def run(settings: Settings, *extra: str, python_args: tuple[str, ...] = ()):
    return cotwatch("run", "--landing", str(settings.landing_dir), "--data-dir", str(settings.data_dir), *extra,
                    python_args=python_args)  # fmt: skip


def add_claude_session(settings: Settings) -> None:
    """A new landing file: the real Claude Code fixture under a second deployment."""
    new = settings.landing_dir / "claude-team" / "session.jsonl"
    new.parent.mkdir()
    shutil.copy(REAL_FIXTURES / "claude_code" / "sample_main_transcript.jsonl", new)


def dagster_runs(settings: Settings) -> int:
    import dagster as dg

    with dg.DagsterInstance.from_config(str(settings.data_dir / "dagster")) as instance:
        return len(instance.get_runs())


def test_a_run_with_nothing_new_stops_without_loading_dagster_dbt_or_gx(copy: Settings) -> None:
    before = (copy.data_dir / "serving" / "CURRENT").read_text()
    runs = dagster_runs(copy)
    result = run(copy, python_args=("-X", "importtime"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("run: nothing new")]
    assert len(lines) == 1, result.stdout
    assert "3 landing files unchanged" in lines[0] and before.strip() in lines[0]
    imported = {
        line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")
    }
    assert imported, "python -X importtime lists the imported modules"
    heavy = sorted(
        m for m in imported if m.split(".")[0] in ("dagster", "dagster_dbt", "dbt", "great_expectations")
    )
    assert heavy == [], heavy[:5]
    assert dagster_runs(copy) == runs  # no Dagster run was started
    assert (copy.data_dir / "serving" / "CURRENT").read_text() == before  # nothing republished


def test_force_runs_every_step(copy: Settings) -> None:
    runs = dagster_runs(copy)
    result = run(copy, "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "run: --force runs every step" in result.stdout
    assert "dbt: " in result.stdout and "serving: published" in result.stdout
    assert dagster_runs(copy) == runs + 1
    assert "run: nothing new" in run(copy).stdout  # the forced run was recorded as the last success


def test_a_new_landing_file_is_landed_and_published(copy: Settings) -> None:
    add_claude_session(copy)
    result = run(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "run: 1 new or changed landing files (claude-team/session.jsonl)" in result.stdout
    assert "landing: 4 files found, 1 new or changed, 3 unchanged" in result.stdout
    snapshot = copy.data_dir / "serving" / (copy.data_dir / "serving" / "CURRENT").read_text().strip()
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        deployments = {
            d for (d,) in conn.execute("select distinct deployment from marts.fct_session_metrics").fetchall()
        }
    assert deployments == {"codex-team", "claude-team"}
    assert "run: nothing new" in run(copy).stdout


def test_a_grown_file_is_new(copy: Settings) -> None:
    grown = next((copy.landing_dir / "codex-team").glob("*.jsonl"))
    with grown.open("ab") as fh:
        fh.write(b"\n")
    reason = freshness.what_is_new(copy, freshness.observe(copy))
    assert reason == f"1 new or changed landing files (codex-team/{grown.name})"


def _stored_mtimes(settings: Settings) -> dict[str, int]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        return dict(
            conn.execute("select path, mtime_ns from raw.files where status <> 'superseded'").fetchall()
        )


def _touch_all(settings: Settings) -> dict[str, int]:
    """New, distinct modification times on every landing file, contents unchanged (a copy, `touch`)."""
    touched = {}
    for i, path in enumerate(sorted(settings.landing_dir.rglob("*.jsonl"))):
        mtime_ns = path.stat().st_mtime_ns + (i + 1) * 1_000_000_000
        os.utime(path, ns=(mtime_ns, mtime_ns))
        touched[path.relative_to(settings.landing_dir).as_posix()] = mtime_ns
    return touched


def test_touched_files_with_their_landed_contents_do_not_run_the_pipeline(copy: Settings) -> None:
    before = (copy.data_dir / "serving" / "CURRENT").read_text()
    runs = dagster_runs(copy)
    touched = _touch_all(copy)
    assert len(touched) == 3
    result = run(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "run: 3 landing files with a new modification time hold the contents already landed: "
        "their times recorded"
    ) in result.stdout
    assert "run: nothing new: 3 landing files unchanged" in result.stdout
    assert "dbt: " not in result.stdout and dagster_runs(copy) == runs
    assert (copy.data_dir / "serving" / "CURRENT").read_text() == before
    assert _stored_mtimes(copy) == touched  # so the next check finds them unchanged, without hashing
    again = run(copy)
    assert "run: nothing new" in again.stdout and "times recorded" not in again.stdout


def test_a_touched_file_whose_content_changed_is_left_to_the_full_run(copy: Settings) -> None:
    stored = _stored_mtimes(copy)
    touched = _touch_all(copy)
    path = copy.landing_dir / sorted(touched)[0]
    data = path.read_bytes()
    at = data.index(b"e", len(data) // 2)  # one letter changed: same size, new content
    path.write_bytes(data[:at] + b"f" + data[at + 1 :])
    os.utime(path, ns=(touched[sorted(touched)[0]], touched[sorted(touched)[0]]))
    observed = freshness.observe(copy)
    assert observed.touched == 3 and len(observed.changed) == 3
    assert freshness.settle_touched(copy, observed) is False
    # nothing written: not even the times of the two files that were only touched
    assert _stored_mtimes(copy) == stored
    assert freshness.what_is_new(copy, freshness.observe(copy)).startswith("3 new or changed landing files")
    add_claude_session(copy)  # a new file is never settled without a run
    observed = freshness.observe(copy)
    assert observed.touched == 3 and len(observed.changed) == 4
    assert freshness.settle_touched(copy, observed) is False


def test_pending_scans_reviews_and_another_runs_landing_are_new(copy: Settings) -> None:
    assert freshness.what_is_new(copy, freshness.observe(copy)) is None
    review = copy.reviews_dir / "r.jsonl"
    review.parent.mkdir(parents=True, exist_ok=True)
    review.write_text("")
    assert freshness.what_is_new(copy, freshness.observe(copy)) == "new reviews to land"
    review.unlink()
    assert freshness.what_is_new(copy, freshness.observe(copy)) is None
    with duckdb.connect(str(copy.warehouse_path)) as conn:
        session_id, file_id = conn.execute("select session_id, file_id from raw.sessions limit 1").fetchone()
        conn.execute(
            "insert into monitor.scan_pending values (?, ?, 1, 'v', 0, now()::timestamp)",
            [session_id, file_id],
        )
    assert "1 sessions wait for the monitor's scan" in freshness.what_is_new(copy, freshness.observe(copy))
    with duckdb.connect(str(copy.warehouse_path)) as conn:
        conn.execute("delete from monitor.scan_pending")
        # what a Dagster UI run that landed and then failed leaves: raw.files moved on, no new record
        conn.execute("update raw.files set landed_at = landed_at + interval 1 second")
    assert "raw.files changed since the last successful" in freshness.what_is_new(
        copy, freshness.observe(copy)
    )


def test_a_changed_dbt_project_or_rule_pack_runs_in_full(copy: Settings) -> None:
    state_file = copy.data_dir / freshness.STATE_FILE
    state = orjson.loads(state_file.read_bytes())
    state["code"] = "0" * 64  # what the record holds after the code it ran with was edited
    state_file.write_bytes(orjson.dumps(state))
    result = run(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "run: the dbt project, rule pack or quality suites changed since the last run" in result.stdout
    assert "dbt: " in result.stdout


def _dbt_logs_of(settings: Settings) -> list[str]:
    """The dbt.log of each Dagster run of this data dir whose build folder is still kept, oldest first
    (assets/dbt.py names the folder after the run id)."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(settings.data_dir / "dagster")) as instance:
        run_ids = [r.run_id for r in reversed(instance.get_runs())]
    target = freshness.REPO_ROOT / "dbt_project" / "target"
    return [
        log.read_text() for run_id in run_ids for log in target.glob(f"dbt_models-{run_id[:7]}-*/dbt.log")
    ]


def test_the_build_after_a_full_refresh_reuses_dbt_s_parse(copy: Settings) -> None:
    # A full refresh (a new warehouse's first build, or after a dbt project change) once passed a dbt
    # var, which dbt hashes into its parse cache: the next build re-parsed the whole project.
    result = run(copy, "--full-refresh")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "monitor: scanned 3 sessions" in result.stdout  # a full refresh rescans every session
    add_claude_session(copy)
    result = run(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "monitor: scanned 1 sessions" in result.stdout
    logs = _dbt_logs_of(copy)
    assert len(logs) >= 2, "both builds left a dbt.log naming this data dir"
    assert "Running with dbt" in logs[-1]
    assert "UnableToPartialParse" not in logs[-1], [
        line for line in logs[-1].splitlines() if "UnableToPartialParse" in line
    ]
    # The incremental build leaves out the tests that read only seeds (assets/dbt.py); the full
    # refresh before it ran them, and a test that reads a seed and a model still runs.
    assert "test not_null_categories_category " in logs[-2]
    assert "test not_null_categories_category " not in logs[-1]
    assert "test relationships_fct_incidents_category__category__ref_categories_ " in logs[-1]


def test_code_digest_follows_the_dbt_project_and_rule_pack_not_generated_files(tmp_path: Path) -> None:
    dbt, monitor = tmp_path / "dbt_project", tmp_path / "pipelines" / "monitor"
    shutil.copytree(freshness.REPO_ROOT / "dbt_project", dbt, ignore=shutil.ignore_patterns("target", "logs"))
    shutil.copytree(freshness.REPO_ROOT / "pipelines" / "monitor", monitor,
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    dirs = (dbt, monitor)
    first = freshness.code_digest(dirs)
    (dbt / "target").mkdir()
    (dbt / "target" / "manifest.json").write_text("{}")  # dbt's own output: not the project
    assert freshness.code_digest(dirs) == first
    rule = monitor / "rules" / "test_tampering.yaml"
    rule.write_text(rule.read_text() + "\n# edited\n")
    assert freshness.code_digest(dirs) != first
    second = freshness.code_digest(dirs)
    model = next((dbt / "models").rglob("*.sql"))
    model.write_text(model.read_text() + "\n")
    assert freshness.code_digest(dirs) != second


def test_code_digest_follows_an_intent_model_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run with another intent model ($COTWATCH_INTENT_MODEL) is not "nothing new": its hits differ."""
    from pipelines.monitor import intent

    assert freshness.INTENT_MODEL_ENV == intent.MODEL_ENV
    dirs = (tmp_path / "empty",)
    monkeypatch.delenv(intent.MODEL_ENV, raising=False)
    plain = freshness.code_digest(dirs)
    model = tmp_path / "model.json"
    model.write_text('{"format": "one"}')
    monkeypatch.setenv(intent.MODEL_ENV, str(model))
    first = freshness.code_digest(dirs)
    assert first != plain
    model.write_text('{"format": "two"}')
    assert freshness.code_digest(dirs) not in (plain, first)


def test_code_digest_follows_the_intent_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that reads another intent scope ($COTWATCH_INTENT_SCOPE) is not "nothing new"."""
    from pipelines.monitor import intent

    assert freshness.INTENT_SCOPE_ENV == intent.SCOPE_ENV
    dirs = (tmp_path / "empty",)
    monkeypatch.delenv(intent.SCOPE_ENV, raising=False)
    plain = freshness.code_digest(dirs)
    monkeypatch.setenv(intent.SCOPE_ENV, "reasoning")
    assert freshness.code_digest(dirs) != plain


def test_a_missing_snapshot_or_record_means_a_full_run(copy: Settings) -> None:
    (copy.data_dir / "serving" / "CURRENT").unlink()
    assert freshness.what_is_new(copy, freshness.observe(copy)) == "no serving snapshot published"
    freshness.forget(copy)
    assert freshness.what_is_new(copy, freshness.observe(copy)).startswith("no record of a successful")


def test_watch_settles_only_on_what_its_run_saw(copy: Settings) -> None:
    # a file that arrives as a run ends is not taken for something that run could not fix
    before = freshness.observe(copy)
    (copy.landing_dir / "codex-team" / "late.jsonl").write_bytes(b"{}\n")
    assert freshness.settled_key(copy, before, freshness.observe(copy)) is None
    # what the run saw and left as it was (here: a scan still pending) settles until something changes
    with duckdb.connect(str(copy.warehouse_path)) as conn:
        session_id, file_id = conn.execute("select session_id, file_id from raw.sessions limit 1").fetchone()
        conn.execute(
            "insert into monitor.scan_pending values (?, ?, 1, 'v', 0, now()::timestamp)",
            [session_id, file_id],
        )
    seen = freshness.observe(copy)
    assert freshness.settled_key(copy, seen, freshness.observe(copy)) == seen.key()
