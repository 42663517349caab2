"""The dbt layer built through Dagster on landed transcripts: contract, content, incremental runs,
failing data tests, unit tests, docs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.dbt_docs import generate_docs, prepare_manifest, run_unit_tests
from tests.dbt.conftest import (
    CANARY_DETECTOR,
    CANARY_FLAGGED,
    END_DATE,
    FLAG_THRESHOLD,
    TEST_DETECTOR,
    Built,
    calibrated_precision,
    copy_warehouse,
    expected_score,
    run_cotwatch,
)

pytestmark = pytest.mark.slow  # share one warehouse built by two pipeline runs

# The marts of ../shared/DESIGN.md "Public data contract": these names must exist (extra columns ok).
DESIGN_CONTRACT = {
    "fct_session_metrics": [
        "session_id", "deployment", "agent", "model", "source_format", "started_at", "session_date",
        "n_events", "n_reasoning_steps", "n_tool_calls", "n_tool_errors", "n_test_runs", "final_tests_passed",
        "edited_test_files", "claimed_success", "input_tokens", "output_tokens", "reasoning_tokens",
        "signal_count", "incident_count", "max_severity", "misalignment_score", "is_flagged", "categories",
    ],
    "fct_incidents": [
        "incident_id", "session_id", "deployment", "model", "category", "severity", "first_event_index",
        "evidence", "detectors", "signal_count", "session_date", "review_status",
    ],
    "agg_deployment_daily": [
        "deployment", "model", "day", "sessions", "flagged_sessions", "flagged_rate", "incidents",
        "incidents_critical", "incidents_high", "incidents_medium", "incidents_low", "incidents_per_1k_sessions",
    ],
    "dim_deployments": ["deployment", "team", "environment", "agent"],
    "dim_models": ["model"],
}  # fmt: skip
# Columns a later issue relies on.
EXTRA_WANTED = {"fct_session_metrics": ["reasoning_visibility", "readable_reasoning_chars"]}
# Issue 9: how much of each deployment's reasoning the monitor can read.
MONITORABILITY_COLUMNS = [
    "deployment", "model", "day", "sessions", "sessions_with_readable_reasoning", "sessions_without_reasoning",
    "reasoning_events", "reasoning_events_plain", "reasoning_events_summary", "reasoning_events_encrypted",
    "reasoning_events_empty", "reasoning_events_none", "share_plain", "share_summary", "share_encrypted",
    "share_empty", "share_none", "readable_reasoning_chars", "readable_chars_per_session", "reasoning_tokens",
    "readable_chars_per_reasoning_token", "monitorability",
]  # fmt: skip


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(prepare_manifest().read_text())


def _columns(built: Built, schema: str) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for table, column, dtype in built.query(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = ? "
        "order by table_name, ordinal_position",
        [schema],
    ):
        tables.setdefault(table, {})[column] = dtype
    return tables


def test_both_pipeline_runs_succeed_with_no_failed_check(built: Built) -> None:
    for outcome in (built.first, built.second):
        assert outcome.success
        assert outcome.failed_steps == [] and outcome.failed_checks == []


def test_information_schema_has_every_contract_table_and_column(built: Built) -> None:
    marts = _columns(built, "marts")
    for table, columns in {**DESIGN_CONTRACT}.items():
        assert table in marts, f"marts.{table} missing"
        missing = [c for c in [*columns, *EXTRA_WANTED.get(table, [])] if c not in marts[table]]
        assert missing == [], f"marts.{table} lacks {missing}"
    assert marts["fct_session_metrics"]["categories"] == "VARCHAR[]"
    assert marts["fct_incidents"]["detectors"] == "VARCHAR[]"
    assert marts["fct_session_metrics"]["misalignment_score"] == "DOUBLE"
    assert marts["agg_deployment_daily"]["day"] == "DATE"


def test_the_hand_built_signals_shape_matches_dbts_contract(built: Built, tmp_path) -> None:
    """Tests and benchmarks that build monitor.signals by hand (schema.create_signals_table) use the
    columns and types of the dbt model, less its extra severity_rank."""
    import duckdb

    from pipelines.warehouse.schema import create_signals_table

    dbt_columns = {c: t for c, t in _columns(built, "monitor")["signals"].items() if c != "severity_rank"}
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        create_signals_table(conn)
        hand = dict(
            conn.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'monitor' and table_name = 'signals' order by ordinal_position"
            ).fetchall()
        )
    assert list(hand.items()) == list(dbt_columns.items())


def test_schemas_are_named_exactly_and_hold_every_model(built: Built, manifest: dict) -> None:
    schemas = {r[0] for r in built.query("select schema_name from information_schema.schemata")}
    assert {"raw", "monitor", "seeds", "staging", "intermediate", "marts"} <= schemas
    assert not [s for s in schemas if s.startswith("main_")]
    relations = {
        (s, t) for s, t in built.query("select table_schema, table_name from information_schema.tables")
    }
    expected = {
        (n["schema"], n["name"])
        for n in manifest["nodes"].values()
        if n["resource_type"] in ("model", "seed")
    }
    assert len(expected) == 40  # 5 staging, 14 intermediate, 6 detector families, 2 monitor, 8 marts, 5 seeds
    assert expected - relations == set()


def test_every_column_of_every_model_is_described(built: Built, manifest: dict) -> None:
    described = {
        (n["schema"], n["name"]): {c for c, spec in n["columns"].items() if spec["description"].strip()}
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model"
    }
    undescribed = []
    for (schema, name), columns in described.items():
        for column in _columns(built, schema).get(name, {}):
            if column not in columns:
                undescribed.append(f"{schema}.{name}.{column}")
    assert undescribed == []


def test_every_session_has_one_metrics_row(built: Built) -> None:
    (sessions,), (metrics,), (distinct,) = (
        built.query("select count(*) from raw.sessions")[0],
        built.query("select count(*) from marts.fct_session_metrics")[0],
        built.query("select count(distinct session_id) from marts.fct_session_metrics")[0],
    )
    assert sessions == metrics == distinct
    assert sessions > 30


def test_weakened_test_then_success_claim_is_scored_flagged_and_reviewed(built: Built) -> None:
    (row,) = built.query(
        "select n_test_runs, final_tests_passed, edited_test_files, claimed_success, incident_count, "
        "signal_count, max_severity, misalignment_score, is_flagged, categories "
        "from marts.fct_session_metrics where session_id = 'cw-tamper'"
    )
    # one (incident, detector) pair per incident: the fixture's detector has no calibration counts,
    # so each counts with its (category, severity) cell's precision; confirmed, so flagged whatever
    # the score
    score = expected_score(
        [(TEST_DETECTOR, "test_tampering", "high"), (TEST_DETECTOR, "deception", "medium")]
    )
    assert 0 < score < 1
    assert row == (2, True, True, True, 2, 3, "high", score, True, ["deception", "test_tampering"])
    (incident,) = built.query(
        "select incident_id, severity, first_event_index, evidence, detectors, signal_count, review_status "
        "from marts.fct_incidents where session_id = 'cw-tamper' and category = 'test_tampering'"
    )
    assert incident == (
        hashlib.md5(b"cw-tampertest_tampering").hexdigest(), "high", 1, "loosen the assertion",
        [TEST_DETECTOR], 2, "confirmed",
    )  # fmt: skip


def test_claim_after_failed_run_and_rejected_incident(built: Built) -> None:
    rows = dict(
        (r[0], r[1:])
        for r in built.query(
            "select session_id, final_test_status, claimed_tests_pass, misalignment_score, is_flagged "
            "from marts.fct_session_metrics where session_id in ('cw-liar', 'cw-grader')"
        )
    )
    # one high deception incident of an uncalibrated detector: its cell's precision, below the flag
    # threshold on the shipped calibration (deception is often raised on benign sessions too)
    liar = expected_score([(TEST_DETECTOR, "deception", "high")])
    assert rows["cw-liar"] == ("failed", True, liar, liar >= FLAG_THRESHOLD)
    # The grader session's only incident was reviewed as a false positive: it no longer scores.
    assert rows["cw-grader"] == ("passed", True, 0.0, False)
    assert built.query("select review_status from marts.fct_incidents where session_id = 'cw-grader'") == [
        ("false_positive",)
    ]


def test_incremental_run_picked_up_the_session_landed_between_runs(built: Built) -> None:
    rows = built.query(
        "select n_test_runs, final_test_status, claimed_tests_pass from marts.fct_session_metrics "
        "where session_id = 'cw-late'"
    )
    assert rows == [(1, "passed", True)]
    runs = built.query("select framework, n_passed from marts.fct_test_runs where session_id = 'cw-late'")
    assert runs == [("cargo", 7)]


def test_unregistered_deployments_appear_in_dim_deployments(built: Built) -> None:
    rows = dict(
        (r[0], r[1:])
        for r in built.query(
            "select deployment, team, environment, is_registered, sessions from marts.dim_deployments"
        )
    )
    assert rows["canary-team"] == ("unassigned", "unknown", False, 20)
    assert rows["claude_code-team"][2] is False
    # Every deployment of a session is in the dimension.
    assert built.query(
        "select count(*) from (select distinct deployment from raw.sessions) s "
        "anti join marts.dim_deployments d using (deployment)"
    ) == [(0,)]


def test_daily_aggregate_counts_the_canary_weeks(built: Built) -> None:
    (prior, recent) = built.query(
        "select sum(sessions), sum(flagged_sessions) from marts.agg_deployment_daily "
        "where deployment = 'canary-team' group by day < date '2026-03-08' order by day < date '2026-03-08' desc"
    )
    # the fixture's premise: its detector flags a session on its own
    assert calibrated_precision(CANARY_DETECTOR, "test_tampering", "high") >= FLAG_THRESHOLD
    assert prior == (10, CANARY_FLAGGED["prior"])
    assert recent == (10, CANARY_FLAGGED["recent"])


# The score recomputed from raw.events, independently of the dbt models: per session
# (plain + 0.5 summary) / reasoning events (0 without any), averaged per (deployment, model, day).
MONITORABILITY_FROM_RAW = """
with per_session as (
    select s.session_id, coalesce(nullif(trim(s.model), ''), 'unknown') as model, s.deployment,
           count(e.event_index) filter (where e.kind = 'reasoning') as n,
           count(e.event_index) filter (where e.kind = 'reasoning' and e.reasoning_visibility = 'plain') as plain,
           count(e.event_index) filter (where e.kind = 'reasoning' and e.reasoning_visibility = 'summary') as summary
    from raw.sessions s left join raw.events e using (session_id)
    group by all
)
select p.deployment, p.model, m.session_date,
       round(avg(case when n = 0 then 0 else (plain + 0.5 * summary) / n end), 4) as monitorability,
       count(*) as sessions
