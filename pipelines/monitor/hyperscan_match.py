"""Hyperscan candidate search: which texts each pattern of the rule pack matches, in one scan per channel.

The engine (`pipelines.monitor.engine.match_rules`) keeps RE2 as the judge of every match: its spans,
guards and evidence come from DuckDB's `regexp_extract_all` exactly as before. This module only says,
for every (pattern, text), whether the pattern may match there, and it never says no where RE2 would
say yes. It does that with one Hyperscan block-mode database per channel, scanned over all the
channel's texts at once:

- The texts come out of DuckDB as one Arrow binary column, each distinct text of the channel once
  (with the list of chunks that hold it: agents repeat commands, outputs and sentences, and whether
  a pattern may match depends on the text alone), each followed by `SEPARATOR`
  (`\\n\\xff\\n`), so a channel is one contiguous buffer with row offsets. `\\xff` never occurs in
  UTF-8, and every class of the translated patterns excludes it, so no match spans two texts; the
  newlines on both sides make `^`, `$` and `\\b` behave at a text's edges as they do in the text alone.
- Each pattern is translated from its parse tree (`re._parser`, the same parse the literal prefilter
  reads) into a byte-level Hyperscan pattern that matches a superset of what RE2 matches in any valid
  UTF-8 text (`superset_pattern`): character classes become byte classes (a non-ASCII character is 2-4
  bytes, so a class that can match one matches 1-4 bytes of `[\\x80-\\xfe]`, and bounded repeats of it
  are scaled by 4); `\\w \\d \\s \\b` keep RE2's ASCII meaning; `^ $` become multi-line; optional
  leading and trailing parts are trimmed (whether a match exists does not depend on them) and large
  bounded repeats are unbounded, which keeps compile times and match reports small; a pattern whose
  first words are common is cut to start at its first rare literal when two literal parts remain
  (`_core`: Hyperscan's speed depends on how often a pattern's literals occur). Byte mode rather than
  Hyperscan's UTF-8 mode because a UTF-8 bounded repeat such as `[\\s\\S]{0,400}` compiles for a
  minute.
- RE2's case folding maps `k` to the Kelvin sign and `s` to the long s; byte mode folds ASCII only, so a
  text holding either character is a candidate for every pattern of its channel.
- A match is reported at its end offset; `numpy.searchsorted` over the row starts maps it to its text.
  The match callback runs in Python per reported match, so it records a (pattern, text) pair once and
  returns at once for further matches of the same pair (one comparison): a pattern that matches
  everywhere costs a Python call per match, never a candidate per match.
- Databases are compiled once per pattern set (`compile_channel`, 1.5-3 s for the shipped pack on an
  idle core) and kept in the process and on disk (`cache_dir`; loading takes milliseconds). Segments
  of about 2 MB are scanned on a thread pool, one thread per core, while the next channel's texts
  are fetched.

Patterns the translation or Hyperscan cannot take (backreferences, lookaround, a non-ASCII letter under
case-insensitivity, a pattern Hyperscan finds too large) are returned as rejected; the engine sends
them down its literal-prefilter path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import re
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from pipelines.monitor.regex_syntax import constants as C
from pipelines.monitor.regex_syntax import parser as P
from pipelines.monitor.rules import COMMON_WORDS, _best_set

try:
    import hyperscan
except ImportError:  # not every platform has a wheel (Hyperscan needs x86-64 with SSSE3)
    hyperscan = None

log = logging.getLogger(__name__)

SEPARATOR = b"\n\xff\n"
# Bounded repeats whose byte bound exceeds this become unbounded: a superset, and it keeps
# Hyperscan's compile time in seconds rather than minutes.
MAX_BOUNDED_REPEAT = 64
SEGMENT_BYTES = 2_000_000  # a scan task: big enough to amortise a call, small enough to share the cores
MAX_WORKERS = 8  # scan threads: one per core, up to this
# RE2's Unicode case folding maps these to ASCII letters (k, s); byte-mode Hyperscan folds ASCII only,
# so every database has one more pattern, after the channel's: either character, as UTF-8 bytes.
FOLD_TO_ASCII = ("\u212a", "\u017f")
FOLD_ALARM = "|".join(
    "(?:" + "".join(f"\\x{b:02x}" for b in c.encode()) + ")" for c in FOLD_TO_ASCII
).encode()

_ALL = frozenset(range(128))
_DIGIT = frozenset(range(48, 58))
_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_SPACE = frozenset(b"\t\n\f\r ")  # RE2's \s
_CATEGORY = {
    C.CATEGORY_DIGIT: (_DIGIT, False),
    C.CATEGORY_NOT_DIGIT: (_ALL - _DIGIT, True),
    C.CATEGORY_WORD: (_WORD, False),
    C.CATEGORY_NOT_WORD: (_ALL - _WORD, True),
    C.CATEGORY_SPACE: (_SPACE, False),
    C.CATEGORY_NOT_SPACE: (_ALL - _SPACE, True),
}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_CHAR_OPS = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)


def available() -> bool:
    """Whether the hyperscan package imported (its wheels are x86-64 only)."""
    return hyperscan is not None


class Unsupported(ValueError):
    """A construct the byte-level translation has no superset for."""


def _byte(b: int) -> str:
    return chr(b) if chr(b).isalnum() and b < 128 else f"\\x{b:02x}"


def _byte_class(ascii_set: Iterable[int], non_ascii: bool) -> str:
    """A Hyperscan class of these ASCII bytes, plus every byte a multi-byte UTF-8 character uses."""
    codes = sorted(ascii_set)
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(_byte(codes[i]) if i == j else f"{_byte(codes[i])}-{_byte(codes[j])}")
        i = j + 1
    if non_ascii:
        parts.append("\\x80-\\xfe")  # never \xff: it is the separator
    if not parts:
        raise Unsupported("empty character class")
    return "[" + "".join(parts) + "]"


def _char_set(op: object, av: object, dotall: bool) -> tuple[frozenset[int], bool]:
    """(ASCII bytes, may match a non-ASCII character) of one single-character node."""
    if op is C.ANY:
        return (_ALL if dotall else _ALL - {10}), True
    if op is C.NOT_LITERAL:
        return _ALL - {av}, True
    ascii_set: set[int] = set()
    non_ascii = negate = False
    for item_op, item_av in av:
        if item_op is C.NEGATE:
            negate = True
        elif item_op is C.LITERAL:
            if item_av < 128:
                ascii_set.add(item_av)
            else:
                non_ascii = True
        elif item_op is C.RANGE:
            lo, hi = item_av
            ascii_set |= set(range(lo, min(hi, 127) + 1))
            non_ascii |= hi >= 128
        elif item_op is C.CATEGORY and item_av in _CATEGORY:
            s, n = _CATEGORY[item_av]
            ascii_set |= s
            non_ascii |= n
        else:
            raise Unsupported(f"class item {item_op}")
    if negate:  # the complement always holds some non-ASCII character
        return _ALL - ascii_set, True
    return frozenset(ascii_set), non_ascii


@dataclass(frozen=True)
class _Scope:
    ignorecase: bool
    dotall: bool

    def enter(self, add: int, remove: int) -> _Scope:
        """The scope inside a group with inline flags `(?i:...)` / `(?-i:...)`."""
        return _Scope(
            ignorecase=(self.ignorecase or bool(add & C.SRE_FLAG_IGNORECASE))
            and not remove & C.SRE_FLAG_IGNORECASE,
            dotall=(self.dotall or bool(add & C.SRE_FLAG_DOTALL)) and not remove & C.SRE_FLAG_DOTALL,
        )

    def group(self, inner: _Scope) -> str:
        """The opening of a non-capturing group switching from this scope to `inner`."""
        if inner.ignorecase == self.ignorecase:
            return "(?:"
        return "(?i:" if inner.ignorecase else "(?-i:"


def _literal(code: int, scope: _Scope) -> str:
    if code < 128:
        return _byte(code)
    ch = chr(code)
    if scope.ignorecase and (ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch):
        raise Unsupported(f"non-ASCII letter {ch!r} under case-insensitive matching")
    return "(?:" + "".join(f"\\x{b:02x}" for b in ch.encode("utf-8")) + ")"


def _bound(lo: int, hi: int | None) -> str:
    if hi is not None and hi > MAX_BOUNDED_REPEAT:
        hi = None
    if hi is None:
        return {0: "*", 1: "+"}.get(lo, f"{{{lo},}}")
    if (lo, hi) == (0, 1):
        return "?"
    return f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"


def _emit(items: Sequence, scope: _Scope) -> str:
    return "".join(_emit_one(op, av, scope) for op, av in items)


def _emit_one(op: object, av: object, scope: _Scope) -> str:
    if op is C.LITERAL:
        return _literal(av, scope)
    if op in _CHAR_OPS:
        ascii_set, non_ascii = _char_set(op, av, scope.dotall)
        return _byte_class(ascii_set, non_ascii) + ("{1,4}" if non_ascii else "")
    if op in _REPEATS:
        lo, hi, body = av
        hi = None if hi is C.MAXREPEAT else hi
        body = list(body)
        if len(body) == 1 and body[0][0] in _CHAR_OPS and body[0][0] is not C.LITERAL:
            # n characters of a class that holds non-ASCII ones are up to 4n bytes
            ascii_set, non_ascii = _char_set(body[0][0], body[0][1], scope.dotall)
            scale = 4 if non_ascii else 1
            return _byte_class(ascii_set, non_ascii) + _bound(lo, None if hi is None else hi * scale)
        return "(?:" + _emit(body, scope) + ")" + _bound(lo, hi)
    if op is C.SUBPATTERN:
        _group, add, remove, body = av
        inner = scope.enter(add, remove)
        return scope.group(inner) + _emit(list(body), inner) + ")"
    if op is C.BRANCH:
        return "(?:" + "|".join(_emit(list(b), scope) for b in av[1]) + ")"
    if op is C.AT:
        if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_BEGINNING_LINE):
            return "^"  # multi-line: true at every text's start, since a newline precedes it
        if av in (C.AT_END, C.AT_END_STRING, C.AT_END_LINE):
            return "$"
        if av is C.AT_BOUNDARY:
            return "\\b"
        if av is C.AT_NON_BOUNDARY:
            return "\\B"
    raise Unsupported(f"construct {op}")


def _trim(items: list, at_end: bool) -> list:
    """Drop optional parts at one end: a text holds a match of `A x*` exactly when it holds one of `A`."""
    items = list(items)
    while items:
        k = -1 if at_end else 0
        op, av = items[k]
        if op in _REPEATS:
            lo, _hi, body = av
            if lo == 0:
                items.pop(k)
                continue
            items[k] = (op, (lo, lo, body))
        elif op is C.SUBPATTERN:
            group, add, remove, body = av
            items[k] = (
                op,
                (group, add, remove, P.SubPattern(body.state, _trim(list(body), at_end) or list(body))),
            )
        elif op is C.BRANCH:
            alts = [P.SubPattern(b.state, _trim(list(b), at_end) or list(b)) for b in av[1]]
            items[k] = (op, (av[0], alts))
        break
    return items


MIN_CORE_LITERAL = 4
CORE_MIN_ITEMS = 2  # literal items a core keeps


def _is_strong(literals: frozenset[str] | None) -> bool:
    """A required literal set rare enough to start a scan from: no common word, no short literal."""
    if not literals:
        return False
    return all(len(x.strip()) >= MIN_CORE_LITERAL and x.strip() not in COMMON_WORDS for x in literals)


def _literal_items(items: list) -> list[tuple[int, bool]]:
    """(index, strong) of every item or run of ASCII literals that requires a literal."""
    out: list[tuple[int, bool]] = []
    i = 0
    while i < len(items):
        op, av = items[i]
        if op is C.LITERAL and av < 128:
            j = i
            while j < len(items) and items[j][0] is C.LITERAL and items[j][1] < 128:
                j += 1
            run = "".join(chr(c) for _, c in items[i:j]).lower()
            if run.strip():
                out.append((i, _is_strong(frozenset({run}))))
            i = j
            continue
        found = None if op is C.AT else _best_set(op, av)
        if found:
            out.append((i, _is_strong(found)))
        i += 1
    return out


def _core(items: list) -> list:
    """The sequence from its first strong literal item on, when two literal items remain after it.

    A text holding a match of the sequence holds a match of any contiguous part of it, at the same
    place, so the part is a superset. Hyperscan starts from a pattern's literals: a leading
    `\\b(?:the|my)\\s+(?:\\w+\\s+)?` makes it work at every "the", where a rarer word later in the
    pattern lets it skip on (one rule on reasoning text: 0.4 against 1.3 GB/s). Two literal items are
    kept so the part stays selective: each false candidate costs an RE2 check, and each pattern with
    candidates an RE2 compile.
    """
    literal_items = _literal_items(items)
    for k, (i, strong) in enumerate(literal_items):
        if strong:
            if len(literal_items) - k < CORE_MIN_ITEMS:
                return items
            while i > 0 and items[i - 1][0] is C.AT:
                i -= 1
            return items[i:]
    return items


def _superset(items: list, scope: _Scope) -> str:
    """Through wrapping groups and top-level alternatives, each sequence trimmed to its core."""
    if len(items) == 1 and items[0][0] is C.SUBPATTERN:
        _group, add, remove, body = items[0][1]
        inner = scope.enter(add, remove)
        return scope.group(inner) + _superset(list(body), inner) + ")"
    if len(items) == 1 and items[0][0] is C.BRANCH:
        return "(?:" + "|".join(_superset(list(b), scope) for b in items[0][1][1]) + ")"
    trimmed = _trim(_trim(items, at_end=True), at_end=False) or items
    return _emit(_core(trimmed), scope)


@cache
def superset_pattern(regex: str) -> str:
    """A byte-level Hyperscan pattern (multi-line mode) that matches, in the separated buffer, every
    text in which RE2 finds a match of `regex`. Raises `Unsupported` when there is none."""
    try:
        parsed = P.parse(regex)
    except re.error as exc:
        raise Unsupported(str(exc)) from None
    flags = parsed.state.flags
    scope = _Scope(ignorecase=bool(flags & C.SRE_FLAG_IGNORECASE), dotall=bool(flags & C.SRE_FLAG_DOTALL))
    body = _superset(list(parsed), scope)
    return f"(?i:{body})" if scope.ignorecase else body


@dataclass(frozen=True)
class ChannelDatabase:
    """One compiled database: pattern i of `keys` has Hyperscan id i; id len(keys) is the fold alarm."""

    db: object
    keys: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]  # (key, why)


# Bump when superset_pattern's output or the database layout changes: part of the disk-cache key.
TRANSLATION_VERSION = "1"
CACHE_ENV = "COTWATCH_HYPERSCAN_CACHE"


def cache_dir() -> Path | None:
    """Where compiled databases are kept between processes: $COTWATCH_HYPERSCAN_CACHE (empty: none),
    else $XDG_CACHE_HOME/cotwatch/hyperscan, else ~/.cache/cotwatch/hyperscan."""
    raw = os.environ.get(CACHE_ENV)
    if raw is not None:
        return Path(raw) if raw else None
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "cotwatch" / "hyperscan"


@cache
def compile_channel(patterns: tuple[tuple[str, str], ...]) -> ChannelDatabase:
    """Compile (key, RE2 regex) pairs into one block-mode database.

    Cached per pattern set in the process, and on disk (`cache_dir`) across processes: compiling the
    shipped pack takes seconds, loading it milliseconds, and a Dagster run is a new process.
    """
    if hyperscan is None:
        return ChannelDatabase(None, (), tuple((k, "hyperscan is not installed") for k, _ in patterns))
    keys: list[str] = []
    exprs: list[bytes] = []
    rejected: list[tuple[str, str]] = []
    for key, regex in patterns:
        try:
            exprs.append(superset_pattern(regex).encode("ascii"))
        except Unsupported as exc:
            rejected.append((key, str(exc)))
            continue
        keys.append(key)
    cached = _load_cached(keys, exprs)
    if cached is not None:
        db, compiled, failed = cached
        return ChannelDatabase(db, compiled, (*rejected, *failed))
    db, compiled, failed = _compile_all(keys, exprs)
    for key, why in (*rejected, *failed):
        log.warning("pattern %s takes the literal path: %s", key, why)
    _store_cached(keys, exprs, db, compiled, failed)
    return ChannelDatabase(db, compiled, (*rejected, *failed))


def _compile_all(
    keys: list[str], exprs: list[bytes]
) -> tuple[object | None, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(database, compiled keys, (key, why) Hyperscan refused); a pattern Hyperscan refuses is dropped
    and the rest compiled again."""
    keys, exprs = list(keys), list(exprs)
    failed: list[tuple[str, str]] = []
    db = None
    probed = False
    while keys and db is None:
        try:
            db = _compile([*exprs, FOLD_ALARM])
        except hyperscan.error as exc:
            m = re.search(r"\(id:(-?\d+)\)$", str(exc))
            bad = int(m.group(1)) if m else -1
            if 0 <= bad < len(exprs):
                failed.append((keys.pop(bad), f"hyperscan: {exc}"))
                exprs.pop(bad)
            elif probed:  # every pattern compiles alone, not together
                failed += [(k, f"hyperscan: {exc}") for k in keys]
                keys, exprs = [], []
            else:
                probed = True
                for i in reversed(range(len(exprs))):  # the patterns that fail on their own
                    try:
                        _compile([exprs[i]])
                    except hyperscan.error as alone:
                        failed.append((keys.pop(i), f"hyperscan: {alone}"))
                        exprs.pop(i)
    return db, tuple(keys) if db is not None else (), tuple(failed)


