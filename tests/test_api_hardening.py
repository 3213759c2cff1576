"""The REST API under hostile and careless clients (issue 16, API hardening): any token bytes
are a 401, tokens never reach the server's logs, numbers out of range are a 422, and the
article list counts through the article_id indexes (so it stays fast on large stores).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.test_api import build
from tests.test_postgres import fresh_schema

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from uvicorn.logging import AccessFormatter, DefaultFormatter

from wirewatch.api import app as api
from wirewatch.api.logs import Redact
from wirewatch.api.params import MAX_ROWS
from wirewatch.cli import serve as serving_module
from wirewatch.store import Store, url_for
from wirewatch.store.schema import articles, events, mentions, quotes

TOKEN = "s3cret-Token"
HYPOTHESIS = settings(max_examples=150, deadline=None)


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("hardening") / "fixture.db")
    build(db).close()
    return db


@pytest.fixture(scope="module")
def guarded(store_db: str) -> Iterator[TestClient]:
    with TestClient(api.create_app(store_db, token=TOKEN)) as client:
        yield client


@pytest.fixture(scope="module")
def client(store_db: str) -> Iterator[TestClient]:
    with TestClient(api.create_app(store_db)) as test_client:
        yield test_client


# --- any token bytes: 401, never 500 ----------------------------------------------------------


def status_of(app: Any, query: bytes = b"", headers: tuple[tuple[bytes, bytes], ...] = ()) -> int:
    """GET /api through the raw ASGI interface: headers and query string exactly as given, as a
    client on the wire may send them (no HTTP client in between cleans them up)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/api",
        "raw_path": b"/api",
        "root_path": "",
        "query_string": query,
        "headers": list(headers),
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return int(next(m["status"] for m in sent if m["type"] == "http.response.start"))


@pytest.fixture(scope="module")
def guarded_app(store_db: str) -> Any:
    return api.create_app(store_db, token=TOKEN)


LONG = b"\xc3\xa9" * 40_000


@HYPOTHESIS
@given(value=st.binary(max_size=200), scheme=st.sampled_from([b"Bearer ", b"bearer ", b""]))
@example(value="é".encode(), scheme=b"Bearer ")
@example(value=b"\xff\xfe\x00", scheme=b"Bearer ")
@example(value=LONG, scheme=b"Bearer ")
def test_any_authorization_bytes_are_a_401(guarded_app: Any, value: bytes, scheme: bytes) -> None:
    header = ((b"authorization", scheme + value),)
    right = scheme and value.strip() == TOKEN.encode()
    assert status_of(guarded_app, headers=header) == (200 if right else 401)


@HYPOTHESIS
@given(value=st.binary(max_size=200))
@example(value="é".encode())
@example(value=LONG)
def test_any_cookie_bytes_are_a_401(guarded_app: Any, value: bytes) -> None:
    header = ((b"cookie", b"wirewatch_token=" + value),)
    assert status_of(guarded_app, headers=header) == 401


@HYPOTHESIS
@given(raw=st.binary(max_size=200), text=st.text(st.characters(exclude_categories=("Cs",))))
@example(raw=b"\xe9", text="é")
@example(raw=b"%ff%fe", text="\U0001f600" * 5000)
def test_any_query_token_is_a_401(guarded_app: Any, raw: bytes, text: str) -> None:
    """Raw bytes (as a hostile client sends them) and any text, percent-encoded."""
    assert status_of(guarded_app, query=b"token=" + raw) == 401
    encoded = b"token=" + quote(text, safe="").encode()
    assert status_of(guarded_app, query=encoded) == (200 if text == TOKEN else 401)


def test_a_non_ascii_token_works_in_every_place(store_db: str) -> None:
    token = "clé-ключ-🔑"
    utf8 = token.encode()
    app = api.create_app(store_db, token=token)
    assert status_of(app, headers=((b"authorization", b"Bearer " + utf8),)) == 200
    assert status_of(app, query=b"token=" + quote(token).encode()) == 200
    assert status_of(app, query=b"token=" + utf8) == 200  # unencoded bytes, as curl may send
    assert status_of(app, headers=((b"authorization", b"Bearer " + utf8[:-1]),)) == 401
    with TestClient(app) as client:
        first = client.get("/", params={"token": token})
        assert first.status_code == 200
        assert quote(token) not in first.headers["set-cookie"]  # the cookie is not the token
        assert client.get("/api/events").status_code == 200  # the cookie stands for it


