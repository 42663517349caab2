"""The text-matching step of the monitor: the rule pack over the channel texts dbt states, as set-based
SQL. It derives no fact about a session: commands, edits and their added text come from dbt
(`intermediate.int_monitor_texts`, built from int_tool_calls and int_file_edits); the structural
detectors, the signals, incidents and the score are dbt models too (dbt_project/models/detectors,
models/monitor/signals.sql).

`rule_hits_model` is the entry point, called by the dbt Python model `monitor.rule_hits`
(dbt_project/models/monitor/rule_hits.py). It finds the sessions that are new or changed since the
last scan (bookkeeping in `monitor.scanned_sessions`), matches all their texts at once, and returns
the new table: fresh hits for those sessions, the previous hits for the others.

How a scan runs, set-based over all texts at once, never one Python call per event:
1. `mon_chunks`: one row per (event, channel) text of the scanned sessions, read from
   int_monitor_texts: reasoning, assistant_text, user_message, tool_input (a shell call's command, an
   edit's path, else the JSON arguments), file_edit (text an edit adds), tool_output.
2. Candidates: which texts each pattern of the pack (a "unit") must run on. By default
   (`hyperscan_match`, when the hyperscan package imports) one Hyperscan scan per channel over all
   its texts at once: every unit is translated into a byte-level pattern that matches a superset of
   what RE2 matches, so a text RE2 would match is never left out, and most candidates are real
   matches. Units Hyperscan cannot take, and every unit when it is not installed, take the literal
   prefilter (`candidate_units`): literal prerequisites derived from the regex (`rules.rule_anchors`),
   one Aho-Corasick pass per channel (Polars `extract_many`), a join keeping per unit the texts that
   hold them. One RE2 alternation of the whole pack is no option: RE2's DFA for it exceeds its memory
   budget and falls back to the NFA at under 1 MB/s.
3. Matching (DuckDB RE2): one query over the candidates, a CASE per unit with candidates keeping
   every regex a constant program; RE2 decides every match, so both candidate paths give the same
   hits; offsets from `regexp_extract_all(text, '(?s)(.*?)(pattern)')`, whose consecutive prefixes
   give exact character offsets of every match.
4. Guards in SQL: negation cue in the clause before the match or a rejection after it, quotation
   (double quotes, inline code, a blockquote, reported speech), and the user having asked for it in
   an earlier message (read only in sessions where the rule matched). The first unguarded match per
   (event, rule) becomes a rule hit; among matches starting at the same offset, the longest.

Hit offsets (`span_start`, `span_end`, 0-based, end exclusive, in characters) are relative to the
channel text the rule read (`int_monitor_texts.text`).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import polars as pl
import pyarrow as pa

from pipelines.monitor import hyperscan_match, intent
from pipelines.monitor.rules import Rule, RulePack, default_rule_pack, rule_anchors
from pipelines.monitor.taxonomy import SIGNAL_CHANNEL_OF
from pipelines.warehouse.schema import ensure_monitor_schema

# Bump when engine or structural-detector behaviour changes: recorded with the pack version so a new
# engine rescans every session.
ENGINE_VERSION = "7"
MAX_MATCHES_PER_RULE = 20  # per (event, channel text, rule): enough to get past guarded mentions
EXCERPT_BEFORE = 90
EXCERPT_AFTER = 90

BOOKKEEPING_DDL = """
create table if not exists monitor.scanned_sessions (
    session_id        varchar primary key,
    file_id           varchar,
    n_events          bigint not null,
    rule_pack_version varchar not null,
    n_signals         bigint not null,
    scanned_at        timestamp not null
);
"""

SIGNAL_COLUMNS = (
    "signal_id",
    "session_id",
    "event_index",
    "detector_id",
    "detector_version",
    "category",
    "severity",
    "channel",
    "confidence",
    "evidence",
    "span_start",
    "span_end",
    "detected_at",
)


@dataclass
class MonitorSummary:
    """What one scan of the text-matching step did."""

    sessions_scanned: int
    sessions_removed: int
    signals: int
    signals_by_category: dict[str, int] = field(default_factory=dict)
    signals_by_severity: dict[str, int] = field(default_factory=dict)
    bytes_scanned: int = 0
    events_scanned: int = 0
    seconds: float = 0.0
    rule_pack_version: str = ""
    full: bool = False

    def as_metadata(self) -> dict[str, object]:
        return {
            "sessions_scanned": self.sessions_scanned,
            "sessions_removed": self.sessions_removed,
            "signals": self.signals,
            "signals_by_category": dict(self.signals_by_category),
            "signals_by_severity": dict(self.signals_by_severity),
            "bytes_scanned": self.bytes_scanned,
            "events_scanned": self.events_scanned,
            "seconds": round(self.seconds, 3),
            "rule_pack_version": self.rule_pack_version,
            "full": self.full,
        }


def lit(value: str) -> str:
    """A SQL string literal for one of our own constants (rule-pack patterns, detector ids)."""
    return "'" + value.replace("'", "''") + "'"


def pack_version(pack: RulePack) -> str:
    # the intent model and what it reads are part of what the monitor is: a new model or scope
    # rescans every session
    scope = "" if intent.scope() == intent.SCOPES[0] else f"-{intent.scope()}"
    return f"{pack.version}/engine{ENGINE_VERSION}/intent-{intent.model_version()}{scope}"


# ---------------------------------------------------------------------------------------------
# Step 1: the channel texts, as dbt states them (intermediate.int_monitor_texts)

TEXTS_RELATION = "select * from intermediate.int_monitor_texts"  # a query: callers wrap it in ( )


def prepare_chunks(conn: duckdb.DuckDBPyConnection, pack: RulePack, texts_sql: str = TEXTS_RELATION) -> None:
    """Create mon_chunks(chunk_id, session_id, event_index, channel, path, text) from a relation with
    the columns of dbt's int_monitor_texts (`texts_sql` is our own SQL, never user input). Tool
    output is read only when a rule of the pack reads it."""
    channels = "" if pack.rules_for("tool_output") else "and channel <> 'tool_output'"
    conn.execute(f"""
        create or replace temp table mon_chunks as
        select row_number() over () as chunk_id, session_id, event_index::integer as event_index, channel,
               path, text
        from ({texts_sql})
        where text is not null and text <> '' {channels}
    """)


# ---------------------------------------------------------------------------------------------
# Step 3-5: rule matching and guards


def _register_rules(conn: duckdb.DuckDBPyConnection, pack: RulePack) -> None:
    rules = pack.rules
    table = pa.table(
        {
            "rule_id": [r.id for r in rules],
            "rule_version": [r.version for r in rules],
            "category": [r.category for r in rules],
            "severity": [r.severity for r in rules],
            "confidence": [r.confidence for r in rules],
            "neg_window": pa.array([r.guards.negation for r in rules], type=pa.int32()),
            "quotation": [r.guards.quotation for r in rules],
        }
    )
    conn.register("mon_rules_arrow", table)
    conn.execute("create or replace temp table mon_rules as select * from mon_rules_arrow")
    conn.unregister("mon_rules_arrow")


def _unit_tables(pack: RulePack, only: set[tuple[str, str]] | None = None) -> tuple[pa.Table, pa.Table]:
    """Per pattern unit: its channels, and the literal prerequisites of each of its alternatives.
    `only`: the (unit, channel) pairs to keep (default: all)."""
    anchors: dict[str, list] = {
        "unit_id": [],
        "alt_id": [],
        "set_id": [],
        "n_sets": [],
        "width": [],
        "literal": [],
    }
    units: dict[str, list] = {"unit_id": [], "rule_id": [], "channel": [], "anchored": []}
    for r in pack.rules:
        for unit_id, regex in r.units:
            channels = [c for c in r.channels if only is None or (unit_id, c) in only]
            if not channels:
                continue
            alternatives = rule_anchors(regex)
            for c in channels:
                units["unit_id"].append(unit_id)
                units["rule_id"].append(r.id)
                units["channel"].append(c)
                units["anchored"].append(alternatives is not None)
            for a, (conj, width) in enumerate(alternatives or ()):
                for i, lits in enumerate(conj):
                    for x in sorted(lits):
                        anchors["unit_id"].append(unit_id)
                        anchors["alt_id"].append(a)
                        anchors["set_id"].append(i)
                        anchors["n_sets"].append(len(conj))
                        # byte offsets from the literal search: up to 4 bytes per character
                        anchors["width"].append(None if width is None else 4 * width)
                        anchors["literal"].append(x)
    types = {"unit_id": pa.string(), "alt_id": pa.int64(), "set_id": pa.int64(), "n_sets": pa.int64()}
    types |= {"width": pa.int64(), "literal": pa.string(), "rule_id": pa.string(), "channel": pa.string()}
    types["anchored"] = pa.bool_()
    return (
        pa.table({k: pa.array(v, type=types[k]) for k, v in anchors.items()}),
        pa.table({k: pa.array(v, type=types[k]) for k, v in units.items()}),
    )


def candidate_units(
    conn: duckdb.DuckDBPyConnection,
    pack: RulePack,
    only: set[tuple[str, str]] | None = None,
    table: str = "mon_cand_units",
) -> None:
    """Create mon_cand_units(unit_id, rule_id, chunk_id): the texts each pattern must run on.

    The literal-prefilter path, used when Hyperscan is not available and for the patterns it rejects
    (`only`: those (unit, channel) pairs; `table`: where to put them).

    One Aho-Corasick pass (Polars `extract_many`, overlapping, ASCII case-insensitive) finds which
    anchor literals of the whole pack occur in each text; a pattern is a candidate for a text when one
    of its alternatives has its literal prerequisite there (`rules.rule_anchors`). Exactness is kept:
    anchors are necessary conditions and the pattern's own RE2 regex decides afterwards. Patterns
    without a usable literal read every text of their channels.
    """
    anchors, units = _unit_tables(pack, only)
    unit_channels: dict[str, set[str]] = {}
    for u, c in zip(units.column("unit_id").to_pylist(), units.column("channel").to_pylist(), strict=True):
        unit_channels.setdefault(u, set()).add(c)
    literals_by_channel: dict[str, set[str]] = {}
    for u, x in zip(
        anchors.column("unit_id").to_pylist(), anchors.column("literal").to_pylist(), strict=True
    ):
        for c in unit_channels[u]:
            literals_by_channel.setdefault(c, set()).add(x)
    frames = []
    for channel, lits in sorted(literals_by_channel.items()):
        # each channel searched for its own rules' literals only: tool output is large, its rules few
        texts = conn.sql(f"select chunk_id, text from mon_chunks where channel = {lit(channel)}").pl()
        frames.append(
            texts.select(
                pl.col("chunk_id"),
                pl.col("text")
                .str.extract_many(sorted(lits), ascii_case_insensitive=True, overlapping=True)
                .alias("literal"),
            )
            .explode("literal")
            .drop_nulls("literal")
            .with_columns(pl.col("literal").str.to_lowercase())
            .unique()
        )
    found = pl.concat(frames) if frames else pl.DataFrame(schema={"chunk_id": pl.Int64, "literal": pl.String})
    conn.register("mon_found_arrow", found.to_arrow())
    conn.register("mon_anchor_arrow", anchors)
    conn.register("mon_units_arrow", units)
    conn.execute(f"""
        create or replace temp table {table} as
        with hits as (
            select a.unit_id, f.chunk_id
            from mon_found_arrow f join mon_anchor_arrow a using (literal)
            group by a.unit_id, a.alt_id, f.chunk_id
            having count(distinct a.set_id) = any_value(a.n_sets)
        )
        select distinct h.unit_id, u.rule_id, h.chunk_id
        from hits h
        join mon_chunks c using (chunk_id)
        join mon_units_arrow u on u.unit_id = h.unit_id and u.channel = c.channel
        union all
        select u.unit_id, u.rule_id, c.chunk_id
        from mon_units_arrow u join mon_chunks c using (channel)
        where not u.anchored
    """)
    for name in ("mon_found_arrow", "mon_anchor_arrow", "mon_units_arrow"):
        conn.unregister(name)


MATCHERS = ("auto", "hyperscan", "literal")


def hyperscan_patterns(pack: RulePack) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per channel, the (unit id, RE2 regex) pairs Hyperscan scans its texts for."""
    by_channel: dict[str, list[tuple[str, str]]] = {}
    for r in pack.rules:
        for unit_id, regex in r.units:
            for c in r.channels:
                by_channel.setdefault(c, []).append((unit_id, regex))
    return {c: tuple(p) for c, p in by_channel.items()}


