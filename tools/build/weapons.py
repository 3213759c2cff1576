"""Build ``weapons.tsv``: the weapon gazetteer of the ``link`` stage.

Run as ``python -m tools.build.weapons [DATA]`` (DATA: the shared corpora, default
``../shared/data``). No dependencies beyond the standard library. Inputs, in
``DATA/lexicons/weapons``:

- ``weapons_seed_gazetteer.csv``: a hand-written seed (50 systems). Checked row by row; the
  corrections in ``FIXES`` and ``DROP_ALIASES`` say what was wrong (generic class words listed
  as aliases of one system, a variant named as the system, joint makers).
- ``petroivaniuk_russia_losses_equipment_oryx.json`` (MIT): Russian equipment models with their
  Oryx category and maker ("T-72B3", "Ka-52", "Pantsir-S1").

``CLASSES`` below adds the classes of weapon wire copy names without a system ("ballistic
missiles", "drones", "guided bomb"). Each output row: alias, name, category, named (1/0),
maker (alpha-3, ``SUN`` for the Soviet Union), ambiguous (1 when the alias is also an everyday
word or name, "Patriot", "Grad": it then needs a weapon word beside it).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from tools.build import RESOURCES


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


OUT = RESOURCES / "weapons.tsv"
SEED = "lexicons/weapons/weapons_seed_gazetteer.csv"
ORYX = "lexicons/weapons/petroivaniuk_russia_losses_equipment_oryx.json"

MAKERS = {
    "USA": "USA",
    "UK": "GBR",
    "UK/France": "GBR",
    "Germany": "DEU",
    "Germany/Sweden": "DEU",
    "Ukraine": "UKR",
    "Norway/USA": "NOR",
    "UK/Sweden": "SWE",
    "USA/UK": "GBR",
    "Turkey": "TUR",
    "Iran": "IRN",
    "Russia": "RUS",
    "Soviet Union": "SUN",
    "the Soviet Union": "SUN",
    "Soviet Union/Russia": "SUN",
    "North Korea": "PRK",
    "Belarus": "BLR",
}
#: Seed rows that were wrong, by canonical name: the fields that replace them.
FIXES: dict[str, dict[str, str]] = {
    # JDAM-ER is a variant; the seed listed plain JDAM as its alias.
    "JDAM-ER": {"canonical": "JDAM", "aliases": "JDAM-ER|Joint Direct Attack Munition"},
    # UMPK is a glide kit; "glide bomb", "guided aerial bomb" and "KAB" are classes (below) and
    # FAB-1500/FAB-3000 are bombs of their own.
    "UMPK glide bomb": {"canonical": "UMPK", "aliases": "UMPK glide bomb|FAB-500 with UMPK"},
    # M777 is designed in Britain (BAE Systems) and built in the United States.
    "M777": {"origin_country": "UK"},
    # NLAW is Saab Bofors' (Sweden) with the UK; Storm Shadow is MBDA's, first British.
    "Iskander-K": {"aliases": "9M728|R-500"},  # 9M729 (SSC-8) is a missile of its own
    # The family name alone ("Shahed", "Geran") was missing.
    "Shahed-136": {
        "aliases": "Shahed|Geran|Geran-2|Geran 2|Shahed 136|Shahed drone|Shahed-136/131",
    },
}
#: Aliases that name a class, not the system (MLRS), or belong to another system.
DROP_ALIASES = {"M270 MLRS": {"MLRS"}, "P-800 Oniks": {"Bastion"}}
#: Aliases that are everyday words or names: they need a weapon word beside them.
AMBIGUOUS = set(
    _wordlist(
        "Patriot Neptune Taurus Javelin Stinger Grad Lancet Bradley Challenger Leopard Abrams "
        "Tornado Uragan Smerch Bayraktar Oniks Onyx Zircon Tochka Kalibr Storm Shadow Orion "
        "Forpost Kub Eleron Merlin Supercam Orlan Pantsir Tor Buk Strela Osa Igla Kornet "
        "Krasnopol Msta Gvozdika Akatsiya Giatsint Pion Malka Nona Tigr Typhoon Rys Lynx Scalp "
        "LRU MARS"
    )
)
#: Classes: phrase → category. Plurals are added by the build.
CLASSES = {
    "long-range weapon": "weapon",
    "long-range missile": "missile",
    "weapon": "weapon",
    "munition": "munition",
    "missile": "missile",
    "ballistic missile": "ballistic missile",
    "short-range ballistic missile": "ballistic missile",
    "cruise missile": "cruise missile",
    "hypersonic missile": "hypersonic missile",
    "anti-ship missile": "anti-ship missile",
    "air defense system": "surface-to-air missile system",
    "air defence system": "surface-to-air missile system",
    "air defense": "surface-to-air missile system",
    "air defence": "surface-to-air missile system",
    "surface-to-air missile": "surface-to-air missile system",
    "drone": "drone",
    "attack drone": "drone",
    "kamikaze drone": "loitering munition (one-way attack drone)",
    "unmanned aerial vehicle": "drone",
    "uav": "drone",
    "loitering munition": "loitering munition",
    "rocket": "rocket",
    "katyusha": "rocket",  # the generic name for 107/122 mm artillery rockets, not a place
    "katyusha rocket": "rocket",
    "multiple rocket launcher": "multiple rocket launcher",
    "artillery": "artillery",
    "artillery shell": "artillery",
    "shell": "artillery",
    "howitzer": "artillery",
    "mortar": "artillery",
    "guided bomb": "guided bomb",
    "glide bomb": "guided glide bomb",
    "guided aerial bomb": "guided glide bomb",
    "kab": "guided glide bomb",
    "bomb": "bomb",
    "cluster munition": "cluster munition",
    "cluster bomb": "cluster munition",
    "tank": "main battle tank",
    "fighter jet": "fighter aircraft",
    "warplane": "aircraft",
    "helicopter": "helicopter",
    "warship": "naval ship",
    "landmine": "mine",
    "mine": "mine",
    "explosive": "explosive",
    "improvised explosive device": "explosive",
    "ied": "explosive",
    "vehicle-borne improvised explosive device": "explosive",
    "vbied": "explosive",  # conflict notes' car bomb: "attacked a base with a VBIED"
    "svbied": "explosive",
    "suicide vest": "explosive",
    "grenade": "grenade",
}
#: Oryx categories worth a named system; trucks, radars and the like are left out.
ORYX_KEEP = {
    "Tanks": "main battle tank",
    "Infantry Fighting Vehicles": "infantry fighting vehicle",
    "Armoured Fighting Vehicles": "armoured fighting vehicle",
    "Armoured Personnel Carriers": "armoured personnel carrier",
    "Self-Propelled Artillery": "self-propelled artillery",
    "Towed Artillery": "towed artillery",
    "Multiple Rocket Launchers": "multiple rocket launcher",
    "Surface-To-Air Missile Systems": "surface-to-air missile system",
    "Aircraft": "aircraft",
    "Helicopters": "helicopter",
    "Unmanned Combat Aerial Vehicles": "unmanned combat aerial vehicle",
    "Reconnaissance Unmanned Aerial Vehicles": "reconnaissance UAV",
    "Naval Ships": "naval ship",
}

Row = tuple[str, str, str, int, str, int]


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("../shared/data")
    rows = _seed(data / SEED) + _oryx(data / ORYX) + _classes()
    seen: set[str] = set()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("alias\tname\tcategory\tnamed\tmaker\tambiguous\n")
        for row in rows:
            if row[0].lower() in seen:
                continue  # the seed wins over Oryx, a system over a class
            seen.add(row[0].lower())
            handle.write("\t".join(str(v) for v in row) + "\n")
    print(f"wrote {OUT} ({len(seen)} aliases)")
    return 0


def _seed(path: Path) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            record = {**record, **FIXES.get(record["canonical"], {})}
            name, maker = record["canonical"], MAKERS[record["origin_country"].split(" (")[0]]
            dropped = DROP_ALIASES.get(name, set())
            aliases = [name, *(a for a in record["aliases"].split("|") if a not in dropped)]
            for alias in aliases:
                for form in _forms(alias, named=True):
                    rows.append((form, name, record["category"], 1, maker, _ambiguous(form)))
    return rows


def _oryx(path: Path) -> list[Row]:
    rows: list[Row] = []
    for item in json.loads(path.read_text("utf-8")):
        category = ORYX_KEEP.get(item["equipment_oryx"])
        model = re.sub(r"^\d+(?:\.\d+)?mm\s+", "", item["model"]).strip()
        if category is None or not re.search(r"[A-Za-z]+-?\d", model) or len(model) > 24:
            continue  # named systems have a designation: T-72B3, Su-34, 2S19
        maker = MAKERS.get(item["manufacturer"], "")
        for form in _forms(model, named=True):
            rows.append((form, model, category, 1, maker, _ambiguous(form)))
    return rows


def _classes() -> list[Row]:
    return [
        (form, phrase, category, 0, "", 0)
        for phrase, category in CLASSES.items()
        for form in _forms(phrase, named=False)
    ]


def _forms(alias: str, *, named: bool) -> list[str]:
    """The alias and its plural: "ballistic missiles", "Shaheds"; designations stay as they are."""
    plural_noun = re.search(r"(?:^|\s)[a-z]+$", alias) and not alias.endswith("s")
    if named and not (plural_noun or re.fullmatch(r"[A-Z][a-z]{3,}", alias)):
        return [alias]
    if alias.endswith("s"):
        return [alias]
    return [alias, alias[:-1] + "ies" if alias.endswith("y") else alias + "s"]


def _ambiguous(alias: str) -> int:
    return int(alias in AMBIGUOUS or alias.removesuffix("s") in AMBIGUOUS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
