"""Read-side queries for lists other than events: articles, quotes, actors, places, stories,
and the facets the filters offer. Same conventions as ``queries``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.api.paging import Listing, Page, Result, order_by
from wirewatch.api.queries import (
    ARTICLE_COLUMNS,
    Filters,
    contains,
    date_range,
    in_bbox,
    lower_in,
    plain,
)
from wirewatch.corpus import stories as story_store
from wirewatch.records import to_dict
from wirewatch.store.schema import articles, events, mentions, quotes, stories

# --- articles and quotes ----------------------------------------------------------------


def _count_of(table: sa.Table) -> Any:
    query = sa.select(sa.func.count()).where(table.c.article_id == articles.c.id)
    return query.scalar_subquery()


#: What each article list row counts, in order; mentions by kind, events and quotes by row.
MENTION_COUNTS = {"actor": "actors", "place": "places", "time": "dates", "weapon": "weapons"}
COUNTS = (*MENTION_COUNTS.values(), "events", "quotes")
ARTICLE_SORT = {
    "published": articles.c.published,
    "ingested": articles.c.ingested_at,
    "title": articles.c.title,
    "source": articles.c.source,
    "events": _count_of(events),
}


def article_list(f: Filters, page: Page) -> Listing:
    """Article summaries (no text) with counts of what was found in each."""
    names = ("id", "url", "source", "title", "published", "wire", "byline", "ingested_at")
    columns = [articles.c[n] for n in names] + [articles.c.dateline]
    query = sa.select(*columns).where(*_article_conditions(f))
    order = order_by(ARTICLE_SORT, page.sort, "-ingested", articles.c.id)
    return Listing(query, order, _articles_counted)


def article_rows(conn: Connection, f: Filters, page: Page) -> Result:
    return article_list(f, page).page(conn, page)


def _articles_counted(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = article_counts(conn, [row["id"] for row in rows])
    return [_article_item(row, counts[row["id"]]) for row in rows]


def article_counts(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """The counts of these articles only, by grouped queries over their ids: counting in the
    page query would count for every article before the page is cut (seconds on 10k)."""
    found = {i: dict.fromkeys(COUNTS, 0) for i in ids}
    for start in range(0, len(ids), CHUNK):
        for article_id, name, count in _counted(conn, ids[start : start + CHUNK]):
            found[article_id][name] = count
    return found


def _counted(conn: Connection, ids: Sequence[str]) -> Iterator[tuple[str, str, int]]:
    """(article id, count name, count) for these articles, over the article_id indexes."""
    kind = mentions.c.kind
    query = sa.select(mentions.c.article_id, kind, sa.func.count())
    query = query.where(mentions.c.article_id.in_(ids)).group_by(mentions.c.article_id, kind)
    for article_id, found_kind, count in conn.execute(query):
        if found_kind in MENTION_COUNTS:
            yield article_id, MENTION_COUNTS[found_kind], count
    for table in (events, quotes):
        query = sa.select(table.c.article_id, sa.func.count())
        query = query.where(table.c.article_id.in_(ids)).group_by(table.c.article_id)
        for article_id, count in conn.execute(query):
            yield article_id, table.name, count


CHUNK = 500  # article ids per grouped query: well under any database's bound-parameter limit


def _article_conditions(f: Filters) -> list[Any]:
    found = date_range(articles.c.published, f.since, f.until)
    found += [lower_in(articles.c.source, f.source)] if f.source else []
    if f.q:
        found.append(sa.or_(contains(articles.c.title, f.q), contains(articles.c.text, f.q)))
    return found


def _article_item(row: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    dateline = row.pop("dateline") or {}
    row |= counts
    row["dateline"] = dateline.get("text")
    return {k: plain(v) for k, v in row.items()}


QUOTE_COLUMNS = ("id", "article_id", "speaker", "speaker_code", "cue", "kind", "stance", "content")
QUOTE_SORT = {
    "published": articles.c.published,
    "speaker": quotes.c.speaker,
    "stance": quotes.c.stance,
    "source": articles.c.source,
}


def quote_list(f: Filters, page: Page) -> Listing:
    """Quotes and claims with their article's source, title and date."""
    source = quotes.join(articles, quotes.c.article_id == articles.c.id)
    columns = [*(quotes.c[n] for n in QUOTE_COLUMNS), quotes.c.record]
    query = (
        sa.select(*columns, *(articles.c[n] for n in ARTICLE_COLUMNS))
        .select_from(source)
        .where(*_quote_conditions(f))
    )
    order = order_by(QUOTE_SORT, page.sort, "-published", quotes.c.id)
    return Listing(query, order, lambda _conn, rows: [_plain_row(r) for r in rows])


