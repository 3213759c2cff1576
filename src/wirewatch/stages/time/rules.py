"""Where the time expressions are: one regular expression per kind of expression.

Each rule names its parts with groups (``mon``, ``day``, ``year``, ``wd``, ``rel``, ``num``,
``unit``, ...) that ``normalise`` reads. Extents follow TimeML: determiners and
modifiers ("the past two months", "early next year", "nearly forty years") belong to the
expression, prepositions ("on Friday") do not. Where rules overlap the longest match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.stages.time.lexicon import (
    DECADE_WORDS,
    HOLIDAYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    ONES,
    ORDINALS,
    SEASONS,
    TENS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    alternatives,
)

MONTH = (
    "(?-i:"
    + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + "|"
    + "|".join(re.escape(a.capitalize()) for a in sorted(MONTH_ABBREVIATIONS, key=len)[::-1])
    + ")"
)
WEEKDAY = (
    "(?-i:"
    + "|".join(d.capitalize() for d in WEEKDAYS)
    + "|"
    + "|".join(re.escape(a.capitalize()) for a in sorted(WEEKDAY_ABBREVIATIONS, key=len)[::-1])
    + ")"
)
_ORDINAL_WORD = rf"(?:(?:twenty|thirty)[\s-])?{alternatives(ORDINALS)}|twentieth|thirtieth"
DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{_ORDINAL_WORD})"
_UNDER_100 = rf"(?:{alternatives(TENS)}(?:[\s-]{alternatives(ONES)})?|{alternatives(ONES)})"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)(?:[\s-]hundred)?(?:[\s-](?:and\s)?{_UNDER_100})"
    rf"|two[\s-]thousand(?:[\s-](?:and\s)?{_UNDER_100})?)"
)
YEAR = r"(?<![\d$£€.,/])(?:1[6-9]\d\d|20\d\d)(?![\d%]|[.,]\d|-\d)"
_NUMBER_WORD = rf"(?:{alternatives((*ONES, *TENS))}|hundred|thousand|dozen|half)"
NUMBER = (
    r"(?:\d+(?:\.\d+)?(?:\s\d/\d)?|\d/\d"
    rf"|(?:a|an|{_NUMBER_WORD})(?:[\s-](?:and[\s-])?{_NUMBER_WORD})*"
    r"|a\scouple\sof|couple\sof)"
)
VAGUE = r"(?:several|a\sfew|a\snumber\sof|few|some|many|a\scouple\sof)"
UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|"
    r"centur(?:y|ies)|millenni(?:um|a))"
)
CALENDAR = r"(?:day|week|weekend|month|quarter|year|decade|century)"
SEASON = alternatives(SEASONS)
HOLIDAY = (
    "(?-i:"
    + "|".join(
        re.escape(" ".join(w.capitalize() for w in h.split())).replace("\\ ", r"\s")
        for h in sorted(HOLIDAYS, key=len, reverse=True)
    )
    + ")"
)
MONTH_NO_DOT = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
PART = r"(?:morning|afternoon|evening|night|overnight)"
PREMOD = (
    r"(?:the\s(?:very\s)?(?:end|beginning|start|middle|close|turn)\sof"
    r"(?:\sthe)?|early|late|mid|middle|earlier|later|the\searly|the\slate|the\smid)"
)
APPROX = (
    r"(?:about|around|roughly|approximately|nearly|almost|some|more\sthan|less\sthan|"
    r"fewer\sthan|over|under|up\sto|at\sleast|at\smost|no\smore\sthan|no\sless\sthan|"
    r"well\sover|just\sover|just\sunder|close\sto)"
)
SPAN = (
    r"(?:past|last|next|first|coming|previous|following|latest|final|remaining|additional|"
    r"further|initial|recent|preceding|ensuing|subsequent|entire|whole|full|same|other|"
    r"early|late)"
)
QUARTER = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last)"
TIMEZONE = r"(?:\(?(?-i:[ECMP][SD]T|GMT|UTC|BST|CET)\)?|local\stime)"
DAY_WORD = rf"(?:{WEEKDAY}|today|tonight|yesterday|tomorrow|{MONTH}\s?{DAY})"

#: Between two days of one month: "3-4 May", "between 1 and 5 May", "May 1-5".
DAY_PAIR = r"(?:-|–|\sto\s|\sand\s|\sthrough\s)"

_RULES = {
    "date_iso": r"(?P<year>(?:19|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])",
    "date_numeric": r"(?P<first>[0-3]?\d)[/.](?P<second>[01]?\d|[0-3]\d)"
    r"[/.](?P<year>(?:19|20)\d\d)",
    "date_range": rf"""(?:(?:between|from)\s)?(?:(?P<d1>{DAY})\s?{DAY_PAIR}\s?(?P<day>{DAY})
        (?:\sof)?\s(?P<mon>{MONTH})|(?P<mon2>{MONTH})\s(?P<d2>{DAY})\s?{DAY_PAIR}\s?(?P<day2>{DAY}))
        (?:,?\s(?P<year>{YEAR}))?""",
    "week_of": rf"""(?:the\s)?week\s(?:of|starting|beginning)\s(?:(?P<day>{DAY})(?:\sof)?\s
        (?P<mon>{MONTH})|(?P<mon2>{MONTH})\s(?P<day2>{DAY}))(?:,?\s(?P<year>{YEAR}))?""",
    "month_range": rf"""(?:(?:between|from)\s)?(?P<d1>{DAY})(?:\sof)?\s(?P<mon1>{MONTH})
        (?:,?\s(?P<year1>{YEAR}))?\s?{DAY_PAIR}\s?(?P<day>{DAY})(?:\sof)?\s(?P<mon>{MONTH})
        (?:,?\s(?P<year>{YEAR}))?""",
    "date": rf"""(?:(?P<wd>{WEEKDAY}),?\s)?(?:(?P<mod>{PREMOD})[\s-])?(?P<mon>{MONTH})\s?
        (?P<day>{DAY})(?:(?:,\s?|\s)(?P<year>{YEAR}|{SPELLED_YEAR})|\s(?:of\s)?(?P<rel>this|last|
        next)\syear)?""",
    "date_short": rf"""(?P<mon>{MONTH_NO_DOT})\s(?P<day>(?:[12]\d|3[01]|0?[1-9])(?!\d|:\d))
        (?:(?:,\s?|\s)(?P<year>{YEAR}))?""",
    "holiday": rf"""(?:(?P<rel>this|last|next|this\scoming|this\spast)\s)?(?P<holiday>{HOLIDAY})
        (?:,?\s(?P<year>{YEAR}))?""",
    "date_dmy": rf"""(?:(?P<wd>{WEEKDAY}),?\s)?(?:the\s)?(?P<day>{DAY})(?:\sof)?\s(?P<mon>{MONTH})
        (?:,?\s(?P<year>{YEAR}))?""",
    "month_year": rf"""(?:(?P<mod>{PREMOD})[\s-])?(?P<mon>{MONTH}),?\s(?:of\s)?
        (?P<year>{YEAR}|{SPELLED_YEAR}|'\d\d)""",
    "month_rel": rf"(?P<mon>{MONTH})\s(?:of\s)?(?P<rel>this|last|next)\syear",
    "month": rf"""(?:(?P<mod>{PREMOD})[\s-])?(?:(?P<rel>this\scoming|this\spast|this|last|next|
        the\scoming|coming|past)\s)?(?P<mon>{MONTH})""",
    "year": rf"""(?:(?P<mod>{PREMOD})[\s-])?(?:(?P<fiscal>(?:the\s)?(?:fiscal|calendar|model|
        school)(?:\syear)?|the\syear)\s)?(?P<year>{YEAR})""",
    "spelled_year": rf"(?:(?P<the>the\syear)\s)?(?P<year>{SPELLED_YEAR})",
    "decade": rf"""(?:the\s)?(?:(?P<mod>early|late|mid|middle)[\s-])?
        (?:(?P<decade>(?:1[5-9]|20)?\d0|'\d0)'?s|(?P<word>{alternatives(DECADE_WORDS)}))""",
    "century": rf"""(?:the\s)?(?:(?P<mod>early|late|mid)[\s-])?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|
        {_ORDINAL_WORD})[\s-]century""",
    "season": rf"""(?:(?P<mod>{PREMOD})[\s-])?(?:(?P<rel>this\scoming|this\spast|this|last|next|
        the\scoming|coming|past|the\spast|the)\s)?(?P<season>{SEASON})(?:\s(?:of\s)?
        (?P<year>{YEAR}|{SPELLED_YEAR}))?""",
    "quarter": rf"""(?:the\s)?(?:(?P<qyear>{YEAR})\s|(?P<rel>this|last|next)\syear's\s|
        (?P<ago>year-(?:earlier|ago)|year\s(?:earlier|ago))\s)?(?:(?:fiscal|calendar)[\s-])?
        (?P<q>{QUARTER})[\s-](?P<part>quarter|half)(?:\sof\s(?:(?:fiscal\s)?(?P<year>{YEAR})|
        (?P<rel2>this|last|next)\syear|the\syear))?""",
    "the_quarter": rf"""(?:the\s(?:(?:comparable|corresponding|same)\s)?(?P<which>latest|current|
        last|same|comparable|previous|prior|year-earlier|year-ago|year\searlier|fiscal|
        (?P<qyear>{YEAR}))?\s?|(?P<last>last\syear's)\s)(?P<part>quarter|period)
        (?P<back>\sa\syear\s(?:ago|earlier)|\slast\syear|\sof\slast\syear)?""",
    "relative": rf"""(?:(?P<mod>{PREMOD})[\s-])?(?P<rel>this\scoming|this\spast|this|last|next|
        coming|past|previous|following|current|same|latest|that|the(?:\s(?:past|last|next|
        coming|previous|following|current|same|latest|preceding|prior|whole|entire|full))?)
        \s(?:(?P<fiscal>fiscal|calendar)\s)?(?P<unit>{CALENDAR})(?!-)""",
    "anaphor": rf"(?P<rel>the|that)\s(?P<unit>{CALENDAR})\s(?P<dir>before|after|earlier|later)",
    "year_ago": r"(?P<ago>year-(?:earlier|ago)|year\searlier)",
    "year_end": r"(?P<edge>year-end|year's\send|year-ago|midyear|mid-year)",
    "deictic": r"""(?:(?P<mod>early|late|earlier|later|mid)[\s-])?(?:(?P<before>morning|afternoon|
        evening|night)\s)?(?P<deixis>today|tonight|
        yesterday|tomorrow|the\sday\sbefore\syesterday|the\sday\safter\stomorrow)
        (?:\s(?P<part>morning|afternoon|evening|night))?""",
    "part_of_day": rf"""(?:(?P<mod>early|late|earlier|later|mid)[\s-])?(?:(?P<rel>this|last|
        the|that)\s)?(?P<part>{PART})(?!\s(?:of|on)\s(?:the\s)?(?:{DAY}|{MONTH}|{WEEKDAY}))""",
    "weekday": rf"""(?:(?P<mod>early|late|earlier|later|mid)\s)?(?:(?P<rel>this\scoming|
        this\spast|this|last|next|coming|past|the\sprevious|the\sfollowing|the\snext)\s)?
        (?P<wd>{WEEKDAY})(?!\s?\d)(?:\s(?P<part>{PART}))?""",
    "clock": rf"""(?:(?P<approx>about|around|approximately|shortly\s(?:before|after)|just\s
        (?:before|after))\s)?(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s?
        (?P<ampm>[ap]\.m\.|[ap]\.m\b|(?-i:[ap]m)\b)(?:\s{TIMEZONE})?
        (?:,?\s(?:on\s)?(?P<on>{DAY_WORD}))?""",
    "clock24": rf"""(?:(?P<hour>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s{TIMEZONE}|\s?(?P<gmt>GMT|
        hours|hrs)|(?P<oclock>\so'clock))|(?P<hour2>[01]\d|2[0-3])(?P<min2>[0-5]\d)\s?(?-i:GMT|
        UTC|GMT|hrs|hours))(?:,?\s(?:on\s)?(?P<on>{DAY_WORD}))?""",
    "noon": rf"""(?:(?P<approx>about|around|shortly\s(?:before|after)|just\s(?:before|after))\s)?
        (?P<part>noon|midnight|midday)(?:\s{TIMEZONE})?(?:,?\s(?:on\s)?(?P<on>{DAY_WORD}))?""",
    "ago": rf"""(?:(?P<approx>{APPROX})\s)?(?P<num>{NUMBER}|{VAGUE}|just)?\s?(?P<unit>{UNIT})s?
        (?:\sor\sso)?\s(?P<dir>ago|earlier|later|from\snow|hence|back)""",
    "duration": rf"""(?:(?P<approx>{APPROX})\s)?(?:(?P<det>the|a|an|each\sof\sthe)\s)?
        (?:(?P<span>{SPAN})\s)?(?:(?P<approx2>{APPROX})\s)?(?P<num>{NUMBER}|{VAGUE})
        (?:\s(?:to|or)\s(?:{NUMBER}))?(?P<half>\sand\sa\shalf)?
        (?:\s(?:more|additional|straight|consecutive|full|long|trading|business|working))?
        [\s-](?P<unit>{UNIT})s?(?P<half2>\sand\sa\shalf)?
        (?:[\s-](?P<suffix>long|old|or\sso|period|term|span|stint|ahead|to\scome))?""",
    "plural": r"""(?:(?P<det>the)\s)?(?:(?P<span>past|last|next|coming|recent|early|first|
        final|later)\s)?(?P<unit>(?:second|minute|hour|day|week|month|quarter|year|decade)s|
        centuries)(?:\s(?P<ahead>ahead|to\scome))?""",
    "while": r"""(?P<while>a\swhile|some\stime|a\s(?:very\s)?(?:fairly\s)?(?:long|short|lengthy|
        brief)\s(?:time|period|while))""",
    "set": rf"""(?P<every>each|every|per)\s(?:(?P<num>other|{NUMBER})\s)?(?P<unit>{UNIT}|
        {WEEKDAY}|{MONTH}|{SEASON}|weekday|weekend)""",
    "frequency": r"""(?P<freq>weekly|monthly|yearly|hourly|nightly|biweekly|semiannually|
        (?:once|twice|(?:three|four|five|several|\d+)\stimes)\s(?:a|an|per|every|each)\s
        (?:day|week|month|year|quarter))""",
    "weekdays": rf"(?:on\s)?(?P<wds>{WEEKDAY})s",
    "vague": r"""(?P<vague>right\snow|now|currently|at\spresent|the\spresent|presently|nowadays|
        these\sdays|recently|more\srecently|lately|the\spast|the\sfuture|soon|
        the\snear\sfuture|this\smoment|the\stime)""",
    "vague_adj": r"(?P<adj>current|recent)(?=\s[a-z])",
    "then": r"(?:(?<=until\s)|(?<=since\s)|(?<=by\s)|(?<=before\s))(?P<then>then)",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of text one rule recognised, with the rule's groups."""

    rule: str
    start: int
    end: int
    match: re.Match[str]

    def group(self, name: str) -> str | None:
        return self.match.groupdict().get(name)

    def word(self, name: str) -> str:
        """The group lower-cased with its whitespace normalised ("" when it did not match)."""
        return " ".join((self.group(name) or "").lower().split())


def _compile(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w])", re.IGNORECASE | re.VERBOSE)


