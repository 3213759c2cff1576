"""Across articles: copies and rewrites, stories, actors, merged events and claims.

Per-article stages never touch the store; these stages read and write it. Call
``update(store, article_ids, settings)`` after ``jobs.process`` stored new articles (the
ids of ``Report.articles``): it runs, oldest article first,

1. ``dedup``: near-duplicates by MinHash/LSH (bands kept in the store, so a new article is
   checked against the store without pairwise work), and the wire an article betrays;
2. ``stories``: each new article joins an open story or starts one (copies join their
   original's); then rewrites are looked for among the articles of the same story;
3. ``actors``: short person names resolved to the full names other articles give;
4. ``merge``: events that tell one happening become one merged event, with its reports,
   its independent sources and the values reports disagree on.

Each step is idempotent: an article already indexed or placed is left as it is, and the
reports of a reprocessed article replace its old ones, so running twice over overlapping
inputs never counts an event twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from wirewatch.corpus import actors, dedup, merge, planned, queue
from wirewatch.corpus import stories as story_store
from wirewatch.corpus.cluster import Params
from wirewatch.corpus.db import Brief, briefs, scalars_in, shift
from wirewatch.records import DuplicateLink, Event
from wirewatch.settings import Settings
from wirewatch.store import Store
from wirewatch.store.schema import articles, corpus_queue, signatures, story_articles

BATCH = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    dedup_threshold: float
    rewrite_threshold: float
    story: Params = field(default_factory=Params)


def options(conf: Settings | None = None) -> Options:
    """The corpus options from ``conf`` (default settings when None)."""
    conf = conf or Settings()
    return Options(
        dedup_threshold=conf.dedup_threshold,
        rewrite_threshold=conf.rewrite_threshold,
        story=Params(
            threshold=conf.story_threshold, window=conf.story_window, decay=conf.story_decay
        ),
    )


@dataclass
class Summary:
    """What an update did."""

    articles: int = 0
    links: list[DuplicateLink] = field(default_factory=list)
    stories: dict[str, str] = field(default_factory=dict)  # article id → story id
    new_stories: int = 0
    merged: int = 0  # merged events touched
    rebuilt: bool = False  # an article older than those met made the corpus tables start over


def update(
    store: Store,
    article_ids: Sequence[str],
    settings: Settings | None = None,
    *,
    tick: Callable[[int], None] | None = None,
    timings: dict[str, float] | None = None,
) -> Summary:
    """Queue those of these stored articles the corpus stages have not met, then work the
    whole queue off (``Store.save`` already queues every article it stores)."""
    with store.engine.connect() as conn:
        met = set(
            scalars_in(conn, story_articles.c.article_id, story_articles.c.article_id, article_ids)
        )
    store.enqueue([a for a in article_ids if a not in met])
    return catch_up(store, settings, tick=tick, timings=timings)


def catch_up(
    store: Store,
    settings: Settings | None = None,
    *,
    tick: Callable[[int], None] | None = None,
    timings: dict[str, float] | None = None,
    merges: planned.Merges | None = None,
) -> Summary:
    """Run the corpus stages over every queued article, oldest first, one batch at a time.

    Each batch is one transaction under the store's write lock: it reads the queue, does
    the work and takes its articles off the queue, so work cut short by a crash is done by
    the next call, and two processes on one store take turns. The result does not depend on
    the order articles arrived in: articles go through in one fixed order (publication day,
    then id), and an article older than the last one met starts the corpus tables over.
    ``timings``, when given, gets the seconds spent in each step added to it. ``merges``,
    when given, writes the merged events of the batches it knows (made by a Spark run)
    instead of merging them here; dedup, stories and actors run here all the same.
    """
    conf = options(settings)
    summary = Summary()
    _adopt_unqueued(store)
    decoded: dict[str, Event] = {}  # events the merge read back, kept for the next batches
    while True:
        clock = _Clock(timings)
        with store.writing() as conn:
            part = queue.next_batch(conn, BATCH)
            if not part:
                break
            if queue.out_of_order(conn, part):
                queue.rebuild(conn)
                summary.rebuilt = True
                continue
            found = briefs(conn, part)
            ids = [b.id for b in found]
            copies = _dedup(conn, found, conf, summary)
            clock.lap("dedup")
            _place(conn, found, conf, story_store.Book(conf.story), copies, summary)
            clock.lap("stories")
            actors.update(conn, ids)
            made = merges.take(conn, part) if merges is not None else None
            summary.merged += merge.update(conn, ids, decoded) if made is None else made
            clock.lap("merge")
            queue.done(conn, part)
        summary.articles += len(found)
        if tick:
            tick(len(found))
    return summary


def pending(store: Store) -> list[str]:
    """Stored articles the corpus stages still owe work to (queued, or in no story)."""
    _adopt_unqueued(store)
    with store.engine.connect() as conn:
        return queue.queued(conn)


def _adopt_unqueued(store: Store) -> None:
    """Queue stored articles in no story (stores written before the queue existed)."""
    met = sa.select(story_articles.c.article_id)
    waiting = sa.select(corpus_queue.c.article_id)
    query = sa.select(articles.c.id).where(articles.c.id.not_in(met), articles.c.id.not_in(waiting))
    with store.engine.connect() as conn:
        missing = list(conn.scalars(query))
    if missing:
        store.enqueue(missing)


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings, self.started = timings, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + now - self.started
        self.started = now


def _dedup(conn: Any, found: list[Brief], conf: Options, summary: Summary) -> dict[str, str]:
    """Link the articles not indexed yet; return copy → original."""
    ids = [b.id for b in found]
    indexed = set(scalars_in(conn, signatures.c.article_id, signatures.c.article_id, ids))
    copies: dict[str, str] = {}
    for brief in found:
        if brief.id in indexed:
            continue
        link = dedup.link_copies(conn, brief, conf.dedup_threshold)
        if link is not None:
            summary.links.append(link)
            if link.original_id:
                copies[brief.id] = link.original_id
    return copies


def _place(
    conn: Any,
    found: list[Brief],
    conf: Options,
    book: story_store.Book,
    copies: dict[str, str],
    summary: Summary,
) -> None:
    """Put the articles in stories, then look for rewrites among each one's story."""
    placed = book.assign(conn, found, copies)
    summary.new_stories += sum(1 for a, (s, _) in placed.items() if s == "s" + a[:15])
    summary.stories.update({a: s for a, (s, _) in placed.items()})
    later = {b.id for b in found}
    for brief in found:
        later.discard(brief.id)
        if brief.id in placed and brief.id not in copies:
            peers = [p for p in _peers(conn, placed[brief.id][0], brief) if p not in later]
            link = dedup.link_rewrite(conn, brief, peers, conf.rewrite_threshold)
            if link is not None:
                summary.links.append(link)


def _peers(conn: Any, story_id: str, brief: Brief, days: int = dedup.REWRITE_DAYS) -> list[str]:
    """Articles of the story published up to ``days`` before ``brief`` (the latest 200)."""
    query = (
        sa.select(story_articles.c.article_id)
        .join(signatures, signatures.c.article_id == story_articles.c.article_id)
        .where(story_articles.c.story_id == story_id, story_articles.c.article_id != brief.id)
    )
    if brief.published is not None:
        since = shift(brief.published, -days)
        query = query.where(
            sa.or_(signatures.c.published.is_(None), signatures.c.published >= since)
        )
    return list(conn.scalars(query.order_by(signatures.c.published.desc()).limit(200)))


__all__ = ["Options", "Summary", "catch_up", "options", "pending", "update"]
