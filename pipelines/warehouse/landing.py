"""Land transcript files from the landing folder into the `raw` tables of the warehouse.

How a run works:
1. Discover files under `<landing>/<deployment>/**` and compare them with `raw.files`: unchanged
   files (same size and mtime, or same sha256) are left alone; new and changed files are landed.
2. Changed files are processed in batches (by bytes). Python only reads bytes, splits lines and
   builds Arrow columns (C-level work); all parsing, validation, redaction and numbering is SQL in
   an in-memory DuckDB, so unredacted text never reaches the warehouse file or its WAL.
3. Each batch is written to the warehouse in one transaction: the earlier version of every file in
   the batch is marked superseded and its rows deleted, the new rows inserted. A run killed in the
   middle of a batch leaves the warehouse as it was before that batch.

Conservation: every line of every landed file is counted once, as landed (it produced events),
quarantined (broken; a row in raw.quarantine with the reason) or skipped (valid but not
conversation; the reason counted in raw.files.skip_reasons). `n_records` counts every line.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import orjson
import pyarrow as pa

from pipelines.config import Settings
from pipelines.redact import (
    PREFILTER,
    escaped_sql,
    placeholder_count_sql,
    redact_deep,
    redact_identifier,
    redact_identifier_sql,
    redact_sql,
    redaction_key,
)
from pipelines.transcripts import registered_formats
from pipelines.transcripts.base import EXCERPT_CHARS, EXCERPT_WINDOW, split_lines
from pipelines.transcripts.compressed import inflate
from pipelines.transcripts.sniff import sniff
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.schema import EVENT_COLUMNS, ensure_raw_schema

# A line is blank when `trim` leaves nothing. `trim` copies every line it reads (0.3 s per 50 MB,
# measured), so it runs only on lines whose first character is not printable ASCII ('{' for JSON).
BLANK_LINE_SQL = (
    "(case when line = '' then true when ascii(line) between 33 and 126 then false else trim(line) = '' end)"
)
DEFAULT_BATCH_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024
Progress = Callable[[str], None]


UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class LandingFile:
    path: Path  # what is read (the target, for a link that stays inside the landing root)
    rel: str  # path relative to the landing root, forward slashes, as stored (readable, redacted)
    deployment: str | None
    size: int
    mtime_ns: int
    # (status, reason) when the entry is recorded without being read: a link that is not followed,
    # a folder or file that could not be read, something that is not a regular file
    problem: tuple[str, str] | None = None


@dataclass
class LandingSummary:
    files_seen: int = 0
    files_unchanged: int = 0
    files_landed: int = 0
    files_superseded: int = 0
    files_unsupported: int = 0
    files_failed: int = 0
    records: int = 0
    events: int = 0
    sessions: int = 0
    quarantined: int = 0
    skipped: int = 0
    redactions: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # entries recorded without being read

    def as_metadata(self) -> dict[str, int | float]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, int | float)}


def display_path(rel: str) -> str:
    """A relative path as text that can be stored: bytes that are not UTF-8 (os.walk hands them over
    as surrogates, which no UTF-8 column can hold) become `\\xNN` escapes."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def discover(landing_dir: Path, key: str | None = None) -> list[LandingFile]:
    """Every file under the landing root, skipping dot-files and dot-folders, and a record for every
    entry that is not read: links to folders (never followed), links that leave the landing root,
    dangling links and link loops, folders that cannot be listed, and what is not a regular file.

    Nothing outside the landing root is ever opened. `key` (the redaction key) redacts secrets in
    paths; without it, paths are kept as found (the sensor only fingerprints them).
    """
    found: list[LandingFile] = []
    if not landing_dir.is_dir():
        return found
    root = landing_dir.resolve()

    def entry(path: Path, problem: tuple[str, str] | None = None, target: Path | None = None) -> None:
        rel = display_path(path.relative_to(landing_dir).as_posix())
        parts = rel.split("/")
        try:
            st = os.lstat(path) if target is None else os.stat(target)
            size, mtime_ns = st.st_size, st.st_mtime_ns
        except OSError as exc:
            if problem is None:
                problem = ("failed", f"could not be read: {exc.strerror or exc}")
            size, mtime_ns = 0, 0
        found.append(
            LandingFile(
                path=target or path,
                rel=rel,
                deployment=parts[0] if len(parts) > 1 else None,
                size=size,
                mtime_ns=mtime_ns,
                problem=problem,
            )
        )

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename) if exc.filename else landing_dir
        if folder == landing_dir:
            raise exc  # the landing root itself: a configuration error, not one bad entry
        entry(folder, ("failed", f"folder could not be read: {exc.strerror or exc}"))

    for dirpath, dirs, files in os.walk(landing_dir, onerror=unreadable, followlinks=False):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if (here / d).is_symlink():
                entry(
                    here / d, ("unsupported", "symbolic link to a folder: links to folders are not followed")
                )
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            try:
                st = os.lstat(path)
            except OSError as exc:  # deleted since the folder was listed
                entry(path, ("failed", f"could not be read: {exc.strerror or exc}"))
                continue
            if stat.S_ISLNK(st.st_mode):
                try:
                    target = path.resolve(strict=True)
                except RuntimeError:
                    entry(path, ("unsupported", "symbolic link loop: not followed"))
                    continue
                except OSError as exc:
                    reason = "symbolic link loop" if exc.errno == 40 else "dangling symbolic link"
                    entry(path, ("unsupported", f"{reason}: not followed"))
                    continue
                if not target.is_relative_to(root):
                    entry(path, ("unsupported", "symbolic link to a file outside the landing root: not read"))
                    continue
                if not target.is_file():
                    entry(path, ("unsupported", "symbolic link to something that is not a regular file"))
                    continue
                entry(path, target=target)
                continue
            if not stat.S_ISREG(st.st_mode):
                entry(path, ("unsupported", "not a regular file (a pipe, socket or device): not read"))
                continue
            entry(path)
    return _redact_paths(found, key) if key is not None else found


