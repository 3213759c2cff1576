"""Event arguments: who acted, on whom, where, when and with what, from the dependency parse.

``Mentions`` indexes what earlier stages found (actor, place and weapon mentions, time
expressions) by token, so an argument is "the mentions inside this phrase". Compound actors
stay one list ("Both Germany and the U.S." → [DEU, USA]); a phrase the ``link`` stage did not
code but that names somebody (a proper noun, "police") becomes an uncoded ``Actor``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from wirewatch.records import Actor, ActorMention, PlaceMention, Span, TimeRef, WeaponMention
from wirewatch.stages.link.groups import NON_STATE  # the sectors of armed groups outside the state

SUBJECTS = frozenset({"nsubj", "csubj"})
#: What gives a verb a subject of its own (a passive's too: "they were released").
OWN_SUBJECTS = SUBJECTS | {"nsubjpass", "csubjpass", "expl"}
OBJECTS = frozenset({"dobj", "dative", "nsubjpass", "attr", "oprd"})
TARGET_PREPS = frozenset({"against", "on", "at", "into", "to", "with", "from", "upon", "between"})
LIGHT_VERBS = frozenset(
    {"carry", "undertake", "launch", "conduct", "stage", "hold", "make", "take", "begin"}
    | {"start", "continue", "mount", "announce", "order", "resume", "step", "join", "give"}
    | {"receive", "issue", "impose", "unleash", "intensify", "escalate", "plan", "prepare"}
    | {"renew", "hold", "pass", "adopt"}  # "passed even stricter sanctions"
    | {"raise", "voice", "extend", "file"}  # "raised objections", "extended her remand"
    | {"oversee", "supervise", "guide"}  # "Kim Jong Un oversaw a missile test": his test
    | {"commit", "perpetrate"}  # "gunmen committed arson", "perpetrated a massacre"
    | {"ramp"}  # "ramped up military operations"
    | {"declare", "proclaim"}  # "declared a state of emergency", "declared a ceasefire"
)
AGENT_NOUNS = frozenset(
    {"police", "troops", "forces", "army", "military", "government", "rebels", "militants"}
    | {"protesters", "demonstrators", "soldiers", "officials", "authorities", "militia"}
    | {"fighters", "insurgents", "students", "workers", "activists", "court", "ministry"}
    # doers conflict reports name by what they do: "a mob lynched", "gunmen abducted"
    | {"mob", "crowd", "rioters", "gunmen", "assailants", "attackers", "bandits", "supporters"}
    | {"gang", "gangs", "cartel", "cartels", "militias", "militiamen", "jihadists"}
    | {"gunman", "assailant", "attacker", "bomber", "bombers", "shooter", "shooters"}
    | {"kidnappers", "abductors", "pirates", "raiders", "looters", "poachers", "vigilantes"}
    | {"guerrillas", "terrorists", "extremists", "separatists", "herdsmen", "bandit"}
    | {"volunteers", "combatants", "dissidents"}
    | {"settlers", "tribesmen", "clansmen", "intruders", "assassins", "mercenaries", "snipers"}
    | {"clans", "tribes", "factions"}  # "two clans clashed over grazing land"
    | {"paramilitaries", "smugglers", "traffickers", "hijackers", "arsonists", "kidnapper"}
    | {"guards", "guard"}  # "border guards shot at migrants" (whose: the link stage says)
)
#: Words for people that make them doers when they are armed, masked or unknown ("armed
#: men abducted a pastor", "unidentified individuals set fire to ...").
SOMEBODY = frozenset({"man", "men", "individual", "individuals", "person", "persons", "people"})
UNKNOWN_DOERS = frozenset(
    {"armed", "masked", "hooded", "unidentified", "unknown", "suspected", "uniformed"}
)
#: Groups a place in front names ("the Jalisco cartel", "Kharkiv police", "a Borno militia"):
#: the place's country is theirs.
GROUPS = frozenset(
    {"gang", "gangs", "cartel", "cartels", "militia", "militias", "militiamen", "police"}
    | {"vigilantes", "rebels", "fighters", "militants", "forces", "troops", "authorities"}
)
#: "members of the Jalisco cartel": the group the members belong to is the party.
PARTS = frozenset({"member", "members", "elements", "remnants", "unit", "units"})
#: Words for a body of people that name them by what follows ("a group of health workers",
#: "hundreds of protesters"): the people are the party.
COLLECTIVES = frozenset(
    {"group", "groups", "band", "bands", "crowd", "crowds", "contingent", "squad", "handful"}
    | {"dozens", "hundreds", "thousands", "scores", "number"}
)
#: Modifiers that make a collective a party of its own ("armed groups clashed").
ARMED = frozenset({"armed", "rebel", "militant", "insurgent", "jihadist", "criminal"})
#: Nouns that, before an event noun, say who did it: "a rebel attack", "a police raid".
DOER_MODIFIERS = frozenset(
    {"rebel", "militant", "insurgent", "army", "police", "military", "government", "regime"}
    | {"junta", "jihadist", "gunman", "guerrilla", "terrorist", "militia", "separatist"}
    | {"resistance"}  # "resistance attacks": an armed resistance's (Myanmar's)
)
#: People named by what they are, who are somebody only as doers ("residents protested",
#: "lynched by residents"): as objects they are the bystanders of what others did.
DOER_NOUNS = frozenset(
    {"residents", "villagers", "farmers", "teachers", "traders", "herders", "youths"}
    | {"inhabitants", "locals", "hunters", "fishermen", "herdsmen"}
    | {"doctors", "nurses", "lawyers", "journalists", "unions", "miners", "drivers"}
    | {"thief", "thieves", "robber", "robbers", "suspect", "suspects", "criminals"}
    | {"women", "mothers", "widows"}
)
#: Verbs whose object did what their "for"/"of" phrase tells (the blamed, the praised).
BLAMING = frozenset(
    {"charge", "accuse", "indict", "arrest", "detain", "punish", "blame", "sentence", "convict"}
    | {"condemn", "criticize", "criticise", "praise", "thank", "fine", "sue", "prosecute"}
)
PLACE_MODIFIERS = frozenset({"compound", "amod", "poss", "appos", "conj", "nmod"})
PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
RECIPROCAL = frozenset({"joint", "bilateral", "mutual", "trilateral"})
#: Exercises held by several parties together: each is the others' partner.
EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "wargame"})


@dataclass
class Mentions:
    """What earlier stages found, indexed by token."""

    doc: Any
    text: str
    actors: dict[int, ActorMention] = field(default_factory=dict)
    places: dict[int, PlaceMention] = field(default_factory=dict)
    weapons: dict[int, WeaponMention] = field(default_factory=dict)
    times: dict[int, TimeRef] = field(default_factory=dict)
    ordered_places: list[tuple[int, PlaceMention]] = field(default_factory=list)
    #: Where the article's acts happen when their sentences do not say (``events.places``).
    context: PlaceMention | None = None

    @classmethod
    def build(
        cls,
        doc: Any,
        text: str,
        actors: Sequence[ActorMention],
        places: Sequence[PlaceMention],
        weapons: Sequence[WeaponMention],
        times: Sequence[TimeRef],
    ) -> Mentions:
        found = cls(doc, text)
        body = [p for p in places if p.role == "body"]
        actors = [m for m in actors if m.actor.kind != "person" or not _inside_place(m.span, body)]
        found.actors = _by_token(doc, ((m.span, m) for m in actors))
        found.places = _by_token(doc, ((p.span, p) for p in body))
        found.weapons = _by_token(doc, ((w.span, w) for w in weapons))
        found.times = _by_token(doc, ((t.span, t) for t in times if t.span is not None))
        starts = {id(p): i for i, p in sorted(found.places.items(), reverse=True)}
        found.ordered_places = sorted((i, p) for p in body if (i := starts.get(id(p))) is not None)
        return found

    def span(self, start_char: int, end_char: int) -> Span:
        return Span(start=start_char, end=end_char, text=self.text[start_char:end_char])

    def token_span(self, tokens: Sequence[Any]) -> Span:
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        return self.span(start, end)


#: Verbs "to death" follows without anybody dying yet: a sentence, a condemnation.
SENTENCING = frozenset({"sentence", "condemn"})


def to_death(verb: Any) -> bool:
    """ "beat to death", "shot to death": harm that killed (not "sentenced to death")."""
    if verb.lemma_.lower() in SENTENCING:
        return False
    preps = (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to")
    return any(o.lemma_.lower() == "death" for p in preps for o in p.children)


def _inside_place(span: Span, places: Sequence[PlaceMention]) -> bool:
    """A person's name inside a longer place name is part of it, no party: "Ismail Khan" of
    the town of Dera Ismail Khan, "Ho Chi Minh" of Ho Chi Minh City."""
    return any(
        p.span.start <= span.start and span.end <= p.span.end and p.span.text != span.text
        for p in places
    )


def _by_token(doc: Any, items: Iterable[tuple[Span, Any]]) -> dict[int, Any]:
    index: dict[int, Any] = {}
    for span, item in items:
        found = doc.char_span(span.start, span.end, alignment_mode="expand")
        for token in found or ():
            index.setdefault(token.i, item)
    return index


# --- who -------------------------------------------------------------------------------


#: Nouns for people: violence that befalls them is a happening though no party is named
#: ("they murder a man in a bar", "gunmen kidnapped five brothers").
PEOPLE = frozenset(
    {"man", "woman", "child", "boy", "girl", "person", "people", "civilian", "resident"}
    | {"villager", "soldier", "officer", "policeman", "policemen", "police", "troop", "fighter"}
    | {"gendarme", "sailor", "airman", "marine", "conscript", "recruit", "reservist", "ranger"}
    | {"militant", "rebel", "insurgent", "student", "journalist", "worker", "farmer", "family"}
    | {"brother", "sister", "son", "daughter", "father", "mother", "teenager", "youth", "member"}
    | {"prisoner", "hostage", "protester", "demonstrator", "official", "leader", "commander"}
    | {"guard", "driver", "passenger", "priest", "teacher", "doctor", "nurse", "refugee"}
    | {"migrant", "trader", "merchant", "herder", "miner", "serviceman", "servicemen", "militia"}
    | {"militiaman", "militiamen", "gunman", "gunmen", "suspect", "victim", "pupil", "wife"}
    | {"thief", "robber", "criminal", "chief", "elder", "worshipper", "pastor", "imam", "cleric"}
    | {"activist", "lawmaker", "councillor", "candidate", "voter", "patient", "shepherd"}
    | {"fisherman", "motorist", "husband", "baby", "infant", "relative", "neighbour", "neighbor"}
    | {"hunter", "herdsman", "herdsmen"}
    | {"schoolgirl", "schoolboy", "captive", "detainee", "abductee", "cousin", "uncle", "aunt"}
    | {"nephew", "niece", "grandson", "granddaughter", "grandfather", "grandmother", "friend"}
    | {"colleague", "spouse", "grandchild", "bystander", "hostage-taker", "employee", "staffer"}
    | {"vendor", "seller", "shopkeeper", "customer", "owner", "tenant", "landlord", "trucker"}
    | {"idp", "idps", "evacuee", "returnee", "pensioner", "veteran", "widow", "orphan"}
    | {"bandit", "kidnapper", "gangster", "attacker", "assailant", "pirate", "poacher"}
    | {"smuggler", "trafficker", "combatant", "guerrilla", "mercenary", "infiltrator"}
    | {"sniper", "bomber", "vigilante", "terrorist", "jihadi", "mujahid", "paramilitary"}
)


#: Pronouns that stand for people.
PERSONAL = frozenset({"he", "him", "she", "her", "they", "them", "i", "me", "we", "us", "you"})
#: Words that end like a word for people and are not ("a specimen", "the checklist").
NOT_PEOPLE = frozenset(
    {"omen", "abdomen", "specimen", "regimen", "acumen", "bitumen", "stamen"}
    | {"checklist", "playlist", "blacklist", "whitelist", "shortlist", "longlist", "wishlist"}
    | {"watchlist", "waitlist", "hitlist"}
)


#: Nouns that count what a harm befalls, which are then people: "dozens killed".
COUNTED = frozenset({"dozen", "score", "hundred", "thousand"})


def aged(token: Any) -> bool:
    """ "a 16-year-old", "two 70-year-olds": somebody named by their age."""
    return token.lower_ in ("old", "olds") and any(
        c.lemma_.lower() in ("year", "month") for c in token.children
    )


def person(token: Any) -> bool:
    """Whether a noun or pronoun stands for people (as what a harm befalls): a listed word, a
    personal pronoun, a number or "dozens", a name the parser knows for a person's, or a
    word made for people by its ending: "-ist" (motorcyclist, separatist, journalist), a
    compound in "-man"/"-men" (tribesman, cameraman, kinsmen) or "-ian" (politician,
    pedestrian, technician)."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in PEOPLE or lower in PEOPLE or aged(token):
        return True
    if token.pos_ == "PRON":
        return lower in PERSONAL
    if token.pos_ == "NUM" or (token.pos_ == "NOUN" and lemma in COUNTED):
        return True  # "4 executed in Zamora", "dozens killed": who is counted is people
    if token.ent_type_ == "PERSON":
        return True
    if token.pos_ != "NOUN" or lower in NOT_PEOPLE:
        return False
    if lemma.endswith("ist") and len(lemma) >= 7:
        return True
    if lower.endswith(("man", "men")) and len(lower) >= 6:
        return True
    return lemma.endswith("ian") and len(lemma) >= 7


