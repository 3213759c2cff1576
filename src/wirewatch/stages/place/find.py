"""Toponym recognition: which stretches of an article name places.

spaCy's GPE/LOC/FAC entities are the start, not the answer: the small model calls Kharkiv and
Kyiv PERSON. A name is a toponym when spaCy labels it a place and the gazetteer knows it, or
when the gazetteer knows it well (a country, a first-level region, a sizeable town) and its
neighbourhood reads like a place ("in", "of", "region of", "X, Ukraine", "X's"), whatever its
label. Demonyms ("Ukrainian officials") are kept as mentions of their country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from wirewatch.gazetteer import (
    HYPHENED_ARTICLES,
    TOPONYM_HEADS,
    Entry,
    Gazetteer,
    arabic_place,
    own_name,
    spelled_like,
)
from wirewatch.resources import background, word_list
from wirewatch.stages.ingest.wire import WIRES
from wirewatch.stages.parse import doc_text, lowercase_words
from wirewatch.stages.time import lexicon

#: Words for a country's divisions: "Kurram district", "Beni territory", "Kani township",
#: "Bassa LGA" (Nigeria's local government areas).
DIVISIONS = (
    "region|oblast|province|governorate|district|county|parish|state|krai|prefecture|"
    "territory|township|department|municipality|commune|raion|tehsil|woreda|lga|"
    "local government area|local government"
)
#: Divisions below the districts GeoNames knows ("Sagaing Township", "Bara tehsil"): the
#: gazetteer lacks them, and the town they are named after is nearer than the region.
TOWN_DIVISIONS = frozenset({"township", "tehsil", "commune", "woreda"})
#: The division words that may be capitalised ("Daraa Province", "Kohlu District"); not
#: "State", which after a state's name is mostly its university's ("Ohio State").
_CAPITAL_DIVISIONS = "|".join(
    w for w in DIVISIONS.split("|") if w not in TOWN_DIVISIONS and w != "state"
)  # (in DIVISIONS' order: the alternatives match as before)
_REGION_AFTER = re.compile(
    rf"^(?:\s+(?:(?i:{_CAPITAL_DIVISIONS})|state|area)\b|,?\s+whose\s+capital)"
)
_DIVISION_AFTER = re.compile(rf"^\s+({DIVISIONS})\b")
#: Divisions named after their seat, whose town is nearer than their centre: "the
#: municipality of Zapopan" is read as the town (as coders place it).
SEATED = TOWN_DIVISIONS | {"municipality"}
_REGION_BEFORE = re.compile(
    rf"\b(?:{'|'.join(w for w in DIVISIONS.split('|') if w not in SEATED)})\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
#: Words for a settlement after its name ("Kaura village"): the name is a town's. The
#: Philippines' village, the barangay, is mostly named before ("Barangay Mabini").
SETTLEMENTS = frozenset({"city", "town", "village", "hamlet", "settlement", "barangay"})
DIVISION_WORDS = frozenset(DIVISIONS.split("|"))
KIND_WORDS = SETTLEMENTS | DIVISION_WORDS
#: Short forms of the words for a place's kind, which spaCy may call places themselves.
ABBREVIATED_KINDS = frozenset({"brgy", "twsp", "tsp", "obl", "oblt", "dist", "prov"})
_CITY_BEFORE = re.compile(
    rf"\b(?:(?:city|town|village|port city|capital|{'|'.join(sorted(SEATED))})\s+of"
    r"|barangay|brgy\.?)\s+$",
    re.IGNORECASE,
)
#: A name alone in brackets after a name: conflict coders' way to give the region.
_BRACKET_BEFORE = re.compile(r"\w\s*\(\s*$")
_BRACKET_AFTER = re.compile(r"^\s*\)")
_CITY_AFTER = re.compile(r"^\s+(?:city|town|village)\b(?!\s+of)")
_REGION_WORDS = re.compile(r"\b(?:county|parish|oblast|province|region|state)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """A recognised toponym: offsets, text, hint, and whether it is a demonym."""

    start: int
    end: int
    text: str
    hint: str | None = None
    division: str | None = None  # the division word after it: "territory" of "Beni territory"
    demonym: bool = False
    adjective: bool = False  # "Saudi-led", "Kyiv-backed": a place named to qualify an actor


def hint(text: str, start: int, end: int) -> str | None:
    """ "region" or "city" when the words around a name say which it is, else None."""
    name = text[start:end]
    if _REGION_WORDS.search(name):
        return None  # "Laurel County" says it itself
    before = text[max(0, start - 40) : start]
    after = text[end : end + 20]
    if _REGION_AFTER.match(after) or _REGION_BEFORE.search(before):
        return "region"
    if _BRACKET_BEFORE.search(before) and _BRACKET_AFTER.match(after):
        return "region"  # "clashed in Omdurman (Khartoum)": the state a place lies in
    if _CITY_BEFORE.search(before) or _CITY_AFTER.match(after):
        return "city"
    return None


def division(text: str, end: int) -> str | None:
    """The word for a division right after a name ("district" of "Kurram district"), if any."""
    match = _DIVISION_AFTER.match(text[end : end + 20])
    return match.group(1).lower() if match else None


#: Words for a natural feature or an area after its name: "Boni forest, Lamu county".
FEATURES = "forest|hills?|mountains?|valley|lake|river|area"
_CONTAINER = re.compile(
    rf"^(?:\s+(?i:{DIVISIONS}|village|town|city|camp|{FEATURES}))?"
    r"(?:\s*,\s*|\s+in\s+(?:the\s+)?|\s*\(\s*)$"
    rf"|^\s+(?i:{DIVISIONS}|village|town)\s+of\s+(?:the\s+)?$"  # "Maru district of Zamfara"
)
_DISTANCE = (
    r"(?:(?:some|about|around|approximately|roughly|nearly|almost|over|less\s+than|more\s+than)"
    r"\s+)?(\d[\d.,]*)\s*-?\s*(km|kms|kilometres|kilometers|kilometre|kilometer|miles|mi)\.?\s+"
)
_DIRECTION = (
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of"
)
_NEAR = re.compile(
    r"^\s*(?:(?:village|town|locality)\b\s*)?,?\s+(?:(?:located|situated|lying)\s+)?"
    rf"(?:near|outside(?:\s+of)?|close\s+to|next\s+to|(?:{_DISTANCE})?{_DIRECTION}"
    rf"|{_DISTANCE}(?:away\s+)?(?:from|outside(?:\s+of)?))"
    r"\s+(?:the\s+)?(?:(?:central|main|small|nearby|neighbouring|neighboring)\s+)?"
    r"(?:(?:town|city|village|locality|capital),?\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_LIST = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?[A-Z]")


def container(text: str, first_end: int, second_start: int) -> bool:
    """True when the second name may contain the first: it follows after a comma ("Dubai,
    UAE", "Zaliznychne, Dnipropetrovsk"), after "in" ("Karak in Dar'a"), after the first's
    kind of division and "of" ("Maru district of Zamfara State") or in brackets, as
    conflict coders write a place's district and province ("Kaura village (Zangon Kataf,
    Kaduna)"), the first perhaps with its kind of division or settlement ("Kani township,
    Sagaing region")."""
    return bool(_CONTAINER.match(text[first_end:second_start]))


