"""Time: every date expression, resolved against the publication date.

``timexes`` finds TimeML-style expressions (``rules``), reads the tense around each
from the spaCy parse, and resolves them (``registry``) against the anchor: "Friday"
is the last Friday or the publication day itself (the next one when the verb looks ahead),
"a day earlier" counts from the last day the text named, "since February 2022" runs to the
publication date. The stage keeps dates and times as ``TimeRef``s (published 2024-05-31):

==========================  ======================  =========  ============================
expression                  value                   precision  note
==========================  ======================  =========  ============================
Friday, May 31, 2024        2024-05-31              day
10 p.m. Friday              2024-05-31              day        clock times keep their day
last week                   2024-W21                week       ISO week
this month, May 2024        2024-05                 month
2024, last year             2024, 2023              year
overnight, last night       2024-05-30/2024-05-31   interval   the night before publication
the weekend                 2024-05-25/2024-05-26   interval   Saturday/Sunday
the third quarter           2023-07/2023-09         interval   first/last month
summer 2024                 2024-06/2024-08         interval   meteorological seasons
the 1990s                   1990/1999               interval   decades and centuries
since February 2022         2022-02/2024-05-31      interval   the span starts at "since"
==========================  ======================  =========  ============================

Durations ("three years"), repetitions ("every week") and vague words ("recently", "now")
are not dates and stay out of ``Article.times`` (``timexes`` still returns them, typed as
TimeML does). Without a publication date, expressions that need one keep their text with
value and precision None; fully written dates ("May 31, 2024") resolve all the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from wirewatch.pipeline import Stage
from wirewatch.records import Article, Span, TimeRef
from wirewatch.settings import Settings
from wirewatch.stages.time import amounts, normalise, relative, rules
from wirewatch.stages.time.registry import Timex, resolve
from wirewatch.stages.time.values import SEASON_START

VERSION = "2"
#: Every handler module registers its rules on import; all of them are needed.
HANDLER_MODULES = (normalise, relative, amounts)
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
PAST_AUX = frozenset({"did", "had", "was", "were", "'d"})
#: Plural nouns a year may stand before ("1990 elections"), unlike counted ones ("2000 troops").
DATE_NOUNS = frozenset(
    {"olympics", "elections", "games", "results", "earnings", "sales", "profits", "figures"}
)


#: Rules whose words are also names.
NAMES_AT_RISK = frozenset({"month", "weekday", "deictic", "part_of_day", "relative"})


def stage(settings: Settings | None = None) -> Stage:
    """The time stage: ``Article.times`` from the parse and the publication date."""

    def run(article: Article) -> Article:
        return replace(article, times=refs(article))

    return Stage(name="time", version=VERSION, run=run, requires=("doc",), assigns=("times",))


def refs(article: Article) -> tuple[TimeRef, ...]:
    """The article's date expressions as TimeRefs (see the module docstring)."""
    anchor = article.published
    found = timexes(article.text, anchor, article.doc)
    out = (to_ref(article.text, t, anchor, article.doc) for t in found)
    return tuple(r for r in out if r is not None)


def timexes(text: str, anchor: dt.date | None, doc: Any = None) -> list[Timex]:
    """TimeML-style expressions (DATE, TIME, DURATION, SET) with values, in text order."""
    found = [c for c in rules.candidates(text) if doc is None or _plausible(c, doc)]
    parsed = doc is not None and doc.has_annotation("DEP")  # a model without a parser: no tense
    tenses = [tense(doc, c.start) if parsed else "" for c in found]
    return resolve(text, found, anchor, tenses)


# --- reading the parse -----------------------------------------------------


def _tokens(doc: Any, start: int, end: int) -> Any:
    return doc.char_span(start, end, alignment_mode="expand")


def _plausible(cand: rules.Candidate, doc: Any) -> bool:
    """Drop what the parse shows is no date: "May" the modal, "2000 people"."""
    span = _tokens(doc, cand.start, cand.end)
    if span is None or len(span) == 0:
        return True
    first = span[0]
    if first.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART") and cand.rule in NAMES_AT_RISK:
        return False  # "Theresa May", "Joe Friday"
    if cand.rule == "month" and len(span) == 1:
        named = first.i > 0 and first.nbor(-1).pos_ == "PROPN"  # "Theresa May"
        return bool(first.tag_ != "MD" and first.pos_ != "VERB" and not named)
    if cand.rule == "year" and len(span) == 1:
        head = first.head
        counted = first.dep_ == "nummod" and head.tag_ == "NNS" and head.i == first.i + 1
        return not (counted and head.lower_ not in DATE_NOUNS)
    return True


def tense(doc: Any, char: int) -> str:
    """ "past", "future", "present" or "" for the clause around the character ``char``."""
    span = _tokens(doc, char, char + 1)
    if span is None or len(span) == 0:
        return ""
    token = span[0]
    if token.i > 0 and token.nbor(-1).lower_ == "since":
        return "past"
    verb = _governing_verb(token)
    if verb is None:
        return ""
    found = _verb_tense(verb)
    return "" if found == "present" and not _modifies(token, verb) else found


