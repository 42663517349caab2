"""The README stays true to the code: its example queries are the tested ones, its commands exist."""

from __future__ import annotations

from pipelines.cli import build_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def test_readme_example_queries_are_the_tested_query_files() -> None:
    files = sorted((REPO / "docs" / "queries").glob("*.sql"))
    assert len(files) >= 6
    for path in files:
        assert path.read_text().rstrip() in README, f"{path.name} differs from its copy in the README"


def test_readme_command_table_lists_every_cli_command() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # argparse keeps them here
    for name in commands:
        assert f"`cotwatch {name}" in README, f"cotwatch {name} is not in the README's command table"
