"""Calibrated incident evidence: how often each detector's incidents were right on labelled sets.

The session score (dbt `int_session_verdict`, docs/metrics.md) no longer weighs an incident by its
severity alone. Each (incident, detector) pair counts with the detector's **precision** on the
labelled development sets: of the incidents the detector took part in, the share whose category is
one of the session's labelled categories. A detector that was right 30 times out of 31 says much
more than one that fires as often on benign look-alikes as on the act.

Why counts and not fitted weights: precision per detector is a number an analyst can read and
check, it needs no optimiser, and the dbt model shrinks it towards a prior where the counts are few
(`calibration_prior_weight`), so a detector seen twice cannot claim certainty. Measured across
authors, calibrated on the read sets only and scored on the six sets nobody read, it ranked
sessions better than the severity weights (README, docs/metrics.md).

This module writes the counts as two dbt seeds, beside the other seeds of `dbt_project/seeds/`:
- `calibration_detectors.csv`: detector_id, category, incidents, true_incidents (per category the
  detector raised: its precision when it says that category);
- `calibration_cells.csv`: category, severity, incidents, true_incidents (the prior of a detector
  with few or no counts of its own: its incident's category at that severity).
Both carry the rule pack version the counts were made with (`rule_pack_version`).

`python -m pipelines.monitor.calibrate --labels L --data-dir D [--labels L2 --data-dir D2 ...]`
reads the incidents of landed warehouses (`cotwatch run` first) and their labels files.
`make calibration` lands the read development sets and writes the shipped seeds.

`--reviewed DATA_DIR` (repeatable) adds a deployment's own reviews: each incident a reviewer
`confirmed` counts as right, each `false_positive` as wrong; unreviewed and `needs_follow_up`
incidents are left out. The score then learns which detectors are wrong on this team's work, not
only on the dev sets' authors. Reviewers see the sessions the score ranks first, so reviewed
incidents over-represent high scores; a few hundred reviews move a detector's count far more than
the dev sets' handful, which is the point, but keep the labelled sets in the same run.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import duckdb

from pipelines.monitor.evaluate import read_labels

SEEDS_DIR = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
DETECTORS_FILE = "calibration_detectors.csv"
CELLS_FILE = "calibration_cells.csv"

# The judged incidents of one warehouse, `is_true` per incident: against the labels (a labelled
# set) or a reviewer's verdict (`--reviewed`). Both counts below read this relation.
_LABELLED_SQL = """
    with labelled as (
        select unnest(?::varchar[]) as session_id, unnest(?::varchar[][]) as categories
    )
    select i.category, i.severity, i.detectors, list_contains(l.categories, i.category) as is_true
    from marts.fct_incidents as i join labelled as l using (session_id)
"""
_REVIEWED_SQL = """
    select category, severity, detectors, review_status = 'confirmed' as is_true
    from marts.fct_incidents
    where review_status in ('confirmed', 'false_positive')
"""
# (incidents, true incidents) per (detector, category): each incident once per detector that raised it
_DETECTOR_COUNTS = """
    select d.detector_id, j.category, count(*), count(*) filter (where j.is_true)
    from judged as j, unnest(list_distinct(j.detectors)) as d(detector_id)
    group by all
"""
# (incidents, true incidents) per (category, severity): each incident once, but not one only a
# derived detector raised (dbt var score_derived_detectors): the score leaves those out, and a
# cell is the prior of the detectors it does count
_CELL_COUNTS = """
    select category, severity, count(*), count(*) filter (where is_true) from judged
    where not list_has_all(?::varchar[], detectors)
    group by all
