"""dedup: near-duplicate and rewrite detection on edited copies of the project's examples.

The test set is generated at run time, deterministically, from the articles in
``examples/`` (written for wirewatch): for each, copies with boilerplate added, a paragraph
dropped, paragraphs reordered, words changed, all of these at once, and rewrites (most
common words replaced, sentences reordered, names, numbers and quotes kept). Unrelated
articles: the other examples, and real news from news_cluster (``--limit`` caps how many),
whose articles of one gold story come from different outlets (a link between two of them
may be a real syndicated copy: those are counted apart, not scored).

wirewatch runs the real path (ingest, store, ``corpus.update``) at the default thresholds.
Peers on the same articles: ``minhash_jaccard`` (datasketch MinHashLSH at Jaccard 0.5 over
the same 4-gram shingles, the usual recipe) and ``exact`` (same normalised text).

Metrics: precision (links to the right original ÷ all links, same-story news links left
out), recall (edited copies linked to their original), rewrite_recall, f1,
wrong_links, same_story_links, articles_per_s (corpus.update, store included).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH

from bench.common import ROOT, data_path, emit, print_table, read_jsonl, rounded
from wirewatch import corpus, settings
from wirewatch.corpus import text as textual
from wirewatch.records import Article, Failure
from wirewatch.stages import ingest
from wirewatch.stages.ingest import sources
from wirewatch.stages.ingest.sources import Input
from wirewatch.store import Store

TASK = "dedup"
DEFAULT = "clustering/news_cluster.jsonl"
COPIES = 3  # of each edit kind per example
SWAPS = {
    "said": "stated",
    "says": "states",
    "killed": "left dead",
    "attack": "assault",
    "attacks": "assaults",
    "struck": "hit",
    "hit": "struck",
    "people": "residents",
    "officials": "authorities",
    "city": "town",
    "region": "area",
    "forces": "troops",
    "began": "started",
    "during": "in the course of",
    "after": "following",
    "before": "ahead of",
    "also": "additionally",
    "called": "urged",
    "would": "will",
    "told": "informed",
    "about": "around",
    "more": "further",
    "because": "as",
    "agreed": "consented",
    "night": "evening",
    "building": "structure",
    "began,": "started,",
    "ship": "vessel",
    "vessel": "ship",
    "fired": "launched",
    "launched": "fired",
    "talks": "negotiations",
    "statement": "communique",
    "accused": "blamed",
    "near": "close to",
    "show": "demonstration",
    "strike": "raid",
    "the": "this",
    "a": "one",
    "of": "from",
    "and": "as well as",
    "in": "within",
    "on": "upon",
    "to": "towards",
    "was": "had been",
    "were": "had been",
    "with": "alongside",
    "by": "through",
    "for": "on behalf of",
    "that": "which",
    "at": "in",
}
EDITS = ("boilerplate", "dropped", "reordered", "words", "all")


@dataclass(frozen=True, slots=True)
class Case:
    article: Article
    family: str  # the original's id, or news:<gold story>
    kind: str  # original | one of EDITS | rewrite | news


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    cases = _cases(path, limit)
    ours, seconds = _wirewatch(cases)
    peers = {"minhash_jaccard": _jaccard_peer(cases), "exact": _exact_peer(cases)}
    scored = {"wirewatch": _score(cases, ours), **{k: _score(cases, v) for k, v in peers.items()}}
    metrics = {**scored["wirewatch"], "articles_per_s": len(cases) / seconds}
    kinds = ", ".join(f"{k} {sum(c.kind == k for c in cases)}" for k in _kinds(cases))
    print_table(
        f"dedup: {len(cases)} articles ({kinds})",
        [{"system": name, **values} for name, values in scored.items()],
    )
    emit(TASK, len(cases), rounded(metrics), {k: rounded(scored[k]) for k in peers})
    return 0


def _kinds(cases: Sequence[Case]) -> list[str]:
    return list(dict.fromkeys(c.kind for c in cases))


def _cases(path: Path, limit: int | None) -> list[Case]:
    originals = _examples()
    cases = [Case(a, a.id, "original") for a in originals]
    for article in originals:
        for kind in (*EDITS, "rewrite"):
            for number in range(COPIES):
                text = edit(article.text, kind, random.Random(f"{article.id}-{kind}-{number}"))
                cases.append(Case(_article(text, article, number), article.id, kind))
    for row in read_jsonl(path, limit) if path.exists() else []:
        fields = {k: row.get(k) for k in ("title", "published", "url", "source")}
        item = Input(row["id"], b"", "record", fields={**fields, "text": row["text"]})
        news = ingest.article_from(item, min_english=0.0, min_words=1)
        cases.append(Case(news, "news:" + row["cluster"], "news"))
    return list({c.article.id: c for c in cases}.values())


def _examples() -> list[Article]:
    conf = settings.load({"db": ":memory:"})
    found = []
    for item in sources.read([str(ROOT / "examples")], conf):
        if not isinstance(item, Failure):
            found.append(ingest.article_from(item, published=None))
    return sorted(found, key=lambda a: a.id)


def _article(text: str, original: Article, number: int) -> Article:
    day = (original.published or dt.date(2024, 6, 1)) + dt.timedelta(days=1 + number % 2)
    item = Input(f"{original.origin}#copy", text.encode("utf-8"), "text")
    return ingest.article_from(item, published=day, min_english=0.0, min_words=1)


def edit(text: str, kind: str, rng: random.Random) -> str:
    """An edited copy of ``text``: the kinds of change outlets make when they republish."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    changes: dict[str, Callable[[list[str]], list[str]]] = {
        "boilerplate": lambda ps: _boilerplate(ps, rng),
        "dropped": lambda ps: _drop(ps, rng),
        "reordered": lambda ps: _reorder(ps, rng),
        "words": lambda ps: [_swap_words(p, rng, 0.08) for p in ps],
        "all": lambda ps: [_swap_words(p, rng, 0.05) for p in _drop(_boilerplate(ps, rng), rng)],
        "rewrite": lambda ps: [_rewrite(p, rng) for p in ps],
    }
    return "\n\n".join(changes[kind](paragraphs))


