"""The dbt project on disk: where it is, keeping its manifest current, and its docs site.

Plain Python (no Dagster): `assets/runner.py` uses `prepare_manifest()` before the dbt assets read
the manifest, `cotwatch docs` uses `generate_docs()`, and tests and benchmarks build models of a
warehouse they wrote with `run_models()`. dbt runs as a subprocess with COTWATCH_DATA_DIR set to
the settings' data dir, which is how `dbt_project/profiles.yml` finds the warehouse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pipelines.config import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"
# Folders dbt writes into: their changes never make the manifest stale.
_GENERATED = {"target", "logs", "dbt_packages"}


class DbtCommandError(RuntimeError):
    """A dbt command exited non-zero; the message holds the command and the tail of its output."""


def dbt_executable() -> str:
    """The dbt of this environment (next to this Python), else whatever `dbt` is on PATH."""
    local = Path(sys.executable).with_name("dbt")
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


def dbt_env(settings: Settings | None, log_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_LOG_PATH": str(log_dir)}
    if settings is not None:
        env["COTWATCH_DATA_DIR"] = str(settings.data_dir.resolve())
    return env


def _run_dbt(args: list[str], settings: Settings | None, log_dir: Path) -> None:
    command = [
        dbt_executable(),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
    ]
    done = subprocess.run(
        command,
        cwd=DBT_PROJECT_DIR,
        env=dbt_env(settings, log_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise DbtCommandError(
            f"`dbt {' '.join(args)}` failed (exit {done.returncode}) in {DBT_PROJECT_DIR}:\n{tail}"
        )


def manifest_is_stale(manifest: Path = MANIFEST_PATH) -> bool:
    """True when the manifest is missing or older than any file of the dbt project."""
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    for root, dirs, files in os.walk(DBT_PROJECT_DIR):
        if Path(root) == DBT_PROJECT_DIR:
            dirs[:] = [d for d in dirs if d not in _GENERATED]
        # A folder's mtime changes when a file in it is added, renamed or deleted.
        elif os.stat(root).st_mtime > built:
            return True
        for name in files:
            if os.stat(os.path.join(root, name)).st_mtime > built:
                return True
    return False


def prepare_manifest() -> Path:
    """`dbt parse` when the manifest is stale; returns its path.

    Parsing goes to a temporary target folder and the files are moved into target/ one by one
    (atomic renames), so two processes preparing at once never leave a half-written manifest.
    """
    if not manifest_is_stale():
        return MANIFEST_PATH
    MANIFEST_PATH.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=MANIFEST_PATH.parent, prefix=".parse-") as tmp:
        # Parse with the default warehouse path: a run against the same path can then reuse this
        # parse (dbt re-parses everything when the profile's path differs).
        _run_dbt(["parse", "--quiet", "--target-path", tmp], Settings.resolve(), Path(tmp))
        for name in ("partial_parse.msgpack", "manifest.json"):  # manifest last: it marks completion
            if (Path(tmp) / name).exists():
                os.replace(Path(tmp) / name, MANIFEST_PATH.parent / name)
    return MANIFEST_PATH


PARTIAL_PARSE_FILE = "partial_parse.msgpack"
# dbt's parse result for one data dir: dbt re-parses the whole project when the profile (which
# holds the warehouse path) differs from the one the cached parse saw, so the cache in target/
# (parsed for the default data dir) serves only that one. Each data dir keeps its own copy.
PARTIAL_PARSE_CACHE = "dbt_partial_parse.msgpack"


def seed_partial_parse(settings: Settings, target_path: Path) -> bool:
    """Put this data dir's cached parse into a dbt target folder before a build; True when there
    was one. dbt checks it (project files, profile, vars, env) and re-parses what it no longer fits."""
    cached = settings.data_dir / PARTIAL_PARSE_CACHE
    if not cached.exists():
        return False
    target_path.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target_path / PARTIAL_PARSE_FILE)
    return True


def keep_partial_parse(settings: Settings, target_path: Path) -> None:
    """After a build: keep its parse as this data dir's cache (atomic rename; nothing when absent)."""
    built = target_path / PARTIAL_PARSE_FILE
    if not built.exists():
        return
    tmp = settings.data_dir / f"{PARTIAL_PARSE_CACHE}.tmp{os.getpid()}"
    shutil.copyfile(built, tmp)
    os.replace(tmp, settings.data_dir / PARTIAL_PARSE_CACHE)


def run_models(
    settings: Settings,
    select: Sequence[str] = (),
    *,
    command: str = "run",
    full_refresh: bool = False,
) -> None:
    """`dbt run` (or `build`) of the models in `select` (default all) against the warehouse of
    `settings`, outside Dagster: for tests, benchmarks and scripts that need the facts, the signals or
    the marts of a warehouse they wrote themselves. Raises DbtCommandError."""
    log_dir = settings.data_dir / "dbt_logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    args = [command, "--target-path", str(log_dir.resolve())]
    if command == "build":
        args += ["--exclude-resource-type", "unit_test"]
    if select:
        # only the tests whose every parent is built here: a relationship to a model outside the
        # selection cannot run yet
        args += ["--select", *select, "--indirect-selection", "cautious"]
    if full_refresh:
        args.append("--full-refresh")
    _run_dbt(args, settings, log_dir)


def run_unit_tests(settings: Settings) -> None:
    """`dbt test --select test_type:unit` against the warehouse of `settings` (the models a unit test
    covers must have been built there once: dbt reads their column types). Raises DbtCommandError."""
    log_dir = settings.data_dir / "dbt_logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    _run_dbt(
        ["test", "--select", "test_type:unit", "--target-path", str(log_dir.resolve())], settings, log_dir
    )


def docs_dir(settings: Settings) -> Path:
    return settings.data_dir / "dbt_docs"


def generate_docs(settings: Settings) -> Path:
    """Build the dbt docs site for the warehouse of `settings`; returns the page to open.

    The site goes to `<data_dir>/dbt_docs/`. `static_index.html` embeds the manifest and the catalog,
    so it opens straight from disk (index.html needs `dbt docs serve`). The warehouse must exist and
    no other process may be writing it (`cotwatch run` first, not during).
    """
    if not settings.warehouse_path.exists():
        raise FileNotFoundError(f"no warehouse at {settings.warehouse_path}: run `cotwatch run` first")
    out = docs_dir(settings)
    out.mkdir(parents=True, exist_ok=True)
    _run_dbt(["docs", "generate", "--static", "--target-path", str(out.resolve())], settings, out)
    page = out / "static_index.html"
    if not page.exists():
        raise DbtCommandError(f"`dbt docs generate` did not write {page}")
    return page
