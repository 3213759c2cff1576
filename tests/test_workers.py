"""Worker processes (``run --workers N``): the same store as one process, nothing lost.

The real stages run once, on the seeds and 50 news articles, with one worker and with two:
every article, analysis and corpus table must be equal. The faults run on toy stages
(tests/toystages.py) that kill their process, exit, hang or raise on cue, so that they
take a second or two each.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from tests import toystages
from tests.conftest import DATA, ROOT, SEED_DATES, need
from tests.storestate import differences, state

from wirewatch import jobs, settings, stages, workers
from wirewatch.errors import ModelError, PipelineError, SettingsError
from wirewatch.pipeline import Stage
from wirewatch.records import Article
from wirewatch.store import Store

NEWS = 50
FIELDS = ("title", "published", "source", "url", "text")


def _text(i: int, marker: str = "") -> str:
    return (
        f"Officials said on Monday that the talks in the capital, round {i}, went on for "
        f"hours and that they were expected to resume later in the week. {marker}"
    )


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    return path


def _toy_run(
    tmp_path: Path, texts: list[str], ticks: list[int] | None = None, **given: object
) -> tuple[jobs.Report, Store]:
    conf = settings.load({"db": str(tmp_path / "toy.db"), **given})
    store = Store(conf.db)
    source = _jsonl(tmp_path / "in.jsonl", texts)
    tick = None if ticks is None else (lambda: ticks.append(1))
    report = jobs.process(
        [str(source)], conf, toystages.toy(conf), store=store, recipe=toystages.toy, tick=tick
    )
    return report, store


def _failures(store: Store) -> list[dict[str, object]]:
    return list(store.rows("failures"))


def test_workers_zero_means_one_per_core_we_may_use() -> None:
    assert workers.count(0) == len(os.sched_getaffinity(0))
    assert workers.count(3) == 3
    with pytest.raises(SettingsError, match="workers"):
        workers.count(-1)


def test_auto_uses_every_core_for_a_large_input_only(tmp_path: Path) -> None:
    """Auto (0, the default): one worker per core above 8 articles per core, else none."""
    cores = workers.count(0)
    (tmp_path / "few").mkdir()
    (tmp_path / "many").mkdir()
    few = [_text(i) for i in range(cores * jobs.SMALL)]
    report, store = _toy_run(tmp_path / "few", few)
    assert (report.stored, report.workers.started) == (len(few), 0)
    store.close()
    many = [_text(i) for i in range(cores * jobs.SMALL + 1)]
    report, store = _toy_run(tmp_path / "many", many)
    assert report.stored == len(many)
    assert report.workers.started == (cores if cores > 1 else 0)
    store.close()


def test_auto_keeps_a_script_without_a_recipe_in_its_process(tmp_path: Path) -> None:
    """Spawned workers import the calling script: auto never asks that of one unasked."""
    conf = settings.load({"db": str(tmp_path / "s.db")})
    assert conf.workers == 0
    store = Store(conf.db)
    source = _jsonl(tmp_path / "in.jsonl", [_text(i) for i in range(40)])
    report = jobs.process([str(source)], conf, toystages.toy(conf), store=store)
    assert (report.stored, report.workers.started) == (40, 0)
    store.close()


def test_two_workers_store_exactly_what_one_does(
    tmp_path: Path, seeds: Path, run_cli: Callable[..., Result]
) -> None:
    """Seeds and 50 news articles: same ids, analyses and corpus tables (stories, merged)."""
    news = need(DATA / "clustering" / "news_cluster.jsonl")
    rows = [
        {"text": p.read_text(encoding="utf-8"), "published": SEED_DATES[p.name[:3]]}
        for p in sorted(seeds.glob("*.txt"))
    ]
    with news.open(encoding="utf-8") as lines:
        for _, line in zip(range(NEWS), lines, strict=False):
            record = json.loads(line)
            rows.append({k: record[k] for k in FIELDS if record.get(k)})
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")

    conf = settings.load({"db": one, "workers": 1})
    store = Store(one)
    jobs.process([str(source)], conf, stages.default(conf), store=store)
    store.close()
    done = run_cli("run", str(source), "--db", two, "--workers", "2")
    assert done.exit_code == 0, done.stderr

    first, second = state(one), state(two)
    assert len(first["articles"]) == len(rows)
    assert len(first["events"]) > 50 and first["merged_events"] and first["stories"]
    assert differences(first, second) == []
    assert first == second


def test_a_worker_killed_on_an_article_fails_that_article_alone(tmp_path: Path) -> None:
    texts = [_text(i) for i in range(20)]
    texts[5] = _text(5, "KILLME")
    texts[13] = _text(13, "EXITME")
    ticks: list[int] = []
    report, store = _toy_run(tmp_path, texts, ticks, workers=2)

    assert (report.stored, report.failed, report.duplicates) == (18, 2, 0)
    assert len(ticks) == 20  # the progress bar: one tick per input, deaths and retries too
    reasons = sorted(str(f["reason"]) for f in _failures(store))
    assert all("worker died while analysing this article" in r for r in reasons), reasons
    assert "exited with code 3" in reasons[0] and "killed by signal SIGKILL" in reasons[1]
    assert report.workers.died == 4 and report.workers.started >= 5  # each killer kills twice
    assert 0 < report.workers.peak_rss_mb < 400 and report.workers.start_s > 0  # no model
    stored = {a["id"] for a in store.rows("articles")}
    assert len(stored) == 18 and all(f"article {i}" not in " ".join(reasons) for i in stored)
    store.close()


def test_stage_errors_and_the_time_budget_hold_inside_workers(tmp_path: Path) -> None:
    texts = [_text(0, "SLOWME"), _text(1, "BADME"), _text(2), _text(3)]
    started = time.monotonic()
    report, store = _toy_run(tmp_path, texts, workers=2, batch_size=1, article_seconds=0.5)

    assert time.monotonic() - started < 20
    assert (report.stored, report.failed) == (2, 2)
    reasons = sorted(str(f["reason"]) for f in _failures(store))
    assert reasons[0].startswith("over the time budget: stage toy took more than 0.5 s")
    assert reasons[1].startswith("stage toy crashed: a wirewatch bug")
    store.close()


def _articles(count: int, pulled: list[int], marker: str = "") -> Iterator[Article]:
    for i in range(count):
        pulled[0] += 1
        yield Article(id=f"{i:04d}", text=_text(i, marker if i == 0 else ""), origin=f"in:{i}")


def test_results_come_in_input_order_and_the_input_is_read_only_ahead_so_far() -> None:
    """The first article dawdles, the rest overtake it; memory stays bounded all the same."""
    conf = settings.load({"db": ":memory:"})
    pulled, ahead, ids = [0], 0, []
    for item in workers.analyse(_articles(300, pulled, "DAWDLE"), toystages.toy, conf, 2):
        assert isinstance(item, Article)
        ids.append(item.id)
        ahead = max(ahead, pulled[0] - len(ids))
    assert ids == [f"{i:04d}" for i in range(300)]
    assert ahead <= workers.AHEAD * 2 * workers.TASK


def test_a_worker_that_cannot_load_its_stages_stops_the_run_with_the_reason(
    tmp_path: Path,
) -> None:
    conf = settings.load({"db": str(tmp_path / "w.db"), "workers": 2})
    store = Store(conf.db)
    source = _jsonl(tmp_path / "in.jsonl", [_text(i) for i in range(3)])
    with pytest.raises(ModelError, match="no such model on cue"):
        jobs.process(
            [str(source)], conf, toystages.toy(conf), store=store, recipe=toystages.unloadable
        )
    with pytest.raises(PipelineError, match=r"keep dying while they start.*exited with code 5"):
        jobs.process(
            [str(source)], conf, toystages.toy(conf), store=store, recipe=toystages.dies_starting
        )
    with pytest.raises(PipelineError, match="not the stages given"):
        jobs.process(
            [str(source)], conf, toystages.toy(conf), store=store, recipe=toystages.other_version
        )
    store.close()


def test_stages_that_cannot_be_sent_need_a_recipe(tmp_path: Path) -> None:
    conf = settings.load({"db": str(tmp_path / "w.db"), "workers": 2})
    local = Stage(name="toy", version="1", run=lambda a: a)
    with pytest.raises(PipelineError, match="recipe="):
        jobs.process(["-"], conf, [local], store=Store(conf.db))
    sendable = toystages.toy(conf)  # module-level functions: sent as they are
    source = _jsonl(tmp_path / "in.jsonl", [_text(i) for i in range(3)])
    assert jobs.process([str(source)], conf, sendable, store=Store(conf.db)).stored == 3


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return [c for c in found if b"spawn_main" in _cmdline(c)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _busy(pids: list[int]) -> bool:
    """Two workers, each listening to its parent (its second thread has started)."""
    return len(pids) == 2 and all(_threads(p) >= 2 for p in pids)


def _threads(pid: int) -> int:
    try:
        return len(list(Path(f"/proc/{pid}/task").iterdir()))
    except OSError:
        return 0


def _running(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


SCRIPT = """
from wirewatch import settings, workers
from wirewatch.records import Article
from tests import toystages
texts = ("Officials said the talks went on for hours SLOWME %d" % i for i in range(50))
articles = (Article(id=str(i), text=t, origin="x") for i, t in enumerate(texts))
for _ in workers.analyse(articles, toystages.toy, settings.load({"db": ":memory:"}), 2):
    pass
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_workers_end_when_the_parent_is_killed_or_interrupted(sig: signal.Signals) -> None:
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT], cwd=ROOT, stderr=subprocess.DEVNULL)
    found: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while not _busy(found := _children(parent.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _busy(found), "the workers did not start"
        time.sleep(1.0)  # both are now busy with an article that sleeps for 30 s
        parent.send_signal(sig)
        parent.wait(timeout=20)
        deadline = time.monotonic() + 10
        while any(map(_running, found)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_running, found)), "a worker outlived its parent"
    finally:
        for pid in [parent.pid, *found]:  # leave nothing behind, even when the test fails
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        parent.wait()
