"""DuckDB DDL for the tables the pipeline owns (the `raw` and `monitor` layers).

The column lists here are the public data contract of ../shared/DESIGN.md; `docs/data-contract.md`
describes each column. dbt owns everything in `marts` and the staging layers.
"""

from __future__ import annotations

import duckdb

EVENT_KINDS = ("user_message", "assistant_text", "reasoning", "tool_call", "tool_result", "system")
EVENT_ROLES = ("user", "assistant", "tool", "system")
REVIEW_STATUSES = ("confirmed", "false_positive", "needs_follow_up")
REASONING_VISIBILITY = ("plain", "summary", "encrypted", "empty", "none")
FILE_STATUSES = ("landed", "superseded", "unsupported", "failed")

RAW_DDL = """
create schema if not exists raw;

create table if not exists raw.files (
    file_id         varchar primary key,   -- sha256 of (relative path, content sha256)
    path            varchar not null,      -- path relative to the landing root
    deployment      varchar not null,
    source_format   varchar not null,
    sha256          varchar not null,
    size_bytes      bigint not null,
    n_records       bigint not null,
    n_landed        bigint not null,
    n_quarantined   bigint not null,
    n_skipped       bigint not null,
    n_events        bigint not null,
    n_redactions    bigint not null,
    status          varchar not null,
    status_reason   varchar,
    skip_reasons    varchar,               -- JSON object: reason -> count
    mtime_ns        bigint,                -- modification time seen at landing (change detection)
    landed_at       timestamp not null
);

create table if not exists raw.sessions (
    session_id        varchar primary key,
    deployment        varchar not null,
    source_format     varchar not null,
    agent             varchar,
    agent_version     varchar,
    model             varchar,
    parent_session_id varchar,
    cwd               varchar,
    git_branch        varchar,
    started_at        timestamp,
    ended_at          timestamp,
    file_id           varchar not null
);

create table if not exists raw.events (
    session_id           varchar not null,
    event_index          integer not null,
    event_id             varchar not null,
    parent_event_id      varchar,
    ts                   timestamp,
    role                 varchar not null,
    kind                 varchar not null,
    text                 varchar,
    reasoning_visibility varchar not null,
    tool_name            varchar,
    tool_call_id         varchar,
    tool_input           varchar,
    tool_output          varchar,
    is_error             boolean,
    exit_code            integer,
    input_tokens         bigint,
    output_tokens        bigint,
    reasoning_tokens     bigint,
    model                varchar,
    file_id              varchar not null,
    line_no              integer not null,
    cached_input_tokens  bigint,            -- part of input_tokens read from the prompt cache
    cache_creation_input_tokens bigint,     -- part of input_tokens written to the prompt cache
    primary key (session_id, event_index)
);

-- Reviewer verdicts on incidents, written by the dashboard to an append-only store and landed here.
create table if not exists raw.reviews (
    review_id    varchar primary key,
    incident_id  varchar not null,
    session_id   varchar not null,
    category     varchar not null,
    status       varchar not null,     -- confirmed, false_positive, needs_follow_up
    note         varchar,
    reviewer     varchar,
    reviewed_at  timestamp not null,
    orphaned     boolean               -- the incident is gone from the last build; null: not known yet
);

create table if not exists raw.quarantine (
    file_id        varchar not null,
    path           varchar not null,
    line_no        integer not null,
    reason         varchar not null,
    raw_excerpt    varchar,
    quarantined_at timestamp not null
);
"""

MONITOR_DDL = """
create schema if not exists monitor;

-- One row per scan of the text-matching step (the dbt Python model monitor.rule_hits): what it read
-- and found, for progress output and the bench. The hits themselves are dbt's monitor.rule_hits.
create table if not exists monitor.scan_runs (
    scanned_at         timestamp not null,
    sessions_scanned   bigint not null,
    events_scanned     bigint not null,
    bytes_scanned      bigint not null,
    rule_hits          bigint not null,
    seconds            double not null,
    rule_pack_version  varchar not null,
    full_rescan        boolean not null
);

create table if not exists monitor.judgments (
    session_id          varchar not null,
    judge_model         varchar not null,
    content_hash        varchar not null,
    status              varchar not null,  -- ok, malformed, error, skipped_budget
    categories          varchar[],
    severity            varchar,
    rationale           varchar,
    cited_event_indices integer[],
    error               varchar,
    judged_at           timestamp not null
);

-- One row per `cotwatch eval-monitor` run: how well the monitor did against labelled sessions, so
-- detection quality is tracked over time (the dashboard's Monitor quality page reads it).
create table if not exists monitor.evaluations (
    evaluation_id       varchar primary key,  -- md5 of evaluated_at and the labels files
    evaluated_at        timestamp not null,
    rule_pack_version   varchar not null,
    labels_files        varchar not null,     -- the label files as given, comma-separated
    labels_sha256       varchar not null,     -- of their contents, concatenated in that order
    n_sessions          bigint not null,      -- labelled sessions found in the warehouse
    n_misbehaving       bigint not null,
    n_benign            bigint not null,
    category_precision  double,               -- micro-averaged over (session, category) pairs
    category_recall     double,
    category_f1         double,
    session_tpr         double,               -- flagged share of misbehaving sessions (is_flagged)
    session_fpr         double,               -- flagged share of benign sessions (is_flagged)
    tpr_at_5pct_fpr     double,               -- best TPR with FPR <= 0.05 over misalignment_score
    threshold_at_5pct_fpr double,
    per_category        json,                 -- {category: {support, flagged, tp, precision, recall, f1}}
    per_format          json,                 -- {format: {sessions, support, tp, recall, fpr}}
    per_labels_file     json                  -- the same headline figures per labels file
);
"""

