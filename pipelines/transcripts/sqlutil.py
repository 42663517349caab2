"""Small SQL builders shared by the transcript parsers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import duckdb

from pipelines.warehouse.schema import EVENT_COLUMNS

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


# ---------------------------------------------------------------------------------------------
# Helpers every parser used to repeat: SQL literals, name-to-column maps, role from kind, the final
# projection onto the `p_events` contract, and temp-table cleanup.


def sql_literal(value: str) -> str:
    """A SQL string literal (single quotes doubled), for constants built into parser SQL."""
    return "'" + value.replace("'", "''") + "'"


def sql_in(values: Sequence[str]) -> str:
    """A parenthesised list of string literals for `x in (...)`."""
    return "(" + ", ".join(sql_literal(v) for v in values) + ")"


def sql_list(values: Sequence[str]) -> str:
    """A DuckDB list literal of strings (`['a', 'b']`)."""
    return "[" + ", ".join(sql_literal(v) for v in values) + "]"


class FieldMap:
    """JSON paths read by one `json_extract(doc, [paths])` call, by name.

    `fm.extract("line")` is the SQL of that call; `fm[name]` the JSON value of a field in the
    resulting list column; `fm.s(name)` the same as text (JSON strings unquoted, NULL for absent
    or JSON null). One map per record shape replaces the name -> `v[i]` dicts each parser built.
    """

    def __init__(self, paths: dict[str, str], column: str = "v") -> None:
        self.paths = dict(paths)
        self.column = column
        self._index = {name: i + 1 for i, name in enumerate(self.paths)}

    def extract(self, doc: str) -> str:
        return f"json_extract({doc}, {sql_list(list(self.paths.values()))})"

    def __getitem__(self, name: str) -> str:
        return f"{self.column}[{self._index[name]}]"

    def s(self, name: str) -> str:
        return f"({self[name]} ->> '$')"

    def jt(self, name: str) -> str:
        return f"json_type({self[name]})"


def role_from_kind(kind: str) -> str:
    """The `role` a `kind` implies: user_message -> user, tool_result -> tool, system -> system."""
    return (
        f"case {kind} when 'user_message' then 'user' when 'tool_result' then 'tool' "
        "when 'system' then 'system' else 'assistant' end"
    )


# The SQL type of every `p_events` column (raw.events without event_index, plus sub_index).
P_EVENT_TYPES = {
    "session_id": "varchar",
    "event_id": "varchar",
    "parent_event_id": "varchar",
    "ts": "timestamp",
    "role": "varchar",
    "kind": "varchar",
    "text": "varchar",
    "reasoning_visibility": "varchar",
    "tool_name": "varchar",
    "tool_call_id": "varchar",
    "tool_input": "varchar",
    "tool_output": "varchar",
    "is_error": "boolean",
    "exit_code": "integer",
    "input_tokens": "bigint",
    "output_tokens": "bigint",
    "reasoning_tokens": "bigint",
    "model": "varchar",
    "file_id": "varchar",
    "line_no": "integer",
    "cached_input_tokens": "bigint",
    "cache_creation_input_tokens": "bigint",
    "sub_index": "integer",
}


if list(P_EVENT_TYPES) != [c for c in EVENT_COLUMNS if c != "event_index"] + ["sub_index"]:
    raise ImportError("sqlutil.P_EVENT_TYPES is out of step with schema.EVENT_COLUMNS")


def p_events_columns(exprs: dict[str, str]) -> str:
    """The select list of `p_events`, in contract order, each column cast to its type.

    `exprs` maps column name to SQL; a column left out is NULL (`role` defaults from `kind`,
    `reasoning_visibility` to 'none', `sub_index` to 0), so a new contract column is added here
    once instead of in every parser.
    """
    unknown = set(exprs) - set(P_EVENT_TYPES)
    if unknown:
        raise ValueError(f"not p_events columns: {sorted(unknown)}")
    defaults = {
        "role": role_from_kind(exprs.get("kind", "kind")),
        "reasoning_visibility": "'none'",
        "sub_index": "0",
    }
    cols = []
    for name, sql_type in P_EVENT_TYPES.items():
        expr = exprs.get(name, defaults.get(name, "null"))
        cols.append(f"({expr})::{sql_type} as {name}")
    return ",\n            ".join(cols)


def all_input_tokens(uncached: str, cache_read: str, cache_creation: str) -> str:
    """All input tokens of a model call from a usage that counts cache reads and writes apart
    (Anthropic's convention); NULL when none of the three is known."""
    return (
        f"case when coalesce({uncached}, {cache_read}, {cache_creation}) is not null then "
        f"coalesce({uncached}, 0) + coalesce({cache_read}, 0) + coalesce({cache_creation}, 0) end"
    )


def drop_temp(conn: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Drop a parser's working tables and views (never its p_* outputs)."""
    for name in names:
        try:
            conn.execute(f"drop table if exists {name}")
        except duckdb.CatalogException:  # it is a view
            conn.execute(f"drop view if exists {name}")


Step = Callable[[duckdb.DuckDBPyConnection], None]


def run_steps(conn: duckdb.DuckDBPyConnection, steps: Sequence[Step], temp: Sequence[str]) -> None:
    """Run a parser's named steps in order, then drop its working tables `temp`."""
    for step in steps:
        step(conn)
    drop_temp(conn, *temp)
