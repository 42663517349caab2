# The two commands of the README: `make demo` and `make test`. Both install what is missing.
SHELL := /bin/bash
# uv from PATH when there is one, else the copy pip installs (run as a module, wherever pip put it).
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export UV_LINK_MODE ?= copy
# Compile the environment's bytecode once at install: where PYTHONDONTWRITEBYTECODE is set (these
# machines set it), every run otherwise recompiles pandas, Dagster, dbt and Great Expectations from
# source, which was about half of a run's fixed start-up cost (imports 34-40 s -> 13-17 s, loaded machine).
export UV_COMPILE_BYTECODE ?= 1

.PHONY: setup demo test lint bench dagster-ui clean intent-model calibration

.venv/.synced: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	touch $@

setup: .venv/.synced

# `make test` also installs the spark group (pyspark, dbt-spark: large, so `make demo` does not).
.venv/.synced-spark: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --group spark
	touch $@ .venv/.synced

demo: setup
	$(UV) run cotwatch demo

test: .venv/.synced-spark
	$(UV) run ruff check .
	$(UV) run --group spark pytest -q

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .

bench: setup
	$(UV) run python -m bench --scale-mb 100 300 1000 --json build/bench.json

# Retrain the reasoning-intent model (pipelines/monitor/intent_model.json.gz) on labelled sets that have
# been read (tuned on), never on an unread blind set: those are the cross-author measure. The defaults
# reproduce the shipped model (dev sets a, b; blind sets c, d, e, f, k, l, g, h, s, u: the twelve read when
# it was trained). Lands each into $(INTENT_DATA)/<set> first (a no-op when it is there).
LABELLED ?= ../shared/labelled
INTENT_DATA ?= build/intent
INTENT_DEV_SETS ?= a b
INTENT_BLIND_SETS ?= c d e f k l g h s u
intent-model: setup
	@set -e; args=""; \
	for s in $(INTENT_DEV_SETS); do \
	  $(UV) run cotwatch run --landing $(LABELLED)/$$s/landing --data-dir $(INTENT_DATA)/$$s >/dev/null; \
	  args="$$args --labels $(LABELLED)/$$s/labels.jsonl --data-dir $(INTENT_DATA)/$$s"; \
	done; \
	for s in $(INTENT_BLIND_SETS); do \
	  $(UV) run cotwatch run --landing eval/blind/$$s/landing --data-dir $(INTENT_DATA)/$$s >/dev/null; \
	  args="$$args --labels eval/blind/$$s/labels.jsonl --data-dir $(INTENT_DATA)/$$s"; \
	done; \
	echo "training on:$$args"; \
	$(UV) run python -m pipelines.monitor.intent train $$args

# Recount the score's calibration seeds (dbt_project/seeds/calibration_*.csv, docs/metrics.md) on the
# labelled sets that have been read: a, b and the blind sets c, d, e, f, k, l, g, h, s, u. Run it after a rule pack
# or intent model change. Lands each into a fresh $(CALIBRATION_DATA)/<set> (the monitor must be the
# current one), then scans each again with an intent model trained on the other sets (the shipped one
# learnt these very sessions, so its hits there would count as right far more often than on a new
# author's), then counts.
CALIBRATION_DATA ?= build/calibration
CALIBRATION_DEV_SETS ?= a b
CALIBRATION_BLIND_SETS ?= c d e f k l g h s u
calibration: setup
	@set -e; args=""; sets=""; \
	for s in $(CALIBRATION_DEV_SETS); do sets="$$sets $$s:$(LABELLED)/$$s"; done; \
	for s in $(CALIBRATION_BLIND_SETS); do sets="$$sets $$s:eval/blind/$$s"; done; \
	for pair in $$sets; do \
	  s=$${pair%%:*}; dir=$${pair#*:}; \
	  rm -rf $(CALIBRATION_DATA)/$$s; \
	  $(UV) run cotwatch run --landing $$dir/landing --data-dir $(CALIBRATION_DATA)/$$s >/dev/null; \
	  args="$$args --labels $$dir/labels.jsonl --data-dir $(CALIBRATION_DATA)/$$s"; \
	done; \
	echo "intent detectors out of author: one model per set, trained on the others"; \
	$(UV) run python -m pipelines.monitor.intent leave-one-out $$args --out-dir $(CALIBRATION_DATA)/intent-loo; \
	for pair in $$sets; do \
	  s=$${pair%%:*}; dir=$${pair#*:}; \
	  COTWATCH_INTENT_MODEL=$(abspath $(CALIBRATION_DATA))/intent-loo/intent_model_without_$$s.json \
	    $(UV) run cotwatch run --landing $$dir/landing --data-dir $(CALIBRATION_DATA)/$$s >/dev/null; \
	done; \
	echo "counting on:$$args"; \
	$(UV) run python -m pipelines.monitor.calibrate $$args

# The Dagster UI on the same instance `cotwatch run` records into (<data dir>/dagster), so it shows the
# CLI's runs, materializations and checks. DATA_DIR defaults like the CLI: $COTWATCH_DATA_DIR or data.
DATA_DIR ?= $(or $(COTWATCH_DATA_DIR),data)
DAGSTER_PORT ?= 3000
dagster-ui: setup
	@home=$$($(UV) run python -c "from assets.runner import prepare_dagster_home; print(prepare_dagster_home('$(DATA_DIR)'))") && \
	echo "Dagster instance: $$home" && \
	DAGSTER_HOME="$$home" COTWATCH_DATA_DIR="$(abspath $(DATA_DIR))" DAGSTER_DISABLE_TELEMETRY=1 \
	$(UV) run dg dev --host 127.0.0.1 --port $(DAGSTER_PORT)

clean:
	rm -rf build data/warehouse.duckdb data/serving .pytest_cache
