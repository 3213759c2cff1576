"""clusters: story clustering on two corpora, each held out in turn, with a peer.

Corpora (``--data``: one corpus, or several joined with ``:``; default the two below):
- ``news_cluster`` (``clustering/news_cluster.jsonl``): 383 articles, 69 gold stories, 2016-18;
- ``giveme5w1h`` (``5w1h/giveme5w1h_gold_standard/data``): the Giveme5W1H gold standard's 96
  articles, 12 gold stories (its ``category``), November 2016; the one article without a
  category is left out (it has no gold story).
A corpus is a JSON-lines file with ``id, title, published, text, cluster`` or a directory of
Giveme5W1H JSON files.

wirewatch: the incremental clusterer (``wirewatch.corpus.cluster``), articles in publication
order, each joining a story or starting one. Peer ``tfidf``: TF-IDF over the whole corpus and
average-link agglomerative clustering (scipy), the usual batch baseline.

No setting is chosen on the labels it is scored with. With several corpora: leave one corpus
out. For each corpus, the settings (wirewatch: threshold, decay, window, warm-up, headline
weight; tfidf: distance) that give the best pairwise F1 on the other corpora (pair counts
pooled) are scored on it. ``in_sample`` is the best setting on the corpus itself, for
comparison only. ``gains``: what each choice adds, held out: the held-out F1 of the whole
grid less that of the grid without the choice (no decay; no warm-up; the headline counted
once like any sentence). ``defaults`` is the real path with the shipped settings: ingest,
store, ``corpus.update``. With one corpus: 5-fold cross-validation by article instead (the
settings best on the pairs of the other folds' articles score the fold's own pairs).

Metrics (pairwise precision, recall, F1 and B-cubed F1): per corpus ``<corpus>_<metric>``
held out, ``<corpus>_in_sample_f1``, ``<corpus>_default_f1``; ``pairwise_f1`` is the worse
corpus's held-out F1 and ``default_pairwise_f1`` the worse corpus's default F1;
``articles_per_s`` is ``corpus.update``'s speed, store included.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
CORPORA = {
    "news_cluster": "clustering/news_cluster.jsonl",
    "giveme5w1h": "5w1h/giveme5w1h_gold_standard/data",
}
FOLDS = 5
THRESHOLDS = (0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19)
DECAYS = (0.0, 0.02, 0.04)
WINDOWS = (365,)  # 90 days was never chosen; a story of news_cluster spans up to 4 years
WARMUPS = (0.0, 3.0)  # above 0 a young store does not join on chance words (see Params)
HEADLINES = (1, 2)  # times the headline's words count
DISTANCES = tuple(round(0.5 + 0.02 * i, 2) for i in range(25))
#: Each choice and the grid without it (a setting name's fields, see ``_our_runs``).
CHOICES: dict[str, Callable[[dict[str, float]], bool]] = {
    "decay": lambda s: s["decay"] == 0.0,
    "warm-up": lambda s: s["warmup"] == 0.0,
    "headline twice": lambda s: s["headline"] == 1,
}
Labels = list[str]


@dataclass
class Corpus:
    name: str
    path: Path
    found: list[Brief]
    gold: Labels
    default: Labels
    seconds: float


def run(data: str | None, limit: int | None) -> int:
    paths = _paths(data)
    corpora = [_corpus(name, path, limit) for name, path in paths.items()]
    if len(corpora) == 1:
        return _cross_validated(corpora[0])
    return _held_out(corpora)


def _paths(data: str | None) -> dict[str, Path]:
    if not data:
        return {name: data_path(relative) for name, relative in CORPORA.items()}
    paths = [Path(part) for part in data.split(":") if part]
    return {p.stem if p.is_file() else p.name: p for p in paths}


def _corpus(name: str, path: Path, limit: int | None) -> Corpus:
    rows = _giveme5w1h(path, limit) if path.is_dir() else read_jsonl(path, limit)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "clusters.db"))
        found, gold, default, seconds = _store_run(store, rows)
        store.close()
    return Corpus(name, path, found, gold, default, seconds)


def _giveme5w1h(folder: Path, limit: int | None) -> list[dict[str, Any]]:
    """The Giveme5W1H gold standard's articles that have a gold story (``category``)."""
    rows = []
    for file in sorted(folder.glob("*.json")):
        item = json.loads(file.read_text(encoding="utf-8"))
        if not item.get("category"):
            continue
        published = str(item.get("date_publish") or "")[:10]
        rows.append(
            {
                "id": item["dId"],
                "title": item.get("title"),
                "published": published if published[:1].isdigit() else None,
                "source": item.get("publisher"),
                "url": item.get("url"),
                "text": item["text"],
                "cluster": item["category"],
            }
        )
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _held_out(corpora: list[Corpus]) -> int:
    ours = {c.name: _counts(c, _our_runs(c.found)) for c in corpora}
    peer = {c.name: _counts(c, _tfidf_runs(c.found)) for c in corpora}
    metrics: dict[str, Any] = {}
    peer_metrics: dict[str, Any] = {}
    rows, gains = [], {}
    for c in corpora:
        others = [o.name for o in corpora if o is not c]
        mine, theirs = _chosen(ours, others, c), _chosen(peer, others, c)
        inside, inside_peer = _chosen(ours, [c.name], c), _chosen(peer, [c.name], c)
        default = _scores(c.default, c.gold, [0] * len(c.gold), 0)
        n, stories = len(c.found), len(set(c.gold))
        rows += [
            {"corpus": c.name, "system": "wirewatch, held out", **mine},
            {"corpus": c.name, "system": "tfidf, held out", **theirs},
            {"corpus": c.name, "system": "wirewatch, in sample", **inside},
            {"corpus": c.name, "system": "tfidf, in sample", **inside_peer},
            {"corpus": c.name, "system": "wirewatch, defaults", **default, "setting": "shipped"},
        ]
        for key in ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_f1"):
            metrics[f"{c.name}_{key}"] = mine[key]
            peer_metrics[f"{c.name}_{key}"] = theirs[key]
        metrics[f"{c.name}_in_sample_f1"] = inside["pairwise_f1"]
        metrics[f"{c.name}_default_f1"] = default["pairwise_f1"]
        metrics[f"{c.name}_articles"], metrics[f"{c.name}_stories"] = n, stories
        peer_metrics[f"{c.name}_in_sample_f1"] = inside_peer["pairwise_f1"]
        gains[c.name] = {
            choice: mine["pairwise_f1"] - _chosen(ours, others, c, without)["pairwise_f1"]
            for choice, without in CHOICES.items()
        }
    names = [c.name for c in corpora]
    metrics["pairwise_f1"] = min(metrics[f"{n}_pairwise_f1"] for n in names)
    metrics["default_pairwise_f1"] = min(metrics[f"{n}_default_f1"] for n in names)
    peer_metrics["pairwise_f1"] = min(peer_metrics[f"{n}_pairwise_f1"] for n in names)
    total = sum(len(c.found) for c in corpora)
    metrics["articles_per_s"] = total / sum(c.seconds for c in corpora)
    sizes = ", ".join(f"{c.name} {len(c.found)} articles" for c in corpora)
    print_table(f"clusters: leave one corpus out ({sizes})", rows)
    print_table(
        "every choice's gain: held-out pairwise F1 with the choice less without it",
        [{"choice": k, **{n: gains[n][k] for n in names}} for k in CHOICES],
    )
    metrics["gains"] = {n: rounded(g) for n, g in gains.items()}
    every = _chosen(ours, names, corpora[0])["setting"]
    print(f"best on all corpora pooled (what the shipped defaults rest on): {every}")
    metrics["chosen_on_all"] = every
    emit(TASK, total, rounded(metrics), {"tfidf": rounded(peer_metrics)})
    return 0