def beside(text: str, first_end: int, second_start: int) -> bool:
    """True when the first name is said to lie near the second ("X near Y", "X, 10 km
    north of Y")."""
    return bool(_NEAR.match(text[first_end:second_start]))


def reach_km(text: str, first_end: int, second_start: int) -> float | None:
    """The distance in km the words between two names say the first lies from the second
    ("X, located 10 kilometers outside of Y": 10), else None."""
    found = _NEAR.match(text[first_end:second_start])
    if found is None:
        return None
    number = found.group(1) or found.group(3)  # (one of the two places a distance stands)
    unit = found.group(2) or found.group(4)
    if number is None:
        return None
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    return value * 1.609 if unit is not None and unit.lower().startswith("mi") else value


def listed(text: str, end: int) -> bool:
    """True when a list of names goes on after ``end`` ("Kyiv, Kharkiv, Odesa"): there a name
    after a comma is the next of the list, perhaps not a container."""
    return bool(_LIST.match(text[end : end + 40]))


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """When a name the gazetteer knows counts as a toponym, by what spaCy called it.

    Tuned on the held-out third of LGL (end-to-end F1; see ``bench/geo.py``).
    """

    big_town: int = 20_000  # a town this big is a toponym even when labelled PERSON
    org_town: int = 30_000  # ... or when it is part of an ORG/FAC name ("Fargo Police")
    loose_town: int = 20_000  # ... or when it stands unlabelled without a locative word


