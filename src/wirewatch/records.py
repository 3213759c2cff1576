"""Every persisted type: frozen, slotted, keyword-only dataclasses.

Offsets are character offsets into ``Article.text`` unless a field says otherwise.
Collections are tuples. ``to_dict``/``from_dict`` turn any record into JSON-ready
dicts and back; storage and export use them and never import spaCy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


# --- who -----------------------------------------------------------------


#: PLOVER sectors of a state's own organs (government, army, police, intelligence, courts).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A state, body, group or person, coded the PLOVER way.

    ``code`` is ISO-3166 alpha-3 for states and their organs, or an IGO/group code
    (``NATO``, ``UN``, ``EU``); ``sector`` is a PLOVER sector (GOV, MIL, REB, ...).
    """

    code: str | None
    name: str
    kind: str  # state | igo | person | org | group
    sector: str | None = None
    office: str | None = None
    affiliation: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorMention:
    """Where an actor is named (or referred to: "he", "Blinken") in the text."""

    span: Span
    actor: Actor
    head: Span | None = None  # the fuller mention a short one resolves to


@dataclass(frozen=True, slots=True, kw_only=True)
class Weapon:
    """A named system or a class of weapon, from the project's gazetteer."""

    name: str
    category: str
    named_system: bool
    maker: str | None = None  # alpha-3 of the maker country


@dataclass(frozen=True, slots=True, kw_only=True)
class WeaponMention:
    span: Span
    weapon: Weapon


