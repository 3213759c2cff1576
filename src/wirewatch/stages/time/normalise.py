"""Named dates: "May 31, 2024", "June 12 last year", "Christmas", "last March", "the 1990s".

The handlers for dates a text names by their calendar name, registered with ``registry``
(which holds the ``Context`` they read); relative ones are in ``relative``, and amounts,
clock times and vague words in ``amounts``.
"""

from __future__ import annotations

import datetime as dt

from wirewatch.stages.time import lexicon as lex
from wirewatch.stages.time.registry import Context, Handler, Meaning, date, register
from wirewatch.stages.time.rules import Candidate
from wirewatch.stages.time.values import (
    Point,
    holiday,
    month_day,
    nearest,
    season,
    season_of,
    shift,
)

STEPS = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "last": -1,
    "past": -1,
    "the past": -1,
    "the last": -1,
    "this past": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "this coming": 1,
}


def _full_date(c: Candidate, ctx: Context) -> Meaning | None:
    month = lex.month_number(c.word("mon"))
    day = lex.ordinal(c.word("day"))
    if month is None or day is None or not 1 <= day <= 31:
        return None
    year = year_of(c.group("year"), ctx)
    if year is None and c.group("rel"):
        year = ctx.base().year + STEPS[c.word("rel")]  # "June 12 last year"
    direction = _weekday_direction(c, ctx, month, day) if year is None else ""
    found = _calendar_day(ctx, year, month, day, direction)
    return date(Point(found, "day")) if found else None


def _calendar_day(
    ctx: Context, year: int | None, month: int, day: int, direction: str
) -> dt.date | None:
    """The day in ``year`` (None when that day does not exist), else the nearest such day in
    ``direction`` from the context's base."""
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return month_day(ctx.base(), month, day, direction)


def _day_range(c: Candidate, ctx: Context) -> Meaning | None:
    """ "3-4 May 2023", "between 1 and 5 May", "May 1-5": the days of one month from the
    first to the last (the night of "3-4 May" is those two days)."""
    month = c.word("mon") or c.word("mon2")
    first = lex.ordinal(c.word("d1") or c.word("d2"))
    last = _day_of(c, ctx, c.word("day") or c.word("day2"), month)
    if first is None or last is None or not 1 <= first < last.day:
        return None
    start = last.replace(day=first)
    return Meaning("DATE", f"{start.isoformat()}/{last.isoformat()}", Point(last, "day"))


def _month_range(c: Candidate, ctx: Context) -> Meaning | None:
    """ "between 30 March and 1 April 2024": from a day of one month to a day of another, the
    first in the year given for it, else the last day's year (or the year before, when its
    month comes later in the year: "28 December to 3 January 2024")."""
    last = _day_of(c, ctx, c.word("day"), c.word("mon"))
    month, day = lex.month_number(c.word("mon1")), lex.ordinal(c.word("d1"))
    if last is None or month is None or day is None:
        return None
    year = int(c.word("year1")) if c.word("year1") else last.year - (month > last.month)
    try:
        start = dt.date(year, month, day)
    except ValueError:
        return None
    if not start < last or (last - start).days > 366:
        return None
    return Meaning("DATE", f"{start.isoformat()}/{last.isoformat()}", Point(last, "day"))


def _iso_date(c: Candidate, ctx: Context) -> Meaning | None:
    """ "2024-05-15": year, month and day."""
    try:
        day = dt.date(int(c.word("year")), int(c.word("mon")), int(c.word("day")))
    except ValueError:
        return None
    return date(Point(day, "day"))


def _numeric_date(c: Candidate, ctx: Context) -> Meaning | None:
    """ "14/05/2024" (day first) or "05/14/2024" (month first), told apart by the number
    above 12; "05/04/2024" could be either and stays unread (no day is guessed), but
    "05.04.2024", written with dots, is Europe's day first."""
    first, second = int(c.word("first")), int(c.word("second"))
    dotted = "." in ctx.text[c.start : c.end]  # "12.05.2025": Europe's order, the day first
    if first > 12 >= second or first == second or (dotted and first <= 12 and second <= 12):
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    try:
        return date(Point(dt.date(int(c.word("year")), month, day), "day"))
    except ValueError:
        return None


def _week_of(c: Candidate, ctx: Context) -> Meaning | None:
    """ "the week of 13 May 2024", "the week starting May 13": the ISO week of that day."""
    day = _day_of(c, ctx, c.word("day") or c.word("day2"), c.word("mon") or c.word("mon2"))
    return date(Point(day, "week")) if day is not None else None


def _day_of(c: Candidate, ctx: Context, day_word: str, month_word: str) -> dt.date | None:
    """The day a day and a month name, in the year given, else the nearest such day."""
    month, day = lex.month_number(month_word), lex.ordinal(day_word)
    if month is None or day is None or not 1 <= day <= 31:
        return None
    return _calendar_day(ctx, year_of(c.group("year"), ctx), month, day, ctx.direction())


