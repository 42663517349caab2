"""The marts are checked by dbt alone (one check system per layer): a broken mart row fails the dbt
test that owns the rule, the Dagster run fails, and the serving snapshot is not published.

These cases are the breakages the Great Expectations contract suites of the marts used to catch
(`fct_session_metrics_contract`, `fct_incidents_contract`, `agg_deployment_daily_contract`), plus one
per rule that moved from those suites into dbt. A dbt run costs tens of seconds here, so the
breakages of one mart go into one copy, each on its own row, and one run of that mart's tests must
fail every one of them (the same tests all pass on the intact copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets.dbt import dbt_assets_def, dbt_resource
from assets.resources import WarehouseResource
from assets.serving import SERVING_SNAPSHOT, serving_snapshot
from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot
from tests.dbt.conftest import Built, copy_warehouse

pytestmark = pytest.mark.slow  # real dbt runs on copies of the built warehouse

SESSION_COUNTS = (
    "n_events",
    "n_reasoning_steps",
    "n_tool_calls",
    "n_tool_errors",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "signal_count",
    "incident_count",
)


@dataclass(frozen=True)
class Breakage:
    mart: str
    sql: tuple[str, ...]
    fails: tuple[str, ...]  # dbt tests (check names) that must fail; a name ending in "_" is a prefix
    # `{row}` in the SQL stands for one row of the mart, a different one for every breakage of a mart
    why: str

    def __str__(self) -> str:
        return f"{self.mart}: {self.why}"


BREAKAGES = [
    # fct_session_metrics (was fct_session_metrics_contract)
    Breakage(
        "fct_session_metrics",
        ("insert into marts.fct_session_metrics select * from marts.fct_session_metrics where {row}",),
        ("unique_fct_session_metrics_session_id",),
        "session_id is unique",
    ),
    Breakage(
        "fct_session_metrics",
        ("delete from marts.fct_session_metrics where {row}",),
        ("assert_every_session_has_metrics",),
        "every session of raw.sessions has a row",
    ),
    Breakage(
        "fct_session_metrics",
        ("update marts.fct_session_metrics set session_id = 'ghost' where {row}",),
        ("relationships_fct_session_metrics_session_id__session_id__source_raw_sessions_",),
        "every row is a session of raw.sessions",
    ),
    Breakage(
        "fct_session_metrics",
        ("update marts.fct_session_metrics set n_events = n_events - 1 where {row}",),
        ("assert_session_events_match_raw",),
        "n_events equals the session's rows in raw.events",
    ),
    Breakage(
        "fct_session_metrics",
        ("update marts.fct_session_metrics set incident_count = incident_count + 1 where {row}",),
        ("assert_session_incident_counts_match_incidents",),
        "incident_count equals the session's rows in fct_incidents",
    ),
    Breakage(
        "fct_session_metrics",
        ("update marts.fct_session_metrics set misalignment_score = 1.2 where {row}",),
        ("between_fct_session_metrics_misalignment_score_",),
        "misalignment_score is in [0, 1]",
    ),
    Breakage(
        "fct_session_metrics",
        (
            "update marts.fct_session_metrics set "
            + ", ".join(f"{c} = -1" for c in SESSION_COUNTS)
            + " where {row}",
        ),
        tuple(f"at_least_fct_session_metrics_{c}__0" for c in SESSION_COUNTS),
        "counts are not negative",
    ),
    Breakage(
        "fct_session_metrics",
        ("update marts.fct_session_metrics set max_severity = 'severe' where {row}",),
        ("accepted_values_fct_session_metrics_max_severity_",),
        "max_severity is a severity",
    ),
    # fct_incidents (was fct_incidents_contract)
    Breakage(
        "fct_incidents",
        ("update marts.fct_incidents set severity = 'apocalyptic' where {row}",),
        ("accepted_values_fct_incidents_severity_",),
        "severity is a severity",
    ),
    Breakage(
        "fct_incidents",
        (
            "insert into marts.fct_incidents select * replace ('other-id' as incident_id) "
            "from marts.fct_incidents where {row}",
        ),
        ("unique_combination_fct_incidents_session_id__category",),
        "one incident per (session_id, category)",
    ),
    Breakage(
        "fct_incidents",
        ("insert into marts.fct_incidents select * from marts.fct_incidents where {row}",),
        ("unique_fct_incidents_incident_id",),
        "incident_id is unique",
    ),
    Breakage(
        "fct_incidents",
        ("update marts.fct_incidents set review_status = 'maybe' where {row}",),
        ("accepted_values_fct_incidents_review_status_",),
        "review_status is a known status",
    ),
    Breakage(
        "fct_incidents",
        ("update marts.fct_incidents set session_id = 'ghost' where {row}",),
        ("relationships_fct_incidents_session_id__session_id__ref_fct_session_metrics_",),
        "every incident's session is in fct_session_metrics",
    ),
    Breakage(
        "fct_incidents",
        ("update marts.fct_incidents set signal_count = 0 where {row}",),
        ("at_least_fct_incidents_signal_count__1",),
        "signal_count >= 1",
    ),
    Breakage(
        "fct_incidents",
        ("update marts.fct_incidents set first_event_index = -1 where {row}",),
        ("at_least_fct_incidents_first_event_index__0",),
        "first_event_index >= 0",
    ),
    Breakage(
        "fct_incidents",
        ("update marts.fct_incidents set first_event_index = 9999 where {row}",),
        ("assert_incident_first_events_are_landed",),
        "every incident's first event is in raw.events",
    ),
    # agg_deployment_daily (was agg_deployment_daily_contract)
    Breakage(
        "agg_deployment_daily",
        ("update marts.agg_deployment_daily set flagged_rate = 1.5 where {row}",),
        ("between_agg_deployment_daily_flagged_rate_",),
        "flagged_rate is in [0, 1]",
    ),
    Breakage(
        "agg_deployment_daily",
        ("update marts.agg_deployment_daily set incidents_low = incidents_low + 1 where {row}",),
        ("agg_deployment_daily_severities_add_up",),
        "incidents by severity add up",
    ),
    Breakage(
        "agg_deployment_daily",
        (
            "update marts.agg_deployment_daily set flagged_sessions = sessions + 1 where {row}",
        ),
        ("agg_deployment_daily_flagged_within_sessions",),
        "flagged_sessions <= sessions",
    ),
    Breakage(
        "agg_deployment_daily",
        (
            "update marts.agg_deployment_daily set sessions = 0, flagged_sessions = -1, incidents = -1, "
            "incidents_critical = -1, incidents_high = 0, incidents_medium = 0, incidents_low = 0, "
            "incidents_per_1k_sessions = -1 where {row}",
        ),
        (
            "at_least_agg_deployment_daily_sessions__1",
            "at_least_agg_deployment_daily_flagged_sessions__0",
            "at_least_agg_deployment_daily_incidents__0",
            "at_least_agg_deployment_daily_incidents_per_1k_sessions__0",
        ),
        "sessions >= 1, counts not negative",
    ),
    Breakage(
        "agg_deployment_daily",
        ("update marts.agg_deployment_daily set sessions = sessions + 1 where {row}",),
        ("assert_daily_totals_match_facts",),
        "sum(sessions) equals the rows of fct_session_metrics",
    ),
    Breakage(
        "agg_deployment_daily",
        ("insert into marts.agg_deployment_daily select * from marts.agg_deployment_daily where {row}",),
        ("unique_combination_agg_deployment_daily_deployment__model__day",),
        "one row per (deployment, model, day)",
    ),
]  # fmt: skip


def _resources(settings: Settings) -> dict:
    return {
        "dbt": dbt_resource(),
        "warehouse": WarehouseResource(
            data_dir=str(settings.data_dir), landing_dir=str(settings.landing_dir)
        ),
    }


def _check_evaluations(result: dg.ExecuteInProcessResult) -> dict[str, bool]:
    return {
        e.event_specific_data.check_name: e.event_specific_data.passed
        for e in result.all_events
        if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION
    }


def _matches(name: str, expected: str) -> bool:
    return name.startswith(expected) if expected.endswith("_") else name == expected


def _break(settings: Settings, statements: tuple[str, ...]) -> None:
    with duckdb.connect(str(settings.warehouse_path)) as conn:
        for sql in statements:
            changed = conn.execute(sql).fetchone()[0]
            assert changed > 0, f"the breakage changed nothing: {sql}"


@pytest.fixture(scope="module")
def mart_tests_pass_on_the_built_warehouse(built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every mart's dbt tests, run as Dagster checks on an intact copy: all pass (the baseline the
    breakages depart from)."""
    copy = copy_warehouse(built, tmp_path_factory.mktemp("intact"))
    evaluations = {}
    for mart in sorted({b.mart for b in BREAKAGES}):
        result = dg.materialize(
            [dbt_assets_def],
            selection=dg.AssetSelection.checks_for_assets(dg.AssetKey(["marts", mart])),
            resources=_resources(copy),
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
        )
        evaluations[mart] = _check_evaluations(result)
        assert result.success, f"{mart}: {[n for n, ok in evaluations[mart].items() if not ok]}"
    return evaluations