# A prohibition that follows what it forbids, in the user's words.
# It must point back at it ("don't try to access it", "leave them alone", "is off-limits"): "delete
# build/, don't touch src" still asks for the delete.
POST_PROHIBITION_RE = (
    r"(?:\b(?:don['’]?t|do not|never|must not|mustn['’]t|shouldn['’]t|should not|may not|not allowed to)"
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:it|them|that|those|this|these|there)\b|\bleave (?:it|them|that|those) alone\b|"
    r"\b(?:is|are) (?:off[- ]limits|forbidden|out of bounds|not to be (?:read|opened|used|touched|accessed))\b)"
)


def user_negated_regex(pack: RulePack, rule: Rule) -> str:
    """A user message that forbids what the rule's user_requested guard would allow ("do not skip")."""
    # a dot inside a name does not end the clause ("don't look in .solutions/"), a sentence's end does:
    # "it can't reach its DB. Can you check its secret?" forbids nothing in the second sentence
    return (
        "(?:"
        + pack.cues.negation
        + ")(?:[^.!?\\n]|\\.[^\\s.!?]){0,40}?\\.?(?:"
        + (rule.user_regex or "")
        + ")"
    )


def user_negated_clause_regex(pack: RulePack, rule: Rule) -> str:
    """The negated clause a user message forbids the action in, to its end: cut out of the message
    before the request is looked for, so "don't silence any alerts for db-2" asks for nothing."""
    before = user_negated_regex(pack, rule) + "(?:[^.,;!?\\n]|[.,]\\S)*"
    # a prohibition after the thing it forbids ("there's a hidden suite; don't try to access it",
    # "Dana's branch is off-limits"): the mention and the prohibition, to the prohibition's end
    after = "(?:" + (rule.user_regex or "") + ")(?:[^.!?\\n]|\\.\\S){0,80}?" + POST_PROHIBITION_RE
    return "(?:" + before + "|" + after + ")"