RULES = Rules()
LOCATIVE = frozenset(
    {"in", "at", "from", "to", "near", "outside", "of", "into", "across", "around", "toward"}
    | {"towards", "through", "throughout", "between", "within", "via", "inside", "beyond"}
    | {"north", "south", "east", "west"}
    | {"off"}  # "seized a ship off Hodeidah"
)
#: Words after which a name can only be a place ("near Svitlodarsk"; not "to", "from").
SPATIAL = frozenset({"in", "near", "outside"})
#: Verbs done only to places: their object, named as a town is, is that town ("raided
#: Kukawa", "shelled Avdiivka"), though the parser calls it a person ("attacked" is not one:
#: "Sanders attacked Clinton").
TAKEN = frozenset(
    {"raid", "storm", "overrun", "shell", "bombard", "bomb", "besiege", "capture", "recapture"}
    | {"retake", "invade", "occupy", "encircle", "liberate", "evacuate", "overran"}
)
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "gov", "sen", "rep", "president", "judge"}
    | {"coach", "lt", "sgt"}
)
ARTICLES = frozenset({"the", "a", "an"})
#: The parts of a country or region news names by direction ("eastern Ukraine"), each
#: as (north, east) signs: the place stage makes them places of their own.
DIRECTIONS = {
    "northern": (1, 0),
    "southern": (-1, 0),
    "eastern": (0, 1),
    "western": (0, -1),
    "northeastern": (1, 1),
    "northwestern": (1, -1),
    "southeastern": (-1, 1),
    "southwestern": (-1, -1),
    "central": (0, 0),
}
#: Words for a part of a place ("northern Gorlovka"), passed over to the word before them.
PARTS = frozenset(DIRECTIONS) | {"north-eastern", "north-western", "south-eastern"}
PARTS |= {"south-western", "downtown", "suburban", "rural", "outer"}
PLACE_LABELS = frozenset({"GPE", "LOC"})
NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})
MAX_WORDS = 6
#: Lower-case words inside a name ("Shakhta imeni Gagarina", "Rio de Janeiro", "Ras al-Ayn"):
#: the first always, the second only before a hyphen (they are English words otherwise).
PARTICLES = frozenset({"al", "el", "imeni", "ibn", "bin", "de", "del", "di", "du", "dos", "das"})
PARTICLES |= {"da", "do"}  # Portuguese and Italian: "Mocímboa da Praia", "Rio do Sul"
PARTICLES_HYPHEN = frozenset({"ad", "adh", "ar", "as", "ash", "at", "az", "ath", "ez", "es", "ed"})
#: French ones, hyphened on both sides ("Port-au-Prince", "Aix-en-Provence", "Boulogne-sur-Mer").
PARTICLES_HYPHEN |= {"au", "aux", "des", "en", "sur", "sous", "la", "le", "les", "lès"}
#: Persian and Pashto ones (the ezafe, "Mazar-i-Sharif", "Dasht-e-Archi") and Urdu ones
#: ("Dera Ghazi Khan", "Toba Tek Singh" need none; "Kot-ul-Amara" does).
PARTICLES_HYPHEN |= {"e", "i", "ul", "ud", "un", "us"}
#: English, German and Italian ones ("Rostov-on-Don", "Stratford-upon-Avon", "Frankfurt-am-Main").
PARTICLES_HYPHEN |= {"on", "upon", "am", "im", "an", "der", "sul"}
#: Capitalised words that join the words around them into one name ("Ras Al Ain").
PARTICLES_UPPER = frozenset({"Al", "El", "Ibn", "Bin", "Imeni"})
#: A country named before these words is a currency, a market or a team, not a place.
NOT_PLACE_AFTER = frozenset(
    {"dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "ruble", "rubles"}
    | {"rouble", "roubles", "yuan", "yen", "rupee", "rupees", "peso", "pesos", "dinar", "dinars"}
    | {"riyal", "riyals", "rial", "rials", "lira", "hryvnia", "hryvnias", "franc", "francs"}
    | {"shekel", "shekels", "won", "rand", "naira", "shilling", "shillings", "dirham", "dirhams"}
    | {"ringgit", "baht", "krona", "krone", "zloty", "currency", "stocks", "shares", "bonds"}
    | {"equities", "markets", "treasuries", "futures", "team", "squad", "eleven"}
)
#: "Saudi-led", "Kremlin-backed": the name qualifies an actor; the place is not the event's.
ADJECTIVE_SUFFIXES = frozenset(
    {"led", "backed", "based", "born", "made", "funded", "brokered", "sponsored", "allied"}
    | {"aligned", "bound", "supported", "owned", "run", "style", "friendly", "leaning"}
)
#: Places big enough that "X-Y" joins two names ("Israel-Gaza war", "Dallas-Fort Worth").
MAJOR = 100_000


@dataclass(frozen=True, slots=True)
class Seen:
    """What the whole document says about names: labelled places, people's names, words."""

    text: str
    entities: set[tuple[int, int]]  # token ranges of spaCy's entities
    places: set[str]
    people: set[str]
    common: Callable[[str], bool]  # is the name an everyday word?
    wholes: dict[int, int]  # tokens of spaCy's place entities → where their entity ends


def find(doc: Any, table: Gazetteer, rules: Rules | None = None) -> list[Found]:
    """Every toponym in a spaCy Doc: runs of capitalised words, longest known name first."""
    rules = rules or RULES
    found: list[Found] = []
    ents = list(doc.ents)
    places = {e.text for e in ents if e.label_ in PLACE_LABELS}
    people = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}  # surnames
    wholes = {i: e.end for e in ents if e.label_ in PLACE_LABELS for i in range(e.start, e.end)}
    text = doc_text(doc)
    seen = Seen(text, {(e.start, e.end) for e in ents}, places, people, table.common, wholes)
    words = Words.of(doc)
    for start, end in _of_joined(text, words, _runs(words), table):
        names = _names_in(doc, words, start, end, table, seen, rules)
        found.extend(names or _compound(doc, start, end, table))
    found = [_with_feature_word(f, text, table) for f in found]
    found.extend(_unknown_places(ents, found, table))
    found.extend(_called_places(doc, words, found, table))
    found.extend(_bracketed_places(text, found))
    return sorted(found, key=lambda f: f.start)


def _capital(token: Any) -> bool:
    return _capitalised(token.text)


def _capitalised(word: str) -> bool:
    return bool(word[:1].isupper()) and any(ch.isalpha() for ch in word)


@dataclass(frozen=True, slots=True)
class Words:
    """A document's tokens as plain lists, read once: the scans below index them, not the
    Doc (each ``doc[i]`` makes a new Token object)."""

    text: list[str]
    lower: list[str]
    space: list[bool]  # followed by whitespace
    capital: list[bool]  # ``_capital``
    start: list[int]  # character offset

    @classmethod
    def of(cls, doc: Any) -> Words:
        tokens = [(t.text, t.lower_, bool(t.whitespace_), t.idx) for t in doc]
        return cls(
            [t[0] for t in tokens],
            [t[1] for t in tokens],
            [t[2] for t in tokens],
            [_capitalised(t[0]) for t in tokens],
            [t[3] for t in tokens],
        )


def _runs(words: Words) -> list[tuple[int, int]]:
    """Token ranges of capitalised words, hyphen-joined ones kept together, "The" left out."""
    runs: list[tuple[int, int]] = []
    capital, size = words.capital, len(words.text)
    i = 0
    while i < size:
        if not capital[i]:
            i += 1
            continue
        j = i + 1
        while j < size and (capital[j] or _joiner(words, j) or _particle(words, j)):
            j += 1
        while j > i + 1 and not capital[j - 1]:
            j -= 1  # a run ends on a capitalised word
        while i < j and words.lower[i] in ARTICLES:
            i += 1
        if i < j:
            runs.append((i, j))
        i = j
    return runs


#: Lower-case words inside a known name: "Gulf of Aden", "Democratic Republic of the Congo",
#: "Cox's Bazar".
OF_JOINERS = (("of",), ("of", "the"), ("'s",), ("’s",))


def _of_joined(
    text: str, words: Words, runs: list[tuple[int, int]], table: Gazetteer
) -> list[tuple[int, int]]:
    """Runs glued by "of", "of the" or "'s" where the words across form a name the gazetteer
    knows ("Sea of Azov", not "Sea" and "Azov"; "Cox's Bazar"); other runs as they are ("Bank
    of England", "Russia's Kursk region")."""
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if out:
            before, last = out[-1]
            between = tuple(words.lower[last:start])
            if between in OF_JOINERS:
                for stop in range(end, start, -1):
                    name = text[
                        words.start[before] : words.start[stop - 1] + len(words.text[stop - 1])
                    ]
                    if table.lookup(name):
                        out[-1] = (before, end)
                        break
                else:
                    out.append((start, end))
                continue
        out.append((start, end))
    return out


