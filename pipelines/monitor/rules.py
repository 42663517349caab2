"""The rule pack: versioned detection rules kept as YAML data under `pipelines/monitor/rules/`.

Adding a rule needs no Python: drop a mapping into one of the `*.yaml` files (or a new file). Each rule:

    - id: tt.intent.weaken_tests        # unique across the pack: [a-z0-9_.-]+
      version: 1                        # bump when the rule's behaviour changes
      category: test_tampering          # a taxonomy id (pipelines.monitor.taxonomy.CATEGORIES)
      severity: high                    # low, medium, high, critical
      confidence: 0.8                   # optional, (0, 1], default 0.7
      channels: [reasoning, assistant_text]   # taxonomy.RULE_CHANNELS
      patterns:                         # RE2 *and* Python `re` syntax (no lookaround, no backrefs);
        - 'make the tests? pass by'     # case-insensitive unless `case_sensitive: true`
      paths: ['(^|/)conftest\\.py$']    # optional: only file_edit text of files whose path matches
      skip_paths: ['(^|/)Dockerfile']   # optional: never file_edit text of files whose path matches
      edit_paths: true                  # optional: also read the tool_input texts that are an edit's
                                        # path (Edit/Write, every file a patch touches); off, a rule
                                        # reads commands and call arguments only (a read of a grader
                                        # is not a write of docs/autograder.md)
      guards:
        negation: true                  # or a window in characters (default 60): a negation cue
                                        # before the match in its clause, or a rejection after it
        quotation: true                 # inside double quotes, a blockquote, or reported speech
        user_requested: ['...']         # the action a user may ask for (see "User requests" below)
        unless: ['...']                 # the benign form of the same action: a match whose line
                                        # (the match and the rest of its line) fits one is dropped
      description: what the rule finds and why it matters
      examples:
        positive: ["text the rule must flag", {text: ..., channel: tool_input, user: ..., path: ...}]
        negative: ["text it must not flag"]

User requests (the `user_requested` guard, `engine._user_requests`): read from the user's own messages
only, never tool output or file content. A hit is *requested* when an earlier user message matches
one of the rule's patterns (the action) and names one of the hit's targets (a path, file, host, table
or branch token of the matched line or edited file), or the hit names no target at all. A requested
hit is dropped, except a critical rule's, which drops to severity low: a keyword never silences a
critical detector. When the user message only shares the action's keywords, the severity is lowered
one step. A request does not lower a hit at all when the hit acts on the parent of a path the user
named (asked for s3://b/tmp/, removed s3://b) or on production when the user named only another
environment (asked "on staging", ran against $PROD_DSN). A handle the user names (@lwei) is a target
in a URL that has it as a path segment (github.com/lwei/repo).

`pack.yaml` in the same folder holds the pack's declared version and the guard cue lists. The version
the monitor records (`RulePack.version`) is the declared one plus a hash of every rule file, so any
edit to the pack makes the next run rescan all sessions.

Invalid input raises `RuleError` naming the file, the rule and the field.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import yaml

from pipelines.monitor.regex_syntax import constants as sre_constants
from pipelines.monitor.regex_syntax import parser as sre_parse
from pipelines.monitor.taxonomy import CATEGORIES, RULE_CHANNELS, SEVERITIES

RULES_DIR = Path(__file__).resolve().parent / "rules"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACK_FILE = "pack.yaml"
DEFAULT_CONFIDENCE = 0.7
DEFAULT_NEGATION_WINDOW = 60
RULE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")

RULE_FIELDS = {
    "id",
    "version",
    "category",
    "severity",
    "confidence",
    "channels",
    "patterns",
    "case_sensitive",
    "paths",
    "skip_paths",
    "edit_paths",
    "guards",
    "description",
    "examples",
}
REQUIRED_FIELDS = ("id", "version", "category", "severity", "channels", "patterns", "description", "examples")
GUARD_FIELDS = {"negation", "quotation", "user_requested", "unless"}
EXAMPLE_FIELDS = {"text", "channel", "user", "path", "severity"}
PACK_FIELDS = {"version", "description", "guards"}
PACK_GUARD_FIELDS = {"negation_cues", "rejection_cues", "reported_speech_cues", "clause_breaks"}


class RuleError(ValueError):
    """An invalid rule file or rule; the message names the file, the rule and the field."""


@dataclass(frozen=True)
class Example:
    text: str
    channel: str  # the channel the example is fed through (default: the rule's first channel)
    user: str | None = None  # an earlier user message in the same session
    path: str | None = None  # the edited file's path, for file_edit examples
    severity: str | None = None  # for positives: the severity the signal must carry (after guards)


@dataclass(frozen=True)
class Guards:
    negation: int | None  # window in characters, None when the guard is off
    quotation: bool
    user_requested: tuple[str, ...]
    unless: tuple[str, ...] = ()


def _any_of(patterns: tuple[str, ...]) -> str | None:
    """One case-insensitive regex matching any of the patterns, or None when there are none."""
    if not patterns:
        return None
    return "(?i:" + "|".join(f"(?:{p})" for p in patterns) + ")"


@dataclass(frozen=True)
class Rule:
    id: str
    version: str
    category: str
    severity: str
    confidence: float
    channels: tuple[str, ...]
    patterns: tuple[str, ...]
    case_sensitive: bool
    paths: tuple[str, ...]
    skip_paths: tuple[str, ...]
    edit_paths: bool
    guards: Guards
    description: str
    positive: tuple[Example, ...]
    negative: tuple[Example, ...]
    source: str  # the file the rule came from

    @property
    def regex(self) -> str:
        """All patterns as one expression, valid in RE2 and in Python `re`."""
        body = "|".join(f"(?:{p})" for p in self.patterns)
        return body if self.case_sensitive else f"(?i:{body})"

    @property
    def user_regex(self) -> str | None:
        return _any_of(self.guards.user_requested)

    @property
    def unless_regex(self) -> str | None:
        """The benign forms of the rule's action (guard `unless`), case as the rule's patterns."""
        if not self.guards.unless:
            return None
        body = "|".join(f"(?:{p})" for p in self.guards.unless)
        return body if self.case_sensitive else f"(?i:{body})"

    @property
    def units(self) -> list[tuple[str, str]]:
        """(unit id, regex) per pattern: the engine runs each pattern on its own candidates, since one
        RE2 DFA per pattern stays small and fast where the rule's whole alternation may not."""
        return [
            (f"{self.id}#{i}", p if self.case_sensitive else f"(?i:{p})") for i, p in enumerate(self.patterns)
        ]

    @property
    def path_regex(self) -> str | None:
        return _any_of(self.paths)

    @property
    def skip_path_regex(self) -> str | None:
        return _any_of(self.skip_paths)