def quote_rows(conn: Connection, f: Filters, page: Page) -> Result:
    return quote_list(f, page).page(conn, page)


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in row.items()}


def _quote_conditions(f: Filters) -> list[Any]:
    found = date_range(articles.c.published, f.since, f.until)
    if f.speaker:
        as_written = contains(quotes.c.record["speaker_text"].as_string(), f.speaker)
        by_code = lower_in(quotes.c.speaker_code, [f.speaker])
        found.append(sa.or_(contains(quotes.c.speaker, f.speaker), as_written, by_code))
    found += [lower_in(quotes.c.stance, f.stance)] if f.stance else []
    found += [lower_in(quotes.c.kind, f.kind)] if f.kind else []
    found += [lower_in(articles.c.source, f.source)] if f.source else []
    found += [quotes.c.article_id == f.article] if f.article else []
    found += [contains(quotes.c.content, f.q)] if f.q else []
    return found


# --- actors and places (aggregated mentions) ----------------------------------------------


def _fields(kind: str, root: str, names: Mapping[str, str]) -> sa.Subquery:
    """Mentions of one kind with fields of their record pulled out (grouped on outside:
    PostgreSQL cannot group on JSON path expressions with bound paths)."""
    record = mentions.c.record
    pulled = [
        (record[(root, n)].as_float() if how == "float" else record[(root, n)].as_string()).label(n)
        for n, how in names.items()
    ]
    source = mentions.join(articles, mentions.c.article_id == articles.c.id)
    query = sa.select(mentions.c.article_id, articles.c.source, *pulled).select_from(source)
    return query.where(mentions.c.kind == kind).subquery()


ACTOR_FIELDS = {"code": "str", "name": "str", "kind": "str", "sector": "str"}


def actor_list(f: Filters, page: Page) -> Listing:
    """Distinct actors (code, name, kind, sector) with how often and in how many articles."""
    found = _fields("actor", "actor", ACTOR_FIELDS)
    keys = [found.c[n] for n in ACTOR_FIELDS]
    query = sa.select(*keys, *_tallies(found)).where(*_actor_conditions(found, f)).group_by(*keys)
    sort = {**{n: found.c[n] for n in ACTOR_FIELDS}, **_tally_sort(found)}
    order = order_by(sort, page.sort, "-mentions", found.c.name)
    return Listing(query, order, keyed=False)  # counted whole for every page: by offset


def actor_rows(conn: Connection, f: Filters, page: Page) -> Result:
    return actor_list(f, page).page(conn, page)


def _tallies(found: sa.Subquery) -> list[Any]:
    return [
        sa.func.count().label("mentions"),
        sa.func.count(sa.distinct(found.c.article_id)).label("articles"),
    ]


def _tally_sort(found: sa.Subquery) -> dict[str, Any]:
    return {"mentions": sa.func.count(), "articles": sa.func.count(sa.distinct(found.c.article_id))}


def _actor_conditions(found: sa.Subquery, f: Filters) -> list[Any]:
    conditions = []
    if f.q:
        conditions.append(sa.or_(contains(found.c.name, f.q), contains(found.c.code, f.q)))
    conditions += [lower_in(found.c.sector, f.sector)] if f.sector else []
    conditions += [lower_in(found.c.kind, f.kind)] if f.kind else []
    conditions += [lower_in(found.c.source, f.source)] if f.source else []
    conditions += [found.c.article_id == f.article] if f.article else []
    return conditions