def people_suffer(trigger: Any) -> bool:
    """Whether the trigger's victims are people: its object, its passive subject, or the
    subject of a headline passive ("two men shot dead", "a man is found dead")."""
    return any(person(v) for v in patients(trigger))


#: Act nouns whose possessor undergoes the act ("her remand", "Navalny's arrest"), unless an
#: "of" names who does ("Israel's killing of a farmer").
UNDERGONE_NOUNS = frozenset(
    {"arrest", "detention", "remand", "abduction", "kidnapping", "killing", "murder", "death"}
    | {"assassination", "execution", "imprisonment", "torture", "rape", "extradition"}
    | {"deportation", "beheading", "lynching", "jailing", "sentencing", "conviction"}
)


#: Nouns of judging somebody, whose "of" names who is judged ("criticism of China").
JUDGED = frozenset({"criticism", "condemnation", "denunciation", "praise"})


def patients(verb: Any) -> list[Any]:
    """Who or what a verb befalls: its object, its passive subject, the subject of a
    headline passive, or the noun a passive participle describes ("two bodies found")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not found and verb.pos_ == "VERB":
        found += _shared_object(verb)  # "beat and detained a journalist": both befall him
    if verb.pos_ == "NOUN" and verb.lemma_.lower() in UNDERGONE_NOUNS:
        owners = [c for c in verb.children if c.dep_ == "poss"]
        found += owners or of_objects(verb)  # "her remand", "the killing of a farmer"
    if headline_passive(verb):
        found += [c for c in verb.children if c.dep_ == "nsubj"]
    shared = patient_of(verb) if verb.pos_ == "VERB" and not found else None
    if shared is not None:
        found.append(shared)  # "he was out and is shot to death": the subject it shares
    described = (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "NUM")
    )
    if described and not any(c.dep_ == "dobj" for c in verb.children):  # not "strikes killed 18"
        found.append(verb.head)
    return found


def _shared_object(verb: Any) -> list[Any]:
    """The object of the verb right after "and" that a verb without its own shares ("the
    Taliban beat and detained a journalist")."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].lower_ != "and":
        return []
    after = doc[verb.i + 2]
    if after.dep_ != "conj" or after.head != verb or after.pos_ != "VERB":
        return []
    return [c for c in after.children if c.dep_ == "dobj"]


def signed(verb: Any, child: Any) -> bool:
    """ "Civilian killed in shelling - DPR": who tells a headline, after a dash at its end, is
    no object of its verb (the parser makes it one)."""
    sent = verb.sent
    if child.i < verb.i or child.right_edge.i < sent.end - 2:
        return False
    dash = next((t for t in verb.doc[verb.i + 1 : child.left_edge.i] if t.text in DASHES), None)
    return dash is not None and child.left_edge.i - dash.i == 1


DASHES = frozenset({"-", "–", "—", "--"})


def headline_passive(verb: Any) -> bool:
    """ "One civilian killed in rebel attack", "Five soldiers shot dead": a headline's passive
    without its auxiliary, which the parser reads as an active verb with its victims as
    subject (a past-tense verb with no object and no auxiliary, not an intransitive one)."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBN", "VBD"):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    # (a clause before the subject is no content of the verb: "EU leaders meet as shelling
    # worsens, one soldier killed" tells a headline's clauses in a row, none of them said)
    if any(
        c.dep_ in ("dobj", "aux", "auxpass", "dative", "ccomp", "xcomp")
        and not signed(verb, c)
        and not (c.dep_ == "ccomp" and c.i < subjects[0].i)
        for c in verb.children
    ):
        return False
    if misread_object(verb) is not None:
        return False  # "missiles killed at least 12 people queuing": its object, misread
    if any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in verb.children):
        return False  # "police shot and killed a man": the second verb's object is the victim
    lemma = verb.lemma_.lower()
    if any(
        c.dep_ == "prep"
        and c.lower_ in ("at", "on", "upon")
        and any(o.dep_ == "pobj" and (lemma in AIMING or person(o)) for o in c.children)
        for c in verb.children
    ):
        return False  # "the national guard shot at migrants", "a group fired on a patrol":
        # aimed at people or at what they are in, an active verb
    if lemma in GATHERING or lemma in FIGHTING:
        return False  # "200 farmers protested", "soldiers and bandits clashed": they did it
    return lemma not in UNDERGONE and (verb.tag_ == "VBN" or lemma in DONE_TO)


#: Verbs of shooting, which name what they are aimed at with "at" or "on".
AIMING = frozenset({"fire", "shoot"})
#: Verbs of fighting one another, whose subject does them ("soldiers and bandits clashed").
FIGHTING = frozenset({"clash", "fight", "battle", "skirmish"})
#: Verbs of people acting together, whose subject does them and never undergoes them.
GATHERING = frozenset(
    {"protest", "demonstrate", "rally", "march", "riot", "gather", "picket", "strike"}
)


def _harmed_noun(verb: Any) -> Any:
    """The noun a harm participle describes ("Over 200 junta soldiers killed in ...",
    "civilians wounded by shelling"): its victims, not its doers; None otherwise."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.lemma_.lower() not in DONE_TO:
        return None
    if any(c.dep_ == "dobj" for c in verb.children) or misread_object(verb) is not None:
        return None  # "air strikes killed 18 people": a main verb the parser hung on its subject
    return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None


def misread_object(verb: Any) -> Any:
    """The object of a verb of harm that the parser took for the subject of a bare "-ing"
    verb right after it ("airstrikes killed at least 20 people sheltering in a school": the
    people, not people who were sheltering as a clause of their own); None otherwise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DONE_TO or verb.tag_ not in PAST:
        return None
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children):
        return None
    for token in verb.doc[verb.i + 1 : verb.i + 8]:
        if token.dep_ == "nsubj" and token.pos_ == "NOUN" and person(token):
            participle = token.head
            bare = participle.tag_ == "VBG" and participle.i == token.i + 1
            if bare and not any(c.dep_ in ("aux", "auxpass") for c in participle.children):
                return token
            return None
        if token.pos_ not in ("ADV", "NUM", "ADJ", "DET", "ADP") and token.lower_ != "least":
            return None
    return None


PAST = frozenset({"VBD", "VBN"})


#: Verbs a headline drops "were" before, read as past tense by the parser: "Five soldiers
#: killed", "Two journalists detained". (Others count only when tagged as participles.)
DONE_TO = frozenset(
    {"kill", "wound", "injure", "shoot", "murder", "execute", "behead", "abduct", "kidnap"}
    | {"arrest", "detain", "capture", "hurt", "stab", "lynch", "massacre", "slaughter"}
)


#: Verbs whose subject undergoes them: "20 people died", "six went missing".
UNDERGONE = frozenset({"die", "dead", "missing", "flee", "perish", "drown", "starve"})


def undergone(verb: Any) -> bool:
    """Whether the verb's subject suffers it ("two soldiers died"): nobody named does it."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in UNDERGONE


