"""The fuzz suite: over 2,000 generated hostile inputs of every format through a real run.

Every input must end stored, skipped as a duplicate, or recorded as failed with a reason
that names it; none may crash the run, and none may be recorded as a crash (a stage or the
store raising something other than a clear input error is a bug to fix, not an outcome).
The inputs come from ``tests/hostile.py`` (seeded, so a failure can be replayed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.hostile import build

from wirewatch import jobs, stages
from wirewatch.settings import Settings
from wirewatch.store import Store
from wirewatch.store.schema import articles, failures


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "in").mkdir()
    (root / "feeds").mkdir()
    count = build(root / "in", root / "feeds")
    conf = Settings(db=str(root / "w.db"), max_bytes=200_000, article_seconds=30)
    store = Store(conf.db)
    pipeline = stages.default(conf)
    files = jobs.process([str(root / "in")], conf, pipeline, store=store)
    feeds = jobs.process([str(root / "feeds")], conf, pipeline, store=store)
    with store.engine.connect() as conn:
        stored = list(conn.scalars(sa.select(articles.c.origin)))
        failed = [tuple(r) for r in conn.execute(sa.select(failures.c.origin, failures.c.reason))]
    store.close()
    return {
        "root": root,
        "count": count,
        "files": files,
        "feeds": feeds,
        "stored": stored,
        "failed": failed,
    }


def test_over_2000_inputs_every_one_accounted_for(outcome: dict[str, object]) -> None:
    files = outcome["files"]
    assert isinstance(files, jobs.Report)
    count = outcome["count"]
    assert isinstance(count, int) and count >= 2000
    assert files.stored + files.duplicates + files.failed == count
    assert files.stored > 100 and files.failed > 1000  # both kinds of outcome are exercised


def test_no_input_is_recorded_as_a_crash(outcome: dict[str, object]) -> None:
    failed = outcome["failed"]
    assert isinstance(failed, list)
    crashes = [f for f in failed if "crashed" in f[1]]
    assert crashes == []


def test_every_failure_names_its_input(outcome: dict[str, object]) -> None:
    root, failed = outcome["root"], outcome["failed"]
    assert isinstance(root, Path) and isinstance(failed, list)
    for origin, reason in failed:
        assert origin and reason
        named = origin in reason or any(p in reason for p in (Path(origin).name, "article "))
        assert named, (origin, reason)
        assert origin.startswith((str(root), "http://127.0.0.1")), origin


def test_every_feed_is_read_or_refused_with_a_reason(outcome: dict[str, object]) -> None:
    feeds, root = outcome["feeds"], outcome["root"]
    assert isinstance(feeds, jobs.Report) and isinstance(root, Path)
    stored, failed = outcome["stored"], outcome["failed"]
    assert isinstance(stored, list) and isinstance(failed, list)
    origins = [*stored, *(f[0] for f in failed)]
    for feed in sorted((root / "feeds").iterdir()):
        met = any(o.startswith(str(feed)) for o in origins)
        assert met or feeds.duplicates, feed
