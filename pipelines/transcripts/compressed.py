"""Compressed transcripts (`.jsonl.gz`, `.json.gz`, `.jsonl.zst`, ...): inflated before sniffing.

Any JSON format may arrive gzip- or zstd-compressed; the compression is recognised from the magic
bytes, never from the name. The file is inflated in chunks with the same limits as a zip member
(`safezip.ZipLimits`): the uncompressed size per file and the compression ratio, so a compression
bomb is refused after at most one chunk past the limit, never inflated whole. A refused or corrupt
file is recorded as unsupported with the reason; the inflated bytes are then read like any file.
"""

from __future__ import annotations

import zlib
from io import BytesIO

import zstandard

from pipelines.transcripts.safezip import DEFAULT_LIMITS, READ_CHUNK, ZipLimits

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def compression_of(data: bytes) -> str | None:
    """'gzip' or 'zstd' when the bytes start with that format's magic number, else None."""
    if data[:2] == GZIP_MAGIC:
        return "gzip"
    if data[:4] == ZSTD_MAGIC:
        return "zstd"
    return None


class Refused(Exception):
    """A compressed file that is not inflated; the message says why."""


def _check(total: int, compressed: int, limits: ZipLimits, method: str) -> None:
    if total > limits.max_entry_bytes:
        raise Refused(
            f"{method} file refused: it inflates past the limit of {limits.max_entry_bytes} bytes per file"
        )
    if total > limits.ratio_min_bytes and total > limits.max_ratio * max(compressed, 1):
        raise Refused(
            f"{method} file refused: its compression ratio passes {limits.max_ratio:.0f}:1 "
            f"({total} bytes from {compressed} so far; compression bomb)"
        )


def _gunzip(data: bytes, limits: ZipLimits) -> bytes:
    """Every gzip member in turn (concatenated members are one stream, as `gzip -d` reads them)."""
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        view = rest
        while True:
            chunk = inflater.decompress(view, READ_CHUNK)
            total += len(chunk)
            out.append(chunk)
            _check(
                total, len(data) - len(inflater.unconsumed_tail) - len(inflater.unused_data), limits, "gzip"
            )
            if inflater.eof:
                break
            if not inflater.unconsumed_tail and not chunk:
                raise Refused("corrupt gzip file: it ends before its end-of-stream marker")
            view = inflater.unconsumed_tail
        rest = inflater.unused_data
        if rest and rest[:2] != GZIP_MAGIC:
            if rest.strip(b"\x00"):
                raise Refused("corrupt gzip file: bytes after the last member are not a gzip member")
            break  # zero padding after the last member, which gzip tolerates
    return b"".join(out)


def _unzstd(data: bytes, limits: ZipLimits) -> bytes:
    out: list[bytes] = []
    total = 0
    reader = zstandard.ZstdDecompressor().stream_reader(BytesIO(data), read_across_frames=True)
    with reader:
        while chunk := reader.read(READ_CHUNK):
            total += len(chunk)
            out.append(chunk)
            _check(total, len(data), limits, "zstd")
    return b"".join(out)


def inflate(data: bytes, limits: ZipLimits = DEFAULT_LIMITS) -> tuple[bytes | None, str | None]:
    """(uncompressed bytes, None), or (None, the reason it was refused). Bytes that are not
    compressed come back as they are."""
    method = compression_of(data)
    if method is None:
        return data, None
    try:
        return (_gunzip(data, limits) if method == "gzip" else _unzstd(data, limits)), None
    except Refused as exc:
        return None, str(exc)
    except (zlib.error, zstandard.ZstdError, EOFError, OSError) as exc:
        return None, f"corrupt {method} file: {type(exc).__name__}: {exc}"[:500]
