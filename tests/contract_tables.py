"""Tables dbt owns in a real warehouse, created empty with their contract columns for tests that build
a small contract-true warehouse by hand (tests/quality, tests/app) instead of running dbt."""

from pipelines.warehouse.schema import create_signals_table

__all__ = ["create_signals_table"]
