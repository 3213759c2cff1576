"""Rewritten copies of an article that know where each original character went.

Outlets republish a wire story with a new byline or dateline, small word changes, a footer,
sentences reordered and paragraphs dropped. ``variant`` makes such a copy of a text,
deterministically from a seed, as a list of pieces: runs copied from the original, words
replaced by a synonym (the whole word maps onto the whole replacement) and added lines.
``Variant.span`` maps an offset span of the original onto the copy, or says it was dropped,
so the annotations of the original (mention offsets) hold for the copy too.

Kinds: ``edited`` is the edited copy of issue 17 (a new byline, two small word edits, one
footer line); ``rewrite`` has a new byline, one paragraph dropped (never the
first), the sentences of every paragraph reordered (the lead sentence stays first),
synonyms swapped and a footer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("edited", "rewrite")

#: Synonyms that keep the facts (no names, numbers, negations or dates change).
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "officials": "authorities",
    "people": "residents",
    "city": "town",
    "began": "started",
    "after": "following",
    "near": "close to",
    "also": "additionally",
    "forces": "troops",
    "attack": "assault",
    "attacks": "assaults",
    "statement": "communique",
    "talks": "negotiations",
    "ship": "vessel",
    "ships": "vessels",
    "about": "around",
    "because": "as",
    "building": "structure",
}
BYLINES = ("By Maria Keller, Evening Post", "By Tomas Ortiz | Morning Ledger")
FOOTERS = (
    "Follow the Evening Post for more world news.",
    "This report was updated with further details.",
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the copy: ``text`` in place of the original's ``[start, end)`` (None: added);
    ``copied`` runs map character by character, a replaced word as a whole."""

    text: str
    start: int | None = None
    end: int | None = None
    copied: bool = True


@dataclass(frozen=True, slots=True)
class Variant:
    kind: str
    text: str
    pieces: tuple[Piece, ...]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the original's ``[start, end)`` is in the copy; None when it was dropped."""
        first, last = self._where(start, True), self._where(end - 1, False)
        if first is None or last is None or last < first:
            return None
        return first, last

    def _where(self, pos: int, opening: bool) -> int | None:
        at = 0
        for piece in self.pieces:
            if piece.start is not None and piece.end is not None and piece.start <= pos < piece.end:
                if piece.copied:
                    return at + pos - piece.start + (0 if opening else 1)
                return at if opening else at + len(piece.text)
            at += len(piece.text)
        return None


def variant(text: str, kind: str, seed: str) -> Variant:
    """A ``kind`` copy of ``text`` (one of ``KINDS``), the same for the same seed."""
    rng = random.Random(f"{seed}:{kind}")
    paragraphs = [list(_sentences(text, p)) for p in _paragraphs(text)]
    if kind == "edited":
        body = [[[Piece(text[a:b], a, b)] for a, b in para] for para in paragraphs]
        return _assemble(kind, BYLINES[0], _edit_words(text, body, rng), FOOTERS[0])
    if kind != "rewrite":
        raise ValueError(f"unknown variant kind {kind!r}: choose one of {', '.join(KINDS)}")
    if len(paragraphs) >= 4:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    body = []
    for n, para in enumerate(paragraphs):
        lead, rest = (para[:1], para[1:]) if n == 0 else ([], list(para))
        rng.shuffle(rest)
        body.append([_swapped(text, a, b, rng, 0.6) for a, b in (*lead, *rest)])
    return _assemble(kind, BYLINES[1], body, FOOTERS[1])


#: A copy's body: paragraphs of sentences of pieces.
Body = list[list[list[Piece]]]


def _assemble(kind: str, byline: str, body: Body, footer: str) -> Variant:
    pieces: list[Piece] = [Piece(byline + "\n")]
    for n, para in enumerate(body):
        for m, sentence in enumerate(para):
            pieces.extend(sentence)
            if m < len(para) - 1:
                pieces.append(Piece(" "))
        if n < len(body) - 1:
            pieces.append(Piece("\n"))
    pieces.append(Piece("\n" + footer + "\n"))
    return Variant(kind, "".join(p.text for p in pieces), tuple(pieces))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            yield match.start(), match.end()


_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'])")


def _sentences(text: str, paragraph: tuple[int, int]) -> Iterator[tuple[int, int]]:
    start, end = paragraph
    for cut in _BOUNDARY.finditer(text, start, end):
        yield start, cut.start()
        start = cut.end()
    yield start, end


_WORD = re.compile(r"[A-Za-z]+")


def _swapped(text: str, start: int, end: int, rng: random.Random, share: float) -> list[Piece]:
    """The sentence ``[start, end)`` with some of its words replaced by synonyms."""
    pieces: list[Piece] = []
    at = start
    for match in _WORD.finditer(text, start, end):
        word = match.group(0)
        if word.lower() in SYNONYMS and rng.random() < share:
            if match.start() > at:
                pieces.append(Piece(text[at : match.start()], at, match.start()))
            pieces.append(Piece(_cased(SYNONYMS[word.lower()], word), *match.span(), False))
            at = match.end()
    if end > at:
        pieces.append(Piece(text[at:end], at, end))
    return pieces


def _cased(new: str, old: str) -> str:
    return new[0].upper() + new[1:] if old[0].isupper() else new


def _edit_words(text: str, body: Body, rng: random.Random) -> Body:
    """Two small edits: a synonym in two sentences (not the lead), chosen by ``rng``."""
    editable = [
        (n, m)
        for n, para in enumerate(body)
        for m, (piece,) in enumerate(para)
        if (n or m) and any(w.lower() in SYNONYMS for w in _WORD.findall(piece.text))
    ]
    for n, m in rng.sample(editable, min(2, len(editable))):
        (piece,) = body[n][m]
        assert piece.start is not None and piece.end is not None
        body[n][m] = _swapped_once(text, piece.start, piece.end)
    return body


def _swapped_once(text: str, start: int, end: int) -> list[Piece]:
    match = next(m for m in _WORD.finditer(text, start, end) if m.group(0).lower() in SYNONYMS)
    word = match.group(0)
    return [
        p
        for p in (
            Piece(text[start : match.start()], start, match.start()),
            Piece(_cased(SYNONYMS[word.lower()], word), *match.span(), False),
            Piece(text[match.end() : end], match.end(), end),
        )
        if p.text
    ]