def _redact_paths(found: list[LandingFile], key: str) -> list[LandingFile]:
    """Paths (and so deployments) with their secrets redacted. The prefilter runs over all paths at
    once in DuckDB (RE2): per path in Python it cost 0.3 ms, seconds for a large landing folder;
    only the rare flagged paths are redacted part by part."""
    if not found:
        return found
    prefilter = PREFILTER.replace("'", "''")
    with duckdb.connect() as conn:
        flagged = {
            i
            for (i,) in conn.execute(
                f"select i from (select unnest($rels) as rel, unnest(range(len($rels))) as i) "
                f"where regexp_matches(rel, '{prefilter}')",
                {"rels": [f.rel for f in found]},
            ).fetchall()
        }
    for i in flagged:
        rel = "/".join(_redact_path_part(part, key) for part in found[i].rel.split("/"))
        parts = rel.split("/")
        found[i] = replace(found[i], rel=rel, deployment=parts[0] if len(parts) > 1 else None)
    return found


def _redact_path_part(part: str, key: str) -> str:
    """A file or folder name with a secret in it: the secret replaced, the keyed hash before the
    extension (`session-[REDACTED:gitlab_token]~1a2b3c4d5e6f.jsonl`), so the name stays readable."""
    stem, ext = os.path.splitext(part)
    if ext and redact_identifier(ext, key) == ext:
        return redact_identifier(stem, key) + ext
    return redact_identifier(part, key)


