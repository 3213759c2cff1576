"""Event typing: which PLOVER event a trigger word expresses, and its CAMEO code.

Two shipped resources, both built from ``../shared/data`` by scripts beside them:

- ``events_cameo.json`` (``python -m tools.build.events_lexicon``): the
  CAMEO→PLOVER crosswalk and the PETRARCH verb lexicon (verb → default event, patterns such as
  ASK * PERMISSION → REQUEST).
- ``events_model.json`` (``python -m tools.build.events``, after the lexicon): a
  multinomial logistic regression over sparse features of the trigger (its lemma, the lexicons'
  verdicts, its dependents and governors, the grammatical path to the source and target, the
  words of its clause and the NGEC story topics they mark). Trained on ZeroShotPLOVER
  PLV_train; scored by 5-fold cross-validation (``python -m bench plv``).

The model predicts the 15 PLOVER roots of PLV (YIELD = RETREAT or CONCEDE); ``split_yield``
tells the two apart from the trigger and its object. Hand-written idioms ("gave ... a green
light", "slammed into") and event nouns ("onslaught", "exercises") decide on their own
(``decide``); the CAMEO code, quad class and Goldstein weight follow from type and mode
(``cameo``).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from wirewatch.stages.events import args
from wirewatch.stages.link import forces

LABELS = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "YIELD",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
ARG_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "dative", "agent", "prt", "neg"})
IDIOM_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "prep", "prt", "advmod"})
HEAD_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "dobj", "pobj", "acl", "relcl"})
TOPIC_DEPS = frozenset({"dobj", "xcomp", "attr", "nsubjpass"})
CLAUSE_DEPS = frozenset(
    {"xcomp", "ccomp", "advcl", "pcomp", "dobj", "pobj", "acl", "relcl", "conj", "prep"}
)
RETREAT_WORDS = frozenset(
    {"release", "free", "withdraw", "withdrawal", "retreat", "return", "ceasefire", "truce"}
    | {"pull", "evacuate", "surrender", "disarm", "demobilize", "hand", "lift", "resign"}
)
#: Ships and what they carry, which are seized as property.
CRAFT = ("vessel", "ship", "tanker", "boat", "freighter", "cargo", "dhow", "trawler")
#: Verb + object (or subject) idioms the CAMEO lexicon lacks.
#: Talk between parties, and verbs that hold or further it: with one another, a consultation.
DIALOGUE = ("dialogue", "talk", "consultation", "negotiation")
DIALOGUE_VERBS = ("strengthen", "deepen", "intensify", "enhance", "promote", "resume", "conduct")

IDIOMS = {
    ("give", "light"): "CONCEDE",
    ("ease", "restriction"): "CONCEDE",
    ("lift", "restriction"): "CONCEDE",
    ("lift", "ban"): "CONCEDE",
    ("lift", "sanction"): "RETREAT",
    ("change", "policy"): "CONCEDE",
    ("shift", "policy"): "CONCEDE",
    ("pull", "troop"): "RETREAT",
    ("open", "fire"): "ASSAULT",
    ("slam", "into"): "ASSAULT",
    ("crash", "into"): "ASSAULT",
    ("smash", "into"): "ASSAULT",
    ("plough", "into"): "ASSAULT",
    ("rain", "down"): "ASSAULT",
    ("strike", "at"): "ASSAULT",
    ("strike", "deal"): "AGREE",
    # Setting up a base is a deployment; defusing a bomb stops an attack (a security act).
    ("establish", "base"): "MOBILIZE",
    ("establish", "camp"): "MOBILIZE",
    ("establish", "checkpoint"): "MOBILIZE",
    ("establish", "headquarters"): "MOBILIZE",
    ("set", "base"): "MOBILIZE",
    ("set", "camp"): "MOBILIZE",
    ("set", "checkpoint"): "MOBILIZE",
    **{(verb, "roadblock"): "MOBILIZE" for verb in ("set", "establish", "mount", "erect")},
    ("set", "position"): "MOBILIZE",
    ("defuse", "ied"): "COERCE",
    ("defuse", "bomb"): "COERCE",
    ("defuse", "device"): "COERCE",
    ("defuse", "mine"): "COERCE",
    ("strike", "agreement"): "AGREE",
    # An explosive thrown is an attack. (Signing a deal is SUPPORT in PLOVER: the default.)
    **{
        (verb, arm): "ASSAULT"
        for verb in ("throw", "hurl", "lob", "toss")
        for arm in ("grenade", "bomb", "explosive", "cocktail", "firebomb", "device")
    },
    ("strike", "accord"): "AGREE",
    ("strike", "back"): "ASSAULT",
    ("claim", "life"): "ASSAULT",  # "the blast claimed the lives of 12 civilians"
    ("take", "life"): "ASSAULT",
    ("call", "on"): "REQUEST",
    ("push", "back"): "ASSAULT",
    ("fight", "back"): "ASSAULT",
    ("call", "for"): "REQUEST",
    ("ask", "for"): "REQUEST",
    ("seek", "assistance"): "REQUEST",
    ("seek", "help"): "REQUEST",
    ("seek", "aid"): "REQUEST",
    ("seek", "support"): "REQUEST",
    # Sending reinforcements is deploying them (the guideline's MOBILIZE), not aid (sending
    # troops stays the model's: PLOVER codes troops sent to an ally as military aid).
    ("send", "reinforcement"): "MOBILIZE",
    # Reinforcing a border or a position is a deployment, not aid to anybody.
    **{("reinforce", held): "MOBILIZE" for held in ("border", "position", "presence", "base")},
    **{("reinforce", held): "MOBILIZE" for held in ("defence", "defense", "garrison", "front")},
    ("dispatch", "reinforcement"): "MOBILIZE",
    ("pledge", "allegiance"): "SUPPORT",
    # Voicing concern over what somebody did is criticism (the guideline's ACCUSE).
    **{(verb, "concern"): "ACCUSE" for verb in ("express", "voice", "raise", "reiterate")},
    # Talking is consulting, however the talk is furthered ("strengthen dialogue with Pyongyang").
    **{(verb, talk): "CONSULT" for verb in DIALOGUE_VERBS for talk in DIALOGUE},
    ("stand", "with"): "SUPPORT",  # "said it stood with Manila"
    # Trading words is a quarrel, trading shots a fight.
    ("trade", "accusation"): "ACCUSE",
    ("exchange", "accusation"): "ACCUSE",
    ("trade", "blame"): "ACCUSE",
    ("trade", "barb"): "ACCUSE",
    ("exchange", "barb"): "ACCUSE",
    ("trade", "fire"): "ASSAULT",
    ("exchange", "fire"): "ASSAULT",
    ("swear", "allegiance"): "SUPPORT",
    # Taking control of anything but ground (a broadcaster, a port authority) is a seizure
    # (CAMEO 192: COERCE); ground taken in fighting is ``takes_ground``'s ASSAULT.
    ("take", "control"): "COERCE",
    ("seize", "control"): "COERCE",
    ("gain", "control"): "COERCE",
    ("take", "over"): "COERCE",
    # Seizing a ship or its cargo is a seizure of property (COERCE), not a transfer.
    **{(verb, craft): "COERCE" for verb in ("seize", "capture") for craft in CRAFT},
    # Breaking off ties (CAMEO 161) and blocking what others propose (a veto: REJECT).
    ("recall", "ambassador"): "SANCTION",
    ("recall", "envoy"): "SANCTION",
    ("block", "statement"): "REJECT",
    ("block", "resolution"): "REJECT",
    ("block", "proposal"): "REJECT",
    ("block", "bill"): "REJECT",
    ("set", "ablaze"): "ASSAULT",  # "a mob set ablaze a suspected thief"
    ("set", "alight"): "ASSAULT",
}
#: Goods traded, not given as aid: moving them to somebody is trade (COOPERATE in the events
#: guideline: "illicit trade/transfers, e.g. oil ship-to-ship"), whoever the model thinks.
GOODS = frozenset(
    {"oil", "fuel", "petroleum", "crude", "diesel", "gasoline", "coal", "gas", "iron", "ore"}
    | {"goods", "commodities", "textiles", "seafood", "grain", "wheat", "fertilizer"}
)
TRADING = frozenset({"transfer", "sell", "export", "smuggle", "ferry", "ship", "supply"})
#: Giving arms is AID (the guideline's arms supply), whatever else the verb may mean.
SUPPLYING = frozenset(
    {"send", "deliver", "supply", "provide", "ship", "transfer", "give", "donate"}
)
ARMS = frozenset(
    {"weapon", "arm", "system", "missile", "tank", "drone", "ammunition", "munition", "rocket"}
    | {"jet", "aircraft", "fighter", "artillery", "shell", "howitzer", "launcher", "interceptor"}
)
#: Verbs of a munition striking, and the munitions: "a rocket landed", "a bomb went off".
IMPACT = frozenset(
    {"land", "hit", "strike", "explode", "fall", "impact", "slam", "go", "detonate", "blow"}
)
MUNITIONS = frozenset(
    {"rocket", "missile", "shell", "mortar", "bomb", "grenade", "projectile", "munition"}
    | {"drone", "device", "ied", "mine", "landmine", "round", "explosive", "explosives"}
)
#: What one withdraws from, or withdraws, when withdrawing is breaking off, not pulling back
#: (CAMEO 16: halt talks, withdraw peacekeepers, observers or aid).
TIES = frozenset(
    {"talk", "negotiation", "agreement", "deal", "treaty", "accord", "pact", "process"}
    | {"recognition", "support", "ambassador", "envoy", "membership", "organization"}
    | {"peacekeeper", "observer", "inspector", "monitor", "staff", "mission", "aid", "worker"}
)

#: Verbs the CAMEO lexicon misses or types as something else in today's news.
VERBS = {"arm": "AID", "target": "ASSAULT", "shell": "ASSAULT", "bomb": "ASSAULT"}
#: Tear gas fired at people, told as one verb ("police teargassed protesters"; the small
#: model's lemma of "teargassed" is "teargasse").
VERBS.update(dict.fromkeys(("teargas", "teargasse", "teargass"), "ASSAULT"))
VERBS.update({"amass": "MOBILIZE", "mass": "MOBILIZE", "deploy": "MOBILIZE", "strike": "ASSAULT"})
VERBS.update({"redeploy": "MOBILIZE"})  # troops moved to a new post, as "deploy"
VERBS.update({"urge": "REQUEST", "test": "MOBILIZE", "sanction": "SANCTION"})
VERBS.update({"mediate": "CONSULT", "broker": "CONSULT"})  # the guideline's CONSULT: mediation
#: Violence against property is ASSAULT (PLOVER), not a protest; barricades are a protest.
VERBS.update({"loot": "ASSAULT", "ransack": "ASSAULT", "pillage": "ASSAULT", "torch": "ASSAULT"})
VERBS.update({"steal": "ASSAULT", "rob": "ASSAULT"})  # "looted a clinic and stole medicines"
VERBS.update({"batter": "ASSAULT"})  # "Taliban battered in Kandahar"
VERBS.update({"sink": "ASSAULT"})  # "naval drones sank a landing ship" (not "a boat sank")
VERBS.update({"barricade": "PROTEST", "clash": "ASSAULT", "picket": "PROTEST"})
#: A prison sentence is custody (the guideline's COERCE), not a concession.
VERBS.update({"sentence": "COERCE"})
#: Verbs that name killing or maiming and nothing else: the lexicon's ASSAULT decides, whatever
#: the words around ("National Guard element assassinates a student" is no concession).
KILLING = frozenset(
    {"assassinate", "murder", "massacre", "slaughter", "butcher", "strangle", "stab", "behead"}
    | {"ambush", "abduct", "kidnap", "torture", "rape", "lynch", "maim", "dismember"}
    | {"martyr"}  # "two soldiers were martyred" (armies' and ministries' word for killed)
)
VERBS.update(dict.fromkeys(KILLING, "ASSAULT"))
#: Who, clashing, makes a clash a riot (PROTEST) rather than a battle: "protesters clashed
#: with police" (``clash_of_protesters``).
PROTESTERS = frozenset(
    {"protester", "protestor", "demonstrator", "rioter", "crowd", "mob", "marcher", "student"}
)
#: Armies' words for killing enemies ("troops neutralised 45 terrorists", "liquidated").
NEUTRALISING = frozenset({"neutralise", "neutralize", "liquidate", "eliminate"})
#: Verbs that are violence when what they befall is people ("executes a rebel", "burn a man
#: alive", "lynched"), and something else otherwise ("executed a plan", "burned fuel").
ON_PEOPLE = frozenset({"execute", "burn", "hack", "beat"} | NEUTRALISING)
#: Verbs that are violence against property when what they befall is a building, a vehicle or
#: a village ("an angry crowd burned the chief's house"): ASSAULT in PLOVER, not a protest.
ON_PROPERTY = frozenset({"burn", "destroy", "vandalise", "vandalize", "raze", "demolish"})
PROPERTY = frozenset(
    {"house", "home", "building", "car", "vehicle", "truck", "bus", "shop", "store", "office"}
    | {"station", "church", "mosque", "school", "market", "village", "hut", "property", "clinic"}
    | {"stock", "granary", "crop", "field", "farm", "harvest", "warehouse", "tent", "shelter"}
    | {"hospital", "motorcycle", "boat", "compound", "dwelling", "household", "shrine"}
)
#: Verbs that, with a body as their object or passive subject, tell a killing found out:
#: "a body was found", "they locate a bagged body" (the remains are the toll).
FINDING = frozenset({"find", "discover", "locate", "recover", "dump", "exhume", "abandon"})
#: Verbs of leaving remains somewhere, which whoever killed does: "the cartel leaves a corpse".
PLACING = frozenset({"leave"})
#: Verbs that tell a killing when what they befall is remains or the dead.
OF_REMAINS = FINDING | PLACING
REMAINS = frozenset({"body", "corpse", "remains", "cadaver"})
#: Nouns that name events, with the PLOVER root they usually express.
EVENT_NOUN_TABLE = """
ASSAULT: attack strike airstrike onslaught offensive assault raid incursion invasion
ASSAULT: bombardment ambush shelling bombing barrage operation advance killing massacre
ASSAULT: war fighting clash blast explosion shooting gunfire firefight skirmish battle shootout
ASSAULT: gunfight gunbattle
ASSAULT: kidnapping abduction assassination execution murder homicide lynching airstrikes
ASSAULT: arson infiltration
THREATEN: threat ultimatum warning
REQUEST: request demand appeal plea
PROTEST: protest demonstration rally march boycott sit-in outcry vigil picket walkout
CONSULT: talk meeting visit summit negotiation consultation mediation
COOPERATE: exercise drill cooperation partnership alliance
AID: aid assistance delivery shipment transfer donation supply
SANCTION: sanction embargo expulsion
MOBILIZE: mobilization mobilisation deployment buildup test launch
COERCE: arrest detention crackdown curfew blockade seizure occupation remand custody
ACCUSE: accusation allegation condemnation investigation probe lawsuit criticism
REJECT: rejection refusal veto objection denial
CONCEDE: approval authorization authorisation concession
RETREAT: release withdrawal ceasefire truce pullout handover
AGREE: agreement pledge promise offer
"""
EVENT_NOUNS = {
    word: line.split(":")[0]
    for line in EVENT_NOUN_TABLE.strip().splitlines()
    for word in line.split(":")[1].split()
}
#: Words before "strike" that make it a stoppage of work, not an attack.
STOPPAGE = frozenset(
    {"hunger", "general", "labour", "labor", "nationwide", "national", "indefinite", "wildcat"}
    | {"sit-down", "warning", "transport", "taxi", "teachers", "doctors", "workers", "union"}
)
#: Who stops work: a strike they hold is a protest.
STRIKERS = frozenset(
    {"worker", "teacher", "doctor", "nurse", "trader", "driver", "union", "employee", "staff"}
    | {"miner", "lecturer", "student", "farmer", "transporter", "merchant", "shopkeeper"}
)


def noun_root(noun: Any) -> str | None:
    """The root an event noun names: ``EVENT_NOUNS``, but a strike of work is a protest ("went
    on strike", "a general strike", "teachers staged a strike") and a search operation a
    search."""
    lemma = noun.lemma_.lower()
    if fire_exchanged(noun):
        return "ASSAULT"  # "exchanges of fire near Donetsk airport": a firefight
    if emergency_rule(noun):
        return "COERCE"  # "imposed martial law", "declared a state of emergency"
    if lemma == "strike" and _stoppage(noun):
        return "PROTEST"
    if lemma in ("operation", "raid", "sweep") and any(
        c.lower_ in SEARCHING for c in noun.children if c.dep_ in ("amod", "compound")
    ):
        return "COERCE"  # "a search operation", "an arrest raid": searches by the authorities
    return EVENT_NOUNS.get(lemma)


#: Verbs that put a rule in force.
IMPOSING = frozenset({"impose", "declare", "proclaim", "introduce", "extend", "reimpose"})


def emergency_rule(noun: Any) -> bool:
    """ "imposed martial law", "declared a state of emergency": a state's coercive rule put in
    force (not "lifted the state of emergency", nor "martial law remains in force")."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in IMPOSING:
        return False
    lemma = noun.lemma_.lower()
    marks = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    if lemma in ("law", "rule"):
        return bool(marks & {"martial", "emergency"})
    if lemma == "state":
        of = (o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj")  # fmt: skip
        return any(o.lower_ in ("emergency", "siege") for o in of)
    return False


def fire_exchanged(noun: Any) -> bool:
    """ "an exchange of fire", "exchanges of gunfire": a firefight (not a prisoner exchange
    or an exchange of views)."""
    if noun.lemma_.lower() != "exchange" or noun.pos_ != "NOUN":
        return False
    shots = (o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
             for o in p.children if o.dep_ == "pobj")  # fmt: skip
    return any(o.lemma_.lower() in ("fire", "gunfire", "shot", "shelling") for o in shots)


#: Words before "operation" that make it a search or an arrest (the guideline's COERCE).
SEARCHING = frozenset({"search", "cordon", "arrest", "house-to-house", "door-to-door"})


def _stoppage(noun: Any) -> bool:
    if noun.dep_ == "pobj" and noun.head.lower_ == "on":
        return True  # "went on strike", "remain on strike"
    if any(
        c.lower_.rstrip("'") in STOPPAGE
        for c in noun.children
        if c.dep_ in ("amod", "compound", "poss")
    ):
        return True
    if noun.dep_ == "dobj":
        doer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return doer is not None and doer.lemma_.lower() in STRIKERS
    return False


#: Goldstein (1992) conflict-cooperation weights at CAMEO root level, as distributed with the
#: CAMEO codebook and GDELT; ``score`` is the weight of the event's CAMEO root.
GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
    "08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5,
    "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}  # fmt: skip


#: The CAMEO code each PLOVER event maps back to when no mode says more (the crosswalk's
#: general entry for that event).
DEFAULT_CODES = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "084", "ACCUSE": "112", "REQUEST": "100", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
    "ASSAULT": "190",
}  # fmt: skip
#: ASSAULT modes this project assigns from the weapons used, and their CAMEO codes.
MODE_CODES = {"aerial": "195", "drone": "195", "heavy-weapons": "194", "firearms": "193"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    crosswalk: dict[str, list[str]]
    verbs: dict[str, list[Any]]
    blocks: list[list[Any]]
    synsets: dict[str, frozenset[str]]


@functools.cache
def lexicon() -> Lexicon:
    raw = json.loads(
        resources.files("wirewatch.resources").joinpath("events_cameo.json").read_text("utf-8")
    )
    synsets = {k: frozenset(v) for k, v in raw["synsets"].items()}
    return Lexicon(raw["crosswalk"], raw["verbs"], raw["blocks"], synsets)


@functools.cache
def _shipped() -> dict[str, Any]:
    path = resources.files("wirewatch.resources").joinpath("events_model.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@functools.cache
def model() -> dict[str, list[float]]:
    """Feature → one weight per label; ``"<bias>"`` holds the intercepts."""
    scale, weights = _shipped()["scale"], _shipped()["weights"]
    return {f: [w / scale for w in ws] for f, ws in weights.items()}


def topic_words() -> dict[str, str]:
    """Word → the PLOVER root whose NGEC stories it marks (``tools.build.events.topic_lexicon``)."""
    words: dict[str, str] = _shipped()["topics"]
    return words


def lexicon_roots(token: Any) -> tuple[str, ...]:
    """What the lexicons say ``token`` expresses: idioms, event nouns, then the verb lexicon's
    default and matching patterns (remembered on the Doc: typing asks more than once)."""
    memo = token.doc.user_data.setdefault("wirewatch.lexicon_roots", {})
    if token.i not in memo:
        memo[token.i] = _lexicon_roots(token)
    roots: tuple[str, ...] = memo[token.i]
    return roots


def _lexicon_roots(token: Any) -> tuple[str, ...]:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        root = noun_root(token)
        return (root,) if root else ()
    special = idiom(token)
    entry = lexicon().verbs.get(lemma)
    if entry is None:
        return (special,) if special else ()
    found = [special] if special else []
    found += [entry[0]] if entry[0] and entry[0] not in found else []
    if entry[1]:
        found += [r for r in _pattern_roots(lemma, _right_words(token)) if r not in found]
    return tuple(found)


@functools.lru_cache(maxsize=32768)
def _pattern_roots(lemma: str, words: frozenset[str]) -> tuple[str, ...]:
    """Roots of the lemma's lexicon patterns whose words all follow the verb."""
    patterns, by_word = _patterns_of(lemma)
    tried = {n for word in words for n in by_word.get(word, ())} | set(by_word.get("", ()))
    found: list[str] = []
    for n in sorted(tried):  # in the lexicon's order: its first roots come first
        slots, root = patterns[n]
        if root not in found and all(_slot_in(alternatives, words) for alternatives in slots):
            found.append(root)
    return tuple(found)


@functools.cache
def _patterns_of(lemma: str) -> tuple[list[tuple[tuple[Slot, ...], str]], dict[str, list[int]]]:
    """A verb's patterns in the lexicon's order, and the patterns by a word their first slot
    needs ("" for a pattern with no slot): only those whose first word follows are tried."""
    patterns = [pattern for block in lexicon().verbs[lemma][1] for pattern in _compiled(block)]
    by_word: dict[str, list[int]] = {}
    for n, (slots, _root) in enumerate(patterns):
        firsts = {""} if not slots else slots[0][0] | {phrase[0] for phrase in slots[0][1]}
        for word in firsts:
            by_word.setdefault(word, []).append(n)
    return patterns, by_word


Slot = tuple[frozenset[str], tuple[tuple[str, ...], ...]]  # single words, multi-word phrases


@functools.cache
def _compiled(block: int) -> tuple[tuple[tuple[Slot, ...], str], ...]:
    """A block's patterns, each slot as its one-word alternatives and its longer phrases."""
    synsets = lexicon().synsets
    out = []
    for slots, root in lexicon().blocks[block]:
        compiled = []
        for slot in slots:
            members = sorted(synsets.get(slot, ())) if slot.startswith("&") else [slot]
            single = frozenset(m for m in members if " " not in m)
            compiled.append((single, tuple(tuple(m.split()) for m in members if " " in m)))
        out.append((tuple(compiled), root))
    return tuple(out)


def goods_noun(noun: Any) -> bool:
    """Goods, or a noun the goods' name is compounded with ("oil products", "fuel cargo")."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    return any(w.lemma_.lower() in GOODS for w in words)


#: Those whose advance is fighting for ground.
ADVANCING = frozenset(
    {"troop", "force", "army", "soldier", "rebel", "fighter", "militant", "militia", "unit"}
    | {"insurgent", "jihadist", "paratrooper", "marine", "tank", "column"}
)


def _forces_advance(verb: Any) -> bool:
    """ "troops advanced near X" (not "advanced talks", "prices advanced")."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    return _armed_subject(verb)


def _armed_subject(verb: Any) -> bool:
    """Whether the verb's subject is armed men on the move ("troops", "rebels", "a column")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in ADVANCING


def _forces_push_into(verb: Any) -> bool:
    """ "rebels pushed into the province", "troops pushed toward Bakhmut": armed men moving on
    ground (not "pushed for talks", "pushed into debt")."""
    if any(c.dep_ == "dobj" for c in verb.children) or not _armed_subject(verb):
        return False
    preps = [
        c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("into", "toward", "towards")
    ]
    ground = [o for p in preps for o in p.children if o.dep_ == "pobj"]
    return any(
        _ground(o) or o.lemma_.lower() in DIVISION_WORDS or o.ent_type_ in ("GPE", "LOC", "FAC")
        or o.pos_ == "PROPN"
        for o in ground
    )  # fmt: skip


#: Words for regions armed men push into: "pushed into southern province".
DIVISION_WORDS = frozenset({"province", "region", "state", "governorate", "oblast", "territory"})


def _forces_enter(verb: Any) -> bool:
    """ "rebels entered Homs", "troops entered the town": armed men into a town or a named
    place (not "entered talks", "a convoy entered Gaza")."""
    if not _armed_subject(verb):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(_ground(o) or o.ent_type_ in ("GPE", "LOC", "FAC") or o.pos_ == "PROPN"
               for o in objects)  # fmt: skip


#: Verbs of striking or answering whose "with" names how: "retaliated with airstrikes",
#: "pounded the town with artillery fire".
STRIKING_WITH = frozenset(
    {"retaliate", "respond", "reply", "react", "answer", "hit", "attack", "strike", "target"}
    | {"pound", "bombard", "shell", "raid", "punish"}
)


#: Nouns that count attacks: "a wave of strikes", "a barrage of rockets".
SERIES = frozenset({"wave", "series", "barrage", "volley", "salvo", "round", "spate", "string"})


def means(noun: Any) -> bool:
    """An attack named as the means of a verb of striking or answering ("Turkish forces
    retaliated with airstrikes", "responded with a wave of strikes"): the verb's act, told
    once by the verb, not a second one."""
    if noun.pos_ != "NOUN" or EVENT_NOUNS.get(noun.lemma_.lower()) != "ASSAULT":
        return False
    held = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in SERIES:
        held = noun.head.head  # "a wave of strikes": the wave is what it is done with
    prep = held.head
    verb = prep.head
    if held.dep_ == "pobj" and prep.lower_ in args.WON_AFTER:
        # "seized Rubaya after heavy fighting": one act (the fight found first, the cheaper)
        return args.fight_won(verb) is noun and takes_ground(verb)
    return (
        held.dep_ == "pobj"
        and prep.lower_ == "with"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in STRIKING_WITH
    )


def _forcibly(verb: Any) -> bool:
    """ "forcibly recruited", "recruited ... by force", "at gunpoint"."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ("forcibly", "forcefully"):
            return True
        by_force = child.dep_ == "prep" and child.lower_ in ("by", "at")
        if by_force and any(o.lower_ in ("force", "gunpoint") for o in child.children):
            return True
    return False


def _set_ablaze(verb: Any) -> bool:
    """ "set a man ablaze": the parser hangs "ablaze" on the object; "a camp was set ablaze":
    on the verb."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    words = [g for o in objects for g in o.children] + list(verb.children)
    return any(g.lower_ in ("ablaze", "alight", "afire") for g in words)


#: Verbs of arresting: done to people, an arrest (CAMEO 173, PLOVER's COERCE).
ARRESTING = frozenset({"arrest", "detain"})


#: Verbs of bringing down what people built: destroying property is ASSAULT (CAMEO 1712
#: crosswalks so), however the sentence frames it; "destroy" only with what people built
#: ("destroyed three homes", not "destroyed hopes").
RAZING = frozenset({"demolish", "raze", "bulldoze", "flatten"})
BUILT = frozenset(
    {"house", "home", "building", "structure", "well", "shop", "school", "mosque", "church"}
    | {"shelter", "tent", "shed", "store", "market", "clinic", "hospital", "farm", "village"}
)


def _razed(verb: Any) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in RAZING:
        return bool(args.patients(verb))
    return lemma == "destroy" and any(o.lemma_.lower() in BUILT for o in args.patients(verb))


#: Means of crowd control: "tear gas", "rubber bullets", "water cannon", "batons".
CROWD_WEAPONS = frozenset(
    {"gas", "teargas", "bullet", "cannon", "baton", "truncheon", "ammunition", "spray"}
    | {"grenade", "pellet", "whip", "club"}
)
#: Verbs of employing, or of scattering a crowd, with those means.
EMPLOYING = frozenset({"use", "deploy", "employ", "fire", "lob", "spray"})  # "fired tear gas at"
SCATTERING = frozenset({"disperse", "break", "scatter", "repel", "quell", "suppress"})
#: How a crowd is scattered by force, and what its scattering did to people.
FORCIBLY = frozenset({"violently", "forcibly", "forcefully", "brutally"})
HARMING = frozenset({"kill", "wound", "injure", "hurt", "shoot"})


def _crowd_control(verb: Any) -> bool:
    """ "Police used tear gas and rubber bullets to disperse ...", "dispersed the crowd with
    tear gas", "broke up the rally with batons": violent repression (CAMEO 175, PLOVER's
    ASSAULT), not the protest it met."""
    lemma = verb.lemma_.lower()
    if lemma in EMPLOYING:
        means = [c for c in verb.children if c.dep_ == "dobj"]
    elif lemma in SCATTERING:
        means = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                 for o in c.children if o.dep_ == "pobj"]  # fmt: skip
        # "dispersed a sit-in using live ammunition"
        using = [c for c in verb.children if c.dep_ in ("advcl", "xcomp")]
        using += [c for o in verb.children if o.dep_ == "dobj" for c in o.children
                  if c.dep_ == "acl"]  # (the parser may hang it on the crowd)  # fmt: skip
        means += [o for c in using if c.lemma_.lower() in EMPLOYING
                  for o in c.children if o.dep_ == "dobj"]  # fmt: skip
        if any(c.dep_ == "advmod" and c.lower_ in FORCIBLY for c in verb.children):
            return True  # "violently dispersed a demonstration"
        if any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in HARMING
               for c in verb.children):  # fmt: skip
            return True  # "dispersed the march, killing two protesters"
    else:
        return False
    means += [c for m in means for c in m.conjuncts]
    return any(m.lemma_.lower() in CROWD_WEAPONS for m in means)


#: Verbs of scattering a crowd, which without force named stop a protest (no protest of
#: their own).
DISPERSING = frozenset({"disperse", "scatter"})


def _crowd_dispersed(verb: Any) -> bool:
    """Whether what was dispersed is people or their gathering: "dispersed the teachers",
    "dispersed a march" (not "dispersed the fog")."""
    crowd = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(args.person(c) or EVENT_NOUNS.get(c.lemma_.lower()) == "PROTEST"
               or c.lemma_.lower() in ("crowd", "mob", "gathering") for c in crowd)  # fmt: skip


#: What a verb shows: with one, "demonstrate" is showing, not protesting.
SHOWN = frozenset({"dobj", "ccomp", "xcomp", "attr", "nsubjpass"})


def _to_the_streets(verb: Any) -> bool:
    """ "took to the streets", "poured into the streets": people out in protest."""
    preps = (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into", "onto"))
    return any(o.lower_ == "streets" for p in preps for o in p.children if o.dep_ == "pobj")


def idiom(verb: Any) -> str | None:
    """ "gave Kyiv a green light", "slammed into", "the policy has (not) changed", "armed"."""
    lemma = verb.lemma_.lower()
    if takes_ground(verb) or _driven_out(verb):
        return "ASSAULT"  # "rebels captured the town", "took control of Kitshanga": a battle won
    if _people_taken(verb):
        return "ASSAULT"  # "270 girls were taken from their school": an abduction
    if lemma in ("take", "pour", "spill") and _to_the_streets(verb):
        return "PROTEST"  # "residents took to the streets of Kinshasa (over prices)"
    if lemma == "set" and _set_ablaze(verb):
        return "ASSAULT"  # "a mob set a suspected thief ablaze", "a camp was set ablaze"
    children = [c for c in verb.children if c.dep_ in IDIOM_DEPS]
    subject = args.subject_of(verb) if not children else None
    for child in [*children, *([subject] if subject is not None else [])]:
        root = IDIOMS.get((lemma, child.lemma_.lower()))
        if root:
            return root
    if lemma in ("attack", "slam", "blast") and _blamed_for(verb):
        return "ACCUSE"  # "attacked the opposition for blocking the budget": words, no arms
    if lemma == "disappear" and any(c.dep_ == "dobj" for c in verb.children):
        return "ASSAULT"  # "security forces disappeared an activist": an abduction
    if _crowd_control(verb):
        return "ASSAULT"  # "police used tear gas to disperse workers": violent repression
    if lemma in DISPERSING and _crowd_dispersed(verb):
        return "COERCE"  # "police dispersed teachers who were marching": a protest stopped
    if lemma in ARRESTING and any(args.person(p) for p in args.patients(verb)):
        return "COERCE"  # "detained two activists for protesting": an arrest, whatever the why
    if _razed(verb):
        return "ASSAULT"  # "the army demolished a well and two structures": property destroyed
    if lemma == "demonstrate" and not any(c.dep_ in SHOWN for c in verb.children):
        return "PROTEST"  # "residents demonstrated against fuel prices" (not "demonstrated
        # resolve", "demonstrated that it can")
    if args.to_death(verb):
        return "ASSAULT"  # "a mob beat a man to death" (not "sentenced to death")
    if lemma in STRIKING_WITH and any(
        means(t) for p in verb.children if p.lower_ == "with" for t in p.subtree
    ):
        return "ASSAULT"  # "Israel responded with strikes on Gaza": an attack, told once
    if lemma in ("push", "thrust", "drive") and _forces_push_into(verb):
        return "ASSAULT"  # "Houthi rebels push into southern province": an offensive
    if lemma == "advance" and _forces_advance(verb):
        return "ASSAULT"  # "Russian troops advanced near Dmytrivka": fighting for ground
    if lemma == "enter" and _forces_enter(verb):
        return "ASSAULT"  # "HTS-led rebels entered Homs": a town taken
    if lemma in ("recruit", "conscript", "enlist") and _forcibly(verb):
        return "ASSAULT"  # "forcibly recruited dozens of young men": abducted into arms
    if lemma == "rally" and _people_gathered(verb):
        return "PROTEST"  # "some 200 farmers rallied in Lahore"; not "stocks rallied"
    if lemma == "fall" and args.fallen_to(verb) is not None:
        return "ASSAULT"  # "Kabul fell to the Taliban": a place taken in fighting
    if lemma == "lose" and args.lost_to(verb) is not None:
        return "ASSAULT"  # "the rebels lost the town to the army": taken from them
    if lemma in ("withdraw", "pull", "retreat"):
        return _withdrawal(verb)
    if lemma in ("block", "barricade", "close") and _roads(verb):
        return _roadblock(verb)
    if lemma == "call" and _blamed_as(verb):
        return "ACCUSE"  # "called the sanctions illegal", "called the strike an attack"
    if lemma in IMPACT and munition_lands(verb):
        return "ASSAULT"
    if lemma in SUPPLYING and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ARMS for c in verb.children
    ):
        return "AID"  # "will send two more Patriot systems to Ukraine": arms supply
    if lemma in TRADING and any(
        goods_noun(c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
    ):
        return "COOPERATE"  # "Chinese ships transferred oil (products) to North Korean vessels"
    if lemma == "vote" and any(t.lemma_.lower() in ("sanction", "embargo") for t in verb.subtree):
        return "SANCTION"  # "voted in favour of a resolution toughening sanctions"
    if lemma == "catch" and _red_handed(verb):
        return "ACCUSE"  # "Caught RED HANDED": caught in the act, an accusation
    if lemma == "hand" and _hands_over(verb):
        return "RETREAT"  # "handed the 21 girls to the authorities", "handed over the town"
    if lemma in RESTRICTING and _on_trade(verb):
        return "SANCTION"  # "imposed limits on oil imports", "banning 90 percent of imports"
    if lemma in ON_PEOPLE or lemma in OF_REMAINS or lemma in ON_PROPERTY:
        patients = args.patients(verb)
        words = {p.lemma_.lower() for p in patients} | {p.lower_ for p in patients}
        if lemma in ON_PEOPLE and any(args.person(p) for p in patients):
            return "ASSAULT"
        if lemma in ON_PROPERTY and words & PROPERTY:
            return "ASSAULT"
        if lemma in OF_REMAINS and (
            any(remains(p) or grave(p) for p in patients)
            or _of_remains(patients)
            or _found_dead(verb)
            or _remains_found(verb)
        ):
            return "ASSAULT"  # "two bodies found", "the body of a reporter found", "found dead"
    return VERBS.get(lemma)


def _blamed_for(verb: Any) -> bool:
    """ "attacked X for blocking the budget", "slammed the plan as reckless": blame given a
    reason or a verdict is criticism."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in ("for", "as", "over"):
            continue
        for reason in child.children:
            if reason.dep_ == "pcomp" and reason.tag_ == "VBG" and child.lower_ == "for":
                return True  # "for blocking the budget"
            if reason.dep_ == "pobj" and reason.lemma_.lower() in GRIEVANCES:
                return True  # "over his remarks", "for its decision"
            if child.lower_ == "as" and reason.pos_ == "ADJ":
                return True  # "as reckless"
    return False


#: What criticism is "over": "slammed the minister over his remarks".
GRIEVANCES = frozenset(
    {"remark", "comment", "statement", "decision", "policy", "plan", "handling", "failure"}
    | {"response", "stance", "position", "speech", "tweet", "claim", "proposal", "law", "bill"}
)


def _people_gathered(verb: Any) -> bool:
    """People who rally with no object ("supporters rallied outside the court"): a
    demonstration, not rallying support or a market's rise."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    subject = args.subject_of(verb)
    return subject is not None and args.person(subject)


#: Verbs of restricting, and what they restrict when the restriction is a sanction (CAMEO 16:
#: embargo, halting trade, arms sales or aid, freezing assets), not a restriction of people.
RESTRICTING = frozenset(
    {"ban", "impose", "restrict", "limit", "cap", "curb", "bar", "halt", "suspend", "freeze"}
)
TRADE = frozenset(
    {"import", "export", "sale", "trade", "purchase", "investment", "asset", "shipment"}
    | {"transaction", "remittance", "oil", "petroleum", "fuel", "crude", "embargo", "tariff"}
)


def _red_handed(verb: Any) -> bool:
    after = " ".join(t.lower_ for t in verb.doc[verb.i + 1 : verb.i + 5])
    return after.startswith(("red-handed", "red - handed", "red handed")) or any(
        t.lower_ in ("red-handed", "redhanded") for t in verb.subtree
    )


def _hands_over(verb: Any) -> bool:
    """ "handed over four militants", "handed the girls to the authorities": captives or
    ground given up (CAMEO 08: yield); medicine handed over stays the model's (aid)."""
    given = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(args.person(c) or c.lemma_.lower() in GROUND for c in given)


def _on_trade(verb: Any) -> bool:
    """Whether what the verb restricts is trade: its object or passive subject, or what that
    is imposed on ("limits on North Korea's oil imports")."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "conj" and heads and all(h.pos_ == "PRON" for h in heads):
        heads = [c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")]  # "... it"
    return any(t.lemma_.lower() in TRADE or t.lower_ in TRADE for h in heads for t in h.subtree)


#: What a person found is found to be when the finding tells a killing: "found dead".
DEAD = frozenset({"dead", "murder", "kill", "slay", "execute", "lifeless", "decapitate"})


def _found_dead(verb: Any) -> bool:
    """ "A man is found dead", "three men were found shot", "found a lifeless person": a
    killing found, no toll only."""
    said = any(
        c.dep_ in ("oprd", "acomp", "xcomp") and c.lemma_.lower() in DEAD for c in verb.children
    )
    found = (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))
    return said or any(  # "found a lifeless person", "a dead man was found"
        a.dep_ == "amod" and a.lemma_.lower() in DEAD for c in found for a in c.children
    )


def _remains_found(verb: Any) -> bool:
    """ "Bodies found in Mexico where ...": a headline's passive the parser read as active,
    the remains its subject and nothing found by them."""
    if verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and remains(c) for c in verb.children)


#: Where the dead are found buried together: "a mass grave containing 30 bodies".
GRAVES = frozenset({"grave", "pit", "trench"})
#: Verbs by which a grave holds its dead.
HOLDING = frozenset({"contain", "hold", "with"})


def grave(noun: Any) -> bool:
    """A mass grave, or a grave holding remains ("a pit containing 12 bodies")."""
    if noun.lemma_.lower() not in GRAVES:
        return False
    if any(c.dep_ in ("compound", "amod") and c.lower_ == "mass" for c in noun.children):
        return True
    return bool(contents(noun))


def contents(noun: Any) -> list[Any]:
    """The remains a grave is told to hold: "containing 30 bodies", "with 12 bodies"."""
    holders = [
        c for c in noun.children if c.dep_ in ("acl", "prep") and c.lemma_.lower() in HOLDING
    ]
    return [o for h in holders for o in h.children if o.dep_ in ("dobj", "pobj") and remains(o)]


def remains(noun: Any) -> bool:
    """A word for a dead person's body: "two bodies", "the remains of a reporter", "a man's
    head", "two human skulls", "a lifeless person", "a dismembered man"."""
    if noun.lemma_.lower() in REMAINS or noun.lower_ in REMAINS:
        return True
    marks = {c.lower_ for c in noun.children if c.dep_ == "amod"}
    if noun.lemma_.lower() in BODY_PARTS:
        owners = (c for c in noun.children if c.dep_ == "poss")
        return bool(marks & (CUT | {"human"})) or any(args.person(o) for o in owners)
    return bool(marks & (LIFELESS | CUT)) and args.person(noun)


#: Parts of a body, which found alone tell a killing: "a man's head found in a taxi".
BODY_PARTS = frozenset({"head", "torso", "limb", "skull", "corpse", "bone"})
#: What is said of a person found dead: "a lifeless man", "a dismembered woman".
LIFELESS = frozenset({"lifeless", "dead", "slain", "murdered", "charred", "mutilated"})
CUT = frozenset({"severed", "dismembered", "decapitated", "beheaded", "butchered"})


def _of_remains(patients: list[Any]) -> bool:
    """ "The body of a missing reporter found ...": the parser hangs the participle on the
    person, the remains are what was found."""
    return any(
        p.dep_ == "pobj" and p.head.lower_ == "of" and p.head.head.lemma_.lower() in REMAINS
        for p in patients
    )


#: What calling something makes an accusation: "called the sanctions illegal".
BLAME_WORDS = frozenset(
    {"illegal", "unacceptable", "illegitimate", "provocation", "provocative", "aggression"}
    | {"attack", "crime", "terrorism", "terrorist", "genocide", "massacre", "lie", "baseless"}
    | {"absurd", "unfounded", "irresponsible", "dangerous", "hostile", "reckless", "violation"}
    | {"breach", "atrocity", "murder", "barbaric", "criminal", "aggressive", "fabrication"}
    | {"treasonous", "treason", "unlawful", "violent", "savage", "inhumane", "shameful"}
)


def _blamed_as(verb: Any) -> bool:
    """ "called the strike a deliberate attack", "called the sanctions illegal"."""
    named = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp")]
    return any(n.lemma_.lower() in BLAME_WORDS for n in named)


def munition_lands(verb: Any) -> bool:
    """ "A rocket fired from Gaza landed near Sderot", "a shell fell on a house", "a bomb went
    off": a munition striking is an attack, whoever is named."""
    if verb.lemma_.lower() == "go" and not any(c.lower_ == "off" for c in verb.children):
        return False
    if verb.lemma_.lower() == "blow" and not any(c.lower_ == "up" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lemma_.lower() in MUNITIONS


#: What protesters block: roads and the traffic on them.
ROADS = args.ROADS | {"street", "traffic", "junction", "roadway"}
#: Who blocks a road as the state does it (a blockade, COERCE), not as a protest: the state's
#: forces by their function, or its government.
STATE_DOERS = frozenset(forces.HEADS) | {"government"}


#: Verbs of taking, and the ground an armed side takes: territory won in fighting is the
#: outcome of an offensive (the guideline's ASSAULT; conflict coders' battles), not an arrest.
TAKING = args.TAKING
#: Verbs that take ground only as "control of" it: "regained control of the town".
CONTROLLING = frozenset({"regain", "wrest", "reclaim", "restore", "reestablish", "reassert"})
GROUND = frozenset(
    {"town", "city", "village", "base", "airport", "position", "territory", "area", "district"}
    | {"hill", "outpost", "post", "checkpoint", "camp", "garrison", "stronghold", "airbase"}
    | {"settlement", "locality", "bridge", "port", "headquarters", "hq", "barracks"}
    | {"building", "compound", "palace", "refinery", "facility"}
)


#: Verbs of taking, which done to people taken away from somewhere are an abduction.
SNATCHING = frozenset({"take", "seize", "snatch", "grab"})


def _people_taken(verb: Any) -> bool:
    """People taken (away) from a place or taken hostage: "girls were taken from their
    boarding school", "seized 20 passengers from a bus", "took them hostage"."""
    if verb.lemma_.lower() not in SNATCHING or verb.pos_ != "VERB":
        return False
    if not any(args.person(p) for p in args.patients(verb)):
        return False
    away = any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children)
    held = any(c.dep_ in ("oprd", "dobj", "attr") and c.lemma_.lower() in HELD
               for c in verb.children)  # fmt: skip
    return away or held


#: What people taken are held as.
HELD = frozenset({"hostage", "captive", "prisoner"})


#: Verbs of forcing a side out of ground: "drove the rebels from the town".
DRIVING = frozenset({"drive", "push", "chase", "force", "flush", "dislodge", "rout", "kick"})


def _driven_out(verb: Any) -> bool:
    """A side forced "from" or "out of" a town, a base or a named place ("pushed al-Shabaab
    out of Moqokori", "the rebels were driven out of Rubaya"): ground won, an offensive."""
    if verb.lemma_.lower() not in DRIVING or verb.pos_ != "VERB":
        return False
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "out")]
    preps += [o for p in preps if p.lower_ == "out" for o in p.children if o.lower_ == "of"]
    ground = [o for p in preps for o in p.children if o.dep_ == "pobj"]
    placed = any(_ground(o) or o.ent_type_ in ("GPE", "LOC", "FAC") for o in ground)
    sides = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return placed and any(_armed(o) for o in sides)


def takes_ground(verb: Any) -> bool:
    """Whether the verb takes ground: its object (or the object of "control of", "over") is a
    town, a base or a named place."""
    lemma = verb.lemma_.lower()
    if lemma not in TAKING | CONTROLLING:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    control = any(o.lemma_.lower() == "control" for o in objects)
    if lemma in CONTROLLING and not control:
        return False  # "gained ground" is no place named; "regained control of Omdurman" is
    fought = args.fight_won(verb) is not None  # "took Kitshanga after clashes with FARDC"
    fought = fought or _from_armed_side(verb)  # "recaptured Mbres from the rebels"
    if lemma == "take":  # only "took control of X", "took over X", or after a fight
        over = any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
        if not over and not control and not fought:
            return False
    if control or lemma == "take":
        objects += [g for o in objects for p in o.children if p.dep_ == "prep"
                    for g in p.children if g.dep_ == "pobj"]  # fmt: skip
    if control:  # the parser may hang "over" on the verb: "restored its control over two villages"
        objects += args.prep_objects(verb, ("over", "of"))
    named = lemma in CONTROLLING or fought  # "regained control of Wad Madani": a name the
    # model calls a person's is the ground it is regained from, as one taken after a fight
    return any(_ground(o) or o.ent_type_ in ("GPE", "LOC", "FAC") or _town_as_people(o)
               or (named and o.dep_ in ("pobj", "dobj") and o.pos_ == "PROPN")
               for o in objects)  # fmt: skip


def _from_armed_side(verb: Any) -> bool:
    """Ground taken "from" an armed side: on the verb or, as the parser may hang it, on its
    object ("recaptured Mbres from the rebels", "took the town from the militia")."""
    losers = args.prep_objects(verb, ("from",))
    losers += [o for d in verb.children if d.dep_ == "dobj" for o in args.taken_from(verb, d)]
    return any(_armed(o) for o in losers)


def _armed(noun: Any) -> bool:
    """A noun for an armed side: a named armed actor, an armed side's word, state forces."""
    return bool(
        args._is_actor_word(noun) or noun.lemma_.lower() in args.ARMED_SIDES
        or forces.state_forces(noun)
    )  # fmt: skip


def _town_as_people(noun: Any) -> bool:
    """A single name the small model calls a people ("recaptured Kidal"): a town taken."""
    return bool(noun.ent_type_ == "NORP" and noun.tag_ == "NNP")


#: Stations held by armed men: taking one is ground won ("captured a police station").
HELD_STATIONS = frozenset({"police", "military", "army", "border", "security"})


def _ground(noun: Any) -> bool:
    lemma = noun.lemma_.lower()
    if lemma == "station":
        return any(c.dep_ == "compound" and c.lemma_.lower() in HELD_STATIONS
                   for c in noun.children)  # fmt: skip
    return lemma in GROUND


def _roads(verb: Any) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ROADS for c in verb.children)


