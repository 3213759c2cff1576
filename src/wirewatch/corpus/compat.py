"""When two event reports can tell the same happening: type, actors, date and place agree.

Pure functions over records. Two reports of one article are two happenings (the events
stage made one record of each); otherwise they must agree on everything below and have
something in common that ties them (``anchored``).

- Type and modality are equal: an actual strike and a hypothetical, threatened or
  requested one are different records, whatever else they share.
- Dates agree when their intervals overlap (a day, a week, a month, a year or an explicit
  interval, with one day of slack for time zones and "overnight") and both or neither span
  more than ``WIDE``: a strike on 10 June and "attacks since 2022" are an incident and a
  campaign, never one happening. An event without a date, or dated only by its article's
  publication day, is taken to have happened in the week before its article appeared.
- Places agree when they are the same GeoNames entry, when the coarser one contains the
  finer (same country; same region when both name one), or when two towns lie within
  50 km: two regions, or two towns far apart, are two places, and a country holds only
  places in it (not a sea).
- Parties agree when neither contradicts the other: the doers share an actor (a code, or
  a person's resolved name; an armed group by its name, not the code of the country it
  fights in) or one report names none, and the same for the targets; the
  people named as doers are the same people when both name some (two spokesmen's warnings
  are two warnings); and one report's doers are not the other's targets unless they share
  a doer (who struck whom is the happening).
- Stances: a report the narrator negates ("has not provided arms") merges only with its
  like; one that asserts what another denies does when both name a common doer (the
  dispute is about someone). Statements (``SPEECH``) are known by their speaker: they
  share one, or are told in nearly the same sentence.
- Anchored: the reports share a doer, or name the same targets, or both place it below the
  country and agree, or tell it in nearly the same sentence (a copy). Type, a day and one
  target in common tie nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
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
#: Chosen leaving each gold article out in ``python -m bench merge`` (README, Benchmarks).
WIDE = dt.timedelta(days=366)
#: Word overlap (Jaccard) above which two reports tell the happening in one sentence.
SAME_SENTENCE = 0.6
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
    dated = event.date and event.date.value and event.date.precision != "publication"
    found = days(event.date.value) if event.date and event.date.value and dated else None
    if found is not None:
        return found
    return (shift(published, -UNDATED.days), published) if published else None


def dates_agree(a: Report, b: Report, wide: dt.timedelta = WIDE) -> bool:
    one, two = interval(a.event, a.published), interval(b.event, b.published)
    if one is None or two is None:
        return True
    if longer(one, wide) != longer(two, wide):
        return False
    return one[0] <= shift(two[1], SLACK.days) and two[0] <= shift(one[1], SLACK.days)


def longer(span: tuple[dt.date, dt.date], wide: dt.timedelta = WIDE) -> bool:
    """Whether an interval spans more than ``wide`` (its first and last day counted): a
    campaign or a period rather than one incident."""
    return (span[1] - span[0]) >= wide


def actors_agree(a: tuple[Actor, ...], b: tuple[Actor, ...], names: Mapping[str, str]) -> bool:
    if not a or not b:
        return True
    left = set().union(*(keys(x, names) for x in a))
    right = set().union(*(keys(x, names) for x in b))
    return bool(left & right)


def places_agree(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Told places agree (a place the events stage took from the article's context,
    role ``context``, is a guess: it neither parts nor ties two reports)."""
    a, b = told(a), told(b)
    if a is None or b is None or a.place is None or b.place is None:
        return True
    return place_contains(a.place, b.place) or place_contains(b.place, a.place)


def told(mention: PlaceMention | None) -> PlaceMention | None:
    """The place a report's own sentences give (None for one taken from the context)."""
    return None if mention is None or mention.role == "context" else mention


def place_contains(outer: Place, inner: Place) -> bool:
    """``outer`` is ``inner``, holds it, or (two towns) lies within NEAR_KM of it."""
    if outer.geonameid is not None and outer.geonameid == inner.geonameid:
        return True
    if outer.country and inner.country and outer.country != inner.country:
        return False
    rank_out = _COARSE.get(outer.precision, 3)
    rank_in = _COARSE.get(inner.precision, 3)
    if rank_out == 0:
        return outer.country is not None and outer.country == inner.country
    if rank_out == 1 and rank_in == 1:
        return outer.name == inner.name  # two regions of one country are two places
    if rank_out == 1 and rank_in > 1:
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


