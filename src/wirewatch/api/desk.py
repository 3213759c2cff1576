"""Reads for the analyst's desk in the web page: the map's events by how precisely they are
placed, and the events behind one link of the actor network.

The map draws an event where its place is known: a point for a town or a spot, the area of
its country or first-level region when that is all that is known (never a point at the
area's centroid), and lists the rest (regions with no shape, such as "Middle East").
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.api.queries import Filters, event_conditions, relation
from wirewatch.store.schema import articles, events

#: Events the map and a link's list read at most (the page says when there are more).
MAP_LIMIT = 5000
LINK_LIMIT = 200
POINT_PRECISIONS = frozenset({"city", "point"})
COLUMNS = (
    events.c.id,
    events.c.article_id,
    events.c.event,
    events.c.actor_codes,
    events.c.recipient_codes,
    events.c.date,
    events.c.dead,
    events.c.injured,
    events.c.modality,
    events.c.polarity,
    events.c.quad,
    events.c.record,
)


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    """What a list item on the map or under a link shows of an event."""
    record = row["record"]
    loc = record.get("event_loc") or {}
    place = loc.get("place") or {}
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "event": row["event"],
        "actor_codes": row["actor_codes"],
        "recipient_codes": row["recipient_codes"],
        "date": row["date"],
        "dead": row["dead"],
        "injured": row["injured"],
        "modality": row["modality"],
        "polarity": row["polarity"],
        "place": place.get("name") or (loc.get("span") or {}).get("text"),
        "sentence": record["text_info"]["sentence"]["text"],
        "title": row.get("title"),
    }


def _rows(
    conn: Connection, f: Filters, limit: int, *where: Any
) -> tuple[int, list[dict[str, Any]]]:
    source = events.join(articles, events.c.article_id == articles.c.id)
    query = sa.select(*COLUMNS, articles.c.title).select_from(source)
    query = query.where(*event_conditions(f), *where)
    total = conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    ordered = query.order_by(events.c.date.desc().nulls_last(), events.c.id).limit(limit)
    return int(total), [dict(r._mapping) for r in conn.execute(ordered)]


def where(record: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """point | country | admin1 | region | unplaced, and the place, for an event record."""
    place = (record.get("event_loc") or {}).get("place")
    if not place:
        return "unplaced", None
    if place.get("precision") in POINT_PRECISIONS or place.get("feature") == "city":
        return "point", place
    if place.get("feature") == "country" and place.get("country"):
        return "country", place
    if place.get("feature") == "admin1" and place.get("geonameid"):
        return "admin1", place
    return "region", place


def _group_key(kind: str, place: dict[str, Any]) -> tuple[Any, ...]:
    if kind == "point":
        return kind, round(place["lat"], 4), round(place["lon"], 4)
    if kind == "country":
        return kind, place["country"]
    return kind, place.get("geonameid") or place.get("name")


def _group(kind: str, place: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": place.get("name"),
        "feature": place.get("feature"),
        "precision": place.get("precision"),
        "country": place.get("country"),
        "geonameid": place.get("geonameid"),
        "events": [],
    }
    if kind == "point":
        found |= {"lat": place["lat"], "lon": place["lon"]}
    return found


def mapped(conn: Connection, f: Filters) -> dict[str, Any]:
    """The matching events grouped by where they happened, by precision (module docstring)."""
    total, rows = _rows(conn, f, MAP_LIMIT)
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    found: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("point", "country", "admin1", "region")
    }
    unplaced = 0
    for row in rows:
        kind, place = where(row["record"])
        if place is None:
            unplaced += 1
            continue
        key = _group_key(kind, place)
        if key not in groups:
            groups[key] = _group(kind, place)
            found[kind].append(groups[key])
        groups[key]["events"].append(_brief(row))
    return {
        "total": total,
        "read": len(rows),
        "points": found["point"],
        "areas": [{"kind": k, **g} for k in ("country", "admin1") for g in found[k]],
        "regions": found["region"],
        "unplaced": unplaced,
    }


def _codes(value: str | None) -> list[str]:
    return [c for c in (value or "").split("|") if c]


def _on_link(row: dict[str, Any], source: str, target: str, kind: str) -> bool:
    return (
        source in _codes(row["actor_codes"])
        and target in _codes(row["recipient_codes"])
        and relation(row["event"], row["quad"]) == kind
    )


def link_events(
    conn: Connection, f: Filters, source: str, target: str, kind: str
) -> dict[str, Any]:
    """The events of one network link: ``source`` acts on ``target`` with relation ``kind``."""
    near = (
        events.c.actor_codes.contains(source, autoescape=True),
        events.c.recipient_codes.contains(target, autoescape=True),
    )
    _total, rows = _rows(conn, f, 100 * LINK_LIMIT, *near)
    hits = [_brief(r) for r in rows if _on_link(r, source, target, kind)]
    return {
        "source": source,
        "target": target,
        "relation": kind,
        "total": len(hits),
        "items": hits[:LINK_LIMIT],
    }
