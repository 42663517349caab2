"""Incidents: the reviewer's queue, each incident's evidence in its transcript, and the review form."""

import polars as pl
import streamlit as st

from app import components as c
from app import queries as q
from app.render import timeline_html
from pipelines.reviews import MAX_NOTE_CHARS, ReviewError, append_review, read_reviews
from pipelines.warehouse.schema import REVIEW_STATUSES

CONTEXT_EVENTS = 2  # events shown before and after each piece of evidence
REVIEW_LABELS = {
    "confirmed": "Confirmed",
    "false_positive": "False positive",
    "needs_follow_up": "Needs follow-up",
}

c.start_page(
    "Incidents", "One incident per session and category. Select a row to see its evidence and review it."
)
c.require_snapshot()
c.require_tables("marts.fct_incidents", "monitor.signals", "raw.events")
start, end, deps = c.sidebar_filters()

with st.expander("Filters", expanded=True):
    f1, f2, f3, f4 = st.columns(4)
    severities = f1.multiselect("Severity", list(q.SEVERITY_ORDER), key="inc_sev", placeholder="All")
    categories = f2.multiselect("Category", c.dimension("category"), key="inc_cat", placeholder="All")
    models = f3.multiselect("Model", c.dimension("model"), key="inc_model", placeholder="All")
    statuses = f4.multiselect("Review status", list(q.REVIEW_STATES), key="inc_review", placeholder="All")

# Review status includes verdicts saved since the last run (read from the review store, marked
# pending): the status filter applies to what a reviewer sees, so it runs after that merge.
landed_ids = set(q.run(q.landed_review_ids)["review_id"].to_list()) if q.has_table("raw.reviews") else set()
pending = q.pending_reviews(q.settings().reviews_dir, landed_ids)
table = q.with_pending_status(
    q.run(q.incidents, start, end, deps, tuple(severities), tuple(categories), tuple(models), (), 5000),
    pending,
)
if statuses:
    table = table.filter(pl.col("review_status").is_in(statuses))
counts = table.group_by("review_status").len()
summary = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(counts.iter_rows()))
n_pending = int(table["review_pending"].sum())
st.caption(f"{table.height:,} incidents ({summary or 'none'}) from {start:%Y-%m-%d} to {end:%Y-%m-%d}"
           + (f"; {n_pending} verdict(s) pending, counted after the next pipeline run." if n_pending else "."))  # fmt: skip
shown = q.pending_label(table).drop("evidence")
picked = st.dataframe(
    shown,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="incident_table",
    height=320,
    column_config={
        "severity": st.column_config.TextColumn("severity", width="small"),
        "review_status": st.column_config.TextColumn(
            "review", help="pending: saved, counted after the next run"
        ),
        "session_date": st.column_config.DateColumn("date"),
        "signal_count": st.column_config.NumberColumn("signals", width="small"),
        "session_id": st.column_config.TextColumn("session"),
        "incident_id": st.column_config.TextColumn("incident"),
    },
)
rows = picked.selection.rows if picked is not None else []
if rows:
    st.query_params["incident"] = table["incident_id"][rows[0]]

incident_id = st.query_params.get("incident")
if not incident_id:
    st.info("Select an incident above to see its evidence.")
    st.stop()

found = q.run(q.incident, incident_id)
if found.is_empty():
    st.warning(f"Incident {c.md_text(incident_id)} is not in the current snapshot.")
    st.stop()
inc = found.row(0, named=True)
mine = pending.filter(pl.col("incident_id") == inc["incident_id"])
if mine.height:
    inc["review_status"] = f"{mine['status'][0]} (pending)"

st.divider()
st.subheader(f"{inc['category'].replace('_', ' ')} · {inc['severity']}")
st.html(
    c.facts_html(
        {
            "deployment": inc["deployment"],
            "model": inc["model"],
            "signals": inc["signal_count"],
            "review status": inc["review_status"].replace("_", " "),
            "date": f"{inc['session_date']:%Y-%m-%d}",
            "agent": inc["agent"] or "unknown",
            "detectors": inc["detectors"],
        }
    )
)
st.caption(f"Incident {c.md_text(inc['incident_id'])} · session {c.md_text(inc['session_id'])}")
st.page_link("app_pages/sessions.py", label="Open the whole session", icon=":material/timeline:",
             query_params={"session": inc["session_id"]})  # fmt: skip

signals = q.run(q.incident_signals, inc["session_id"], inc["category"])
event_ids = sorted({int(i) for i in signals["event_index"].drop_nulls().to_list()})
if inc["first_event_index"] is not None and not event_ids:
    event_ids = [int(inc["first_event_index"])]
shown: set[int] = set()
for i in event_ids:
    shown.update(range(max(0, i - CONTEXT_EVENTS), i + CONTEXT_EVENTS + 1))
left, right = st.columns([3, 1])
with left:
    st.markdown("**Evidence in the transcript**")
    if shown:
        events = q.run(q.session_events, inc["session_id"], min(shown), max(shown))
        events = events.filter(pl.col("event_index").is_in(sorted(shown)))
        st.html(timeline_html(events.to_dicts(), signals.to_dicts(), focus=set(event_ids)))
    else:
        st.html(timeline_html([], signals.to_dicts()))

with right:
    st.markdown("**Review**")
    # The form keeps its text until a review is stored: a note that is refused (too long, say) stays
    # in the box with the reason. No max_chars on the widget: the browser would drop a longer paste
    # silently; the length is checked here, with a message.
    if st.session_state.pop("review_clear", False):
        st.session_state["review_note"] = ""
    with st.form("review_form", clear_on_submit=False):
        status = st.radio(
            "Verdict", list(REVIEW_STATUSES), format_func=REVIEW_LABELS.get, key="review_status"
        )
        note = st.text_area("Note", key="review_note",
                            placeholder=f"What you checked, why (at most {MAX_NOTE_CHARS:,} characters)")  # fmt: skip
        reviewer = st.text_input("Reviewer", key="review_reviewer", placeholder="your name or handle")
        submitted = st.form_submit_button("Save review", type="primary")
    if submitted:
        try:
            review_id = append_review(
                q.settings(), inc["incident_id"], inc["session_id"], inc["category"], status, note, reviewer
            )
        except (ReviewError, OSError) as exc:
            st.error(f"The review was not saved: {c.md_text(exc)}")
        else:
            # Rerun so the table and the facts above show the pending verdict; the message survives it.
            st.session_state["review_saved"] = review_id
            st.session_state["review_clear"] = True
            st.rerun()
    saved = st.session_state.pop("review_saved", None)
    if saved:
        st.success(f"Saved review `{saved[:8]}`: shown as pending now; it counts in detector precision "
                   "after the next pipeline run.")  # fmt: skip

    landed = q.run(q.incident_reviews, inc["incident_id"]) if q.has_table("raw.reviews") else None
    stored, _, _ = read_reviews(q.settings().reviews_dir)
    pending = stored.filter(
        (pl.col("incident_id") == inc["incident_id"]) & ~pl.col("review_id").is_in(list(landed_ids))
    )
    st.markdown("**History**")
    if pending.height:
        st.caption(f"{pending.height} review(s) saved, not yet counted (next run):")
        st.dataframe(pending.select("status", "note", "reviewer", "reviewed_at").sort("reviewed_at", descending=True),
                     hide_index=True)  # fmt: skip
    if landed is not None and landed.height:
        st.dataframe(landed.select("status", "note", "reviewer", "reviewed_at"), hide_index=True)
    if not pending.height and (landed is None or not landed.height):
        st.caption("No reviews yet.")
