"""Direct quotations by their marks: where each quoted stretch of ``Article.text`` lies.

Handles curly (“ ” ‘ ’), straight (") and doubled-apostrophe ('') double marks, « »,
top-level curly single quotes, quotations that run over several paragraphs (the
wire convention: each quoted paragraph opens again and only the last one closes) and
unbalanced marks: a quotation left open closes at the end of its paragraph, a stray
closing mark closes one that began at the start of its paragraph. Marks nest one level
(single inside double); inner marks are part of the content.

``Index`` answers the rules' questions about the spans (which overlap a stretch, which
ends or starts near a word, how many letters are quoted) in logarithmic time: a huge
paragraph may hold tens of thousands of quotations, and the rules ask once per verb.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Iterator
from itertools import accumulate

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


def kind(quotes: tuple[tuple[int, int], ...], start: int, end: int, text: str) -> str:
    """direct (all quoted), mixed (partly) or indirect (none): ``Index.kind`` for one question."""
    return Index(text, quotes).kind(start, end)


def at(quotes: tuple[tuple[int, int], ...], offset: int) -> bool:
    """Whether character ``offset`` lies inside a quotation (``quotes`` in text order)."""
    i = bisect.bisect_right(quotes, (offset, sys.maxsize)) - 1
    return i >= 0 and quotes[i][0] <= offset < quotes[i][1]


class Index:
    """The spans of one text (in the order ``spans`` gives them: by where each closes), with
    what answers each question without a pass over all of them. Answers are those of a plain
    pass over the spans in that order."""

    def __init__(self, text: str, quotes: tuple[tuple[int, int], ...]) -> None:
        self.text = text
        self.quotes = quotes
        self.starts = [a for a, _ in quotes]
        self.reach = list(accumulate((b for _, b in quotes), max))  # furthest end so far
        self.furthest = list(accumulate(self.starts, max))  # latest start so far
        self.earliest = list(accumulate(reversed(self.starts), min))[::-1]  # least start to come
        self.in_order = all(b == most for (_, b), most in zip(quotes, self.reach, strict=True))
        ordered = sorted(q for q in quotes if q[0] < q[1])
        self.sorted_starts = [a for a, _ in ordered]
        self.sorted_reach = list(accumulate((b for _, b in ordered), max))
        self.first_at: dict[int, int] = {}  # start -> index of the first span starting there
        self.closing: dict[int, list[int]] = {}  # end -> indices of the spans ending there
        for i, (a, b) in enumerate(quotes):
            self.first_at.setdefault(a, i)
            self.closing.setdefault(b, []).append(i)
        self.start_keys = sorted(self.first_at)
        self.end_keys = sorted(self.closing)

    def touches(self, start: int, end: int) -> bool:
        """Whether any character of ``start:end`` lies inside quotation marks."""
        k = bisect.bisect_left(self.sorted_starts, end)
        return start < end and k > 0 and self.sorted_reach[k - 1] > start

    def first_from(self, position: int, after: int = 0) -> int:
        """The index of the first span from index ``after`` on that starts at ``position`` or
        later (``len(quotes)`` when none)."""
        i = bisect.bisect_left(self.furthest, position)
        if i >= after:
            return i
        # Only spans out of text order get here: a plain pass from ``after``.
        later = range(after, len(self.quotes))
        return next((j for j in later if self.starts[j] >= position), len(self.quotes))

    def ending_in(self, low: int, high: int) -> list[int]:
        """Indices of the spans that end at ``low`` … ``high`` (both included)."""
        keys = self.end_keys[
            bisect.bisect_left(self.end_keys, low) : bisect.bisect_right(self.end_keys, high)
        ]
        return [i for key in keys for i in self.closing[key]]

    def starting_in(self, low: int, high: int) -> list[tuple[int, int]]:
        """(start, index of the first span starting there) for starts ``low`` … ``high``."""
        keys = self.start_keys[
            bisect.bisect_left(self.start_keys, low) : bisect.bisect_right(self.start_keys, high)
        ]
        return [(key, self.first_at[key]) for key in keys]

    def grow(self, start: int, end: int) -> tuple[int, int]:
        """``start:end`` grown, in one pass over the spans, by each span that overlaps it then.

        No span before the first that ends after ``start`` can overlap. From there, spans in
        text order (as ``spans`` gives them: each ends where or after the one before) overlap
        exactly when they start before the end so far: the end grows to that of the last such
        span until no later one starts before it, and the start to the least start among them.
        """
        i = bisect.bisect_right(self.reach, start)
        if not self.in_order:
            return self._grow_plainly(i, start, end)
        if i == len(self.quotes) or self.earliest[i] >= end:
            return start, end
        least = self.earliest[i]
        while (grown := max(end, self.reach[self._last_before(end, i)])) > end:
            end = grown
        return min(start, least), end

    def _last_before(self, position: int, first: int) -> int:
        """The last index from ``first`` on of a span that starts before ``position``."""
        return bisect.bisect_left(self.earliest, position, lo=first) - 1

    def _grow_plainly(self, i: int, start: int, end: int) -> tuple[int, int]:
        """``grow`` for spans out of text order: a pass from ``i`` while a later one may overlap."""
        while i < len(self.quotes) and self.earliest[i] < end:
            a, b = self.quotes[i]
            if a < end and b > start:
                start, end = min(start, a), max(end, b)
            i += 1
        return start, end

    def kind(self, start: int, end: int) -> str:
        """direct (all quoted), mixed (partly) or indirect (none), counting letters only;
        a letter inside two nested quotations counts twice.

        A leading "that" does not count: "stressed that “protection is not escalation.”" is direct.
        """
        if self.text[start : start + 5].lower() == "that ":
            start += 5
        start, end = max(0, start), min(end, len(self.text))
        letters = self._letters[end] - self._letters[start] if start < end else 0
        if not letters:
            return "indirect"
        quoted = self._quoted(end) - self._quoted(start)
        if quoted >= 0.9 * letters:
            return "direct"
        return "mixed" if quoted else "indirect"

    @functools.cached_property
    def _letters(self) -> list[int]:
        """How many letters and digits precede each offset."""
        return list(accumulate(map(str.isalnum, self.text), initial=0))

    @functools.cached_property
    def _depths(self) -> tuple[list[int], list[int], list[int]]:
        """Offsets where the number of spans covering a character changes, that number from
        each one on, and the quoted letters (times that number) before each."""
        change: dict[int, int] = {}
        for a, b in self.quotes:
            if a < b:
                change[a] = change.get(a, 0) + 1
                change[b] = change.get(b, 0) - 1
        points = sorted(change)
        depths = list(accumulate(change[p] for p in points))
        weighted = [0]
        for k in range(1, len(points)):
            stretch = self._letters[points[k]] - self._letters[points[k - 1]]
            weighted.append(weighted[-1] + depths[k - 1] * stretch)
        return points, depths, weighted

    def _quoted(self, offset: int) -> int:
        """Quoted letters before ``offset``, a letter counted once for each span around it."""
        points, depths, weighted = self._depths
        k = bisect.bisect_right(points, offset) - 1
        if k < 0:
            return 0
        return weighted[k] + depths[k] * (self._letters[offset] - self._letters[points[k]])
