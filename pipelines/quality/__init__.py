"""Data-quality checks for every layer of the warehouse, as plain Python over DuckDB (no Dagster).

- `spec`: suites as code: frames (SQL that pushes the heavy work down to DuckDB) and the Great
  Expectations 1.x rules validated on them.
- `validate`: our wrapper around GX 1.x (ephemeral context, pandas frames, no progress bars).
- `suites`: the suites of raw.events, raw.sessions and the marts (dbt models carry their own contracts and tests).
- `stats`: volume anomaly and incident-rate spike per deployment and day.
- `results`: `quality.check_results`, the store the dashboard reads.
- `alerts`: Slack-compatible alert payloads, the webhook client and the ledger of sent alerts.
"""
