"""An offline GeoNames gazetteer: a name in, the places it may mean out.

The data is ``resources/gazetteer.tsv.xz`` (built by ``tools.build.gazetteer``
from PyPI packages): every country, first- and second-level subdivision and town of 500
people or more, news regions ("Middle East"), with aliases ("Kiev", "Kharkiv Oblast",
"Ga."), populations and demonyms ("Ukrainian"); ``places_common.txt`` lists the one-word
names that are also everyday words. It loads once per process (a few seconds, ~200 MB).
Other stages may import it::

    from wirewatch.gazetteer import gazetteer, to_place
    [to_place(e) for e in gazetteer().lookup("Kharkiv")]

Names are compared by ``key``: case, accents, dots and apostrophes (any of their forms: "Dar'a",
"Dar‘ā") do not matter and
"Saint"/"St.", "Fort"/"Ft.", "Mount"/"Mt." are the same word.
"""

from __future__ import annotations

import functools
import lzma
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from wirewatch.records import Place

RESOURCE = "gazetteer.tsv.xz"
COMMON = "places_common.txt"
#: How precisely a place of each kind locates what happened there: a country or a first- or
#: second-level region is an area (its point is a centroid, not where it happened).
FEATURE_PRECISION = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "continent": "region",
    "region": "region",
    "city": "city",
}
_SHORT = {"saint": "st", "sainte": "ste", "fort": "ft", "mount": "mt", "and": "&"}
_DROP = re.compile(r"[.'’‘`´ʻʼʾʿ′]")  # dots and every apostrophe ("Dar'a", "Dar‘ā")
_SPACE = re.compile(r"[\s\-‐–—_/,]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer row: a GeoNames place with what resolution needs to rank it."""

    id: int
    feature: str  # country | admin1 | admin2 | city | continent | region
    name: str
    cc: str  # ISO alpha-2 of its country ("" for continents)
    lat: float
    lon: float
    population: int
    admin1: int | None
    admin2: int | None
    code: str  # ISO alpha-3 (countries), ISO 3166-2 (first-level regions), PPLC (capitals)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The form names are compared in: "St. Petersburg" and "Saint-Petersburg" agree."""
    return _plain(name)


def _plain(name: str) -> str:
    """``key`` without its cache (for a pass over many rows)."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    words = _SPACE.sub(" ", _DROP.sub("", plain)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_SHORT.get(w, w) for w in words)


def own_name(entry: Entry, name: str) -> bool:
    """True when ``name`` is the place's own name, not an alias ("New York" for "New York
    City" counts as its own)."""
    return _own(entry, key(entry.name), key(name))


def _own(entry: Entry, own: str, asked: str) -> bool:
    """``own_name`` on the keys of the place's name and of the name asked."""
    return asked == own or (entry.feature == "city" and asked + " city" == own)


#: The kind word a region's name ends with ("Kech District", "Bajaur Agency"); not "County",
#: which news always writes out ("Orange County"), while "Orange" is a town's name.
KIND_WORD = re.compile(
    r" (?:district|agency|province|governorate|oblast|region|state|prefecture|raion)$"
)
#: Arabic's article as news transliterates it ("Al Qamishli", "Ar-Raqqah", "Ash Shaykh").
ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|adh|an|az|at|ath|ud|ul) (?=\S{4})")
#: The forms of it news capitalises before a hyphen ("Al-Quneitra", "al-Shabaab").
HYPHENED_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "az", "at"})
#: Words Arabic place names begin with (spring, hill, mountain, valley, well, monastery,
#: village, house, cape, father, mother, sons of, ruin, palace): the name after one is part
#: of the place's, not a place of its own.
TOPONYM_HEADS = frozenset(
    {"ain", "ayn", "ein", "tal", "tell", "jabal", "jebel", "wadi", "bir", "deir", "dayr"}
    | {"kafr", "kfar", "beit", "bayt", "ras", "abu", "umm", "bani", "khirbet", "qasr"}
)
#: The heads that open no person's name (not "Abu", "Umm", "Bani", "Ras" nor Hebrew's "Tal"):
#: a name one opens is a place's whatever the parser calls it ("Kafr Nabl", "Deir Hafer").
PLACE_HEADS = TOPONYM_HEADS - {"abu", "umm", "bani", "ras", "tal"}
#: Parts of a place its name owns: "Bakhmut's southwestern outskirts", "Idlib's countryside".
PLACE_PARTS = frozenset(
    {"outskirts", "outskirt", "suburb", "suburbs", "countryside", "neighbourhood", "neighborhood"}
    | {"centre", "center", "downtown", "environs", "periphery"}
)


