"""Read-side queries for the REST API and the web page: filters, pagination, sorting, aggregates.

SQLAlchemy Core over the store's tables, the same on SQLite and PostgreSQL; never imports spaCy.
Every list is a ``paging.Listing`` (its query, order and finish); its ``page`` is a
``Result`` (the total before paging and one page of plain dicts), its ``rows`` every row.

Dates: ``since``/``until`` select events whose date starts in the range; coarse dates count
from their first day (``2024-05`` is 2024-05-01, ``2024`` is 2024-01-01), intervals from
their start. Article dates (``published``) filter articles and quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.api.paging import Listing, Page, Result, order_by
from wirewatch.api.paging import QueryError as QueryError  # raised here before paging was apart
from wirewatch.store.schema import articles, events, first_day

#: PLOVER event types by what they mean between the two parties (the network's colours).
#: REQUEST is neither: PLOVER folds CAMEO's appeals (02, cooperation) and demands (10,
#: conflict) into it, so the type alone does not tell, and the crosswalk's CAMEO 10 must not
#: paint an appeal between allies as conflict.
COOPERATION = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "YIELD"}
)
CONFLICT = frozenset(
    {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
RELATIONS = ("cooperation", "conflict", "request", "other")
EVENT_COLUMNS = tuple(c.name for c in events.c if c.name != "record")
ARTICLE_COLUMNS = ("source", "title", "published")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


# --- building blocks -------------------------------------------------------------------


def lower_in(column: Any, values: Iterable[str]) -> Any:
    return sa.func.lower(column).in_([v.lower() for v in values])


def contains(column: Any, value: str) -> Any:
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


def in_bbox(lat: Any, lon: Any, box: tuple[float, float, float, float]) -> Any:
    west, south, east, north = box
    across = lon.between(west, east) if west <= east else sa.or_(lon >= west, lon <= east)
    return sa.and_(lat.between(south, north), across)


def _day(column: Any) -> Any:
    """The first day an ISO date value covers, as YYYY-MM-DD text (see the module docstring)."""
    return first_day(column)


def date_range(column: Any, since: dt.date | None, until: dt.date | None) -> list[Any]:
    found = []
    if since:
        found.append(column >= since)
    if until:
        found.append(column <= until)
    return found


def plain(value: Any) -> Any:
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
        found.append(contains(events.c.place, f.place))
    if f.country:
        found.append(events.c.country.in_([c.upper() for c in f.country]))
    if f.bbox:
        found.append(in_bbox(events.c.lat, events.c.lon, f.bbox))
    iso = (f.since.isoformat() if f.since else None, f.until.isoformat() if f.until else None)
    found += [_day(events.c.date) >= iso[0]] if iso[0] else []
    found += [_day(events.c.date) <= iso[1]] if iso[1] else []
    found += [lower_in(articles.c.source, f.source)] if f.source else []
    found += [lower_in(events.c.modality, f.modality)] if f.modality else []
    found += [lower_in(events.c.polarity, f.polarity)] if f.polarity else []
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


def event_list(f: Filters, page: Page) -> Listing:
    """Events with their article's source, title and date, and the sentence they come from."""
    columns = [*(events.c[n] for n in EVENT_COLUMNS), events.c.record]
    query = _event_select(f, *columns, *(articles.c[n] for n in ARTICLE_COLUMNS))
    order = order_by(EVENT_SORT, page.sort, "-date", events.c.id)
    return Listing(query, order, lambda _conn, rows: [_event_item(r) for r in rows])


def event_rows(conn: Connection, f: Filters, page: Page) -> Result:
    return event_list(f, page).page(conn, page)


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    record = row.pop("record")
    row["published"] = plain(row["published"])
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
    """cooperation | conflict | request | other, as the PLOVER type means it; the quad class
    (from the CAMEO crosswalk) decides only for a type PLOVER does not list."""
    if event_type in COOPERATION:
        return "cooperation"
    if event_type in CONFLICT:
        return "conflict"
    if event_type == "REQUEST":
        return "request"
    if quad in (1, 2):
        return "cooperation"
    return "conflict" if quad in (3, 4) else "other"


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
