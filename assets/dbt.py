"""dbt assets: the models of dbt_project/ (staging, intermediate, marts), built with `dbt build`.

Asset keys are `[schema, name]`: the dbt sources `raw.*` and `monitor.*` map onto the landing and
monitor assets (`["raw", "events"]`, `["monitor", "signals"]`, ...), so the dbt models hang under
them in the graph; the models are `["staging", ...]`, `["intermediate", ...]`, `["marts", ...]`,
the seeds `["seeds", ...]`. dbt data tests on models are asset checks (a failing one with severity
error fails the step); dbt unit tests run in `make test`, or here with `unit_tests: true`.

Dagster runs the whole dbt project in one step as long as nothing outside it sits between two dbt
assets. Keep it so: no dbt tests on sources (they would be blocking checks of the landing/monitor
assets run inside this step) and no blocking asset check on a dbt asset that another dbt model
reads (every mart is a leaf). Otherwise Dagster splits the step, and dbt's eager test selection
can then run a test before all the models it reads exist.

The dbt subprocess writes the warehouse itself, so nothing in this process may hold a DuckDB
connection to it while dbt runs (and dagster-dbt's `fetch_row_counts()` is not used for that reason).
"""

import contextlib
import io
import os
import shutil
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from assets.adapters import LocalDbtCliResource
from assets.resources import WarehouseResource
from pipelines.config import Settings
from pipelines.dbt_docs import (
    DBT_PROJECT_DIR,
    dbt_executable,
    keep_partial_parse,
    parse_cache_key,
    seed_partial_parse,
)
from pipelines.quality.results import dbt_result_rows, plain_dbt_summary, record_dbt_results
from pipelines.warehouse import freshness
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.schema import ensure_monitor_schema, ensure_raw_schema, forget_text_scans

# Importing this module parses nothing: `dagster dev` re-parses through DbtProject's own preparation,
# and the entry points that run the graph (`assets.runner`, the test session) call
# `prepare_manifest()` first, which parses only when the manifest is missing or stale.
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()
if not dbt_project.manifest_path.exists():
    raise FileNotFoundError(
        f"no dbt manifest at {dbt_project.manifest_path}: run `cotwatch run` once, or "
        "`python -c 'from pipelines.dbt_docs import prepare_manifest; prepare_manifest()'`"
    )

# Per-invocation artifact folders (target/dbt_models-<run>-<id>) kept for debugging; older ones go.
KEEP_RUN_TARGETS = 5
DBT_LOG_LEVEL_FILE = "info"  # dbt.log's level unless the environment sets DBT_LOG_LEVEL_FILE


