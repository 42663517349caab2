"""The review store: durable appends, validation, and landing into raw.reviews."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from pipelines.config import Settings
from pipelines.reviews import ReviewError, append_review, land_reviews, read_reviews
from pipelines.warehouse.connections import open_warehouse
from pipelines.warehouse.serving import publish_snapshot
from tests.conftest import query

INCIDENTS = [("inc-1", "s-1", "deception"), ("inc-2", "s-2", "eval_awareness"), ("inc", "s", "deception")]


def publish_incidents(settings: Settings, incidents: list[tuple[str, str, str]]) -> None:
    """A warehouse whose marts.fct_incidents holds `incidents`, published as the serving snapshot."""
    with open_warehouse(settings) as conn:
        conn.execute("create schema if not exists marts")
        conn.execute(
            "create or replace table marts.fct_incidents (incident_id varchar, session_id varchar, category varchar)"
        )
        conn.executemany("insert into marts.fct_incidents values (?, ?, ?)", incidents)
    publish_snapshot(settings)


@pytest.fixture(autouse=True)
def incidents(settings: Settings) -> None:
    publish_incidents(settings, INCIDENTS)


def test_append_review_writes_one_json_line_per_review_into_the_days_file(settings: Settings) -> None:
    day = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
    first = append_review(settings, "inc-1", "s-1", "deception", "confirmed", "real", "ana", now=day)
    second = append_review(settings, "inc-1", "s-1", "deception", "false_positive", "", "", now=day)
    path = settings.reviews_dir / "reviews-2026-03-04.jsonl"
    records = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    assert [r["review_id"] for r in records] == [first, second]
    assert records[0] | {"review_id": "x"} == {
        "review_id": "x",
        "incident_id": "inc-1",
        "session_id": "s-1",
        "category": "deception",
        "status": "confirmed",
        "note": "real",
        "reviewer": "ana",
        "reviewed_at": "2026-03-04T10:00:00.000000",
    }
    assert records[1]["reviewer"] is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "maybe"}, "status"),
        ({"incident_id": " "}, "incident_id"),
        ({"session_id": ""}, "session_id"),
        ({"note": "x" * 4001}, "note"),
        ({"reviewer": "x" * 201}, "reviewer"),
    ],
)
def test_append_review_refuses_invalid_input_naming_the_field(
    settings: Settings, kwargs: dict, field: str
) -> None:
    args = {"incident_id": "inc", "session_id": "s", "category": "deception", "status": "confirmed"} | kwargs
    with pytest.raises(ReviewError, match=f"^{field}:"):
        append_review(settings, **args)
    assert not settings.reviews_dir.exists() or not any(settings.reviews_dir.iterdir())


def test_land_reviews_replaces_the_table_dedupes_ids_and_rejects_broken_lines(settings: Settings) -> None:
    a = append_review(settings, "inc-1", "s-1", "deception", "confirmed")
    b = append_review(settings, "inc-2", "s-2", "eval_awareness", "needs_follow_up", "ask", "bo")
    path = next(settings.reviews_dir.glob("reviews-*.jsonl"))
    lines = path.read_bytes().splitlines()
    # the same line twice (a file copied by hand), an unknown status, and a line cut short by a crash
    (settings.reviews_dir / "reviews-2000-01-01.jsonl").write_bytes(
        lines[0] + b"\n" + b'{"review_id": "z", "incident_id": "i", "session_id": "s", "category": "c", '
        b'"status": "bogus", "reviewed_at": "2026-01-01T00:00:00"}\n{"review_id": "cut'
    )
    with open_warehouse(settings) as conn:
        landed = land_reviews(conn, settings.reviews_dir)
    assert (landed.files, landed.lines, landed.reviews, landed.rejected) == (2, 5, 2, 2)
    assert query(
        settings,
        "select review_id, incident_id, status, note, reviewer from raw.reviews order by reviewed_at",
    ) == [
        (a, "inc-1", "confirmed", "", None),
        (b, "inc-2", "needs_follow_up", "ask", "bo"),
    ]

    (settings.reviews_dir / "reviews-2000-01-01.jsonl").unlink()
    path.write_bytes(lines[1] + b"\n")
    with open_warehouse(settings) as conn:
        land_reviews(conn, settings.reviews_dir)
    assert query(settings, "select review_id from raw.reviews") == [(b,)]


def test_land_reviews_with_no_store_empties_the_table(settings: Settings) -> None:
    with open_warehouse(settings) as conn:
        landed = land_reviews(conn, settings.reviews_dir)
    assert (landed.files, landed.reviews) == (0, 0)
    assert query(settings, "select count(*) from raw.reviews") == [(0,)]


def test_read_reviews_returns_typed_rows(settings: Settings) -> None:
    append_review(
        settings, "inc-1", "s-1", "deception", "confirmed", now=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
    )
    reviews, lines, rejected = read_reviews(settings.reviews_dir)
    assert (lines, rejected) == (1, 0)
    assert reviews["reviewed_at"].to_list() == [datetime(2026, 1, 2, 3, 4, 5, 6)]


def test_append_review_refuses_an_incident_the_snapshot_does_not_hold(settings: Settings) -> None:
    with pytest.raises(
        ReviewError, match=r"^incident_id: 'inc-404' is not an incident of the published snapshot"
    ):
        append_review(settings, "inc-404", "s-1", "deception", "confirmed")
    with pytest.raises(ReviewError, match=r"^incident_id: 'inc-1' belongs to session 's-1'"):
        append_review(settings, "inc-1", "s-2", "deception", "confirmed")
    assert not settings.reviews_dir.exists()


def test_append_review_refuses_when_nothing_is_published(tmp_path) -> None:
    bare = Settings(data_dir=tmp_path / "bare", landing_dir=tmp_path / "landing")
    with pytest.raises(ReviewError, match=r"^incident_id: no published snapshot"):
        append_review(bare, "inc-1", "s-1", "deception", "confirmed")


def test_secrets_in_notes_never_reach_the_store_or_raw_reviews(settings: Settings) -> None:
    key = "AKIAIOSFODNN7EXAMPLE"
    append_review(settings, "inc-1", "s-1", "deception", "confirmed", f"it printed {key} to the log", "ana")
    # a line written by hand (or by an older version) with a secret in its note
    (settings.reviews_dir / "reviews-2000-01-01.jsonl").write_bytes(orjson.dumps({
        "review_id": "old", "incident_id": "inc-2", "session_id": "s-2", "category": "eval_awareness",
        "status": "confirmed", "note": "token ghp_" + "a" * 36, "reviewer": None,
        "reviewed_at": "2026-01-01T00:00:00"}) + b"\n")  # fmt: skip
    stored = b"".join(
        p.read_bytes() for p in settings.reviews_dir.glob("reviews-*.jsonl") if "2000" not in p.name
    )
    assert key.encode() not in stored and b"[REDACTED:aws_access_key]" in stored
    with open_warehouse(settings) as conn:
        land_reviews(conn, settings.reviews_dir)
    notes = dict(query(settings, "select incident_id, note from raw.reviews"))
    assert notes == {
        "inc-1": "it printed [REDACTED:aws_access_key] to the log",
        "inc-2": "token [REDACTED:github_token]",
    }


def test_reviews_of_incidents_that_vanished_are_kept_and_marked_orphaned(settings: Settings) -> None:
    append_review(settings, "inc-1", "s-1", "deception", "confirmed")
    append_review(settings, "inc-2", "s-2", "eval_awareness", "false_positive")
    with open_warehouse(settings) as conn:  # the next build no longer has inc-2 (a rule changed)
        conn.execute("delete from marts.fct_incidents where incident_id = 'inc-2'")
        land_reviews(conn, settings.reviews_dir)
    assert query(settings, "select incident_id, orphaned from raw.reviews order by incident_id") == [
        ("inc-1", False),
        ("inc-2", True),
    ]


def test_seeding_a_review_for_an_incident_not_built_yet_is_explicit(settings: Settings) -> None:
    review_id = append_review(
        settings, "inc-next-run", "s-9", "deception", "confirmed", require_published=False
    )
    assert read_reviews(settings.reviews_dir)[0]["review_id"].to_list() == [review_id]
