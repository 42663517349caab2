"""Landing invariants: conservation, idempotence, atomic batches, redaction, unsupported input."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import orjson
import pytest

from pipelines.config import Settings
from pipelines.warehouse.landing import _line_array, file_counts_add_up, land, records_canonical
from tests.conftest import REAL_FIXTURES, query

CLAUDE_MAIN = REAL_FIXTURES / "claude_code" / "sample_main_transcript.jsonl"


def canonical_line(session: str, kind: str, text: str, **extra: object) -> str:
    return json.dumps(
        {"session_id": session, "kind": kind, "text": text, "ts": "2026-03-01T10:00:00Z", **extra}
    )


def write_corrupted_claude_file(path: Path) -> int:
    """A real Claude Code transcript followed by every kind of broken record; returns the line count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    good = CLAUDE_MAIN.read_bytes()
    broken = [
        b'{"type":"user","sessionId":"c45af7b1-cb7c-4e51-93db-8cbb250a877a","message":{"role":"us',  # truncated
        b'{"type":"user","sessionId":"x","message":{"role":"user","content":"caf\xe9 \xff"}}',  # bad UTF-8
        b"[1, 2, 3]",  # JSON of the wrong shape
        b'"just a string"',
        b'{"type":"assistant","sessionId":"c45af7b1-cb7c-4e51-93db-8cbb250a877a","uuid":"zz",'
        b'"timestamp":"2026-01-02T19:30:00.000Z","message":{"role":"assistant","content":42}}',  # wrong type
        b'{"type":"user","sessionId":"c45af7b1-cb7c-4e51-93db-8cbb250a877a","uuid":"big","message":'
        b'{"role":"user","content":"' + b"A" * (50 * 1024 * 1024) + b'"}}',  # a 50 MB line
        b"",  # a blank line
    ]
    data = good + b"\n".join(broken) + b"\n"
    path.write_bytes(data)
    return data.count(b"\n")  # every line, the blank one included, ends with a newline


def test_conservation_on_corrupted_file_every_line_accounted(settings: Settings) -> None:
    n_lines = write_corrupted_claude_file(settings.landing_dir / "team-a" / "broken.jsonl")
    (settings.landing_dir / "team-a" / "empty.jsonl").write_bytes(b"")

    summary = land(settings)

    rows = query(
        settings,
        "select path, status, n_records, n_landed, n_quarantined, n_skipped, n_events from raw.files order by path",
    )
    broken = next(r for r in rows if r[0] == "team-a/broken.jsonl")
    empty = next(r for r in rows if r[0] == "team-a/empty.jsonl")
    assert broken[1] == "landed"
    assert broken[2] == n_lines
    assert broken[2] == broken[3] + broken[4] + broken[5]
    assert broken[4] == 6  # truncated, bad UTF-8, array, string, wrong type, 50 MB line
    assert broken[5] >= 11  # 10 file-history-snapshots and the blank line are counted skips
    assert empty[1:3] == ("landed", 0)
    reasons = [r[0] for r in query(settings, "select reason from raw.quarantine order by line_no")]
    assert any("invalid JSON" in r for r in reasons)
    assert any("invalid UTF-8" in r for r in reasons)
    assert any("wrong shape" in r for r in reasons)
    assert any("content" in r for r in reasons), reasons  # the wrong-type record names its field
    assert any("byte limit" in r for r in reasons)
    excerpts = query(settings, "select max(length(raw_excerpt)) from raw.quarantine")[0][0]
    assert excerpts <= 500
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        assert list(file_counts_add_up(conn)) == []
    assert summary.quarantined == 6


def _table_fingerprint(settings: Settings) -> dict[str, object]:
    return {
        "files": query(settings, "select file_id, status, n_records, n_events from raw.files order by 1"),
        "events": query(settings, "select count(*), md5(string_agg(session_id || event_index || coalesce(text,''), ',' "
                                  "order by session_id, event_index)) from raw.events"),
        "sessions": query(settings, "select session_id, file_id from raw.sessions order by 1"),
        "quarantine": query(settings, "select count(*) from raw.quarantine"),
    }  # fmt: skip


def test_landing_same_files_twice_changes_nothing(real_landing: Settings) -> None:
    land(real_landing)
    before = _table_fingerprint(real_landing)
    second = land(real_landing)
    assert second.files_landed == 0
    assert second.files_unchanged == second.files_seen
    assert _table_fingerprint(real_landing) == before