def _read_file(f: LandingFile) -> bytes:
    """The bytes of a landing file, refusing to follow a link swapped in since discovery."""
    fd = os.open(f.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _file_id(rel: str, sha256: str) -> str:
    return hashlib.sha256(f"{rel}\0{sha256}".encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _failure(exc: BaseException) -> str:
    """A per-file failure as a reason: the exception's kind and message (secrets redacted)."""
    text = str(exc) or "no message"
    return redact_deep(f"{type(exc).__name__}: {text}")[:1000]


@dataclass
class _ReadFile:
    file: LandingFile
    file_id: str
    sha256: str
    source_format: str
    status: str
    reason: str | None
    n_lines: int = 0


@dataclass
class _ReadBatch:
    read_files: list[_ReadFile]
    lines_table: pa.Table
    files_table: pa.Table
    bad_table: pa.Table
    bytes_read: int
    read_seconds: float


def canonical_records(raw: list[bytes]) -> list[bytes]:
    """Each JSON object line re-serialized by orjson, in place, where that changes it.

    One rule for duplicate keys everywhere: the last value wins, as JSON parsers (orjson, Python's
    json, JavaScript) do. DuckDB's JSON functions take the first, and the parsers are SQL, so a
    record with a duplicate key is handed to them already resolved. Compact writers (Claude Code,
    Codex) produce lines orjson writes back byte for byte, which are kept as they are; a line that
    does not parse is kept too and quarantined with its reason later. About 0.7 s per 100 MB, in
    the reader thread that overlaps DuckDB's work (measured on the bench's synthetic data).
    """
    loads, dumps = orjson.loads, orjson.dumps
    for i, line in enumerate(raw):
        if not line or line[0] != 0x7B:  # only object records: '{'
            continue
        try:
            canonical = dumps(loads(line))
        except (orjson.JSONDecodeError, orjson.JSONEncodeError):
            continue
        if canonical != line:
            raw[i] = canonical
    return raw


def records_canonical(body: bytes) -> bool:
    """True when `canonical_records` would change no line of `body` (lines joined by b"\n").

    One orjson parse and write of the whole file instead of one per line: the lines are parsed as
    the elements of one array (`[line,\nline,\n...]`) and the array written back is compared with
    `[line,line,...]`. Equal means no line changes: a JSON string cannot hold a raw newline, so
    every `,\n` is a separator outside strings and a line that starts with '{' starts an element;
    where the written array equals the input, that element's text is orjson's own writing of its
    value, which a line-by-line re-serialization reproduces. Anything else (a duplicate key, a line
    that does not parse, other spacing or escapes, a blank line) answers False, and the caller
    re-serializes line by line as before. Never wrong in that direction: False only costs time.
    """
    try:
        parsed = orjson.loads(b"[" + body.replace(b"\n", b",\n") + b"]")
    except orjson.JSONDecodeError:
        return False
    try:
        written = orjson.dumps(parsed)
    except orjson.JSONEncodeError:
        return False
    return written == b"[" + body.replace(b"\n", b",") + b"]"


def _line_array(data: bytes) -> pa.Array | None:
    """The lines of a file as an Arrow string array, or None when the file holds invalid UTF-8.

    The array is built from the file's bytes in C (numpy finds the newlines, Arrow takes the bytes
    without them as its values and checks them as UTF-8): no Python object per line. Handing Arrow
    one bytes object per line cost 0.8 s per 270 MB, measured. Same lines as `split_lines` (b"\n"
    never occurs inside a multi-byte UTF-8 sequence, so the file is valid UTF-8 exactly when every
    line is). Lines are re-serialized one by one by `canonical_records` only when
    `records_canonical` says that would change one of them.
    """
    last = data[data.rfind(b"\n") + 1 :]  # the last piece a split at b"\n" gives
    body, n = data, data.count(b"\n") + 1  # the kept lines, joined, and how many
    if last in (b"", b"\r"):  # the newline that ends the last record does not start another
        body, n = data[: max(len(data) - len(last) - 1, 0)], n - 1
    if n == 0:
        return pa.array([], pa.large_string())
    newlines = np.flatnonzero(np.frombuffer(body, np.uint8) == 0x0A)
    offsets = np.empty(n + 1, np.int64)
    offsets[0] = 0
    offsets[1:n] = newlines - np.arange(n - 1)  # line i starts after i - 1 newlines, which go
    offsets[n] = len(body) - (n - 1)
    lines = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(body.replace(b"\n", b"")))
    try:
        lines.validate(full=True)  # UTF-8
    except pa.ArrowInvalid:
        return None
    if records_canonical(body):
        return lines
    return pa.array(canonical_records(body.split(b"\n")), pa.large_string())


def _canonical_text_records(lines: list[str | None]) -> list[str | None]:
    """`canonical_records` for records already decoded to text (files with invalid UTF-8 lines)."""
    for i, line in enumerate(lines):
        if line and line[0] == "{":
            try:
                canonical = orjson.dumps(orjson.loads(line)).decode()
            except (orjson.JSONDecodeError, orjson.JSONEncodeError):
                continue
            if canonical != line:
                lines[i] = canonical
    return lines


class Lander:
    """One landing run against one warehouse connection."""

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        settings: Settings,
        *,
        batch_bytes: int = DEFAULT_BATCH_BYTES,
        max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
        progress: Progress | None = None,
        beside_parsing: Callable[[], object] | None = None,
    ) -> None:
        self.conn = conn
        self.settings = settings
        self.batch_bytes = batch_bytes
        self.max_record_bytes = max_record_bytes
        self.progress = progress or (lambda _msg: None)
        # Called once, when the first batch goes to DuckDB (or when there is none): work that holds
        # the GIL, started there, runs beside DuckDB's parsing, which releases it, instead of
        # taking turns with the Python that reads the first batch.
        self.beside_parsing = beside_parsing
        self.formats = registered_formats()
        self.summary = LandingSummary()
        self.key = redaction_key(settings.data_dir)

    # ---------------------------------------------------------------- planning
    def plan(self) -> list[tuple[LandingFile, str | None]]:
        """Files to land, each with the sha256 already computed when it was needed to decide.

        Entries that failed before are always tried again; a failure recorded for an entry that no
        longer exists is dropped (it holds no data; the file it named is gone).
        """
        files = discover(self.settings.landing_dir, self.key)
        self.summary.files_seen = len(files)
        current = {
            rel: (sha, size, mtime_ns, status)
            for rel, sha, size, mtime_ns, status in self.conn.execute(
                "select path, sha256, size_bytes, mtime_ns, status from raw.files where status <> 'superseded'"
            ).fetchall()
        }
        seen = {f.rel for f in files}
        gone = [rel for rel, known in current.items() if known[3] == "failed" and rel not in seen]
        if gone:
            self.conn.execute(
                "delete from raw.files where status = 'failed' and path in (select unnest(?))", [gone]
            )
        todo: list[tuple[LandingFile, str | None]] = []
        touched: list[tuple[int, str]] = []
        for f in files:
            known = current.get(f.rel)
            if known is None or known[3] == "failed":
                todo.append((f, None))
                continue
            sha, size, mtime_ns, status = known
            if f.problem is not None:
                if status == f.problem[0] and size == f.size and mtime_ns == f.mtime_ns:
                    self.summary.files_unchanged += 1
                else:
                    todo.append((f, None))
                continue
            if size == f.size and mtime_ns == f.mtime_ns:
                self.summary.files_unchanged += 1
                continue
            try:
                digest = hashlib.sha256(_read_file(f)).hexdigest()
            except OSError as exc:
                todo.append((replace(f, problem=("failed", _failure(exc))), None))
                continue
            if digest == sha:
                touched.append((f.mtime_ns, f.rel))
                self.summary.files_unchanged += 1
            else:
                todo.append((f, digest))
        if touched:  # one statement: row by row took 13 s for a copied folder of 5,314 files
            self.conn.execute(
                "update raw.files set mtime_ns = t.mtime_ns "
                "from (select unnest(?::bigint[]) as mtime_ns, unnest(?::varchar[]) as path) as t "
                "where raw.files.path = t.path and raw.files.status <> 'superseded'",
                [[m for m, _ in touched], [rel for _, rel in touched]],
            )
        for f, _ in todo:
            if f.problem is not None:
                message = f"{f.rel}: {f.problem[1]}"
                self.summary.warnings.append(message)
                self.progress(f"landing: warning: {message}")
        return todo

    def run(self) -> LandingSummary:
        started = time.perf_counter()
        todo = self.plan()
        self.progress(
            f"landing: {self.summary.files_seen} files found, {len(todo)} new or changed, "
            f"{self.summary.files_unchanged} unchanged"
        )
        batches: list[list[tuple[LandingFile, str | None]]] = [[]]
        batch_size = 0
        for item in todo:
            batches[-1].append(item)
            batch_size += item[0].size
            if batch_size >= self.batch_bytes:
                batches.append([])
                batch_size = 0
        batches = [b for b in batches if b]
        # The next batch is read (files, hashes, sniffing, Arrow columns: Python) while DuckDB parses
        # and writes this one, which releases the GIL: the two overlap on separate cores.
        done = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="landing-reader") as reader:
            pending = reader.submit(self._read_batch, batches[0]) if batches else None
            for i, batch in enumerate(batches):
                assert pending is not None
                read = pending.result()
                pending = reader.submit(self._read_batch, batches[i + 1]) if i + 1 < len(batches) else None
                done += len(batch)
                if i == 0:
                    self._start_beside_parsing()
                self._land_read_batch(read, done, len(todo))
        self._start_beside_parsing()  # nothing to parse: start it now
        self.summary.seconds = round(time.perf_counter() - started, 3)
        return self.summary

    def _start_beside_parsing(self) -> None:
        start, self.beside_parsing = self.beside_parsing, None
        if start is not None:
            start()

    # ---------------------------------------------------------------- one batch
    def _read_batch(self, batch: list[tuple[LandingFile, str | None]]) -> _ReadBatch:
        """Read, hash and sniff the files of a batch and build its Arrow tables (no warehouse access)."""
        t0 = time.perf_counter()
        read_files: list[_ReadFile] = []
        col_file: list[str] = []
        col_line_no: list[int] = []
        line_chunks: list[pa.Array] = []
        col_format: list[str] = []
        bad_utf8: list[tuple[str, int, str, str]] = []
        bytes_read = 0
        for f, digest in batch:
            if f.problem is not None:
                status, reason = f.problem
                read_files.append(_ReadFile(f, _file_id(f.rel, status), "", "unknown", status, reason))
                if status == "failed":
                    self.summary.failures.append(f"{f.rel}: {reason}")
                continue
            try:
                data = _read_file(f)
                sha = digest or hashlib.sha256(data).hexdigest()
                fid = _file_id(f.rel, sha)
                if f.deployment is None:
                    read_files.append(
                        _ReadFile(
                            f, fid, sha, "unknown", "unsupported",
                            "file is not inside a deployment folder (<landing>/<deployment>/...)",
                        )
                    )  # fmt: skip
                    bytes_read += len(data)
                    continue
                inflated, refused = inflate(data)  # .gz / .zst: recognised from the bytes (#17)
                if inflated is None:
                    read_files.append(_ReadFile(f, fid, sha, "unknown", "unsupported", refused))
                    bytes_read += len(data)
                    continue
                data = inflated
                if data.startswith(UTF8_BOM):
                    data = data[len(UTF8_BOM) :]  # a byte-order mark is not part of the first record
                sniffed = sniff(data)
                if sniffed.source_format not in self.formats:
                    status = "landed" if sniffed.reason == "empty file" else "unsupported"
                    read_files.append(_ReadFile(f, fid, sha, "unknown", status, sniffed.reason))
                    bytes_read += len(data)
                    continue
                fmt = self.formats[sniffed.source_format]
                chunk = None if fmt.records else _line_array(data)
                bad: list[tuple[int, str, str]] = []
                if chunk is None:  # records of a non-JSONL format, or a file with invalid UTF-8
                    if fmt.records:
                        lines, bad = fmt.records(data)
                    else:
                        lines, bad = split_lines(data)
                        _canonical_text_records(lines)
                    chunk = pa.array(lines, pa.large_string())
            except Exception as exc:  # any failure of one file is that file's, not the run's
                reason = _failure(exc)
                read_files.append(_ReadFile(f, _file_id(f.rel, "failed"), "", "unknown", "failed", reason))
                self.summary.failures.append(f"{f.rel}: {reason}")
                continue
            bytes_read += len(data)
            bad_utf8.extend((fid, line_no, reason, excerpt) for line_no, reason, excerpt in bad)
            del data
            rf = _ReadFile(f, fid, sha, sniffed.source_format, "landed", None, n_lines=len(chunk))
            read_files.append(rf)
            n = len(chunk)
            line_chunks.append(chunk)
            col_file.extend([fid] * n)
            col_line_no.extend(range(1, n + 1))
            col_format.extend([sniffed.source_format] * n)

        lines_table = pa.table(
            {
                "file_id": pa.array(col_file, pa.string()),
                "line_no": pa.array(col_line_no, pa.int32()),
                "line": pa.chunked_array(line_chunks, pa.large_string()),
                "source_format": pa.array(col_format, pa.string()),
            }
        )
        del line_chunks
        files_table = pa.table(
            {
                "file_id": [r.file_id for r in read_files],
                "path": [r.file.rel for r in read_files],
                "deployment": [r.file.deployment or "" for r in read_files],
                "source_format": [r.source_format for r in read_files],
            }
        )
        bad_table = pa.table(
            {
                "file_id": pa.array([b[0] for b in bad_utf8], pa.string()),
                "line_no": pa.array([b[1] for b in bad_utf8], pa.int32()),
                "reason": pa.array([b[2] for b in bad_utf8], pa.string()),
                "excerpt": pa.array([b[3] for b in bad_utf8], pa.string()),
            }
        )
        return _ReadBatch(
            read_files, lines_table, files_table, bad_table, bytes_read, time.perf_counter() - t0
        )

    def _land_read_batch(self, read: _ReadBatch, done: int, total: int) -> None:
        t0 = time.perf_counter()
        self.summary.bytes_read += read.bytes_read
        staged = self._parse_batch(read.lines_table, read.files_table, read.bad_table, read.read_files)
        self._write_batch(read.read_files, staged)
        self.progress(
            f"landing: {done}/{total} files, batch of {len(read.read_files)} in "
            f"{read.read_seconds + time.perf_counter() - t0:.1f}s "
            f"({self.summary.events} events, {self.summary.quarantined} quarantined so far)"
        )

    def _parse_batch(
        self,
        lines_table: pa.Table,
        files_table: pa.Table,
        bad_table: pa.Table,
        read_files: list[_ReadFile],
    ) -> dict[str, pa.Table]:
        """Parse, validate, number and redact one batch in a private in-memory DuckDB."""
        p = duckdb.connect(config={"threads": os.cpu_count() or 2})
        p.execute("set TimeZone = 'UTC'")
        p.register("all_lines_arrow", lines_table)
        p.register("batch_files_arrow", files_table)
        p.register("bad_utf8", bad_table)
        p.execute("create temp table all_files as select * from batch_files_arrow")
        p.execute(
            f"""
            create temp table pre_rejects as
            select file_id, line_no, 'quarantine' as action, reason, excerpt from bad_utf8
            union all
            select file_id, line_no, 'skip', 'blank line', null
            from all_lines_arrow where line is not null and {BLANK_LINE_SQL}
            union all
            select file_id, line_no, 'quarantine',
                   'record exceeds the ' || ? || ' byte limit (' || strlen(line) || ' bytes)',
                   left(line, ?)
            from all_lines_arrow where line is not null and strlen(line) > ?
            """,
            [self.max_record_bytes, EXCERPT_CHARS, self.max_record_bytes],
        )
        event_cols = ", ".join(c for c in EVENT_COLUMNS if c != "event_index")
        p.execute(
            f"create temp table all_events as select {event_cols}, 0 as sub_index "
            "from (select null::varchar as session_id, null::integer as event_index, "
            "null::varchar as event_id, null::varchar as parent_event_id, null::timestamp as ts, "
            "null::varchar as role, null::varchar as kind, null::varchar as text, "
            "null::varchar as reasoning_visibility, null::varchar as tool_name, "
            "null::varchar as tool_call_id, null::varchar as tool_input, null::varchar as tool_output, "
            "null::boolean as is_error, null::integer as exit_code, null::bigint as input_tokens, "
            "null::bigint as output_tokens, null::bigint as reasoning_tokens, null::varchar as model, "
            "null::varchar as file_id, null::integer as line_no, null::bigint as cached_input_tokens, "
            "null::bigint as cache_creation_input_tokens) where false"
        )
        p.execute(
            "create temp table all_sessions (session_id varchar, source_format varchar, agent varchar, "
            "agent_version varchar, model varchar, parent_session_id varchar, cwd varchar, "
            "git_branch varchar, started_at timestamp, ended_at timestamp, file_id varchar)"
        )
        p.execute(
            "create temp table all_rejects (file_id varchar, line_no integer, action varchar, reason varchar)"
        )

        by_format: dict[str, list[_ReadFile]] = {}
        for rf in read_files:
            if rf.status == "landed" and rf.source_format in self.formats:
                by_format.setdefault(rf.source_format, []).append(rf)
        for fmt, members in by_format.items():
            try:
                self._run_parser(p, fmt, [m.file_id for m in members])
            except duckdb.Error:
                # Isolate the file that breaks the parser; the others still land.
                for m in members:
                    try:
                        self._run_parser(p, fmt, [m.file_id])
                    except duckdb.Error as exc:
                        m.status, m.reason = "failed", redact_deep(f"{fmt} parser error: {exc}")[:1000]
                        self.summary.failures.append(f"{m.file.rel}: {m.reason}")
        failed = [[rf.file_id, rf.reason] for rf in read_files if rf.status == "failed"]
        p.execute("create temp table failed_files (file_id varchar, reason varchar)")
        if failed:
            p.executemany("insert into failed_files values (?, ?)", failed)

        # Outcome of every line: pre-checks first, then events, then the parser's reason.
        p.execute(
            """
            create temp table outcomes as
            with lines as (select file_id, line_no from all_lines_arrow),
            ev as (select file_id, line_no, count(*) as n from all_events group by all),
            rj as (
                select file_id, line_no, arg_min(action, case action when 'quarantine' then 0 else 1 end)
                       as action, arg_min(reason, case action when 'quarantine' then 0 else 1 end) as reason
                from all_rejects group by all
            ),
            pre as (select file_id, line_no, any_value(action) as action, any_value(reason) as reason,
                           any_value(excerpt) as excerpt from pre_rejects group by all)
            select l.file_id, l.line_no, pre.excerpt as pre_excerpt,
                   case when ff.reason is not null then 'quarantine'
                        when pre.action is not null then pre.action
                        when ev.n > 0 then 'landed'
                        when rj.action is not null then rj.action
                        else 'quarantine' end as action,
                   case when ff.reason is not null then ff.reason
                        when pre.action is not null then pre.reason
                        when ev.n > 0 then null
                        when rj.action is not null then rj.reason
                        else 'parser produced no event and no reason for this record (parser gap)' end
                       as reason
            from lines l
            left join failed_files ff using (file_id)
            left join pre using (file_id, line_no)
            left join ev using (file_id, line_no)
            left join rj using (file_id, line_no)
            """
        )
        self._redact_identifiers(p)
        renamed = self._resolve_session_conflicts(p)
        for rf in read_files:  # say so: a file whose session another file also holds (#17)
            if rf.file_id in renamed and rf.reason is None:
                rf.reason = renamed[rf.file_id]
        p.execute(
            f"""
            create temp table final_events as
            with kept as (
                select e.* from all_events e
                join outcomes o using (file_id, line_no)
                where o.action = 'landed'
            ),
            numbered as (
                select *, (row_number() over (partition by session_id order by line_no, sub_index) - 1)::integer
                       as event_index
                from kept
            )
            select session_id, event_index, event_id, parent_event_id, ts, role, kind,
                   {redact_sql("text")} as text,
                   reasoning_visibility, {redact_sql("tool_name")} as tool_name, tool_call_id,
                   {redact_sql("tool_input")} as tool_input,
                   {redact_sql("tool_output")} as tool_output,
                   is_error, exit_code, input_tokens, output_tokens, reasoning_tokens,
                   {redact_sql("model")} as model,
                   file_id, line_no, cached_input_tokens, cache_creation_input_tokens,
                   {placeholder_count_sql("text")} + {placeholder_count_sql("tool_input")}
                       + {placeholder_count_sql("tool_output")} as placeholders_before
            from numbered
            """
        )
        p.execute(
            f"""
            create temp table final_quarantine as
            with q as (
                -- Cut for quarantined lines only, not for every line of the batch; redaction sees a
                -- window past the excerpt limit, so a token the limit cuts is still recognised.
                select o.file_id, o.line_no, {redact_sql("o.reason")} as reason,
                       coalesce(o.pre_excerpt, left(l.line, ?)) as excerpt
                from outcomes o left join all_lines_arrow l using (file_id, line_no)
                where o.action = 'quarantine'
            ),
            r as (select *, {redact_sql("excerpt")} as redacted from q)
            select r.file_id, f.path, r.line_no, r.reason,
                   left(r.redacted, ?) as raw_excerpt,
                   {placeholder_count_sql("r.redacted")} - {placeholder_count_sql("r.excerpt")} as redactions
            from r join all_files f using (file_id)
            """,
            [EXCERPT_WINDOW, EXCERPT_CHARS],
        )
        self._redact_escaped(p)
        p.execute(
            f"""
            create temp table final_sessions as
            with ev as (
                select session_id, min(ts) as first_ts, max(ts) as last_ts, mode(model) as top_model,
                       any_value(file_id) as ev_file_id
                from final_events group by all
            ),
            s as (select session_id, any_value(source_format) as source_format, any_value(agent) as agent,
                         any_value(agent_version) as agent_version, any_value(model) as model,
                         any_value(parent_session_id) as parent_session_id, any_value(cwd) as cwd,
                         any_value(git_branch) as git_branch, min(started_at) as started_at,
                         max(ended_at) as ended_at
                  from all_sessions group by all)
            select ev.session_id, f.deployment, coalesce(s.source_format, f.source_format) as source_format,
                   {redact_sql("s.agent")} as agent, {redact_sql("s.agent_version")} as agent_version,
                   coalesce({redact_sql("s.model")}, ev.top_model) as model,
                   s.parent_session_id, {redact_sql("s.cwd")} as cwd, {redact_sql("s.git_branch")} as git_branch,
                   coalesce(s.started_at, ev.first_ts) as started_at,
                   coalesce(s.ended_at, ev.last_ts) as ended_at,
                   ev.ev_file_id as file_id
            from ev
            left join s using (session_id)
            join all_files f on f.file_id = ev.ev_file_id
            """
        )
        p.execute(
            f"""
            create temp table file_counts as
            with o as (
                select file_id, count(*) as n_records,
                       count(*) filter (action = 'landed') as n_landed,
                       count(*) filter (action = 'quarantine') as n_quarantined,
                       count(*) filter (action = 'skip') as n_skipped
                from outcomes group by all
            ),
            sk as (
                select file_id, to_json(map(list(reason), list(n)))::varchar as skip_reasons
                from (select file_id, {redact_sql("reason")} as reason, count(*) as n
                      from outcomes where action = 'skip' group by all)
                group by all
            ),
            ev as (
                select file_id, count(*) as n_events,
                       sum({placeholder_count_sql("text")} + {placeholder_count_sql("tool_input")}
                           + {placeholder_count_sql("tool_output")} - placeholders_before) as red
                from final_events group by all
            ),
            q as (
                select file_id, sum(redactions) as red from final_quarantine group by all
            )
            select o.*, sk.skip_reasons, coalesce(ev.n_events, 0) as n_events,
                   (coalesce(ev.red, 0) + coalesce(q.red, 0))::bigint as n_redactions
            from o
            left join sk using (file_id) left join ev using (file_id) left join q using (file_id)
            """
        )
        staged = {
            "events": p.sql(
                "select * exclude (placeholders_before) from final_events order by session_id, event_index"
            ).to_arrow_table(),
            "sessions": p.sql("select * from final_sessions").to_arrow_table(),
            "quarantine": p.sql("select * exclude (redactions) from final_quarantine").to_arrow_table(),
            "file_counts": p.sql("select * from file_counts").to_arrow_table(),
        }
        p.close()
        return staged

    def _redact_identifiers(self, p: duckdb.DuckDBPyConnection) -> None:
        """Secrets inside ids (session, event, tool call ids) become placeholders plus a keyed hash,
        before ids are compared with the warehouse's, so the same id maps to the same value in every
        table and on every run. Only the rare ids the prefilter flags are rewritten."""
        prefilter = PREFILTER.replace("'", "''")
        for table, columns in (
            ("all_events", ("session_id", "event_id", "parent_event_id", "tool_call_id")),
            ("all_sessions", ("session_id", "parent_session_id")),
        ):
            for col in columns:
                p.execute(
                    f"update {table} set {col} = {redact_identifier_sql(col, self.key)} "
                    f"where regexp_matches({col}, '{prefilter}')"
                )

    def _redact_escaped(self, p: duckdb.DuckDBPyConnection) -> None:
        """Redact what hides behind JSON escapes (\\u0041KIA..., https:\\/\\/...), in decoded form.

        The SQL patterns see the stored text; a value with \\uXXXX or \\/ escapes (rare: writers
        emit UTF-8) goes through `redact_deep`, which decodes every string value, JSON held in
        JSON strings included, and keeps the decoded, redacted form when decoding reveals a secret.
        """
        cols = ("text", "tool_input", "tool_output")
        where = " or ".join(escaped_sql(c) for c in cols)
        rows = p.execute(
            f"select session_id, event_index, {', '.join(cols)} from final_events where {where}"
        ).fetchall()
        if rows:
            fixed = [
                (sid, idx, *(None if v is None else redact_deep(v) for v in values))
                for sid, idx, *values in rows
            ]
            p.register(
                "deep_events",
                pa.table(
                    {"session_id": [r[0] for r in fixed], "event_index": pa.array([r[1] for r in fixed], pa.int32()),
                     **{c: pa.array([r[2 + i] for r in fixed], pa.string()) for i, c in enumerate(cols)}}
                ),
            )  # fmt: skip
            p.execute(
                f"""
                update final_events e set {", ".join(f"{c} = d.{c}" for c in cols)}
                from deep_events d where e.session_id = d.session_id and e.event_index = d.event_index
                """
            )
            p.unregister("deep_events")
        rows = p.execute(
            f"select file_id, line_no, raw_excerpt from final_quarantine where {escaped_sql('raw_excerpt')}"
        ).fetchall()
        if rows:
            fixed_q = [(fid, line_no, redact_deep(text)) for fid, line_no, text in rows]
            p.register(
                "deep_quarantine",
                pa.table({"file_id": [r[0] for r in fixed_q], "line_no": pa.array([r[1] for r in fixed_q], pa.int32()),
                          "raw_excerpt": [r[2] for r in fixed_q]}),
            )  # fmt: skip
            p.execute(
                f"""
                update final_quarantine q set raw_excerpt = left(d.raw_excerpt, {EXCERPT_CHARS}),
                       redactions = q.redactions + {placeholder_count_sql("d.raw_excerpt")}
                                    - {placeholder_count_sql("q.raw_excerpt")}
                from deep_quarantine d where q.file_id = d.file_id and q.line_no = d.line_no
                """
            )
            p.unregister("deep_quarantine")

    def _run_parser(self, p: duckdb.DuckDBPyConnection, fmt: str, file_ids: list[str]) -> None:
        p.register("parse_ids_arrow", pa.table({"file_id": pa.array(file_ids, pa.string())}))
        p.execute("create or replace temp table parse_ids as select file_id from parse_ids_arrow")
        p.unregister("parse_ids_arrow")
        # A view, not a copy: parsers read it once or twice, and a copy of every line of the batch
        # cost more than both reads (the lines stay in the Arrow table the view scans).
        p.execute(
            f"""
            create or replace temp view batch_lines as
            select file_id, line_no, line from all_lines_arrow
            where file_id in (select file_id from parse_ids)
              and line is not null and not {BLANK_LINE_SQL} and strlen(line) <= {int(self.max_record_bytes)}
            """
        )
        p.execute(
            "create or replace temp table batch_files as "
            "select * from all_files where file_id in (select file_id from parse_ids)"
        )
        self.formats[fmt].parse(p)
        # Only after the parser succeeded for all of these files do their rows count.
        p.execute("begin")
        p.execute("insert into all_events by name select * from p_events")
        p.execute("insert into all_sessions by name select * from p_sessions")
        p.execute("insert into all_rejects by name select file_id, line_no, action, reason from p_rejects")
        p.execute("commit")

    def _resolve_session_conflicts(self, p: duckdb.DuckDBPyConnection) -> dict[str, str]:
        """Keep session ids unique: a session id already owned by another file gets a file suffix.

        Two files can claim one session id (a copied or resumed transcript). The file that owned the
        id first keeps it; a later one is landed as `<session_id>~<file_id prefix>` so no events mix.
        Returns, per renamed file, the sentence saying so (its raw.files status_reason).
        """
        batch_paths = p.sql("select path from all_files").fetchall()
        owners = self.conn.sql(
            "select s.session_id, s.file_id, f.path from raw.sessions s join raw.files f using (file_id)"
        ).to_arrow_table()
        p.register("warehouse_owners", owners)
        p.register("batch_paths", pa.table({"path": [b[0] for b in batch_paths]}))
        p.execute(
            """
            create temp table session_renames as
            with claims as (
                select distinct e.session_id, e.file_id, f.path from all_events e join all_files f using (file_id)
            ),
            held as (  -- owners that this batch does not replace
                select session_id, path from warehouse_owners
                where path not in (select path from batch_paths)
            ),
            ranked as (
                select c.*, row_number() over (partition by c.session_id order by c.path) as rn,
                       exists (select 1 from held h where h.session_id = c.session_id) as taken
                from claims c
            )
            select session_id, file_id, session_id || '~' || left(file_id, 8) as new_id
            from ranked where taken or rn > 1
            """
        )
        renames = p.execute(
            "select file_id, string_agg(session_id || ' as ' || new_id, ', ' order by session_id) "
            "from session_renames group by file_id"
        ).fetchall()
        if renames:
            for table in ("all_events", "all_sessions"):
                p.execute(
                    f"""
                    update {table} t set session_id = r.new_id
                    from session_renames r
                    where t.session_id = r.session_id and t.file_id = r.file_id
                    """
                )
            p.execute(
                """
                update all_sessions s set parent_session_id = r.new_id from session_renames r
                where s.parent_session_id = r.session_id and s.file_id = r.file_id
                """
            )
        return {
            file_id: f"sessions also held by another file landed under new ids: {names}"[:1000]
            for file_id, names in renames
        }

    # ---------------------------------------------------------------- writing
    def _write_batch(self, read_files: list[_ReadFile], staged: dict[str, pa.Table]) -> None:
        counts = {row["file_id"]: row for row in staged["file_counts"].to_pylist()}
        now = datetime.now(UTC).replace(tzinfo=None)
        file_rows = []
        for rf in read_files:
            c = counts.get(rf.file_id, {})
            file_rows.append(
                {
                    "file_id": rf.file_id,
                    "path": rf.file.rel,
                    "deployment": rf.file.deployment or "",
                    "source_format": rf.source_format,
                    "sha256": rf.sha256,
                    "size_bytes": rf.file.size,
                    "n_records": c.get("n_records", 0),
                    "n_landed": c.get("n_landed", 0),
                    "n_quarantined": c.get("n_quarantined", 0),
                    "n_skipped": c.get("n_skipped", 0),
                    "n_events": c.get("n_events", 0),
                    "n_redactions": c.get("n_redactions", 0),
                    "status": rf.status,
                    "status_reason": redact_deep(rf.reason) if rf.reason else None,
                    "skip_reasons": c.get("skip_reasons"),
                    "mtime_ns": rf.file.mtime_ns,
                    "landed_at": now,
                }
            )
        files_arrow = pa.Table.from_pylist(file_rows)
        conn = self.conn
        conn.register("new_files", files_arrow)
        conn.register("new_events", staged["events"])
        conn.register("new_sessions", staged["sessions"])
        conn.register("new_quarantine", staged["quarantine"])
        conn.register(
            "batch_rels_arrow", pa.table({"path": pa.array([rf.file.rel for rf in read_files], pa.string())})
        )
        conn.execute("begin transaction")
        try:
            conn.execute("create or replace temp table replaced (file_id varchar)")
            conn.execute("create or replace temp table batch_rels as select path from batch_rels_arrow")
            conn.execute(
                """
                insert into replaced
                select file_id from raw.files
                where path in (select path from batch_rels) and status <> 'superseded'
                """
            )
            superseded = conn.execute("select count(*) from replaced").fetchone()[0]
            conn.execute(
                "update raw.files set status = 'superseded' where file_id in (select * from replaced)"
            )
            for table in ("raw.events", "raw.sessions", "raw.quarantine"):
                conn.execute(f"delete from {table} where file_id in (select * from replaced)")
            # A file that returns to an earlier content gets its old id back.
            conn.execute("delete from raw.files where file_id in (select file_id from new_files)")
            conn.execute("insert into raw.files by name select * from new_files")
            conn.execute("insert into raw.events by name select * from new_events")
            conn.execute("insert into raw.sessions by name select * from new_sessions")
            conn.execute(
                "insert into raw.quarantine by name select *, ?::timestamp as quarantined_at from new_quarantine",
                [now],
            )
            _pause_for_crash_test()
            conn.execute("commit")
        except BaseException:
            conn.execute("rollback")
            raise
        finally:
            for name in ("new_files", "new_events", "new_sessions", "new_quarantine", "batch_rels_arrow"):
                conn.unregister(name)
        s = self.summary
        s.files_superseded += superseded
        for row in file_rows:
            if row["status"] == "landed":
                s.files_landed += 1
            elif row["status"] == "unsupported":
                s.files_unsupported += 1
            elif row["status"] == "failed":
                s.files_failed += 1
            s.records += row["n_records"]
            s.quarantined += row["n_quarantined"]
            s.skipped += row["n_skipped"]
            s.events += row["n_events"]
            s.redactions += row["n_redactions"]
        s.sessions += staged["sessions"].num_rows


