"""What the corpus stages read in a text: words, shingles, terms and facts.

No spaCy here: the corpus stages must stay cheap enough for a million articles.

- ``shingles``: hashed word n-grams of the casefolded text, for near-duplicate detection.
- ``terms``: content words (title counted twice) for story clustering.
- ``facts``: what survives a rewrite that changes the words: names, numbers and the
  words inside quotation marks.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from wirewatch.resources import word_list

_EXTRA = (
    "said says say told also would could will just like one two new year years last first "
    "may can many more most much than then them they their there these those very while "
    "where when which who whom whose what after before over into about against between "
    "during through under still since even well back time people according including "
    "monday tuesday wednesday thursday friday saturday sunday mr mrs ms"
)
#: Function words (the list ingest uses to tell English) plus words every news story has.
STOP = word_list("english_words.txt") | frozenset(_EXTRA.split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_NAME = re.compile(r"(?<![.!?\"“]\s)(?<!^)(?<!\n)\b[A-Z][\w'’.-]*[\w]")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,400})[\"”]")


def words(text: str) -> list[str]:
    """Casefolded words, possessive 's dropped."""
    found = [w.casefold() for w in _WORD.findall(text)]
    return [w[:-2] if w.endswith(("'s", "’s")) else w for w in found]


def stable_hash(value: str) -> int:
    """A 32-bit hash that is the same in every process (Python's ``hash`` is not)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=4).digest(), "big")


def shingles(text: str, size: int = 4) -> set[bytes]:
    """The word ``size``-grams of ``text`` (the whole text when shorter), as bytes."""
    found = words(text)
    if len(found) <= size:
        return {" ".join(found).encode("utf-8")} if found else set()
    return {" ".join(found[i : i + size]).encode("utf-8") for i in range(len(found) - size + 1)}


def terms(title: str | None, text: str, *, headline: int = 2) -> Counter[str]:
    """Content words of an article for clustering; the headline counts ``headline`` times."""
    found = Counter(_content(words(text)))
    for word in _content(words(title or "")):
        found[word] += headline
    return found


def _content(found: Iterable[str]) -> Iterable[str]:
    return (w for w in found if len(w) > 2 and w not in STOP and not w.isdigit())


def facts(text: str) -> npt.NDArray[np.uint32]:
    """Hashes of the names, numbers and quoted word pairs in ``text``, sorted and unique.

    A rewrite changes the words around the facts but keeps who, how many and the quotes.
    """
    found = {"n:" + m.group(0).casefold() for m in _NAME.finditer(text)}
    found |= {"d:" + m.group(0).rstrip(".,") for m in _NUMBER.finditer(text)}
    for quote in _QUOTED.finditer(text):
        said = words(quote.group(1))
        found |= {f"q:{a} {b}" for a, b in itertools.pairwise(said)}
    found = {f for f in found if f[2:].casefold() not in STOP}
    return np.unique(np.array([stable_hash(f) for f in found], dtype=np.uint32))


def overlap(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sorted unique hash sets."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))
