"""One run at a time: the run lock refuses a second run with who holds it, and survives a dead holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from pipelines.config import Settings
from pipelines.warehouse.lock import WarehouseLocked, acquire, held_here, read_holder, release, run_lock
from tests.conftest import REPO

HOLD = """
import sys, time
from pathlib import Path
from pipelines.warehouse.lock import acquire
acquire(Path(sys.argv[1]), command="holder under test")
print("held", flush=True)
time.sleep(300)
"""


@pytest.fixture
def holder(settings: Settings) -> Iterator[subprocess.Popen]:
    """Another process holding the run lock of `settings.data_dir`."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(settings.data_dir)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()


def test_second_run_is_refused_naming_the_holder_pid_and_since(
    settings: Settings, holder: subprocess.Popen
) -> None:
    with pytest.raises(WarehouseLocked) as refused:
        acquire(settings.data_dir)
    message = str(refused.value)
    assert message.startswith("another run holds the warehouse since 20")
    assert f"pid {holder.pid}" in message
    assert "(holder under test)" in message
    assert not held_here(settings.data_dir)


def test_cotwatch_run_is_refused_before_touching_the_warehouse(
    settings: Settings, holder: subprocess.Popen
) -> None:
    from assets.runner import run_pipeline

    with pytest.raises(WarehouseLocked, match=f"pid {holder.pid}"):
        run_pipeline(settings, echo_progress=False)
    assert not settings.warehouse_path.exists()


def test_dagster_job_run_takes_the_lock_through_its_warehouse_resource(
    settings: Settings, holder: subprocess.Popen
) -> None:
    """A run launched from the Dagster UI initializes WarehouseResource, which takes the lock."""
    from assets.landing import landed_transcripts
    from assets.resources import WarehouseResource

    resource = WarehouseResource(data_dir=str(settings.data_dir), landing_dir=str(settings.landing_dir))
    result = dg.materialize([landed_transcripts], resources={"warehouse": resource}, raise_on_error=False)
    assert not result.success
    failures = [e for e in result.all_events if e.is_failure]
    assert any(f"pid {holder.pid}" in str(e.event_specific_data) for e in failures)
    assert not settings.warehouse_path.exists()

    holder.kill()
    holder.wait()
    result = dg.materialize([landed_transcripts], resources={"warehouse": resource})
    assert result.success
    assert not held_here(settings.data_dir)  # released at the end of the run


def test_a_dead_holders_lock_is_taken_over_and_reported(settings: Settings, holder: subprocess.Popen) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert read_holder(settings.data_dir / "warehouse.lock").pid == holder.pid  # the file is left behind
    with run_lock(settings.data_dir) as stale:
        assert stale is not None and stale.pid == holder.pid
        assert read_holder(settings.data_dir / "warehouse.lock").pid == os.getpid()


def test_lock_is_reentrant_in_its_process_and_released_by_the_outermost(
    settings: Settings, tmp_path: Path
) -> None:
    probe = [sys.executable, "-c", "import sys; from pathlib import Path; from pipelines.warehouse.lock import "
             "acquire; acquire(Path(sys.argv[1]))", str(settings.data_dir)]  # fmt: skip
    acquire(settings.data_dir)
    acquire(settings.data_dir)  # the Dagster resource inside `cotwatch run`
    release(settings.data_dir)
    assert held_here(settings.data_dir)
    assert subprocess.run(probe, cwd=REPO, capture_output=True, check=False).returncode != 0
    release(settings.data_dir)
    assert not held_here(settings.data_dir)
    assert subprocess.run(probe, cwd=REPO, capture_output=True, check=False).returncode == 0