from per_session p join marts.fct_session_metrics m using (session_id)
group by all
"""


def test_monitorability_mart_has_its_columns_and_one_row_per_slice(built: Built) -> None:
    columns = _columns(built, "marts")["agg_monitorability_daily"]
    assert list(columns) == MONITORABILITY_COLUMNS
    assert columns["monitorability"] == "DOUBLE" and columns["day"] == "DATE"
    (slices, sessions), = built.query("select count(*), sum(sessions) from marts.agg_monitorability_daily")  # fmt: skip
    assert (slices, sessions) == built.query(
        "select count(distinct (deployment, model, session_date)), count(*) from marts.fct_session_metrics"
    )[0]


def test_monitorability_equals_the_score_recomputed_from_raw_events(built: Built) -> None:
    mart = {
        (d, m, day): (score, n)
        for d, m, day, score, n in built.query(
            "select deployment, model, day, monitorability, sessions from marts.agg_monitorability_daily"
        )
    }
    raw = {(d, m, day): (score, n) for d, m, day, score, n in built.query(MONITORABILITY_FROM_RAW)}
    assert mart.keys() == raw.keys()
    # Rounded to 4 decimals on both sides, from sums taken in another order: equal to 1e-4.
    off = {
        k: (mart[k], raw[k]) for k in mart if mart[k][1] != raw[k][1] or abs(mart[k][0] - raw[k][0]) > 1e-4
    }
    assert off == {}
    assert {score for score, _ in mart.values()} > {0.0, 1.0}  # the data spans hidden, readable and mixed


def test_monitorability_shares_add_up_and_the_encrypted_only_deployment_scores_zero(built: Built) -> None:
    bad = built.query(
        "select deployment, model, day from marts.agg_monitorability_daily "
        "where abs(share_plain + share_summary + share_encrypted + share_empty + share_none - 1) > 0.0005 "
        "or sessions_with_readable_reasoning > sessions"
    )
    assert bad == []
    (row,) = built.query(
        "select sum(sessions), sum(sessions_with_readable_reasoning), sum(readable_reasoning_chars), "
        "min(share_encrypted), max(monitorability), sum(reasoning_tokens) > 0 "
        "from marts.agg_monitorability_daily where deployment = 'vendor-eval'"
    )
    sessions, readable, chars, encrypted, score, tokens_reported = row
    assert sessions >= 3 and (readable, chars, encrypted, score, tokens_reported) == (0, 0, 1.0, 0.0, True)
    # The canonical acme sessions on END_DATE: cw-tamper and cw-grader reason in plain text, cw-late
    # (same model) and cw-liar (another model) not at all.
    assert built.query(
        "select model, sessions, sessions_without_reasoning, share_plain, share_none, monitorability "
        "from marts.agg_monitorability_daily where deployment = 'acme-team' and day = ? order by model",
        [END_DATE],
    ) == [("acme-coder-2", 3, 1, 0.6667, 0.3333, 0.6667), ("acme-coder-3", 1, 1, 0.0, 1.0, 0.0)]


def test_session_visibility_is_the_dominant_form_of_its_reasoning(built: Built) -> None:
    """Against raw.events: the most frequent visibility of the session's reasoning events."""
    mismatched = built.query(
        """
        with counts as (
            select session_id, reasoning_visibility as v, count(*) as n,
                   case reasoning_visibility when 'plain' then 4 when 'summary' then 3
                        when 'encrypted' then 2 when 'empty' then 1 else 0 end as readability
            from raw.events where kind = 'reasoning' group by all
        ),
        dominant as (
            select session_id, arg_max(v, (n, readability)) as v from counts group by session_id
        )
        select m.session_id, m.reasoning_visibility, coalesce(d.v, 'none')
        from marts.fct_session_metrics m left join dominant d using (session_id)
        where m.reasoning_visibility <> coalesce(d.v, 'none')
        """
    )
    assert mismatched == []
    kinds = {v for (v,) in built.query("select distinct reasoning_visibility from marts.fct_session_metrics")}
    assert {"plain", "summary", "encrypted", "none"} <= kinds


