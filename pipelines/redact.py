"""Secret redaction, applied in DuckDB to every text column before anything is written.

Why our own patterns and not a detector library: libraries such as detect-secrets scan one line at a
time in Python (tens of MB/min); landing must redact hundreds of MB per minute, so the patterns run
as RE2 expressions inside DuckDB over whole columns. The patterns follow the public rule sets of
gitleaks and detect-secrets for the same secret types. Each match becomes a typed placeholder
`[REDACTED:<type>]`; the count of placeholders added is the number of redactions.

Order matters: specific token formats come before the generic assignment rules, and the generic
rules never match a value that is already a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SecretPattern:
    kind: str
    pattern: str  # RE2 syntax; group 1, when present, is kept (the key part of an assignment)
    keeps_prefix: bool = False
    suffix: str = ""  # literal text the pattern consumes after the secret and must put back

    @property
    def replacement(self) -> str:
        placeholder = f"[REDACTED:{self.kind}]{self.suffix}"
        return ("\\1" + placeholder) if self.keeps_prefix else placeholder


PATTERNS: tuple[SecretPattern, ...] = (
    SecretPattern(
        "private_key",
        r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(?s:.*?)(-----END[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"
        r"|$)",
    ),
    SecretPattern("aws_access_key", r"\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[0-9A-Z]{16}\b"),
    SecretPattern(
        "aws_secret_key",
        r"((?i:aws_?secret_?(?:access_?)?key)[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9/+=]{40}",
        keeps_prefix=True,
    ),
    SecretPattern("github_token", r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b"),
    SecretPattern("github_token", r"\bgithub_pat_[A-Za-z0-9_]{22,255}"),
    SecretPattern("gitlab_token", r"\bglpat-[A-Za-z0-9_\-]{20,}"),
    SecretPattern("slack_token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    SecretPattern("slack_webhook", r"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]{20,}"),
    SecretPattern("anthropic_key", r"\bsk-ant-[A-Za-z0-9]{2,10}-[A-Za-z0-9_\-]{20,}"),
    SecretPattern("openai_key", r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"),
    SecretPattern("google_api_key", r"\bAIza[0-9A-Za-z_\-]{35}"),
    SecretPattern("stripe_key", r"\b(?:sk|rk)_live_[0-9A-Za-z]{20,}"),
    SecretPattern("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    # user:password@host in URLs (postgres://, https://, redis://, ...).
    SecretPattern(
        "url_password",
        r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@\[\]]+:)[^\s@/\[\]]{3,}@",
        keeps_prefix=True,
        suffix="@",
    ),
    # KEY=value lines of env files and shell exports; the key names a secret.
    SecretPattern(
        "secret_assignment",
        r"(\b[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|AUTH)"
        r"[A-Z0-9_]*\s*=\s*[\"']?)[^\s\"'$\[{(][^\s\"']{5,}",
        keeps_prefix=True,
    ),
    # password: "literal" / "api_key": "literal" in config files and JSON.
    SecretPattern(
        "secret_assignment",
        r"((?i:password|passwd|secret|api_key|apikey|auth_token|access_token)[\"']?\s*[:=]\s*[\"'])"
        r"[^\"'\s\[$]{6,}",
        keeps_prefix=True,
    ),
)

PLACEHOLDER_PREFIX = "[REDACTED:"
# One alternation of every pattern: a cheap first pass, so rows without secrets skip the chain.
PREFILTER = "|".join(f"(?:{p.pattern})" for p in PATTERNS)


def redact_sql(column: str) -> str:
    """A DuckDB expression returning `column` with every secret replaced by its placeholder."""
    expr = column
    for p in PATTERNS:
        pattern = p.pattern.replace("'", "''")
        expr = f"regexp_replace({expr}, '{pattern}', '{p.replacement}', 'g')"
    prefilter = PREFILTER.replace("'", "''")
    return f"(case when regexp_matches({column}, '{prefilter}') then {expr} else {column} end)"


def placeholder_count_sql(column: str) -> str:
    """How many placeholders a text holds (0 for NULL).

    Placeholders are ASCII, so byte lengths count them as well as character lengths do; `strlen` is
    O(1) where `length` walks the text, and `contains` spares the `replace` copy of most texts.
    """
    prefix = PLACEHOLDER_PREFIX.replace("'", "''")
    return (
        f"(case when contains({column}, '{prefix}') then (strlen({column}) - "
        f"strlen(replace({column}, '{prefix}', ''))) // {len(PLACEHOLDER_PREFIX)} else 0 end)"
    )


def redact_text(text: str) -> str:
    """Python twin of `redact_sql` for small strings outside the warehouse (excerpts, logs)."""
    for p in PATTERNS:
        text = re.sub(_re2_to_python(p.pattern), p.replacement.replace("\\1", r"\g<1>"), text)
    return text


def _re2_to_python(pattern: str) -> str:
    # RE2's scoped flags (?s:...) and (?i:...) are valid Python too; nothing else differs here.
    return pattern
