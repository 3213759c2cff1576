"""Weapons: named systems and classes of weapon, found with the project's gazetteer.

``resources/weapons.tsv`` is built by ``python -m tools.build.weapons`` from the
shared weapon lexicons (a checked seed list and Oryx equipment models) plus classes of weapon
("ballistic missiles", "drones"). Named systems match as written ("ATACMS", "Shahed-136");
classes match in any case. An alias that is also an everyday word or name ("Patriot", "Grad")
counts only in a sentence that names some weapon word as well.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from wirewatch.records import Span, Weapon, WeaponMention
from wirewatch.stages.link.actors import words

#: Words that make an ambiguous alias a weapon when its sentence has one of them.
CUES = words(
    "missile missiles system systems tank tanks launcher launchers drone drones rocket "
    "rockets howitzer howitzers weapon weapons munition munitions battery batteries jet "
    "jets fighter fighters aircraft helicopter helicopters artillery armour armor vehicle "
    "vehicles shell shells defense defence strike strikes fired launched intercepted shot"
)


@dataclass(frozen=True, slots=True)
class Entry:
    weapon: Weapon
    ambiguous: bool


@functools.cache
def gazetteer() -> dict[str, Entry]:
    """Alias (as written for systems, lower case for classes) → entry."""
    text = resources.files("wirewatch.resources").joinpath("weapons.tsv").read_text("utf-8")
    out: dict[str, Entry] = {}
    for line in text.splitlines()[1:]:
        alias, name, category, named, maker, ambiguous = line.split("\t")
        weapon = Weapon(
            name=name, category=category, named_system=named == "1", maker=maker or None
        )
        out[alias if weapon.named_system else alias.lower()] = Entry(weapon, ambiguous == "1")
    return out


@functools.cache
def _matchers(nlp: Any) -> tuple[Any, Any]:
    """(named systems on ORTH, classes on LOWER) for ``nlp``'s tokenizer."""
    from spacy.matcher import PhraseMatcher

    named, classes = PhraseMatcher(nlp.vocab), PhraseMatcher(nlp.vocab, attr="LOWER")
    entries = gazetteer()
    systems = [a for a, e in entries.items() if e.weapon.named_system]
    kinds = [a for a, e in entries.items() if not e.weapon.named_system]
    named.add("W", list(nlp.tokenizer.pipe(systems)))
    classes.add("W", list(nlp.tokenizer.pipe(kinds)))
    return named, classes


def find(doc: Any, nlp: Any) -> list[tuple[int, int, Weapon]]:
    """(token start, token end, weapon) of every weapon named in ``doc``, longest first wins."""
    from spacy.util import filter_spans

    named, classes = _matchers(nlp)
    entries = gazetteer()
    spans = [doc[s:e] for _, s, e in named(doc)] + [doc[s:e] for _, s, e in classes(doc)]
    found: list[tuple[int, int, Weapon]] = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        entry = entries.get(span.text) or entries.get(span.text.lower())
        if entry is None or (entry.ambiguous and not _cued(span)):
            continue
        if not entry.weapon.named_system and _acting(span):
            continue  # "forces shell Lugansk", "jets bomb a market": the act, not a weapon
        found.append((span.start, span.end, entry.weapon))
    return found


#: Dependents that make a word a verb in use: who does it, what it is done to, its tense.
VERB_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "aux", "auxpass"})


def _acting(span: Any) -> bool:
    """Whether a one-word weapon class is a verb in use ("Kiev forces shell Lugansk"): its
    subject, object or auxiliary says so, whatever noun it shares its spelling with."""
    token = span[0]
    return (
        len(span) == 1 and token.pos_ == "VERB" and any(c.dep_ in VERB_DEPS for c in token.children)
    )


def _cued(span: Any) -> bool:
    return any(t.lower_ in CUES for t in span.sent if t.i < span.start or t.i >= span.end)


def mentions(doc: Any, found: list[tuple[int, int, Weapon]]) -> tuple[WeaponMention, ...]:
    return tuple(WeaponMention(span=_span(doc[s:e]), weapon=weapon) for s, e, weapon in found)


def _span(span: Any) -> Span:
    return Span(start=span.start_char, end=span.end_char, text=span.text)
