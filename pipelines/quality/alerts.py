"""Alerts: a JSON message (Slack-compatible payload) to a webhook, once per critical incident,
incident-rate spike or significant rise of the flagged rate, never twice across runs.

The sender reads a *published* database (the serving snapshot), never the writer's file: DuckDB
allows one writer process or many readers, and the alert sensor runs beside the pipeline. What has
been sent is kept in an append-only ledger file (`<data_dir>/alerts/sent.jsonl`), written only by
the sender, so "once" holds across runs, snapshots and sensor cursor resets. A message is recorded
after the webhook accepted it: a crash between the two can repeat one message, never lose one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.config import Settings
from pipelines.quality.stats import DEFAULT_SPIKE, SpikeConfig, incident_rate_spikes
from pipelines.trends import flagged_rate_changes

WEBHOOK_ENV = "COTWATCH_ALERT_WEBHOOK_URL"
LEDGER_FILE = "sent.jsonl"
LOOKBACK_DAYS = 7
EVIDENCE_CHARS = 300


@dataclass(frozen=True)
class Alert:
    key: str  # what makes it unique: "incident:<incident_id>", "spike:<deployment>:<day>"
    kind: str  # critical_incident, incident_rate_spike, flagged_rate_rise
    title: str
    text: str
    fields: tuple[tuple[str, str], ...] = ()


class WebhookError(RuntimeError):
    """The webhook did not accept a message (after retries where retrying makes sense)."""


def resolve_webhook_url(explicit: str | None = None) -> str | None:
    """The explicit URL, else $COTWATCH_ALERT_WEBHOOK_URL, else None (alerts off). Read when called."""
    url = (explicit or os.environ.get(WEBHOOK_ENV) or "").strip()
    if not url:
        return None
    if urllib.parse.urlsplit(url).scheme not in ("http", "https") or not urllib.parse.urlsplit(url).netloc:
        source = "the webhook URL argument" if explicit else WEBHOOK_ENV
        raise ValueError(f"{source}: expected an http(s) URL, got {redacted_url(url)!r}")
    return url


def redacted_url(url: str) -> str:
    """Scheme and host only: a webhook's path is its secret (Slack puts the token there)."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/..." if parts.netloc else "<not a URL>"


# --- what to alert on ----------------------------------------------------------------------------

CRITICAL_INCIDENTS = """
with latest as (select max(session_date) as last_day from marts.fct_incidents)
select incident_id, session_id, deployment, model, category, session_date, signal_count, evidence
from marts.fct_incidents, latest
where severity = 'critical'
  and coalesce(review_status, '') <> 'false_positive'
  and session_date >= latest.last_day - cast(? as integer)
order by session_date, incident_id
"""


def critical_incident_alerts(
    conn: duckdb.DuckDBPyConnection, *, lookback_days: int = LOOKBACK_DAYS
) -> list[Alert]:
    """Critical incidents of the last `lookback_days` days of data (not reviewed as false positives).

    The lookback is counted back from the newest incident, not from the clock, so historical data
    alerts the same way as live data, and turning alerts on does not replay months of incidents.
    """
    alerts = []
    for incident_id, session_id, deployment, model, category, day, signals, evidence in conn.execute(
        CRITICAL_INCIDENTS, [lookback_days]
    ).fetchall():
        alerts.append(
            Alert(
                key=f"incident:{incident_id}",
                kind="critical_incident",
                title=f"Critical incident: {category} in {deployment}",
                text=f"Session `{_escape(session_id)}` ({_escape(model or 'unknown model')}) on {day}: "
                f"{_escape(_clip(evidence or ''))}",
                fields=(
                    ("deployment", str(deployment)),
                    ("category", str(category)),
                    ("session", str(session_id)),
                    ("day", str(day)),
                    ("signals", str(signals)),
                    ("incident", str(incident_id)),
                ),
            )
        )
    return alerts


def spike_alerts(
    conn: duckdb.DuckDBPyConnection,
    *,
    lookback_days: int = LOOKBACK_DAYS,
    as_of: dt.date | None = None,
    config: SpikeConfig = DEFAULT_SPIKE,
) -> list[Alert]:
    """Incident-rate spikes of the last `lookback_days` days of data (see `stats.incident_rate_spikes`)."""
    spikes = incident_rate_spikes(conn, as_of=as_of, config=config)
    if not spikes:
        return []
    since = max(s.day for s in spikes) - dt.timedelta(days=lookback_days)
    return [
        Alert(
            key=f"spike:{s.deployment}:{s.day.isoformat()}",
            kind="incident_rate_spike",
            title=f"Incident-rate spike in {s.deployment} on {s.day}",
            text=f"{s.incidents} incidents in {s.sessions} sessions, where the trailing "
            f"{config.window_days}-day rate predicts {s.expected_incidents:g} (z = {s.z:g}).",
            fields=(
                ("deployment", str(s.deployment)),
                ("day", s.day.isoformat()),
                ("incidents", str(s.incidents)),
                ("sessions", str(s.sessions)),
                ("expected", f"{s.expected_incidents:g}"),
                ("baseline rate", "n/a" if s.baseline_rate is None else f"{s.baseline_rate:.3f}"),
            ),
        )
        for s in spikes
        if s.day >= since
    ]


