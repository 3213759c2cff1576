"""The corpus stages' queue: which stored articles they still owe work to, and in what order.

``Store.save`` queues an article in the transaction that stores it; a corpus batch takes its
articles off in the transaction that does their work. So a crash loses nothing: the next
``catch_up`` finds the work still queued. Articles go through in one fixed order, their
day (publication date, else the day stored) and then their id, and ``corpus_mark`` in
``meta`` keeps the last one done: an article that sorts before it (stored late, or read
again) means the tables built so far assumed a different history, so they are built again
from the start. The corpus tables are thus a function of the stored articles alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.corpus.db import chunks
from wirewatch.store.schema import CORPUS, articles, corpus_queue, meta

MARK = "corpus_mark"
Key = tuple[str, str]  # (ISO day, article id)


def queued(conn: Connection) -> list[str]:
    """Every queued article id, in the order the corpus stages take them."""
    return [key[1] for key in _keys(conn)]


def met(conn: Connection) -> list[str]:
    """Every stored article the corpus stages have done (none queued), in their order."""
    waiting = sa.select(corpus_queue.c.article_id)
    query = sa.select(articles.c.id, articles.c.published, articles.c.ingested_at).where(
        articles.c.id.not_in(waiting)
    )
    return [key[1] for key in sorted(_key(*row) for row in conn.execute(query))]


def next_batch(conn: Connection, size: int) -> list[str]:
    """The first ``size`` queued article ids in the corpus order."""
    return [key[1] for key in _keys(conn)[:size]]


def out_of_order(conn: Connection, batch: Sequence[str]) -> bool:
    """Whether the batch starts before the last article done (so history must be redone)."""
    mark = _mark(conn)
    return mark is not None and bool(batch) and _key_of(conn, batch[0]) < mark


def done(conn: Connection, batch: Sequence[str]) -> None:
    """Take the batch off the queue and move the mark to its last article."""
    for part in chunks(list(batch)):
        conn.execute(corpus_queue.delete().where(corpus_queue.c.article_id.in_(part)))
    last = _key_of(conn, batch[-1])
    mark = _mark(conn)
    if mark is None or last > mark:
        value = "|".join(last)
        if mark is None:
            conn.execute(meta.insert().values(key=MARK, value=value))
        else:
            conn.execute(meta.update().where(meta.c.key == MARK).values(value=value))


def rebuild(conn: Connection) -> None:
    """Empty every corpus table and queue every stored article again."""
    for table in CORPUS:
        conn.execute(table.delete())
    conn.execute(meta.delete().where(meta.c.key == MARK))
    waiting = sa.select(corpus_queue.c.article_id)
    now = sa.literal(dt.datetime.now(dt.UTC), sa.DateTime(timezone=True))
    missing = sa.select(articles.c.id, now).where(articles.c.id.not_in(waiting))
    conn.execute(corpus_queue.insert().from_select(["article_id", "queued_at"], missing))


def _keys(conn: Connection) -> list[Key]:
    """The queued articles' keys. The queue is read first and its articles looked up by id:
    a join lets SQLite walk the whole articles table for a queue of a few (issue 15)."""
    waiting = list(conn.scalars(sa.select(corpus_queue.c.article_id)))
    columns = (articles.c.id, articles.c.published, articles.c.ingested_at)
    found: list[Key] = []
    for part in chunks(waiting):
        query = sa.select(*columns).where(articles.c.id.in_(part))
        found.extend(_key(*row) for row in conn.execute(query))
    return sorted(found)


def _key_of(conn: Connection, article_id: str) -> Key:
    query = sa.select(articles.c.id, articles.c.published, articles.c.ingested_at).where(
        articles.c.id == article_id
    )
    return _key(*conn.execute(query).one())


def _key(article_id: str, published: dt.date | None, ingested: dt.datetime) -> Key:
    day = published or (ingested.astimezone(dt.UTC) if ingested.tzinfo else ingested).date()
    return (day.isoformat(), article_id)


def _mark(conn: Connection) -> Key | None:
    value = conn.scalar(sa.select(meta.c.value).where(meta.c.key == MARK))
    if not value:
        return None
    day, _, article_id = str(value).partition("|")
    return (day, article_id)
