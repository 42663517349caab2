"""The dbt project on disk: where it is, keeping its manifest current, and its docs site.

Plain Python (no Dagster): `assets/runner.py` uses `prepare_manifest()` before the dbt assets read
the manifest, `cotwatch docs` uses `generate_docs()`, and tests and benchmarks build models of a
warehouse they wrote with `run_models()`. dbt runs as a subprocess with COTWATCH_DATA_DIR set to
the settings' data dir, which is how `dbt_project/profiles.yml` finds the warehouse.
"""

from __future__ import annotations

import hashlib
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
    from pipelines.warehouse.freshness import dbt_project_digest

    MANIFEST_PATH.parent.mkdir(parents=True, exist_ok=True)
    key = parse_cache_key(dbt_project_digest())
    with tempfile.TemporaryDirectory(dir=MANIFEST_PATH.parent, prefix=".parse-") as tmp:
        seed_partial_parse(Path(tmp), key)
        _run_dbt(["parse", "--quiet", "--target-path", tmp], Settings.resolve(), Path(tmp))
        keep_partial_parse(Path(tmp), key)  # the build that follows starts from it
        for name in ("partial_parse.msgpack", "manifest.json"):  # manifest last: it marks completion
            if (Path(tmp) / name).exists():
                os.replace(Path(tmp) / name, MANIFEST_PATH.parent / name)
    return MANIFEST_PATH


PARTIAL_PARSE_FILE = "partial_parse.msgpack"
# dbt's parse of the project, kept per version of the project under <project>/target/parse_cache/,
# named by `parse_cache_key`. The profile renders the same for every data dir
# (pipelines/dbt_warehouse.py), so one parse serves every data dir of this checkout: a first run in a
# new data dir no longer parses the whole project.
PARSE_CACHE_DIR = "parse_cache"
KEEP_PARSES = 4  # versions of the project kept (about 2 MB each)


def dbt_versions() -> str:
    """The installed dbt-core and dbt-duckdb versions, as one string."""
    from importlib.metadata import version

    return f"dbt-core=={version('dbt-core')} dbt-duckdb=={version('dbt-duckdb')}"


def parse_cache_key(project_digest: str, versions: str | None = None) -> str:
    """The name of the cached parse for a dbt project whose content has `project_digest`
    (`freshness.dbt_project_digest`: every file of the project, profiles.yml, vars and seeds
    included, and the environment its models read) under these dbt versions.

    Any change to the project or to dbt gives another key, so a cached parse is only ever offered to
    the project it was made from. dbt checks it again when it reads it (file checksums, vars,
    profile, env vars in dbt_project.yml, its own version) and re-parses what no longer fits, so a
    parse filed under the wrong key (a file edited during a build) costs a re-parse, not a stale
    manifest."""
    text = f"{project_digest}\0{versions if versions is not None else dbt_versions()}"
    return hashlib.sha256(text.encode()).hexdigest()


def cached_parse_path(key: str, project_dir: Path = DBT_PROJECT_DIR) -> Path:
    return project_dir / "target" / PARSE_CACHE_DIR / f"{key}.msgpack"


def seed_partial_parse(target_path: Path, key: str, project_dir: Path = DBT_PROJECT_DIR) -> bool:
    """Put the cached parse of this version of the project into a dbt target folder before a dbt
    command; True when there was one (else dbt parses the project itself)."""
    cached = cached_parse_path(key, project_dir)
    if not cached.exists():
        return False
    target_path.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(cached, target_path / PARTIAL_PARSE_FILE)
    except FileNotFoundError:  # pruned by another process in between
        return False
    return True


def keep_partial_parse(target_path: Path, key: str, project_dir: Path = DBT_PROJECT_DIR) -> None:
    """After a dbt command: file its parse under `key` (atomic rename; nothing when it wrote none),
    and keep only the KEEP_PARSES most recently written versions."""
    built = target_path / PARTIAL_PARSE_FILE
    if not built.exists():
        return
    cached = cached_parse_path(key, project_dir)
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f".{cached.name}.tmp{os.getpid()}")
    shutil.copyfile(built, tmp)
    os.replace(tmp, cached)
    kept = sorted(cached.parent.glob("*.msgpack"), key=_mtime, reverse=True)
    for old in kept[KEEP_PARSES:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


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
