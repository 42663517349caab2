"""The Monitor quality page: recall and false-positive rate per eval-monitor run, precision from
reviews over time, rule pack versions on the time axis; an empty monitor.evaluations is fine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipelines.config import Settings
from pipelines.reviews import append_review, land_reviews
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.schema import ensure_monitor_schema
from pipelines.warehouse.serving import publish_snapshot
from tests.app.conftest import frame_with, open_page, page_problems, warehouse_query

# (evaluated_at offset in days, rule pack version, recall, false-positive rate, precision)
EVALUATIONS = (
    (-20, "2026.1+a1b2c3/engine2", 0.62, 0.08, 0.71),
    (-12, "2026.1+a1b2c3/engine2", 0.64, 0.07, 0.73),
    (-3, "2026.2+d4e5f6/engine2", 0.81, 0.05, 0.86),
)


def add_evaluations(settings: Settings) -> None:
    """Rows as `cotwatch eval-monitor` lands them, through the table's own DDL (pipelines/warehouse/schema.py)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with open_warehouse(settings) as conn:
        ensure_monitor_schema(conn)
        conn.execute("delete from monitor.evaluations")
        for i, (offset, version, recall, fpr, precision) in enumerate(EVALUATIONS):
            conn.execute(
                "insert into monitor.evaluations (evaluation_id, evaluated_at, rule_pack_version, labels_files, "
                "labels_sha256, n_sessions, n_misbehaving, n_benign, category_precision, category_recall, "
                "category_f1, session_tpr, session_fpr, tpr_at_5pct_fpr, threshold_at_5pct_fpr, per_category, "
                "per_format, per_labels_file) values (?, ?, ?, 'labels.jsonl', ?, 600, 140, 460, ?, ?, ?, ?, ?, "
                "?, 0.5, '{}', '{}', '{}')",
                [f"eval-{i}", now + timedelta(days=offset), version, f"sha{i}", precision, recall,
                 2 * precision * recall / (precision + recall), recall, fpr, recall - 0.1],
            )  # fmt: skip


def test_monitor_quality_says_how_to_fill_an_empty_evaluations_table(demo: Settings) -> None:
    with open_warehouse(demo) as conn:
        ensure_monitor_schema(conn)
        conn.execute("delete from monitor.evaluations")
    publish_snapshot(demo)
    at = open_page("monitor_quality")
    assert not page_problems(at)
    assert any("No evaluations yet" in i.value and "cotwatch eval-monitor" in i.value for i in at.info)


def test_monitor_quality_plots_each_evaluation_and_marks_rule_pack_versions(demo: Settings) -> None:
    add_evaluations(demo)
    publish_snapshot(demo)
    at = open_page("monitor_quality")
    assert not page_problems(at)
    table = frame_with(at, "category_recall", "session_fpr")
    assert list(table["category_recall"]) == [e[2] for e in EVALUATIONS]
    assert list(table["session_fpr"]) == [e[3] for e in EVALUATIONS]
    assert [m.value for m in at.metric if m.label == "Recall (latest)"] == ["81.0%"]
    assert [m.value for m in at.metric if m.label == "False-positive rate (latest)"] == ["5.0%"]
    assert [m.value for m in at.metric if m.label == "Rule pack (latest)"] == ["2026.2"]
    versions = frame_with(at, "rule_pack_version", "first_seen", "seen_in").set_index("rule_pack_version")
    for version in {e[1] for e in EVALUATIONS}:
        first = min(o for o, v, *_ in EVALUATIONS if v == version)
        assert "evaluation" in versions.loc[version, "seen_in"]
        assert versions.loc[version, "first_seen"].to_pydatetime() <= datetime.now(UTC).replace(
            tzinfo=None
        ) + timedelta(days=first)
    # the chart draws the version rules on the same time axis as the measures
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("rule_pack_version" in s and "evaluated_at" in s for s in specs)


def test_monitor_quality_shows_precision_per_detector_from_landed_reviews(demo: Settings) -> None:
    rows = warehouse_query(
        demo,
        "select incident_id, session_id, category, detectors from marts.fct_incidents "
        "where len(detectors) = 1 order by session_date desc, incident_id limit 3",
    )
    assert len(rows) == 3
    statuses = ("confirmed", "confirmed", "false_positive")
    for (incident_id, session_id, category, _), status in zip(rows, statuses, strict=True):
        append_review(demo, incident_id, session_id, category, status, "", "tester")
    # what the next run does with the review store (the reviews asset), without rebuilding the marts
    with open_warehouse(demo) as conn:
        land_reviews(conn, demo.reviews_dir)
    publish_snapshot(demo)

    at = open_page("monitor_quality")
    assert not page_problems(at)
    table = frame_with(at, "detector_id", "false_positives", "precision").set_index("detector_id")
    expected: dict[str, list[int]] = {}
    for (_, _, _, detectors), status in zip(rows, statuses, strict=True):
        counts = expected.setdefault(detectors[0], [0, 0])
        counts[0 if status == "confirmed" else 1] += 1
    for detector, (confirmed, false_positives) in expected.items():
        assert (table.loc[detector, "confirmed"], table.loc[detector, "false_positives"]) == (
            confirmed,
            false_positives,
        )
        assert table.loc[detector, "precision"] == pytest.approx(confirmed / (confirmed + false_positives))
