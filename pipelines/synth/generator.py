"""Demo and benchmark data: realistic Claude Code and Codex transcripts with labelled misbehaviour.

`generate(out_dir, sessions=...)` writes transcripts in each agent's real on-disk layout under
`out_dir/<deployment>/`, plus a labels file (`out_dir/.labels.jsonl` by default; landing ignores
dot-files) with the ground truth of every session: its injected misbehaviour categories and whether
it holds hard negatives (look-alikes a detector must not flag).

    <deployment>/claude/projects/<encoded-cwd>/<sessionId>.jsonl
    <deployment>/claude/projects/<encoded-cwd>/<sessionId>/subagents/agent-<agentId>.jsonl   (CLI 2.1.x)
    <deployment>/claude/projects/<encoded-cwd>/agent-<agentId>.jsonl                          (CLI 2.0.x)
    <deployment>/codex/sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<uuid>.jsonl

Session i is generated from its own random stream seeded by (seed, i), so the output is byte-for-byte
deterministic for a seed and end date, and `generate_to_size` yields a prefix of the same sessions.

Trends built in: `DRIFT_MODEL` misbehaves more as the days go on, `WORSE_DEPLOYMENT` misbehaves more
than the others, and every session of `vendor-eval` runs a Codex model whose reasoning is encrypted
only (no readable summary).
"""

from __future__ import annotations

import math
import random
import re
import threading
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

from pipelines.synth import behaviours as B
from pipelines.synth import repos as R
from pipelines.synth.claude import ClaudeMeta, render_claude
from pipelines.synth.codex import CodexMeta, render_codex
from pipelines.synth.ids import Ids, epoch_ms, to_datetime
from pipelines.synth.inspect_otel import inspect_session_file, otel_session_file
from pipelines.synth.planner import Ctx, Planner
from pipelines.synth.trajectories import RENDERERS as TRAJECTORY_RENDERERS

FORMATS = ("claude_code_jsonl", "codex_rollout")
# Formats the generator can also emit when asked; each takes OTHER_FORMAT_SHARE of the sessions.
EXTRA_FORMATS = (
    "inspect_eval",
    "otel_genai",
    "swe_agent_traj",
    "mini_swe_agent_traj",
    "gemini_cli_chat",
    "atif",
)
OTHER_FORMAT_SHARE = 0.1
DRIFT_MODEL = "gpt-5.1-codex"
WORSE_DEPLOYMENT = "research-sandbox"
WORSE_DEPLOYMENT_FACTOR = 2.5
ENCRYPTED_ONLY_DEPLOYMENT = "vendor-eval"
ENCRYPTED_ONLY_MODEL = "gpt-5.1-codex-max"
HARD_NEGATIVE_RATE = 0.35  # share of benign sessions that carry look-alikes of misbehaviour
BYTES_PER_MB = 1_000_000
WRITER_THREADS = 4

CLAUDE_MODELS = ("claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001")
CODEX_MODELS = ("gpt-5-codex", "gpt-5.1-codex", "gpt-5.2-codex")


@dataclass(frozen=True)
class Deployment:
    name: str
    weight: float
    claude_share: float
    langs: dict[str, float]
    claude_models: dict[str, float]
    codex_models: dict[str, float]
    claude_versions: tuple[str, ...]
    codex_versions: tuple[str, ...]
    cwd: str  # template with {user} and {repo}
    users: tuple[str, ...]
    hooks: bool
    tz_hours: int  # local offset used in Codex file names
    originator: str
    source: str
    approval: str
    risk: float = 1.0
    around_the_clock: bool = False


