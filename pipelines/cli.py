"""The `cotwatch` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TypeVar

from pipelines.config import Settings

T = TypeVar("T")

DATA_DIR_HELP = (
    "data dir: warehouse, serving snapshots, reviews, Dagster instance ($COTWATCH_DATA_DIR, else data)"
)
LANDING_HELP = "landing root: one folder per deployment ($COTWATCH_LANDING, else data/landing)"
DEMO_SESSIONS, DEMO_DAYS, SEED = 3000, 28, 7


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help ends with its default; an unset default is described in the help itself."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or action.required:
            return action.help
        return super()._get_help_string(action)


def _add_dirs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--landing", default=None, help=LANDING_HELP)
    parser.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"


def cmd_synth(args: argparse.Namespace) -> int:
    from pipelines.synth.generator import generate

    out = Path(args.out)
    summary = generate(
        out,
        sessions=args.sessions,
        days=args.days,
        seed=args.seed,
        labels_path=Path(args.labels) if args.labels else None,
        formats=tuple(f.strip() for f in args.formats.split(",") if f.strip()),
    )
    print(
        f"synth: wrote {summary.sessions} sessions in {summary.files} files "
        f"({summary.bytes_written / 1e6:.1f} MB) under {out}"
    )
    for name, n in sorted(summary.by_deployment.items()):
        print(f"  {name:<24} {n:>7} sessions")
    print(f"labels: {summary.labels_path}")
    return 0


def _print_summary(settings: Settings) -> None:
    from assets.runner import warehouse_summary

    summary = warehouse_summary(settings)
    if not summary:
        print("nothing in the warehouse yet")
        return
    print(f"warehouse: {settings.warehouse_path}")
    files = summary.get("files", {})
    print("  files        " + (", ".join(f"{n:,} {status}" for status, n in files.items()) or "none"))
    print(
        f"  records      {summary['records']:,} read: {summary['landed']:,} landed as events, "
        f"{summary['quarantined']:,} quarantined, {summary['skipped']:,} skipped (no conversation content)"
    )
    for reason, n in _skip_reasons(settings)[:SKIP_REASONS_SHOWN]:
        print(f"    {n:>10,} skipped: {reason}")
    print(f"  sessions     {summary['sessions']:,} across {_n(summary['deployments'], 'deployment')}")
    print(f"  events       {summary['events']:,}")
    print(f"  redactions   {summary['redactions']:,} secrets replaced by placeholders")
    if "signals" in summary:
        sig = summary["signals"]
        print(
            f"  signals      {sum(sig.values()):,} (" + ", ".join(f"{n:,} {s}" for s, n in sig.items()) + ")"
        )
    if "incidents" in summary:
        print(
            f"  incidents    {summary['incidents']:,} in {_n(summary['flagged_sessions'], 'flagged session')}"
        )


SKIP_REASONS_SHOWN = 8


def _skip_reasons(settings: Settings) -> list[tuple[str, int]]:
    """Skipped records per reason (raw.files.skip_reasons), most frequent first."""
    from pipelines.warehouse.connections import open_warehouse

    with open_warehouse(settings, read_only=True) as conn:
        return conn.execute(
            "select r.key, sum(r.value::bigint)::bigint from raw.files f, json_each(f.skip_reasons) r "
            "where f.status <> 'superseded' group by 1 order by 2 desc, 1"
        ).fetchall()


def _landing_problem(landing: Path) -> str | None:
    """Why `landing` cannot be landed from, or None."""
    if not landing.exists():
        return f"landing folder not found: {landing} (create it, or pass --landing / set $COTWATCH_LANDING)"
    if not landing.is_dir():
        return f"landing path is not a folder: {landing}"
    return None


def _has_files(landing: Path) -> bool:
    return any(p.is_file() and not p.name.startswith(".") for p in landing.rglob("*"))


def cmd_run(args: argparse.Namespace) -> int:
    settings = Settings.resolve(args.data_dir, args.landing)
    problem = _landing_problem(settings.landing_dir)
    if settings.data_dir.exists() and not settings.data_dir.is_dir():
        problem = f"data dir is not a folder: {settings.data_dir}"
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    # Only what the no-op check needs is imported here: Dagster, dbt and Great Expectations load in
    # run_pipeline, once the check found something to do (pipelines/warehouse/freshness.py).
    from pipelines.warehouse import freshness
    from pipelines.warehouse.lock import WarehouseLocked, run_lock

    print(f"run: landing {settings.landing_dir} -> {settings.warehouse_path}")
    lake = getattr(args, "lake", None) or os.environ.get("COTWATCH_LAKE", "")
    engine = getattr(args, "engine", "duckdb")
    if engine == "spark" and not lake:
        print(
            "error: --engine spark builds over the lake: pass --lake URL or set COTWATCH_LAKE",
            file=sys.stderr,
        )
        return 2
    if lake:
        print(f"run: lake {lake}" + (" (models on Spark)" if engine == "spark" else ""))
    try:
        # The lock spans the check and the run: nothing can land between the two.
        with run_lock(settings.data_dir, command="cotwatch run") as stale:
            observed = freshness.observe(settings)
            if args.full_refresh:
                reason = "--full-refresh rebuilds everything"
            elif args.force:
                reason = "--force runs every step"
            elif (
                lake
            ):  # the lake's own state is not in the check: its sync converges, writing what is missing
                reason = "--lake syncs the lake"
            else:
                reason = freshness.what_is_new(settings, observed)
                if reason is not None and freshness.settle_touched(settings, observed):
                    print(f"run: {_n(observed.touched, 'landing file')} with a new modification time "
                          "hold the contents already landed: their times recorded")  # fmt: skip
                    reason = None
            if reason is None:
                if stale is not None:
                    print(f"warning: took over the lock of a run that died ({stale.describe()})")
                print(
                    f"run: nothing new: {_n(observed.files_seen, 'landing file')} unchanged, no pending scan, "
                    f"dbt project and rule pack unchanged; {observed.snapshot} is current "
                    f"(checked in {observed.seconds:.1f}s; --force runs every step)"
                )
                return 0
            print(f"run: {reason}")
            if not _has_files(settings.landing_dir):
                print(f"run: the landing folder {settings.landing_dir} is empty: no transcripts to land "
                      "(reviews are still landed and the marts rebuilt)")  # fmt: skip
            from assets.runner import run_pipeline

            outcome = run_pipeline(settings, full_refresh=args.full_refresh, lake=lake, engine=engine)
            if outcome.success:
                freshness.record_success(settings, observed)
            else:
                freshness.forget(settings)
    except WarehouseLocked as exc:  # another run (CLI, Dagster UI, watch) is writing: refuse, change nothing
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except OSError as exc:  # the data dir cannot hold the run lock (not a folder, not writable)
        print(f"error: data dir {settings.data_dir}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    _print_summary(settings)
    for warning in outcome.warnings:
        print(f"  warning: check failed (warn): {warning}")
    not_landed = _files_not_landed(settings)
    for path, status, reason in not_landed:
        print(f"  {status}: {path}: {reason or 'no reason recorded'}")
    if not outcome.success:
        for step in outcome.failed_steps:
            print(f"error: step failed: {step}", file=sys.stderr)
            if step.startswith("dbt_models") and not args.full_refresh:
                print(
                    "hint: incremental models refuse a changed schema; after an upgrade that changed the "
                    "dbt models, run `cotwatch run --full-refresh` once",
                    file=sys.stderr,
                )
        for check in outcome.failed_checks:
            print(f"error: blocking check failed: {check}", file=sys.stderr)
        return 1
    failed = [(path, reason) for path, status, reason in not_landed if status == "failed"]
    if failed:
        for path, reason in failed:
            print(f"error: {path}: {reason}", file=sys.stderr)
        return 1
    unsupported = len(not_landed) - len(failed)
    print(
        "run: ok"
        + (f" ({_n(unsupported, 'unsupported file')} not landed, listed above)" if unsupported else "")
    )
    return 0


def _files_not_landed(settings: Settings) -> list[tuple[str, str, str | None]]:
    """(path, status, reason) of the current files that landed nothing: unsupported or failed."""
    from pipelines.warehouse.connections import open_warehouse

    if not settings.warehouse_path.exists():
        return []
    with open_warehouse(settings, read_only=True) as conn:
        return conn.execute(
            "select path, status, status_reason from raw.files where status in ('failed', 'unsupported') "
            "order by status, path"
        ).fetchall()


WATCH_INTERVAL_S = 10.0


def cmd_watch(args: argparse.Namespace) -> int:
    """Poll the landing folder; when anything is new, run the pipeline (land, build, check, publish).

    Each poll takes the run lock (the one `cotwatch run` and Dagster runs take) only for its check and
    its run, so a manual run or a Dagster UI run can go between polls; a poll that finds the lock
    taken waits for the next. Dagster, dbt and GX load on the first run and stay loaded. SIGINT or
    SIGTERM stops the watch between polls, or after the run in progress (a second one stops at once).
    """
    import signal
    import threading
    import time

    settings = Settings.resolve(args.data_dir, args.landing)
    problem = _landing_problem(settings.landing_dir)
    if settings.data_dir.exists() and not settings.data_dir.is_dir():
        problem = f"data dir is not a folder: {settings.data_dir}"
    if args.interval <= 0:
        problem = f"--interval must be a positive number of seconds, got {args.interval}"
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from pipelines.warehouse import freshness
    from pipelines.warehouse.lock import WarehouseLocked, run_lock

    stop = threading.Event()
    running = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        if stop.is_set():  # asked twice: stop now, even in the middle of a run
            raise KeyboardInterrupt
        stop.set()
        if running.is_set():
            # to the process's own stdout: the run in progress may have sys.stdout redirected
            out = sys.__stdout__ or sys.stdout
            print(
                "watch: stopping after the run in progress (signal again to stop now)", file=out, flush=True
            )

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(
        f"watch: polling {settings.landing_dir} every {args.interval:g}s -> {settings.warehouse_path} "
        "(Ctrl-C stops)",
        flush=True,
    )
    runs = failures = 0
    locked_said = False
    # What the last run left when that still counted as new (it failed, or an entry is retried on
    # every run): polls that see exactly that again wait for a change instead of rerunning forever.
    settled: tuple | None = None
    while not stop.is_set():
        try:
            with run_lock(settings.data_dir, command="cotwatch watch"):
                locked_said = False
                observed = freshness.observe(settings)
                reason = freshness.what_is_new(settings, observed)
                if reason is not None and freshness.settle_touched(settings, observed):
                    print(f"watch: {_n(observed.touched, 'landing file')} with a new modification time "
                          "hold the contents already landed: their times recorded", flush=True)  # fmt: skip
                    reason = None
                if reason is not None and observed.key() != settled:
                    print(f"watch: {reason}", flush=True)
                    started = time.perf_counter()
                    from assets.runner import run_pipeline

                    running.set()
                    try:
                        outcome = _run_off_the_main_thread(lambda: run_pipeline(settings))
                    finally:
                        running.clear()
                    runs += 1
                    if outcome.success:
                        freshness.record_success(settings, observed)
                        snapshot = freshness.read_state(settings) or {}
                        print(
                            f"watch: published {snapshot.get('snapshot')} in {time.perf_counter() - started:.1f}s",
                            flush=True,
                        )
                    else:
                        failures += 1
                        freshness.forget(settings)
                        failed = [*outcome.failed_steps, *outcome.failed_checks]
                        print(f"watch: run failed ({', '.join(failed) or 'see the Dagster run log'}); "
                              "trying again when something changes", file=sys.stderr, flush=True)  # fmt: skip
                    settled = freshness.settled_key(settings, observed, freshness.observe(settings))
        except WarehouseLocked as exc:  # another run is writing: wait for the next poll
            if not locked_said:
                print(f"watch: waiting: {exc}", flush=True)
                locked_said = True
        except OSError as exc:  # landing root gone, data dir not writable: say so, keep polling
            print(f"watch: error: {exc}", file=sys.stderr, flush=True)
        except KeyboardInterrupt:  # a second signal during a run: the run's own steps are atomic
            print(f"watch: stopped in the middle of a run after {_n(runs, 'run')}", flush=True)
            return 130
        stop.wait(args.interval)
    print(f"watch: stopped after {_n(runs, 'run')} ({failures} failed)", flush=True)
    return 0


def _run_off_the_main_thread(work: Callable[[], T]) -> T:
    """`work()` in a worker thread, the main thread waiting in short joins. Dagster's in-process
    execution takes SIGINT and SIGTERM over while it runs on the main thread (SIGTERM becomes an
    interrupt that fails the step in progress) and leaves them alone on any other thread, so the
    watch's own handler still hears the signal: it stops after the run, as promised. A daemon
    thread: a second signal ends the process without waiting for it."""
    import threading

    result: dict[str, object] = {}

    def target() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # re-raised on the main thread
            result["error"] = exc

    worker = threading.Thread(target=target, name="cotwatch-run", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)  # short waits: signal handlers run between them
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]


def cmd_demo(args: argparse.Namespace) -> int:
    settings = Settings.resolve(args.data_dir, args.landing)
    landing = settings.landing_dir
    if landing.exists() and not landing.is_dir():
        print(f"error: landing path is not a folder: {landing}", file=sys.stderr)
        return 2
    if not landing.exists() or not _has_files(landing):
        print(f"demo: {landing} is empty, creating demo transcripts")
        rc = cmd_synth(
            argparse.Namespace(
                out=str(landing),
                sessions=args.sessions,
                days=args.days,
                seed=args.seed,
                labels=None,
                formats="claude_code_jsonl,codex_rollout,inspect_eval,otel_genai",
            )
        )
        if rc:
            return rc
    rc = cmd_run(
        argparse.Namespace(
            data_dir=str(settings.data_dir), landing=str(landing), full_refresh=False, force=False
        )
    )
    if rc:
        return rc
    if args.no_dashboard:
        return 0
    from app.serve import serve_dashboard

    return serve_dashboard(settings, port=args.port)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from app.serve import serve_dashboard
    from pipelines.warehouse.serving import current_snapshot

    settings = Settings.resolve(args.data_dir, None)
    if current_snapshot(settings) is None:
        print(f"dashboard: no snapshot in {settings.serving_dir} yet; the page says how to start a run")
    return serve_dashboard(settings, port=args.port)


def cmd_eval_monitor(args: argparse.Namespace) -> int:
    from pipelines.monitor.evaluate import (
        LabelError,
        WarehouseNotReady,
        evaluate,
        format_report,
        record_evaluation,
    )
    from pipelines.warehouse.connections import open_warehouse

    labels = [Path(p) for p in args.labels]
    data_dirs = args.data_dir or [None]
    if len(data_dirs) not in (1, len(labels)):
        print(
            f"error: {len(labels)} --labels but {len(data_dirs)} --data-dir: give one data dir holding every "
            "labelled session, or one per labels file, in the same order",
            file=sys.stderr,
        )
        return 2
    for path in labels:
        if not path.is_file():
            print(f"error: labels file not found: {path}", file=sys.stderr)
            return 2
    # one warehouse per distinct data dir, opened once even when several labels files share it
    settings_list = [Settings.resolve(d, None) for d in data_dirs]
    distinct = list(dict.fromkeys(s.warehouse_path for s in settings_list))
    for path in distinct:
        if not path.exists():
            print(f"error: no warehouse at {path}; run `cotwatch run` first", file=sys.stderr)
            return 2
    try:
        with ExitStack() as stack:
            conn_of = {}
            for s in settings_list:
                if s.warehouse_path not in conn_of:
                    conn_of[s.warehouse_path] = stack.enter_context(
                        open_warehouse(s, read_only=args.no_record)
                    )
            conns = [conn_of[s.warehouse_path] for s in settings_list]
            report = evaluate(conns if len(conns) > 1 else conns[0], labels)
            if not args.no_record:
                # every warehouse read keeps the whole evaluation in its history (the cross-author line
                # needs both sets)
                for conn in conn_of.values():
                    record_evaluation(conn, report)
    except (LabelError, WarehouseNotReady) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    if not args.no_record:
        where = ", ".join(str(p) for p in distinct)
        print(f"\nrecorded as monitor.evaluations {report.evaluation_id} in {where}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from pipelines.dbt_docs import generate_docs

    settings = Settings.resolve(args.data_dir, None)
    if not settings.warehouse_path.exists():
        print(f"error: no warehouse at {settings.warehouse_path}; run `cotwatch run` first", file=sys.stderr)
        return 2
    page = generate_docs(settings)
    print(f"docs: dbt docs site written; open {page}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipelines.export import ExportError, export_reviewed

    settings = Settings.resolve(args.data_dir, None)
    try:
        manifest = export_reviewed(settings, Path(args.out), fmt=args.format, since=args.since)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts = manifest["counts"]
    print(
        f"export: {_n(counts['incidents'], 'reviewed incident')} in {_n(counts['sessions'], 'session')} "
        f"({counts['events']:,} events, {counts['signals']:,} signals, {counts['reviews']:,} verdicts) "
        f"as {args.format} under {args.out}; manifest: {Path(args.out) / 'manifest.json'}"
    )
    if not counts["incidents"]:
        print("export: no reviewed incident yet: review incidents in the dashboard, then `cotwatch run` "
              "lands the verdicts")  # fmt: skip
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cotwatch", description="CoT Watch: watch coding agents think.", formatter_class=_Help
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, formatter_class=_Help)

    p = command("synth", "generate realistic demo transcripts (Claude Code and Codex files)")
    p.add_argument("--out", required=True, help="folder to write <deployment>/... transcript files into")
    p.add_argument("--sessions", type=int, default=500, help="number of top-level sessions to write")
    p.add_argument("--days", type=int, default=14, help="days the sessions spread over, ending today")
    p.add_argument("--seed", type=int, default=SEED, help="random seed: the same seed writes the same files")
    p.add_argument("--labels", default=None,
                   help="where to write the labels file (ground truth per session); unset: <out>/.labels.jsonl")  # fmt: skip
    p.add_argument(
        "--formats",
        default="claude_code_jsonl,codex_rollout",
        help="comma-separated formats; add inspect_eval, otel_genai, swe_agent_traj, mini_swe_agent_traj, "
        "gemini_cli_chat and/or atif for a share of Inspect AI logs, OpenTelemetry GenAI traces, SWE-agent, "
        "mini-SWE-agent (gzip), Gemini CLI and ATIF trajectories (default: claude_code_jsonl,codex_rollout)",
    )
    p.set_defaults(func=cmd_synth)

    p = command("run", "materialize every asset through Dagster: land, monitor, build, check, publish")
    _add_dirs(p)
    p.add_argument("--full-refresh", action="store_true", default=False,
                   help="rebuild incremental models from scratch (once after an upgrade that changed them)")  # fmt: skip
    p.add_argument("--force", action="store_true", default=False,
                   help="run every step even when nothing is new (by default a run whose landing files, "
                        "reviews, dbt project and rule pack are unchanged since the last successful run "
                        "stops after that check)")  # fmt: skip
    p.add_argument(
        "--lake",
        default=None,
        help="also write the raw tables and rule hits as partitioned Parquet to this folder or "
        "s3://bucket/prefix (default: $COTWATCH_LAKE, else no lake; docs/scaling.md)",
    )
    p.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="where the dbt models are built: duckdb (the warehouse file) or spark (over the lake, "
        "master $COTWATCH_SPARK_MASTER or local[*]; needs --lake)",
    )
    p.set_defaults(func=cmd_run)

    p = command(
        "watch", "poll the landing folder and run the pipeline whenever something is new (Ctrl-C stops)"
    )
    _add_dirs(p)
    p.add_argument("--interval", type=float, default=WATCH_INTERVAL_S,
                   help="seconds between two looks at the landing folder (a look with nothing new costs "
                        "well under a second)")  # fmt: skip
    p.set_defaults(func=cmd_watch)

    p = command("demo", "synthesize demo data if the landing folder is empty, run, start the dashboard")
    _add_dirs(p)
    p.add_argument("--sessions", type=int, default=DEMO_SESSIONS,
                   help="sessions to synthesize when the landing folder is empty (enough for the injected "
                        "drift of one model to test as significant)")  # fmt: skip
    p.add_argument(
        "--days", type=int, default=DEMO_DAYS, help="days the demo sessions spread over, ending today"
    )
    p.add_argument("--seed", type=int, default=SEED, help="random seed of the demo transcripts")
    p.add_argument("--port", type=int, default=8501, help="dashboard port on 127.0.0.1")
    p.add_argument("--no-dashboard", action="store_true", default=False, help="stop after the run")
    p.set_defaults(func=cmd_demo)

    p = command("dashboard", "start the dashboard on the latest published snapshot")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.add_argument("--port", type=int, default=8501, help="dashboard port on 127.0.0.1")
    p.set_defaults(func=cmd_dashboard)

    p = command("docs", "generate the dbt docs site of the warehouse and say where it is")
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.set_defaults(func=cmd_docs)

    p = command("eval-monitor", "precision/recall of the monitor against label files")
    p.add_argument(
        "--labels",
        action="append",
        required=True,
        help="a labels JSONL file (one labelled session a line); repeat for several (figures per file side by side)",
    )
    p.add_argument(
        "--data-dir",
        action="append",
        default=None,
        help=DATA_DIR_HELP + "; repeat once per --labels, in the same order, when each set has its own",
    )
    p.add_argument(
        "--no-record",
        action="store_true",
        help="do not land the evaluation in monitor.evaluations (default: record it)",
    )
    p.set_defaults(func=cmd_eval_monitor)

    p = command("export", "write reviewed incidents with their redacted sessions as a labelled dataset")
    p.add_argument("--out", required=True, help="folder to write the dataset and manifest.json into")
    p.add_argument(
        "--format", choices=("parquet", "jsonl"), default="parquet", help="file format of the tables"
    )
    p.add_argument("--since", type=_date, default=None,
                   help="only incidents of sessions on or after this day (YYYY-MM-DD); unset: all")  # fmt: skip
    p.add_argument("--data-dir", default=None, help=DATA_DIR_HELP)
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


def console() -> None:
    """The `cotwatch` command: `main`, and after `cotwatch run` an end without the interpreter's
    teardown, which frees every module Dagster, dbt, Great Expectations and pandas loaded one by one
    (1.3 s, measured) and has nothing left to do: the run closed its warehouse connections, its
    Dagster instance and its lock, and its output is flushed here first."""
    argv = sys.argv[1:]
    code = main(argv)
    if argv[:1] == ["run"]:
        import logging

        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    sys.exit(main())