def phrase_actors(head: Any, found: Mentions, doer: bool = False) -> tuple[list[Actor], list[Span]]:
    """The actors named in the phrase headed by ``head`` (nested clauses left out; for a
    ``doer``, what an act noun is aimed at too: "a rocket attack on Kabul airport kills two"
    is no act of Afghanistan's)."""
    if head.pos_ == "PRON":
        mention = antecedent(head, found)
        if mention is None and (speaker := _reporting_self(head)) is not None:
            return phrase_actors(speaker, found, doer)  # "rebels said they shot down ..."
        return ([mention.actor], [mention.span]) if mention is not None else ([], [])
    named = _group_told_before(head, found)
    if named is not None:  # "... ambushed a convoy. The group claimed to have killed 20"
        return [named.actor], [found.token_span([t for t in head.subtree if t.dep_ != "punct"])]
    if head.lower_ in PARTS | COLLECTIVES:  # "members of the Jalisco cartel": the cartel
        whole = next(iter(of_objects(head)), None)
        if whole is not None and whole.pos_ in ("NOUN", "PROPN"):
            return phrase_actors(whole, found, doer)
    tokens = list(_phrase(head, AIMED if doer else frozenset()))  # nor what the doer defies
    actors: list[Actor] = []
    spans: list[Span] = []
    placed = {id(found.actors[t.i]) for t in tokens if t.i in found.places and t.i in found.actors}
    for token in tokens:
        mention = found.actors.get(token.i)
        if mention is not None and mention.actor.code is None and id(mention) in placed:
            continue  # a name spaCy took for somebody that the place stage resolved: a place
        if mention is not None and mention.actor.code is None and _dwelt_in(token, head):
            continue  # "residents of Cidade de Deus": where they live, not who they are
        site = _site_named(_last_of(token, mention, found)) if mention is not None else None
        if (
            mention is not None
            and site is not None
            and (mention.actor.code is None or site.lemma_.lower() in ROADS)
        ):
            continue  # "blocked the Pan-American highway": a road's name, nobody's
        if mention is not None and _backer(token, mention, found):
            continue  # "Iran-backed Houthi rebels": the backer is not among the doers
        if mention is not None and mention.actor.kind != "igo" and _related_to(token):
            continue  # "the Trump ally", "a Kremlin critic": whom the head is related to
        if mention is not None and mention.actor not in actors:
            actors.append(mention.actor)
            spans.append(mention.span)
    if actors:  # "HTS and Turkish-backed factions": both sides, the uncoded one by its words
        covered = frozenset(i for s in spans for i in range(s.start, s.end))
        more, more_spans = _parties(head, tokens, found, covered)
        return [*actors, *more], [*spans, *more_spans]
    if any(t.i in found.weapons or t.i in found.times for t in tokens):
        return actors, spans
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    mention = antecedent(owner, found) if owner is not None else None
    if mention is not None:  # "its forces", "their troops": the owner's
        return [mention.actor], [found.token_span(_naming(tokens, head))]
    near = [head, *(t for c in head.children if c.dep_ in PLACE_MODIFIERS for t in c.subtree)]
    places = [found.places[t.i] for t in near if t.i in found.places]
    if any(t.i in found.places for t in tokens):
        countries = _countries(places)
        group = None if countries else _placed_group(head, tokens, found)
        if group is not None:
            return [group[0]], [group[1]]
        if countries or head.i in found.places or not _names_somebody(head):
            return countries, [p.span for p in places if _country(p)][:1]
        # "Protesters in Belgrade": the protesters, without the place they are in; "herders
        # and farmers in Bankass": both
        kept = [head, *(t for c in head.lefts for t in c.subtree)]
        for conj in (c for c in head.children if c.dep_ in ("conj", "cc")):
            kept += [conj, *(t for c in conj.lefts for t in c.subtree)]
        tokens = sorted(kept, key=lambda t: t.i)
    if _party_named(head, head):
        return _parties(head, tokens, found)
    return actors, spans


#: People named by where they live: "residents of X", "the inhabitants of X".
DWELLERS = frozenset({"resident", "inhabitant", "villager", "local", "dweller", "native"})


def _dwelt_in(token: Any, head: Any) -> bool:
    """Whether ``token`` lies in the "of" phrase of a head naming people by where they live
    (a name the link stage could not code there is a place's: "residents of Cidade de Deus")."""
    if head.lemma_.lower() not in DWELLERS:
        return False
    places = (o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj")  # fmt: skip
    return any(o.left_edge.i <= token.i <= o.right_edge.i for o in places)


def _parties(
    head: Any, tokens: Sequence[Any], found: Mentions, covered: frozenset[int] | None = None
) -> tuple[list[Actor], list[Span]]:
    """An uncoded actor for each party the phrase names; beside coded mentions (the
    characters ``covered``), only the common nouns none of them covers (a name the link stage
    could not code is no sure party)."""
    actors: list[Actor] = []
    spans: list[Span] = []
    for party, words_ in _each_party(head, tokens):
        if covered is not None and (
            any(t.idx in covered for t in words_)
            or party.pos_ != "NOUN"
            or not _party_named(party, head)
        ):
            continue
        span = found.token_span(_naming(words_, party))
        actors.append(_uncoded(party, span.text))
        spans.append(span)
    return actors, spans


#: Nouns for a part of a group, which name a party with the word before them ("gang
#: members", "Turkish-backed factions").
MEMBER_NOUNS = frozenset({"member", "faction", "element", "unit", "loyalist", "affiliate"})


def _party_named(party: Any, head: Any) -> bool:
    if _names_somebody(party) or (party.lower_ in DOER_NOUNS and _as_doer(head)):
        return True
    return party.lemma_.lower() in MEMBER_NOUNS and any(
        c.dep_ in ("compound", "amod") and _group_word(c) for c in party.children
    )


def _group_word(word: Any) -> bool:
    """A word before "members" that names an armed or organised group ("gang", "militia",
    "Turkish-backed"), not kin or a crew ("family members", "crew members")."""
    lower = word.lower_
    return (
        lower in GROUPS
        or lower in AGENT_NOUNS
        or lower + "s" in AGENT_NOUNS
        or (word.tag_ == "VBN" and word.lower_ in BACKING)
    )


def _each_party(head: Any, tokens: Sequence[Any]) -> list[tuple[Any, list[Any]]]:
    """The parties a phrase names, each with its words: "herders and farmers", "Kuki
    militants and Meitei volunteers" are two doers, not one (a conjunct that names nobody,
    "men and weapons", stays in the head's words)."""
    own = list(tokens)
    parts: list[tuple[Any, list[Any]]] = []
    conjuncts = (c for c in head.children if c.dep_ == "conj" and c in tokens)
    sides = _between(head)  # "between herders and Dogon hunters": two sides, whatever they are
    for conj in (c for c in conjuncts if c.pos_ in ("NOUN", "PROPN")):
        named = _party_named(conj, head) or (person(conj) and _party_named(head, head))
        if not (named or sides):
            continue  # (beside a party, people are a party: "three soldiers and a police
            # officer were killed")
        inner = set(conj.subtree)
        own = [t for t in own if t not in inner]
        parts.extend(_each_party(conj, [t for t in tokens if t in inner]))
    return [(head, own), *parts]


def _between(head: Any) -> bool:
    """Whether a noun is the object of "between" (its conjuncts are the other sides)."""
    return bool(head.dep_ == "pobj" and head.head.lower_ == "between")


#: Nouns that name somebody by another party they relate to ("a Trump ally", "Russia's
#: neighbour", "a Kremlin critic"): that party, named before them, is not who they are.
RELATIONS = frozenset(
    {"ally", "partner", "rival", "enemy", "foe", "neighbour", "neighbor", "critic", "opponent"}
    | {"adversary", "friend", "backer", "patron", "proxy", "client", "detractor"}
)


#: Roads, which the towns they join name ("the Abuja-Kaduna highway"): nobody's.
ROADS = frozenset(
    {"road", "highway", "route", "expressway", "freeway", "motorway", "railway", "corridor"}
)


def _last_of(token: Any, mention: Any, found: Mentions) -> Any:
    """The last word of the mention ``token`` starts ("the Abuja-Kaduna": "Kaduna")."""
    doc = token.doc
    while token.i + 1 < len(doc) and found.actors.get(token.i + 1) is mention:
        token = doc[token.i + 1]
    return token


def _site_named(token: Any) -> Any:
    """The site noun a name in front of it names ("Ben Gurion airport", "the Abuja-Kaduna
    highway"): the noun, else None."""
    while token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head != token:
        token = token.head  # up the name to its last word
    site = token.head
    named = token.dep_ in ("compound", "amod", "nmod") and site != token
    return site if named and site.pos_ == "NOUN" and site.lemma_.lower() in SITES else None


def _related_to(token: Any) -> bool:
    """Whether a name only says whom the noun it modifies relates to ("the on-again,
    off-again Trump ally": China, not the United States; "Russia's allies"). An adjective
    says what they are ("Western allies": the West), and an alliance's allies are its
    members (the caller keeps "NATO allies")."""
    name = token
    while name.dep_ in ("compound", "flat") and name.head.pos_ == "PROPN" and name.head != name:
        name = name.head  # up the name ("Donald Trump") to its last word
    return name.dep_ in ("compound", "poss", "nmod") and name.head.lemma_.lower() in RELATIONS


#: Participles after a hyphened name that make its bearer a backer, not a party ("Iran-backed").
BACKING = frozenset({"backed", "funded", "sponsored", "supported", "armed", "trained", "aligned"})


def _backer(token: Any, mention: Any, found: Mentions) -> bool:
    doc = token.doc
    last = token
    while last.i + 1 < len(doc) and found.actors.get(last.i + 1) is mention:
        last = doc[last.i + 1]  # "United States-backed": the name's last word
    token, end = last, last.i + 1
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not token.whitespace_
        and doc[end + 1].lower_ in BACKING
    )


