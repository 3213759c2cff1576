"""Exports analysts load (issue 14): every format read back with the tool its users use
(pyarrow, the csv module, a GeoJSON validator), checked on a seed event; the crosswalks and
conventions on hand-made values; left-out records counted; the API's GeoJSON limit.

The seed store runs ``../shared/seeds/000_*`` through the real stages once for the module. Its
strike: "Russian ballistic missiles slammed into an apartment building in the city [Kharkiv]
overnight, ... killing at least six people" (ASSAULT, Russia → Ukraine, 2024-05-30/31).
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from geojson_pydantic import FeatureCollection
from tests.conftest import SEED_DATES, SEEDS, need
from tests.test_api import build as build_fixture

from wirewatch import export
from wirewatch.cli import cli
from wirewatch.export import acled, gdelt, geojson, plover
from wirewatch.export.view import Happening
from wirewatch.store import Store

with warnings.catch_warnings():  # starlette suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from wirewatch.api.app import create_app

TRIGGER = "slammed"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = next(need(SEEDS).glob("000_*.txt"))
    db = str(tmp_path_factory.mktemp("export") / "seed.db")
    done = CliRunner().invoke(cli, ["run", str(path), "--db", db, "--published", SEED_DATES["000"]])
    assert done.exit_code == 0, done.output
    return db


@pytest.fixture(scope="module")
def strike(seed_db: str) -> dict[str, Any]:
    """The seed's strike as the JSON Lines export keeps it."""
    found = [r for r in export.records(Store(seed_db), "events") if _trigger(r) == TRIGGER]
    assert len(found) == 1
    return found[0]


def written(db: str, fmt: str, what: str = "events") -> tuple[bytes, export.Exported]:
    out = io.BytesIO()
    done = export.export(Store(db), what, fmt, out)
    return out.getvalue(), done


def event_count(db: str, what: str = "events") -> int:
    return sum(1 for _ in export.records(Store(db), what))


def _trigger(record: dict[str, Any]) -> str:
    return str(record["text_info"]["trigger"]["text"])


# --- read back with the users' tools ----------------------------------------------------------


def test_geojson_is_valid_and_holds_the_strike(seed_db: str, strike: dict[str, Any]) -> None:
    body, done = written(seed_db, "geojson")
    collection = FeatureCollection.model_validate_json(body)  # RFC 7946 structure, typed
    features = {f.id: f for f in collection.features}
    assert done.written == len(features) > 0
    assert done.written + sum(done.left_out.values()) == event_count(seed_db)
    assert set(done.left_out) <= {geojson.UNPLACED}
    feature = features[strike["id"]]
    assert feature.geometry is not None
    assert (feature.geometry.coordinates.longitude, feature.geometry.coordinates.latitude) == (
        36.25,
        49.98,
    )
    props = feature.properties or {}
    assert (props["event"], props["actor_codes"], props["recipient_codes"]) == (
        "ASSAULT",
        "RUS MIL",
        "UKR",
    )
    assert (props["actor_names"], props["recipient_names"]) == ("Russia", "Ukraine")
    assert (props["date"], props["place"], props["admin1"]) == (
        "2024-05-30/2024-05-31",
        "Kharkiv",
        "Kharkiv Oblast",
    )
    assert (props["precision"], props["location_type"], props["dead"]) == ("city", "point", 6)
    assert props["place_from"] == "sentence"  # "slammed into an apartment building in the city"
    assert props["trigger"] == TRIGGER and TRIGGER in props["sentence"]
    for found in collection.features:  # areas say they are areas
        found_props = found.properties or {}
        area = found_props["precision"] not in ("city", "point")
        assert found_props["location_type"] == ("area" if area else "point")


def test_geojson_of_merged_events_is_valid(seed_db: str, strike: dict[str, Any]) -> None:
    body, done = written(seed_db, "geojson", "merged")
    collection = FeatureCollection.model_validate_json(body)
    assert done.written == len(collection.features) > 0
    assert done.written + sum(done.left_out.values()) == event_count(seed_db, "merged")
    merged = [f.properties or {} for f in collection.features]
    kharkiv = next(p for p in merged if p["trigger"] == TRIGGER)
    assert (kharkiv["event"], kharkiv["place"], kharkiv["sources"]) == ("ASSAULT", "Kharkiv", 1)
    assert kharkiv["reports"] >= 1 and kharkiv["actor_codes"] == "RUS MIL"


