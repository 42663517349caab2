"""Run the whole asset graph in-process through Dagster, as `cotwatch run` and `cotwatch demo` do."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pipelines.config import Settings
from pipelines.dbt_docs import prepare_manifest
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.lock import run_lock

DAGSTER_HOME_DIR = "dagster"
# The instance both `cotwatch run` and `make dagster-ui` (dg dev) use: runs, materializations and
# check results in SQLite under <data-dir>/dagster, so the UI shows what the CLI did. Telemetry and
# the first-visit pop-up are off (the UI runs on machines without internet access).
INSTANCE_YAML = """\
# Written by cotwatch (assets/runner.py): the Dagster instance of this data dir.
telemetry:
  enabled: false
nux:
  enabled: false
# Loading the code location imports dbt, Great Expectations and Dagster: minutes on a busy machine.
code_servers:
  local_startup_timeout: 600
# Dagster's SQLite storage in its usual layout, the event log keeping one connection per database
# file (assets/adapters.py says why).
run_storage:
  module: dagster._core.storage.runs
  class: SqliteRunStorage
  config:
    base_dir: {history}
event_log_storage:
  module: assets.adapters
  class: PooledSqliteEventLogStorage
  config:
    base_dir: {runs}
schedule_storage:
  module: dagster._core.storage.schedules
  class: SqliteScheduleStorage
  config:
    base_dir: {schedules}
