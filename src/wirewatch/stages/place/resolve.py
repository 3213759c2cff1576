"""Toponym resolution: which GeoNames place each name in an article means.

Each name's candidates are ranked by ``rank``: a weighted sum of prior features (kind of
place, own name or alias, a region named like a town in it or like its country, what the words
around it say: "region of", "city of") and context features: the countries and first-level
regions the other names point to (each name votes with its candidates' prior shares, so
unambiguous names weigh most), the dateline's place, the article's focus (the country and
first-level region most voted for), a place named right after it ("Gainesville, Ga.", "Dubai,
United Arab Emirates", "Karak in Dar'a"), nearness to the towns chosen for the other names and
to the places it is said to be near ("X near Y"). A region or country named right after a name
narrows its candidates to those inside it (``prepare``). Resolution runs in rounds: the first
votes with prior shares, the later ones with the places the round before chose.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from wirewatch.gazetteer import Entry, Gazetteer, gazetteer, key, km, spelled_like
from wirewatch.stages.place.find import (
    GENERIC_AFTER,
    PARTICLES,
    PARTICLES_HYPHEN,
    PARTICLES_UPPER,
    STREET_WORDS,
)
from wirewatch.stages.place.rank import (
    KINDS,
    LOCAL,
    PRIOR,
    Around,
    Model,
    Tally,
    Vector,
    context_features,
    dot,
    eponym,
    focus,
    inside,
    prior_features,
    ranker,
)

BROAD = frozenset(KINDS) - {"admin2"}
PRIORS = len(PRIOR)
JOINING = PARTICLES | PARTICLES_HYPHEN | PARTICLES_UPPER  # kinds of place no region stands in for


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name to resolve: its text, what the words around it say, and what contains it."""

    text: str
    hint: str | None = None  # "region" | "city" | None
    division: str | None = None  # the word for a division after it ("Beni territory")
    container: int | None = None  # index of the mention right after it ("X, Ga.")
    listed: bool = False  # the container goes on as a list ("X, Y, Z"): maybe no container
    near: int | None = None  # index of the mention it is said to be near ("X near Y")
    reach: float | None = None  # km it is said to lie from that one ("X, 10 km from Y")
    demonym: bool = False


def candidates(mention: Mention, table: Gazetteer) -> tuple[Entry, ...]:
    """The places a mention may mean: a demonym's country, the name's places, or else the
    places of the longest known name inside it ("Port of Los Angeles", "Greer Station")."""
    if mention.demonym:
        found = table.demonym(mention.text)
        return (found,) if found else ()
    return table.lookup(mention.text) or _inside(mention.text, table)


def _inside(text: str, table: Gazetteer) -> tuple[Entry, ...]:
    """The places of the longest known name inside ``text``, unless it is a compound ("Ras Al
    Ain", "Mogadishu-Karan"): a part of a compound is no name of its own."""
    words = text.split()
    if "-" in text or any(w in JOINING for w in words):
        return ()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            rest = words[:start] + words[start + size :]
            if any(w.lower() not in GENERIC_AFTER and w.lower() not in ("of", "the") for w in rest):
                continue  # "Bulo Burde" is no "Bulo": only "Greer Station", "Port of ..."
            if any(w.lower() in STREET_WORDS for w in rest):
                continue  # "Baja California Street" is a street
            part = " ".join(words[start : start + size])
            if part[:1].isupper() and not table.common(part):
                found = table.lookup(part)
                if found:
                    return found
    return ()


