"""ACLED-style rows: ACLED's column names, in ACLED's order, and its conventions where they
apply (docs/exports.md holds the crosswalk as a table).

ACLED codes political violence, demonstrations and strategic developments that happened. So a
happening becomes a row only when its PLOVER type has an ACLED event type (``CROSSWALK``), it
is actual (not threatened, future, hypothetical or requested), not negated, and dated to a
month or better; the rest are counted in ``notes`` with the reason.

- ``event_type`` / ``sub_event_type``: ``CROSSWALK`` by PLOVER type, refined by mode, weapons,
  trigger word and recipient (``sub_event``).
- ``event_date``: YYYY-MM-DD; a week or a stretch of days is coded at its middle day, a month
  at its 15th (ACLED's midpoints). ``time_precision``: 1 the day is known, 2 the week (or a
  stretch of up to 7 days, or only the report's publication day), 3 the month.
- ``geo_precision``: 1 a town or a point, 2 a district (admin2), 3 a larger region or the
  country only (coordinates: the gazetteer's representative point of that area).
- ``actor1`` / ``actor2``: the first actor and recipient, named the ACLED way for state organs
  ("Military Forces of Russia", "Police Forces of Sudan", "Government of Ukraine",
  "Civilians (Ukraine)"); compound actors' others go to ``assoc_actor_1`` / ``assoc_actor_2``
  ("; " between names). ``inter1`` / ``inter2``: 1 state forces in their own country, 2 rebels,
  7 civilians, 6 protesters, 8 external forces (states acting abroad, IGOs); blank when unknown.
- ``fatalities``: the dead reported, 0 when none is (ACLED's convention); ``notes``: the
  sentence; ``source``: the outlets; ``timestamp``: when the article was stored (Unix time).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from wirewatch.export.view import Happening, country
from wirewatch.isodates import days
from wirewatch.records import STATE_SECTORS

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
VIOLENCE, DEMONSTRATIONS, STRATEGIC = (
    "Political violence",
    "Demonstrations",
    "Strategic developments",
)
REMOTE = "Explosions/Remote violence"
#: PLOVER type → ACLED event type and default sub-event type. Types not here (AGREE aside, the
#: verbal and cooperative ones: ACCUSE, REJECT, THREATEN, REQUEST, CONSULT, SUPPORT, CONCEDE,
#: COOPERATE, AID, SANCTION) have no ACLED counterpart and are left out.
CROSSWALK = {
    "ASSAULT": ("Battles", "Armed clash"),
    "PROTEST": ("Protests", "Peaceful protest"),
    "COERCE": (STRATEGIC, "Other"),
    "MOBILIZE": (STRATEGIC, "Change to group/activity"),
    "AGREE": (STRATEGIC, "Agreement"),
    "RETREAT": (STRATEGIC, "Non-violent transfer of territory"),
}
#: ASSAULT by mode (the events stage's modes) → ACLED sub-event type of remote violence.
REMOTE_MODES = {
    "drone": "Air/drone strike",
    "aerial": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "explosives": "Remote explosive/landmine/IED",
}
MISSILE_WORDS = ("missile", "rocket", "artillery", "shell")
#: COERCE trigger words → ACLED sub-event type.
LOOTING = "Looting/property destruction"
COERCE_WORDS = {
    "arrest": "Arrests", "detain": "Arrests", "detention": "Arrests", "seize": LOOTING,
    "loot": LOOTING, "demolish": LOOTING, "destroy": LOOTING, "burn": LOOTING,
}  # fmt: skip
RIOT_WORDS = ("riot", "clash", "stone", "torch", "loot")
ORGANS = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}", "GOV": "Government of {}"}
NOT_ACTUAL = "{}: not an actual event"


def rows(found: Iterable[Happening], notes: Counter[str]) -> Iterator[list[Any]]:
    """One ACLED-style row per happening ACLED would code; the others counted in ``notes``."""
    for one in found:
        reason = _left_out(one)
        if reason:
            notes[reason] += 1
            continue
        when = event_date(one.date)
        if when is None:
            notes["no date to a month or better (ACLED needs one)"] += 1
            continue
        yield row(one, when)


def row(one: Happening, when: tuple[str, int]) -> list[Any]:
    event_type, sub_type = sub_event(one)
    place = one.place or {}
    where = country(place.get("country"))
    actor1, assoc1, inter1 = _side(one.actors, one, place)
    actor2, assoc2, inter2 = _side(one.recipients, one, place)
    found = {
        "event_id_cnty": one.id,
        "event_date": when[0],
        "year": int(when[0][:4]),
        "time_precision": when[1],
        "disorder_type": _disorder(event_type),
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if _civilians(one) else None,
        "iso": where.numeric if where else None,
        "country": where.name if where else place.get("country"),
        "admin1": _admin1(place),
        "location": place.get("name") or one.place_text,
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": geo_precision(place) if place else None,
        "source": "; ".join(sorted({a["source"] for a in one.articles if a.get("source")})),
        "notes": one.sentence,
        "fatalities": one.toll("dead") or 0,
        "timestamp": _timestamp(one.article.get("ingested_at")),
    }
    return [found.get(name) for name in COLUMNS]


def sub_event(one: Happening) -> tuple[str, str]:
    """ACLED event type and sub-event type of a happening whose type is in ``CROSSWALK``."""
    event = one.record["event"]
    kind, sub = CROSSWALK[event]
    words = (one.trigger or "").lower()
    if event == "ASSAULT":
        return _assault(one)
    if event == "COERCE":
        return kind, next((s for w, s in COERCE_WORDS.items() if w in words), sub)
    if event == "PROTEST" and any(w in words for w in RIOT_WORDS):
        return "Riots", "Violent demonstration"
    return kind, sub


def event_date(date: dict[str, Any]) -> tuple[str, int] | None:
    """The ACLED date and time precision of a ``TimeRef`` (as a dict), None when coarser than
    a month or absent."""
    stretch = days(date["value"]) if date.get("value") else None
    if stretch is None:
        return None
    first, last = stretch
    length = (last - first).days + 1
    middle = first + (last - first) / 2
    if length == 1:
        return first.isoformat(), 2 if date.get("precision") == "publication" else 1
    if length <= 7:
        return middle.isoformat(), 2
    if first.day == 1 and last.month == first.month and last.year == first.year:
        return first.replace(day=15).isoformat(), 3
    return None


def geo_precision(place: dict[str, Any]) -> int:
    if place.get("precision") in ("city", "point"):
        return 1
    return 2 if place.get("feature") == "admin2" else 3


def _left_out(one: Happening) -> str | None:
    event = one.record["event"]
    if event not in CROSSWALK:
        return f"{event}: a type ACLED does not code"
    modality = one.record.get("modality")
    if modality != "actual":
        return NOT_ACTUAL.format(modality)
    if one.evidence.get("polarity") == "negated":
        return "negated: said not to have happened"
    return None


def _assault(one: Happening) -> tuple[str, str]:
    mode = one.record.get("mode")
    weapons = " ".join(one.weapons()).lower() + " " + (one.trigger or "").lower()
    if mode in REMOTE_MODES:
        if mode == "aerial" and any(w in weapons for w in MISSILE_WORDS):
            return REMOTE, "Shelling/artillery/missile attack"
        if mode == "explosives" and "grenade" in weapons:
            return REMOTE, "Grenade"
        return REMOTE, REMOTE_MODES[mode]
    if any(w in weapons for w in ("shell", "artillery")):
        return REMOTE, "Shelling/artillery/missile attack"
    if _civilians(one):
        return "Violence against civilians", "Attack"
    return CROSSWALK["ASSAULT"]


def _civilians(one: Happening) -> bool:
    return any(a.get("sector") == "CVL" for a in one.recipients)


def _side(actors: list[dict[str, Any]], one: Happening, place: dict[str, Any]) -> tuple[Any, ...]:
    if not actors:
        return None, None, None
    first, *others = actors
    assoc = "; ".join(_name(a) for a in others) or None
    return _name(first), assoc, _inter(first, one, place)


def _name(actor: dict[str, Any]) -> str:
    """ACLED's names for state organs and civilians; any other actor by its own name."""
    home = country(actor.get("code"))
    if actor.get("sector") == "CVL":
        return f"Civilians ({home.name if home else actor['name']})"
    pattern = ORGANS.get(actor.get("sector") or "")
    if home and pattern and actor.get("kind") == "state":
        return pattern.format(home.name)
    return home.name if home and actor.get("kind") == "state" else str(actor["name"])


