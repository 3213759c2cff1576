"""The REST API and the web workspace: ``create_app(db)`` (``wirewatch serve`` runs it).

Read-only over the store (SQLite in WAL mode, so an ingest may write meanwhile, or PostgreSQL).
Every error answers with one JSON shape: ``{"error": {"status", "type", "message", "details"}}``.
Lists take filters, ``limit``/``offset``/``sort`` and ``format`` (json, csv, geojson where the
records have coordinates). A token, when set, is checked on every request: the header
``Authorization: Bearer TOKEN``, the cookie the page sets, or ``?token=TOKEN`` once.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hmac
import io
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from sqlalchemy.engine import Connection
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from wirewatch import queries, web
from wirewatch.queries import Filters, Page, QueryError, Result
from wirewatch.records import to_dict
from wirewatch.store import Store

COOKIE = "wirewatch_token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MAX_LIMIT = 1000
Format = Literal["json", "csv"]
GeoFormat = Literal["json", "csv", "geojson"]

# --- the app ---------------------------------------------------------------------------


def create_app(db: str, *, token: str | None = None) -> FastAPI:
    """The API and the page over database ``db``; with ``token``, every request must carry it."""
    store = Store(db)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="wirewatch",
        summary="Attributed, geocoded, time-resolved events from news articles.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.middleware("http")(_guard(token or None))
    _handlers(app)
    app.include_router(router, prefix="/api")
    _page_routes(app)
    return app


Next = Callable[[Request], Awaitable[Response]]


def _guard(token: str | None) -> Callable[[Request, Next], Awaitable[Response]]:
    """Middleware: the token check (when a token is set) and the security headers."""

    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        given = _token_of(request)
        if token is not None and not (given and hmac.compare_digest(given, token)):
            response: Response = _error(
                401,
                "this server needs a token: send 'Authorization: Bearer TOKEN' or open "
                "the page once as /?token=TOKEN.",
            )
            response.headers["WWW-Authenticate"] = "Bearer"
        else:
            response = await call_next(request)
            if token is not None and request.query_params.get("token"):
                response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        response.headers.update(HEADERS)
        return response

    return guard


def _token_of(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(COOKIE) or request.query_params.get("token")


def _error(status: int, message: str, kind: str | None = None, details: Any = None) -> JSONResponse:
    kinds = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed"}
    kinds |= {422: "invalid_parameter", 500: "internal_error", 503: "database_unavailable"}
    body = {"status": status, "type": kind or kinds.get(status, "error"), "message": message}
    return JSONResponse({"error": {**body, "details": details or []}}, status_code=status)


def _handlers(app: FastAPI) -> None:
    """Every error, whoever raises it, answers with the one JSON error shape."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"where": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
        ]
        where = ", ".join(d["where"] for d in details)
        return _error(422, f"invalid parameters: {where}; see /docs.", details=details)

    @app.exception_handler(QueryError)
    async def bad_query(_r: Request, exc: QueryError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(sa.exc.OperationalError)
    async def unavailable(_r: Request, exc: sa.exc.OperationalError) -> JSONResponse:
        return _error(503, f"the database cannot answer now ({exc.orig}); try again.")

    @app.exception_handler(Exception)
    async def crashed(_r: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"unexpected {type(exc).__name__}; see the server log.")


def _page_routes(app: FastAPI) -> None:
    def page(name: str) -> Callable[[], FileResponse]:
        return lambda: FileResponse(web.STATIC / name, media_type="text/html")

    app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)(page("index.html"))
    app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)(page("docs.html"))
    app.get("/favicon.ico", include_in_schema=False)(lambda: RedirectResponse("/static/icon.svg"))
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")


# --- parameters --------------------------------------------------------------------------


R = "Repeat to give several. "
Actor = Annotated[
    list[str] | None,
    Query(description=R + "Actor code (RUS), code and sector (RUS MIL) or name of an actor."),
]
Recipient = Annotated[list[str] | None, Query(description=R + "Like actor, for the recipient.")]
EventType = Annotated[
    list[str] | None, Query(description=R + "PLOVER event type (ASSAULT, AGREE, ...).")
]
Country = Annotated[
    list[str] | None, Query(description=R + "ISO alpha-3 country code of the place.")
]
Source = Annotated[
    list[str] | None, Query(description=R + "Source (outlet) of the article, exactly as stored.")
]
Modality = Annotated[
    list[str] | None,
    Query(description=R + "actual, future, hypothetical, requested or threatened."),
]
Polarity = Annotated[list[str] | None, Query(description=R + "asserted, negated or denied.")]
Stance = Annotated[
    list[str] | None,
    Query(description=R + "asserts, denies, dismisses, threatens, requests or urges."),
]
Kind = Annotated[
    list[str] | None,
    Query(
        description=R
        + "Kind: direct/indirect/mixed for quotes, state/igo/person/org/group for actors."
    ),
]
Sector = Annotated[list[str] | None, Query(description=R + "PLOVER sector (GOV, MIL, REB, ...).")]
PlaceName = Annotated[str | None, Query(description="Part of the place name, any case.")]
Box = Annotated[str | None, Query(description="west,south,east,north in degrees.")]
Since = Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD.")]
Until = Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD.")]
ArticleId = Annotated[str | None, Query(description="Only records of this article id.")]
Text = Annotated[str | None, Query(description="Part of the text searched, any case.")]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise QueryError(f"bbox {value!r} must be four numbers: west,south,east,north.") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError(f"bbox {value!r} is outside -180..180 / -90..90 or south > north.")
    return west, south, east, north