def of_objects(noun: Any) -> list[Any]:
    """The objects of a noun's "of" phrases: "men" of "the bodies of six men"."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj"]  # fmt: skip


def _naming(tokens: Sequence[Any], head: Any) -> list[Any]:
    """The words of a phrase that name its party (no punctuation, conjunction or article, nor
    the result of the verb the parser hung on it: "dead" of "shot dead two protesters")."""
    where = {w.i for c in head.children if _locative(c) or _cause(c) for w in c.subtree}
    kept = [t for t in tokens if (t.dep_ not in ("punct", "cc", "det") or t == head)]
    kept = [t for t in kept if t.i not in where]  # "herders in Bankass": where, not who
    ordered = sorted(kept, key=lambda t: t.i)
    if len(ordered) > 2 and ordered[0].lower_ in RESULTS and ordered[1].like_num:
        kept = [t for t in kept if t != ordered[0]]
    return kept


def _locative(word: Any) -> bool:
    """A phrase that says which named place its head is in ("in Bankass"); "men in military
    uniforms" are who they are by theirs."""
    if word.dep_ != "prep" or word.lower_ not in LOCATIVE:
        return False
    return any(
        o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "LOC", "FAC"))
        for o in word.children
    )


LOCATIVE = frozenset({"in", "near", "around"})  # not "at": "students at Ankara University"


def _cause(word: Any) -> bool:
    """What a fight is over, which the parser hung on a side "between" whom it is ("clashes
    between two clans over grazing land"): no part of the side's name."""
    if word.dep_ != "prep" or word.lower_ != "over" or not _between(word.head):
        return False
    return bool(word.head.head.head.lemma_.lower() in FIGHTS)


#: What a verb of harm leaves its victims, said right after it: "shot dead", "burned alive".
RESULTS = frozenset({"dead", "alive"})


def _placed_group(head: Any, tokens: Sequence[Any], found: Mentions) -> tuple[Actor, Span] | None:
    """ "The Jalisco cartel", "Kharkiv police": a group named by a place in front of it
    belongs to that place's country (the group and the span naming it; None otherwise)."""
    if head.lower_ not in GROUPS and head.lower_ not in PARTS:
        return None
    fronts = [t for c in head.children if c.dep_ in ("compound", "amod") for t in c.subtree]
    for child in fronts:  # "Amhara militia members": the place may stand before a group word
        mention = found.places.get(child.i)
        if mention is not None and mention.place is not None and mention.place.country:
            span = found.token_span(_naming(tokens, head))
            return Actor(code=mention.place.country, name=span.text, kind="group"), span
    return None


def _country(place: PlaceMention) -> bool:
    return place.place is not None and place.place.feature == "country"


def _countries(places: Sequence[PlaceMention]) -> list[Actor]:
    """A country named as a target ("attacks on Ukraine") stands for the state."""
    for mention in places:
        if _country(mention) and mention.place is not None:
            name = mention.span.text
            return [Actor(code=mention.place.country, name=name, kind="state")]
    return []


def antecedent(pronoun: Any, found: Mentions) -> ActorMention | None:
    """A pronoun's actor: the nearest subject named before it in its sentence that fits
    ("he"/"she" a person; "it" not a person), as in "Hungary said it will support".
    Mentions the link stage made of the pronoun itself come first."""
    own = found.actors.get(pronoun.i)
    if own is not None:
        return own
    word = pronoun.lower_
    person = word in ("he", "she", "him", "her", "his")
    start = pronoun.sent.start
    doc = pronoun.doc
    opening = all(t.is_space or t.is_punct for t in doc[start : pronoun.i])
    while opening and start > 0:  # "It accused Beijing ...": the last sentence's (past a
        start = doc[start - 1].sent.start  # line break, a quote mark left as a sentence)
        opening = all(t.is_space or t.is_punct for t in doc[start : pronoun.i])
    for i in range(pronoun.i - 1, start - 1, -1):
        mention = found.actors.get(i)
        if mention is None:
            continue
        is_person = mention.actor.kind == "person"
        titled = is_person and _titled_subject(pronoun.doc[i])
        if not (_in_subject(pronoun.doc[i]) or titled):
            continue
        if (person and is_person) or (word in ("it", "its") and not is_person) or word in PLURAL:
            return mention
    return None


#: Words by which a text names again an armed group it has named: "the group", "the militia".
GROUP_ANAPHORS = frozenset({"group", "militia", "movement", "outfit", "faction", "organisation"})
GROUP_ANAPHORS |= {"organization", "insurgency", "jihadists", "insurgents", "rebels", "militants"}


def _group_told_before(head: Any, found: Mentions) -> ActorMention | None:
    """The armed group a bare "the group" (or "the militia", "the rebels") names again: the
    last one named in the sentence before or earlier in its own ("Al Shabaab ambushed a
    convoy. The group claimed to have killed 20 soldiers")."""
    if head.lower_ not in GROUP_ANAPHORS or head.i in found.actors:
        return None
    words = [c for c in head.children if c.dep_ != "punct"]
    if len(words) != 1 or words[0].lower_ != "the":
        return None
    sent = head.sent
    start = head.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(head.i - 1, start - 1, -1):
        mention = found.actors.get(i)
        if mention is not None and mention.actor.sector in NON_STATE and mention.actor.code:
            return mention
    return None


def _reporting_self(pronoun: Any) -> Any:
    """The plural subject that says "they" of itself: in "Kachin rebels say they shot down a
    helicopter" the rebels report their own act (the clause's subject, a plural noun)."""
    if pronoun.lower_ not in ("they", "we") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head == clause:
        return None
    said = clause.head
    subject = next((c for c in said.children if c.dep_ == "nsubj"), None)
    plural = subject is not None and subject.tag_ in ("NNS", "NNPS")
    return subject if plural and said.lemma_.lower() in REPORTING else None


def _in_subject(token: Any) -> bool:
    """Whether a token is (part of) a clause's subject: "Hungary", "Fijian rebels"."""
    for candidate in (token, token.head):
        if candidate.dep_ in ("nsubj", "nsubjpass") or (
            candidate.dep_ == "conj" and candidate.head.dep_ in ("nsubj", "nsubjpass")
        ):
            return True
    return False


def _titled_subject(token: Any) -> bool:
    """A person named at the end of a subject's title ("First Deputy Chairman of the Federation
    Council's Defense Committee Franz Klintsevich warned"): the title's holder is the subject.
    Only names under "of" phrases of a titled subject count, not clauses."""
    while token.dep_ in ("pobj", "prep", "compound", "appos") and token.head != token:
        token = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "PROPN":
            return True
    return False


def _phrase(head: Any, left_out: frozenset[str] = frozenset()) -> Iterable[Any]:
    """The head's subtree without relative clauses, appositive clauses or verb phrases (nor
    the head's own prepositional phrases ``left_out`` names)."""
    yield head
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "ccomp", "appos"):
            continue
        if child.dep_ == "prep" and child.lower_ in left_out:
            continue
        if child.dep_ == "prep" and any(_flouted(o) for o in child.children):
            continue  # "launches against UN resolutions": the UN is no party to them
        if _sent_away(child):
            continue  # "expelled the French ambassador from Niamey": where he was sent from
        yield from _phrase(child)


#: What an act is aimed at: "an attack on", "strikes against".
AIMED = frozenset({"on", "against", "upon"})


#: Places and positions: where an attack lands ("fired at a village"), what a capture takes
#: ("captured the town": no victim), a site that kills nobody itself ("an attack on a post
#: that killed 15": the attack did).
SITES = frozenset(
    {"city", "town", "village", "base", "position", "area", "neighbourhood", "neighborhood"}
    | {"district", "camp", "airport", "port", "building", "school", "hospital", "market"}
    | {"hill", "territory", "bridge", "road", "highway", "checkpoint", "post", "outpost"}
    | {"mosque", "church", "convoy", "station", "compound"}
)
#: Words that make a name a place's ("Kherson city", "Imo state"), not somebody's.
PLACE_WORDS = frozenset(
    {"city", "town", "village", "region", "province", "district", "oblast", "area", "capital"}
    | {"county", "governorate", "township", "state", "camp", "neighbourhood", "neighborhood"}
)


def _names_somebody(head: Any) -> bool:
    if head.pos_ == "PRON" or head.lower_ in PLACE_WORDS:
        return False
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if head.lower_ in DOER_NOUNS:
        return _as_doer(head)
    if head.lemma_.lower() == "group" and any(c.lower_ in ARMED for c in head.children):
        return True  # "rival armed groups clashed"
    if head.lower_ == "resistance":  # "the resistance attacked", not "antibiotic resistance"
        named = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
        plain = all(c.lower_ in ARMED or c.lower_ in ("local", "popular") for c in named)
        # as a doer only: a plan "met resistance" met nobody
        return plain and (_as_doer(head) or head.dep_ == "compound")
    if head.lower_ in SOMEBODY and any(_armed_mark(c) for c in head.children):
        return True  # "armed men abducted a pastor", "men on motorbikes shot ..."
    return head.pos_ == "PROPN" or head.lower_ in AGENT_NOUNS