def arabic_place(span: Any) -> bool:
    """A name (a span of parsed words) of two words or more that an Arabic place word opens
    ("Kafr Nabl", "Deir Hafer"): a place's whatever the model calls it."""
    return bool(len(span) > 1 and span[0].lower_ in PLACE_HEADS)


#: Countries whose place names carry it.
ARABIC_NAMES = frozenset(
    {"AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA"}
    | {"MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE"}
)


def arabic_variants(name_key: str) -> list[str]:
    """Keys news also writes an Arabic place name by: without its article ("Qamishli" for
    "Al Qamishli") and with a final "-ah" as "-a" ("Raqqa" for "Ar Raqqah")."""
    bare = ARTICLE.sub("", name_key)
    found = [bare] if bare != name_key else []
    for k in (name_key, bare):
        if k.endswith("ah") and len(k) >= 6:
            found.append(k[:-1])
    return found


#: Arabic's article before a "sun letter" takes the letter's sound, and news writes it both
#: ways: "al-Shughur" and "ash-Shughur", "al-Raqqa" and "ar-Raqqa".
_ASSIMILATED = re.compile(r"(?<=\S )(al|a(?:sh|th|dh|[tdrzsn])) (?=(sh|th|dh|[tdrzsn]))")


@functools.lru_cache(maxsize=65536)
def assimilated(name_key: str) -> str:
    """The key with Arabic's article inside a name written the other way: "al" before a sun
    letter becomes "a" + that letter, and "ash", "ar", ... become "al" (the name's first word
    is never the article: "As Suwayda" stays as it is)."""

    def turn(match: re.Match[str]) -> str:
        article, sound = match.group(1), match.group(2)
        if article == "al":
            return f"a{sound} "
        return "al " if article == "a" + sound else match.group(0)

    return _ASSIMILATED.sub(turn, name_key)


#: Arabic's ʿayn-yāʾ-nūn ("spring"), written "Ain" or "Ayn": "Ras al-Ain", "Ayn Issa".
_AIN = {"ain": "ayn", "ayn": "ain"}


def _ain_swapped(name_key: str) -> str:
    return " ".join(_AIN.get(word, word) for word in name_key.split())


#: Arabic's "tell" (a mound), the first word of many names: "Tal Abyad", "Tell Abyad" and
#: GeoNames' "Tall Abyad"; "Tal Afar", "Tall Afar"; "Tel Aviv".
_TELL = ("tall", "tal", "tell", "tel")


def _tells(name_key: str) -> list[str]:
    """The key with its first word in each other spelling of "tell", if it is one."""
    first, space, rest = name_key.partition(" ")
    if not space or first not in _TELL:
        return []
    return [f"{other} {rest}" for other in _TELL if other != first]


def spelled_like(entry: Entry, name: str) -> bool:
    """True for the place's own name or a spelling of it one letter apart, as transliterations
    differ ("Avdiivka" for "Avdiyivka", "Qamishly"): an alias in another language is not."""
    own, asked = key(entry.name), key(name)
    if _own(entry, own, asked):
        return True
    if entry.cc in ARABIC_NAMES and asked in arabic_variants(own):
        return True
    if entry.feature in ("admin1", "admin2") and KIND_WORD.sub("", own) == asked:
        return True  # "Bajaur" for "Bajaur Agency", "Kech" for "Kech District"
    if min(len(own), len(asked)) < 6 or abs(len(own) - len(asked)) > 1 or own[0] != asked[0]:
        return False
    return _one_edit(own, asked)


#: Letters and pairs transliterations of one name write differently ("Gorlovka" /
#: "Horlivka", "Zaytsevo" / "Zaitseve", "Mar'yinka" / "Marinka", "Deir Ezzor" / "Deir ez-Zor"),
#: each mapped to one form; "sh" keeps its own letter ("Shumy" is not Sumy).
_SOUNDS = (
    ("shch", "x"), ("sh", "x"), ("kh", "h"), ("zh", "z"), ("ts", "c"), ("tz", "c"),
    ("ch", "c"), ("g", "h"), ("w", "v"), ("j", "i"), ("y", "i"), ("ie", "e"), ("ia", "a"),
    ("iu", "u"), ("io", "o"), ("ii", "i"),
)  # fmt: skip
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")


