"""The dedup and corpus_speed benchmarks end to end on small slices (full runs are slow)."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, bench, need


def test_dedup_small() -> None:
    result = bench("dedup", "--limit", "20")
    assert result["wrong_links"] == 0
    assert float(result["recall"]) >= 0.9 and float(result["precision"]) == 1.0  # type: ignore[arg-type]
    assert set(result["peers"]) == {"minhash_jaccard", "exact"}  # type: ignore[arg-type]


def test_corpus_speed_small() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("corpus_speed", "--limit", "200")
    assert result["n"] == 200
    assert float(result["articles_per_s"]) > 0 and int(result["links"]) > 0  # type: ignore[arg-type]
    assert set(result["peers"]) == {"datasketch_memory"}  # type: ignore[arg-type]


@pytest.mark.slow
def test_dedup_full() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("dedup")
    assert float(result["recall"]) >= 0.95 and float(result["rewrite_recall"]) >= 0.9  # type: ignore[arg-type]


@pytest.mark.slow
def test_corpus_speed_full() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("corpus_speed")
    assert result["n"] == 10_000