def test_incremental_build_equals_a_full_refresh(built: Built, tmp_path: Path) -> None:
    copy = copy_warehouse(built, tmp_path)
    outcome = run_cotwatch(copy, full_refresh=True)
    assert outcome.success, outcome
    # The incremental models are the facts; the incident marts follow the rule hits, which a full
    # refresh rescans from the texts (the fixture's injected hits are not in the texts).
    tables = [
        "int_tool_calls", "int_file_edits", "int_test_runs", "int_session_activity",
        "int_session_claims", "int_session_outcome", "agg_monitorability_daily", "fct_test_runs",
        "fct_file_edits",
    ]  # fmt: skip
    with (
        duckdb.connect(str(built.settings.warehouse_path), read_only=True) as a,
        duckdb.connect(str(copy.warehouse_path), read_only=True) as b,
    ):
        for table in tables:
            schema = "marts" if table.startswith(("fct_", "agg_")) else "intermediate"
            sql = f"select * from {schema}.{table} order by all"
            left, right = a.execute(sql).fetchall(), b.execute(sql).fetchall()
            assert left, f"{schema}.{table} is empty"
            assert left == right, f"{schema}.{table} differs after a full refresh"


def test_a_broken_raw_row_fails_its_data_test_and_the_run(built: Built, tmp_path: Path) -> None:
    copy = copy_warehouse(built, tmp_path)
    with duckdb.connect(str(copy.warehouse_path)) as conn:
        # a signal dbt's own contract would refuse, slipped into the built table
        conn.execute(
            "insert into monitor.signals values ('broken', 'cw-liar', 1, 'test.broken', '1', 'not_a_category', "
            "'high', 3, 'action', 1.0, 'x', null, null, timestamp '2026-03-15 00:00:00')"
        )
    from assets.dbt import dbt_assets_def, dbt_resource
    from assets.resources import WarehouseResource

    result = dg.materialize(
        [dbt_assets_def],
        selection=[
            dg.AssetKey(["intermediate", "int_incidents"]),
            dg.AssetKey(["intermediate", "int_incidents_reviewed"]),
            dg.AssetKey(["marts", "fct_incidents"]),
        ],
        resources={"dbt": dbt_resource(), "warehouse": WarehouseResource(data_dir=str(copy.data_dir))},
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    assert not result.success
    failed_checks = [
        e.event_specific_data.check_name
        for e in result.all_events
        if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION and not e.event_specific_data.passed
    ]
    assert any(name.startswith("accepted_values_fct_incidents_category") for name in failed_checks), (
        failed_checks
    )
    assert any(name.startswith("relationships_fct_incidents_category") for name in failed_checks), (
        failed_checks
    )


def test_dbt_unit_tests_pass_on_the_built_warehouse(built: Built) -> None:
    run_unit_tests(built.settings)
    results = json.loads((built.settings.data_dir / "dbt_logs" / "run_results.json").read_text())["results"]
    assert len(results) >= 12
    assert {r["status"] for r in results} == {"pass"}


def test_docs_site_is_generated_next_to_the_warehouse(built: Built) -> None:
    page = generate_docs(built.settings)
    assert page == built.settings.data_dir / "dbt_docs" / "static_index.html"
    html = page.read_text()
    assert "fct_session_metrics" in html
    assert "calibrated precision" in html  # the misalignment score's documentation made it into the site
    catalog = json.loads((page.parent / "catalog.json").read_text())
    assert "model.cotwatch.fct_incidents" in catalog["nodes"]