@dataclass(frozen=True, slots=True)
class Problem:
    """A document's names made ready to rank: what does not depend on the weights."""

    options: list[tuple[Entry, ...]]
    priors: list[list[Vector]]
    names: list[str]
    within: dict[str, list[Entry]]
    anchor: Entry | None
    links: list[list[int]]  # for each mention, the mentions it is near or that are near it
    apart: dict[tuple[int, int], float] = field(default_factory=dict)  # km, as computed

    def nearest(self, entry: Entry, others: Sequence[Entry]) -> float | None:
        """Kilometres from a local ``entry`` to the nearest of ``others`` (None: no others)."""
        if not others or entry.feature not in LOCAL:
            return None
        best = math.inf
        for other in others:
            pair = (entry.id, other.id)
            distance = self.apart.get(pair)
            if distance is None:
                distance = self.apart[pair] = km(entry.lat, entry.lon, other.lat, other.lon)
            best = min(best, distance)
        return best


def prepare(
    mentions: Sequence[Mention],
    table: Gazetteer,
    *,
    anchor: Entry | None = None,
    model: Model | None = None,
) -> Problem:
    """Every mention's candidates and prior features, and the containers named after them."""
    m = model or ranker()
    found = [_watery(_divided(candidates(x, table), x.division), x) for x in mentions]
    names = [key(x.text) for x in mentions]
    within: dict[str, list[Entry]] = defaultdict(list)
    strict: dict[str, list[Entry]] = defaultdict(list)
    chain = list(found)  # each name's places within the containers named after it
    for i in reversed(range(len(mentions))):
        mention, name = mentions[i], names[i]
        outer = _known_container(mentions, found, mention.container)
        if outer is not None:  # "Gainesville, Ga." tells every "Gainesville"
            held = _holding(chain[outer], table)
            within[name].extend(held)
            if not mention.listed and not mention.demonym:
                strict[name].extend(held)
                chain[i] = _narrowed(found[i], held)  # "Kumba (Meme, South-West)": Meme's
    outers = {x.container for x in mentions if x.container is not None}
    options = [
        _narrowed(opts if i in outers else _towns_first(opts, x.hint, m), strict.get(n, ()))
        for i, (x, opts, n) in enumerate(zip(mentions, found, names, strict=True))
    ]
    priors = [
        [prior_features(e, "" if x.demonym else x.text, x.hint, rivals, m) for e in opts]
        for x, opts, rivals in zip(mentions, options, found, strict=True)
    ]
    links: list[list[int]] = [[] for _ in mentions]
    for i, mention in enumerate(mentions):
        if mention.near is not None:
            links[i].append(mention.near)
            links[mention.near].append(i)
    return Problem(options, priors, names, dict(within), anchor, links)


def _known_container(
    mentions: Sequence[Mention], found: Sequence[tuple[Entry, ...]], outer: int | None
) -> int | None:
    """The nearest container up the chain the gazetteer knows: in "Boni (Hombori, Douentza,
    Mopti)" a commune it lacks passes Boni on to Douentza."""
    seen = set()
    while outer is not None and not found[outer] and outer not in seen:
        seen.add(outer)
        outer = mentions[outer].container
    return outer


def _holding(outer: Sequence[Entry], table: Gazetteer) -> list[Entry]:
    """The places a name after a comma may stand for as a container: its candidates, and the
    regions that hold a town among them ("Hays, Hodeidah": the town of Hodeidah names its
    governorate there; "Colonia Libertad, Tijuana": the neighbourhood lies in the town's)."""
    regions = (
        table.get(i) for e in outer if e.feature == "city" for i in (e.admin2, e.admin1) if i
    )
    return [*outer, *(r for r in regions if r is not None and r not in outer)]


def _divided(options: tuple[Entry, ...], division: str | None) -> tuple[Entry, ...]:
    """ "Beni territory": the division whose own name says it is a territory (Congo's Beni
    Territory), not Bolivia's Beni Department, when the gazetteer has one."""
    if division is None:
        return options
    kept = tuple(e for e in options if key(e.name).endswith(" " + division))
    return kept or options


#: Words that make a name a body of water: "the Red Sea", "Gulf of Aden", "Kerch Strait".
WATERS = frozenset({"sea", "ocean", "gulf", "strait", "straits"})


