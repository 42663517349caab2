"""The calibration counts behind the misalignment score (pipelines/monitor/calibrate.py): per
(detector, category) and per (category, severity), incidents of labelled sessions and how many had
their category in the session's label, summed over warehouses, written as the dbt seeds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from pipelines.monitor import calibrate


def _warehouse(path: Path, incidents: list[tuple], version: str) -> Path:
    """A warehouse holding the two tables calibration reads, as the pipeline writes them. An incident
    is (session, category, severity, detectors[, review_status])."""
    path.mkdir(parents=True)
    with duckdb.connect(str(path / "warehouse.duckdb")) as conn:
        conn.execute("create schema marts")
        conn.execute("create schema monitor")
        conn.execute(
            "create table marts.fct_incidents (session_id varchar, category varchar, severity varchar, "
            "detectors varchar[], review_status varchar)"
        )
        conn.executemany(
            "insert into marts.fct_incidents values (?, ?, ?, ?, ?)",
            [(*i, "unreviewed") if len(i) == 4 else i for i in incidents],
        )
        conn.execute("create table monitor.scan_runs (scanned_at timestamp, rule_pack_version varchar)")
        conn.execute(
            "insert into monitor.scan_runs values ('2026-01-01', 'old'), ('2026-02-01', ?)", [version]
        )
    return path


def _labels(path: Path, rows: list[tuple[str, list[str]]]) -> Path:
    path.write_text("".join(json.dumps({"session_id": s, "categories": c}) + "\n" for s, c in rows))
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_counts_per_detector_and_cell_summed_over_sets(tmp_path: Path) -> None:
    first = _warehouse(
        tmp_path / "one",
        [
            ("s1", "deception", "high", ["rule.a", "struct.b"]),
            ("s1", "test_tampering", "high", ["rule.c"]),
            ("s2", "deception", "high", ["rule.a"]),
            ("unlabelled", "deception", "high", ["rule.a"]),  # not in the labels file: not counted
        ],
        "pack-1",
    )
    second = _warehouse(tmp_path / "two", [("s4", "test_tampering", "high", ["rule.c"])], "pack-1")
    labels_one = _labels(tmp_path / "one.jsonl", [("s1", ["deception"]), ("s2", [])])
    labels_two = _labels(tmp_path / "two.jsonl", [("s4", ["test_tampering"])])
    out = tmp_path / "seeds"
    code = calibrate.main(
        ["--labels", str(labels_one), "--data-dir", str(first), "--labels", str(labels_two), "--data-dir", str(second),
         "--out-dir", str(out)]
    )  # fmt: skip
    assert code == 0
    assert _rows(out / calibrate.DETECTORS_FILE) == [
        {"detector_id": "rule.a", "category": "deception", "incidents": "2", "true_incidents": "1",
         "rule_pack_version": "pack-1"},
        {"detector_id": "rule.c", "category": "test_tampering", "incidents": "2", "true_incidents": "1",
         "rule_pack_version": "pack-1"},
        {"detector_id": "struct.b", "category": "deception", "incidents": "1", "true_incidents": "1",
         "rule_pack_version": "pack-1"},
    ]  # fmt: skip
    assert _rows(out / calibrate.CELLS_FILE) == [
        {"category": "deception", "severity": "high", "incidents": "2", "true_incidents": "1",
         "rule_pack_version": "pack-1"},
        {"category": "test_tampering", "severity": "high", "incidents": "2", "true_incidents": "1",
         "rule_pack_version": "pack-1"},
    ]  # fmt: skip


def test_an_incident_only_a_derived_detector_raised_stays_out_of_its_cell(tmp_path: Path) -> None:
    """A derived detector (dbt var score_derived_detectors) restates another incident's act and the
    score leaves it out, so it must not drag the (category, severity) prior of the detectors the
    score counts; its own row is still written (its precision is documented, not used)."""
    derived = calibrate.derived_detectors()
    assert derived == ["struct.claim_hides_incident"]
    wh = _warehouse(
        tmp_path / "one",
        [
            ("s1", "deception", "medium", [derived[0]]),  # derived only: no cell count
            ("s2", "deception", "medium", [derived[0]]),
            ("s3", "deception", "medium", [derived[0], "rule.a"]),  # also a counted detector: counts
        ],
        "pack-1",
    )
    labels = _labels(tmp_path / "one.jsonl", [("s1", []), ("s2", []), ("s3", ["deception"])])
    out = tmp_path / "seeds"
    assert calibrate.main(["--labels", str(labels), "--data-dir", str(wh), "--out-dir", str(out)]) == 0
    assert [(r["category"], r["severity"], r["incidents"], r["true_incidents"]) for r in _rows(out / calibrate.CELLS_FILE)] == [
        ("deception", "medium", "1", "1")
    ]  # fmt: skip
    assert {(r["detector_id"], r["incidents"], r["true_incidents"]) for r in _rows(out / calibrate.DETECTORS_FILE)} == {
        (derived[0], "3", "1"), ("rule.a", "1", "1")
    }  # fmt: skip


def test_same_inputs_write_the_same_bytes_and_versions_are_named(tmp_path: Path) -> None:
    one = _warehouse(tmp_path / "one", [("s1", "deception", "high", ["rule.a"])], "pack-1")
    two = _warehouse(tmp_path / "two", [("s2", "deception", "high", ["rule.a"])], "pack-2")
    labels = _labels(tmp_path / "l.jsonl", [("s1", ["deception"]), ("s2", ["deception"])])
    args = ["--labels", str(labels), "--data-dir", str(one), "--labels", str(labels), "--data-dir", str(two)]
    calibrate.main([*args, "--out-dir", str(tmp_path / "x")])
    calibrate.main([*args, "--out-dir", str(tmp_path / "y")])
    for name in (calibrate.DETECTORS_FILE, calibrate.CELLS_FILE):
        assert (tmp_path / "x" / name).read_bytes() == (tmp_path / "y" / name).read_bytes()
    # two warehouses scanned with different packs: the seed says so
    assert {r["rule_pack_version"] for r in _rows(tmp_path / "x" / calibrate.DETECTORS_FILE)} == {
        "pack-1 + pack-2"
    }


def test_sets_scanned_each_with_its_own_intent_model_are_named_out_of_author(tmp_path: Path) -> None:
    """`make calibration` scans each set with an intent model trained without it: one rule pack,
    as many intent hashes as sets. The seeds name the pack and the number of models."""
    dirs = [
        _warehouse(tmp_path / f"w{i}", [(f"s{i}", "deception", "high", ["rule.a"])], f"p1/engine6/intent-{h}")
        for i, h in enumerate(("aaa", "bbb", "ccc"))
    ]
    labels = _labels(tmp_path / "l.jsonl", [(f"s{i}", ["deception"]) for i in range(3)])
    args = [a for d in dirs for a in ("--labels", str(labels), "--data-dir", str(d))]
    calibrate.main([*args, "--out-dir", str(tmp_path / "x")])
    assert {r["rule_pack_version"] for r in _rows(tmp_path / "x" / calibrate.DETECTORS_FILE)} == {
        "p1/engine6/intent-out-of-author-3-models"
    }
    # other rules too: both named in full, as before
    assert calibrate._joined_version({"p1/engine6/intent-aaa", "p2/engine6/intent-aaa"}) == (
        "p1/engine6/intent-aaa + p2/engine6/intent-aaa"
    )


def test_a_missing_warehouse_or_unpaired_labels_is_a_clear_error(tmp_path: Path, capsys) -> None:
    labels = _labels(tmp_path / "l.jsonl", [("s1", [])])
    with pytest.raises(SystemExit, match="no warehouse at"):
        calibrate.main(["--labels", str(labels), "--data-dir", str(tmp_path / "nowhere")])
    with pytest.raises(SystemExit):
        calibrate.main(["--labels", str(labels), "--labels", str(labels), "--data-dir", str(tmp_path)])
    assert "one --data-dir per --labels" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        calibrate.main([])
    assert "at least one" in capsys.readouterr().err


def test_shipped_seeds_are_the_ones_calibrate_writes() -> None:
    """The seeds dbt reads are calibrate's output format: same header, sorted, counts consistent."""
    det = _rows(calibrate.SEEDS_DIR / calibrate.DETECTORS_FILE)
    cells = _rows(calibrate.SEEDS_DIR / calibrate.CELLS_FILE)
    assert det and cells
    assert [(r["detector_id"], r["category"]) for r in det] == sorted(
        (r["detector_id"], r["category"]) for r in det
    )
    assert [(r["category"], r["severity"]) for r in cells] == sorted(
        (r["category"], r["severity"]) for r in cells
    )
    for r in det + cells:
        assert 0 <= int(r["true_incidents"]) <= int(r["incidents"]), r
    # every incident counts once in its cell and once per detector that raised it
    assert sum(int(r["incidents"]) for r in cells) <= sum(int(r["incidents"]) for r in det)


