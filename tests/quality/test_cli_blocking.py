"""`cotwatch run` on a broken input: a blocking check stops the publish and the CLI exits non-zero
naming it (needs the quality checks wired into pipelines/definitions.py)."""

from __future__ import annotations

import pytest

from pipelines.cli import main
from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot
from tests.conftest import query
from tests.quality.conftest import execute


@pytest.mark.slow
def test_cotwatch_run_exits_non_zero_naming_the_blocking_check(
    warehouse: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    # Landed already: the run lands nothing new, so the broken row reaches the checks as it is.
    execute(warehouse, "update raw.events set kind = 'thinking' where event_index = 3")

    rc = main(["run", "--landing", str(warehouse.landing_dir), "--data-dir", str(warehouse.data_dir)])

    err = capsys.readouterr().err
    assert rc == 1
    assert "error: blocking check failed: raw/events:raw_events_contract" in err
    assert current_snapshot(warehouse) is None  # nothing was published
    assert query(
        warehouse, "select passed from quality.check_results where check_name = 'raw_events_contract'"
    ) == [(False,)]
