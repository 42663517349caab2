"""The dbt project against the Python side, without a warehouse: seeds, enums, patterns, contracts."""

from __future__ import annotations

import csv
import json

import pytest

from pipelines.dbt_docs import DBT_PROJECT_DIR, REPO_ROOT, prepare_manifest
from pipelines.monitor.taxonomy import DEFAULT_SEVERITY, SEVERITY_WEIGHT
from pipelines.warehouse.schema import (
    CATEGORIES,
    EVENT_KINDS,
    EVENT_ROLES,
    REASONING_VISIBILITY,
    REVIEW_STATUSES,
    SEVERITIES,
    SIGNAL_CHANNELS,
)

MART_MODELS = {
    "fct_session_metrics",
    "fct_incidents",
    "agg_deployment_daily",
    "agg_monitorability_daily",
    "fct_test_runs",
    "fct_file_edits",
    "dim_deployments",
    "dim_models",
}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(prepare_manifest().read_text())


def _seed(name: str) -> list[dict[str, str]]:
    with open(DBT_PROJECT_DIR / "seeds" / f"{name}.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_seed_categories_are_the_taxonomy_with_its_default_severities() -> None:
    rows = _seed("categories")
    assert [r["category"] for r in rows] == list(CATEGORIES)
    assert {r["category"]: r["default_severity"] for r in rows} == DEFAULT_SEVERITY


def test_seed_severities_are_ranked_in_order_with_the_monitor_weights() -> None:
    rows = _seed("severities")
    assert [r["severity"] for r in rows] == list(SEVERITIES)
    assert [int(r["severity_rank"]) for r in rows] == [1, 2, 3, 4]
    assert {r["severity"]: float(r["score_weight"]) for r in rows} == SEVERITY_WEIGHT


def test_no_python_module_restates_a_dbt_fact() -> None:
    """One fact layer: commands, edits, test runs and claims are defined in dbt only. The Python side
    of the monitor matches text; it carries none of the fact patterns the dbt macros hold."""
    monitor = REPO_ROOT / "pipelines" / "monitor"
    assert not (monitor / "structural.py").exists()
    python = "\n".join(p.read_text() for p in monitor.glob("*.py"))
    for fact in (
        "Begin Patch",
        "claim_tests_pass",
        "CLAIM_DONE",
        "EXIT_CODE_RE",
        "TEST_CMD_RE",
        "is_test_path",
    ):
        assert fact not in python, f"pipelines/monitor restates the dbt fact {fact!r}"


EXPECTED_ENUMS = {
    "category": set(CATEGORIES),
    "severity": set(SEVERITIES),
    "max_severity": set(SEVERITIES),
    "kind": set(EVENT_KINDS),
    "role": set(EVENT_ROLES),
    "reasoning_visibility": set(REASONING_VISIBILITY),
    "channel": set(SIGNAL_CHANNELS),
    "status": None,  # several meanings; checked below per model
    "review_status": {"unreviewed", *REVIEW_STATUSES},
}


def test_accepted_values_in_yaml_are_the_python_enums(manifest: dict) -> None:
    checked = 0
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        if meta.get("name") not in ("accepted_values", "list_values_in"):
            continue
        column = node.get("column_name")
        values = set(meta["kwargs"]["values"])
        attached = node["attached_node"] or ",".join(node["depends_on"]["nodes"])
        if column in EXPECTED_ENUMS and EXPECTED_ENUMS[column] is not None:
            assert values == EXPECTED_ENUMS[column], f"{node['original_file_path']}: {attached}.{column}"
            checked += 1
        elif column == "status" and "reviews" in attached:
            assert values == set(REVIEW_STATUSES), attached
            checked += 1
        elif column == "categories":
            assert values == set(CATEGORIES), attached
            checked += 1
    assert checked >= 12


def test_every_model_states_its_grain(manifest: dict) -> None:
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    assert len(models) >= 20
    missing = [m["name"] for m in models if "Grain:" not in m["description"]]
    assert missing == []


def test_marts_enforce_contracts_with_a_type_and_description_per_column(manifest: dict) -> None:
    marts = {
        n["name"]: n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["schema"] == "marts"
    }
    assert set(marts) == MART_MODELS
    for name, node in marts.items():
        assert node["contract"]["enforced"], name
        for column, spec in node["columns"].items():
            assert spec["data_type"], f"{name}.{column} has no data_type"
            assert spec["description"].strip(), f"{name}.{column} has no description"


def test_models_have_unit_tests_where_they_hold_logic(manifest: dict) -> None:
    tested = {u["depends_on"]["nodes"][0].split(".")[-1] for u in manifest["unit_tests"].values()}
    logic = {
        "int_tool_calls", "int_test_runs", "int_file_edits", "int_session_activity", "int_session_outcome",
        "int_incidents", "int_incidents_reviewed", "int_session_verdict", "fct_session_metrics", "fct_incidents",
        "agg_deployment_daily", "agg_monitorability_daily",
        "dim_deployments", "dim_models",
    }  # fmt: skip
    assert logic - tested == set()


def test_sources_are_the_pipeline_schemas_and_tables(manifest: dict) -> None:
    sources = {(s["schema"], s["name"]) for s in manifest["sources"].values()}
    assert sources == {
        ("raw", "files"), ("raw", "sessions"), ("raw", "events"), ("raw", "quarantine"), ("raw", "reviews"),
    }  # fmt: skip
    # monitor.signals and monitor.rule_hits are dbt models now, and no model reads monitor.judgments


def test_every_data_test_is_one_dagster_runs(manifest: dict) -> None:
    """dagster-dbt selects models explicitly and turns single-source tests into checks of the
    landing / monitor assets; a test between two sources would never run in a pipeline."""
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    assert len(tests) > 100
    not_run = []
    for node in tests:
        deps = node["depends_on"]["nodes"]
        on_model = any(d.startswith(("model.", "seed.")) for d in deps)
        on_one_source = len(deps) == 1 and deps[0].startswith("source.")
        if not (on_model or on_one_source):
            not_run.append(node["name"])
    assert not_run == []


def test_incremental_builds_leave_out_exactly_the_tests_that_read_only_seeds(manifest: dict) -> None:
    """A seed changes only with the dbt project, and a changed project makes the next build a full
    one: the tests that read nothing but seeds are left to it (assets/dbt.py). A test that reads a
    model as well sees new rows, and must stay in every build."""
    from assets.dbt import INCREMENTAL_EXCLUDE, incremental_exclusions

    assert INCREMENTAL_EXCLUDE == ("tag:seed_contents",)
    assert incremental_exclusions() == ["--exclude", "tag:seed_contents"]
    tagged, seed_only = set(), set()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        if "seed_contents" in node["tags"]:
            tagged.add(node["name"])
        if all(d.startswith("seed.") for d in node["depends_on"]["nodes"]):
            seed_only.add(node["name"])
    assert tagged == seed_only
    assert len(tagged) >= 10
    assert not any(
        "seed_contents" in n["tags"] for n in manifest["nodes"].values() if n["resource_type"] != "test"
    ), "a tagged model or seed would take every test that reads it out of incremental builds"


def test_dagster_runs_the_whole_dbt_project_in_one_step() -> None:
    """A blocking check between two dbt assets (or a dbt test on a source) makes Dagster split the
    dbt step; dbt's eager test selection then runs tests before the models they read exist."""
    from assets.definitions import build_definitions

    job = build_definitions("/nonexistent/data", "/nonexistent/landing").resolve_job_def(
        "materialize_everything"
    )
    dbt_steps = [n.name for n in job.graph.node_defs if n.name.startswith("dbt_models")]
    assert dbt_steps == ["dbt_models"]