def sounded(name: str) -> str:
    """A name as its transliterations agree on it: plain lower-case letters, one letter or
    pair for the sounds they write differently, no spaces, doubled letters single."""
    plain = _plain(name).replace(" ", "")
    plain = "".join(ch for ch in plain if "a" <= ch <= "z")
    for written, sound in _SOUNDS:
        plain = plain.replace(written, sound)
    return _REPEATS.sub(r"\1", plain)


def skeleton(name: str) -> str:
    """The consonants of ``sounded(name)``: Russian's o and e where Ukrainian writes i and y
    ("Gorlovka", "Horlivka") agree on it, and so do the first vowels transliterations write
    apart ("Jawzjan", "Jowzjan": their first J is a glide ``sounded`` drops)."""
    return _VOWELS.sub("", sounded(name))


def _sounds_like(name: str, sound: str) -> bool:
    """Whether ``name`` sounds as ``sound`` (a ``sounded`` form) or one letter apart."""
    other = sounded(name)
    return other == sound or _one_edit(other, sound)


#: Somali's official spelling writes ʿayn "c" (its only use of the letter) and ḥāʾ "x", which
#: English drops or writes "h", and its "q" English often writes "k": "Ceelbuur" is El Bur,
#: "Balcad" Balad, "Xudur" Hudur, "Ceel Waaq" El Wak.
def _somali_in_english(name: str) -> str:
    plain = name.replace("C", "").replace("c", "").replace("X", "H").replace("x", "h")
    return plain.replace("q", "k")


#: Countries whose GeoNames spelling English news does not follow, and how English writes it.
ENGLISHED: dict[str, Callable[[str], str]] = {"SO": _somali_in_english}


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one substitution, insertion or deletion."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


