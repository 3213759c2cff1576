"""``wirewatch load``: a Spark run's datasets into a store, as if ``wirewatch run`` made them.

Each article is rebuilt exactly from its ``record`` (and ``raw``) and saved with
``Store.save``, which also queues it for the corpus stages; then ``corpus.catch_up`` runs
them in the store's one order, so duplicates, stories and merged events come out as a
local run's. Loading is idempotent: an article the store holds from the same stages is a
duplicate and left alone, and a run's failures are recorded once (a finished load of the
same Spark run is remembered in the runs table). Reads are streamed: one batch of
articles in memory at a time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq

from wirewatch import corpus
from wirewatch.errors import SettingsError
from wirewatch.jobs import crash
from wirewatch.records import Article, Failure, from_dict
from wirewatch.settings import Settings
from wirewatch.spark.datasets import RUN_FILE, article_of
from wirewatch.spark.merged import PLAN
from wirewatch.spark.premerged import Premerged
from wirewatch.store import Store

BATCH = 64


@dataclass
class Loaded:
    """What a load did: articles stored, already there, failures recorded, and the run."""

    run_id: int
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    failures_seen_before: bool = False
    premerged: int = 0  # batches whose merged events came from the run

    @property
    def exit_code(self) -> int:
        return 3 if self.failed else 0


def run_of(folder: Path) -> dict[str, Any]:
    """The ``run.json`` of a finished Spark run, or an error saying what the folder lacks."""
    path = folder / RUN_FILE
    if not path.is_file():
        raise SettingsError(
            f"{folder} holds no finished Spark run ({RUN_FILE} is missing); give the --out "
            "folder of a 'wirewatch spark' run that ended."
        )
    found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return found


def load(
    folder: str,
    store: Store,
    settings: Settings,
    *,
    tick: Callable[[], None] | None = None,
    timings: dict[str, float] | None = None,
) -> Loaded:
    """Save every article of the run at ``folder`` into ``store``, then the corpus stages."""
    where = Path(folder)
    meta = run_of(where)
    wanted = tuple((str(n), str(v)) for n, v in meta["stages"])
    command = f"load {where} (spark run {meta['run']})"
    before = _loaded_before(store, meta["run"])
    done = Loaded(run_id=store.begin_run(command, wanted), failures_seen_before=before)
    for article in articles(where):
        _save(store, done, article, wanted)
        if tick:
            tick()
    if not before:
        for failure in failures(where):
            store.record_failure(failure, done.run_id)
            done.failed += 1
    store.finish_run(
        done.run_id, stored=done.stored, duplicates=done.duplicates, failed=done.failed
    )
    merges = Premerged(where / "merged") if (where / "merged" / PLAN).is_file() else None
    corpus.catch_up(store, settings, timings=timings, merges=merges)
    done.premerged = merges.used if merges else 0
    return done


def articles(folder: Path) -> Iterator[Article]:
    """The run's articles, rebuilt exactly, a batch at a time."""
    found = ds.dataset(folder / "articles", format="parquet")
    for batch in found.to_batches(columns=["record", "raw"], batch_size=BATCH):
        for row in batch.to_pylist():
            yield article_of(row)


def failures(folder: Path) -> Iterator[Failure]:
    """The run's failures, in the order of the inputs they came from."""
    table = pq.read_table(
        folder / "failures", columns=["id", "origin", "stage", "reason", "detail"]
    )
    for row in table.sort_by("id").to_pylist():
        yield from_dict(Failure, row)


def _save(
    store: Store, done: Loaded, article: Article, wanted: tuple[tuple[str, str], ...]
) -> None:
    """Store one article unless the same stages stored it; a store error fails it alone."""
    stored = store.stages_of(article.id)
    if stored is not None and set(wanted) <= set(stored):
        done.duplicates += 1
        return
    try:
        store.save(article, done.run_id)
    except Exception as exc:
        store.record_failure(crash(article.origin, "store", exc), done.run_id)
        done.failed += 1
        return
    done.stored += 1


def _loaded_before(store: Store, run: str) -> bool:
    """Whether a load of this Spark run finished before (its failures are then recorded)."""
    tag = f"(spark run {run})"
    return any(
        row["finished_at"] is not None and str(row["command"]).endswith(tag)
        for row in store.rows("runs")
    )
