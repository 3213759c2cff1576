"""The REST API's routes and response formats (JSON, CSV, GeoJSON) under /api."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from wirewatch.api import lists as queries_lists
from wirewatch.api import queries
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
from wirewatch.api.queries import Page, QueryError, Result
from wirewatch.records import to_dict
from wirewatch.store import Store

# --- responses ---------------------------------------------------------------------------


def _sized(page: Page, fmt: str) -> Page:
    """JSON pages hold 1-1000 rows (50 by default); exports hold every row unless limited."""
    if fmt != "json":
        return page
    if page.limit is not None and page.limit > MAX_LIMIT:
        raise QueryError(f"limit {page.limit} is too large for JSON; ask for {MAX_LIMIT} or less.")
    return Page(limit=page.limit or 50, offset=page.offset, sort=page.sort)


def _listing(request: Request, result: Result, page: Page, **extra: Any) -> dict[str, Any]:
    end = page.offset + len(result.items)
    following = None
    if end < result.total:  # without ?token=: the token is never echoed into a page
        here = request.url.remove_query_params("token")
        following = str(here.include_query_params(offset=end, limit=page.limit))
    return {
        "total": result.total,
        "offset": page.offset,
        "limit": page.limit,
        "next": following,
        **extra,
        "items": list(result.items),
    }


def _csv(rows: Sequence[dict[str, Any]], name: str) -> Response:
    text = io.StringIO()
    columns = [k for k in (rows[0] if rows else {}) if k != "record"]
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row[k]) for k in columns})
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(text.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _geojson(rows: Sequence[dict[str, Any]], name: str) -> Response:
    features = [
        {
            "type": "Feature",
            "id": row.get("id") or row.get("geonameid"),
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("record", "lat", "lon")},
        }
        for row in rows
        if row.get("lat") is not None and row.get("lon") is not None
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    headers = {"Content-Disposition": f'attachment; filename="{name}.geojson"'}
    return Response(body, media_type="application/geo+json", headers=headers)


def _answer(request: Request, result: Result, page: Page, fmt: str, name: str) -> Any:
    if fmt == "csv":
        return _csv(result.items, name)
    if fmt == "geojson":
        return _geojson(result.items, name)
    return _listing(request, result, page)


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
    return _answer(request, queries_lists.article_rows(conn, f, page), page, format, "articles")


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
    return _answer(request, queries.event_rows(conn, f, page), page, format, "events")


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
    return _answer(request, queries_lists.quote_rows(conn, f, page), page, format, "quotes")


@router.get("/actors", summary="Actors named, with how often and in how many articles")
def list_actors(
    request: Request,
    conn: Conn,
    f: ActorFilters,
    page: Paged,
    format: Format = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, queries_lists.actor_rows(conn, f, page), page, format, "actors")


@router.get("/places", summary="Resolved places named, with coordinates and counts")
def list_places(
    request: Request,
    conn: Conn,
    f: PlaceFilters,
    page: Paged,
    format: GeoFormat = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, queries_lists.place_rows(conn, f, page), page, format, "places")


@router.get("/stories", summary="Stories (groups of articles), once the corpus stage made them")
def list_stories(request: Request, conn: Conn, page: Paged, format: Format = "json") -> Any:
    page = _sized(page, format)
    result, note = queries_lists.story_rows(conn, page)
    if format == "csv":
        return _csv(result.items, "stories")
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


@router.get("/facets", summary="Values the filters offer (types, sources, ...) with counts")
def get_facets(conn: Conn) -> dict[str, Any]:
    return queries_lists.facets(conn)
