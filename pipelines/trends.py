"""Is misalignment rising, and is the rise real? The trend statistics of the overview and the alerts.

Leadership reads one sentence ("gpt-5.1-codex: flagged rate 9% → 21% over the last 2 weeks,
p < 0.01"); this module computes it. For every model, every deployment and every (model,
deployment) pair it compares the flagged rate of the last `window_days` days with the window of the
same length before it (a two-sided two-proportion z-test with the pooled standard error), then
corrects the p-values for the number of slices tested (Holm's step-down method, which controls the
family-wise error rate without assuming the tests are independent; the slices overlap, so they are
not). A change is reported as significant when its Holm-adjusted p-value is below `alpha`.

Why a z-test and not an exact test: the per-slice counts are aggregated in SQL and the test needs
only the four counts; slices with fewer than `min_sessions` sessions in either window are not tested
at all (too few for the normal approximation, and too few to tell leadership anything), which also
keeps the correction from being diluted by slices that could never reach significance.

Also here: Wilson score intervals for rates drawn on charts (a 1-of-3 day must look uncertain).
Plain Python and DuckDB SQL: no Dagster, no Streamlit; the dashboard (app/queries.py) and the alert
sender (pipelines/quality/alerts.py) call the same functions on a snapshot connection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import polars as pl

DEFAULT_WINDOW_DAYS = 14
DEFAULT_ALPHA = 0.05
MIN_SESSIONS = 20  # per window and slice: below this a slice is not tested
Z_95 = 1.959963984540054  # two-sided 95% normal quantile

# The four counts per slice. `$deps` empty means every deployment. Slices: `model` (all deployments
# pooled), `deployment` (all models pooled), and `model_deployment`.
_SLICE_COUNTS = """
with d as (
    select coalesce(model, '(unknown)') as model, deployment,
           day >= $split as recent, sum(sessions)::bigint as sessions,
           sum(flagged_sessions)::bigint as flagged
    from marts.agg_deployment_daily
    where day between $lo and $hi
      and (len($deps::varchar[]) = 0 or list_contains($deps::varchar[], deployment))
    group by all
),
sliced as (
    select 'model' as slice_kind, model, null::varchar as deployment, recent, sessions, flagged from d
    union all
    select 'deployment', null, deployment, recent, sessions, flagged from d
    union all
    select 'model_deployment', model, deployment, recent, sessions, flagged from d
)
select slice_kind, model, deployment,
       coalesce(sum(sessions) filter (where not recent), 0)::bigint as before_sessions,
       coalesce(sum(flagged) filter (where not recent), 0)::bigint as before_flagged,
       coalesce(sum(sessions) filter (where recent), 0)::bigint as after_sessions,
       coalesce(sum(flagged) filter (where recent), 0)::bigint as after_flagged
