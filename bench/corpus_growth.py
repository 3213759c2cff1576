"""corpus_growth: the corpus step's cost per 1,000 new articles as the store grows.

The articles are real analyses (every default stage, run once over news_cluster and kept in the
system's temporary directory, keyed by the corpus file and the stage versions), made into a
corpus of any size by rounds: round 0 is the corpus as analysed; round ``r`` moves every date
(publication, every resolved date) ``r × SHIFT`` years later, so the news flow per day stays
that of one round however large the store grows, and disguises half of the word types with a
letter substitution of its own, so that no round copies another (copies inside a round stay
copies). Ids are made anew per round; offsets stay valid.

Each round is stored in publication order (the corpus stages' order), so the corpus tables are
never rebuilt: the cost measured is that of new articles only. The store is built once,
growing: the first ``STEP`` (1,000) articles are timed on an empty store; the store grows to a
tenth of ``--limit`` (default 10,000), where the next ``STEP`` are timed, then to ``--limit``,
where the last ``STEP`` are timed (a ``--limit`` under 1,000 times steps of ``--limit``
articles, from a base of at least 50: a check that the bench runs, not a figure). Articles are
stored first (not timed), then ``corpus.catch_up`` runs over them, timed per step (dedup,
stories, merge) and in CPU seconds (the fairer figure on a shared machine: waiting for the CPU
is not counted). ``growth`` is the cost at the largest store ÷ the cost at the empty store in
seconds, ``cpu_growth`` in CPU seconds (the issue's goal: at most 1.2). On two cores ``--limit
100000`` takes hours: every article goes through the real corpus step. ``--data`` names a
stored analysis (JSON Lines of ``records.to_dict`` articles) to start from instead of running
the stages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, peak_rss_mb, print_table, read_jsonl, rounded
from wirewatch import corpus
from wirewatch.records import Article, from_dict, to_dict
from wirewatch.stages import ingest
from wirewatch.stages.ingest.sources import Input
from wirewatch.store import Store

TASK = "corpus_growth"
DEFAULT = "clustering/news_cluster.jsonl"
STEP = 1000
#: Fewest articles analysed for the base corpus; a run analyses at most a tenth of --limit
#: more (so a small check run in CI analyses 50, a full run the whole corpus).
SMALLEST = 50
#: Years between rounds: more than the corpus spans (2013-2018), so rounds never overlap.
SHIFT = 8
YEAR = re.compile(r"\b(\d{4})(?=-|/|$)")
#: Decades and centuries as TIMEX writes them ("200X", "19XX"): moved too, or every round's
#: "the 2000s" would pile onto one merged event and the store's growth would be the bench's.
DECADE = re.compile(r"\b(\d{3})X\b")
CENTURY = re.compile(r"\b(\d{2})XX\b")
WORD = re.compile(r"[A-Za-z]{3,}")


def run(data: str | None, limit: int | None) -> int:
    total = limit or 10_000
    step = min(STEP, total)
    base = _analysed(Path(data) if data else data_path(DEFAULT), max(SMALLEST, total // 10))
    marks = sorted({0, total // 10, total})
    costs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "growth.db"))
        made = rounds(base)
        held = 0
        for mark in marks:
            held += _fill(store, made, mark - held)
            timings: dict[str, float] = {}
            seconds = _step(store, made, step, timings)
            held += step
            costs.append(
                {"store": mark, "s_per_1k": seconds * 1000 / step, **_per_1k(timings, step)}
            )
            print(f"  store {mark}: {costs[-1]}", file=sys.stderr, flush=True)
        store.close()
    metrics = {
        **{f"s_per_1k_at_{c['store']}": c["s_per_1k"] for c in costs},
        **{f"cpu_s_per_1k_at_{c['store']}": c["cpu_s"] for c in costs},
        "growth": costs[-1]["s_per_1k"] / costs[0]["s_per_1k"],
        "cpu_growth": costs[-1]["cpu_s"] / costs[0]["cpu_s"],
        "peak_rss_mb": peak_rss_mb(),
    }
    print_table(f"corpus_growth: up to {total + step} articles from {len(base)}", costs)
    emit(TASK, total + step, rounded(metrics), {})
    return 0


def _fill(store: Store, made: Iterator[Article], count: int) -> int:
    """Store ``count`` more articles (if any) and run the corpus step over them (not timed)."""
    count = max(0, count)
    for start in range(0, count, 5000):
        _store(store, made, min(5000, count - start))
        corpus.catch_up(store)
    return count


def _step(store: Store, made: Iterator[Article], count: int, timings: dict[str, float]) -> float:
    """Seconds of the corpus step over ``count`` new articles; its CPU seconds go in
    ``timings["cpu"]`` (on a shared machine the fairer figure: waiting is not counted)."""
    _store(store, made, count)
    started, cpu = time.perf_counter(), time.process_time()
    corpus.catch_up(store, timings=timings)
    timings["cpu"] = time.process_time() - cpu
    return time.perf_counter() - started


def _store(store: Store, made: Iterator[Article], count: int) -> None:
    for _ in range(count):
        store.save(next(made))


def _per_1k(timings: dict[str, float], step: int) -> dict[str, float]:
    return {f"{k}_s": v * 1000 / step for k, v in sorted(timings.items())}


# --- the articles --------------------------------------------------------------------------


def rounds(base: Sequence[Article], start: int = 0) -> Iterator[Article]:
    """The analysed corpus, then round after round of it, later and disguised (from the
    ``start``-th article on), each round in the corpus stages' order (day, then id): a
    store fed in that order never rebuilds its corpus tables, whatever the calls."""
    number, skip = divmod(start, len(base))
    while True:
        made = [a if number == 0 else disguised(a, number) for a in base]
        yield from sorted(made, key=lambda a: (a.published or dt.date.max, a.id))[skip:]
        number, skip = number + 1, 0


def disguised(article: Article, number: int) -> Article:
    """The article as round ``number`` tells it: new ids, dates later, words disguised."""
    text = _disguise(article.text, number)
    new_id = ingest.article_id(f"{number} {text}")
    record = to_dict(article)
    record["text"] = text
    record["title"] = _disguise(article.title, number) if article.title else None
    record["published"] = _later(record["published"], number)
    _shift_dates(record, number)
    encoded = json.dumps(record)
    for old in _ids(article):
        fresh = hashlib.sha1(f"{old}@{number}".encode()).hexdigest()[:16]
        encoded = encoded.replace(f'"{old}"', f'"{fresh}"')
    encoded = encoded.replace(f'"{article.id}"', f'"{new_id}"')
    made = from_dict(Article, json.loads(encoded))
    return dataclasses.replace(made, raw=text.encode("utf-8"), origin=f"{article.origin}@{number}")


def _ids(article: Article) -> list[str]:
    return [e.id for e in article.events] + [q.id for q in article.quotes]


def _disguise(text: str, number: int) -> str:
    """Half of the word types (by hash) get this round's letters; lengths stay the same."""
    rng = random.Random(number)
    letters = list("abcdefghijklmnopqrstuvwxyz")
    shuffled = letters[:]
    rng.shuffle(shuffled)
    table = str.maketrans(
        "".join(letters) + "".join(letters).upper(),
        "".join(shuffled) + "".join(shuffled).upper(),
    )

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        chosen = zlib.crc32(f"{word.lower()}|{number}".encode()) % 2 == 0
        return word.translate(table) if chosen else word

    return WORD.sub(swap, text)


