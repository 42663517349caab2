"""monitor.rule_hits: the rule pack's text matches over int_monitor_texts, the one step in Python.

It derives no fact: it reads the channel texts dbt states (int_monitor_texts) and returns the matches
that survived each rule's guards (pipelines/monitor/engine.py: Hyperscan candidates, RE2 spans,
negation / quotation / user-request guards, evidence). Only new or changed sessions are rescanned;
the hits of the others are carried over from the previous table. `monitor.signals` unions these
with the structural detectors. Config `full_rescan` (var monitor_full_rescan) rescans everything.
"""


def model(dbt, session):
    from pipelines.monitor.engine import rule_hits_model

    texts = dbt.ref("int_monitor_texts")
    # raw.sessions / raw.events decide which sessions are new or changed
    dbt.source("raw", "sessions")
    dbt.source("raw", "events")
    previous = dbt.this if _exists(session, dbt.this) else None
    full = str(dbt.config.get("full_rescan")).strip().lower() == "true"
    hits, _summary = rule_hits_model(
        session, texts.sql_query(), str(previous) if previous is not None else None, full=full
    )
    return hits


def _exists(session, relation) -> bool:
    return bool(
        session.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [relation.schema, relation.identifier],
        ).fetchone()[0]
    )