def test_touched_but_identical_file_is_not_landed_again(real_landing: Settings) -> None:
    land(real_landing)
    before = _table_fingerprint(real_landing)
    # every file touched, as a copy without its times (cp -r, a restore) leaves them
    touched = sorted(p for p in real_landing.landing_dir.rglob("*") if p.is_file())
    now = time.time_ns()
    for i, path in enumerate(touched):
        os.utime(path, ns=(now + i, now + i))
    again = land(real_landing)
    assert again.files_landed == 0
    assert _table_fingerprint(real_landing) == before
    # the new times are kept, so the next run trusts them instead of hashing every file again
    stored = dict(query(real_landing, "select path, mtime_ns from raw.files where status <> 'superseded'"))
    assert len(stored) == len(touched)
    for path in touched:
        assert stored[path.relative_to(real_landing.landing_dir).as_posix()] == path.stat().st_mtime_ns


def test_grown_file_replaces_its_earlier_version_without_duplicates(settings: Settings) -> None:
    path = settings.landing_dir / "team-b" / "s.jsonl"
    path.parent.mkdir()
    lines = [canonical_line("s1", "user_message", "fix it"), canonical_line("s1", "assistant_text", "on it")]
    path.write_text("\n".join(lines) + "\n")
    land(settings)
    first_id = query(settings, "select file_id from raw.files where status = 'landed'")[0][0]

    with path.open("a") as fh:
        fh.write(canonical_line("s1", "assistant_text", "done") + "\n")
    summary = land(settings)

    assert summary.files_landed == 1
    assert summary.files_superseded == 1
    statuses = dict(query(settings, "select file_id, status from raw.files"))
    assert statuses[first_id] == "superseded"
    assert query(settings, "select count(*), count(distinct event_index) from raw.events") == [(3, 3)]
    assert query(settings, "select text from raw.events order by event_index") == [
        ("fix it",),
        ("on it",),
        ("done",),
    ]
    assert query(settings, "select count(*) from raw.sessions") == [(1,)]


