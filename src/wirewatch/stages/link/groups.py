"""States, organs, IGOs and groups: which named entities act, and with which sector.

A country name acts unless it is where something happens ("in Russia", "Russian soil"). A
capital or a metonym stands for the government when it acts ("Kyiv had asked Washington",
"a furious response from Moscow") and is a place otherwise ("in Kyiv"). A demonym or country
name in front of an agent word makes a body or a group with that word's sector ("Ukrainian
officials" → UKR GOV, "Russia's Security Council" → RUS GOV, "the Kremlin's troops" → RUS
MIL); in front of a weapon it makes the military ("Russian ballistic missiles" → RUS MIL).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from wirewatch.records import Actor
from wirewatch.stages.link.actors import Entity, bare, knowledge, local_body, words

#: Prepositions that make the name after them a place.
LOCATIVE = words(
    "in inside into at near across throughout outside within around beyond toward towards "
    "through over on onto off along behind between"
)
#: Nouns whose modifier is a place, not an actor: "Russian soil", "Russia's Kursk region".
PLACE_NOUNS = words(
    "soil territory territories border borders side region regions city cities town towns "
    "village villages airspace land lands coast waters province oblast capital frontier "
    "area areas part parts front frontline north south east west countryside"
)
#: Sites a place's name in front of them locates ("Sanaa airport", "the Kyiv suburbs").
SITE_NOUNS = words(
    "airport airfield airbase base port harbour harbor prison jail hospital university market "
    "stadium station refinery bridge camp neighbourhood neighborhood suburb suburbs outskirts "
    "district checkpoint"
)
#: Verbs that lay an act "on" its doer.
LAYING = words("blame pin")
#: Verbs of motion: "to" after them is a destination.
MOTION = words("go come travel fly return flee arrive move head send sail drive")
DISTANCE = words("kilometer kilometre mile meter metre km mi")
MAKE = words("made built produced designed manufactured")
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: Nouns for people: singular ones make a person ("a Ukrainian official"), plural a group.
PEOPLE = words(
    "official aide chief head envoy soldier troop force diplomat police lawmaker leader "
    "spokesperson spokesman spokeswoman minister president militant rebel fighter civilian "
    "resident worker activist delegation people authority ally man woman girl boy child "
    "teenager student"
)
PERSON_ENDINGS = ("er", "or", "ist", "man", "woman", "person", "ian", "ant")
#: Dependencies in which a capital stands for its government: "Kyiv asked Washington".
ACTING = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj", "agent"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An actor over tokens ``start:end``; the longest candidate wins where two overlap."""

    start: int
    end: int
    actor: Actor


def candidates(doc: Any, ents: list[Entity], weapon_tokens: set[int]) -> list[Candidate]:
    """Actor candidates for the coded entities (places, demonyms, bodies) of ``doc``."""
    out: list[Candidate] = []
    for ent in ents:
        if ent.kind in ("place", "norp", "org") and (ent.code or ent.kind == "org"):
            found = _candidate(doc, ent, weapon_tokens)
            if found is not None:
                out.append(found)
    return out


def _candidate(doc: Any, ent: Entity, weapon_tokens: set[int]) -> Candidate | None:
    root = doc[ent.start : ent.end].root
    noun = root.head if root.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod") else None
    if noun is not None and noun.i >= ent.end and noun.pos_ in ("NOUN", "PROPN"):
        return _modifier(doc, ent, noun, weapon_tokens)
    if _locative(root) and not (ent.kind == "org" and root.head.lower_ in ("from", "between")):
        return None  # (a body is no place things come from or lie between: "retook the town
        # from the RSF", "clashes between the SAF and the RSF")
    if ent.kind == "place" and ent.code and not ent.capital:
        return Candidate(ent.start, ent.end, _state(ent.code))
    if ent.capital and not _acting(root):
        return None
    return Candidate(ent.start, ent.end, _named(doc, ent))


