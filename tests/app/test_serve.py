"""`cotwatch dashboard` starts the app on 127.0.0.1, prints its address, and fails clearly on a busy port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import psutil

from app.serve import serve_dashboard
from pipelines.config import Settings
from tests.app.conftest import free_port
from tests.conftest import REPO


def test_cotwatch_dashboard_prints_its_address_serves_and_stops_its_server_on_sigterm(
    shared_demo: Settings,
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "dashboard",
            "--data-dir",
            str(shared_demo.data_dir),
            "--port",
            str(port),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        line = ""
        while time.monotonic() < deadline and process.poll() is None:
            line = process.stdout.readline().strip()
            if line.startswith("Dashboard:"):
                break
        assert line == f"Dashboard: http://127.0.0.1:{port}", (
            process.stderr.read() if process.poll() is not None else line
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as resp:
            assert resp.read() == b"ok"
        server = psutil.Process(process.pid).children(recursive=True)
        assert server
    finally:
        process.terminate()
        process.wait(timeout=20)
    _, alive = psutil.wait_procs(server, timeout=15)
    assert not alive, "the Streamlit server outlived `cotwatch dashboard`"


def test_serve_dashboard_reports_a_busy_port(shared_demo: Settings, capsys) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert serve_dashboard(shared_demo, port=port) == 1
    assert f"the dashboard did not start on 127.0.0.1:{port}" in capsys.readouterr().err
