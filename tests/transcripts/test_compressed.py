"""Inflating compressed transcripts: every gzip member, zstd frames, and the zip-member limits."""

from __future__ import annotations

import gzip
from pathlib import Path

import zstandard

from pipelines.transcripts.compressed import inflate
from pipelines.transcripts.safezip import ZipLimits

CLAUDE = Path(__file__).parents[1] / "fixtures" / "real" / "claude_code" / "sample_main_transcript.jsonl"


def test_plain_bytes_pass_through_untouched() -> None:
    data = CLAUDE.read_bytes()
    assert inflate(data) == (data, None)


def test_concatenated_gzip_members_and_zstd_frames_inflate_whole() -> None:
    data = CLAUDE.read_bytes()
    half = len(data) // 2
    assert inflate(gzip.compress(data[:half]) + gzip.compress(data[half:])) == (data, None)
    frames = zstandard.compress(data[:half]) + zstandard.compress(data[half:])
    assert inflate(frames) == (data, None)


def test_size_limit_stops_inflating_past_it() -> None:
    limits = ZipLimits(max_entry_bytes=10_000)
    inflated, reason = inflate(gzip.compress(CLAUDE.read_bytes()), limits)
    assert inflated is None
    assert reason == "gzip file refused: it inflates past the limit of 10000 bytes per file"
    inflated, reason = inflate(zstandard.compress(CLAUDE.read_bytes()), limits)
    assert inflated is None and reason.startswith("zstd file refused: it inflates past")


def test_garbage_after_a_gzip_member_is_corrupt() -> None:
    inflated, reason = inflate(gzip.compress(b'{"a": 1}\n') + b"not gzip")
    assert inflated is None
    assert reason == "corrupt gzip file: bytes after the last member are not a gzip member"
