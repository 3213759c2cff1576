"""The stage contract, the check that stages fit, and the loop that runs them.

A ``Stage`` maps ``Article -> Article`` (and may offer a batched form for speed).
``requires`` and ``assigns`` name ``Article`` fields; ``check`` refuses a pipeline
whose requirements no earlier stage (or ingestion) assigns, before any article runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from wirewatch.errors import InputError, PipelineError
from wirewatch.records import Article, Failure

#: Fields ingestion fills; every other field is some stage's to assign.
INGESTED = frozenset(
    {
        "id",
        "text",
        "origin",
        "raw",
        "raw_format",
        "url",
        "source",
        "title",
        "published",
        "dateline",
        "byline",
        "contributors",
        "wire",
        "wire_evidence",
    }
)
ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))
INGEST_VERSION = "1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stage:
    name: str
    version: str
    run: Callable[[Article], Article]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    batch: Callable[[Sequence[Article]], list[Article]] | None = None
    setup: Callable[[], object] | None = None  # loads models etc. once, before any article


def check(stages: Sequence[Stage]) -> None:
    """Raise PipelineError unless every stage's requirements are met by what runs before it."""
    available = set(INGESTED)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name!r} appears twice; list each stage once.")
        seen.add(stage.name)
        unknown = sorted(set(stage.requires + stage.assigns) - ARTICLE_FIELDS)
        if unknown:
            raise PipelineError(
                f"stage {stage.name!r} names unknown Article fields {unknown}; "
                f"fields are {sorted(ARTICLE_FIELDS)}."
            )
        missing = sorted(set(stage.requires) - available)
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                "add the stage that assigns them before it."
            )
        available.update(stage.assigns)


def versions(stages: Sequence[Stage]) -> tuple[tuple[str, str], ...]:
    """The provenance a fully processed article carries."""
    return (("ingest", INGEST_VERSION), *((s.name, s.version) for s in stages))


class OverBudget(BaseException):
    """Raised inside a stage when an article has used up its seconds.

    A BaseException, so that a stage's own ``except Exception`` cannot swallow it.
    """


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Interrupt the block with ``OverBudget`` after ``seconds`` (0: no limit).

    A timer signal works only in the main thread of a Unix process; elsewhere (a server's
    worker thread) the block runs unbounded, guarded by the length limit alone. Native code
    (the parser's inner loops) is interrupted when it next returns to Python.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    armed = True

    def expire(_signum: int, _frame: object) -> None:
        if armed:
            raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def prepare(stages: Sequence[Stage]) -> None:
    """Check that ``stages`` fit, then let each load what it needs (models), once per process.

    ``run`` calls it; a worker process calls it once before its first batch.
    """
    check(stages)
    for stage in stages:
        if stage.setup is not None:
            stage.setup()


def run(
    stages: Sequence[Stage],
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    timings: dict[str, float] | None = None,
    seconds: float = 0.0,
) -> Generator[Article | Failure, None, None]:
    """Run ``stages`` over ``articles`` in batches; a failing article becomes a Failure.

    ``seconds`` bounds the time one article may spend in one stage (0: no bound): a batch
    gets that much per article; a batch over it is run again one article at a time, and an
    article over it becomes a Failure saying so.
    """
    prepare(stages)
    for chunk in _chunks(articles, batch_size):
        yield from analyse(stages, chunk, timings=timings, seconds=seconds)


def analyse(
    stages: Sequence[Stage],
    chunk: Sequence[Article],
    *,
    timings: dict[str, float] | None = None,
    seconds: float = 0.0,
) -> list[Article | Failure]:
    """Run prepared ``stages`` over one batch: its failures first, then the analysed articles."""
    survivors: list[Article] = [replace(a, stages=versions(())) for a in chunk]
    failures: list[Failure] = []
    for stage in stages:
        started = time.perf_counter()
        survivors, failed = _apply(stage, survivors, seconds)
        failures.extend(failed)
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
    return [*failures, *survivors]


def _apply(
    stage: Stage, articles: list[Article], seconds: float = 0.0
) -> tuple[list[Article], list[Failure]]:
    if stage.batch is not None and articles:
        try:
            with budget(seconds * len(articles)):
                return [_stamp(stage, a) for a in stage.batch(articles)], []
        except (Exception, OverBudget):
            pass  # run again one by one: the failing (or slow) article alone fails
    done: list[Article] = []
    failed: list[Failure] = []
    for article in articles:
        try:
            with budget(seconds):
                done.append(_stamp(stage, stage.run(article)))
        except OverBudget:
            reason = (
                f"over the time budget: stage {stage.name} took more than {seconds:g} s "
                "(setting article_seconds); split the article or raise --article-seconds"
            )
            failed.append(_failure(article, stage, reason, ""))
        except InputError as exc:
            failed.append(_failure(article, stage, str(exc), ""))
        except Exception as exc:
            reason = (
                f"stage {stage.name} crashed: a wirewatch bug, please report it with the detail"
            )
            failed.append(_failure(article, stage, reason, repr(exc)))
    return done, failed


def _stamp(stage: Stage, article: Article) -> Article:
    return replace(article, stages=(*article.stages, (stage.name, stage.version)))


def _failure(article: Article, stage: Stage, reason: str, detail: str) -> Failure:
    return Failure(
        origin=article.origin,
        stage=stage.name,
        reason=f"{reason} (article {article.id})",
        detail=detail,
    )


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
