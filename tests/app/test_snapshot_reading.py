"""The app reads only the serving snapshot: it works while a run holds the warehouse, and follows CURRENT."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.warehouse.serving import current_snapshot, publish_snapshot
from tests.app.conftest import PAGES, open_page, page_problems
from tests.conftest import REPO

HOLD_WAREHOUSE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pipelines.config import Settings
    from pipelines.warehouse.connections import open_warehouse

    settings = Settings(Path(sys.argv[1]), Path(sys.argv[1]))
    with open_warehouse(settings) as conn:
        conn.execute("create or replace table raw.run_in_progress as select 1 as x")
        print("holding", flush=True)
        sys.stdin.read()  # until the test closes our stdin
    """
)


def open_files() -> set[str]:
    found = set()
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            found.add(os.readlink(fd))
    return found


def test_every_page_renders_while_a_run_holds_the_warehouse(demo: Settings) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_WAREHOUSE, str(demo.data_dir)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "holding"
        for page in PAGES:
            at = open_page(page)
            assert not page_problems(at), page
            assert not any("No data yet" in i.value for i in at.info), page
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
    assert writer.returncode == 0


def test_the_app_never_opens_the_warehouse_file(demo: Settings) -> None:
    for page in PAGES:
        assert not page_problems(open_page(page))
    files = open_files()
    assert str(demo.warehouse_path) not in files
    assert str(current_snapshot(demo)) in files


def test_the_app_follows_current_to_a_newly_published_snapshot(demo: Settings) -> None:
    at = open_page("overview")
    before = current_snapshot(demo)
    assert any(before.name in c.value for c in at.sidebar.caption)
    with duckdb.connect(str(demo.warehouse_path)) as conn:  # a run that lands one more session
        conn.execute("insert into marts.fct_session_metrics select * replace ('s-new' as session_id) "
                     "from marts.fct_session_metrics order by session_date desc limit 1")  # fmt: skip
    publish_snapshot(demo)
    after = current_snapshot(demo)
    assert after != before
    before_sessions = next(m.value for m in at.metric if m.label == "Sessions monitored")
    at.run()
    assert any(after.name in c.value for c in at.sidebar.caption)
    after_sessions = next(m.value for m in at.metric if m.label == "Sessions monitored")
    assert int(after_sessions.replace(",", "")) == int(before_sessions.replace(",", "")) + 1
