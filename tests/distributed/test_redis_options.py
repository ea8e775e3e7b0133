"""--redis and its companions refuse, in one line, what cannot work."""

from typer.testing import CliRunner

from councilfacts.cli import app

from .kit import free_port

runner = CliRunner()


def one_line(result, *words):
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "Traceback" not in text
    for word in words:
        assert word in text, text


def test_an_unreachable_redis_is_named(tmp_path):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    one_line(runner.invoke(app, ["crawl", "--sample", "--redis", url, "--db", str(tmp_path / "x.db")]), url, "cannot reach Redis")
    one_line(runner.invoke(app, ["extract", "--redis", url, "--worker-only"]), url, "cannot reach Redis")
    assert not (tmp_path / "x.db").exists()


def test_the_worker_modes_need_redis(tmp_path):
    one_line(runner.invoke(app, ["crawl", "--sample", "--fetch-only", "--db", str(tmp_path / "x.db")], env={"COUNCILFACTS_REDIS": ""}), "--fetch-only needs --redis")
    one_line(runner.invoke(app, ["extract", "--worker-only"], env={"COUNCILFACTS_REDIS": ""}), "--worker-only needs --redis")
    one_line(runner.invoke(app, ["extract", "--workers", "0", "--db", str(tmp_path / "x.db")], env={"COUNCILFACTS_REDIS": ""}), "--workers 0")