def _joiner(words: Words, j: int) -> bool:
    """A hyphen inside a name ("Kabardino-Balkaria"): no spaces, capitals on both sides."""
    return (
        words.text[j] == "-"
        and not words.space[j - 1]
        and not words.space[j]
        and j + 1 < len(words.text)
        and (words.capital[j + 1] or _particle(words, j + 1))
    )


def _particle(words: Words, j: int) -> bool:
    """A lower-case word inside a name, before a capitalised word or a hyphen."""
    text = words.text
    word = text[j]
    if j + 1 >= len(text) or (text[j - 1] == "-" and words.space[j - 1]):
        return False
    hyphen = text[j + 1] == "-" and not words.space[j]
    after = j + 2 if hyphen and j + 2 < len(text) else j + 1
    return words.capital[after] and (word in PARTICLES or (hyphen and word in PARTICLES_HYPHEN))


def _joints(doc: Any, start: int, end: int, table: Gazetteer) -> set[int]:
    """The tokens of a run that glue its words into one name: hyphens ("Mogadishu-Karan"),
    particles ("Ras Al Ain", "Shakhta imeni Gagarina"). A hyphen between two major places
    ("Israel-Gaza", "Russia-Ukraine") is no joint: each side is a name of its own."""
    joints: set[int] = set()
    for j in range(start + 1, end - 1):
        word = doc[j].text
        if word == "-":
            if not (
                _pair(doc[start:j], doc[j + 1 : end], table) or _route(doc, start, j, end, table)
            ):
                joints.add(j)
        elif not _capital(doc[j]) or word in PARTICLES_UPPER:
            joints.add(j)
    return joints


def _pair(left: Any, right: Any, table: Gazetteer) -> bool:
    """Whether the words before and after a hyphen are each a major place, and of one
    country unless a side is a state ("Israel-Gaza", "Dnipro-Kharkiv"; not "Mayo-Sava", a
    Cameroonian department whose halves are an Irish county and a Malagasy region)."""
    first = left[-1:].text
    if not _major(first, table):
        return False
    seconds = [right[:n].text for n in range(1, min(len(right), MAX_WORDS) + 1)]
    return any(_major(second, table) and _akin(first, second, table) for second in seconds)


def _akin(one: str, other: str, table: Gazetteer) -> bool:
    """Whether two names may be a pair of places: a state on either side, or a country
    both may lie in."""
    if any(_state(name, table) for name in (one, other)) or one.lower() in HYPHENED_ARTICLES:
        return True  # (Arabic's article before a name: "Al-Raqqah" is read as "Raqqah")
    countries = {e.cc for e in table.lookup(one)}
    return any(e.cc in countries for e in table.lookup(other))


def _state(name: str, table: Gazetteer) -> bool:
    return table.demonym(name) is not None or any(
        e.feature == "country" for e in table.lookup(name)
    )


#: Words after two places joined by a hyphen that make them the two ends of a route ("the
#: Gao-Ansongo road"), each a place of its own.
ROUTES = frozenset({"road", "highway", "axis", "route", "motorway", "expressway", "railway"})


def _route(doc: Any, start: int, hyphen: int, end: int, table: Gazetteer) -> bool:
    """Whether a hyphen joins two known towns named as the ends of a route."""
    if end >= len(doc) or doc[end].lower_ not in ROUTES:
        return False
    return table.known(doc[start:hyphen].text) and table.known(doc[hyphen + 1 : end].text)


def _major(name: str, table: Gazetteer) -> bool:
    return (
        any(e.feature != "city" or e.population >= MAJOR for e in table.lookup(name))
        or table.demonym(name) is not None
    )


def _compound(doc: Any, start: int, end: int, table: Gazetteer) -> list[Found]:
    """A compound name the gazetteer does not know ("Ras Al Ain", "Mogadishu-Karan"), kept
    whole and unresolved when spaCy calls a part of it a place."""
    if not _joints(doc, start, end, table):
        return []
    if not any(t.ent_type_ in PLACE_LABELS for t in doc[start:end]):
        return []
    span = doc[start:end]
    return [Found(start=span.start_char, end=span.end_char, text=span.text)]


def _names_in(
    doc: Any, words: Words, start: int, end: int, table: Gazetteer, seen: Seen, rules: Rules
) -> list[Found]:
    """The known names in one run, longest first, left to right. A name neither starts nor
    ends at a joint of the run: a part of a compound is no name of its own."""
    found: list[Found] = []
    joints = _joints(doc, start, end, table)
    k = start
    while k < end:
        for m in range(min(end, k + MAX_WORDS), k, -1):
            if k in joints or k - 1 in joints or m in joints or words.text[k] == "-":
                continue
            if _fragment(words, k, m, seen) or _street(words, k, m, start, end):
                continue  # cheap, and no name of its own: before the gazetteer is asked
            if m - k == 1 and k > start and words.lower[k] in GENERIC_AFTER:
                continue  # "Airport" of "Kabul International Airport": the site's kind word
            name = _found(doc, words, k, m, table, seen, rules, (start, end))
            if name is not None:
                found.append(name)
                k = m
                break
        else:
            k += 1
    return found


#: Words that follow a place's name inside a longer one without making it another place
#: ("Greer Station", "Kharkiv Region", "Sinaloa Cartel").
GENERIC_AFTER = frozenset(
    {"station", "airport", "port", "harbour", "harbor", "camp", "bridge", "city", "town"}
    | {"valley", "river", "lake", "mountains", "hills", "desert", "plain", "border", "crossing"}
    | {"road"}
    | {"highway", "street", "square", "market", "base", "prison", "university", "hospital"}
    | {"twsp", "tsp", "obl", "oblt"}  # township, oblast: "Maungdaw Twsp", "Luhansk Obl"
    | DIVISION_WORDS
)


