"""GeoJSON (RFC 7946) features for events and merged events: one Point feature per placed
happening, its fields as properties.

A place is as precise as the text made it: ``precision`` (city, point, region, country) and
``location_type`` say so. An event placed only at a country or a region keeps that precision:
its coordinates are the gazetteer's representative point of the area (``location_type``
"area"), never a claim that it happened there, so a map can draw areas apart or leave them
out. Events with no place are left out, counted in ``notes``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from wirewatch.export import tables
from wirewatch.export.view import Happening, codes, names

#: Place precisions whose coordinates locate the happening itself.
POINT = frozenset({"city", "point"})
UNPLACED = "no place with coordinates (GeoJSON needs them)"


def features(found: Iterable[Happening], notes: Counter[str]) -> Iterator[dict[str, Any]]:
    """One feature per happening that has coordinates; the rest counted in ``notes``."""
    for one in found:
        place = one.place
        if place is None or place.get("lat") is None or place.get("lon") is None:
            notes[UNPLACED] += 1
            continue
        yield {
            "type": "Feature",
            "id": one.id,
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": properties(one, place),
        }


def properties(one: Happening, place: dict[str, Any]) -> dict[str, Any]:
    who, cue = one.attribution()
    date = one.date
    found = {
        "id": one.id,
        "event": one.record["event"],
        "mode": one.record.get("mode"),
        "actor_codes": codes(one.actors),
        "actor_names": names(one.actors),
        "recipient_codes": codes(one.recipients),
        "recipient_names": names(one.recipients),
        "date": date.get("value"),
        "date_precision": date.get("precision"),
        "place": place.get("name"),
        "place_text": one.place_text,
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "geonameid": place.get("geonameid"),
        "feature": place.get("feature"),
        "precision": place.get("precision"),
        "location_type": "point" if place.get("precision") in POINT else "area",
        "place_from": one.place_from,
        "dead": one.toll("dead"),
        "injured": one.toll("injured"),
        "polarity": one.evidence.get("polarity"),
        "modality": one.record.get("modality"),
        "cameo": one.evidence.get("cameo"),
        "quad": one.evidence.get("quad"),
        "score": one.evidence.get("score"),
        "trigger": one.trigger,
        "sentence": one.sentence,
        "attribution": who,
        "attribution_cue": cue,
        "weapons": one.weapons(),
    }
    return found | (_merged(one) if one.kind == "merged" else _article(one))


def _article(one: Happening) -> dict[str, Any]:
    article = one.article
    return {
        "article_id": article.get("id"),
        "source": article.get("source"),
        "title": article.get("title"),
        "url": article.get("url"),
        "published": tables.plain(article.get("published")),
    }


def _merged(one: Happening) -> dict[str, Any]:
    return {
        "sources": one.sources,
        "reports": one.reports,
        "conflicts": one.conflicts(),
        "outlets": sorted({a["source"] for a in one.articles if a.get("source")}),
        "url": one.article.get("url"),
        "first_published": tables.plain(one.row.get("first_published")),
    }