def _boilerplate(paragraphs: list[str], rng: random.Random) -> list[str]:
    outlet = rng.choice(["Daily Courier", "Morning Ledger", "City Herald", "Evening Post"])
    hours = rng.randint(1, 12)
    head = f"This story was published by the {outlet} with permission. Updated {hours} hours ago."
    tail = "Sign up for our newsletter to get the day's top stories. Share this article."
    return [head, *paragraphs, tail]


def _drop(paragraphs: list[str], rng: random.Random) -> list[str]:
    if len(paragraphs) < 3:
        return paragraphs
    gone = rng.randrange(1, len(paragraphs))
    return [p for i, p in enumerate(paragraphs) if i != gone]


def _reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    rest = paragraphs[1:]
    rng.shuffle(rest)
    return paragraphs[:1] + rest


def _swap_words(paragraph: str, rng: random.Random, share: float) -> str:
    words = paragraph.split(" ")
    for index, word in enumerate(words):
        if word.lower() in SWAPS and rng.random() < share * 4:
            words[index] = SWAPS[word.lower()]
    return " ".join(words)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _rewrite(paragraph: str, rng: random.Random) -> str:
    """Common words replaced, neighbouring lowercase words swapped, sentences reordered.

    Names, numbers and quotations stay as they are: a rewrite keeps the facts.
    """
    sentences = _SENTENCE.split(paragraph)
    rng.shuffle(sentences)
    return " ".join(_shuffle_words(_swap_words(s, rng, 0.25), rng) for s in sentences)


def _shuffle_words(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    quoted = False
    for index in range(len(words) - 1):
        quoted ^= words[index].count('"') % 2 == 1 or words[index].count("“") % 2 == 1
        pair = words[index : index + 2]
        plain = all(w.isalpha() and w.islower() for w in pair)
        if plain and not quoted and rng.random() < 0.5:
            words[index], words[index + 1] = words[index + 1], words[index]
    return " ".join(words)


def _wirewatch(cases: Sequence[Case]) -> tuple[dict[str, str], float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "dedup.db"))
        for case in cases:
            store.save(case.article)
        started = time.perf_counter()
        summary = corpus.update(store, [c.article.id for c in cases])
        seconds = time.perf_counter() - started
        store.close()
    links = {link.article_id: link.original_id for link in summary.links if link.original_id}
    return links, seconds


def _jaccard_peer(cases: Sequence[Case]) -> dict[str, str]:
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    links: dict[str, str] = {}
    for case in sorted(cases, key=lambda c: (c.article.published or dt.date.min, c.article.id)):
        sketch = MinHash(num_perm=128, seed=1)
        sketch.update_batch(list(textual.shingles(case.article.text)))
        found = lsh.query(sketch)
        if found:
            links[case.article.id] = links.get(found[0], found[0])
        lsh.insert(case.article.id, sketch)
    return links


def _exact_peer(cases: Sequence[Case]) -> dict[str, str]:
    seen: dict[str, str] = {}
    links: dict[str, str] = {}
    for case in cases:
        key = " ".join(textual.words(case.article.text))
        if key in seen:
            links[case.article.id] = seen[key]
        seen.setdefault(key, case.article.id)
    return links


def _score(cases: Sequence[Case], links: dict[str, str]) -> dict[str, Any]:
    family = {c.article.id: c.family for c in cases}
    kind = {c.article.id: c.kind for c in cases}
    right = wrong = same_story = 0
    found = {k: 0 for k in (*EDITS, "rewrite")}
    for article, original in links.items():
        if family[article] != family.get(original):
            wrong += 1
        elif kind[article] == "news":
            same_story += 1
        else:
            right += 1
            found[kind[article]] = found.get(kind[article], 0) + 1
    copies = sum(1 for c in cases if c.kind in EDITS)
    rewrites = sum(1 for c in cases if c.kind == "rewrite")
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = sum(found[k] for k in EDITS) / copies if copies else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "rewrite_recall": found["rewrite"] / rewrites if rewrites else 0.0,
        "wrong_links": wrong,
        "same_story_links": same_story,
    }