def _as_doer(head: Any) -> bool:
    """Whether a noun stands where a doer stands: subject, after "by", or as a side
    "between" which something happens ("clashes between herders and farmers": both fight)."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in COLLECTIVES:
        head = head.head.head  # "hundreds of women marched": where the count stands
    return bool(
        head.dep_ == "nsubj"
        or (head.dep_ == "pobj" and head.head.lower_ == "by")
        or _between(head)
        or _relative_doer(head)
    )


def _relative_doer(head: Any) -> bool:
    """A noun a relative clause makes the subject of its verb: "teachers who were marching"."""
    clauses = (c for c in head.children if c.dep_ == "relcl")
    return any(_antecedent(s, c) == head for c in clauses for s in c.children if s.dep_ == "nsubj")


#: What gunmen ride: "men on motorbikes", "two men on a motorcycle".
RIDDEN = frozenset({"motorcycle", "motorcycles", "motorbike", "motorbikes", "bike", "bikes"})


def _armed_mark(word: Any) -> bool:
    """A word that makes people doers: "armed", "unidentified", "on motorbikes"."""
    if word.lower_ in UNKNOWN_DOERS:
        return True
    if word.dep_ != "prep":
        return False
    if word.lower_ == "in":  # "men in military uniforms"
        return any(t.lemma_.lower() in ("uniform", "fatigue", "camouflage") for t in word.subtree)
    return word.lower_ == "on" and any(t.lower_ in RIDDEN for t in word.subtree)


def _uncoded(head: Any, name: str) -> Actor:
    kinds = {"PERSON": "person", "GPE": "state", "ORG": "org", "NORP": "group"}
    return Actor(code=None, name=name, kind=kinds.get(head.ent_type_, "group"))


#: Counts and amounts a thing falls to ("prices fell to a record low"): no taker.
NUMERIC = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME", "ORDINAL"})


def fallen_to(verb: Any) -> Any:
    """The taker in "X fell to Y": a place or post taken ("Kabul fell to the Taliban",
    "junta outposts fall to Karenni resistance") or people harmed ("villagers fall victim to
    regime forces"); None for anything else that falls ("prices fell to a low")."""
    if verb.lemma_.lower() != "fall" or verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    victim = any(c.lemma_.lower() == "victim" for c in verb.children if c.dep_ in OBJECTS)
    site = subject.lemma_.lower() in SITES | PLACE_WORDS or subject.ent_type_ in ("GPE", "LOC")
    if not (victim or site):
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"):
        for obj in prep.children:
            if obj.dep_ == "pcomp":  # "to marauding regime forces": the parser's verb
                obj = next((c for c in obj.children if c.dep_ == "dobj"), obj)
            if obj.pos_ in ("NOUN", "PROPN") and not obj.like_num and obj.ent_type_ not in NUMERIC:
                return obj
    return None


def lost_to(verb: Any) -> Any:
    """The taker in "X lost Y to Z", Y a place or a post ("the rebels lost the town of Mbres
    to government forces": the forces took it); None for anything else lost ("lost the
    election to", "lost its lead to")."""
    if verb.lemma_.lower() != "lose" or verb.pos_ != "VERB":
        return None
    lost = [c for c in verb.children if c.dep_ == "dobj"]
    held = [
        g for o in lost if o.lemma_.lower() == "control" for g in prep_objects(o, ("of", "over"))
    ]
    places = any(o.lemma_.lower() in SITES | PLACE_WORDS or o.ent_type_ in ("GPE", "LOC", "FAC")
                 for o in lost + held)  # fmt: skip
    if not places and not any(o.pos_ == "PROPN" for o in held):  # "lost control of Kidal"
        return None
    takers = [o for o in prep_objects(verb, ("to",)) if o.pos_ in ("NOUN", "PROPN")]
    return next((o for o in takers if _is_actor_word(o) or o.lemma_.lower() in ARMED_SIDES), None)


#: Nouns for an armed side, which can take ground and be driven from it.
ARMED_SIDES = frozenset(
    {"rebel", "militant", "fighter", "insurgent", "jihadist", "militia", "militiaman", "enemy"}
    | {"troop", "soldier", "force", "army", "gunman", "terrorist", "separatist"}
)


def attempt_of(noun: Any) -> Any:
    """The "attempt" a noun says the kind of ("an infiltration attempt"), else None."""
    head = noun.head
    return head if noun.dep_ == "compound" and head.lemma_.lower() == "attempt" else None


def by_agent(word: Any) -> Any:
    """The doer a "by" phrase on ``word`` names ("killed by gunmen", "fired by militants")."""
    source = fired_from(word)
    if source is not None:
        return source
    attempt = attempt_of(word)  # "an infiltration attempt by Taliban fighters"
    holders = [word] if attempt is None else [word, attempt]
    by = (
        c for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
    )
    return next((o for p in by for o in p.children if o.dep_ == "pobj"), None)


def fired_from(word: Any) -> Any:
    """Who fired the fire a harm is told to come by: "killed by sniper fire from HTS
    fighters", "wounded by shelling from Russian forces" (None when not told so)."""
    by = [c for c in word.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"]
    fired = [o for p in by for o in p.children if o.dep_ in ("pobj", "pcomp")
             and o.lemma_.lower() in FIRE]  # fmt: skip
    if not fired:
        return None
    # the parser hangs "from HTS fighters" on the fire or on the verb
    holders = [*fired, word]
    sources = (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in SOURCES)
    return next((o for p in sources for o in p.children if o.dep_ == "pobj"), None)


SOURCES = frozenset({"from", "by"})


#: Fire and strikes, whose "from" or "by" phrase names who fired ("killed by sniper fire from
#: HTS fighters", "wounded by shelling by the army").
FIRE = frozenset(
    {"fire", "gunfire", "shelling", "shot", "bullet", "strike", "airstrike", "rocket", "shell"}
    | {"missile", "mortar", "bombardment", "barrage", "salvo", "volley"}
)


def _sharing(trigger: Any) -> Iterator[Any]:
    """The later verbs the trigger shares its subject with: "was lynched and burned by a mob
    on 4 May" (one doer's string of acts, its doer and day told once, after the last)."""
    for verb in trigger.conjuncts:
        if verb.i > trigger.i and verb.pos_ == "VERB" and not _own_subject(verb):
            yield verb


def _shared_agent(trigger: Any) -> Any:
    """The "by" doer of a later verb the trigger shares its subject with."""
    return next((found for v in _sharing(trigger) if (found := by_agent(v)) is not None), None)


def _own_subject(verb: Any) -> bool:
    return any(c.dep_ in OWN_SUBJECTS for c in verb.children)


def subject_of(trigger: Any) -> Any:
    """The token that heads the trigger's doer, following the grammar up if need be."""
    taker = fallen_to(trigger) or lost_to(trigger)
    if taker is not None:
        return taker  # "Kabul fell to the Taliban": the Taliban took it
    if undergone(trigger) or headline_passive(trigger) or _harmed_noun(trigger) is not None:
        # "Five soldiers killed by ...", "DPR serviceman wounded in shelling by Ukrainian
        # troops", "two soldiers died": who suffered it is named; the doer only after "by"
        found = by_agent(trigger)
        if found is None:
            found = _shared_agent(trigger)
        return found if found is not None else fought_with(trigger)
    lends = _lends_subject(trigger)
    subjects = [c for c in trigger.children if c.dep_ in SUBJECTS]
    if len(subjects) > 1 and not lends and all(c.i < trigger.i for c in subjects):
        # "The paramilitary Rapid Support Forces shelled": the parser split one noun phrase
        # into two subjects; its head is the one next to the verb, unless the first ends in a
        # preposition the second completes ("FARC dissidents of the Estado Mayor Central")
        first, last = subjects[-2], subjects[-1]
        dangling = any(c.dep_ == "prep" and not any(c.children) and c.i + 1 == last.left_edge.i
                       for c in first.children)  # fmt: skip
        return first if dangling else last
    for child in trigger.children:
        if child.dep_ in SUBJECTS and not lends:
            return _antecedent(child, trigger)
        if child.dep_ == "agent":
            return by_agent(trigger)  # (who fired the fire it came by, if told)
    if trigger.pos_ in ("NOUN", "PROPN"):
        return noun_doer(trigger)
    if trigger.tag_ == "VBG" and any(
        c.dep_ == "amod" and c.i < trigger.i for c in trigger.children
    ):
        return noun_doer(trigger)  # "Ukrainian shelling left ...": a noun the parser read as a verb
    hidden = _relative_subject(trigger)
    if hidden is not None:
        return hidden
    if not lends:  # the parser hung the subject on the auxiliary: "Egypt [and Qatar] are mediating"
        auxiliaries = (c for c in trigger.children if c.dep_ == "aux" and c.i < trigger.i)
        for aux in auxiliaries:
            found = next((c for c in aux.children if c.dep_ == "nsubj"), None)
            if found is not None:
                return found
    if trigger.tag_ == "VBG":  # a gerund as a noun: "killed in shelling by the army"
        doer = by_agent(trigger)
        if doer is not None:
            return doer
    if passive(trigger) and (source := fired_from(trigger)) is not None:
        return source  # "were wounded by shelling from Russian forces"
    if passive(trigger) and (shared := _shared_agent(trigger)) is not None:
        return shared
    if passive(trigger):
        # "after being indicted": who is above is who suffers it; "killed in an encounter
        # with security forces": the other side did it
        return fought_with(trigger)
    return _inherited_subject(trigger)


#: Ways, and the verbs that tell where a way goes ("a road that leads to Tuxtla", "the
#: highway linking Kabul and Kandahar", "the route runs through Bakhmut").
WAYS = frozenset(
    {"road", "highway", "motorway", "route", "path", "track", "trail", "street", "avenue"}
    | {"bridge", "railway", "railroad", "pipeline", "corridor", "tunnel", "canal", "border"}
)
ROUTING = frozenset({"lead", "link", "connect", "join", "run", "go", "pass", "stretch", "reach"})


def way(verb: Any) -> bool:
    """Whether a verb tells where a way goes: its subject, or the noun its clause describes,
    is a road, a bridge or a pipeline."""
    if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in WAYS:
        return True
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in WAYS for c in verb.children)


#: Fights and operations in which people are killed by the other side, named after "with".
FIGHTS = frozenset(
    {"encounter", "clash", "fighting", "gunfight", "shootout", "exchange", "battle", "firefight"}
    | {"skirmish", "confrontation", "operation", "raid", "crossfire"}
)


def fought_with(verb: Any) -> Any:
    """Who killed or wounded people "in an encounter with security forces", "in clashes with
    the army", "during an operation by the police": the other side of the fight (None when
    the harm is told otherwise)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for fight in (c for c in prep.children if c.lemma_.lower() in FIGHTS):
            for side in (c for c in fight.children if c.dep_ == "prep"):
                if side.lower_ in ("with", "by"):
                    return next((o for o in side.children if o.dep_ == "pobj"), None)
    return None


def _antecedent(subject: Any, verb: Any) -> Any:
    """Who a relative pronoun subject stands for in a clause that says which ones: "teachers
    who were marching" (the teachers); any other subject is itself. A clause after a comma
    only tells more of someone already named ("Jaber, who stood by the road"): background."""
    if subject.tag_ not in ("WP", "WDT") or verb.dep_ != "relcl" or verb.head.pos_ not in NOMINAL:
        return subject
    restrictive = subject.i > 0 and subject.doc[subject.i - 1].text not in (",", "—", "–", "(")
    return verb.head if restrictive else subject


NOMINAL = frozenset({"NOUN", "PROPN"})


def _relative_subject(verb: Any) -> Any:
    """ "the 18 drones Russia launched overnight": a relative clause without "that", which the
    parser reads as a name in apposition and a clause of its own; the name is its subject."""
    if verb.dep_ not in ("advcl", "relcl", "acl") or verb.i == 0 or verb.tag_ != "VBD":
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ == "appos" and before.pos_ == "PROPN" and before.head.pos_ == "NOUN":
        return before
    return None


def passive(verb: Any) -> bool:
    """Whether a verb is passive ("was charged", "after being indicted")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)