def test_csv_rows_carry_names_and_evidence(seed_db: str, strike: dict[str, Any]) -> None:
    body, done = written(seed_db, "csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) == done.written == event_count(seed_db)
    assert list(rows[0]) == [name for name, _ in export.columns("events")]
    row = next(r for r in rows if r["id"] == strike["id"])
    assert (row["event"], row["actor_codes"], row["actor_names"]) == (
        "ASSAULT",
        "RUS MIL",
        "Russia",
    )
    assert (row["recipient_codes"], row["recipient_names"]) == ("UKR", "Ukraine")
    assert (row["date"], row["place"], row["place_precision"]) == (
        "2024-05-30/2024-05-31",
        "Kharkiv",
        "city",
    )
    assert row["place_from"] == "sentence"
    froms = {r["place_from"] for r in rows}
    assert froms <= {"sentence", "article", ""} and "sentence" in froms
    assert all((r["place_from"] == "") == (r["place"] == "") for r in rows)
    assert (row["trigger"], row["dead"], row["weapons"]) == (TRIGGER, "6", "ballistic missile")
    assert (row["attribution"], row["attribution_cue"]) == ("Ukrainian officials", "said")
    assert row["sentence"].startswith("Russian ballistic missiles slammed")


def test_parquet_types_every_column_and_holds_the_strike(
    seed_db: str, strike: dict[str, Any]
) -> None:
    body, done = written(seed_db, "parquet")
    table = pq.read_table(io.BytesIO(body))
    assert table.num_rows == done.written == event_count(seed_db)
    assert pa.null() not in table.schema.types  # a column empty everywhere keeps its type
    assert table.schema.field("injured").type == pa.int64()
    assert table.schema.field("geonameid").type == pa.int64()
    assert table.schema.field("lat").type == pa.float64()
    row = next(r for r in table.to_pylist() if r["id"] == strike["id"])
    assert (row["event"], row["actor_names"], row["recipient_names"]) == (
        "ASSAULT",
        "Russia",
        "Ukraine",
    )
    assert (row["date"], row["place"], row["country"], row["dead"]) == (
        "2024-05-30/2024-05-31",
        "Kharkiv",
        "UKR",
        6,
    )
    assert (row["geonameid"], row["trigger"]) == (706483, TRIGGER)


def test_merged_csv_and_parquet_carry_names(seed_db: str) -> None:
    body, _ = written(seed_db, "parquet", "merged")
    table = pq.read_table(io.BytesIO(body))
    assert table.column_names == [name for name, _ in export.columns("merged")]
    assert pa.null() not in table.schema.types
    row = next(r for r in table.to_pylist() if r["trigger"] == TRIGGER)
    assert (row["actor_names"], row["recipient_names"], row["place"]) == (
        "Russia",
        "Ukraine",
        "Kharkiv",
    )
    text, _ = written(seed_db, "csv", "merged")
    assert len(list(csv.DictReader(io.StringIO(text.decode())))) == table.num_rows


def test_acled_reads_back_with_acled_columns(seed_db: str, strike: dict[str, Any]) -> None:
    body, done = written(seed_db, "acled")
    reader = csv.DictReader(io.StringIO(body.decode("utf-8")))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == acled.COLUMNS
    assert len(rows) == done.written > 0
    assert done.written + sum(done.left_out.values()) == event_count(seed_db)
    row = next(r for r in rows if r["event_id_cnty"] == strike["id"])
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-05-30", "2024", "2")
    assert (row["event_type"], row["sub_event_type"], row["disorder_type"]) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Political violence",
    )
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Military Forces of Russia",
        "8",
        "Ukraine",
        "1",
    )
    assert (row["interaction"], row["iso"], row["country"], row["admin1"]) == (
        "18",
        "804",
        "Ukraine",
        "Kharkiv Oblast",
    )
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == (
        "Kharkiv",
        "49.98",
        "36.25",
        "1",
    )
    assert (row["fatalities"], row["notes"].split()[:3]) == (
        "6",
        ["Russian", "ballistic", "missiles"],
    )
    assert int(row["timestamp"]) > 0
    for found in rows:  # only what ACLED codes
        assert found["event_type"] in {kind for kind, _ in acled.CROSSWALK.values()} | {
            acled.REMOTE,
            "Violence against civilians",
            "Riots",
        }
        assert found["fatalities"].isdigit() and found["time_precision"] in ("1", "2", "3")