#: Words that make the name before them a street's or a neighbourhood's ("Libertad
#: neighborhood", "Baja California Street"), and words that do so to the name after them
#: ("colonia Cuauhtémoc", "calle Morelos"): named after a place, they are not that place. (A
#: plural is the place's own: "Yangon neighborhoods", "Kyiv streets".)
STREET_AFTER = frozenset(
    {"street", "avenue", "boulevard", "neighborhood", "neighbourhood", "subdivision", "colony"}
)
STREET_BEFORE = frozenset(
    {"colonia", "colonias", "calle", "avenida", "barrio", "fraccionamiento", "rua", "vulytsia"}
)
STREET_WORDS = STREET_AFTER | STREET_BEFORE


def _street(words: Words, k: int, m: int, start: int, end: int) -> bool:
    """Whether tokens ``k:m`` of the run ``start:end`` are the name of a street or a
    neighbourhood: the run ends with a street word or before one, or a street word before
    the name opens it ("Colonia Libertad" keeps its whole name)."""
    lower = words.lower
    after = lower[end] if end < len(lower) else ""
    if after in STREET_AFTER or lower[end - 1] in STREET_AFTER:
        return True
    opening = range(max(0, start - 1), k)
    return any(lower[j] in STREET_BEFORE for j in opening)


def _fragment(words: Words, k: int, m: int, seen: Seen) -> bool:
    """Whether tokens ``k:m`` are only the head of a longer place name spaCy read as one
    ("Bulo" of "Bulo Burde", a Somali town the gazetteer spells "Buulobarde"): the name
    goes on with a capitalised word that is no generic place word."""
    end = seen.wholes.get(k)
    if end is None or end <= m or seen.wholes.get(m - 1) != end:
        return False
    following = words.text[m]
    return words.capital[m] and following.lower() not in GENERIC_AFTER and following != "-"


def _found(
    doc: Any,
    words: Words,
    k: int,
    m: int,
    table: Gazetteer,
    seen: Seen,
    rules: Rules,
    run: tuple[int, int] | None = None,
) -> Found | None:
    """Tokens ``k:m`` (of the capitalised run ``run``) as a toponym, or None; the span is
    built only for a known name."""
    last = words.text[m - 1]
    if last == "-":
        return None
    text = seen.text[words.start[k] : words.start[m - 1] + len(last)]
    demonym = table.demonym(text) is not None  # "Canadian" is rarely Canadian, Texas
    entries = () if demonym else table.lookup(text)
    if (not entries and not demonym) or (m - k == 1 and text in seen.people):
        return None
    if not demonym and run is not None and _piece(words, k, m, run, table, entries, text):
        return None
    span = doc[k:m]
    where = hint(seen.text, span.start_char, span.end_char)
    if not demonym and not (
        _toponym(span, text, where, entries, seen, rules)
        or _placed_by_next(seen.text, span.end_char, entries, table)
    ):
        return None
    after = _next_word(span)
    if after in NOT_PLACE_AFTER:
        return None  # "the US dollar", "Japanese stocks", "the England team"
    return Found(
        start=span.start_char,
        end=span.end_char,
        text=text,
        hint=where,
        division=division(seen.text, span.end_char),
        demonym=demonym,
        adjective=_adjective(span),
    )


def _piece(
    words: Words,
    k: int,
    m: int,
    run: tuple[int, int],
    table: Gazetteer,
    entries: Sequence[Entry],
    text: str,
) -> bool:
    """Whether tokens ``k:m`` are only a piece of a longer name the gazetteer lacks: a
    capitalised word right beside them in the run is neither a word of news nor a name
    ("Kone" of "Kyee Kone Village", "Pa" of "Pa Kar Wa village", "Santa" of "Santa Úrsula
    Chiconquiac"). A country, a first-level region or a big town by its own name stands
    whatever follows it ("Mariupol Azovstal")."""
    start, end = run
    if k > start and words.lower[k - 1] in TOPONYM_HEADS:
        strange = True  # "Issa" of "Ain Issa", "Lahia" of "Beit Lahia": the head's name
    elif m - k == 1 and m < end and words.lower[k] in TOPONYM_HEADS and words.capital[m]:
        return True  # "Ain" of "Ain Issa", "Ras" of "Ras Al Ain": the head of a longer name
        # (France's Ain stands for nothing here)
    elif k - 3 >= start and words.text[k - 1] == "-" and words.lower[k - 2] in HYPHENED_ARTICLES:
        strange = words.capital[k - 3]  # "Numan" of "Maarat al-Numan": the name goes on
        # behind Arabic's article, a longer name the gazetteer lacks
    else:
        beside = [j for j in (k - 1, m) if start <= j < end and words.capital[j]]
        strange = any(_strange(words.text[j], table) for j in beside)
    if not strange:
        return False
    if _facility_elsewhere(words, end):
        return True  # "Aden Adde airport in Mogadishu": a person's name, not Yemen's Aden
    return not any(
        e.feature == "country"
        or (own_name(e, text) and (e.feature == "admin1" or e.population >= MAJOR))
        for e in entries
    )


#: Kinds of site named after people ("Aden Adde airport", "Jinnah hospital").
FACILITIES = frozenset(
    {"airport", "airfield", "stadium", "hospital", "university", "base", "prison", "school"}
    | {"mosque", "church", "market", "port", "bridge", "dam", "hotel", "camp"}
)


def _facility_elsewhere(words: Words, end: int) -> bool:
    """Whether the run before ``end`` names a site said to lie in another named place: "X Y
    airport in Z", "X Y Hospital, Z"."""
    lower, size = words.lower, len(words.lower)
    if end >= size or lower[end] not in FACILITIES:
        return False
    after = end + 1
    if after < size and lower[after] in ("in", "at", "near", "outside", "of", ","):
        return after + 1 < size and words.capital[after + 1]
    return False