@dataclass(frozen=True)
class GuardCues:
    """Regular expressions the guards use; data in pack.yaml so they can be tuned without Python."""

    negation: str
    rejection: str
    reported_speech: str
    clause_breaks: str


@dataclass(frozen=True)
class RulePack:
    declared_version: str
    content_hash: str
    rules: tuple[Rule, ...]
    cues: GuardCues
    files: tuple[str, ...] = field(default=())

    @property
    def version(self) -> str:
        return f"{self.declared_version}+{self.content_hash}"

    def rules_for(self, channel: str) -> list[Rule]:
        return [r for r in self.rules if channel in r.channels]


class _Validator:
    """Checks patterns in both regex engines the monitor uses: RE2 (DuckDB) and Python `re`.

    Python `re` checks each pattern at once; the RE2 checks wait for `finish()`, which runs them
    all in one DuckDB query (one query per pattern cost seconds on every run that loads the pack)
    and, only when that query fails, one by one to name the pattern at fault."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, str]] = []

    def check_pattern(self, pattern: object, where: str) -> str:
        if not isinstance(pattern, str) or not pattern:
            raise RuleError(f"{where}: expected a non-empty string, got {pattern!r}")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{where}: invalid regular expression for Python re: {exc}") from None
        if compiled.search("") is not None:
            raise RuleError(f"{where}: pattern matches the empty string")
        self.pending.append((pattern, where))
        return pattern

    def finish(self) -> None:
        pending, self.pending = self.pending, []
        if not pending:
            return
        with duckdb.connect() as conn:
            try:
                empties = conn.execute(
                    "select list_transform(?::varchar[], lambda p: regexp_matches('', p))",
                    [[p for p, _ in pending]],
                ).fetchone()[0]
            except duckdb.Error:
                empties = None
            if empties is None:
                for pattern, where in pending:
                    try:
                        conn.execute("select regexp_matches('', ?)", [pattern]).fetchone()
                    except duckdb.Error as exc:
                        raise RuleError(f"{where}: invalid RE2 regular expression: {exc}") from None
                raise RuleError("rule pack: a pattern failed the RE2 check but none failed alone")
        for (_pattern, where), empty in zip(pending, empties, strict=True):
            if empty:
                raise RuleError(f"{where}: pattern matches the empty string")


MIN_ANCHOR = 3
ANCHOR_SETS = 1


def _is_ascii_literal(code: int) -> bool:
    return code < 128 and chr(code) not in "\n\r"


def _required_sets(items: list) -> list[frozenset[str]]:
    """Any-of literal sets that every match of this node sequence must contain (lower case)."""
    sets: list[frozenset[str]] = []
    run = ""

    def flush() -> None:
        nonlocal run
        if len(run) >= MIN_ANCHOR:
            sets.append(frozenset({run.lower()}))
        run = ""

    for op, av in items:
        if op is sre_constants.LITERAL and _is_ascii_literal(av):
            run += chr(av)
        elif op is sre_constants.AT:  # \b, ^, $ consume nothing
            continue
        else:
            flush()
            best = _best_set(op, av)
            if best is not None:
                sets.append(best)
    flush()
    return sets


def _best_set(op: object, av: object) -> frozenset[str] | None:
    """One any-of literal set one of which this node must contain, or None."""
    if op is sre_constants.SUBPATTERN:
        found = _required_sets(list(av[3]))
        return max(found, key=_set_quality) if found else None
    if op is sre_constants.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _required_sets(list(branch))
            if not found:
                return None
            out |= max(found, key=_set_quality)
        return frozenset(out)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
        found = _required_sets(list(av[2]))
        return max(found, key=_set_quality) if found else None
    return None


# Words too common in coding transcripts to make a selective anchor.
COMMON_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "then",
        "than",
        "what",
        "when",
        "will",
        "would",
        "should",
        "could",
        "can",
        "just",
        "only",
        "also",
        "not",
        "but",
        "from",
        "into",
        "onto",
        "test",
        "tests",
        "code",
        "check",
        "run",
        "make",
        "get",
        "use",
        "set",
        "add",
        "the",
        "fix",
        "file",
        "line",
        "value",
        "data",
        "user",
        "pass",
        "case",
        "part",
        "time",
        "make",
        "sure",
        "need",
        "want",
        "like",
        "look",
        "see",
        "keep",
        "take",
        "give",
        "have",
        "has",
        "had",
        "are",
        "was",
        "were",
        "been",
        "its",
        "it's",
        "let",
        "me",
        "our",
        "your",
        "their",
        "they",
        "them",
        "some",
        "any",
        "all",
        "each",
        "more",
        "most",
        "much",
        "very",
        "out",
        "over",
        "back",
        "down",
    ]
)


def _set_quality(s: frozenset[str]) -> tuple[int, int, int]:
    # a set with a common word matches almost every long text; then longer literals are rarer
    common = any(x.strip() in COMMON_WORDS for x in s)
    return (0 if common else 1, min(len(x) for x in s), -len(s))


def _alternatives(items: list) -> list[list]:
    """Split a parsed pattern into its top-level alternatives, looking through wrapping groups."""
    while len(items) == 1 and items[0][0] is sre_constants.SUBPATTERN:
        items = list(items[0][1][3])
    # the parser moves a prefix shared by all alternatives (often \b) in front of the branch
    if items and items[-1][0] is sre_constants.BRANCH:
        prefix = items[:-1]
        out: list[list] = []
        for branch in items[-1][1][1]:
            out += [prefix + alt for alt in _alternatives(list(branch))]
        return out
    return [items]


@cache
def rule_anchors(regex: str) -> tuple[tuple[tuple[frozenset[str], ...], int | None], ...] | None:
    """Literal prerequisites of a regex, for the engine's one-pass literal prefilter.

    One entry per top-level alternative: (any-of literal sets, max match width). Every match of the
    alternative contains, case-insensitively, one literal of each set, all within the width (None
    when unbounded). None when some alternative has no usable literal (the regex must read every text).
    """
    parsed = sre_parse.parse(regex)
    out = []
    for alt in _alternatives(list(parsed)):
        sets = _required_sets(alt)
        if not sets:
            return None
        _, hi = sre_parse.SubPattern(parsed.state, alt).getwidth()
        width = None if hi >= sre_constants.MAXREPEAT or hi > 4000 else int(hi)
        # the two most selective prerequisites: rare enough to skip most texts, few enough to join fast
        out.append((tuple(sorted(set(sets), key=_set_quality, reverse=True)[:ANCHOR_SETS]), width))
    return tuple(out)


def _where(source: str, rule_id: object, index: int, fld: str) -> str:
    rid = f"'{rule_id}'" if isinstance(rule_id, str) else "(no id)"
    return f"{source}: rule {rid} (#{index + 1}): field '{fld}'"


def _parse_example(raw: object, rule_channels: tuple[str, ...], where: str) -> Example:
    if isinstance(raw, str) and raw:
        return Example(text=raw, channel=rule_channels[0])
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: an example is a non-empty string or a mapping with 'text', got {raw!r}")
    unknown = set(raw) - EXAMPLE_FIELDS
    if unknown:
        raise RuleError(f"{where}: unknown example field(s) {sorted(unknown)}")
    text = raw.get("text")
    if not isinstance(text, str) or not text:
        raise RuleError(f"{where}: example field 'text' must be a non-empty string")
    channel = raw.get("channel", rule_channels[0])
    if channel not in rule_channels:
        raise RuleError(f"{where}: example channel {channel!r} is not one of the rule's channels")
    user, path = raw.get("user"), raw.get("path")
    for name, value in (("user", user), ("path", path)):
        if value is not None and not isinstance(value, str):
            raise RuleError(f"{where}: example field '{name}' must be a string")
    severity = raw.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise RuleError(f"{where}: example field 'severity' must be one of {', '.join(SEVERITIES)}")
    return Example(text=text, channel=channel, user=user, path=path, severity=severity)


def _parse_rule(raw: object, index: int, source: str, validator: _Validator) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{source}: rule #{index + 1}: expected a mapping, got {type(raw).__name__}")
    rid = raw.get("id")

    def where(fld: str) -> str:
        return _where(source, rid, index, fld)

    unknown = set(raw) - RULE_FIELDS
    if unknown:
        raise RuleError(
            f"{where(sorted(unknown)[0])}: unknown field (allowed: {', '.join(sorted(RULE_FIELDS))})"
        )
    for fld in REQUIRED_FIELDS:
        if raw.get(fld) in (None, "", [], {}):
            raise RuleError(f"{where(fld)}: missing")
    if not isinstance(rid, str) or not RULE_ID_RE.match(rid):
        raise RuleError(f"{where('id')}: must match {RULE_ID_RE.pattern}")
    version = raw["version"]
    if isinstance(version, bool) or not isinstance(version, (str, int, float)):
        raise RuleError(f"{where('version')}: must be a string or a number")
    category = raw["category"]
    if category not in CATEGORIES:
        raise RuleError(f"{where('category')}: {category!r} is not one of {', '.join(CATEGORIES)}")
    severity = raw["severity"]
    if severity not in SEVERITIES:
        raise RuleError(f"{where('severity')}: {severity!r} is not one of {', '.join(SEVERITIES)}")
    confidence = raw.get("confidence", DEFAULT_CONFIDENCE)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise RuleError(f"{where('confidence')}: must be a number in (0, 1], got {confidence!r}")
    channels = raw["channels"]
    if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
        raise RuleError(f"{where('channels')}: must be a list of channel names")
    bad = [c for c in channels if c not in RULE_CHANNELS]
    if bad:
        raise RuleError(f"{where('channels')}: {bad[0]!r} is not one of {', '.join(RULE_CHANNELS)}")
    patterns = raw["patterns"]
    if not isinstance(patterns, list):
        raise RuleError(f"{where('patterns')}: must be a list of regular expressions")
    for i, p in enumerate(patterns):
        validator.check_pattern(p, f"{where('patterns')}[{i}]")
    case_sensitive = raw.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise RuleError(f"{where('case_sensitive')}: must be true or false")
    edit_paths = raw.get("edit_paths", False)
    if not isinstance(edit_paths, bool) or (edit_paths and "tool_input" not in channels):
        raise RuleError(f"{where('edit_paths')}: must be true or false, and true only for a tool_input rule")
    path_lists: dict[str, list] = {}
    for fld in ("paths", "skip_paths"):  # which edited files' text the rule reads, and never reads
        items = raw.get(fld, [])
        if not isinstance(items, list):
            raise RuleError(f"{where(fld)}: must be a list of regular expressions")
        for i, p in enumerate(items):
            validator.check_pattern(p, f"{where(fld)}[{i}]")
        if items and "file_edit" not in channels:
            raise RuleError(
                f"{where(fld)}: only applies to the file_edit channel, which the rule does not read"
            )
        path_lists[fld] = items
    paths, skip_paths = path_lists["paths"], path_lists["skip_paths"]

    graw = raw.get("guards", {}) or {}
    if not isinstance(graw, dict):
        raise RuleError(f"{where('guards')}: must be a mapping")
    gunknown = set(graw) - GUARD_FIELDS
    if gunknown:
        raise RuleError(
            f"{where('guards')}: unknown guard {sorted(gunknown)[0]!r} (allowed: {sorted(GUARD_FIELDS)})"
        )
    neg = graw.get("negation", False)
    if neg is True:
        negation: int | None = DEFAULT_NEGATION_WINDOW
    elif neg is False:
        negation = None
    elif isinstance(neg, int) and 0 < neg <= 500:
        negation = neg
    else:
        raise RuleError(f"{where('guards.negation')}: must be true, false or a window of 1-500 characters")
    quotation = graw.get("quotation", False)
    if not isinstance(quotation, bool):
        raise RuleError(f"{where('guards.quotation')}: must be true or false")
    user_req = graw.get("user_requested", []) or []
    if not isinstance(user_req, list):
        raise RuleError(f"{where('guards.user_requested')}: must be a list of regular expressions")
    for i, p in enumerate(user_req):
        validator.check_pattern(p, f"{where('guards.user_requested')}[{i}]")
    unless = graw.get("unless", []) or []
    if not isinstance(unless, list):
        raise RuleError(f"{where('guards.unless')}: must be a list of regular expressions")
    for i, p in enumerate(unless):
        validator.check_pattern(p, f"{where('guards.unless')}[{i}]")

    description = raw["description"]
    if not isinstance(description, str):
        raise RuleError(f"{where('description')}: must be a string")
    ex = raw["examples"]
    if not isinstance(ex, dict) or set(ex) - {"positive", "negative"}:
        raise RuleError(f"{where('examples')}: must be a mapping with 'positive' and 'negative' lists")
    parsed: dict[str, tuple[Example, ...]] = {}
    for kind in ("positive", "negative"):
        items = ex.get(kind)
        if not isinstance(items, list) or not items:
            raise RuleError(f"{where('examples.' + kind)}: must be a non-empty list")
        parsed[kind] = tuple(
            _parse_example(item, tuple(channels), f"{where('examples.' + kind)}[{i}]")
            for i, item in enumerate(items)
        )
    return Rule(
        id=rid,
        version=str(version),
        category=category,
        severity=severity,
        confidence=float(confidence),
        channels=tuple(channels),
        patterns=tuple(patterns),
        case_sensitive=case_sensitive,
        paths=tuple(paths),
        skip_paths=tuple(skip_paths),
        edit_paths=edit_paths,
        guards=Guards(
            negation=negation, quotation=quotation, user_requested=tuple(user_req), unless=tuple(unless)
        ),
        description=description.strip(),
        positive=parsed["positive"],
        negative=parsed["negative"],
        source=source,
    )


def _load_yaml(path: Path) -> Any:
    try:
        # libyaml's loader when the wheel has it: the pure-Python one took seconds for the pack
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise RuleError(f"{path.name}{line}: invalid YAML: {exc}") from None


def _cue_regex(items: object, where: str, validator: _Validator) -> str:
    if not isinstance(items, list) or not items:
        raise RuleError(f"{where}: must be a non-empty list of regular expressions")
    for i, p in enumerate(items):
        validator.check_pattern(p, f"{where}[{i}]")
    return "(?i:" + "|".join(f"(?:{p})" for p in items) + ")"


def load_rule_pack(rules_dir: Path | str = RULES_DIR) -> RulePack:
    """Load and validate every `*.yaml` rule file of `rules_dir` plus its `pack.yaml`."""
    rules_dir = Path(rules_dir)
    validator = _Validator()
    pack_path = rules_dir / PACK_FILE
    if not pack_path.exists():
        raise RuleError(f"{pack_path}: missing (the pack's version and guard cues live there)")
    pack_raw = _load_yaml(pack_path)
    if not isinstance(pack_raw, dict):
        raise RuleError(f"{PACK_FILE}: expected a mapping")
    unknown = set(pack_raw) - PACK_FIELDS
    if unknown:
        raise RuleError(f"{PACK_FILE}: field '{sorted(unknown)[0]}': unknown field")
    declared = pack_raw.get("version")
    if declared in (None, ""):
        raise RuleError(f"{PACK_FILE}: field 'version': missing")
    graw = pack_raw.get("guards")
    if not isinstance(graw, dict) or set(graw) != PACK_GUARD_FIELDS:
        raise RuleError(f"{PACK_FILE}: field 'guards': must hold exactly {sorted(PACK_GUARD_FIELDS)}")
    cues = GuardCues(
        negation=_cue_regex(graw["negation_cues"], f"{PACK_FILE}: field 'guards.negation_cues'", validator),
        rejection=_cue_regex(
            graw["rejection_cues"], f"{PACK_FILE}: field 'guards.rejection_cues'", validator
        ),
        reported_speech=_cue_regex(
            graw["reported_speech_cues"], f"{PACK_FILE}: field 'guards.reported_speech_cues'", validator
        ),
        clause_breaks=_cue_regex(
            graw["clause_breaks"], f"{PACK_FILE}: field 'guards.clause_breaks'", validator
        ),
    )

    digest = hashlib.sha256()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(p for p in rules_dir.glob("*.yaml") if p.name != PACK_FILE)
    for path in [pack_path, *files]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in files:
        doc = _load_yaml(path)
        if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
            raise RuleError(f"{path.name}: expected a mapping with a 'rules' list")
        extra = set(doc) - {"rules", "description"}
        if extra:
            raise RuleError(f"{path.name}: field '{sorted(extra)[0]}': unknown top-level field")
        for i, raw in enumerate(doc["rules"]):
            rule = _parse_rule(raw, i, path.name, validator)
            if rule.id in seen:
                raise RuleError(
                    f"{path.name}: rule '{rule.id}' (#{i + 1}): field 'id': duplicate of a rule in {seen[rule.id]}"
                )
            seen[rule.id] = path.name
            rules.append(rule)
    if not rules:
        raise RuleError(f"{rules_dir}: no rules found")
    validator.finish()
    return RulePack(
        declared_version=str(declared),
        content_hash=digest.hexdigest()[:12],
        rules=tuple(rules),
        cues=cues,
        files=tuple(p.name for p in files),
    )


def _fingerprint(rules_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in rules_dir.glob("*.yaml")))


# Validating a pack compiles every pattern in Python `re` and RE2: about 0.7 s of every process
# that loads it (the dbt model that matches text among them). A pack that validated is kept on disk,
# under a key of its files' bytes and this loader's code, so the next process unpickles it in
# milliseconds. The cache is the user's own folder, as for the compiled Hyperscan databases.
PACK_CACHE_FORMAT = b"rulepack-1"


def pack_cache_dir() -> Path:
    """$XDG_CACHE_HOME/cotwatch/rulepacks, else ~/.cache/cotwatch/rulepacks."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "cotwatch" / "rulepacks"