def test_gdelt_reads_back_as_gdelt_tsv(seed_db: str, strike: dict[str, Any]) -> None:
    body, done = written(seed_db, "gdelt")
    lines = list(
        csv.reader(io.StringIO(body.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    )
    assert len(lines) == done.written == event_count(seed_db)  # no header line, as GDELT
    assert {len(line) for line in lines} == {61}
    rows = [dict(zip(gdelt.COLUMNS, line, strict=True)) for line in lines]
    row = next(r for r in rows if r["GLOBALEVENTID"] == str(gdelt.event_number(strike["id"])))
    assert format(int(row["GLOBALEVENTID"]), "015x") == strike["id"][:15]
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20240530", "202405", "2024")
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "RUSMIL",
        "RUSSIA",
        "RUS",
    )
    assert (row["Actor1Type1Code"], row["Actor2Code"], row["Actor2Name"]) == (
        "MIL",
        "UKR",
        "UKRAINE",
    )
    assert (row["EventCode"], row["EventRootCode"], row["QuadClass"]) == (
        strike["cameo"],
        strike["cameo"][:2],
        "4",
    )
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == (
        "4",
        "Kharkiv, Kharkiv Oblast, Ukraine",
    )
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (
        "UP",
        "49.98",
        "36.25",
    )
    assert (row["NumSources"], row["NumArticles"], row["ActionGeo_FeatureID"]) == (
        "1",
        "1",
        "706483",
    )
    assert len(row["DATEADDED"]) == 14


def test_plover_reads_back_with_polecat_names(seed_db: str, strike: dict[str, Any]) -> None:
    body, done = written(seed_db, "plover")
    reader = csv.DictReader(
        io.StringIO(body.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == plover.COLUMNS
    assert len(rows) == done.written == event_count(seed_db)
    row = next(r for r in rows if r["Event ID"] == strike["id"])
    assert (row["Event Type"], row["Event Mode"], row["Event Date"]) == (
        "ASSAULT",
        strike["mode"],
        "2024-05-30/2024-05-31",
    )
    assert (row["Actor Name"], row["Actor Country"], row["Primary Actor Sector"]) == (
        "Russia",
        "RUS",
        "MIL",
    )
    assert (row["Recipient Name"], row["Recipient Country"]) == ("Ukraine", "UKR")
    assert (row["Placename"], row["City"], row["Province"], row["Country"]) == (
        "Kharkiv",
        "Kharkiv",
        "Kharkiv Oblast",
        "UKR",
    )
    assert (row["GeoNames ID"], row["Dead"], row["Trigger"]) == ("706483", "6", TRIGGER)


def test_every_format_of_an_empty_store_reads_back(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    Store(db).close()
    for what in ("events", "merged"):
        assert FeatureCollection.model_validate_json(written(db, "geojson", what)[0]).features == []
        assert written(db, "acled", what)[0].decode().splitlines() == [",".join(acled.COLUMNS)]
        assert written(db, "gdelt", what)[0] == b""
        assert written(db, "plover", what)[0].decode().splitlines() == ["\t".join(plover.COLUMNS)]
        parquet = pq.read_table(io.BytesIO(written(db, "parquet", what)[0]))
        assert parquet.column_names == [n for n, _ in export.columns(what)]


# --- conventions on hand-made values ------------------------------------------------------------


def happening(**record: Any) -> Happening:
    base: dict[str, Any] = {"event": "ASSAULT", "modality": "actual", "actor": [], "recipient": []}
    evidence = {"text_info": {"trigger": {"text": record.pop("trigger", "hit")}}, **record}
    return Happening(
        id="0123456789abcdef",
        kind="event",
        row={},
        record=base | record,
        evidence=evidence,
        articles=({"id": "a", "source": "Wire"},),
    )


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2024-05-30", "day", ("2024-05-30", 1)),
        ("2024-05-31", "publication", ("2024-05-31", 2)),
        ("2024-05-30/2024-05-31", "interval", ("2024-05-30", 2)),
        ("2024-W22", "week", ("2024-05-30", 2)),
        ("2024-05", "month", ("2024-05-15", 3)),
        ("2024", "year", None),
        ("2022-02/2024-05-31", "interval", None),
    ],
)
def test_acled_dates_and_time_precision(
    value: str, precision: str, expected: tuple[str, int] | None
) -> None:
    assert acled.event_date({"value": value, "precision": precision}) == expected


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"mode": "drone"}, (acled.REMOTE, "Air/drone strike")),
        ({"mode": "aerial"}, (acled.REMOTE, "Air/drone strike")),
        (
            {"mode": "aerial", "weapons": [{"weapon": {"name": "Iskander missile"}}]},
            (acled.REMOTE, "Shelling/artillery/missile attack"),
        ),
        ({"mode": "heavy-weapons"}, (acled.REMOTE, "Shelling/artillery/missile attack")),
        ({"mode": "explosives"}, (acled.REMOTE, "Remote explosive/landmine/IED")),
        ({"mode": "firearms"}, ("Battles", "Armed clash")),
        (
            {"recipient": [{"name": "villagers", "kind": "group", "sector": "CVL"}]},
            ("Violence against civilians", "Attack"),
        ),
        ({"event": "COERCE", "trigger": "arrested"}, (acled.STRATEGIC, "Arrests")),
        ({"event": "COERCE", "trigger": "blockade"}, (acled.STRATEGIC, "Other")),
        ({"event": "PROTEST", "trigger": "rallied"}, ("Protests", "Peaceful protest")),
        ({"event": "PROTEST", "trigger": "rioted"}, ("Riots", "Violent demonstration")),
        ({"event": "AGREE"}, (acled.STRATEGIC, "Agreement")),
        ({"event": "MOBILIZE"}, (acled.STRATEGIC, "Change to group/activity")),
    ],
)
def test_acled_crosswalk(record: dict[str, Any], expected: tuple[str, str]) -> None:
    assert acled.sub_event(happening(**record)) == expected