def patient_of(verb: Any) -> Any:
    """Who a passive verb with no subject of its own happens to: the subject it takes from
    the clause above ("a girl could face prison after being indicted": the girl)."""
    if not passive(verb) or any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    return _inherited_subject(verb)


def _inherited_subject(trigger: Any) -> Any:
    head, dep = trigger.head, trigger.dep_
    if head == trigger:
        return None
    described = reduced_relative(trigger)
    if described is not None and trigger.tag_ == "VBG":
        return described  # "the Kremlin's troops amassing": the troops amass
    stolen = _stolen_subject(trigger)
    if stolen is not None:
        return stolen
    if dep == "xcomp":  # "authorized Ukraine to hit": object control, else subject control
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
        return objects[0] if objects else subject_of(head)
    if dep == "conj" and _speakers_conjunct(trigger):
        return subject_of(head.head)  # "the ministry said X had intruded and urged Manila"
    if dep in ("conj", "advcl"):
        return subject_of(head)
    if dep in ("relcl", "acl"):
        return head
    if dep == "pcomp" and head.dep_ == "prep":
        blamed = _blamed(head)
        return blamed if blamed is not None else subject_of(head.head)
    return None


#: Speech acts a reporting subject goes on to make after what it reports.
SPEECH_ACTS = frozenset(
    {"urge", "call", "demand", "ask", "warn", "vow", "pledge", "promise", "accuse", "deny"}
    | {"reject", "condemn", "insist", "threaten", "appeal", "criticize", "criticise", "add"}
)


def _speakers_conjunct(verb: Any) -> bool:
    """ "China's ministry said the vessel had intruded and urged Manila to stop": a speech act
    joined to the reported clause is the reporter's next act (the parser hangs it on the
    reported verb), unless the reported clause's own subject is a speaker too."""
    head = verb.head
    return (
        verb.lemma_.lower() in SPEECH_ACTS
        and head.dep_ == "ccomp"
        and head.head.lemma_.lower() in REPORTING
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def reduced_relative(verb: Any) -> Any:
    """The noun a bare participle right after it describes ("the Kremlin's troops amassing on
    the border" = troops that are amassing; "protesters demanding reforms"), which the parser
    often hangs on the clause's verb instead; None when ``verb`` is no such participle."""
    if verb.tag_ not in ("VBG", "VBN") or verb.dep_ not in ("advcl", "acl") or verb.i == 0:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ not in ("pobj", "dobj"):
        return None
    return before if verb.dep_ == "advcl" or verb.head == before else None


def _blamed(prep: Any) -> Any:
    """Who is charged, blamed or thanked "for" (or accused "of") doing something: the doer
    of that deed ("charged her for slapping", "Tamimi was indicted for assaulting")."""
    verb = prep.head
    if prep.lower_ == "for" and verb.pos_ == "ADJ" and verb.lemma_.lower() in FEELING:
        # "disappointed in China for selling oil", "angry with Kyiv for striking": China sells
        return next((o for c in verb.children if c.dep_ == "prep" and c.lower_ in FELT_AT
                     for o in c.children if o.dep_ == "pobj"), None)  # fmt: skip
    if prep.lower_ not in ("for", "of") or verb.lemma_.lower() not in BLAMING:
        return None
    blamed = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return blamed if blamed is not None else patient_of(verb)  # "after being indicted for"


#: Feelings somebody has about another's deed, and the words that name that other.
FEELING = frozenset(
    {"disappointed", "angry", "furious", "upset", "frustrated", "grateful", "thankful"}
)
FELT_AT = frozenset({"in", "with", "at", "to"})


def _lends_subject(verb: Any) -> bool:
    """Whether an infinitive holds the subject of a later finite verb (see _stolen_subject)."""
    if verb.dep_ not in ("ccomp", "conj") or not _infinitive(verb):
        return False
    later = [s for s in verb.head.children if s.i > verb.i and s.dep_ == verb.dep_]
    return any(_stolen_subject(s) is not None for s in later)


def _infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _stolen_subject(verb: Any) -> Any:
    """ "the policy calling on Ukraine not to use ... has not changed": the parser gives the
    subject to the infinitive before the finite verb; give it back."""
    if verb.dep_ not in ("ccomp", "conj") or not any(c.dep_ == "aux" for c in verb.children):
        return None
    if _infinitive(verb) or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    for sibling in verb.head.children:
        if sibling.i < verb.i and sibling.dep_ == verb.dep_ and _infinitive(sibling):
            return next((c for c in sibling.children if c.dep_ in SUBJECTS), None)
    return None


#: Weapons written in capitals, which the parser takes for names: "an IED attack".
ARMS_ABBREVIATIONS = frozenset({"ied", "ieds", "vbied", "svbied", "rpg", "uav", "uavs", "atgm"})


def noun_doer(noun: Any) -> Any:
    """ "Russia's onslaught", "a Russian onslaught", "attacks by Russia", "Ukraine undertook
    an operation" (the light verb's subject)."""
    undergone = noun.lemma_.lower() in UNDERGONE_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children
    )  # "Navalny's arrest": who was arrested, not who arrested
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and not undergone:
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    for child in noun.children:
        if child.dep_ == "amod" and child.lemma_.lower() == "lead":  # "Saudi-led airstrikes"
            leader = next((c for c in child.children if _is_actor_word(c)), None)
            if leader is not None:
                return leader
        if child.dep_ in ("amod", "compound"):
            modifiers = [child, *(c for c in child.children if c.dep_ == "compound")]
            for word in modifiers:  # "a Russian onslaught", "a rebel attack", "an army drone
                if word.lower_ in ARMS_ABBREVIATIONS:  # strike"; "an IED attack": no doer
                    continue
                if _is_actor_word(word) or _doer_noun(word):
                    return word
    if attempt_of(noun) is not None:
        tried = by_agent(noun)  # "an infiltration attempt by Taliban fighters"
        if tried is not None:
            return tried
    claimer = _claimer(noun) or _laid_to(noun) or _fighting_side(noun)
    if claimer is not None:
        return claimer
    verb = light_verb(noun)
    return subject_of(verb) if verb is not None else None


#: Prepositions that tell a fight as the setting of another act ("after clashes with").
AROUND = frozenset({"after", "following", "during", "amid", "in"})


#: Verbs of taking ground (``types.takes_ground`` decides whether ground is what is taken).
TAKING = frozenset({"capture", "recapture", "seize", "overrun", "retake", "storm", "take"})
#: Prepositions that put a fight before the act it won: "took the town after clashes".
WON_AFTER = frozenset({"after", "following"})


def fight_won(verb: Any) -> Any:
    """The fight after which a verb of taking took its ground ("M23 seized Rubaya after
    heavy fighting with the Wazalendo"): the fight noun, else None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TAKING:
        return None
    preps = (c for c in verb.children if c.dep_ == "prep" and c.lower_ in WON_AFTER)
    fights = (o for p in preps for o in p.children if o.dep_ == "pobj")
    return next((o for o in fights if o.lemma_.lower() in FIGHTS), None)


#: Verbs that say what a vehicle carries ("a car carrying three commanders"), and what carries:
#: a strike on a car carrying people strikes them.
LADEN = frozenset({"carry", "transport", "ferry", "bear", "haul", "tow"})
CARRIERS = frozenset(
    {"vehicle", "car", "truck", "bus", "convoy", "boat", "motorcycle", "pickup", "minibus"}
)


def _carried(target: Any) -> list[Any]:
    """The people a struck vehicle carried: "a vehicle carrying AQAP members"."""
    if target.lemma_.lower() not in CARRIERS:
        return []
    clauses = (c for c in target.children if c.dep_ == "acl" and c.lemma_.lower() in LADEN)
    return [o for c in clauses for o in c.children if o.dep_ == "dobj" and person(o)]


def taken_from(verb: Any, taken: Any) -> list[Any]:
    """Whom a verb of taking took its object from, when the parser hangs the "from" on the
    object ("retook the town of Mbres from the rebels"): the side that lost it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TAKING or taken.dep_ != "dobj":
        return []
    return prep_objects(taken, ("from",))


