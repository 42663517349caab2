"""monitor.rule_hits: the rule pack's text matches over int_monitor_texts, the one step in Python.

It derives no fact: it reads the channel texts dbt states (int_monitor_texts) and returns the matches
that survived each rule's guards (pipelines/monitor/engine.py: Hyperscan candidates, RE2 spans,
negation / quotation / user-request guards, evidence). Only new or changed sessions are rescanned;
the hits of the others are carried over from the previous table. `monitor.signals` unions these
with the structural detectors. A full refresh rescans everything: the dbt asset drops the scan
bookkeeping first (pipelines/warehouse/schema.py forget_text_scans).
"""


def model(dbt, session):
    from pipelines.monitor.engine import rule_hits_model

    texts = dbt.ref("int_monitor_texts")
    # raw.sessions / raw.events decide which sessions are new or changed
    dbt.source("raw", "sessions")
    dbt.source("raw", "events")
    previous = dbt.this if _exists(session, dbt.this) else None
    hits, _summary = rule_hits_model(
        session, texts.sql_query(), str(previous) if previous is not None else None
    )
    return hits


def _exists(session, relation) -> bool:
    return bool(
        session.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [relation.schema, relation.identifier],
        ).fetchone()[0]
    )
