"""Faults and concurrency with the real command: kill -9 mid-run, two writers and a server.

A clean ``wirewatch run`` over a slice of news_cluster is the reference. Then:

* the same run killed with SIGKILL at random moments, several rounds, then run to the end:
  no article lost or stored twice, no orphan rows, nothing left queued, and every table
  (analysis and corpus) equal to the clean run's;
* two runs at once on one store, over overlapping inputs in different orders, while
  ``wirewatch serve`` answers a steady stream of requests: both runs end without a crash,
  the server answers every request, and the store equals the clean run's.

These take a minute or so (each run loads the model); they run in the default suite
because they are the proof that nothing is lost.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import DATA, need
from tests.storestate import differences, state

from wirewatch.store import Store

WIREWATCH = str(Path(sys.executable).parent / "wirewatch")
ARTICLES = 24
FIELDS = ("title", "published", "source", "url", "text")


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    source = need(DATA / "clustering" / "news_cluster.jsonl")
    with source.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for _, line in zip(range(ARTICLES), lines, strict=False)]
    return [{k: r[k] for k in FIELDS if r.get(k)} for r in rows]


def _run(db: Path, *targets: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [WIREWATCH, "run", *map(str, targets), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def clean(
    inputs: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, object], float]:
    """The reference store's state, and how long the clean run took."""
    folder = tmp_path_factory.mktemp("clean")
    started = time.monotonic()
    done = _run(folder / "w.db", _write(folder / "in.jsonl", inputs))
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err.decode()
    return state(str(folder / "w.db")), time.monotonic() - started


def test_kill_9_at_random_moments_loses_nothing_and_ends_as_a_clean_run(
    inputs: list[dict[str, str]],
    clean: tuple[dict[str, object], float],
    tmp_path: Path,
) -> None:
    reference, seconds = clean
    source, db = _write(tmp_path / "in.jsonl", inputs), tmp_path / "w.db"
    rng = random.Random(16)
    for _ in range(3):
        running = _run(db, source)
        time.sleep(rng.uniform(0.3, seconds))
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=60)
    finished = _run(db, source)
    _, err = finished.communicate(timeout=600)
    assert finished.returncode == 0, err.decode()
    found = state(str(db))
    assert found["queued"] == 0 and not any(found["orphans"].values())  # type: ignore[union-attr]
    assert differences(found, reference) == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Load:
    """A client asking the server for pages of articles, events and stories, without pause."""

    PATHS = ("/api/articles", "/api/events", "/api/stories", "/api/network", "/api/quotes")

    def __init__(self, base: str) -> None:
        self.base, self.times, self.errors = base, [], []  # type: ignore[var-annotated]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._ask, daemon=True)

    def _ask(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            turn = 0
            while not self.stop.is_set():
                path = self.PATHS[turn % len(self.PATHS)]
                turn += 1
                started = time.monotonic()
                try:
                    answer = client.get(path)
                    if answer.status_code != 200:
                        self.errors.append(f"{path}: {answer.status_code} {answer.text[:200]}")
                except httpx.HTTPError as exc:
                    self.errors.append(f"{path}: {exc!r}")
                self.times.append(time.monotonic() - started)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    db, port = tmp_path / "w.db", _free_port()
    Store(str(db)).close()  # serve opens an existing store
    env = {**os.environ, "WIREWATCH_TOKEN": ""}
    server = subprocess.Popen(
        [WIREWATCH, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/articles", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("wirewatch serve did not answer within 30 s")
        yield db, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_two_writers_and_a_server_under_load(
    inputs: list[dict[str, str]],
    clean: tuple[dict[str, object], float],
    tmp_path: Path,
    served: tuple[Path, str],
) -> None:
    reference, _ = clean
    db, base = served
    half = len(inputs) * 2 // 3
    first = _write(tmp_path / "first.jsonl", inputs[:half])
    second = _write(tmp_path / "second.jsonl", list(reversed(inputs[len(inputs) - half :])))
    load = _Load(base)
    load.thread.start()
    runs = [_run(db, first), _run(db, second)]
    outcomes = [r.communicate(timeout=600) for r in runs]
    load.stop.set()
    load.thread.join(timeout=60)
    for done, (_, err) in zip(runs, outcomes, strict=True):
        assert done.returncode == 0, err.decode()
    assert load.errors == []
    assert len(load.times) >= 20
    p95 = statistics.quantiles(load.times, n=20)[-1]
    print(f"\nserve under two writers: {len(load.times)} requests, p95 {p95 * 1000:.0f} ms")
    found = state(str(db))
    assert found["queued"] == 0
    assert differences(found, reference) == []
