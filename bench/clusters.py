"""clusters: story clustering on news_cluster (383 articles, 69 gold stories), with a peer.

wirewatch: the incremental clusterer (``wirewatch.corpus.cluster``), articles in publication
order, each joining a story or starting one. Peer ``tfidf``: TF-IDF over the whole set and
average-link agglomerative clustering (scipy), the usual batch baseline.

No setting is chosen on the labels it is scored with: 5-fold cross-validation by article.
For each fold, the settings (threshold; and for wirewatch decay, window and warm-up) that give the
best pairwise F1 on the pairs of the other folds' articles are used to score the pairs of
the fold's own articles; the counts are pooled over the folds. B-cubed is computed the same
way (each article against the articles of its own fold). The row ``wirewatch (defaults)``
is the real path with the shipped default settings: ingest, store, ``corpus.update``.

Metrics: pairwise_precision, pairwise_recall, pairwise_f1, bcubed_f1 (all cross-validated),
default_pairwise_f1, default_bcubed_f1, articles_per_s (corpus.update, store included).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from bench.common import data_path, emit, print_table, read_jsonl, rounded
from wirewatch import corpus
from wirewatch.corpus import text as textual
from wirewatch.corpus.cluster import Clusterer, Params
from wirewatch.corpus.db import Brief, briefs
from wirewatch.stages import ingest
from wirewatch.stages.ingest.sources import Input
from wirewatch.store import Store

TASK = "clusters"
DEFAULT = "clustering/news_cluster.jsonl"
FOLDS = 5
THRESHOLDS = (0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19)
DECAYS = (0.0, 0.02, 0.04)
WINDOWS = (90, 365)
WARMUPS = (3.0, 20.0)  # both keep a young store from joining on chance words (see Params)
DISTANCES = tuple(round(0.5 + 0.02 * i, 2) for i in range(25))
Labels = list[str]


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    rows = read_jsonl(path, limit)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "clusters.db"))
        found, gold, default, seconds = _store_run(store, rows)
        store.close()
    folds = [_fold(b.id) for b in found]
    ours = _cross_validate(gold, folds, _our_runs(found))
    peer = _cross_validate(gold, folds, _tfidf_runs(found))
    default_scores = _scores(default, gold, [0] * len(gold), 0)
    metrics = {
        **ours["scores"],
        "default_pairwise_f1": default_scores["pairwise_f1"],
        "default_bcubed_f1": default_scores["bcubed_f1"],
        "articles_per_s": len(found) / seconds,
    }
    stories = len(set(gold))
    print_table(
        f"clusters: {len(found)} articles, {stories} gold stories, {FOLDS}-fold CV ({path})",
        [
            {"system": "wirewatch (incremental, CV)", **ours["scores"]},
            {"system": "wirewatch (defaults)", **default_scores},
            {"system": "tfidf (average link, CV)", **peer["scores"]},
        ],
    )
    print_table("settings chosen per fold", _choices(ours["chosen"], peer["chosen"]))
    emit(TASK, len(found), rounded(metrics), {"tfidf": rounded(peer["scores"])})
    return 0


def _store_run(
    store: Store, rows: Sequence[dict[str, Any]]
) -> tuple[list[Brief], Labels, Labels, float]:
    """Ingest and store the articles, run corpus.update; the stories it made, per article."""
    label: dict[str, str] = {}
    for row in rows:
        fields = {k: row.get(k) for k in ("title", "published", "url", "source")}
        item = Input(row["id"], b"", "record", fields={**fields, "text": row["text"]})
        article = ingest.article_from(item, min_english=0.0, min_words=1)
        label[article.id] = row["cluster"]
        store.save(article)
    started = time.perf_counter()
    summary = corpus.update(store, list(label))
    seconds = time.perf_counter() - started
    with store.engine.connect() as conn:
        found = briefs(conn, list(label))
    return found, [label[b.id] for b in found], [summary.stories[b.id] for b in found], seconds


def _fold(article_id: str) -> int:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % FOLDS


def _our_runs(found: Sequence[Brief]) -> dict[str, Labels]:
    terms = [textual.terms(b.title, b.text) for b in found]
    runs = {}
    grid = itertools.product(THRESHOLDS, DECAYS, WINDOWS, WARMUPS)
    for threshold, decay, window, warmup in grid:
        params = Params(threshold=threshold, decay=decay, window=window, warmup=warmup)
        clusterer = Clusterer(params)
        labels = [clusterer.place(b.id, b.day, t)[0] for b, t in zip(found, terms, strict=True)]
        runs[f"t={threshold} decay={decay} window={window} warmup={warmup:g}"] = labels
    return runs


def _tfidf_runs(found: Sequence[Brief]) -> dict[str, Labels]:
    docs = [Counter(textual.words(f"{b.title or ''}\n{b.text}")) for b in found]
    docs = [Counter({w: c for w, c in d.items() if w not in textual.STOP}) for d in docs]
    df = Counter(w for d in docs for w in d)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    matrix = np.zeros((len(docs), len(vocab)))
    for row, doc in enumerate(docs):
        for word, count in doc.items():
            idf = math.log((1 + len(docs)) / (1 + df[word])) + 1
            matrix[row, vocab[word]] = (1 + math.log(count)) * idf
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
    tree = linkage(matrix, method="average", metric="cosine")
    return {f"distance={d}": [str(c) for c in fcluster(tree, d, "distance")] for d in DISTANCES}


def _cross_validate(gold: Labels, folds: list[int], runs: dict[str, Labels]) -> dict[str, Any]:
    """Per fold: the run best on the other folds, scored on this one; counts pooled."""
    totals = Counter[str]()
    chosen = []
    for fold in range(FOLDS):
        best = max(runs, key=lambda name: (_pairs(runs[name], gold, folds, fold, False)[3], name))
        chosen.append(best)
        tp, pp, gp = _pairs(runs[best], gold, folds, fold, True)[:3]
        totals.update({"tp": tp, "pp": pp, "gp": gp})
        bp, br = _bcubed(runs[best], gold, folds, fold)
        totals.update({"bp": bp, "br": br, "n": sum(f == fold for f in folds)})
    return {"scores": _pooled(totals), "chosen": chosen}


def _pairs(
    pred: Labels, gold: Labels, folds: list[int], fold: int, inside: bool
) -> tuple[int, int, int, float]:
    """(true pairs found, pairs made, gold pairs, F1) over articles in (or out of) ``fold``."""
    keep = [i for i, f in enumerate(folds) if (f == fold) == inside]
    tp = _same(Counter((pred[i], gold[i]) for i in keep))
    pp = _same(Counter(pred[i] for i in keep))
    gp = _same(Counter(gold[i] for i in keep))
    return tp, pp, gp, 2 * tp / (pp + gp) if pp + gp else 0.0


def _same(counts: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def _bcubed(pred: Labels, gold: Labels, folds: list[int], fold: int) -> tuple[float, float]:
    """Summed B-cubed precision and recall of the fold's articles, among the fold's articles."""
    keep = [i for i, f in enumerate(folds) if f == fold]
    cells = Counter((pred[i], gold[i]) for i in keep)
    sizes_p, sizes_g = Counter(pred[i] for i in keep), Counter(gold[i] for i in keep)
    precision = sum(cells[pred[i], gold[i]] / sizes_p[pred[i]] for i in keep)
    recall = sum(cells[pred[i], gold[i]] / sizes_g[gold[i]] for i in keep)
    return precision, recall


def _pooled(t: Counter[str]) -> dict[str, float]:
    precision = t["tp"] / t["pp"] if t["pp"] else 1.0
    recall = t["tp"] / t["gp"] if t["gp"] else 1.0
    bp, br = t["bp"] / max(t["n"], 1), t["br"] / max(t["n"], 1)
    return {
        "pairwise_precision": precision,
        "pairwise_recall": recall,
        "pairwise_f1": _f1(precision, recall),
        "bcubed_f1": _f1(bp, br),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _scores(pred: Labels, gold: Labels, folds: list[int], fold: int) -> dict[str, float]:
    tp, pp, gp, _ = _pairs(pred, gold, folds, fold, True)
    bp, br = _bcubed(pred, gold, folds, fold)
    return _pooled(Counter({"tp": tp, "pp": pp, "gp": gp, "bp": bp, "br": br, "n": len(gold)}))


def _choices(ours: list[str], peer: list[str]) -> list[dict[str, Any]]:
    pick: Callable[[list[str], int], str] = lambda chosen, i: chosen[i]  # noqa: E731
    return [{"fold": i, "wirewatch": pick(ours, i), "tfidf": pick(peer, i)} for i in range(FOLDS)]
