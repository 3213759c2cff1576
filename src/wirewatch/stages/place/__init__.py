"""Place: toponyms in the text resolved to GeoNames, and the dateline's place.

Recognition (``find``) reads runs of capitalised words against the gazetteer and
spaCy's labels; resolution (``resolve``) ranks each name's candidates by prior and by
the article's context, the dateline's place first among it. "Russia's Kursk region" is the
region, "the city of Kharkiv" the city; "eastern Ukraine" is kept as a part of Ukraine (a
project-made place with no GeoNames id, at the mean point of that part's towns). Names the
gazetteer does not know stay in ``places`` with ``place=None``. A contributor's place
("reported from Dubai", taken out of the text by ingestion) is resolved on the
``Contributor`` record itself. Demonyms ("Ukrainian officials")
are mentions with role ``demonym``: the ``link`` stage decides who they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from wirewatch.gazetteer import Entry, Gazetteer, gazetteer, km, to_place
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Contributor, Place, PlaceMention, Span
from wirewatch.settings import Settings
from wirewatch.stages.parse import doc_text
from wirewatch.stages.place.find import (
    DIRECTIONS,
    DIVISION_WORDS,
    Found,
    beside,
    container,
    find,
    listed,
    reach_km,
)
from wirewatch.stages.place.resolve import Mention, resolve
from wirewatch.stages.place.spelling import respelled

VERSION = "4"


def geoparse(
    doc: Any, table: Gazetteer, anchor: Entry | None = None, states: frozenset[str] = frozenset()
) -> list[tuple[Found, Entry | None]]:
    """Toponyms of a parsed text and the place each is resolved to (None when unknown);
    ``states``: the countries (alpha-2) of the parties the article names."""
    found = find(doc, table)
    named = mentions(found, doc_text(doc))
    chosen = resolve(named, table, anchor=anchor, states=states)
    chosen = respelled(named, chosen, table, anchor=anchor, states=states)
    chosen = within_reach(named, chosen, table)
    return list(zip(found, chosen, strict=True))


#: How far a town said to be near another ("X near Y", "X, outside Y") may lie from it.
NEAR_KM = 150.0


def within_reach(
    mentions: Sequence[Mention], chosen: Sequence[Entry | None], table: Gazetteer
) -> list[Entry | None]:
    """A town said to lie near a town resolved for another name ("Liwa, located 10 kilometers
    outside of Bambari") is the namesake within reach of it, the most populous; with none in
    reach it stays unresolved (text kept), never a namesake on another continent."""
    out = list(chosen)
    for i, mention in enumerate(mentions):
        entry = chosen[i]
        anchor = chosen[mention.near] if mention.near is not None else None
        if entry is None or anchor is None or {entry.feature, anchor.feature} != {"city"}:
            continue  # (a region's point says little of how near it is)
        most = NEAR_KM if mention.reach is None else max(2.0 * mention.reach + 30.0, 60.0)
        if km(entry.lat, entry.lon, anchor.lat, anchor.lon) <= most:
            continue
        near = [
            e
            for e in table.lookup(mention.text)
            if e.feature == "city" and km(e.lat, e.lon, anchor.lat, anchor.lon) <= most
        ]
        out[i] = max(near, key=lambda e: (e.population, -e.id)) if near else None
    return out


def mentions(found: Sequence[Found], text: str) -> list[Mention]:
    """The recognised toponyms as mentions to resolve, each with the container named after it
    ("X, Dnipropetrovsk", "X in Dar'a") or before it as its owner ("Sagaing Region's X"), and
    the place it is said to be near ("X near Y")."""
    out: list[Mention] = []
    for i, f in enumerate(found):
        after = found[i + 1] if i + 1 < len(found) else None
        held = after is not None and _contains(text, f, after)
        near = after is not None and not after.demonym and beside(text, f.end, after.start)
        reach = reach_km(text, f.end, after.start) if near and after is not None else None
        owner = i - 1 if not held and i and _owned(text, found[i - 1], f) else None
        out.append(
            Mention(
                text=f.text,
                hint=f.hint,
                division=f.division,
                demonym=f.demonym,
                container=i + 1 if held else owner,
                listed=held and after is not None and _listed(text, f, after),
                near=i + 1 if near else None,
                reach=reach,
            )
        )
    return out


_POSSESSIVE = re.compile(r"^['’]s\s+$")


def _owned(text: str, owner: Found, found: Found) -> bool:
    """ "Sagaing Region's Kani Township", "Ukraine's Donetsk": a place another place owns lies
    in it (its container, named before it)."""
    return not owner.demonym and bool(_POSSESSIVE.match(text[owner.end : found.start]))


def _listed(text: str, inner: Found, outer: Found) -> bool:
    """Whether names go on as a list after the container; names in brackets after a place are
    its district and province, not a list ("Boni (Douentza, Mopti)"), nor are the names after
    a container that says it is a division: "Mansi, Bhamo District, Kachin State" is a town, its
    district and its state, as coders write them."""
    if "(" in text[inner.end : outer.start] or _division_named(outer):
        return False
    return listed(text, outer.end)


def _division_named(found: Found) -> bool:
    """ "Bhamo District", "Kherson oblast": a name given with its kind of division."""
    last = found.text.rsplit(maxsplit=1)[-1].lower()
    return found.division is not None or last in DIVISION_WORDS


def _contains(text: str, inner: Found, outer: Found) -> bool:
    return not outer.demonym and container(text, inner.end, outer.start)


def dateline_place(place_text: str, table: Gazetteer) -> Entry | None:
    """ "KYIV, Ukraine" → Kyiv: the first name, a town (datelines name towns), resolved with
    the rest as its container."""
    parts = [p.strip() for p in place_text.split(",") if p.strip()]
    mentions = [
        Mention(
            text=p,
            hint="city" if i == 0 else None,
            container=i + 1 if i + 1 < len(parts) else None,
        )
        for i, p in enumerate(parts)
    ]
    chosen = resolve(mentions, table) if mentions else []
    return chosen[0] if chosen else None


def analyse(article: Article, table: Gazetteer) -> Article:
    """The article with ``places``, ``dateline.place`` and contributors' places filled in."""
    anchor = dateline_place(article.dateline.place_text, table) if article.dateline else None
    weapons = [(w.span.start, w.span.end) for w in article.weapons]
    mentions = [
        _mention(article.text, f, e, table)
        for f, e in geoparse(article.doc, table, anchor, _states(article, table))
        if f.division is not None  # "Tank district": a division's name, though a weapon's
        or not any(start < f.end and f.start < end for start, end in weapons)  # "Katyusha"
    ]
    dateline = article.dateline
    if dateline is not None and anchor is not None:
        dateline = replace(dateline, place=to_place(anchor, table))
    contributors = tuple(_contributor(c, table) for c in article.contributors)
    return replace(article, places=tuple(mentions), dateline=dateline, contributors=contributors)


def _states(article: Article, table: Gazetteer) -> frozenset[str]:
    """The countries (alpha-2) of the parties the link stage coded ("Kiev forces": UA)."""
    codes = {m.actor.code for m in article.actors if m.actor.code}
    return frozenset(e.cc for code in codes if (e := table.state(code)) is not None and e.cc)


def _mention(text: str, found: Found, entry: Entry | None, table: Gazetteer) -> PlaceMention:
    start, direction = _direction(text, found.start)
    span = Span(start=start, end=found.end, text=text[start : found.end])
    role = "demonym" if found.demonym or found.adjective else "body"
    if entry is None:
        return PlaceMention(span=span, place=None, role=role)
    place = to_place(entry, table)
    if direction is not None and entry.feature in ("country", "admin1"):
        place = part_of(entry, direction, table)
    return PlaceMention(span=span, place=place, role=role)


def _direction(text: str, start: int) -> tuple[int, str | None]:
    """ "eastern Ukraine": the span's new start and the direction word, when there is one."""
    before = text[max(0, start - 16) : start]
    words = before.split()
    if words and before.endswith(" ") and words[-1].casefold() in DIRECTIONS:
        return start - len(before) + before.rfind(words[-1]), words[-1].casefold()
    return start, None


def part_of(entry: Entry, direction: str, table: Gazetteer) -> Place:
    """ "eastern Ukraine": the mean point of the country's (or region's) towns lying that way."""
    lat, lon = _part_point(entry.id, direction, table)
    whole = to_place(entry, table)
    return replace(
        whole,
        geonameid=None,
        name=f"{direction} {entry.name}",
        feature="region",
        lat=round(lat, 2),
        lon=round(lon, 2),
        precision="region",
        admin1=entry.name if entry.feature == "admin1" else None,
    )


@functools.lru_cache(maxsize=256)
def _part_point(geonameid: int, direction: str, table: Gazetteer) -> tuple[float, float]:
    entry = table.get(geonameid)
    assert entry is not None
    towns = table.towns(entry.cc, entry.id if entry.feature == "admin1" else None)
    if not towns:
        return entry.lat, entry.lon
    north, east = DIRECTIONS[direction]
    mid_lat = _median([t.lat for t in towns])
    mid_lon = _median([t.lon for t in towns])
    part = [
        t
        for t in towns
        if (north == 0 or (t.lat - mid_lat) * north > 0)
        and (east == 0 or (t.lon - mid_lon) * east > 0)
    ] or list(towns)
    return sum(t.lat for t in part) / len(part), sum(t.lon for t in part) / len(part)


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _contributor(person: Contributor, table: Gazetteer) -> Contributor:
    """A credit line's place ("from Dubai, United Arab Emirates") resolved like a dateline."""
    entry = dateline_place(person.place_text, table) if person.place_text else None
    return replace(person, place=to_place(entry, table)) if entry else person


def stage(settings: Settings | None = None) -> Stage:
    """The place stage (no settings of its own: the gazetteer ships with wirewatch)."""

    def run(article: Article) -> Article:
        if article.doc is None:
            return article
        return analyse(article, gazetteer())

    return Stage(
        name="place",
        version=VERSION,
        run=run,
        setup=gazetteer,
        requires=("doc", "weapons", "actors"),
        assigns=("places", "dateline", "contributors"),
    )
