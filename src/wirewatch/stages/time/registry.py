"""The handler registry: rule name → the handler that gives its expressions a meaning.

Handler modules (``normalise`` for named dates, ``relative``, ``amounts``) import this module
and hand it their tables with ``register``; this module imports none of them. The stage
(``wirewatch.stages.time``) imports every handler module, so the table is full before any
text is resolved. ``resolve`` walks the candidates of ``rules`` in text order with a
``Context``: the anchor (publication date), the tense around each expression, and the
calendar points mentioned so far, so that "a day earlier" or "the following year" count from
the last date the text named and "Friday" from the anchor. Without an anchor, expressions
that need one keep their type and get no value; explicit dates ("May 31, 2024") still resolve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from wirewatch.stages.time.rules import Candidate
from wirewatch.stages.time.values import Point, truncate

#: Units from finest to coarsest; an anaphor of one unit counts from a mention at least as fine.
FINENESS = ("day", "weekend", "week", "month", "quarter", "half", "season", "year")


class Unresolved(Exception):
    """The expression needs an anchor and there is none."""


@dataclass(frozen=True, slots=True)
class Timex:
    """A recognised expression: TimeML type and value (None when it could not be resolved)."""

    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    point: Point | None = None  # the calendar stretch a DATE or TIME names
    rule: str = ""
    refer: bool = True


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a handler returns: TimeML type and value, and the calendar point if any."""

    type: str
    value: str
    point: Point | None = None
    refer: bool = True  # False for comparisons ("a year earlier") that must not move the topic


@dataclass
class Context:
    """What the resolver knows at one point of the text."""

    text: str
    anchor: dt.date | None
    tense: str = ""
    mentions: list[tuple[Point, str]] = field(default_factory=list)  # (point, rule)

    def base(self) -> dt.date:
        if self.anchor is None:
            raise Unresolved
        return self.anchor

    def latest(self, unit: str) -> Point:
        """The last point mentioned at ``unit`` or finer, else the anchor's day."""
        allowed = FINENESS[: FINENESS.index(unit) + 1] if unit in FINENESS else FINENESS
        for point, _rule in reversed(self.mentions):
            if point.unit in allowed:
                return point
        return truncate(self.base(), "day")

    def named_quarter(self) -> Point | None:
        """The quarter the text last named ("the third quarter"), if any."""
        for point, rule in reversed(self.mentions):
            if point.unit == "quarter" and rule in ("quarter", "the_quarter"):
                return point
        return None

    def direction(self) -> str:
        return "future" if self.tense == "future" else "past" if self.tense == "past" else ""


Handler = Callable[[Candidate, Context], Meaning | None]


def date(point: Point, refer: bool = True) -> Meaning:
    return Meaning("DATE", point.iso(), point, refer)


#: Rule name → handler, filled by the handler modules through ``register``.
HANDLERS: dict[str, Handler] = {}


def register(table: Mapping[str, Handler]) -> None:
    """Add a handler module's table; a rule name may have only one handler."""
    taken = HANDLERS.keys() & table.keys()
    if taken:
        raise ValueError(f"time rules with two handlers: {', '.join(sorted(taken))}")
    HANDLERS.update(table)


def resolve(
    text: str, found: Sequence[Candidate], anchor: dt.date | None, tenses: Sequence[str]
) -> list[Timex]:
    """Type and value for each candidate, in text order; rejected candidates are dropped."""
    table = HANDLERS
    ctx = Context(text=text, anchor=anchor)
    out: list[Timex] = []
    for cand, tense in zip(found, tenses, strict=True):
        ctx.tense = tense
        timex = _one(table[cand.rule], cand, ctx)
        if timex is not None:
            out.append(timex)
            if _is_reference(timex) and timex.refer:
                ctx.mentions.append((timex.point, cand.rule))  # type: ignore[arg-type]
    return out


def _is_reference(timex: Timex) -> bool:
    """Dates and clock times anchor what follows; "overnight" (a part of a day) does not."""
    if timex.point is None:
        return False
    return timex.type == "DATE" or ":" in (timex.value or "")


def _one(handler: Handler, cand: Candidate, ctx: Context) -> Timex | None:
    try:
        meaning = handler(cand, ctx)
    except Unresolved:
        kind = "TIME" if cand.rule in ("clock", "clock24", "noon") else "DATE"
        return Timex(cand.start, cand.end, kind, None, rule=cand.rule)
    except (ValueError, OverflowError):
        return None  # off the calendar: "5000 years ago", "Feb. 30"
    if meaning is None:
        return None
    return Timex(
        cand.start, cand.end, meaning.type, meaning.value, meaning.point, cand.rule, meaning.refer
    )
