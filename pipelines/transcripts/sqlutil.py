"""Small SQL builders shared by the transcript parsers."""

from __future__ import annotations

from collections.abc import Sequence

# DuckDB's json_type() names: NULL, BOOLEAN, BIGINT, UBIGINT, DOUBLE, VARCHAR, ARRAY, OBJECT.
NUMBER = ("BIGINT", "UBIGINT", "DOUBLE")
INTEGER = ("BIGINT", "UBIGINT")


def type_check_case(checks: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """A SQL CASE giving the first field whose JSON type is wrong, or NULL when all are fine.

    `checks` holds (sql expression of type JSON, field path for the message, allowed json_type()
    names). A missing field (SQL NULL) and JSON null always pass: requiredness is checked apart.
    """
    whens = []
    for expr, field, allowed in checks:
        allowed_sql = ", ".join(f"'{t}'" for t in (*allowed, "NULL"))
        whens.append(
            f"when {expr} is not null and json_type({expr}) not in ({allowed_sql}) "
            f"then 'wrong type: field {field} is ' || lower(json_type({expr})) "
            f"|| ', expected {' or '.join(t.lower() for t in allowed)}'"
        )
    return "case " + " ".join(whens) + " end"


def ts_expr(expr: str) -> str:
    """A UTC `timestamp` from an ISO-8601 string (any offset) or epoch seconds; NULL when unreadable."""
    return (
        f"coalesce(timezone('UTC', try_cast({expr} as timestamptz)), "
        f"try_cast(to_timestamp(try_cast({expr} as double)) at time zone 'UTC' as timestamp))"
    )


def excerpt(expr: str, limit: int = 500) -> str:
    return f"left({expr}, {limit})"
