"""The bad-input corpus: one bad file never sinks the batch, and nothing outside the landing root is read.

Every class of bad input named in issue #16 sits in one landing folder next to a good transcript;
the good transcript lands, each bad entry ends as a `raw.files` row with its status and reason (or
its lines in the quarantine), and fixing a failed file lands it on the next run. The permission
cases need a process without root's file-permission override: `setpriv` drops it when the tests
run as root.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.transcripts.sniff import sniff
from pipelines.warehouse.landing import file_counts_add_up, land
from tests.conftest import REAL_FIXTURES, REPO, query
from tests.warehouse.test_landing import CLAUDE_MAIN, canonical_line

EVAL_ZIP = REAL_FIXTURES / "inspect" / "2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"
SECRET_FILE_TEXT = "root:x:0:0:planted-outside-the-landing-root"


def _files(settings: Settings) -> dict[str, tuple]:
    rows = query(
        settings,
        "select path, status, status_reason, n_records, n_landed, n_quarantined from raw.files "
        "where status <> 'superseded'",
    )
    return {r[0]: r[1:] for r in rows}


def _all_text(settings: Settings) -> str:
    """Every text value of every raw table, for "was this ever read" assertions."""
    parts = []
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        for table in ("raw.files", "raw.sessions", "raw.events", "raw.quarantine"):
            parts.append(str(conn.execute(f"select * from {table}").fetchall()))
    return "\n".join(parts)


def _eval_with_zip_version(path: Path, version: int) -> Path:
    """A real Inspect log whose central directory claims a zip version zipfile cannot extract."""
    data = bytearray(EVAL_ZIP.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 6 : at + 8] = version.to_bytes(2, "little")  # "version needed to extract"
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _eval_with_undecodable_name(path: Path) -> Path:
    """A zip whose member name is flagged UTF-8 but is not (zipfile raises UnicodeDecodeError)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("header.json", "{}")
    data = bytearray(path.read_bytes())
    cd = data.find(b"PK\x01\x02")
    data[cd + 8 : cd + 10] = (int.from_bytes(data[cd + 8 : cd + 10], "little") | 0x800).to_bytes(2, "little")
    name_at = cd + 46
    data[name_at : name_at + 2] = b"\xff\xfe"
    path.write_bytes(bytes(data))
    return path


