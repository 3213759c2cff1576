"""RSS and Atom feeds: the first ``max_feed_items`` items, and the links of the rest.

feedparser builds a dictionary for every item, some twenty times the item's bytes: a feed
of 100,000 small items took 174 MB and 11 s to parse whole. So expat first scans the feed
(streaming, no tree) to count its items and note where the last item kept ends; feedparser
then reads only the feed up to there, properly closed. Of the items past the limit only
their links are kept, for the record of what was skipped. A feed expat cannot read (an
undeclared entity, broken markup) goes to feedparser whole, as before: its size is bounded
by ``max_bytes`` anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

import feedparser

ITEMS = ("item", "entry")


@dataclass(frozen=True, slots=True)
class Feed:
    """What a feed holds: the entries to read, the links of the items past the limit (None
    for an item without one), or why it is not a feed."""

    entries: list[Any]
    skipped: list[str | None] = field(default_factory=list)
    error: str | None = None

    @property
    def total(self) -> int:
        return len(self.entries) + len(self.skipped)


def parse(data: bytes, limit: int) -> Feed:
    """The feed in ``data``, its entries cut at ``limit``."""
    scan = _Scan(data, limit)
    readable = scan.run()
    parsed = feedparser.parse(scan.head() if readable else data)
    skipped = _links(parsed.entries, limit) + (scan.skipped if readable else [])
    entries = parsed.entries[:limit]
    error = None
    if parsed.bozo and not parsed.entries:
        error = str(parsed.get("bozo_exception"))
    return Feed(entries, skipped, error)


def _links(entries: list[Any], limit: int) -> list[str | None]:
    return [entry.get("link") or None for entry in entries[limit:]]


class _Scan:
    """One expat pass over a feed: where item ``limit`` ends, and the links of the later ones."""

    def __init__(self, data: bytes, limit: int) -> None:
        self.data = data
        self.limit = limit
        self.open: list[str] = []  # the elements open now, outermost first
        self.item = 0  # depth of the item being read (0: outside any item)
        self.count = 0
        self.cut: tuple[int, list[str]] | None = None  # end of the last item kept, open elements
        self.link: str | None = None  # the link of the item being read, past the limit
        self.text: list[str] | None = None  # the text of the RSS <link> being read
        self.skipped: list[str | None] = []

    def run(self) -> bool:
        """Scan the feed; False when expat cannot read it."""
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = lambda name: self._end(parser.CurrentByteIndex)
        parser.CharacterDataHandler = self._characters
        try:
            parser.Parse(self.data, True)
        except (expat.ExpatError, ValueError):
            return False
        return True

    def head(self) -> bytes:
        """The feed up to the end of the last item kept, its open elements closed."""
        if self.cut is None:
            return self.data
        end, still_open = self.cut
        closers = "".join(f"</{name}>" for name in reversed(still_open))
        return self.data[:end] + closers.encode("utf-8")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.open.append(name)
        local = name.rpartition(":")[2]
        if not self.item and local in ITEMS:
            self.item = len(self.open)
            self.count += 1
            self.link = None
        elif self.item and len(self.open) == self.item + 1 and self.count > self.limit:
            if local == "link" and "href" in attrs:  # Atom: the alternate link is the page
                if attrs.get("rel", "alternate") == "alternate":
                    self.link = self.link or attrs["href"].strip() or None
            elif local == "link":
                self.text = []

    def _characters(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def _end(self, at: int) -> None:
        if self.text is not None:
            self.link = self.link or "".join(self.text).strip() or None
            self.text = None
        if len(self.open) == self.item:
            self.item = 0
            if self.count == self.limit:
                self.cut = (self.data.index(b">", at) + 1, self.open[:-1])
            elif self.count > self.limit:
                self.skipped.append(self.link)
        self.open.pop()
