"""SQL: a read-only workbench on the serving snapshot, with examples and downloads."""

import io

import duckdb
import streamlit as st

from app import components as c
from app import queries as q

c.start_page(
    "SQL", "Read-only queries on the published snapshot. One SELECT / WITH / DESCRIBE statement at a time."
)
c.require_snapshot()

example = st.selectbox("Example queries", list(q.EXAMPLE_QUERIES), key="sql_example")
if st.session_state.get("sql_example_loaded") != example:
    st.session_state["sql_text"] = q.EXAMPLE_QUERIES[example]
    st.session_state["sql_example_loaded"] = example
sql = st.text_area("Query", key="sql_text", height=180)
run_clicked = st.button("Run", type="primary", key="sql_run")

if run_clicked or st.session_state.get("sql_last") == sql:
    st.session_state["sql_last"] = sql
    conn = q.sql_connection()  # private to this query: nothing it does is seen by other sessions
    try:
        frame, cut = q.run_readonly_sql(conn, sql)
    except q.RefusedQuery as exc:
        st.error(f"Refused: {c.md_text(exc)}")
        st.stop()
    except duckdb.OutOfMemoryException:
        st.error(
            f"Query failed: it needs more than {q.SQL_MEMORY_LIMIT} of memory; aggregate or filter more."
        )
        st.stop()
    except duckdb.Error as exc:
        st.error(f"Query failed: {c.md_text(exc)}")
        st.stop()
    finally:
        conn.close()
    st.caption(f"{frame.height:,} rows" + (f" (cut at {q.SQL_MAX_ROWS:,})" if cut else ""))
    st.dataframe(frame, hide_index=True)
    d1, d2, _ = st.columns([1, 1, 4])
    d1.download_button("CSV", q.csv_bytes(frame), "query.csv", "text/csv", key="sql_csv")
    buf = io.BytesIO()
    frame.write_parquet(buf)
    d2.download_button(
        "Parquet", buf.getvalue(), "query.parquet", "application/octet-stream", key="sql_parquet"
    )

with st.expander("Tables"):
    st.dataframe(q.run(q.tables), hide_index=True)
