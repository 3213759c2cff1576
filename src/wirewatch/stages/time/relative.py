"""Relative expressions: "last week", "the third quarter", "a year earlier", "Friday night".

Handlers for ``registry.resolve``: what counts from the anchor (the publication date:
"yesterday", "this month", "Friday") and what counts from the text's last mention ("the
following year", "the day before", "that evening"). Weekdays follow the tense: the last such
day (or the anchor itself) unless the verb points to the future.
"""

from __future__ import annotations

import datetime as dt
import re

from wirewatch.stages.time import lexicon as lex
from wirewatch.stages.time.normalise import STEPS, year_of
from wirewatch.stages.time.registry import Context, Handler, Meaning, date, register
from wirewatch.stages.time.rules import Candidate
from wirewatch.stages.time.values import Point, shift, truncate, weekday

#: Relative words that count from the text's last mention, not from the anchor.
ANAPHORIC = {
    "the previous": -1,
    "the preceding": -1,
    "the prior": -1,
    "previous": -1,
    "the following": 1,
    "following": 1,
    "the next": 1,
    "the same": 0,
    "same": 0,
    "that": 0,
    "the": 0,
    "the whole": 0,
    "the entire": 0,
    "the full": 0,
    "latest": 0,
    "the latest": 0,
}

#: "the year", "the full year": the anchor's, not the last one named.
CURRENT = ("the", "the full", "the whole", "the entire")

OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|that|[A-Z0-9])")