def _hyperscan_unit_candidates(
    conn: duckdb.DuckDBPyConnection, pack: RulePack, found: pa.Table, rejected: dict[str, list[str]]
) -> None:
    """mon_cand_units from Hyperscan's (unit id, channel, chunk_id) rows; the patterns it rejected take
    the literal-prefilter path."""
    conn.register("mon_hs_found", found)
    # a unit id is `<rule id>#<pattern index>`, and rule ids have no '#'
    conn.execute("""
        create or replace temp table mon_cand_units as
        select distinct key as unit_id, split_part(key, '#', 1) as rule_id, chunk_id from mon_hs_found
    """)
    conn.unregister("mon_hs_found")
    literal_only = {(k, c) for c, keys in rejected.items() for k in keys}
    if literal_only:
        candidate_units(conn, pack, only=literal_only, table="mon_cand_lit")
        conn.execute("insert into mon_cand_units select * from mon_cand_lit")
        conn.execute("drop table mon_cand_lit")


# Target tokens: what an action is aimed at (a path, a file, a host, a table or branch with a
# separator or digit in its name: pg-dev, booking_test, v2.3). An SSH remote (git@host:owner/repo)
# reads as host/owner/repo, so it is the target a user names as a URL. A user's request covers a
# hit only when it names one of them.
TARGET_TOKEN_RE = r"[a-z0-9_.~@:/$%+-]*[/._@:0-9-][a-z0-9_.~@:/$%+-]*"
HOST_RE = r"(?:[a-z0-9-]+\.)+[a-z]{2,}"
# Tokens too generic to tell one target from another.
GENERIC_TOKENS = ("/dev/null", "https://", "http://", "2>&1", "/tmp", "./", "../", "e.g.", "i.e.", "etc.")
# Hosts everyone uses: naming one names no target ("push it to github.com/me/x" names me/x).
GENERIC_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "gist.github.com",
    "raw.githubusercontent.com",
    "pypi.org",
    "npmjs.com",
    "registry.npmjs.org",
    "docker.io",
    "hub.docker.com",
    "amazonaws.com",
)
# Names a user gives in code form: CamelCase identifiers and anything in backticks.
USER_CODE_NAME_RE = r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b|`[^`\s]{4,60}`"
SEVERITY_LOWER = {"critical": "high", "high": "medium", "medium": "low", "low": "low"}
# Environments a request or a command names. A request that names a non-production environment
# (and not production) does not cover the same action on production: "drop events_tmp on staging",
# then `psql "$PROD_DSN" -c 'DROP TABLE events_tmp'`.
PROD_ENV_RE = r"(?i)(?:^|[^a-z])(?:prod|production)(?:[^a-z]|$)"
NONPROD_ENV_RE = (
    r"(?i)(?:^|[^a-z])(?:staging|stage|stg|dev|development|qa|uat|sandbox|preview|local(?:host)?)(?:[^a-z]|$)"
)


def _target_tokens_sql(text: str) -> str:
    """SQL: the distinct target tokens of a text (lower case, trailing punctuation trimmed)."""
    generic = ", ".join(lit(t) for t in GENERIC_TOKENS + GENERIC_HOSTS)
    text = f"regexp_replace(lower({text}), 'git@([a-z0-9.-]+):', '\\1/', 'g')"
    return (
        "list_distinct(list_filter(list_transform("
        f"list_concat(regexp_extract_all({text}, {lit(TARGET_TOKEN_RE)}), "
        f"regexp_extract_all({text}, {lit(HOST_RE)})), lambda t: rtrim(t, '.,:;')), "
        f"lambda t: length(t) >= 4 and left(t, 1) <> '-' and t not in ({generic})))"
    )


def _user_requests(conn: duckdb.DuckDBPyConnection, pack: RulePack) -> None:
    """mon_user_req(rule_id, session_id, event_index, targets, nonprod_only): user messages that ask
    for the action a rule flags, with the target tokens they name and whether they name a
    non-production environment and no production one.

    Read from the user's own messages only (channel user_message, i.e. events of kind user_message):
    never tool output or file content, where injected text could switch a detector off. A message
    that forbids the action ("don't force-push") does not count; one that asks for it and forbids it
    elsewhere ("silence broker-3's alerts, don't silence the others") does: the negated clause is cut
    out before the request is looked for. Only the guard of mon_rule_hits reads
    it, for the sessions where the rule matched, so only their user messages are read, and only
    matched rules get a CASE branch (each compiles two regexes).
    """
    matched = {x for (x,) in conn.execute("select distinct rule_id from mon_matches").fetchall()}
    cases = " ".join(
        f"when {lit(r.id)} then regexp_matches("
        f"regexp_replace(c.text, {lit(user_negated_clause_regex(pack, r))}, ' ', 'g'), {lit(r.user_regex)})"
        for r in pack.rules
        if r.user_regex and r.id in matched
    )
    conn.execute(f"""
        create or replace temp table mon_user_req as
        select m.rule_id, c.session_id, c.event_index,
               -- plus the code names a user gives (ProductCard, `billing_v2`): a hit's path or line
               -- that contains one is aimed at what the user named
               list_distinct(list_concat({_target_tokens_sql("c.text")}, list_transform(list_filter(
                   regexp_extract_all(c.text, {lit(USER_CODE_NAME_RE)}),
                   lambda t: length(t) >= 5), lambda t: lower(trim(t, '`'))))) as targets,
               regexp_matches(c.text, {lit(NONPROD_ENV_RE)}) and not regexp_matches(c.text, {lit(PROD_ENV_RE)})
                   as nonprod_only
        from (select distinct rule_id, session_id from mon_matches) m
        join mon_chunks c using (session_id)
        where c.channel = 'user_message' and {f"case m.rule_id {cases} else false end" if cases else "false"}
    """)


def match_rules(
    conn: duckdb.DuckDBPyConnection, pack: RulePack, *, matcher: str = "auto"
) -> dict[str, list[str]]:
    """Create mon_rule_hits: the first unguarded match per (session, event, rule).

    `matcher` picks how candidate texts are found: "hyperscan" (one scan of each channel's texts,
    `hyperscan_match`), "literal" (the Polars literal prefilter, `candidate_units`), or "auto"
    (Hyperscan when it is importable). RE2 decides every match either way, so both give the same
    hits. Returns the patterns Hyperscan could not take, per channel (they took the literal path).
    """
    if matcher not in MATCHERS:
        raise ValueError(f"matcher: {matcher!r} is not one of {', '.join(MATCHERS)}")
    if matcher == "hyperscan" and not hyperscan_match.available():
        raise RuntimeError("matcher 'hyperscan': the hyperscan package is not importable here")
    use_hyperscan = matcher == "hyperscan" or (matcher == "auto" and hyperscan_match.available())
    rejected: dict[str, list[str]] = {}
    if use_hyperscan:
        hs_scan = hyperscan_match.Scan(conn, hyperscan_patterns(pack))
        _register_rules(conn, pack)  # while the last segments are scanned
        rejected = {c: [k for k, _why in keys] for c, keys in hs_scan.rejected.items() if keys}
        _hyperscan_unit_candidates(conn, pack, hs_scan.candidates(), rejected)
    else:
        _register_rules(conn, pack)
        candidate_units(conn, pack)

    # One pass over the candidates: a CASE on the unit keeps every regex a constant RE2 program. Only
    # units with candidates get a branch: each branch costs regex compiles (about 1 ms each) per query.
    present = {u for (u,) in conn.execute("select distinct unit_id from mon_cand_units").fetchall()}
    hit_cases, pre_cases, mat_cases = [], [], []
    for r in pack.rules:
        path_ok = (
            f" and (c.channel <> 'file_edit' or regexp_matches(coalesce(c.path, ''), {lit(r.path_regex)}))"
            if r.path_regex
            else ""
        )
        if r.skip_path_regex:
            path_ok += f" and (c.channel <> 'file_edit' or not regexp_matches(coalesce(c.path, ''), {lit(r.skip_path_regex)}))"
        if not r.edit_paths:
            # an edit's path (a tool_input text with a path) is read only by rules made for it
            path_ok += " and (c.channel <> 'tool_input' or c.path is null)"
        for unit_id, regex in r.units:
            if unit_id not in present:
                continue
            extract = lit(f"(?s)(.*?)({regex})")
            # no `regexp_matches` first: a text without a match extracts empty lists, which give no
            # rows below, and skipping it saves compiling a third program per unit (a fifth of the
            # query at the 1 GB bench scale)
            hit_cases.append(f"when {lit(unit_id)} then true{path_ok}")
            pre_cases.append(f"when {lit(unit_id)} then regexp_extract_all(text, {extract}, 1)")
            mat_cases.append(f"when {lit(unit_id)} then regexp_extract_all(text, {extract}, 2)")
    hit_expr = f"case k.unit_id {' '.join(hit_cases)} else false end" if hit_cases else "false"
    pre_expr = f"case unit_id {' '.join(pre_cases)} end" if pre_cases else "null::varchar[]"
    mat_expr = f"case unit_id {' '.join(mat_cases)} end" if mat_cases else "null::varchar[]"
    conn.execute(f"""
        create or replace temp table mon_rule_raw as
        with hit as (
            select k.unit_id, k.rule_id, c.chunk_id, c.text
            from mon_cand_units k join mon_chunks c using (chunk_id)
            where {hit_expr}
        )
        select unit_id, rule_id, chunk_id, {pre_expr} as pre, {mat_expr} as mat
        from hit
    """)

    conn.execute(f"""
        create or replace temp table mon_matches as
        with u as (
            select unit_id, rule_id, chunk_id, unnest(pre) as pre, unnest(mat) as mat,
                   generate_subscripts(pre, 1) as k
            from mon_rule_raw
        ), pos as (
            select rule_id, chunk_id, k, mat,
                   sum(length(pre) + length(mat)) over (
                       partition by unit_id, chunk_id order by k rows between unbounded preceding and current row
                   ) - length(mat) as ms
            from u
        )
        select p.rule_id, p.chunk_id, p.k, p.ms::integer as ms, (p.ms + length(p.mat))::integer as me,
               c.session_id, c.event_index, c.channel, c.text, c.path
        from pos p join mon_chunks c using (chunk_id)
        where p.k <= {MAX_MATCHES_PER_RULE} and length(p.mat) > 0
    """)
    _user_requests(conn, pack)

    cues = pack.cues
    # the target tokens of a hit: those of its line (the match and the text around it on that line)
    # and, for an edit, its file's path
    hit_line = "line_before || substring(m_text, 1, 300) || regexp_extract(post, '^[^\\n]*') || ' ' || coalesce(path, '')"
    hit_targets = _target_tokens_sql(hit_line)
    scope_case = " ".join(f"when {lit(a)} then {lit(b)}" for a, b in SEVERITY_LOWER.items())
    # guard `unless`: one constant RE2 program per rule that has it (a per-row pattern would compile
    # on every match)
    unless_cases = " ".join(
        f"when {lit(r.id)} then regexp_matches(m_text || regexp_extract(post, '^[^\\n]*'), {lit(r.unless_regex)})"
        for r in pack.rules
        if r.unless_regex
    )
    unless_expr = f"case rule_id {unless_cases} else false end" if unless_cases else "false"
    conn.execute(f"""
        create or replace temp table mon_rule_hits as
        with g as (
            select m.*, r.neg_window, r.quotation,
                   substring(m.text, greatest(0, m.ms - coalesce(r.neg_window, 0)) + 1,
                             m.ms - greatest(0, m.ms - coalesce(r.neg_window, 0))) as pre_neg,
                   substring(m.text, greatest(0, m.ms - 200) + 1, m.ms - greatest(0, m.ms - 200)) as pre_long,
                   substring(m.text, m.me + 1, 160) as post,
                   substring(m.text, m.ms + 1, m.me - m.ms) as m_text
            from mon_matches m join mon_rules r using (rule_id)
        ), g2 as (
            select *,
                   regexp_replace(pre_neg, {lit(f"(?s)^.*(?:{cues.clause_breaks})")}, '') as clause,
                   regexp_replace(pre_long, '(?s)^.*\\n', '') as line_before,
                   regexp_replace(pre_long, '(?s)^.*(?:[.!?](?:\\s|$)|\\n)', '') as sentence_before
            from g
        ), judged as (
            select *,
                   neg_window is not null and (
                       regexp_matches(clause, {lit(cues.negation)}) or regexp_matches(post, {lit(cues.rejection)})
                   ) as negated,
                   quotation and (
                       ((length(line_before) - length(replace(line_before, '"', ''))) % 2 = 1
                        and regexp_matches(post, '^[^\\n]*"'))
                       or (length(line_before) - length(replace(line_before, '“', '')))
                          > (length(line_before) - length(replace(line_before, '”', '')))
                       -- inline code: a command named in backticks is a mention; running it is a
                       -- tool call, which the command rules see
                       or ((length(line_before) - length(replace(line_before, '`', ''))) % 2 = 1
                           and regexp_matches(post, '^[^\\n]*`'))
                       or regexp_matches(line_before, '^\\s*>')
                       or regexp_matches(sentence_before, {lit(cues.reported_speech)})
                   ) as quoted,
                   {hit_targets} as hit_targets,
                   {hit_line} as hit_line
            from g2
        ), kept as (
            select row_number() over () as match_id, * from judged
            where not negated and not quoted
                -- guard `unless`: the benign form of the action, read on the match and the rest of its line
                and not ({unless_expr})
        ), scoped_per_request as (
            -- per earlier user message that asks for this action: covered when it names this target
            -- (or the hit names none); broader when the hit's target is a parent path of one the
            -- user named (asked for s3://b/tmp/, acted on s3://b)
            select k.match_id,
                   -- asked for on a non-production environment, done on production
                   u.nonprod_only and regexp_matches(k.hit_line, {lit(PROD_ENV_RE)}) as other_env,
                   list_has_any(k.hit_targets, u.targets)
                       or len(list_filter(k.hit_targets, lambda h: len(list_filter(u.targets,
                              lambda t: length(t) >= 5 and contains(h, t))) > 0)) > 0
                       -- a handle the user named (@lwei) as a segment of the hit's URL or path
                       -- (github.com/lwei/repo.git): "add her fork"
                       or len(list_filter(k.hit_targets, lambda h: len(list_filter(u.targets,
                              lambda t: length(t) >= 4 and starts_with(t, '@') and not contains(substr(t, 2), '@')
                                  and (contains(h, '/' || substr(t, 2) || '/') or contains(h, ':' || substr(t, 2) || '/')))) > 0)) > 0
                       -- a relative path of the hit that ends a path the user named (cd /srv/app &&
                       -- rm -rf logs/2024, asked for /srv/app/logs/2024)
                       or len(list_filter(k.hit_targets, lambda h: length(rtrim(h, '/')) >= 5
                              and len(list_filter(u.targets, lambda t: ends_with(rtrim(t, '/'), '/' || rtrim(h, '/')))) > 0)) > 0
                       or len(k.hit_targets) = 0 as covered,
                   len(list_filter(k.hit_targets, lambda h: length(rtrim(h, '/')) >= 4
                       and len(list_filter(u.targets, lambda t: starts_with(t, rtrim(h, '/') || '/')
                           and length(rtrim(t, '/')) > length(rtrim(h, '/')))) > 0)) > 0 as broader
            from kept k join mon_user_req u
              on u.rule_id = k.rule_id and u.session_id = k.session_id and u.event_index < k.event_index
        ), scoped as (
            -- 2: an earlier user message asked for this action on this target; 0: the action reaches
            -- past what the user named (the parent of the path asked for) or into production when
            -- the user named another environment, so the request does not lower it; 1: it only
            -- shares the action's keywords
            select match_id,
                   case when bool_or(covered and not other_env) then 2
                        when bool_or(broader or other_env) then 0 else 1 end as scope
            from scoped_per_request
            group by match_id
        )
        select k.session_id, k.event_index, k.rule_id, k.channel, k.ms, k.me, k.text,
               -- in scope: a critical detector is never silenced, it drops to low; others are left
               -- out. A keyword alone lowers the severity one step.
               case when s.scope = 2 then 'low'
                    when s.scope = 1 then case r.severity {scope_case} end
                    else r.severity end as severity,
               case s.scope when 2 then 'requested' when 1 then 'keyword' when 0 then 'broader' end as user_scope
        from kept k
        join mon_rules r using (rule_id)
        left join scoped s using (match_id)
        where s.scope is distinct from 2 or r.severity = 'critical'
        qualify row_number() over (
            partition by k.session_id, k.event_index, k.rule_id
            order by coalesce(s.scope, 0), k.channel, k.ms, k.me desc) = 1
    """)
    # Reasoning intent beyond fixed phrases (pipelines.monitor.intent): the reasoning and assistant
    # text of the sessions a rule hit, and every session's reasoning when the scope is `reasoning`.
    # Its hits join the rule hits' signals in rule_signals_sql.
    intent.detect(
        conn,
        candidates="select distinct session_id from mon_rule_hits",
        every_session_reasoning=intent.scope() == "reasoning",
    )
    return rejected


def _excerpt_sql(text: str, ms: str, me: str) -> str:
    """About 200 characters around [ms, me) on one line, with ellipses where cut."""
    start = f"greatest(0, {ms} - {EXCERPT_BEFORE})"
    return (
        f"trim(regexp_replace("
        f"case when {start} > 0 then '…' else '' end"
        f" || substring({text}, {start} + 1, least({me}, {ms} + 300) + {EXCERPT_AFTER} - {start})"
        f" || case when length({text}) > least({me}, {ms} + 300) + {EXCERPT_AFTER} then '…' else '' end,"
        f" '\\s+', ' ', 'g'))"
    )


def rule_signals_sql() -> str:
    channel_case = " ".join(f"when {lit(k)} then {lit(v)}" for k, v in SIGNAL_CHANNEL_OF.items())
    return f"""
        select h.session_id, h.event_index, h.rule_id as detector_id, r.rule_version as detector_version,
               r.category, h.severity, case h.channel {channel_case} end as channel, r.confidence,
               {_excerpt_sql("h.text", "h.ms", "h.me")} as evidence, h.ms as span_start, h.me as span_end
        from mon_rule_hits h join mon_rules r using (rule_id)
        union all
        {intent.intent_signals_sql()}
    """


def scan(
    conn: duckdb.DuckDBPyConnection,
    pack: RulePack,
    texts_sql: str = TEXTS_RELATION,
    *,
    matcher: str = "auto",
    detected_at: datetime | None = None,
) -> int:
    """Match the pack over a texts relation; create temp table mon_out with the rule-hit rows, each
    detected at `detected_at` (default: now). Returns the bytes of text scanned (user messages are
    read only by the guards)."""
    prepare_chunks(conn, pack, texts_sql)
    match_rules(conn, pack, matcher=matcher)
    conn.execute(
        f"""
        create or replace temp table mon_out as
        with hits as ({rule_signals_sql()})
        select md5(concat_ws('|', session_id, coalesce(event_index::varchar, '-'), detector_id,
                             coalesce(span_start::varchar, '-'), coalesce(span_end::varchar, '-'))) as signal_id,
               session_id, event_index, detector_id, detector_version, category, severity, channel,
               round(confidence, 4) as confidence, coalesce(evidence, '') as evidence, span_start, span_end,
               coalesce(?::timestamp, now()::timestamp) as detected_at
        from hits
        qualify row_number() over (partition by signal_id order by confidence desc) = 1
    """,
        [detected_at],
    )
    scanned = conn.execute(
        "select coalesce(sum(strlen(text)), 0) from mon_chunks where channel <> 'user_message'"
    ).fetchall()[0]
    return int(scanned[0]) if scanned else 0


TEMP_TABLES = (
    "mon_scope",
    "mon_chunks",
    "mon_rules",
    "mon_cand_units",
    "mon_rule_raw",
    "mon_matches",
    "mon_user_req",
    "mon_rule_hits",
    *intent.TEMP_TABLES,
    "mon_out",
)


def drop_temp_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for name in TEMP_TABLES:
        conn.execute(f"drop table if exists temp.{name}")


# ---------------------------------------------------------------------------------------------
# Incremental runs


PENDING_DDL = """
create table if not exists monitor.scan_pending (
    session_id        varchar primary key,
    file_id           varchar,
    n_events          bigint not null,
    rule_pack_version varchar not null,
    n_signals         bigint not null,
    scanned_at        timestamp not null
);
"""


def rule_hits_model(
    conn: duckdb.DuckDBPyConnection,
    texts_sql: str,
    previous: str | None,
    *,
    full: bool = False,
    pack: RulePack | None = None,
) -> tuple[duckdb.DuckDBPyRelation, MonitorSummary]:
    """The rows of `monitor.rule_hits` (the dbt Python model dbt_project/models/monitor/rule_hits.py).

    Scans only sessions that are new or changed since their last scan (`monitor.scanned_sessions`: a
    new file version, a changed event count, another rule pack or engine version; all of them with
    `full`, or when the bookkeeping is gone: `schema.forget_text_scans`), keeps
    the previous hits (`previous`, the model's current table, or None) of every other session that
    still exists, and returns the whole table as a relation on `conn`. The scanned sessions wait in
    `monitor.scan_pending` until the model's post-hook (models/monitor/_monitor.yml) marks them
    scanned, in the transaction that swaps the new table in; a build that fails before that leaves
    them pending, and the next scan takes them again.
    `texts_sql` is our own SQL for the texts relation (int_monitor_texts).
    """
    started = time.perf_counter()
    pack = pack or default_rule_pack()
    version = pack_version(pack)
    conn.execute("SET TimeZone='UTC'")
    ensure_monitor_schema(conn)
    # no bookkeeping (a first scan, or schema.forget_text_scans) scans every session
    full = (
        full
        or not conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'monitor' "
            "and table_name = 'scanned_sessions'"
        ).fetchone()[0]
    )
    conn.execute(BOOKKEEPING_DDL)
    conn.execute(PENDING_DDL)
    conn.execute(
        """
        create or replace temp table mon_scope as
        with current as (
            select s.session_id, s.file_id, coalesce(e.n, 0) as n_events
            from raw.sessions s
            left join (select session_id, count(*) as n from raw.events group by 1) e using (session_id)
        )
        select c.session_id, c.file_id, c.n_events
        from current c left join monitor.scanned_sessions b using (session_id)
        where ? or ? or b.session_id is null or b.rule_pack_version <> ?
           or b.file_id is distinct from c.file_id or b.n_events <> c.n_events
           or c.session_id in (select session_id from monitor.scan_pending)
        """,
        [full, previous is None, version],
    )
    n_scope = conn.execute("select count(*) from mon_scope").fetchone()[0]
    bytes_scanned = 0
    n_events = 0
    # One time for the scan: its hits' detected_at and its sessions' scanned_at. monitor.signals
    # (incremental) takes the sessions scanned after its newest rule hit's detected_at, so the
    # sessions of the scan that wrote that hit must not look newer than it.
    scanned_at = conn.execute("select now()::timestamp").fetchone()[0]
    if n_scope:
        bytes_scanned = scan(
            conn,
            pack,
            f"select t.* from ({texts_sql}) t semi join mon_scope using (session_id)",
            detected_at=scanned_at,
        )
        n_events = conn.execute(
            "select count(distinct (session_id, event_index)) from mon_chunks"
        ).fetchone()[0]
    else:
        conn.execute(f"create or replace temp table mon_out as select * from ({_empty_hits_sql()})")
    conn.execute(
        """
        insert or replace into monitor.scan_pending
        select s.session_id, s.file_id, s.n_events, ?, coalesce(o.n, 0), ?
        from mon_scope s
        left join (select session_id, count(*) as n from mon_out group by 1) o using (session_id)
        """,
        [version, scanned_at],
    )
    kept = (
        f"select p.* from {previous} p "
        "where p.session_id not in (select session_id from mon_scope) "
        "and p.session_id in (select session_id from raw.sessions)"
        if previous
        else f"select * from ({_empty_hits_sql()})"
    )
    conn.execute(f"""
        create or replace temp table mon_final as
        select {", ".join(SIGNAL_COLUMNS)} from ({kept})
        union all
        select {", ".join(SIGNAL_COLUMNS)} from mon_out
    """)
    by_cat: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    n_signals = 0
    for cat, sev, n in conn.execute(
        "select category, severity, count(*) from mon_out group by 1, 2"
    ).fetchall():
        by_cat[cat] += n
        by_sev[sev] += n
        n_signals += n
    summary = MonitorSummary(
        sessions_scanned=int(n_scope),
        sessions_removed=0,
        signals=n_signals,
        signals_by_category=dict(sorted(by_cat.items())),
        signals_by_severity=dict(sorted(by_sev.items())),
        bytes_scanned=bytes_scanned,
        events_scanned=int(n_events),
        seconds=time.perf_counter() - started,
        rule_pack_version=version,
        full=full or previous is None,
    )
    conn.execute(
        "insert into monitor.scan_runs values (now()::timestamp, ?, ?, ?, ?, ?, ?, ?)",
        [
            summary.sessions_scanned,
            summary.events_scanned,
            summary.bytes_scanned,
            summary.signals,
            round(summary.seconds, 3),
            version,
            summary.full,
        ],
    )
    return conn.sql("select * from mon_final"), summary


def _empty_hits_sql() -> str:
    return (
        "select null::varchar as signal_id, null::varchar as session_id, null::integer as event_index, "
        "null::varchar as detector_id, null::varchar as detector_version, null::varchar as category, "
        "null::varchar as severity, null::varchar as channel, null::double as confidence, "
        "null::varchar as evidence, null::integer as span_start, null::integer as span_end, "
        "null::timestamp as detected_at where false"
    )
