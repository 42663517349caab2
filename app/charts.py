"""Chart builders the trend pages share: rates as small multiples with their 95% intervals.

One panel per deployment or model, sharing the y scale, instead of one tangle of lines: each panel
reads on its own and a panel that rises stands out. The band is the Wilson interval of the rate, so a
week with a handful of sessions looks as uncertain as it is.
"""

from __future__ import annotations

import altair as alt
import polars as pl

BAND_COLOUR = "#c7d2fe"
LINE_COLOUR = "#4338ca"
ALERT_COLOUR = "#b42318"


def rate_small_multiples(
    frame: pl.DataFrame,
    by: str,
    grain: str,
    *,
    columns: int = 3,
    highlight: set[str] | frozenset[str] = frozenset(),
    panel_width: int = 260,
    panel_height: int = 150,
    n: str = "sessions",
    k: str = "flagged_sessions",
    y_title: str = "flagged rate",
) -> alt.FacetChart:
    """A rate k/n per period (`rate`, `rate_lo`, `rate_hi`: trends.with_wilson), one panel per value
    of `by`; panels named in `highlight` (significant rises) are drawn in red."""
    data = frame.with_columns(
        pl.col(by).is_in(list(highlight)).alias("rising"),
        # One label per point, the day a period starts: a time axis puts its ticks between the weeks.
        pl.col("period").dt.strftime("%b %d").alias("period_label"),
    ).to_pandas()
    x_title = "week starting" if grain == "week" else "day"
    order = frame.select(pl.col("period").unique().sort().dt.strftime("%b %d"))["period"].to_list()
    x = alt.X("period_label:O", title=None, sort=order,
              axis=alt.Axis(labelAngle=0 if len(order) <= 6 else -45, labelOverlap="greedy"))  # fmt: skip
    y_scale = alt.Scale(domain=[0, max(0.05, float(frame["rate_hi"].max() or 0.05))], nice=True)
    base = alt.Chart().encode(x=x)
    band = base.mark_area(opacity=0.55, color=BAND_COLOUR).encode(
        y=alt.Y("rate_lo:Q", scale=y_scale, title=y_title, axis=alt.Axis(format="%")),
        y2="rate_hi:Q",
    )
    colour = alt.condition("datum.rising", alt.value(ALERT_COLOUR), alt.value(LINE_COLOUR))
    line = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True)).encode(
        y=alt.Y("rate:Q", scale=y_scale),
        color=colour,
        tooltip=[
            alt.Tooltip(f"{by}:N"),
            alt.Tooltip("period:T", title=x_title, format="%Y-%m-%d"),
            alt.Tooltip(f"{n}:Q"),
            alt.Tooltip(f"{k}:Q"),
            alt.Tooltip("rate:Q", title=y_title, format=".1%"),
            alt.Tooltip("rate_lo:Q", title="95% interval from", format=".1%"),
            alt.Tooltip("rate_hi:Q", title="95% interval to", format=".1%"),
        ],
    )
    return (
        alt.layer(band, line, data=data)
        .properties(width=panel_width, height=panel_height)
        .facet(
            facet=alt.Facet(f"{by}:N", title=None, header=alt.Header(labelFontSize=13, labelLimit=0)),
            columns=columns,
        )
        .resolve_scale(y="shared")
    )


def legend(orient: str = "right") -> alt.Legend:
    """A legend that shows every entry in full (no truncated labels, no dropped symbols)."""
    return alt.Legend(
        orient=orient, title=None, labelLimit=0, symbolLimit=0, columns=1 if orient == "right" else 0
    )
