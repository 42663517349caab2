"""The `cotwatch` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.config import Settings


def _add_dirs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--landing", help="landing root (default: $COTWATCH_LANDING or data/landing)")
    parser.add_argument("--data-dir", help="data dir for the warehouse (default: $COTWATCH_DATA_DIR or data)")


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
    print("  files        " + ", ".join(f"{n} {status}" for status, n in files.items()))
    print(
        f"  records      {summary['records']} ({summary['landed']} landed, {summary['quarantined']} quarantined, "
        f"{summary['skipped']} skipped)"
    )
    print(f"  sessions     {summary['sessions']} across {summary['deployments']} deployments")
    print(f"  events       {summary['events']}")
    print(f"  redactions   {summary['redactions']}")
    if "signals" in summary:
        sig = summary["signals"]
        print(f"  signals      {sum(sig.values())} (" + ", ".join(f"{n} {s}" for s, n in sig.items()) + ")")
    if "incidents" in summary:
        print(f"  incidents    {summary['incidents']} ({summary['flagged_sessions']} flagged sessions)")


def cmd_run(args: argparse.Namespace) -> int:
    from assets.runner import run_pipeline

    settings = Settings.resolve(args.data_dir, args.landing)
    print(f"run: landing {settings.landing_dir} -> {settings.warehouse_path}")
    outcome = run_pipeline(settings, full_refresh=args.full_refresh)
    _print_summary(settings)
    for warning in outcome.warnings:
        print(f"  warning: check failed (warn): {warning}")
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
    failed_files = _failed_files(settings)
    if failed_files:
        for path, reason in failed_files:
            print(f"error: {path}: {reason}", file=sys.stderr)
        return 1
    print("run: ok")
    return 0


def _failed_files(settings: Settings) -> list[tuple[str, str]]:
    from pipelines.warehouse.connections import open_warehouse

    if not settings.warehouse_path.exists():
        return []
    with open_warehouse(settings, read_only=True) as conn:
        return conn.execute("select path, status_reason from raw.files where status = 'failed'").fetchall()


def cmd_demo(args: argparse.Namespace) -> int:
    settings = Settings.resolve(args.data_dir, args.landing)
    landing = settings.landing_dir
    if not landing.exists() or not any(p for p in landing.rglob("*") if p.is_file() and not p.name.startswith(".")):
        print(f"demo: {landing} is empty, creating demo transcripts")
        rc = cmd_synth(
            argparse.Namespace(
                out=str(landing), sessions=args.sessions, days=args.days, seed=args.seed, labels=None,
                formats="claude_code_jsonl,codex_rollout,inspect_eval,otel_genai",
            )
        )
        if rc:
            return rc
    rc = cmd_run(argparse.Namespace(data_dir=str(settings.data_dir), landing=str(landing), full_refresh=False))
    if rc:
        return rc
    if args.no_dashboard:
        return 0
    try:
        from app.serve import serve_dashboard
    except ImportError:
        print("demo: the dashboard is not part of this build yet; the warehouse is ready for SQL:")
        print(f"  uv run python -c \"import duckdb; print(duckdb.connect('{settings.warehouse_path}', read_only=True).sql('from raw.sessions limit 5'))\"")
        return 0
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

    settings = Settings.resolve(args.data_dir, None)
    labels = [Path(p) for p in args.labels]
    for path in labels:
        if not path.is_file():
            print(f"error: labels file not found: {path}", file=sys.stderr)
            return 2
    if not settings.warehouse_path.exists():
        print(f"error: no warehouse at {settings.warehouse_path}; run `cotwatch run` first", file=sys.stderr)
        return 2
    try:
        with open_warehouse(settings, read_only=args.no_record) as conn:
            report = evaluate(conn, labels)
            if not args.no_record:
                record_evaluation(conn, report)
    except (LabelError, WarehouseNotReady) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    if not args.no_record:
        print(f"\nrecorded as monitor.evaluations {report.evaluation_id}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cotwatch", description="CoT Watch: watch coding agents think.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("synth", help="generate realistic demo transcripts (Claude Code and Codex files)")
    p.add_argument("--out", required=True, help="folder to write <deployment>/... transcript files into")
    p.add_argument("--sessions", type=int, default=500)
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--labels", help="where to write the labels file (default: <out>/.labels.jsonl)")
    p.add_argument(
        "--formats",
        default="claude_code_jsonl,codex_rollout",
        help="comma-separated formats; add inspect_eval and/or otel_genai for a share of Inspect AI "
        "logs and OpenTelemetry GenAI traces (default: claude_code_jsonl,codex_rollout)",
    )
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser("run", help="materialize every asset through Dagster: land, monitor, build, check")
    _add_dirs(p)
    p.add_argument("--full-refresh", action="store_true", help="rebuild incremental models from scratch")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("demo", help="synthesize demo data if the landing folder is empty, run, start the dashboard")
    _add_dirs(p)
    p.add_argument("--sessions", type=int, default=600)
    p.add_argument("--days", type=int, default=21)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--no-dashboard", action="store_true", help="stop after the run")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("dashboard", help="start the dashboard on the latest published snapshot")
    p.add_argument("--data-dir", help="data dir with serving/ and reviews/ (default: $COTWATCH_DATA_DIR or data)")
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_dashboard)

    p = sub.add_parser("docs", help="generate the dbt docs site of the warehouse and say where it is")
    p.add_argument("--data-dir")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("eval-monitor", help="precision/recall of the monitor against label files")
    p.add_argument(
        "--labels", action="append", required=True,
        help="a labels JSONL file; repeat for several (figures per file side by side)",
    )
    p.add_argument("--data-dir", help="data dir of the warehouse (default: $COTWATCH_DATA_DIR or data)")
    p.add_argument(
        "--no-record", action="store_true",
        help="do not land the evaluation in monitor.evaluations (default: record it)",
    )
    p.set_defaults(func=cmd_eval_monitor)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
