"""Tolls: "killing at least six people" → Count(dead, 6, "at least").

Works on the spaCy parse of one sentence: a toll word (killed, dead, death, wounded, arrested,
...) and the number that counts its victims, wherever the grammar puts them:

- "killing at least six people", "wounded two British soldiers" (the victims are the object)
- "at least three Iraqi civilians have been killed", "20 people died" (the victims are subject)
- "resulting in the death of over 10,000 civilians" (the victims follow "of")
- "six dead", "12 arrested" (the number itself)

The qualifier is what precedes the number: "at least", "more than", "over", "about", "up to".
A single victim ("killed the deputy chief", "a prisoner died") counts 1; a count without a
number ("dozens of people") is not guessed.
"""

from __future__ import annotations

import re
from typing import Any

from wirewatch.records import Count, Span

KINDS = {
    "dead": frozenset({"kill", "die", "dead", "death", "slay", "massacre", "execute", "behead"}),
    "injured": frozenset({"wound", "injure", "injured", "hurt", "wounded", "injury"}),
    "arrested": frozenset({"arrest", "detain", "capture", "jail", "imprison", "apprehend"}),
    "missing": frozenset({"missing"}),
    "displaced": frozenset({"displace", "displaced", "flee", "evacuate"}),
}
VICTIMS = frozenset({"dobj", "nsubjpass", "attr"})
INTRANSITIVE = frozenset({"die", "dead", "missing", "flee"})
QUALIFIERS = (
    "at least",
    "more than",
    "as many as",
    "up to",
    "at most",
    "fewer than",
    "less than",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "an estimated",
    "estimated",
)
NUMBER_WORDS = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
WORDS = {w: n for n, w in enumerate(NUMBER_WORDS.split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70})
WORDS.update({"eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100})
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def counts(sentence: Any, text: str) -> tuple[Count, ...]:
    """Every toll in a spaCy sentence span; ``text`` is the article text (for offsets)."""
    found: list[Count] = []
    for token in sentence:
        kind = _kind(token)
        if kind is None:
            continue
        number = _victim_number(token)
        if number is None:
            continue
        count = _count(kind, number, text)
        if count is not None and all(c.span != count.span for c in found):
            found.append(count)
    return tuple(found)


def _kind(token: Any) -> str | None:
    lemma = token.lemma_.lower()
    for kind, words in KINDS.items():
        if lemma in words or token.lower_ in words:
            return kind
    return None


def _victim_number(toll: Any) -> Any:
    """The number token counting the victims of a toll word, or None."""
    if toll.dep_ in ("amod", "acl") and toll.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found = _number_of(toll.head)  # "six dead people", "12 people arrested"
        if found is not None:
            return found
    if toll.dep_ in ("amod", "acomp", "oprd") or toll.pos_ == "ADJ":
        return _number_of(toll.head) if toll.head.pos_ == "NUM" else _number_left(toll)
    intransitive = toll.lemma_.lower() in INTRANSITIVE
    victims = [
        c for c in toll.children if c.dep_ in VICTIMS or (intransitive and c.dep_ == "nsubj")
    ]
    for child in victims:
        found = _number_of(child)
        if found is not None:
            return found
    for child in toll.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and _number_of(obj) is not None:
                    return _number_of(obj)
    return next((v for v in victims if _one(v)), None)


def _one(noun: Any) -> bool:
    """A single named victim: "killed the deputy chief", "a prisoner died"."""
    return noun.tag_ in ("NN", "NNP") and noun.ent_type_ not in ("GPE", "LOC", "FAC", "ORG")


def _number_of(noun: Any) -> Any:
    if _value(noun) is not None and noun.pos_ == "NUM":
        return noun
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod") and _value(child) is not None:
            return child
    return None


def _number_left(toll: Any) -> Any:
    """ "six dead": the number right before an adjective toll word."""
    doc = toll.doc
    if toll.i > 0 and _value(doc[toll.i - 1]) is not None:
        return doc[toll.i - 1]
    return None


def _count(kind: str, number: Any, text: str) -> Count | None:
    if _one(number) and _value(number) is None:
        return _single(kind, number, text)
    start_token, value = _number_phrase(number)
    if value is None:
        return None
    qualifier = _qualifier(number.doc, start_token, number.i)
    start = number.doc[start_token].idx
    if qualifier:
        start = _qualifier_start(number.doc, start_token, qualifier)
    end = number.idx + len(number.text)
    span = Span(start=start, end=end, text=text[start:end])
    return Count(kind=kind, value=value, qualifier=qualifier, span=span)


def _single(kind: str, noun: Any, text: str) -> Count:
    tokens = list(noun.subtree)
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return Count(
        kind=kind, value=1, qualifier=None, span=Span(start=start, end=end, text=text[start:end])
    )


def _number_phrase(number: Any) -> tuple[int, int | None]:
    """ "10,000", "six", "two thousand", "a dozen": first token index and value."""
    doc, i = number.doc, number.i
    value = _value(number)
    if value is None:
        return i, None
    if number.lower_ in SCALES and i > 0 and _value(doc[i - 1]) is not None:
        return i - 1, (_value(doc[i - 1]) or 1) * SCALES[number.lower_]
    return i, value


def _value(token: Any) -> int | None:
    word = token.lower_
    if NUMBER.match(word):
        return int(word.replace(",", ""))
    if word in WORDS:
        return WORDS[word]
    return SCALES.get(word)


def _qualifier(doc: Any, start: int, number_i: int) -> str | None:
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    for qualifier in QUALIFIERS:
        if before == qualifier or before.endswith(" " + qualifier):
            return qualifier
    return None


def _qualifier_start(doc: Any, start: int, qualifier: str) -> int:
    size = len(qualifier.split())
    return int(doc[start - size].idx)
