"""The SQL workbench is read-only, and transcript text can never become markup."""

from __future__ import annotations

import duckdb
import markdown_it
import pytest

from app import queries as q
from app.render import Highlight, highlight_html, timeline_html
from pipelines.config import Settings
from pipelines.warehouse.serving import connect_snapshot, current_snapshot, publish_snapshot, snapshot_cursor
from tests.app.conftest import open_page, page_problems, warehouse_query

WRITES = {
    "insert": "insert into raw.reviews values ('r', 'i', 's', 'c', 'confirmed', null, null, now())",
    "update": "update marts.fct_incidents set review_status = 'confirmed'",
    "delete": "delete from raw.events",
    "create": "create table marts.evil as select 1",
    "create temp": "create temp table t as select 1",
    "drop": "drop table marts.fct_incidents",
    "attach": "attach '/tmp/other.duckdb' as other",
    "detach": "detach warehouse",
    "copy": "copy marts.fct_incidents to '/tmp/out.csv'",
    "export": "export database '/tmp/dump'",
    "install": "install httpfs",
    "load": "load httpfs",
    "set": "set enable_external_access = true",
    "use": "use memory",
    "pragma": "pragma database_list",
    "call": "call pragma_version()",
    "checkpoint": "checkpoint",
    "two statements": "select 1; drop table marts.fct_incidents",
    "transaction": "begin transaction",
    # EXPLAIN ANALYZE runs what it wraps: a table in the in-memory catalog other sessions could see
    "explain analyze create": "EXPLAIN ANALYZE CREATE TABLE memory.main.t AS SELECT * FROM range(1500000)",
    "explain create": "explain create table memory.main.t as select 1",
    "explain insert": "explain analyze insert into raw.reviews select * from raw.reviews",
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_sql_workbench_refuses_anything_but_one_read_only_query(name: str) -> None:
    with pytest.raises(q.RefusedQuery):
        q.check_readonly_sql(WRITES[name])


@pytest.mark.parametrize(
    "sql",
    [
        "select 1",
        "with a as (select 1 as x) select * from a",
        "describe marts.fct_incidents",
        "from raw.events limit 1;",
        "explain select count(*) from raw.events",
        "EXPLAIN ANALYZE select count(*) from raw.events",
    ],
)
def test_sql_workbench_accepts_read_only_queries(sql: str) -> None:
    assert q.check_readonly_sql(sql)


def test_snapshot_connection_refuses_writes_and_file_access_even_past_the_statement_check(
    shared_demo: Settings,
) -> None:
    snap = current_snapshot(shared_demo)
    assert snap is not None
    conn = connect_snapshot(snap)
    cur = snapshot_cursor(conn)
    for sql in ("insert into raw.reviews select * from raw.reviews", "create table marts.x as select 1",
                "select * from read_csv('/etc/passwd')", "set enable_external_access = true",
                "attach '/tmp/x.duckdb' as x"):  # fmt: skip
        with pytest.raises(duckdb.Error):
            cur.execute(sql).fetchall()
    assert cur.execute("select count(*) from raw.events").fetchall()[0][0] > 0


def test_sql_workbench_limits_rows(shared_demo: Settings) -> None:
    conn = connect_snapshot(current_snapshot(shared_demo))
    frame, cut = q.run_readonly_sql(snapshot_cursor(conn), "select * from raw.events", max_rows=100)
    assert (frame.height, cut) == (100, True)
    frame, cut = q.run_readonly_sql(snapshot_cursor(conn), "select 1 as x", max_rows=100)
    assert (frame.height, cut) == (1, False)


def test_sql_page_runs_an_example_and_offers_csv_and_parquet(shared_demo: Settings) -> None:
    at = open_page("sql")
    at.text_area(key="sql_text").input(
        "select deployment, count(*) as n from raw.sessions group by 1 order by 1"
    )
    at.button(key="sql_run").click().run()
    assert not page_problems(at)
    expected = warehouse_query(
        shared_demo, "select deployment, count(*) from raw.sessions group by 1 order by 1"
    )
    frame = at.dataframe[0].value
    assert list(zip(frame["deployment"], frame["n"], strict=True)) == expected
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["CSV", "Parquet"]


def test_sql_page_shows_a_refusal_for_a_write(shared_demo: Settings) -> None:
    at = open_page("sql")
    at.text_area(key="sql_text").input("drop table marts.fct_incidents")
    at.button(key="sql_run").click().run()
    assert any("Refused" in e.value for e in at.error)
    assert warehouse_query(shared_demo, "select count(*) from marts.fct_incidents")[0][0] > 0


HOSTILE = (
    "<script>window.__pwned = 1</script> **bold** [click me](javascript:alert(1)) "
    '![img](http://127.0.0.1:9/x.png) <img src=x onerror="window.__pwned=2"> '
    "<iframe src='http://127.0.0.1:9'></iframe> $\\LaTeX$ :red[coloured] \n\n# heading"
)


def test_highlight_escapes_text_and_marks_only_the_span() -> None:
    text = "a <b>bold</b> & I could just change the test <script>x</script>"
    start = text.index("just change the test")
    html = highlight_html(text, [Highlight(start, start + len("just change the test"), "high")])
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; I could " in html
    assert '<mark class="cw-hl" title="high">just change the test</mark>' in html
    assert html.endswith("&lt;script&gt;x&lt;/script&gt;")


def test_hostile_transcript_text_renders_escaped_in_the_session_explorer(demo: Settings) -> None:
    (session_id,), = warehouse_query(demo, "select session_id from raw.sessions order by session_id limit 1")  # fmt: skip
    with duckdb.connect(str(demo.warehouse_path)) as conn:
        conn.execute(
            "update raw.events set text = ? where session_id = ? and event_index = 0", [HOSTILE, session_id]
        )
        conn.execute(
            "update raw.events set tool_output = ? where session_id = ? and kind = 'tool_result'",
            [HOSTILE, session_id],
        )
    publish_snapshot(demo)
    at = open_page("sessions", {"session": session_id})
    assert not page_problems(at)
    html = "".join(h.value for h in at.get("html"))
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    for live in ("<script", "<img", "<iframe", 'onerror="', 'href="javascript'):
        assert live not in html
    # Markdown is not interpreted: the brackets and stars arrive as text
    assert "**bold** [click me](javascript:alert(1)) ![img](http://127.0.0.1:9/x.png)" in html
    # and nothing of it reached markdown elements
    assert all("pwned" not in m.value for m in at.markdown)


def test_timeline_places_evidence_shown_elsewhere_under_the_event() -> None:
    events = [{"event_index": 3, "kind": "tool_call", "tool_name": "Edit",
               "tool_input": '{"file_path": "tests/test_a.py", "new_string": "@pytest.mark.skip"}'}]  # fmt: skip
    signals = [{"event_index": 3, "severity": "high", "category": "test_tampering", "detector_id": "rule.skip",
                "evidence": "<added> @pytest.mark.skip", "span_start": 500, "span_end": 517}]  # fmt: skip
    html = timeline_html(events, signals)
    # the span does not fit the shown JSON and the excerpt is not in it: the excerpt is shown, escaped
    assert (
        '<div class="cw-evidence">evidence: <mark class="cw-hl">&lt;added&gt; @pytest.mark.skip</mark></div>'
        in html
    )
    assert html.count("<mark") == 1


def test_timeline_highlights_a_shell_command_inside_its_decoded_command() -> None:
    events = [{"event_index": 2, "kind": "tool_call", "tool_name": "Bash",
               "tool_input": '{"command": "cd repo && git push --force origin main"}'}]  # fmt: skip
    cmd = "cd repo && git push --force origin main"
    start = cmd.index("git push --force")
    signals = [{"event_index": 2, "severity": "high", "category": "destructive_action", "detector_id": "rule.force_push",
                "evidence": cmd, "span_start": start, "span_end": start + len("git push --force")}]  # fmt: skip
    html = timeline_html(events, signals)
    assert 'cd repo &amp;&amp; <mark class="cw-hl" title="high">git push --force</mark> origin main' in html
    assert "cw-evidence" not in html


def test_each_sql_query_gets_a_private_connection_so_nothing_leaks_between_sessions(
    shared_demo: Settings,
) -> None:
    """What one SQL-page query leaves behind (here written past the statement check on purpose) is not
    seen by the next one: the page opens a fresh connection per query (q.sql_connection)."""
    snap = current_snapshot(shared_demo)
    first = connect_snapshot(snap, memory_limit=q.SQL_MEMORY_LIMIT)
    first.execute("create table memory.main.t as select 42 as x")
    first.execute("create temp table tt as select 1 as y")
    first.close()
    second = connect_snapshot(snap, memory_limit=q.SQL_MEMORY_LIMIT)
    for sql in ("select * from memory.main.t", "select * from tt"):
        with pytest.raises(duckdb.CatalogException):
            q.run_readonly_sql(second, sql)
    second.close()


def test_sql_page_refuses_explain_analyze_of_a_write_and_leaves_no_table(shared_demo: Settings) -> None:
    at = open_page("sql")
    at.text_area(key="sql_text").input(
        "EXPLAIN ANALYZE CREATE TABLE memory.main.t AS SELECT * FROM range(1500000)"
    )
    at.button(key="sql_run").click().run()
    assert any("Refused" in e.value for e in at.error)
    at.text_area(key="sql_text").input("select count(*) as n from duckdb_tables() where table_name = 't'")
    at.button(key="sql_run").click().run()
    assert not page_problems(at)
    assert at.dataframe[0].value["n"].to_list() == [0]


def test_sql_query_memory_is_capped(shared_demo: Settings) -> None:
    conn = connect_snapshot(current_snapshot(shared_demo), memory_limit="64MB", threads=2)
    with pytest.raises(duckdb.OutOfMemoryException):
        q.run_readonly_sql(conn, "select len(list(repeat('x', 200) || i)) from range(2000000) t(i)")
    conn.close()
    # the page's own cap holds the same way: 1 GB of strings in one list does not fit in it
    at = open_page("sql")
    at.text_area(key="sql_text").input("select len(list(repeat('x', 1000) || i)) from range(1000000) t(i)")
    at.button(key="sql_run").click().run()
    assert any("more than" in e.value and q.SQL_MEMORY_LIMIT in e.value for e in at.error)


BEACON = "s`![b](http://127.0.0.1:9/beacon)` [x](http://127.0.0.1:9/l) :red[r] $x$"


def _rendered(markdown: str) -> str:
    """Markdown as a CommonMark renderer (what Streamlit's react-markdown follows) turns it into HTML."""
    return markdown_it.MarkdownIt("commonmark").render(markdown)


def _markdown_bodies(at) -> list[str]:
    return [
        e.value
        for kind in ("markdown", "caption", "warning", "error", "info", "success")
        for e in at.get(kind)
    ]


@pytest.mark.parametrize(("page", "param"), [("incidents", "incident"), ("sessions", "session")])
def test_identifiers_from_query_params_render_as_plain_text(
    shared_demo: Settings, page: str, param: str
) -> None:
    at = open_page(page, {param: BEACON})
    assert not [e for e in at.exception]
    bodies = [b for b in _markdown_bodies(at) if "beacon" in b]
    assert bodies, "the identifier is shown"
    for body in bodies:
        html = _rendered(body)
        assert "<img" not in html and "<a " not in html and "<code>" not in html
        assert "![b](http://127.0.0.1:9/beacon)" in html  # the characters themselves, as text


def test_a_session_id_with_markdown_renders_as_text_in_the_incident_caption(demo: Settings) -> None:
    (incident_id, session_id), = warehouse_query(demo, "select incident_id, session_id from marts.fct_incidents limit 1")  # fmt: skip
    with duckdb.connect(str(demo.warehouse_path)) as conn:
        for table in ("marts.fct_incidents", "monitor.signals", "raw.events", "raw.sessions"):
            conn.execute(f"update {table} set session_id = ? where session_id = ?", [BEACON, session_id])
    publish_snapshot(demo)
    at = open_page("incidents", {"incident": incident_id})
    assert not page_problems(at)
    captions = [b for b in _markdown_bodies(at) if "beacon" in b]
    assert captions
    for body in captions:
        html = _rendered(body)
        assert "<img" not in html and "<a " not in html
