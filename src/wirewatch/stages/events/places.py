"""Where an event happened: the place of its own locative phrase, not every place named.

"Russian missiles slammed into an apartment building in the city": the place is the object of
a locative preposition on the trigger (or on its light verb or object), "the city" being the
namesake city of the region just named; "attacks on Kharkiv" put the event at its target;
"Kharkiv has endured a Russian onslaught" at the sufferer. Places inside actors ("Russian",
"Kyiv's forces") are not event places.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import replace
from importlib import resources
from typing import Any

from wirewatch.gazetteer import PLACE_PARTS
from wirewatch.records import Actor, PlaceMention, Span
from wirewatch.stages.events.args import (
    PLACE_MODIFIERS,
    PLACE_WORDS,
    Mentions,
    light_verb,
    of_objects,
    patients,
)
from wirewatch.stages.parse import doc_text
from wirewatch.stages.place.find import container

PLACE_PREPS = frozenset({"in", "at", "near", "into", "across", "over", "outside", "inside"})
PLACE_PREPS_EXTRA = frozenset({"around", "along", "throughout", "off", "within", "toward"})
PATH_PREPS = frozenset({"into", "onto", "on", "at", "near", "inside", "outside", "across"})
INSTRUMENT_PREPS = frozenset({"with", "by"})
GENERIC_PLACES = {"city": "city", "town": "city", "capital": "city", "village": "city"}
GENERIC_PLACES.update({"region": "admin1", "province": "admin1", "oblast": "admin1"})
NEARBY = 60  # tokens: how far back a region makes "the city" its namesake
STATEMENT_SCORE = 0.6
MIN_PLACE_SCORE: float | None = None  # None: the threshold shipped with the model
EXPERIENCE = frozenset({"endure", "suffer", "face", "see", "witness", "experience", "undergo"})


def location(trigger: Any, found: Mentions, physical: bool = True) -> PlaceMention | None:
    """The place the event happened: the sentence's place the learned model (``score``) rates
    highest, if it is likely enough; else "the city" and the like (``_generic_place``).

    Places the link stage made coded actors ("Kyiv had asked Washington") are not candidates; for a
    non-physical event (a request, a statement) the bar is ``STATEMENT_SCORE``: the model
    learned from news of attacks, protests and arrests."""
    candidates = [
        c
        for c in _sentence_places(trigger, found)
        if not _coded_actor(c[0][0], found) or _in_locative(trigger.doc[c[0][0]])
    ]
    threshold = _shipped()["threshold"] if MIN_PLACE_SCORE is None else MIN_PLACE_SCORE
    threshold = threshold if physical else max(threshold, STATEMENT_SCORE)
    rule = rule_choice(trigger, [c for c, _m in candidates])
    scored = [(score(candidate_features(trigger, *c, rule)), m) for c, m in candidates]
    best = max(scored, default=None, key=lambda pair: pair[0])
    if best is not None and best[0] >= threshold:
        mentions = [m for _c, m in candidates]
        chosen = _innermost(best[1], mentions, doc_text(trigger.doc))
        return chosen if chosen.place is not None else _known_around(chosen, mentions, trigger)
    for clause in (c for c in trigger.children if c.dep_ == "advcl" and _when(c)):
        # "30 people were killed when an air strike hit a market in X": one moment, one place
        during = location(clause, found, physical)
        if during is not None:
            return during
    for prep in _locatives(trigger):
        generic = _generic_place(prep, found) or _part_of(prep, found)
        if generic is not None:
            return generic
    headed = _headed(trigger, candidates)
    if headed is not None or not physical:
        return headed
    return _unknown_in(trigger, found, [m for _c, m in candidates])


def _unknown_in(trigger: Any, found: Mentions, mentions: list[PlaceMention]) -> PlaceMention | None:
    """A place the gazetteer lacks, named right after "in", "near" or "at" on the act ("fighting
    raged near Mogadishu-Karan district"): the known place the words put it in, else the
    name unresolved, its text kept (the model scores only places it can weigh)."""
    told = [trigger] + ([trigger.head] if trigger.dep_ in ("nsubj", "nsubjpass") else [])
    for prep in (p for t in told for p in _locatives(t)):  # "fighting raged near ..."
        for token in prep.subtree:
            mention = found.places.get(token.i)
            if mention is not None and mention.place is None:
                return _known_around(mention, mentions, trigger)
    return None


#: How fine a resolved place is (smaller is finer).
FINENESS = {"point": 0, "city": 0, "admin2": 1, "region": 2, "admin1": 2, "country": 3}


def _innermost(chosen: PlaceMention, mentions: list[PlaceMention], text: str) -> PlaceMention:
    """The finest place named inside ``chosen``: "clashed in Hays district (Al Hudaydah)",
    "in Sirt city (Surt)", "Kaura village (Zangon Kataf, Kaduna)" happened at the first
    name, the ones after a comma, "in" or a bracket saying where that lies."""
    while True:
        inner = next(
            (
                m
                for m in mentions
                if m.span.end <= chosen.span.start
                and m.place is not None
                and _finer(m.place.precision, chosen)
                and container(text, m.span.end, chosen.span.start)
            ),
            None,
        )
        if inner is None:
            return chosen
        chosen = inner


#: Words between a place and the wider one it lies in: "Kafr Musa village, in the
#: countryside of Aleppo", "a village on the outskirts of Djibo".
_LIES_IN = re.compile(
    r"^(?:\s+(?:village|town|city|camp|district|area|neighbou?rhood))?\s*,?\s*(?:in|on)\s+"
    r"(?:the\s+)?(?:countryside|outskirts|suburbs|rural\s+areas?|province|region|district|"
    r"governorate|state|area)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Words that put a place near a known one: "the village of Mabuo near Beni", "Kalembe,
#: outside Goma", "a camp not far from the town of Gao".
_NEAR = re.compile(
    r"^(?:\s+(?:village|town|camp|area|locality|hamlet))?\s*,?\s*(?:near|outside|close\s+to|"
    r"not\s+far\s+from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
#: A wider place owning a narrower one: "the Saada governorate's Shada district".
_OWNS = re.compile(
    r"^(?:\s+(?:governorate|province|region|state|district|county|oblast))?\s*['’]s\s+$",
    re.IGNORECASE,
)


def _known_around(chosen: PlaceMention, mentions: list[PlaceMention], trigger: Any) -> PlaceMention:
    """For a place the gazetteer lacks, the known place the words put it in ("Shada district"
    of "the Saada governorate's Shada district": Saada, at its own precision), else the
    unresolved place as it is; a place it is near for one the gazetteer lacks ("the village
    of Mabuo near Beni": Beni, the nearest the record can say)."""
    text = doc_text(trigger.doc)
    for other in mentions:
        if other.place is None:
            continue
        after = other.span.start >= chosen.span.end
        between = text[chosen.span.end : other.span.start] if after else ""
        if after and (
            container(text, chosen.span.end, other.span.start)
            or _LIES_IN.match(between)
            or _NEAR.match(between)
        ):
            return other
        if not after and _OWNS.match(text[other.span.end : chosen.span.start]):
            return other
    return chosen


def _finer(precision: str, than: PlaceMention) -> bool:
    if than.place is None:
        return True
    return FINENESS.get(precision, 4) < FINENESS.get(than.place.precision, 4)


def _headed(
    trigger: Any, candidates: list[tuple[tuple[int, int], PlaceMention]]
) -> PlaceMention | None:
    """ "Zitácuaro, Michoacán: gunmen kill two": a headline headed by where it happened (places
    and commas before a colon that opens the sentence) places its events at the first of them,
    the finest ("Zitácuaro" before its state)."""
    sent = trigger.sent
    colon = next((t.i for t in sent if t.text == ":"), None)
    if colon is None or colon > sent.start + 8 or trigger.i < colon:
        return None
    head = [c for c in candidates if c[0][1] <= colon]
    covered = {i for (start, end), _m in head for i in range(start, end)}
    rest = [t for t in sent if sent.start <= t.i < colon and t.i not in covered]
    if not head or any(t.text != "," for t in rest):
        return None
    return head[0][1]


def _in_locative(token: Any) -> bool:
    """Whether a name lies in the object of a locative preposition ("in Sudan's North Darfur
    state"): there it is a place, whatever the link stage made of it."""
    for _ in range(4):
        if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
            return True
        head = token.head
        if head == token or token.dep_ not in ("compound", "poss", "amod"):
            return False
        if not (head.ent_type_ in ("GPE", "LOC") or head.lower_ in PLACE_WORDS):
            return False  # "in Kiev forces' shelling": Kiev names the forces, not the place
        token = head
    return False


def _coded_actor(i: int, found: Mentions) -> bool:
    """Whether token ``i`` names a coded actor ("Kyiv had asked"); a name the link stage
    could not code but the place stage resolved ("in Imo state") is a place."""
    mention = found.actors.get(i)
    return mention is not None and mention.actor.code is not None


def aimed_at(trigger: Any, mention: PlaceMention, found: Mentions) -> bool:
    """Whether a place lies in what the act is for, not where it took place: a "for" phrase
    ("sent missiles to Russia for the conflict in Ukraine") or an infinitive of purpose ("to
    support Russia's war efforts in Ukraine") hung on the trigger."""
    aims = [c for c in trigger.children if (c.dep_ == "prep" and c.lower_ == "for")
            or (c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                     for a in c.children))]  # fmt: skip
    start = mention.span.start
    return any(t.idx <= start < t.idx + len(t.text) for a in aims for t in a.subtree)


def _sentence_places(trigger: Any, found: Mentions) -> list[tuple[tuple[int, int], PlaceMention]]:
    """The place mentions of the trigger's sentence, each with its token range."""
    sent = trigger.sent
    seen: dict[int, tuple[int, int]] = {}
    mentions: dict[int, PlaceMention] = {}
    for i in range(sent.start, sent.end):
        mention = found.places.get(i)
        if mention is None:
            continue
        start = seen.get(id(mention), (i, i + 1))[0]
        seen[id(mention)] = (start, i + 1)
        mentions[id(mention)] = mention
    return [(seen[k], mentions[k]) for k in seen]


def rule_choice(trigger: Any, ranges: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The token range the hand-written locative rule picks among ``ranges`` (a feature)."""
    for prep in _locatives(trigger):
        for token in _place_phrase(prep):
            for start, end in ranges:
                if start <= token.i < end:
                    return (start, end)
    return None


def candidate_features(
    trigger: Any, start: int, end: int, rule: tuple[int, int] | None
) -> list[str]:
    """Features of one candidate place for the trigger's event: the grammatical path between
    them, the preposition governing it, its role, side and distance, and the rule's verdict."""
    doc = trigger.doc
    root = next((t for t in doc[start:end] if not start <= t.head.i < end), doc[start])
    up, down = _path(root, trigger)
    distance = start - trigger.i if start > trigger.i else trigger.i - end + 1
    feats = [
        "rule" if rule == (start, end) else "",
        f"path={'/'.join(up[:3])}|{len(down)}",
        f"up={len(up)}",
        f"dep={root.dep_}",
        f"head={root.head.lemma_.lower()}" if root.dep_ == "pobj" else "head=",
        f"side={'after' if start > trigger.i else 'before'}",
        f"far={min(distance // 4, 5)}",
        f"inside={trigger.left_edge.i <= start and end <= trigger.right_edge.i + 1}",
        f"ent={root.ent_type_}",
    ]
    return [f for f in feats if f]


def _path(token: Any, trigger: Any) -> tuple[list[str], list[str]]:
    """Dependencies from the candidate up to where it meets the trigger, and from the trigger."""
    above = {t.i: n for n, t in enumerate([trigger, *trigger.ancestors])}
    up: list[str] = []
    current = token
    while current.i not in above and current.head != current:
        up.append(current.head.lemma_.lower() if current.dep_ == "pobj" else current.dep_)
        current = current.head
    meet = above.get(current.i, 9)
    return up, ["^"] * meet


@functools.cache
def _shipped() -> dict[str, Any]:
    path = resources.files("wirewatch.resources").joinpath("events_location.json")
    raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return raw


@functools.cache
def _weights() -> dict[str, float]:
    return {f: w / _shipped()["scale"] for f, w in _shipped()["weights"].items()}


def score(feats: list[str]) -> float:
    """Probability that a candidate is the event's place (``tools/build/events_location.py``)."""
    weights = _weights()
    total = weights.get("<bias>", 0.0) + sum(weights.get(f, 0.0) for f in set(feats))
    return 1 / (1 + math.exp(-total))


def _place_phrase(prep: Any) -> list[Any]:
    """The object of a locative preposition, its head first, then its modifiers ("Russia's
    Kursk region", "the region of Kharkiv"); nested phrases ("in response to ...") left out."""
    out: list[Any] = []
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        modifiers = [c for c in obj.children if c.dep_ in PLACE_MODIFIERS or c.lower_ == "of"]
        out.append(obj)
        out.extend(sorted((t for c in modifiers for t in c.subtree), key=lambda t: -t.i))
    return out


def target_place(trigger: Any, found: Mentions) -> PlaceMention | None:
    """ "attacks on Kharkiv", "shelled Donetsk", "Donetsk hit by air strike", "bombed the town
    of Kitshanga": a place the trigger is aimed at or done to is where it happened (a town
    or region: a country done to is a party, "Russia attacked Ukraine", not a location)."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "at"):
            for token in _place_phrase(child):
                if token.i in found.places:
                    return found.places[token.i]
    for patient in patients(trigger) if trigger.pos_ == "VERB" else []:
        named = [c for c in patient.children if c.dep_ == "compound"]
        for token in [patient, *named, *of_objects(patient)]:
            mention = found.places.get(token.i)
            place = mention.place if mention is not None else None
            if place is not None and place.precision != "country":
                return mention
    return None


def experienced_place(trigger: Any, found: Mentions) -> PlaceMention | None:
    """ "Kharkiv has endured a Russian onslaught": the sufferer of the event is its place."""
    if trigger.dep_ != "dobj" or trigger.head.lemma_.lower() not in EXPERIENCE:
        return None
    for child in trigger.head.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for token in child.subtree:
                if token.i in found.places:
                    return found.places[token.i]
    return None


def _locatives(trigger: Any) -> list[Any]:
    """Locative prepositions on the trigger, its object, or the verb it leans on."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "pobj"))]
    verb = light_verb(trigger) if trigger.pos_ == "NOUN" else None
    if verb is not None or trigger.dep_ in ("xcomp", "pcomp"):
        heads.append(verb if verb is not None else trigger.head)
    gerund = trigger.tag_ == "VBG"  # "fighting raged": the noun the parser read as a verb
    if (
        (trigger.pos_ == "NOUN" or gerund)
        and trigger.dep_ == "nsubj"
        and trigger.head.pos_ == "VERB"
    ):
        heads.append(trigger.head)  # "fighting took place in ...", "clashes raged near ..."
    preps = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | PLACE_PREPS_EXTRA:
                preps.append(child)
            if child.dep_ == "prep" and (
                child.lower_ in PATH_PREPS | INSTRUMENT_PREPS or _occasion(child)
            ):
                preps.extend(_nested_locatives(child))  # "into a building in the city",
                # "with machetes in Beni territory": the parser hangs the place on the noun
    return preps


def _when(clause: Any) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children)


#: Nouns for the occasion of a harm: "In a separate incident in Beni, four soldiers were
#: killed", "during an attack on a convoy near Gao": where the occasion was, the harm was.
OCCASIONS = frozenset(
    {"incident", "attack", "raid", "clash", "ambush", "assault", "operation", "offensive"}
    | {"fighting", "shelling", "skirmish", "confrontation", "exchange", "violence", "unrest"}
)


def _occasion(prep: Any) -> bool:
    return prep.lower_ in ("in", "during") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in OCCASIONS for o in prep.children
    )


