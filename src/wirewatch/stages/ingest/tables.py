"""JSON Lines and CSV as streams: each record read in bounded memory, whatever the file.

``lines`` splits JSON Lines on b"\\n" only, as its specification says (a JSON string may
hold U+2028 or U+0085). ``Rows`` hands the csv module each line in pieces of at most
``max_bytes``, stops a row that grows past it, and reads on to that row's end so that the
rows after it are read as usual. Neither ever holds more than one record.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any


def lines(handle: IO[bytes], limit: int) -> Iterator[tuple[bytes, int]]:
    """Each line (at most ``limit`` + 1 bytes of it) and its length; a longer line's rest is
    skipped a piece at a time, never held. Only "\\n" ends a line, as JSON Lines says: JSON
    strings may hold U+2028 and other characters that ``str.splitlines`` would split at.
    """
    while line := handle.readline(limit + 1):
        size = len(line)
        last = line
        if not line.endswith(b"\n") and size > limit:
            while piece := handle.readline(65_536):
                size += len(piece)
                last = piece
                if piece.endswith(b"\n"):
                    break
        yield line.rstrip(b"\r\n"), size - (len(last) - len(last.rstrip(b"\r\n")))


class TooLong(Exception):
    """A CSV row over the byte limit."""


class Rows:
    """The CSV rows of a byte stream, each read in at most ``limit`` bytes.

    Lines are split as with ``newline=""`` (at "\\n", "\\r\\n" or "\\r"). A byte that is not
    UTF-8 is read as a lone surrogate (``surrogateescape``) and noted in ``bad``, so that
    only its row fails. After ``TooLong`` or a ``csv.Error``, ``skip`` reads on to the end
    of the row, where its quotes balance at a line end, and the next row is read afresh.
    """

    def __init__(self, handle: IO[bytes], limit: int) -> None:
        csv.field_size_limit(max(limit, 1))
        self.text = io.TextIOWrapper(handle, "utf-8-sig", errors="surrogateescape", newline="")
        self.limit = limit
        self.size = 0  # bytes of the row read so far
        self.quotes = 0  # quote characters in the row read so far
        self.ended = True  # whether the last piece read ended a line
        self.ending = 0  # how many bytes of the last piece were its line end
        self.bad = ""  # the first byte of the row that is not UTF-8, as its surrogate
        self.reader = csv.reader(self)

    def next(self) -> list[str]:
        """The next row ([] for a blank line); StopIteration at the end."""
        self.size = self.quotes = 0
        self.bad = ""
        return next(self.reader)

    def skip(self) -> int:
        """Read on to the end of the row that failed; its size in bytes."""
        while (not self.ended or self.quotes % 2) and self._piece():
            pass
        self.reader = csv.reader(self)
        return self.size - self.ending

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        piece = self._piece()
        if not piece:
            raise StopIteration
        if self.size - self.ending > self.limit:
            raise TooLong
        return piece

    def _piece(self) -> str:
        piece = self.text.readline(self.limit + 2)
        try:
            self.size += len(piece.encode("utf-8"))
        except UnicodeEncodeError as exc:
            self.bad = self.bad or piece[exc.start]
            self.size += len(piece.encode("utf-8", "surrogateescape"))
        self.quotes += piece.count('"')
        self.ending = len(piece) - len(piece.rstrip("\r\n"))  # the line end, not the row's
        self.ended = self.ending > 0
        return piece


class Replay(io.RawIOBase):
    """A stream whose first bytes were read already (to sniff it), given back first."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.head[: len(buffer)] if self.head else self.rest.read(len(buffer))
        self.head = self.head[len(data) :]
        buffer[: len(data)] = data
        return len(data)
