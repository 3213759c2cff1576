"""The main job: read inputs, ingest them, run the stages, store what comes out.

Every input ends stored, skipped as a duplicate (same text already stored by the same
stages), or recorded in the failures table with its reason. The CLI and the Python API
both call ``process``. The stages run here or, with ``workers`` above 1, in worker
processes (``wirewatch.workers``); either way this process alone reads, ingests and stores.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from wirewatch import pipeline
from wirewatch import workers as worker_pool
from wirewatch.errors import InputError
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Failure
from wirewatch.settings import Settings
from wirewatch.stages import ingest
from wirewatch.stages.ingest import sources
from wirewatch.store import Store


@dataclass
class Report:
    """What a run did. ``articles`` maps each article id met to new / updated / duplicate."""

    run_id: int
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    articles: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)  # of the first failures (``REASONS``)
    workers: worker_pool.Stats = field(default_factory=worker_pool.Stats)  # with --workers N

    @property
    def exit_code(self) -> int:
        return 3 if self.failed else 0


def process(
    targets: Sequence[str],
    settings: Settings,
    stages: Sequence[Stage],
    *,
    store: Store,
    published: dt.date | None = None,
    source: str | None = None,
    command: str = "run",
    tick: Callable[[], None] | None = None,
    timings: dict[str, float] | None = None,
    workers: int | None = None,
    recipe: worker_pool.Recipe | None = None,
) -> Report:
    """Ingest ``targets`` and run ``stages`` over every new article, storing the results.

    ``workers`` (default: the setting) processes run the stages. Above 1, each worker
    builds its stages with ``recipe(settings)`` (a module-level function such as
    ``wirewatch.default_stages``), or from ``stages`` themselves when they can be pickled.
    0 (the default) means "auto": one worker per core when the caller names a ``recipe``
    (the CLI does) and the input holds more than ``SMALL`` articles per core, else all in
    this process. Workers are spawned, so they cost a model load each and a script must
    keep its own work under ``if __name__ == "__main__":``; auto never asks that of a
    script that named no recipe.
    """
    pipeline.check(stages)
    wanted = pipeline.versions(stages)
    asked = settings.workers if workers is None else workers
    count = worker_pool.count(asked)
    auto = asked == 0
    if auto and recipe is None:
        count = 1
    if count > 1 and stages and recipe is None:
        recipe = worker_pool.recipe_for(stages)
    report = Report(run_id=store.begin_run(command, wanted))
    fresh = _fresh(targets, settings, store, wanted, report, published, source, tick)
    if auto and count > 1:
        fresh, count = _sized(fresh, count)
    analysed = _analyse(stages, fresh, settings, count, recipe, timings, report)
    with contextlib.closing(analysed):  # an interrupted run ends its workers
        for item in analysed:
            _keep(store, report, item, timings)
            if tick:
                tick()
    store.finish_run(
        report.run_id, stored=report.stored, duplicates=report.duplicates, failed=report.failed
    )
    from wirewatch import corpus  # the corpus stages: copies, stories, merged events

    # Every stored article was queued with it; this also finishes what a run cut short owed.
    corpus.catch_up(store, settings, timings=timings)
    return report


def _analyse(
    stages: Sequence[Stage],
    fresh: Iterator[Article],
    settings: Settings,
    count: int,
    recipe: worker_pool.Recipe | None,
    timings: dict[str, float] | None,
    report: Report,
) -> Generator[Article | Failure, None, None]:
    """The stages over ``fresh`` here, or in ``count`` worker processes: same results."""
    if count > 1 and stages and recipe is not None:
        wanted = pipeline.versions(stages)
        return worker_pool.analyse(
            fresh, recipe, settings, count, versions=wanted, timings=timings, stats=report.workers
        )
    return pipeline.run(
        stages,
        fresh,
        batch_size=settings.batch_size,
        timings=timings,
        seconds=settings.article_seconds,
    )


#: Articles per core at or under which auto runs every stage in this process: starting
#: workers (a model load each) would take longer than analysing them here.
SMALL = worker_pool.TASK


def _sized(fresh: Iterator[Article], count: int) -> tuple[Iterator[Article], int]:
    """``fresh`` as it was, and ``count`` workers, or 1 when it holds few articles (read
    ahead to know)."""
    head = list(itertools.islice(fresh, count * SMALL + 1))
    return itertools.chain(head, fresh), (count if len(head) > count * SMALL else 1)


def _keep(
    store: Store, report: Report, item: Article | Failure, timings: dict[str, float] | None
) -> None:
    if isinstance(item, Failure):
        _fail(store, report, item)
    else:
        started = time.perf_counter()
        report.stored += _save(store, report, item)
        _clock(timings, "store", started)


def _fresh(
    targets: Sequence[str],
    settings: Settings,
    store: Store,
    wanted: tuple[tuple[str, str], ...],
    report: Report,
    published: dt.date | None,
    source: str | None,
    tick: Callable[[], None] | None,
) -> Iterator[Article]:
    """Articles that still need the stages; duplicates and failures are counted on the way."""
    for item in inputs(targets, settings):
        if isinstance(item, Failure):
            _fail(store, report, item)
        else:
            article = _ingest(item, settings, published, source, store, report)
            stored = None if article is None else store.stages_of(article.id)
            if article is None:
                pass
            elif article.id in report.articles or _done(stored, wanted):
                report.duplicates += 1
                report.articles.setdefault(article.id, "duplicate")
            else:
                report.articles[article.id] = "new" if stored is None else "updated"
                yield article
                continue
        if tick:
            tick()


def _ingest(
    item: sources.Input,
    settings: Settings,
    published: dt.date | None,
    source: str | None,
    store: Store,
    report: Report,
) -> Article | None:
    found = ingested(item, settings, published, source)
    if isinstance(found, Failure):
        _fail(store, report, found)
        return None
    return found


def ingested(
    item: sources.Input, settings: Settings, published: dt.date | None, source: str | None
) -> Article | Failure:
    """One input as its Article, or as the Failure that says why it is none."""
    try:
        return ingest.article_from(
            item,
            published=published,
            source=source,
            min_english=settings.min_english,
            min_words=settings.min_words,
            max_chars=settings.max_chars,
        )
    except InputError as exc:
        return Failure(origin=item.origin, stage=exc.stage, reason=str(exc))
    except Exception as exc:  # any input must end recorded: a crash here is a bug to report
        return crash(item.origin, "ingest", exc)


def inputs(targets: Sequence[str], settings: Settings) -> Iterator[sources.Input | Failure]:
    """The inputs of each target in turn; a reader that crashes costs only its own target."""
    for target in targets:
        try:
            yield from sources.read([target], settings)
        except Exception as exc:
            yield crash(target, "read", exc, "reading stopped here; the inputs before it are kept")


def crash(origin: str, stage: str, exc: BaseException, where: str = "") -> Failure:
    """The failure of an input whose step raised what it should not: a bug, with the detail."""
    reason = f"{origin}: {stage} crashed ({type(exc).__name__}): a wirewatch bug, please report it"
    return Failure(
        origin=origin,
        stage=stage,
        reason=f"{reason}; {where}" if where else reason,
        detail=repr(exc)[:2000],
    )


def _save(store: Store, report: Report, article: Article) -> bool:
    """Store one analysed article; a store error becomes its failure row, the run goes on."""
    try:
        store.save(article, report.run_id)
    except Exception as exc:
        report.articles.pop(article.id, None)
        _fail(store, report, crash(article.origin, "store", exc))
        return False
    return True


def _clock(timings: dict[str, float] | None, name: str, started: float) -> None:
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


def _done(stored: Iterable[Sequence[str]] | None, wanted: tuple[tuple[str, str], ...]) -> bool:
    """An article is done when it was stored by (at least) the stages wanted now."""
    return stored is not None and set(wanted) <= {tuple(s) for s in stored}


#: Failure reasons a report keeps (every failure is recorded in the store).
REASONS = 20


def _fail(store: Store, report: Report, failure: Failure) -> None:
    store.record_failure(failure, report.run_id)
    report.failed += 1
    if len(report.reasons) < REASONS:
        report.reasons.append(failure.reason)
