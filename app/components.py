"""Layout pieces the pages share: the no-data notice, the sidebar filters, number formatting."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta

import polars as pl
import streamlit as st

from app import queries as q
from app.render import CSS, esc

DEFAULT_WINDOW_DAYS = 14


def start_page(title: str, caption: str = "") -> None:
    st.html(CSS)
    st.title(title)
    if caption:
        st.caption(caption)


def require_snapshot() -> None:
    """Stop the page with how-to-start instructions when the pipeline has not published yet."""
    if q.pinned_snapshot() is not None:
        return
    data_dir = q.settings().data_dir
    st.info(
        "No data yet: the dashboard reads the snapshot the pipeline publishes after a successful run, "
        f"and there is none under `{data_dir / 'serving'}`.\n\n"
        "Start one from the repository:\n\n"
        "```bash\nmake demo                      # demo transcripts, a full run, then this dashboard\n"
        "uv run cotwatch run            # or: land what is in data/landing and publish\n```\n\n"
        "This page refreshes on its own once a run has published (reload the page).",
        icon=":material/hourglass_empty:",
    )
    st.stop()


def require_tables(*names: str) -> None:
    missing = [n for n in names if not q.has_table(n)]
    if missing:
        st.warning(f"The snapshot has no {', '.join(f'`{m}`' for m in missing)} yet: run the pipeline again.")
        st.stop()


def data_bounds() -> tuple[date, date]:
    bounds = q.run(q.date_bounds)
    first, last = bounds["first_day"][0], bounds["last_day"][0]
    if first is None or last is None:
        today = date.today()
        return today, today
    return first, last


def dimension(name: str) -> list[str]:
    values = q.run(q.dimension_values)
    return values.filter(pl.col("dim") == name)["value"].to_list()


def sidebar_filters() -> tuple[date, date, tuple[str, ...]]:
    """Date range and deployments, kept across pages (widget state is per page, so it is copied)."""
    first, last = data_bounds()
    window = min(DEFAULT_WINDOW_DAYS, max(1, ((last - first).days + 1) // 2))
    default = (max(first, last - timedelta(days=window - 1)), last)
    saved = st.session_state.get("flt_dates", default)
    saved = (max(first, min(saved[0], last)), max(first, min(saved[1], last)))
    with st.sidebar:
        st.subheader("Filters")
        picked = st.date_input("Date range", value=saved, min_value=first, max_value=last, key="w_dates")
        options = dimension("deployment")
        chosen = [d for d in st.session_state.get("flt_deps", []) if d in options]
        deps = st.multiselect(
            "Deployments", options, default=chosen, key="w_deps", placeholder="All deployments"
        )
        st.caption(f"Data from {first:%Y-%m-%d} to {last:%Y-%m-%d}.")
    if isinstance(picked, tuple | list) and len(picked) == 2:
        start, end = picked
    else:  # the first click of a range selection: one day
        start = end = picked[0] if isinstance(picked, tuple | list) and picked else saved[0]
    st.session_state["flt_dates"] = (start, end)
    st.session_state["flt_deps"] = list(deps)
    return start, end, tuple(deps)


def snapshot_published_at() -> datetime | None:
    snap = q.pinned_snapshot()
    try:
        return datetime.fromtimestamp(os.path.getmtime(snap), UTC) if snap else None
    except OSError:  # pruned after a newer publish; the open connection still reads it
        return None


def facts_html(facts: dict[str, object]) -> str:
    """A compact row of label/value pairs; values come from transcripts, so they are escaped."""
    cells = "".join(
        f'<div class="cw-fact"><div class="cw-fact-k">{esc(k)}</div><div class="cw-fact-v">{esc(v)}</div></div>'
        for k, v in facts.items()
    )
    return f'<div class="cw-facts">{cells}</div>'


# The forms a deployment's reasoning takes, as the warning names them (shares of q.deployment_monitorability).
VISIBILITY_LABELS = {
    "plain_share": "plain",
    "summary_share": "summaries only",
    "encrypted_share": "encrypted",
    "empty_share": "empty",
    "none_share": "not recorded",
}
MIN_SHARE_NAMED = 0.05


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def md_text(value: object) -> str:
    """A value from the data (a session id, an incident id, a query parameter) for a Markdown element,
    shown as exactly these characters: every ASCII punctuation character is backslash-escaped, so no
    code span, link, image, emphasis, directive (`:red[...]`) or formula can form, and line breaks
    become spaces so nothing starts a new block. Prefer st.html with `esc` or a plain-text widget
    where a whole element shows data."""
    text = " ".join(str(value).splitlines())
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(value: object) -> str:
    """A value from the data (a deployment is a folder name) as Markdown inline code: no link,
    image or emphasis in it can render."""
    return "`" + str(value).replace("`", "'") + "`"


def monitorability_warning(frame: pl.DataFrame) -> None:
    """Warn about every deployment of `frame` (q.deployment_monitorability) whose monitorability is
    low, with the form its reasoning mostly takes, so that a low incident rate is not read as safe."""
    low = frame.filter(pl.col("low_monitorability"))
    if low.is_empty():
        return
    parts = []
    for row in low.iter_rows(named=True):
        forms = sorted(((row[col], label) for col, label in VISIBILITY_LABELS.items()), reverse=True)
        why = ", ".join(f"{label} {pct(share, 0)}" for share, label in forms if share >= MIN_SHARE_NAMED)
        parts.append(f"{md_code(row['deployment'])} {row['monitorability']:.2f} ({why})")
    st.warning(
        f"**Low monitorability** (below {q.LOW_MONITORABILITY:.2f}): {', '.join(parts)}. The monitor reads "
        "little of this reasoning, so few incidents here do not mean safe behaviour.",
        icon=":material/visibility_off:",
    )


def low_badge(frame: pl.DataFrame, column: str = "low_monitorability") -> pl.DataFrame:
    """`frame` with its boolean low-monitorability column shown as a warning badge text."""
    return frame.with_columns(
        pl.when(pl.col(column)).then(pl.lit("⚠ low")).otherwise(pl.lit("")).alias(column)
    )


def pct(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{100 * value:.{digits}f}%"


def num(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if digits else f"{round(value):,}"


def delta(current: float | None, previous: float | None, *, as_pct_points: bool = False) -> str | None:
    """The change shown under a metric: relative change, or percentage points for rates."""
    if current is None or previous is None:
        return None
    if as_pct_points:
        return f"{100 * (current - previous):+.1f} pp"
    if previous == 0:
        return None if current == 0 else "new"
    return f"{100 * (current - previous) / previous:+.0f}%"