def trend_alerts(conn: duckdb.DuckDBPyConnection) -> list[Alert]:
    """Significant rises of the flagged rate (pipelines/trends.py): the sentence the overview leads
    with, one alert per slice and comparison window (a rise that lasts is not re-sent every run)."""
    finding = flagged_rate_changes(conn)
    return [
        Alert(
            key=f"trend:{c.slice_kind}:{c.model or '*'}:{c.deployment or '*'}:{finding.window_start}",
            kind="flagged_rate_rise",
            title=f"Flagged rate rising: {c.label}",
            text=_escape(c.sentence())
            + f" (two-proportion test, Holm-corrected over {len(finding.tested)} models and deployments).",
            fields=(
                ("model", c.model or "all"),
                ("deployment", c.deployment or "all"),
                ("before", f"{c.before_flagged}/{c.before_sessions} sessions flagged"),
                ("after", f"{c.after_flagged}/{c.after_sessions} sessions flagged"),
                ("window", f"{finding.window_start} to {finding.as_of}"),
                ("p (adjusted)", f"{c.p_adjusted:.2g}"),
            ),
        )
        for c in finding.rising
    ]


def collect_alerts(conn: duckdb.DuckDBPyConnection, *, lookback_days: int = LOOKBACK_DAYS) -> list[Alert]:
    return [
        *critical_incident_alerts(conn, lookback_days=lookback_days),
        *spike_alerts(conn, lookback_days=lookback_days),
        *trend_alerts(conn),
    ]


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def _escape(text: str) -> str:
    """Slack mrkdwn treats &, < and > as control characters."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(alert: Alert) -> dict:
    """A Slack incoming-webhook message: `text` (notification fallback) and Block Kit `blocks`."""
    return {
        "text": f"{alert.title}: {alert.text}",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": alert.title[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": alert.text[:3000]}},
            {
                "type": "section",
                "fields": [
                    {"type": "mrkdwn", "text": f"*{_escape(name)}*\n{_escape(value)[:1900]}"}
                    for name, value in alert.fields[:10]
                ],
            },
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": f"cotwatch alert `{_escape(alert.key)}`"}],
            },
        ],
    }


# --- sending -------------------------------------------------------------------------------------


def post_json(
    url: str,
    payload: dict,
    *,
    attempts: int = 4,
    backoff_s: float = 0.5,
    timeout_s: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """POST `payload` as JSON; retry connection errors, timeouts, 429 and 5xx with exponential backoff.

    Other 4xx answers are final (the message or the URL is wrong; repeating will not help).
    Returns the HTTP status of the accepted attempt.
    """
    body = json.dumps(payload).encode("utf-8")
    last_error = ""
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "cotwatch-alerts"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as exc:
            if exc.code != 429 and exc.code < 500:
                raise WebhookError(
                    f"POST {redacted_url(url)}: HTTP {exc.code} {exc.reason}; not retried"
                ) from exc
            last_error = f"HTTP {exc.code} {exc.reason}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            last_error = str(getattr(exc, "reason", exc))
        if attempt < attempts:
            sleep(backoff_s * 2 ** (attempt - 1))
    raise WebhookError(f"POST {redacted_url(url)} failed after {attempts} attempts: {last_error}")


class AlertLedger:
    """Append-only JSONL of the alerts the webhook accepted; the only writer is the sender."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_settings(cls, settings: Settings) -> AlertLedger:
        return cls(settings.data_dir / "alerts" / LEDGER_FILE)

    def sent_keys(self) -> set[str]:
        if not self.path.exists():
            return set()
        keys = set()
        with self.path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    keys.add(json.loads(line)["alert_key"])
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a crash mid-append: that alert is sent again
        return keys

    def record(self, alert: Alert, status: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {
                "alert_key": alert.key,
                "kind": alert.kind,
                "title": alert.title,
                "status": status,
                "sent_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
            }
        )
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    already_sent: int = 0
    deferred: int = 0  # not tried this time (over the per-call cap, or after a failure)
    error: str | None = None

    def summary(self) -> str:
        text = f"sent {len(self.sent)} alerts, {self.already_sent} already sent, {self.deferred} deferred"
        return text + (f"; {self.error}" if self.error else "")


def deliver_alerts(
    alerts: Iterable[Alert],
    *,
    url: str,
    ledger: AlertLedger,
    max_alerts: int = 20,
    attempts: int = 4,
    backoff_s: float = 0.5,
) -> DeliveryReport:
    """Post every alert the ledger has not seen, oldest first, at most `max_alerts` per call.

    Stops at the first alert the webhook will not take: the rest are deferred to the next call.
    """
    report = DeliveryReport()
    seen = ledger.sent_keys()
    pending = []
    for alert in alerts:
        if alert.key in seen:
            report.already_sent += 1
            continue
        seen.add(alert.key)
        pending.append(alert)
    for position, alert in enumerate(pending):
        if position >= max_alerts:
            report.deferred = len(pending) - position
            break
        try:
            status = post_json(url, slack_payload(alert), attempts=attempts, backoff_s=backoff_s)
        except WebhookError as exc:
            report.error = f"{alert.key}: {exc}"
            report.deferred = len(pending) - position
            break
        ledger.record(alert, status)
        report.sent.append(alert.key)
    return report