def _roadblock(verb: Any) -> str:
    """ "Residents blocked a road": a protest (ACLED's and PLOVER's); troops doing it are
    blockading (COERCE)."""
    subject = args.subject_of(verb)
    state = subject is not None and subject.lemma_.lower() in STATE_DOERS
    return "COERCE" if state else "PROTEST"


def _withdrawal(verb: Any) -> str | None:
    """ "The army withdrew (from the town)" pulls back (RETREAT); "withdrew from the talks" or
    "withdrew its ambassador" breaks off (SANCTION)."""
    heads = [verb, *(c for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ == "out")]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [o for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in
                ("from", "of") for o in c.children if o.dep_ == "pobj"]  # fmt: skip
    if any(o.lemma_.lower() in TIES for o in objects):
        return "SANCTION"
    away = any(c.lower_ in ("out", "back") for c in verb.children)
    if verb.lemma_.lower() == "pull" and not away:  # "pulled troops" pulls back; "pulled a
        troops = any(o.lemma_.lower() == "troop" for o in objects)  # lever" is no act
        return "RETREAT" if troops else None
    return "RETREAT"


def clash_of_protesters(verb: Any) -> bool:
    """ "Protesters clashed with police": its subject or its "with" party protests."""
    if verb.lemma_.lower() != "clash":
        return False
    parties = [c for c in verb.children if c.dep_ == "nsubj"]
    parties += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                for o in c.children if o.dep_ == "pobj"]  # fmt: skip
    return any(p.lemma_.lower() in PROTESTERS for p in parties)


