"""Handlers for amounts of time, clock times, repetitions and vague words.

"two weeks ago" (a date counted back from the anchor), "the past three months" (P3M),
"10 p.m. Wednesday" (a time on a resolved day), "each Thursday" (a set), "recently"
(PAST_REF). The date handlers are in ``normalise``, the ``Context`` in ``registry``.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from wirewatch.stages.time import lexicon as lex
from wirewatch.stages.time import relative
from wirewatch.stages.time.registry import FINENESS, Context, Handler, Meaning, date, register
from wirewatch.stages.time.rules import Candidate
from wirewatch.stages.time.values import Point, duration, month_day, shift, truncate, weekday

#: Units a count moves a date by, and the unit the resulting date is written in.
GRAIN = {"day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month"}
GRAIN |= {"quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}
VAGUE_WORDS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the moment": "PRESENT_REF",
    "this moment": "PRESENT_REF",
    "current": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "lately": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the past": "PAST_REF",
    "the time": "PAST_REF",
    "recent": "PAST_REF",
    "former": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "in the near future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
}
FREQUENCY = {
    "hourly": ("hour", 1),
    "daily": ("day", 1),
    "nightly": ("day", 1),
    "weekly": ("week", 1),
    "biweekly": ("week", 2),
    "monthly": ("month", 1),
    "quarterly": ("quarter", 1),
    "semiannually": ("month", 6),
    "annually": ("year", 1),
    "yearly": ("year", 1),
}
#: Counts that say "some number of": "several years" → PXY.
VAGUE = re.compile(r"several|a few|a number of|few|some|many|a couple of")
#: What comes right before "a year" when it is a rate ("$5 million a year", "twice a week").
RATE_BEFORE = re.compile(
    r"(?:\d|percent|%|times|once|twice|dollars?|cents?|barrels?|tons?|people|hours?|"
    r"million|billion|thousand|hundred|miles?|units?|shares?|ones?)\s*$",
    re.IGNORECASE,
)


def count(text: str | None) -> Fraction | None:
    """The number of units; None for vague counts ("several")."""
    if not text:
        return None
    return lex.number(text)


def _unit(c: Candidate) -> str:
    return lex.unit_name(c.word("unit"))


def _ago(c: Candidate, ctx: Context) -> Meaning | None:
    unit = _unit(c)
    word = c.word("dir")
    n = count(c.group("num")) if c.group("num") else None
    sign = -1 if word in ("ago", "earlier", "back") else 1
    if n is not None and unit not in GRAIN:
        return Meaning("DURATION", duration(n, unit))  # "ten minutes later"
    if n is None or unit not in GRAIN:
        ctx.base()
        return Meaning("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "fortnight":
        n *= 2
    steps = sign * max(1, round(n))
    grain = GRAIN[unit]
    if unit == "year" and steps == -1:
        return date(relative.a_year_before(ctx), refer=False)
    if word == "later" and ctx.direction() == "past" and not ctx.mentions:
        return Meaning("DATE", "PAST_REF")  # "two days later" told of the past, with no day
        # named before it: after a happening the text does not date, not after publication
    if word in ("earlier", "later"):
        start = ctx.latest(grain if grain in FINENESS else "year")
    else:
        start = truncate(ctx.base(), "day")
    return date(shift(truncate(start.day, grain), steps, grain))


def _duration(c: Candidate, ctx: Context) -> Meaning | None:
    unit = _unit(c)
    num = c.word("num")
    if unit == "second" and num in ("a", "an"):
        return None
    n = count(num)
    if n is None and not VAGUE.match(num):
        return None
    if n is not None and n.denominator == 1 and 1000 <= n <= 2100 and len(num) == 4:
        return None  # "the 1988 quarter" is a date
    if n is not None and (c.group("half") or c.group("half2")):
        n += Fraction(1, 2)
    if unit == "quarter" and (
        ctx.text[c.end : c.end + 3] == " of" or "-q" in ctx.text[c.start : c.end].lower()
    ):
        return None  # "three-quarters of its food": a fraction
    if unit == "fortnight":
        unit, n = "week", (n or Fraction(1)) * 2
    if num in ("a", "an", "one") and not c.group("det") and _is_rate(ctx.text, c.start):
        return None  # "$5 million a year": a rate, which news annotators rarely mark
    if c.word("suffix") == "old" and unit == "year":
        return None  # "52 years old", "a 4-year-old": an age
    return Meaning("DURATION", duration(n, unit))


def _is_rate(text: str, start: int) -> bool:
    return bool(RATE_BEFORE.search(text[max(0, start - 30) : start].rstrip()))


PLURAL_BEFORE = re.compile(
    r"(?:for|within|in|after|over|during|than|take|takes|took|lasted|last|spent|spend)\s+$",
    re.IGNORECASE,
)


PLURAL_AFTER = re.compile(r" (?:of|before|after|later|earlier|ago)\b")


def _plural(c: Candidate, ctx: Context) -> Meaning | None:
    unit = _unit(c)
    span = c.word("span")
    if span in ("recent", "past", "coming") and not c.group("det"):
        return Meaning("DATE", "FUTURE_REF" if span == "coming" else "PAST_REF")
    if not span and not c.group("det"):
        before = ctx.text[max(0, c.start - 12) : c.start]
        after = ctx.text[c.end : c.end + 8].lower()
        if not PLURAL_BEFORE.search(before) and not PLURAL_AFTER.match(after):
            return None
    return Meaning("DURATION", duration(None, unit))


def _while(c: Candidate, ctx: Context) -> Meaning | None:
    return Meaning("DURATION", "PXX")


def _set(c: Candidate, ctx: Context) -> Meaning | None:
    word = c.word("unit")
    num = c.word("num")
    n = Fraction(2) if num == "other" else count(num) if num else Fraction(1)
    target = lex.weekday_number(word)
    if target is not None:
        return Meaning("SET", f"XXXX-WXX-{target + 1}")
    month = lex.month_number(word)
    if month is not None and word[:1].isupper():
        return Meaning("SET", f"XXXX-{month:02d}")
    if word.lower() in lex.SEASONS:
        return Meaning("SET", f"XXXX-{lex.SEASONS[word.lower()]}")
    unit = lex.unit_name(word)
    if unit not in lex.UNITS:
        return Meaning("SET", "XXXX-WXX-WE" if word.lower() == "weekend" else "XXXX-WXX-X")
    return Meaning("SET", duration(n or Fraction(1), unit))


def _frequency(c: Candidate, ctx: Context) -> Meaning | None:
    words = c.word("freq")
    if words in FREQUENCY:
        unit, n = FREQUENCY[words]
        return Meaning("SET", duration(Fraction(n), unit))
    return Meaning("SET", duration(Fraction(1), lex.unit_name(words.split()[-1])))


def _weekdays(c: Candidate, ctx: Context) -> Meaning | None:
    target = lex.weekday_number(c.word("wds"))
    return None if target is None else Meaning("SET", f"XXXX-WXX-{target + 1}")


def _vague(c: Candidate, ctx: Context) -> Meaning | None:
    words = c.word("vague") or c.word("adj")
    before = ctx.text[max(0, c.start - 3) : c.start].lower()
    if words == "the time" and before != "at ":
        return None
    value = VAGUE_WORDS.get(words)
    return Meaning("DATE", value) if value else None


def _clock(c: Candidate, ctx: Context) -> Meaning | None:
    hour = int(c.group("hour") or c.group("hour2") or 0)
    minute = int(c.group("min") or c.group("min2") or 0)
    ampm = c.word("ampm")
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or (ampm and not 1 <= int(c.group("hour") or 0) <= 12):
        return None
    if not c.group("on") and DAY_AFTER.match(ctx.text, c.end):
        return None  # "at 4 am on 14 May": the day told after it dates the act
    day = _on_day(c.group("on"), ctx)
    return Meaning("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", Point(day, "day"))


def _noon(c: Candidate, ctx: Context) -> Meaning | None:
    code = lex.PARTS_OF_DAY[(c.group("part") or "noon").lower()]
    if not c.group("on") and DAY_AFTER.match(ctx.text, c.end):
        return None  # "around midnight on 14 May 2025"
    day = _on_day(c.group("on"), ctx)
    return Meaning("TIME", f"{day.isoformat()}T{code}", Point(day, "day"))


#: "on" and a day after a clock time the rule did not read with it: "midnight on 14 May 2025".
DAY_AFTER = re.compile(r",?\s+on\s+(?:the\s+)?\d")


def _on_day(text: str | None, ctx: Context) -> dt.date:
    """The day a clock time is on: the one named, else the last day the text named."""
    if not text:
        return ctx.latest("day").day
    word = text.lower()
    if word in relative.DEIXIS:
        return ctx.base() + dt.timedelta(days=relative.DEIXIS[word])
    target = lex.weekday_number(text)
    if target is not None:
        return weekday(ctx.base(), target, ctx.direction() or "past")
    month, _, day = text.partition(" ")
    number, day_number = lex.month_number(month), lex.ordinal(day.strip())
    if number and day_number:
        found = month_day(ctx.base(), number, day_number, ctx.direction())
        if found:
            return found
    return ctx.latest("day").day


HANDLERS: dict[str, Handler] = {
    "clock": _clock,
    "clock24": _clock,
    "noon": _noon,
    "ago": _ago,
    "duration": _duration,
    "plural": _plural,
    "while": _while,
    "set": _set,
    "frequency": _frequency,
    "weekdays": _weekdays,
    "vague": _vague,
    "vague_adj": _vague,
}

register(HANDLERS)