def _pause_for_crash_test() -> None:
    """Let the crash test kill the process inside a write transaction (never set in production)."""
    marker = os.environ.get("COTWATCH_TEST_PAUSE_IN_TRANSACTION")
    if marker:
        Path(marker).write_text("in transaction")
        time.sleep(120)


def land(
    settings: Settings,
    *,
    progress: Progress | None = None,
    beside_parsing: Callable[[], object] | None = None,
    **options: int,
) -> LandingSummary:
    """Land every new or changed file of `settings.landing_dir` into the warehouse.

    `beside_parsing` is started once, when the first batch goes to DuckDB (see `Lander`)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open_warehouse(settings) as conn:
        ensure_raw_schema(conn)
        return Lander(conn, settings, progress=progress, beside_parsing=beside_parsing, **options).run()


def file_counts_add_up(conn: duckdb.DuckDBPyConnection) -> Iterable[tuple]:
    """Files whose counts do not add up, or disagree with the tables (empty when all is well)."""
    return conn.execute(
        """
        with ev as (select file_id, count(*) as n from raw.events group by all),
             q as (select file_id, count(*) as n from raw.quarantine group by all)
        select f.path, f.n_records, f.n_landed, f.n_quarantined, f.n_skipped, f.n_events,
               coalesce(ev.n, 0) as events_in_table, coalesce(q.n, 0) as quarantine_in_table
        from raw.files f left join ev using (file_id) left join q using (file_id)
        where f.status <> 'superseded'
          and (f.n_records <> f.n_landed + f.n_quarantined + f.n_skipped
               or f.n_events <> coalesce(ev.n, 0) or f.n_quarantined <> coalesce(q.n, 0))
        """
    ).fetchall()