def test_bad_file_classes_each_get_a_row_and_the_rest_of_the_batch_lands(settings: Settings) -> None:
    team = settings.landing_dir / "team-a"
    team.mkdir()
    shutil.copy(CLAUDE_MAIN, team / "good.jsonl")
    # a file name that is not UTF-8 (os.walk hands it over with surrogates)
    bad_name = os.fsencode(team) + b"/caf\xe9-\xff.jsonl"
    with open(bad_name, "wb") as fh:
        fh.write((canonical_line("latin1-name", "user_message", "hello") + "\n").encode())
    # corrupted Inspect logs: zipfile raises NotImplementedError / UnicodeDecodeError on them
    _eval_with_zip_version(team / "future-version.eval", 99)
    _eval_with_undecodable_name(team / "bad-name-in-zip.eval")
    # UTF-16 and gzip files: named for what they are, not "binary"
    (team / "utf16.jsonl").write_bytes(
        ("\ufeff" + canonical_line("u16", "user_message", "hi") + "\n").encode("utf-16-le")
    )
    (team / "utf16-nobom.jsonl").write_bytes(
        (canonical_line("u16b", "user_message", "hi") + "\n").encode("utf-16-le")
    )
    (team / "log.jsonl.gz").write_bytes(gzip.compress(CLAUDE_MAIN.read_bytes()))
    # a NUL byte in one line of a valid file: only that line is quarantined
    nul_lines = [canonical_line("nul", "user_message", f"line {i}") for i in range(5)]
    nul_lines[2] = nul_lines[2].replace("line 2", "line\x002")
    (team / "nul.jsonl").write_text("\n".join(nul_lines) + "\n")
    # a UTF-8 byte-order mark before the first record
    (team / "bom.jsonl").write_bytes(
        b"\xef\xbb\xbf" + (canonical_line("bom", "user_message", "first") + "\n").encode()
    )
    # links: to a file outside the root, a loop, a dangling one, to a folder, and one inside the root
    outside = settings.data_dir.parent / "outside.txt"
    outside.write_text(
        json.dumps({"session_id": "x", "kind": "user_message", "text": SECRET_FILE_TEXT}) + "\n"
    )
    (team / "passwd.jsonl").symlink_to(outside)
    (team / "environ.jsonl").symlink_to("/proc/self/environ")
    (team / "loop.jsonl").symlink_to(team / "loop.jsonl")
    (team / "dangling.jsonl").symlink_to(team / "does-not-exist.jsonl")
    (team / "etc").symlink_to("/etc")
    (team / "alias.jsonl").symlink_to(team / "good.jsonl")

    summary = land(settings)

    files = _files(settings)
    assert files["team-a/good.jsonl"][0] == "landed"
    assert files["team-a/caf\\xe9-\\xff.jsonl"][:2] == ("landed", None)
    assert files["team-a/future-version.eval"][0] == "unsupported"  # damaged input, as any corrupt zip
    assert "NotImplementedError" in files["team-a/future-version.eval"][1]
    assert files["team-a/bad-name-in-zip.eval"][0] == "unsupported"
    assert "UnicodeDecodeError" in files["team-a/bad-name-in-zip.eval"][1]
    assert "UTF-16" in files["team-a/utf16.jsonl"][1]
    assert "UTF-16" in files["team-a/utf16-nobom.jsonl"][1]
    # gzip is read since #17: the compressed Claude Code session lands like the plain one
    assert files["team-a/log.jsonl.gz"][0] == "landed"
    assert files["team-a/nul.jsonl"][:5] == ("landed", None, 5, 4, 1)
    assert files["team-a/bom.jsonl"][:5] == ("landed", None, 1, 1, 0)
    assert files["team-a/passwd.jsonl"][:2] == (
        "unsupported",
        "symbolic link to a file outside the landing root: not read",
    )
    assert files["team-a/environ.jsonl"][0] == "unsupported"
    assert files["team-a/loop.jsonl"][:2] == ("unsupported", "symbolic link loop: not followed")
    assert files["team-a/dangling.jsonl"][:2] == ("unsupported", "dangling symbolic link: not followed")
    assert files["team-a/etc"][:2] == (
        "unsupported",
        "symbolic link to a folder: links to folders are not followed",
    )
    assert files["team-a/alias.jsonl"][0] == "landed"  # a link that stays inside the root is read
    everything = _all_text(settings)
    assert SECRET_FILE_TEXT not in everything
    assert "HOME=" not in everything and "PATH=" not in everything
    (reason,) = query(settings, "select reason from raw.quarantine where path = 'team-a/nul.jsonl'")[0]
    assert "invalid JSON" in reason
    assert query(settings, "select text from raw.events where session_id = 'bom'") == [("first",)]
    assert summary.files_failed == 0 and summary.failures == []
    assert any("passwd.jsonl" in w for w in summary.warnings)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        assert list(file_counts_add_up(conn)) == []

    # a second run changes nothing; a repaired file lands and supersedes its unsupported row
    again = land(settings)
    assert (again.files_landed, again.files_unsupported, again.files_failed) == (0, 0, 0)
    shutil.copy(EVAL_ZIP, team / "future-version.eval")
    land(settings)
    assert _files(settings)["team-a/future-version.eval"][0] == "landed"


def test_file_deleted_between_discovery_and_reading_is_a_failed_row(settings: Settings) -> None:
    team = settings.landing_dir / "team-b"
    team.mkdir()
    shutil.copy(CLAUDE_MAIN, team / "good.jsonl")
    (team / "vanishing.jsonl").write_text(canonical_line("v", "user_message", "soon gone") + "\n")

    def delete_after_planning(message: str) -> None:
        if "new or changed" in message:  # printed after discovery, before any file is read
            (team / "vanishing.jsonl").unlink(missing_ok=True)

    summary = land(settings, progress=delete_after_planning)

    files = _files(settings)
    assert files["team-b/good.jsonl"][0] == "landed"
    assert files["team-b/vanishing.jsonl"][0] == "failed"
    assert "FileNotFoundError" in files["team-b/vanishing.jsonl"][1]
    assert summary.files_failed == 1
    # the file is gone for good: its failure is dropped on the next run, nothing else changes
    land(settings)
    assert "team-b/vanishing.jsonl" not in _files(settings)


