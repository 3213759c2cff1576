"""Names the gazetteer knows only in another transliteration, in the country the article is about.

News writes the towns of Ukraine's east in Russian ("Gorlovka", "Shirokino", "Zaytsevo") and
GeoNames in Ukrainian ("Horlivka", "Shyrokyne", "Zaitseve"); Syrian towns come as "Deir
Ezzor" or "Kafarbatna". A name the gazetteer does not know at all is looked for, spelled
otherwise (``Gazetteer.spelled``: the same consonants, the sounds one letter apart), among
the towns and regions of the country of the region named after it or of the place it is said
to lie near, else of the country the article's other places and parties point to most. Of
several namesakes the one inside the region named after it wins (none outside it does), else
the one nearest the towns chosen for the other names; when nothing tells them apart, the
name stays unresolved with its text, as before.

A name the gazetteer knows only as a hamlet of another country, which nothing else in the
article places there ("Kalinovo" in a story about Ukraine's east: a Russian village of 2,900),
is looked for the same way among the towns of the article's country (Ukraine's Kalynove);
when that country has such towns and none can be told apart, the hamlet abroad is not
claimed either: the name stays unresolved with its text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from wirewatch.gazetteer import Entry, Gazetteer, key, km, own_name
from wirewatch.stages.place.rank import LOCAL, inside
from wirewatch.stages.place.resolve import Mention

#: A namesake this near a town chosen for another name of the article is the one meant.
NEAR_KM = 175.0
#: Without a neighbour, the most populous namesake wins only by this factor over the next.
DOMINANT = 3.0


def respelled(
    mentions: Sequence[Mention],
    chosen: Sequence[Entry | None],
    table: Gazetteer,
    *,
    anchor: Entry | None = None,
    states: frozenset[str] = frozenset(),
) -> list[Entry | None]:
    """``chosen`` with unresolved names (or names placed only at the region named after them)
    resolved in another transliteration where the article's countries have one fitting
    place for them."""
    out = list(chosen)
    countries = _countries(chosen, anchor, states)
    if not countries:
        return out
    for i, mention in enumerate(mentions):
        if mention.demonym:
            continue
        bare = mention.division is None and mention.hint != "region"
        seat = _seat(mention.text, chosen[i], table) if bare else None
        if seat is not None:
            out[i] = seat
            continue
        stranded = _stranded(i, mentions, chosen, countries[0], anchor, states)
        if not stranded and (table.known(mention.text) or not _open(i, mentions, chosen)):
            continue
        told = _country(mention, chosen)
        options = table.spelled(mention.text, told or countries[0])
        if not options and told is None and not stranded:
            # none in the country named most: the next the article points to ("the Turkish
            # army shelled SDF positions near Ain Issa": Syria's)
            options = next(
                (o for cc in countries[1:3] if (o := table.spelled(mention.text, cc))), ()
            )
        if stranded:  # only the towns of the article's country
            options = tuple(e for e in options if e.cc == countries[0] and e.feature == "city")
        picked = _pick(options, i, mentions, chosen) if options else None
        if picked is not None:
            out[i] = picked
        elif stranded and options:
            out[i] = None  # one of its namesakes there, none told apart: unresolved, kept
    return out


#: A village abroad this small, which nothing else in the article places in its country, may
#: be a town of the article's country written in another transliteration.
HAMLET = 5_000


def _stranded(
    i: int,
    mentions: Sequence[Mention],
    chosen: Sequence[Entry | None],
    country: str,
    anchor: Entry | None,
    states: frozenset[str],
) -> bool:
    """ "Shelling by Ukrainian forces hit Kalinovo, the LPR militia said": a hamlet of another
    country (Russia's Kalinovo) that no other name, the dateline or a party of the article
    places there, named with no region after it, when the article is about ``country``: the
    town of that country it may be in that country's spelling (Kalynove) is looked for."""
    entry = chosen[i]
    if entry is None or entry.feature != "city" or entry.population >= HAMLET:
        return False
    if entry.cc == country or entry.cc in states or mentions[i].container is not None:
        return False
    if anchor is not None and anchor.cc == entry.cc:
        return False
    name = mentions[i].text
    others = (e for j, e in enumerate(chosen) if j != i and mentions[j].text != name)
    return not any(e is not None and e.cc == entry.cc for e in others)


def _country(mention: Mention, chosen: Sequence[Entry | None]) -> str | None:
    """The country of the region named after the mention ("X, Donetsk oblast"), else of the
    place it is said to lie near ("X, north of Gorlovka"), when resolved."""
    for at in (mention.container, mention.near):
        entry = chosen[at] if at is not None else None
        if entry is not None and entry.cc:
            return entry.cc
    return None


def _seat(name: str, chosen: Entry | None, table: Gazetteer) -> Entry | None:
    """The town a bare name (no word for a division after it) means when the gazetteer knows
    the name only as the district named after that town, spelled otherwise ("shelled
    Kupiansk": GeoNames' Kupyansk, not Kupiansk Raion): the district's town spelled like it,
    else None."""
    if chosen is None or chosen.feature != "admin2" or own_name(chosen, name):
        return None
    if not key(chosen.name).startswith(key(name) + " "):
        return None  # the district is not named after the name ("Kupiansk Raion")
    towns = [
        e for e in table.spelled(name, chosen.cc)
        if e.feature == "city" and e.admin2 == chosen.id
    ]  # fmt: skip
    return towns[0] if towns else None


def _open(i: int, mentions: Sequence[Mention], chosen: Sequence[Entry | None]) -> bool:
    """Whether mention ``i`` is unresolved, or placed only at the region named after it
    ("near Shirokino, Donetsk oblast": the oblast, as the gazetteer has no Shirokino)."""
    outer = mentions[i].container
    return chosen[i] is None or (outer is not None and chosen[i] is chosen[outer])


def _countries(
    chosen: Sequence[Entry | None], anchor: Entry | None, states: frozenset[str]
) -> list[str]:
    """The countries (alpha-2) of the places resolved, the dateline and the parties, the
    most named first: the first is the one a name is looked for in when no region is named
    after it (a village of Ukraine's east the gazetteer lacks is no namesake in Siberia)."""
    counts: dict[str, float] = defaultdict(float)
    for entry in chosen:
        if entry is not None and entry.cc:
            counts[entry.cc] += 1.0
    if anchor is not None and anchor.cc:
        counts[anchor.cc] += 1.0
    for cc in sorted(states):
        counts[cc] += 0.5
    return [cc for cc, _n in sorted(counts.items(), key=lambda kv: -kv[1])]  # ties: first named


def _pick(
    options: Sequence[Entry], i: int, mentions: Sequence[Mention], chosen: Sequence[Entry | None]
) -> Entry | None:
    outer_at = mentions[i].container
    outer = chosen[outer_at] if outer_at is not None else None
    if outer is not None and outer.feature != "city":
        options = [e for e in options if inside(e, outer)]  # none outside the region named
        if not options:
            return None
    if len(options) == 1:
        return options[0]
    towns = [e for j, e in enumerate(chosen) if j != i and e is not None and e.feature in LOCAL]
    if towns:
        far, near = min(
            (min(km(e.lat, e.lon, t.lat, t.lon) for t in towns), k) for k, e in enumerate(options)
        )
        if far <= NEAR_KM:
            return options[near]
    first, second = options[0], options[1]
    return first if first.population >= DOMINANT * max(second.population, 1) else None
