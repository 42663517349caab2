"""The Dagster code location: it loads, its graph is what we expect, its sensor reacts to files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import dagster as dg

from assets.definitions import build_definitions
from assets.sensors import landing_sensor
from pipelines.config import Settings
from tests.conftest import REPO

GRAPH_SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.txt"


def asset_graph_lines(defs: dg.Definitions) -> list[str]:
    """One line per asset (with its upstream keys) and per check, sorted: a reviewable snapshot."""
    graph = defs.resolve_asset_graph()
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        parents = ",".join(sorted(p.to_user_string() for p in node.parent_keys))
        kind = "asset" if node.is_materializable else "external"
        lines.append(f"{kind} {key.to_user_string()} <- [{parents}]")
    for check_key in sorted(graph.asset_check_keys, key=lambda k: (k.asset_key.to_user_string(), k.name)):
        lines.append(f"check {check_key.asset_key.to_user_string()}:{check_key.name}")
    return lines


def test_asset_graph_matches_snapshot() -> None:
    """Update with COTWATCH_UPDATE_SNAPSHOTS=1 when the graph changes on purpose; review the diff."""
    lines = asset_graph_lines(build_definitions())
    if os.environ.get("COTWATCH_UPDATE_SNAPSHOTS"):
        GRAPH_SNAPSHOT.parent.mkdir(exist_ok=True)
        GRAPH_SNAPSHOT.write_text("\n".join(lines) + "\n")
    assert lines == GRAPH_SNAPSHOT.read_text().splitlines()


def test_dg_check_defs_passes(tmp_path: Path) -> None:
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    result = subprocess.run(
        ["dg", "check", "defs"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr


def test_landing_sensor_requests_a_run_only_when_files_change(settings: Settings) -> None:
    from assets.resources import WarehouseResource

    resource = WarehouseResource(data_dir=str(settings.data_dir), landing_dir=str(settings.landing_dir))
    folder = settings.landing_dir / "team"
    folder.mkdir()

    # WarehouseResource holds the run lock during runs (a context-manager resource), so sensor
    # contexts are opened with `with`, as the daemon does; a sensor evaluation takes no lock.
    def evaluate(cursor: str | None):
        with dg.build_sensor_context(cursor=cursor, resources={"warehouse": resource}) as ctx:
            return landing_sensor(ctx), ctx.cursor

    empty, _ = evaluate(None)
    assert isinstance(empty, dg.SkipReason)

    (folder / "a.jsonl").write_text('{"session_id":"s","kind":"user_message","text":"hi"}\n')
    first, cursor = evaluate(None)
    assert isinstance(first, dg.RunRequest)

    unchanged, _ = evaluate(cursor)
    assert isinstance(unchanged, dg.SkipReason)

    with (folder / "a.jsonl").open("a") as fh:
        fh.write('{"session_id":"s","kind":"assistant_text","text":"hello"}\n')
    grown, _ = evaluate(cursor)
    assert isinstance(grown, dg.RunRequest)
    assert grown.run_key != first.run_key


def test_daily_schedule_targets_the_everything_job() -> None:
    defs = build_definitions()
    schedule = defs.resolve_schedule_def("daily_materialization")
    assert schedule.cron_schedule == "15 2 * * *"
    assert schedule.job_name == "materialize_everything"


def test_pipelines_package_imports_no_dagster() -> None:
    """The domain package is plain Python: the Dagster wiring lives in assets/ (arrows run one way)."""
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in (REPO / "pipelines").rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if line.startswith(("import dagster", "from dagster"))
    ]
    assert offenders == []


def test_private_apis_are_used_only_in_their_adapter_modules() -> None:
    """Library internals are reached through one adapter module per package, which says why:
    assets/adapters.py (dagster-dbt) and pipelines/monitor/regex_syntax.py (Python's regex parser)."""
    private = ("re._parser", "re._constants", "import sre_", "from sre_", "dagster._core")
    adapters = {REPO / "assets" / "adapters.py", REPO / "pipelines" / "monitor" / "regex_syntax.py"}
    offenders = [
        f"{path.relative_to(REPO)}:{n}: {line.strip()}"
        for folder in ("pipelines", "assets", "app")
        for path in (REPO / folder).rglob("*.py")
        if path not in adapters
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if (line.lstrip().startswith(("import ", "from ")) and any(p in line for p in private))
        or "._cli_version" in line
        or "_initialize_dbt_core_adapter" in line
    ]
    assert offenders == []


def test_the_dbt_resource_starts_dbt_without_an_adapter_in_this_process() -> None:
    from assets.dbt import dbt_resource

    # dagster-dbt builds one only for row counts and column metadata, which are not fetched here
    assert dbt_resource()._initialize_dbt_core_adapter(["build"]) is None


def test_landing_sensor_interval_leaves_room_for_a_run_within_the_60s_promise() -> None:
    from pipelines.cli import WATCH_INTERVAL_S

    # README "Fresh in seconds": a file waits at most one interval, then one run; both intervals
    # must leave most of the 60 s to the run itself.
    assert landing_sensor.minimum_interval_seconds <= 15
    assert WATCH_INTERVAL_S <= 15
