"""Toponym resolution: which GeoNames place each name in an article means.

Each name's candidates are ranked by ``rank``: a weighted sum of prior features (kind of
place, own name or alias, a region named like a town in it or like its country, what the words
around it say: "region of", "city of") and context features: the countries and first-level
regions the other names point to (each name votes with its candidates' prior shares, so
unambiguous names weigh most), the dateline's place, a place named right after it ("Gainesville,
Ga.", "Dubai, United Arab Emirates") and nearness to the towns chosen for the other names.
Resolution runs in rounds: the first votes with prior shares, the later ones with the places
the round before chose.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.gazetteer import Entry, Gazetteer, key
from wirewatch.stages.place.rank import (
    LOCAL,
    Model,
    Tally,
    context_features,
    dot,
    prior_features,
    ranker,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name to resolve: its text, what the words around it say, and what contains it."""

    text: str
    hint: str | None = None  # "region" | "city" | None
    container: int | None = None  # index of the mention right after it ("X, Ga.")
    demonym: bool = False


def candidates(mention: Mention, table: Gazetteer) -> tuple[Entry, ...]:
    """The places a mention may mean: a demonym's country, the name's places, or else the
    places of the longest known name inside it ("Port of Los Angeles", "Greer Station")."""
    if mention.demonym:
        found = table.demonym(mention.text)
        return (found,) if found else ()
    return table.lookup(mention.text) or _inside(mention.text, table)


def _inside(text: str, table: Gazetteer) -> tuple[Entry, ...]:
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if part[:1].isupper() and not table.common(part):
                found = table.lookup(part)
                if found:
                    return found
    return ()


def resolve(
    mentions: Sequence[Mention],
    table: Gazetteer,
    *,
    anchor: Entry | None = None,
    model: Model | None = None,
) -> list[Entry | None]:
    """The best place for every mention (None when the gazetteer knows no such name).

    A name never votes for itself: its repetitions are left out of its context.
    """
    m = model or ranker()
    options = [candidates(x, table) for x in mentions]
    priors = [
        [prior_features(e, "" if x.demonym else x.text, x.hint, opts, m) for e in opts]
        for x, opts in zip(mentions, options, strict=True)
    ]
    scores = [[dot(m.prior, f) for f in fs] for fs in priors]
    shares = [_softmax(s, m.temperature) for s in scores]
    names = [key(x.text) for x in mentions]
    within: dict[str, list[Entry]] = defaultdict(list)
    for mention, name in zip(mentions, names, strict=True):
        if mention.container is not None:  # "Gainesville, Ga." tells every "Gainesville"
            within[name].extend(options[mention.container])
    chosen: list[Entry | None] = [None] * len(mentions)
    for _round in range(1 + m.rounds):
        votes = _votes(options, shares, names, anchor, m.dateline)
        points = _points(chosen, names)
        picks: list[Entry | None] = []
        for i, opts in enumerate(options):
            others = [p for n, found in points.items() if n != names[i] for p in found]
            own = votes.get(names[i], Tally())
            near = [context_features(e, votes[""], own, within[names[i]], others, m) for e in opts]
            total = [s + dot(m.context, c) for s, c in zip(scores[i], near, strict=True)]
            picks.append(opts[max(range(len(total)), key=total.__getitem__)] if opts else None)
        chosen = picks
        shares = [[float(e is c) for e in opts] for opts, c in zip(options, chosen, strict=True)]
    return chosen


def _votes(
    options: Sequence[Sequence[Entry]],
    shares: Sequence[Sequence[float]],
    names: Sequence[str],
    anchor: Entry | None,
    dateline: float,
) -> dict[str, Tally]:
    """Each name's tally (key "" for everybody's; the dateline counts ``dateline`` votes)."""
    votes: dict[str, Tally] = defaultdict(Tally)
    for opts, share, name in zip(options, shares, names, strict=True):
        if not opts:
            continue
        for tally in (votes[""], votes[name]):
            tally.count += 1.0
            for entry, s in zip(opts, share, strict=True):
                tally.add(entry, s)
    if anchor is not None:
        votes[""].count += dateline
        votes[""].add(anchor, dateline)
    return votes


def _points(chosen: Sequence[Entry | None], names: Sequence[str]) -> dict[str, list[Entry]]:
    """The local places (towns, districts) chosen for each name."""
    points: dict[str, dict[int, Entry]] = defaultdict(dict)
    for entry, name in zip(chosen, names, strict=True):
        if entry is not None and entry.feature in LOCAL:
            points[name][entry.id] = entry
    return {name: list(found.values()) for name, found in points.items()}


def _softmax(scores: Sequence[float], temperature: float) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp((s - top) / temperature) for s in scores]
    total = sum(weights)
    return [x / total for x in weights]
