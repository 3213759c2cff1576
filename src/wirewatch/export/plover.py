"""PLOVER rows with POLECAT's field names: the columns of the POLECAT event files (tab-separated,
a header line), then the fields PLOVER records and POLECAT's files leave out.

Compound actors and recipients are kept whole: every member, "; " between them, in the name,
country, sector and title columns alike (the first member's sector is the primary one).
``Event Date`` is the event's ISO date value as resolved ("2024-06-10", or "2024-06", or an
interval), ``Date Precision`` says which; ``Event Intensity`` is the Goldstein weight of the
CAMEO code the PLOVER type maps to; the place columns are the event's own place (``City`` when
it is a town, ``Province`` its first-level region). Empty where wirewatch has nothing: Actor
and Recipient COW codes, Wikipedia ids (``Actor Wikidata`` holds a Wikidata id when known),
District, the story-wide people, organisations and locations.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from importlib import metadata
from typing import Any

from wirewatch.export import tables
from wirewatch.export.view import Happening

POLECAT = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)  # fmt: skip
#: PLOVER fields POLECAT's files leave out, after its columns.
ADDED = (
    "Date Precision", "Modality", "Polarity", "Dead", "Injured", "Arrested", "Weapons",
    "Attribution", "Attribution Cue", "Trigger", "Event Text", "Actor Wikidata",
    "Recipient Wikidata", "Headline", "URL", "Article ID", "Sources", "Reports",
)  # fmt: skip
COLUMNS = (*POLECAT, *ADDED)


def rows(found: Iterable[Happening]) -> Iterator[list[Any]]:
    for one in found:
        yield row(one)


def row(one: Happening) -> list[Any]:
    values = _event(one) | _side("Actor", one.actors, one, "actor")
    values |= _side("Recipient", one.recipients, one, "recipient") | _place(one) | _added(one)
    return [values.get(name) for name in COLUMNS]


@functools.cache
def version() -> str:
    try:
        return f"wirewatch {metadata.version('wirewatch')}"
    except metadata.PackageNotFoundError:
        return "wirewatch"


def _event(one: Happening) -> dict[str, Any]:
    article = one.article
    return {
        "Event ID": one.id,
        "Event Date": one.date.get("value"),
        "Event Type": one.record["event"],
        "Event Mode": one.record.get("mode"),
        "Event Intensity": one.evidence.get("score"),
        "Quad Code": one.evidence.get("quad"),
        "Contexts": _joined(one.evidence.get("context") or ()),
        "Source": article.get("source"),
        "Publication Date": tables.plain(article.get("published")),
        "Language": "en",
        "Version": version(),
    }


def _side(prefix: str, actors: list[dict[str, Any]], one: Happening, role: str) -> dict[str, Any]:
    raw = [span["text"] for name, span in _arguments(one) if name == role]
    return {
        f"{prefix} Name": _joined(a["name"] for a in actors),
        f"{prefix} Country": _joined(a.get("code") for a in actors if a.get("kind") == "state"),
        f"Primary {prefix} Sector": actors[0].get("sector") if actors else None,
        f"{prefix} Sectors": _joined(a.get("sector") for a in actors),
        f"{prefix} Title": _joined(a.get("office") for a in actors),
        f"{prefix} Name Raw": _joined(raw),
        f"{prefix} Wikidata": _joined(a.get("wikidata") for a in actors),
    }


def _place(one: Happening) -> dict[str, Any]:
    place = one.place or {}
    city = place.get("name") if place.get("feature") == "city" else None
    province = place.get("name") if place.get("feature") == "admin1" else place.get("admin1")
    return {
        "Placename": place.get("name"),
        "City": city,
        "Province": province,
        "Country": place.get("country"),
        "Latitude": place.get("lat"),
        "Longitude": place.get("lon"),
        "GeoNames ID": place.get("geonameid"),
        "Raw Placename": one.place_text,
        "Feature Type": place.get("feature"),
    }


def _added(one: Happening) -> dict[str, Any]:
    who, cue = one.attribution()
    article = one.article
    return {
        "Date Precision": one.date.get("precision"),
        "Modality": one.record.get("modality"),
        "Polarity": one.evidence.get("polarity"),
        "Dead": one.toll("dead"),
        "Injured": one.toll("injured"),
        "Arrested": one.toll("arrested"),
        "Weapons": _joined(one.weapons()),
        "Attribution": who,
        "Attribution Cue": cue,
        "Trigger": one.trigger,
        "Event Text": one.sentence,
        "Headline": article.get("title"),
        "URL": article.get("url"),
        "Article ID": article.get("id"),
        "Sources": one.sources,
        "Reports": one.reports,
    }


def _arguments(one: Happening) -> list[tuple[str, dict[str, Any]]]:
    found = (one.evidence.get("text_info") or {}).get("arguments") or ()
    return [(name, span) for name, span in found]


def _joined(values: Iterable[Any]) -> str | None:
    return "; ".join(str(v) for v in values if v) or None