def test_acled_leaves_out_what_acled_does_not_code() -> None:
    notes: Counter[str] = Counter()
    dated = {"date": {"value": "2024-05-30", "precision": "day"}}
    found = [
        happening(event="ACCUSE", **dated),
        happening(modality="threatened", **dated),
        happening(polarity="negated", **dated),
        happening(date={"value": "2024", "precision": "year"}),
        happening(**dated),
    ]
    assert len(list(acled.rows(found, notes))) == 1
    assert sum(notes.values()) == 4 and "ACCUSE: a type ACLED does not code" in notes


def test_acled_actor_names_and_interaction() -> None:
    russia = {"code": "RUS", "name": "Russia", "kind": "state", "sector": "MIL"}
    ukraine = {"code": "UKR", "name": "Ukraine", "kind": "state", "sector": "COP"}
    people = {"code": "UKR", "name": "residents", "kind": "group", "sector": "CVL"}
    place = {"name": "Kharkiv", "country": "UKR", "lat": 49.98, "lon": 36.25, "precision": "city"}
    one = happening(
        actor=[russia, ukraine],
        recipient=[people],
        event_loc={"place": place},
        date={"value": "2024-05-30", "precision": "day"},
    )
    row = dict(zip(acled.COLUMNS, acled.row(one, ("2024-05-30", 1)), strict=True))
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Military Forces of Russia",
        "Police Forces of Ukraine",
        8,
    )
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Ukraine)", 7, 78)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["fatalities"], row["geo_precision"]) == (0, 1)


