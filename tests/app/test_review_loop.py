"""A reviewer's verdict is stored without touching the warehouse and counts after the next run."""

from __future__ import annotations

import orjson

from pipelines.config import Settings
from tests.app.conftest import fact, next_run, open_page, page_problems, warehouse_query


def newest_incident(
    settings: Settings, not_detectors: tuple[str, ...] = ()
) -> tuple[str, str, str, list[str]]:
    """The newest incident (inside every page's default range) none of whose detectors is in `not_detectors`."""
    (row,) = warehouse_query(
        settings,
        "select incident_id, session_id, category, detectors from marts.fct_incidents "
        "where not list_has_any(detectors, ?::varchar[]) order by session_date desc, incident_id limit 1",
        [list(not_detectors)],
    )
    return row


def submit_review(incident_id: str, status: str, note: str, reviewer: str):
    at = open_page("incidents", {"incident": incident_id})
    assert not page_problems(at)
    at.radio(key="review_status").set_value(status)
    at.text_area(key="review_note").input(note)
    at.text_input(key="review_reviewer").input(reviewer)
    at.button[0].click()  # the form's submit button is the page's only button
    at.run()
    assert not page_problems(at)
    return at


def test_review_is_appended_to_the_store_and_shown_as_pending(demo: Settings) -> None:
    incident_id, session_id, category, _ = newest_incident(demo)
    warehouse_before = demo.warehouse_path.stat().st_mtime_ns
    at = submit_review(incident_id, "confirmed", "claimed green after a red run", "ana")

    assert any("Saved review" in s.value for s in at.success)
    lines = [
        orjson.loads(line)
        for f in sorted(demo.reviews_dir.glob("reviews-*.jsonl"))
        for line in f.read_bytes().splitlines()
    ]
    assert len(lines) == 1
    assert {
        k: lines[0][k] for k in ("incident_id", "session_id", "category", "status", "note", "reviewer")
    } == {
        "incident_id": incident_id,
        "session_id": session_id,
        "category": category,
        "status": "confirmed",
        "note": "claimed green after a red run",
        "reviewer": "ana",
    }
    assert demo.warehouse_path.stat().st_mtime_ns == warehouse_before  # the app never wrote the warehouse
    assert any("not yet counted" in c.value for c in at.caption)
    # shown at once, marked pending, while the snapshot still says unreviewed until the next run
    assert fact(at, "review status") == "confirmed (pending)"
    table = at.dataframe(key="incident_table").value.set_index("incident_id")
    assert table.loc[incident_id, "review_status"] == "confirmed (pending)"
    assert warehouse_query(demo, "select review_status from marts.fct_incidents where incident_id = ?",
                           [incident_id]) == [("unreviewed",)]  # fmt: skip
    assert any("1 verdict(s) pending" in c.value for c in at.caption)


def test_review_counts_in_review_status_and_detector_precision_after_the_next_run(demo: Settings) -> None:
    confirmed_id, _, _, confirmed_detectors = newest_incident(demo)
    rejected_id, _, _, rejected_detectors = newest_incident(demo, not_detectors=tuple(confirmed_detectors))
    submit_review(confirmed_id, "confirmed", "real", "ana")
    submit_review(rejected_id, "needs_follow_up", "check with the team", "bo")
    submit_review(rejected_id, "false_positive", "quoted from the task text", "bo")  # the latest counts

    next_run(demo)

    statuses = dict(
        warehouse_query(
            demo,
            "select incident_id, review_status from marts.fct_incidents where incident_id in (?, ?)",
            [confirmed_id, rejected_id],
        )
    )
    assert statuses == {confirmed_id: "confirmed", rejected_id: "false_positive"}

    at = open_page("incidents", {"incident": rejected_id})
    assert fact(at, "review status") == "false positive"
    history = at.dataframe[-1].value
    assert list(history["status"]) == ["false_positive", "needs_follow_up"]

    at = open_page("detectors")
    assert not page_problems(at)
    reviewed = len(confirmed_detectors) + len(rejected_detectors)
    assert [m.value for m in at.metric if m.label == "Reviewed verdicts behind precision"] == [str(reviewed)]
    stats = at.dataframe[-1].value.set_index("detector_id")
    for detector in confirmed_detectors:
        assert (stats.loc[detector, "confirmed"], stats.loc[detector, "false_positives"]) == (1, 0)
        assert stats.loc[detector, "precision"] == 1.0
    for detector in rejected_detectors:
        assert (stats.loc[detector, "confirmed"], stats.loc[detector, "false_positives"]) == (0, 1)
        assert stats.loc[detector, "precision"] == 0.0
    assert stats["precision"].notna().sum() == reviewed  # no other detector has a reviewed incident


def test_a_note_over_the_limit_is_refused_with_its_text_kept(demo: Settings) -> None:
    from pipelines.reviews import MAX_NOTE_CHARS

    incident_id, *_ = newest_incident(demo)
    note = "pasted log line\n" * (MAX_NOTE_CHARS // 16 + 10)
    at = open_page("incidents", {"incident": incident_id})
    at.text_area(key="review_note").input(note)
    at.button[0].click()
    at.run()
    assert any(f"longer than {MAX_NOTE_CHARS} characters" in e.value for e in at.error)
    assert not any("Saved" in s.value for s in at.success)
    assert at.text_area(key="review_note").value == note
    assert not list(demo.reviews_dir.glob("reviews-*.jsonl"))
