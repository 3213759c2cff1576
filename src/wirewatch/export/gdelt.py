"""GDELT-style rows: the 61 columns of the GDELT 2.0 event table, in GDELT's order, tab-separated
and without a header line, as GDELT's own files are (``COLUMNS`` names them).

What applies is filled, the rest left empty (ethnic and religious codes, AvgTone, the actors'
own geography, ADM1/ADM2 codes):

- ``GLOBALEVENTID``: the wirewatch id's first 15 hexadecimal digits as a decimal integer
  (``format(n, "015x")`` gives them back; a merged event's id drops its leading "m").
- ``SQLDATE`` / ``MonthYear`` / ``Year`` / ``FractionDate``: the first day the event's date
  covers; empty when the event is undated.
- ``Actor1*`` / ``Actor2*``: the first actor and the first recipient (GDELT is dyadic; the
  other members of a compound actor are in every other format). ``Code`` is the country or
  group code followed by the sector ("RUSMIL"), ``Name`` upper-case as GDELT writes it,
  ``CountryCode`` the ISO alpha-3 code of a state, ``KnownGroupCode`` an IGO's code,
  ``Type1Code`` the PLOVER sector.
- ``EventCode`` / ``EventBaseCode`` / ``EventRootCode``: the CAMEO code (through the PLOVER
  crosswalk) at 4, 3 and 2 digits; ``QuadClass`` and ``GoldsteinScale`` as the events stage
  gives them. ``IsRootEvent`` 1 when the sentence is the article's first (for a merged
  event, its first report's).
- ``NumMentions``: the mentions in the article (all reports' for a merged event);
  ``NumSources`` independent sources; ``NumArticles`` reports.
- ``ActionGeo_Type``: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (any other
  region); ``ActionGeo_CountryCode`` the FIPS 10-4 code GDELT uses; ``ActionGeo_FeatureID``
  the GeoNames id.
- ``DATEADDED``: when the article was stored (UTC, YYYYMMDDHHMMSS); ``SOURCEURL`` its URL, else
  the outlet's name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from wirewatch.export.view import Happening, country
from wirewatch.isodates import days

ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{n}" for n in ACTOR), *(f"Actor2{n}" for n in ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{n}" for n in GEO), *(f"Actor2Geo_{n}" for n in GEO),
    *(f"ActionGeo_{n}" for n in GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip


def rows(found: Iterable[Happening]) -> Iterator[list[Any]]:
    for one in found:
        yield row(one)


def row(one: Happening) -> list[Any]:
    values = {"GLOBALEVENTID": event_number(one.id), **_dates(one.date)}
    values |= _actor("Actor1", one.actors) | _actor("Actor2", one.recipients)
    values |= _action(one) | _geo(one.place, one.place_text)
    article = one.article
    added = article.get("ingested_at")
    values["DATEADDED"] = _stamp(added) if isinstance(added, dt.datetime) else None
    values["SOURCEURL"] = article.get("url") or article.get("source")
    return [values.get(name) for name in COLUMNS]


def _stamp(when: dt.datetime) -> str:
    """YYYYMMDDHHMMSS in UTC (a naive time is taken as UTC, as the store writes it)."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y%m%d%H%M%S")


def event_number(event_id: str) -> int:
    digits = event_id.removeprefix("m")[:15]
    try:
        return int(digits, 16)
    except ValueError:
        return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def fraction_date(year: int, month: int, day: int) -> float:
    """GDELT's FractionDate: the year plus (month * 30 + day) / 365, to four places."""
    return round(year + (month * 30 + day) / 365, 4)


def _dates(date: dict[str, Any]) -> dict[str, Any]:
    stretch = days(date["value"]) if date.get("value") else None
    if stretch is None:
        return {}
    first = stretch[0]
    return {
        "SQLDATE": int(first.strftime("%Y%m%d")),
        "MonthYear": int(first.strftime("%Y%m")),
        "Year": first.year,
        "FractionDate": fraction_date(first.year, first.month, first.day),
    }


def _actor(prefix: str, actors: list[dict[str, Any]]) -> dict[str, Any]:
    if not actors:
        return {}
    actor = actors[0]
    code, sector = actor.get("code"), actor.get("sector")
    state = country(code) if actor.get("kind") == "state" or sector else None
    return {
        f"{prefix}Code": "".join(filter(None, (code, sector))) or None,
        f"{prefix}Name": actor["name"].upper(),
        f"{prefix}CountryCode": code if state else None,
        f"{prefix}KnownGroupCode": code if actor.get("kind") == "igo" else None,
        f"{prefix}Type1Code": sector,
    }


def _action(one: Happening) -> dict[str, Any]:
    cameo = one.evidence.get("cameo")
    sentence = (one.evidence.get("text_info") or {}).get("sentence") or {}
    mentions = one.evidence.get("mentions") or ()
    return {
        "IsRootEvent": 1 if sentence.get("start") == 0 else 0,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": one.evidence.get("quad"),
        "GoldsteinScale": one.evidence.get("score"),
        "NumMentions": len(mentions) if one.kind == "event" else one.reports,
        "NumSources": one.sources,
        "NumArticles": one.reports,
    }


def _geo(place: dict[str, Any] | None, text: str | None) -> dict[str, Any]:
    if not place:
        return {}
    where = country(place.get("country"))
    us = place.get("country") == "USA"
    if place.get("precision") == "country":
        kind = 1
    elif place.get("precision") in ("city", "point"):
        kind = 3 if us else 4
    else:
        kind = 2 if us else 5
    parts = [place.get("name"), place.get("admin1"), where.name if where else None]
    full = ", ".join(dict.fromkeys(p for p in parts if p))
    return {
        "ActionGeo_Type": kind,
        "ActionGeo_FullName": full or text,
        "ActionGeo_CountryCode": where.fips if where else None,
        "ActionGeo_Lat": place.get("lat"),
        "ActionGeo_Long": place.get("lon"),
        "ActionGeo_FeatureID": place.get("geonameid"),
    }
