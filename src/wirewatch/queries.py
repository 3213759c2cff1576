"""Read-side queries for the REST API and the web page: filters, pagination, sorting, aggregates.

SQLAlchemy Core over the store's tables, the same on SQLite and PostgreSQL; never imports spaCy.
Every list query returns a ``Result`` (the total before paging and one page of plain dicts).

Dates: ``since``/``until`` select events whose date starts in the range; coarse dates count
from their first day (``2024-05`` is 2024-05-01, ``2024`` is 2024-01-01), intervals from
their start. Article dates (``published``) filter articles and quotes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.errors import WirewatchError
from wirewatch.store import articles, events, mentions, quotes

#: PLOVER event types by cooperation and conflict, used when an event carries no quad class.
COOPERATION = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "YIELD", "REQUEST"}
)
CONFLICT = frozenset(
    {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
EVENT_COLUMNS = tuple(c.name for c in events.c if c.name != "record")
ARTICLE_COLUMNS = ("source", "title", "published")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class QueryError(WirewatchError):
    """A filter, sort key or page that the query cannot use (the API answers 400)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """Every filter any list accepts; each query uses the ones that apply to it."""

    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    place: str | None = None  # part of the place name, any case
    country: tuple[str, ...] = ()  # ISO alpha-3
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    since: dt.date | None = None
    until: dt.date | None = None
    source: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    polarity: tuple[str, ...] = ()
    article: str | None = None
    q: str | None = None  # part of a title, name or speaker, any case
    speaker: str | None = None
    stance: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page: ``limit`` None means every row; ``sort`` is a key, ``-key`` for descending."""

    limit: int | None = 50
    offset: int = 0
    sort: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    total: int
    items: tuple[dict[str, Any], ...]


# --- building blocks -------------------------------------------------------------------


def _lower_in(column: Any, values: Iterable[str]) -> Any:
    return sa.func.lower(column).in_([v.lower() for v in values])


def _contains(column: Any, value: str) -> Any:
    return sa.func.lower(column).contains(value.lower(), autoescape=True)


def _codes_match(column: Any, wanted: Sequence[str]) -> Any:
    """``RUS`` matches the segment ``RUS MIL`` of ``RUS MIL|UKR``; ``RUS MIL`` matches exactly."""
    padded = "|" + sa.func.lower(sa.func.coalesce(column, "")) + "|"
    tests = []
    for value in wanted:
        token = value.strip().lower()
        tests.append(padded.contains(f"|{token}|", autoescape=True))
        tests.append(padded.contains(f"|{token} ", autoescape=True))
    return sa.or_(*tests)


def _bbox(lat: Any, lon: Any, box: tuple[float, float, float, float]) -> Any:
    west, south, east, north = box
    across = lon.between(west, east) if west <= east else sa.or_(lon >= west, lon <= east)
    return sa.and_(lat.between(south, north), across)


def _day(column: Any) -> Any:
    """The first day an ISO date value covers, as YYYY-MM-DD text (see the module docstring)."""
    return sa.func.substr(column + "-01-01", 1, 10)


def _date_range(column: Any, since: dt.date | None, until: dt.date | None) -> list[Any]:
    found = []
    if since:
        found.append(column >= since)
    if until:
        found.append(column <= until)
    return found


def _order(keys: Mapping[str, Any], sort: str | None, default: str, tie: Any) -> list[Any]:
    chosen = sort or default
    name = chosen.lstrip("-")
    if name not in keys:
        raise QueryError(f"cannot sort by {name!r}; choose one of {', '.join(sorted(keys))}.")
    column = keys[name]
    return [(column.desc() if chosen.startswith("-") else column.asc()).nulls_last(), tie]


def _page(conn: Connection, query: sa.Select[Any], order: list[Any], page: Page) -> Result:
    if (page.limit is not None and page.limit < 0) or page.offset < 0:
        raise QueryError("limit and offset must be 0 or more.")
    total = conn.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    rows = conn.execute(query.order_by(*order).limit(page.limit).offset(page.offset or None))
    return Result(total=int(total or 0), items=tuple(dict(r._mapping) for r in rows))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


# --- events ---------------------------------------------------------------------------


def event_conditions(f: Filters) -> list[Any]:
    """WHERE clauses for the event filters (over events joined with articles)."""
    found: list[Any] = []
    if f.actor:
        found.append(_codes_match(events.c.actor_codes, f.actor))
    if f.recipient:
        found.append(_codes_match(events.c.recipient_codes, f.recipient))
    if f.event:
        found.append(events.c.event.in_([e.upper() for e in f.event]))
    if f.place:
        found.append(_contains(events.c.place, f.place))
    if f.country:
        found.append(events.c.country.in_([c.upper() for c in f.country]))
    if f.bbox:
        found.append(_bbox(events.c.lat, events.c.lon, f.bbox))
    iso = (f.since.isoformat() if f.since else None, f.until.isoformat() if f.until else None)
    found += [_day(events.c.date) >= iso[0]] if iso[0] else []
    found += [_day(events.c.date) <= iso[1]] if iso[1] else []
    found += [_lower_in(articles.c.source, f.source)] if f.source else []
    found += [_lower_in(events.c.modality, f.modality)] if f.modality else []
    found += [_lower_in(events.c.polarity, f.polarity)] if f.polarity else []
    found += [events.c.article_id == f.article] if f.article else []
    return found


def _event_select(f: Filters, *columns: Any) -> sa.Select[Any]:
    source = events.join(articles, events.c.article_id == articles.c.id)
    return sa.select(*columns).select_from(source).where(*event_conditions(f))


EVENT_SORT = {
    "date": _day(events.c.date),
    "event": events.c.event,
    "dead": events.c.dead,
    "injured": events.c.injured,
    "place": events.c.place,
    "country": events.c.country,
    "published": articles.c.published,
    "source": articles.c.source,
}


def event_rows(conn: Connection, f: Filters, page: Page) -> Result:
    """Events with their article's source, title and date, and the sentence they come from."""
    columns = [*(events.c[n] for n in EVENT_COLUMNS), events.c.record]
    query = _event_select(f, *columns, *(articles.c[n] for n in ARTICLE_COLUMNS))
    found = _page(conn, query, _order(EVENT_SORT, page.sort, "-date", events.c.id), page)
    return Result(total=found.total, items=tuple(_event_item(r) for r in found.items))


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    record = row.pop("record")
    row["published"] = _plain(row["published"])
    row["sentence"] = record["text_info"]["sentence"]["text"]
    row["record"] = record
    return row