def _acting(token: Any) -> bool:
    """A capital in a role only an actor has: subject, object, "a response from Moscow"."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in ACTING:
        return True
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in ("from", "with", "by") and not _locative(token)


def _modifier(doc: Any, ent: Entity, noun: Any, weapon_tokens: set[int]) -> Candidate | None:
    """A name in front of a noun: the noun says what the name is."""
    sited = noun.lemma_.lower() in SITE_NOUNS  # "Sanaa airport": where the airport is
    if noun.lemma_.lower() in PLACE_NOUNS or (ent.kind == "place" and (not ent.code or sited)):
        return None
    phrase = _agent_phrase(doc, noun, ent.end)
    sector = knowledge().sectors.get(phrase.lower()) if phrase else None
    if sector is None:
        sector = knowledge().sectors.get(noun.lemma_.lower())
    if sector is None and noun.lemma_.lower() in MEMBERS:
        # "Haitian gang members", "Mexican cartel members": the members of what the word
        # before says, not the state
        kinds = (c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.i >= ent.end)
        sector = next((found for k in kinds if (found := knowledge().sectors.get(k))), None)
    base = _named(doc, ent)
    if base.sector in ARMED and noun.lemma_.lower() in RANKS:
        sector = base.sector  # "ELN fighters", "FARC dissidents": the group's own people
    if sector is not None and noun.ent_type_ != "PERSON":
        start = _left(doc, noun, ent.start)
        name = bare(doc[start : noun.i + 1].text)
        kind = _group_kind(noun)
        actor = Actor(code=base.code, name=name, kind=kind, sector=sector or base.sector)
        return Candidate(start, noun.i + 1, actor)
    if noun.i in weapon_tokens and not _made(doc, ent):
        own = base.sector in NON_STATE  # "a Hezbollah missile": the group's own arms
        return Candidate(ent.start, ent.end, base if own else _with(base, "MIL"))
    return Candidate(ent.start, ent.end, base)


#: Nouns for the members of a body, which the noun before them names.
MEMBERS = frozenset({"member", "members", "element", "elements", "fighter", "fighters"})
#: Sectors of armed bodies, and nouns for the people in their ranks: an armed body's
#: "fighters", "militants" or "dissidents" are of its sector, not of the noun's own ("fighter"
#: alone says only armed, "dissident" alone a civilian).
NON_STATE = frozenset({"REB", "INS", "SEP", "CRM"})
ARMED = NON_STATE | {"MIL"}
RANKS = MEMBERS | frozenset(
    {"fighter", "militant", "dissident", "combatant", "gunman", "guerrilla", "insurgent",
     "commander", "cadre", "operative", "militiaman"}
)  # fmt: skip


def _agent_phrase(doc: Any, noun: Any, after: int) -> str:
    """The longest agent phrase that ends in ``noun`` and starts after the name."""
    kb = knowledge()
    for start in range(after, noun.i + 1):
        span = doc[start : noun.i + 1]
        lemma = " ".join(t.lemma_.lower() if t.i == noun.i else t.lower_ for t in span)
        written = str(span.text).lower()
        for text in (lemma, written):
            if text in kb.sectors:
                return text
    return ""


def _left(doc: Any, noun: Any, start: int) -> int:
    """Where the noun phrase begins: its determiner and adjectives before the name."""
    left: int = noun.left_edge.i
    while left < start and doc[left].dep_ not in ("det", "amod", "advmod", "compound", "poss"):
        left += 1
    return min(left, start)


def _group_kind(noun: Any) -> str:
    lemma = noun.lemma_.lower()
    if noun.pos_ == "PROPN" or not (lemma in PEOPLE or lemma.endswith(PERSON_ENDINGS)):
        return "org"
    return "group" if noun.tag_ in PLURAL_TAGS or lemma in COLLECTIVE else "person"


#: Nouns that name a body of people even in the singular ("Ukraine's air force said it").
COLLECTIVE = frozenset({"force", "police", "delegation", "authority", "people"})


def _made(doc: Any, ent: Entity) -> bool:
    """ "Iranian-made": the name says who made the weapon, not who uses it."""
    after = doc[ent.end : ent.end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ in MAKE


def _locative(token: Any) -> bool:
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None:
        return False
    word, head = prep.lower_, prep.head
    if word == "on" and head.lemma_.lower() in LAYING:
        return False  # "an attack blamed on al-Shabaab": who did it, not where
    if word in LOCATIVE:
        return True
    if word == "from":
        return head.pos_ != "NOUN" or head.lemma_.lower() in DISTANCE
    return word == "to" and head.lemma_.lower() in MOTION


def _state(code: str) -> Actor:
    return Actor(code=code, name=knowledge().countries.get(code, code), kind="state")


def _named(doc: Any, ent: Entity) -> Actor:
    """The actor a name stands for on its own: a state, its government, a body or a group."""
    kb, text = knowledge(), bare(doc[ent.start : ent.end].text)
    body = kb.bodies.get(text) or local_body(text, ent.code)  # "ADF": Congo's rebels
    if body is not None:
        return Actor(code=body.code, name=body.name, kind=body.kind, sector=body.sector)
    if ent.capital and ent.code:
        return Actor(code=ent.code, name=text, kind="state", sector="GOV")
    if ent.kind == "norp" and ent.code:
        return _state(ent.code)
    if ent.kind == "org":
        kind = "igo" if ent.code in _igo_codes() else "org"  # "the U.N. Security Council"
        return Actor(code=ent.code, name=text, kind=kind, sector=org_sector(text))
    return _state(ent.code or "")


@functools.cache
def _igo_codes() -> frozenset[str]:
    """Codes of intergovernmental bodies: an organ named after one is one of them."""
    return frozenset(b.code for b in knowledge().bodies.values() if b.kind == "igo")


def org_sector(name: str) -> str | None:
    sectors = knowledge().sectors
    words = name.lower().split()
    for size in range(len(words), 0, -1):
        sector = sectors.get(" ".join(words[-size:]))
        if sector:
            return sector
    return None


def _with(actor: Actor, sector: str) -> Actor:
    return Actor(code=actor.code, name=actor.name, kind=actor.kind, sector=sector)