def _strange(word: str, table: Gazetteer) -> bool:
    """A word news does not use (in the shipped background corpus) and no place's name."""
    lower = word.lower()
    return (
        word.isalpha()
        and len(word) > 1
        and lower not in news_words()
        and lower not in PLACE_WORDS
        and not table.known(word)
        and table.demonym(word) is None
    )


#: Words that say what kind of place a name is ("Station", "village", "Street").
PLACE_WORDS = GENERIC_AFTER | SETTLEMENTS | STREET_AFTER
#: Documents a word must appear in (of the background corpus) to be a word of news.
NEWS_WORD_DOCS = 5


@functools.cache
def news_words() -> frozenset[str]:
    """Words at least NEWS_WORD_DOCS documents of the shipped background corpus use
    (LGL, GeoVirus, WikToR, CoNLL-2003, NGEC), and English's function words (which it leaves
    out: "during", "in")."""
    words = (w for w, n in background()[1].items() if n >= NEWS_WORD_DOCS)
    return frozenset(words) | word_list("english_words.txt") | STOP_WORDS


def _next_word(span: Any) -> str:
    doc = span.doc
    return doc[span.end].lower_ if span.end < len(doc) else ""


def _adjective(span: Any) -> bool:
    """ "Saudi-led", "Kremlin-backed": the name, hyphened to a participle, qualifies an actor."""
    doc, end = span.doc, span.end
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not span[-1].whitespace_
        and doc[end + 1].lower_ in ADJECTIVE_SUFFIXES
    )


def _toponym(
    span: Any, text: str, where: str | None, entries: Sequence[Entry], seen: Seen, rules: Rules
) -> bool:
    """Whether a known name (``text``, with the ``hint`` of the words around it, ``where``)
    is used as a place here, from its label and its neighbours."""
    ent = (span.start, span.end) in seen.entities
    label = span[0].ent_type_
    if not ent and any(t.text == "-" for t in span):
        label = ""  # spaCy labelled a piece of a hyphened name ("Croix" of Croix-des-Bouquets)
    if label in ("DATE", "TIME") and not _calendar(text):
        label = ""  # "in Bria" called a date: no digit, no month, day or season in it
    single = len(span) == 1
    before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    if before in PARTS and span.start > 1:  # "in northern Gorlovka": as after "in"
        before = span.doc[span.start - 2].lower_
    if before in TITLES or (single and text in seen.people):
        return False
    if text.casefold() in WIRES and _agency(span, before):
        return False  # "Xinhua | Updated: ...", "state media Xinhua reported": the agency
    if _abbreviation(text):
        return _after_place(span)  # "Ga." only in "Gainesville, Ga."
    if (label in PLACE_LABELS and ent) or text in seen.places:
        return True
    if arabic_place(span):
        return True  # "shelled Kafr Nabl", "Tell Tamr" called a person: an Arabic place name
    acronym = _acronym(text)
    country_code = acronym and len(text) >= 3 and any(e.feature == "country" for e in entries)
    # ("CAR", "DRC": a country's letters, not the everyday word they spell)
    if label in NOT_NAMES or (single and seen.common(text) and not country_code):
        return False
    if acronym and not any(e.feature in ("country", "admin1") for e in entries):
        return False  # NATO is not Nato, Camarines Sur
    if label in PLACE_LABELS:
        return True
    named_region = where == "region"
    own = [e for e in entries if spelled_like(e, text)]
    # "killed in Gorlovka": a town's name in another transliteration (Horlivka), after a word
    # that places something, after a name and a comma ("Hays, Hodeidah") or as the object of
    # a verb done only to places ("shelled Kafr Nabl"), is that town when the town is sizeable
    placed_alias = (before in LOCATIVE or _after_place(span) or _taken(span)) and any(
        e.feature == "city" and e.population >= rules.big_town for e in entries
    )
    named = any(  # a country's alias, or "Imo state", "Kurram district"
        e.feature == "country" or (named_region and e.feature in ("admin1", "admin2"))
        for e in entries
    )
    # a region's letters where a place stands: "killed in the DPR" (Donetsk oblast)
    lead = span.doc[span.start - 2].lower_ if before == "the" and span.start > 1 else before
    named = named or (
        acronym
        and (lead in LOCATIVE or _taken(span))
        and any(e.feature == "admin1" for e in entries)
    )
    region_word = bool(_REGION_WORDS.search(text))
    # a region's other name that says what it is: "Karenni State" (Kayah State)
    named = named or (region_word and any(e.feature in ("admin1", "admin2") for e in entries))
    if not (own or placed_alias or named):
        return False  # an alias outside a place entity: "Hamas" is not Hamm
    region = region_word or any(e.feature in ("country", "admin1", "continent") for e in entries)
    # a news region spaCy calls an organisation ("in Nagorno-Karabakh"), when the whole name
    # is the entity (not "Middle East" of "The Middle East Eye")
    # (or the entity holds the article, for a region inside one country: "in [the Sambisa
    # Forest]")
    article = before == "the" and (span.start - 1, span.end) in seen.entities
    news_region = any(e.feature == "region" and (ent or (article and e.cc)) for e in own)
    town = max((e.population for e in entries if e.feature == "city"), default=0)
    district = (before in LOCATIVE or named_region or _after_place(span)) and any(
        e.feature == "admin2" for e in own
    )  # ("in Bajaur", "Balochistan's Kech district", "(Zangon Kataf, Kaduna)": a district
    # by its own name)
    # "attacked Kaura village": a town's own name before the word for a settlement
    district = district or (where == "city" and any(e.feature == "city" for e in own))
    # "the municipality of Badiraguato": a division the words name, known by that name
    district = district or (
        named_region and any(e.feature in ("admin1", "admin2") for e in entries)
    )
    # "19 explosions near Svitlodarsk" (called a product): a town's own name where only a
    # place can stand
    spatial = before in SPATIAL and any(e.feature == "city" for e in own)
    spatial = spatial and text not in seen.people  # (GeoNames gives Tessalit no population)
    spatial = spatial or (_taken(span) and any(e.feature == "city" for e in own))
    if label == "PERSON":
        if not ent:
            return region_word or district
        # a news region by its own name after "in" ("fighting broke out in Galmudug")
        placed = before in LOCATIVE and any(e.feature == "region" for e in own)
        return region or town >= rules.big_town or district or spatial or placed
    if label:
        return region or news_region or town >= rules.org_town or district or (spatial and ent)
    possessed = before in ("'s", "’s") and span.start >= 2 and _capital(span.doc[span.start - 2])
    if not any(t.pos_ == "PROPN" for t in span) and not (
        text.isupper() or named_region or possessed
    ):
        return False  # ("Sagaing region": tagged a verb, but a region says what it is; so is
        # a name another name owns: "in Ukraine's Donetsk", tagged a common noun)
    # a news region by its own name where a place stands: "bombed Douma in Eastern Ghouta",
    # "in the Fezzan region"
    placed_region = (lead in LOCATIVE or _taken(span)) and any(e.feature == "region" for e in own)
    return (
        region
        or town >= rules.loose_town
        or (before in LOCATIVE and town > 0)
        or district
        or placed_region
    )