def parties_agree(a: Event, b: Event, names: Mapping[str, str]) -> bool:
    """Neither report's parties contradict the other's (the module's docstring)."""
    if not (
        actors_agree(a.actor, b.actor, names) and actors_agree(a.recipient, b.recipient, names)
    ):
        return False
    people = _people(a.actor, names), _people(b.actor, names)
    if all(people) and not people[0] & people[1]:
        return False
    doers = _keys(a.actor, names), _keys(b.actor, names)
    targets = _keys(a.recipient, names), _keys(b.recipient, names)
    reversed_ = doers[0] & targets[1] and doers[1] & targets[0]
    return bool(doers[0] & doers[1]) or not reversed_


def anchored(a: Event, b: Event, names: Mapping[str, str]) -> bool:
    """Something ties the two reports beyond type and date: a doer, the same targets, a
    place both know below the country, or nearly the same sentence. One target in common
    ties nothing: in a war every strike of one side has the other for its target."""
    targets = _keys(a.recipient, names), _keys(b.recipient, names)
    if _keys(a.actor, names) & _keys(b.actor, names) or (targets[0] and targets[0] == targets[1]):
        return True
    return _placed_alike(a.event_loc, b.event_loc) or likeness(a, b) >= SAME_SENTENCE


def _placed_alike(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Both reports place the happening below the country, and the places agree."""
    a, b = told(a), told(b)
    if a is None or b is None or a.place is None or b.place is None:
        return False
    finer = _COARSE.get(a.place.precision, 3) > 0 and _COARSE.get(b.place.precision, 3) > 0
    return finer and places_agree(a, b)


def likeness(a: Event, b: Event) -> float:
    """How alike the two reports' sentences are: the Jaccard overlap of their words."""
    one, two = _words(a.text_info.sentence.text), _words(b.text_info.sentence.text)
    return len(one & two) / len(one | two) if one | two else 0.0


@functools.lru_cache(maxsize=1 << 11)
def _words(text: str) -> frozenset[str]:
    """The words of a sentence, casefolded; remembered: ``home`` compares one report's
    sentence with every held report's, and the held ones again for each new report."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


_WORD = re.compile(r"\w+")


def _people(group: tuple[Actor, ...], names: Mapping[str, str]) -> set[str]:
    return {k for k in _keys(group, names) if k.startswith("person:")}


def _keys(group: tuple[Actor, ...], names: Mapping[str, str]) -> set[str]:
    return set().union(*(keys(x, names) for x in group)) if group else set()


def stances_agree(a: Event, b: Event, names: Mapping[str, str]) -> bool:
    """A dispute (one report asserts what another denies) is about someone: both name the
    doer. What the narrator says did not happen (negated) is no report of a happening."""
    if (a.polarity == "negated") != (b.polarity == "negated"):
        return False
    if a.polarity != b.polarity:
        return bool(_keys(a.actor, names) & _keys(b.actor, names))
    return True


#: Statements, known by who made them: two merge when they share a speaker (or a sentence).
SPEECH = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SUPPORT"})


def speakers_agree(a: Event, b: Event, names: Mapping[str, str]) -> bool:
    if a.event not in SPEECH or _keys(a.actor, names) & _keys(b.actor, names):
        return True
    return likeness(a, b) >= SAME_SENTENCE


def _names(a: Mapping[str, str], b: Mapping[str, str]) -> Mapping[str, str]:
    """Both reports' resolved names, ``b``'s first: one of them when it holds all (the reports
    of one batch share one table), else the two merged."""
    if a is b or not a:
        return b
    if not b:
        return a
    return {**a, **b}


def same_happening(a: Report, b: Report, wide: dt.timedelta = WIDE) -> bool:
    """Whether two reports can be of one event (polarity may differ: that is a dispute).
    Two events of one article are two happenings: the events stage made one record of each."""
    if (
        a.event.article_id == b.event.article_id
        or a.event.event != b.event.event
        or a.event.modality != b.event.modality
    ):
        return False
    names = _names(a.names, b.names)
    return (
        stances_agree(a.event, b.event, names)
        and speakers_agree(a.event, b.event, names)
        and dates_agree(a, b, wide)
        and parties_agree(a.event, b.event, names)
        and places_agree(a.event.event_loc, b.event.event_loc)
        and anchored(a.event, b.event, names)
    )
