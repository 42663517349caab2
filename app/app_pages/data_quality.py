"""Data quality: the latest check results, freshness per asset, and what landing set aside."""

import polars as pl
import streamlit as st

from app import components as c
from app import queries as q

c.start_page(
    "Data quality",
    "The latest result of every data-quality check (Great Expectations and dbt tests), how fresh each asset "
    "is, and what landing set aside.",
)
c.require_snapshot()

st.subheader("Great Expectations checks")
if not q.has_table("quality.check_results"):
    st.info("No checks recorded yet: `quality.check_results` appears after a run with the quality checks.")
else:
    checks = q.run(q.latest_check_results)
    if checks.is_empty():
        st.info("No checks recorded yet.")
    else:
        failed = checks.filter(~pl.col("passed"))
        k1, k2, k3 = st.columns(3)
        k1.metric("Checks", checks.height, border=True)
        k2.metric("Failing", failed.height, border=True)
        k3.metric("Last checked", f"{checks['checked_at'].max():%Y-%m-%d %H:%M}", border=True)
        st.dataframe(
            checks.with_columns(
                pl.when(pl.col("passed")).then(pl.lit("pass")).otherwise(pl.lit("FAIL")).alias("result")
            ).select(
                "result", "asset", "check_name", "severity", "summary", "checked_at", "run_id", "details"
            ),
            hide_index=True,
            column_config={"summary": st.column_config.TextColumn(width="large")},
        )

st.subheader("dbt tests")
dbt_tests = q.run(q.dbt_test_results) if q.has_table("quality.dbt_results") else None
if dbt_tests is None or dbt_tests.is_empty():
    st.info("No dbt test results recorded yet: `quality.dbt_results` appears after a run that builds dbt.")
else:
    failing = dbt_tests.filter(~pl.col("passed"))
    d1, d2, d3 = st.columns(3)
    d1.metric("dbt tests", dbt_tests.height, border=True)
    d2.metric("dbt tests failing", failing.height, border=True)
    d3.metric("dbt tests ran", f"{dbt_tests['checked_at'].max():%Y-%m-%d %H:%M}", border=True)
    st.dataframe(
        dbt_tests.with_columns(pl.col("status").str.to_uppercase().alias("result")).select(
            "result", "asset", "test_name", "failures", "message", "checked_at", "run_id"
        ),
        hide_index=True,
        key="dbt_tests_table",
        column_config={"test_name": st.column_config.TextColumn("test", width="large")},
    )

st.subheader("Freshness per asset")
present = tuple(t for _, t, _ in q.FRESHNESS_SOURCES if q.has_table(t))
fresh = q.run(q.asset_freshness, present, q.has_table("quality.dbt_results"))
missing = [a for a, t, _ in q.FRESHNESS_SOURCES if t not in present]
st.dataframe(
    fresh,
    hide_index=True,
    key="freshness_table",
    column_config={
        "rows": st.column_config.NumberColumn(format="localized"),
        "newest": st.column_config.DatetimeColumn("newest data (UTC)", format="YYYY-MM-DD HH:mm:ss"),
        "built_at": st.column_config.DatetimeColumn("built by dbt (UTC)", format="YYYY-MM-DD HH:mm:ss"),
    },
)
if missing:
    st.caption("Not in this snapshot: " + ", ".join(f"`{m}`" for m in missing))
published = c.snapshot_published_at()
st.caption(f"Snapshot published {published:%Y-%m-%d %H:%M} UTC." if published else "")

left, right = st.columns(2)
with left:
    st.subheader("Files by status")
    if q.has_table("raw.files"):
        st.dataframe(q.run(q.file_status), hide_index=True)
with right:
    st.subheader("Quarantine reasons")
    if q.has_table("raw.quarantine"):
        reasons = q.run(q.quarantine_reasons)
        if reasons.is_empty():
            st.caption("Nothing quarantined.")
        else:
            st.dataframe(reasons, hide_index=True)

st.subheader("Files that landed nothing")
if q.has_table("raw.files"):
    not_landed = q.run(q.files_not_landed)
    if not_landed.is_empty():
        st.caption("Every file landed.")
    else:
        st.caption("Unsupported or failed files, with the reason: their content is not in the warehouse.")
        st.dataframe(not_landed, hide_index=True, key="not_landed_table",
                     column_config={"reason": st.column_config.TextColumn(width="large")})  # fmt: skip

st.subheader("Skipped records, by reason")
if q.has_table("raw.files"):
    skipped = q.run(q.skip_reasons)
    if skipped.is_empty():
        st.caption("No record skipped.")
    else:
        st.caption("Records that carry no conversation content (metadata, duplicates of other records); "
                   "they count in raw.files.n_skipped.")  # fmt: skip
        st.dataframe(skipped, hide_index=True, key="skip_table")