def event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    query = _event_select(Filters(), *events.c, *(articles.c[n] for n in ARTICLE_COLUMNS))
    row = conn.execute(query.where(events.c.id == event_id)).first()
    return _event_item(dict(row._mapping)) if row else None


def timeline(conn: Connection, f: Filters) -> dict[str, Any]:
    """Events per day and type; coarser dates (month, year, week, interval) and undated apart."""
    query = _event_select(f, events.c.date, events.c.event, sa.func.count()).group_by(
        events.c.date, events.c.event
    )
    days: dict[str, Counter[str]] = {}
    coarse: dict[str, Counter[str]] = {}
    undated: Counter[str] = Counter()
    for value, kind, count in conn.execute(query):
        if value is None:
            undated[kind] += count
        else:
            (days if DAY.match(value) else coarse).setdefault(value, Counter())[kind] += count
    return {
        "days": [{"date": d, "counts": dict(days[d])} for d in sorted(days)],
        "coarse": [{"date": d, "counts": dict(coarse[d])} for d in sorted(coarse)],
        "undated": dict(undated),
        "types": sorted({k for c in (*days.values(), *coarse.values(), undated) for k in c}),
    }


def relation(event_type: str, quad: int | None) -> str:
    """cooperation | conflict | other: the quad class when known, else the PLOVER type."""
    if quad in (1, 2):
        return "cooperation"
    if quad in (3, 4):
        return "conflict"
    if event_type in COOPERATION:
        return "cooperation"
    return "conflict" if event_type in CONFLICT else "other"


def network(conn: Connection, f: Filters) -> dict[str, Any]:
    """Who acts on whom: nodes are actor codes, edges (actor → recipient, relation) weigh events."""
    columns = (events.c.actor_codes, events.c.recipient_codes, events.c.event, events.c.quad)
    query = _event_select(f, *columns, sa.func.count()).group_by(*columns)
    nodes: Counter[str] = Counter()
    edges: dict[tuple[str, str, str], Counter[str]] = {}
    for actors, recipients, kind, quad, count in conn.execute(query):
        sources, targets = _split(actors), _split(recipients)
        for name in {*sources, *targets}:
            nodes[name] += count
        for key in ((s, t, relation(kind, quad)) for s in sources for t in targets if s != t):
            edges.setdefault(key, Counter())[kind] += count
    return {
        "nodes": [{"id": n, "events": c} for n, c in sorted(nodes.items())],
        "edges": [
            {"source": s, "target": t, "relation": r, "weight": sum(c.values()), "types": dict(c)}
            for (s, t, r), c in sorted(edges.items())
        ],
    }


