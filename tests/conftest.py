"""Shared fixtures: stores, the CLI runner, a local HTTP server, shared data, golden files."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wirewatch import settings
from wirewatch.cli import cli
from wirewatch.records import to_dict

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(os.environ.get("WIREWATCH_DATA", SHARED / "data"))
SEEDS = SHARED / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
#: Publication dates of the seeds (../shared/README.md): the files do not carry them.
SEED_DATES = {"000": "2024-05-31", "004": "2024-09-09"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow (make slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def need(path: Path) -> Path:
    """Shared data is required in CI and skipped with a reason elsewhere when absent."""
    if not path.exists():
        message = f"{path} is missing: put ../shared beside the repository or set WIREWATCH_DATA"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def bench(task: str, *args: str) -> dict[str, Any]:
    """Run ``python -m bench TASK ARGS`` from the repository root; its last line, parsed."""
    done = subprocess.run(
        [sys.executable, "-m", "bench", task, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    last: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert last["task"] == task
    return last


@contextlib.contextmanager
def statements(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (and their parameters) ``engine`` runs inside the block."""
    import sqlalchemy as sa

    found: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        found.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        yield found
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)


@pytest.fixture
def seeds() -> Path:
    return need(SEEDS)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def conf(db: str) -> settings.Settings:
    return settings.load({"db": db})


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Invoke the CLI in-process from an empty working directory; stdout and stderr apart."""
    monkeypatch.chdir(tmp_path)
    for name in settings.NAMES:
        monkeypatch.delenv(settings.env_name(name), raising=False)

    def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)

    return invoke


class Server:
    """A tiny HTTP server on 127.0.0.1 serving what a test puts in ``routes``."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, float]] = {}
        handler = self._handler()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(
        self,
        path: str,
        body: bytes | str,
        kind: str = "text/html; charset=utf-8",
        status: int = 200,
        delay: float = 0.0,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, kind, data, delay)
        return self.base + path

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, kind, data, delay = routes.get(self.path, (404, "text/plain", b"", 0.0))
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def shareable(value: Any, limit: int = 60) -> Any:
    """A record as golden data without copying long source text: long texts become digests."""
    if isinstance(value, dict):
        return {k: shareable(v, limit) for k, v in value.items()}
    if isinstance(value, list):
        return [shareable(v, limit) for v in value]
    if isinstance(value, str) and len(value) > limit:
        digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]
        return f"<{len(value)} chars sha1:{digest}>"
    return value


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, Any], None]:
    """Compare a record with tests/golden/NAME.json (rewrite it with --update-golden)."""

    def check(name: str, record: Any) -> None:
        data = shareable(to_dict(record))
        path = GOLDEN / f"{name}.json"
        if request.config.getoption("--update-golden") or not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            if not request.config.getoption("--update-golden"):
                pytest.fail(f"golden file {path.name} was missing and is now written: review it")
        assert data == json.loads(path.read_text(encoding="utf-8")), (
            f"output differs from {path.name}; if the change is right, rerun with --update-golden "
            "and review the diff"
        )

    return check
