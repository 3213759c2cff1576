"""The API reads behind the analyst's desk (issue 14): the map's events by how precisely they
are placed, the events of one network link, the link colours as PLOVER types mean them, and
the map layers the build makes (regions without antimeridian crossings, labels by zoom).

``desk(db)`` is the browser tests' store too: the API fixture store plus one article whose
events are known to a country, a first-level region, a wider region and no place, and a
dozen actors in separate groups (the network must still fit the view).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.test_api import UKR_GOV, build, ok

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from wirewatch import web
from wirewatch.api import app as api
from wirewatch.api import queries
from wirewatch.records import Actor, Article, Event, Place, PlaceMention, Span, TextInfo, TimeRef
from wirewatch.store import Store
from wirewatch.web import layers

USA_GOV = Actor(code="USA", name="United States", kind="state", sector="GOV")
UKRAINE = Place(
    geonameid=690791, name="Ukraine", feature="country", country="UKR", lat=49.0, lon=32.0,
    precision="country",
)  # fmt: skip
KHARKIV_OBLAST = Place(
    geonameid=706482, name="Kharkiv Oblast", feature="admin1", country="UKR", lat=49.5,
    lon=36.5, precision="region",
)  # fmt: skip
MIDDLE_EAST = Place(
    geonameid=None, name="Middle East", feature="region", country=None, lat=29.0, lon=41.0,
    precision="region",
)  # fmt: skip
TEXT_5 = (
    "Ukraine asked the United States for more air defence. Shelling hit the Kharkiv region "
    "on Monday. Fighting went on across Ukraine. Tension grew in the Middle East. "
    "Talks were held somewhere. "
)
#: Pairs of actors in separate groups: the layout pushes them apart.
PAIRS = [("ALB", "BEL"), ("CAN", "DNK"), ("EST", "FIN"), ("GRC", "HUN"), ("IRL", "JPN")]


def _event(n: int, t: str, kind: str, where: Place | None, **given: Any) -> Event:
    """Event ``n`` of the text: its sentence, its second word as trigger, its place named there."""
    text = [s for s in t.split(". ") if s][n].rstrip(".") + "."
    start = t.index(text)
    sentence = Span(start=start, end=start + len(text), text=text)
    trigger = text.split()[1]
    at = start + text.index(trigger)
    place = None
    if where is not None:
        name = where.name if where.name in text else where.name.split()[0]
        found = start + text.index(name)
        place = PlaceMention(span=Span(start=found, end=found + len(name), text=name), place=where)
    return Event(
        id=f"ev-desk-{n}", article_id="a5", event=kind, actor=given.pop("actor", (UKR_GOV,)),
        recipient=given.pop("recipient", ()), event_loc=place,
        date=TimeRef(value="2024-06-10", precision="day", text="Monday", anchor="2024-06-11"),
        text_info=TextInfo(
            sentence=sentence, trigger=Span(start=at, end=at + len(trigger), text=trigger)
        ), **given,
    )  # fmt: skip


def article_5() -> Article:
    t = TEXT_5 + "".join(f"{a} met {b}. " for a, b in PAIRS)
    events = [
        _event(0, t, "REQUEST", None, recipient=(USA_GOV,), cameo="10", quad=3),
        _event(1, t, "ASSAULT", KHARKIV_OBLAST, quad=4),
        _event(2, t, "ASSAULT", UKRAINE, quad=4),
        _event(3, t, "THREATEN", MIDDLE_EAST),
        _event(4, t, "CONSULT", None),
    ]
    for i, (a, b) in enumerate(PAIRS, start=5):
        events.append(_event(i, t, "CONSULT", None,
            actor=(Actor(code=a, name=a, kind="state"),),
            recipient=(Actor(code=b, name=b, kind="state"),)))  # fmt: skip
    return Article(
        id="a5",
        text=t,
        origin="fixture/a5.txt",
        source="Wire C",
        title="Across Ukraine",
        events=tuple(events),
    )


def desk(db: str) -> Store:
    store = build(db)
    store.save(article_5())
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("desk") / "desk.db")
    desk(db).close()
    with TestClient(api.create_app(db)) as served:
        yield served


# --- the map -------------------------------------------------------------------------------


def test_map_groups_events_by_how_precisely_they_are_placed(client: TestClient) -> None:
    body = ok(client, "/api/map")
    assert body["total"] == body["read"] == 15
    points = {(p["name"], len(p["events"])) for p in body["points"]}
    assert points == {("Kharkiv", 2), ("Belgorod", 1)}
    areas = {(a["kind"], a["name"], a["country"], a["geonameid"]) for a in body["areas"]}
    assert areas == {
        ("country", "Ukraine", "UKR", 690791),
        ("admin1", "Kharkiv Oblast", "UKR", 706482),
    }
    assert [(r["name"], r["events"][0]["event"]) for r in body["regions"]] == [
        ("Middle East", "THREATEN")
    ]
    assert body["unplaced"] == 15 - 3 - 2 - 1
    shown = body["points"][0]["events"][0]
    assert {"id", "article_id", "event", "date", "sentence", "actor_codes"} <= set(shown)
    only_kharkiv = ok(client, "/api/map", place="kharkiv")
    assert only_kharkiv["total"] == 3 and not only_kharkiv["regions"]  # the city and region


# --- the network -----------------------------------------------------------------------------


def test_a_request_is_its_own_relation_whatever_its_cameo_quad() -> None:
    assert queries.relation("REQUEST", 3) == "request"  # CAMEO 10 from the crosswalk
    assert queries.relation("AGREE", 4) == "cooperation"
    assert queries.relation("ASSAULT", 1) == "conflict"
    assert queries.relation("SOMETHING", 2) == "cooperation"
    assert queries.relation("SOMETHING", None) == "other"


def test_network_draws_an_appeal_between_allies_as_a_request(client: TestClient) -> None:
    edges = {(e["source"], e["target"]): e for e in ok(client, "/api/network")["edges"]}
    assert edges["UKR GOV", "USA GOV"]["relation"] == "request"


def test_link_events_are_those_of_the_link_exactly(client: TestClient) -> None:
    found = ok(
        client, "/api/network/events", from_actor="RUS GOV", to_actor="UKR GOV",
        relation="conflict",
    )  # fmt: skip
    assert [e["id"] for e in found["items"]] == ["ev-threat-moscow"]  # not RUS MIL's
    assert found["items"][0]["sentence"].startswith("Moscow")
    none = ok(
        client, "/api/network/events", from_actor="RUS GOV", to_actor="UKR GOV",
        relation="cooperation",
    )  # fmt: skip
    assert none["total"] == 0
    filtered = ok(
        client, "/api/network/events", from_actor="RUS MIL", to_actor="UKR GOV",
        relation="conflict", since="2024-06-01",
    )  # fmt: skip
    assert filtered["total"] == 0
    bad = client.get("/api/network/events", params={"from_actor": "RUS"})
    assert bad.status_code == 422


# --- the layers the build makes ------------------------------------------------------------


def test_labels_appear_by_zoom_biggest_first() -> None:
    rows = [
        layers.Row(1, "city", "Smallville", "UA", 50.0, 30.0, 60_000, ""),
        layers.Row(2, "city", "Hamlet", "UA", 50.1, 30.1, 900, ""),
        layers.Row(3, "city", "Capital", "UA", 50.2, 30.2, 900_000, "PPLC"),
        layers.Row(4, "country", "Ukraine", "UA", 49.0, 32.0, 40_000_000, "UKR"),
        layers.Row(5, "admin1", "Kharkiv Oblast", "UA", 49.5, 36.5, 2_600_000, "UA-63"),
    ]
    made = layers.labels(rows)
    kinds = made["kinds"]
    got = [(name, zoom, kinds[kind]) for name, _lat, _lon, zoom, kind in made["rows"]]
    assert got == [
        ("Ukraine", 2, "country"),
        ("Capital", 3, "capital"),
        ("Kharkiv Oblast", 6, "admin1"),
        ("Smallville", 7, "city"),
    ]


def test_built_regions_cross_no_antimeridian_and_know_the_gazetteer() -> None:
    world = Path(web.VENDOR / "world.json")
    if not world.is_file():
        pytest.skip("page assets missing: run python -m wirewatch.web.build")
    topology = json.loads(world.read_text(encoding="utf-8"))
    assert layers.jumps(topology) == []
    regions = topology["objects"]["regions"]["geometries"]
    ids = {g["properties"].get("g") for g in regions}
    assert {706482, 703446} <= ids  # Kharkiv Oblast, Kyiv Oblast
    assert {g["properties"]["c"] for g in regions} >= {"UKR", "RUS", "SSD", "FJI"}


def test_a_region_crossing_the_antimeridian_is_refused() -> None:
    square = [[[179.0, 60.0], [-179.0, 60.0], [-179.0, 61.0], [179.0, 61.0], [179.0, 60.0]]]
    collection = {"features": [{"geometry": {"type": "Polygon", "coordinates": square},
                                "properties": {"c": "RUS"}}]}  # fmt: skip
    assert layers.crossing(collection) == ["{'c': 'RUS'}"]
