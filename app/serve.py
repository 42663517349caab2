"""Start the dashboard: `cotwatch dashboard` and the end of `cotwatch demo`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pipelines.config import Settings

APP = Path(__file__).resolve().parent / "streamlit_app.py"
HOST = "127.0.0.1"


def dashboard_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", HOST,
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
    ]  # fmt: skip


def dashboard_env(settings: Settings) -> dict[str, str]:
    """The app finds the snapshot through COTWATCH_DATA_DIR; the repo root goes on the import path."""
    root = str(APP.parent.parent)
    path = os.environ.get("PYTHONPATH", "")
    return {
        **os.environ,
        "COTWATCH_DATA_DIR": str(settings.data_dir),
        "PYTHONPATH": root + (os.pathsep + path if path else ""),
    }


def start_dashboard(settings: Settings, port: int, **popen: object) -> subprocess.Popen:
    return subprocess.Popen(
        dashboard_command(port), env=dashboard_env(settings), cwd=APP.parent.parent, **popen
    )


def wait_healthy(port: int, timeout: float = 60.0, process: subprocess.Popen | None = None) -> bool:
    """Poll Streamlit's health endpoint until it answers ok (False on timeout or early exit)."""
    deadline = time.monotonic() + timeout
    url = f"http://{HOST}:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


def serve_dashboard(settings: Settings, port: int = 8501) -> int:
    """Run the dashboard in the foreground until Ctrl-C or SIGTERM; prints its address once it answers."""
    # SIGTERM would end this process without running `finally`, orphaning the Streamlit child.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    process = start_dashboard(settings, port, stdout=subprocess.DEVNULL)
    try:
        if not wait_healthy(port, process=process):
            code = process.poll()
            print(
                f"error: the dashboard did not start on {HOST}:{port}"
                + (f" (exit code {code}; is the port in use?)" if code is not None else ""),
                file=sys.stderr,
            )
            return 1
        print(f"Dashboard: http://{HOST}:{port}", flush=True)
        print("(Ctrl-C to stop)", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
