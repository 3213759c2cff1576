"""The store: round trips, reprocessing replaces analysis, schema checks, exports."""

from __future__ import annotations

import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from wirewatch import export
from wirewatch.errors import StoreError
from wirewatch.records import (
    Actor,
    ActorMention,
    Article,
    Contributor,
    Count,
    Dateline,
    Event,
    Failure,
    Place,
    PlaceMention,
    Quote,
    Span,
    TextInfo,
    TimeRef,
)
from wirewatch.store import Store

TEXT = "Russian missiles hit Kharkiv, killing at least six people, officials said."


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(start=start, end=start + len(text), text=text)


RUS = Actor(code="RUS", name="Russia", kind="state", sector="MIL")
KHARKIV = Place(
    geonameid=706483,
    name="Kharkiv",
    feature="city",
    country="UKR",
    lat=49.98,
    lon=36.25,
    precision="city",
)


def full_article() -> Article:
    event = Event(
        id="e1",
        article_id="a1",
        event="ASSAULT",
        mode="missile",
        actor=(RUS,),
        text_info=TextInfo(
            sentence=span(TEXT), trigger=span("hit"), arguments=(("actor", span("Russian")),)
        ),
        date=TimeRef(value="2024-05-30", precision="day", text="overnight", anchor="2024-05-31"),
        event_loc=PlaceMention(span=span("Kharkiv"), place=KHARKIV),
        size=(Count(kind="dead", value=6, qualifier="at least", span=span("at least six")),),
    )
    quote = Quote(
        id="q1",
        article_id="a1",
        speaker=None,
        speaker_text="officials",
        speaker_span=span("officials"),
        cue=span("said"),
        content=span(TEXT[:-24]),
        kind="indirect",
    )
    return Article(
        id="a1",
        text=TEXT,
        origin="test",
        raw=b"raw bytes",
        published=dt.date(2024, 5, 31),
        dateline=Dateline(text="KHARKIV, Ukraine (AP)", place_text="KHARKIV, Ukraine"),
        contributors=(Contributor(name="A B", role="contributor"),),
        wire="AP",
        sentences=(span(TEXT),),
        actors=(ActorMention(span=span("Russian"), actor=RUS),),
        places=(PlaceMention(span=span("Kharkiv"), place=KHARKIV),),
        times=(TimeRef(value=None, precision=None, text="x", anchor=None, span=span("said")),),
        events=(event,),
        quotes=(quote,),
        stages=(("ingest", "1"), ("parse", "1")),
    )


def test_round_trip_keeps_every_field(db: str) -> None:
    store = Store(db)
    article = full_article()
    store.save(article)
    loaded = store.load("a1")
    assert loaded == article
    assert loaded.raw == b"raw bytes"


def test_saving_again_replaces_analysis_and_keeps_raw(db: str) -> None:
    store = Store(db)
    store.save(full_article())
    from dataclasses import replace

    store.save(replace(full_article(), raw=b"other", events=(), stages=(("ingest", "1"),)))
    loaded = store.load("a1")
    assert loaded.events == () and loaded.raw == b"raw bytes"
    assert store.count("events") == 0 and store.count("articles") == 1
    assert store.stages_of("a1") == (("ingest", "1"),)


def test_schema_version_is_checked(db: str) -> None:
    store = Store(db)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = '999' WHERE key = 'schema'"))
    with pytest.raises(StoreError, match="has schema 999"):
        Store(db)


def test_unwritable_database_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open database /nonexistent/dir/x\.db"):
        Store("/nonexistent/dir/x.db")


def test_sqlite_uses_wal(db: str) -> None:
    store = Store(db)
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("PRAGMA journal_mode")) == "wal"


def test_exports_in_every_format(db: str) -> None:
    store = Store(db)
    store.save(full_article())
    store.record_failure(Failure(origin="bad.txt", stage="ingest", reason="bad.txt: empty"))
    out = io.BytesIO()
    assert export.write(store, "events", "jsonl", out) == 1
    event = json.loads(out.getvalue())
    assert event["event"] == "ASSAULT" and event["size"][0]["qualifier"] == "at least"
    assert event["event_loc"]["place"]["geonameid"] == 706483
    for what in ("articles", "events", "quotes", "actors", "failures"):
        for fmt in ("csv", "parquet"):
            buffer = io.BytesIO()
            count = export.write(store, what, fmt, buffer)
            assert count == 1, what
            if fmt == "parquet":
                assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == 1
            else:
                assert len(buffer.getvalue().decode().strip().splitlines()) == 2
    actors = list(export.records(store, "actors"))
    assert actors == [
        {
            **{
                "code": "RUS",
                "name": "Russia",
                "kind": "state",
                "sector": "MIL",
                "office": None,
                "affiliation": None,
                "wikidata": None,
            },
            "mentions": 1,
            "articles": 1,
        }
    ]


def test_actor_export_counts_each_actor_once(db: str) -> None:
    from dataclasses import replace

    store = Store(db)
    article = full_article()
    again = ActorMention(span=span("officials"), actor=RUS)
    store.save(replace(article, actors=(*article.actors, again)))
    store.save(replace(article, id="a2", text=TEXT + " ", events=(), quotes=()))
    (row,) = export.records(store, "actors")
    assert (row["code"], row["mentions"], row["articles"]) == ("RUS", 3, 2)


def test_corpus_results_export(db: str) -> None:
    from dataclasses import replace

    from wirewatch import corpus

    store = Store(db)
    article = full_article()
    store.save(article)
    copy = replace(article, id="a2", text=TEXT + " (copy)", events=(), quotes=())
    store.save(replace(copy, events=(replace(article.events[0], id="e2", article_id="a2"),)))
    corpus.update(store, ["a1", "a2"])
    (merged,) = export.records(store, "merged")
    assert merged["event"] == "ASSAULT" and len(merged["reports"]) == 2
    stories = list(export.records(store, "stories"))
    assert sorted(a for s in stories for a in s["articles"]) == ["a1", "a2"]
    links = {link["article_id"]: link for link in export.records(store, "links")}
    assert (links["a2"]["kind"], links["a2"]["original_id"]) == ("copy", "a1")
    assert (links["a1"]["kind"], links["a1"]["wire"]) == ("wire", "AP")  # no AP original stored
    for what in ("merged", "stories", "links"):
        buffer = io.BytesIO()
        assert export.write(store, what, "csv", buffer) >= 1