"""
INSTANCE_YAML_MARKER = INSTANCE_YAML.splitlines()[0]


def dagster_home(settings: Settings) -> Path:
    return settings.data_dir / DAGSTER_HOME_DIR


def prepare_dagster_home(data_dir: str | Path) -> Path:
    """Create <data-dir>/dagster with its dagster.yaml and return the folder.

    A dagster.yaml that cotwatch wrote (it starts with INSTANCE_YAML_MARKER) is rewritten when this
    version's differs (a new setting, a moved data dir); one written by hand is kept as it is.
    """
    home = Path(data_dir).resolve() / DAGSTER_HOME_DIR
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    wanted = INSTANCE_YAML.format(
        history=json.dumps(str(home / "history")),
        runs=json.dumps(str(home / "history" / "runs")),
        schedules=json.dumps(str(home / "schedules")),
    )
    current = config.read_text(encoding="utf-8") if config.exists() else None
    if current is None or (current != wanted and current.startswith(INSTANCE_YAML_MARKER)):
        config.write_text(wanted, encoding="utf-8")
    return home


@dataclass
class RunOutcome:
    success: bool
    failed_steps: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)  # "asset_key:check_name (severity)"
    warnings: list[str] = field(default_factory=list)
    run_id: str = ""


def run_pipeline(
    settings: Settings,
    *,
    full_refresh: bool = False,
    log_level: str = "WARNING",
    echo_progress: bool = True,
    selection: Sequence[str] = (),
    lake: str = "",
    engine: str = "duckdb",
) -> RunOutcome:
    """Materialize every asset (and run every check) against `settings`.

    Progress lines are printed by the assets themselves (echo_progress); Dagster's console log is
    kept to warnings so the terminal shows what a user needs. The run lock is taken first, so a
    second run is refused at once (WarehouseLocked) before Dagster starts.
    """
    with run_lock(settings.data_dir, command="cotwatch run") as stale:
        if stale is not None and echo_progress:
            print(f"warning: took over the lock of a run that died ({stale.describe()})", flush=True)
        return _run_locked(settings, full_refresh=full_refresh, log_level=log_level,
                           echo_progress=echo_progress, selection=selection, lake=lake, engine=engine)  # fmt: skip


def _run_locked(
    settings: Settings,
    *,
    full_refresh: bool,
    log_level: str,
    echo_progress: bool,
    selection: Sequence[str],
    lake: str,
    engine: str,
) -> RunOutcome:
    prepare_manifest()  # before the dbt assets are imported: they read the manifest
    from assets.definitions import build_definitions

    if engine == "spark" and not selection:
        # The models are built by Spark over the lake; the DuckDB models, checks and snapshot stay put.
        from assets.lake import SPARK_SELECTION

        selection = SPARK_SELECTION
    defs = build_definitions(
        str(settings.data_dir),
        str(settings.landing_dir),
        echo_progress=echo_progress,
        lake=lake,
        engine=engine,
        # The whole graph (DuckDB; Spark runs a selection) runs the GX suites right after landing:
        # the landing starts their import when its first batch goes to DuckDB, which releases the
        # GIL, so the import runs beside the parsing. Started before the run (as it was), it took
        # turns for the GIL with the run's planned events, the landing plan and the first batch's
        # read, all Python, and slowed each of them.
        warm_up_checks=not selection,
    )
    job = defs.resolve_job_def("materialize_everything")
    run_config: dict = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    if full_refresh:
        run_config["ops"] = _full_refresh_config(job)
    # Dagster's own framework chatter goes to the python logger; keep the console to our messages.
    logging.getLogger("dagster").setLevel(logging.WARNING)
    home = prepare_dagster_home(settings.data_dir)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config=run_config,
            asset_selection=[dg.AssetKey.from_user_string(s) for s in selection] or None,
        )
    outcome = RunOutcome(success=result.success, run_id=result.run_id)
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE:
            outcome.failed_steps.append(event.step_key or "?")
        if event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if not evaluation.passed:
                label = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
                if evaluation.severity == dg.AssetCheckSeverity.ERROR:
                    outcome.failed_checks.append(label)
                else:
                    outcome.warnings.append(label)
    if outcome.failed_checks:
        outcome.success = False
    return outcome


def _full_refresh_config(job: dg.JobDefinition) -> dict:
    """Run config that sets `full_refresh: true` on every op that accepts it."""
    config: dict = {}
    for node in job.graph.node_defs:
        schema = getattr(node, "config_schema", None)
        fields = getattr(getattr(schema, "config_type", None), "fields", {}) or {}
        if "full_refresh" in fields:
            config[node.name] = {"config": {"full_refresh": True}}
    return config


def warehouse_summary(settings: Settings) -> dict[str, object]:
    """Counts for the end-of-run summary, read from the warehouse."""
    if not settings.warehouse_path.exists():
        return {}
    with open_warehouse(settings, read_only=True) as conn:
        tables = {
            f"{s}.{t}"
            for s, t in conn.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
        summary: dict[str, object] = {}
        if "raw.files" in tables:
            summary["files"] = dict(
                conn.execute(
                    "select status, count(*) from raw.files where status <> 'superseded' group by all order by 1"
                ).fetchall()
            )
            (summary["records"], summary["landed"], summary["quarantined"], summary["skipped"],
             summary["redactions"]) = conn.execute(
                "select coalesce(sum(n_records),0), coalesce(sum(n_landed),0), coalesce(sum(n_quarantined),0), "
                "coalesce(sum(n_skipped),0), coalesce(sum(n_redactions),0) from raw.files where status <> 'superseded'"
            ).fetchone()  # fmt: skip
            summary["sessions"] = conn.execute("select count(*) from raw.sessions").fetchone()[0]
            summary["events"] = conn.execute("select count(*) from raw.events").fetchone()[0]
            summary["deployments"] = conn.execute(
                "select count(distinct deployment) from raw.sessions"
            ).fetchone()[0]
        if "monitor.signals" in tables:
            summary["signals"] = dict(
                conn.execute(
                    "select severity, count(*) from monitor.signals group by all order by 2 desc"
                ).fetchall()
            )
        if "marts.fct_incidents" in tables:
            summary["incidents"] = conn.execute("select count(*) from marts.fct_incidents").fetchone()[0]
            summary["flagged_sessions"] = conn.execute(
                "select count(*) from marts.fct_session_metrics where is_flagged"
            ).fetchone()[0]
        return summary
