"""Suites as code: what a check computes (frames) and what it expects of them (rules).

A table of a million events is never handed to Great Expectations row by row. Each suite names a few
*frames*: SQL that DuckDB runs over the warehouse and that returns a compact table (one row per
session, per file, per distinct enum value...). GX validates those frames. The reduction keeps every
check exact: a session whose `max(event_index) + 1 - count(distinct event_index)` is 0 has no gap, a
distinct-values frame holds every value the column takes. When a rule fails, its `failing_rows` SQL
fetches a sample of the offending rows of the real table for the check's metadata.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["ERROR", "WARN"]


@dataclass(frozen=True)
class Rule:
    """One GX 1.x expectation on a frame, and how to find the table rows that break it."""

    name: str  # what the rule pins, in words: shown in the UI and stored with the result
    expectation: str  # a class of `great_expectations.expectations`, e.g. "ExpectColumnValuesToBeInSet"
    kwargs: Mapping[str, Any]
    failing_rows: str | None = None  # SQL returning the offending table rows; else the frame's rows
    failing_params: Sequence[Any] = ()


@dataclass(frozen=True)
class Frame:
    name: str
    sql: str
    rules: tuple[Rule, ...]
    params: Sequence[Any] | Mapping[str, Any] = ()


@dataclass(frozen=True)
class Suite:
    """The unit a Dagster asset check runs: one table, one severity, one result row."""

    name: str  # the check name, unique per asset
    table: str  # e.g. "raw.events"
    severity: Severity
    description: str
    frames: tuple[Frame, ...] = field(default_factory=tuple)


def not_null(
    column: str, name: str, failing_rows: str | None = None, failing_params: Sequence[Any] = ()
) -> Rule:
    return Rule(name, "ExpectColumnValuesToNotBeNull", {"column": column}, failing_rows, failing_params)


def in_set(
    column: str,
    values: Sequence[Any],
    name: str,
    failing_rows: str | None = None,
    failing_params: Sequence[Any] = (),
) -> Rule:
    """Nulls are not checked here (GX skips them): pair with `not_null` where a value is required."""
    return Rule(
        name,
        "ExpectColumnValuesToBeInSet",
        {"column": column, "value_set": list(values)},
        failing_rows,
        failing_params,
    )


def is_true(
    column: str, name: str, failing_rows: str | None = None, failing_params: Sequence[Any] = ()
) -> Rule:
    return in_set(column, [True], name, failing_rows, failing_params)


def between(
    column: str,
    name: str,
    min_value: Any = None,
    max_value: Any = None,
    failing_rows: str | None = None,
    failing_params: Sequence[Any] = (),
) -> Rule:
    return Rule(
        name,
        "ExpectColumnValuesToBeBetween",
        {"column": column, "min_value": min_value, "max_value": max_value},
        failing_rows,
        failing_params,
    )


def zero(column: str, name: str, failing_rows: str | None = None, failing_params: Sequence[Any] = ()) -> Rule:
    return between(column, name, 0, 0, failing_rows, failing_params)


def unique(column: str, name: str, failing_rows: str | None = None) -> Rule:
    return Rule(name, "ExpectColumnValuesToBeUnique", {"column": column}, failing_rows)


def pair_equal(column_a: str, column_b: str, name: str, failing_rows: str | None = None) -> Rule:
    """A null on either side is a failure (only rows where both are null are skipped)."""
    return Rule(
        name, "ExpectColumnPairValuesToBeEqual", {"column_A": column_a, "column_B": column_b}, failing_rows
    )


def sql_list(values: Sequence[str]) -> str:
    """A SQL list literal of our own constants (enum values), for `not in (...)` in failing-row SQL."""
    for value in values:
        if "'" in value:
            raise ValueError(f"enum value {value!r} contains a quote; it cannot be inlined into SQL")
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"