def test_killed_run_leaves_previous_state(settings: Settings, tmp_path: Path) -> None:
    path = settings.landing_dir / "team-c" / "s.jsonl"
    path.parent.mkdir()
    path.write_text(canonical_line("s1", "user_message", "v1") + "\n")
    land(settings)
    before = _table_fingerprint(settings)

    path.write_text(
        canonical_line("s1", "user_message", "v2") + "\n" + canonical_line("s1", "assistant_text", "x") + "\n"
    )
    marker = tmp_path / "in-transaction"
    env = {**os.environ, "COTWATCH_TEST_PAUSE_IN_TRANSACTION": str(marker)}
    code = (
        "from pipelines.config import Settings; from pipelines.warehouse.landing import land; "
        f"land(Settings(data_dir=__import__('pathlib').Path({str(settings.data_dir)!r}), "
        f"landing_dir=__import__('pathlib').Path({str(settings.landing_dir)!r})))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=Path(__file__).resolve().parents[2])
    deadline = time.time() + 60
    while not marker.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the landing subprocess never reached its write transaction"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    assert _table_fingerprint(settings) == before
    summary = land(settings)
    assert summary.files_landed == 1
    assert query(settings, "select text from raw.events order by event_index") == [("v2",), ("x",)]


SECRETS = {
    "aws_access_key": "AKIAQWERTYUIOPASDFGH",
    "github_token": "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12",
    "openai_key": "sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA",
    "anthropic_key": "sk-ant-api03-Qw3rTy8Ui0pAsDfGhJkLzXcVbNm12345",
    "slack_token": "xoxb-2718281828-3141592653-QwErTyUiOpAs",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImFkbWluIjp0cnVlfQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU",
    "db_password": "Tr0ub4dor-and-3-horses",
    "private_key": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
}


def test_planted_secrets_never_reach_any_file_under_the_data_dir(settings: Settings) -> None:
    folder = settings.landing_dir / "team-d"
    folder.mkdir()
    output = (
        f"AWS_ACCESS_KEY_ID={SECRETS['aws_access_key']}\nGITHUB_TOKEN={SECRETS['github_token']}\n"
        f"OPENAI_API_KEY={SECRETS['openai_key']}\nDATABASE_URL=postgres://app:{SECRETS['db_password']}@db:5432/x\n"
        f"-----BEGIN RSA PRIVATE KEY-----\n{SECRETS['private_key']}\n-----END RSA PRIVATE KEY-----\n"
    )
    lines = [
        canonical_line(
            "s1", "user_message", f"use key {SECRETS['anthropic_key']} and {SECRETS['slack_token']}"
        ),
        canonical_line(
            "s1", "tool_call", "", tool_name="bash", tool_input={"command": "cat .env"}, tool_call_id="c"
        ),
        canonical_line("s1", "tool_result", "", tool_output=output, tool_call_id="c"),
        canonical_line("s1", "reasoning", f"the token {SECRETS['jwt']} is an admin JWT"),
        # a broken record holding a secret: its quarantine excerpt must be redacted too
        '{"session_id": "s1", "kind": "user_message", "text": "' + SECRETS["github_token"],
    ]
    (folder / "s.jsonl").write_text("\n".join(lines) + "\n")

    summary = land(settings)

    assert summary.redactions >= 9
    placeholders = query(
        settings, "select string_agg(coalesce(text,'') || coalesce(tool_output,''), ' ') from raw.events"
    )
    for kind in ("aws_access_key", "github_token", "openai_key", "anthropic_key", "slack_token", "jwt",
                 "url_password", "private_key"):  # fmt: skip
        assert f"[REDACTED:{kind}]" in placeholders[0][0]
    for path in settings.data_dir.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            for name, secret in SECRETS.items():
                assert secret.encode() not in blob, f"{name} found in {path}"


def test_real_fixtures_land_with_nothing_quarantined(settings: Settings) -> None:
    shutil.copytree(REAL_FIXTURES, settings.landing_dir, dirs_exist_ok=True)

    land(settings)

    files = query(settings, "select path, status, source_format, status_reason, n_quarantined from raw.files")
    by_path = {f[0]: f for f in files}
    formats = {
        "claude_code/": "claude_code_jsonl",
        "codex/": "codex_rollout",
        "inspect/": "inspect_eval",
        "swe_agent/": "swe_agent_traj",
        "mini_swe_agent/": "mini_swe_agent_traj",  # gzip-compressed
        "gemini_cli/": "gemini_cli_chat",  # gzip-compressed
        "atif/": "atif",
    }
    for path, status, fmt, _reason, n_quarantined in files:
        folder = path.split("/")[0] + "/"
        if folder in formats:
            assert status == "landed", path
            assert n_quarantined == 0, path
            assert fmt == formats[folder], path
    assert file_counts_add_up(duckdb.connect(str(settings.warehouse_path), read_only=True)) == []
    inspect_rows = [f for p, f in by_path.items() if p.startswith("inspect/")]
    assert len(inspect_rows) == 2
    assert all(r[2] == "inspect_eval" for r in inspect_rows)
    assert by_path["README.md"][1] == "unsupported"  # a file outside any deployment folder
    deployments = {d for (d,) in query(settings, "select distinct deployment from raw.sessions")}
    assert deployments == {
        "claude_code",
        "codex",
        "inspect",
        "swe_agent",
        "mini_swe_agent",
        "gemini_cli",
        "atif",
    }
    inspect_tool_calls = query(
        settings,
        "select count(*) from raw.events e join raw.sessions s using (session_id) "
        "where s.source_format = 'inspect_eval' and e.kind = 'tool_call'",
    )
    assert inspect_tool_calls == [(4,)]


def test_format_is_sniffed_from_content_not_name(settings: Settings) -> None:
    folder = settings.landing_dir / "team-e"
    folder.mkdir()
    shutil.copy(CLAUDE_MAIN, folder / "transcript.txt")  # a misleading name
    (folder / "notes.jsonl").write_text('{"hello": "world"}\n{"foo": 1}\n')
    land(settings)
    rows = dict(query(settings, "select path, source_format from raw.files"))
    assert rows["team-e/transcript.txt"] == "claude_code_jsonl"
    assert rows["team-e/notes.jsonl"] == "unknown"


def test_same_session_id_in_two_files_keeps_events_apart(settings: Settings) -> None:
    for name in ("one", "two"):
        folder = settings.landing_dir / f"team-{name}"
        folder.mkdir()
        (folder / "s.jsonl").write_text(canonical_line("shared", "user_message", name) + "\n")
    land(settings)
    sessions = query(settings, "select session_id, deployment from raw.sessions order by deployment")
    assert len(sessions) == 2
    assert sessions[0][0] == "shared"
    assert sessions[1][0].startswith("shared~")
    assert query(settings, "select count(*) from raw.events group by session_id") == [(1,), (1,)]


def test_files_sharing_a_session_id_keep_their_own_session_attributes(settings: Settings) -> None:
    """Harbor's golden trajectories all carry one normalized session id: each file's session keeps
    its own agent and model instead of one file's attributes being spread over the others."""
    folder = settings.landing_dir / "harbor"
    folder.mkdir()
    expected = {}
    for path in sorted((REAL_FIXTURES / "atif").glob("*.json")):
        doc = json.loads(path.read_text())
        shutil.copy(path, folder / path.name)
        expected[f"harbor/{path.name}"] = (doc["agent"]["name"], doc["agent"].get("model_name"))
    land(settings)
    rows = query(
        settings, "select f.path, s.agent, s.model from raw.sessions s join raw.files f using (file_id)"
    )
    assert {path: (agent, model) for path, agent, model in rows} == expected
    assert len({sid for (sid,) in query(settings, "select session_id from raw.sessions")}) == len(expected)


@pytest.mark.parametrize("batch_bytes", [1, 10**9])
def test_batch_size_does_not_change_the_result(real_landing: Settings, batch_bytes: int) -> None:
    summary = land(real_landing, batch_bytes=batch_bytes)
    assert summary.files_landed == 5
    assert query(real_landing, "select count(*) from raw.sessions")[0][0] == summary.sessions
    with duckdb.connect(str(real_landing.warehouse_path), read_only=True) as conn:
        assert list(file_counts_add_up(conn)) == []


# --- compressed files (#17) -------------------------------------------------------------------


def test_compressed_files_land_like_their_plain_versions(settings: Settings) -> None:
    import gzip

    import zstandard

    plain = REAL_FIXTURES / "codex" / "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl"
    for team, name, data in (
        ("plain", plain.name, plain.read_bytes()),
        ("gz", plain.name + ".gz", gzip.compress(plain.read_bytes())),
        ("zst", plain.name + ".zst", zstandard.compress(plain.read_bytes())),
        ("claude-gz", "main.jsonl.gz", gzip.compress(CLAUDE_MAIN.read_bytes())),
    ):
        (settings.landing_dir / team).mkdir()
        (settings.landing_dir / team / name).write_bytes(data)

    land(settings)

    rows = {
        r[0].split("/")[0]: r[1:]
        for r in query(
            settings,
            "select path, status, source_format, n_records, n_landed, n_skipped, n_events from raw.files",
        )
    }
    assert rows["gz"] == rows["zst"] == rows["plain"]
    assert rows["plain"][0:2] == ("landed", "codex_rollout") and rows["plain"][4] > 0
    assert rows["claude-gz"][0:2] == ("landed", "claude_code_jsonl") and rows["claude-gz"][5] == 53


def test_compression_bomb_and_corrupt_archives_are_refused_with_a_reason(settings: Settings) -> None:
    import gzip

    team = settings.landing_dir / "team-z"
    team.mkdir()
    (team / "bomb.jsonl.gz").write_bytes(gzip.compress(b" " * (300 * 1024 * 1024), compresslevel=9))
    (team / "cut.jsonl.gz").write_bytes(gzip.compress(CLAUDE_MAIN.read_bytes())[:-40])

    summary = land(settings)

    rows = dict(query(settings, "select path, status || ': ' || status_reason from raw.files"))
    assert rows["team-z/bomb.jsonl.gz"].startswith("unsupported: gzip file refused: its compression ratio")
    assert rows["team-z/cut.jsonl.gz"] == (
        "unsupported: corrupt gzip file: it ends before its end-of-stream marker"
    )
    assert summary.events == 0


def _lines_one_by_one(data: bytes) -> list[str] | None:
    """Landing's lines as specified: split at b"\\n" (the newline ending the last record starts
    none), each line that starts with '{' and parses re-serialized by orjson alone (a duplicate key
    keeps its last value), None when a line is not UTF-8."""
    raw = data.split(b"\n")
    if raw and raw[-1] in (b"", b"\r"):
        raw.pop()
    out = []
    for line in raw:
        if line[:1] == b"{":
            with contextlib.suppress(orjson.JSONDecodeError, orjson.JSONEncodeError):
                line = orjson.dumps(orjson.loads(line))
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            return None
    return out


LINE_CASES = {
    "empty": b"",
    "one newline": b"\n",
    "carriage return": b"\r",
    "newline, carriage return": b"\n\r",
    "canonical": b'{"a":1}\n{"b":[1,2,{"c":"d"}]}\n',
    "no final newline": b'{"a":1}\n{"b":2}',
    "compact duplicate key": b'{"a":1}\n{"k":1,"k":2}\n',
    "nested duplicate key": b'{"a":{"b":1,"c":2,"b":3}}\n{"a":1}\n',
    "duplicate key in an array of objects": b'{"a":[{"t":"x"},{"t":"y","t":"z"}]}\n',
    "crlf": b'{"a":1}\r\n{"b":2}\r\n',
    "spacing": b'{"a": 1}\n{"b":2}\n',
    "escapes": b'{"a":"\\u0041KIA"}\n{"b":"x\\/y"}\n',
    "float": b'{"a":1.50}\n',
    "big int": b'{"a":123456789012345678901234567890}\n{"k":1,"k":2}\n',
    "blank line": b'{"a":1}\n\n{"b":2}\n',
    "non-object lines": b'[1, 2]\n"s"\n{"a":1}\n',
    "object over two lines": b'{"a":1\n"b":2}\n',
    "duplicate inside an object over lines": b'{"x":[0\n{"k":1,"k":2}\n0],"x":1}\n',
    "line inside a string over lines": b'{"a":"x\n{ }\ny"}\n{},{},{}\n',
    "truncated": b'{"a":1}\n{"b":\n',
    "non-ascii": '{"a":"café \u2028 ✓"}\n'.encode(),
    "invalid utf-8": b'{"a":"caf\xe9"}\n{"k":1,"k":2}\n',
}


@pytest.mark.parametrize("data", LINE_CASES.values(), ids=LINE_CASES.keys())
def test_line_array_equals_reserializing_every_line(data: bytes) -> None:
    """The whole-file check (`records_canonical`) never keeps a line that re-serializing it alone
    would change: same lines, byte for byte, as the line-by-line rule."""
    array = _line_array(data)
    assert (None if array is None else array.to_pylist()) == _lines_one_by_one(data)


def test_records_canonical_answers_no_for_a_duplicate_key_in_compact_lines() -> None:
    assert records_canonical(b'{"a":1}\n{"b":{"c":1}}')
    assert not records_canonical(b'{"a":1}\n{"b":{"c":1,"c":2}}')
    assert not records_canonical(b'{"a":1,"a":1}')  # same value twice: still rewritten


def test_duplicate_key_in_a_compact_file_takes_the_last_value(settings: Settings) -> None:
    """A writer's compact lines (orjson writes them back byte for byte) with one duplicate key."""
    team = settings.landing_dir / "team-d"
    team.mkdir(parents=True)
    first = {"session_id": "dupc", "kind": "user_message", "text": "hello", "ts": "2026-03-01T10:00:00Z"}
    second = orjson.dumps({**first, "kind": "assistant_text"}).decode()
    second = second.replace('"text":"hello"', '"text":"first value","text":"last value"')
    (team / "compact.jsonl").write_text(orjson.dumps(first).decode() + "\n" + second + "\n")

    land(settings)

    assert query(
        settings, "select kind, text from raw.events where session_id = 'dupc' order by event_index"
    ) == [
        ("user_message", "hello"),
        ("assistant_text", "last value"),
    ]


def test_beside_parsing_starts_once_when_the_first_batch_goes_to_duckdb(real_landing: Settings) -> None:
    messages: list[str] = []
    started: list[list[str]] = []

    land(
        real_landing,
        progress=messages.append,
        beside_parsing=lambda: started.append(list(messages)),
        batch_bytes=1,
    )

    assert len(started) == 1
    assert any("files found" in m for m in started[0])  # after the plan
    assert not any("batch of" in m for m in started[0])  # before the first batch is parsed
    assert sum("batch of" in m for m in messages) > 1

    land(real_landing, beside_parsing=lambda: started.append([]))  # nothing new: started all the same
    assert len(started) == 2
