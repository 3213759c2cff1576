"""When two event reports can tell the same happening: type, actors, date and place agree.

Pure functions over records. Dates agree when their intervals overlap (a day, a week, a
month, a year or an explicit interval, with one day of slack for time zones and "overnight")
and both or neither span more than a year: a strike on 10 June and "attacks since 2022" are
an incident and a campaign, never one happening. An event without a date is taken to have
happened in the week before its article appeared.
Places agree when they are the same GeoNames entry, when the coarser one contains the finer
(same country; same region when both name one), or when two towns lie within 50 km. Actors
agree when the lists share an actor (a code, or a person's resolved name) or one is empty.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from wirewatch.corpus.actors import keys
from wirewatch.corpus.db import shift
from wirewatch.isodates import days
from wirewatch.records import Actor, Event, Place, PlaceMention

SLACK = dt.timedelta(days=1)
UNDATED = dt.timedelta(days=7)
#: Longest interval that still tells one happening ("in 2016"); longer ones ("since 2014",
#: "between 2010 and 2015") tell a campaign or a period and agree only with their like.
YEAR = dt.timedelta(days=366)
NEAR_KM = 50.0
_COARSE = {"country": 0, "region": 1, "admin1": 1, "admin2": 2, "city": 3, "point": 4}


@dataclass(frozen=True, slots=True)
class Report:
    """An event with what merging needs from its article."""

    event: Event
    published: dt.date | None
    source: str
    names: Mapping[str, str]  # person name → resolved full name


def interval(event: Event, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days the event's date may stand for; None when nothing at all is known."""
    found = days(event.date.value) if event.date and event.date.value else None
    if found is not None:
        return found
    return (shift(published, -UNDATED.days), published) if published else None


def dates_agree(a: Report, b: Report) -> bool:
    one, two = interval(a.event, a.published), interval(b.event, b.published)
    if one is None or two is None:
        return True
    if longer_than_year(one) != longer_than_year(two):
        return False
    return one[0] <= shift(two[1], SLACK.days) and two[0] <= shift(one[1], SLACK.days)


def longer_than_year(span: tuple[dt.date, dt.date]) -> bool:
    """Whether an interval spans more than a year (its first and last day counted)."""
    return (span[1] - span[0]) >= YEAR


def actors_agree(a: tuple[Actor, ...], b: tuple[Actor, ...], names: Mapping[str, str]) -> bool:
    if not a or not b:
        return True
    left = set().union(*(keys(x, names) for x in a))
    right = set().union(*(keys(x, names) for x in b))
    return bool(left & right)


def places_agree(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return True
    return place_contains(a.place, b.place) or place_contains(b.place, a.place)


def place_contains(outer: Place, inner: Place) -> bool:
    """``outer`` is ``inner``, holds it, or (two towns) lies within NEAR_KM of it."""
    if outer.geonameid is not None and outer.geonameid == inner.geonameid:
        return True
    if outer.country and inner.country and outer.country != inner.country:
        return False
    rank_out = _COARSE.get(outer.precision, 3)
    rank_in = _COARSE.get(inner.precision, 3)
    if rank_out == 0:
        return True
    if rank_out == 1 and rank_in >= 1:
        return outer.name == inner.admin1 or outer.name == inner.name or inner.admin1 is None
    return rank_out >= 3 and rank_in >= 3 and km(outer, inner) <= NEAR_KM


def km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def same_happening(a: Report, b: Report) -> bool:
    """Whether two reports can be of one event (polarity may differ: that is a dispute).
    Two events of one article are two happenings: the events stage made one record of each."""
    names = {**a.names, **b.names}
    return (
        a.event.article_id != b.event.article_id
        and a.event.event == b.event.event
        and a.event.modality == b.event.modality
        and dates_agree(a, b)
        and actors_agree(a.event.actor, b.event.actor, names)
        and actors_agree(a.event.recipient, b.event.recipient, names)
        and places_agree(a.event.event_loc, b.event.event_loc)
    )
