"""The dbt-duckdb plugin that points the `dev` profile at this run's warehouse.

`dbt_project/profiles.yml` names the warehouse `{COTWATCH_DATA_DIR}/warehouse.duckdb`, the data dir
left as a placeholder; this plugin (listed in the profile's `plugins`) puts the real data dir in just
before dbt-duckdb opens the file, in the plugin hook dbt-duckdb calls then
(`update_connection_config`, which receives the credentials whose `path` it is about to open). The
data dir is COTWATCH_DATA_DIR: an absolute path as is, a relative one relative to the repository
root (the parent of dbt_project/), else the repository's data/, as the profile had it.

Why not render the path in the profile: dbt-core keeps a parse of the project
(`partial_parse.msgpack`) and throws it away when the profile's rendered connection details differ
from the ones it was made with (`ManifestLoader.build_manifest_state_check` hashes
`credentials.connection_info()`, which for DuckDB includes `path`). With the data dir in the
profile, a parse made for one data dir was refused in every other, and each first run in a new data
dir parsed the whole project again (about three seconds of CPU). The placeholder keeps the profile
the same for every data dir; the path dbt-duckdb opens is the real one. Nothing here is imported
by the pipeline: only dbt's process loads it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

DATA_DIR_PLACEHOLDER = "{COTWATCH_DATA_DIR}"
REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data dir dbt works on: COTWATCH_DATA_DIR (relative: to the repository root), else data/."""
    value = os.environ.get("COTWATCH_DATA_DIR", "")
    path = Path(value) if value else Path("data")
    return path if path.is_absolute() else REPO_ROOT / path


def resolve_path(path: str) -> str:
    """`path` with the placeholder replaced by the data dir (other paths unchanged)."""
    if DATA_DIR_PLACEHOLDER not in path:
        return path
    return path.replace(DATA_DIR_PLACEHOLDER, str(data_dir()))


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        # Called by dbt-duckdb right before duckdb.connect(creds.path, ...), after dbt's parse.
        creds.path = resolve_path(creds.path)
