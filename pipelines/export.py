"""`cotwatch export`: reviewed incidents as a labelled dataset, for evals and training.

Reads the serving snapshot (readers never open the writer's file) and writes five tables plus a
manifest into one folder; the schema is documented in docs/export.md:

    incidents.<ext>   one row per reviewed incident, its label = the latest landed verdict
    reviews.<ext>     every landed verdict of those incidents (the label history)
    sessions.<ext>    the sessions of those incidents (raw.sessions columns)
    events.<ext>      every event of those sessions, in order (raw.events: already redacted at landing)
    signals.<ext>     the detectors' evidence: every monitor signal of those (session, category) pairs
    manifest.json     counts, rule pack version, filters, the files with their rows and sha256

Only verdicts landed by a pipeline run count: a review saved in the dashboard after the last run
is pending and is not exported (it is not yet in the snapshot).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.warehouse.serving import SERVING_CATALOG, current_snapshot

EXPORT_VERSION = 1
FORMATS = {"parquet": "parquet", "jsonl": "jsonl"}
TABLES = ("incidents", "reviews", "sessions", "events", "signals")

# The reviewed incidents (temp table `x_incidents`); every other table is keyed on it.
_INCIDENTS = """
create temp table x_incidents as
with latest as (
    select * from raw.reviews
    qualify row_number() over (partition by incident_id order by reviewed_at desc, review_id desc) = 1
)
select i.incident_id, i.session_id, i.deployment, i.model, s.agent, s.source_format, i.category,
       i.severity, i.first_event_index, i.evidence, i.detectors, i.signal_count, i.session_date,
       r.status as label, r.reviewer, r.reviewed_at, r.note as review_note, r.review_id
from marts.fct_incidents i
join latest r on r.incident_id = i.incident_id
left join raw.sessions s on s.session_id = i.session_id
where $since::date is null or i.session_date >= $since::date
order by i.session_date, i.incident_id
"""

_SELECTS = {
    "incidents": "select * from x_incidents",
    "reviews": """
        select r.review_id, r.incident_id, r.session_id, r.category, r.status, r.note, r.reviewer, r.reviewed_at
        from raw.reviews r semi join x_incidents x using (incident_id)
        order by r.incident_id, r.reviewed_at, r.review_id
    """,
    "sessions": """
        select s.* from raw.sessions s semi join x_incidents x using (session_id)
        order by s.session_id
    """,
    "events": """
        select e.session_id, e.event_index, e.event_id, e.parent_event_id, e.ts, e.role, e.kind, e.text,
               e.reasoning_visibility, e.tool_name, e.tool_call_id, e.tool_input, e.tool_output, e.is_error,
               e.exit_code, e.input_tokens, e.output_tokens, e.reasoning_tokens, e.model
        from raw.events e semi join x_incidents x using (session_id)
        order by e.session_id, e.event_index
    """,
    "signals": """
        select g.signal_id, x.incident_id, g.session_id, g.event_index, g.detector_id, g.detector_version,
               g.category, g.severity, g.channel, g.confidence, g.evidence, g.span_start, g.span_end, g.detected_at
        from monitor.signals g join x_incidents x on x.session_id = g.session_id and x.category = g.category
        order by g.session_id, g.event_index nulls first, g.signal_id
    """,
}


class ExportError(RuntimeError):
    """The export cannot run (no snapshot, a path that is not a folder), with what to do."""


def export_reviewed(
    settings: Settings, out: Path, *, fmt: str = "parquet", since: date | None = None
) -> dict:
    """Write the labelled dataset of reviewed incidents into `out`; returns the manifest."""
    if fmt not in FORMATS:
        raise ExportError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    snapshot = current_snapshot(settings)
    if snapshot is None:
        raise ExportError(
            f"no serving snapshot under {settings.serving_dir}: run `cotwatch run` first (the export reads "
            "the published snapshot, never the warehouse being written)"
        )
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out: {out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    ext = FORMATS[fmt]
    copy_options = "(format parquet, compression zstd)" if fmt == "parquet" else "(format json)"
    conn = duckdb.connect(":memory:")
    try:
        conn.execute("set TimeZone = 'UTC'")
        conn.execute(f"attach '{_literal(str(snapshot))}' as {SERVING_CATALOG} (read_only)")
        conn.execute(f"use {SERVING_CATALOG}")
        missing = _missing_tables(conn)
        if missing:
            raise ExportError(
                f"{snapshot}: the snapshot has no {', '.join(missing)}; run `cotwatch run` first"
            )
        conn.execute(_INCIDENTS, {"since": since})
        files: dict[str, dict] = {}
        counts: dict[str, int] = {}
        for table in TABLES:
            path = out / f"{table}.{ext}"
            tmp = out / f".{table}.{ext}.tmp"
            conn.execute(f"copy ({_SELECTS[table]}) to '{_literal(str(tmp))}' {copy_options}")
            tmp.replace(path)  # a reader never sees half a file
            rows = conn.execute(f"select count(*) from ({_SELECTS[table]})").fetchall()[0][0]
            counts[table] = rows
            files[path.name] = {"table": table, "rows": rows, "sha256": _sha256(path)}
        labels = dict(
            conn.execute("select label, count(*) from x_incidents group by 1 order by 1").fetchall()
        )
        versions = _rule_pack_versions(conn)
    finally:
        conn.close()
    manifest = {
        "export_version": EXPORT_VERSION,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "format": fmt,
        "since": since.isoformat() if since else None,
        "snapshot": snapshot.name,
        "rule_pack_version": versions[-1] if versions else None,
        "rule_pack_versions": versions,
        "counts": {
            "incidents": counts["incidents"],
            "sessions": counts["sessions"],
            "events": counts["events"],
            "signals": counts["signals"],
            "reviews": counts["reviews"],
            "labels": labels,
        },
        "files": files,
        "schema": "docs/export.md",
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def _missing_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    present = {
        f"{s}.{t}"
        for s, t in conn.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = current_database()"
        ).fetchall()
    }
    needed = ("marts.fct_incidents", "raw.reviews", "raw.sessions", "raw.events", "monitor.signals")
    return [n for n in needed if n not in present]


def _rule_pack_versions(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The rule pack versions that produced the data (bookkeeping of the monitor), else the code's."""
    try:
        found = [
            v
            for (v,) in conn.execute(
                "select rule_pack_version from monitor.scanned_sessions group by 1 order by min(scanned_at), 1"
            ).fetchall()
        ]
    except duckdb.Error:  # an older or rebuilt snapshot without the bookkeeping table
        found = []
    if found:
        return found
    from pipelines.monitor.engine import pack_version
    from pipelines.monitor.rules import default_rule_pack

    return [pack_version(default_rule_pack())]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _literal(text: str) -> str:
    return text.replace("'", "''")