def test_geojson_areas_keep_their_precision() -> None:
    russia = {"name": "Russia", "feature": "country", "country": "RUS", "lat": 60.0, "lon": 100.0}
    area = happening(event_loc={"place": {**russia, "precision": "country"}})
    unplaced = happening(event_loc={"span": {"text": "the front"}, "place": None})
    notes: Counter[str] = Counter()
    (feature,) = geojson.features([area, unplaced], notes)
    assert feature["properties"]["precision"] == "country"
    assert feature["properties"]["location_type"] == "area"
    assert notes == {geojson.UNPLACED: 1}


def test_gdelt_geo_types_and_dates() -> None:
    assert gdelt.fraction_date(2024, 5, 30) == 2024.4932
    assert gdelt.event_number("m0123456789abcdef") == int("0123456789abcde", 16)
    for precision, country, expected in (
        ("country", "UKR", 1),
        ("region", "UKR", 5),
        ("city", "UKR", 4),
        ("region", "USA", 2),
        ("city", "USA", 3),
    ):
        place = {"name": "x", "country": country, "precision": precision, "lat": 1.0, "lon": 2.0}
        row = dict(
            zip(gdelt.COLUMNS, gdelt.row(happening(event_loc={"place": place})), strict=True)
        )
        assert row["ActionGeo_Type"] == expected


def test_tab_separated_values_never_break_a_line() -> None:
    one = happening(text_info={"sentence": {"text": "a\tb\nc"}, "trigger": {"text": "hit"}})
    (line,) = b"".join(export.writers.tsv_chunks(plover.rows([one]))).decode().splitlines()
    assert len(line.split("\t")) == len(plover.COLUMNS) and "a b c" in line


# --- the command and the API --------------------------------------------------------------------


def test_command_notes_what_it_left_out(seed_db: str, tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    runner = CliRunner()
    done = runner.invoke(cli, ["export", "--db", seed_db, "--format", "geojson", "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert "Left out" in done.stderr and "no place with coordinates" in done.stderr
    assert FeatureCollection.model_validate_json(target.read_bytes()).features
    wrong = runner.invoke(cli, ["export", "--db", seed_db, "--what", "quotes", "--format", "acled"])
    assert wrong.exit_code == 1 and "exports events and merged events" in wrong.stderr


def test_api_geojson_limit_counts_placed_events(tmp_path: Path) -> None:
    """Issue 14: limit=2 gave 0 features when the first events (newest) had no place."""
    db = str(tmp_path / "fixture.db")
    build_fixture(db).close()
    with TestClient(create_app(db)) as client:
        placed = client.get("/api/events", params={"format": "geojson"}).json()["features"]
        assert len(placed) == 3
        for limit in (1, 2, 3):
            got = client.get("/api/events", params={"format": "geojson", "limit": limit}).json()
            assert [f["id"] for f in got["features"]] == [f["id"] for f in placed[:limit]]
        second = client.get("/api/events", params={"format": "geojson", "limit": 1, "offset": 1})
        assert [f["id"] for f in second.json()["features"]] == [placed[1]["id"]]
        kharkiv = next(f for f in placed if f["id"] == "ev-assault-kharkiv")["properties"]
        assert (kharkiv["precision"], kharkiv["location_type"]) == ("city", "point")
        csv_rows = client.get("/api/events", params={"format": "csv", "limit": 2}).text
        assert len(csv_rows.strip().splitlines()) == 3  # CSV keeps every event, placed or not
    assert json.loads(json.dumps(placed))  # plain JSON


def test_a_place_taken_from_the_article_is_said_to_come_from_it() -> None:
    from wirewatch.export.view import Happening

    def told(role: str) -> str | None:
        loc = {"role": role, "span": {"start": 0, "end": 7, "text": "Kharkiv"}}
        record = {"event_loc": loc}
        return Happening(id="e", kind="event", row={}, record=record, evidence=record,
                         articles=()).place_from  # fmt: skip

    assert (told("context"), told("location")) == ("article", "sentence")
    unplaced = Happening(id="e", kind="event", row={}, record={}, evidence={}, articles=())
    assert unplaced.place_from is None
