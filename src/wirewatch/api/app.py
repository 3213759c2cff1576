"""The REST API and the web workspace: ``create_app(db)`` (``wirewatch serve`` runs it).

Read-only over the store (SQLite in WAL mode, so an ingest may write meanwhile, or PostgreSQL).
Every error answers with one JSON shape: ``{"error": {"status", "type", "message", "details"}}``.
Lists take filters, ``limit``/``offset``/``sort`` and ``format`` (json, csv, geojson where the
records have coordinates). A token, when set, is checked on every request: the header
``Authorization: Bearer TOKEN``, the cookie the page sets, or ``?token=TOKEN`` once.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

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
    secret = _secret(token) if token is not None else None

    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if secret is not None and not _carries(request, secret):
            response: Response = _error(
                401,
                "this server needs a token: send 'Authorization: Bearer TOKEN' or open "
                "the page once as /?token=TOKEN.",
            )
            response.headers["WWW-Authenticate"] = "Bearer"
        else:
            response = await call_next(request)
            if secret is not None and _same(_query_token(request), secret):
                response.set_cookie(COOKIE, _cookie_of(secret), httponly=True, samesite="strict")
        response.headers.update(HEADERS)
        return response

    return guard


# --- the token, compared as bytes ----------------------------------------------------------
# A client may send any bytes. Everything given is compared as the raw bytes it arrived as
# (header and cookie bytes, percent-decoded query bytes), so no byte string can make the
# comparison raise (``hmac.compare_digest`` refuses non-ASCII text): a wrong token is a 401.


def _secret(token: str) -> bytes:
    """The token as a client sends it: UTF-8 (bytes an environment variable could not decode
    come back as they were)."""
    return token.encode("utf-8", "surrogateescape")


def _cookie_of(secret: bytes) -> str:
    """What the cookie holds: a keyed hash of the token, so the token itself never sits in a
    browser's cookie store, and the cookie is ASCII whatever the token is."""
    return hmac.new(secret, b"wirewatch cookie", hashlib.sha256).hexdigest()


def _same(given: bytes | None, wanted: bytes) -> bool:
    """Equal, in constant time; digests are compared so that the time tells nothing of the
    token's length either."""
    if not given:
        return False
    return hmac.compare_digest(hashlib.sha256(given).digest(), hashlib.sha256(wanted).digest())


def _carries(request: Request, secret: bytes) -> bool:
    """Whether the header, the cookie or ``?token=`` carries the token (any one will do)."""
    by_header = _same(_bearer(request), secret)
    by_query = _same(_query_token(request), secret)
    by_cookie = _same(_cookie(request), _cookie_of(secret).encode())
    return by_header or by_query or by_cookie


def _headers(request: Request, name: bytes) -> list[bytes]:
    return [value for key, value in request.headers.raw if key.lower() == name]


def _bearer(request: Request) -> bytes | None:
    for value in _headers(request, b"authorization"):
        if value[:7].lower() == b"bearer ":
            return value[7:].strip()
    return None


def _cookie(request: Request) -> bytes | None:
    for header in _headers(request, b"cookie"):
        for part in header.split(b";"):
            name, _, value = part.partition(b"=")
            if name.strip() == COOKIE.encode():
                return value.strip()
    return None


def _query_token(request: Request) -> bytes | None:
    """The last ``token`` of the query string, percent-decoded to the bytes it stands for."""
    query = request.scope.get("query_string", b"").decode("latin-1")
    found = [
        v for k, v in parse_qsl(query, keep_blank_values=True, encoding="latin-1") if k == "token"
    ]
    return found[-1].encode("latin-1") if found else None


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
        said = "; ".join(f"{d['where']}: {d['message']}" for d in details)
        return _error(422, f"invalid parameters: {said}; see /docs.", details=details)

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
