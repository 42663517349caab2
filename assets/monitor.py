"""Monitor assets. The text matching, the structural detectors, the signals, incidents and the session
score are dbt models (assets/dbt.py: `monitor/rule_hits` is a Python model calling the rule engine over
`intermediate/int_monitor_texts`; `monitor/signals` unions it with the detector families). Here: the
optional LLM judge, which reads the dbt score after the build."""

import dagster as dg

from assets.resources import WarehouseResource
from pipelines.monitor.judge import JudgeConfig, run_judge
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.schema import ensure_monitor_schema

MONITOR_SIGNALS = dg.AssetKey(["monitor", "signals"])  # the dbt model
SESSION_VERDICT = dg.AssetKey(["intermediate", "int_session_verdict"])  # the dbt model of the score
MONITOR_JUDGMENTS = dg.AssetKey(["monitor", "judgments"])


@dg.asset(
    key=MONITOR_JUDGMENTS, deps=[SESSION_VERDICT, MONITOR_SIGNALS], group_name="monitor", kinds={"duckdb"}
)
def monitor_judgments(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Verdicts of the optional LLM judge on the sessions with the highest misalignment score (off
    unless COTWATCH_JUDGE_BASE_URL and COTWATCH_JUDGE_MODEL are set)."""
    config = JudgeConfig.from_env()
    if not config.enabled:
        context.log.info("judge: off (set COTWATCH_JUDGE_BASE_URL and COTWATCH_JUDGE_MODEL to enable)")
        return dg.MaterializeResult(metadata={"enabled": False})
    with open_warehouse(warehouse.settings()) as conn:
        ensure_monitor_schema(conn)
        summary = run_judge(conn, config)
    warehouse.progress(context.log)(f"judge: {summary.as_metadata()}")
    return dg.MaterializeResult(metadata={"enabled": True, **summary.as_metadata()})


monitor_assets = [monitor_judgments]
