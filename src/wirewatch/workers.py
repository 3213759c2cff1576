"""Worker processes: the per-article stages on every core, one writer in the parent.

``analyse`` hands batches of ingested articles to N worker processes and yields what comes
back (analysed articles and failures) in input order, for the parent alone to store. Each
worker builds the stages from a *recipe* (a function of the settings, importable by name),
loads their models once, and runs batches with the same per-article time budget as a
single process (the timer signal works: the stages run in the worker's main thread).

Why spawn, not fork: a spawned worker is a fresh interpreter, so it carries none of the
parent's SQLite connections, locks or threads across a fork, and it sees the environment
as it is when it starts (a CPU kernel choice made in the parent, say). It costs an import
and a model load per worker, once.

Why two one-way pipes per worker and a listening thread in it: the parent must never block
on a busy worker (it would stop storing, and a worker waiting to send its results would
wait for it: a deadlock). The thread reads tasks as they come, so sending never waits; and
when the parent dies (Ctrl-C, kill -9), the pipe closes and the thread ends the worker at
once: no orphan goes on running.

Nothing is lost when a worker dies: the parent knows the tasks each worker holds, in order.
Those it never started go to another worker as they were; the one it was running is split
into single articles and run again in fresh workers; a single article that kills its worker
is recorded as failed with the reason, and the run goes on.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import pickle
import queue
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, NoReturn

from wirewatch import pipeline
from wirewatch.errors import PipelineError, SettingsError, WirewatchError
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Failure
from wirewatch.settings import Settings

#: Builds the stages in a worker; must be importable by name (a module-level function).
Recipe = Callable[[Settings], Sequence[Stage]]
Result = Article | Failure

#: Most articles in one task. Small tasks keep both cores busy to the end of a run (a worker
#: that finishes early waits for at most one small task of another); spaCy is as fast on 8
#: articles at a time as on 32, and its output does not depend on the batch.
TASK = 8
#: Tasks a worker holds at once: one it runs, one waiting, so it never waits for the parent.
DEPTH = 2
#: Tasks read ahead of the one stored next, per worker: this bounds the parent's memory.
AHEAD = 4
#: Workers that may die while starting before the run gives up.
START_DEATHS = 1
#: Seconds a worker gets to exit after the last task before it is ended.
GRACE = 10.0


def count(wanted: int) -> int:
    """The number of workers for the setting ``workers``: 0 means one per core we may use."""
    if wanted < 0:
        raise SettingsError(
            f"setting workers must be 0 (one per core) or more, got {wanted}; fix --workers, "
            "WIREWATCH_WORKERS or the settings file."
        )
    if wanted:
        return wanted
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux: every core
        return os.cpu_count() or 1


def recipe_for(stages: Sequence[Stage]) -> Recipe:
    """A recipe that sends ``stages`` themselves, when they can be pickled.

    Stages made by closures cannot; then the caller must name a recipe (the CLI passes
    ``wirewatch.stages.default``).
    """
    chosen = tuple(stages)
    try:
        pickle.dumps(chosen)
    except Exception as exc:
        raise PipelineError(
            f"these stages cannot be sent to worker processes ({type(exc).__name__}: {exc}); "
            "pass recipe= a module-level function that builds them from the settings (such "
            "as wirewatch.default_stages), or run with workers=1."
        ) from None
    return functools.partial(_given, chosen)


def _given(stages: tuple[Stage, ...], _settings: Settings) -> Sequence[Stage]:
    return stages


@dataclass
class Stats:
    """What the workers of a run did: where the time goes when N workers are not N times faster.

    ``start_s``: the longest a worker took to start and load its stages; ``idle_s``: seconds
    workers waited for work, summed (the parent reading, ingesting or storing too slowly, or
    the end of the input); ``peak_rss_mb``: the largest worker's peak memory.
    """

    started: int = 0
    died: int = 0
    start_s: float = 0.0
    idle_s: float = 0.0
    peak_rss_mb: float = 0.0


def analyse(
    articles: Iterable[Article],
    recipe: Recipe,
    settings: Settings,
    workers: int,
    *,
    versions: tuple[tuple[str, str], ...] | None = None,
    timings: dict[str, float] | None = None,
    stats: Stats | None = None,
) -> Generator[Result, None, None]:
    """Run the recipe's stages over ``articles`` in ``workers`` processes; yield in input order.

    ``versions``, when given, is checked against the stages each worker builds, so the
    provenance the parent expects is the one the workers stamp. ``timings`` gets each
    stage's seconds summed over the workers; ``stats`` what the workers did.
    """
    pool = _Pool(recipe, settings, workers, versions, timings, stats or Stats())
    try:
        yield from pool.results(iter(articles))
        pool.stop()
    finally:
        pool.end()


# --- the parent's side ---------------------------------------------------------------


@dataclass
class _Task:
    """Articles ``start``… of batch ``batch``, as handed to one worker."""

    batch: int
    start: int
    articles: list[Article]


@dataclass
class _Batch:
    """Articles read together; stored in input order once every part has come back."""

    articles: list[Article]
    parts: dict[int, list[Result]] = field(default_factory=dict)  # start → results
    done: int = 0  # articles whose results came back

    def complete(self) -> bool:
        return self.done == len(self.articles)

    def results(self) -> Iterator[Result]:
        for start in sorted(self.parts):
            yield from self.parts[start]


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection  # the parent's sending end
    results: Connection  # the parent's receiving end
    pending: deque[_Task] = field(default_factory=deque)  # sent, not returned, in order
    ready: bool = False
    born: float = field(default_factory=time.perf_counter)


class _Pool:
    """The parent's book: which worker holds which tasks, which batches are complete."""

    def __init__(
        self,
        recipe: Recipe,
        settings: Settings,
        size: int,
        versions: tuple[tuple[str, str], ...] | None,
        timings: dict[str, float] | None,
        stats: Stats,
    ) -> None:
        self.recipe, self.settings, self.size, self.versions = recipe, settings, size, versions
        self.timings, self.stats = timings, stats
        self.context = multiprocessing.get_context("spawn")
        self.alive: list[_Worker] = []
        self.todo: deque[_Task] = deque()  # tasks to send before reading more input
        self.batches: dict[int, _Batch] = {}
        self.read = 0  # batches read
        self.stored = 0  # batches yielded
        self.exhausted = False
        self.start_deaths = 0

    def results(self, articles: Iterator[Article]) -> Iterator[Result]:
        while True:
            self._dispatch(articles)
            if self.stored in self.batches and self.batches[self.stored].complete():
                yield from self.batches.pop(self.stored).results()
                self.stored += 1
                continue  # hand out work again before waiting: the workers may all be idle
            if self.exhausted and not self.batches:
                return
            self._wait()

    def _dispatch(self, articles: Iterator[Article]) -> None:
        """Send tasks while a worker has room, reading input only as far as AHEAD allows."""
        while (task := self._take(articles)) is not None:
            worker = self._free()
            if worker is None:
                self.todo.appendleft(task)
                return
            self._send(worker, task)

    def _take(self, articles: Iterator[Article]) -> _Task | None:
        if self.todo:
            return self.todo.popleft()
        if self.exhausted or len(self.batches) >= AHEAD * self.size:
            return None
        chunk = list(islice(articles, max(1, min(TASK, self.settings.batch_size))))
        if not chunk:
            self.exhausted = True
            return None
        self.batches[self.read] = _Batch(chunk)
        self.read += 1
        return _Task(self.read - 1, 0, chunk)

    def _free(self) -> _Worker | None:
        """The least busy worker with room; a new one while there are fewer than ``size``."""
        if len(self.alive) < self.size and all(w.pending for w in self.alive):
            self.alive.append(self._start())
        worker = min(self.alive, key=lambda w: len(w.pending))
        return worker if len(worker.pending) < DEPTH else None

    def _start(self) -> _Worker:
        task_reader, task_writer = self.context.Pipe(duplex=False)
        result_reader, result_writer = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=_serve,
            args=(task_reader, result_writer, self.recipe, self.settings),
            name="wirewatch-worker",
            daemon=True,
        )
        process.start()
        self.stats.started += 1
        task_reader.close()  # the worker's ends: closed here, so each side sees the other go
        result_writer.close()
        return _Worker(process, task_writer, result_reader)

    def _send(self, worker: _Worker, task: _Task) -> None:
        worker.pending.append(task)
        with contextlib.suppress(OSError):  # it died: _wait sees it and hands its tasks on
            worker.tasks.send(task.articles)

    def _wait(self) -> None:
        """Block until a worker sends something or dies; take in what it sent."""
        if not any(w.pending for w in self.alive):  # nothing would ever wake us
            raise RuntimeError("workers: waiting with no task out, a wirewatch bug")
        handles: dict[Any, _Worker] = {}
        for worker in self.alive:
            handles[worker.results] = worker
            handles[worker.process.sentinel] = worker
        for handle in wait(list(handles)):
            worker = handles[handle]
            if worker in self.alive:
                self._receive(worker)

    def _receive(self, worker: _Worker) -> None:
        try:
            while worker.results.poll():
                self._take_in(worker, worker.results.recv())
        except (EOFError, OSError):
            self._bury(worker)
            return
        if not worker.process.is_alive():
            self._bury(worker)

    def _take_in(self, worker: _Worker, message: Any) -> None:
        kind, body = message
        if kind == "ready":
            if self.versions is not None and tuple(map(tuple, body)) != self.versions:
                raise PipelineError(
                    f"the workers' stages {body} are not the stages given {self.versions}; "
                    "pass the recipe that builds them."
                )
            worker.ready = True
            self.stats.start_s = max(self.stats.start_s, time.perf_counter() - worker.born)
        elif kind == "broken":
            raise body
        else:
            results, spent, peak_kb, idle = body
            task = worker.pending.popleft()
            self._record(task, _restore(results, task.articles))
            self.stats.peak_rss_mb = max(self.stats.peak_rss_mb, peak_kb / 1024)
            self.stats.idle_s += idle
            for name, seconds in spent.items():
                if self.timings is not None:
                    self.timings[name] = self.timings.get(name, 0.0) + seconds

    def _record(self, task: _Task, results: list[Result]) -> None:
        batch = self.batches[task.batch]
        batch.parts[task.start] = results
        batch.done += len(task.articles)

    def _bury(self, worker: _Worker) -> None:
        """A worker died: hand its tasks on; fail only an article that killed it alone."""
        self.alive.remove(worker)
        _close(worker)
        worker.process.join(GRACE)
        how = _death(worker.process)
        self.stats.died += 1
        if not worker.ready:
            self._died_starting(worker, how)
            return
        if not worker.pending:
            return
        running, *unstarted = worker.pending
        self.todo.extendleft(reversed(unstarted))
        if len(running.articles) > 1:
            singles = [
                _Task(running.batch, running.start + i, [a]) for i, a in enumerate(running.articles)
            ]
            self.todo.extendleft(reversed(singles))
        else:
            self._record(running, [_killed(running.articles[0], how)])

    def _died_starting(self, worker: _Worker, how: str) -> None:
        self.start_deaths += 1
        if self.start_deaths > START_DEATHS:
            raise PipelineError(
                f"worker processes keep dying while they start (the last: {how}); see the "
                "error they printed. A script that runs wirewatch with workers must keep its "
                'own work under `if __name__ == "__main__":` (each worker imports the script).'
            )
        self.todo.extendleft(reversed(worker.pending))

    def stop(self) -> None:
        """Tell every worker to finish and wait for it (the run is done)."""
        for worker in self.alive:
            with contextlib.suppress(OSError):
                worker.tasks.send(None)
        for worker in self.alive:
            worker.process.join(GRACE)

    def end(self) -> None:
        """End every worker still running: the run is over, finished or not."""
        for worker in self.alive:
            _close(worker)  # a worker whose pipe closes exits at once
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.alive:
            worker.process.join(GRACE)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self.alive.clear()