Counts = dict[str, tuple[int, int, int]]


def _counts(c: Corpus, runs: dict[str, Labels]) -> dict[str, Any]:
    """Per setting: (true pairs found, pairs made, gold pairs) and the labels."""
    whole = [0] * len(c.gold)
    return {
        name: (_pairs(labels, c.gold, whole, 0, True)[:3], labels) for name, labels in runs.items()
    }


def _chosen(
    table: dict[str, dict[str, Any]],
    tuning: list[str],
    c: Corpus,
    without: Callable[[dict[str, float]], bool] | None = None,
) -> dict[str, Any]:
    """The setting best on the ``tuning`` corpora (pair counts pooled), scored on ``c``."""
    names = [n for n in table[c.name] if without is None or without(_fields(n))]

    def f1(name: str) -> float:
        tp = sum(table[t][name][0][0] for t in tuning)
        made = sum(table[t][name][0][1] for t in tuning)
        gold = sum(table[t][name][0][2] for t in tuning)
        return 2 * tp / (made + gold) if made + gold else 0.0

    best = max(names, key=lambda name: (f1(name), name))
    return {**_scores(table[c.name][best][1], c.gold, [0] * len(c.gold), 0), "setting": best}


def _fields(name: str) -> dict[str, float]:
    return {k: float(v) for k, v in (part.split("=") for part in name.split())}


def _cross_validated(c: Corpus) -> int:
    found, gold = c.found, c.gold
    folds = [_fold(b.id) for b in found]
    ours = _cross_validate(gold, folds, _our_runs(found))
    peer = _cross_validate(gold, folds, _tfidf_runs(found))
    default_scores = _scores(c.default, gold, [0] * len(gold), 0)
    metrics = {
        **ours["scores"],
        "default_pairwise_f1": default_scores["pairwise_f1"],
        "default_bcubed_f1": default_scores["bcubed_f1"],
        "articles_per_s": len(found) / c.seconds,
    }
    stories = len(set(gold))
    print_table(
        f"clusters: {len(found)} articles, {stories} gold stories, {FOLDS}-fold CV ({c.path})",
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
    runs = {}
    for headline in HEADLINES:
        terms = [textual.terms(b.title, b.text, headline=headline) for b in found]
        grid = itertools.product(THRESHOLDS, DECAYS, WINDOWS, WARMUPS)
        for threshold, decay, window, warmup in grid:
            params = Params(threshold=threshold, decay=decay, window=window, warmup=warmup)
            clusterer = Clusterer(params)
            places = zip(found, terms, strict=True)
            labels = [clusterer.place(b.id, b.day, t)[0] for b, t in places]
            name = f"threshold={threshold} decay={decay} window={window} warmup={warmup:g}"
            runs[f"{name} headline={headline}"] = labels
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