def _right_words(token: Any) -> frozenset[str]:
    words: set[str] = set()
    for t in token.subtree:
        if t.i > token.i:
            words.update((t.lower_, t.lemma_.lower()))
    return frozenset(words)


def _slot_in(slot: Slot, words: frozenset[str]) -> bool:
    single, phrases = slot
    if not single.isdisjoint(words):
        return True
    return any(all(w in words for w in phrase) for phrase in phrases)


def features(
    trigger: Any, source: Any = None, target: Any = None, topics: dict[str, str] | None = None
) -> list[str]:
    """Sparse features of a trigger token (``source``/``target``: spaCy spans, if known).

    ``topics`` is the topic lexicon (default: the shipped one; training passes its own).
    """
    lemma = trigger.lemma_.lower()
    feats = [f"t={lemma}", f"tp={trigger.pos_}", *(f"lex={r}" for r in lexicon_roots(trigger))]
    for child in trigger.children:
        feats.extend(_child_features(child))
    if trigger.dep_ in HEAD_DEPS and trigger.head != trigger:
        feats += [f"h={trigger.head.lemma_.lower()}", f"hd={trigger.dep_}"]
        feats += [f"hlex={r}" for r in lexicon_roots(trigger.head)[:1]]
    feats += [f"a={a}" for a in _governors(trigger)]
    for name, span in (("s", source), ("o", target)):
        if span is not None:
            feats.append(f"{name}={_relation(span, trigger)}")
    return feats + _topic_features(trigger, topic_words() if topics is None else topics)


