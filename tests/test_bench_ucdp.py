"""The ucdp benchmark end to end on a small slice (the full run is marked slow)."""

from __future__ import annotations

import pytest
from bench import ucdp
from tests.conftest import DATA, bench, need

GED = DATA / "ucdp" / "ged_dev.jsonl"


def test_ucdp_small() -> None:
    need(GED)
    result = bench("ucdp", "--limit", "20")
    assert result["n"] == 20
    for metric in ucdp.METRICS:
        assert 0.0 <= float(result[metric]) <= 1.0, metric
        assert 0.0 <= float(result["peers"]["keywords"][metric]) <= 1.0, metric
    counted = result["counted"]
    assert counted["found"] == counted["loc_161"] == 20
    assert counted["dead_exact"] <= 20 and counted["actor_country"] <= 20


def test_keywords_peer_reads_a_toll_a_place_and_a_doer() -> None:
    from wirewatch.gazetteer import gazetteer

    kind, dead, point, days, doers, parties = ucdp._keywords(
        "Five soldiers killed in an ambush near Mosul, Iraq says", gazetteer()
    )
    assert kind == "ASSAULT" and dead == 5 and days is None
    assert point is not None and abs(point[0] - 36.3) < 0.5  # Mosul
    assert doers == parties == {"IRQ"}
    assert ucdp._keywords("Markets rallied on Monday", gazetteer())[0] is None


@pytest.mark.slow
def test_ucdp_full() -> None:
    need(GED)
    result = bench("ucdp")
    assert result["n"] == 3010
    assert float(result["found"]) > 0.3  # a floor: see the README's figures
