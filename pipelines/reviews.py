"""Reviewer verdicts on incidents: an append-only store the dashboard writes and the pipeline lands.

The dashboard must not write the warehouse (one writer: the pipeline), so a review is one JSON line
appended to `<data_dir>/reviews/reviews-YYYY-MM-DD.jsonl` and fsync'd before the reviewer is told it
is saved. The next run lands every review file into `raw.reviews` (replacing its content, deduped
by review_id), and dbt turns the latest review of each incident into `fct_incidents.review_status`.

A review names an incident of the published snapshot (others are refused); its note and reviewer
are redacted before they are written, so a pasted token never reaches the store. A review whose
incident later vanished (a rule changed, the session was replaced) stays in the store and lands
with `orphaned = true`.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import orjson
import polars as pl

from pipelines.config import Settings
from pipelines.redact import redact_deep, redact_sql
from pipelines.warehouse.schema import REVIEW_STATUSES, ensure_raw_schema
from pipelines.warehouse.serving import SERVING_CATALOG, connect_snapshot, current_snapshot

MAX_NOTE_CHARS = 4000
MAX_FIELD_CHARS = 200
FILE_GLOB = "reviews-*.jsonl"

REVIEW_COLUMNS = {
    "review_id": "varchar",
    "incident_id": "varchar",
    "session_id": "varchar",
    "category": "varchar",
    "status": "varchar",
    "note": "varchar",
    "reviewer": "varchar",
    "reviewed_at": "timestamp",
}


class ReviewError(ValueError):
    """A review that cannot be stored, with the field at fault."""


@dataclass(frozen=True)
class ReviewLanding:
    files: int
    lines: int
    reviews: int  # distinct review_ids landed
    rejected: int  # lines that were not valid reviews (broken JSON, unknown status, missing ids)


def append_review(
    settings: Settings,
    incident_id: str,
    session_id: str,
    category: str,
    status: str,
    note: str = "",
    reviewer: str = "",
    *,
    now: datetime | None = None,
    require_published: bool = True,
) -> str:
    """Append one review durably (fsync) and return its review_id.

    The incident must be one of the published snapshot (ReviewError otherwise), unless
    `require_published` is False: for seeding reviews of incidents the next run will build (test
    fixtures, imports), never for the dashboard."""
    if status not in REVIEW_STATUSES:
        raise ReviewError(f"status: {status!r} is not one of {', '.join(REVIEW_STATUSES)}")
    for field, value in (("incident_id", incident_id), ("session_id", session_id), ("category", category)):
        if not isinstance(value, str) or not value.strip():
            raise ReviewError(f"{field}: must be a non-empty string")
        if len(value) > MAX_FIELD_CHARS:
            raise ReviewError(f"{field}: longer than {MAX_FIELD_CHARS} characters")
    if len(note) > MAX_NOTE_CHARS:
        raise ReviewError(f"note: longer than {MAX_NOTE_CHARS} characters ({len(note)})")
    if len(reviewer) > MAX_FIELD_CHARS:
        raise ReviewError(f"reviewer: longer than {MAX_FIELD_CHARS} characters")
    if require_published:
        _check_incident(settings, incident_id, session_id, category)
    note, reviewer = redact_deep(note), redact_deep(reviewer)
    at = (now or datetime.now(UTC)).astimezone(UTC)
    review_id = uuid.uuid4().hex
    record = {
        "review_id": review_id,
        "incident_id": incident_id,
        "session_id": session_id,
        "category": category,
        "status": status,
        "note": note,
        "reviewer": reviewer.strip() or None,
        "reviewed_at": at.strftime("%Y-%m-%dT%H:%M:%S.%f"),
    }
    line = orjson.dumps(record) + b"\n"
    settings.reviews_dir.mkdir(parents=True, exist_ok=True)
    path = settings.reviews_dir / f"reviews-{at:%Y-%m-%d}.jsonl"
    # One write() of a whole line on an O_APPEND descriptor: concurrent reviewers never interleave.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(f"{path}: short write ({written} of {len(line)} bytes)")
        os.fsync(fd)
    finally:
        os.close(fd)
    return review_id


def _check_incident(settings: Settings, incident_id: str, session_id: str, category: str) -> None:
    """Refuse a review of an incident the published snapshot does not hold (or holds otherwise)."""
    snapshot = current_snapshot(settings)
    if snapshot is None:
        raise ReviewError("incident_id: no published snapshot to check it against; run the pipeline first")
    conn = connect_snapshot(snapshot)
    try:
        cur = conn.cursor()
        cur.execute(f"use {SERVING_CATALOG}")
        try:
            row = cur.execute(
                "select session_id, category from marts.fct_incidents where incident_id = ?", [incident_id]
            ).fetchone()
        except duckdb.CatalogException:
            raise ReviewError("incident_id: the published snapshot has no incidents yet") from None
    finally:
        conn.close()
    if row is None:
        raise ReviewError(f"incident_id: {incident_id!r} is not an incident of the published snapshot")
    if tuple(row) != (session_id, category):
        raise ReviewError(
            f"incident_id: {incident_id!r} belongs to session {row[0]!r}, category {row[1]!r}, "
            f"not {session_id!r}, {category!r}"
        )


def review_files(reviews_dir: Path) -> list[Path]:
    if not reviews_dir.is_dir():
        return []
    return sorted(p for p in reviews_dir.glob(FILE_GLOB) if p.is_file())


def read_reviews(reviews_dir: Path) -> tuple[pl.DataFrame, int, int]:
    """Every valid review in the store, one row per review_id: (reviews, lines read, lines rejected).

    A line cut short by a crash, an unknown status or a missing id is rejected, not fatal.
    """
    files = review_files(reviews_dir)
    empty = pl.DataFrame(schema={c: (pl.Datetime("us") if t == "timestamp" else pl.String)
                                 for c, t in REVIEW_COLUMNS.items()})  # fmt: skip
    if not files:
        return empty, 0, 0
    columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in REVIEW_COLUMNS.items()) + "}"
    lines = sum(1 for f in files for raw in f.read_bytes().splitlines() if raw.strip())
    with duckdb.connect(":memory:") as conn:
        conn.execute("set TimeZone = 'UTC'")
        conn.execute(
            f"""
            create temp table valid as
            select * from read_json($files, format = 'newline_delimited', columns = {columns},
                                    ignore_errors = true)
            where review_id is not null and incident_id is not null and session_id is not null
              and category is not null and reviewed_at is not null and status in $statuses
            """,
            {"files": [str(f) for f in files], "statuses": list(REVIEW_STATUSES)},
        )
        n_valid = conn.execute("select count(*) from valid").fetchall()[0][0]
        # The same review_id twice (a file copied by hand) is one review, not a rejection.
        reviews = conn.sql(
            "select * from valid qualify row_number() over (partition by review_id order by reviewed_at desc) = 1 "
            "order by reviewed_at, review_id"
        ).pl()
    return reviews, lines, max(0, lines - n_valid)


def land_reviews(conn: duckdb.DuckDBPyConnection, reviews_dir: Path) -> ReviewLanding:
    """Replace `raw.reviews` with every review in the store, in one transaction."""
    ensure_raw_schema(conn)
    reviews, lines, rejected = read_reviews(reviews_dir)
    arrow = reviews.to_arrow()  # noqa: F841 - read by the SQL below through DuckDB's replacement scan
    conn.execute("begin transaction")
    try:
        conn.execute("delete from raw.reviews")
        # Notes written before redaction existed (or by hand) are redacted on the way in.
        columns = ", ".join(
            f"{redact_sql(c)} as {c}" if c in ("note", "reviewer") else c for c in REVIEW_COLUMNS
        )
        conn.execute(f"insert into raw.reviews ({', '.join(REVIEW_COLUMNS)}) select {columns} from arrow")
        # Orphaned: the incident is gone from the last build of the marts (kept, never dropped).
        has_incidents = conn.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'marts' and table_name = 'fct_incidents' and table_catalog = current_database()"
        ).fetchone()[0]
        if has_incidents:
            conn.execute(
                "update raw.reviews set orphaned = incident_id not in (select incident_id from marts.fct_incidents)"
            )
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
    return ReviewLanding(
        files=len(review_files(reviews_dir)), lines=lines, reviews=reviews.height, rejected=rejected
    )
