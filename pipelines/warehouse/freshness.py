"""Whether a `cotwatch run` has anything to do, decided before Dagster, dbt or Great Expectations load.

A run with nothing new used to cost ~28 s of fixed work (Dagster start-up, a dbt build of every
model and test, the GX suites, a snapshot copy) to publish what was already published. `cotwatch
run` now first compares what it would read with what the last successful run read, and stops at
once when nothing differs:

- landing: every file under the landing root (path, size, mtime, the same discovery and path
  redaction landing uses) matches its current row in `raw.files`, and no entry is `failed` (failed
  entries are always retried);
- the warehouse: `raw.files` is what the last successful run left (count, newest `landed_at` and a
  hash over path, sha256, size, mtime, status), so a run that landed files and then failed (dbt,
  a blocking check) is never taken for a published one; `monitor.scan_pending` is empty;
- reviews: the review store (`<data_dir>/reviews`, path, size, mtime) is unchanged;
- code: the dbt project (every file but its generated folders), the rule pack and monitor engine
  (`pipelines/monitor`), the quality suites (`pipelines/quality`) and the judge settings
  (COTWATCH_JUDGE_* values, hashed) hash to the same digest;
- serving: CURRENT still names the snapshot that run published.

When all that differs is landed files with a new modification time and their old size,
`settle_touched` hashes them as landing would; if their contents are the ones landed, it records
the new times and the run has nothing to do.

The record of the last successful run is `<data_dir>/last_run.json`, written by `cotwatch run` after
a successful run and deleted after a failed one. Runs started elsewhere (the Dagster UI, the sensor)
do not write it; when they change `raw.files` or publish another snapshot, the next `cotwatch run`
sees the difference and runs in full. Everything here is conservative: any doubt means "run".
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import orjson

from pipelines.config import Settings
from pipelines.warehouse.serving import SnapshotError, current_snapshot

STATE_FILE = "last_run.json"
STATE_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parent.parent.parent
# What a run's result depends on besides its data: a change in any of these files runs everything.
INTENT_MODEL_ENV = (
    "COTWATCH_INTENT_MODEL"  # = pipelines.monitor.intent.MODEL_ENV (not imported: numpy, scipy)
)
INTENT_SCOPE_ENV = "COTWATCH_INTENT_SCOPE"  # = pipelines.monitor.intent.SCOPE_ENV
CODE_DIRS = (
    REPO_ROOT / "dbt_project",
    REPO_ROOT / "pipelines" / "monitor",
    REPO_ROOT / "pipelines" / "quality",
)
# Folders dbt writes into, and Python's byte-code caches: they change on every run, not with the code.
_GENERATED = {"target", "logs", "dbt_packages", "__pycache__"}
JUDGE_ENV_PREFIX = "COTWATCH_JUDGE_"
NAMED_CHANGES = 3  # changed files named in the message; the rest are counted


@dataclass
class Observation:
    """What a run would read, as digests and counts (see the module docstring)."""

    landing_root: str
    files_seen: int = 0
    changed: list[str] = field(default_factory=list)  # new or changed landing paths (as stored)
    touched: int = 0  # of `changed`: files landed before with the same size, only their time differs
    failed: int = 0  # raw.files entries with status failed (retried on every run)
    warehouse: str | None = None  # digest of raw.files; None when there is no warehouse or raw.files
    pending_scans: int = 0
    reviews: str = ""
    code: str = ""
    snapshot: str | None = None
    seconds: float = 0.0

    def key(self) -> tuple:
        """Everything observed but the time it took: equal keys, equal inputs."""
        return (self.landing_root, self.files_seen, tuple(self.changed), self.failed, self.warehouse,
                self.pending_scans, self.reviews, self.code, self.snapshot)  # fmt: skip

    def as_state(self) -> dict[str, object]:
        return {
            "version": STATE_VERSION,
            "landing_root": self.landing_root,
            "warehouse": self.warehouse,
            "reviews": self.reviews,
            "code": self.code,
            "snapshot": self.snapshot,
            "files": self.files_seen,
            "recorded_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


def code_digest(dirs: tuple[Path, ...] = CODE_DIRS) -> str:
    """A sha256 over the relative path and content of every file under `dirs` (generated folders and
    dot-files skipped), plus the judge settings. Content, not mtime: a checkout that rewrites files
    unchanged keeps the digest."""
    digest = hashlib.sha256()
    for base in dirs:
        for root, dirnames, files in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d not in _GENERATED and not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(root) / name
                digest.update(path.relative_to(base.parent).as_posix().encode() + b"\0")
                try:
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
                except OSError:
                    digest.update(b"unreadable")
    for key in sorted(k for k in os.environ if k.startswith(JUDGE_ENV_PREFIX)):
        digest.update(f"{key}\0{os.environ[key]}\n".encode())
    # another intent model for this run (pipelines.monitor.intent.MODEL_ENV) changes what the monitor
    # finds as much as an edit of the shipped one: its content counts like the code's
    override = os.environ.get(INTENT_MODEL_ENV)
    if override:
        digest.update(f"{INTENT_MODEL_ENV}\0".encode())
        try:
            digest.update(hashlib.sha256(Path(override).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    # what the intent stage reads (pipelines.monitor.intent.SCOPE_ENV) changes what it finds
    digest.update(f"{INTENT_SCOPE_ENV}\0{os.environ.get(INTENT_SCOPE_ENV, '')}\n".encode())
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """A sha256 over (relative path, size, mtime) of every file under `folder` ('' when it holds none)."""
    if not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    n = 0
    for root, dirnames, files in os.walk(folder):
        dirnames.sort()
        for name in sorted(files):
            path = Path(root) / name
            try:
                st = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            n += 1
    return digest.hexdigest() if n else ""


def observe(settings: Settings, *, landing: bool = True) -> Observation:
    """Compare the landing folder with `raw.files` and take the digests; reads, never writes.

    Call it holding the run lock: it opens the warehouse read-only, which DuckDB refuses while
    another process writes it. `landing=False` leaves the landing folder out (no `files_seen`, no
    `changed`): what `record_success` keeps needs only the warehouse and the snapshot.
    """
    from time import perf_counter

    # Landing's own discovery and path redaction, so paths compare exactly as landing stores them.
    from pipelines.redact import KEY_FILE, redaction_key
    from pipelines.warehouse.landing import discover

    started = perf_counter()
    obs = Observation(landing_root=str(settings.landing_dir))
    obs.code = code_digest()
    obs.reviews = folder_digest(settings.reviews_dir)
    try:
        snapshot = current_snapshot(settings)
    except SnapshotError:
        snapshot = None
    obs.snapshot = snapshot.name if snapshot is not None else None
    # No key yet means nothing was ever landed here: do not create one just to look.
    key = redaction_key(settings.data_dir) if (settings.data_dir / KEY_FILE).exists() else None
    if key is None or not settings.warehouse_path.exists():
        obs.files_seen = len(discover(settings.landing_dir)) if landing else 0
        obs.changed = ["(no warehouse yet)"]
        obs.seconds = perf_counter() - started
        return obs
    files = discover(settings.landing_dir, key) if landing else []
    obs.files_seen = len(files)
    try:
        with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
            tables = {
                f"{s}.{t}"
                for s, t in conn.execute(
                    "select table_schema, table_name from information_schema.tables"
                ).fetchall()
            }
            if "raw.files" not in tables:
                obs.changed = ["(raw.files not created yet)"]
                obs.seconds = perf_counter() - started
                return obs
            count, newest, total = conn.execute(
                "select count(*), max(landed_at)::varchar, "
                "coalesce(sum(hash(file_id, path, sha256, size_bytes, mtime_ns, status)), 0)::varchar "
                "from raw.files"
            ).fetchone()
            obs.warehouse = f"{count}:{newest}:{total}"
            known = (
                {
                    path: (size, mtime_ns, status)
                    for path, size, mtime_ns, status in conn.execute(
                        "select path, size_bytes, mtime_ns, status from raw.files where status <> 'superseded'"
                    ).fetchall()
                }
                if landing
                else {}
            )
            if "monitor.scan_pending" in tables:
                obs.pending_scans = conn.execute("select count(*) from monitor.scan_pending").fetchone()[0]
    except duckdb.Error as exc:  # unreadable or mid-write: let the full run deal with it and say why
        obs.warehouse = None
        obs.changed = [f"(warehouse not readable: {exc})"]
        obs.seconds = perf_counter() - started
        return obs
    obs.failed = sum(1 for _, _, status in known.values() if status == "failed")
    for f in files:
        size_mtime_status = known.get(f.rel)
        if size_mtime_status is None:
            obs.changed.append(f.rel)
            continue
        size, mtime_ns, status = size_mtime_status
        expected_status = f.problem[0] if f.problem is not None else None
        same_status = status == expected_status if expected_status else status not in ("failed",)
        # Same size and mtime as landed: unchanged (landing's own rule; a touched file with the same
        # content is re-hashed by the full run, which records its new mtime).
        if not (same_status and size == f.size and mtime_ns == f.mtime_ns):
            obs.changed.append(f.rel)
            obs.touched += int(same_status and size == f.size and f.problem is None)
    obs.seconds = perf_counter() - started
    return obs


def settle_touched(settings: Settings, obs: Observation) -> bool:
    """When all that is new is landed files with a new modification time and their old size (a
    copy without its times, `touch`, a checkout, an rsync without -t), hash them as landing does.
    If each still holds the content landed before, record their new times in `raw.files` (landing's
    own planning, one statement) and the successful-run record, and return True: the run has
    nothing to do. Otherwise (a content differs, or anything else is new) write nothing and return
    False: the full run decides. Call it holding the run lock, like `observe`.

    Before, such a folder ran the whole pipeline once with nothing new (47 s for a 300 MB folder of 5,314 files):
    landing found every file unchanged, but dbt, the checks and the publish ran all the same."""
    if not obs.changed or obs.touched != len(obs.changed):
        return False
    if what_is_new(settings, replace(obs, changed=[], touched=0)) is not None:
        return False
    from pipelines.warehouse.connections import open_warehouse
    from pipelines.warehouse.landing import Lander

    with open_warehouse(settings) as conn:
        conn.begin()
        if Lander(conn, settings).plan():  # something to land after all: leave it to the run
            conn.rollback()
            return False
        conn.commit()
    record_success(settings, obs)
    return True


def settled_key(settings: Settings, before: Observation, after: Observation) -> tuple | None:
    """For a watch loop: the key of `after` (taken when a run ended) when what still counts as new
    is only what the run itself saw in `before` (a run that failed, an entry retried on every run),
    so polls that see exactly that again can wait for a change instead of rerunning forever. None
    when nothing is new, or when a file appeared that the run did not see (it must run for it)."""
    if what_is_new(settings, after) is None:
        return None
    if not set(after.changed) <= set(before.changed):
        return None
    return after.key()


def state_path(settings: Settings) -> Path:
    return settings.data_dir / STATE_FILE


def read_state(settings: Settings) -> dict | None:
    try:
        state = orjson.loads(state_path(settings).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else None


def what_is_new(settings: Settings, obs: Observation) -> str | None:
    """Why a run has work to do, in words; None when nothing is new since the last successful run."""
    if obs.changed:
        if obs.changed[0].startswith("("):
            return obs.changed[0].strip("()")
        named = ", ".join(obs.changed[:NAMED_CHANGES])
        more = len(obs.changed) - NAMED_CHANGES
        return (
            f"{len(obs.changed)} new or changed landing files ({named}{f', {more} more' if more > 0 else ''})"
        )
    if obs.failed:
        return f"{obs.failed} landing entries failed before and are retried"
    if obs.pending_scans:
        return f"{obs.pending_scans} sessions wait for the monitor's scan (monitor.scan_pending)"
    state = read_state(settings)
    if state is None:
        return f"no record of a successful `cotwatch run` ({state_path(settings)})"
    if state.get("landing_root") != obs.landing_root:
        return f"another landing root than the last run ({state.get('landing_root')})"
    if state.get("code") != obs.code:
        return "the dbt project, rule pack or quality suites changed since the last run"
    if state.get("warehouse") != obs.warehouse:
        return "raw.files changed since the last successful `cotwatch run` (another run landed files)"
    if state.get("reviews") != obs.reviews:
        return "new reviews to land"
    if obs.snapshot is None:
        return "no serving snapshot published"
    if state.get("snapshot") != obs.snapshot:
        return f"the published snapshot is not the last run's ({obs.snapshot})"
    return None


def record_success(settings: Settings, before: Observation) -> None:
    """After a successful run: the inputs it saw (`before`: code, reviews, landing root) with the
    warehouse and snapshot it left. A file that arrived during the run is not in `raw.files`, so
    the next check still finds it. The landing folder is not listed again (for 5,209 files its
    listing and path redaction cost 0.3 s of every run): `files` is the count the run saw."""
    after = observe(settings, landing=False)
    state = {**after.as_state(), "code": before.code, "reviews": before.reviews, "files": before.files_seen}
    if after.warehouse is None or after.snapshot is None:
        forget(settings)
        return
    _write_atomically(state_path(settings), orjson.dumps(state, option=orjson.OPT_INDENT_2) + b"\n")


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temp file and a rename: a reader sees the old file or the new one whole."""
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def forget(settings: Settings) -> None:
    """After a failed run: the next one runs in full."""
    state_path(settings).unlink(missing_ok=True)


