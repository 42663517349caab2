"""Every dashboard page renders on the demo snapshot, shows the warehouse's figures, and reacts to filters."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import duckdb
import pytest
import streamlit as st

from app.components import md_text
from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot, publish_snapshot
from tests.app.conftest import PAGES, frame_with, open_page, page_problems, warehouse_query


def metric(at, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} among {[m.label for m in at.metric]}"
    return found[0]


def default_range(settings: Settings) -> tuple[date, date]:
    (first, last), = warehouse_query(settings, "select min(session_date), max(session_date) from marts.fct_session_metrics")  # fmt: skip
    window = min(14, max(1, ((last - first).days + 1) // 2))
    return last - timedelta(days=window - 1), last


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_error(shared_demo: Settings, page: str) -> None:
    at = open_page(page)
    assert not page_problems(at)
    assert at.title, f"{page} shows no title"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_again_with_cold_caches(shared_demo: Settings, page: str) -> None:
    """A render after the query caches are cleared (a new snapshot, a new filter) shows the same page.

    How long it takes is measured by the bench (`page_render_worst_s`), not asserted here: a timed
    unit test fails on a loaded machine and says nothing about the page."""
    first = open_page(page)
    st.cache_data.clear()
    again = open_page(page)
    assert not page_problems(again)
    assert [t.value for t in again.title] == [t.value for t in first.title]
    assert [m.value for m in again.metric] == [m.value for m in first.metric]


def test_pages_say_how_to_start_before_the_first_run(empty_data_dir: Settings) -> None:
    for page in PAGES:
        at = open_page(page)
        assert not page_problems(at), page
        assert any("make demo" in i.value for i in at.info), f"{page}: no how-to-start notice"
    assert not empty_data_dir.warehouse_path.exists()  # the app created nothing


def test_overview_shows_the_warehouse_figures_and_the_deployment_filter_changes_them(
    shared_demo: Settings,
) -> None:
    start, end = default_range(shared_demo)
    (sessions, flagged), = warehouse_query(
        shared_demo,
        "select count(*), count(*) filter (where is_flagged) from marts.fct_session_metrics where session_date between ? and ?",
        [start, end],
    )  # fmt: skip
    (incidents,), = warehouse_query(shared_demo, "select count(*) from marts.fct_incidents where session_date between ? and ?", [start, end])  # fmt: skip
    at = open_page("overview")
    assert metric(at, "Sessions monitored") == f"{sessions:,}"
    assert metric(at, "Incidents") == f"{incidents:,}"
    assert metric(at, "Flagged rate") == f"{100 * flagged / sessions:.1f}%"

    (dep, one_dep), = warehouse_query(
        shared_demo,
        "select deployment, count(*) from marts.fct_session_metrics where session_date between ? and ? "
        "group by 1 order by 1 limit 1",
        [start, end],
    )  # fmt: skip
    at.multiselect(key="w_deps").set_value([dep]).run()
    assert not page_problems(at)
    assert metric(at, "Sessions monitored") == f"{one_dep:,}"
    assert one_dep < sessions


def test_overview_drill_down_defaults_to_the_day_with_the_most_incidents(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    (dep, day, n), = warehouse_query(
        shared_demo,
        "select deployment, day, sum(incidents) from marts.agg_deployment_daily where day between ? and ? "
        "group by all order by sum(incidents) desc, 1000.0 * sum(incidents) / sum(sessions) desc, day desc limit 1",
        [start, end],
    )  # fmt: skip
    at = open_page("overview")
    assert at.selectbox(key="drill_dep").value == dep
    assert at.selectbox(key="drill_day").value == day
    drill = at.dataframe(key="drill_table") if n else None
    assert drill is not None and len(drill.value) == n


def test_deployments_page_compares_and_filters(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    deployments = [d for (d,) in warehouse_query(
        shared_demo,
        "select distinct deployment from marts.fct_session_metrics where session_date between ? and ? order by 1",
        [start, end],
    )]  # fmt: skip
    assert len(deployments) >= 2
    at = open_page("deployments")
    assert sorted(at.dataframe[0].value["deployment"]) == deployments
    at.multiselect(key="w_deps").set_value(deployments[:-1]).run()
    assert not page_problems(at)
    assert sorted(at.dataframe[0].value["deployment"]) == deployments[:-1]


def test_incidents_filter_by_severity_matches_the_warehouse(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    at = open_page("incidents")
    (total,), = warehouse_query(shared_demo, "select count(*) from marts.fct_incidents where session_date between ? and ?", [start, end])  # fmt: skip
    assert len(at.dataframe(key="incident_table").value) == total
    (severity, n), = warehouse_query(
        shared_demo,
        "select severity, count(*) from marts.fct_incidents where session_date between ? and ? "
        "group by 1 order by 2, 1 limit 1",
        [start, end],
    )  # fmt: skip
    at.multiselect(key="inc_sev").set_value([severity]).run()
    rows = at.dataframe(key="incident_table").value
    assert 0 < len(rows) == n < total
    assert set(rows["severity"]) == {severity}


def test_incident_detail_highlights_the_evidence_inside_its_transcript(shared_demo: Settings) -> None:
    (incident_id, session_id, evidence, event_index), = warehouse_query(
        shared_demo,
        "select i.incident_id, i.session_id, s.evidence, s.event_index from marts.fct_incidents i "
        "join monitor.signals s using (session_id, category) "
        "join raw.events e on e.session_id = s.session_id and e.event_index = s.event_index "
        "where e.kind = 'reasoning' and s.event_index > 0 order by i.session_date desc, i.incident_id limit 1",
    )  # fmt: skip
    at = open_page("incidents", {"incident": incident_id})
    assert not page_problems(at)
    html = "".join(h.value for h in at.get("html"))
    card = html[html.index(f'id="ev-{event_index}"') :]
    card = card[: card.index('<div class="cw-ev', 1)] if '<div class="cw-ev' in card[1:] else card
    marked = re.findall(r'<mark class="cw-hl" title="[a-z]+">(.*?)</mark>', card, flags=re.S)
    assert marked, "no highlight in the evidence event"
    assert " ".join(unescape(marked[0]).split()) in " ".join(evidence.split())
    # the surrounding steps are there: the event before it and the one after it
    assert f'id="ev-{event_index - 1}"' in html and f'id="ev-{event_index + 1}"' in html
    # identifiers reach Markdown escaped, character for character (app.components.md_text)
    assert md_text(session_id) in "".join(c.value for c in at.caption)


def test_session_explorer_shows_the_whole_timeline_and_metrics(shared_demo: Settings) -> None:
    (session_id, n_events, n_signals), = warehouse_query(
        shared_demo,
        "select session_id, n_events, signal_count from marts.fct_session_metrics "
        "where signal_count > 0 and n_events <= 400 order by session_id limit 1",
    )  # fmt: skip
    at = open_page("sessions", {"session": session_id})
    assert not page_problems(at)
    html = "".join(h.value for h in at.get("html"))
    assert all(f'id="ev-{i}"' in html for i in range(n_events))
    assert html.count('class="cw-sig"') == n_signals
    assert metric(at, "Signals") == str(n_signals)


def test_session_explorer_flagged_toggle_changes_the_choices(shared_demo: Settings) -> None:
    at = open_page("sessions")
    flagged = len(at.selectbox(key="sess_pick").options)
    at.toggle(key="sess_flagged").set_value(False).run()
    everyone = len(at.selectbox(key="sess_pick").options)
    assert flagged < everyone


def test_detectors_page_counts_signals_and_filters(shared_demo: Settings) -> None:
    start, end = default_range(shared_demo)
    (total,), = warehouse_query(
        shared_demo,
        "select count(*) from monitor.signals join marts.fct_session_metrics using (session_id) "
        "where session_date between ? and ?",
        [start, end],
    )  # fmt: skip
    at = open_page("detectors")
    assert metric(at, "Signals") == f"{total:,}"
    (dep, dep_total), = warehouse_query(
        shared_demo,
        "select deployment, count(*) from monitor.signals join marts.fct_session_metrics using (session_id) "
        "where session_date between ? and ? group by 1 order by 2, 1 limit 1",
        [start, end],
    )  # fmt: skip
    at.multiselect(key="w_deps").set_value([dep]).run()
    assert metric(at, "Signals") == f"{dep_total:,}"
    assert dep_total < total


def test_data_quality_says_no_checks_recorded_yet_and_lists_freshness(demo: Settings) -> None:
    with duckdb.connect(str(demo.warehouse_path)) as conn:
        conn.execute("drop table if exists quality.check_results")
    publish_snapshot(demo)
    at = open_page("data_quality")
    assert not page_problems(at)
    assert any("No checks recorded yet" in i.value for i in at.info)
    fresh = frame_with(at, "asset", "table_name", "newest")
    (events,), = warehouse_query(demo, "select count(*) from raw.events")  # fmt: skip
    assert int(fresh.set_index("asset").loc["raw/events", "rows"]) == events


def test_data_quality_shows_the_latest_result_of_each_check(demo: Settings) -> None:
    with duckdb.connect(str(demo.warehouse_path)) as conn:
        conn.execute("create schema if not exists quality")
        conn.execute("drop table if exists quality.check_results")
        conn.execute(
            "create table quality.check_results (check_name varchar, asset varchar, "
            "passed boolean, severity varchar, details varchar, run_id varchar, checked_at timestamp)"
        )
        conn.execute(
            "insert into quality.check_results values "
            "('not_null_session_id', 'raw/sessions', false, 'ERROR', 'old run', 'r1', now()::timestamp - interval 1 day), "
            "('not_null_session_id', 'raw/sessions', true, 'ERROR', 'ok', 'r2', now()::timestamp), "
            "('score_in_range', 'marts/fct_session_metrics', false, 'WARN', '3 rows above 1', 'r2', now()::timestamp)"
        )
    publish_snapshot(demo)
    at = open_page("data_quality")
    assert not page_problems(at)
    assert metric(at, "Checks") == "2"
    assert metric(at, "Failing") == "1"


def headline(at) -> str:
    found = [
        e.value
        for e in [*at.warning, *at.info, *at.success]
        if "flagged rate" in e.value or "No sessions" in e.value
    ]
    assert found, "no headline sentence on the overview"
    return found[0]


def test_overview_leads_with_the_tested_sentence_of_the_snapshot(shared_demo: Settings) -> None:
    from pipelines.trends import flagged_rate_changes

    _, end = default_range(shared_demo)
    snap = current_snapshot(shared_demo)
    with duckdb.connect(str(snap), read_only=True) as conn:
        finding = flagged_rate_changes(conn, as_of=end)
    at = open_page("overview")
    assert not page_problems(at)
    assert finding.sentence in headline(at)
    tests = frame_with(at, "p_adjusted", "significant")
    assert len(tests) == len(finding.tested)
    # the chart is a rate with its interval, weekly once the span passes two weeks
    specs = "".join(c.proto.spec for c in at.get("vega_lite_chart"))
    assert "rate_lo" in specs and "rate_hi" in specs
    # a deployment filter changes the family of tests
    (dep,), = warehouse_query(shared_demo, "select deployment from marts.fct_session_metrics group by 1 order by count(*) desc limit 1")  # fmt: skip
    at.multiselect(key="w_deps").set_value([dep]).run()
    with duckdb.connect(str(snap), read_only=True) as conn:
        narrowed = flagged_rate_changes(conn, as_of=end, deployments=(dep,))
    assert narrowed.sentence in headline(at)


def test_data_quality_lists_dbt_tests_beside_the_expectation_checks(shared_demo: Settings) -> None:
    (tests, failing), = warehouse_query(
        shared_demo,
        "select count(*), count(*) filter (where status <> 'pass') from (select * from quality.dbt_results "
        "where resource_type = 'test' qualify row_number() over (partition by unique_id order by completed_at desc) = 1)",
    )  # fmt: skip
    assert tests > 50
    at = open_page("data_quality")
    assert not page_problems(at)
    assert metric(at, "dbt tests") == str(tests)
    assert metric(at, "dbt tests failing") == str(failing)
    freshness = frame_with(at, "asset", "table_name", "newest").set_index("asset")
    newest = freshness.loc["marts/fct_incidents", "newest"]
    assert (newest.hour, newest.minute, newest.second) != (0, 0, 0)  # a real time, not midnight of a day
    assert freshness["built_at"].notna().sum() >= 4


def test_data_quality_lists_files_that_landed_nothing_with_their_reason(demo: Settings) -> None:
    with duckdb.connect(str(demo.warehouse_path)) as conn:
        conn.execute(
            "insert into raw.files (file_id, path, deployment, source_format, sha256, size_bytes, n_records, n_landed, "
            "n_quarantined, n_skipped, n_events, n_redactions, status, status_reason, landed_at) values "
            "('f-unsupported', 'team/notes.txt', 'team', 'unknown', 'x', 10, 0, 0, 0, 0, 0, 0, 'unsupported', "
            "'not a transcript format cotwatch reads (.txt)', now()::timestamp)"
        )
    publish_snapshot(demo)
    at = open_page("data_quality")
    assert not page_problems(at)
    table = frame_with(at, "path", "status", "reason")
    row = table[table["path"] == "team/notes.txt"].iloc[0]
    assert (row["status"], row["reason"]) == ("unsupported", "not a transcript format cotwatch reads (.txt)")
    skips = frame_with(at, "reason", "skipped_records")
    (skipped,), = warehouse_query(demo, "select sum(n_skipped) from raw.files where status <> 'superseded'")  # fmt: skip
    assert skips["skipped_records"].sum() == skipped
