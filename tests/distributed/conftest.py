"""Debian's redis-server, started by the tests on 127.0.0.1 (a free port, a temporary folder)."""

import os
import shutil

import pytest

from .kit import redis_server


@pytest.fixture
def redis_url(tmp_path):
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed (Debian: apt-get install -y redis-server; .ci/run installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)  # CI must run these tests, never skip them
        pytest.skip(message)
    with redis_server(tmp_path / "redis") as url:
        yield url