"""

Counts = dict[tuple[str, str], tuple[int, int]]


def _rule_pack_version(conn: duckdb.DuckDBPyConnection) -> str:
    rows = conn.execute(
        "select rule_pack_version from monitor.scan_runs order by scanned_at desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else "unknown"


def count(conn: duckdb.DuckDBPyConnection, labels: dict[str, frozenset[str]] | None) -> tuple[Counts, Counts]:
    """(counts per (detector, category), counts per (category, severity)) of one warehouse, each
    count (incidents, true incidents): against `labels` over the labelled sessions it holds, or,
    with `labels` None, over its incidents a reviewer confirmed (right) or rejected (wrong)."""
    if labels is None:
        judged, params = _REVIEWED_SQL, []
    else:
        sids = sorted(labels)
        judged, params = _LABELLED_SQL, [sids, [sorted(labels[s]) for s in sids]]
    detectors = {
        (d, c): (n, tp)
        for d, c, n, tp in conn.execute(f"with judged as ({judged}) {_DETECTOR_COUNTS}", params).fetchall()
    }
    cells = {
        (c, s): (n, tp)
        for c, s, n, tp in conn.execute(
            f"with judged as ({judged}) {_CELL_COUNTS}", [*params, derived_detectors()]
        ).fetchall()
    }
    return detectors, cells


def derived_detectors() -> list[str]:
    """The detectors the session score leaves out (dbt var `score_derived_detectors`)."""
    import yaml

    project = yaml.safe_load((SEEDS_DIR.parent / "dbt_project.yml").read_text(encoding="utf-8"))
    return list(project.get("vars", {}).get("score_derived_detectors") or [])


def _add(total: Counts, more: Counts) -> None:
    for key, (n, tp) in more.items():
        n0, tp0 = total.get(key, (0, 0))
        total[key] = (n0 + n, tp0 + tp)


def _write(path: Path, header: list[str], counts: Counts, version: str) -> int:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for key in sorted(counts):
            w.writerow([*key, *counts[key], version])
    return len(counts)


def _joined_version(versions: set[str]) -> str:
    """One version for the seeds. Sets scanned with the same rules but each with its own intent model
    (`make calibration` counts the intent detectors out of author: every set is scanned by a model
    trained without it) are named by the rules and the number of models, not ten hashes."""
    prefixes = {v.rsplit("/intent-", 1)[0] for v in versions}
    if len(versions) > 1 and len(prefixes) == 1 and all("/intent-" in v for v in versions):
        return f"{prefixes.pop()}/intent-out-of-author-{len(versions)}-models"
    return " + ".join(sorted(versions))


def write_seeds(
    sets: list[tuple[duckdb.DuckDBPyConnection, dict[str, frozenset[str]] | None]], out_dir: Path
) -> tuple[Path, Path, int, int]:
    """Sum the counts of every (warehouse, labels) pair and write the two seed files, sorted, so the
    same inputs give the same bytes; returns their paths and row counts. A pair without labels
    counts the warehouse's reviews."""
    detectors: Counts = {}
    cells: Counts = {}
    versions = set()
    for conn, labels in sets:
        more_detectors, more_cells = count(conn, labels)
        _add(detectors, more_detectors)
        _add(cells, more_cells)
        versions.add(_rule_pack_version(conn))
    version = _joined_version(versions)
    out_dir.mkdir(parents=True, exist_ok=True)
    det_path, cell_path = out_dir / DETECTORS_FILE, out_dir / CELLS_FILE
    tail = ["incidents", "true_incidents", "rule_pack_version"]
    n_det = _write(det_path, ["detector_id", "category", *tail], detectors, version)
    n_cell = _write(cell_path, ["category", "severity", *tail], cells, version)
    return det_path, cell_path, n_det, n_cell


def _open(data_dir: str) -> duckdb.DuckDBPyConnection:
    path = Path(data_dir) / "warehouse.duckdb"
    if not path.exists():
        raise SystemExit(f"error: no warehouse at {path}; land the labelled set with `cotwatch run` first")
    return duckdb.connect(str(path), read_only=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.monitor.calibrate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--labels", action="append", default=[], help="a labels JSONL file (repeatable)")
    parser.add_argument(
        "--data-dir",
        action="append",
        default=[],
        help="the data dir whose warehouse holds those sessions, one per --labels, same order",
    )
    parser.add_argument(
        "--reviewed",
        action="append",
        default=[],
        help="a data dir whose reviewed incidents also count (confirmed right, false_positive wrong; repeatable)",
    )
    parser.add_argument(
        "--out-dir", default=str(SEEDS_DIR), help=f"where to write the two seed files (default: {SEEDS_DIR})"
    )
    args = parser.parse_args(argv)
    if len(args.labels) != len(args.data_dir):
        parser.error("give one --data-dir per --labels")
    if not args.labels and not args.reviewed:
        parser.error("give at least one --labels/--data-dir pair or --reviewed data dir")
    sets: list[tuple[duckdb.DuckDBPyConnection, dict[str, frozenset[str]] | None]] = []
    for lab, d in zip(args.labels, args.data_dir, strict=True):
        labels = {sid: label.categories for sid, label in read_labels(lab).items()}
        sets.append((_open(d), labels))
    for d in args.reviewed:
        conn = _open(d)
        n = conn.execute(f"select count(*) from ({_REVIEWED_SQL})").fetchall()[0][0]
        print(f"calibration: {d}: {n} reviewed incidents (confirmed or false_positive)")
        sets.append((conn, None))
    det_path, cell_path, n_det, n_cell = write_seeds(sets, Path(args.out_dir))
    print(f"calibration: wrote {det_path} ({n_det} detectors) and {cell_path} ({n_cell} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