def test_next_links_never_carry_the_token(guarded: TestClient) -> None:
    page = guarded.get("/api/events", params={"token": TOKEN, "limit": 1}).json()
    assert page["next"] and TOKEN not in page["next"] and "token" not in page["next"]
    assert "after=" in page["next"] and "offset" not in page["next"]  # a cursor (issue 15)


# --- tokens never reach the logs -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(db: str, token: str) -> Iterator[tuple[str, list[str]]]:
    """``wirewatch serve`` in a subprocess on a free loopback port; yields its base URL and,
    once stopped, every line it wrote (stdout and stderr)."""
    port = free_port()
    command = [sys.executable, "-c", "from wirewatch.cli import main; main()", "serve"]
    command += ["--db", db, "--port", str(port)]
    env = {**os.environ, "WIREWATCH_TOKEN": token, "NO_COLOR": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True
    )
    lines: list[str] = []
    stuck = threading.Timer(120, process.kill)  # a server that never starts fails, not hangs
    stuck.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:  # wait until uvicorn says it listens (or it dies)
            lines.append(line)
            if "Uvicorn running on" in line:
                break
        stuck.cancel()
        assert process.poll() is None and "Uvicorn running on" in lines[-1], "".join(lines)
        yield f"http://127.0.0.1:{port}", lines
    finally:
        stuck.cancel()
        process.terminate()
        rest, _ = process.communicate(timeout=30)
        lines.append(rest)


def fetch(url: str, **headers: str) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as failed:
        return failed.code


def test_serve_logs_never_hold_a_token(store_db: str) -> None:
    secret = "Sup3r-Secret_Value"
    with serving(store_db, secret) as (base, lines):
        assert fetch(f"{base}/api?token={secret}") == 200
        assert fetch(f"{base}/?%74oken={secret}") == 200  # the name percent-encoded
        assert fetch(f"{base}/api/events?limit=2&token={secret}x") == 401  # a wrong token too
        assert fetch(f"{base}/api/events?limit=nine&token={secret}") == 422
        assert fetch(f"{base}/api/articles/{secret}", Authorization=f"Bearer {secret}") == 404
    log = "".join(lines)
    assert log.count('"GET ') == 5, log  # every request was logged ...
    assert secret not in log and "token=[hidden]" in log  # ... without the token
    assert "Secret_Value" not in log  # nor a part of it


def test_tracebacks_and_messages_are_redacted_too() -> None:
    secret = "tök en/+?"
    hide = Redact(secret)
    try:
        raise RuntimeError(f"failed on /api?token={quote(secret)}&x=1 with {secret}")
    except RuntimeError:
        record = logging.LogRecord(
            "uvicorn.error",
            logging.ERROR,
            __file__,
            1,
            "Exception in %s",
            ("ASGI",),
            sys.exc_info(),
        )
    assert hide.filter(record)
    text = DefaultFormatter(use_colors=False).format(record)
    assert "RuntimeError" in text and "x=1" in text
    assert secret not in text and quote(secret) not in text and "tök" not in text
    access = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/api?a=1&TOKEN=abc&token=def", "1.1", 200), None,
    )  # fmt: skip
    assert hide.filter(access)
    line = AccessFormatter(use_colors=False).format(access)
    assert "abc" not in line and "def" not in line and "a=1" in line and line.endswith(" 200")


def test_every_serve_log_handler_hides_tokens() -> None:
    config = serving_module._log_config("abc")
    assert config["filters"]["redact"] == {"()": "wirewatch.api.logs.Redact", "token": "abc"}
    assert all(h["filters"] == ["redact"] for h in config["handlers"].values())
    assert config["root"]["handlers"] == ["default"]


# --- numbers in range, or a 422 ------------------------------------------------------------

