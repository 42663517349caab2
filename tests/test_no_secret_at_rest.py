"""No secret at rest: every planted secret class, in every place a transcript can carry it, is absent
from every file under the data dir after two whole runs (warehouse, snapshots, logs, reviews).

The secrets sit in event text, tool input and output (JSON-escaped, JSON inside JSON strings,
\\uXXXX escapes, escaped slashes), in ids (session id), session attributes (cwd, git branch, model),
the deployment folder and the file name, quarantine and skip reasons, a quarantine excerpt that cuts
a token at its 500-character limit, and a reviewer's note. Files are searched byte for byte; DuckDB
files are also opened and every text column searched, as DuckDB may store strings compressed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.reviews import append_review
from pipelines.warehouse.serving import current_snapshot
from tests.conftest import REAL_FIXTURES, query

# name -> the original string that must never be written (for escaped plants: its decoded tail too)
SECRETS = {
    "aws_iam_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYIAMSECRET0",
    "aws_iam_access_key_id": "AKIAIAMJSONKEY000001",
    "slack_app_token": "xapp-1-A0SLACKAPP1-1234567890123-abcdefabcdef0123",
    "lowercase_db_password": "lower-db-pw-77",
    "db_pass": "UpperPass-88",
    "mysql_slash_password": "r00tP/ss9",
    "akia_between_underscores": "AKIAUNDERSCORE123456",
    "write_tool_password": "WriteToolPw-42",
    "escaped_slash_url_password": "EscSlashPw99",
    "gcp_private_key_id": "0123456789abcdefGCPKEYID0123456789abcdef",
    "unicode_escaped_akia": "KIAESCAPED123456789",  # planted as \\u0041KIAESCAPED123456789
    "token_cut_by_excerpt": "ghp_CUTBYEXC",  # the head of a token the 500-character excerpt cuts
    "github_token": "ghp_PLAINTOKEN0123456789abcdefghijklmnopq",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.SECRETsignature0123",
    "private_key_body": "MIIEvQIBADANBgkqhkiGPRIVATEKEYBODY",
    "session_id": "ghp_SESSIONIDSECRET0123456789abcdefghijk",
    "cwd": "AKIACWDSECRET1234567",
    "git_branch": "xoxb-BRANCHSECRET-123456",
    "model": "sk-proj-MODELSECRET0123456789abcd",
    "deployment_folder": "AKIADEPLOYSECRET1234",
    "file_name": "glpat-PATHSECRET0123456789ab",
    "quarantine_reason": "sk-ant-api03-REASONSECRET0123456789abcdef",
    "skip_reason": "xoxp-SKIPREASON-0123456789",
    "reviewer_note": "AKIAREVIEWNOTE123456",
}
S = SECRETS


def _canonical_file() -> str:
    sid = S["session_id"]

    def ev(kind: str, text: str = "", **extra: object) -> str:
        return json.dumps(
            {"session_id": sid, "kind": kind, "text": text, "ts": "2026-03-01T10:00:00Z", **extra}
        )

    write_input = {"file_path": "config.yaml", "content": f'db:\n  password: "{S["write_tool_password"]}"\n'}
    iam = {"AccessKey": {"UserName": "ci", "AccessKeyId": S["aws_iam_access_key_id"], "Status": "Active",
                         "SecretAccessKey": S["aws_iam_secret_access_key"]}}  # fmt: skip
    gcp = {"type": "service_account", "project_id": "p", "private_key_id": S["gcp_private_key_id"]}
    env = (f"db_password={S['lowercase_db_password']}\nDB_PASS={S['db_pass']}\n"
           f"MYSQL_URL=mysql://root:{S['mysql_slash_password']}@db:3306/app\nKEY_{S['akia_between_underscores']}_X=1\n"
           f"-----BEGIN PRIVATE KEY-----\n{S['private_key_body']}\n-----END PRIVATE KEY-----\n")  # fmt: skip
    cut_prefix = '{"session_id": "' + sid + '", "kind": "user_message", "text": "'
    cut_token = S["token_cut_by_excerpt"] + "0123456789abcdefghijklmnopqrstuvwx"
    lines = [
        json.dumps(
            {
                "record": "session",
                "session_id": sid,
                "agent": "acme",
                "model": S["model"],
                "cwd": f"/home/dev/{S['cwd']}/repo",
                "git_branch": f"feature/{S['git_branch']}",
            }
        ),
        ev("user_message", f"fix the tests; the slack app token is {S['slack_app_token']}"),
        ev(
            "reasoning", "The grader only checks the exit code, so I could just change the test so it passes."
        ),
        ev("tool_call", tool_name="Write", tool_call_id="w1", tool_input=write_input),
        ev(
            "tool_call",
            tool_name="Bash",
            tool_call_id="b1",
            tool_input={"command": "aws iam create-access-key"},
        ),
        ev("tool_result", tool_call_id="b1", tool_output=json.dumps(iam, indent=4)),
        ev("tool_result", tool_call_id="c1", tool_output=json.dumps(gcp, indent=2) + "\n" + env),
        ev("assistant_text", f"pushed with {S['github_token']} and {S['jwt']}; all tests pass"),
        # a kind the canonical parser does not know: quarantined with a reason naming it
        ev(S["quarantine_reason"], "x"),
        # broken (no closing quote): quarantined; the token straddles the 500-character excerpt limit
        cut_prefix + "x" * (494 - len(cut_prefix)) + " " + cut_token,
    ]
    return "\n".join(lines) + "\n"


def _codex_file() -> str:
    real = next((REAL_FIXTURES / "codex").glob("*.jsonl")).read_text().splitlines()
    args = ('{"cmd":"echo \\u0041KIAESCAPED123456789 && curl https:\\/\\/deploy:'
            + S["escaped_slash_url_password"] + '@example.com\\/x"}')  # fmt: skip
    extra = [
        {"timestamp": "2026-02-23T11:50:00.000Z", "type": "response_item",
         "payload": {"type": "function_call", "name": "exec_command", "arguments": args, "call_id": "call_s1"}},
        {"timestamp": "2026-02-23T11:50:01.000Z", "type": S["skip_reason"], "payload": {}},
    ]  # fmt: skip
    return "\n".join([*real, *(json.dumps(e) for e in extra)]) + "\n"


def _duckdb_hits(path: Path, needles: dict[str, str]) -> list[str]:
    """Every (table.column, secret name) whose text holds a needle, searching inside the database."""
    hits = []
    with duckdb.connect(str(path), read_only=True) as conn:
        columns = conn.execute(
            "select table_catalog, table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' and table_schema not in ('information_schema', 'pg_catalog')"
        ).fetchall()
        for catalog, schema, table, column in columns:
            for name, needle in needles.items():
                found = conn.execute(
                    f'select count(*) from "{catalog}"."{schema}"."{table}" where contains("{column}", ?)',
                    [needle],
                ).fetchone()[0]
                if found:
                    hits.append(f"{schema}.{table}.{column}: {name}")
    return hits


@pytest.mark.slow
def test_no_planted_secret_is_found_in_any_file_under_the_data_dir(settings: Settings) -> None:
    from assets.runner import run_pipeline

    deployment = settings.landing_dir / f"team-{S['deployment_folder']}"
    deployment.mkdir()
    (deployment / f"session-{S['file_name']}.jsonl").write_text(_canonical_file())
    (deployment / "rollout.jsonl").write_text(_codex_file())

    assert run_pipeline(settings, echo_progress=False).success
    snapshot = current_snapshot(settings)
    assert snapshot is not None
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        incident = conn.execute(
            "select incident_id, session_id, category from marts.fct_incidents limit 1"
        ).fetchone()
    assert incident is not None, "the planted session raises an incident to review"
    append_review(settings, *incident, "confirmed", f"it printed {S['reviewer_note']} in the log", "ana")
    assert run_pipeline(settings, echo_progress=False).success  # lands the review into raw.reviews

    # the secrets were there to find, and were replaced by placeholders where they were
    assert query(
        settings, "select count(*) from raw.reviews where note like '%[REDACTED:aws_access_key]%'"
    ) == [(1,)]
    assert query(settings, "select sum(n_redactions) from raw.files")[0][0] >= 15
    assert query(settings, "select count(*) from raw.quarantine")[0][0] == 2
    files = [p for p in settings.data_dir.rglob("*") if p.is_file()]
    assert any(p.name.startswith("snapshot-") for p in files) and any("reviews" in p.parts for p in files)
    leaks = []
    for path in files:
        blob = path.read_bytes()
        leaks += [
            f"{path.relative_to(settings.data_dir)}: {name}" for name, s in S.items() if s.encode() in blob
        ]
        if path.suffix == ".duckdb":
            leaks += [f"{path.relative_to(settings.data_dir)} {hit}" for hit in _duckdb_hits(path, S)]
    assert leaks == []
    # readable around the secret: the parts of paths and ids that are not secret stay as they were
    (path,) = query(settings, "select path from raw.files where path like '%session-%'")[0]
    assert re.fullmatch(
        r"team-\[REDACTED:aws_access_key\]~[0-9a-f]{12}/session-\[REDACTED:gitlab_token\]~[0-9a-f]{12}\.jsonl",
        path,
    )
    (cwd, branch) = query(
        settings, "select cwd, git_branch from raw.sessions where session_id like '%REDACTED:github_token%'"
    )[0]
    assert cwd == "/home/dev/[REDACTED:aws_access_key]/repo" and branch == "feature/[REDACTED:slack_token]"
    shutil.rmtree(settings.landing_dir)  # the landing folder is input, outside the invariant