def _topic_features(trigger: Any, topics: dict[str, str]) -> list[str]:
    """Words of the trigger's clause, and the story topics they mark."""
    feats = []
    for token in [trigger, *(c for c in trigger.children if c.dep_ in TOPIC_DEPS)]:
        root = topics.get(token.lower_) or topics.get(token.lemma_.lower())
        if root:
            feats.append(f"{'syn' if token == trigger else 'sync'}={root}")
    words = _clause_words(_clause(trigger))
    feats += [f"sw={lemma}" for lemma, _lower in words]
    return feats + [f"sl={topics[lower]}" for _lemma, lower in words if lower in topics]


def _clause_words(clause: Any) -> tuple[tuple[str, str], ...]:
    """The lemmas and lower-case forms of a clause's content words (remembered on the Doc: a
    clause's triggers share them)."""
    memo = clause.doc.user_data.setdefault("wirewatch.clause_words", {})
    if clause.i not in memo:
        memo[clause.i] = tuple((t.lemma_.lower(), t.lower_) for t in clause.subtree if _content(t))
    words: tuple[tuple[str, str], ...] = memo[clause.i]
    return words


def _clause(trigger: Any) -> Any:
    """The token heading the trigger's clause (climbing complements and prepositions)."""
    token = trigger
    for _ in range(4):
        if token.dep_ not in CLAUSE_DEPS or token.head == token:
            break
        token = token.head
    return token


