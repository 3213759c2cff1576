"""The REST API's routes and response formats (JSON, CSV, GeoJSON) under /api.

JSON pages carry a ``next`` link with the cursor of their last row; CSV and GeoJSON hold every
matching row and are streamed (``export``'s writers), so their size costs no memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.engine import Connection

from wirewatch import export
from wirewatch.api import desk, queries
from wirewatch.api import lists as queries_lists
from wirewatch.api.paging import Listing, Page, QueryError, Result
from wirewatch.api.params import (
    MAX_LIMIT,
    ActorFilters,
    ArticleFilters,
    Conn,
    EventFilters,
    Format,
    GeoFormat,
    Paged,
    PlaceFilters,
    QuoteFilters,
    known_parameters,
)
from wirewatch.records import to_dict
from wirewatch.store import Store
from wirewatch.store.schema import events

# --- responses ---------------------------------------------------------------------------


def _sized(page: Page, fmt: str) -> Page:
    """JSON pages hold 1-1000 rows (50 by default); exports hold every row unless limited."""
    if fmt != "json":
        return page
    if page.limit is not None and page.limit > MAX_LIMIT:
        raise QueryError(f"limit {page.limit} is too large for JSON; ask for {MAX_LIMIT} or less.")
    return replace(page, limit=page.limit or 50)


def _listing(request: Request, result: Result, page: Page, **extra: Any) -> dict[str, Any]:
    return {
        "total": result.total,
        "offset": page.offset,
        "limit": page.limit,
        "next": _next(request, result, page),
        **extra,
        "items": list(result.items),
    }


def _next(request: Request, result: Result, page: Page) -> str | None:
    """The following page's URL: its cursor (``after``), or its offset for lists paged so;
    without ?token=, so the token is never echoed into a page."""
    if not result.more:
        return None
    here = request.url.remove_query_params("token")
    if result.cursor is None:
        return str(here.include_query_params(offset=page.offset + len(result.items)))
    here = here.remove_query_params("offset")
    return str(here.include_query_params(after=result.cursor, limit=page.limit))


def _export(request: Request, listing: Listing, page: Page, fmt: str, name: str) -> Response:
    """Every row of the list as CSV or GeoJSON, streamed a batch at a time from a connection
    of its own (held until the last row is sent)."""
    engine = request.app.state.store.engine

    def rows() -> Iterator[dict[str, Any]]:
        with engine.connect() as conn:
            yield from listing.rows(conn, page)

    return _streamed(rows(), fmt, name)


def _streamed(rows: Iterable[dict[str, Any]], fmt: str, name: str) -> Response:
    if fmt == "csv":
        body = export.csv_chunks((_cells(row) for row in rows), leave=("record",))
        media = "text/csv; charset=utf-8"
    else:
        body = export.geojson_chunks(_features(rows))
        media = "application/geo+json"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _cell(v) for k, v in row.items()}


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _features(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        if row.get("lat") is not None and row.get("lon") is not None:
            yield {
                "type": "Feature",
                "id": row.get("id") or row.get("geonameid"),
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {
                    **{k: v for k, v in row.items() if k not in ("record", "lat", "lon")},
                    **_precision(row.get("record")),
                },
            }


def _precision(record: Any) -> dict[str, Any]:
    """An event's place precision, and whether its point is the place or stands for an area
    (a country or a region: the gazetteer's representative point), as the export says it."""
    place = (
        ((record or {}).get("event_loc") or {}).get("place") if isinstance(record, dict) else None
    )
    if not place:
        return {}
    precision = place.get("precision")
    kind = "point" if precision in export.geojson.POINT else "area"
    return {"precision": precision, "location_type": kind}


def _placed(listing: Listing) -> Listing:
    """Only the events with coordinates: a GeoJSON page's limit counts features, so the
    unplaced are dropped by the query, before the limit and the key paging."""
    where = (events.c.lat.is_not(None), events.c.lon.is_not(None))
    return replace(listing, query=listing.query.where(*where))


def _answer(
    request: Request, conn: Connection, listing: Listing, page: Page, fmt: str, name: str
) -> Any:
    if fmt in ("csv", "geojson"):
        return _export(request, listing, page, fmt, name)
    return _listing(request, listing.page(conn, page), page)


# --- routes ----------------------------------------------------------------------------

router = APIRouter(dependencies=[Depends(known_parameters)])


@router.get("", summary="What this server holds, and where the docs are")
def index(conn: Conn) -> dict[str, Any]:
    totals = queries_lists.facets(conn)["totals"]
    return {"name": "wirewatch", "docs": "/docs", "openapi": "/api/openapi.json", **totals}


@router.get("/articles", summary="Articles (no text), with counts of what was found")
def list_articles(
    request: Request,
    conn: Conn,
    f: ArticleFilters,
    page: Paged,
    format: Format = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, conn, queries_lists.article_list(f, page), page, format, "articles")


@router.get("/articles/{article_id}", summary="One article, whole: text, offsets, every record")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    store: Store = request.app.state.store
    found = store.article_ids(article_id)
    if len(found) != 1:
        problem = "matches no article" if not found else "matches several articles"
        raise HTTPException(404, f"article {article_id!r} {problem}; see /api/articles.")
    return dict(to_dict(store.load(found[0])))


@router.get("/events", summary="Events (PLOVER records), filtered, sorted and paged")
def list_events(
    request: Request, conn: Conn, f: EventFilters, page: Paged, format: GeoFormat = "json"
) -> Any:
    page = _sized(page, format)
    listing = queries.event_list(f, page)
    if format == "geojson":
        listing = _placed(listing)
    return _answer(request, conn, listing, page, format, "events")


@router.get("/events/{event_id}", summary="One event with the sentence it comes from")
def get_event(conn: Conn, event_id: str) -> dict[str, Any]:
    found = queries.event(conn, event_id)
    if found is None:
        raise HTTPException(404, f"event {event_id!r} is not stored; see /api/events.")
    return found


@router.get("/quotes", summary="Quotes and claims: who said what, how, with what stance")
def list_quotes(
    request: Request,
    conn: Conn,
    f: QuoteFilters,
    page: Paged,
    format: Format = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, conn, queries_lists.quote_list(f, page), page, format, "quotes")


@router.get("/actors", summary="Actors named, with how often and in how many articles")
def list_actors(
    request: Request,
    conn: Conn,
    f: ActorFilters,
    page: Paged,
    format: Format = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, conn, queries_lists.actor_list(f, page), page, format, "actors")


@router.get("/places", summary="Resolved places named, with coordinates and counts")
def list_places(
    request: Request,
    conn: Conn,
    f: PlaceFilters,
    page: Paged,
    format: GeoFormat = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, conn, queries_lists.place_list(f, page), page, format, "places")


@router.get("/stories", summary="Stories (groups of articles), once the corpus stage made them")
def list_stories(request: Request, conn: Conn, page: Paged, format: Format = "json") -> Any:
    page = _sized(page, format)
    if format == "csv":
        return _export(request, queries_lists.story_list(page), page, format, "stories")
    result, note = queries_lists.story_rows(conn, page)
    return _listing(request, result, page, **({"note": note} if note else {}))


@router.get("/stories/{story_id}", summary="One story and the articles in it")
def get_story(conn: Conn, story_id: str) -> dict[str, Any]:
    found = queries_lists.story(conn, story_id)
    if found is None:
        raise HTTPException(404, f"story {story_id!r} is not stored; see /api/stories.")
    return found


@router.get("/timeline", summary="Events per day and type for the filters")
def get_timeline(conn: Conn, f: EventFilters) -> dict[str, Any]:
    return queries.timeline(conn, f)


@router.get("/network", summary="Who acts on whom: actors, edges weighted by events")
def get_network(conn: Conn, f: EventFilters) -> dict[str, Any]:
    return queries.network(conn, f)


@router.get("/network/events", summary="The events of one network link, with their sentences")
def get_link_events(
    conn: Conn,
    f: EventFilters,
    from_actor: Annotated[str, Query(description="The link's actor, as the network names it.")],
    to_actor: Annotated[str, Query(description="The link's recipient, as the network names it.")],
    relation: Annotated[
        Literal["cooperation", "conflict", "request", "other"],
        Query(description="The link's relation: cooperation, conflict, request or other."),
    ],
) -> dict[str, Any]:
    return desk.link_events(conn, f, from_actor, to_actor, relation)


@router.get("/map", summary="Events by where they happened: points, areas, wider regions")
def get_map(conn: Conn, f: EventFilters) -> dict[str, Any]:
    return desk.mapped(conn, f)


@router.get("/facets", summary="Values the filters offer (types, sources, ...) with counts")
def get_facets(conn: Conn) -> dict[str, Any]:
    return queries_lists.facets(conn)