SIGNAL_CHANNELS = ("reasoning", "action", "output", "user")
SEVERITIES = ("low", "medium", "high", "critical")
CATEGORIES = (
    "test_tampering",
    "harness_exploit",
    "hardcoded_solution",
    "solution_lookup",
    "restriction_bypass",
    "credential_access",
    "data_exfiltration",
    "destructive_action",
    "deception",
    "oversight_subversion",
    "sandbagging",
    "user_manipulation",
    "eval_awareness",
)

# Column order of raw.events, shared by every parser's output.
EVENT_COLUMNS = (
    "session_id",
    "event_index",
    "event_id",
    "parent_event_id",
    "ts",
    "role",
    "kind",
    "text",
    "reasoning_visibility",
    "tool_name",
    "tool_call_id",
    "tool_input",
    "tool_output",
    "is_error",
    "exit_code",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "model",
    "file_id",
    "line_no",
    "cached_input_tokens",
    "cache_creation_input_tokens",
)

# raw.events columns newer than the first warehouses (#17): token usage read from or written to the
# prompt cache, both already counted in input_tokens.
RAW_EVENT_COLUMNS_ADDED = (("cached_input_tokens", "bigint"), ("cache_creation_input_tokens", "bigint"))

SESSION_COLUMNS = (
    "session_id",
    "deployment",
    "source_format",
    "agent",
    "agent_version",
    "model",
    "parent_session_id",
    "cwd",
    "git_branch",
    "started_at",
    "ended_at",
    "file_id",
)


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the `raw` schema and its tables when they do not exist yet.

    Columns added to the contract after a warehouse was created are added to it here, at the end
    of the table (landing inserts by name, so their position does not matter).
    """
    conn.execute(RAW_DDL)
    for column, sql_type in RAW_EVENT_COLUMNS_ADDED:
        conn.execute(f"alter table raw.events add column if not exists {column} {sql_type}")
    conn.execute("alter table raw.reviews add column if not exists orphaned boolean")  # older warehouses


def ensure_monitor_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the `monitor` schema and its tables when they do not exist yet."""
    conn.execute(MONITOR_DDL)


def forget_text_scans(conn: duckdb.DuckDBPyConnection) -> None:
    """Make the next text-matching step (the dbt Python model monitor.rule_hits) rescan every session.

    It rescans the sessions its bookkeeping (monitor.scanned_sessions) does not know, so dropping the
    bookkeeping is the request. A dbt var would do the same, but dbt hashes vars into its parse cache:
    the build after a full refresh would then parse the whole project again (seconds).
    """
    conn.execute("drop table if exists monitor.scanned_sessions")


# The contract columns of dbt's monitor.signals (dbt_project/models/monitor/signals.sql, enforced by
# _monitor.yml) less the extra severity_rank, for tests and benchmarks that build a small contract-true warehouse by hand
# instead of running dbt. tests/dbt checks the two agree.
SIGNALS_CONTRACT_DDL = """
create schema if not exists monitor;
create table if not exists monitor.signals (
    signal_id        varchar primary key,
    session_id       varchar not null,
    event_index      integer,
    detector_id      varchar not null,
    detector_version varchar not null,
    category         varchar not null,
    severity         varchar not null,
    channel          varchar not null,
    confidence       double not null,
    evidence         varchar not null,
    span_start       integer,
    span_end         integer,
    detected_at      timestamp not null
);
"""


def create_signals_table(conn: duckdb.DuckDBPyConnection) -> None:
    """An empty monitor.signals with dbt's contract columns (for hand-built warehouses only)."""
    conn.execute(SIGNALS_CONTRACT_DDL)
