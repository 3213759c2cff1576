"""The cue lexicon: which verb, in which frame, reports what somebody said or thinks.

``resources/quote_cues.json`` (built by ``python -m tools.build.quote_cues``)
counts, for each (lemma, frame, has-source) seen in PolNeAR train, how often the candidate
was a gold cue. A candidate is kept when its smoothed rate reaches the threshold: the rate
backs off from (lemma, frame, source) to (lemma, frame) to the lemma, and from there to a
prior: the shared reporting-verb lists (plus denial verbs) for lemmas train never saw.
Keys ``@KIND`` count the same for the kind of source (PERSON, ORG, "he", "poll", …): a kind
rarely a speaker in train (under a third of the average rate) lowers the cue's rate.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from wirewatch.stages.quotes.rules import Found

RESOURCE = "quote_cues.json"
SMOOTHING = 2.0
KNOWN_PRIOR = 0.5
UNKNOWN_PRIOR = 0.02
UNLIKELY = 0.3  # a kind of source this much less often a speaker than average weighs the cue


@dataclass(frozen=True, slots=True, kw_only=True)
class Cues:
    """Counts per key ``lemma``, ``lemma/frame`` and ``lemma/frame/s`` (s: has a source)."""

    counts: Mapping[str, tuple[int, int]]  # key -> (times a gold cue, times a candidate)
    known: frozenset[str]  # lemmas of the shared reporting-verb lists
    threshold: float

    def rate(self, found: Found) -> float:
        """The smoothed share of such candidates that are cues, times how likely the speaker."""
        rate = self._prior(found.lemma)
        for key in keys(found):
            rate = _smooth(self.counts.get(key, (0, 0)), rate)
        return rate * self.speaker(found.speaker)

    def speaker(self, kind: str) -> float:
        """How much likelier a cue is with this kind of source than with any source."""
        base = _smooth(self.counts.get("@", (0, 0)), 0.5)
        ratio = _smooth(self.counts.get(f"@{kind}", (0, 0)), base) / base
        return 1.0 if ratio >= UNLIKELY else ratio

    lemmas: frozenset[str] = frozenset()  # filled in: every lemma that can be a cue at all
    verbs: frozenset[str] = frozenset()  # filled in: those some frame can make one (``best``)

    def __post_init__(self) -> None:
        seen = frozenset(k for k in self.counts if "/" not in k and not k.startswith("@"))
        object.__setattr__(self, "lemmas", seen | self.known)
        frames: dict[str, set[str]] = {}
        for key in self.counts:
            lemma, *rest = key.split("/")
            if rest:
                frames.setdefault(lemma, set()).add(rest[0])
        verbs = (x for x in self.lemmas if self.best(x, frames.get(x, ())) >= self.threshold)
        object.__setattr__(self, "verbs", frozenset(verbs))

    def best(self, lemma: str, frames: Iterable[str]) -> float:
        """The highest rate a candidate of ``lemma`` can have: over ``frames`` (those the
        counts hold for it) and any other frame (whose keys have no counts, so leave the rate
        as the lemma's), with or without a source; the speaker's factor is at most 1. A
        lemma with a "/" of its own is not split right by the keys: it gets 1."""
        if "/" in lemma:
            return 1.0
        rate = _smooth(self.counts.get(lemma, (0, 0)), self._prior(lemma))
        found = [rate]
        for frame in frames:
            framed = _smooth(self.counts.get(f"{lemma}/{frame}", (0, 0)), rate)
            for source in "s-":
                key = f"{lemma}/{frame}/{source}"
                found.append(_smooth(self.counts.get(key, (0, 0)), framed))
        return max(found)

    def _prior(self, lemma: str) -> float:
        return KNOWN_PRIOR if lemma in self.known else UNKNOWN_PRIOR

    def accept(self, found: Found) -> bool:
        return self.rate(found) >= self.threshold


def keys(found: Found) -> tuple[str, str, str]:
    """The cue keys of a frame: lemma, lemma/frame, lemma/frame/s (s: has a source, else -)."""
    lemma, frame = found.lemma, found.frame
    return lemma, f"{lemma}/{frame}", f"{lemma}/{frame}/{'s' if found.source else '-'}"


def speaker_keys(found: Found) -> tuple[str, ...]:
    """The speaker keys: "@" for every candidate with a source, "@KIND" for its kind."""
    return ("@", f"@{found.speaker}") if found.source else ()


def _smooth(counts: tuple[int, int], prior: float) -> float:
    hits, seen = counts
    return (hits + SMOOTHING * prior) / (seen + SMOOTHING)


@functools.cache
def load() -> Cues:
    """The shipped lexicon, read once."""
    raw = resources.files("wirewatch.resources").joinpath(RESOURCE).read_text(encoding="utf-8")
    return from_json(json.loads(raw))


def from_json(data: Mapping[str, Any]) -> Cues:
    counts = {key: (int(pair[0]), int(pair[1])) for key, pair in data["counts"].items()}
    return Cues(counts=counts, known=frozenset(data["known"]), threshold=float(data["threshold"]))
