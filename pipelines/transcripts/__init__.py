"""Transcript formats: one module per on-disk format, each emitting the canonical event schema."""

from __future__ import annotations

import importlib

from pipelines.transcripts.base import TranscriptFormat

_FORMAT_MODULES = ("claude_code", "codex", "canonical", "inspect_eval", "otel", "trajectories")


def registered_formats() -> dict[str, TranscriptFormat]:
    """Every supported format by its `source_format` id."""
    formats = {}
    for name in _FORMAT_MODULES:
        module = importlib.import_module(f"pipelines.transcripts.{name}")
        for fmt in getattr(module, "FORMATS", None) or (module.FORMAT,):
            formats[fmt.source_format] = fmt
    return formats