class CotwatchDbtTranslator(DagsterDbtTranslator):
    """Asset keys `[schema, name]` for every dbt node; groups named after the project folders."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else None


class DbtBuildConfig(dg.Config):
    full_refresh: bool = False  # rebuild the incremental models from scratch (`dbt build --full-refresh`)
    # dbt unit tests check the SQL against fixed fixtures, not the data: they run in `make test`
    # (tests/dbt), and in a pipeline run only when asked.
    unit_tests: bool = False


# Tests an incremental build leaves to the full build (docs/architecture.md, "Incremental builds"):
# the data tests that read only seeds (tagged in dbt_project/seeds/_seeds.yml; a tag, because a
# `path:` selector also matches the seeds and, through dbt's indirect selection, every test that
# reads one, such as fct_incidents' relationship to categories). A seed's rows come from its CSV
# file in the dbt project, and any change to the project makes the next build a full refresh, which
# runs them; an incremental build reloads the same rows, so these tests could not fail there where
# the last full build's passed.
INCREMENTAL_EXCLUDE = ("tag:seed_contents",)


def incremental_exclusions() -> list[str]:
    """The `dbt build` arguments that leave INCREMENTAL_EXCLUDE out of an incremental build."""
    return ["--exclude", *INCREMENTAL_EXCLUDE]


def dbt_resource() -> DbtCliResource:
    """The dbt CLI resource for dbt_project/ (profiles.yml lives in the project)."""
    return LocalDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable())


@contextmanager
def _dbt_environment(settings: Settings) -> Iterator[None]:
    """COTWATCH_DATA_DIR of these settings (and dbt.log's level) for the dbt subprocess, whatever this
    process's env says.

    DbtCliResource copies os.environ into the subprocess when it starts it (inside `cli()`), so
    setting it around that call is enough; it is restored right after.
    """
    wanted = {
        "COTWATCH_DATA_DIR": str(settings.data_dir.resolve()),
        # dbt.log at info (node starts, results, errors with the compiled file's path) rather than
        # debug (every SQL statement): the debug lines cost about a second of a small build. Set
        # DBT_LOG_LEVEL_FILE=debug to get them back.
        "DBT_LOG_LEVEL_FILE": os.environ.get("DBT_LOG_LEVEL_FILE") or DBT_LOG_LEVEL_FILE,
    }
    previous = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _prune_run_targets(target_dir: Path, keep: int = KEEP_RUN_TARGETS) -> None:
    runs = sorted(
        (p for p in target_dir.glob("dbt_models*-*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=CotwatchDbtTranslator(),
    name="dbt_models",
)
def dbt_assets_def(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    config: DbtBuildConfig,
):
    """`dbt build` (seeds, models, data tests) against the warehouse of `warehouse`."""
    settings = warehouse.settings()
    progress = warehouse.progress(context.log)
    args = ["build"]
    # Incremental state built by another version of the dbt project may be stale: rebuild it all.
    digest = freshness.dbt_project_digest()
    stale = None if config.full_refresh else freshness.dbt_state_changed(settings, digest)
    if stale:
        progress(f"dbt: full refresh: {stale}")
    full_refresh = config.full_refresh or bool(stale)
    if full_refresh:
        args += ["--full-refresh"]
    else:
        args += incremental_exclusions()
    # A build that fails half way leaves no record, so the next build is a full refresh: an
    # incremental build records its changed sessions (int_session_state) before the marts take them,
    # and a later build would not take them again (macros/incremental.sql).
    freshness.record_dbt_state(settings, None)
    # A run before the monitor (or the reviews landing) exists still builds: the sources are created
    # empty with the pipeline's own DDL. The connection is closed before dbt opens the file.
    with open_warehouse(settings) as conn:
        ensure_raw_schema(conn)
        ensure_monitor_schema(conn)
        if full_refresh:
            # the incremental models are rebuilt by --full-refresh; the text matching rescans
            forget_text_scans(conn)
    if not config.unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    progress(f"dbt: {' '.join(args)} -> {settings.warehouse_path}")
    # The folder name dagster-dbt would pick, chosen here so the cached parse of this version of the
    # project can go into it first: without it dbt re-parses the whole project (seconds).
    target = (
        dbt_project.project_dir / "target" / f"dbt_models-{context.run.run_id[:7]}-{uuid.uuid4().hex[:7]}"
    )
    parse_key = parse_cache_key(digest)
    seed_partial_parse(target, parse_key)
    with _dbt_environment(settings):
        invocation = dbt.cli(args, context=context, raise_on_error=False, target_path=target)
    # dagster-dbt echoes every dbt log line to stdout: the Dagster UI keeps them in the step's
    # stdout, but `cotwatch run` (echo_progress) shows progress lines only; dbt.log has them all.
    with contextlib.redirect_stdout(io.StringIO()) if warehouse.echo_progress else contextlib.nullcontext():
        yield from invocation.stream()
    keep_partial_parse(invocation.target_path, parse_key)
    summary = _run_summary(invocation)
    progress(f"dbt: {summary}")
    _record_results(settings, invocation, context.run.run_id)
    scan = _last_scan(settings)
    if scan:
        progress(scan)
    _prune_run_targets(dbt_project.project_dir / "target")
    if invocation.is_successful():
        freshness.record_dbt_state(settings, digest)
    else:
        error = invocation.get_error()
        raise dg.Failure(
            description=f"dbt build failed ({summary}); see {invocation.target_path}/dbt.log",
            metadata={"failed_nodes": dg.MetadataValue.json(_failed_nodes(invocation))},
        ) from error


def _last_scan(settings: Settings) -> str | None:
    """The text-matching step's own figures (monitor.scan_runs), as a progress line."""
    with open_warehouse(settings, read_only=True) as conn:
        if not conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'monitor' and table_name = 'scan_runs'"
        ).fetchone()[0]:
            return None
        row = conn.execute(
            "select sessions_scanned, bytes_scanned, seconds, rule_hits from monitor.scan_runs "
            "order by scanned_at desc limit 1"
        ).fetchone()
    if row is None:
        return None
    sessions, scanned, seconds, hits = row
    return f"monitor: scanned {sessions} sessions ({scanned / 1e6:.1f} MB of text) in {seconds:.1f}s, {hits} rule hits"


def _results(invocation: Any) -> list[dict]:
    try:
        return invocation.get_artifact("run_results.json").get("results", [])
    except Exception:  # no run_results.json: dbt failed before running anything (parse error, ...)
        return []


def _run_summary(invocation: Any) -> str:
    try:
        return plain_dbt_summary(invocation.get_artifact("run_results.json"))
    except Exception:  # no run_results.json: dbt failed before running anything (parse error, ...)
        return plain_dbt_summary({})


def _record_results(settings: Any, invocation: Any, run_id: str) -> None:
    """dbt's node and test results into quality.dbt_results (the data quality page lists the tests)."""
    try:
        run_results = invocation.get_artifact("run_results.json")
    except Exception:  # nothing ran: nothing to record
        return
    manifest = getattr(invocation, "manifest", None)
    with open_warehouse(settings) as conn:
        record_dbt_results(conn, dbt_result_rows(run_results, manifest, run_id))


def _failed_nodes(invocation: Any) -> list[str]:
    return [
        f"{r['unique_id']}: {(r.get('message') or '').strip()[:300]}"
        for r in _results(invocation)
        if r["status"] in ("error", "fail")
    ]


dbt_assets_list = [dbt_assets_def]
