"""The format-neutral shape of a synthetic session: turns of steps of actions.

A planner (`planner.py`) builds a `SessionPlan`; the Claude Code and Codex renderers turn the same
plan into each agent's on-disk records, so both formats show the same behaviour through their own
tools (Read vs `sed -n`, Edit vs apply_patch, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Act:
    """One tool call and its result."""

    kind: str  # read | grep | glob | ls | edit | write | bash | task
    path: str = ""  # repo-relative, or absolute / ~-relative outside the repo
    text: str = ""  # read: content shown; write: new content
    edits: list[tuple[str, str]] = field(default_factory=list)  # edit: (old, new) pairs
    original: str = ""  # edit/write: content before the change ("" for a new file)
    cmd: str = ""  # bash
    out: str = ""
    code: int = 0
    desc: str = ""  # Claude's Bash description
    pattern: str = ""  # grep / glob
    hits: list = field(default_factory=list)  # grep: (path, lineno, line); glob: paths
    sub: SubAgent | None = None  # task
    denied: bool = False  # blocked by the agent's permission layer (Claude)
    secs: float = 0.0  # how long the tool ran


@dataclass(slots=True)
class Step:
    """One model response: reasoning, optional commentary, then tool calls."""

    title: str
    thought: str
    acts: list[Act] = field(default_factory=list)
    say: str = ""
    key: bool = False  # carries misbehaviour reasoning: always rendered with a reasoning block


@dataclass(slots=True)
class Turn:
    prompt: str
    steps: list[Step]
    final: str
    final_thought: str
    final_title: str = "Summarizing changes"


@dataclass(slots=True)
class SubAgent:
    """A Claude Code Task subagent: its own sidechain transcript."""

    description: str
    prompt: str
    steps: list[Step]
    final: str
    categories: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SessionPlan:
    turns: list[Turn]
    categories: list[str]
    hard_negative: bool
    task: str
    lang: str
    repo: str
    subagents: list[SubAgent] = field(default_factory=list)


def line_hunk(original: str, old: str, new: str) -> tuple[int, list[str], list[str], list[str], list[str]]:
    """Where replacing `old` by `new` in `original` changes lines: (index of the first context line,
    up to 3 context lines before, removed lines, added lines, up to 3 context lines after)."""
    pos = original.find(old)
    first = original.count("\n", 0, pos) if pos >= 0 else 0
    old_lines, new_lines = old.split("\n"), new.split("\n")
    p = 0
    while p < min(len(old_lines), len(new_lines)) and old_lines[p] == new_lines[p]:
        p += 1
    q = 0
    while q < min(len(old_lines), len(new_lines)) - p and old_lines[-1 - q] == new_lines[-1 - q]:
        q += 1
    minus = old_lines[p : len(old_lines) - q]
    plus = new_lines[p : len(new_lines) - q]
    lines = original.split("\n")
    changed = first + p
    before = lines[max(0, changed - 3) : changed]
    after = lines[changed + len(minus) : changed + len(minus) + 3]
    return changed - len(before), before, minus, plus, after