PLACE_FIELDS = {
    "geonameid": "str",
    "name": "str",
    "feature": "str",
    "country": "str",
    "admin1": "str",
    "lat": "float",
    "lon": "float",
}


def place_list(f: Filters, page: Page) -> Listing:
    """Distinct resolved places with how often and in how many articles they are named."""
    found = _fields("place", "place", PLACE_FIELDS)
    keys = [found.c[n] for n in PLACE_FIELDS]
    conditions = [found.c.name.is_not(None), *_place_conditions(found, f)]
    query = sa.select(*keys, *_tallies(found)).where(*conditions).group_by(*keys)
    sort = {**{n: found.c[n] for n in ("name", "country")}, **_tally_sort(found)}
    order = order_by(sort, page.sort, "-mentions", found.c.name)
    return Listing(query, order, _geonameids, keyed=False)  # counted whole: by offset


def place_rows(conn: Connection, f: Filters, page: Page) -> Result:
    return place_list(f, page).page(conn, page)


def _geonameids(_conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["geonameid"] = int(row["geonameid"]) if row["geonameid"] else None
    return rows


def _place_conditions(found: sa.Subquery, f: Filters) -> list[Any]:
    conditions = []
    conditions += [contains(found.c.name, f.place)] if f.place else []
    conditions += [lower_in(found.c.country, f.country)] if f.country else []
    conditions += [in_bbox(found.c.lat, found.c.lon, f.bbox)] if f.bbox else []
    conditions += [lower_in(found.c.source, f.source)] if f.source else []
    conditions += [found.c.article_id == f.article] if f.article else []
    return conditions


# --- stories (made by the corpus stages) and facets --------------------------------------

NO_STORIES = (
    "no stories yet: the corpus stages group articles into stories after each "
    "'wirewatch run' (or run 'wirewatch stories')."
)
STORY_SORT = {
    "last": stories.c.last,
    "first": stories.c.first,
    "size": stories.c.size,
    "label": stories.c.label,
    "id": stories.c.id,
}


def story_list(page: Page) -> Listing:
    """Stories (label, span, articles, main actors and places)."""
    order = order_by(STORY_SORT, page.sort, "-last", stories.c.id)
    return Listing(sa.select(stories.c.id), order, _stories_read)


def story_rows(conn: Connection, page: Page) -> tuple[Result, str | None]:
    """A page of stories; a note when there are none."""
    found = story_list(page).page(conn, page)
    return found, None if found.total else NO_STORIES


def _stories_read(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    order = [row["id"] for row in rows]
    made = {s.id: to_dict(s) for s in story_store.read(conn, ids=order)} if order else {}
    return [made[i] for i in order]


def story(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """One story with its articles (oldest first), or None."""
    found = story_store.read(conn, ids=[story_id])
    return to_dict(found[0]) if found else None


def facets(conn: Connection) -> dict[str, Any]:
    """Distinct values (with counts) that the filters offer: types, modalities, sources, ..."""

    def tally(column: Any, table: sa.Table) -> list[dict[str, Any]]:
        query = sa.select(column, sa.func.count()).select_from(table).where(column.is_not(None))
        rows = conn.execute(query.group_by(column).order_by(sa.func.count().desc(), column))
        return [{"value": v, "count": c} for v, c in rows]

    return {
        "event": tally(events.c.event, events),
        "modality": tally(events.c.modality, events),
        "polarity": tally(events.c.polarity, events),
        "country": tally(events.c.country, events),
        "source": tally(articles.c.source, articles),
        "stance": tally(quotes.c.stance, quotes),
        "totals": {
            t.name: conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0
            for t in (articles, events, quotes, mentions)
        },
    }