LISTS = {
    "/api/articles": ("json", "csv"),
    "/api/events": ("json", "csv", "geojson"),
    "/api/quotes": ("json", "csv"),
    "/api/actors": ("json", "csv"),
    "/api/places": ("json", "csv", "geojson"),
    "/api/stories": ("json", "csv"),
}
NUMBERS = ("limit", "offset")
EDGES = ["99999999999999999999999", "-99999999999999999999999", str(2**63), str(2**64), "-1"]
EDGES += ["9" * 5000, "1e3", "1.5", "NaN", "inf", "", " ", "0x10", "1_000", "١٢"]
VALUES = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(str),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(EDGES),
)
ROUTES = st.sampled_from([(url, fmt) for url, formats in LISTS.items() for fmt in formats])


def whole_number(value: str) -> int | None:
    return int(value) if re.fullmatch(r"-?[0-9]{1,4000}", value) else None


def expected(name: str, value: str, fmt: str) -> set[int]:
    """What a number may get: out of range is a 422; a JSON page over 1000 a 400."""
    number = whole_number(value)
    if number is None:
        return {200, 400, 422}
    low = 1 if name == "limit" else 0
    if not low <= number <= MAX_ROWS:
        return {422}
    return {400} if name == "limit" and fmt == "json" and number > 1000 else {200}


@HYPOTHESIS
@given(route=ROUTES, name=st.sampled_from(NUMBERS), value=VALUES)
@example(route=("/api/articles", "json"), name="offset", value="99999999999999999999999")
@example(route=("/api/events", "csv"), name="limit", value=str(2**63))
@example(route=("/api/places", "geojson"), name="offset", value=str(2**64))
def test_numbers_are_bounded_on_every_list(
    client: TestClient, route: tuple[str, str], name: str, value: str
) -> None:
    url, fmt = route
    response = client.get(url, params={name: value, "format": fmt})
    assert response.status_code in expected(name, value, fmt), (response.status_code, value)
    if response.status_code == 422:
        message = response.json()["error"]["message"]
        assert f"query.{name}: " in message


# --- per-article counts through the article_id indexes ----------------------------------


def unlucky(db: str) -> None:
    """Make the index on kind the newest: SQLite then prefers it to the one on article_id
    when both fit equally (index creation order varies from one store to the next), the
    case where a count scanned every mention of a kind for each article."""
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_article_kind")
        conn.exec_driver_sql("DROP INDEX ix_mentions_kind")
        conn.exec_driver_sql("CREATE INDEX ix_mentions_kind ON mentions (kind)")
    engine.dispose()


@contextlib.contextmanager
def plans(engine: sa.Engine) -> Iterator[list[str]]:
    """The query plans (SQLite's EXPLAIN QUERY PLAN) of the statements run meanwhile."""
    statements: list[tuple[str, Any]] = []

    def seen(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", seen)
    found: list[str] = []
    try:
        yield found
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)
    with engine.connect() as conn:
        for statement, parameters in statements:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            found += [str(row[-1]) for row in rows]


def mention_searches(found: list[str]) -> list[str]:
    return [line for line in found if re.search(r"\b(SEARCH|SCAN) mentions\b", line)]