def _filters(**given: Any) -> Filters:
    since, until = given.get("since"), given.get("until")
    if since and until and since > until:
        raise QueryError(f"since {since} is after until {until}.")
    given["bbox"] = _bbox(given.get("bbox"))
    values: dict[str, Any] = {}
    for name, value in given.items():
        if value is not None:
            values[name] = tuple(v for v in value if v) if isinstance(value, list) else value
    return Filters(**values)


def event_filters(
    actor: Actor = None,
    recipient: Recipient = None,
    event: EventType = None,
    place: PlaceName = None,
    country: Country = None,
    bbox: Box = None,
    since: Since = None,
    until: Until = None,
    source: Source = None,
    modality: Modality = None,
    polarity: Polarity = None,
    article: ArticleId = None,
) -> Filters:
    return _filters(**locals())


def article_filters(
    source: Source = None, since: Since = None, until: Until = None, q: Text = None
) -> Filters:
    return _filters(**locals())


def quote_filters(
    speaker: Annotated[str | None, Query(description="Part of the speaker, or a code.")] = None,
    stance: Stance = None,
    kind: Kind = None,
    source: Source = None,
    since: Since = None,
    until: Until = None,
    article: ArticleId = None,
    q: Text = None,
) -> Filters:
    return _filters(**locals())


def actor_filters(
    q: Text = None, sector: Sector = None, kind: Kind = None, source: Source = None,
    article: ArticleId = None,
) -> Filters:  # fmt: skip
    return _filters(**locals())


def place_filters(
    place: PlaceName = None, country: Country = None, bbox: Box = None, source: Source = None,
    article: ArticleId = None,
) -> Filters:  # fmt: skip
    return _filters(**locals())


def _query_names(dependant: Any) -> set[str]:
    names = {str(p.alias) for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def known_parameters(request: Request) -> None:
    """Refuse parameters the endpoint does not take: a misspelt filter must not pass silently."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant) | {"token"}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise QueryError(
            f"unknown parameter {', '.join(unknown)}; this endpoint takes "
            f"{', '.join(sorted(allowed - {'token'})) or 'none'}."
        )


def paging(
    limit: Annotated[int | None, Query(ge=1, description="JSON: 1-1000, default 50.")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Annotated[str | None, Query(description="A sort key; -key sorts descending.")] = None,
) -> Page:
    return Page(limit=limit, offset=offset, sort=sort)


def connection(request: Request) -> Iterator[Connection]:
    with request.app.state.store.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
EventFilters = Annotated[Filters, Depends(event_filters)]
ArticleFilters = Annotated[Filters, Depends(article_filters)]
QuoteFilters = Annotated[Filters, Depends(quote_filters)]
ActorFilters = Annotated[Filters, Depends(actor_filters)]
PlaceFilters = Annotated[Filters, Depends(place_filters)]
Paged = Annotated[Page, Depends(paging)]

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
    if end < result.total:
        following = str(request.url.include_query_params(offset=end, limit=page.limit))
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
    totals = queries.facets(conn)["totals"]
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
    return _answer(request, queries.article_rows(conn, f, page), page, format, "articles")


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
    return _answer(request, queries.quote_rows(conn, f, page), page, format, "quotes")


@router.get("/actors", summary="Actors named, with how often and in how many articles")
def list_actors(
    request: Request,
    conn: Conn,
    f: ActorFilters,
    page: Paged,
    format: Format = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, queries.actor_rows(conn, f, page), page, format, "actors")


@router.get("/places", summary="Resolved places named, with coordinates and counts")
def list_places(
    request: Request,
    conn: Conn,
    f: PlaceFilters,
    page: Paged,
    format: GeoFormat = "json",
) -> Any:
    page = _sized(page, format)
    return _answer(request, queries.place_rows(conn, f, page), page, format, "places")


@router.get("/stories", summary="Stories (groups of articles), once the corpus stage made them")
def list_stories(request: Request, conn: Conn, page: Paged, format: Format = "json") -> Any:
    page = _sized(page, format)
    result, note = queries.story_rows(conn, page)
    if format == "csv":
        return _csv(result.items, "stories")
    return _listing(request, result, page, **({"note": note} if note else {}))


@router.get("/stories/{story_id}", summary="One story and the articles in it")
def get_story(conn: Conn, story_id: str) -> dict[str, Any]:
    found = queries.story(conn, story_id)
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
    return queries.facets(conn)