def _inter(actor: dict[str, Any], one: Happening, place: dict[str, Any]) -> int | None:
    sector, kind = actor.get("sector"), actor.get("kind")
    if sector == "CVL":
        return 7
    if sector == "REB":
        return 2
    if one.record["event"] == "PROTEST" and actor in one.actors:
        return 6
    if kind == "igo":
        return 8
    state_side = sector is None or sector in STATE_SECTORS
    if kind == "state" or (state_side and country(actor.get("code"))):
        home = place.get("country")
        return 1 if home is None or actor.get("code") == home else 8
    return None


def _interaction(first: int | None, second: int | None) -> int | None:
    if first is None:
        return None
    low, high = sorted((first, second)) if second else (first, 0)
    return int(f"{low}{high}")


def _disorder(event_type: str) -> str:
    if event_type in ("Protests", "Riots"):
        return DEMONSTRATIONS
    return STRATEGIC if event_type == STRATEGIC else VIOLENCE


def _admin1(place: dict[str, Any]) -> str | None:
    if place.get("feature") == "admin1":
        return str(place["name"])
    return place.get("admin1")


def _timestamp(value: Any) -> int | None:
    """Unix time; a naive time is UTC, as the store writes it."""
    if not isinstance(value, dt.datetime):
        return None
    return int((value if value.tzinfo else value.replace(tzinfo=dt.UTC)).timestamp())