def _cache_key(keys: list[str], exprs: list[bytes]) -> str:
    digest = hashlib.sha256()
    for part in (TRANSLATION_VERSION, getattr(hyperscan, "__version__", "?"), platform.machine(), *keys):
        digest.update(part.encode() + b"\0")
    for expr in exprs:
        digest.update(expr + b"\0")
    return digest.hexdigest()[:32]


def _load_cached(
    keys: list[str], exprs: list[bytes]
) -> tuple[object, tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    folder = cache_dir()
    if folder is None or not keys:
        return None
    path = folder / f"{_cache_key(keys, exprs)}.hsdb"
    try:
        header, _, blob = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
        compiled = tuple(str(k) for k in meta["keys"])
        failed = tuple((str(k), str(why)) for k, why in meta["failed"])
        db = hyperscan.loadb(blob, mode=hyperscan.HS_MODE_BLOCK)
        db.scan(b"probe\n", match_event_handler=None, scratch=hyperscan.Scratch(db))  # built for this CPU?
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, hyperscan.error) as exc:
        log.warning("ignoring the cached Hyperscan database %s: %s", path, exc)
        return None
    return db, compiled, failed


def _store_cached(
    keys: list[str],
    exprs: list[bytes],
    db: object | None,
    compiled: tuple[str, ...],
    failed: tuple[tuple[str, str], ...],
) -> None:
    folder = cache_dir()
    if folder is None or db is None:
        return
    path = folder / f"{_cache_key(keys, exprs)}.hsdb"
    header = json.dumps({"keys": list(compiled), "failed": [list(f) for f in failed]}).encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(header + b"\n" + hyperscan.dumpb(db))
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError as exc:
        log.warning("could not cache the Hyperscan database in %s: %s", folder, exc)