# --- where ---------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A GeoNames entry (or a project-built one when ``geonameid`` is None)."""

    geonameid: int | None  # None for project-made places ("eastern Ukraine", "Middle East")
    name: str
    feature: str  # continent | country | region | admin1 | admin2 | city | ...
    country: str | None  # ISO alpha-3
    lat: float
    lon: float
    precision: str  # country | admin1 | admin2 | region | city | point (the first four: areas)
    admin1: str | None = None  # name of the first-level region it lies in


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A toponym; ``place`` stays None when it cannot be resolved."""

    span: Span
    place: Place | None
    role: str = "body"  # body | demonym


# --- when ----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeRef:
    """A date expression resolved against an anchor (publication date) or not at all."""

    value: str | None  # ISO 8601: 2024-05-31, 2024-05, 2024-W22, 2022-02/2024-09-09
    precision: str | None  # day | week | month | year | interval | publication (no expression)
    text: str
    anchor: str | None  # the ISO date it was resolved from
    span: Span | None = None


# --- the article ---------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Dateline:
    """ "KYIV, Ukraine (AP) —": the text, the place named, the date if any."""

    text: str
    place_text: str
    date_text: str | None = None
    place: Place | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Contributor:
    """A person credited in the text ("X contributed to this report from Dubai")."""

    name: str
    role: str  # contributor | reporting | writing | editing | byline
    place_text: str | None = None
    place: Place | None = None  # ``place_text`` resolved by the place stage


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article and, once stages ran, what they found in it.

    ``id`` hashes the normalised text, so the same article read twice has one id.
    ``doc`` is the transient spaCy Doc: never stored, never compared.
    """

    id: str
    text: str
    origin: str
    raw: bytes = field(default=b"", repr=False, compare=False)
    raw_format: str = "text"
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    contributors: tuple[Contributor, ...] = ()
    wire: str | None = None
    wire_evidence: str | None = None
    sentences: tuple[Span, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    weapons: tuple[WeaponMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stages: tuple[tuple[str, str], ...] = ()  # (stage name, version) that made this
    doc: object | None = field(default=None, repr=False, compare=False)


# --- what happened -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Count:
    """A toll: "killing at least six people" → kind dead, value 6, qualifier "at least"."""

    kind: str  # dead | injured | arrested | missing | displaced
    value: int
    qualifier: str | None
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Who reports or claims something: an actor, or an anonymous description."""

    source: Actor | None
    description: str
    cue: str | None
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class TextInfo:
    """The evidence: sentence, trigger and every argument as offsets."""

    sentence: Span
    trigger: Span
    arguments: tuple[tuple[str, Span], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One place in the text that tells a happening: its trigger and sentence."""

    trigger: Span
    sentence: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A PLOVER 2.0 event with modality, polarity and attribution: one record per happening.

    ``text_info`` is its first mention's evidence (with the arguments of every mention);
    ``mentions`` lists every trigger and sentence of the article that tells it, first one
    included. Values the mentions disagree on are kept side by side (``size``)."""

    id: str
    article_id: str
    event: str
    text_info: TextInfo
    mode: str | None = None
    context: tuple[str, ...] = ()
    actor: tuple[Actor, ...] = ()
    recipient: tuple[Actor, ...] = ()
    date: TimeRef | None = None
    event_loc: PlaceMention | None = None
    size: tuple[Count, ...] = ()
    weapons: tuple[WeaponMention, ...] = ()
    polarity: str = "asserted"  # asserted | negated | denied
    modality: str = "actual"  # actual | future | hypothetical | requested | threatened
    attribution: Attribution | None = None
    cameo: str | None = None
    quad: int | None = None
    score: float | None = None
    mentions: tuple[EventMention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Somebody's words: who, the cue, what, how (direct/indirect/mixed), stance."""

    id: str
    article_id: str
    speaker: Actor | None
    speaker_text: str
    speaker_span: Span | None
    cue: Span | None
    content: Span
    kind: str  # direct | indirect | mixed
    stance: str = "asserts"  # asserts | denies | dismisses | threatens | requests | urges
    about: tuple[str, ...] = ()  # ids of events the quote is about


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that could not be stored, and why (what happened and what to do)."""

    origin: str
    stage: str
    reason: str
    detail: str = ""


# --- (de)serialisation ---------------------------------------------------

T = TypeVar("T")
_SKIP = frozenset({"doc", "raw"})


def to_dict(obj: Any) -> Any:
    """A JSON-ready view of a record (dates as ISO strings, tuples as lists)."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    names = _NAMES.get(kind)
    if names is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        _NAMES[kind] = tuple(f.name for f in dataclasses.fields(obj) if f.name not in _SKIP)
        return to_dict(obj)
    if isinstance(obj, tuple | list):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


#: Values ``to_dict`` passes through as they are, by exact type.
_PLAIN = frozenset({str, int, float, bool, type(None)})
#: The fields ``to_dict`` writes of each record type, found once per type.
_NAMES: dict[type, tuple[str, ...]] = {}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record from ``to_dict`` output."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple((name, _converter(hint)) for name, hint in _fields(cls))
    kwargs = {}
    for name, convert in plan:
        if name in data:
            value = data[name]
            kwargs[name] = value if convert is None or value is None else convert(value)
    return cls(**kwargs)


Convert = typing.Callable[[Any], Any]
#: Per record type: each field's name and how its stored value becomes the field's (None: as
#: it is). Reading a type's annotations on every call cost more than the decoding itself.
_PLANS: dict[type, tuple[tuple[str, Convert | None], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type) of each field."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _converter(hint: Any) -> Convert | None:
    """How a stored value of type ``hint`` is rebuilt (None inside a value stays None)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _converter(options[0])
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _converter(args[0])
            if inner is None:
                return tuple
            return lambda value: tuple(None if v is None else inner(v) for v in value)
        each = [_converter(a) for a in args]
        return lambda value: tuple(
            v if c is None or v is None else c(v) for c, v in zip(each, value, strict=True)
        )
    if hint is dt.date:
        return dt.date.fromisoformat
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        record: type = hint
        return lambda value: from_dict(record, value)
    return None


# --- across articles ---------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateLink:
    """An article derived from another one, or from a wire whose own text is not stored.

    ``kind``: ``copy`` (the same text, give or take boilerplate), ``near`` (an edited copy),
    ``rewrite`` (the same facts and quotes in other words) or ``wire`` (no original stored:
    the text itself shows the wire it came from). ``similarity`` is the share of the shorter
    text found in the other (word shingles; names, numbers and quotes for a rewrite).
    """

    article_id: str
    original_id: str | None
    kind: str  # copy | near | rewrite | wire
    similarity: float
    jaccard: float | None = None
    wire: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """Articles about one story: a label, the time span, the actors and places most named."""

    id: str
    label: str
    first: dt.date | None
    last: dt.date | None
    articles: tuple[str, ...]
    terms: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventReport:
    """One article's account of a merged event; ``source`` names the independent source."""

    event_id: str
    article_id: str
    published: dt.date | None
    source: str  # wire:AP, or the id of the original article of a group of copies


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Reports that disagree on one field: each value with the events that give it."""

    field: str  # dead | injured | ... | date | place | polarity
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, event ids)


@dataclass(frozen=True, slots=True, kw_only=True)
class MergedEvent:
    """One happening told by several reports; values most reports give, conflicts kept."""

    id: str
    event: str
    modality: str
    reports: tuple[EventReport, ...]
    sources: int  # independent sources: copies of one text and one wire count once
    first_report: str  # event id of the earliest report
    mode: str | None = None
    actor: tuple[Actor, ...] = ()
    recipient: tuple[Actor, ...] = ()
    date: TimeRef | None = None
    event_loc: PlaceMention | None = None
    size: tuple[Count, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """Somebody asserting or denying a claim, when they said so and where it is written."""

    speaker: str
    actor: Actor | None
    stance: str  # asserts | denies | dismisses | ...
    said_on: dt.date | None
    article_id: str
    evidence: Span
    via: str  # event (its attribution) | quote


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A claim across sources: what is claimed and every position taken on it."""

    merged_id: str
    statement: str
    positions: tuple[Position, ...]
