"""One run at a time: a run-level lock on the data dir, shared by `cotwatch run`, the Dagster job and
any watch mode.

DuckDB refuses a second writer process with a lock error at whatever moment the second one first
opens the file, so two overlapping runs used to fail each other half-way, and which one won was a
matter of timing. A run now takes `<data_dir>/warehouse.lock` before it opens the warehouse and
keeps it to the end; a second run is refused at once with who holds it and since when.

The lock is an advisory `flock` on the file, so the kernel drops it when its holder dies (kill -9,
power loss): a lock file left behind is stale, not held, and the next run takes it over and says
so. The file's content (pid, start time, command) only serves the messages. Taking the lock again
in the process that holds it is a no-op (`cotwatch run` holds it around the Dagster run whose
resources take it too), and it is released when the outermost holder lets go.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson

LOCK_FILE = "warehouse.lock"


class WarehouseLocked(RuntimeError):
    """Another run holds the warehouse."""


@dataclass(frozen=True)
class Holder:
    pid: int | None
    since: str | None
    host: str | None
    command: str | None

    def describe(self) -> str:
        parts = [f"since {self.since}" if self.since else "since an unknown time"]
        parts.append(f"pid {self.pid}" if self.pid else "pid unknown")
        if self.host and self.host != socket.gethostname():
            parts.append(f"on {self.host}")
        if self.command:
            parts.append(f"({self.command})")
        return ", ".join(parts)


@dataclass
class _Held:
    fd: int
    depth: int
    stale: Holder | None  # the dead holder whose lock file this run took over, if any


_HELD: dict[Path, _Held] = {}
_GUARD = threading.Lock()


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def read_holder(path: Path) -> Holder | None:
    """Who the lock file says holds (or last held) the lock; None when there is no readable record."""
    try:
        data = orjson.loads(path.read_bytes() or b"null")
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    return Holder(
        pid=pid if isinstance(pid, int) else None,
        since=str(data["since"]) if data.get("since") else None,
        host=str(data["host"]) if data.get("host") else None,
        command=str(data["command"]) if data.get("command") else None,
    )


def acquire(data_dir: Path, command: str | None = None) -> Holder | None:
    """Take the run lock without waiting; raise WarehouseLocked naming the holder when it is taken.

    Returns the stale holder whose lock this run took over (a run that died), else None.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = lock_path(data_dir).resolve()
    with _GUARD:
        held = _HELD.get(path)
        if held is not None:
            held.depth += 1
            return held.stale
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = read_holder(path)
            detail = holder.describe() if holder else "since an unknown time, pid unknown"
            hint = "wait for it to finish"
            if (
                holder
                and holder.pid
                and (holder.host in (None, socket.gethostname()))
                and not pid_alive(holder.pid)
            ):
                hint = (
                    f"pid {holder.pid} is no longer running, but a process it started still holds the "
                    "lock; stop that process"
                )
            raise WarehouseLocked(f"another run holds the warehouse {detail}: {hint} ({path})") from None
        except BaseException:
            os.close(fd)
            raise
        previous = read_holder(path)
        stale = previous if previous and previous.pid and previous.pid != os.getpid() else None
        record = {
            "pid": os.getpid(),
            "since": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "host": socket.gethostname(),
            "command": command or " ".join(os.path.basename(a) for a in sys.argv[:2]) or None,
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, orjson.dumps(record) + b"\n", 0)
        _HELD[path] = _Held(fd=fd, depth=1, stale=stale)
        return stale


def release(data_dir: Path) -> None:
    """Let go of one level of the lock; the outermost release unlocks the file."""
    path = lock_path(data_dir).resolve()
    with _GUARD:
        held = _HELD.get(path)
        if held is None:
            return
        held.depth -= 1
        if held.depth > 0:
            return
        del _HELD[path]
        try:
            os.ftruncate(held.fd, 0)  # no holder on record once released
        finally:
            fcntl.flock(held.fd, fcntl.LOCK_UN)
            os.close(held.fd)


@contextmanager
def run_lock(data_dir: Path, command: str | None = None) -> Iterator[Holder | None]:
    """Hold the run lock for the block; yields the stale holder taken over, if any."""
    stale = acquire(data_dir, command)
    try:
        yield stale
    finally:
        release(data_dir)


def held_here(data_dir: Path) -> bool:
    """Whether this process holds the run lock of `data_dir`."""
    with _GUARD:
        return lock_path(data_dir).resolve() in _HELD