def _governors(trigger: Any) -> list[str]:
    """Modal auxiliaries and the words that govern the trigger ("willing to", "offered to")."""
    found = []
    token = trigger
    for _ in range(3):
        found += [c.lemma_.lower() for c in token.children if c.dep_ == "aux" and c.tag_ == "MD"]
        if token.dep_ not in HEAD_DEPS or token.head == token:
            break
        token = token.head
        found.append(token.lemma_.lower())
    return found


def _child_features(child: Any) -> list[str]:
    lemma, dep = child.lemma_.lower(), child.dep_
    if dep == "prep":
        objects = [c.lemma_.lower() for c in child.children if c.dep_ in ("pobj", "pcomp")]
        return [f"p={lemma}", *(f"pp={lemma}_{o}" for o in objects)]
    if dep == "xcomp":
        feats = [f"x={lemma}", *(f"xlex={r}" for r in lexicon_roots(child))]
        return feats + [f"xo={c.lemma_.lower()}" for c in child.children if c.dep_ == "dobj"]
    if dep in ARG_DEPS:
        return [f"c:{dep}={lemma}"]
    if dep in ("amod", "compound", "auxpass"):
        return [f"m={lemma}"]
    return []


def _relation(span: Any, trigger: Any) -> str:
    """How an argument attaches to the trigger: its dependency, or via a preposition."""
    root = span.root
    for _ in range(4):
        if root.head == trigger:
            return str(root.dep_)
        if root.dep_ == "pobj" and root.head.head == trigger:
            return f"prep_{root.head.lemma_.lower()}"
        if root.head == root:
            break
        root = root.head
    return "far"