from sliced
group by all
order by slice_kind, model nulls first, deployment nulls first
"""


@dataclass(frozen=True)
class RateChange:
    """The flagged rate of one slice in the window before and the last window, and the test of it."""

    slice_kind: str  # model, deployment, model_deployment
    model: str | None
    deployment: str | None
    window_days: int
    before_sessions: int
    before_flagged: int
    after_sessions: int
    after_flagged: int
    z: float
    p_value: float  # two-sided, unadjusted
    p_adjusted: float = 1.0  # Holm over every slice tested
    significant: bool = False

    @property
    def before_rate(self) -> float:
        return self.before_flagged / self.before_sessions

    @property
    def after_rate(self) -> float:
        return self.after_flagged / self.after_sessions

    @property
    def label(self) -> str:
        if self.slice_kind == "model":
            return str(self.model)
        if self.slice_kind == "deployment":
            return str(self.deployment)
        return f"{self.model} in {self.deployment}"

    @property
    def direction(self) -> str:
        return (
            "up"
            if self.after_rate > self.before_rate
            else "down"
            if self.after_rate < self.before_rate
            else "flat"
        )

    def sentence(self) -> str:
        """'gpt-5.1-codex: flagged rate 9% → 21% over the last 2 weeks, p < 0.01'."""
        return (
            f"{self.label}: flagged rate {_pct(self.before_rate)} → {_pct(self.after_rate)} "
            f"over the {window_phrase(self.window_days)}, {format_p(self.p_adjusted)}"
        )


@dataclass(frozen=True)
class TrendFinding:
    """What the overview states in one sentence, and every test behind it."""

    sentence: str
    significant: tuple[RateChange, ...]  # significant changes, strongest evidence first
    tested: tuple[RateChange, ...]  # every slice tested, strongest evidence first
    window_days: int
    window_start: date | None  # first day of the last window
    as_of: date | None  # last day of data
    alpha: float

    @property
    def rising(self) -> tuple[RateChange, ...]:
        return tuple(c for c in self.significant if c.direction == "up")


def format_p(p: float) -> str:
    if p < 0.001:
        return "p < 0.001"
    if p < 0.01:
        return "p < 0.01"
    return f"p = {p:.2f}"


def window_phrase(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "last week" if weeks == 1 else f"last {weeks} weeks"
    return "last day" if days == 1 else f"last {days} days"


def _pct(rate: float) -> str:
    return f"{100 * rate:.0f}%"


def two_proportion_p(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """(z, two-sided p) of the pooled two-proportion z-test of k1/n1 against k2/n2."""
    if n1 <= 0 or n2 <= 0:
        raise ValueError(f"two_proportion_p: sessions must be positive (got {n1} and {n2})")
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:  # both rates 0 or both 1: no evidence of a change
        return 0.0, 1.0
    z = (k2 / n2 - k1 / n1) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def holm_adjust(p_values: list[float]) -> list[float]:
    """Holm step-down adjusted p-values, in the order given (monotone, capped at 1)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def wilson_interval(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """95% Wilson score interval of k successes in n trials ((0, 1) when n is 0)."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def with_wilson(frame: pl.DataFrame, k: str, n: str, prefix: str = "rate") -> pl.DataFrame:
    """`frame` with `<prefix>`, `<prefix>_lo`, `<prefix>_hi`: the rate k/n and its 95% Wilson interval."""
    z2 = Z_95 * Z_95
    kc, nc = pl.col(k).cast(pl.Float64), pl.col(n).cast(pl.Float64)
    p = kc / nc
    denom = 1 + z2 / nc
    centre = (p + z2 / (2 * nc)) / denom
    half = Z_95 * (p * (1 - p) / nc + z2 / (4 * nc * nc)).sqrt() / denom
    return frame.with_columns(
        pl.when(nc > 0).then(p).otherwise(None).alias(prefix),
        pl.when(nc > 0).then((centre - half).clip(0.0, 1.0)).otherwise(None).alias(f"{prefix}_lo"),
        pl.when(nc > 0).then((centre + half).clip(0.0, 1.0)).otherwise(None).alias(f"{prefix}_hi"),
    )


def choose_window(first: date, last: date, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """The comparison window: `window_days`, or half the data when there is less than two windows."""
    span = (last - first).days + 1
    return max(1, min(window_days, span // 2))


def flagged_rate_changes(
    conn: duckdb.DuckDBPyConnection,
    *,
    as_of: date | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    deployments: tuple[str, ...] | list[str] = (),
    alpha: float = DEFAULT_ALPHA,
    min_sessions: int = MIN_SESSIONS,
) -> TrendFinding:
    """Test the flagged-rate change of every model, deployment and pair; the finding and its sentence.

    `as_of` defaults to the newest day of data (not the clock), so historical data reads the same
    as live data. Reads `marts.agg_deployment_daily` only.
    """
    ((first, last),) = conn.execute("select min(day), max(day) from marts.agg_deployment_daily").fetchall()
    if first is None:
        return TrendFinding("No sessions yet: nothing to compare.", (), (), window_days, None, None, alpha)
    as_of = as_of or last
    window = choose_window(first, as_of, window_days)
    split = as_of - timedelta(days=window - 1)
    lo = split - timedelta(days=window)
    rows = conn.sql(
        _SLICE_COUNTS, params={"split": split, "lo": lo, "hi": as_of, "deps": list(deployments)}
    ).fetchall()
    tested: list[RateChange] = []
    for kind, model, deployment, n1, k1, n2, k2 in rows:
        if n1 < min_sessions or n2 < min_sessions:
            continue
        z, p = two_proportion_p(k1, n1, k2, n2)
        tested.append(RateChange(kind, model, deployment, window, n1, k1, n2, k2, z, p))
    adjusted = holm_adjust([c.p_value for c in tested])
    tested = [
        RateChange(**{**c.__dict__, "p_adjusted": a, "significant": a < alpha})
        for c, a in zip(tested, adjusted, strict=True)
    ]
    # Strongest evidence first; among equals, the bigger move, then the broader slice.
    breadth = {"model": 0, "deployment": 1, "model_deployment": 2}
    tested.sort(
        key=lambda c: (c.p_adjusted, -abs(c.after_rate - c.before_rate), breadth[c.slice_kind], c.label)
    )
    significant = tuple(c for c in tested if c.significant)
    return TrendFinding(
        sentence=_sentence(significant, tested, window, alpha),
        significant=significant,
        tested=tuple(tested),
        window_days=window,
        window_start=split,
        as_of=as_of,
        alpha=alpha,
    )


def _sentence(
    significant: tuple[RateChange, ...], tested: list[RateChange], window: int, alpha: float
) -> str:
    if not tested:
        return (
            f"Too few sessions to test a change over the {window_phrase(window)} "
            f"(each model or deployment needs {MIN_SESSIONS} sessions in both windows)."
        )
    if not significant:
        top = tested[0]
        return (
            f"No significant change in the flagged rate over the {window_phrase(window)} "
            f"({len(tested)} models and deployments tested, Holm-corrected); the largest move is "
            f"{top.sentence()}."
        )
    rising = [c for c in significant if c.direction == "up"]
    lead = (rising or list(significant))[0]
    others = len(significant) - 1
    tail = f" ({others} more significant change{'s' if others != 1 else ''} below.)" if others else ""
    return f"{lead.sentence()}.{tail}"


def changes_frame(finding: TrendFinding) -> pl.DataFrame:
    """Every tested slice as a table (the overview's details under the sentence)."""
    schema = {
        "slice": pl.String, "model": pl.String, "deployment": pl.String, "before_sessions": pl.Int64,
        "before_rate": pl.Float64, "after_sessions": pl.Int64, "after_rate": pl.Float64,
        "p_value": pl.Float64, "p_adjusted": pl.Float64, "significant": pl.Boolean,
    }  # fmt: skip
    return pl.DataFrame(
        [
            (c.slice_kind, c.model, c.deployment, c.before_sessions, c.before_rate, c.after_sessions,
             c.after_rate, c.p_value, c.p_adjusted, c.significant)
            for c in finding.tested
        ],
        schema=schema,
        orient="row",
    )  # fmt: skip
