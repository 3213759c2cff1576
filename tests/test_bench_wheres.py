"""The wheres benchmark end to end on a small slice (the full run is marked slow)."""

from __future__ import annotations

import pytest
from bench import wheres
from tests.conftest import DATA, bench, need

GED = DATA / "ucdp" / "ged_dev.jsonl"


def test_wheres_small() -> None:
    need(GED)
    result = bench("wheres", "--limit", "20")
    assert result["n"] == 20
    for part in ("dev", "held_out", "all"):
        for metric in wheres.METRICS:
            value = float(result[f"{part}_{metric}"])
            assert 0.0 <= value <= 1.0, (part, metric)
            assert 0.0 <= float(result["peers"]["most_populous"][f"{part}_{metric}"]) <= 1.0
    assert result["all_km25"] <= result["all_km161"] <= result["all_placed"]


def test_a_description_reads_as_the_sentence_it_completes() -> None:
    assert wheres._sentence("Bangui") == "It happened in Bangui."
    assert wheres._sentence("near Bouar,") == "It happened near Bouar."
    assert (
        wheres._sentence("a village in Ye Township") == "It happened in a village in Ye Township."
    )
    row = {"meta": {"where_description": "Toke Gyi village\r\n\r\nKatha township"}}
    assert wheres._description(row) == "Toke Gyi village, Katha township"


def test_the_finest_place_of_the_description_is_the_answer() -> None:
    from dataclasses import replace

    from wirewatch.records import Article, Place, PlaceMention, Span

    def mention(start: int, precision: str, lat: float) -> PlaceMention:
        place = Place(geonameid=1, name="x", feature=precision, country="UKR", lat=lat,
                      lon=30.0, precision=precision)  # fmt: skip
        return PlaceMention(span=Span(start=start, end=start + 1, text="x"), place=place)

    article = Article(id="a", text="x" * 40, origin="t", published=None)
    places = (mention(2, "city", 10.0), mention(20, "admin1", 20.0), mention(30, "city", 30.0))
    # the headline's town is left out; of the description's, the town before the region
    assert wheres._finest(replace(article, places=places), 10) == (30.0, 30.0, "UKR")
    assert wheres._finest(None, 0) is None


@pytest.mark.slow
def test_wheres_full() -> None:
    need(GED)
    result = bench("wheres")
    assert result["n"] == 2775
    assert float(result["all_km161"]) > float(result["peers"]["most_populous"]["all_km161"])
