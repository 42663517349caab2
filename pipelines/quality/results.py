"""`quality.check_results`: one row per check evaluation, for the dashboard and for audits.

Written by the pipeline (the one writer) at the end of each check; the dashboard reads it from the
serving snapshot. `quality.latest_check_results` keeps the last evaluation of every check.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb

from pipelines.quality.validate import CheckOutcome

QUALITY_DDL = """
create schema if not exists quality;

create table if not exists quality.check_results (
    check_name  varchar not null,
    asset       varchar not null,      -- the table the check validates, e.g. raw.events
    passed      boolean not null,
    severity    varchar not null,      -- ERROR (blocking) or WARN
    details     json,                  -- summary, failed expectations, samples of failing rows
    run_id      varchar,               -- the Dagster run that evaluated the check
    checked_at  timestamp not null
);

create view if not exists quality.latest_check_results as
select * exclude (rn)
from (
    select *, row_number() over (partition by check_name, asset order by checked_at desc) as rn
    from quality.check_results
)
where rn = 1;
"""

# dbt's own results (models built and data tests), one row per node per `dbt build`: the data quality
# page lists the dbt tests beside the Great Expectations checks, and the time each mart was built.
DBT_RESULTS_DDL = """
create schema if not exists quality;

create table if not exists quality.dbt_results (
    unique_id      varchar not null,   -- model.cotwatch.fct_incidents, test.cotwatch.not_null_...
    resource_type  varchar not null,   -- model, seed, test, snapshot, unit_test
    name           varchar not null,
    asset          varchar,            -- the relation built, or for a test the model it tests
    status         varchar not null,   -- success, error, skipped (models); pass, fail, warn, error (tests)
    failures       bigint,             -- failing rows of a test
    message        varchar,
    execution_s    double,
    completed_at   timestamp,          -- when dbt finished the node (UTC)
    run_id         varchar
);
"""

RESULT_COLUMNS = ("check_name", "asset", "passed", "severity", "details", "run_id", "checked_at")


def ensure_quality_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(QUALITY_DDL)


def record_outcome(
    conn: duckdb.DuckDBPyConnection,
    outcome: CheckOutcome,
    *,
    run_id: str | None,
    checked_at: dt.datetime | None = None,
) -> None:
    """Append one result row (creating the schema on first use)."""
    ensure_quality_schema(conn)
    conn.execute(
        f"insert into quality.check_results ({', '.join(RESULT_COLUMNS)}) values (?, ?, ?, ?, ?, ?, ?)",
        [
            outcome.check_name,
            outcome.table,
            outcome.passed,
            outcome.severity,
            json.dumps(outcome.details(), default=str),
            run_id,
            checked_at or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        ],
    )


def dbt_result_rows(run_results: dict, manifest: dict | None, run_id: str | None) -> list[tuple]:
    """Rows of `quality.dbt_results` from dbt's run_results.json (and manifest.json, for the model a
    test is attached to and the schema of a relation)."""
    nodes = (manifest or {}).get("nodes", {})
    rows = []
    for result in run_results.get("results", []):
        uid = result["unique_id"]
        node = nodes.get(uid, {})
        kind = uid.split(".", 1)[0]
        if kind == "test":
            parent = node.get("attached_node") or next(
                iter(node.get("depends_on", {}).get("nodes", [])), None
            )
            target = nodes.get(parent or "") or (manifest or {}).get("sources", {}).get(parent or "", {})
            asset = f"{target.get('schema')}.{target.get('name')}" if target else parent
        else:
            asset = f"{node.get('schema')}.{node.get('name')}" if node else None
        completed = [t.get("completed_at") for t in result.get("timing", []) if t.get("completed_at")]
        completed_at = (
            dt.datetime.fromisoformat(max(completed).replace("Z", "+00:00"))
            .astimezone(dt.UTC)
            .replace(tzinfo=None)
            if completed
            else None
        )
        rows.append(
            (uid, kind, node.get("name") or uid.split(".")[-1 if kind != "test" else 2], asset, result["status"],
             result.get("failures"), (result.get("message") or "")[:1000] or None,
             result.get("execution_time"), completed_at, run_id)
        )  # fmt: skip
    return rows


def record_dbt_results(conn: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """Append the rows of one `dbt build` to `quality.dbt_results`."""
    conn.execute(DBT_RESULTS_DDL)
    if rows:  # one statement, a list per column (row by row: about 0.3 s per run of 200 nodes)
        columns = [list(column) for column in zip(*rows, strict=True)]
        conn.execute(
            "insert into quality.dbt_results select unnest(?::varchar[]), unnest(?::varchar[]), "
            "unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::bigint[]), "
            "unnest(?::varchar[]), unnest(?::double[]), unnest(?::timestamp[]), unnest(?::varchar[])",
            columns,
        )


def plain_dbt_summary(run_results: dict) -> str:
    """'23 models and 3 seeds built; 118 of 118 data tests passed': what a person reads, from the
    statuses dbt uses (success for nodes it built, pass/fail/warn/error for tests)."""
    built: dict[str, int] = {}
    other: dict[str, int] = {}
    tests: dict[str, int] = {}
    for result in run_results.get("results", []):
        kind = result["unique_id"].split(".", 1)[0]
        status = result["status"]
        if kind in ("test", "unit_test"):
            tests[status] = tests.get(status, 0) + 1
        elif status == "success":
            built[kind] = built.get(kind, 0) + 1
        else:
            other[f"{kind} {status}"] = other.get(f"{kind} {status}", 0) + 1
    if not (built or other or tests):
        return "no results (dbt stopped before running; see the run log)"

    def n(count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'}"

    parts = [" and ".join(n(c, k) for k, c in sorted(built.items())) + " built"] if built else []
    parts += [n(c, k) for k, c in sorted(other.items())]
    if tests:
        total = sum(tests.values())
        text = f"{tests.get('pass', 0)} of {total} data tests passed"
        problems = [f"{c} {label}" for status, label in (("fail", "failed"), ("warn", "warned"),
                                                          ("error", "errored"), ("skipped", "skipped"))
                    if (c := tests.get(status))]  # fmt: skip
        parts.append(text + (f" ({', '.join(problems)})" if problems else ""))
    return "; ".join(parts)