def _modifies(token: Any, verb: Any) -> bool:
    """ "meet Monday", "meet on Monday": the date modifies the verb itself."""
    return token.head is verb or (token.dep_ == "pobj" and token.head.head is verb)


def _governing_verb(token: Any) -> Any:
    node = token
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX") and node is not token:
            return node
        if node.head is node:
            break
        node = node.head
    root = token.sent.root
    return root if root.pos_ in ("VERB", "AUX") else None


def _finite_tense(verb: Any) -> str:
    """The tense of the verb an infinitive hangs from ("had been due to expire"); a bare
    participle above it ("talks set to resume") tells nothing and is skipped."""
    node = verb
    for _ in range(6):
        if node.head is node:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX", "ADJ"):
            return ""  # out of the clause: "attempts, set to resume Monday"
        if node.pos_ == "ADJ" or node.tag_ == "VB":
            continue
        if node.tag_ in ("VBN", "VBG") and not any(c.dep_ == "aux" for c in node.children):
            continue
        return _verb_tense(node)
    return ""


def _verb_tense(verb: Any) -> str:
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX or "going" in auxes:
        return "future"
    if verb.tag_ in ("VBD",) or auxes & PAST_AUX:
        return "past"
    if verb.tag_ == "VBN" and (auxes & {"has", "have", "'s", "'ve"} or not auxes):
        return "past"
    if verb.tag_ == "VB" and "to" in auxes:
        return "past" if _finite_tense(verb) == "past" else "future"
    if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re", "am"}:
        return "future"
    return "present" if verb.tag_ in ("VBZ", "VBP") else ""


# --- from TimeML values to TimeRefs ----------------------------------------

NIGHT = re.compile(r"^(\d{4}-\d\d-\d\d)TNI$")
DAY_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)T")


def to_ref(text: str, timex: Timex, anchor: dt.date | None, doc: Any = None) -> TimeRef | None:
    """A TimeRef for a DATE or TIME; None for durations, sets and vague words."""
    if timex.type not in ("DATE", "TIME") or (timex.value or "").endswith("_REF"):
        return None
    span = Span(start=timex.start, end=timex.end, text=text[timex.start : timex.end])
    iso = anchor.isoformat() if anchor else None
    if timex.value is None:
        return TimeRef(value=None, precision=None, text=span.text, anchor=iso, span=span)
    value, precision = calendar(timex.value)
    since = _since(text, timex.start, doc)
    if since is not None and anchor is not None and precision != "interval":
        span = Span(start=since, end=timex.end, text=text[since : timex.end])
        value, precision = f"{value}/{anchor.isoformat()}", "interval"
    return TimeRef(value=value, precision=precision, text=span.text, anchor=iso, span=span)


def calendar(value: str) -> tuple[str, str]:
    """A TimeML value as ISO 8601 with a precision (day, week, month, year or interval)."""
    night = NIGHT.match(value)
    if night:
        day = dt.date.fromisoformat(night.group(1))
        return f"{day.isoformat()}/{(day + dt.timedelta(days=1)).isoformat()}", "interval"
    timed = DAY_TIME.match(value)
    if timed:
        return timed.group(1), "day"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value, "day"
    if re.fullmatch(r"\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d", value):
        return value, "interval"  # "3-4 May 2023", "between 1 and 5 May"
    if re.fullmatch(r"\d{4}-W\d\d", value):
        return value, "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return value, "month"
    if re.fullmatch(r"\d{4}", value):
        return value, "year"
    return _stretch(value), "interval"


def _stretch(value: str) -> str:
    """Weekends, quarters, halves, seasons, decades and centuries as first/last intervals."""
    weekend = re.fullmatch(r"(\d{4})-W(\d\d)-WE", value)
    if weekend:
        saturday = dt.date.fromisocalendar(int(weekend.group(1)), int(weekend.group(2)), 6)
        return f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"
    part = re.fullmatch(r"(\d{4})-(Q|H)(\d)", value)
    if part:
        size = 3 if part.group(2) == "Q" else 6
        first = (int(part.group(3)) - 1) * size + 1
        year = part.group(1)
        return f"{year}-{first:02d}/{year}-{first + size - 1:02d}"
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if season:
        year, first = int(season.group(1)), SEASON_START[season.group(2)]
        last = (first + 1) % 12 + 1
        return f"{year}-{first:02d}/{year + (1 if last < first else 0)}-{last:02d}"
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0/{value}9"
    return f"{value}00/{value}99"


SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _since(text: str, start: int, doc: Any) -> int | None:
    """Where "since" starts when the date is what something has lasted since."""
    before = SINCE.search(text[max(0, start - 12) : start])
    if before:
        return max(0, start - 12) + before.start()
    if doc is None:
        return None
    span = _tokens(doc, start, start + 1)
    node = span[0] if span is not None and len(span) else None
    for _ in range(8):
        if node is None or node.head is node or node.pos_ in ("VERB", "AUX"):
            return None
        node = node.head
        if node.lower_ == "since":
            return int(node.idx)
    return None
