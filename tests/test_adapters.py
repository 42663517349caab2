"""assets/adapters.py: the event-log storage that keeps its SQLite engines and what it learnt."""

from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from assets.adapters import PooledSqliteEventLogStorage


def _check_event(run_id: str, event_type: dg.DagsterEventType) -> object:
    from dagster._core.events import AssetCheckEvaluationPlanned, DagsterEvent
    from dagster._core.events.log import EventLogEntry

    planned = AssetCheckEvaluationPlanned(asset_key=dg.AssetKey(["raw", "events"]), check_name="contract")
    return EventLogEntry(
        error_info=None,
        level="debug",
        user_message="",
        run_id=run_id,
        timestamp=1.0,
        dagster_event=DagsterEvent(
            event_type_value=event_type.value, job_name="job", event_specific_data=planned
        ),
    )


def test_asset_check_events_ask_for_the_check_table_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    asked: list[str] = []
    parent_has_table = SqliteEventLogStorage.has_table

    def counting_has_table(self: SqliteEventLogStorage, table_name: str) -> bool:
        asked.append(table_name)
        return parent_has_table(self, table_name)

    monkeypatch.setattr(SqliteEventLogStorage, "has_table", counting_has_table)
    for _ in range(3):
        storage.store_event(_check_event("run-1", dg.DagsterEventType.ASSET_CHECK_EVALUATION_PLANNED))  # type: ignore[arg-type]
    # the events are stored (the check table is there), and the schema was read once for three events
    history = storage.get_asset_check_execution_history(
        dg.AssetCheckKey(dg.AssetKey(["raw", "events"]), "contract"), limit=10
    )
    assert len(history) == 3
    assert asked == ["asset_check_executions"]
    storage.dispose()


def test_an_index_without_the_check_table_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    answers = iter([False, True])
    monkeypatch.setattr(SqliteEventLogStorage, "has_table", lambda self, name: next(answers))
    # a no is not kept: an instance migrated meanwhile gets its yes
    assert storage.supports_asset_checks is False
    assert storage.supports_asset_checks is True
    assert storage.supports_asset_checks is True  # kept: the iterator is exhausted
    storage.dispose()