def _restore(results: list[Result], sent: list[Article]) -> list[Result]:
    """Give analysed articles back the raw input the worker did not send back."""
    raw = {a.id: a.raw for a in sent}
    return [replace(r, raw=raw.get(r.id, r.raw)) if isinstance(r, Article) else r for r in results]


def _killed(article: Article, how: str) -> Failure:
    return Failure(
        origin=article.origin,
        stage="worker",
        reason=(
            f"worker died while analysing this article ({how}); the run went on with a new "
            f"worker (article {article.id})"
        ),
        detail=how,
    )


def _death(process: BaseProcess) -> str:
    code = process.exitcode
    if code is None:
        return "it stopped answering"
    if code < 0:
        return f"killed by signal {signal.Signals(-code).name}"
    return f"it exited with code {code}"


def _close(worker: _Worker) -> None:
    worker.tasks.close()
    worker.results.close()


# --- the worker's side ---------------------------------------------------------------


def _serve(tasks: Connection, results: Connection, recipe: Recipe, settings: Settings) -> None:
    """A worker's life: listen, load the stages once, run every task sent, exit when told."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    inbox: queue.SimpleQueue[list[Article] | None] = queue.SimpleQueue()
    threading.Thread(target=_listen, args=(tasks, inbox), daemon=True).start()
    stages = _load(recipe, settings, results)
    waiting = time.perf_counter()
    while (articles := inbox.get()) is not None:
        idle = time.perf_counter() - waiting
        _answer(results, _run(stages, articles, settings, idle), articles)
        waiting = time.perf_counter()
    _exit(0)


def _listen(tasks: Connection, inbox: queue.SimpleQueue[list[Article] | None]) -> None:
    """Read tasks as they come; end the process the moment the parent is gone."""
    while True:
        try:
            articles = tasks.recv()
        except (EOFError, OSError):
            _exit(1)  # no parent to store results: nothing to save, stop now
        inbox.put(articles)
        if articles is None:
            return


def _load(recipe: Recipe, settings: Settings, results: Connection) -> Sequence[Stage]:
    before_load()
    try:
        stages = list(recipe(settings))
        pipeline.prepare(stages)
    except BaseException as exc:
        _answer(results, ("broken", _portable(exc)), [])
        _exit(1)
    _answer(results, ("ready", pipeline.versions(stages)), [])
    return stages


def before_load() -> None:
    """Per-process setup before any stage loads a model: the place for a CPU kernel choice.

    Empty today. The ``wirewatch`` package is imported first in every worker, and the
    environment is the parent's as it was when the worker started.
    """


def _run(stages: Sequence[Stage], articles: list[Article], settings: Settings, idle: float) -> Any:
    spent: dict[str, float] = {}
    found: list[Result] = []
    size = max(1, settings.batch_size)
    for start in range(0, len(articles), size):
        chunk = articles[start : start + size]
        found += pipeline.analyse(stages, chunk, timings=spent, seconds=settings.article_seconds)
    slim = [replace(r, raw=b"", doc=None) if isinstance(r, Article) else r for r in found]
    return ("done", (slim, spent, _peak_kb(), idle))


def _peak_kb() -> int:
    """This worker's peak resident memory, in KiB.

    Not ``ru_maxrss``: Linux carries it across the exec that starts a spawned worker, so it
    would count the parent's memory. ``VmHWM`` is the peak of this process's own memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _answer(results: Connection, message: Any, articles: list[Article]) -> None:
    """Send ``message``; results that cannot be pickled become failures, not a dead worker."""
    try:
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        failures = [_unsendable(a, exc) for a in articles]
        payload = pickle.dumps(("done", (failures, {}, 0, 0.0)), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        results.send_bytes(payload)
    except OSError:
        _exit(1)  # the parent is gone


def _unsendable(article: Article, exc: Exception) -> Failure:
    return Failure(
        origin=article.origin,
        stage="worker",
        reason=(
            "the stages' result could not be sent back from the worker: a wirewatch bug, "
            f"please report it with the detail (article {article.id})"
        ),
        detail=repr(exc)[:2000],
    )


def _portable(exc: BaseException) -> WirewatchError:
    if isinstance(exc, WirewatchError):
        try:
            pickle.dumps(exc)
            return exc
        except Exception:
            pass
    return PipelineError(f"a worker could not set up the stages: {exc!r}; fix it and run again.")


def _exit(code: int) -> NoReturn:
    """Leave at once: nothing to clean up, and no collection over the model's objects."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
