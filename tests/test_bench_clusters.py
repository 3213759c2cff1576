"""The clusters benchmark end to end on a small slice (the full run is marked slow)."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, bench, need

METRICS = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_f1")


def test_clusters_small() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("clusters", "--limit", "40")
    assert result["n"] == 40
    for metric in (*METRICS, "default_pairwise_f1", "default_bcubed_f1"):
        assert 0.0 <= float(result[metric]) <= 1.0  # type: ignore[arg-type]
    assert set(result["peers"]) == {"tfidf"}  # type: ignore[arg-type]
    assert set(METRICS) <= set(result["peers"]["tfidf"])  # type: ignore[index]


@pytest.mark.slow
def test_clusters_full_meets_the_target() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("clusters")
    assert result["n"] >= 380
    assert float(result["pairwise_f1"]) >= 0.85  # type: ignore[arg-type]
    assert float(result["default_pairwise_f1"]) >= 0.85  # type: ignore[arg-type]
