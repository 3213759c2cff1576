"""A state's forces named by their function alone: "security forces", "the army", "police".

Conflict news often names the forces of the state it is about without naming the state.
Such a phrase takes the country the article's names point to most (countries, demonyms,
capitals, the bodies and armed groups of one country, and the dateline's place; on a tie,
the one named first), unless it is seated by name in a country or its capital ("the
government in Mogadishu", "police in Lima"). With no country named it stays uncoded:
nothing is guessed. A phrase with any other word in front ("rebel
forces", "market forces", "Houthi fighters") is not a state's and is left alone; one with
a country in front ("Ukrainian forces") is the groups' rule, not this one; forces someone
is said to have ("its troops") belong to them, which this rule cannot tell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from wirewatch.records import Actor
from wirewatch.stages.link.actors import REGION_NAMES, Entity, knowledge, lookup, words
from wirewatch.stages.link.groups import Candidate

#: Head nouns (lemmas) of a state's forces, with their PLOVER sector.
HEADS = {
    "force": "MIL",
    "troop": "MIL",
    "soldier": "MIL",
    "army": "MIL",
    "military": "MIL",
    "navy": "MIL",
    "serviceman": "MIL",
    "police": "COP",
    "policeman": "COP",
    "gendarme": "COP",
    "gendarmerie": "COP",
    "officer": "COP",  # "police officers", "security officers"
    "guard": "MIL",  # "the national guard", "border guards", "the coast guard" (``GUARDS``)
    # Those who rule it, named by what they are: "the junta's aircraft", "the authorities".
    "junta": "MIL",
    "regime": "GOV",
    "government": "GOV",
    "authority": "GOV",
    "authorities": "GOV",
    # Its courts and prosecutors, who try and sentence: "a court in Moscow", "prosecutors".
    "court": "JUD",
    "tribunal": "JUD",
    "prosecutor": "JUD",
    "judge": "JUD",
}
#: Words that may stand before the head and keep it a state's: "government", "security".
GENERIC = words(
    "government regime security state federal national army armed military special police "
    "local provincial border riot elite air naval ground pro-government govt "
    "civil municipal "  # Brazil's civil police, a town's municipal police
    "junta"  # "junta soldiers": a junta is the government
    " coast republican presidential"
    " district regional appeals appeal supreme constitutional public"  # courts, prosecutors
)
#: Words that make guards a state's: "the national guard", not "security guards".
GUARDS = frozenset({"national", "border", "coast", "republican", "presidential"})


#: Words after a hyphen that make the country named before it a sponsor from outside
#: ("Iranian-backed militias", "a Saudi-led coalition"), not where the forces are.
SPONSORED = frozenset(
    {"backed", "led", "supported", "sponsored", "funded", "financed", "trained", "armed"}
    | {"allied", "aligned"}
)


def focus(ents: list[Entity], dateline: str | None = None, doc: Any = None) -> str | None:
    """The country the article's names point to most, or None: its countries, demonyms and
    capitals, the bodies and armed groups of one country ("the Rapid Support Forces", "the
    Kremlin"), and the place of its dateline, counted first. On a tie, the country more of
    whose places are named (unnamed forces mostly act at home), then the one named first. A
    sponsor ("Iranian-backed", with ``doc``) is not counted."""
    found = lookup(dateline) if dateline else None
    named = [(found.code, True)] if found is not None and found.code else []
    for e in ents:
        if e.kind in ("place", "norp", "org") and e.code and not _sponsor(doc, e):
            named.append((e.code, e.kind == "place"))
    states = knowledge().countries
    named = [(c, p) for c, p in named if c in states and c not in REGION_NAMES]  # no IGO
    if not named:
        return None
    codes = [c for c, _ in named]
    counts, places = Counter(codes), Counter(c for c, place in named if place)
    return max(counts, key=lambda c: (counts[c], places[c], -codes.index(c)))


def _sponsor(doc: Any, entity: Entity) -> bool:
    """Whether the name is a sponsor's, joined by a hyphen to ``SPONSORED`` ("Iranian-backed")."""
    if doc is None or entity.end + 1 >= len(doc):
        return False
    return doc[entity.end].text == "-" and doc[entity.end + 1].lower_ in SPONSORED


def candidates(doc: Any, ents: list[Entity], dateline: str | None = None) -> list[Candidate]:
    """The unnamed state forces of ``doc``, coded with the article's country."""
    country = focus(ents, dateline, doc)
    named = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for token in doc:
        found = state_forces(token) if token.i not in named else None
        if found is None:
            continue
        start, sector = found
        if start - 1 in named:  # "Israeli army bulldozers": the name's
            continue
        seat = _seat(token) or _based(token)
        if seat is not None and seat[1] == "of":
            continue  # "the government of Sudan": the country's own name stands for it
        code = seat[0] if seat is not None else country
        if code is None:
            continue
        actor = Actor(code=code, name=doc[start : token.i + 1].text, kind="group", sector=sector)
        out.append(Candidate(start, token.i + 1, actor))
    return out


def _seat(head: Any) -> tuple[str, str] | None:
    """The country of the forces' seat named after them ("the government in Mogadishu",
    "police in Paris": a country, or a capital for its state), and the word before it."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of")):
        for place in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
            code = _state_named(place)
            if code is not None:
                return code, prep.lower_
    return None


def _based(head: Any) -> tuple[str, str] | None:
    """The country of the seat the forces are said to be based in, named before them
    ("Tripoli-based forces": a capital for its state, or a country), and "based"."""
    for child in (c for c in head.lefts if c.dep_ == "amod" and c.lemma_.lower() == "base"):
        code = _state_named(child)
        if code is not None:
            return code, "based"
    return None


def _state_named(phrase: Any) -> str | None:
    """The state the names in a phrase's subtree name: a country, or a capital for its state."""
    words = [t for t in phrase.subtree if t.pos_ == "PROPN"]
    found = lookup(" ".join(t.text for t in words)) if words else None
    code = found.code if found is not None and found.kind == "place" else None
    if code is not None and code in knowledge().countries and code not in REGION_NAMES:
        return code
    return None


def state_forces(head: Any) -> tuple[int, str] | None:
    """Where the phrase of an unnamed state's forces headed by ``head`` begins, and their
    sector ("security forces", "the army", "military police"); None for any other noun."""
    sector = HEADS.get(head.lemma_.lower()) or _state_machines(head)
    # a ruler's word the model reads as a name where it opens the sentence: "Junta jets bombed"
    opening = head.pos_ == "PROPN" and head.is_sent_start and head.lower_ in RULERS
    if sector is None or not (head.pos_ == "NOUN" or opening) or _owned(head) or _abstract(head):
        return None
    if _private_guards(head.lemma_.lower(), (c.lower_ for c in head.lefts)):
        return None  # "security guards", "a guard": nobody's forces
    if head.dep_ == "poss" and _ruling(head) and head.head.lemma_.lower() in HEADS:
        return None  # "junta" of "the junta's soldiers": the soldiers' phrase holds it
    start = _start(head)
    return None if start is None else (start, sector)


def _state_machines(head: Any) -> str | None:
    """ "military aircraft": machines of war the adjective "military" makes a state's forces
    (MIL). A noun before them names the forces themselves ("regime warplanes": the regime)."""
    if head.lemma_.lower() not in MACHINES:
        return None
    military = any(c.dep_ == "amod" and c.lower_ == "military" for c in head.lefts)
    return "MIL" if military else None


def _private_guards(head: str, before: Iterable[str]) -> bool:
    """Guards no word of ``GUARDS`` makes a state's ("security guards")."""
    return head == "guard" and not GUARDS & set(before)


def forces_name(name: str) -> str | None:
    """The sector of a name that is only a state's forces by their function ("regime
    forces", "the army", "15 junta soldiers", "troops loyal to the government", "troops of
    the junta"), else None."""
    loyal = LOYAL.match(name)
    named = loyal.group(1) if loyal else name
    words_in = named.lower().split()
    if words_in and _private_guards(words_in[-1].rstrip("s"), words_in):
        return None  # "security guards": nobody's forces
    return _named_by(named, HEADS, GENERIC)


#: Forces said to be loyal to those who rule, or theirs: "troops loyal to the government",
#: "soldiers of the junta".
LOYAL = re.compile(
    r"^(.+?)\s+(?:(?:loyal|allied)\s+to|of)\s+(?:the\s+)?(?:government|regime|junta|state|army)$",
    re.IGNORECASE,
)


#: Head nouns (lemmas) of armed groups named by what they are, not who they are, with their
#: PLOVER sector. The events guideline codes such a group with the country it fights in
#: ("Syrian rebels": SYR); an unknown doer named by the act alone ("gunmen", "attackers")
#: stays uncoded.
ARMED_HEADS = {
    "rebel": "REB",
    "insurgent": "INS",
    "militant": "INS",
    "jihadist": "INS",
    "militia": "REB",
    "militiaman": "REB",
    "militiamen": "REB",
    "separatist": "SEP",
    "guerrilla": "REB",
    "fighter": "REB",
    "maoist": "REB",  # India's Naxalites, the Philippines' NPA
    "resistance": "REB",  # "the resistance" that fights a junta
}
#: Words that may stand before such a head and keep the group unnamed.
ARMED_GENERIC = words(
    "armed suspected islamist jihadist separatist rebel insurgent militant local "
    "anti-government opposition tribal ethnic resistance"
)
#: Nouns for the people of a group named before them ("militia members").
MEMBERS = words("member members element elements")
#: Words that count or qualify a group's number, not who it is: "15", "more than 50".
COUNTING = words(
    "the a an some several many few dozens dozen scores hundreds more than over about "
    "around nearly almost at least up to another other of two three four five six seven "
    "eight nine ten eleven twelve twenty thirty forty fifty hundred"
)


def armed_name(name: str) -> str | None:
    """The sector of a name that is only an armed group by what it is ("rebels", "two
    militants", "armed separatists"), else None."""
    return _named_by(name, ARMED_HEADS, ARMED_GENERIC)


def _named_by(name: str, heads: dict[str, str], generic: frozenset[str]) -> str | None:
    found = name.lower().replace(",", "").replace("’", "'").split()
    while found and (found[0] in COUNTING or found[0].isdigit()):
        found = found[1:]  # "15 junta soldiers", "more than 50 rebels"
    if not found:
        return None
    if len(found) > 1 and found[-1] in MEMBERS and found[-2] in heads:
        found = found[:-1]  # "militia members": the militia's people
    head = found[-1].removesuffix("'s").removesuffix("'")  # "militants' shelling"
    sector = heads.get(head) or heads.get(head.removesuffix("s"))
    before = [w.removesuffix("'s") for w in found[:-1]]  # "the junta's soldiers"
    if sector is None or any(w not in generic and not _siding(w) for w in before):
        return None
    return sector


def _siding(word: str) -> bool:
    """ "pro-Russian", "anti-junta": whom a group sides with or against, not who it is."""
    return word.startswith(("pro-", "anti-")) and len(word) > 5


def _abstract(head: Any) -> bool:
    """ "Force" alone, singular with no word in front: the use of might ("through force and
    threats", "the use of force"), not a body of armed men ("the force", "security force")."""
    return bool(head.tag_ == "NN" and head.lower_ == "force" and head.n_lefts == 0)


def _owned(head: Any) -> bool:
    """Forces someone is said to have ("its troops", "Israel's forces"), or a force noun that
    only describes another noun ("police cars"): not this rule's. The force's own machines
    of war are the force acting ("army warplanes struck", "police helicopters fired")."""
    machine = head.dep_ == "compound" and head.head.lemma_.lower() in MACHINES
    owners = [c for c in head.lefts if c.dep_ == "poss" and not _ruling(c)]
    return bool((head.dep_ == "compound" and not machine) or owners)


#: Who rules a state, as the owner of its forces: "the junta's soldiers", "the regime's forces".
RULERS = frozenset({"junta", "regime", "government", "army", "military"})


def _ruling(owner: Any) -> bool:
    return owner.lemma_.lower().removesuffix("'s") in RULERS and not any(
        c.dep_ in ("compound", "amod", "poss") for c in owner.lefts
    )  # (not "Israel's army's", "the Myanmar junta's": a name the other rules read)


#: What a force fights with, named with the force in front ("army warplanes").
MACHINES = frozenset(
    {"warplane", "jet", "aircraft", "plane", "helicopter", "gunship", "drone", "tank"}
    | {"artillery", "gunboat", "warship", "ship", "boat", "vessel", "sniper", "unit", "patrol"}
)


def _start(head: Any) -> int | None:
    """Where the phrase begins (its determiner and numbers left out), or None when a word
    in front of the head is not one a state's forces take."""
    start: int = head.i
    for child in head.lefts:
        if child.dep_ == "poss" and _ruling(child):
            start = min(start, child.i)  # "the junta's soldiers"
            continue
        if child.dep_ == "amod" and child.lemma_.lower() == "base" and _based(head):
            start = min(start, child.left_edge.i)  # "Tripoli-based forces": a seat
            continue
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        inside = [t for t in child.subtree if not t.is_punct]
        if any(t.lower_ not in GENERIC for t in inside):
            return None
        start = min(start, inside[0].i)
    return start
