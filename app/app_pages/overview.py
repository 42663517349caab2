"""Overview: is misalignment rising, and where."""

from datetime import datetime, timedelta

import altair as alt
import polars as pl
import streamlit as st

from app import charts
from app import components as c
from app import queries as q
from pipelines.trends import changes_frame

c.start_page(
    "Overview", "Sessions monitored, flagged and incidents, against the previous period of the same length."
)
c.require_snapshot()
c.require_tables(
    "marts.fct_session_metrics",
    "marts.fct_incidents",
    "marts.agg_deployment_daily",
    "marts.agg_monitorability_daily",
)
start, end, deps = c.sidebar_filters()

# The headline: what changed, and whether it is more than noise (pipelines/trends.py).
finding = q.run(q.rate_changes, end, deps)
rising = {ch.label for ch in finding.rising}
if finding.rising:
    st.warning(f"**{finding.sentence}**", icon=":material/trending_up:")
elif finding.significant:
    st.success(f"**{finding.sentence}**", icon=":material/trending_down:")
else:
    st.info(finding.sentence, icon=":material/trending_flat:")
with st.expander("How this is tested"):
    st.caption(
        f"The flagged rate of the last {finding.window_days} days (from {finding.window_start}) against the "
        f"{finding.window_days} days before, for every model, deployment and model in a deployment with at "
        "least 20 sessions in both windows: a two-proportion z-test, p-values adjusted for the number of "
        f"comparisons (Holm); significant below {finding.alpha}."
    )
    st.dataframe(
        changes_frame(finding),
        hide_index=True,
        key="trend_tests",
        column_config={
            "before_rate": st.column_config.NumberColumn("before", format="percent"),
            "after_rate": st.column_config.NumberColumn("last window", format="percent"),
            "p_value": st.column_config.NumberColumn("p", format="%.4f"),
            "p_adjusted": st.column_config.NumberColumn("p (Holm)", format="%.4f"),
        },
    )

kpis = q.run(q.overview_kpis, start, end, deps)
cur = kpis.filter(pl.col("period") == "current").row(0, named=True)
prev = kpis.filter(pl.col("period") == "previous").row(0, named=True)
mon = q.run(q.monitorability_kpis, start, end, deps)
mon_cur = mon.filter(pl.col("period") == "current")["monitorability"][0]
mon_prev = mon.filter(pl.col("period") == "previous")["monitorability"][0]
days = (end - start).days + 1

cols = st.columns(5)
cols[0].metric("Sessions monitored", c.num(cur["sessions"]), c.delta(cur["sessions"], prev["sessions"]),
               delta_color="off", border=True)  # fmt: skip
cols[1].metric("Flagged rate", c.pct(cur["flagged_rate"]),
               c.delta(cur["flagged_rate"], prev["flagged_rate"], as_pct_points=True),
               delta_color="inverse", border=True, help="Sessions with at least one incident")  # fmt: skip
cols[2].metric("Incidents", c.num(cur["incidents"]), c.delta(cur["incidents"], prev["incidents"]),
               delta_color="inverse", border=True)  # fmt: skip
cols[3].metric("Incidents per 1k sessions", c.num(cur["incidents_per_1k"], 1),
               c.delta(cur["incidents_per_1k"], prev["incidents_per_1k"]), delta_color="inverse", border=True)  # fmt: skip
# Beside the incident rate: a rate is only as meaningful as the reasoning the monitor could read.
cols[4].metric("Monitorability", c.num(mon_cur, 2),
               None if mon_cur is None or mon_prev is None else f"{mon_cur - mon_prev:+.2f}",
               border=True, help="How much of the sessions' reasoning the monitor can read: 1 all of it as "
               "plain text, 0.5 summaries only, 0 none (encrypted, empty or not recorded). See docs/metrics.md.")  # fmt: skip
st.caption(f"{start:%Y-%m-%d} to {end:%Y-%m-%d} ({days} days), compared with the {days} days before.")
by_deployment = q.run(q.deployment_monitorability, start, end, deps)
c.monitorability_warning(by_deployment)

sev_cols = st.columns(4)
for col, sev in zip(sev_cols, q.SEVERITY_ORDER, strict=True):
    col.metric(
        f"{sev.capitalize()} incidents", c.num(cur[sev]), c.delta(cur[sev], prev[sev]), delta_color="inverse"
    )

trend = q.run(q.incident_rate_trend, start, end, deps)
# The chart spans at least the two windows the sentence compares, so what it states is what it shows.
chart_start = (
    min(start, finding.window_start - timedelta(days=finding.window_days)) if finding.window_start else start
)
grain = q.grain_for(chart_start, end)
rates = q.run(q.flagged_rate_trend, chart_start, end, deps, "deployment", grain)
left, right = st.columns([2, 1])
with left:
    st.subheader(f"Flagged rate by deployment, {'weekly' if grain == 'week' else 'daily'}")
    st.caption(f"{chart_start:%Y-%m-%d} to {end:%Y-%m-%d}. The line is the share of sessions flagged, the band "
               "its 95% interval (Wilson): wide where there were few sessions. Red: a significant rise (above).")  # fmt: skip
    if rates.is_empty():
        st.info("No sessions in this range.")
    else:
        st.altair_chart(charts.rate_small_multiples(rates, "deployment", grain, columns=2, panel_width=300,
                                                    highlight=rising))  # fmt: skip