def _nested_locatives(prep: Any) -> list[Any]:
    out: list[Any] = []
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        out.extend(c for c in obj.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS)
    return out


def _part_of(prep: Any, found: Mentions) -> PlaceMention | None:
    """ "fighting took place in Bakhmut's southwestern outskirts": the place that owns the
    part named, else None."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lower_ not in PLACE_PARTS:
        return None
    owner = next((c for c in obj.children if c.dep_ == "poss" and c.i in found.places), None)
    return found.places[owner.i] if owner is not None else None


def _generic_place(prep: Any, found: Mentions) -> PlaceMention | None:
    """ "in the city": the last place of that kind named before it in the article; after a
    region ("the region of Kharkiv"), "the city" is the region's namesake city."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lower_ not in GENERIC_PLACES:
        return None
    if not any(c.lower_ in ("the", "that", "this") for c in obj.children):
        return None
    named = [o for o in of_objects(obj) if o.i in found.places]
    if named:
        return found.places[named[0].i]  # "the eastern Chinese city of Hangzhou": named there
    feature = GENERIC_PLACES[obj.lower_]
    earlier = [(i, p) for i, p in found.ordered_places if i < obj.i and i not in found.actors]
    regions = [p for i, p in earlier if _feature(p) == "admin1" and obj.i - i <= NEARBY]
    if feature == "city" and regions:
        namesake = _namesake_city(regions[-1], found.token_span(list(obj.subtree)))
        if namesake is not None:
            return namesake
    same = [p for _i, p in earlier if _feature(p) == feature]
    return same[-1] if same else None