def test_every_mart_rule_is_a_dbt_test_that_passes_on_the_built_warehouse(
    mart_tests_pass_on_the_built_warehouse: dict,
) -> None:
    for breakage in BREAKAGES:
        checks = mart_tests_pass_on_the_built_warehouse[breakage.mart]
        for expected in breakage.fails:
            ran = [name for name in checks if _matches(name, expected)]
            assert ran, f"{breakage}: no dbt test {expected!r} ran on marts.{breakage.mart}"
            assert all(checks[name] for name in ran), f"{breakage}: {ran} failed on the intact warehouse"


# A row key per mart: the breakages of one mart each take their own row, so one dbt run checks all.
ROW_KEYS = {
    "fct_session_metrics": "select format('session_id = ''{}''', session_id) from marts.fct_session_metrics "
    "where session_id not like 'cw-%' order by session_id",
    "fct_incidents": "select format('incident_id = ''{}''', incident_id) from marts.fct_incidents order by incident_id",
    "agg_deployment_daily": "select format('deployment = ''{}'' and model = ''{}'' and day = date ''{}''', "
    "deployment, model, day) from marts.agg_deployment_daily order by all",
}


@pytest.mark.parametrize("mart", sorted(ROW_KEYS))
def test_broken_mart_rows_fail_their_dbt_tests_and_the_run(
    built: Built, tmp_path: Path, mart: str, mart_tests_pass_on_the_built_warehouse: dict
) -> None:
    breakages = [b for b in BREAKAGES if b.mart == mart]
    copy = copy_warehouse(built, tmp_path)
    with duckdb.connect(str(copy.warehouse_path), read_only=True) as conn:
        rows = [key for (key,) in conn.execute(ROW_KEYS[mart]).fetchall()]
    assert len(rows) >= len(breakages)
    for breakage, row in zip(breakages, rows, strict=False):
        _break(copy, tuple(sql.format(row=row) for sql in breakage.sql))

    result = dg.materialize(
        [dbt_assets_def],
        selection=dg.AssetSelection.checks_for_assets(dg.AssetKey(["marts", mart])),
        resources=_resources(copy),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )

    assert not result.success
    failed = sorted(name for name, passed in _check_evaluations(result).items() if not passed)
    missed = [
        f"{breakage}: {expected}"
        for breakage in breakages
        for expected in breakage.fails
        if not any(_matches(name, expected) for name in failed)
    ]
    assert missed == [], f"these breakages did not fail their dbt test (failed: {failed})"


@pytest.mark.parametrize("broken", [False, True], ids=["intact", "broken"])
def test_failing_mart_test_stops_the_serving_publish(built: Built, tmp_path: Path, broken: bool) -> None:
    """The mart is rebuilt in the run from a corrupted intermediate table: its dbt test (severity
    error, so a blocking check) fails the dbt step, and the snapshot is not published."""
    copy = copy_warehouse(built, tmp_path)
    if broken:
        _break(
            copy,
            (
                "update intermediate.int_session_activity set n_events = n_events + 1 where session_id = 'cw-liar'",
            ),
        )
    assert current_snapshot(copy) is None

    result = dg.materialize(
        [dbt_assets_def, serving_snapshot],
        selection=[dg.AssetKey(["marts", "fct_session_metrics"]), SERVING_SNAPSHOT],
        resources=_resources(copy),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )

    checks = _check_evaluations(result)
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert checks["assert_session_events_match_raw"] is not broken
    assert dg.AssetKey(["marts", "fct_session_metrics"]) in materialized
    assert result.success is not broken
    assert (SERVING_SNAPSHOT in materialized) is not broken
    assert (current_snapshot(copy) is None) is broken
