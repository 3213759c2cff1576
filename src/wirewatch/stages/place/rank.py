"""The candidate ranker of toponym resolution: features of a (name, place) pair and their weights.

A candidate's score is a weighted sum of features. Prior features say how likely a place is
before context: its kind, whether it is a national capital, whether the name is its own or an
alias, whether it is a region named like a town inside it (the "Kharkiv" region beside the city)
or like its own country (the State of Mexico beside Mexico), and whether the words around the
name fit it ("region of", "city of"). Context features say how well it fits the article: the
share of the other names' votes for its country, first- and second-level region, a place named
right after it that contains it ("Gainesville, Ga."), and how near it lies to the towns chosen
for the other names.

The weights ship as ``resources/place_ranker.json``. They were chosen by coordinate ascent on
the tuning third of LGL (see ``bench/geo.py``); a conditional logistic regression over the same
and more features (population, dominance over namesakes, plain support), fitted on those
documents, scored lower in 3-fold cross-validation there and on WikToR, so it does not ship.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from wirewatch.gazetteer import Entry, km, own_name

RESOURCE = "place_ranker.json"
KINDS = ("country", "admin1", "admin2", "continent", "region")
PRIOR = (*KINDS, "capital", "alias", "eponym", "hint")
CONTEXT = ("country_context", "region_context", "county_context", "container", "near")
FEATURES = PRIOR + CONTEXT
LOCAL = frozenset({"city", "admin2"})

Vector = tuple[float, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Model:
    """Weights (one per name in ``FEATURES``) and the settings the features are computed with."""

    weights: Vector
    temperature: float = 1.0  # of the softmax that turns prior scores into first-round votes
    rounds: int = 2  # rounds after the first, each voting with the places the last one chose
    near_km: float = 175.0  # a chosen town this far away no longer counts as near
    eponym_share: float = 0.1  # a town this big beside a region of its name makes it an eponym
    dateline: float = 2.0  # votes the dateline's place casts

    @property
    def prior(self) -> Vector:
        return self.weights[: len(PRIOR)]

    @property
    def context(self) -> Vector:
        return self.weights[len(PRIOR) :]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        weights = tuple(float(data["weights"].get(name, 0.0)) for name in FEATURES)
        return cls(weights=weights, **{k: v for k, v in data.items() if k != "weights"})


@functools.cache
def ranker() -> Model:
    """The shipped model."""
    text = resources.files("wirewatch.resources").joinpath(RESOURCE).read_text(encoding="utf-8")
    return Model.from_dict(json.loads(text)["model"])


def dot(weights: Vector, values: Vector) -> float:
    return sum(w * v for w, v in zip(weights, values, strict=True))


def prior_features(
    entry: Entry, text: str, hint: str | None, rivals: Sequence[Entry], model: Model
) -> Vector:
    """What makes ``entry`` likely for a name before context (``rivals``: all its candidates)."""
    eponym = entry.feature in ("admin1", "admin2") and _eponym(entry, rivals, model.eponym_share)
    return (
        *(float(entry.feature == kind) for kind in KINDS),
        float(entry.code == "PPLC"),
        float(bool(text) and not own_name(entry, text)),
        float(eponym),
        float(hint is not None and _fits(entry, hint)),
    )


def _eponym(region: Entry, rivals: Sequence[Entry], share: float) -> bool:
    """True when a town of the same name lies in ``region`` (Kharkiv in Kharkiv Oblast) or is
    a big town of its country (Kyiv beside Kyiv Oblast, New York City beside the state), or
    when the region is named like its own country (the State of Mexico beside Mexico)."""
    return any(
        (r.feature == "country" and r.cc == region.cc)
        or (
            r.feature == "city"
            and (
                region.id in (r.admin1, r.admin2)
                or (r.cc == region.cc and r.population >= share * region.population)
            )
        )
        for r in rivals
    )


def _fits(entry: Entry, hint: str) -> bool:
    if hint == "region":
        return entry.feature in ("admin1", "admin2")
    return entry.feature == hint


@dataclass(slots=True)
class Tally:
    """Votes for countries and first- and second-level regions."""

    count: float = 0.0
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, entry: Entry, share: float) -> None:
        self.countries[entry.cc] += share
        for region in regions(entry):
            if region is not None:
                self.regions[region] += share


def regions(entry: Entry) -> tuple[int | None, int | None]:
    """The first- and second-level regions a place is or lies in."""
    if entry.feature == "admin1":
        return entry.id, None
    if entry.feature == "admin2":
        return entry.admin1, entry.id
    return entry.admin1, entry.admin2


def context_features(
    entry: Entry,
    every: Tally,
    own: Tally,
    within: Sequence[Entry],
    others: Sequence[Entry],
    model: Model,
) -> Vector:
    """How well ``entry`` fits the article: the other names' votes (``every`` less the name's
    ``own``), the places named right after it (``within``), the towns chosen for the others."""
    return (*_shares(entry, every, own), _contained(entry, within), _near(entry, others, model))


def _shares(entry: Entry, every: Tally, own: Tally) -> tuple[float, float, float]:
    """The other names' share of the votes for the place's country and regions."""
    count = every.count - own.count
    if count <= 0:
        return (0.0, 0.0, 0.0)
    country = every.countries.get(entry.cc, 0.0) - own.countries.get(entry.cc, 0.0)
    first, second = (
        0.0 if r is None else every.regions.get(r, 0.0) - own.regions.get(r, 0.0)
        for r in regions(entry)
    )
    return (country / count, first / count, second / count)


def _contained(entry: Entry, within: Sequence[Entry]) -> float:
    for outer in within:
        if outer.feature == "country" and entry.cc == outer.cc and entry.feature != "country":
            return 1.0
        if outer.feature == "admin1" and outer.id == entry.admin1:
            return 1.0
    return 0.0


def _near(entry: Entry, others: Sequence[Entry], model: Model) -> float:
    if not others or entry.feature not in LOCAL:
        return 0.0
    nearest = min(km(entry.lat, entry.lon, p.lat, p.lon) for p in others)
    return max(0.0, 1.0 - nearest / model.near_km)