DEIXIS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _quarter(c: Candidate, ctx: Context) -> Meaning | None:
    part = (c.group("part") or "quarter").lower()
    word = c.word("q")
    number = (2 if part == "half" else 4) if word == "last" else lex.ordinal(word)
    if number is None or number > (2 if part == "half" else 4):
        return None
    months = 3 if part == "quarter" else 6
    year = year_of(c.group("qyear") or c.group("year"), ctx)
    rel = c.word("rel") or c.word("rel2")
    if year is None and rel:
        year = ctx.base().year + STEPS.get(rel, 0)
    if year is not None:
        return date(Point(dt.date(year, (number - 1) * months + 1, 1), part))
    anchor = ctx.base()
    point = Point(dt.date(anchor.year, (number - 1) * months + 1, 1), part)
    if point.day > anchor and ctx.direction() != "future":
        point = shift(point, -(12 // months))
    if c.group("ago"):
        point = shift(point, -(12 // months))
    return date(point)


def _the_quarter(c: Candidate, ctx: Context) -> Meaning | None:
    which = c.word("which")
    back = bool(c.group("back") or c.group("last")) or which in YEAR_BEFORE
    year = year_of(c.group("qyear"), ctx)
    if c.word("part") == "period" and not (back or year or which == "latest"):
        return None
    if which == "current":
        return date(truncate(ctx.base(), "quarter"))
    point = _last_quarter(ctx)
    if year is not None:
        point = Point(point.day.replace(year=year), "quarter")
    return date(shift(point, -4), refer=False) if back else date(point)


YEAR_BEFORE = ("year-earlier", "year-ago", "year earlier")


def _last_quarter(ctx: Context) -> Point:
    """The quarter the text last named, else the last full quarter before the anchor."""
    return ctx.named_quarter() or shift(truncate(ctx.base(), "quarter"), -1)


def _relative(c: Candidate, ctx: Context) -> Meaning | None:
    rel = c.word("rel")
    unit = c.word("unit")
    move = {"before": -1, "earlier": -1, "after": 1, "later": 1}.get(c.word("dir"), 0)
    if move and OBJECT_AFTER.match(ctx.text, c.end):
        return None  # "the week before Christmas" counts from something unnamed
    if unit == "weekend" and rel == "the" and OF_DAY.match(ctx.text, c.end):
        return None  # "the weekend of 11-12 May": the days named after it say which
    if unit == "weekend":
        return date(_weekend(ctx, STEPS.get(rel, 0)))
    if unit == "year" and rel == "the" and _ends_a_period(ctx.text, c.end):
        return Meaning("DURATION", "P1Y")
    if rel in STEPS or (rel in CURRENT and unit in ("month", "quarter", "year")):
        return date(shift(truncate(ctx.base(), unit), STEPS.get(rel, 0)))
    if rel in ANAPHORIC:
        return date(shift(truncate(ctx.latest(unit).day, unit), ANAPHORIC[rel] + move))
    return None


#: "of" and a day of a month after a unit: "the weekend of 11-12 May", "of May 11".
_MONTH_START = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"  # how a month's name begins
OF_DAY = re.compile(rf"\s+(?:of|between)\s+(?:\d{{1,2}}\b|{_MONTH_START}[a-z]*\.?\s+\d)")
#: A day in brackets after a weekday: "On Sunday (11 May 2025)": the bracket says which.
BRACKETED_DAY = re.compile(rf"\s*\(\s*(?:\d{{1,2}}\s|{_MONTH_START})")


def _ends_a_period(text: str, end: int) -> bool:
    """ "the year ended Sept. 30" is a length of time, not a calendar year."""
    following = text[end : end + 12].lstrip().lower()
    return following.startswith(("ended", "ending", "ends", "that ended", "through", "to "))


def _weekend(ctx: Context, step: int) -> Point:
    """The last weekend (this one on a Saturday or Sunday), or the next when looking ahead."""
    anchor = ctx.base()
    if ctx.direction() == "future" or step > 0:
        saturday = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
    else:
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    week = Point(saturday - dt.timedelta(days=5), "weekend")
    return shift(week, -1) if step < 0 and anchor.weekday() >= 5 else week


def _year_ago(c: Candidate, ctx: Context) -> Meaning | None:
    return date(a_year_before(ctx), refer=False)


def a_year_before(ctx: Context) -> Point:
    """ "a year earlier": the same quarter a year before when the text is about a quarter."""
    quarter = ctx.named_quarter()
    return shift(quarter, -4) if quarter else shift(truncate(ctx.base(), "year"), -1)


def _year_edge(c: Candidate, ctx: Context) -> Meaning | None:
    return date(truncate(ctx.base(), "year"))


def _day_with_part(day: dt.date, part: str | None) -> Meaning:
    point = Point(day, "day")
    if not part:
        return date(point)
    return Meaning("TIME", f"{point.iso()}T{lex.PARTS_OF_DAY[part.lower()]}", point)


def _deictic(c: Candidate, ctx: Context) -> Meaning | None:
    word = c.word("deixis")
    step = DEIXIS.get(word, {"the day before yesterday": -2}.get(word, 2))
    day = ctx.base() + dt.timedelta(days=step)
    part = c.group("part") or c.group("before") or ("night" if word == "tonight" else None)
    return _day_with_part(day, part)


def _then(c: Candidate, ctx: Context) -> Meaning | None:
    """ "until then": the last point the text named."""
    return date(ctx.mentions[-1][0]) if ctx.mentions else None


def _part_of_day(c: Candidate, ctx: Context) -> Meaning | None:
    part = c.word("part")
    rel = c.word("rel")
    if not rel and not c.group("mod") and part != "overnight":
        return None
    if rel == "the" and OF_DAY.match(ctx.text, c.end):
        return None  # "the night between 6 and 7 May": the days named after it say which
    if part == "overnight" or (rel == "last" and part in ("night", "evening")):
        return _day_with_part(ctx.base() - dt.timedelta(days=1), "night")
    if rel == "last":
        return None
    day = ctx.latest("day").day if rel in ("the", "that") else ctx.base()
    return _day_with_part(day, part)


def _weekday(c: Candidate, ctx: Context) -> Meaning | None:
    target = lex.weekday_number(c.word("wd"))
    if target is None or BRACKETED_DAY.match(ctx.text, c.end):
        return None  # ("Sunday (11 May 2025)": the day in brackets is the date)
    rel = c.word("rel")
    anchor = ctx.base()
    if rel in ("the previous", "the following", "the next"):
        latest = ctx.latest("day").day
        step = -1 if rel == "the previous" else 1
        day = weekday(latest + dt.timedelta(days=step), target, "past" if step < 0 else "future")
    elif rel in ("last", "this past", "past"):
        day = weekday(anchor - dt.timedelta(days=1), target, "past")
    elif rel in ("next", "coming", "this coming"):
        day = weekday(anchor + dt.timedelta(days=1), target, "future")
    else:
        day = weekday(anchor, target, "future" if ctx.tense == "present" else ctx.direction())
    return _day_with_part(day, c.group("part"))


HANDLERS: dict[str, Handler] = {
    "quarter": _quarter,
    "the_quarter": _the_quarter,
    "relative": _relative,
    "anaphor": _relative,
    "year_ago": _year_ago,
    "year_end": _year_edge,
    "deictic": _deictic,
    "then": _then,
    "part_of_day": _part_of_day,
    "weekday": _weekday,
}

register(HANDLERS)