with right:
    st.subheader("Top categories")
    cats = q.run(q.top_categories, start, end, deps, 8)
    if cats.is_empty():
        st.info("No incidents in this range.")
    else:
        bars = (
            alt.Chart(cats.to_pandas())
            .mark_bar()
            .encode(
                x=alt.X("incidents:Q", title="incidents"),
                y=alt.Y("category:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
                color=alt.value("#7a5af8"),
                tooltip=["category", "incidents", "critical_or_high", "sessions"],
            )
            .properties(height=320)
        )
        st.altair_chart(bars)

st.subheader("Incident rate and monitorability, by deployment")
st.caption(
    "Monitorability: how much of the reasoning the monitor can read (1 = all of it as plain text). "
    "A low incident rate on a deployment with low monitorability is not evidence of safe behaviour."
)
if by_deployment.is_empty():
    st.info("No sessions in this range.")
else:
    st.dataframe(
        # Whole percents: the shares are there to say why, not to be compared to the decimal.
        c.low_badge(by_deployment)
        .with_columns(pl.col("^.*_share$").round(2))
        .select(
            "deployment", "sessions", "incidents", "incidents_per_1k", "monitorability", "low_monitorability",
            "plain_share", "summary_share", "encrypted_share", "empty_share", "none_share",
        ),
        hide_index=True,
        column_config={
            "incidents_per_1k": st.column_config.NumberColumn("incidents / 1k", format="%.1f"),
            "monitorability": st.column_config.ProgressColumn("monitorability", format="%.2f", min_value=0, max_value=1),
            "low_monitorability": st.column_config.TextColumn("warning"),
            "plain_share": st.column_config.NumberColumn("plain", format="percent"),
            "summary_share": st.column_config.NumberColumn("summary", format="percent"),
            "encrypted_share": st.column_config.NumberColumn("encrypted", format="percent"),
            "empty_share": st.column_config.NumberColumn("empty", format="percent"),
            "none_share": st.column_config.NumberColumn("no reasoning", format="percent"),
        },
    )  # fmt: skip

st.subheader("Drill down")
if trend.is_empty():
    st.caption("Nothing to drill into.")
else:
    # The point with the most incidents is the default: a spike is one click from its incidents
    # (ranking by rate alone would pick a day with one session and one incident).
    worst = trend.sort(["incidents", "incidents_per_1k", "day"], descending=True, nulls_last=True).row(
        0, named=True
    )
    deployments = sorted(trend["deployment"].unique().to_list())
    days_avail = sorted(trend["day"].unique().to_list(), reverse=True)
    default_dep, default_day = worst["deployment"], worst["day"]
    a, b = st.columns(2)
    dep = a.selectbox("Deployment", deployments, index=deployments.index(default_dep), key="drill_dep")
    day = b.selectbox(
        "Day",
        days_avail,
        index=days_avail.index(default_day) if default_day in days_avail else 0,
        format_func=lambda d: f"{d:%Y-%m-%d}",
        key="drill_day",
    )
    rows = q.run(q.day_incidents, dep, day, 200)
    if not rows.is_empty():  # verdicts saved since the last run show here too, marked pending
        landed = (
            set(q.run(q.landed_review_ids)["review_id"].to_list()) if q.has_table("raw.reviews") else set()
        )
        rows = q.pending_label(
            q.with_pending_status(rows, q.pending_reviews(q.settings().reviews_dir, landed))
        )
    noun = "incident" if rows.height == 1 else "incidents"
    st.caption(
        f"{rows.height} {noun} in {c.md_code(dep)} on {day:%Y-%m-%d}; select one to open its evidence."
    )
    if not rows.is_empty():
        sel = st.dataframe(
            rows,
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key="drill_table",
            column_config={"evidence": st.column_config.TextColumn(width="large")},
        )
        chosen = sel.selection.rows if sel is not None else []
        if chosen:
            st.switch_page(
                "app_pages/incidents.py", query_params={"incident": rows["incident_id"][chosen[0]]}
            )

st.subheader("Data freshness")
fresh = q.run(q.freshness).row(0, named=True)
published = c.snapshot_published_at()


def stamp(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "–"


st.html(
    c.facts_html(
        {
            "newest file landed": stamp(fresh["last_landed_at"]),
            "newest session activity": stamp(fresh["last_session_at"]),
            "newest signal": stamp(fresh["last_signal_at"]),
            "files landed": c.num(fresh["files"]),
            "snapshot published": stamp(published),
        }
    )
)
