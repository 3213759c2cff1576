"""spark: ``wirewatch spark`` on local[1] against local[2], the same corpus, in one run.

The corpus is read from the shared data (never copied): news_cluster, the PolNeAR train and
dev articles (publication dates and titles from its metadata), LGL and GeoVirus: 2,124 news
articles, cut to ``--limit``. Each run is the whole command (read and ingest on the driver,
the stages on the executors, every dataset written, copies found); the JVM is started once
before timing. With 200 articles or more the masters alternate local[1], local[2],
local[2], local[1], so that a change in the machine's load over the run falls on both.

Metrics: speedup (local[2] articles/s ÷ local[1] articles/s, whole runs), analyse_speedup
(the same over the analysis job alone), articles_per_s_per_core (local[2] ÷ 2),
cpu_s_per_article (CPU seconds of the Python workers per article) and cpu_ratio (local[1]'s
÷ local[2]'s: 1.0 when two workers cost no more per article than one, so that the wall-clock
speedup falls short only because something else shares the cores),
articles_per_s for each master, seconds per step, the load average before and after
(the machine may be shared), and what ``wirewatch load`` of the last run into SQLite costs
per 1,000 articles: the whole load (load_s_per_1k), saving them (save_s_per_1k) and the
corpus stages that run there (corpus_s_per_1k; by step: dedup_s_per_1k, stories_s_per_1k,
merge_s_per_1k, the last the writing of the merged events the run made when
premerged_batches says the load took them from the run). Peer ``local[1]``: the same pipeline on
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
CORPUS_STEPS = ("dedup", "stories", "merge")


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
        "load_s_per_1k": seconds * per,
        "save_s_per_1k": (seconds - corpus_s) * per,
        "corpus_s_per_1k": corpus_s * per,
        **{f"{step}_s_per_1k": timings.get(step, 0.0) * per for step in CORPUS_STEPS},
        "premerged_batches": done.premerged,
    }


def _once(source: Path, out: Path, conf: settings.Settings, master: str) -> dict[str, Any]:
    """One whole run on ``master``, with the CPU seconds its Python workers used."""
    started = time.perf_counter()
    with session(master):  # the run uses this session: its workers are still there after
        report = job.run([str(source)], str(out), conf, master=master)
        cpu = worker_cpu()
    seconds = time.perf_counter() - started
    return {
        "master": master,
        "seconds": seconds,
        "cpu_s": cpu,
        "articles": report.articles,
        **{f"{k}_s": v for k, v in report.seconds.items() if k != "total"},
    }


def worker_cpu() -> float:
    """CPU seconds used by this process's PySpark daemon and workers, ended ones included
    (Linux /proc; 0 elsewhere): what the stages cost, whatever else the machine runs."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return sum(_cpu(pid) for pid in found)


def _cpu(pid: int) -> float:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    if b"pyspark" not in command:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _rate(runs: list[dict[str, Any]], master: str, key: str) -> float:
    """Articles per second of ``key`` (wall or CPU seconds) over the runs on ``master``."""
    mine = [r for r in runs if r["master"] == master]
    return sum(r["articles"] for r in mine) / (sum(r[key] for r in mine) or float("inf"))


def _report(
    rows: list[dict[str, Any]],
    runs: list[dict[str, Any]],
    loaded: dict[str, float],
    before: Any,
) -> int:
    one, two = (_rate(runs, m, "seconds") for m in MASTERS)
    one_analyse, two_analyse = (_rate(runs, m, "analyse_s") for m in MASTERS)
    one_cpu, two_cpu = (_rate(runs, m, "cpu_s") for m in MASTERS)
    after = os.getloadavg()
    metrics = {
        "speedup": two / one,
        "analyse_speedup": two_analyse / one_analyse,
        "articles_per_s": two,
        "articles_per_s_per_core": two / 2,
        "cpu_s_per_article": 1 / two_cpu if two_cpu else None,  # None: no /proc to read
        "cpu_ratio": one_cpu / two_cpu if two_cpu else None,
        "articles": runs[0]["articles"],
        **loaded,
        "load_before": before[0],
        "load_after": after[0],
    }
    peer = {
        "articles_per_s": one,
        "analyse_articles_per_s": one_analyse,
        "cpu_s_per_article": 1 / one_cpu if one_cpu else None,
    }
    print_table(f"spark: {len(rows)} articles, runs in order", [rounded(r, 2) for r in runs])
    print_table("throughput", [{"system": "local[2]", **rounded(metrics)}])
    emit(TASK, len(rows), rounded(metrics), {"local[1]": rounded(peer)})
    return 0
