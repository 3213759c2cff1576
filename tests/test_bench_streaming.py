"""The scale benchmarks run end to end on a small slice (full runs: make slow)."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, bench, need


def test_export_speed_small() -> None:
    result = bench("export_speed", "--limit", "200")
    assert result["n"] == 200
    for fmt in ("jsonl", "csv", "parquet", "geojson", "acled", "gdelt", "plover"):
        for size in (20, 200):
            assert float(result[f"{fmt}_seconds_at_{size}"]) > 0
            assert float(result[f"{fmt}_rss_mb_at_{size}"]) >= 0
    assert float(result["events_deep_ms_at_200"]) > 0


@pytest.mark.slow
def test_export_speed_full() -> None:
    """100,000 events: memory flat (every format's resident set within 1.5x of 10,000's)."""
    result = bench("export_speed")
    assert result["n"] == 100_000 and float(result["max_memory_growth"]) < 1.5


def test_corpus_growth_small() -> None:
    """End to end on 50 analysed articles and steps of 100 (the figure needs the full run)."""
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("corpus_growth", "--limit", "100")
    assert result["n"] == 200
    for mark in (0, 10, 100):
        assert float(result[f"cpu_s_per_1k_at_{mark}"]) > 0
    assert float(result["cpu_growth"]) > 0


@pytest.mark.slow
def test_corpus_growth() -> None:
    """The corpus step per 1,000 new articles at 10,000 stored against an empty store."""
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("corpus_growth", "--limit", "10000")
    assert result["n"] == 11_000 and float(result["cpu_growth"]) < 1.5