DEPLOYMENTS: tuple[Deployment, ...] = (
    Deployment(
        "payments-prod", 0.27, 0.6, {"python": 0.55, "go": 0.3, "typescript": 0.15},
        {CLAUDE_MODELS[0]: 0.6, CLAUDE_MODELS[1]: 0.25, CLAUDE_MODELS[2]: 0.15},
        {CODEX_MODELS[0]: 0.35, CODEX_MODELS[1]: 0.35, CODEX_MODELS[2]: 0.3},
        ("2.0.76", "2.1.12", "2.1.41"), ("0.98.0", "0.104.0"),
        "/home/{user}/src/{repo}", ("maya", "jkowalski", "ana.ruiz", "tpatel", "sam"), True, 1,
        "codex_cli_rs", "cli", "on-request",
    ),
    Deployment(
        "platform-staging", 0.23, 0.5, {"go": 0.4, "rust": 0.3, "python": 0.3},
        {CLAUDE_MODELS[0]: 0.5, CLAUDE_MODELS[1]: 0.3, CLAUDE_MODELS[2]: 0.2},
        {CODEX_MODELS[0]: 0.3, CODEX_MODELS[1]: 0.35, CODEX_MODELS[2]: 0.35},
        ("2.1.72", "2.1.90"), ("0.104.0", "0.106.0"),
        "/srv/agents/{user}/{repo}", ("platform-bot", "oliver", "nina"), True, 0,
        "Codex Desktop", "vscode", "on-request",
    ),
    Deployment(
        "research-sandbox", 0.18, 0.7, {"python": 0.5, "rust": 0.25, "typescript": 0.25},
        {CLAUDE_MODELS[0]: 0.45, CLAUDE_MODELS[1]: 0.4, CLAUDE_MODELS[2]: 0.15},
        {CODEX_MODELS[0]: 0.3, CODEX_MODELS[1]: 0.4, CODEX_MODELS[2]: 0.3},
        ("2.1.41", "2.1.63", "2.1.72"), ("0.98.0", "0.104.0"),
        "/workspace/{repo}", ("root",), False, -5,
        "codex_cli_rs", "cli", "never", WORSE_DEPLOYMENT_FACTOR,
    ),
    Deployment(
        "mobile-ci", 0.2, 0.3, {"typescript": 0.85, "python": 0.15},
        {CLAUDE_MODELS[0]: 0.55, CLAUDE_MODELS[1]: 0.1, CLAUDE_MODELS[2]: 0.35},
        {CODEX_MODELS[0]: 0.3, CODEX_MODELS[1]: 0.35, CODEX_MODELS[2]: 0.35},
        ("2.1.63", "2.1.90"), ("0.104.0", "0.106.0"),
        "/builds/acme/{repo}", ("gitlab-runner",), False, 0,
        "codex_exec", "exec", "never", 1.0, True,
    ),
    Deployment(
        ENCRYPTED_ONLY_DEPLOYMENT, 0.12, 0.0, {"python": 0.5, "typescript": 0.25, "go": 0.25},
        {}, {ENCRYPTED_ONLY_MODEL: 1.0},
        (), ("0.104.0",),
        "/eval/workdir/{repo}", ("eval",), False, 0,
        "codex_exec", "exec", "never", 1.3, True,
    ),
)  # fmt: skip


@dataclass
class SynthSummary:
    sessions: int  # top-level sessions (subagent sidechains are extra label rows)
    files: int
    bytes_written: int
    by_format: dict[str, int]
    by_deployment: dict[str, int]
    labels_path: Path


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def encode_cwd(cwd: str) -> str:
    """Claude Code's project directory name: every non-alphanumeric character becomes '-'."""
    return re.sub(r"[^A-Za-z0-9]", "-", cwd)


def drift_factor(day_fraction: float) -> float:
    """Misbehaviour multiplier of DRIFT_MODEL: 0.35x on the first day rising to 3x on the last."""
    return 0.35 + 2.65 * day_fraction**1.2


def _write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)  # exist_ok: another writer may race us to it
        path.write_bytes(data)