def _watery(options: tuple[Entry, ...], mention: Mention) -> tuple[Entry, ...]:
    """ "A ship was hit in the Red Sea": a name made with a word for a sea is the water,
    not the province named after it (Sudan's Red Sea State), unless the words around say a
    division ("Red Sea state"). With no water of that name in the gazetteer, the divisions
    named after one are no answer either; a town of that name still is."""
    words = mention.text.lower().split()
    if len(words) < 2 or mention.hint == "region" or mention.division is not None:
        return options
    if words[-1] not in WATERS and not (words[0] in WATERS and words[1] == "of"):
        return options
    name = key(mention.text)
    water = tuple(e for e in options if e.feature == "region" and key(e.name) == name)
    return water or tuple(e for e in options if e.feature not in ("admin1", "admin2"))


def _towns_first(options: tuple[Entry, ...], hint: str | None, model: Model) -> tuple[Entry, ...]:
    """A bare name of a town and of the province named after it is the town ("Kharkiv",
    "Kyiv"), and a region named like its country is the country ("Mexico"): the region is meant
    when the words around say so ("the Kharkiv region") or when it contains a place named
    before it ("Izium, Kharkiv")."""
    if hint == "region":
        return options
    return tuple(
        e
        for e in options
        if e.feature not in ("admin1", "admin2") or not eponym(e, options, model.eponym_share)
    )


def _narrowed(options: tuple[Entry, ...], outer: Sequence[Entry]) -> tuple[Entry, ...]:
    """A name's candidates inside the region or country named after it ("Zaliznychne,
    Dnipropetrovsk"): a namesake outside never wins. When none lies inside, a town the
    gazetteer does not know there is placed at that region (precision ``admin1``/``admin2``),
    never at a namesake elsewhere."""
    if not outer:
        return options
    kept = tuple(e for e in options if any(inside(e, o) for o in outer))
    if kept:
        return kept
    regions = tuple(o for o in outer if o.feature in ("admin1", "admin2"))
    if regions and not any(e.feature in BROAD for e in options):
        return regions
    return options


def resolve(
    mentions: Sequence[Mention],
    table: Gazetteer,
    *,
    anchor: Entry | None = None,
    model: Model | None = None,
    states: frozenset[str] = frozenset(),
) -> list[Entry | None]:
    """The best place for every mention (None when the gazetteer knows no such name).
    ``states``: the countries (ISO alpha-2) of the parties the article names, which back a
    namesake against a hamlet abroad as the other names' votes do ("Kiev forces shell
    Lugansk": Luhansk, not the Kazakh village)."""
    m = model or ranker()
    return choose(prepare(mentions, table, anchor=anchor, model=m), m, states=states)


def choose(
    problem: Problem,
    model: Model,
    seen: set[int] | None = None,
    states: frozenset[str] = frozenset(),
) -> list[Entry | None]:
    """The best candidate of every mention under ``model``'s weights.

    A name never votes for itself: its repetitions are left out of its context. ``seen``, if
    given, gains the index of every feature that is not zero for some candidate in some round:
    the weights of the others can change without changing the outcome (what tuning skips).
    """
    m, options, names = model, problem.options, problem.names
    scores = [[dot(m.prior, f) for f in fs] for fs in problem.priors]
    if seen is not None:
        seen.update(k for fs in problem.priors for f in fs for k, v in enumerate(f) if v)
    shares = [_softmax(s, m.temperature) for s in scores]
    chosen: list[Entry | None] = [None] * len(options)
    for _round in range(1 + m.rounds):
        votes = _votes(options, shares, names, problem.anchor, m.dateline)
        points = _points(chosen, names)
        views: dict[str, _View] = {}  # a name's view of the others, the same for each mention
        chosen = [
            _pick(problem, i, scores[i], votes, points, chosen, m, seen, views, states)
            for i in range(len(options))
        ]
        shares = [[float(e is c) for e in opts] for opts, c in zip(options, chosen, strict=True)]
    return chosen