def _content(token: Any) -> bool:
    return token.pos_ in ("NOUN", "VERB", "ADJ") and not token.is_stop


def decide(scores: dict[str, float], trigger: Any) -> tuple[str, float]:
    """The label for a trigger: an idiom or event noun decides; else the model's best.

    (Letting the verb lexicon's root overrule a close second lowered PLV macro-F1 in
    cross-validation, 0.743 → 0.733, so the model has the last word.)"""
    gerund = trigger.tag_ == "VBG" and trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
    if gerund and trigger.lower_ in EVENT_NOUNS:
        special: str | None = EVENT_NOUNS[trigger.lower_]  # "Fighting ... kills 40": the noun
    elif trigger.pos_ == "VERB":
        special = idiom(trigger)
    else:
        special = noun_root(trigger)
    if special:
        return plv_label(special), scores.get(plv_label(special), 0.0)
    label, best = max(scores.items(), key=lambda kv: kv[1])
    return label, best


def known_verb(token: Any) -> bool:
    """Whether the verb lexicon lists the verb at all (with or without a default type)."""
    return token.lemma_.lower() in lexicon().verbs or idiom(token) is not None


def learned_trigger(token: Any, weights: dict[str, list[float]] | None = None) -> bool:
    """Whether the model (shipped, or ``weights``) saw this lemma as a trigger in training."""
    return f"t={token.lemma_.lower()}" in (weights if weights is not None else model())