LAND_IN_CHILD = """
import json, sys
from pathlib import Path
from pipelines.config import Settings
from pipelines.warehouse.landing import land
s = land(Settings(data_dir=Path(sys.argv[1]), landing_dir=Path(sys.argv[2])))
print(json.dumps({"failed": s.files_failed, "landed": s.files_landed, "failures": s.failures}))
"""


def _land_without_permission_override(settings: Settings) -> dict:
    """Land in a child process that file permissions apply to (root keeps its uid, loses the override)."""
    cmd = [sys.executable, "-c", LAND_IN_CHILD, str(settings.data_dir), str(settings.landing_dir)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot be enforced")
        drop = "-dac_override,-dac_read_search"
        cmd = [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", "--", *cmd]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_unreadable_file_and_folder_are_recorded_and_retried(settings: Settings) -> None:
    team = settings.landing_dir / "team-c"
    team.mkdir()
    shutil.copy(CLAUDE_MAIN, team / "good.jsonl")
    locked_file = team / "locked.jsonl"
    locked_file.write_text(canonical_line("locked", "user_message", "can't read me") + "\n")
    locked_dir = team / "private"
    locked_dir.mkdir()
    (locked_dir / "inner.jsonl").write_text(canonical_line("inner", "user_message", "nor me") + "\n")
    settings.data_dir.mkdir(parents=True)
    locked_file.chmod(0)
    locked_dir.chmod(0)
    try:
        result = _land_without_permission_override(settings)
    finally:
        locked_file.chmod(0o644)
        locked_dir.chmod(0o755)

    files = _files(settings)
    assert files["team-c/good.jsonl"][0] == "landed"
    assert files["team-c/locked.jsonl"][0] == "failed"
    assert "PermissionError" in files["team-c/locked.jsonl"][1]
    assert files["team-c/private"][:2] == ("failed", "folder could not be read: Permission denied")
    assert result["failed"] == 2 and result["landed"] == 1

    summary = land(settings)  # readable again: both are retried and land
    files = _files(settings)
    assert summary.files_failed == 0
    assert files["team-c/locked.jsonl"][0] == "landed"
    assert files["team-c/private/inner.jsonl"][0] == "landed"
    assert "team-c/private" not in files


def test_duplicate_keys_last_value_wins_in_the_sniffer_and_the_parsers(settings: Settings) -> None:
    team = settings.landing_dir / "team-d"
    team.mkdir()
    record = (
        '{"session_id": "dup", "kind": "user_message", "kind": "reasoning", '
        '"text": "first value", "ts": "2026-03-01T10:00:00Z", "text": "last value"}'
    )
    (team / "dup.jsonl").write_text(record + "\n")
    codex = (REAL_FIXTURES / "codex").glob("*.jsonl").__next__().read_text().splitlines()
    # a Codex session_meta whose nested payload names the session twice
    meta = json.loads(codex[0])
    assert meta["type"] == "session_meta"
    first_id = meta["payload"]["id"]
    text = json.dumps(meta).replace(
        f'"id": "{first_id}"', f'"id": "first-{first_id}", "id": "last-{first_id}"', 1
    )
    (team / "codex.jsonl").write_text("\n".join([text, *codex[1:]]) + "\n")
    # the sniffer: a record whose `type` is first Claude's, last Codex's, is Codex
    sniffed = sniff(b'{"type": "user", "sessionId": "s", "type": "session_meta", "payload": {}}\n')
    assert sniffed.source_format == "codex_rollout"

    land(settings)

    assert query(settings, "select kind, text from raw.events where session_id = 'dup'") == [
        ("reasoning", "last value")
    ]
    sessions = {s for (s,) in query(settings, "select session_id from raw.sessions")}
    assert f"last-{first_id}" in sessions and f"first-{first_id}" not in sessions
