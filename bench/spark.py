"""spark: ``wirewatch spark`` on local[1] against local[2], the same corpus, in one run.

The corpus is read from the shared data (never copied): news_cluster, the PolNeAR train and
dev articles (publication dates and titles from its metadata), LGL and GeoVirus: 2,124 news
articles, cut to ``--limit``. Each run is the whole command (read and ingest on the driver,
the stages on the executors, every dataset written, copies found); the JVM is started once
before timing. With 200 articles or more the masters alternate local[1], local[2],
local[2], local[1], so that a change in the machine's load over the run falls on both.

Metrics: speedup (local[2] articles/s ÷ local[1] articles/s, whole runs), analyse_speedup
(the same over the analysis job alone), articles_per_s_per_core (local[2] ÷ 2),
articles_per_s for each master, seconds per step, the load average before and after
(the machine may be shared), and what ``wirewatch load`` of the last run into SQLite costs
per 1,000 articles: saving them (save_s_per_1k) and the corpus stages that run there
(corpus_s_per_1k: copies, stories, merged events). Peer ``local[1]``: the same pipeline on
one core.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, read_jsonl, rounded
from wirewatch import settings
from wirewatch.spark import job
from wirewatch.spark import load as loading
from wirewatch.spark.session import session
from wirewatch.store import Store

TASK = "spark"
MASTERS = ("local[1]", "local[2]")
ALTERNATE = 200
FIELDS = ("text", "title", "published", "url", "source")


def corpus(limit: int | None) -> list[dict[str, Any]]:
    """News articles from the shared corpora, in a fixed order, at most ``limit``."""
    found: list[dict[str, Any]] = []
    for rows in (_jsonl("clustering/news_cluster.jsonl"), _polnear(), _geo()):
        for row in rows:
            if limit is not None and len(found) >= limit:
                return found
            if row.get("text", "").strip():
                found.append({k: row[k] for k in FIELDS if row.get(k)})
    return found


def _jsonl(relative: str) -> Iterator[dict[str, Any]]:
    path = data_path(relative)
    yield from read_jsonl(path) if path.exists() else []


def _geo() -> Iterator[dict[str, Any]]:
    yield from _jsonl("geoparsing/lgl.jsonl")
    yield from _jsonl("geoparsing/geovirus.jsonl")


def _polnear() -> Iterator[dict[str, Any]]:
    """PolNeAR's train and dev articles with the title and date its metadata gives."""
    root = data_path("quotes/polnear/data")
    if not root.exists():
        return
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}
    for split in ("train", "dev"):
        for path in sorted((root / split / "text").glob("*.txt")):
            info = meta.get(path.stem, {})
            yield {
                "text": path.read_text(encoding="utf-8"),
                "title": info.get("title"),
                "published": info.get("publication_date"),
                "source": info.get("publisher"),
            }


def run(data: str | None, limit: int | None) -> int:
    rows = read_jsonl(Path(data), limit) if data else corpus(limit)
    conf = settings.load({"db": ":memory:"})
    order = MASTERS if len(rows) < ALTERNATE else (*MASTERS, *reversed(MASTERS))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        with session("local[1]") as spark:  # start the JVM once, outside the timings
            spark.range(1).count()
        runs = [_once(source, Path(tmp) / f"out{i}", conf, m) for i, m in enumerate(order)]
        loaded = _load(Path(tmp) / f"out{len(order) - 1}", Path(tmp) / "loaded.db")
    return _report(rows, runs, loaded, load_before)


def _load(out: Path, db: Path) -> dict[str, float]:
    """``wirewatch load`` of the last run into SQLite: saving, then the corpus stages."""
    conf = settings.load({"db": str(db)})
    store = Store(conf.db)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    done = loading.load(str(out), store, conf, timings=timings)
    seconds = time.perf_counter() - started
    store.close()
    corpus_s = sum(timings.values())
    per = 1000 / max(done.stored, 1)
    return {
        "load_s": seconds,
        "save_s_per_1k": (seconds - corpus_s) * per,
        "corpus_s_per_1k": corpus_s * per,
    }


def _once(source: Path, out: Path, conf: settings.Settings, master: str) -> dict[str, Any]:
    started = time.perf_counter()
    report = job.run([str(source)], str(out), conf, master=master)
    seconds = time.perf_counter() - started
    return {
        "master": master,
        "seconds": seconds,
        "articles": report.articles,
        **{f"{k}_s": v for k, v in report.seconds.items() if k != "total"},
    }


def _rate(runs: list[dict[str, Any]], master: str, key: str) -> float:
    mine = [r for r in runs if r["master"] == master]
    return sum(r["articles"] for r in mine) / sum(r[key] for r in mine)


def _report(
    rows: list[dict[str, Any]],
    runs: list[dict[str, Any]],
    loaded: dict[str, float],
    before: Any,
) -> int:
    one, two = (_rate(runs, m, "seconds") for m in MASTERS)
    one_analyse, two_analyse = (_rate(runs, m, "analyse_s") for m in MASTERS)
    after = os.getloadavg()
    metrics = {
        "speedup": two / one,
        "analyse_speedup": two_analyse / one_analyse,
        "articles_per_s": two,
        "articles_per_s_per_core": two / 2,
        "articles": runs[0]["articles"],
        **loaded,
        "load_before": before[0],
        "load_after": after[0],
    }
    peer = {"articles_per_s": one, "analyse_articles_per_s": one_analyse}
    print_table(f"spark: {len(rows)} articles, runs in order", [rounded(r, 2) for r in runs])
    print_table("throughput", [{"system": "local[2]", **rounded(metrics)}])
    emit(TASK, len(rows), rounded(metrics), {"local[1]": rounded(peer)})
    return 0