def plv_label(root: str) -> str:
    return "YIELD" if root in ("CONCEDE", "RETREAT") else root


def classify(feats: list[str], weights: dict[str, list[float]] | None = None) -> dict[str, float]:
    """Label → probability under the shipped model (or ``weights``)."""
    weights = weights if weights is not None else model()
    scores = list(weights["<bias>"])
    for feat in set(feats):
        row = weights.get(feat)
        if row is not None:
            scores = [s + w for s, w in zip(scores, row, strict=True)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {label: e / total for label, e in zip(LABELS, exps, strict=True)}


def split_yield(trigger: Any) -> str:
    """RETREAT (release, withdraw, ceasefire, ...) or CONCEDE (other concessions)."""
    words = {trigger.lemma_.lower()} | {c.lemma_.lower() for c in trigger.children}
    if words & RETREAT_WORDS or "RETREAT" in lexicon_roots(trigger):
        return "RETREAT"
    return "CONCEDE"


def cameo(event: str, mode: str | None) -> tuple[str | None, int | None, float | None]:
    """CAMEO code, quad class and Goldstein weight for a PLOVER event and mode."""
    table = lexicon().crosswalk
    code = MODE_CODES.get(mode or "") if event == "ASSAULT" else None
    if code is None and mode:
        code = next(
            (c for c, (e, m, _x) in sorted(table.items()) if e == event and m == mode), None
        )
    code = code or DEFAULT_CODES.get(event)
    if code is None:
        return None, None, None
    root = int(code[:2])
    quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    return code, quad, GOLDSTEIN.get(code[:2])
