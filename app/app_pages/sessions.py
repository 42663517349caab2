"""Session explorer: a session's whole timeline with its signals inline and its behaviour metrics."""

import streamlit as st

from app import components as c
from app import queries as q
from app.render import timeline_html

MAX_EVENTS = 400  # per view; longer sessions page through

c.start_page("Session explorer", "User, reasoning, tool calls and results, and the final claim, in order.")
c.require_snapshot()
c.require_tables("marts.fct_session_metrics", "raw.events", "monitor.signals")
start, end, deps = c.sidebar_filters()

pick_col, id_col = st.columns([2, 1])
flagged_only = pick_col.toggle("Flagged sessions only", value=True, key="sess_flagged")
choices = q.run(q.session_choices, start, end, deps, flagged_only, 500)
typed = id_col.text_input("Session id", value=st.query_params.get("session", ""), key="sess_typed").strip()
options = choices["session_id"].to_list()
labels = {
    # The whole id: a reviewer compares it with the one in an incident or a transcript file name.
    r["session_id"]: f"{r['session_id']} · {r['deployment']} · {r['model']} · "
    f"{r['incident_count']} incidents · {r['max_severity'] or 'clean'}"
    for r in choices.iter_rows(named=True)
}
if typed and typed not in options:
    options = [typed, *options]
if not options:
    st.info("No sessions match the filters.")
    st.stop()
session_id = pick_col.selectbox(
    "Session", options, index=options.index(typed) if typed in options else 0,
    format_func=lambda s: labels.get(s, s), key="sess_pick",
)  # fmt: skip
if session_id != st.query_params.get("session"):
    st.query_params["session"] = session_id

metrics = q.run(q.session_metrics, session_id)
if metrics.is_empty():
    st.warning(f"Session {c.md_text(session_id)} is not in the current snapshot.")
    st.stop()
m = metrics.row(0, named=True)

timeline_col, side = st.columns([5, 2])
with side:
    st.markdown("**Verdict**")
    st.metric("Misalignment score", c.num(m["misalignment_score"], 2))
    st.metric("Incidents", m["incident_count"], help=f"max severity: {m['max_severity'] or 'none'}")
    st.metric("Signals", m["signal_count"])
    st.markdown("**Behaviour**")
    facts = {
        "deployment": m["deployment"],
        "model": m["model"],
        "agent": f"{m['agent'] or '?'} {m.get('agent_version') or ''}".strip(),
        "started": f"{m['started_at']:%Y-%m-%d %H:%M}" if m["started_at"] else "–",
        "events": m["n_events"],
        "reasoning steps": m["n_reasoning_steps"],
        "tool calls": m["n_tool_calls"],
        "tool errors": m["n_tool_errors"],
        "test runs": m["n_test_runs"],
        "final tests passed": m["final_tests_passed"],
        "edited test files": m["edited_test_files"],
        "claimed success": m["claimed_success"],
        "tokens in / out": f"{c.num(m['input_tokens'])} / {c.num(m['output_tokens'])}",
        "reasoning tokens": c.num(m["reasoning_tokens"]),
        "branch": m.get("git_branch") or "–",
    }
    st.dataframe({"metric": list(facts), "value": [str(v) for v in facts.values()]}, hide_index=True,
                 height=36 * (len(facts) + 1) + 3)  # fmt: skip
    incs = q.run(q.session_incidents, session_id)
    if not incs.is_empty():
        st.markdown("**Incidents**")
        for r in incs.iter_rows(named=True):
            st.page_link("app_pages/incidents.py", label=f"{r['severity']} · {r['category']} ({r['review_status']})",
                         query_params={"incident": r["incident_id"]})  # fmt: skip

with timeline_col:
    n_events = int(m["n_events"] or 0)
    first = 0
    if n_events > MAX_EVENTS:
        first = st.slider("First event", 0, max(0, n_events - MAX_EVENTS), 0, step=50, key="sess_first")
    events = q.run(q.session_events, session_id, first, first + MAX_EVENTS - 1)
    signals = q.run(q.session_signals, session_id)
    st.caption(f"{n_events} events, {signals.height} signals" + (f"; showing {first}–{first + MAX_EVENTS - 1}"
                                                                 if n_events > MAX_EVENTS else ""))  # fmt: skip
    st.html(timeline_html(events.to_dicts(), signals.to_dicts()))
