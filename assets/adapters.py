"""The one place this package leans on a library's internals, each with the reason it must.

- `dbt --version` on every invocation: `DbtCliResource` runs it (a private cached property,
  `_cli_version`) to tell dbt-core from the Fusion engine. dbt-core's `--version` also asks the
  package index for the latest release, which costs seconds per run and hangs without a network.
  The dbt that runs here is always this environment's dbt-core, so its version is the package's.
  Revisit when dagster-dbt offers a public way to pass the version (none in 0.29).
"""

from __future__ import annotations

from dagster_dbt import DbtCliResource
from dbt.version import __version__ as DBT_VERSION
from packaging.version import Version


class LocalDbtCliResource(DbtCliResource):
    """DbtCliResource that knows the local dbt-core version instead of running `dbt --version`."""

    @property
    def _cli_version(self) -> Version:
        return Version(DBT_VERSION)
