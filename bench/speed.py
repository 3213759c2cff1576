"""speed: the whole pipeline beside spaCy's parse alone, on the same articles in one run.

Metrics: articles_per_s, words_per_s (whitespace words), ratio (pipeline seconds ÷ parse-only
seconds), peak_rss_mb, and kernel: the blis matrix kernel both ran with (``wirewatch.cpu``).
Peer ``spacy`` is the parse alone (``nlp.pipe`` over the same texts), in the same process,
so with the same kernel. The pipeline run is the real job: read JSONL, ingest, every default
stage, write to SQLite.

Then the same job with one worker process per core (``workers``, ``--workers 0``), right
after the one-process run: articles_per_s_workers, workers_speedup (N workers ÷ 1, whole
job, the N workers' start and model loads included), workers_speedup_before_corpus (the
same up to the corpus step, which runs in the parent alone), worker_peak_rss_mb (the
largest worker's peak), worker_start_s (the longest a worker took to start and load the model:
the one-process run has it loaded already) and worker_idle_s (seconds workers waited for
work, summed). load_s is what this process took to load the stages before the one-process
run (a cold start, as a ``wirewatch run --workers 1`` pays it), and workers_speedup_cold
compares the two commands as a user runs them: (one-process seconds + load_s) ÷ the N
workers' seconds, which include their own loads. Peer ``spacy_processes``: the parse alone
with ``nlp.pipe(n_process=N)`` (the same N), its speedup over one process: what two processes
of spaCy alone gain on this machine.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, peak_rss_mb, print_table, read_jsonl, rounded
from wirewatch import cpu, jobs, settings, stages, workers
from wirewatch.stages import parse
from wirewatch.store import Store

TASK = "speed"
DEFAULT = "clustering/news_cluster.jsonl"


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """Articles from a JSONL file (text, title, published, ...) or a folder of text files."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())[:limit]
        return [{"text": p.read_text(encoding="utf-8", errors="replace")} for p in files]
    return read_jsonl(path, limit)


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    rows = [r for r in load(path, limit) if r.get("text", "").strip()]
    conf = settings.load({"db": ":memory:"})
    words = sum(len(r["text"].split()) for r in rows)
    loading = time.perf_counter()
    for stage in stages.default(conf):  # what a one-process run loads before its first article
        if stage.setup is not None:
            stage.setup()
    nlp = parse.load(conf.model)
    list(nlp.pipe(["Warm up the model once before timing."]))
    load_s = time.perf_counter() - loading

    parse_s = _parse_only(nlp, rows, conf.batch_size)
    pipeline_s, report, timings = _pipeline(rows, conf, 1)
    count = workers.count(0)
    workers_s, with_workers, worker_timings = _pipeline(rows, conf, count)
    parse_s = min(parse_s, _parse_only(nlp, rows, conf.batch_size))  # before and after: fair
    parse_n_s = _parse_only(nlp, rows, conf.batch_size, processes=count)
    metrics = {
        "articles_per_s": len(rows) / pipeline_s,
        "words_per_s": words / pipeline_s,
        "ratio": pipeline_s / parse_s,
        "peak_rss_mb": peak_rss_mb(),
        "kernel": cpu.kernel(),
        "workers": count,
        "articles_per_s_workers": len(rows) / workers_s,
        "workers_speedup": pipeline_s / workers_s,
        "load_s": load_s,
        "workers_speedup_cold": (pipeline_s + load_s) / workers_s,
        "workers_speedup_before_corpus": (pipeline_s - _corpus(timings))
        / (workers_s - _corpus(worker_timings)),
        "worker_peak_rss_mb": with_workers.workers.peak_rss_mb,
        "worker_start_s": with_workers.workers.start_s,
        "worker_idle_s": with_workers.workers.idle_s,
    }
    peer = {"articles_per_s": len(rows) / parse_s, "words_per_s": words / parse_s}
    peer_n = {
        "processes": count,
        "articles_per_s": len(rows) / parse_n_s,
        "speedup": parse_s / parse_n_s,
    }
    print_table(
        f"speed: {len(rows)} articles, {words:,} words from {path} ({report.stored} stored)",
        [
            {"system": "wirewatch", **metrics},
            {"system": "spacy (parse only)", **peer},
            {"system": f"spacy (parse only, n_process={count})", **peer_n},
        ],
    )
    print_table(
        f"seconds per stage (with {count} workers: summed over the workers)",
        [
            {"workers": n, **{k: round(v, 2) for k, v in spent.items()}}
            for n, spent in ((1, timings), (count, worker_timings))
        ],
    )
    emit(
        "speed",
        len(rows),
        rounded(metrics),
        {"spacy": rounded(peer), "spacy_processes": rounded(peer_n)},
    )
    return 0


def _parse_only(nlp: Any, rows: list[dict[str, Any]], batch_size: int, processes: int = 1) -> float:
    started = time.perf_counter()
    texts = (r["text"] for r in rows)
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - started


def _corpus(timings: dict[str, float]) -> float:
    """Seconds in the corpus step (copies, stories, merged events): the parent's alone."""
    return sum(timings.get(name, 0.0) for name in ("dedup", "stories", "merge"))


def _pipeline(
    rows: list[dict[str, Any]], conf: settings.Settings, count: int
) -> tuple[float, jobs.Report, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        fields = ("text", "title", "published", "url", "source")
        with source.open("w", encoding="utf-8") as handle:
            for row in rows:
                record = {k: row[k] for k in fields if row.get(k)}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        conf = settings.load({"db": str(Path(tmp) / "speed.db"), "model": conf.model})
        store = Store(conf.db)
        timings: dict[str, float] = {}
        chosen = stages.default(conf)
        started = time.perf_counter()
        report = jobs.process(
            [str(source)],
            conf,
            chosen,
            store=store,
            timings=timings,
            workers=count,
            recipe=stages.default,
        )
        elapsed = time.perf_counter() - started
        store.close()
    return elapsed, report, timings
