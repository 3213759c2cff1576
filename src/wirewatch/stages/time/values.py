"""Calendar arithmetic and TimeML/ISO 8601 values.

A ``Point`` is a stretch of the calendar named by its first day and its unit (day, week,
weekend, month, quarter, half, season, year, decade, century); ``iso()`` writes it the way
TimeML does (2024-05-31, 2024-W22, 2024-W22-WE, 2024-05, 2024-Q2, 2024-H1, 2024-SU, 2024,
202, 20). Durations are ``P3Y``, ``PT2H``, ``PXD`` (unknown count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from wirewatch.stages.time.lexicon import UNITS

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: Months of each calendar unit that is a whole number of months.
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar stretch: its first day and its unit; seasons also carry their code."""

    day: dt.date
    unit: str
    season: str = ""

    def iso(self) -> str:
        day, unit = self.day, self.unit
        if unit == "day":
            return day.isoformat()
        if unit in ("week", "weekend"):
            year, week, _ = day.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
        if unit == "month":
            return f"{day.year:04d}-{day.month:02d}"
        if unit == "quarter":
            return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        if unit == "half":
            return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
        if unit == "season":
            return f"{day.year:04d}-{self.season}"
        return _coarse(day.year, unit)


def _coarse(year: int, unit: str) -> str:
    if unit == "decade":
        return f"{year // 10:03d}"
    if unit == "century":
        return f"{year // 100:02d}"
    return f"{year:04d}"


def truncate(day: dt.date, unit: str) -> Point:
    """The ``unit`` that contains ``day``."""
    if unit == "day":
        return Point(day, unit)
    if unit in ("week", "weekend"):
        return Point(day - dt.timedelta(days=day.weekday()), unit)
    if unit == "season":
        return season_of(day)
    months = MONTHS_IN[unit]
    index = (day.year * 12 + day.month - 1) // months * months
    return Point(dt.date(index // 12, index % 12 + 1, 1), unit)


def season_of(day: dt.date) -> Point:
    """Meteorological seasons; December belongs to the winter that starts in its year."""
    code = {12: "WI", 1: "WI", 2: "WI"}.get(day.month) or (
        "SP" if day.month < 6 else "SU" if day.month < 9 else "FA"
    )
    year = day.year - 1 if day.month < 3 else day.year
    return Point(dt.date(year, SEASON_START[code], 1), "season", code)


def season(year: int, code: str) -> Point:
    return Point(dt.date(year, SEASON_START[code], 1), "season", code)


def shift(point: Point, n: int, unit: str | None = None) -> Point:
    """``point`` moved by ``n`` units (its own unit unless another is given)."""
    unit = unit or point.unit
    base = truncate(point.day, unit) if unit not in ("season",) else point
    if unit == "day":
        return Point(base.day + dt.timedelta(days=n), unit)
    if unit in ("week", "weekend"):
        return Point(base.day + dt.timedelta(weeks=n), unit)
    if unit == "season":
        return season(base.day.year + n, point.season or "SU")
    months = MONTHS_IN[unit] * n
    index = base.day.year * 12 + base.day.month - 1 + months
    return Point(dt.date(index // 12, index % 12 + 1, 1), unit)


def weekday(anchor: dt.date, target: int, direction: str) -> dt.date:
    """The ``target`` weekday nearest the anchor: the last one (or today) unless future."""
    if direction == "future":  # otherwise the past, the news default
        return anchor + dt.timedelta(days=(target - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)


def month_day(anchor: dt.date, month: int, day: int | None, direction: str) -> dt.date | None:
    """The year of a month (and day) given without one: past, future or the nearest."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(year, month, day or 1))
        except ValueError:
            continue
    if not options:
        return None
    return nearest(anchor if day else anchor.replace(day=1), options, direction)


def holiday(rule: tuple[int, int] | str, year: int) -> dt.date:
    """The day of a holiday in ``year`` (see ``lexicon.HOLIDAYS``)."""
    if isinstance(rule, tuple):
        return dt.date(year, *rule)
    if rule in ("easter", "good friday"):
        return easter(year) - dt.timedelta(days=2 if rule == "good friday" else 0)
    if rule == "orthodox easter":
        return orthodox_easter(year)
    if rule == "thanksgiving":  # fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if rule == "labor day":  # first Monday of September
        first = dt.date(year, 9, 1)
        return first + dt.timedelta(days=-first.weekday() % 7)
    last = dt.date(year, 5, 31)  # memorial day: last Monday of May
    return last - dt.timedelta(days=last.weekday())


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lh = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lh) // 451
    month, day = divmod(h + lh - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday: the Julian computus (Meeus), moved to the Gregorian calendar
    (13 days from 1900 to 2099, a day more or less a century outside)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    shift = year // 100 - year // 400 - 2  # the Julian calendar's lag in that century
    return dt.date(year, month, day + 1) + dt.timedelta(days=shift)


def nearest(anchor: dt.date, options: list[dt.date], direction: str) -> dt.date:
    """The option nearest the anchor; one on the side the tense points to counts a fifth."""

    def cost(option: dt.date) -> float:
        agrees = option <= anchor if direction == "past" else option >= anchor
        return abs((option - anchor).days) * (0.2 if direction and agrees else 1.0)

    return min(options, key=lambda d: (cost(d), d < anchor))


def duration(count: Fraction | None, unit: str) -> str:
    """``P3Y``, ``PT2H``, ``P2Y6M`` for 2 1/2 years, ``PXD`` when the count is unknown."""
    letter, is_time = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if count is None:
        return f"{prefix}X{letter}"
    if count.denominator == 1:
        return f"{prefix}{count.numerator}{letter}"
    per, smaller = {"year": (12, "M"), "hour": (60, "M"), "minute": (60, "S")}.get(unit, (0, ""))
    if per and (count * per).denominator == 1:
        whole = int(count)
        rest = int((count - whole) * per)
        return prefix + (f"{whole}{letter}" if whole else "") + f"{rest}{smaller}"
    return f"{prefix}{float(count):g}{letter}"
