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
import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from wirewatch.gazetteer import Entry, km, own_name

RESOURCE = "place_ranker.json"
KINDS = ("country", "admin1", "admin2", "continent", "region")
PRIOR = (*KINDS, "capital", "alias", "eponym", "hint")
CONTEXT: tuple[str, ...] = ("country_context", "region_context", "county_context", "container")
CONTEXT += ("near", "focus_country", "focus_region", "beside")
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
    return float(sum(map(operator.mul, weights, values)))


def prior_features(
    entry: Entry, text: str, hint: str | None, rivals: Sequence[Entry], model: Model
) -> Vector:
    """What makes ``entry`` likely for a name before context (``rivals``: all its candidates)."""
    named = entry.feature in ("admin1", "admin2") and eponym(entry, rivals, model.eponym_share)
    return (
        *(float(entry.feature == kind) for kind in KINDS),
        float(entry.code == "PPLC"),
        float(bool(text) and not own_name(entry, text)),
        float(named),
        float(hint is not None and _fits(entry, hint)),
    )


def eponym(region: Entry, rivals: Sequence[Entry], share: float) -> bool:
    """True when a town of the same name lies in ``region`` (Kharkiv in Kharkiv Oblast) or is
    a big town of its country (Kyiv beside Kyiv Oblast, New York City beside the state), or
    when the region is named like its own country (the State of Mexico beside Mexico).

    A hamlet inside does not count: Mexico's states each have villages named after other
    states (a "Jalisco" of 680 people in Chiapas), and a state is not named after them."""
    return any(
        (r.feature == "country" and r.cc == region.cc)
        or (
            r.feature == "city"
            and (
                (region.id in (r.admin1, r.admin2) and r.population >= INSIDE * region.population)
                or (r.cc == region.cc and r.population >= share * region.population)
            )
        )
        for r in rivals
    )


#: The smallest share of its region's people a town inside it needs to be the region's
#: namesake: Sagaing (8% of its region), Oaxaca (9%), Dar'a (25%) are; a village is not.
INSIDE = 0.02


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
    firsts: set[int] = field(default_factory=set)  # which of ``regions`` are first-level

    def add(self, entry: Entry, share: float) -> None:
        self.countries[entry.cc] += share
        first, second = regions(entry)
        if first is not None:
            self.regions[first] += share
            self.firsts.add(first)
        if second is not None:
            self.regions[second] += share


def regions(entry: Entry) -> tuple[int | None, int | None]:
    """The first- and second-level regions a place is or lies in."""
    if entry.feature == "admin1":
        return entry.id, None
    if entry.feature == "admin2":
        return entry.admin1, entry.id
    return entry.admin1, entry.admin2


@dataclass(frozen=True, slots=True, kw_only=True)
class Around:
    """What the rest of the article says about one name's candidates."""

    every: Tally  # everybody's votes
    own: Tally  # the name's own votes (left out: a name never votes for itself)
    within: Sequence[Entry] = ()  # the places named right after it ("X, Dnipropetrovsk")
    beside: Sequence[Entry] = ()  # the places chosen for the names it is near ("X near Y")
    country: str = ""  # the article's focus: the country the other names vote for most
    region: int | None = None  # ... and the first-level region


def context_features(entry: Entry, around: Around, nearest: float | None, model: Model) -> Vector:
    """How well ``entry`` fits the article: the other names' votes and the article's focus
    (the country and first-level region they vote for most), the places that contain it, the
    towns chosen for the others (``nearest``: km to the nearest, None when there is none) and
    the places it is said to be near."""
    return (
        *_shares(entry, around.every, around.own),
        _contained(entry, around.within),
        _near(entry, nearest, model),
        *_focus(entry, around.country, around.region),
        _beside(entry, around.beside, model),
    )


def focus(every: Tally, own: Tally) -> tuple[str, int | None]:
    """The country and the first-level region the other names vote for most ("" and None
    when they vote for none): the article's focus."""
    countries = ((c, v - own.countries.get(c, 0.0)) for c, v in every.countries.items() if c)
    country = max(countries, key=lambda cv: (cv[1], cv[0]), default=("", 0.0))
    firsts = ((r, every.regions[r] - own.regions.get(r, 0.0)) for r in every.firsts)
    region = max(firsts, key=lambda rv: (rv[1], rv[0]), default=(None, 0.0))
    return (country[0] if country[1] > 0 else "", region[0] if region[1] > 0 else None)


def _focus(entry: Entry, country: str, region: int | None) -> tuple[float, float]:
    """Whether the place lies in the article's focus country, and in its focus region."""
    in_country = float(entry.cc == country and entry.feature != "country")
    in_region = float(region is not None and entry.admin1 == region)
    return in_country, in_region


def _beside(entry: Entry, places: Sequence[Entry], model: Model) -> float:
    if not places or entry.feature not in LOCAL:
        return 0.0
    nearest = min(km(entry.lat, entry.lon, p.lat, p.lon) for p in places)
    return max(0.0, 1.0 - nearest / model.near_km)


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
    return float(any(inside(entry, outer) for outer in within))


def inside(entry: Entry, outer: Entry) -> bool:
    """True when ``entry`` lies in the country, first- or second-level region ``outer``."""
    if outer.feature == "country":
        return entry.cc == outer.cc and entry.feature != "country"
    if outer.feature == "admin1":
        return outer.id == entry.admin1 and entry.id != outer.id
    if outer.feature == "admin2":
        return outer.id == entry.admin2 and entry.id != outer.id
    return False


def _near(entry: Entry, nearest: float | None, model: Model) -> float:
    if nearest is None or entry.feature not in LOCAL:
        return 0.0
    return max(0.0, 1.0 - nearest / model.near_km)
