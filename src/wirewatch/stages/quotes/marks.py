"""Direct quotations by their marks: where each quoted stretch of ``Article.text`` lies.

Handles curly (“ ” ‘ ’), straight (") and doubled-apostrophe ('') double marks, « »,
top-level curly single quotes, quotations that run over several paragraphs (the
wire convention: each quoted paragraph opens again and only the last one closes) and
unbalanced marks: a quotation left open closes at the end of its paragraph, a stray
closing mark closes one that began at the start of its paragraph. Marks nest one level
(single inside double); inner marks are part of the content.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator

#: Double marks and whether they open (1), close (-1) or depend on the state (0).
DOUBLE = {"“": 1, "«": 1, "„": 1, "”": -1, "»": -1, '"': 0, "''": 0}
MARK = re.compile(r"''|[“”«»„\"‘’]")


def spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the quotations in ``text``, marks included, in text order."""
    found: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        found.extend((start + a, start + b) for a, b in _in_paragraph(paragraph))
        start += len(paragraph) + 1
    return tuple(found)


def _in_paragraph(text: str) -> Iterator[tuple[int, int]]:
    opened: int | None = None
    single: int | None = None
    for match in MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark in ("‘", "’"):
            if opened is None:
                single, done = _single(text, mark, at, single)
                if done is not None:
                    yield done
            continue
        role = DOUBLE[mark]
        if opened is None:
            if role >= 0:
                opened = at
            elif at > 0:
                yield 0, match.end()  # a stray closer: the quotation began with the paragraph
            continue
        if role > 0:
            yield opened, _trim_end(text, at)  # an opener while open: the last one never closed
            opened = at
        else:
            yield opened, match.end()
            opened = None
    if opened is not None and len(text.rstrip()) - opened > 1:
        yield opened, len(text.rstrip())  # left open: it runs to the end of the paragraph


def _single(
    text: str, mark: str, at: int, single: int | None
) -> tuple[int | None, tuple[int, int] | None]:
    """Top-level ‘…’ quotations; ’ inside a word or after a plural s is an apostrophe."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if mark == "‘" and not before.isalnum():
        return at, None
    if mark == "’" and single is not None and not after.isalnum() and at - single > 2:
        return None, (single, at + 1)
    return single, None


def _trim_end(text: str, end: int) -> int:
    return len(text[:end].rstrip())


def inside(quotes: tuple[tuple[int, int], ...], start: int, end: int) -> int:
    """How many characters of ``start:end`` lie inside quotation marks."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in quotes)


def kind(quotes: tuple[tuple[int, int], ...], start: int, end: int, text: str) -> str:
    """direct (all quoted), mixed (partly) or indirect (none), counting letters only.

    A leading "that" does not count: "stressed that “protection is not escalation.”" is direct.
    """
    if text[start : start + 5].lower() == "that ":
        start += 5
    letters = _letters(text, start, end)
    if not letters:
        return "indirect"
    quoted = sum(
        _letters(text, max(start, a), min(end, b)) for a, b in quotes if a < end and b > start
    )
    if quoted >= 0.9 * letters:
        return "direct"
    return "mixed" if quoted else "indirect"


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def at(quotes: tuple[tuple[int, int], ...], offset: int) -> bool:
    """Whether character ``offset`` lies inside a quotation (``quotes`` in text order)."""
    i = bisect.bisect_right(quotes, (offset, sys.maxsize)) - 1
    return i >= 0 and quotes[i][0] <= offset < quotes[i][1]
