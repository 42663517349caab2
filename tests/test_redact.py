"""Redaction patterns: each gap found by the adversarial pass, in SQL (landing) and Python alike."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.redact import (
    redact_deep,
    redact_identifier,
    redact_identifier_sql,
    redact_sql,
    redact_text,
    redaction_key,
)

# (planted text, the secret that must go, the placeholder kind that replaces it)
GAPS = [
    ('"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY0"', "wJalrXUtnFEMI", "aws_secret_key"),
    ("token xapp-1-A0123456789-1234567890123-abcdefabcdef", "xapp-1-A0123456789", "slack_token"),
    ("db_password=hunter2hunter", "hunter2hunter", "secret_assignment"),
    ("DB_PASS=s3cr3tpass", "s3cr3tpass", "secret_assignment"),
    ("mysql://root:p/ss@host:3306/db", "p/ss", "url_password"),
    ("KEY_AKIAIOSFODNN7EXAMPLE_ID", "AKIAIOSFODNN7EXAMPLE", "aws_access_key"),
    ('{"content": "db:\\n  password: \\"hunter22x\\"\\n"}', "hunter22x", "secret_assignment"),
    ('{"cmd": "curl https:\\/\\/deploy:Sup3rS3cret@example.com"}', "Sup3rS3cret", "url_password"),
    (
        '"private_key_id": "0123456789abcdef0123456789abcdef01234567"',
        "0123456789abcdef0123",
        "secret_assignment",
    ),
    ("glued:ghp_0123456789abcdefghijklmnopqrstuvwxyz", "ghp_0123456789", "github_token"),
]


@pytest.mark.parametrize(("text", "secret", "kind"), GAPS)
def test_pattern_gaps_are_redacted_in_sql_and_python(text: str, secret: str, kind: str) -> None:
    in_python = redact_text(text)
    with duckdb.connect() as conn:
        in_sql = conn.execute(f"select {redact_sql('x')} from (select ?::varchar as x)", [text]).fetchone()[0]
    assert in_sql == in_python
    assert secret not in in_python and f"[REDACTED:{kind}]" in in_python


@pytest.mark.parametrize(
    "text",
    [
        "max_tokens=100000",
        "bypass=truefalse",
        "compass=northwest",
        "https://host:8080/path/x",
        "task-runner-configuration-files",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact_text(text) == text


def test_secrets_behind_unicode_escapes_and_inside_nested_json_are_redacted_decoded() -> None:
    # Codex function-call arguments: JSON in a JSON string, the key spelled with a \u escape
    nested = '{"arguments": "{\\"cmd\\": \\"echo \\\\u0041KIAIOSFODNN7EXAMPLE\\"}"}'
    assert redact_text(nested) == nested  # the patterns alone cannot see it
    out = redact_deep(nested)
    assert "KIAIOSFODNN7EXAMPLE" not in out and "[REDACTED:aws_access_key]" in out
    plain = "export AWS=\\u0041KIAIOSFODNN7EXAMPLE and https:\\/\\/u:hunter2pass@x.com"
    out = redact_deep(plain)
    assert "KIAIOSFODNN7EXAMPLE" not in out and "hunter2pass" not in out
    clean = '{"text": "caf\\u00e9"}'
    assert redact_deep(clean) == clean  # nothing secret: the stored form is kept


def test_identifiers_keep_their_readable_part_and_stay_distinct(tmp_path) -> None:
    key = redaction_key(tmp_path)
    assert redaction_key(tmp_path) == key and (tmp_path / "redaction.key").stat().st_mode & 0o077 == 0
    a = redact_identifier("run-AKIAIOSFODNN7EXAMPLE", key)
    b = redact_identifier("run-AKIAIOSFODNN7EXAMPLF", key)
    assert a.startswith("run-[REDACTED:aws_access_key]~") and a != b
    assert redact_identifier("run-42", key) == "run-42"
    with duckdb.connect() as conn:
        in_sql = conn.execute(
            f"select {redact_identifier_sql('x', key)} from (select ?::varchar as x)",
            ["run-AKIAIOSFODNN7EXAMPLE"],
        ).fetchone()[0]
    assert in_sql == a