def _fighting_side(noun: Any) -> Any:
    """ "M23 took Kitshanga after clashes with the army": who fights "with" the other side is
    the armed subject of the act the fight is told around (not of a passive: "soldiers were
    killed in clashes with rebels" names the rebels as the killers, ``fought_with``)."""
    if noun.lemma_.lower() not in FIGHTS or noun.dep_ != "pobj":
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
        return None
    prep = noun.head
    verb = prep.head
    if prep.lower_ not in AROUND or verb.pos_ != "VERB" or passive(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    armed = subject is not None and (_is_actor_word(subject) or subject.lower_ in AGENT_NOUNS)
    return subject if armed else None


def _claimer(noun: Any) -> Any:
    """ "JNIM claimed responsibility for an attack", "Islamic State claimed the attack": who
    claims an act did it."""
    prep = noun.head
    if noun.dep_ == "dobj" and prep.lemma_.lower() == "claim":
        verb = prep
    elif (
        noun.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.head.lemma_.lower() == "responsibility"
    ):
        verb = prep.head.head
    else:
        return None
    if verb.lemma_.lower() not in ("claim", "take", "accept", "admit"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


#: Participles that lay an act to its doer: "an attack attributed to the RSF", "a bombing
#: blamed on al-Shabaab", "a raid claimed by JNIM".
LAYING = {"attribute": "to", "blame": "on", "claim": "by", "ascribe": "to"}


def _laid_to(noun: Any) -> Any:
    for participle in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        word = LAYING.get(participle.lemma_.lower())
        for prep in (c for c in participle.children if c.dep_ in ("prep", "agent")):
            if prep.lower_ == word:
                return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def _doer_noun(word: Any) -> bool:
    """A noun before an event noun that says who did it ("rebel", "police"; not the adjective
    of "a military drill")."""
    return word.dep_ == "compound" and word.pos_ == "NOUN" and word.lemma_.lower() in DOER_MODIFIERS


def light_verb(noun: Any) -> Any:
    """The light verb a noun is the object of ("carried out missile and drone attacks")."""
    first = noun
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ == "dobj" and first.head.lemma_.lower() in LIGHT_VERBS:
        return first.head
    on = first.head
    if first.dep_ == "pobj" and on.lower_ == "on" and on.head.lemma_.lower() in GOING_ON:
        return on.head  # "taxi drivers went on strike", "guards remain on strike"
    return None


#: Verbs that put their subject on an action told by a noun after "on": "went on strike".
GOING_ON = frozenset({"go", "be", "remain", "stay", "come", "continue"})


def _is_actor_word(token: Any) -> bool:
    return token.ent_type_ in ("NORP", "GPE", "ORG") or token.pos_ == "PROPN"


def recipients_of(trigger: Any, subject: Any) -> list[Any]:
    """Heads of the phrases the trigger acts on: objects and prepositional targets."""
    if fallen_to(trigger) is not None:  # what fell, not whom it fell to
        return [c for c in trigger.children if c.dep_ == "nsubj"]
    if lost_to(trigger) is not None:  # who lost the town, not the town
        return [c for c in trigger.children if c.dep_ == "nsubj"]
    heads: list[Any] = []
    for child in trigger.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "sent missiles to Russia"
            heads.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in OBJECTS and child != subject and not signed(trigger, child):
            heads.append(child)
            heads.extend(prep_objects(child, ("to", "against", "into")))
            heads.extend(taken_from(trigger, child))  # "took the town of Mbres from the rebels"
            heads.extend(_carried(child))  # "targeted a vehicle carrying AQAP members"
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS and not _sent_away(child):
            heads.extend(c for c in child.children if c.dep_ == "pobj" and not _flouted(c))
    verb = light_verb(trigger) if trigger.pos_ == "NOUN" else None
    if verb is not None:
        heads.extend(recipients_of(verb, subject))  # "carried out attacks on Ukraine"
    heads.extend(o for p in _erupted(trigger) for o in p.children if o.dep_ == "pobj")
    fight = fight_won(trigger)
    if fight is not None:  # "took the town after clashes with the army": taken from the army
        heads.extend(prep_objects(fight, ("with", "against")))
    patient = patient_of(trigger) if trigger.pos_ == "VERB" else None
    if patient is not None:
        heads.append(patient)
    if trigger.pos_ == "NOUN" and trigger.lemma_.lower() in UNDERGONE_NOUNS:
        heads.extend(patients(trigger))  # "Navalny's arrest", "the killing of two soldiers"
    if trigger.pos_ == "NOUN" and trigger.lemma_.lower() in JUDGED:
        heads.extend(of_objects(trigger))  # "Trump's criticism of China"
    if undergone(trigger) or headline_passive(trigger):  # "200 junta soldiers killed", "died"
        heads.extend(c for c in trigger.children if c.dep_ == "nsubj")
    harmed = _harmed_noun(trigger)
    if harmed is not None:
        heads.append(harmed)
    heads.extend(v for p in _results(trigger) for v in p.children if v.dep_ == "dobj")
    misread = misread_object(trigger)
    if misread is not None:
        heads.append(misread)
    if not heads and trigger.pos_ == "VERB":  # "demanded that the United States cancel"
        clauses = [c for c in trigger.children if c.dep_ == "ccomp"]
        heads.extend(s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass"))
    return [h for h in heads if h != trigger]


#: Verbs of sending people away, whose "from" names where they were sent from.
SENDING_AWAY = frozenset({"expel", "deport", "evict", "banish", "extradite", "oust"})


def _sent_away(prep: Any) -> bool:
    """ "from" on a verb of sending away or on its object ("expelled the French ambassador
    from Niamey"; the parser hangs it on either): where from, not whom the act befell."""
    if prep.dep_ != "prep" or prep.lower_ != "from":
        return False
    sender = prep.head.head if prep.head.dep_ == "dobj" else prep.head
    return bool(sender.lemma_.lower() in SENDING_AWAY)


#: Verbs of harm whose "-ing" clause tells what an act did to whom.
HARMING = frozenset({"kill", "wound", "injure", "hurt", "maim"})


def _results(verb: Any) -> list[Any]:
    """The harm an act's "-ing" clause tells it did ("attacked a checkpoint, killing three
    policemen and wounding two"): whom it harmed is whom it hit."""
    if verb.pos_ != "VERB":
        return []
    found = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    found += [c for f in found for c in f.children if c.dep_ == "conj" and c.tag_ == "VBG"]
    return [f for f in found if f.lemma_.lower() in HARMING and not _own_subject(f)]


#: Rules and wishes an act goes against: "launches against UN Security Council resolutions"
#: defy the resolutions; they target nobody of the body that passed them.
NORMS = frozenset(
    {"resolution", "law", "norm", "regulation", "convention", "charter", "principle", "treaty"}
    | {"will", "wish", "advice", "instruction", "warning", "agreement"}
)  # ("rule" and "order" are also who rules: "protests against Morsi's rule")


def _flouted(noun: Any) -> bool:
    """Whether an "against" object is a rule or wish defied, not a target."""
    return noun.head.lower_ == "against" and noun.lemma_.lower() in NORMS


def prep_objects(head: Any, preps: tuple[str, ...]) -> list[Any]:
    """The objects of the head's prepositions among ``preps``: "sent missiles to Russia" (the
    object's own "to" phrase names the recipient), "an attack on a patrol"."""
    out: list[Any] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj" and not _flouted(c))
    return out


def reciprocal(trigger: Any, subject: Any = None) -> bool:
    """ "joint exercises with Russia": the partner acts too; so do the parties of a doerless
    "fighting between the army and the RSF" ("mediating between" them is the mediator's)."""
    if any(c.dep_ == "amod" and c.lower_ in RECIPROCAL for c in trigger.children):
        return True
    if trigger.lemma_.lower() in EXERCISES and subject is not None:
        return any(c.dep_ == "conj" for c in subject.children)  # "a drill by the US and Seoul"
    if trigger.lemma_.lower() in FIGHTING and subject is not None and trigger.pos_ == "VERB":
        # "the army and the RSF clashed": each fought the other (not "... clashed with X",
        # nor "... fought the rebels")
        aimed = any(
            c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ not in SETTING)
            for c in trigger.children
        )
        return not aimed and (any(c.dep_ == "conj" for c in subject.children) or rivals(subject))
    return subject is None and bool(_betweens(trigger))


def _betweens(trigger: Any) -> list[Any]:
    return [
        c
        for c in (*trigger.children, *_erupted(trigger))
        if c.dep_ == "prep" and c.lower_ == "between"
    ]


def among_themselves(trigger: Any, subject: Any) -> bool:
    """A fight of one plural side among itself: "clan militias clashed", "clashes between
    two clans"."""
    if subject is not None and rivals(subject):
        return True
    sides = [o for p in _betweens(trigger) for o in p.children if o.dep_ == "pobj"]
    return (
        len(sides) == 1
        and rivals(sides[0])
        and not any(c.dep_ == "conj" for c in sides[0].children)
    )


#: Bodies of which several can fight one another: "clan militias clashed" (among
#: themselves), unlike "protesters clashed" (with someone left unsaid).
RIVAL_BODIES = frozenset(
    {"militia", "group", "clan", "faction", "gang", "tribe", "community", "cartel", "sect"}
)


def rivals(subject: Any) -> bool:
    """A plural subject of bodies that fight among themselves: "clan militias", "two clans",
    "rival gangs"."""
    if subject.tag_ not in ("NNS", "NNPS"):
        return False
    rival = any(c.dep_ == "amod" and c.lower_ == "rival" for c in subject.children)
    return rival or subject.lemma_.lower() in RIVAL_BODIES


#: Prepositions that set an act in place or time, aiming it at nobody.
SETTING = frozenset(
    {"in", "on", "at", "near", "around", "inside", "outside", "for", "during", "after", "before"}
    | {"since", "until", "over", "across", "along", "throughout"}
)

#: Verbs a fight is said to break out by: "clashes erupted between X and Y".
ERUPTING = frozenset({"erupt", "break", "flare", "occur", "rage", "resume", "escalate"})


def _erupted(noun: Any) -> list[Any]:
    """The "between" phrases of the verb an act noun breaks out by ("clashes erupted between
    SNA factions and the SDF"): the noun's own parties."""
    verb = noun.head
    gerund = noun.tag_ == "VBG"  # "fighting erupted between ..."
    if (noun.pos_ != "NOUN" and not gerund) or noun.dep_ != "nsubj":
        return []
    if verb.lemma_.lower() not in ERUPTING:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"]


# --- when ------------------------------------------------------------------------------


def date_of(trigger: Any, found: Mentions) -> TimeRef | None:
    """The time expression governing the trigger: its own, else its governors' (up to the
    sentence root, without entering other branches); a date given in brackets right after it
    says which day it is ("today (Thursday 19/7/2012)")."""
    ref = _governing_date(trigger, found)
    return _restated(ref, found) if ref is not None else None


def _restated(ref: TimeRef, found: Mentions) -> TimeRef:
    """The day-precise date in brackets right after ``ref`` ("today (19/7/2012)"), else it."""
    if ref.span is None:
        return ref
    rest = found.text[ref.span.end : ref.span.end + 40]
    opened = re.match(r"\s*\(", rest)
    if opened is None or ")" not in rest:
        return ref
    start, end = ref.span.end + opened.end(), ref.span.end + rest.index(")")
    inside = [
        t for t in found.times.values()
        if t.span is not None and start <= t.span.start and t.span.end <= end
    ]  # fmt: skip
    dates = [(t.span.start, t.span.end) for t in inside if t.span is not None]
    for word in re.finditer(r"[^\W\d_]+", found.text[start:end]):
        at = start + word.start()
        if word.group().lower() not in WEEKDAYS and not any(s <= at < e for s, e in dates):
            return ref  # "5 May (as reported on 8 May)": the day of a report, not the act's
    return next((t for t in inside if t.value and t.precision == "day"), ref)


#: Words a bracket that restates a day may hold beside the date ("today (Thursday 19/7)").
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
)


def _governing_date(trigger: Any, found: Mentions) -> TimeRef | None:
    token = trigger
    for _ in range(6):
        own = _own_time(token, found)
        if own is None and token is trigger:
            own = _shared_time(trigger, found)
        if own is not None:
            return own
        if token.head == token:
            break
        if _other_happening(token) or _reacted_to(token, trigger):
            return None
        if _reported(token):
            break  # "X killed 25 soldiers, sources said on Sunday": Sunday is the saying's
        if _doing_meanwhile(token):
            token = token.head  # "supporters protesting the arrest set fire to ...": the
            # protest goes on as its doers act, so the act's time is the protest's
        token = token.head
    return _sentence_date(trigger, found)


def _doing_meanwhile(token: Any) -> bool:
    """A present participle telling what the subject of a verb was doing ("PTI supporters
    protesting the arrest set fire ..."): the verb's time is its time too."""
    subject = token.head
    return bool(
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and subject.dep_ in ("nsubj", "nsubjpass")
        and subject.head.pos_ in ("VERB", "AUX")
    )


def _shared_time(trigger: Any, found: Mentions) -> TimeRef | None:
    """The time of a later verb the trigger shares its subject with."""
    if trigger.pos_ != "VERB":
        return None
    return next((t for v in _sharing(trigger) if (t := _own_time(v, found)) is not None), None)


#: Verbs that report what their clause tells: their time is the report's, not the deed's.
REPORTING = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "write", "note", "claim", "allege"}
)


