"""Our wrapper around Great Expectations 1.x: run a `Suite` against a DuckDB connection.

dagster-ge only supports GX below 1.0, so this module owns the whole GX interaction: one ephemeral
data context per process (no files, no analytics, no progress bars), one pandas batch definition
that every frame is validated through, and SUMMARY result format (COMPLETE builds a pandas query
string of every unexpected index and costs seconds on large frames). GX is imported on first use:
importing it takes seconds, which Dagster definitions loading and the CLI must not pay.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import duckdb

from pipelines.quality.spec import Frame, Rule, Severity, Suite

SAMPLE_ROWS = 10
# How many unexpected values GX lists per rule (SUMMARY format); the sample of rows takes the first ones.
PARTIAL_UNEXPECTED = 20

_GX_LOCK = threading.Lock()
_GX: dict[str, Any] = {}


@dataclass
class Failure:
    """One rule that did not hold (or could not be evaluated), with evidence."""

    rule: str
    expectation: str
    frame: str
    kwargs: dict[str, Any]
    unexpected_count: int | None = None
    element_count: int | None = None
    unexpected_values: list[Any] = field(default_factory=list)
    sample: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return jsonable(
            {
                "rule": self.rule,
                "expectation": self.expectation,
                "frame": self.frame,
                "kwargs": self.kwargs,
                "unexpected_count": self.unexpected_count,
                "element_count": self.element_count,
                "unexpected_values": self.unexpected_values,
                "sample": self.sample,
                "error": self.error,
            }
        )


@dataclass
class CheckOutcome:
    check_name: str
    table: str
    severity: Severity
    evaluated: int  # rules evaluated
    failures: list[Failure]
    frame_rows: dict[str, int]
    seconds: float

    @property
    def passed(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        if self.passed:
            return f"{self.table}: all {self.evaluated} expectations hold"
        names = "; ".join(
            f.rule
            + (
                f" ({f.unexpected_count} of {f.element_count} rows of frame {f.frame})"
                if f.unexpected_count is not None
                else f" ({f.error})"
                if f.error
                else ""
            )
            for f in self.failures
        )
        return f"{self.table}: {len(self.failures)} of {self.evaluated} expectations failed: {names}"

    def details(self) -> dict[str, Any]:
        """What `quality.check_results.details` stores: enough for the dashboard to explain a failure."""
        return {
            "summary": self.summary(),
            "evaluated": self.evaluated,
            "failed": len(self.failures),
            "frame_rows": self.frame_rows,
            "seconds": round(self.seconds, 3),
            "failures": [f.as_dict() for f in self.failures],
        }


def run_suite(
    conn: duckdb.DuckDBPyConnection, suite: Suite, *, sample_rows: int = SAMPLE_ROWS
) -> CheckOutcome:
    """Compute every frame of `suite` in DuckDB and validate it with GX; never raises on bad data.

    A frame whose SQL fails (a missing table or column) becomes a failure naming the table and frame,
    so a broken upstream shows as a failed check rather than a crashed step.
    """
    _gx()  # the one-off import is not the suite's time
    started = time.perf_counter()
    failures: list[Failure] = []
    frame_rows: dict[str, int] = {}
    evaluated = 0
    for frame in suite.frames:
        evaluated += len(frame.rules)
        try:
            cursor = conn.execute(frame.sql, frame.params or None)
            # pandas turns DATE into datetime64: remember which columns to hand back as dates.
            date_columns = [d[0] for d in cursor.description if str(d[1]) == "DATE"]
            df = cursor.df()
        except duckdb.Error as exc:
            failures.append(
                Failure(
                    rule=f"frame {frame.name} can be computed",
                    expectation="frame_query",
                    frame=frame.name,
                    kwargs={},
                    error=f"{suite.table} ({suite.name}, frame {frame.name}): {exc}",
                )
            )
            continue
        frame_rows[frame.name] = len(df)
        failures.extend(_validate_frame(conn, suite, frame, _gx_safe(df), date_columns, sample_rows))
    return CheckOutcome(
        check_name=suite.name,
        table=suite.table,
        severity=suite.severity,
        evaluated=evaluated,
        failures=failures,
        frame_rows=frame_rows,
        seconds=time.perf_counter() - started,
    )


def _validate_frame(
    conn: duckdb.DuckDBPyConnection,
    suite: Suite,
    frame: Frame,
    df: Any,
    date_columns: list[str],
    sample_rows: int,
) -> list[Failure]:
    gx, gxe, batch_definition = _gx()
    expectations = gx.ExpectationSuite(name=f"{suite.name}.{frame.name}")
    for index, rule in enumerate(frame.rules):
        expectation_class = getattr(gxe, rule.expectation)
        expectations.add_expectation(expectation_class(**rule.kwargs, meta={"rule_index": index}))
    with _GX_LOCK:
        batch = batch_definition.get_batch(batch_parameters={"dataframe": df})
        result = batch.validate(
            expectations,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": PARTIAL_UNEXPECTED},
        )
    failures = []
    for item in result.results:
        if item.success:
            continue
        rule = frame.rules[int(item.expectation_config.meta["rule_index"])]
        detail = item.result or {}
        error = _exception_message(item.exception_info)
        failure = Failure(
            rule=rule.name,
            expectation=rule.expectation,
            frame=frame.name,
            kwargs=dict(rule.kwargs),
            unexpected_count=detail.get("unexpected_count"),
            element_count=detail.get("element_count"),
            unexpected_values=list(detail.get("partial_unexpected_list") or [])
            or ([detail["observed_value"]] if "observed_value" in detail else []),
            error=f"{suite.table} ({suite.name}, frame {frame.name}): {error}" if error else None,
        )
        failure.sample = _sample(conn, rule, df, date_columns, detail, sample_rows)
        failures.append(failure)
    return failures


def _sample(
    conn: duckdb.DuckDBPyConnection,
    rule: Rule,
    df: Any,
    date_columns: list[str],
    detail: dict[str, Any],
    limit: int,
) -> list[dict[str, Any]]:
    """Offending rows of the real table when the rule says how to find them, else of the frame."""
    if rule.failing_rows:
        try:
            cursor = conn.execute(
                f"select * from ({rule.failing_rows}) limit {int(limit)}", list(rule.failing_params)
            )
        except duckdb.Error as exc:
            return [{"error": f"failing-row query of rule {rule.name!r} failed: {exc}"}]
        columns = [d[0] for d in cursor.description]
        return [jsonable(dict(zip(columns, row, strict=True))) for row in cursor.fetchall()]
    index = detail.get("partial_unexpected_index_list") or []
    if not index:
        return []
    rows = df.loc[[i for i in index[:limit] if i in df.index]].to_dict("records")
    for row in rows:
        for column in date_columns:
            if not _is_missing(row[column]):
                row[column] = row[column].date()
    return [jsonable(row) for row in rows]


def _exception_message(info: Any) -> str | None:
    """GX puts evaluation errors (a missing column, a type clash) in exception_info, per metric."""
    if not isinstance(info, dict):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _gx_safe(df: Any) -> Any:
    """Pandas nullable columns (Int64, boolean with NA) break GX's pair and boolean expectations
    ("boolean value of NA is ambiguous"): hand GX plain objects with None instead."""
    import pandas as pd

    for column in df.columns:
        series = df[column]
        if isinstance(series.dtype, pd.api.extensions.ExtensionDtype) and series.isna().any():
            df[column] = series.astype(object).where(series.notna(), None)
    return df


def _gx() -> tuple[Any, Any, Any]:
    """The process-wide GX objects: the module, its expectations, and a pandas batch definition."""
    with _GX_LOCK:
        if not _GX:
            # Before the import: GX reads it when the module loads.
            os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
            import great_expectations as gx
            import great_expectations.expectations as gxe
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )

            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(),
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
                analytics_enabled=False,
            )
            context = gx.get_context(mode="ephemeral", project_config=config)
            asset = context.data_sources.add_pandas("cotwatch").add_dataframe_asset("frame")
            _GX.update(gx=gx, gxe=gxe, batch_definition=asset.add_batch_definition_whole_dataframe("whole"))
        return _GX["gx"], _GX["gxe"], _GX["batch_definition"]


def start_warm_up() -> threading.Thread:
    """Import GX in a background thread (landing and dbt release the GIL in DuckDB, so the import
    mostly overlaps them); the first check then waits only for what is left of it.

    SQLAlchemy's ORM is imported here first, in the caller's thread: GX imports it, and while that
    import is under way in the background, the ORM's inspection hooks are already registered with
    SQLAlchemy core, so a Dagster event-log query in the run's thread could call into the
    half-imported `sqlalchemy.orm.exc` and fail the step ("partially initialized module
    'sqlalchemy.orm.exc' has no attribute 'UnmappedClassError'", seen in a test run)."""
    import sqlalchemy.orm  # noqa: F401

    thread = threading.Thread(target=_gx, name="gx-warm-up", daemon=True)
    thread.start()
    return thread


def warm_up() -> float:
    """Import GX and build its context now; returns the seconds it took (the benchmark reports it)."""
    started = time.perf_counter()
    _gx()
    return time.perf_counter() - started


def jsonable(value: Any) -> Any:
    """Plain JSON types from what DuckDB, pandas and numpy hand back (timestamps as ISO text)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if getattr(value, "ndim", 0):  # numpy arrays: DuckDB lists come back as arrays
        return jsonable(value.tolist())
    if _is_missing(value):  # pd.NA, pd.NaT, numpy nan
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time) or callable(getattr(value, "isoformat", None)):
        return value.isoformat()
    if callable(getattr(value, "item", None)):  # numpy scalars
        return jsonable(value.item())
    return str(value)


def _is_missing(value: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
