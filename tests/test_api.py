"""The REST API through an in-process client: every endpoint, filter, format, error and the
token rule, over a store of hand-made articles that use every record field.

The fixture sentences below were written for these tests (no corpus or seed text); the
browser and PostgreSQL tests build the same store with ``build(db)``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from wirewatch import corpus
from wirewatch.api import app as api
from wirewatch.api import lists as queries_lists
from wirewatch.api import params as api_params
from wirewatch.api import queries
from wirewatch.cli import Group
from wirewatch.cli import serve as serving_module
from wirewatch.records import (
    Actor,
    ActorMention,
    Article,
    Attribution,
    Contributor,
    Count,
    Dateline,
    Event,
    Place,
    PlaceMention,
    Quote,
    Span,
    TextInfo,
    TimeRef,
    Weapon,
    WeaponMention,
    to_dict,
)
from wirewatch.store import Store

# --- the fixture store -----------------------------------------------------------------

RUS_MIL = Actor(code="RUS", name="Russia", kind="state", sector="MIL")
RUS_GOV = Actor(code="RUS", name="Russia", kind="state", sector="GOV", wikidata="Q159")
UKR_MIL = Actor(code="UKR", name="Ukraine", kind="state", sector="MIL")
UKR_GOV = Actor(code="UKR", name="Ukraine", kind="state", sector="GOV")
DEU_GOV = Actor(code="DEU", name="Germany", kind="state", sector="GOV")
GOVERNOR = Actor(
    code="RUS", name="Vyacheslav Gladkov", kind="person", sector="GOV", office="governor",
    affiliation="Belgorod region",
)  # fmt: skip
KHARKIV = Place(
    geonameid=706483, name="Kharkiv", feature="city", country="UKR", lat=49.98, lon=36.25,
    precision="city", admin1="Kharkiv Oblast",
)  # fmt: skip
BELGOROD = Place(
    geonameid=578072, name="Belgorod", feature="city", country="RUS", lat=50.61, lon=36.58,
    precision="city",
)  # fmt: skip
KYIV = Place(
    geonameid=703448, name="Kyiv", feature="city", country="UKR", lat=50.45, lon=30.52,
    precision="city",
)  # fmt: skip
MISSILE = Weapon(name="ballistic missile", category="missile", named_system=False)
DRONE = Weapon(name="drone", category="uav", named_system=False, maker="UKR")

TEXT_1 = (
    "KYIV, Ukraine (AP) — Russian missiles hit Kharkiv on Thursday, killing at least six "
    "people, Ukrainian officials said. Germany agreed to send more air defence systems to "
    "Ukraine, its chancellor said on Friday."
)
TEXT_2 = (
    "Ukrainian drones struck an oil depot near Belgorod overnight, injuring two workers, the "
    "regional governor said. Moscow threatened to respond in June."
)
TEXT_3 = (
    "Officials said <script>window.__pwned = 1</script> and <img src=x "
    'onerror="window.__pwned = 2"> were found in a leaked memo about Kharkiv.'
)
TITLE_3 = '<img src=x onerror="window.__pwned = 3">Memo <b>leak</b>'


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start=start, end=start + len(part), text=part)


def sentences(text: str) -> tuple[Span, ...]:
    """The sentences of a fixture text (each ends with ". ")."""
    found, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        found.append(Span(start=start, end=end, text=text[start:end]))
        start = end + 1
    return tuple(found)


def article_1() -> Article:
    t = TEXT_1
    sentence_1, sentence_2 = sentences(t)
    when = TimeRef(
        value="2024-05-30", precision="day", text="Thursday", anchor="2024-05-31",
        span=span(t, "Thursday"),
    )  # fmt: skip
    friday = TimeRef(
        value="2024-05-31", precision="day", text="Friday", anchor="2024-05-31",
        span=span(t, "Friday"),
    )  # fmt: skip
    kharkiv = PlaceMention(span=span(t, "Kharkiv"), place=KHARKIV)
    missiles = WeaponMention(span=span(t, "missiles"), weapon=MISSILE)
    officials = span(t, "Ukrainian officials")
    assault = Event(
        id="ev-assault-kharkiv", article_id="a1", event="ASSAULT", mode="missile",
        context=("military",), actor=(RUS_MIL,), recipient=(UKR_GOV,), date=when,
        event_loc=kharkiv,
        size=(Count(kind="dead", value=6, qualifier="at least", span=span(t, "at least six")),),
        weapons=(missiles,), attribution=Attribution(
            source=UKR_GOV, description="Ukrainian officials", cue="said", span=officials
        ),
        cameo="195", quad=4, score=-10.0,
        text_info=TextInfo(
            sentence=sentence_1, trigger=span(t, "hit"),
            arguments=(("actor", span(t, "Russian")), ("location", kharkiv.span)),
        ),
    )  # fmt: skip
    agree = Event(
        id="ev-agree-germany", article_id="a1", event="AGREE", mode="military",
        actor=(DEU_GOV,), recipient=(UKR_GOV,), date=friday, modality="future",
        cameo="0312", quad=1, score=3.0,
        text_info=TextInfo(sentence=sentence_2, trigger=span(t, "agreed")),
    )  # fmt: skip
    said = Quote(
        id="q-officials", article_id="a1", speaker=UKR_GOV, speaker_text="Ukrainian officials",
        speaker_span=officials, cue=span(t, "said"), content=span(t, t[21 : t.index(", Ukrainian officials")]),
        kind="indirect", about=("ev-assault-kharkiv",),
    )  # fmt: skip
    return Article(
        id="a1", text=t, origin="fixture/a1.txt", raw=t.encode(), url="https://example.org/a1",
        source="Wire A", title="Missiles hit Kharkiv", published=dt.date(2024, 5, 31),
        dateline=Dateline(
            text="KYIV, Ukraine (AP) —", place_text="KYIV, Ukraine", place=KYIV
        ),
        byline="By A. Writer", contributors=(Contributor(name="B. Helper", role="contributor",
        place_text="Berlin"),), wire="AP", wire_evidence="(AP)",
        sentences=(sentence_1, sentence_2),
        actors=(
            ActorMention(span=span(t, "Russian"), actor=RUS_MIL),
            ActorMention(span=span(t, "Ukrainian"), actor=UKR_GOV),
            ActorMention(span=span(t, "Germany"), actor=DEU_GOV),
            ActorMention(span=span(t, "its chancellor"), actor=DEU_GOV, head=span(t, "Germany")),
        ),
        weapons=(missiles,),
        places=(kharkiv, PlaceMention(span=span(t, "KYIV"), place=KYIV, role="dateline")),
        times=(when, friday), events=(assault, agree), quotes=(said,),
        stages=(("ingest", "1"), ("parse", "1")),
    )  # fmt: skip


def article_2() -> Article:
    t = TEXT_2
    sentence_1, sentence_2 = sentences(t)
    depot = PlaceMention(span=span(t, "Belgorod"), place=BELGOROD)
    overnight = TimeRef(
        value="2024-06-01", precision="day", text="overnight", anchor="2024-06-02",
        span=span(t, "overnight"),
    )  # fmt: skip
    june = TimeRef(
        value="2024-06", precision="month", text="June", anchor="2024-06-02", span=span(t, "June")
    )
    strike = Event(
        id="ev-strike-belgorod", article_id="a2", event="ASSAULT", mode="drone",
        actor=(UKR_MIL,), recipient=(RUS_GOV,), date=overnight, event_loc=depot,
        size=(Count(kind="injured", value=2, qualifier=None, span=span(t, "two workers")),),
        weapons=(WeaponMention(span=span(t, "drones"), weapon=DRONE),), quad=4,
        text_info=TextInfo(sentence=sentence_1, trigger=span(t, "struck")),
    )  # fmt: skip
    threat = Event(
        id="ev-threat-moscow", article_id="a2", event="THREATEN", actor=(RUS_GOV,),
        recipient=(UKR_GOV,), date=june, modality="threatened", polarity="asserted",
        text_info=TextInfo(sentence=sentence_2, trigger=span(t, "threatened")),
    )  # fmt: skip
    governor = Quote(
        id="q-governor", article_id="a2", speaker=GOVERNOR, speaker_text="the regional governor",
        speaker_span=span(t, "the regional governor"), cue=span(t, "said"),
        content=span(t, t[: t.index(", the regional")]), kind="indirect", stance="asserts",
    )  # fmt: skip
    return Article(
        id="a2", text=t, origin="fixture/a2.txt", source="Wire B", title="Drones hit depot",
        published=dt.date(2024, 6, 2), sentences=(sentence_1, sentence_2),
        actors=(
            ActorMention(span=span(t, "Ukrainian"), actor=UKR_MIL),
            ActorMention(span=span(t, "the regional governor"), actor=GOVERNOR),
            ActorMention(span=span(t, "Moscow"), actor=RUS_GOV),
        ),
        weapons=(strike.weapons[0],), places=(depot,), times=(overnight, june),
        events=(strike, threat), quotes=(governor,),
    )  # fmt: skip


def article_3() -> Article:
    """Markup in every text field: the page must show it as text, never run it."""
    t = TEXT_3
    memo = Event(
        id="ev-memo", article_id="a3", event="ACCUSE", actor=(UKR_GOV,), recipient=(RUS_GOV,),
        event_loc=PlaceMention(span=span(t, "Kharkiv"), place=KHARKIV),
        date=TimeRef(value="2024-06-03", precision="day", text="today", anchor="2024-06-03"),
        text_info=TextInfo(sentence=span(t, t), trigger=span(t, "found")),
    )  # fmt: skip
    return Article(
        id="a3", text=t, origin="fixture/a3.txt", source="<b>Evil</b> Wire", title=TITLE_3,
        published=dt.date(2024, 6, 3), sentences=(span(t, t),),
        actors=(ActorMention(span=span(t, "<script>"), actor=Actor(
            code=None, name='<img src=x onerror="window.__pwned = 4">', kind="group"
        )),),
        places=(
            PlaceMention(span=span(t, "Kharkiv"), place=KHARKIV),
            PlaceMention(span=span(t, "memo"), place=None),
        ),
        events=(memo,),
        quotes=(Quote(
            id="q-memo", article_id="a3", speaker=None, speaker_text="Officials",
            speaker_span=span(t, "Officials"), cue=span(t, "said"), content=span(t, t[15 : t.index(" were found")]),
            kind="direct", stance="denies",
        ),),
    )  # fmt: skip


def article_4() -> Article:
    """Ingested only: no analysis, no date."""
    t = "A plain note that no stage has looked at yet, kept for the empty states."
    return Article(id="a4", text=t, origin="fixture/a4.txt", source="Wire A")


def articles() -> list[Article]:
    return [article_1(), article_2(), article_3(), article_4()]


def build(db: str) -> Store:
    """A store holding the four fixture articles (every record field is used somewhere)."""
    store = Store(db)
    for article in articles():
        check_offsets(article)
        store.save(article)
    return store


def check_offsets(article: Article) -> None:
    """Every span of the fixture points at its own text (the record contract)."""
    for found in _spans(article):
        assert article.text[found.start : found.end] == found.text, found


def _spans(value: Any) -> list[Span]:
    if isinstance(value, Span):
        return [value]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _spans(v)]
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        fields = [f for f in value.__dataclass_fields__ if f not in ("doc", "raw")]
        return [s for f in fields for s in _spans(getattr(value, f))]
    return []


# --- clients -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("api") / "fixture.db")
    build(db).close()
    return db


@pytest.fixture(scope="module")
def client(store_db: str) -> Iterator[TestClient]:
    with TestClient(api.create_app(store_db)) as test_client:
        yield test_client


def ok(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(client: TestClient, url: str = "/api/events", **params: Any) -> list[str]:
    return [item["id"] for item in ok(client, url, **params)["items"]]


def error(client: TestClient, url: str, status: int, **params: Any) -> dict[str, Any]:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "type", "message", "details"}
    assert body["error"]["status"] == status
    return dict(body["error"])


# --- articles ------------------------------------------------------------------------------


def test_index_counts_what_is_stored(client: TestClient) -> None:
    body = ok(client, "/api")
    assert (body["articles"], body["events"], body["quotes"]) == (4, 5, 3)
    assert body["docs"] == "/docs"


def test_article_list_has_counts_and_filters(client: TestClient) -> None:
    page = ok(client, "/api/articles", sort="-published")
    assert [a["id"] for a in page["items"]] == ["a3", "a2", "a1", "a4"]
    first = {a["id"]: a for a in page["items"]}["a1"]
    assert (first["actors"], first["places"], first["dates"], first["weapons"]) == (4, 2, 2, 1)
    assert (first["events"], first["quotes"], first["dateline"]) == (2, 1, "KYIV, Ukraine (AP) —")
    assert "text" not in first
    assert ids(client, "/api/articles", source="wire a", sort="published") == ["a1", "a4"]
    assert ids(client, "/api/articles", since="2024-06-01", until="2024-06-02") == ["a2"]
    assert ids(client, "/api/articles", q="OIL DEPOT") == ["a2"]
    assert ids(client, "/api/articles", sort="-events", limit=1) == ["a1"]


def in_store_order(record: dict[str, Any]) -> dict[str, Any]:
    """The store gives mentions by offset and events and quotes by id."""
    by_start = ("actors", "weapons", "places", "times")
    found = {k: sorted(record[k], key=lambda m: m["span"]["start"]) for k in by_start}
    found |= {k: sorted(record[k], key=lambda r: r["id"]) for k in ("events", "quotes")}
    return {**record, **found}


def test_article_detail_is_the_whole_record(client: TestClient) -> None:
    assert ok(client, "/api/articles/a1") == in_store_order(to_dict(article_1()))
    assert ok(client, "/api/articles/a3") == in_store_order(to_dict(article_3()))
    error(client, "/api/articles/zzz", 404)
    assert "several" in error(client, "/api/articles/a", 404)["message"]


# --- events ------------------------------------------------------------------------------

EVENT_FILTERS = [
    (
        {},
        {
            "ev-memo",
            "ev-strike-belgorod",
            "ev-threat-moscow",
            "ev-agree-germany",
            "ev-assault-kharkiv",
        },
    ),
    ({"actor": "RUS"}, {"ev-assault-kharkiv", "ev-threat-moscow"}),
    ({"actor": "rus mil"}, {"ev-assault-kharkiv"}),
    ({"actor": ["DEU", "UKR MIL"]}, {"ev-agree-germany", "ev-strike-belgorod"}),
    ({"actor": "RU"}, set()),
    ({"recipient": "RUS"}, {"ev-strike-belgorod", "ev-memo"}),
    ({"recipient": "UKR GOV", "actor": "RUS"}, {"ev-assault-kharkiv", "ev-threat-moscow"}),
    ({"event": "assault"}, {"ev-assault-kharkiv", "ev-strike-belgorod"}),
    ({"event": ["AGREE", "THREATEN"]}, {"ev-agree-germany", "ev-threat-moscow"}),
    ({"place": "khar"}, {"ev-assault-kharkiv", "ev-memo"}),
    ({"country": "rus"}, {"ev-strike-belgorod"}),
    ({"bbox": "36.4,50.5,36.7,50.7"}, {"ev-strike-belgorod"}),
    ({"bbox": "170,-10,37,60"}, {"ev-assault-kharkiv", "ev-strike-belgorod", "ev-memo"}),
    ({"bbox": "-10,-10,10,10"}, set()),
    ({"since": "2024-06-01"}, {"ev-strike-belgorod", "ev-threat-moscow", "ev-memo"}),
    ({"until": "2024-05-31"}, {"ev-assault-kharkiv", "ev-agree-germany"}),
    (
        {"since": "2024-05-31", "until": "2024-06-01"},
        {"ev-agree-germany", "ev-strike-belgorod", "ev-threat-moscow"},
    ),
    ({"source": "Wire B"}, {"ev-strike-belgorod", "ev-threat-moscow"}),
    ({"source": "<b>Evil</b> Wire"}, {"ev-memo"}),
    ({"modality": "threatened"}, {"ev-threat-moscow"}),
    ({"modality": ["future", "threatened"]}, {"ev-agree-germany", "ev-threat-moscow"}),
    ({"polarity": "negated"}, set()),
    ({"article": "a1"}, {"ev-assault-kharkiv", "ev-agree-germany"}),
    ({"event": "ASSAULT", "country": "UKR", "since": "2024-05-01"}, {"ev-assault-kharkiv"}),
]


@pytest.mark.parametrize(("params", "expected"), EVENT_FILTERS)
def test_event_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    body = ok(client, "/api/events", **params)
    assert {e["id"] for e in body["items"]} == expected
    assert body["total"] == len(expected)


def test_events_carry_their_evidence_and_article(client: TestClient) -> None:
    (item,) = ok(client, "/api/events", article="a2", event="THREATEN")["items"]
    assert item["sentence"] == "Moscow threatened to respond in June."
    assert (item["source"], item["title"], item["published"]) == (
        "Wire B",
        "Drones hit depot",
        "2024-06-02",
    )
    assert (item["date"], item["date_precision"], item["modality"]) == (
        "2024-06",
        "month",
        "threatened",
    )
    assert item["record"] == to_dict(article_2().events[1])
    assert ok(client, "/api/events/ev-threat-moscow") == item
    error(client, "/api/events/nope", 404)


def test_events_sort_and_page(client: TestClient) -> None:
    assert ids(client, sort="-date")[:2] == ["ev-memo", "ev-strike-belgorod"]
    assert ids(client, sort="date")[0] == "ev-assault-kharkiv"
    assert ids(client, sort="-dead")[0] == "ev-assault-kharkiv"
    assert ids(client, sort="event")[0] == "ev-memo"
    first = ok(client, "/api/events", sort="date", limit=2)
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (5, 2, 0, 2)
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert third["next"] is None and len(third["items"]) == 1
    seen = [e["id"] for page in (first, second, third) for e in page["items"]]
    assert seen == ids(client, sort="date")
    assert ok(client, "/api/events", offset=50)["items"] == []
    assert "cannot sort by 'colour'" in error(client, "/api/events", 400, sort="colour")["message"]


def test_events_as_csv_and_geojson(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "actor": "RUS", "sort": "date"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == ["ev-assault-kharkiv", "ev-threat-moscow"]
    assert rows[0]["dead"] == "6" and rows[0]["sentence"].startswith("KYIV, Ukraine (AP)")
    assert "record" not in rows[0]
    geo = client.get("/api/events", params={"format": "geojson"})
    assert geo.headers["content-type"] == "application/geo+json"
    features = geo.json()["features"]
    assert {f["id"] for f in features} == {"ev-assault-kharkiv", "ev-strike-belgorod", "ev-memo"}
    kharkiv = next(f for f in features if f["id"] == "ev-assault-kharkiv")
    assert kharkiv["geometry"] == {"type": "Point", "coordinates": [36.25, 49.98]}
    assert kharkiv["properties"]["dead"] == 6


def test_exports_hold_every_filtered_row_unless_limited(client: TestClient) -> None:
    many = client.get("/api/events", params={"format": "csv"}).text.strip().splitlines()
    assert len(many) == 1 + 5
    two = client.get("/api/events", params={"format": "csv", "limit": 2}).text.strip().splitlines()
    assert len(two) == 1 + 2
    assert ok(client, "/api/events")["limit"] == 50


# --- quotes, actors, places -------------------------------------------------------------------

QUOTE_FILTERS = [
    ({}, {"q-officials", "q-governor", "q-memo"}),
    ({"speaker": "GLADKOV"}, {"q-governor"}),
    ({"speaker": "officials"}, {"q-officials", "q-memo"}),
    ({"speaker": "ukr"}, {"q-officials"}),
    ({"stance": "denies"}, {"q-memo"}),
    ({"kind": "direct"}, {"q-memo"}),
    ({"source": "wire a"}, {"q-officials"}),
    ({"since": "2024-06-01", "until": "2024-06-02"}, {"q-governor"}),
    ({"article": "a3"}, {"q-memo"}),
    ({"q": "six people"}, {"q-officials"}),
]


@pytest.mark.parametrize(("params", "expected"), QUOTE_FILTERS)
def test_quote_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    assert set(ids(client, "/api/quotes", **params)) == expected


def test_quotes_carry_records_and_export(client: TestClient) -> None:
    item = ok(client, "/api/quotes", article="a2")["items"][0]
    assert item["record"] == to_dict(article_2().quotes[0])
    assert (item["speaker"], item["speaker_code"], item["cue"]) == (
        "Vyacheslav Gladkov",
        "RUS",
        "said",
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/api/quotes?format=csv").text)))
    assert len(rows) == 3 and "content" in rows[0]


def test_actors_are_counted_and_filtered(client: TestClient) -> None:
    body = ok(client, "/api/actors")
    assert body["total"] == 7
    top = body["items"][0]
    assert (top["code"], top["sector"], top["mentions"], top["articles"]) == ("DEU", "GOV", 2, 1)
    names = {(a["name"], a["sector"]) for a in ok(client, "/api/actors", q="russ")["items"]}
    assert names == {("Russia", "MIL"), ("Russia", "GOV")}
    assert [a["name"] for a in ok(client, "/api/actors", kind="person")["items"]] == [
        "Vyacheslav Gladkov"
    ]
    assert {a["code"] for a in ok(client, "/api/actors", sector="mil")["items"]} == {"RUS", "UKR"}
    assert len(ok(client, "/api/actors", article="a2")["items"]) == 3
    assert len(ok(client, "/api/actors", source="Wire B")["items"]) == 3
    states = ok(client, "/api/actors", kind="state", sort="name")["items"]
    assert [a["name"] for a in states] == ["Germany", "Russia", "Russia", "Ukraine", "Ukraine"]
    assert "name" in client.get("/api/actors?format=csv").text.splitlines()[0]


def test_places_are_counted_and_filtered(client: TestClient) -> None:
    body = ok(client, "/api/places")
    top = body["items"][0]
    assert (top["name"], top["mentions"], top["articles"]) == ("Kharkiv", 2, 2)
    assert {p["name"] for p in body["items"]} == {"Kharkiv", "Belgorod", "Kyiv"}  # not "memo"
    assert body["items"][0]["geonameid"] == 706483
    assert [p["name"] for p in ok(client, "/api/places", country="RUS")["items"]] == ["Belgorod"]
    assert [p["name"] for p in ok(client, "/api/places", place="ky")["items"]] == ["Kyiv"]
    box = ok(client, "/api/places", bbox="30,50,31,51")
    assert [p["name"] for p in box["items"]] == ["Kyiv"]
    assert [p["name"] for p in ok(client, "/api/places", article="a2")["items"]] == ["Belgorod"]
    geo = client.get("/api/places", params={"format": "geojson", "country": "UKR"}).json()
    assert {f["id"] for f in geo["features"]} == {706483, 703448}


# --- aggregates ----------------------------------------------------------------------------


def test_timeline_counts_days_by_type(client: TestClient) -> None:
    body = ok(client, "/api/timeline")
    assert body["days"][0] == {"date": "2024-05-30", "counts": {"ASSAULT": 1}}
    assert [d["date"] for d in body["days"]] == [
        "2024-05-30",
        "2024-05-31",
        "2024-06-01",
        "2024-06-03",
    ]
    assert body["coarse"] == [{"date": "2024-06", "counts": {"THREATEN": 1}}]
    assert body["types"] == ["ACCUSE", "AGREE", "ASSAULT", "THREATEN"]
    assert ok(client, "/api/timeline", event="ASSAULT")["types"] == ["ASSAULT"]


def test_network_edges_weigh_events_and_tell_cooperation_from_conflict(client: TestClient) -> None:
    body = ok(client, "/api/network")
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges["DEU GOV", "UKR GOV"]["relation"] == "cooperation"
    assert edges["RUS MIL", "UKR GOV"] == {
        "source": "RUS MIL", "target": "UKR GOV", "relation": "conflict", "weight": 1,
        "types": {"ASSAULT": 1},
    }  # fmt: skip
    assert edges["RUS GOV", "UKR GOV"]["relation"] == "conflict"  # THREATEN, no quad class
    assert {n["id"]: n["events"] for n in body["nodes"]}["UKR GOV"] == 4
    only_conflict = ok(client, "/api/network", event="AGREE")
    assert [(e["source"], e["target"]) for e in only_conflict["edges"]] == [("DEU GOV", "UKR GOV")]


def test_relation_follows_the_plover_type() -> None:
    assert queries.relation("ASSAULT", 1) == "conflict"
    assert queries.relation("AGREE", None) == "cooperation"
    assert queries.relation("ACCUSE", None) == "conflict"
    assert queries.relation("SOMETHING", None) == "other"


def test_facets_list_filter_values(client: TestClient) -> None:
    body = ok(client, "/api/facets")
    assert body["event"][0] == {"value": "ASSAULT", "count": 2}
    assert {f["value"] for f in body["source"]} == {"Wire A", "Wire B", "<b>Evil</b> Wire"}
    assert body["totals"]["events"] == 5


# --- stories ----------------------------------------------------------------------------------


def test_stories_are_empty_with_a_note_until_the_corpus_stages_ran(client: TestClient) -> None:
    body = ok(client, "/api/stories")
    assert body["items"] == [] and body["total"] == 0 and "no stories yet" in body["note"]
    error(client, "/api/stories/s1", 404)


def test_stories_come_from_the_corpus_stages(tmp_path: Path) -> None:
    db = str(tmp_path / "stories.db")
    store = build(db)
    corpus.update(store, [a.id for a in articles()])
    store.close()
    with TestClient(api.create_app(db)) as client:
        body = ok(client, "/api/stories")
        assert body["total"] >= 1 and "note" not in body
        first = body["items"][0]
        assert {"id", "label", "first", "last", "articles", "actors", "places"} <= set(first)
        undated = next(s for s in body["items"] if s["articles"] == ["a4"])
        assert (undated["first"], undated["last"]) == (None, None)  # never the day it was stored
        story = ok(client, f"/api/stories/{first['id']}")
        assert story["articles"] == first["articles"]
        assert sorted(a for s in body["items"] for a in s["articles"]) == sorted(
            a.id for a in articles()
        )
        assert "label" in client.get("/api/stories?format=csv").text
        error(client, "/api/stories", 400, sort="colour")


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "status", "words"),
    [
        ("/api/nothing", {}, 404, "Not Found"),
        ("/api/events", {"since": "last week"}, 422, "query.since"),
        ("/api/events", {"limit": 0}, 422, "query.limit"),
        ("/api/events", {"format": "xml"}, 422, "query.format"),
        ("/api/quotes", {"format": "geojson"}, 422, "query.format"),
        ("/api/events", {"limit": 5000}, 400, "too large"),
        ("/api/events", {"actr": "RUS"}, 400, "unknown parameter actr"),
        ("/api/articles", {"actor": "RUS"}, 400, "unknown parameter actor"),
        ("/api/events", {"since": "2024-06-02", "until": "2024-06-01"}, 400, "is after"),
        ("/api/events", {"bbox": "1,2"}, 400, "four numbers"),
        ("/api/events", {"bbox": "0,10,5,0"}, 400, "south > north"),
        ("/api/places", {"sort": "lat"}, 400, "cannot sort by 'lat'"),
    ],
)
def test_every_error_has_one_shape(
    client: TestClient, url: str, params: dict[str, Any], status: int, words: str
) -> None:
    assert words in error(client, url, status, **params)["message"]


def test_validation_errors_list_their_details(client: TestClient) -> None:
    found = error(client, "/api/events", 422, limit="many")
    assert found["type"] == "invalid_parameter"
    assert found["details"][0]["where"] == "query.limit"


def test_wrong_method_and_crashes_have_the_same_shape(
    store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_conn: Any) -> None:
        raise RuntimeError("boom")

    with TestClient(api.create_app(store_db), raise_server_exceptions=False) as client:
        response = client.post("/api/events")
        assert (
            response.status_code == 405 and response.json()["error"]["type"] == "method_not_allowed"
        )
        monkeypatch.setattr(queries_lists, "facets", broken)
        crashed = client.get("/api/facets")
        assert crashed.status_code == 500
        assert crashed.json()["error"]["message"] == "unexpected RuntimeError; see the server log."


def test_a_locked_database_is_a_503(store_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(_conn: Any) -> None:
        raise sa.exc.OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(queries_lists, "facets", locked)
    with TestClient(api.create_app(store_db)) as client:
        assert "database is locked" in error(client, "/api/facets", 503)["message"]


# --- the page, headers, docs -----------------------------------------------------------------


def test_page_and_docs_are_served_with_a_strict_policy(client: TestClient) -> None:
    for url in ("/", "/docs", "/api/events", "/static/js/main.js", "/api/nothing"):
        response = client.get(url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert '<script type="module" src="/static/js/main.js">' in page
    assert "http" not in page.replace("http-equiv", "")  # no CDN: every asset is local


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(ok(client, "/api/openapi.json")["paths"])
    expected = {"articles", "articles/{article_id}", "events", "events/{event_id}", "quotes"}
    expected |= {
        "actors",
        "places",
        "stories",
        "stories/{story_id}",
        "timeline",
        "network",
        "network/events",
        "map",
        "facets",
    }
    assert paths == {"/api"} | {f"/api/{p}" for p in expected}
    params = {
        p["name"]
        for p in ok(client, "/api/openapi.json")["paths"]["/api/events"]["get"]["parameters"]
    }
    assert {"actor", "recipient", "event", "place", "country", "bbox", "since", "until"} <= params
    assert {"source", "modality", "limit", "offset", "sort", "format"} <= params


def test_page_code_never_writes_html_from_data() -> None:
    from wirewatch import web

    for path in (web.STATIC / "js").glob("*.js"):
        code = path.read_text(encoding="utf-8")
        for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert risky not in code, (path.name, risky)


# --- the token rule ------------------------------------------------------------------------


def test_a_token_is_checked_on_every_request(store_db: str) -> None:
    with TestClient(api.create_app(store_db, token="s3cret")) as client:
        for url in ("/", "/api/events", "/static/app.css", "/api/openapi.json"):
            found = error(client, url, 401)
            assert "needs a token" in found["message"]
        assert client.get("/api").headers["www-authenticate"] == "Bearer"
        error(client, "/api", 401, token="wrong")
        bad = client.get("/api", headers={"Authorization": "Bearer wrong"})
        assert bad.status_code == 401
        good = client.get("/api", headers={"Authorization": "Bearer s3cret"})
        assert good.status_code == 200
        first = client.get("/", params={"token": "s3cret"})
        assert first.status_code == 200 and "wirewatch_token" in first.headers["set-cookie"]
        assert "httponly" in first.headers["set-cookie"].lower()
        assert client.get("/api/events").status_code == 200  # the cookie now


def test_loopback_addresses() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert serving_module.is_loopback(host), host
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        assert not serving_module.is_loopback(host), host


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """uvicorn.run replaced: what serve would have started."""
    import uvicorn

    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    for name in ("DB", "HOST", "PORT", "TOKEN", "CONFIG"):
        monkeypatch.delenv(f"WIREWATCH_{name}", raising=False)
    return started


def invoke(*args: str) -> Any:
    group = Group(commands={"serve": serving_module.serve})
    return CliRunner().invoke(group, ["serve", *args], catch_exceptions=False)


def test_serve_binds_loopback_by_default(store_db: str, serving: dict[str, Any]) -> None:
    result = invoke("--db", store_db)
    assert result.exit_code == 0, result.output
    assert (serving["host"], serving["port"]) == ("127.0.0.1", 8000)
    assert "Serving" in result.stderr and result.stdout == ""
    assert serving["log_config"]["handlers"]["access"]["stream"] == "ext://sys.stderr"


def test_serve_refuses_other_addresses_without_a_token(
    store_db: str, serving: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("--db", store_db, "--host", "0.0.0.0")
    assert result.exit_code == 1 and not serving
    assert "refusing to serve on 0.0.0.0 without a token" in result.stderr
    assert "WIREWATCH_TOKEN" in result.stderr
    monkeypatch.setenv("WIREWATCH_TOKEN", "from-env")
    monkeypatch.setenv("WIREWATCH_PORT", "8123")
    assert invoke("--db", store_db, "--host", "0.0.0.0").exit_code == 0
    assert (serving["host"], serving["port"]) == ("0.0.0.0", 8123)
    with TestClient(serving["app"]) as client:
        assert client.get("/api").status_code == 401
        assert client.get("/api", headers={"Authorization": "Bearer from-env"}).status_code == 200


def test_serve_needs_an_existing_database(tmp_path: Path, serving: dict[str, Any]) -> None:
    result = invoke("--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1 and "does not exist" in result.stderr and not serving
    assert not (tmp_path / "missing.db").exists()


def test_serve_help_has_an_example() -> None:
    assert "Example: wirewatch serve" in click.Context(serving_module.serve).get_help()


# --- storage: concurrent ingest, no spaCy ----------------------------------------------------


def test_reads_go_on_while_an_ingest_writes(tmp_path: Path) -> None:
    db = str(tmp_path / "busy.db")
    build(db).close()
    writer = Store(db)
    holding, release = threading.Event(), threading.Event()

    def ingest() -> None:
        with writer.engine.begin() as conn:  # an open write transaction, like a long ingest
            conn.execute(sa.text("UPDATE articles SET title = 'changed' WHERE id = 'a4'"))
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=ingest)
    thread.start()
    assert holding.wait(10)
    with TestClient(api.create_app(db)) as client:
        assert ok(client, "/api")["articles"] == 4
        assert ok(client, "/api/articles/a4")["title"] is None  # the writer has not committed
        release.set()
        thread.join(10)
        assert ok(client, "/api/articles/a4")["title"] == "changed"
    writer.close()


def test_api_and_queries_never_import_spacy() -> None:
    code = "import sys, wirewatch.api.app, wirewatch.cli.serve; print('spacy' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def test_fixture_offsets_point_at_their_text() -> None:
    for article in articles():
        check_offsets(article)
    assert len(_spans(article_1())) > 20


def test_date_filters_take_dates() -> None:
    found = api_params.filters(since=dt.date(2024, 1, 1), until=None, actor=["RUS", ""], bbox=None)
    assert found == queries.Filters(since=dt.date(2024, 1, 1), actor=("RUS",))
