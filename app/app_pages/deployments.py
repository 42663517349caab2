"""Deployments and models: side by side, category by deployment, model versions over time."""

import altair as alt
import streamlit as st

from app import charts
from app import components as c
from app import queries as q

c.start_page("Deployments and models", "Which deployment and which model version misbehave, and how.")
c.require_snapshot()
c.require_tables(
    "marts.fct_session_metrics",
    "marts.fct_incidents",
    "marts.agg_deployment_daily",
    "marts.agg_monitorability_daily",
)
start, end, deps = c.sidebar_filters()

st.subheader("Deployments side by side")
comparison = q.run(q.deployment_comparison, start, end, deps)
if comparison.is_empty():
    st.info("No sessions in this range.")
    st.stop()
visibility = q.run(q.deployment_monitorability, start, end, deps)
c.monitorability_warning(visibility)
st.dataframe(
    c.low_badge(comparison),
    hide_index=True,
    column_config={
        "flagged_rate": st.column_config.ProgressColumn(
            "flagged rate", format="percent", min_value=0, max_value=1
        ),
        "incidents_per_1k": st.column_config.NumberColumn("incidents / 1k", format="%.1f"),
        "monitorability": st.column_config.ProgressColumn(
            "monitorability",
            format="%.2f",
            min_value=0,
            max_value=1,
            help="How much of the reasoning the monitor can read (1: all of it as plain text). docs/metrics.md",
        ),
        "low_monitorability": st.column_config.TextColumn("warning"),
        "mean_score": st.column_config.NumberColumn("mean score", format="%.3f"),
        "tool_error_rate": st.column_config.NumberColumn("tool error rate", format="percent"),
        "mean_events": st.column_config.NumberColumn("events / session", format="%.1f"),
    },
)

left, right = st.columns(2)
with left:
    st.subheader("Incidents per 1k sessions")
    bar = (
        alt.Chart(comparison.to_pandas())
        .transform_calculate(
            label="'monitorability ' + format(datum.monitorability, '.2f') + (datum.low_monitorability ? ' ⚠' : '')"
        )
        .mark_bar()
        .encode(
            x=alt.X("incidents_per_1k:Q", title="incidents / 1k sessions"),
            y=alt.Y("deployment:N", sort="-x", title=None),
            color=alt.Color("deployment:N", legend=None),
            tooltip=[
                "deployment",
                "sessions",
                "incidents",
                alt.Tooltip("incidents_per_1k:Q", format=".1f"),
                alt.Tooltip("monitorability:Q", format=".2f"),
            ],
        )
        .properties(height=260)
    )
    # The monitorability beside each bar: a short bar with a low score is a blind spot, not a good result.
    label = bar.mark_text(align="left", dx=4, fontSize=11).encode(
        text="label:N",
        color=alt.condition("datum.low_monitorability", alt.value("#b54708"), alt.value("#667085")),
    )
    st.altair_chart(bar + label)
with right:
    st.subheader("Category by deployment")
    matrix = q.run(q.category_by_deployment, start, end, deps)
    n_categories = max(1, matrix["category"].n_unique())
    st.caption("Incidents per 1k sessions: the colour and the number in each cell are the same figure.")
    heat = (
        alt.Chart(matrix.to_pandas())
        .mark_rect()
        .encode(
            # Every label shown in full: no overlap pruning, no truncation.
            x=alt.X(
                "deployment:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=0, labelOverlap=False)
            ),
            y=alt.Y("category:N", title=None, axis=alt.Axis(labelLimit=0, labelOverlap=False)),
            color=alt.Color("incidents_per_1k:Q", title="per 1k", scale=alt.Scale(scheme="orangered")),
            tooltip=[
                "category",
                "deployment",
                "incidents",
                "sessions",
                alt.Tooltip("incidents_per_1k:Q", format=".1f"),
            ],
        )
        .properties(height=24 * n_categories)
    )
    top = float(matrix["incidents_per_1k"].max() or 0)
    text = heat.mark_text(fontSize=11).encode(
        text=alt.Text("incidents_per_1k:Q", format=".0f"),
        # dark text on light cells, light text on dark ones
        color=alt.condition(
            f"datum.incidents_per_1k > {top * 0.6:.6f}", alt.value("white"), alt.value("black")
        ),
        tooltip=alt.value(None),
    )
    st.altair_chart(heat + text)

st.subheader("Model versions over time")
# The whole history, not the date range: a version change is only visible across it.
first, last = c.data_bounds()
st.caption(
    f"All data, {first:%Y-%m-%d} to {last:%Y-%m-%d}" + (f", deployments: {', '.join(deps)}." if deps else ".")
)
models = q.run(q.model_trend, first, last, deps)
grain = q.grain_for(first, last)
st.markdown("**Share of sessions per model**")
share = (
    alt.Chart(models.to_pandas())
    .mark_area()
    .encode(
        x=alt.X("day:T", title=None),
        y=alt.Y("sessions:Q", stack="normalize", title="share of sessions", axis=alt.Axis(format="%")),
        color=alt.Color("model:N", legend=charts.legend()),
        tooltip=["model", alt.Tooltip("day:T", format="%Y-%m-%d"), "sessions"],
    )
    .properties(height=220)
)
st.altair_chart(share)
st.markdown(f"**Flagged rate per model, {'weekly' if grain == 'week' else 'daily'}**")
st.caption("One panel per model on the same scale; the band is the 95% interval (Wilson). Red: a "
           "significant rise over the last weeks (see the overview).")  # fmt: skip
model_rates = q.run(q.flagged_rate_trend, first, last, deps, "model", grain)
rising = {ch.model for ch in q.run(q.rate_changes, last, deps).rising if ch.slice_kind == "model"}
if not model_rates.is_empty():
    st.altair_chart(charts.rate_small_multiples(model_rates, "model", grain, columns=3, panel_width=260,
                                                highlight=rising))  # fmt: skip
st.markdown("**Monitorability by model**")
st.caption(
    "How much of each model's reasoning the monitor can read, per day: a model version that hides its "
    f"reasoning shows as a line near 0 from the day it lands. Below {q.LOW_MONITORABILITY:.2f} is low."
)
# One small panel per model on the same 0-1 scale, the low threshold dashed in each.
line = (
    alt.Chart()
    .mark_line(point=True)
    .encode(
        x=alt.X("day:T", title=None, axis=alt.Axis(format="%b %d", tickCount=4)),
        y=alt.Y("monitorability:Q", title="monitorability", scale=alt.Scale(domain=[0, 1])),
        tooltip=["model", alt.Tooltip("day:T", format="%Y-%m-%d"), "sessions",
                 alt.Tooltip("monitorability:Q", format=".2f")],
    )
)  # fmt: skip
low_line = alt.Chart().mark_rule(strokeDash=[4, 4], color="#b54708").encode(y=alt.datum(q.LOW_MONITORABILITY))
st.altair_chart(
    alt.layer(line, low_line, data=models.drop_nulls("monitorability").to_pandas())
    .properties(width=260, height=120)
    .facet(
        facet=alt.Facet("model:N", title=None, header=alt.Header(labelFontSize=13, labelLimit=0)), columns=3
    )
)
st.dataframe(
    q.run(q.model_summary, first, last, deps),
    hide_index=True,
    column_config={
        "flagged_rate": st.column_config.NumberColumn("flagged rate", format="percent"),
        "incidents_per_1k": st.column_config.NumberColumn("incidents / 1k", format="%.1f"),
        "monitorability": st.column_config.ProgressColumn("monitorability", format="%.2f", min_value=0, max_value=1),
    },
)  # fmt: skip