def _compile(exprs: list[bytes]) -> object:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=exprs,
        ids=list(range(len(exprs))),
        elements=len(exprs),
        flags=[hyperscan.HS_FLAG_MULTILINE] * len(exprs),
    )
    return db


def _offsets(chunk: pa.Array) -> np.ndarray:
    width = np.int64 if pa.types.is_large_binary(chunk.type) else np.int32
    raw = np.frombuffer(chunk.buffers()[1], dtype=width)
    return raw[chunk.offset : chunk.offset + len(chunk) + 1].astype(np.int64)


@dataclass
class _Task:
    channel: str
    cdb: ChannelDatabase
    data: memoryview  # the segment's bytes: its distinct texts, each followed by SEPARATOR
    starts: np.ndarray  # row start offsets within data, then len(data)
    id_starts: np.ndarray  # row r holds the text of chunk_ids[id_starts[r]:id_starts[r + 1]]
    chunk_ids: np.ndarray

    def chunks_of(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into rows, chunk_id) for every chunk whose text is one of these rows."""
        first = self.id_starts[rows]
        counts = self.id_starts[rows + 1] - first
        # positions first[i], first[i] + 1, ... for each i, in one vectorised pass
        pos = np.repeat(first - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
        return np.repeat(np.arange(len(rows)), counts), self.chunk_ids[pos]


_local = threading.local()


def _scratch(db: object) -> object:
    """One scratch space per (thread, database): Hyperscan forbids sharing one between scans."""
    cache = getattr(_local, "scratch", None)
    if cache is None:
        cache = _local.scratch = {}
    key = id(db)
    if key not in cache or cache[key][0] is not db:
        cache[key] = (db, hyperscan.Scratch(db))
    return cache[key][1]


def _scan(task: _Task) -> tuple[np.ndarray, np.ndarray]:
    """(pattern id, row) pairs with at least one match; a pair is recorded once however often its
    pattern matches in the row (further reports cost one comparison)."""
    starts = task.starts
    n_ids = len(task.cdb.keys) + 1
    lo = [-1] * n_ids
    hi = [-1] * n_ids
    ids: list[int] = []
    rows: list[int] = []

    def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
        if lo[pid] < to <= hi[pid]:
            return None
        row = int(starts.searchsorted(to - 1, side="right")) - 1
        ids.append(pid)
        rows.append(row)
        lo[pid], hi[pid] = int(starts[row]), int(starts[row + 1])
        return None

    task.cdb.db.scan(task.data, match_event_handler=on_match, scratch=_scratch(task.cdb.db))
    return np.asarray(ids, dtype=np.int64), np.asarray(rows, dtype=np.int64)


def _tasks(channel: str, cdb: ChannelDatabase, table: pa.Table) -> list[_Task]:
    """Split a channel's distinct texts into segments of about SEGMENT_BYTES at text boundaries."""
    out: list[_Task] = []
    ids_col = table.column("ids")
    pos = 0
    for chunk in table.column("b").chunks:
        if not (pa.types.is_binary(chunk.type) or pa.types.is_large_binary(chunk.type)):
            chunk = chunk.cast(pa.large_binary())  # e.g. binary_view: no offsets buffer to read
        n = len(chunk)
        ids = ids_col.slice(pos, n).combine_chunks()
        pos += n
        if n == 0:
            continue
        id_offs = np.asarray(ids.offsets, dtype=np.int64)
        id_offs -= id_offs[0]
        chunk_ids = ids.flatten().to_numpy()
        offs = _offsets(chunk)
        data = memoryview(chunk.buffers()[2]).cast("B")
        a = 0
        while a < n:
            b = int(np.searchsorted(offs, offs[a] + SEGMENT_BYTES, side="right")) - 1
            b = min(max(b, a + 1), n)
            base = int(offs[a])
            out.append(
                _Task(
                    channel,
                    cdb,
                    data[base : int(offs[b])],
                    offs[a : b + 1] - base,
                    id_offs[a : b + 1] - id_offs[a],
                    chunk_ids[id_offs[a] : id_offs[b]],
                )
            )
            a = b
    return out


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _forget_pool() -> None:
    # a forked child (Dagster's multiprocess executor) inherits the pool but not its threads
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_pool)


