"""CoT Watch dashboard: the entry point (`streamlit run app/streamlit_app.py`).

It reads only the serving snapshot the pipeline publishes (located through COTWATCH_DATA_DIR), never
the warehouse file the pipeline writes.
"""

from pathlib import Path

import streamlit as st

from app import queries as q

PAGES = Path(__file__).parent / "app_pages"

# No Material icons on pages: Streamlit fetches a page's icon as favicon from a CDN, and the dashboard
# must work without internet access (an emoji page_icon becomes an inline SVG favicon).
st.set_page_config(page_title="CoT Watch", page_icon="👁️", layout="wide")
q.pin_snapshot()

navigation = st.navigation(
    {
        "Trends": [
            st.Page(PAGES / "overview.py", title="Overview", default=True),
            st.Page(PAGES / "deployments.py", title="Deployments and models"),
        ],
        "Review": [
            st.Page(PAGES / "incidents.py", title="Incidents"),
            st.Page(PAGES / "sessions.py", title="Session explorer"),
        ],
        "Operations": [
            st.Page(PAGES / "detectors.py", title="Detectors"),
            st.Page(PAGES / "monitor_quality.py", title="Monitor quality"),
            st.Page(PAGES / "data_quality.py", title="Data quality"),
            st.Page(PAGES / "sql.py", title="SQL"),
        ],
    }
)
with st.sidebar:
    snap = q.pinned_snapshot()
    st.caption(f"Snapshot: `{Path(snap).name}`" if snap else "No snapshot published yet.")
navigation.run()