def _reported(token: Any) -> bool:
    """Whether ``token`` heads the content of a report ("..., officials said on Sunday")."""
    return token.dep_ in ("ccomp", "parataxis") and token.head.lemma_.lower() in REPORTING


def _reacted_to(token: Any, trigger: Any) -> bool:
    """ "condemned the killings on Wednesday": the event noun is what a reaction is about;
    the reaction's day is not the killings'."""
    return (
        token is trigger
        and token.dep_ == "dobj"
        and token.pos_ == "NOUN"
        and token.head.lemma_.lower() in REACTIONS
    )


def _sentence_date(trigger: Any, found: Mentions) -> TimeRef | None:
    """A date that opens the sentence ("On 3 July, ...; police fired tear gas"): it scopes
    over every clause of it, the ones after a semicolon too."""
    sent = trigger.sent
    for token in sent[:4]:
        ref = found.times.get(token.i)
        if ref is not None and ref.value and ref.precision in ("day", "interval"):
            return ref
    return None


#: Verbs whose subject's time is theirs: the happening takes place, or does its harm.
HAPPENING_VERBS = frozenset(
    {"happen", "occur", "take", "come", "unfold", "erupt", "begin", "start", "end", "continue"}
    | {"kill", "wound", "injure", "hurt", "destroy", "damage", "hit", "strike", "leave", "claim"}
    | {"cause", "result", "inflict"}  # "an explosion on 9 May caused the death of two"
    | {"break", "flare", "rage", "resume", "ensue"}  # "clashes broke out on 17 June"
    | {"disperse", "suppress", "repress", "crush", "quell"}  # "a march was dispersed on 3 May"
    | {"report", "record", "observe", "hear", "register"}  # "On 4 May, shelling was reported"
)


#: Verbs that tell a tally changing: their time is the count's ("the toll rose to six
#: Friday, with more than 100 wounded in the assault"), not the happening's.
TALLY_VERBS = frozenset(
    {"rise", "climb", "mount", "reach", "jump", "increase", "grow", "stand", "top", "surpass"}
)


#: Verbs that react to a happening told as their object: their time is the reaction's.
REACTIONS = frozenset(
    {"condemn", "denounce", "deny", "welcome", "praise", "criticize", "criticise", "confirm"}
    | {"investigate", "probe", "blame", "mourn", "deplore", "protest"}
)


def _other_happening(token: Any) -> bool:
    """Whether climbing from ``token`` to its head leaves its happening: a subject of a verb
    that tells something else about it ("the death toll from the bombing rose Friday": the
    rise is Friday's, not the bombing's), or anything under a tally's change."""
    head = token.head
    if head.lemma_.lower() in TALLY_VERBS:
        return True
    if earlier_deed(token):
        return True  # "indicted on Monday for attacking the soldiers": the attack came before
    if token.dep_ not in ("nsubj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
        return False
    return head.lemma_.lower() not in HAPPENING_VERBS


#: Prepositions that give a gerund as the reason for an act ("arrested for stealing",
#: "sentenced over attacking"): the reason is an earlier happening.
REASONS = frozenset({"for", "over"})


def earlier_deed(token: Any) -> bool:
    """Whether ``token`` is a deed given as the reason for an act ("detained for protesting")
    or what a reaction is about ("staged a sit-in to protest the abduction of their
    husbands"): it came before, on a day the sentence does not give."""
    reason = token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ in REASONS
    return reason or _reacted_to(token, token) or _grievance(token)


#: Acts of protest done over something: "blocked roads over the killing of a motorcyclist".
PROTESTING = GATHERING | {"block", "barricade", "shut", "close", "boycott", "demonstration"}


def _grievance(token: Any) -> bool:
    """An event noun a protest is over or against ("blocked roads in Kisumu over the killing
    of a motorcyclist"): what people protest came before, on a day not given."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in ("over", "against"):
        return False
    return token.head.head.lemma_.lower() in PROTESTING


def _own_time(token: Any, found: Mentions) -> TimeRef | None:
    """The time its own phrases give; a report's date ("As reported on 14 May, ...") only
    when no phrase dates the act itself ("... abducted a teacher on 10 May")."""
    reported = [c for c in token.children if _as_reported(c)]
    own = [c for c in token.children if (c.dep_ in TIME_DEPS or _starting(c)) and not _ranked(c)]
    for child in (*[c for c in own if c not in reported], *reported):
        for sub in child.subtree:
            if sub.i in found.times and not _clause_boundary(sub, child):
                return found.times[sub.i]
    return None


TIME_DEPS = frozenset({"npadvmod", "advmod", "tmod", "nmod", "prep"})


def _ranked(phrase: Any) -> bool:
    """The stretch an act is ranked over ("the deadliest attack since 2015", "the worst
    violence in years"): a comparison, not the act's own time."""
    if phrase.dep_ != "prep" or phrase.lower_ not in ("since", "in", "for"):
        return False
    head = phrase.head  # the act's noun, or the verb it is the object of ("launched the
    # biggest offensive since 2019")
    ranked = [head, *(c for c in head.children if c.dep_ == "dobj")]
    return any(c.dep_ == "amod" and c.tag_ == "JJS" for n in ranked for c in n.children)


#: Verbs of a report whose date a conflict note gives for its event: "As reported on 1 May,
#: militants attacked ..." (ACLED's convention: the event took place by that day).
REPORTED = frozenset({"report", "announce", "confirm", "say", "state", "claim"})


def _starting(clause: Any) -> bool:
    """ "starting this month", "beginning on Monday": the act's own time."""
    return clause.dep_ == "advcl" and clause.lemma_.lower() in ("start", "begin")


def _as_reported(clause: Any) -> bool:
    """ "As reported on 1 May, ...": the report's date dates the act it reports."""
    if clause.dep_ != "advcl" or clause.lemma_.lower() not in REPORTED:
        return False
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children)


def _clause_boundary(token: Any, stop: Any) -> bool:
    """Whether a verb clause lies between ``token`` and ``stop`` (its time is another event's),
    or what an act answers ("in response to Pyongyang's missile test Nov. 29": the test's)."""
    while token != stop and token.head != token:
        if token.dep_ in ("relcl", "acl", "advcl", "ccomp") and token.pos_ == "VERB":
            return token.lemma_.lower() not in ("start", "begin", "end", "last")
        answered = token.dep_ == "pobj" and token.head.lower_ in ("to", "for")
        if answered and token.head.head.lemma_.lower() in ANSWERS:
            return True
        token = token.head
    return False


#: Nouns of an act done in answer to another, whose object is that other act.
ANSWERS = frozenset(
    {"response", "retaliation", "reaction", "reply", "answer", "reprisal", "revenge"}
    | {"payback", "retribution"}
)


def publication_date(published: dt.date | None) -> TimeRef | None:
    """The fallback date: the publication day, marked as such (precision "publication")."""
    if published is None:
        return None
    day = published.isoformat()
    return TimeRef(value=day, precision="publication", text="", anchor=day, span=None)


# --- with what -------------------------------------------------------------------------


#: Dependents that open a clause of their own: what is inside belongs to another event.
CLAUSES = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis", "csubj"})


def own_clause(head: Any) -> list[Any]:
    """The head and its dependents, without the clauses that hang from it."""
    out = [head]
    for child in head.children:
        if child.dep_ not in CLAUSES:
            out.extend(own_clause(child))
    return out


def weapons_in(tokens: Iterable[Any], found: Mentions) -> tuple[WeaponMention, ...]:
    seen: list[WeaponMention] = []
    for token in tokens:
        mention = found.weapons.get(token.i)
        if mention is not None and mention not in seen:
            seen.append(mention)
    return tuple(seen)
