"""The geo benchmark end to end on a small slice (full runs: make slow / python -m bench geo)."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, bench, need

METRICS = ("acc161", "exact_id", "mean_km", "resolved", "e2e_precision", "e2e_recall", "e2e_f1")
GEO = DATA / "geoparsing"


def test_geo_small() -> None:
    need(GEO / "lgl.jsonl")
    result = bench("geo", "--limit", "12")
    assert result["n"] == 12
    for metric in (*METRICS, "e2e_f1_all_names"):
        assert 0 <= float(result[metric]) <= 20_000
    assert set(result["peers"]) == {"population"}


def test_geo_without_geonames_ids_reports_no_exact_id() -> None:
    need(GEO / "geovirus.jsonl")
    result = bench("geo", "--data", str(GEO / "geovirus.jsonl"), "--limit", "5")
    assert result["exact_id"] is None
    assert 0 < float(result["acc161"]) <= 1


@pytest.mark.slow
def test_geo_full_lgl_floors() -> None:
    """Quality gate (measured 2026-11: acc161 0.842, e2e_f1 0.735): never lower silently."""
    need(GEO / "lgl.jsonl")
    result = bench("geo")
    assert result["n"] == 391  # LGL less the third used for tuning
    assert float(result["acc161"]) >= 0.83
    assert float(result["e2e_f1"]) >= 0.72
    assert float(result["acc161"]) > float(result["peers"]["population"]["acc161"])


@pytest.mark.slow
def test_geo_full_geovirus_floors() -> None:
    """Quality gate (measured 2026-11: acc161 0.794, e2e_f1 0.711)."""
    need(GEO / "geovirus.jsonl")
    result = bench("geo", "--data", str(GEO / "geovirus.jsonl"))
    assert result["n"] == 229
    assert float(result["acc161"]) >= 0.78
    assert float(result["e2e_f1"]) >= 0.70