# The incremental dbt models (sessions taken since a watermark) hold rows built by an earlier
# version of the dbt project. When the project changed (a model's SQL, a macro, a var such as
# structural_detector_version in dbt_project.yml, the seeds) or the switch of the structural
# detectors did, those rows may be stale: the next build is then a full refresh. The digest of the
# project of the last successful build is kept next to the warehouse.
DBT_STATE_FILE = "dbt_incremental_digest"
DBT_ENV = ("COTWATCH_STRUCTURAL_DETECTORS",)


def dbt_project_digest(project_dir: Path = REPO_ROOT / "dbt_project") -> str:
    """`code_digest` of the dbt project alone, plus the environment its models read."""
    digest = hashlib.sha256(code_digest((project_dir,)).encode())
    for key in DBT_ENV:
        digest.update(f"\0{key}\0{os.environ.get(key, '')}".encode())
    return digest.hexdigest()


def dbt_state_changed(settings: Settings, digest: str | None = None) -> str | None:
    """Why the incremental models must be rebuilt from scratch (the dbt project, whose digest the
    caller may have computed already, differs from the last successful build's, or no build
    recorded one), or None when they can be incremental."""
    try:
        recorded = (settings.data_dir / DBT_STATE_FILE).read_text().strip()
    except OSError:
        return "no record of the dbt project the incremental models were built with"
    if recorded != (digest or dbt_project_digest()):
        return "the dbt project changed since the incremental models were built"
    return None


def record_dbt_state(settings: Settings, digest: str | None) -> None:
    """After a successful build: the project digest it was built with (None: forget it, so the next
    build is a full refresh)."""
    path = settings.data_dir / DBT_STATE_FILE
    if digest is None:
        path.unlink(missing_ok=True)
        return
    _write_atomically(path, (digest + "\n").encode())
