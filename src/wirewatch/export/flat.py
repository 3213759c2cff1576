"""The rows CSV and Parquet write: the stored columns (``tables.flat_rows``) and, for events
and merged events, what an analyst reads without decoding a record: the names behind the
codes, the trigger and sentence, who the report attributes it to, the weapons, the place as
the text gives it and how precise it is, and the article it comes from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wirewatch.export import tables
from wirewatch.export.view import Happening, codes, happenings, names
from wirewatch.export.writers import Kind
from wirewatch.store import Store

#: Columns added after an event's stored columns.
EVENT_NAMED: list[tuple[str, Kind]] = [
    ("actor_names", "text"),
    ("recipient_names", "text"),
    ("trigger", "text"),
    ("sentence", "text"),
    ("attribution", "text"),
    ("attribution_cue", "text"),
    ("weapons", "text"),
    ("place_text", "text"),
    ("place_precision", "text"),
    ("place_from", "text"),
    ("admin1", "text"),
    ("geonameid", "int"),
    ("source", "text"),
    ("url", "text"),
    ("published", "text"),
]
#: Columns added after a merged event's stored columns (its first report gives the evidence).
MERGED_NAMED: list[tuple[str, Kind]] = [
    ("mode", "text"),
    ("actor_codes", "text"),
    ("actor_names", "text"),
    ("recipient_codes", "text"),
    ("recipient_names", "text"),
    ("place", "text"),
    ("country", "text"),
    ("lat", "float"),
    ("lon", "float"),
    ("place_precision", "text"),
    ("place_from", "text"),
    ("admin1", "text"),
    ("geonameid", "int"),
    ("dead", "int"),
    ("injured", "int"),
    ("trigger", "text"),
    ("sentence", "text"),
    ("attribution", "text"),
    ("weapons", "text"),
    ("conflicts", "text"),
    ("source", "text"),
    ("url", "text"),
]
NAMED = {"events": EVENT_NAMED, "merged": MERGED_NAMED}


def columns(what: str) -> list[tuple[str, Kind]]:
    """The columns CSV and Parquet write for a kind, in order, each with its type."""
    return [*tables.stored_columns(what), *NAMED.get(what, [])]


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """One flat row per record, with ``columns(what)`` as its keys."""
    if what not in NAMED:
        yield from tables.flat_rows(store, what)
        return
    named = _event if what == "events" else _merged
    for found in happenings(store, what):
        yield {k: tables.cell(v) for k, v in found.row.items()} | named(found)


def _event(found: Happening) -> dict[str, Any]:
    who, cue = found.attribution()
    article = found.article
    return {
        "actor_names": names(found.actors),
        "recipient_names": names(found.recipients),
        "trigger": found.trigger,
        "sentence": found.sentence,
        "attribution": who,
        "attribution_cue": cue,
        "weapons": "; ".join(found.weapons()) or None,
        "place_text": found.place_text,
        **_where(found),
        "source": article.get("source"),
        "url": article.get("url"),
        "published": tables.plain(article.get("published")),
    }


def _merged(found: Happening) -> dict[str, Any]:
    place = found.place or {}
    who, _cue = found.attribution()
    return {
        "mode": found.record.get("mode"),
        "actor_codes": codes(found.actors),
        "actor_names": names(found.actors),
        "recipient_codes": codes(found.recipients),
        "recipient_names": names(found.recipients),
        "place": place.get("name") or found.place_text,
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        **_where(found),
        "dead": found.toll("dead"),
        "injured": found.toll("injured"),
        "trigger": found.trigger,
        "sentence": found.sentence,
        "attribution": who,
        "weapons": "; ".join(found.weapons()) or None,
        "conflicts": "; ".join(found.conflicts()) or None,
        "source": "; ".join(a["source"] for a in found.articles if a.get("source")) or None,
        "url": found.article.get("url"),
    }


def _where(found: Happening) -> dict[str, Any]:
    place = found.place or {}
    return {
        "place_precision": place.get("precision"),
        "place_from": found.place_from,
        "admin1": place.get("admin1"),
        "geonameid": place.get("geonameid"),
    }
