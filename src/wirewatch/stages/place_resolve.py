"""Toponym resolution: which GeoNames place each name in an article means.

Each name's candidates are scored by a prior (population, kind of place, whether the name is
the place's own name or an alias, and what the text says: "region of", "city of") and then by
the article's context: the countries and first-level regions the other names point to (each
name votes with its candidates' weights, so unambiguous names weigh most), the dateline's
place, and a place named right after it ("Gainesville, Ga.", "Dubai, United Arab Emirates").
Weights were tuned on a held-out third of LGL (see ``bench/geo.py``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from wirewatch.gazetteer import Entry, Gazetteer, key, km, own_name


@dataclass(frozen=True, slots=True, kw_only=True)
class Weights:
    """Scores added for each kind of evidence (coordinate ascent on the LGL dev third)."""

    population: float = 0.0  # log10 population: only breaks ties, context decides
    country: float = 3.0
    admin1: float = 3.75
    admin2: float = 0.5
    continent: float = 2.0
    region: float = 3.0
    capital: float = 1.5  # national capitals: lower on LGL (local US news), kept for world news
    alias: float = -1.5
    eponym: float = -2.5  # a region named like a town inside it ("Kharkiv" region vs city)
    eponym_share: float = 0.1  # ... or like a town of its country this big beside it
    hint: float = 4.0
    country_context: float = 3.25
    region_context: float = 4.25
    county_context: float = 3.25
    container: float = 8.0
    dateline: float = 2.0
    temperature: float = 1.0
    rounds: int = 2
    near: float = 2.25
    near_km: float = 175.0


WEIGHTS = Weights()
LOCAL = frozenset({"city", "admin2"})


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


def prior(entry: Entry, mention: Mention, rivals: Sequence[Entry], w: Weights = WEIGHTS) -> float:
    """How likely ``entry`` is before context: big, important, named so, fits the hint."""
    score = w.population * math.log10(entry.population + 10)
    score += {
        "country": w.country,
        "admin1": w.admin1,
        "admin2": w.admin2,
        "continent": w.continent,
        "region": w.region,
    }.get(entry.feature, 0.0)
    if entry.code == "PPLC":
        score += w.capital
    if not mention.demonym and not own_name(entry, mention.text):
        score += w.alias
    if entry.feature in ("admin1", "admin2") and _eponym(entry, rivals, w.eponym_share):
        score += w.eponym
    if mention.hint is not None and _fits(entry, mention.hint):
        score += w.hint
    return score


def _eponym(region: Entry, rivals: Sequence[Entry], share: float) -> bool:
    """True when a town of the same name lies in ``region`` (Kharkiv in Kharkiv Oblast) or is
    a big town of its country (Kyiv beside Kyiv Oblast, New York City beside the state)."""
    return any(
        r.feature == "city"
        and (
            region.id in (r.admin1, r.admin2)
            or (r.cc == region.cc and r.population >= share * region.population)
        )
        for r in rivals
    )


def _fits(entry: Entry, hint: str) -> bool:
    if hint == "region":
        return entry.feature in ("admin1", "admin2")
    return entry.feature == hint


def resolve(
    mentions: Sequence[Mention],
    table: Gazetteer,
    *,
    anchor: Entry | None = None,
    w: Weights = WEIGHTS,
) -> list[Entry | None]:
    """The best place for every mention (None when the gazetteer knows no such name).

    The first round weighs context by every candidate's prior share; later rounds by the
    places the round before chose, with a bonus for being near them. A name never votes for
    itself: its repetitions are left out of its context.
    """
    options = [candidates(m, table) for m in mentions]
    priors = [
        [prior(e, m, opts, w) for e in opts] for m, opts in zip(mentions, options, strict=True)
    ]
    shares = [_softmax(p, w.temperature) for p in priors]
    names = [key(m.text) for m in mentions]
    within: dict[str, list[Entry]] = defaultdict(list)
    for mention, name in zip(mentions, names, strict=True):
        if mention.container is not None:  # "Gainesville, Ga." tells every "Gainesville"
            within[name].extend(options[mention.container])
    chosen: list[Entry | None] = [None] * len(mentions)
    for _round in range(1 + w.rounds):
        votes = _votes(options, shares, names, anchor, w)
        points = _points(chosen, names)
        chosen = [
            _best(options[i], priors[i], votes, points, names[i], within.get(names[i], []), w)
            for i in range(len(mentions))
        ]
        shares = [[float(e is c) for e in opts] for opts, c in zip(options, chosen, strict=True)]
    return chosen


@dataclass(slots=True)
class Tally:
    """Votes for countries and first-level regions: by everybody and by each name."""

    count: float = 0.0
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, entry: Entry, share: float) -> None:
        self.countries[entry.cc] += share
        for region in _regions(entry):
            if region is not None:
                self.regions[region] += share


def _regions(entry: Entry) -> tuple[int | None, int | None]:
    """The first- and second-level regions a place is or lies in."""
    if entry.feature == "admin1":
        return entry.id, None
    if entry.feature == "admin2":
        return entry.admin1, entry.id
    return entry.admin1, entry.admin2


def _votes(
    options: Sequence[Sequence[Entry]],
    shares: Sequence[Sequence[float]],
    names: Sequence[str],
    anchor: Entry | None,
    w: Weights,
) -> dict[str, Tally]:
    """Each name's tally (key "" for everybody's; the dateline counts ``w.dateline`` votes)."""
    votes: dict[str, Tally] = defaultdict(Tally)
    for opts, share, name in zip(options, shares, names, strict=True):
        if not opts:
            continue
        for tally in (votes[""], votes[name]):
            tally.count += 1.0
            for entry, s in zip(opts, share, strict=True):
                tally.add(entry, s)
    if anchor is not None:
        votes[""].count += w.dateline
        votes[""].add(anchor, w.dateline)
    return votes


def _points(chosen: Sequence[Entry | None], names: Sequence[str]) -> dict[str, list[Entry]]:
    """The local places (towns, districts) chosen for each name."""
    points: dict[str, dict[int, Entry]] = defaultdict(dict)
    for entry, name in zip(chosen, names, strict=True):
        if entry is not None and entry.feature in LOCAL:
            points[name][entry.id] = entry
    return {name: list(found.values()) for name, found in points.items()}


def _best(
    options: Sequence[Entry],
    priors: Sequence[float],
    votes: dict[str, Tally],
    points: dict[str, list[Entry]],
    name: str,
    within: Sequence[Entry],
    w: Weights,
) -> Entry | None:
    """The candidate with the best prior plus context, container and nearness."""
    if not options:
        return None
    others = [p for n, found in points.items() if n != name for p in found]
    scores = [
        p + _fit(e, votes, name, w) + _contained(e, within, w) + _near(e, others, w)
        for e, p in zip(options, priors, strict=True)
    ]
    return options[max(range(len(scores)), key=scores.__getitem__)]


def _fit(entry: Entry, votes: dict[str, Tally], name: str, w: Weights) -> float:
    """How well a place fits where the other names point (their share of the votes)."""
    every, own = votes[""], votes.get(name, Tally())
    count = every.count - own.count
    if count <= 0:
        return 0.0
    country = every.countries.get(entry.cc, 0.0) - own.countries.get(entry.cc, 0.0)
    score = w.country_context * country / count
    for region, weight in zip(_regions(entry), (w.region_context, w.county_context), strict=True):
        if region is not None:
            share = every.regions.get(region, 0.0) - own.regions.get(region, 0.0)
            score += weight * share / count
    return score


def _near(entry: Entry, points: Sequence[Entry], w: Weights) -> float:
    """A bonus for lying close to the local places (towns, districts) chosen for other names."""
    if not points or entry.feature not in LOCAL:
        return 0.0
    nearest = min(km(entry.lat, entry.lon, p.lat, p.lon) for p in points)
    return w.near * max(0.0, 1.0 - nearest / w.near_km)


def _contained(entry: Entry, within: Sequence[Entry], w: Weights) -> float:
    """A bonus when the place named right after this one contains it."""
    for outer in within:
        if outer.feature == "country" and entry.cc == outer.cc and entry.feature != "country":
            return w.container
        if outer.feature == "admin1" and outer.id == entry.admin1:
            return w.container
    return 0.0


def _softmax(scores: Sequence[float], temperature: float) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp((s - top) / temperature) for s in scores]
    total = sum(weights)
    return [x / total for x in weights]