def _split(codes: str | None) -> list[str]:
    return [c for c in (codes or "").split("|") if c]


# --- articles and quotes ----------------------------------------------------------------


def _count_of(table: sa.Table, *where: Any) -> Any:
    query = sa.select(sa.func.count()).where(table.c.article_id == articles.c.id, *where)
    return query.scalar_subquery()


ARTICLE_COUNTS = {
    "actors": _count_of(mentions, mentions.c.kind == "actor"),
    "places": _count_of(mentions, mentions.c.kind == "place"),
    "dates": _count_of(mentions, mentions.c.kind == "time"),
    "weapons": _count_of(mentions, mentions.c.kind == "weapon"),
    "events": _count_of(events),
    "quotes": _count_of(quotes),
}
ARTICLE_SORT = {
    "published": articles.c.published,
    "ingested": articles.c.ingested_at,
    "title": articles.c.title,
    "source": articles.c.source,
    "events": ARTICLE_COUNTS["events"],
}


def article_rows(conn: Connection, f: Filters, page: Page) -> Result:
    """Article summaries (no text) with counts of what was found in each."""
    names = ("id", "url", "source", "title", "published", "wire", "byline", "ingested_at")
    columns = [articles.c[n] for n in names] + [articles.c.dateline]
    counts = [c.label(n) for n, c in ARTICLE_COUNTS.items()]
    query = sa.select(*columns, *counts).where(*_article_conditions(f))
    found = _page(conn, query, _order(ARTICLE_SORT, page.sort, "-ingested", articles.c.id), page)
    return Result(total=found.total, items=tuple(_article_item(r) for r in found.items))


def _article_conditions(f: Filters) -> list[Any]:
    found = _date_range(articles.c.published, f.since, f.until)
    found += [_lower_in(articles.c.source, f.source)] if f.source else []
    if f.q:
        found.append(sa.or_(_contains(articles.c.title, f.q), _contains(articles.c.text, f.q)))
    return found


def _article_item(row: dict[str, Any]) -> dict[str, Any]:
    dateline = row.pop("dateline") or {}
    row["dateline"] = dateline.get("text")
    return {k: _plain(v) for k, v in row.items()}


QUOTE_COLUMNS = ("id", "article_id", "speaker", "speaker_code", "cue", "kind", "stance", "content")
QUOTE_SORT = {
    "published": articles.c.published,
    "speaker": quotes.c.speaker,
    "stance": quotes.c.stance,
    "source": articles.c.source,
}


def quote_rows(conn: Connection, f: Filters, page: Page) -> Result:
    """Quotes and claims with their article's source, title and date."""
    source = quotes.join(articles, quotes.c.article_id == articles.c.id)
    columns = [*(quotes.c[n] for n in QUOTE_COLUMNS), quotes.c.record]
    query = (
        sa.select(*columns, *(articles.c[n] for n in ARTICLE_COLUMNS))
        .select_from(source)
        .where(*_quote_conditions(f))
    )
    found = _page(conn, query, _order(QUOTE_SORT, page.sort, "-published", quotes.c.id), page)
    return Result(
        total=found.total,
        items=tuple({k: _plain(v) for k, v in r.items()} for r in found.items),
    )


def _quote_conditions(f: Filters) -> list[Any]:
    found = _date_range(articles.c.published, f.since, f.until)
    if f.speaker:
        as_written = _contains(quotes.c.record["speaker_text"].as_string(), f.speaker)
        by_code = _lower_in(quotes.c.speaker_code, [f.speaker])
        found.append(sa.or_(_contains(quotes.c.speaker, f.speaker), as_written, by_code))
    found += [_lower_in(quotes.c.stance, f.stance)] if f.stance else []
    found += [_lower_in(quotes.c.kind, f.kind)] if f.kind else []
    found += [_lower_in(articles.c.source, f.source)] if f.source else []
    found += [quotes.c.article_id == f.article] if f.article else []
    found += [_contains(quotes.c.content, f.q)] if f.q else []
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