def _weekday_direction(c: Candidate, ctx: Context, month: int, day: int) -> str:
    """A named weekday decides the year of "Saturday, April 25"; else the tense does."""
    wd = lex.weekday_number(c.word("wd"))
    anchor = ctx.base()
    if wd is not None:
        for year in (anchor.year, anchor.year - 1, anchor.year + 1):
            try:
                if dt.date(year, month, day).weekday() == wd:
                    return "past" if dt.date(year, month, day) <= anchor else "future"
            except ValueError:
                continue
    return ctx.direction()


def year_of(text: str | None, ctx: Context) -> int | None:
    if not text:
        return None
    if text.startswith("'"):
        base = ctx.anchor.year if ctx.anchor else 1999
        year = base // 100 * 100 + int(text[1:])
        return year - 100 if year > base + 10 else year
    return int(text) if text.isdigit() else lex.spelled_year(text)


def _holiday(c: Candidate, ctx: Context) -> Meaning | None:
    rule = lex.HOLIDAYS[c.word("holiday")]
    year = year_of(c.group("year"), ctx)
    if year is not None:
        return date(Point(holiday(rule, year), "day"))
    anchor = ctx.base()
    options = [holiday(rule, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    rel = c.word("rel")
    if rel in ("last", "this past"):
        return date(Point(max(d for d in options if d < anchor), "day"))
    if rel in ("next", "this coming"):
        return date(Point(min(d for d in options if d > anchor), "day"))
    return date(Point(nearest(anchor, options, ctx.direction()), "day"))


def _month_year(c: Candidate, ctx: Context) -> Meaning | None:
    month = lex.month_number(c.word("mon"))
    year = year_of(c.group("year"), ctx)
    if month is None or year is None:
        return None
    return date(Point(dt.date(year, month, 1), "month"))


def _month_rel(c: Candidate, ctx: Context) -> Meaning | None:
    month = lex.month_number(c.word("mon"))
    if month is None:
        return None
    year = ctx.base().year + STEPS.get(c.word("rel"), 0)
    return date(Point(dt.date(year, month, 1), "month"))


def _month(c: Candidate, ctx: Context) -> Meaning | None:
    month = lex.month_number(c.word("mon"))
    if month is None:
        return None
    rel = c.word("rel")
    anchor = ctx.base()
    if rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
        return date(Point(dt.date(year, month, 1), "month"))
    if rel == "this":
        return date(Point(dt.date(anchor.year, month, 1), "month"))
    direction = {"next": "future", "coming": "future", "this coming": "future"}.get(rel, "")
    direction = direction or {"this past": "past", "past": "past"}.get(rel, ctx.direction())
    if rel == "next" and month == anchor.month:
        return date(Point(dt.date(anchor.year + 1, month, 1), "month"))
    found = month_day(anchor, month, None, direction)
    return date(Point(found, "month")) if found else None


def _plain_year(c: Candidate, ctx: Context) -> Meaning | None:
    year = year_of(c.group("year"), ctx)
    if year is None:
        return None
    return date(Point(dt.date(year, 1, 1), "year"))


def _decade(c: Candidate, ctx: Context) -> Meaning | None:
    digits = c.word("decade").lstrip("'")
    word = c.word("word")
    tens = int(digits[-2]) if digits else lex.DECADE_WORDS.get(word)
    if tens is None:
        return None
    if len(digits) == 4:
        century = int(digits[:2])
    else:
        base = ctx.anchor.year if ctx.anchor else 1999
        century = base // 100 - (1 if tens * 10 > base % 100 + 5 else 0)
    return date(Point(dt.date(century * 100 + tens * 10, 1, 1), "decade"))


def _century(c: Candidate, ctx: Context) -> Meaning | None:
    number = lex.ordinal(c.word("ord"))
    if number is None or not 1 <= number <= 21:
        return None
    return date(Point(dt.date(max(1, (number - 1) * 100), 1, 1), "century"))


def _season(c: Candidate, ctx: Context) -> Meaning | None:
    code = lex.SEASONS[c.word("season")]
    year = year_of(c.group("year"), ctx)
    rel = c.word("rel")
    if year is not None:
        return date(season(year, code))
    if not rel or (rel == "the" and ctx.text[c.end : c.end + 3] == " of"):
        return None  # "the fall of the Berlin Wall"
    anchor = ctx.base()
    current = season_of(anchor)
    this = season(current.day.year, code)
    if rel in ("last", "past", "the past", "this past"):
        return date(this if this.day < current.day else season(this.day.year - 1, code))
    if rel in ("next", "coming", "the coming", "this coming"):
        return date(this if this.day > current.day else season(this.day.year + 1, code))
    if rel == "this" or ctx.direction() == "":
        return date(season(anchor.year, code))
    past = ctx.direction() == "past"
    return date(this if (this.day <= current.day) == past else shift(this, -1 if past else 1))


HANDLERS: dict[str, Handler] = {
    "date": _full_date,
    "date_dmy": _full_date,
    "date_range": _day_range,
    "month_range": _month_range,
    "week_of": _week_of,
    "date_iso": _iso_date,
    "date_numeric": _numeric_date,
    "date_short": _full_date,
    "holiday": _holiday,
    "month_year": _month_year,
    "month_rel": _month_rel,
    "month": _month,
    "year": _plain_year,
    "spelled_year": _plain_year,
    "decade": _decade,
    "century": _century,
    "season": _season,
}

register(HANDLERS)
