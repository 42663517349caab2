"""Transcript rendering: events and signals to escaped HTML with the evidence highlighted.

Transcript text is untrusted (an agent or a user wrote it). Every piece of it goes through
`html.escape` before it is placed in our markup, and the markup is shown with `st.html`, which
does no Markdown processing, so neither `<script>` nor Markdown links or images in a transcript can
turn into live elements. Highlights are computed on the raw text and escaped piece by piece.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

MAX_FIELD_CHARS = 6000  # per displayed field; longer text shows a window around its highlights
SEVERITY_COLOURS = {"critical": "#b42318", "high": "#dc6803", "medium": "#ca8504", "low": "#667085"}
KIND_LABELS = {
    "user_message": "user",
    "assistant_text": "assistant",
    "reasoning": "reasoning",
    "tool_call": "tool call",
    "tool_result": "tool result",
    "system": "system",
}

CSS = """
<style>
.cw-timeline { font-size: 0.9rem; }
.cw-ev { border-left: 4px solid #d0d5dd; padding: 0.35rem 0.75rem; margin: 0 0 0.6rem 0;
         background: rgba(127,127,127,0.06); border-radius: 0 6px 6px 0; }
.cw-ev.k-user_message { border-left-color: #2e90fa; }
.cw-ev.k-reasoning { border-left-color: #7a5af8; }
.cw-ev.k-assistant_text { border-left-color: #12b76a; }
.cw-ev.k-tool_call { border-left-color: #f79009; }
.cw-ev.k-tool_result { border-left-color: #98a2b3; }
.cw-ev.k-system { border-left-color: #475467; }
.cw-ev.cw-focus { box-shadow: 0 0 0 2px #f04438 inset; }
.cw-ev.cw-flagged { background: rgba(240,68,56,0.07); }
.cw-head { font-size: 0.75rem; color: #667085; margin-bottom: 0.2rem; }
.cw-head b { color: inherit; text-transform: uppercase; letter-spacing: 0.03em; }
.cw-body { white-space: pre-wrap; word-break: break-word; font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
           font-size: 0.82rem; margin: 0; }
.cw-ev.k-tool_result .cw-body { max-height: 18rem; overflow: auto; }
.cw-prose { white-space: pre-wrap; word-break: break-word; margin: 0; }
.cw-sig { display: inline-block; font-size: 0.72rem; padding: 0.05rem 0.4rem; border-radius: 999px; color: #fff;
          margin: 0.15rem 0.3rem 0.15rem 0; }
.cw-evidence { font-size: 0.8rem; margin: 0.2rem 0 0 0; color: inherit; }
mark.cw-hl { background: rgba(240,68,56,0.28); color: inherit; padding: 0 1px; border-bottom: 2px solid #f04438; }
.cw-omit { color: #98a2b3; font-style: italic; }
.cw-muted { color: #98a2b3; }
.cw-facts { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0.25rem 0 0.5rem 0; }
.cw-fact-k { font-size: 0.75rem; color: #667085; text-transform: uppercase; letter-spacing: 0.03em; }
.cw-fact-v { font-size: 1.05rem; font-weight: 600; word-break: break-word; }
</style>
"""


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    severity: str


def esc(value: object) -> str:
    """Escape any value for HTML text or attribute context."""
    return html.escape("" if value is None else str(value), quote=True)


def highlight_html(text: str, highlights: Iterable[Highlight], max_chars: int = MAX_FIELD_CHARS) -> str:
    """`text` escaped, with each highlight wrapped in <mark>; long text is cut around the highlights."""
    spans = sorted(
        (h for h in highlights if 0 <= h.start < h.end <= len(text)), key=lambda h: (h.start, -h.end)
    )
    lo, hi = 0, len(text)
    if len(text) > max_chars:
        anchor = spans[0].start if spans else 0
        lo = max(0, anchor - max_chars // 3)
        hi = min(len(text), lo + max_chars)
    out: list[str] = []
    if lo > 0:
        out.append(f'<span class="cw-omit">… {lo:,} characters before …</span>\n')
    pos = lo
    for h in spans:
        start, end = max(h.start, pos), min(h.end, hi)
        if start >= end:
            continue  # overlaps an earlier highlight or lies outside the window
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="cw-hl" title="{esc(h.severity)}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:hi]))
    if hi < len(text):
        out.append(f'\n<span class="cw-omit">… {len(text) - hi:,} more characters …</span>')
    return "".join(out)


def _squash(text: str) -> str:
    return " ".join(text.split())


def locate(text: str, signal: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where a signal's match lies in `text`, or None when this text is not what the detector read.

    The span offsets are relative to the channel text the detector read; they are trusted only when
    the piece they cut out appears in the signal's evidence excerpt. Otherwise the excerpt itself is
    looked up in the text (its whitespace was squashed, so the search is whitespace-tolerant).
    """
    if not text:
        return None
    start, end = signal.get("span_start"), signal.get("span_end")
    evidence = _squash(str(signal.get("evidence") or ""))
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        piece = _squash(text[start:end])
        if piece and (not evidence or piece in evidence):
            return start, end
    core = evidence.strip("…").strip()
    if len(core) < 4:
        return None
    words = core.split(" ")[:40]
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def command_of(tool_input: str | None) -> str | None:
    """The shell command of a tool call's JSON input (string or argv list), as the monitor reads it."""
    if not tool_input:
        return None
    try:
        data = orjson.loads(tool_input)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    for key in ("command", "cmd"):
        value = data.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return " ".join(value)
    return None


def _pretty_json(text: str) -> str:
    try:
        return orjson.dumps(orjson.loads(text), option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONDecodeError:
        return text


def event_fields(event: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    """The texts shown for an event: (label, text, monospace)."""
    kind = event.get("kind")
    fields: list[tuple[str, str, bool]] = []
    if kind == "tool_call":
        command = command_of(event.get("tool_input"))
        if command is not None:
            fields.append(("command", command, True))
        if event.get("tool_input"):
            raw = event["tool_input"]
            fields.append(("input", _pretty_json(raw) if command is None else raw, True))
    elif kind == "tool_result":
        fields.append(("output", event.get("tool_output") or event.get("text") or "", True))
    else:
        fields.append(("text", event.get("text") or "", False))
    return fields


def signal_badge(signal: Mapping[str, Any]) -> str:
    colour = SEVERITY_COLOURS.get(str(signal.get("severity")), "#667085")
    confidence = signal.get("confidence")
    conf = f" · {confidence:.2f}" if isinstance(confidence, float) else ""
    return (
        f'<span class="cw-sig" style="background:{colour}" title="{esc(signal.get("detector_id"))}">'
        f"{esc(signal.get('severity'))} · {esc(signal.get('category'))} · {esc(signal.get('detector_id'))}{conf}</span>"
    )


def event_html(event: Mapping[str, Any], signals: list[Mapping[str, Any]], *, focus: bool = False) -> str:
    """One event as a card: header, its texts with the evidence of `signals` highlighted, badges."""
    kind = str(event.get("kind") or "")
    classes = ["cw-ev", f"k-{kind}" if kind in KIND_LABELS else ""]
    if signals:
        classes.append("cw-flagged")
    if focus:
        classes.append("cw-focus")
    head = [f"<b>{esc(KIND_LABELS.get(kind, kind))}</b>", f"#{esc(event.get('event_index'))}"]
    if event.get("ts") is not None:
        head.append(esc(str(event["ts"])[:19]))
    if event.get("tool_name"):
        head.append(f"tool <code>{esc(event['tool_name'])}</code>")
    if kind == "tool_result":
        if event.get("exit_code") is not None:
            head.append(f"exit {esc(event['exit_code'])}")
        if event.get("is_error"):
            head.append('<span style="color:#f04438">error</span>')
    if kind == "reasoning" and event.get("reasoning_visibility") not in (None, "plain"):
        head.append(f"reasoning: {esc(event['reasoning_visibility'])}")
    parts = [f'<div class="{" ".join(c for c in classes if c)}" id="ev-{esc(event.get("event_index"))}">',
             f'<div class="cw-head">{" · ".join(head)}</div>']  # fmt: skip
    placed: set[int] = set()
    for n, (label, text, mono) in enumerate(event_fields(event)):
        marks = []
        for i, sig in enumerate(signals):
            where = locate(text, sig) if i not in placed else None
            if where:
                marks.append(Highlight(where[0], where[1], str(sig.get("severity"))))
                placed.add(i)
        if n > 0 and not marks:
            continue  # a secondary view (the raw JSON of a decoded command) only when it holds evidence
        if not text:
            parts.append(f'<div class="cw-muted">({esc(label)} empty)</div>')
            continue
        parts.append(f'<div class="{"cw-body" if mono else "cw-prose"}">{highlight_html(text, marks)}</div>')
    if signals:
        parts.append("<div>")
        for i, sig in enumerate(signals):
            parts.append(signal_badge(sig))
            if i not in placed and sig.get("evidence"):
                # The detector read a text we do not show verbatim (e.g. a file edit's added lines).
                parts.append(
                    f'<div class="cw-evidence">evidence: <mark class="cw-hl">{esc(sig["evidence"])}</mark></div>'
                )
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def timeline_html(
    events: Iterable[Mapping[str, Any]],
    signals: Iterable[Mapping[str, Any]],
    *,
    focus: set[int] | None = None,
) -> str:
    """Events in order with their signals inline; session-level signals (no event) come first."""
    by_event: dict[int | None, list[Mapping[str, Any]]] = {}
    for sig in signals:
        by_event.setdefault(sig.get("event_index"), []).append(sig)
    parts = ['<div class="cw-timeline">']
    if by_event.get(None):
        parts.append('<div class="cw-ev cw-flagged"><div class="cw-head"><b>session-level signals</b></div>')
        for sig in by_event[None]:
            parts.append(signal_badge(sig))
            if sig.get("evidence"):
                parts.append(f'<div class="cw-evidence">{esc(sig["evidence"])}</div>')
        parts.append("</div>")
    for ev in events:
        idx = ev.get("event_index")
        parts.append(event_html(ev, by_event.get(idx, []), focus=bool(focus and idx in focus)))
    parts.append("</div>")
    return "".join(parts)