def _executor() -> ThreadPoolExecutor:
    """One pool per process: its threads keep their scratch spaces from one scan to the next."""
    global _pool
    with _pool_lock:
        if _pool is None:
            workers = max(1, min(MAX_WORKERS, os.cpu_count() or 1))
            _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hyperscan")
        return _pool


class Scan:
    """Every text of each channel of `texts` scanned once with that channel's patterns.

    `patterns_by_channel`: channel -> (key, RE2 regex) pairs; `texts`: a table (our constant) with
    chunk_id, channel, text. The constructor fetches the channels' texts (on the calling thread: the
    connection is not shared) and hands their segments to a thread pool, which scans while the next
    channel is fetched (a scan releases the GIL). `candidates` waits for the channels it is asked for,
    so a caller can work on the first channels' results while the rest are scanned. Channels with
    the most patterns, the slowest to scan, are fetched first.
    """

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        patterns_by_channel: dict[str, tuple[tuple[str, str], ...]],
        texts: str = "mon_chunks",
    ) -> None:
        order = sorted(patterns_by_channel, key=lambda c: (-len(patterns_by_channel[c]), c))
        pool = _executor()
        # compiling releases the GIL too; a warm process finds every database in the cache
        dbs = list(pool.map(lambda c: compile_channel(patterns_by_channel[c]), order))
        self.rejected: dict[str, tuple[tuple[str, str], ...]] = {}
        self._pending: dict[str, list[tuple[_Task, Future]]] = {}
        for channel, cdb in zip(order, dbs, strict=True):
            self.rejected[channel] = cdb.rejected
            if cdb.db is None:
                continue
            # each distinct text once, with the chunks that hold it: whether a pattern may match
            # depends on the text alone, and agents repeat commands, outputs and phrasings
            table = conn.sql(
                f"select list(chunk_id) as ids, encode(text) || '\\x0A\\xFF\\x0A'::blob as b from {texts} "
                "where channel = ? and text is not null group by text",
                params=[channel],
            ).to_arrow_table()
            self._pending[channel] = [(t, pool.submit(_scan, t)) for t in _tasks(channel, cdb, table)]

    def candidates(self, channels: Iterable[str] | None = None) -> pa.Table:
        """(key, channel, chunk_id): the texts of these channels (default: all) where each compiled
        pattern may match; a pattern Hyperscan matched somewhere in a text is there once."""
        keys_out: list[np.ndarray] = []
        channels_out: list[np.ndarray] = []
        chunks_out: list[np.ndarray] = []
        for channel in self._pending if channels is None else channels:
            for task, future in self._pending.get(channel, []):
                ids, rows = future.result()
                if not len(ids):
                    continue
                n_keys = len(task.cdb.keys)
                fold = ids == n_keys
                if fold.any():  # a Kelvin sign or long s: every pattern of the channel is a candidate
                    extra = np.unique(rows[fold])
                    ids = np.concatenate([ids[~fold], np.repeat(np.arange(n_keys), len(extra))])
                    rows = np.concatenate([rows[~fold], np.tile(extra, n_keys)])
                which, chunk_ids = task.chunks_of(rows)
                keys_out.append(np.asarray(task.cdb.keys, dtype=object)[ids[which]])
                chunks_out.append(chunk_ids)
                channels_out.append(np.full(len(chunk_ids), channel, dtype=object))
        return pa.table(
            {
                "key": pa.array(np.concatenate(keys_out) if keys_out else [], type=pa.string()),
                "channel": pa.array(np.concatenate(channels_out) if channels_out else [], type=pa.string()),
                "chunk_id": pa.array(np.concatenate(chunks_out) if chunks_out else [], type=pa.int64()),
            }
        )
