"""Exports and lists that stream (issue 15): the same rows as whole-table writers, memory flat
in store size, API pages through cursors, and reads that decode only what they need."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from bench.export_speed import article
from fastapi.testclient import TestClient
from tests.conftest import statements
from tests.test_api import build as build_fixture

from wirewatch import corpus, export
from wirewatch.api.app import create_app
from wirewatch.store import Store

# --- stores --------------------------------------------------------------------------------


def synthetic(db: str, count: int, seed: int = 15) -> Store:
    """``count`` made-up articles of five events, three quotes and eight mentions each."""
    store = Store(db)
    rng = random.Random(seed)
    for number in range(count):
        store.save(article(number, rng))
    return store


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> str:
    """40 articles (200 events) through the corpus stages: every kind has rows."""
    db = str(tmp_path_factory.mktemp("streaming") / "small.db")
    store = synthetic(db, 40)
    corpus.catch_up(store)
    store.close()
    return db


@pytest.fixture
def tiny_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 7 rows, so that a small store is written in many."""
    monkeypatch.setattr(export.writers, "BATCH", 7)


# --- exports: the same rows as before -------------------------------------------------------


def whole_csv(rows: list[dict[str, Any]]) -> bytes:
    """CSV as the export wrote it before it streamed: every row in memory, then written."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]) if rows else [])
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


@pytest.mark.parametrize("what", export.WHAT)
def test_csv_and_jsonl_are_the_bytes_whole_table_writers_give(
    small: str, what: str, tiny_batches: None
) -> None:
    check_csv_and_jsonl(Store(small), what)


def check_csv_and_jsonl(store: Store, what: str) -> None:
    rows = list(export.rows(store, what))
    assert rows or what == "failures", what
    assert len(rows) > 7 or what not in ("events", "quotes", "articles", "merged", "actors")
    streamed = io.BytesIO()
    assert export.write(store, what, "csv", streamed) == len(rows)
    assert streamed.getvalue() == whole_csv(rows)
    lines = io.BytesIO()
    assert export.write(store, what, "jsonl", lines) == len(rows)
    whole = [json.dumps(r, ensure_ascii=False) for r in export.records(store, what)]
    assert lines.getvalue().decode().splitlines() == whole


def test_actors_are_tallied_as_before_in_the_order_first_named(small: str) -> None:
    """The tally the export made before it streamed: every actor mention read into sets."""
    store = Store(small)
    tally: dict[str, tuple[dict[str, Any], int, set[str]]] = {}
    with store.engine.connect() as conn:
        query = "SELECT article_id, record FROM mentions WHERE kind = 'actor' ORDER BY id"
        for article_id, record in conn.exec_driver_sql(query):
            actor = json.loads(record)["actor"]
            key = json.dumps(actor, sort_keys=True)
            _, count, seen = tally.setdefault(key, (actor, 0, set()))
            tally[key] = (actor, count + 1, seen | {article_id})
    before = [{**a, "mentions": c, "articles": len(s)} for a, c, s in tally.values()]
    assert len(before) > 3 and list(export.records(store, "actors")) == before


def test_flat_rows_are_the_table_in_id_order(small: str, tiny_batches: None) -> None:
    store = Store(small)
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT * FROM events ORDER BY id")).mappings().all()
    flat = list(export.flat_rows(store, "events"))
    assert [r["id"] for r in flat] == [r["id"] for r in stored]
    assert list(flat[0]) == [k for k in stored[0] if k != "record"]
    assert flat[3]["lat"] == stored[3]["lat"] and flat[3]["dead"] == stored[3]["dead"]


@pytest.mark.parametrize("what", export.WHAT)
def test_parquet_holds_the_rows_whole_table_writers_give(
    small: str, what: str, tiny_batches: None
) -> None:
    check_parquet(Store(small), what)


def check_parquet(store: Store, what: str) -> None:
    rows = list(export.rows(store, what))
    out = io.BytesIO()
    assert export.write(store, what, "parquet", out) == len(rows)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    if rows:
        before = pa.Table.from_pylist(rows)
        assert table.column_names == before.column_names
        assert table.to_pylist() == before.to_pylist()
        for field in before.schema:  # the same types, but where every value was empty
            assert field.type == pa.null() or table.schema.field(field.name).type == field.type
    assert table.num_rows == len(rows)
    if len(rows) > 7:
        assert pq.ParquetFile(io.BytesIO(out.getvalue())).num_row_groups > 1


def test_parquet_types_a_column_empty_in_every_row(small: str) -> None:
    """Issue 14: ``injured`` (never found in these events) was typed null; it is an integer."""
    store = Store(small)
    assert all(r["injured"] is None for r in export.flat_rows(store, "events"))
    out = io.BytesIO()
    export.write(store, "events", "parquet", out)
    schema = pq.read_schema(io.BytesIO(out.getvalue()))
    assert schema.field("injured").type == pa.int64()
    assert schema.field("dead").type == pa.int64() and schema.field("lat").type == pa.float64()
    empty = io.BytesIO()
    assert export.write(Store(small), "failures", "parquet", empty) == 0
    assert pq.read_schema(io.BytesIO(empty.getvalue())).names == [
        "id", "run_id", "origin", "stage", "reason", "detail", "at",
    ]  # fmt: skip


# --- exports: memory flat in store size -----------------------------------------------------


@pytest.fixture(scope="module")
def sized(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    """Stores of 200 and 1,000 events."""
    folder = tmp_path_factory.mktemp("sized")
    found = {}
    for articles in (40, 200):
        db = str(folder / f"{articles}.db")
        synthetic(db, articles).close()
        found[articles * 5] = db
    return found


def peak(db: str, fmt: str) -> int:
    """Python's peak allocation while exporting every event of ``db`` in ``fmt``."""
    store = Store(db)
    with open("/dev/null", "wb") as out:
        tracemalloc.start()
        try:
            export.write(store, "events", fmt, out)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            store.close()


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_export_memory_is_flat_in_store_size(
    sized: dict[int, str], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five times the events, about the same peak: rows are held a batch at a time (here 40;
    the whole table was held before, five times the memory)."""
    monkeypatch.setattr(export.writers, "BATCH", 40)
    small, large = peak(sized[200], fmt), peak(sized[1000], fmt)
    print(f"{fmt}: peak {small / 2**20:.2f} MB at 200 events, {large / 2**20:.2f} MB at 1,000")
    assert large < 1.5 * small, (small, large)


# --- the API: pages through cursors ---------------------------------------------------------

SORTS = {
    "/api/events": ("date", "-date", "dead", "-injured", "place", "source"),
    "/api/articles": ("ingested", "-published", "title", "-events"),
    "/api/quotes": ("published", "-speaker", "stance"),
    "/api/stories": ("-last", "first", "size", "label"),
}


@pytest.fixture(scope="module")
def client(small: str) -> Iterator[TestClient]:
    with TestClient(create_app(small)) as found:
        yield found


def walk(client: TestClient, route: str, **params: Any) -> list[str]:
    """Every id, following the next links."""
    page = client.get(route, params=params).json()
    seen = [i["id"] for i in page["items"]]
    while page["next"]:
        assert "after=" in page["next"] and "offset" not in page["next"]
        page = client.get(page["next"]).json()
        seen += [i["id"] for i in page["items"]]
    return seen


@pytest.mark.parametrize("route", SORTS)
def test_next_links_walk_every_row_in_order(client: TestClient, route: str) -> None:
    """Pages of 17 through cursors give the rows of one page of 1000, in its order, for
    every sort key (keys with empty values and ties among them included)."""
    check_walks(client, route)


def check_walks(client: TestClient, route: str, limit: int = 17) -> None:
    for sort in SORTS[route]:
        whole = client.get(route, params={"sort": sort, "limit": 1000}).json()
        expected = [i["id"] for i in whole["items"]]
        assert expected and len(expected) == whole["total"], (route, sort)
        assert walk(client, route, sort=sort, limit=limit) == expected, (route, sort)


def test_cursors_work_with_filters_and_offsets_still_work(client: TestClient) -> None:
    whole = [i["id"] for i in client.get("/api/events?event=ASSAULT&limit=1000").json()["items"]]
    assert walk(client, "/api/events", event="ASSAULT", limit=5) == whole
    page = client.get("/api/events", params={"event": "ASSAULT", "offset": 5, "limit": 5}).json()
    assert [i["id"] for i in page["items"]] == whole[5:10]
    after = client.get(page["next"]).json()
    assert [i["id"] for i in after["items"]] == whole[10:15]


def test_aggregated_lists_page_by_offset(client: TestClient) -> None:
    page = client.get("/api/actors", params={"limit": 2}).json()
    assert "offset=2" in page["next"]
    error = client.get("/api/actors", params={"after": page["next"][-10:]})
    assert error.status_code == 400 and "offset" in error.json()["error"]["message"]


def cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "after",
    [
        "nonsense",
        "%%%",
        cursor("-date", "2024-01-01"),  # a part missing
        cursor("dead", "2024-01-01", "x"),  # another sort
        cursor("-date", 12, "x"),  # a number for a text key
        cursor("-date", {"date": "not a date"}, "x"),
        cursor("-date", {"colour": "red"}, "x"),
        cursor("-date", "2024-01-01", 5),  # the tie is an id
    ],
)
def test_a_bad_cursor_is_a_400(client: TestClient, after: str) -> None:
    response = client.get("/api/events", params={"after": after})
    assert response.status_code == 400, response.text
    assert "follow the next link" in response.json()["error"]["message"]


def test_a_page_after_a_cursor_skips_no_rows_by_offset(small: str) -> None:
    """It starts from the cursor's key (SQLite's compiler always writes an OFFSET: here 0),
    sorts the keys alone, one more than the page to know whether a next page exists, then
    reads those rows whole."""
    app = create_app(small)
    with TestClient(app) as client:
        first = client.get("/api/events", params={"limit": 5}).json()
        with statements(app.state.store.engine) as found:
            assert client.get(first["next"]).status_code == 200
    keys, rows = [(s, p) for s, p in found if "FROM events" in s and "count(" not in s]
    assert "events.id > ?" in keys[0] and "events.record" not in keys[0], keys
    assert keys[0].rstrip().endswith("LIMIT ? OFFSET ?") and keys[1][-2:] == (6, 0)
    assert "events.record" in rows[0] and "events.id IN" in rows[0] and len(rows[1]) >= 6


def test_the_first_page_of_events_reads_the_day_index_not_every_event(small: str) -> None:
    """The default order (newest day first, then id) is the expression ``ix_events_day_id``
    holds, so SQLite walks that index and stops after the page."""
    app = create_app(small)
    with TestClient(app) as client:
        with statements(app.state.store.engine) as found:
            assert client.get("/api/events", params={"limit": 5}).status_code == 200
        keys = next((s, p) for s, p in found if "FROM events" in s and "count(" not in s)
        with app.state.store.engine.connect() as conn:
            plan = " ".join(
                str(r) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + keys[0], keys[1])
            )
    assert "ix_events_day_id" in plan and "TEMP B-TREE" not in plan, plan


# --- the API: CSV and GeoJSON stream ----------------------------------------------------------


def test_csv_and_geojson_stream_the_rows_of_the_json_list(tmp_path: Path) -> None:
    """The bytes the whole-list writers gave, sent as they are made (no Content-Length)."""
    db = str(tmp_path / "fixture.db")
    build_fixture(db).close()
    with TestClient(create_app(db)) as client:
        for route in ("/api/events", "/api/quotes", "/api/articles", "/api/places"):
            items = client.get(route, params={"limit": 1000}).json()["items"]
            response = client.get(route, params={"format": "csv"})
            assert "content-length" not in response.headers
            assert response.headers["content-type"] == "text/csv; charset=utf-8"
            assert response.text == old_csv(items), route
        for route in ("/api/events", "/api/places"):
            items = client.get(route, params={"limit": 1000}).json()["items"]
            response = client.get(route, params={"format": "geojson"})
            assert "content-length" not in response.headers
            assert response.text == old_geojson(items), route


def old_csv(rows: list[dict[str, Any]]) -> str:
    text = io.StringIO()
    columns = [k for k in (rows[0] if rows else {}) if k != "record"]
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(row[k]) for k in columns})
    return text.getvalue()


def cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def old_geojson(rows: list[dict[str, Any]]) -> str:
    features = [
        {
            "type": "Feature",
            "id": row.get("id") or row.get("geonameid"),
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("record", "lat", "lon")}
            | precision(row.get("record")),
        }
        for row in rows
        if row.get("lat") is not None and row.get("lon") is not None
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def precision(record: dict[str, Any] | None) -> dict[str, Any]:
    """Issue 14: an event's feature says how precise its place is (a city is a point)."""
    place = ((record or {}).get("event_loc") or {}).get("place")
    if not place:
        return {}
    kind = "point" if place["precision"] in ("city", "point") else "area"
    return {"precision": place["precision"], "location_type": kind}


# --- the same on PostgreSQL (server-side cursors; NULLS LAST written out) ------------------------


@pytest.mark.skipif(not os.environ.get("WIREWATCH_TEST_PG"), reason="WIREWATCH_TEST_PG is not set")
def test_streaming_on_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_postgres import fresh_schema

    monkeypatch.setattr(export.writers, "BATCH", 7)
    with fresh_schema() as url:
        store = synthetic(url, 30)
        corpus.catch_up(store)
        for what in export.WHAT:
            check_csv_and_jsonl(store, what)
            check_parquet(store, what)
        with TestClient(create_app(url)) as client:
            for route in SORTS:
                check_walks(client, route, limit=40)
            assert (
                client.get("/api/events", params={"after": cursor("-date", 5, "x")}).status_code
                == 400
            )
            page = client.get("/api/events", params={"format": "csv"})
            assert len(page.text.splitlines()) == 1 + 150  # 30 articles
        store.close()