def actor_rows(conn: Connection, f: Filters, page: Page) -> Result:
    """Distinct actors (code, name, kind, sector) with how often and in how many articles."""
    found = _fields("actor", "actor", ACTOR_FIELDS)
    keys = [found.c[n] for n in ACTOR_FIELDS]
    query = sa.select(*keys, *_tallies(found)).where(*_actor_conditions(found, f)).group_by(*keys)
    sort = {**{n: found.c[n] for n in ACTOR_FIELDS}, **_tally_sort(found)}
    return _page(conn, query, _order(sort, page.sort, "-mentions", found.c.name), page)


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
        conditions.append(sa.or_(_contains(found.c.name, f.q), _contains(found.c.code, f.q)))
    conditions += [_lower_in(found.c.sector, f.sector)] if f.sector else []
    conditions += [_lower_in(found.c.kind, f.kind)] if f.kind else []
    conditions += [_lower_in(found.c.source, f.source)] if f.source else []
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


def place_rows(conn: Connection, f: Filters, page: Page) -> Result:
    """Distinct resolved places with how often and in how many articles they are named."""
    found = _fields("place", "place", PLACE_FIELDS)
    keys = [found.c[n] for n in PLACE_FIELDS]
    conditions = [found.c.name.is_not(None), *_place_conditions(found, f)]
    query = sa.select(*keys, *_tallies(found)).where(*conditions).group_by(*keys)
    sort = {**{n: found.c[n] for n in ("name", "country")}, **_tally_sort(found)}
    result = _page(conn, query, _order(sort, page.sort, "-mentions", found.c.name), page)
    for item in result.items:
        item["geonameid"] = int(item["geonameid"]) if item["geonameid"] else None
    return result


def _place_conditions(found: sa.Subquery, f: Filters) -> list[Any]:
    conditions = []
    conditions += [_contains(found.c.name, f.place)] if f.place else []
    conditions += [_lower_in(found.c.country, f.country)] if f.country else []
    conditions += [_bbox(found.c.lat, found.c.lon, f.bbox)] if f.bbox else []
    conditions += [_lower_in(found.c.source, f.source)] if f.source else []
    conditions += [found.c.article_id == f.article] if f.article else []
    return conditions


# --- stories (tables another stage adds) and facets -------------------------------------

NO_STORIES = (
    "no stories table in this database yet: stories appear once the corpus stage that "
    "groups articles into stories has run on it."
)


def story_rows(conn: Connection, page: Page) -> tuple[Result, str | None]:
    """Rows of the ``stories`` table when it exists; else an empty result and a note why."""
    table = _reflect(conn, "stories")
    if table is None:
        return Result(total=0, items=()), NO_STORIES
    key = table.c.id if "id" in table.c else next(iter(table.c))
    sort = {c.name: c for c in table.c if not isinstance(c.type, sa.JSON | sa.LargeBinary)}
    found = _page(conn, sa.select(table), _order(sort, page.sort, key.name, key), page)
    items = tuple({k: _loaded(v) for k, v in r.items()} for r in found.items)
    return Result(total=found.total, items=items), None


def story(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """One story row, with the article ids of any table linking stories to articles."""
    table = _reflect(conn, "stories")
    if table is None:
        return None
    key = table.c.id if "id" in table.c else next(iter(table.c))
    row = conn.execute(sa.select(table).where(sa.cast(key, sa.Text) == story_id)).first()
    if row is None:
        return None
    found = {k: _loaded(v) for k, v in row._mapping.items()}
    for name in sa.inspect(conn).get_table_names():
        link = _reflect(conn, name)
        if link is not None and {"story_id", "article_id"} <= set(link.c.keys()):
            query = sa.select(link.c.article_id).where(
                sa.cast(link.c.story_id, sa.Text) == story_id
            )
            found.setdefault("article_ids", list(conn.scalars(query.order_by(link.c.article_id))))
    return found


def _reflect(conn: Connection, name: str) -> sa.Table | None:
    if not sa.inspect(conn).has_table(name):
        return None
    return sa.Table(name, sa.MetaData(), autoload_with=conn)


def _loaded(value: Any) -> Any:
    if isinstance(value, bytes):
        return None
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return _plain(value)


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