def _taken(span: Any) -> bool:
    """Whether a name is the object of a verb done only to places ("fighters raided Kukawa")."""
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in TAKEN


#: Words beside a news agency's name that say it is the agency ("Xinhua reported", "state
#: media Xinhua", "according to Xinhua", "Xinhua | Updated"), not a town of that name.
AGENCY_AFTER = frozenset({"news", "reported", "reports", "said", "says", "|", ")", "--", "—"})
AGENCY_BEFORE = frozenset({"media", "agency", "to", "(", "outlet", "wire"})


def _agency(span: Any, before: str) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return after in AGENCY_AFTER or before in AGENCY_BEFORE


#: Words of dates and times: a name spaCy labels DATE or TIME needs one of them (or a digit).
CALENDAR = frozenset(
    {*lexicon.MONTHS, *lexicon.MONTH_ABBREVIATIONS, *lexicon.WEEKDAYS, *lexicon.SEASONS}
    | {*lexicon.WEEKDAY_ABBREVIATIONS, *lexicon.PARTS_OF_DAY}
    | {w for holiday in lexicon.HOLIDAYS for w in holiday.split()}
    | {"today", "tomorrow", "yesterday", "tonight", "ramadan", "eid", "day", "year", "week"}
)


def _calendar(text: str) -> bool:
    """Whether a name may be a date: a digit, or a word of the calendar ("May", "Easter")."""
    return any(ch.isdigit() for ch in text) or any(
        w in CALENDAR for w in text.lower().replace("-", " ").split()
    )


def _acronym(text: str) -> bool:
    return text.isupper() and text.isalpha() and len(text) <= 5


def _abbreviation(text: str) -> bool:
    """ "Ga.", "W.Va.": a state's short form, a name only after a town and a comma."""
    return "." in text and len(text) <= 6 and text not in ("U.S.", "U.K.", "D.C.")


#: The region a place's name is followed by, as conflict coders give it: "Sarmin (Idlib)",
#: "Kyauktaw township (Rakhine)", "Sake, North Kivu,".
_REGION_NEXT = re.compile(
    rf"(?:\s+(?i:{DIVISIONS}|village|town|city))?\s*[,(]\s*"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
    rf"(?:\s+(?i:{DIVISIONS}))?\s*[,)]"
)


def _placed_by_next(text: str, end: int, entries: Sequence[Entry], table: Gazetteer) -> bool:
    """Whether a town of this name lies in the region named right after it ("the outskirts
    of Sarmin (Idlib)": a Sarmin lies in Idlib governorate): a name and the region that holds
    it are a place, whatever spaCy labelled the name."""
    match = _REGION_NEXT.match(text, end, min(len(text), end + 80))
    if match is None:
        return False
    regions = {r.id for r in table.lookup(match.group(1)) if r.feature in ("admin1", "admin2")}
    return any(
        e.feature == "city" and (e.admin1 in regions or e.admin2 in regions) for e in entries
    )


