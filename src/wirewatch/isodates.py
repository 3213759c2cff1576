"""ISO 8601 date values as the stretch of days they cover: one place for every reader of them.

``days("2024-05-31")`` is that day twice; ``days("2024-W22")`` Monday to Sunday; ``"2024-05"``
the month; ``"2024"`` the year; ``"2022-02/2024-09-09"`` from the first day of the start to the
last day of the end. A value that is none of these gives None.
"""

from __future__ import annotations

import datetime as dt
import re


def days(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day ``value`` covers, or None when it is not an ISO date value."""
    try:
        if "/" in value:
            start, end = (days(part) for part in value.split("/", 1))
            return (start[0], end[1]) if start and end else None
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return monday, monday + dt.timedelta(days=6)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date.fromisoformat(value + "-01")
            after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first, after - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        day = dt.date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None
