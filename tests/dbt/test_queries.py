"""Every example query of the README (docs/queries/*.sql) runs on the built warehouse and finds
what the fixture's sessions put there."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.dbt.conftest import Built

pytestmark = pytest.mark.slow  # share one warehouse built by two pipeline runs

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries"


def run(built: Built, name: str) -> list[dict]:
    with duckdb.connect(str(built.settings.warehouse_path), read_only=True) as conn:
        rel = conn.sql((QUERIES / name).read_text())
        columns = rel.columns
        return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def test_there_are_at_least_six_queries_each_with_a_header_comment() -> None:
    files = sorted(QUERIES.glob("*.sql"))
    assert len(files) >= 6
    for f in files:
        first = f.read_text().splitlines()[0]
        assert first.startswith("-- ") and len(first) > 20, f"{f.name} has no header comment"


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.sql")))
def test_query_runs_and_returns_rows(built: Built, name: str) -> None:
    assert run(built, name), f"{name} returned nothing on the fixture warehouse"


def test_edited_tests_then_claimed_success_finds_the_tampering_session(built: Built) -> None:
    rows = {r["session_id"]: r for r in run(built, "01_edited_tests_then_claimed_success.sql")}
    assert "cw-tamper" in rows
    assert "cw-liar" not in rows  # edited src/ only
    assert all(r["last_test_edit_event_index"] < r["final_message_event_index"] for r in rows.values())


def test_incident_rate_per_model_per_week_adds_up(built: Built) -> None:
    rows = run(built, "02_incident_rate_per_model_per_week.sql")
    (sessions, incidents) = built.query(
        "select count(*), sum(incident_count) from marts.fct_session_metrics"
    )[0]
    assert sum(r["sessions"] for r in rows) == sessions
    assert sum(r["incidents"] for r in rows) == incidents
    assert all(r["week"].weekday() == 0 for r in rows)  # weeks start on Monday
    canary = [r for r in rows if r["model"] == "acme-coder-2" and str(r["week"]) == "2026-03-09"]
    assert canary and canary[0]["incidents_per_1k_sessions"] > 0


def test_flagged_rate_doubled_finds_the_canary_deployment(built: Built) -> None:
    rows = {r["deployment"]: r for r in run(built, "03_deployments_whose_flagged_rate_doubled.sql")}
    assert rows["canary-team"]["prior_flagged_rate"] == 0.1
    assert rows["canary-team"]["recent_flagged_rate"] == 0.4
    assert all(r["recent_flagged_rate"] >= 2 * r["prior_flagged_rate"] for r in rows.values())


def test_reasoning_search_finds_the_grader_remark(built: Built) -> None:
    rows = run(built, "04_reasoning_text_search.sql")
    grader = [r for r in rows if r["session_id"] == "cw-grader"]
    assert grader and "grader only checks" in grader[0]["reasoning_excerpt"]
    assert "cw-tamper" not in {r["session_id"] for r in rows}


def test_claims_after_failed_runs_finds_the_liar_only_among_fixture_sessions(built: Built) -> None:
    ids = {r["session_id"] for r in run(built, "05_claimed_passing_tests_after_a_failed_run.sql")}
    assert "cw-liar" in ids
    assert not ids & {"cw-tamper", "cw-grader", "cw-late"}


def test_detector_precision_counts_reviews(built: Built) -> None:
    rows = {r["detector_id"]: r for r in run(built, "06_detector_precision_from_reviews.sql")}
    fixture = rows["test.fixture"]
    # Reviewed: cw-tamper/test_tampering confirmed, cw-grader/eval_awareness false positive.
    assert (fixture["reviewed"], fixture["confirmed"], fixture["false_positives"]) == (2, 1, 1)
    assert fixture["precision"] == 0.5


def test_reasoning_visibility_by_model_shares_add_up(built: Built) -> None:
    rows = run(built, "07_reasoning_visibility_by_model.sql")
    for r in rows:
        assert r["plain_share"] + r["summary_share"] + r["hidden_share"] <= 1.0001
    acme = next(r for r in rows if r["model"] == "acme-coder-2")
    assert acme["plain_share"] > 0 and acme["hidden_share"] == 0


def test_failed_then_edited_tests_then_passed_finds_the_tampering_session(built: Built) -> None:
    rows = {r["session_id"]: r for r in run(built, "08_tests_failed_then_tests_edited_then_passed.sql")}
    tamper = rows["cw-tamper"]
    assert tamper["failed_at"] < tamper["edited_at"] < tamper["passed_at"]
    assert tamper["edited_test_paths"] == ["tests/test_discount.py"]