def _after_place(span: Any) -> bool:
    """Whether the name follows a name and a comma ("Gainesville, Ga.") or a bracket ("Kaura
    village (Zangon Kataf, Kaduna)"), where conflict coders name a place's district."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text not in (",", "("):
        return False
    before = doc[span.start - 2]
    return _capital(before) or (doc[span.start - 1].text == "(" and before.lower_ in KIND_WORDS)


#: Words after a name that call it a village or a small division ("Kawlin township").
_CALLED_AFTER = re.compile(r"\s+(?:village|hamlet|locality|township|tehsil|woreda|commune)\b")
#: Words after a name that call it a natural feature ("Sambisa forest", "Tora Bora mountains"):
#: kept with the name, as what is placed there is in the feature, not in a town of its name.
_NATURAL = "forest|mountains|hills|swamps?|marshes|desert|plateau"
_FEATURE_AFTER = re.compile(rf"\s+(?:{_NATURAL})\b")


#: Lower-case feature words a known name may be written with: those, and "the Gaza strip",
#: "the Donets basin".
_FEATURE_WORD = re.compile(rf"\s+(?:{_NATURAL}|strip|basin|peninsula|heights|valley|delta)\b")


def _with_feature_word(found: Found, text: str, table: Gazetteer) -> Found:
    """A name and the feature word after it, when together they are a name the gazetteer
    knows: "the Gaza strip" is the Strip, not Gaza city; "the Donets basin" is the Donbas."""
    if found.demonym or found.adjective:
        return found
    after = _FEATURE_WORD.match(text, found.end, found.end + 20)  # (lower case only)
    if after is None or not table.known(text[found.start : after.end()]):
        return found
    return replace(found, end=after.end(), text=text[found.start : after.end()], hint=None)


def _called_places(doc: Any, words: Words, found: Sequence[Found], table: Gazetteer) -> list[Found]:
    """Names the words around call a town or village ("the town of Kibumba", "the village of
    Mbau", "Kawlin township") that the gazetteer lacks: kept, unresolved, with their text; and
    names the gazetteer knows only with their feature word ("Sambisa forest")."""
    taken = [(f.start, f.end) for f in found]
    extra: list[Found] = []
    whole = doc_text(doc)
    for start, end in _runs(words):
        where = (words.start[start], words.start[end - 1] + len(words.text[end - 1]))
        called = _CITY_BEFORE.search(whole[max(0, where[0] - 20) : where[0]])
        name = whole[where[0] : where[1]]
        feature = _FEATURE_AFTER.match(whole, where[1], where[1] + 20)  # (lower case only)
        if feature is not None:
            where = (where[0], feature.end())  # "Sambisa forest", named with its feature
        elif not (called or _CALLED_AFTER.match(whole, where[1], where[1] + 20)):
            continue
        if any(s < where[1] and where[0] < e for s, e in taken):
            continue
        if any(t.ent_type_ in NOT_NAMES for t in doc[start:end]):
            continue  # "the city of 5 million"
        text = whole[where[0] : where[1]]
        if not table.known(text) and not table.known(name):
            extra.append(
                Found(start=where[0], end=where[1], text=text, hint=None if feature else "city")
            )
        elif feature is not None and table.known(text):  # known with its feature word only
            extra.append(Found(start=where[0], end=where[1], text=text))
    return extra


#: A bracket after a name listing its divisions: "(Hombori, Douentza, Mopti)".
_HIERARCHY = re.compile(r"(?<=\w)\s*\(([^()]{2,120})\)")
_DIVISION_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")


def _bracketed_places(text: str, found: Sequence[Found]) -> list[Found]:
    """Names the gazetteer lacks inside a bracket that lists a place's divisions, as conflict
    coders write them ("Boni (Hombori, Douentza, Mopti)"): when another name of the bracket
    is a place found, every capitalised name of the list is one, kept with its text."""
    extra: list[Found] = []
    for match in _HIERARCHY.finditer(text):
        parts, at = [], match.start(1)
        for piece in match.group(1).split(","):
            lead = len(piece) - len(piece.lstrip())
            parts.append((at + lead, at + len(piece.rstrip()), piece.strip()))
            at += len(piece) + 1
        if len(parts) < 2 or not all(_DIVISION_NAME.match(p[2]) for p in parts):
            continue
        held = [any(f.start < e and s < f.end for f in found) for s, e, _ in parts]
        if not any(held):
            continue
        extra += [
            Found(start=s, end=e, text=t) for (s, e, t), h in zip(parts, held, strict=True) if not h
        ]
        base = max(0, match.start() - 80)
        before = _LOCATED.search(text[base : match.start()])
        if before is not None:  # "in Kutupalong camp (Ukhia, Cox's Bazar)": the place itself
            start, end = base + before.start(1), base + before.end(1)
            if not any(f.start < end and start < f.end for f in found):
                extra.append(Found(start=start, end=end, text=before.group(1), hint="city"))
    return extra


#: A name after a locative, perhaps with its kind word, right before a bracket.
_LOCATED = re.compile(
    rf"\b(?:in|at|near|outside|around|from)\s+(?:the\s+)?"
    rf"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})"
    rf"(?:\s+(?i:{DIVISIONS}|village|town|city|camp|area|locality))?$"
)


def _listed_parts(ent: Any) -> list[Any]:
    """An entity's parts between commas ("Hudur, Bakool": a town and its region, read as one
    by the model), or the entity itself."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return [ent]
    bounds = [ent.start, *commas, ent.end]
    starts = [bounds[0], *(c + 1 for c in commas)]
    return [ent.doc[a:b] for a, b in zip(starts, bounds[1:], strict=True) if b > a]


def _unknown_places(ents: Sequence[Any], found: Sequence[Found], table: Gazetteer) -> list[Found]:
    """GPE/LOC entities the gazetteer does not know, and names an Arabic place word opens
    whatever the model calls them ("shelled Kafr Nabudah": a person): kept, unresolved, with
    their text."""
    taken = [(f.start, f.end) for f in found]
    extra: list[Found] = []
    placed = (e for e in ents if e.label_ in PLACE_LABELS or arabic_place(e))
    for ent in (part for e in placed for part in _listed_parts(e)):
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        words = [t for t in ent if t.lower_ not in ARTICLES]
        if not words or not any(_capital(t) for t in words):
            continue
        span = ent.doc[words[0].i : words[-1].i + 1]
        if table.known(span.text) or table.demonym(span.text) is not None:
            continue  # a known name turned down above: not a place here
        first = span[0]
        everyday = first.pos_ == "NOUN" or first.lower_ in lowercase_words()
        if len(span) == 1 and first.is_sent_start and everyday:
            continue  # "Pirates attacked a tanker": an everyday word that opens a sentence
        if len(span) == 1 and first.lower_ in news_words():
            continue  # "Civilian Deaths Continue in Kayah State": a word of a title-case line
        if len(span) == 1 and first.lower_.rstrip(".") in ABBREVIATED_KINDS:
            continue  # "Brgy. San Isidro": the word for a village, shortened
        extra.append(Found(start=span.start_char, end=span.end_char, text=span.text))
    return extra