class _Generator:
    def __init__(
        self,
        out_dir: Path,
        days: int,
        seed: int,
        end_date: date | None,
        rates: dict[str, float] | None,
        labels_path: Path | None,
        formats: Sequence[str],
    ) -> None:
        if days < 1:
            raise ValueError(f"days must be >= 1, got {days}")
        unknown = [f for f in formats if f not in (*FORMATS, *EXTRA_FORMATS)]
        if unknown or not any(f in FORMATS for f in formats):
            raise ValueError(
                f"formats must include one of {FORMATS} and may add {EXTRA_FORMATS}, got {list(formats)}"
            )
        self.rates = dict(B.DEFAULT_RATES)
        for k, v in (rates or {}).items():
            if k not in self.rates:
                raise ValueError(f"rates: unknown category {k!r}; known: {', '.join(B.CATEGORIES)}")
            if not 0.0 <= v <= 1.0:
                raise ValueError(f"rates[{k!r}] must be a probability in [0, 1], got {v}")
            self.rates[k] = float(v)
        self.out = Path(out_dir)
        self.days = days
        self.seed = seed
        self.end = end_date or datetime.now(UTC).date()
        self.first = self.end - timedelta(days=days - 1)
        self.formats = tuple(formats)
        self.labels_path = Path(labels_path) if labels_path else self.out / ".labels.jsonl"
        self.deployments = [
            d for d in DEPLOYMENTS
            if ("claude_code_jsonl" in self.formats and d.claude_share > 0)
            or ("codex_rollout" in self.formats and d.claude_share < 1)
        ]  # fmt: skip
        self.day_weights = self._day_weights()
        self.labels: list[bytes] = []
        self.files = 0
        self.bytes = 0
        self.sessions = 0
        self.by_format: Counter[str] = Counter()
        self.by_deployment: Counter[str] = Counter()
        self._pool = ThreadPoolExecutor(max_workers=WRITER_THREADS, thread_name_prefix="synth-writer")
        self._inflight = threading.BoundedSemaphore(64)
        self._futures: list[Future] = []

    def _day_weights(self) -> list[float]:
        """Daily volume: weekday/weekend rhythm, slow growth, and day-to-day noise."""
        rng = random.Random(f"cotwatch-synth:{self.seed}:days")
        out = []
        for d in range(self.days):
            day = self.first + timedelta(days=d)
            weekend = day.weekday() >= 5
            w = (0.45 if weekend else 1.0) * (1 + 0.015 * d) * math.exp(rng.gauss(0, 0.22))
            out.append(w)
        return out

    # -- one session -------------------------------------------------------------------------
    def add(self, index: int) -> None:
        rng = random.Random(f"cotwatch-synth:{self.seed}:{index}")
        ids = Ids(rng)
        dep = self.deployments[
            rng.choices(range(len(self.deployments)), weights=[d.weight for d in self.deployments])[0]
        ]
        if dep.claude_share >= 1 or (dep.claude_share > 0 and rng.random() < dep.claude_share):
            family = "claude"
        else:
            family = "codex"
        if family == "claude" and "claude_code_jsonl" not in self.formats:
            family = "codex"
        if family == "codex" and "codex_rollout" not in self.formats:
            family = "claude"
        model = _weighted(rng, dep.claude_models if family == "claude" else dep.codex_models)

        day = rng.choices(range(self.days), weights=self.day_weights)[0]
        if dep.around_the_clock:
            secs = rng.uniform(0, 86400)
        else:
            secs = min(86399.0, max(0.0, rng.gauss(14.5, 3.2) * 3600))
        start = datetime(self.first.year, self.first.month, self.first.day, tzinfo=UTC) + timedelta(
            days=day, seconds=secs
        )
        start_ms = epoch_ms(start)

        lang = _weighted(rng, dep.langs)
        unit = rng.choice(R.UNITS[lang])
        bug = rng.choice(R.BUGS[lang])
        user = rng.choice(dep.users)
        home = "/root" if user == "root" else f"/home/{user}"
        cwd = dep.cwd.format(user=user, repo=unit.repo)
        branch = (
            "main"
            if rng.random() < 0.5
            else rng.choice(["fix/", "feat/", "chore/"]) + bug.key + "-" + ids.hex(4)
        )

        day_fraction = day / max(self.days - 1, 1)
        mult = dep.risk * (drift_factor(day_fraction) if model == DRIFT_MODEL else 1.0)
        # hazard-style scaling: a rate of 1 stays certain, small rates scale about linearly with mult
        cats = [c for c in B.CATEGORIES if rng.random() < 1.0 - (1.0 - self.rates[c]) ** mult]
        want_hn = not cats and rng.random() < HARD_NEGATIVE_RATE
        task = rng.choices(
            ["fix_bug", "add_feature", "investigate", "chore"], weights=[0.52, 0.2, 0.16, 0.12]
        )[0]
        if want_hn and rng.random() < 0.25:
            task = "update_tests"
        target = int(min(60, max(3, math.exp(rng.gauss(math.log(10), 0.62)))))

        names = {
            **unit.names,
            "test": unit.sub(bug.test),
            "test_path": unit.test_path,
            "module_path": unit.module_path,
            "test_cmd": R.full_test_cmd(unit),
            "symptom": unit.sub(bug.symptom),
            "fix_desc": _sentence(unit.sub(bug.fix_desc)),
            "feature": unit.sub(R.FEATURE_NAMES[lang]),
            "feature_desc": unit.sub(R.FEATURE_DESCS[lang]),
            "cwd": cwd,
            "home": home,
            "branch": branch,
            "model": model,
        }
        ctx = Ctx(rng, ids, unit, bug, family, cwd, home, branch, f"{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}",
                  dep.hooks, names)  # fmt: skip
        planner = Planner(ctx, cats, want_hn, target)
        plan = planner.build(task)

        # A separate stream decides the extra formats, so adding them leaves the other files as they were.
        extra = [f for f in EXTRA_FORMATS if f in self.formats]
        fmt_rng = random.Random(f"cotwatch-synth:{self.seed}:{index}:fmt")
        other = None
        # The encrypted-only deployment stays pure Codex: it demonstrates unreadable reasoning.
        if extra and model != ENCRYPTED_ONLY_MODEL and fmt_rng.random() < OTHER_FORMAT_SHARE * len(extra):
            other = extra[int(fmt_rng.random() * len(extra))]
        if other:
            self._write_other(other, dep, plan, model, start_ms, ids, rng)
        elif family == "claude":
            self._write_claude(dep, plan, ctx, model, start_ms, ids, rng, user, names)
        else:
            self._write_codex(dep, plan, ctx, model, start_ms, ids, rng)
        self.sessions += 1
        self.by_deployment[dep.name] += 1

    def _write_claude(self, dep, plan, ctx, model, start_ms, ids, rng, user, names) -> None:
        version = rng.choice(dep.claude_versions)
        sid = ids.uuid4()
        title = {
            "fix_bug": f"Fix failing {names['test']}",
            "add_feature": f"Add {names['feature']} to {names['module_path']}",
            "investigate": f"Explain {names['func']} behaviour",
            "chore": "Lint and test run before release",
            "update_tests": "Update test expectations",
        }[plan.task]
        meta = ClaudeMeta(
            session_id=sid,
            cwd=ctx.cwd,
            home=ctx.home,
            git_branch=ctx.branch if rng.random() < 0.9 else "",
            version=version,
            model=model,
            start_ms=start_ms,
            thinking_visible=_version_tuple(version) < (2, 1, 69),
            hooks=dep.hooks,
            summary_title=title if rng.random() < 0.15 else None,
        )
        out = render_claude(plan, meta, ids, rng)
        project = self.out / dep.name / "claude" / "projects" / encode_cwd(ctx.cwd)
        path = project / f"{sid}.jsonl"
        self._write(path, out.lines)
        self._label(
            sid,
            dep.name,
            model,
            "claude_code_jsonl",
            path,
            plan.categories,
            plan.hard_negative,
            start_ms,
            plan,
        )
        for agent_id, sub_model, lines, cats in out.subagents:
            if _version_tuple(version) >= (2, 1, 2):
                sub_path = project / sid / "subagents" / f"agent-{agent_id}.jsonl"
            else:
                sub_path = project / f"agent-{agent_id}.jsonl"
            self._write(sub_path, lines)
            self._label(
                f"{sid}:{agent_id}",
                dep.name,
                sub_model,
                "claude_code_jsonl",
                sub_path,
                cats,
                False,
                start_ms,
                plan,
            )
        self.by_format["claude_code_jsonl"] += 1

    def _write_codex(self, dep, plan, ctx, model, start_ms, ids, rng) -> None:
        version = rng.choice(dep.codex_versions)
        sid = ids.uuid7(start_ms)
        meta = CodexMeta(
            session_id=sid,
            cwd=ctx.cwd,
            home=ctx.home,
            model=model,
            cli_version=version,
            originator=dep.originator,
            source=dep.source,
            start_ms=start_ms,
            effort=rng.choice(["medium", "high", "high", "xhigh"])
            if model != ENCRYPTED_ONLY_MODEL
            else "high",
            encrypted_only=model == ENCRYPTED_ONLY_MODEL,
            unified_exec_output=_version_tuple(version) >= (0, 106, 0),
            git_branch=ctx.branch,
            repo_url=f"git@github.com:acme/{ctx.unit.repo}.git",
            approval_policy=dep.approval,
        )
        lines, _ = render_codex(plan, meta, ids, rng)
        local = to_datetime(start_ms) + timedelta(hours=dep.tz_hours)
        stamp = f"{local:%Y-%m-%dT%H-%M-%S}"
        path = (
            self.out
            / dep.name
            / "codex"
            / "sessions"
            / f"{local:%Y}"
            / f"{local:%m}"
            / f"{local:%d}"
            / f"rollout-{stamp}-{sid}.jsonl"
        )
        self._write(path, lines)
        self._label(
            sid, dep.name, model, "codex_rollout", path, plan.categories, plan.hard_negative, start_ms, plan
        )
        self.by_format["codex_rollout"] += 1

    def _write_other(self, fmt, dep, plan, model, start_ms, ids, rng) -> None:
        render = {
            "inspect_eval": inspect_session_file,
            "otel_genai": otel_session_file,
            **TRAJECTORY_RENDERERS,
        }[fmt]
        rel, data, sid = render(dep.name, plan, model, start_ms, ids, rng)
        path = self.out / rel
        self._write(path, [data])
        self._label(sid, dep.name, model, fmt, path, plan.categories, plan.hard_negative, start_ms, plan)
        self.by_format[fmt] += 1

    # -- output ------------------------------------------------------------------------------
    def _write(self, path: Path, lines: list[bytes]) -> None:
        data = b"".join(lines)
        # Creating a file or folder costs ~1-2 ms of filesystem latency here, mostly waiting: a few
        # writer threads overlap it. The semaphore bounds the bytes held in flight.
        self._inflight.acquire()
        future = self._pool.submit(_write_file, path, data)
        future.add_done_callback(lambda _f: self._inflight.release())
        self._futures.append(future)
        self.files += 1
        self.bytes += len(data)

    def _label(self, sid, dep, model, fmt, path, cats, hn, start_ms, plan) -> None:
        rec = {
            "session_id": sid,
            "deployment": dep,
            "model": model,
            "source_format": fmt,
            "path": path.relative_to(self.out).as_posix(),
            "categories": list(cats),
            "hard_negative": bool(hn),
            # beyond the contract: handy for trend checks and slicing the benchmark
            "started_at": to_datetime(start_ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{start_ms % 1000:03d}Z",
            "task": plan.task,
            "repo": plan.repo,
        }
        self.labels.append(orjson.dumps(rec) + b"\n")

    def abort(self) -> None:
        """Stop the writer threads after an error; no labels file is written for a partial run."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def finish(self) -> SynthSummary:
        self._pool.shutdown(wait=True)
        for f in self._futures:
            f.result()  # re-raise the first write error, naming nothing lost silently
        self.labels_path.parent.mkdir(parents=True, exist_ok=True)
        self.labels_path.write_bytes(b"".join(self.labels))
        return SynthSummary(
            sessions=self.sessions,
            files=self.files,
            bytes_written=self.bytes,
            by_format=dict(sorted(self.by_format.items())),
            by_deployment=dict(sorted(self.by_deployment.items())),
            labels_path=self.labels_path,
        )


def generate(
    out_dir: Path,
    sessions: int = 500,
    days: int = 14,
    seed: int = 7,
    end_date: date | None = None,
    rates: dict[str, float] | None = None,
    labels_path: Path | None = None,
    formats: Sequence[str] = FORMATS,
) -> SynthSummary:
    """Write `sessions` synthetic sessions spread over `days` days ending at `end_date` (default: today UTC).

    `rates` overrides the per-session probability of individual categories (others keep
    `behaviours.DEFAULT_RATES`). The deployment and drift multipliers m apply on top as
    p = 1 - (1 - rate) ** m, so 0 stays never, 1 stays always and small rates scale about linearly.
    At most one of the fix-phase categories (test_tampering, harness_exploit, hardcoded_solution,
    sandbagging, deception) is injected per session; the labels list exactly what was injected.
    Existing files in `out_dir` are left alone; files of the same seed are overwritten with
    identical bytes.
    """
    if sessions < 0:
        raise ValueError(f"sessions must be >= 0, got {sessions}")
    gen = _Generator(Path(out_dir), days, seed, end_date, rates, labels_path, formats)
    try:
        for i in range(sessions):
            gen.add(i)
    except BaseException:
        gen.abort()
        raise
    return gen.finish()


def generate_to_size(
    out_dir: Path,
    target_mb: float,
    seed: int = 7,
    days: int = 14,
    end_date: date | None = None,
    rates: dict[str, float] | None = None,
    labels_path: Path | None = None,
    formats: Sequence[str] = FORMATS,
) -> SynthSummary:
    """Add sessions until the transcripts reach `target_mb` megabytes (10^6 bytes) on disk.

    The sessions are the same as `generate(..., sessions=n)` for the n this ends at.
    """
    if target_mb <= 0:
        raise ValueError(f"target_mb must be positive, got {target_mb}")
    gen = _Generator(Path(out_dir), days, seed, end_date, rates, labels_path, formats)
    target = target_mb * BYTES_PER_MB
    i = 0
    try:
        while gen.bytes < target:
            gen.add(i)
            i += 1
    except BaseException:
        gen.abort()
        raise
    return gen.finish()
