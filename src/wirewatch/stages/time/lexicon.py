"""Words of time: months, weekdays, units, seasons, parts of day and spelled numbers.

Everything the recogniser (``rules``) and the normaliser (``values``) share:
the word lists become regular-expression alternatives here, and the same tables turn the
matched words back into numbers and codes.
"""

from __future__ import annotations

import re
from fractions import Fraction

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan.": 1,
    "feb.": 2,
    "mar.": 3,
    "apr.": 4,
    "jun.": 6,
    "jul.": 7,
    "aug.": 8,
    "sep.": 9,
    "sept.": 9,
    "sept": 9,
    "oct.": 10,
    "nov.": 11,
    "dec.": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_ABBREVIATIONS = {
    "mon.": 0,
    "tue.": 1,
    "tues.": 1,
    "wed.": 2,
    "thu.": 3,
    "thur.": 3,
    "thurs.": 3,
    "fri.": 4,
    "sat.": 5,
    "sun.": 6,
}
#: Holidays: a fixed (month, day), or a rule values.holiday computes.
HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "new year's": (1, 1),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "bastille day": (7, 14),
    "halloween": (10, 31),
    "veterans day": (11, 11),
    "boxing day": (12, 26),
    "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving",
    "easter": "easter",
    "easter sunday": "easter",
    "orthodox easter": "orthodox easter",  # the Julian computus: 2016-05-01, not 2016-03-27
    "orthodox christmas": (1, 7),
    "good friday": "good friday",
    "memorial day": "memorial day",
    "labor day": "labor day",
}
#: TimeML codes of seasons and parts of the day.
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "dawn": "MO",
    "daybreak": "MO",
    "dusk": "EV",
    "midday": "12:00",
    "noon": "12:00",
    "midnight": "24:00",
}
#: Calendar units: the ISO 8601 duration letter and whether it belongs after the T.
UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "fortnight": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("E", False),
    "century": ("C", False),
    "millennium": ("L", False),
}
UNIT_PLURALS = {"centuries": "century", "millennia": "millennium"}

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def alternatives(words: object, capitalised: bool = False) -> str:
    """A regex alternation of ``words``, longest first; capitalised ones match case-sensitively."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    if not capitalised:
        return "(?:" + "|".join(re.escape(w) for w in items) + ")"
    return "(?-i:" + "|".join(re.escape(w[0].upper() + w[1:]) for w in items) + ")"


def month_number(word: str) -> int | None:
    key = word.lower().rstrip()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key) or MONTH_ABBREVIATIONS.get(key + ".")


def weekday_number(word: str) -> int | None:
    key = word.lower()
    found = WEEKDAYS.get(key)
    return found if found is not None else WEEKDAY_ABBREVIATIONS.get(key)


def unit_name(word: str) -> str:
    """``"Years"`` → ``"year"``; ``"centuries"`` → ``"century"``."""
    key = word.lower()
    if key in UNIT_PLURALS:
        return UNIT_PLURALS[key]
    return key[:-1] if key.endswith("s") and key[:-1] in UNITS else key


def ordinal(word: str) -> int | None:
    """``"third"``, ``"3rd"``, ``"twenty-first"`` → the number."""
    key = word.lower().replace(" ", "-")
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", key)
    if digits:
        return int(digits.group(1))
    if key in ORDINALS:
        return ORDINALS[key]
    head, _, tail = key.partition("-")
    if head in TENS and tail in ORDINALS:
        return TENS[head] + ORDINALS[tail]
    return None


def number(text: str) -> Fraction | None:
    """A spelled or written number: ``"2 1/2"``, ``"twenty-four"``, ``"a hundred"``, ``"1.5"``.

    Vague counts ("several", "a few") and anything unreadable give None.
    """
    key = text.lower().strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return Fraction(key)
    mixed = re.fullmatch(r"(?:(\d+)\s+)?(\d+)/(\d+)", key)
    if mixed:
        return int(mixed.group(1) or 0) + Fraction(int(mixed.group(2)), int(mixed.group(3)))
    return _spelled(key)


def _spelled(key: str) -> Fraction | None:
    words = [w for w in re.split(r"[\s-]+", key) if w not in ("and", "")]
    if words == ["a", "half"] or words == ["half"]:
        return Fraction(1, 2)
    if words in (["a", "couple", "of"], ["couple", "of"], ["a", "couple"]):
        return Fraction(2)
    if words in (["a", "dozen"], ["dozen"]):
        return Fraction(12)
    total = current = 0
    for word in words:
        if word in ("a", "an"):
            current += 1
        elif word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return Fraction(total + current) if words else None


def spelled_year(text: str) -> int | None:
    """``"nineteen ninety-six"`` → 1996; ``"two thousand"`` → 2000; ``"two thousand and four"``."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w]
    if len(words) >= 2 and words[0] in ONES and 10 <= ONES[words[0]] <= 20:
        rest = number(" ".join(words[1:]))
        if rest is not None and rest.denominator == 1 and 0 < rest < 100:
            return ONES[words[0]] * 100 + int(rest)
    value = number(text)
    if value is not None and value.denominator == 1 and 1000 <= value <= 2100:
        return int(value)
    return None