class Gazetteer:
    """Rows are kept as text and parsed on demand; the index maps keys to row numbers."""

    def __init__(self, lines: list[str], common: frozenset[str] = frozenset()) -> None:
        self._lines = lines
        self._common = common
        self._names: dict[str, list[int]] = defaultdict(list)
        self._adjectives: dict[str, list[int]] = defaultdict(list)
        self._rows: dict[int, int] = {}
        self._countries: dict[str, int] = {}
        self._states: dict[str, Entry] | None = None
        self._skeletons: dict[str, dict[str, list[int]]] | None = None
        self._by_country: dict[str, list[int]] | None = None
        for number, line in enumerate(lines):
            self._index(number, line.split("\t"))

    def _index(self, number: int, cells: list[str]) -> None:
        self._rows[int(cells[0])] = number
        if cells[1] == "country":
            self._countries[cells[3]] = number
        for name in cells[10].split("|"):
            self._names[name].append(number)
        for adjective in cells[11].split("|") if cells[11] else ():
            self._adjectives[adjective].append(number)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process
    def _entry(self, number: int) -> Entry:
        cells = self._lines[number].split("\t")
        return Entry(
            id=int(cells[0]),
            feature=cells[1],
            name=cells[2],
            cc=cells[3],
            lat=float(cells[4]),
            lon=float(cells[5]),
            population=int(cells[6] or 0),
            admin1=int(cells[7]) if cells[7] else None,
            admin2=int(cells[8]) if cells[8] else None,
            code=cells[9],
        )

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place called ``name`` (by name or alias), most populous first. A name with
        Arabic's article inside it is also looked up as the article is written before a sun
        letter ("Jisr al-Shughur" finds "Jisr ash Shughur", and the other way round)."""
        found = (self._entry(n) for n in self._keyed(key(name)) or ())
        return tuple(sorted(found, key=lambda e: (-e.population, e.id)))

    def known(self, name: str) -> bool:
        return self._keyed(key(name)) is not None

    def _keyed(self, asked: str) -> list[int] | None:
        """The rows a name key finds, as written or in another spelling of Arabic's article
        ("Jisr al-Shughur" / "Jisr ash Shughur"), of its "spring" ("Ras al-Ain" / "Ra's
        al 'Ayn") or of its "mound" ("Tal Abyad" / "Tall Abyad")."""
        rows = self._names.get(asked)
        if rows is None and " a" in asked:
            rows = self._names.get(assimilated(asked))
        if rows is None and _AIN.keys() & set(asked.split()):
            rows = self._names.get(_ain_swapped(asked))
        for other in _tells(asked) if rows is None else ():
            rows = self._names.get(other)
            if rows is not None:
                break
        return rows

    def common(self, name: str) -> bool:
        """True for names that are also everyday words ("March", "Police", "Mobile")."""
        return key(name) in self._common

    def demonym(self, word: str) -> Entry | None:
        """The country a demonym names ("Ukrainian", "Palestinians"), if any."""
        found = [self._entry(n) for n in self._adjectives.get(key(word), ())]
        return max(found, key=lambda e: (e.population, -e.id)) if found else None

    def get(self, geonameid: int) -> Entry | None:
        number = self._rows.get(geonameid)
        return None if number is None else self._entry(number)

    def country(self, alpha2: str) -> Entry | None:
        number = self._countries.get(alpha2)
        return None if number is None else self._entry(number)

    def state(self, alpha3: str) -> Entry | None:
        """The country with ISO alpha-3 code ``alpha3``."""
        if self._states is None:
            entries = map(self._entry, self._countries.values())
            self._states = {e.code: e for e in entries}
        return self._states.get(alpha3)

    def towns(self, cc: str, admin1: int | None = None) -> tuple[Entry, ...]:
        """The towns of a country (of one first-level region of it when ``admin1`` is given)."""
        found = (self._entry(n) for n in self._in_country(cc) if self._feature(n) == "city")
        return tuple(e for e in found if admin1 is None or e.admin1 == admin1)

    def spelled(self, name: str, cc: str) -> tuple[Entry, ...]:
        """The towns and regions of country ``cc`` whose name ``name`` writes in another
        transliteration, most populous first: the same consonants (``skeleton``), and the
        sounds one letter apart at most ("Zaytsevo" for "Zaitseve", "Shirokino" for
        "Shyrokyne", "Kafarbatna" for "Kafr Batna")."""
        sound, bones = sounded(name), skeleton(name)
        if len(sound) < 5 or len(bones) + (sound[:1] in "aeiou") < 3:
            return ()
        if self._skeletons is None:
            self._skeletons = {}
        index = self._skeletons.get(cc)
        if index is None:
            index = self._skeletons[cc] = self._skeleton_index(cc)
        english = ENGLISHED.get(cc)
        kept = [
            e
            for n in dict.fromkeys(index.get(bones, ()))
            if _sounds_like((e := self._entry(n)).name, sound)
            or (english is not None and _sounds_like(english(e.name), sound))
        ]
        return tuple(sorted(kept, key=lambda e: (-e.population, e.id)))

    def _skeleton_index(self, cc: str) -> dict[str, list[int]]:
        """Row numbers of a country's towns and regions by ``skeleton`` of their names, as
        written and as English writes them (read from the rows' text: no Entry is made, none
        of the caches fills)."""
        index: dict[str, list[int]] = defaultdict(list)
        english = ENGLISHED.get(cc)
        for number in self._in_country(cc):
            cells = self._lines[number].split("\t", 3)
            if cells[1] in ("city", "admin1", "admin2"):
                index[skeleton(cells[2])].append(number)
                if english is not None and (other := english(cells[2])) != cells[2]:
                    index[skeleton(other)].append(number)
        return dict(index)

    def _in_country(self, cc: str) -> list[int]:
        """The row numbers of country ``cc`` (one pass over the rows, on first need)."""
        if self._by_country is None:
            self._by_country = defaultdict(list)
            for number, line in enumerate(self._lines):
                self._by_country[line.split("\t", 4)[3]].append(number)
        return self._by_country.get(cc, [])

    def _feature(self, number: int) -> str:
        return self._lines[number].split("\t", 2)[1]

    def entries(self) -> list[Entry]:
        """Every row (slow: for building derived tables, not per article)."""
        return [self._entry(n) for n in range(len(self._lines))]


@functools.cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process (about a second)."""
    folder = resources.files("wirewatch.resources")
    lines = lzma.decompress(folder.joinpath(RESOURCE).read_bytes()).decode("utf-8").splitlines()
    words = folder.joinpath(COMMON).read_text(encoding="utf-8").split()
    return Gazetteer(lines[1:], frozenset(words))


def to_place(entry: Entry, where: Gazetteer | None = None) -> Place:
    """The ``Place`` record for a gazetteer entry (country as alpha-3, region name filled in)."""
    table = where or gazetteer()
    country = table.country(entry.cc) if entry.cc else None
    region = table.get(entry.admin1) if entry.admin1 is not None else None
    return Place(
        geonameid=entry.id if entry.id > 0 else None,
        name=entry.name,
        feature=entry.feature,
        country=country.code if country else None,
        lat=entry.lat,
        lon=entry.lon,
        precision=FEATURE_PRECISION.get(entry.feature, "point"),
        admin1=region.name if region else None,
    )