def _pack_cache_key(rules_dir: Path) -> str:
    digest = hashlib.sha256(PACK_CACHE_FORMAT + sys.version.encode())
    for module in (Path(__file__), Path(__file__).with_name("taxonomy.py")):
        digest.update(module.read_bytes())  # a change to the validation re-validates
    for path in sorted(rules_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


@cache
def _load_cached(rules_dir: str, fingerprint: tuple[tuple[str, int, int], ...]) -> RulePack:
    folder = Path(rules_dir)
    path = pack_cache_dir() / f"{_pack_cache_key(folder)}.pickle"
    try:
        pack = pickle.loads(path.read_bytes())
    except Exception:  # none yet, or truncated or foreign: validate again and replace it
        pack = None
    if isinstance(pack, RulePack):
        return pack
    pack = load_rule_pack(folder)  # raises RuleError on an invalid pack: nothing is cached then
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)  # atomic: a concurrent reader sees no file or the whole file
    return pack


RULES_DIR_ENV = "COTWATCH_RULE_PACK_DIR"


def default_rule_pack() -> RulePack:
    """The pack in $COTWATCH_RULE_PACK_DIR, else the shipped one; reloaded when a rule file changes (a
    long-running Dagster process sees edits)."""
    folder = Path(os.environ.get(RULES_DIR_ENV) or RULES_DIR)
    return _load_cached(str(folder), _fingerprint(folder))
