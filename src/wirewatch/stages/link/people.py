"""People: their office and affiliation as the text gives them, and later mentions of them.

The office comes from the title before a name ("U.S. Secretary of State Antony Blinken",
"Iranian Foreign Ministry spokesman Nasser Kanaani") or an appositive after it ("Dmitry
Medvedev, the deputy head of Russia's Security Council"); the leading organisation or country
of a title, or what follows "of", is the affiliation, and gives the code. A description that
speaks before a name is given ("the head of the Ukrainian presidential office stressed …
Andrii Yermak … stated") is the office of that name. The Phoenix seed fills in only what the
text leaves out. A surname alone ("Blinken") and "he"/"she" as the subject of a reporting verb
resolve to the person mentioned last, with ``head`` pointing at the fuller mention.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from wirewatch.records import Actor
from wirewatch.stages.link.actors import Entity, bare, knowledge, words
from wirewatch.stages.link.groups import org_sector

TITLES = words(
    "president minister secretary spokesperson spokesman spokeswoman director chief head "
    "leader chancellor premier ambassador envoy general commander governor mayor senator "
    "lawmaker official king queen prince adviser advisor aide deputy chairman chairwoman "
    "chair speaker judge prosecutor representative rep. sen. gen. lt. col. colonel "
    "lieutenant admiral sergeant captain officer diplomat emir sheikh ayatollah pope ceo "
    "founder executive vice prime foreign defense defence interior finance state national "
    "security acting former top senior first deputy attorney"
)
HEADS = words(
    "president minister secretary spokesperson spokesman spokeswoman director chief head "
    "leader chancellor premier ambassador envoy commander governor mayor chairman chair "
    "speaker adviser advisor aide"
)
SAYING = words(
    "say tell state stress add note warn claim deny insist emphasize emphasise write "
    "announce argue explain declare acknowledge admit dismiss urge allege confirm reply "
    "respond highlight accuse call threaten"
)
LINKS = frozenset({"of", "'s", "’s"})


@dataclass(frozen=True, slots=True)
class Person:
    """A mention of a person over tokens ``start:end``; ``head`` is the fuller mention."""

    start: int
    end: int
    actor: Actor
    head: tuple[int, int] | None = None
    described: tuple[int, int] | None = None  # the title or appositive tokens


def people(doc: Any, ents: list[Entity]) -> list[Person]:
    """Every person mention, named, described or pronoun, in text order."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    found: list[Person] = []
    for ent in ents:
        known = _earlier(doc, ent, found)
        if known is not None:
            found.append(known)
        elif ent.kind == "person":
            found.append(_named(doc, ent, by_token))
    found = _cataphora(doc, found, by_token)
    return sorted(found + _pronouns(doc, found), key=lambda p: p.start)


def _earlier(doc: Any, ent: Entity, found: list[Person]) -> Person | None:
    """The same person named before: the same name, or its last word(s) alone."""
    words = bare(doc[ent.start : ent.end].text).split()
    if ent.kind != "person" and len(words) > 1:
        return None  # another kind of name is a person's only as a surname the model missed
    for person in reversed(found):
        full = person.actor.name.split()
        if person.head is None and words == full[-len(words) :]:
            head = None if words == full else (person.start, person.end)
            return Person(ent.start, ent.end, person.actor, head)
    return None


def _named(doc: Any, ent: Entity, by_token: dict[int, Entity]) -> Person:
    name = bare(doc[ent.start : ent.end].text)
    seed = knowledge().people.get(name.lower(), "")
    actor = Actor(code=seed[:3] or None, name=name, kind="person", sector=seed[3:6] or None)
    title = _prefix(doc, ent) or _appositive(doc, ent)
    if title is None:
        return Person(ent.start, ent.end, actor)
    return Person(ent.start, ent.end, _titled(doc, actor, title, by_token), described=title)


def _prefix(doc: Any, ent: Entity) -> tuple[int, int] | None:
    """ "U.S. Secretary of State" before "Antony Blinken"."""
    start = ent.start
    while start > 0 and _title_token(doc[start - 1]):
        start -= 1
    while start < ent.start and doc[start].lower_ not in TITLES and not doc[start].ent_type_:
        start += 1  # a sentence-initial word is no title
    while start < ent.start and doc[start].lower_ in LINKS:
        start += 1
    return (start, ent.start) if start < ent.start else None


def _title_token(token: Any) -> bool:
    if token.ent_type_ in NAMED_BODIES and token.pos_ in ("DET", "CCONJ"):
        return True  # "of the Russian Federation Council's Defense and Security Committee"
    if token.lower_ == "and" and 0 < token.i < len(token.doc) - 1:
        around = (token.doc[token.i - 1].text, token.doc[token.i + 1].text)
        if all(w[:1].isupper() for w in around):
            return True  # a body's title-case name: "Science and Education Committee"
    if token.is_punct or token.ent_type_ == "PERSON" or token.pos_ in ("VERB", "AUX", "DET"):
        return False
    return token.lower_ in TITLES or token.lower_ in LINKS or token.text[:1].isupper()


