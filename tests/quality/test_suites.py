"""Every suite passes on a contract-true warehouse and fails, naming the broken rule, on a
deliberately broken table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from pipelines.config import Settings
from pipelines.dbt_docs import prepare_manifest
from pipelines.quality import suites
from pipelines.quality.spec import Suite
from pipelines.quality.suites import TimeWindow, all_suites
from tests.quality.conftest import NOW, check, execute

WINDOW = TimeWindow.around(NOW)
CLAUDE_MAIN = "c45af7b1-cb7c-4e51-93db-8cbb250a877a"
# Recreating a table without its primary key lets a test store what the DDL would refuse.
EVENTS_WITHOUT_KEY = "create or replace table raw.events as select * from raw.events"
SESSIONS_WITHOUT_KEY = "create or replace table raw.sessions as select * from raw.sessions"


def test_every_suite_passes_on_a_contract_true_warehouse(warehouse: Settings) -> None:
    outcomes = [check(warehouse, suite) for suite in all_suites(NOW)]
    assert [(o.check_name, o.summary()) for o in outcomes if not o.passed] == []
    assert len(outcomes) == 7
    # The frames saw the real data, not empty tables.
    by_name = {o.check_name: o for o in outcomes}
    assert by_name["agg_monitorability_daily_drop"].frame_rows["monitorability_by_deployment_day"] >= 2
    assert by_name["raw_events_contract"].frame_rows["events_by_session"] == 5
    assert by_name["raw_sessions_contract"].frame_rows["sessions"] == 5


@dataclass(frozen=True)
class Breakage:
    suite: Callable[[], Suite]
    sql: tuple[str, ...]
    rule: str  # the failure that must be reported
    sample_shows: tuple[str, object] | None = None  # (column, value) of a failing row in the sample

    def __str__(self) -> str:
        return self.rule


BREAKAGES = [
    # raw.events contract
    Breakage(
        suites.raw_events_contract,
        (f"update raw.events set kind = 'thinking' where session_id = '{CLAUDE_MAIN}' and event_index = 3",),
        "kind is one of",
        ("kind", "thinking"),
    ),
    Breakage(
        suites.raw_events_contract,
        (f"update raw.events set role = 'robot' where session_id = '{CLAUDE_MAIN}' and event_index = 0",),
        "role is one of",
        ("role", "robot"),
    ),
    Breakage(
        suites.raw_events_contract,
        (
            EVENTS_WITHOUT_KEY,
            f"insert into raw.events select * from raw.events where session_id = '{CLAUDE_MAIN}' and event_index = 5",
        ),
        "(session_id, event_index) is unique",
        ("copies", 2),
    ),
    Breakage(
        suites.raw_events_contract,
        (f"delete from raw.events where session_id = '{CLAUDE_MAIN}' and event_index = 7",),
        "event_index has no gaps within a session",
        ("session_id", CLAUDE_MAIN),
    ),
    Breakage(
        suites.raw_events_contract,
        (f"update raw.events set event_index = event_index + 1 where session_id = '{CLAUDE_MAIN}'",),
        "event_index starts at 0 in every session",
        ("first_index", 1),
    ),
    Breakage(
        suites.raw_events_contract,
        (f"delete from raw.sessions where session_id = '{CLAUDE_MAIN}'",),
        "every event's session is in raw.sessions",
        ("session_id", CLAUDE_MAIN),
    ),
    Breakage(
        suites.raw_events_contract,
        (
            EVENTS_WITHOUT_KEY,
            f"update raw.events set event_id = null where session_id = '{CLAUDE_MAIN}' and event_index = 2",
        ),
        "event_id is never null",
        ("event_index", 2),
    ),
    Breakage(
        suites.raw_events_contract,
        ("update raw.files set n_events = n_events + 1 where path like 'codex-team/%' and n_events = 29",),
        "raw.files.n_events equals the events of each file",
        ("n_events", 30),
    ),
    # raw.events plausibility (WARN)
    Breakage(
        lambda: suites.raw_events_plausible(WINDOW),
        (f"update raw.events set output_tokens = -5 where session_id = '{CLAUDE_MAIN}' and event_index = 1",),
        "output_tokens >= 0",
        ("output_tokens", -5),
    ),
    Breakage(
        lambda: suites.raw_events_plausible(WINDOW),
        (
            f"update raw.events set ts = timestamp '2011-01-01' where session_id = '{CLAUDE_MAIN}' and event_index = 0",
        ),
        "first_ts of every session within 2020-01-01",
        ("ts", "2011-01-01T00:00:00"),
    ),
    # raw.sessions contract
    Breakage(
        suites.raw_sessions_contract,
        (
            SESSIONS_WITHOUT_KEY,
            f"insert into raw.sessions select * from raw.sessions where session_id = '{CLAUDE_MAIN}'",
        ),
        "session_id is unique",
        ("copies", 2),
    ),
    Breakage(
        suites.raw_sessions_contract,
        (
            "insert into raw.sessions select 'ghost', deployment, source_format, agent, agent_version, model, null, "
            f"cwd, git_branch, started_at, ended_at, file_id from raw.sessions where session_id = '{CLAUDE_MAIN}'",
        ),
        "every session has events in raw.events",
        ("session_id", "ghost"),
    ),
    Breakage(
        suites.raw_sessions_contract,
        (f"update raw.sessions set file_id = 'no-such-file' where session_id = '{CLAUDE_MAIN}'",),
        "every session comes from a landed file of raw.files",
        ("file_id", "no-such-file"),
    ),
    Breakage(
        suites.raw_sessions_contract,
        (
            f"update raw.sessions set ended_at = started_at - interval 1 hour where session_id = '{CLAUDE_MAIN}'",
        ),
        "started_at <= ended_at",
        ("session_id", CLAUDE_MAIN),
    ),
    # raw.sessions plausibility (WARN)
    Breakage(
        lambda: suites.raw_sessions_plausible(WINDOW),
        (f"update raw.sessions set started_at = timestamp '2099-01-01' where session_id = '{CLAUDE_MAIN}'",),
        "started_at within 2020-01-01",
        ("started_at", "2099-01-01T00:00:00"),
    ),
    Breakage(
        lambda: suites.raw_sessions_plausible(WINDOW),
        (
            f"update raw.sessions set parent_session_id = 'never-landed' where session_id = '{CLAUDE_MAIN}:af1ff21'",
        ),
        "a subagent's parent session is in raw.sessions",
        ("parent_session_id", "never-landed"),
    ),
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=str)
def test_broken_table_fails_its_suite_with_the_rule_named(warehouse: Settings, breakage: Breakage) -> None:
    suite = (
        breakage.suite()
    )  # passes on the intact copy: test_every_suite_passes_on_a_contract_true_warehouse
    execute(warehouse, *breakage.sql)
    outcome = check(warehouse, suite)

    assert not outcome.passed
    assert outcome.severity == suite.severity
    failed = {f.rule: f for f in outcome.failures}
    matching = [f for rule, f in failed.items() if rule.startswith(breakage.rule)]
    assert matching, f"expected a failure of {breakage.rule!r}, got {sorted(failed)}"
    failure = matching[0]
    assert failure.error is None, failure.error
    if breakage.sample_shows:
        column, value = breakage.sample_shows
        assert any(row.get(column) == value for row in failure.sample), failure.sample


def test_every_suite_has_a_breakage_test() -> None:
    names = {b.suite().name for b in BREAKAGES}
    statistical = {
        "agg_deployment_daily_volume_anomaly",
        "agg_deployment_daily_incident_rate_spike",
        "agg_monitorability_daily_drop",  # test_monitorability_drop.py
    }  # test_stats.py
    assert {s.name for s in all_suites(NOW)} - statistical == names


def test_missing_table_fails_the_check_naming_the_table(warehouse: Settings) -> None:
    execute(warehouse, "drop table marts.agg_deployment_daily")

    outcome = check(warehouse, suites.suite_named("agg_deployment_daily_volume_anomaly", NOW))

    assert not outcome.passed
    (failure,) = outcome.failures
    assert failure.rule.startswith("frame ") and failure.rule.endswith(" can be computed")
    assert "agg_deployment_daily" in failure.error


def test_contract_suites_block_and_plausibility_suites_warn() -> None:
    severities = {s.name: s.severity for s in all_suites(NOW)}
    assert {n for n, sev in severities.items() if sev == "ERROR"} == {
        "raw_events_contract",
        "raw_sessions_contract",
    }


def test_no_suite_restates_the_contract_of_a_dbt_model() -> None:
    """One check system per layer: what dbt builds is checked by its own contract and data tests
    (tests/dbt/test_mart_tests.py breaks them); GX only watches the statistics of those models."""
    manifest = json.loads(prepare_manifest().read_text())
    dbt_built = {
        f"{n['schema']}.{n['name']}" for n in manifest["nodes"].values() if n["resource_type"] == "model"
    }
    assert {"marts.fct_session_metrics", "marts.fct_incidents", "monitor.signals"} <= dbt_built
    on_dbt_models = {s.name for s in all_suites(NOW) if s.table in dbt_built}
    assert on_dbt_models == {
        "agg_deployment_daily_volume_anomaly",
        "agg_deployment_daily_incident_rate_spike",
        "agg_monitorability_daily_drop",
    }
    assert all(s.severity == "WARN" for s in all_suites(NOW) if s.name in on_dbt_models)


def test_validation_is_quiet_even_when_it_fails(
    warehouse: Settings, capfd: pytest.CaptureFixture[str]
) -> None:
    execute(warehouse, "update raw.events set kind = 'thinking'")
    capfd.readouterr()

    outcome = check(warehouse, suites.raw_events_contract())

    assert not outcome.passed
    assert capfd.readouterr() == ("", "")  # no progress bars, no GX chatter


def test_warm_up_imports_gx_in_a_background_thread() -> None:
    from pipelines.quality import validate

    # An earlier test may have filled the cache in this process: empty it, so only the thread can.
    with validate._GX_LOCK:
        validate._GX.clear()
    thread = validate.start_warm_up()
    assert thread.name == "gx-warm-up" and thread.daemon
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert {"gx", "gxe", "batch_definition"} <= set(validate._GX)


def test_warm_up_leaves_sqlalchemy_s_orm_imported_before_its_thread_starts() -> None:
    # In a fresh process (this one has imported everything already): as soon as start_warm_up
    # returns, the run's thread may query Dagster's SQLite event log while GX imports in the
    # background; the ORM that SQLAlchemy core calls into must not be half-imported then.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipelines.quality import validate\n"
        "assert 'sqlalchemy.orm' not in sys.modules, 'imported before the warm-up: nothing to test'\n"
        "validate.start_warm_up()\n"
        "orm = sys.modules['sqlalchemy.orm']\n"
        "assert orm.exc.UnmappedClassError and orm.base._inspect_mapped_object\n"
        "print('ok', flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stdout.startswith("ok"), done.stdout + done.stderr[-3000:]
