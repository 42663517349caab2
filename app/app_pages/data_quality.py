"""Data quality: the latest check results, freshness per asset, and what landing set aside."""

import polars as pl
import streamlit as st

from app import components as c
from app import queries as q

c.start_page("Data quality", "The latest result of every data-quality check, and how fresh each asset is.")
c.require_snapshot()

st.subheader("Checks")
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

st.subheader("Freshness per asset")
present = tuple(t for _, t, _ in q.FRESHNESS_SOURCES if q.has_table(t))
fresh = q.run(q.asset_freshness, present)
missing = [a for a, t, _ in q.FRESHNESS_SOURCES if t not in present]
st.dataframe(
    fresh, hide_index=True, column_config={"rows": st.column_config.NumberColumn(format="localized")}
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
