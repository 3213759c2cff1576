"""corpus_speed: dedup and story assignment per 10,000 articles, on the real store path.

The articles are made at run time (never stored anywhere) by deterministic variation of the
news_cluster texts: round 0 is the corpus as it is; every later round takes each article
again, 30 days later, either lightly edited (a syndicated copy: words changed, a paragraph
dropped) or with its words shuffled within sentences (no copy: it goes through story
assignment and the rewrite check). ``--limit N`` makes N articles (default 10,000).

The articles are stored first (not timed), then ``corpus.update`` runs over them in calls
of 2,000 articles, as a hook after several runs would. Metrics: articles_per_s,
seconds_per_10k (dedup + stories + merge, store included), dedup_s and stories_s per 10k,
links, stories, peak_rss_mb. Peer ``datasketch_memory``: datasketch's in-memory
MinHashLSH (insert and query, same shingles) on the same articles: the cost of dedup
without a store.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH

from bench.common import data_path, emit, peak_rss_mb, print_table, read_jsonl, rounded
from bench.dedup import _swap_words
from wirewatch import corpus
from wirewatch.corpus import text as textual
from wirewatch.records import Article
from wirewatch.stages import ingest
from wirewatch.stages.ingest.sources import Input
from wirewatch.store import Store

TASK = "corpus_speed"
DEFAULT = "clustering/news_cluster.jsonl"
CALL = 2000


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    made = synthesise(read_jsonl(path), limit or 10_000)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "speed.db"))
        for article in made:
            store.save(article)
        started = time.perf_counter()
        links = stories = 0
        ids = [a.id for a in made]
        for start in range(0, len(ids), CALL):
            summary = corpus.update(store, ids[start : start + CALL], timings=timings)
            links += len(summary.links)
            stories += summary.new_stories
        seconds = time.perf_counter() - started
        store.close()
    per = 10_000 / len(made)
    metrics = {
        "articles_per_s": len(made) / seconds,
        "seconds_per_10k": seconds * per,
        "dedup_s_per_10k": timings.get("dedup", 0.0) * per,
        "stories_s_per_10k": timings.get("stories", 0.0) * per,
        "links": links,
        "stories": stories,
        "peak_rss_mb": peak_rss_mb(),
    }
    peer = _datasketch(made)
    print_table(
        f"corpus_speed: {len(made)} synthetic articles from {path}",
        [{"system": "wirewatch", **metrics}, {"system": "datasketch (memory)", **peer}],
    )
    emit(TASK, len(made), rounded(metrics), {"datasketch_memory": rounded(peer)})
    return 0


def synthesise(rows: Sequence[dict[str, Any]], count: int) -> list[Article]:
    """``count`` articles: the corpus, then rounds of copies and reshuffled versions of it."""
    made: dict[str, Article] = {}
    number = 0
    while len(made) < count:
        row = rows[number % len(rows)]
        round_ = number // len(rows)
        rng = random.Random(f"{row['id']}-{round_}")
        text = _vary(row["text"], round_, rng)
        day = dt.date.fromisoformat(row["published"][:10]) + dt.timedelta(days=30 * round_)
        item = Input(f"{row['id']}#{round_}", text.encode("utf-8"), "text")
        article = ingest.article_from(item, published=day, min_english=0.0, min_words=1)
        made.setdefault(article.id, article)
        number += 1
    return list(made.values())


def _vary(text: str, round_: int, rng: random.Random) -> str:
    if round_ == 0:
        return text
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if rng.random() < 0.5:
        if len(paragraphs) > 2:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        return "\n\n".join(_swap_words(p, rng, 0.05) for p in paragraphs)
    return "\n\n".join(" ".join(rng.sample(p.split(), len(p.split()))) for p in paragraphs)


def _datasketch(made: Sequence[Article]) -> dict[str, float]:
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=0.4, num_perm=128)
    for article in made:
        sketch = MinHash(num_perm=128, seed=1)
        sketch.update_batch(list(textual.shingles(article.text)))
        lsh.query(sketch)
        lsh.insert(article.id, sketch)
    seconds = time.perf_counter() - started
    return {"articles_per_s": len(made) / seconds, "seconds_per_10k": seconds * 10_000 / len(made)}
