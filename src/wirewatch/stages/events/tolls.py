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
from dataclasses import replace
from typing import Any

from wirewatch.records import Count, Span
from wirewatch.stages.events import args
from wirewatch.stages.events.types import (
    GROUND,
    NEUTRALISING,
    OF_REMAINS,
    REMAINS,
    contents,
    remains,
)

KINDS = {
    "dead": frozenset(
        {"kill", "die", "dead", "death", "slay", "massacre", "execute", "behead"}
        | {"murder", "assassinate", "lynch", "slaughter", "lifeless", "fatality", "martyr"}
        | {"butcher"}
        | NEUTRALISING
    ),
    "injured": frozenset({"wound", "injure", "injured", "hurt", "wounded", "injury"}),
    "arrested": frozenset({"arrest", "detain", "capture", "jail", "imprison", "apprehend"}),
    "missing": frozenset({"missing"}),
    "displaced": frozenset({"displace", "displaced", "flee", "evacuate"}),
}
_ORDER = {kind: n for n, kind in enumerate(KINDS)}
#: Nouns that count deaths themselves: "seven deaths", "resulting in 3 fatalities".
DEATHS = frozenset({"death", "fatality"})
#: Nouns whose own number counts their victims: deaths, "two injuries".
SELF_COUNTED = DEATHS | {"injury"}
_BY_WORD = {w: k for k, words in reversed(list(KINDS.items())) for w in words}  # first wins
VICTIMS = frozenset({"dobj", "nsubjpass", "attr"})
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
#: Tens a unit joins with a hyphen: "thirty-seven", "Forty-Six".
TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
WORDS.update({"eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "a hundred": 100})
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
NUMBER = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def counts(sentence: Any, text: str) -> tuple[Count, ...]:
    """Every toll in a spaCy sentence span; ``text`` is the article text (for offsets)."""
    return tuple(count for _, count in told(sentence, text))


def told(sentence: Any, text: str) -> list[tuple[Any, Count]]:
    """Every toll in a spaCy sentence span with the word that tells it ("killed", "dead",
    "deaths"); ``text`` is the article text (for offsets)."""
    found: list[tuple[Any, Count]] = []
    for token in sentence:
        kind = _kind(token)
        if kind is None:
            continue
        number = _victim_number(token)
        if number is None:
            continue
        number = _among(number)
        count = _count(kind, number, text)
        count = _summed(count, number, text, token) if count is not None else None
        if count is not None and _each_side(token, number):
            count = replace(count, value=count.value * 2)  # "two were killed on each side"
        if count is not None and all(c.span != count.span for _, c in found):
            found.append((token, count))
    return found


SIDED = frozenset({"on", "from"})  # "killed on each side", "soldiers from each side"


def _each_side(toll: Any, number: Any) -> bool:
    """ "Two fighters were killed on each side", "three soldiers from each side died": the
    count is told once for each of the fight's two sides (not "on both sides", the total)."""
    holders = [toll] if number.head == number else [toll, number.head]
    preps = (p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in SIDED)
    sides = (o for p in preps for o in p.children if o.lemma_.lower() == "side")
    return any(d.lower_ in ("each", "either") for side in sides for d in side.children)


def _summed(count: Count, number: Any, text: str, toll: Any) -> Count:
    """ "five personnel and one officer were killed": the victims of every conjunct, summed
    (each conjunct must give its number, or be a single victim). A toll word after the
    whole list tells every conjunct's ("left 12 militants and 3 soldiers dead"), though the
    parser hangs it on the last."""
    victim = number.head if number.dep_ in ("nummod", "quantmod") else number
    after = toll.dep_ == "amod" and toll.i > victim.i  # an adjective after its noun: a predicate
    others = [c for c in victim.conjuncts if after or c.i > victim.i] + _listed(victim)
    if not others or victim.lemma_.lower() in SELF_COUNTED:  # "3 deaths and two injured"
        return count
    others = [o for o in others if not apart(o, toll)]  # "15 in Bannu and 7 in Lakki Marwat"
    outer = _bracket(number)  # "killed 4 people (3 men and 1 woman)": the four, told apart
    others = [o for o in others if _bracket(o) == outer]
    others = [o for o in others if _kind(o) is None]  # "one KIA and two WIA": a toll each
    if not others:
        return count
    values = [_conjunct_value(other) for other in others]
    if None in values:
        return count
    total = count.value + sum(v for v in values if v is not None)
    first = min([victim, *others], key=lambda t: t.i)
    start = min(count.span.start, first.left_edge.idx)
    last = max([victim, *others], key=lambda t: t.i)
    end = max(count.span.end, last.idx + len(last.text))
    span = Span(start=start, end=end, text=text[start:end])
    return Count(kind=count.kind, value=total, qualifier=count.qualifier, span=span)


def _bracket(token: Any) -> int | None:
    """Where the innermost round bracket of the sentence that holds ``token`` opens (None
    outside every bracket)."""
    opened: list[int] = []
    for word in token.sent:
        if word.i >= token.i:
            break
        if word.text == "(":
            opened.append(word.i)
        elif word.text == ")" and opened:
            opened.pop()
    return opened[-1] if opened else None


#: Prepositions that place one incident of a list: "three in Zamfara".
INCIDENT_PREPS = frozenset({"in", "near", "at", "outside", "around"})


def placed(token: Any) -> Any:
    """The proper name a number is placed at by its own phrase ("three in Zamfara"), or None."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in INCIDENT_PREPS):
        for name in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
            return name
    return None


def apart(number: Any, toll: Any) -> bool:
    """Whether a number is an incident of its own in a list of places: it is placed by its own
    phrase, and a place is named before it in the toll's clause ("killed two in Kaduna, three
    in Zamfara"); "killed 12 militants and 3 soldiers in Bannu" is one incident."""
    number = _number_of(number) or number
    if placed(number) is None:
        return False
    clause = toll if toll.pos_ == "VERB" else toll.head
    before = (t for t in clause.subtree if t.i < number.i and t.pos_ == "PROPN")
    return any(t.dep_ == "pobj" and t.head.lower_ in INCIDENT_PREPS for t in before)


def _listed(victim: Any) -> list[Any]:
    """The other counted victims a headline lists with commas, which the parser hangs as
    appositions: "kills 2 CAR police, 3 Russian paramilitaries", "NATO soldier, 6 militants
    killed" (the first named alone is one)."""
    listed = [
        c
        for c in victim.children
        if c.dep_ == "appos" and _number_of(c) is not None and not _told_apart(c)
        and not _subset(c)
    ]  # fmt: skip
    listed += _listed_before(victim)
    first = victim.head
    if (
        victim.dep_ == "appos"
        and first.pos_ == "NOUN"
        and first.i < victim.i
        and not _subset(victim)
    ):
        counted = _number_of(first) is not None or (_one(first) and args.person(first))
        if counted and not _told_apart(first, victim):
            listed.append(first)
    return listed


def _listed_before(victim: Any) -> list[Any]:
    """ "Two soldiers, one rebel killed": a headline's list whose counted nouns the parser
    makes subjects of one verb side by side, the toll hanging on the last (only a comma
    between them)."""
    start = victim.left_edge.i
    if victim.dep_ not in ("nsubj", "nsubjpass") or start < victim.sent.start + 2:
        return []
    if victim.doc[start - 1].text != ",":
        return []
    before = victim.doc[start - 2]
    same = before.dep_ == victim.dep_ and before.head == victim.head
    counted = same and _number_of(before) is not None and args.person(before)
    return [before] if counted and not _told_apart(before) else []


def _subset(noun: Any) -> bool:
    """An apposition that counts some of the victims beside it, not more of them: "seven
    people, among them three policemen", "including two children"."""
    return any(c.dep_ == "prep" and c.lower_ in ("among", "including") for c in noun.children)


def _told_apart(noun: Any, part: Any = None) -> bool:
    """Whether a listed noun has a predicate of its own ("2 killed, 4 wounded", "45 bodies
    unearthed"): another toll or happening, not a part of this one (``part``, the listed
    noun the toll hangs on, aside)."""
    if _kind(noun) is not None:
        return True  # "4 Wounded" read as a noun
    skip = part.i if part is not None else -1
    words = [t for c in noun.children if c.i != skip for t in c.subtree]
    return any(
        _kind(t) is not None or (t.dep_ in ("acl", "relcl") and t.pos_ == "VERB") for t in words
    )


def _among(number: Any) -> Any:
    """ "Three children among 10 killed": the toll is the whole the victims are among."""
    victim = number.head if number.dep_ in ("nummod", "quantmod") else number
    for prep in (c for c in victim.children if c.dep_ == "prep" and c.lower_ == "among"):
        for whole in (c for c in prep.children if c.dep_ == "pobj"):
            found = _number_of(whole)
            if found is not None:
                return found
    return number


def _conjunct_value(noun: Any) -> int | None:
    """How many victims a conjunct counts: its number, 1 for a single victim, else None."""
    number = _number_of(noun)
    if number is not None:
        return _number_phrase(number)[1]
    reflexive = noun.lower_ in ("himself", "herself")  # "killed five people and himself"
    return 1 if _one(noun) and (noun.tag_ != "PRP" or reflexive) else None


#: Military reports' abbreviations, counted only after a number ("one KIA, seven WIA"; the
#: KIA alone is the Kachin Independence Army).
IN_ACTION = {"KIA": "dead", "WIA": "injured"}


def _in_action(abbreviation: Any) -> Any:
    """The number counting a KIA or WIA: "one KIA", "One serviceman KIA"; else None."""
    return _number_left(abbreviation) or _number_of(abbreviation)


#: Verbs that move a toll to its new figure: "the death toll rose to 15", "reached 20".
TOLL_MOVES = frozenset(
    {"rise", "climb", "reach", "increase", "jump", "stand", "hit", "mount", "soar", "surge"}
)


def _death_toll(token: Any) -> bool:
    """ "the death toll", "the toll rose to 20": a toll of the dead (not a road's toll, not
    a toll of injuries or of casualties, which counts the wounded too)."""
    if token.lemma_.lower() != "toll":
        return False
    words = (c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod"))
    named = {w for w in words if w in TOLL_KINDS}  # ("Ukraine death toll": whose is no kind)
    return named <= {"death", "fatality"}


#: Words for what a toll counts: the dead alone, or the wounded too ("casualty toll").
TOLL_KINDS = frozenset({"death", "fatality", "casualty", "injury", "road", "human"})


#: Verbs that give a death toll its figure: "put the death toll at 58", "bringing the death
#: toll to 58" (not "raised the toll to 30": a count moved, told of no act).
TOLL_GIVEN = frozenset({"put", "bring", "take", "place"})


def _toll_figure(toll: Any) -> Any:
    """The figure a death toll is given: "a death toll of 15", "the death toll rose to 15",
    "the toll reached 20"."""
    for part in args.of_objects(toll):
        if part.pos_ == "NUM" and _value(part) is not None:
            return part
    verb = toll.head
    moved = toll.dep_ == "nsubj" and verb.lemma_.lower() in TOLL_MOVES
    given = toll.dep_ == "dobj" and verb.lemma_.lower() in TOLL_GIVEN  # "put the toll at 58"
    if not (moved or given):
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NUM" and _value(child) is not None:
            return child  # "reached 20"
        if child.dep_ == "prep" and child.lower_ in ("to", "at"):
            for number in (c for c in child.children if c.dep_ == "pobj"):
                if number.pos_ == "NUM" and _value(number) is not None:
                    return number
    return None


def _kind(token: Any) -> str | None:
    if _death_toll(token):
        return "dead" if _toll_figure(token) is not None else None
    if token.text in IN_ACTION:
        return IN_ACTION[token.text] if _in_action(token) is not None else None
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and _fatally(token):
        return "dead"  # "fatally assaulted", "mortally wounded"
    kinds = [k for k in (_BY_WORD.get(lemma), _BY_WORD.get(token.lower_)) if k is not None]
    if kinds:
        return min(kinds, key=_ORDER.__getitem__)  # the first of ``KINDS`` either word is in
    if token.pos_ == "VERB" and args.to_death(token):
        return "dead"  # "shot to death", "beaten to death"
    if (
        token.pos_ == "VERB"
        and lemma == "burn"
        and any(c.lower_ == "alive" for c in token.children)
    ):
        return "dead"  # "burned alive"
    if token.pos_ == "NOUN" and _found_remains(token):
        return "dead"  # "two bodies were found"
    if token.pos_ == "VERB" and _lives_taken(token):
        return "dead"  # "the blast claimed the lives of 12 civilians"
    return None


#: Verbs whose object "lives" are lives lost: "claimed the lives of", "took the lives of".
TAKING_LIVES = frozenset({"claim", "take", "cost"})


def _lives_taken(verb: Any) -> bool:
    return verb.lemma_.lower() in TAKING_LIVES and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children
    )


def _found_remains(noun: Any) -> bool:
    """A body found, located or dumped: the object or passive subject of such a verb."""
    if not remains(noun):
        return False
    holder = noun.head.head if noun.dep_ in ("dobj", "pobj") else None
    if holder is not None and noun in contents(holder) and _found_remains_of(holder):
        return True  # "a mass grave containing 30 bodies was discovered"
    described = (c for n in (noun, *args.of_objects(noun)) for c in n.children if c.dep_ == "acl")
    if any(c.lemma_.lower() in OF_REMAINS for c in described):
        return True  # "two lifeless bodies found in ...", "the body of a reporter found"
    return noun.dep_ in ("dobj", "nsubjpass", "nsubj") and noun.head.lemma_.lower() in OF_REMAINS


def _found_remains_of(noun: Any) -> bool:
    """Whether a grave was found (told as the object or passive subject of finding)."""
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in OF_REMAINS


def _fatally(verb: Any) -> bool:
    """ "Fatally shot", "fatally assaulted": harm that killed."""
    return any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in verb.children)


def _resultative(toll: Any) -> bool:
    """A toll word that says what a verb's act left its object ("shot dead a trader", "left
    one soldier dead"), however the parser hangs it ("shot a trader dead": a clause)."""
    if toll.head.pos_ != "VERB" or toll.head == toll:
        return False
    return toll.dep_ in ("oprd", "acomp", "advmod") or (
        toll.pos_ == "ADJ" and toll.dep_ in ("advcl", "prep")
    )


def _victim_number(toll: Any) -> Any:
    """The number token counting the victims of a toll word, or None."""
    if _death_toll(toll):
        return _toll_figure(toll)
    if toll.text in IN_ACTION:
        return _in_action(toll)
    if toll.pos_ == "NOUN" and toll.lemma_.lower() in REMAINS:
        counted = next((n for o in args.of_objects(toll) if (n := _number_of(o)) is not None), None)
        # "two bodies", "a body", "the bodies of six men"
        return _number_of(toll) or counted or (toll if _one(toll) else None)
    if toll.pos_ == "NOUN" and toll.lemma_.lower() in SELF_COUNTED and _number_of(toll) is not None:
        return _number_of(toll)  # "seven crime-related deaths", "15 junta deaths"
    if _resultative(toll):
        # "leaving one soldier dead", "shot dead a journalist", "two men were shot dead"
        leaving = toll.head.lemma_.lower() == "leave"  # what "clashes left" befell: not them
        passive = args.headline_passive(toll.head) and not leaving
        undergone = ("dobj", "nsubjpass", "nsubj") if passive else ("dobj", "nsubjpass")
        if _found_so(toll.head):
            undergone = (*undergone, "nsubj")  # "Two men found dead": the men
        verbs = [toll.head]
        if toll.head.dep_ == "xcomp" and toll.head.head.pos_ == "VERB":
            verbs.append(toll.head.head)  # "three men were found shot dead"
        for child in (c for verb in verbs for c in verb.children):
            if child.dep_ in undergone:  # "Two Soldiers Shot Dead": a headline's passive
                return _number_of(child) or (child if _one(child) else None)
    # "a suicide attack killed 20 people": the parser's participle has its own victims
    objects = any(c.dep_ == "dobj" and args.person(c) for c in toll.children)
    if toll.dep_ in ("amod", "acl") and toll.head.pos_ in ("NOUN", "PROPN", "NUM") and not objects:
        found = _described_number(toll.head)  # "six dead people", "12 people arrested"
        if found is not None:
            return found
        if toll.dep_ == "acl" and toll.tag_ == "VBN" and _one(toll.head):
            return toll.head  # "Top rebel commander killed in east Ukraine": one victim
    if toll.dep_ in ("amod", "acomp", "oprd") or toll.pos_ == "ADJ":
        if toll.head.pos_ == "NUM":
            return _number_of(toll.head)
        counted = None
        if toll.dep_ == "appos" and toll.head.i < toll.i:
            counted = _number_of(toll.head)  # "One civilian dead in clashes"
        before = toll.doc[toll.i - 1] if toll.i > toll.sent.start else None
        if before is not None and before.pos_ == "NOUN" and toll.head.i > toll.i:
            counted = _number_of(before)  # "shelling leaves one militiaman dead - DPR command"
        if counted is not None:
            return counted
        single = toll.dep_ == "amod" and _one(toll.head) and args.person(toll.head)
        single = single and any(c.lower_ in ("a", "an") for c in toll.head.children)
        return _number_left(toll) or (toll.head if single else None)  # "a dead woman"
    subject_suffers = toll.lemma_.lower() in args.UNDERGONE or args.headline_passive(toll)
    if subject_suffers and toll.pos_ == "VERB":
        counted = [c for c in toll.children if c.dep_ == "nummod" and c.i < toll.i]
        if counted:
            return counted[0]  # "13 die in cartel disputes": the parser's noun reading
    misread = args.misread_object(toll)  # before the subject a headline passive would take
    victims = (
        ([misread] if misread is not None else [])
        or [
            c
            for c in toll.children
            if (c.dep_ in VICTIMS and not _fled_from(toll, c))
            or (subject_suffers and c.dep_ == "nsubj")
        ]
        or _shared_victims(toll, subject_suffers)
        or _raised_victims(toll)
    )
    for child in victims:
        found = _number_of(child) or _of_number(child)
        if found is not None:
            return found
    counted = next((n for o in args.of_objects(toll) if (n := _number_of(o)) is not None), None)
    return counted or next((v for v in victims if _one(v)), None)


def _fled_from(toll: Any, child: Any) -> bool:
    """ "Residents fled the shelling": what people flee is no victim of the fleeing."""
    return child.dep_ == "dobj" and toll.lemma_.lower() in ("flee", "escape")


def _found_so(verb: Any) -> bool:
    """ "Two men found dead": a finding with no object of its own; its subject was found."""
    return verb.lemma_.lower() == "find" and not any(c.dep_ == "dobj" for c in verb.children)


def _raised_victims(toll: Any) -> list[Any]:
    """ "22 reported killed in clashes", "3 men found shot to death": a passive participle
    completing a verb with no object of its own befalls that verb's subject."""
    head = toll.head
    if toll.dep_ != "xcomp" or toll.tag_ != "VBN" or head.pos_ != "VERB" or head == toll:
        return []
    if any(c.dep_ == "dobj" for c in head.children):
        return []
    return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _shared_victims(toll: Any, subject_suffers: bool) -> list[Any]:
    """The victims a toll verb with no subject or object of its own shares with the verb it
    is joined to: "two men were shot and killed", "a man was shot and died", "three soldiers
    were wounded and later died"; a death also the doer's ("fought and died")."""
    own = ("nsubj", "nsubjpass", "dobj", "csubj", "expl")
    if toll.dep_ != "conj" or toll.pos_ != "VERB" or any(c.dep_ in own for c in toll.children):
        return []
    shared = ("nsubjpass", "nsubj") if subject_suffers else ("nsubjpass",)
    return [c for c in toll.head.children if c.dep_ in shared]


def _of_number(noun: Any) -> Any:
    """ "a family of six", "a group of 12 soldiers", "the lives of 12 civilians": the number
    a collective noun is made of."""
    if noun.lemma_.lower() not in COLLECTIVE | {"life"}:
        return None
    for part in args.of_objects(noun):
        if part.pos_ == "NUM" and _value(part) is not None:
            return part
        found = _number_of(part)
        if found is not None:
            return found
    return None


#: Nouns for people counted together: "a family of six", "a group of 12 soldiers".
COLLECTIVE = frozenset({"family", "group", "total", "crew", "team", "unit", "squad", "band"})


def _described_number(noun: Any) -> Any:
    """The number of the noun a participle describes, climbing the place phrase the parser
    may hang it on ("5 residents from Uruachi, Chihuahua, killed by cartel members")."""
    for _ in range(3):
        found = _number_of(noun)
        if found is not None:
            return found
        if noun.dep_ == "appos":
            noun = noun.head
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
        else:
            return None
    return None


def _one(noun: Any) -> bool:
    """A single named victim: "killed the deputy chief", "a prisoner died", ", killing him",
    "and another injured"; not a place taken ("captured the town")."""
    if noun.tag_ == "PRP":  # (a bomber "killing himself and 8 others": one of nine)
        return noun.lower_ in ("him", "her", "he", "she", "himself", "herself")
    if noun.tag_ == "DT":
        return bool(noun.lower_ == "another")  # "two were killed and another injured"
    if noun.lemma_.lower() in args.SITES | GROUND | UNCOUNTED:
        return False  # "captured the police HQ", "an unspecified number of"
    if args.aged(noun):
        return bool(noun.lower_ == "old")  # "a 16-year-old was shot dead"
    return noun.tag_ in ("NN", "NNP") and noun.ent_type_ not in ("GPE", "LOC", "FAC", "ORG")


#: Nouns for a quantity untold: "an unspecified number of militants" is no single victim.
UNCOUNTED = frozenset({"number", "amount", "toll", "total", "count", "figure"})


def _number_of(noun: Any) -> Any:
    if _value(noun) is not None and noun.pos_ == "NUM":
        return noun
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod") and _value(child) is not None:
            return child
    first = noun.left_edge
    inside = first.head.dep_ == "compound" and first.head.head == noun
    if first.pos_ == "NUM" and first.dep_ in ("compound", "nummod") and inside:
        return first if _value(first) is not None else None  # "Two Ukraine soldiers"
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
    if 0 < value < 10 and i > 1 and doc[i - 1].text == "-" and doc[i - 2].lower_ in TENS:
        return i - 2, WORDS[doc[i - 2].lower_] + value  # "Thirty-seven": 37, not 7
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


def number_value(token: Any) -> int | None:
    """The value of a number token ("three", "15", "1,200"), or None."""
    return _value(token) if token.pos_ == "NUM" else None
