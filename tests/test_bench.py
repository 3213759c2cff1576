"""Every benchmark runs end to end on a small slice (full runs: make slow / python -m bench)."""

from __future__ import annotations

import os

import pytest
from tests.conftest import DATA, bench, need

from wirewatch import cpu


def test_speed_small() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("speed", "--limit", "8")
    assert result["n"] == 8
    for metric in ("articles_per_s", "words_per_s", "ratio", "peak_rss_mb"):
        assert float(result[metric]) > 0  # type: ignore[arg-type]
    assert result["workers"] == len(os.sched_getaffinity(0))
    for metric in ("articles_per_s_workers", "workers_speedup", "worker_peak_rss_mb"):
        assert float(result[metric]) > 0  # type: ignore[arg-type]
    peers = result["peers"]
    assert isinstance(peers, dict) and set(peers) == {"spacy", "spacy_processes"}
    assert peers["spacy_processes"]["processes"] == result["workers"]
    assert float(peers["spacy_processes"]["speedup"]) > 0
    assert result["kernel"] == cpu.kernel()  # the pipeline and the parse alone both ran it


@pytest.mark.slow
def test_speed_full() -> None:
    need(DATA / "clustering" / "news_cluster.jsonl")
    result = bench("speed")
    assert result["n"] == 383
