"""Monitor assets: rule pack and structural detectors over raw.events, then the optional LLM judge."""

import dagster as dg

from assets.landing import RAW_EVENTS, RAW_SESSIONS
from assets.resources import WarehouseResource
from pipelines.monitor.engine import run_monitor
from pipelines.monitor.judge import JudgeConfig, run_judge
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.schema import ensure_monitor_schema

MONITOR_SIGNALS = dg.AssetKey(["monitor", "signals"])
MONITOR_JUDGMENTS = dg.AssetKey(["monitor", "judgments"])


class MonitorConfig(dg.Config):
    full: bool = False  # rescan every session, not only new and changed ones


@dg.asset(
    key=MONITOR_SIGNALS,
    deps=[RAW_EVENTS, RAW_SESSIONS],
    group_name="monitor",
    kinds={"duckdb"},
)
def monitor_signals(
    context: dg.AssetExecutionContext, config: MonitorConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per detector hit: rule pack and structural detectors over reasoning, actions and claims,
    each with its evidence (event, excerpt, span), detector id and version, and confidence."""
    report = warehouse.progress(context.log)
    with open_warehouse(warehouse.settings()) as conn:
        ensure_monitor_schema(conn)
        summary = run_monitor(conn, full=config.full)
        total = conn.execute("select count(*) from monitor.signals").fetchone()[0]
    report(
        f"monitor: scanned {summary.sessions_scanned} sessions "
        f"({summary.bytes_scanned / 1e6:.1f} MB of text) in {summary.seconds:.1f}s, "
        f"{summary.signals} signals"
    )
    return dg.MaterializeResult(metadata={**summary.as_metadata(), "dagster/row_count": total})


@dg.asset(key=MONITOR_JUDGMENTS, deps=[MONITOR_SIGNALS], group_name="monitor", kinds={"duckdb"})
def monitor_judgments(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Verdicts of the optional LLM judge on the most suspicious sessions (off unless
    COTWATCH_JUDGE_BASE_URL and COTWATCH_JUDGE_MODEL are set)."""
    config = JudgeConfig.from_env()
    if not config.enabled:
        context.log.info("judge: off (set COTWATCH_JUDGE_BASE_URL and COTWATCH_JUDGE_MODEL to enable)")
        return dg.MaterializeResult(metadata={"enabled": False})
    with open_warehouse(warehouse.settings()) as conn:
        ensure_monitor_schema(conn)
        summary = run_judge(conn, config)
    warehouse.progress(context.log)(f"judge: {summary.as_metadata()}")
    return dg.MaterializeResult(metadata={"enabled": True, **summary.as_metadata()})


monitor_assets = [monitor_signals, monitor_judgments]
