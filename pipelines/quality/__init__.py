"""Great Expectations checks, as plain Python over DuckDB (no Dagster): the tables the pipeline writes
(raw.events, raw.sessions) and the statistical suites over the marts. What dbt builds is checked by
dbt's contracts and data tests instead: one check system per layer, nothing checked twice.

- `spec`: suites as code: frames (SQL that pushes the heavy work down to DuckDB) and the Great
  Expectations 1.x rules validated on them.
- `validate`: our wrapper around GX 1.x (ephemeral context, pandas frames, no progress bars).
- `suites`: the contract and plausibility suites of raw.events and raw.sessions, and the list of
  every suite (with the statistical ones).
- `stats`: volume anomaly and incident-rate spike per deployment and day, monitorability drop.
- `results`: `quality.check_results`, the store the dashboard reads.
- `alerts`: Slack-compatible alert payloads, the webhook client and the ledger of sent alerts.
"""