def test_article_counts_use_the_article_id_indexes(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    synthetic(db, 1201, mentions_per=7, events_per=2, quotes_per=1).close()  # > one id chunk
    unlucky(db)  # and without the composite index, as a store made before it
    app = api.create_app(db)  # opening it adds the index
    with TestClient(app) as client, plans(app.state.store.engine) as found:
        for params in ({}, {"sort": "-events"}, {"q": "Article"}, {"offset": 1200}):
            assert client.get("/api/articles", params=params).status_code == 200
        rows = client.get("/api/articles", params={"format": "csv"}).text.splitlines()
    searches = mention_searches(found)
    assert searches and all("article" in line for line in searches), searches
    assert not any("ix_mentions_kind " in line for line in found), found
    assert len(rows) == 1202 and rows[0].startswith("id,url,source,title,published")
    assert rows[0].endswith(",actors,places,dates,weapons,events,quotes,dateline")
    assert all(row.endswith(",3,2,1,1,2,1,") for row in rows[1:])  # see KINDS
    store = Store(db)
    with plans(store.engine) as found:
        assert len(store.summaries(limit=5)) == 5
    searches = mention_searches(found)
    assert searches and all("ix_mentions_article_kind" in s for s in searches), searches
    store.close()


def test_postgresql_bounds_and_index() -> None:
    """The same on PostgreSQL: huge numbers are a 422 (not a bigint overflow), and a store
    made before the (article_id, kind) index gets it when opened."""
    with fresh_schema() as url:
        build(url).close()
        with TestClient(api.create_app(url)) as client:
            for route, formats in LISTS.items():
                for value in ("99999999999999999999999", str(2**63)):
                    for name in NUMBERS:
                        response = client.get(route, params={name: value, "format": formats[-1]})
                        assert response.status_code == 422, (route, name, response.text)
                assert client.get(route, params={"offset": MAX_ROWS}).status_code == 200
        engine = sa.create_engine(url_for(url))
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_mentions_article_kind")
        Store(url).close()
        names = {i["name"] for i in sa.inspect(engine).get_indexes("mentions")}
        engine.dispose()
        assert "ix_mentions_article_kind" in names


#: Mention kinds of a synthetic article, in the proportions a wire story has them (of 40: 15
#: actors, 10 places, 10 dates, 5 weapons).
KINDS = ("actor", "place", "time", "actor", "weapon", "actor", "place", "time") * 5


def synthetic(
    db: str, count: int, *, mentions_per: int = 40, events_per: int = 5, quotes_per: int = 3
) -> Store:
    """A store of ``count`` made-up articles, written straight into the tables (fast: no stage
    runs), each with ``mentions_per`` mentions, ``events_per`` events, ``quotes_per`` quotes."""
    store = Store(db)
    text = "Officials said the town was struck overnight. " * 40
    with store.engine.begin() as conn:
        for first in range(0, count, 500):
            ids = [f"{i:016x}" for i in range(first, min(count, first + 500))]
            conn.execute(articles.insert(), [_article(a, text) for a in ids])
            conn.execute(
                mentions.insert(),
                [_mention(a, j, kind) for a in ids for j, kind in enumerate(KINDS[:mentions_per])],
            )
            conn.execute(events.insert(), [_event(a, j) for a in ids for j in range(events_per)])
            conn.execute(
                quotes.insert(),
                [
                    {"id": f"{a}-q{j}", "article_id": a, "content": "We will answer.", "record": {}}
                    for a in ids
                    for j in range(quotes_per)
                ],
            )
    return store


def _article(article_id: str, text: str) -> dict[str, Any]:
    number = int(article_id, 16)
    return {
        "id": article_id,
        "url": f"https://example.org/{article_id}",
        "source": f"Wire {number % 7}",
        "title": f"Article {number}",
        "published": dt.date(2024, 1, 1) + dt.timedelta(days=number % 365),
        "contributors": [],
        "text": text,
        "raw": text.encode(),
        "raw_format": "text",
        "origin": f"synthetic/{article_id}.txt",
        "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=number),
        "stages": [["ingest", "1"]],
        "sentences": [],
    }


def _mention(article_id: str, n: int, kind: str) -> dict[str, Any]:
    where = {"start": n * 10, "end": n * 10 + 4, "text": "town"}
    return {"article_id": article_id, "kind": kind, **where, "key": f"k{n}", "record": where}


def _event(article_id: str, n: int) -> dict[str, Any]:
    record = {"text_info": {"sentence": {"start": 0, "end": 45, "text": "Officials said ..."}}}
    return {"id": f"{article_id}-e{n}", "article_id": article_id, "event": "ASSAULT",
            "date": "2024-05-01", "record": record}  # fmt: skip


@pytest.mark.slow
def test_the_article_list_is_fast_on_10k_articles(tmp_path: Path) -> None:
    """The issue's goal: ``/api/articles`` under 200 ms on 10k articles (40 mentions, 5 events
    and 3 quotes each), on a store whose index order once sent the counts through ``kind``."""
    db = str(tmp_path / "10k.db")
    synthetic(db, 10_000).close()
    unlucky(db)
    with TestClient(api.create_app(db)) as client:
        for params in ({}, {"sort": "-events"}, {"offset": 9000}):
            times = []
            for _ in range(7):
                start = time.perf_counter()
                response = client.get("/api/articles", params=params)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200 and response.json()["total"] == 10_000
            median = statistics.median(times) * 1000
            print(f"/api/articles {params or ''} median {median:.1f} ms")
            assert median < 200, (params, median)
