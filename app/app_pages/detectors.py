"""Detectors: how much each fires, how often reviewers confirm it, and which are noisiest."""

import altair as alt
import polars as pl
import streamlit as st

from app import components as c
from app import queries as q

c.start_page(
    "Detectors", "Volume per detector and precision from reviewer verdicts (confirmed vs false positive)."
)
c.require_snapshot()
c.require_tables("monitor.signals", "marts.fct_incidents", "marts.fct_session_metrics")
start, end, deps = c.sidebar_filters()

stats = q.run(q.detector_stats, start, end, deps)
if stats.is_empty():
    st.info("No signals in this range.")
    st.stop()

reviewed = int(stats["confirmed"].sum() + stats["false_positives"].sum())
k1, k2, k3 = st.columns(3)
k1.metric("Detectors firing", stats.height, border=True)
k2.metric("Signals", c.num(stats["signals"].sum()), border=True)
k3.metric("Reviewed verdicts behind precision", c.num(reviewed), border=True,
          help="confirmed + false positive incidents, counted once per detector that contributed")  # fmt: skip

left, right = st.columns([3, 2])
with left:
    st.subheader("Volume per detector")
    top = stats.head(25).to_pandas()
    chart = (
        alt.Chart(top)
        .mark_bar()
        .encode(
            x=alt.X("signals:Q", title="signals"),
            y=alt.Y("detector_id:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            color=alt.Color("category:N", legend=alt.Legend(orient="bottom", title=None, columns=3)),
            tooltip=["detector_id", "category", "signals", "sessions_hit",
                     alt.Tooltip("signals_per_1k_sessions:Q", format=".1f"), alt.Tooltip("precision:Q", format=".0%")],
        )
        .properties(height=max(260, 24 * len(top)))
    )  # fmt: skip
    st.altair_chart(chart)
with right:
    st.subheader("Noisiest detectors")
    st.caption("Most false positives from reviews, then the most signals per 1k sessions.")
    noisy = stats.sort(["false_positives", "signals_per_1k_sessions"], descending=True).head(10)
    st.dataframe(
        noisy.select("detector_id", "signals_per_1k_sessions", "false_positives", "confirmed", "precision"),
        hide_index=True,
        column_config={
            "signals_per_1k_sessions": st.column_config.NumberColumn("per 1k sessions", format="%.1f"),
            "precision": st.column_config.NumberColumn(format="percent"),
        },
    )

st.subheader("Precision from reviews")
with_reviews = stats.filter(pl.col("precision").is_not_null())
if with_reviews.is_empty():
    st.info("No reviewed incidents yet: mark incidents confirmed or false positive on the Incidents page, "
            "then run the pipeline again.")  # fmt: skip
else:
    prec = (
        alt.Chart(with_reviews.to_pandas())
        .mark_bar()
        .encode(
            x=alt.X("precision:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
            y=alt.Y("detector_id:N", sort="x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            color=alt.Color(
                "precision:Q", scale=alt.Scale(scheme="redyellowgreen", domain=[0, 1]), legend=None
            ),
            tooltip=[
                "detector_id",
                "confirmed",
                "false_positives",
                "follow_ups",
                alt.Tooltip("precision:Q", format=".0%"),
            ],
        )
        .properties(height=max(120, 24 * with_reviews.height))
    )
    st.altair_chart(prec)
st.dataframe(
    stats,
    hide_index=True,
    column_config={
        "signals_per_1k_sessions": st.column_config.NumberColumn("per 1k sessions", format="%.1f"),
        "mean_confidence": st.column_config.NumberColumn("mean confidence", format="%.2f"),
        "precision": st.column_config.NumberColumn(format="percent"),
    },
)