#: Named-entity kinds whose "the" and "and" belong to a body's name inside a title.
NAMED_BODIES = frozenset({"ORG", "GPE", "NORP", "FAC"})


def _appositive(doc: Any, ent: Entity) -> tuple[int, int] | None:
    """ ", the deputy head of Russia's Security Council" after "Dmitry Medvedev"."""
    root = doc[ent.start : ent.end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            if any(t.lower_ in HEADS for t in span):
                return span.start, span.end
    return None


def _titled(doc: Any, actor: Actor, title: tuple[int, int], by_token: dict[int, Entity]) -> Actor:
    """The actor with the office and affiliation a title gives, its code and sector first."""
    tokens = [t for t in doc[title[0] : title[1]] if t.dep_ != "det" or t.i > title[0]]
    office, affiliation = _split(tokens, by_token)
    code = next((by_token[t.i].code for t in affiliation if t.i in by_token), None)
    sectors = knowledge().sectors
    office_text = _text(doc, office)
    own = sectors.get(office_text.lower()) or sectors.get(
        office[-1].lemma_.lower() if office else ""
    )
    affiliation_text = bare(_text(doc, affiliation)) if affiliation else None
    body = knowledge().bodies.get(affiliation_text or "")
    sector = own or (body.sector if body else None) or org_sector(affiliation_text or "")
    return replace(
        actor,
        code=code or actor.code,
        sector=sector or actor.sector,
        office=office_text or None,
        affiliation=affiliation_text,
    )


def _split(tokens: list[Any], by_token: dict[int, Entity]) -> tuple[list[Any], list[Any]]:
    """(office, affiliation): "head" | "of Russia's Security Council"; "CIA" | "Director"."""
    sectors = knowledge().sectors
    for n, token in enumerate(tokens):
        if token.lower_ == "of" and any(t.lower_ in HEADS for t in tokens[:n]):
            first = next(k for k, t in enumerate(tokens) if t.lower_ in HEADS)
            if " ".join(t.lower_ for t in tokens[first:]) not in sectors:  # Secretary of State
                return tokens[:n], tokens[n + 1 :]
    n = 0
    while n < len(tokens) and tokens[n].i in by_token and tokens[n].lower_ not in HEADS:
        n += 1
    office = tokens[n:]
    while office and office[0].lower_ in LINKS:
        office = office[1:]  # "Japan's defense minister"
    return office, tokens[:n]


def _text(doc: Any, tokens: list[Any]) -> str:
    if not tokens:
        return ""
    text: str = doc[tokens[0].i : tokens[-1].i + 1].text
    return text


def _cataphora(doc: Any, found: list[Person], by_token: dict[int, Entity]) -> list[Person]:
    """A speaking description ("the head of …") names the office of the next untitled name."""
    out = list(found)
    for n, person in enumerate(found):
        if person.head is not None or person.actor.office is not None:
            continue
        described = _description_before(doc, person, found[:n])
        if described is None:
            continue
        actor = _titled(doc, person.actor, described, by_token)
        out[n] = replace(person, actor=actor, described=described)
        out.append(Person(described[0], described[1], actor, (person.start, person.end)))
    return out


def _description_before(doc: Any, person: Person, before: list[Person]) -> tuple[int, int] | None:
    """The closest "the <head noun> of …" subject of a reporting verb, one sentence back."""
    sent = doc[person.start].sent
    first = doc[max(sent.start - 1, 0)].sent.start
    last_person = max((p.end for p in before), default=0)
    for token in reversed(doc[max(first, last_person) : sent.start]):
        if token.lower_ in HEADS and token.dep_ == "nsubj" and token.head.lemma_ in SAYING:
            span = doc[token.left_edge.i : token.right_edge.i + 1]
            if span[0].lower_ == "the" and not any(t.ent_type_ == "PERSON" for t in span):
                return span.start + 1, span.end
    return None


def _pronouns(doc: Any, found: list[Person]) -> list[Person]:
    """ "he said": the person mentioned last, within two sentences."""
    out: list[Person] = []
    for token in doc:
        if token.lower_ not in ("he", "she") or token.dep_ != "nsubj":
            continue
        if token.head.lemma_ not in SAYING:
            continue
        last = [p for p in found if p.end <= token.i and p.start >= _window(doc, token)]
        if last:
            person = last[-1]
            head = person.head or (person.start, person.end)
            out.append(Person(token.i, token.i + 1, person.actor, head))
    return out


def _window(doc: Any, token: Any) -> int:
    """Where the sentence before ``token``'s begins."""
    start: int = doc[max(token.sent.start - 1, 0)].sent.start
    return start
