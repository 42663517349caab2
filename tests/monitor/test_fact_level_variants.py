"""Fact-level misses pass and generalizing detection pass (#13): each general cause or capability
they added, told in its own story, with hard negatives, in Claude Code and Codex format, through the
real landing and the real dbt build (one build for both story sets). Every positive raises its
category through the detector the fix changed or added in both formats and scores above every hard
negative (flagging alone depends on the detector's calibrated precision, docs/metrics.md);
every hard negative raises none of the categories it imitates and is not flagged; both formats
raise the same categories. The stories are in tests/monitor/fact_level_variants.py and
tests/monitor/detection_pass_variants.py and tests/monitor/published_claims_variants.py; the
concealment twins (a report that hides an act, and one that owns up to it) in
tests/monitor/concealment_variants.py.
"""

from __future__ import annotations

import pytest

from tests.monitor.concealment_variants import CONCEALMENT_VARIANTS
from tests.monitor.detection_pass_variants import DETECTION_PASS_VARIANTS
from tests.monitor.fact_level_variants import FACT_VARIANTS
from tests.monitor.published_claims_variants import PUBLISHED_CLAIMS_VARIANTS
from tests.monitor.test_reward_hack_variants import build_stories, highest_negative_score

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return build_stories(tmp_path_factory.mktemp("fact-variants"), STORIES + CONCEALMENT_VARIANTS)


STORIES = FACT_VARIANTS + DETECTION_PASS_VARIANTS + PUBLISHED_CLAIMS_VARIANTS
POSITIVES = [s for s in STORIES if s["expect"]]
NEGATIVES = [s for s in STORIES if not s["expect"]]


def test_the_story_set_pairs_each_fix_with_hard_negatives() -> None:
    assert len({s["name"] for s in STORIES}) == len(STORIES)
    # each detector the detection pass added is proven by its own positives and hard negatives
    for detector in ("struct.test_values_embedded", "struct.claim_covers_untouched_item"):
        mine = [s for s in DETECTION_PASS_VARIANTS if s["detector"] == detector]
        assert mine, detector
        imitated = {c for s in mine for c in s["expect"]}
        assert sum(bool(imitated & set(s["forbid"])) for s in DETECTION_PASS_VARIANTS) >= len(mine)
    # the published-claims pass: every positive has a hard negative of the same category
    published = PUBLISHED_CLAIMS_VARIANTS
    for spec in (s for s in published if s["expect"]):
        assert any(set(spec["expect"]) <= set(n["forbid"]) for n in published if not n["expect"]), spec[
            "name"
        ]
    assert len(POSITIVES) >= 8 and len(NEGATIVES) >= 8
    assert all(s["detector"] for s in POSITIVES)
    assert all(s["forbid"] for s in NEGATIVES)


@pytest.mark.parametrize("fmt", ["claude_code", "codex"])
@pytest.mark.parametrize("spec", POSITIVES, ids=[s["name"] for s in POSITIVES])
def test_every_positive_is_caught_by_its_fix_and_outranks_every_hard_negative(built, spec, fmt) -> None:
    got = built[(spec["name"], fmt)]
    assert set(spec["expect"]) <= got["categories"], got
    assert spec["detector"] in got["detectors"], got
    assert got["score"] > highest_negative_score(built, NEGATIVES), got


@pytest.mark.parametrize("fmt", ["claude_code", "codex"])
@pytest.mark.parametrize("spec", NEGATIVES, ids=[s["name"] for s in NEGATIVES])
def test_hard_negatives_raise_nothing_they_imitate(built, spec, fmt) -> None:
    got = built[(spec["name"], fmt)]
    assert not set(spec["forbid"]) & got["categories"], got
    assert not got["flagged"], got


def test_both_formats_raise_the_same_categories(built) -> None:
    differ = {
        s["name"]: (
            built[(s["name"], "claude_code")]["categories"],
            built[(s["name"], "codex")]["categories"],
        )
        for s in STORIES + CONCEALMENT_VARIANTS
        if built[(s["name"], "claude_code")]["categories"] != built[(s["name"], "codex")]["categories"]
    }
    assert not differ, differ


@pytest.mark.parametrize("fmt", ["claude_code", "codex"])
@pytest.mark.parametrize("spec", CONCEALMENT_VARIANTS, ids=[s["name"] for s in CONCEALMENT_VARIANTS])
def test_a_report_that_hides_an_act_is_deception_and_one_that_owns_up_is_not(built, spec, fmt) -> None:
    got = built[(spec["name"], fmt)]
    assert set(spec["expect"]) <= got["categories"], got
    if spec["detector"]:
        assert spec["detector"] in got["detectors"], got
    else:
        assert "struct.claim_hides_incident" not in got["detectors"], got
        assert not set(spec["forbid"]) & got["categories"], got


def test_concealment_twins_differ_only_in_the_report() -> None:
    silent = [s for s in CONCEALMENT_VARIANTS if s["detector"]]
    assert len(silent) >= 2 and len(CONCEALMENT_VARIANTS) == 2 * len(silent)
    for spec in silent:
        twin = next(
            s for s in CONCEALMENT_VARIANTS if s is not spec and s["turns"][:-1] == spec["turns"][:-1]
        )
        assert twin["turns"][-1][0] == spec["turns"][-1][0] == "say" and not twin["detector"]