def _pick(
    problem: Problem,
    i: int,
    scores: Sequence[float],
    votes: dict[str, Tally],
    points: dict[str, list[Entry]],
    chosen: Sequence[Entry | None],
    model: Model,
    seen: set[int] | None = None,
    views: dict[str, _View] | None = None,
    states: frozenset[str] = frozenset(),
) -> Entry | None:
    """Mention ``i``'s best candidate, its prior ``scores`` plus its fit with the others'
    ``votes``, the towns chosen for them (``points``) and its neighbours' places.

    ``views`` keeps, within one round, what the others' votes and towns are for each name:
    every mention of a name sees the same."""
    options, name = problem.options[i], problem.names[i]
    if not options:
        return None
    views = {} if views is None else views
    view = views.get(name)
    if view is None:
        view = views[name] = _view(votes, points, name)
    own, country, region, others = view
    within = problem.within.get(name, ())
    total: list[float] = []
    if len(options) == 1 and seen is None:
        best = options[0]  # the only candidate wins whatever the context says
    else:
        around = Around(
            every=votes[""],
            own=own,
            within=within,
            beside=[p for j in problem.links[i] if (p := chosen[j]) is not None],
            country=country,
            region=region,
        )
        context = [context_features(e, around, problem.nearest(e, others), model) for e in options]
        if seen is not None:
            seen.update(PRIORS + k for c in context for k, v in enumerate(c) if v)
        total = [s + dot(model.context, c) for s, c in zip(scores, context, strict=True)]
        best = options[max(range(len(total)), key=total.__getitem__)]

    def backing(cc: str) -> float:  # the votes of the other names for a country
        return votes[""].countries.get(cc, 0.0) - own.countries.get(cc, 0.0)

    if (
        not within
        and backing(best.cc) <= 0
        and _stranger(best, options, name, country, backing(country))
        and _far(best, problem, name, country)
    ):
        return None
    if (
        not within
        and backing(best.cc) <= 0
        and _alias_far_from_parties(best, options, name, states)
    ):
        return None
    if not within and backing(best.cc) <= 0 and best.cc not in states:
        # a namesake on another continent no other name supports, when one lies beside the
        # country the article is about: "Israeli jets struck Gaza" is the Gaza Strip's
        # Gaza, not Mozambique's province
        beside = _beside_focus(options, best, problem, name, country)
        if beside:
            return max(beside, key=lambda e: total[options.index(e)] if total else 0.0)
    if not within and best.feature == "city" and best.population < HAMLET:
        # a hamlet abroad no other name supports: the best namesake in a country they name
        # (or whose parties the article names)
        backed = [j for j, e in enumerate(options) if backing(e.cc) > 0 or e.cc in states]
        if backed and backing(best.cc) <= 0 and best.cc not in states:
            return options[max(backed, key=total.__getitem__)]
    if not within and backing(best.cc) <= 0 and best.cc not in states:
        # a namesake abroad nothing in the article supports, when the country of a party it
        # names has one of like size: "Hamas fighters attacked troops in Gaza" (not
        # Mozambique's province; but Prague stays the capital beside a US party's Prague, OK)
        parties = [
            j
            for j, e in enumerate(options)
            if e.cc in states and backing(e.cc) >= 0 and e.population * RIVAL >= best.population
        ]
        if parties and total:
            return options[max(parties, key=total.__getitem__)]
    return best


def _far(best: Entry, problem: Problem, name: str, country: str) -> bool:
    """Whether ``best`` lies more than FAR_KM from every place the article's other names may
    be in its focus country ("Boni" in a story about Mali is not Bonn; "Saada" in one naming
    Saudi Arabia is Yemen's)."""
    named = (e for j, opts in enumerate(problem.options) if problem.names[j] != name
             for e in opts if e.cc == country)  # fmt: skip
    return min((km(best.lat, best.lon, e.lat, e.lon) for e in named), default=0.0) > FAR_KM