def _feature(mention: PlaceMention) -> str | None:
    return mention.place.feature if mention.place is not None else None


def _namesake_city(region: PlaceMention, span: Span) -> PlaceMention | None:
    """The city named like a region, in its country (Kharkiv Oblast → Kharkiv)."""
    from wirewatch import gazetteer

    table = gazetteer.gazetteer()
    for entry in table.lookup(region.span.text):
        place = gazetteer.to_place(entry, table)
        if place.feature == "city" and region.place and place.country == region.place.country:
            return PlaceMention(span=span, place=place, role="body")
    return None


#: Precisions of places finer than a country, the most precise first.
FINER = ("point", "city", "admin2", "admin1", "region")


def article_place(found: Mentions) -> PlaceMention | None:
    """Where an article's acts happen when their own sentences do not say: the place finer
    than a country it names most often (the earliest among equals), else, when the only place
    it names is one country, that country ("Myanmar junta kills 12 civilians"; the country may
    be a party's). A place that names a party ("Kyiv had asked") is no candidate unless it is
    that one country. Its first mention is the evidence, with the role ``context``."""
    counts: Counter[Any] = Counter()
    first: dict[Any, PlaceMention] = {}
    for i, mention in found.ordered_places:
        place = mention.place
        if place is None:
            continue
        party = _coded_actor(i, found) and not _in_locative(found.doc[i])
        if party and place.precision != "country":
            continue
        key = place.geonameid or (place.name, place.country)
        counts[key] += 1
        first.setdefault(key, mention)
    fine = [k for k, m in first.items() if m.place is not None and m.place.precision in FINER]
    pool = fine or (list(first) if len(first) == 1 else [])
    if not pool:
        return None
    best = max(pool, key=lambda k: counts[k])  # max keeps the earliest among equals
    return replace(first[best], role="context")


def state_of(mention: PlaceMention) -> Actor | None:
    """The state a place lies in, as the actor an attack there targets ("slammed into an
    apartment building in Kharkiv": Ukraine)."""
    from wirewatch import gazetteer

    if mention.place is None or not mention.place.country:
        return None
    entry = gazetteer.gazetteer().state(mention.place.country)
    name = _as_written(entry.name) if entry is not None else mention.place.country
    return Actor(code=mention.place.country, name=name, kind="state")


def _as_written(name: str) -> str:
    """A country's list name as running text writes it: "Palestine, State of" is the State of
    Palestine, "Virgin Islands, U.S." the U.S. Virgin Islands; a list of islands stays."""
    head, comma, qualifier = name.partition(", ")
    if not comma or " and " in name:
        return name
    return f"{qualifier} {head}"
