"""dbt's run_results.json as a person reads it, and as rows of quality.dbt_results."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.quality.results import dbt_result_rows, plain_dbt_summary, record_dbt_results

RUN_RESULTS = {
    "results": [
        {"unique_id": "model.cotwatch.fct_incidents", "status": "success", "message": "OK", "failures": None,
         "execution_time": 0.4, "timing": [{"name": "execute", "completed_at": "2026-12-06T01:57:09.136459Z"}]},
        {"unique_id": "model.cotwatch.stg_events", "status": "success", "timing": []},
        {"unique_id": "seed.cotwatch.categories", "status": "success", "timing": []},
        {"unique_id": "test.cotwatch.unique_fct_incidents_incident_id.cc50", "status": "pass", "failures": 0,
         "timing": [{"name": "execute", "completed_at": "2026-12-06T01:57:16.101920Z"}]},
        {"unique_id": "test.cotwatch.not_null_fct_incidents_model.aa11", "status": "fail", "failures": 3,
         "message": "Got 3 results, configured to fail if != 0", "timing": []},
        {"unique_id": "test.cotwatch.assert_every_session_has_metrics", "status": "warn", "failures": 1, "timing": []},
    ]
}  # fmt: skip
MANIFEST = {
    "nodes": {
        "model.cotwatch.fct_incidents": {"name": "fct_incidents", "schema": "marts"},
        "test.cotwatch.unique_fct_incidents_incident_id.cc50": {
            "name": "unique_fct_incidents_incident_id", "attached_node": "model.cotwatch.fct_incidents"},
        "test.cotwatch.assert_every_session_has_metrics": {
            "name": "assert_every_session_has_metrics", "depends_on": {"nodes": ["source.cotwatch.raw.sessions"]}},
    },
    "sources": {"source.cotwatch.raw.sessions": {"name": "sessions", "schema": "raw"}},
}  # fmt: skip


def test_summary_counts_in_words_not_dbt_statuses() -> None:
    assert plain_dbt_summary(RUN_RESULTS) == (
        "2 models and 1 seed built; 1 of 3 data tests passed (1 failed, 1 warned)"
    )
    assert plain_dbt_summary({"results": []}).startswith("no results")


def test_rows_name_the_table_a_test_checks_and_when_it_finished() -> None:
    rows = {r[0]: r for r in dbt_result_rows(RUN_RESULTS, MANIFEST, "run-1")}
    unique = rows["test.cotwatch.unique_fct_incidents_incident_id.cc50"]
    assert unique[1:5] == ("test", "unique_fct_incidents_incident_id", "marts.fct_incidents", "pass")
    assert unique[8] == dt.datetime(2026, 12, 6, 1, 57, 16, 101920)
    assert rows["test.cotwatch.assert_every_session_has_metrics"][3] == "raw.sessions"
    assert rows["model.cotwatch.fct_incidents"][3] == "marts.fct_incidents"
    failed = rows["test.cotwatch.not_null_fct_incidents_model.aa11"]
    assert (failed[2], failed[4], failed[5]) == ("not_null_fct_incidents_model", "fail", 3)
    conn = duckdb.connect()
    record_dbt_results(conn, list(rows.values()))
    assert conn.execute(
        "select count(*), count(*) filter (where run_id = 'run-1') from quality.dbt_results"
    ).fetchall() == [(6, 6)]
    # every value lands in its own column, nulls included (the rows go in as one list per column)
    assert conn.execute("select * from quality.dbt_results order by unique_id").fetchall() == sorted(
        rows.values()
    )
    record_dbt_results(conn, [])
    assert conn.execute("select count(*) from quality.dbt_results").fetchall() == [(6,)]