FAR_KM = 1500.0
#: How near a place of the focus country a namesake abroad lies to be beside it.
BESIDE_KM = 500.0


def _beside_focus(
    options: Sequence[Entry], best: Entry, problem: Problem, name: str, country: str
) -> list[Entry]:
    """The candidates within BESIDE_KM of a place the article's other names may be in its
    focus country, when ``best`` lies farther than FAR_KM from all of them (else none)."""
    if not country or best.cc == country:
        return []
    named = {e.id: e for j, opts in enumerate(problem.options) if problem.names[j] != name
             for e in opts if e.cc == country}.values()  # fmt: skip
    if not named:
        return []

    def within(entry: Entry, most: float) -> bool:
        return any(km(entry.lat, entry.lon, e.lat, e.lon) <= most for e in named)

    if within(best, FAR_KM):
        return []
    return [e for e in options if e is not best and within(e, BESIDE_KM)]


#: How many times bigger than a party's namesake a place abroad may be and still lose to it.
RIVAL = 10
#: A village abroad this small that no other name supports loses to a namesake in a country
#: the article names ("Israeli forces raided Jenin": not the Polish village of 1,100 people).
HAMLET = 5_000
#: A town abroad this small, or known only by an alias, is no place an article about another
#: country names without saying where it is.
STRANGER_POPULATION = 50_000


def _stranger(
    best: Entry, options: Sequence[Entry], name: str, country: str, backing: float
) -> bool:
    """ "Malian soldiers were ambushed near Boni": the article is about Mali, the gazetteer
    knows no Boni there, and GeoNames has the name only as an alias of Bonn. A town in a
    country no other name of the article points to (the caller checks), outside the focus
    country, when no candidate lies in it, stays unresolved when it is known by an alias only,
    or when it is small and at least two other names (``backing`` votes) point to the focus
    country."""
    if not country or best.cc == country or best.feature != "city":
        return False
    if any(e.cc == country for e in options):
        return False
    if not spelled_like(best, name):
        return True
    return best.population < STRANGER_POPULATION and backing >= 2.0


def _alias_far_from_parties(
    best: Entry, options: Sequence[Entry], name: str, states: frozenset[str]
) -> bool:
    """ "JNIM militants ambushed a convoy near Boni": no other name places the story, its
    parties are Mali's and Burkina Faso's, and GeoNames has "Boni" only as an alias of Bonn,
    farther than FAR_KM from both: a village the gazetteer lacks, left unresolved."""
    if not states or best.cc in states or best.feature != "city" or spelled_like(best, name):
        return False
    if any(e.cc in states for e in options):
        return False
    points = [c for cc in states if (c := gazetteer().country(cc)) is not None]
    return bool(points) and all(km(best.lat, best.lon, c.lat, c.lon) > FAR_KM for c in points)


#: What one name sees of the others in a round: its own tally, the article's focus country
#: and region without it, and the towns chosen for the other names.
_View = tuple[Tally, str, int | None, list[Entry]]


def _view(votes: dict[str, Tally], points: dict[str, list[Entry]], name: str) -> _View:
    own = votes.get(name, Tally())
    country, region = focus(votes[""], own)
    others = [p for n, found in points.items() if n != name for p in found]
    return own, country, region, others


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
    """The local places (towns, districts) chosen for each name, and the parts of a country
    news names as regions ("Donbas", "eastern Ukraine", "northern Shan State"): a village
    named beside them lies near their point, not at a namesake across the country."""
    points: dict[str, dict[int, Entry]] = defaultdict(dict)
    for entry, name in zip(chosen, names, strict=True):
        if entry is not None and (
            entry.feature in LOCAL or (entry.feature == "region" and entry.cc)
        ):
            points[name][entry.id] = entry
    return {name: list(found.values()) for name, found in points.items()}


def _softmax(scores: Sequence[float], temperature: float) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp((s - top) / temperature) for s in scores]
    total = sum(weights)
    return [x / total for x in weights]