def _later(value: str | None, number: int) -> str | None:
    if value is None:
        return None
    moved = YEAR.sub(lambda m: str(int(m.group(1)) + SHIFT * number), value)
    for pattern, size in ((DECADE, 10), (CENTURY, 100)):  # "200X": the decade it falls in
        marks = "X" * len(str(size)[1:])
        moved = pattern.sub(
            lambda m, size=size, marks=marks: (
                f"{(int(m.group(1)) * size + SHIFT * number) // size}" + marks
            ),
            moved,
        )
    return moved.replace("-02-29", "-02-28")


def _shift_dates(node: Any, number: int) -> None:
    """Move every resolved date (TimeRef value and anchor) in a record tree."""
    if isinstance(node, list):
        for item in node:
            _shift_dates(item, number)
    elif isinstance(node, dict):
        if {"value", "precision", "anchor"} <= node.keys():
            node["value"] = _later(node["value"], number)
            node["anchor"] = _later(node["anchor"], number)
        for item in node.values():
            _shift_dates(item, number)


def _analysed(path: Path, most: int) -> list[Article]:
    """The first ``most`` articles of the corpus analysed by every default stage (from
    ``path`` if it holds analyses)."""
    rows = read_jsonl(path, most)
    if not (rows and "stages" in rows[0] and rows[0]["stages"]):
        cache = _cache_path(path, len(rows))
        if not cache.exists():
            _analyse(rows, cache)
        rows = read_jsonl(cache)
    unique = {row["id"]: row for row in reversed(rows)}  # one text twice: the first one
    return [_article(row) for row in rows if unique[row["id"]] is row]


def _article(row: dict[str, Any]) -> Article:
    made = from_dict(Article, row)
    return dataclasses.replace(made, raw=made.text.encode("utf-8"))


def _cache_path(path: Path, count: int) -> Path:
    from wirewatch import settings, stages
    from wirewatch.pipeline import versions

    chosen = versions(stages.default(settings.Settings()))
    given = path.read_bytes() + json.dumps([chosen, count]).encode()
    key = hashlib.sha1(given).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"wirewatch-bench-analysed-{key}.jsonl"


def _analyse(rows: Sequence[dict[str, Any]], cache: Path) -> None:
    from wirewatch import pipeline, settings, stages

    conf = settings.Settings()
    print(f"analysing {len(rows)} articles once (kept in {cache})", file=sys.stderr)
    articles = [_ingested(row) for row in rows]
    partial = cache.with_suffix(".part")
    with partial.open("w", encoding="utf-8") as handle:
        for item in pipeline.run(stages.default(conf), articles, batch_size=conf.batch_size):
            if isinstance(item, Article):
                handle.write(json.dumps(to_dict(item), ensure_ascii=False) + "\n")
    partial.replace(cache)


def _ingested(row: dict[str, Any]) -> Article:
    fields = {k: row[k] for k in ("text", "title", "url", "source") if row.get(k)}
    item = Input(str(row["id"]), b"", "record", fields)
    published = dt.date.fromisoformat(row["published"][:10]) if row.get("published") else None
    return ingest.article_from(item, published=published, min_english=0.0, min_words=1)