RULES = {name: _compile(body) for name, body in _RULES.items()}
ORDER = {name: index for index, name in enumerate(RULES)}


#: Words at least one of which every expression contains: the rules run only near them.
TRIGGER = re.compile(
    rf"""(?:1[6-9]|20)\d\d|\d0'?s|\d\s?[ap]\.?m|\d:\d\d|\d\s?(?-i:GMT|UTC)|\d\s?hrs|
    (?<![\w])(?:{MONTH}|{MONTH_NO_DOT}|{WEEKDAY}s?|{HOLIDAY}|(?:{UNIT}|weekend|period|half)s?|
    (?:the|some|long|short|lengthy|brief)\stime|moment|a\swhile|(?:until|since|by|before)\sthen|
    today|tonight|yesterday|tomorrow|now|current(?:ly)?|recent(?:ly)?|present(?:ly)?|nowadays|
    days|lately|past|future|soon|{SEASON}|{PART}|noon|midnight|midday|dawn|daybreak|dusk|
    year-end|midyear|nineteen|eighteen|twenty|thousand|{alternatives(DECADE_WORDS)}|daily|weekly|
    monthly|yearly|hourly|nightly|biweekly|semiannually)(?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)
#: Characters kept before and after a trigger word: expressions reach at most ~25 before
#: their first trigger word and ~16 after their last in TimeBank and 383 news articles.
BEFORE, AFTER = 48, 32


def windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged, each ending before a non-word char.

    A trigger whose stretch ends inside the last one adds nothing: that one already ends before
    a non-word char (so a run of 300,000 digits is read once, not once for each year in it).
    """
    out: list[tuple[int, int]] = []
    for found in TRIGGER.finditer(text):
        start = max(0, found.start() - BEFORE)
        end = min(len(text), found.end() + AFTER)
        if out and end <= out[-1][1]:
            continue
        while end < len(text) and (text[end].isalnum() or text[end] in "_'-"):
            end += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def candidates(text: str) -> list[Candidate]:
    """Every rule's matches, overlaps settled by length (then rule order), in text order."""
    found = [
        Candidate(name, m.start(), m.end(), m)
        for start, end in windows(text)
        for name, pattern in RULES.items()
        for m in pattern.finditer(text, start, end)
        if m.end() > m.start()
    ]
    found.sort(key=lambda c: (c.start - c.end, ORDER[c.rule], c.start))
    chosen: list[Candidate] = []
    taken = bytearray(len(text))  # 1 where a chosen candidate lies: no pass over all of them
    for cand in found:
        if taken.find(1, cand.start, cand.end) == -1:
            chosen.append(cand)
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    return sorted(chosen, key=lambda c: c.start)
