"""Read members of an untrusted zip archive held in memory, never extracting anything to disk.

Transcript archives (Inspect `.eval` logs) come from outside: a member may be a zip bomb (huge
uncompressed size, extreme compression ratio), carry a path that escapes (`../../etc/passwd`, an
absolute or Windows path), be encrypted, use a method `zipfile` cannot inflate, or lie about its
size in its header. Every member is checked from the central directory before it is read, and
reads are bounded by the declared size, so a lying header can neither blow memory nor go unnoticed
(zipfile stops at the declared size and the CRC check then fails).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

READ_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
# What the standard library can inflate (zstd needs Python 3.14, deflate64 an extra package).
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class ZipLimits:
    max_entry_bytes: int = 256 * 1024 * 1024  # uncompressed size of one member
    max_total_bytes: int = 1024 * 1024 * 1024  # uncompressed bytes read from one archive
    max_ratio: float = 200.0  # uncompressed / compressed, checked on members above ratio_min_bytes
    ratio_min_bytes: int = 1024 * 1024
    max_entries: int = 100_000


DEFAULT_LIMITS = ZipLimits()


class EntryRefused(Exception):
    """A member that is not read; the message says why."""


def open_archive(
    data: bytes, limits: ZipLimits = DEFAULT_LIMITS
) -> tuple[zipfile.ZipFile | None, str | None]:
    """The archive, or None and the reason it cannot be opened."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # any failure on hostile bytes is a reason, not a crash
        return None, f"corrupt zip archive: {type(exc).__name__}: {exc}"[:500]
    if len(infos) > limits.max_entries:
        return None, f"zip archive refused: {len(infos)} entries exceed the limit of {limits.max_entries}"
    return archive, None


def entry_name(info: zipfile.ZipInfo) -> str:
    """The member name for messages: quoted and cut short (names are attacker-chosen)."""
    name = info.filename if len(info.filename) <= 200 else info.filename[:200] + "..."
    return repr(name)


def entry_problem(info: zipfile.ZipInfo, limits: ZipLimits = DEFAULT_LIMITS) -> str | None:
    """Why a member must not be read, from the central directory alone; None when it may be."""
    name = info.filename
    if "\x00" in name:
        return "its name contains a NUL byte"
    if "\\" in name:
        return "its name contains a backslash (a Windows path)"
    if name.startswith("/") or _DRIVE.match(name):
        return "its path is absolute"
    if ".." in name.split("/"):
        return "its path escapes the archive (contains '..')"
    if info.flag_bits & 0x1:
        return "it is encrypted"
    if info.compress_type not in READABLE_METHODS:
        method = zipfile.compressor_names.get(info.compress_type, "unknown")
        return f"unsupported compression method {info.compress_type} ({method})"
    if info.file_size > limits.max_entry_bytes:
        return (
            f"its uncompressed size of {info.file_size} bytes exceeds the limit of "
            f"{limits.max_entry_bytes} bytes per entry"
        )
    if info.file_size > limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        ratio = info.file_size / max(info.compress_size, 1)
        return (
            f"its compression ratio of {ratio:.0f}:1 ({info.file_size} bytes from {info.compress_size}) "
            f"exceeds the limit of {limits.max_ratio:.0f}:1 (zip bomb)"
        )
    return None


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The member's bytes, read in chunks and never more than its declared size or the budget.

    Raises EntryRefused with the reason when the member is corrupt, inflates past what its header
    declares, or would exceed the archive's remaining byte budget.
    """
    if info.file_size > budget:
        raise EntryRefused(
            f"reading its {info.file_size} bytes would exceed the archive's total uncompressed limit "
            f"({budget} bytes left)"
        )
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(READ_CHUNK):
                total += len(chunk)
                if total > info.file_size:
                    raise EntryRefused(f"it inflates past its declared size of {info.file_size} bytes")
                chunks.append(chunk)
    except EntryRefused:
        raise
    except Exception as exc:  # CRC errors, truncated data, bad headers: all a reason
        raise EntryRefused(f"it cannot be read: {type(exc).__name__}: {exc}"[:500]) from exc
    return b"".join(chunks)
