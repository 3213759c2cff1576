"""``wirewatch spark``: the per-article stages over a corpus on Spark, results as Parquet.

The driver reads and ingests the inputs and stages them (``inputs``); the executors run the
stages, one pipeline per Python worker (``analyse``); the outcomes are kept by Spark while
each dataset is written from them (``datasets``); copies are found from MinHash bands
joined in Spark (``dedup``). ``run.json``, written last, says the run finished and what it
met: every input is an article row, a duplicate counted there, or a failure row.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from wirewatch import pipeline, stages
from wirewatch.errors import SettingsError
from wirewatch.settings import Settings
from wirewatch.spark import analyse, datasets, dedup, inputs, merged
from wirewatch.spark.session import session

#: Articles per partition: small enough that both cores stay busy to the end, large enough
#: that spaCy gets whole batches and a task's overhead is a small share of its work.
PARTITION = 48
STAGED = "staged.parquet"


@dataclass
class Report:
    """What a Spark run did; ``rows`` counts the rows of each dataset written."""

    run: str
    master: str
    inputs: int = 0
    articles: int = 0
    duplicates: int = 0
    failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    stages: list[list[str]] = field(default_factory=list)
    started: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 3 if self.failed else 0


def run(
    targets: Sequence[str],
    out: str,
    settings: Settings,
    *,
    master: str = "local[*]",
    published: dt.date | None = None,
    source: str | None = None,
) -> Report:
    """Analyse ``targets`` on Spark at ``master``; write the datasets under the folder ``out``."""
    folder = _fresh(Path(out))
    started = dt.datetime.now(dt.UTC)
    chosen = stages.default(settings)
    pipeline.check(chosen)
    report = Report(
        run=uuid.uuid4().hex,
        master=master,
        stages=[list(s) for s in pipeline.versions(chosen)],
        started=started.isoformat(),
    )
    clock = time.perf_counter()
    staged = inputs.stage(targets, settings, folder / STAGED, published=published, source=source)
    report.inputs, report.duplicates = staged.inputs, staged.duplicates
    report.seconds["read"] = time.perf_counter() - clock
    with session(master) as spark:
        report.seconds["start"] = time.perf_counter() - clock - report.seconds["read"]
        _analyse(spark, folder, settings, staged.articles, report, started)
    (folder / STAGED).unlink()
    report.seconds["total"] = time.perf_counter() - clock
    report.articles = report.rows["articles"]
    report.failed = report.rows["failures"]
    (folder / datasets.RUN_FILE).write_text(json.dumps(asdict(report), indent=1) + "\n")
    return report


def _analyse(
    spark: Any,
    folder: Path,
    settings: Settings,
    articles: int,
    report: Report,
    started: dt.datetime,
) -> None:
    """Analyse the staged inputs once, keep the outcomes, write every dataset from them."""
    from pyspark import StorageLevel
    from pyspark.sql.pandas.types import from_arrow_schema

    clock = _Clock(report.seconds)
    staged = spark.read.parquet(str(folder / STAGED))
    parts = partitions(articles, spark.sparkContext.defaultParallelism)
    work = functools.partial(
        analyse.outcomes,
        settings=replace(settings, token=""),  # executors need no secret
        started=started.astimezone(dt.UTC).replace(tzinfo=None),
    )
    outcomes = staged.repartition(parts).mapInArrow(work, from_arrow_schema(analyse.OUTCOMES))
    outcomes = outcomes.persist(StorageLevel.DISK_ONLY)
    try:
        outcomes.count()
        clock.lap("analyse")
        report.rows = datasets.write(outcomes, str(folder))
        clock.lap("write")
        report.rows["links"] = dedup.write(
            outcomes, settings.dedup_threshold, str(folder / "links")
        )
        clock.lap("links")
        report.rows |= merged.write(outcomes, str(folder / "links"), str(folder / "merged"))
        clock.lap("merged")
    finally:
        outcomes.unpersist()


class _Clock:
    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds, self.started = seconds, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self.started
        self.started = now


def partitions(articles: int, cores: int) -> int:
    """Enough partitions for every core to have work till the end, each about PARTITION."""
    return max(1, min(max(articles, 1), max(2 * cores, math.ceil(articles / PARTITION))))


def _fresh(folder: Path) -> Path:
    """The output folder, made; one that holds anything already is refused (never mixed)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SettingsError(
            f"output folder {folder} is not empty; give a new --out (a run never mixes its "
            "datasets with another's)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder
