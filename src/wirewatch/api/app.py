"""The REST API and the web workspace: ``create_app(db)`` (``wirewatch serve`` runs it).

Read-only over the store (SQLite in WAL mode, so an ingest may write meanwhile, or PostgreSQL).
Every error answers with one JSON shape: ``{"error": {"status", "type", "message", "details"}}``.
Lists take filters, ``limit``/``offset``/``sort`` and ``format`` (json, csv, geojson where the
records have coordinates). A token, when set, is checked on every request: the header
``Authorization: Bearer TOKEN``, the cookie the page sets, or ``?token=TOKEN`` once.
"""

from __future__ import annotations

import contextlib
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from wirewatch import web
from wirewatch.api.queries import QueryError
from wirewatch.api.routes import router
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
