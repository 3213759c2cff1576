"""Stories in the store: new articles join an open story or start one (``cluster`` decides).

Only the stories still open at the batch's first day are loaded (their summed vectors are
kept in ``stories.centroid``), with the document frequencies of the batch's own terms
(``term_df``): an update costs the same whatever the size of the store. A copy found by
dedup joins its original's story without a vote. Each story has a label (the headline of
the member that best matches it), its articles, its time span, its strongest terms and the
actors and places its articles name most.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.corpus import actors
from wirewatch.corpus import text as textual
from wirewatch.corpus.cluster import Clusterer, Params, StoryState
from wirewatch.corpus.db import CHUNK, Brief, chunks, shift, upsert
from wirewatch.records import Story
from wirewatch.store.schema import articles, mentions, stories, story_articles, term_df

TOP_TERMS = 8


@dataclass
class Book:
    """The stories of one corpus batch: the open stories, loaded from the store.

    Feed one update at most some tens of thousands of articles: every story it opens or
    touches stays in memory until it ends.
    """

    params: Params
    clusterer: Clusterer | None = None
    known: set[str] = field(default_factory=set)  # terms whose stored df is loaded

    def assign(
        self, conn: Connection, briefs: Sequence[Brief], copies: Mapping[str, str]
    ) -> dict[str, tuple[str, float]]:
        """Place every article not yet in a story, oldest first (copy → original's story)."""
        done = set(_assigned(conn, [b.id for b in briefs]))
        todo = [b for b in briefs if b.id not in done]
        if not todo:
            return {}
        if self.clusterer is None:
            self.clusterer = _open(conn, min(b.day for b in todo), self.params)
        clusterer = self.clusterer
        found = {b.id: textual.terms(b.title, b.text) for b in todo}
        vocabulary = {t for terms in found.values() for t in terms}
        self._load_df(conn, vocabulary - self.known)
        placed: dict[str, tuple[str, float]] = {}
        for brief in todo:
            story = _story_of(conn, placed, copies.get(brief.id))
            placed[brief.id] = _place(clusterer, brief, found[brief.id], story)
        _save(conn, clusterer, placed, vocabulary)
        return placed

    def _load_df(self, conn: Connection, terms: set[str]) -> None:
        assert self.clusterer is not None
        for part in chunks(sorted(terms)):
            query = sa.select(term_df.c.term, term_df.c.df).where(term_df.c.term.in_(part))
            self.clusterer.df.update(dict(conn.execute(query).all()))
        self.known |= terms


def _place(
    clusterer: Clusterer, brief: Brief, terms: Counter[str], story: str | None
) -> tuple[str, float]:
    if story is None:
        return clusterer.place(brief.id, brief.day, terms)
    clusterer.join(story, brief.day, clusterer.vector(terms, query=False))
    clusterer.count(terms)
    return story, 1.0


def _assigned(conn: Connection, ids: Sequence[str]) -> list[str]:
    found: list[str] = []
    for part in chunks(ids):
        query = sa.select(story_articles.c.article_id).where(story_articles.c.article_id.in_(part))
        found.extend(conn.scalars(query))
    return found


def _story_of(
    conn: Connection, placed: Mapping[str, tuple[str, float]], article_id: str | None
) -> str | None:
    if article_id is None:
        return None
    if article_id in placed:
        return placed[article_id][0]
    query = sa.select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
    return conn.execute(query).scalar()


def _open(conn: Connection, day: dt.date, params: Params) -> Clusterer:
    """A clusterer holding the stories still open on ``day`` and the number of articles."""
    clusterer = Clusterer(params)
    since = shift(day, -params.window)
    for row in conn.execute(sa.select(stories).where(stories.c.last >= since)):
        first, last = row.first or since, row.last or since
        centroid = {str(t): float(w) for t, w in row.centroid.items()}
        clusterer.add_story(StoryState(row.id, first, last, int(row.size), centroid))
    clusterer.docs = int(conn.scalar(sa.select(sa.func.count()).select_from(story_articles)) or 0)
    return clusterer


def _save(
    conn: Connection,
    clusterer: Clusterer,
    placed: Mapping[str, tuple[str, float]],
    vocabulary: set[str],
) -> None:
    touched = sorted({story for story, _ in placed.values()})
    rows = [_story_row(clusterer.stories[s]) for s in touched]
    upsert(conn, stories, rows)
    members = [
        {"article_id": a, "story_id": s, "similarity": round(sim, 4)}
        for a, (s, sim) in placed.items()
    ]
    conn.execute(story_articles.insert(), members)
    upsert(conn, term_df, [{"term": t, "df": clusterer.df[t]} for t in sorted(vocabulary)])
    for story_id in touched:
        conn.execute(
            stories.update()
            .where(stories.c.id == story_id)
            .values(label=_label(conn, clusterer.stories[story_id]))
        )


def _story_row(story: StoryState) -> dict[str, object]:
    return {
        "id": story.id,
        "label": "",
        "first": story.first,
        "last": story.last,
        "size": story.size,
        "centroid": dict(sorted(story.centroid.items())),  # rounded by the clusterer
    }


def _label(conn: Connection, story: StoryState) -> str:
    """The headline of the member that matches the story best, else its strongest terms."""
    query = (
        sa.select(articles.c.title)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .where(story_articles.c.story_id == story.id, articles.c.title.is_not(None))
        .order_by(articles.c.published, articles.c.id)
        .limit(50)
    )
    titles = [t for t in conn.scalars(query) if t and t.strip()]
    if not titles:
        return " ".join(_strongest(story.centroid, 4))

    def score(title: str) -> float:
        terms = textual.terms(title, "")
        return float(sum(story.centroid.get(t, 0.0) for t in terms) / (len(terms) or 1) ** 0.5)

    return str(max(titles, key=score))


def _strongest(centroid: Mapping[str, float], count: int) -> list[str]:
    return [t for t, _ in sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def read(
    conn: Connection, ids: Sequence[str] | None = None, limit: int | None = None
) -> list[Story]:
    """Stories with their articles, newest first (by their last article)."""
    return list(each(conn, ids=ids, limit=limit))


def each(
    conn: Connection,
    ids: Sequence[str] | None = None,
    limit: int | None = None,
    *,
    batch: int = CHUNK,
) -> Iterator[Story]:
    """``read``, streamed: stories are read and assembled ``batch`` at a time, each batch by
    one query per table (its members, their actors, their places), never one per story."""
    query = sa.select(stories).order_by(stories.c.last.desc(), stories.c.id)
    if ids is not None:
        query = query.where(stories.c.id.in_(list(ids)))
    query = query.limit(limit).execution_options(stream_results=True, yield_per=batch)
    for part in conn.execute(query).partitions():
        yield from _assembled(conn, [row._mapping for row in part])


def _assembled(conn: Connection, rows: Sequence[sa.RowMapping]) -> list[Story]:
    members = _members(conn, [row["id"] for row in rows])
    everyone = [m.article_id for found in members.values() for m in found]
    names = {kind: _names(conn, everyone, kind) for kind in ("actor", "place")}
    full = actors.resolve(conn, {n for found in names["actor"].values() for n in found})
    return [_story(row, members.get(row["id"], []), names, full) for row in rows]


def _members(conn: Connection, story_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Each story's articles (id, published), oldest first."""
    found: dict[str, list[Any]] = {}
    for part in chunks(list(story_ids)):
        query = (
            sa.select(story_articles.c.story_id, story_articles.c.article_id, articles.c.published)
            .join(articles, articles.c.id == story_articles.c.article_id)
            .where(story_articles.c.story_id.in_(part))
            .order_by(articles.c.published, articles.c.id)
        )
        for row in conn.execute(query):
            found.setdefault(row.story_id, []).append(row)
    return found


def _names(conn: Connection, article_ids: Sequence[str], kind: str) -> dict[str, set[str]]:
    """The actors (or places) each of these articles names."""
    found: dict[str, set[str]] = {}
    for part in chunks(list(article_ids)):
        query = sa.select(mentions.c.article_id, mentions.c.record).where(
            mentions.c.kind == kind, mentions.c.article_id.in_(part)
        )
        for article_id, record in conn.execute(query):
            if name := _name(kind, record):
                found.setdefault(article_id, set()).add(name)
    return found


def _story(
    row: sa.RowMapping,
    members: Sequence[Any],
    names: Mapping[str, Mapping[str, set[str]]],
    full: Mapping[str, str],
) -> Story:
    """A Story; its span runs over the publication dates of its articles (None when unknown)."""
    ids = [m.article_id for m in members]
    days = [m.published for m in members if m.published is not None]
    return Story(
        id=row["id"],
        label=row["label"],
        first=min(days, default=None),
        last=max(days, default=None),
        articles=tuple(ids),
        terms=tuple(_strongest(row["centroid"], TOP_TERMS)),
        actors=_named(ids, names["actor"], full),
        places=_named(ids, names["place"], {}),
    )


def _named(
    members: Sequence[str], names: Mapping[str, set[str]], full: Mapping[str, str], count: int = 5
) -> tuple[str, ...]:
    """The actors (or places) named in the most member articles (people by their full name)."""
    seen = {(a, full.get(n, n)) for a in members for n in names.get(a, ())}
    per_name = Counter(name for _, name in seen)
    return tuple(n for n, _ in sorted(per_name.items(), key=lambda kv: (-kv[1], kv[0]))[:count])


def _name(kind: str, record: Mapping[str, object]) -> str | None:
    inner = record.get(kind)
    if isinstance(inner, Mapping):
        return str(inner.get("name")) if inner.get("name") else None
    span = record.get("span")
    return str(span.get("text")) if isinstance(span, Mapping) else None
