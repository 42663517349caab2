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

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import orjson


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


# Quotes may come JSON-escaped, once or more (`\"` inside a Write tool's input, `\\\"` one level
# deeper): `\\*` before a quote lets the assignment rules see through any escaping depth.
_Q = r"\\*[\"']"
_QOPT = r"(?:\\*[\"'])?"

PATTERNS: tuple[SecretPattern, ...] = (
    SecretPattern(
        "private_key",
        r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(?s:.*?)(-----END[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"
        r"|$)",
    ),
    # No word boundary: `\b` fails between `_` and `A`, so `KEY_AKIA..._X` would slip through.
    SecretPattern("aws_access_key", r"(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[0-9A-Z]{16}"),
    # aws_secret_access_key=..., and "SecretAccessKey": "..." as `aws iam create-access-key` prints it.
    SecretPattern(
        "aws_secret_key",
        r"((?i:aws_?secret_?(?:access_?)?key|secret_?access_?key)" + _QOPT + r"\s*[:=]\s*" + _QOPT + r")"
        r"[A-Za-z0-9/+=]{40,}",
        keeps_prefix=True,
    ),
    # Prefixes distinctive enough to need no word boundary before them (a token glued to text).
    SecretPattern("github_token", r"(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}"),
    SecretPattern("github_token", r"github_pat_[A-Za-z0-9_]{22,255}"),
    SecretPattern("gitlab_token", r"glpat-[A-Za-z0-9_\-]{20,}"),
    SecretPattern("slack_token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    SecretPattern("slack_token", r"\bxapp-[0-9]+-[A-Za-z0-9-]{10,}"),  # Slack app-level tokens
    SecretPattern(
        "slack_webhook", r"https:(?:\\*/){2}hooks\.slack\.com(?:\\*/)services(?:\\*/)[A-Za-z0-9/_\\\-]{20,}"
    ),
    SecretPattern("anthropic_key", r"\bsk-ant-[A-Za-z0-9]{2,10}-[A-Za-z0-9_\-]{20,}"),
    SecretPattern("openai_key", r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"),
    SecretPattern("google_api_key", r"\bAIza[0-9A-Za-z_\-]{35}"),
    SecretPattern("stripe_key", r"\b(?:sk|rk)_live_[0-9A-Za-z]{20,}"),
    SecretPattern("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    # user:password@host in URLs (postgres://, mysql://, https://, ...), slashes JSON-escaped or not.
    # The password may hold `/` (mysql://root:p/ss@host); it stops at whitespace, `?` and `#`.
    SecretPattern(
        "url_password",
        r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*:(?:\\*/){2}[^\s:/\\@\[\]]+:)[^\s@\[\]?#\"']{3,}@",
        keeps_prefix=True,
        suffix="@",
    ),
    # KEY=value lines of env files and shell exports; the key names a secret (any case:
    # DB_PASSWORD=, db_password=, DB_PASS=, MYSQL_PWD=).
    SecretPattern(
        "secret_assignment",
        r"(\b(?:[A-Za-z][A-Za-z0-9_]*(?i:password|passwd|secret|api_?key|access_?key|private_?key)[A-Za-z0-9_]*"
        r"|[A-Z][A-Z0-9_]*(?:TOKEN|AUTH)[A-Z0-9_]*|(?:[A-Za-z0-9]+_)*(?i:pass|pwd))\s*=\s*" + _QOPT + r")"
        r"[^\s\"'\\$\[{(][^\s\"'\\]{5,}",
        keeps_prefix=True,
    ),
    # password: "literal" / "api_key": "literal" / "private_key_id": "..." in config files and JSON,
    # quotes escaped or not.
    SecretPattern(
        "secret_assignment",
        r"((?i:password|passwd|secret|api_key|apikey|auth_token|access_token|private_key_id|client_secret)"
        + _QOPT
        + r"\s*[:=]\s*"
        + _Q
        + r")[^\"'\s\\\[$]{6,}",
        keeps_prefix=True,
    ),
)

PLACEHOLDER_PREFIX = "[REDACTED:"
ID_HASH_CHARS = 12
KEY_FILE = "redaction.key"
# One alternation of every pattern: a cheap first pass, so rows without secrets skip the chain.
PREFILTER = "|".join(f"(?:{p.pattern})" for p in PATTERNS)


def _chain_sql(column: str) -> str:
    expr = column
    for p in PATTERNS:
        pattern = p.pattern.replace("'", "''")
        expr = f"regexp_replace({expr}, '{pattern}', '{p.replacement}', 'g')"
    return expr


def redact_sql(column: str) -> str:
    """A DuckDB expression returning `column` with every secret replaced by its placeholder."""
    prefilter = PREFILTER.replace("'", "''")
    return f"(case when regexp_matches({column}, '{prefilter}') then {_chain_sql(column)} else {column} end)"


def redact_identifier_sql(column: str, key: str) -> str:
    """`redact_sql` for identifiers (session ids, event ids): a value holding a secret becomes its
    redacted text plus `~` and a keyed hash of the original, so two ids that differ only in their
    secret stay two ids, the rest stays readable, and the original is never written."""
    if not re.fullmatch(r"[0-9a-f]{16,128}", key):
        raise ValueError("redaction key: expected lowercase hex")
    prefilter = PREFILTER.replace("'", "''")
    return (
        f"(case when regexp_matches({column}, '{prefilter}') then {_chain_sql(column)} || '~' || "
        f"left(sha256('{key}' || {column}), {ID_HASH_CHARS}) else {column} end)"
    )


# Text that still holds JSON escapes a pattern cannot see through: \uXXXX and escaped slashes.
# Such values (rare: writers emit UTF-8, not escapes) take the decoding path of `redact_deep`.
def escaped_sql(column: str) -> str:
    """True where `column` holds a \\uXXXX or \\/ escape (NULL-safe)."""
    return f"coalesce(contains({column}, '\\u') or contains({column}, '\\/'), false)"


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


_PREFILTER_RE = re.compile(PREFILTER)
_COMPILED = tuple((re.compile(p.pattern), p.replacement.replace("\\1", r"\g<1>")) for p in PATTERNS)


def redact_text(text: str) -> str:
    """Python twin of `redact_sql` for small strings outside the warehouse (paths, reasons, notes).

    As in SQL, one pass of the combined prefilter first: most texts hold no secret and skip the
    chain (per-file path redaction ran the chain for every path part before: 1.5 ms a file)."""
    if not _PREFILTER_RE.search(text):
        return text
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text


def redact_identifier(value: str, key: str) -> str:
    """Python twin of `redact_identifier_sql` (file paths, deployment names)."""
    redacted = redact_text(value)
    if redacted == value:
        return value
    digest = hashlib.sha256((key + value).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{redacted}~{digest[:ID_HASH_CHARS]}"


def redaction_key(data_dir: Path) -> str:
    """The data dir's key for identifier hashes, created (mode 0600) on first use.

    Keyed, so a short secret inside an id cannot be found by hashing guesses; kept per data dir, so
    one id maps to the same value on every run (grown files replace their sessions).
    """
    path = data_dir / KEY_FILE
    try:
        key = path.read_text(encoding="ascii").strip()
        if re.fullmatch(r"[0-9a-f]{64}", key):
            return key
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    try:
        os.link(tmp, path)  # first writer wins; a concurrent creator reads the winner's key
    except FileExistsError:
        tmp.unlink()
        return redaction_key(data_dir)
    tmp.unlink()
    return key


_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_MAX_DEPTH = 6  # JSON inside JSON strings, this many levels deep


def _unescape(text: str) -> str:
    """`text` with \\uXXXX and \\/ escapes decoded, at every level of escaping."""
    for _ in range(_MAX_DEPTH):
        decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text).replace("\\/", "/")
        if decoded == text:
            break
        text = decoded
    return text


def _walk(value: object, depth: int) -> object:
    if isinstance(value, str):
        return redact_deep(value, depth + 1)
    if isinstance(value, list):
        return [_walk(v, depth) for v in value]
    if isinstance(value, dict):
        return {redact_deep(k, depth + 1): _walk(v, depth) for k, v in value.items()}
    return value


def redact_deep(text: str, depth: int = 0) -> str:
    """`text` redacted as `redact_text` does, and also where a secret hides behind escapes.

    Every string value is redacted in its decoded form: a JSON text is parsed and each of its
    string values (and keys) redacted in turn, recursing into JSON held in JSON strings; other text
    is checked once more with its \\uXXXX and \\/ escapes decoded. When decoding reveals a secret,
    the decoded, redacted form is what is kept (re-serialized as JSON where the text was JSON);
    otherwise the text keeps its original form.
    """
    redacted = redact_text(text)
    if depth >= _MAX_DEPTH:
        return redacted
    head = redacted.lstrip()[:1]
    if head in ("{", "[", '"'):
        try:
            parsed = orjson.loads(redacted)
        except orjson.JSONDecodeError:
            parsed = None
        else:
            walked = _walk(parsed, depth)
            if walked != parsed:
                return orjson.dumps(walked).decode()
            if isinstance(parsed, dict | list):
                return redacted
    decoded = _unescape(redacted)
    if decoded != redacted:
        again = redact_text(decoded)
        if again != decoded:
            return again
    return redacted
