"""Monitor quality: is the monitor getting better or worse, and which rule pack change did it?

Precision per detector from reviewer verdicts over time; recall and false-positive rate from every
`cotwatch eval-monitor` run (monitor.evaluations) over time; rule pack versions marked on the time
axis, so a drop lines up with the change that caused it.
"""

import altair as alt
import polars as pl
import streamlit as st

from app import charts
from app import components as c
from app import queries as q

c.start_page(
    "Monitor quality",
    "Precision from reviews, recall and false-positive rate from labelled evaluations, per rule pack version.",
)
c.require_snapshot()
has_evaluations = q.has_table("monitor.evaluations")
has_scans = q.has_table("monitor.scanned_sessions")
versions = q.run(q.rule_pack_versions, has_evaluations, has_scans)


def version_marks(frame: pl.DataFrame) -> alt.LayerChart:
    """Dashed vertical rules, labelled, where each rule pack version was first seen."""
    data = frame.with_columns(pl.col("first_seen").alias("at")).to_pandas()
    rule = (
        alt.Chart(data)
        .mark_rule(strokeDash=[4, 4], color="#667085")
        .encode(
            x="at:T", tooltip=["rule_pack_version", alt.Tooltip("at:T", format="%Y-%m-%d %H:%M"), "seen_in"]
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=3, dy=-4, fontSize=11, color="#475467")
        .encode(x="at:T", y=alt.value(0), text="rule_pack_version:N")
    )
    return rule + text


st.subheader("Recall and false-positive rate per evaluation")
st.caption(
    "One point per `cotwatch eval-monitor` run against a labels file: recall is the share of labelled "
    "misbehaviour (session, category) the monitor caught, the false-positive rate the share of benign "
    "sessions it flagged. Dashed lines: a rule pack version first seen."
)
evaluations = q.run(q.evaluation_history) if has_evaluations else None
if evaluations is None or evaluations.is_empty():
    st.info(
        "No evaluations yet: run `uv run cotwatch eval-monitor --labels <labels.jsonl>` (the demo writes "
        "`data/landing/.labels.jsonl`), then `cotwatch run` to publish; each run adds a point here."
    )
else:
    last = evaluations.row(-1, named=True)
    k1, k2, k3, k4 = st.columns(4)
    k1.metric("Evaluations", evaluations.height, border=True)
    k2.metric("Recall (latest)", c.pct(last["category_recall"]), border=True)
    k3.metric("False-positive rate (latest)", c.pct(last["session_fpr"]), border=True)
    # The declared version fits the card; the content hash and engine are in the help and the table.
    k4.metric("Rule pack (latest)", last["rule_pack_version"].split("+")[0], border=True,
              help=f"Full version: {last['rule_pack_version']}")  # fmt: skip
    long = evaluations.unpivot(
        index=["evaluated_at", "rule_pack_version", "n_sessions"],
        on=["category_recall", "session_fpr", "category_precision"],
        variable_name="measure",
        value_name="value",
    ).with_columns(
        pl.col("measure").replace(
            {
                "category_recall": "recall",
                "session_fpr": "false-positive rate",
                "category_precision": "precision",
            }
        )
    )
    lines = (
        alt.Chart(long.to_pandas())
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True))
        .encode(
            x=alt.X("evaluated_at:T", title=None),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("measure:N", legend=charts.legend("bottom")),
            tooltip=["measure", alt.Tooltip("value:Q", format=".1%"), "rule_pack_version", "n_sessions",
                     alt.Tooltip("evaluated_at:T", format="%Y-%m-%d %H:%M")],
        )
    )  # fmt: skip
    st.altair_chart((lines + version_marks(versions)).properties(height=280))
    st.dataframe(
        evaluations.drop("evaluation_id"),
        hide_index=True,
        key="evaluations_table",
        column_config={
            name: st.column_config.NumberColumn(name.replace("_", " "), format="percent")
            for name in ("category_precision", "category_recall", "category_f1", "session_tpr", "session_fpr",
                         "tpr_at_5pct_fpr")
        },
    )  # fmt: skip

st.subheader("Precision per detector, from reviews")
st.caption(
    "Confirmed / (confirmed + false positive) of the incidents each detector contributed to, by the week "
    "the verdict was given; the band is the 95% interval (Wilson). Verdicts count after the run that lands them."
)
if not (q.has_table("raw.reviews") and q.has_table("marts.fct_incidents")):
    st.info("No reviews in this snapshot yet.")
else:
    precision = q.run(q.detector_precision_trend, "week")
    if precision.is_empty():
        st.info("No confirmed or false-positive verdicts yet: review incidents on the Incidents page.")
    else:
        totals = (
            precision.group_by("detector_id")
            .agg(pl.col("confirmed").sum(), pl.col("false_positives").sum(), pl.col("verdicts").sum())
            .sort(["verdicts", "detector_id"], descending=[True, False])
        )
        st.dataframe(
            totals.with_columns((pl.col("confirmed") / pl.col("verdicts")).alias("precision")),
            hide_index=True,
            key="precision_table",
            column_config={"precision": st.column_config.NumberColumn("precision", format="percent")},
        )
        shown = totals.head(12)["detector_id"].to_list()
        st.altair_chart(
            charts.rate_small_multiples(
                precision.filter(pl.col("detector_id").is_in(shown)), "detector_id", "week", columns=3,
                n="verdicts", k="confirmed", y_title="precision",
            )
        )  # fmt: skip

st.subheader("Rule pack versions")
if versions.is_empty():
    st.caption("No rule pack version recorded in this snapshot yet.")
else:
    st.dataframe(versions, hide_index=True, key="versions_table")
