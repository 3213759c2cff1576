"""The clusters benchmark end to end on small slices (the full run is marked slow)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from bench import clusters
from tests.conftest import DATA, bench, need

METRICS = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_f1")
NEWS = DATA / "clustering" / "news_cluster.jsonl"
GIVEME = DATA / "5w1h" / "giveme5w1h_gold_standard" / "data"
CORPORA = ("news_cluster", "giveme5w1h")


def test_clusters_small_leaves_each_corpus_out() -> None:
    need(NEWS)
    need(GIVEME)
    result = bench("clusters", "--limit", "30")
    assert result["n"] == 60  # 30 of each corpus
    for name in CORPORA:
        assert result[f"{name}_articles"] == 30
        for metric in (*METRICS, "in_sample_f1", "default_f1"):
            assert 0.0 <= float(result[f"{name}_{metric}"]) <= 1.0
        assert set(result["gains"][name]) == set(clusters.CHOICES)
    assert result["pairwise_f1"] == min(result[f"{n}_pairwise_f1"] for n in CORPORA)
    peer = result["peers"]["tfidf"]
    assert {f"{n}_pairwise_f1" for n in CORPORA} <= set(peer)


def test_clusters_one_corpus_is_cross_validated() -> None:
    need(NEWS)
    result = bench("clusters", "--data", str(NEWS), "--limit", "30")
    assert result["n"] == 30
    for metric in (*METRICS, "default_pairwise_f1", "default_bcubed_f1"):
        assert 0.0 <= float(result[metric]) <= 1.0
    assert set(METRICS) <= set(result["peers"]["tfidf"])


def test_clusters_reads_more_than_500_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More articles than one chunk of ids (500): the whole path, store included, on a
    one-setting grid so that it stays quick. News stories plus geoparsing texts, each of
    the latter its own story."""
    need(NEWS)
    lgl = DATA / "geoparsing" / "lgl.jsonl"
    need(lgl)
    rows = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    for line in lgl.read_text(encoding="utf-8").splitlines()[:140]:
        item = json.loads(line)
        fields = {k: item.get(k) for k in ("id", "title", "published", "text")}
        rows.append({**fields, "cluster": item["id"]})
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for name, grid in {
        "THRESHOLDS": (0.15,),
        "DECAYS": (0.02,),
        "WARMUPS": (3.0,),
        "HEADLINES": (2,),
        "DISTANCES": (0.8,),
    }.items():
        monkeypatch.setattr(clusters, name, grid)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert clusters.run(str(mixed), None) == 0
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert len(rows) > 500
    assert result["n"] > 500
    assert 0.5 < float(result["pairwise_f1"]) <= 1.0


@pytest.mark.slow
def test_clusters_full_held_out() -> None:
    """Leave one corpus out, as measured (README, Benchmarks): above the peer on each held-out
    corpus. The issue's goal (0.90 on both) is not reached: giveme5w1h stays at 0.835."""
    need(NEWS)
    need(GIVEME)
    result = bench("clusters")
    assert result["news_cluster_articles"] >= 380
    assert result["giveme5w1h_articles"] == 95
    peer = result["peers"]["tfidf"]
    for name in CORPORA:
        assert float(result[f"{name}_pairwise_f1"]) > float(peer[f"{name}_pairwise_f1"])
    assert float(result["pairwise_f1"]) >= 0.83