def test_reviews_of_a_deployment_count_confirmed_as_right_and_false_positives_as_wrong(
    tmp_path: Path,
) -> None:
    labelled = _warehouse(tmp_path / "dev", [("s1", "deception", "high", ["rule.a"])], "pack-1")
    labels = _labels(tmp_path / "dev.jsonl", [("s1", ["deception"])])
    prod = _warehouse(
        tmp_path / "prod",
        [
            ("p1", "deception", "high", ["rule.a"], "false_positive"),
            ("p2", "deception", "high", ["rule.a"], "false_positive"),
            ("p3", "deception", "high", ["rule.a", "struct.b"], "confirmed"),
            ("p4", "deception", "high", ["rule.a"], "needs_follow_up"),  # neither: left out
            ("p5", "deception", "high", ["rule.a"], "unreviewed"),  # left out
        ],
        "pack-1",
    )
    out = tmp_path / "seeds"
    args = [
        "--labels",
        str(labels),
        "--data-dir",
        str(labelled),
        "--reviewed",
        str(prod),
        "--out-dir",
        str(out),
    ]
    assert calibrate.main(args) == 0
    det = {(r["detector_id"], r["category"]): (int(r["incidents"]), int(r["true_incidents"]))
           for r in _rows(out / calibrate.DETECTORS_FILE)}  # fmt: skip
    assert det == {("rule.a", "deception"): (4, 2), ("struct.b", "deception"): (1, 1)}
    cells = {(r["category"], r["severity"]): (int(r["incidents"]), int(r["true_incidents"]))
             for r in _rows(out / calibrate.CELLS_FILE)}  # fmt: skip
    assert cells == {("deception", "high"): (4, 2)}
    # reviews alone are enough
    assert calibrate.main(["--reviewed", str(prod), "--out-dir", str(tmp_path / "only")]) == 0
    assert [r["incidents"] for r in _rows(tmp_path / "only" / calibrate.DETECTORS_FILE)] == ["3", "1"]
