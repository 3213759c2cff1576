"""Events: PLOVER 2.0 events with actors, place, date, toll, weapons, polarity and modality.

For every sentence of the parsed article:

1. candidate triggers: verbs the PETRARCH/CAMEO lexicon or an idiom types ("slammed into",
   "gave ... a green light"), and event nouns ("onslaught", "exercises", "operation"); a light
   verb ("carried out attacks") hands over to its noun; reporting verbs are the quotes stage's.
2. the type: the logistic-regression typer of ``types`` (trained on PLV by
   ``tools/build/events.py``); YIELD is split into CONCEDE and RETREAT.
3. two rules for what reported speech does (``speech``): a speaker saying somebody "will
   receive a devastating response" THREATENs them (the saying, actual) and the response is an
   ASSAULT of modality "threatened"; a speaker saying somebody "should allow" or "must be
   allowed to" REQUESTs it (the events inside get modality "requested").
4. arguments from the grammar and the earlier stages' mentions (``args``): actor and
   recipient lists, the governing date (else the publication date, with precision
   "publication"), weapons; the event's own place (``places``); the toll (``tolls``);
   polarity and modality (``modality``); CAMEO code, quad class and Goldstein weight via the
   crosswalk.

5. one record per happening (``coref``): the events that tell one happening become one
   event with every mention; then an attack with no target named targets the state of its
   place.

An event needs a doer or a target, except a violent one with a toll or a place ("three
civilians were killed in Baghdad"): a trigger with neither is dropped. Generic nouns ("the
war") are never triggers, and a happening as subject ("the prospect raised alarms", "the death
toll from a Taliban bombing rose", "the incident, which sparked ...") is no doer.
A toll participle ("slammed into ..., killing at least six") is the toll of its ASSAULT.

Nothing invented: no event is made of a chance or an opportunity given ("offering Ukraine a
chance of ..."), a threat posed ("posing threats to Ukraine"), a motive ("to support its war
effort", "aimed at discouraging"), a capacity ("its potential to hit targets"), a role held
("acted as a neutral intermediary"), a change with no object ("the Taliban have
strengthened"), or a verb tag in a noun's place ("opposes missile launches"). Goods traded
(oil, fuel) are COOPERATE, arms given AID; released names or statements free nobody.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from wirewatch.isodates import days
from wirewatch.pipeline import Stage
from wirewatch.records import (
    STATE_SECTORS,
    Actor,
    Article,
    Count,
    Event,
    EventMention,
    PlaceMention,
    Span,
    TextInfo,
    TimeRef,
)
from wirewatch.settings import Settings
from wirewatch.stages.events import args as event_args
from wirewatch.stages.events import blame, coref, modality, places, tolls
from wirewatch.stages.events import speech as event_speech
from wirewatch.stages.events import types as event_types
from wirewatch.stages.events.args import Mentions
from wirewatch.stages.events.speech import Draft
from wirewatch.stages.link import forces
from wirewatch.stages.link.actors import local_body

VERSION = "1"


@dataclass(frozen=True, slots=True)
class Floors:
    """The typer's "no event" decision: the least probability a type needs, when a lexicon or
    idiom backs the trigger and when only the learned model does."""

    backed: float = 0.2
    learned: float = 0.3
    #: When the model's weak best is a type no lexicon backs, the backed type it ranks lower
    #: still stands at this probability ("police raided a house": COERCE 0.20, ASSAULT 0.18).
    rescue: float = 0.15


FLOORS = Floors()
NOT_EVENTS = frozenset(
    {"accord", "be", "have", "do", "get", "seem", "remain", "become", "play", "include"}
    | {"come", "go", "appear", "know", "think", "want", "need", "try", "mean", "find"}
    | {"relate", "involve", "depend", "belong", "hope", "feel", "wonder"}  # states, relations
    | {"aim"}  # "a law aimed at documenting abuses": a purpose, not an act
    | {"affect", "impact", "influence", "doubt"}  # effects and beliefs, not acts
    | {"address"}  # "a letter addressed to the Council": a destination, no act
    | {"confirm"}  # "police confirmed Navalny's arrest": a report; the arrest is the act
    | {"depart"}  # "as I depart Abuja for Germany": travel; a visit is told by its own words
    | {"hear", "see", "witness", "notice", "observe", "record", "spot"}  # "residents heard
    # explosions", "monitors observed 19 explosions": a witness's perception; the noun is the act
    | places.EXPERIENCE  # "Kharkiv has endured a Russian onslaught": the noun is the event
)
#: Nouns that name a state of affairs, not a happening ("the war", "escalation", "tensions"):
#: never a trigger (events gold guideline; ACLED and UCDP code battles, not wars).
GENERIC_NOUNS = frozenset(
    {"war", "conflict", "escalation", "tension", "hostility", "crisis", "violence", "unrest"}
)
#: Verbs of what a thing holds, which tell no act ("a mass grave containing 30 bodies").
HOLDING = frozenset({"contain", "comprise", "include"})
#: Verbs of grief, which tell no act (not the criticism the typer may read in them).
GRIEF = frozenset({"mourn", "weep", "grieve", "sob"})  # ("cried foul" accuses)
#: Counts a verb may move, which is no act: "push the death toll higher", "raised the tally"
#: (not "number" or "total": "killed a number of militants", "killed a total of 12").
TALLIES = frozenset({"toll", "tally"})
#: Subjects that cause but do not act: "the prospect raised alarms", "the death toll rose".
NOT_DOERS = frozenset(
    {"prospect", "concern", "fear", "toll", "number", "price", "rate", "news", "incident"}
    | {"development", "situation", "test"}
)
#: What a verb of giving hands over when nothing is handed over: "offering Ukraine a chance of
#: better protecting Kharkiv" is no AID (the chance is what the permission makes possible).
PROSPECTS = frozenset(
    {"chance", "opportunity", "possibility", "option", "way", "hope", "means", "room", "time"}
)
PURPOSE = frozenset({"aim", "design", "intend", "mean", "meant"})
#: Verbs that give a motive when they follow "to" after an act: "to support", "to back up".
MOTIVES = frozenset(
    {"support", "back", "help", "boost", "bolster", "strengthen", "justify", "prove", "show"}
    | {"demonstrate", "signal", "underline", "underscore"}
    | {"improve", "mend", "deepen", "enhance", "promote", "foster", "ease", "secure"}
)
#: What people were doing when harmed, told as a participle after them: no act of theirs.
WHILE_HARMED = frozenset(
    {"wait", "shelter", "stand", "sit", "live", "stay", "queue", "sleep", "travel", "walk"}
    | {"work", "play", "pray", "line", "camp", "hide", "rest", "eat", "collect", "fetch"}
)
#: Participles that describe, not tell, by the dependency they hang by: who holds or heads
#: somebody ("a prisoner held in", "a gang led by"), and captives or ground in a lasting state
#: ("detained soldiers", "the occupied Luhansk region").
DESCRIBING = {
    "acl": frozenset({"hold", "keep", "lead", "head", "command", "run", "found", "back", "arm"})
    | {"link", "affiliate", "associate", "tie", "connect"},  # "insurgents linked to IS"
    "amod": frozenset(
        {"detain", "arrest", "jail", "imprison", "hold", "abduct", "kidnap", "occupy", "annex"}
        | {"besiege"}
    ),
}
#: What a meeting is held to do, and the meetings: "met in Ankara to discuss shipping" is one
#: consultation, its agenda no second one.
AGENDA = frozenset({"discuss", "talk", "negotiate", "review", "consider", "address", "examine"})
MEETING = frozenset({"meet", "gather", "convene", "visit", "travel", "hold", "host", "call"})
CAPACITY = frozenset({"potential", "ability", "capacity", "capability", "power", "means"})
GIVING = frozenset({"offer", "give", "provide", "afford", "grant", "present", "leave"})
#: Verbs that state that something is a threat or a risk, not that anybody acts: "posing
#: threats to Ukraine" is no THREATEN.
STATE_VERBS = frozenset({"pose", "represent", "constitute", "remain", "become"})
#: Verbs that, with no object, tell a change in their subject, not an act: "the Taliban have
#: strengthened" (grown stronger); with one they may act ("strengthen ties with Seoul").
CHANGE_OF_STATE = frozenset(
    {"strengthen", "weaken", "grow", "rise", "fall", "increase", "decrease", "expand", "shrink"}
)
#: Verbs that are acts only done to something: "sank a warship", "a ship was sunk"; "a
#: migrant boat sank" is what befell the boat.
DONE_TO = frozenset({"sink"})
#: Goods traded, not given as aid: supplying, selling or transferring them is trade
#: (COOPERATE in the events guideline: "illicit trade/transfers, e.g. oil ship-to-ship").
COMMODITIES = event_types.GOODS | {"products", "refined", "fueled"}
#: What is released when a text, not a captive, is let out: "their names will be released".
INFORMATION = frozenset(
    {"name", "detail", "statement", "report", "video", "footage", "figure", "data", "image"}
    | {"photo", "result", "finding", "document", "list", "information", "record", "album"}
    | {"toll", "account", "estimate", "number", "evidence", "explanation", "indication"}
    | {"update", "briefing", "interview", "comment", "answer", "breakdown", "timeline"}
)
VIOLENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})
TARGETED = frozenset({"ASSAULT", "COERCE"})  # an attack in a place targets its state
#: Texts and arrangements whose relative clauses tell what they say or allow, not an act.
DOCUMENTS = frozenset(
    {"deal", "agreement", "accord", "treaty", "law", "resolution", "plan", "policy", "bill"}
    | {"decree", "pact", "initiative", "memorandum", "rule", "regulation", "proposal"}
)
#: Verbs an "-ing" clause tells an act's result with ("causing a fire", "sparking panic").
CAUSING = frozenset(
    {"cause", "spark", "trigger", "prompt", "provoke", "result", "lead", "force", "send"}
)
LAUNCH_VERBS = frozenset({"fire", "launch", "test", "test-fire"})
#: Where a launched missile flies: the state it flies over or towards is its recipient.
OVERFLOWN = frozenset({"over", "toward", "towards", "across"})
#: Prepositions of a launch aimed on the ground (at a town, a base, a position).
AIMED = frozenset({"at", "towards", "toward", "into", "on", "against", "upon"})
#: Craft a launch may be aimed at: "fired a missile at a cargo ship" is an attack.
VEHICLES = frozenset(
    {*event_types.CRAFT, "warship", "destroyer", "frigate", "carrier", "vehicle", "truck"}
    | {"aircraft", "plane", "jet", "helicopter", "tank", "train", "bus", "car"}
)
PHYSICAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"})
RECEIVE = frozenset({"receive", "obtain", "acquire", "get", "accept", "import"})
TOLL_VERBS = frozenset({"kill", "wound", "injure", "die"})
Weights = dict[str, list[float]]


def stage(settings: Settings | None = None) -> Stage:
    """The events stage (no settings of its own yet)."""
    return Stage(
        name="events",
        version=VERSION,
        run=run,
        setup=_warm,
        requires=("doc", "actors", "weapons", "places", "times"),
        assigns=("events",),
    )


def _warm() -> None:
    event_types.lexicon()
    event_types.model()


def run(article: Article) -> Article:
    return replace(article, events=extract(article))


def extract(
    article: Article, weights: Weights | None = None, floors: Floors = FLOORS
) -> tuple[Event, ...]:
    """The events of an article (``weights``: the typer's weights, the shipped model's by
    default; benchmarks pass cross-validated ones, and other ``floors`` to choose them)."""
    doc: Any = article.doc
    if doc is None:
        return ()
    found = Mentions.build(
        doc, article.text, article.actors, article.places, article.weapons, article.times
    )
    found.context = places.article_place(found)
    events: list[Event] = []
    typer = (weights or event_types.model(), floors)
    for sent in doc.sents:
        events.extend(_sentence_events(article, sent, found, typer))
    told = _narrative_dates(_carried_recipients(events, doc), doc)
    records = _listed_incidents(article, coref.merged(told, doc), doc, found)
    records = blame.laid(records, doc, found)
    return unique_ids(_targets(_placed_in_context(records, found)))


def _listed_incidents(
    article: Article, records: list[Event], doc: Any, found: Mentions
) -> list[Event]:
    """ "Gunmen killed two people in Kaduna, three in Zamfara and four in Katsina": each
    number of the act's own list placed by its own phrase after a first place is an incident
    of its own, told like the first (type, doers, date), with its own toll and place; the
    parties it befell are the state's, not the first incident's victims."""
    out = list(records)
    for record in records:
        if record.event not in VIOLENT or not record.size or record.event_loc is None:
            continue
        verbs = [_root(doc, m.trigger) for m in record.mentions or (record.text_info,)]
        trigger = next((t for t in verbs if t is not None and t.pos_ == "VERB"), None)
        if trigger is None:
            continue
        for number in trigger.subtree:
            where = _incident_place(number, trigger, found)
            if where is None:
                continue
            told = found.token_span([number])
            count = Count(
                kind=record.size[0].kind, value=_number(number), qualifier=None, span=told
            )
            there = next((i for i, r in enumerate(out) if _same_place(r, record.event, where)),
                         None)  # fmt: skip
            if there is not None:  # "Russian shelling ... two in Nikopol": that record's toll
                if not out[there].size:
                    out[there] = _with_evidence(out[there], [("size", told)], size=(count,))
                continue
            kept = [(r, x) for r, x in record.text_info.arguments if r not in ARGS_OF_ONE]
            info = replace(record.text_info, trigger=told,
                           arguments=(*kept, ("size", told), ("location", where.span)))  # fmt: skip
            states = tuple(a for a in record.recipient if a.kind == "state")
            mention = EventMention(trigger=told, sentence=info.sentence)
            out.append(replace(record, id=event_id(article.id, told, record.event), size=(count,),
                               event_loc=where, recipient=states, text_info=info,
                               mentions=(mention,)))  # fmt: skip
    return sorted(out, key=lambda e: e.text_info.trigger.start)


#: Arguments that belong to one incident of a list: its toll, place and victims.
ARGS_OF_ONE = frozenset({"size", "location", "recipient"})


def _incident_place(number: Any, trigger: Any, found: Mentions) -> PlaceMention | None:
    """The place of a number that is an incident of its own in the act's list ("three in
    Zamfara"): a number of the act's own clause (no other verb between), placed apart."""
    if number.pos_ != "NUM" or number.dep_ == "nummod" or tolls.number_value(number) is None:
        return None
    verb = next((a for a in number.ancestors if a.pos_ == "VERB"), None)
    if verb is None or verb.i != trigger.i or not tolls.apart(number, trigger):
        return None
    name = tolls.placed(number)
    return found.places.get(name.i) if name is not None else None


def _same_place(record: Event, event: str, where: PlaceMention) -> bool:
    return (
        record.event == event
        and record.event_loc is not None
        and record.event_loc.span == where.span
    )


def _root(doc: Any, span: Span) -> Any:
    found = doc.char_span(span.start, span.end)
    return found.root if found is not None else None


def _number(token: Any) -> int:
    value = tolls.number_value(token)
    assert value is not None
    return value


def _placed_in_context(events: list[Event], found: Mentions) -> list[Event]:
    """A physical act none of whose sentences says where it happened took place where the
    article's acts do (``places.article_place``); its record says so with the role
    ``context`` on the place and keeps the offsets of the words that named it."""
    context = found.context
    if context is None:
        return events
    out = []
    for event in events:
        if event.event_loc is None and _placed_where_told(event):
            event = _with_evidence(event, [("location", context.span)], event_loc=context)
        out.append(event)
    return out


def _with_evidence(event: Event, spans: Sequence[tuple[str, Span]], **fields: Any) -> Event:
    """``event`` with ``fields`` replaced and the words that gave them among its arguments."""
    info = replace(event.text_info, arguments=(*event.text_info.arguments, *spans))
    return replace(event, text_info=info, **fields)


#: Acts that happen where the news is: an attack, an arrest, a protest (not a transfer of arms
#: or troops massing, which news tells from afar).
ON_THE_SPOT = frozenset({"ASSAULT", "COERCE", "PROTEST"})
#: Date precisions of a long stretch of time: acts over it happened in many places.
STRETCHES = frozenset({"interval"})


def _placed_where_told(event: Event) -> bool:
    """Whether an unplaced act happened where its article's acts do: an actual act on the
    spot, at one time (not over a stretch: "attacks since 2022" happened in many places)."""
    date = event.date
    stretch = date is not None and date.precision in STRETCHES and not _a_day_or_two(date)
    return event.event in ON_THE_SPOT and event.modality == "actual" and not stretch


def _targets(events: list[Event]) -> list[Event]:
    """An attack with no target named targets the state it took place in ("slammed into an
    apartment building in Kharkiv": Ukraine); the place's span is the evidence."""
    out = []
    for event in events:
        place = event.event_loc
        target = None
        if place is not None and not event.recipient and event.event in TARGETED:
            target = places.state_of(place)
        if target is not None and any(_state_side(a, target.code) for a in event.actor):
            target = None  # the army of the state it fights in: its target is not the state
        if target is not None and place is not None:
            event = _with_evidence(event, [("recipient", place.span)], recipient=(target,))
        out.append(event)
    return out


def _state_side(actor: Any, country: str | None) -> bool:
    """Whether ``actor`` is the state ``country`` or one of its organs ("CAR army")."""
    if not country or actor.code != country:
        return False
    return actor.kind == "state" and (actor.sector is None or actor.sector in STATE_SECTORS)


#: Sentences after a dated act within which an undated act told in the simple past is taken
#: to be of the same day ("On 3 May, militants attacked X. They also burned two houses.").
NARRATIVE = 2


def _narrative_dates(events: list[Event], doc: Any) -> list[Event]:
    """An act told in the simple past right after one the text dates to a day, with no time
    of its own, happened that day: the narrative goes on (conflict notes and wire leads tell
    a day's acts in turn). The date keeps the offsets of the words that gave it."""
    out: list[Event] = []
    last: tuple[int, Any] | None = None  # (sentence, date) of the latest act dated to a day
    carried = False  # whether that date was carried to it by the narrative
    starts = [s.start_char for s in doc.sents]
    for event in events:
        token = doc.char_span(event.text_info.trigger.start, event.text_info.trigger.end)
        head = token.root if token is not None else None
        sentence = bisect.bisect_right(starts, event.text_info.trigger.start)
        date = event.date
        actual = event.modality == "actual" and event.polarity == "asserted"
        if date is not None and _a_day_or_two(date) and actual:
            last, carried = (sentence, date), False
        elif (
            last is not None
            and actual
            and head is not None
            and _told_in_the_past(head)
            and (date is None or date.precision == "publication")
            and (0 < sentence - last[0] <= NARRATIVE or (carried and sentence == last[0]))
        ):  # (inside a sentence it carried the day to: "Police fired tear gas and arrested
            # 15 people"; not to what a dated act is about: "on Wednesday condemned the
            # killings")
            given = last[1]
            spans = [("date", given.span)] if given.span is not None else []
            event = _with_evidence(event, spans, date=given)
            last, carried = (sentence, given), True  # the narrative goes on from here
        out.append(event)
    return out


def _a_day_or_two(date: TimeRef) -> bool:
    """A date of one day, or of a night or a few days ("the night of 2-3 May", "between 1
    and 3 May"): what an act told next in the past goes on happening in."""
    if date.precision == "day":
        return True
    found = days(date.value) if date.precision == "interval" and date.value else None
    return found is not None and (found[1] - found[0]).days <= NARROW_DAYS


#: The longest stretch (in days) a narrative's next acts are dated to.
NARROW_DAYS = 3


def _told_in_the_past(head: Any) -> bool:
    """An act told in the simple past, active or passive ("burned", "were killed"), or
    named by a noun that such a verb reports ("4 fatalities were reported")."""
    if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        head = head.head
    if head.tag_ == "VBD":
        return True
    if head.tag_ == "VBN" and head.dep_ == "xcomp" and head.head.tag_ == "VBD":
        # "The SNA claimed to have killed 20 militants": a perfect told by a past claim
        return any(c.dep_ == "aux" and c.lower_ == "have" for c in head.children)
    return head.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ == "VBD" for c in head.children
    )


def _carried_recipients(events: list[Event], doc: Any) -> list[Event]:
    """ "Ukraine must be allowed to ...": an agentless request of the same kind as an earlier
    one in the article ("allies should allow Ukraine ...") is made to the same recipients."""
    out: list[Event] = []
    earlier: dict[str, Event] = {}
    for event in events:
        token = doc.char_span(event.text_info.trigger.start, event.text_info.trigger.end)
        lemma = token.root.lemma_.lower() if token is not None else ""
        passive = token is not None and any(c.dep_ == "auxpass" for c in token.root.children)
        before = earlier.get(lemma)
        if event.event == "REQUEST" and passive and not event.recipient and before is not None:
            spans = [(r, s) for r, s in before.text_info.arguments if r == "recipient"]
            event = _with_evidence(event, spans, recipient=before.recipient)
        if event.event == "REQUEST" and event.recipient:
            earlier[lemma] = event
        out.append(event)
    return out


def _sentence_events(
    article: Article, sent: Any, found: Mentions, typer: tuple[Weights, Floors]
) -> list[Event]:
    weights, floors = typer
    drafts = event_speech.speech_drafts(sent)
    taken = {d.trigger.i for d in drafts} | {event_speech.content_head(d.trigger).i for d in drafts}
    for trigger in _candidates(sent, found, weights):
        if trigger.i in taken:
            continue
        label = "AID" if _receives_arms(trigger, found) else _type(trigger, weights, floors)
        if label == "AID" and _trade(trigger, found):
            label = "COOPERATE"  # "selling oil to North Korea": trade, not aid
        if label == "CONCEDE" and _lets_goods_through(trigger, found):
            label = "COOPERATE"  # "China is allowing oil to go into North Korea": trade
        if label in ("RETREAT", "AID") and _frees_nobody(trigger):
            label = None  # "released a statement", "gave no casualty figures": words, no act
        if label == "ASSAULT" and event_types.clash_of_protesters(trigger):
            label = "PROTEST"  # "protesters clashed with police": a riot
        if label == "PROTEST" and trigger.lemma_.lower() in tolls.KINDS["dead"]:
            label = "ASSAULT"  # "as nine more protesters die": a death is no protest
        if label is not None:
            drafts.append(Draft(trigger, label))
    drafts.extend(Draft(noun, "CONSULT", actor_head=doer) for noun, doer in _mediations(sent))
    told = tolls.told(sent, article.text)
    events = [
        e for d in _merged(drafts) if (e := _event(article, sent, d, found, bool(told))) is not None
    ]
    if not events:
        events = _deaths_told(article, sent, told, found)
    return _with_tolls(_threatened_whom(events, sent), told, sent)


def _threatened_whom(events: list[Event], sent: Any) -> list[Event]:
    """A threat names no one of its own when it says what will be done: "Hezbollah threatened
    to shell Haifa" threatens whom the shelling would hit, as the guideline's "Y will get a
    devastating response" threatens Y. The threat takes its content's recipients."""
    by_start = {e.text_info.trigger.start: e for e in events}
    out = []
    for event in events:
        if event.event == "THREATEN" and not event.recipient:
            trigger = event.text_info.trigger
            span = sent.doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
            contents = [c for c in span.root.children if c.dep_ == "xcomp"] if span else []
            told = [by_start.get(c.idx) for c in contents]
            content = next((e for e in told if e is not None and e.recipient), None)
            if content is not None and content.modality == "threatened":
                spans = [(r, s) for r, s in content.text_info.arguments if r == "recipient"]
                event = _with_evidence(event, spans, recipient=content.recipient)
        out.append(event)
    return out


#: Who mediates, named as the role somebody acts in: "acted as a neutral intermediary".
MEDIATORS = frozenset({"intermediary", "mediator", "go-between", "broker", "facilitator"})


def _mediations(sent: Any) -> list[tuple[Any, Any]]:
    """ "The Red Cross acted as a neutral intermediary", "Qatar served as mediator": mediation
    (the guideline's CONSULT) by whoever acts in the role; the role noun is the trigger."""
    out = []
    for noun in sent:
        if noun.lemma_.lower() not in MEDIATORS or noun.dep_ != "pobj" or noun.head.lower_ != "as":
            continue
        role = noun.head.head
        if _in_role(role):
            out.append((noun, event_args.subject_of(role)))
    return out


#: Verbs of struggle, and the ills of a society they are waged against in policy talk.
STRUGGLES = frozenset({"fight", "combat", "tackle", "battle", "confront", "counter"})
SOCIAL_ILLS = frozenset(
    {"hunger", "poverty", "corruption", "inflation", "crime", "disease", "unemployment"}
    | {"fraud", "illiteracy", "malnutrition", "famine", "pandemic", "virus", "cancer"}
    | {"discrimination", "racism", "misinformation", "disinformation", "change", "warming"}
    | {"obesity", "addiction", "smuggling", "trafficking", "inequality", "pollution"}
)


#: Words that say what an act left people: "left 12 dead", "leaving two injured".
LEFT_SO = frozenset({"dead", "injured", "wounded", "hurt", "homeless", "missing"})


def _left_harmed(verb: Any) -> bool:
    """ "leaving one soldier dead", "left one officer and two suspects dead" (the parser may
    hang the word on the last of the objects)."""
    if any(c.dep_ == "oprd" for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lower_ in LEFT_SO and any(c.dep_ == "nummod" for c in o.children) for o in objects):
        return True  # "leaving 12 dead": the parser's object is the counted toll word itself
    words = [t for o in objects for t in o.subtree if t.lower_ in LEFT_SO]
    # after the object, or right after a noun inside it ("leaves three villagers dead - local
    # officials": the parser's one object of the whole headline)
    return any(t.i > o.i or t.doc[t.i - 1].pos_ == "NOUN" for o in objects for t in words)


def _left_so(token: Any) -> bool:
    """A word joined to what an act left people as ("left 27 dead and 106 injured"), which
    the parser may join to the leaving itself ("left 1 dead and 20 injured")."""
    head = token.head
    if token.dep_ != "conj":
        return False
    if head.dep_ == "oprd" and head.head.lemma_.lower() == "leave":
        return True
    counted = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NUM" for c in token.children)
    harmed = token.lower_ in LEFT_SO and not any(
        c.dep_ in ("aux", "auxpass") for c in token.children
    )
    return head.lemma_.lower() == "leave" and _left_harmed(head) and counted and harmed


def _numbered(count: Count) -> bool:
    """A toll given as a number ("nine dead", "one dead"), not one person ("the dead man");
    a body found is one death all the same."""
    return count.value != 1 or count.span.text.lower().split()[-1] in ("one", "1")


def _death_word(token: Any) -> bool:
    """A word that tells deaths and is no act of its own: "dead", "deaths", "13 die"."""
    verb = token.pos_ == "VERB" and token.lemma_.lower() in event_args.UNDERGONE
    return token.pos_ in ("ADJ", "NOUN") or verb or token.text in tolls.IN_ACTION


def _deaths_told(
    article: Article, sent: Any, told: list[tuple[Any, Count]], found: Mentions
) -> list[Event]:
    """ "Nine dead after violence in western Mexico", "15 junta deaths in three days": a
    sentence that tells a death toll and no act tells a killing, by nobody named, its trigger
    the word of death."""
    word = next((t for t, c in told if c.kind == "dead" and _death_word(t)
                 and (_numbered(c) or event_types.remains(t))), None)  # fmt: skip
    if word is None:
        return []
    made = _event(article, sent, Draft(word, "ASSAULT"), found, toll=True)
    if made is None:
        return []
    kept = tuple((role, span) for role, span in made.text_info.arguments if role != "actor")
    return [replace(made, actor=(), text_info=replace(made.text_info, arguments=kept))]


# --- triggers --------------------------------------------------------------------------


def _candidates(sent: Any, found: Mentions, weights: Weights) -> list[Any]:
    out = []
    for token in sent:
        if token.pos_ not in ("VERB", "NOUN"):
            continue  # only a verb or a noun is ever a trigger (the last test below)
        if token.i in found.actors or token.i in found.weapons or token.i in found.places:
            continue
        if token.pos_ == "VERB" and _nominal(token):
            continue  # "opposes DPRK missile launches": a verb tag in a noun's place
        lemma = token.lemma_.lower()
        plain = lemma in NOT_EVENTS and event_types.idiom(token) is None  # "a body was found"
        if lemma == "leave" and _left_harmed(token):
            continue  # "..., leaving one soldier dead": a result, the toll of the act before
        if _left_so(token):
            continue  # "left 27 dead and 106 injured": the second toll of the same result
        if lemma in STRUGGLES and any(
            c.dep_ == "dobj" and c.lemma_.lower() in SOCIAL_ILLS for c in token.children
        ):
            continue  # "a programme to fight hunger": a policy's aim, no fighting
        if lemma == "comment" and (_negated(token) or token.dep_ == "xcomp"):
            continue  # "did not comment", "declined to comment": no statement made
        if lemma in GRIEF or lemma in HOLDING or _grave_holding(token):
            continue  # "villagers mourned the dead": grief; "a grave containing": a state
        if _document_terms(token):
            continue  # "a deal that allowed Ukraine to ship grain": what the deal says
        if lemma in event_args.ROUTING and event_args.way(token):
            continue  # "a road that leads to Tuxtla": where a way goes, no act
        if token.tag_ == "VBN" and lemma in DESCRIBING.get(token.dep_, ()):
            continue  # "an Afghan prisoner held in ...", "a gang led by ...": a state, no act
        if _described_as(token):
            continue  # "two men suspected of links with JNIM": who they are, by nobody named
        if token.tag_ == "VBG" and token.dep_ in ("acl", "pcomp") and lemma in WHILE_HARMED:
            continue  # "Palestinians waiting for aid", "people sheltering there": who they were
        if (
            token.dep_ == "acl"
            and lemma in event_args.LADEN
            and token.head.lemma_.lower() in VEHICLES
        ):
            continue  # "a vehicle carrying SDF commanders": what the target was, no act
        if lemma in CAUSING and token.tag_ == "VBG" and token.dep_ == "advcl":
            continue  # "struck a facility, causing a fire": what the act caused, not an act
        if _happened(token) or _naming(token) or _empty_light(token) or _carried_to(token):
            continue
        if lemma in DONE_TO and not _objects(token):
            continue
        if _sourcing(token):
            continue  # "officials, who requested anonymity to discuss ...": how a source spoke
        if token.pos_ == "VERB" and lemma not in event_speech.SPEECH and not plain:
            if lemma in CHANGE_OF_STATE and not _objects(token) and not event_types.idiom(token):
                continue  # "prices fell"; but "a shell fell on a house" is an attack
            if _light_with_event_noun(token) or _light_with_event_verb(token):
                continue
            if repelled_attack(token) is not None:
                continue  # "the army repulsed an attack by militants": the attack is the
                # happening, its target the army (``_recipients``)
            if any(c.dep_ == "dobj" and c.lemma_.lower() in TALLIES for c in token.children):
                continue  # "bloodshed continues to push the death toll higher": a count moved
            if token.dep_ in ("amod", "acl") and token.head.i in found.weapons:
                continue  # "weapons provided by them", "U.S.-supplied weapons": a description
            if _gives_prospect(token) or _purpose(token) or _in_role(token):
                continue
            if modality.open_question(token):
                continue  # "a debate over how hard to hit China": a course weighed, no act
            if event_types.known_verb(token) or event_types.learned_trigger(token, weights):
                out.append(token)
        elif token.pos_ == "NOUN" and _event_noun(token) and not event_types.means(token):
            out.append(token)
    return out


#: Participles that say what somebody is held to be: "a woman accused of witchcraft".
SUSPICION = frozenset({"accuse", "suspect"})


def _described_as(token: Any) -> bool:
    """A suspicion describing the people before it, told by nobody ("two men suspected of
    links with JNIM"; not "Iran, accused by the US of ...", whose accuser is named)."""
    if token.tag_ != "VBN" or token.dep_ != "acl" or token.lemma_.lower() not in SUSPICION:
        return False
    return token.head.pos_ in ("NOUN", "PROPN") and not any(
        c.dep_ == "agent" for c in token.children
    )


def _grave_holding(token: Any) -> bool:
    """ "a mass grave holding 17 bodies": what the grave holds, no act."""
    return token.dep_ == "acl" and token.lemma_.lower() == "hold" and event_types.grave(token.head)


def _document_terms(token: Any) -> bool:
    """Whether the token tells what a deal, law or plan says or allows: a relative clause on
    the document, or a complement of one ("a deal that allowed Ukraine to ship grain")."""
    for _ in range(3):
        if token.dep_ == "relcl":
            return token.head.lemma_.lower() in DOCUMENTS
        if token.dep_ not in ("xcomp", "ccomp", "conj") or token.head == token:
            return False
        token = token.head
    return False


def _event_noun(token: Any) -> bool:
    lemma = token.lemma_.lower()
    if event_types.fire_exchanged(token) or event_types.emergency_rule(token):
        return True  # "exchanges of fire were reported", "imposed martial law"
    if lemma not in event_types.EVENT_NOUNS or lemma in GENERIC_NOUNS:
        return False
    if token.dep_ == "compound" and token.head.i == token.i + 1 and _names_other(token.head):
        return False  # "protest leaders", "an aid convoy", "an arrest warrant": no happening
    if lemma in WEAPON_TRIALS and not _of_weapons(token):
        return False  # "a DNA test", "the launch of a campaign": no show of force
    if _ranked(token):
        return False  # "..., the deadliest operation this year": the act told, ranked
    if lemma in HELD_STATES and token.dep_ == "pobj" and token.head.lower_ in ("in", "under"):
        return False  # "died in custody", "remains in detention": a state, not an arrest
    regime = token.dep_ == "pobj" and token.head.lower_ == "of"
    if regime and token.head.head.lemma_.lower() in OBSERVANCE:
        return False  # "its enforcement of UN sanctions", "in violation of a ceasefire"
    stated = token.dep_ in ("dobj", "attr") and token.head.lemma_.lower() in STATE_VERBS
    return not stated and not _kind_of_act(token)  # "posing threats", "remains a threat"


def _ranked(noun: Any) -> bool:
    """An act noun ranked by a superlative after a comma or as what something was ("left 18
    dead, the deadliest operation this year"; "it was the worst attack since March"): the
    act already told, compared with others, not one more."""
    if not any(c.dep_ == "amod" and _superlative(c) for c in noun.children):
        return False
    if noun.dep_ == "attr":
        return True
    start = noun.left_edge.i
    return start > noun.sent.start and noun.doc[start - 1].text in (",", "—", "–", "-")


def _superlative(word: Any) -> bool:
    """ "deadliest", "worst"; "bloodiest" too, which the tagger may read as a plain adjective."""
    low = word.lower_
    return word.tag_ == "JJS" or low.endswith("iest") or low in ("worst", "largest", "biggest")


#: Nouns of being held that, after "in" or "under", tell a state ("died in custody", "held
#: under house arrest"); "taken into custody" is the arrest.
HELD_STATES = frozenset({"custody", "detention", "captivity"})


#: Stances taken on a kind of act: "opposes missile launches", "condemns attacks on civilians".
STANCES = frozenset(
    {"oppose", "condemn", "reject", "support", "welcome", "denounce", "criticize", "criticise"}
    | {"deplore", "favor", "favour", "back", "endorse", "abhor"}
)


def _kind_of_act(noun: Any) -> bool:
    """A bare plural act noun a present-tense stance is taken on names a kind of act, not a
    happening: "China opposes ballistic missile launches by the DPRK" (but "condemned the
    launches", "opposes the launch" are the launches told)."""
    if noun.tag_ != "NNS" or noun.dep_ != "dobj" or noun.head.tag_ not in ("VBZ", "VBP"):
        return False
    if noun.head.lemma_.lower() not in STANCES:
        return False
    return not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


#: Nouns an event noun before them names people, bodies, things or papers, not a happening:
#: "protest leaders", "occupation forces", "aid convoy", "arrest warrant", "supply lines".
#: (A headline's verb the parser makes a modifier, "Taliban attack buses", is not among them.)
QUALIFIED = frozenset(
    {"leader", "organizer", "organiser", "movement", "group", "camp", "site", "command"}
    | {"force", "line", "route", "corridor", "convoy", "worker", "agency", "warrant", "zone"}
    | {"helicopter", "aircraft", "plane", "jet", "rifle", "vehicle", "package", "bill", "law"}
    | {"victim", "survivor", "authority", "regime", "administration", "official", "center"}
)


#: What is done with a standing measure (sanctions, a ceasefire, an embargo): the measure
#: named after "of" is the regime in force, not a new happening.
OBSERVANCE = frozenset(
    {"enforcement", "implementation", "violation", "breach", "evasion", "compliance"}
    | {"observance", "monitoring", "circumvention"}
)
#: Event nouns that are a show of force only when weapons are tried or fired: "a missile
#: test", "the latest nuclear test", "the launch of a ballistic missile".
WEAPON_TRIALS = frozenset({"test", "launch"})
TRIED = frozenset(
    {"missile", "nuclear", "rocket", "ballistic", "weapon", "icbm", "slbm", "hypersonic"}
    | {"cruise", "bomb", "warhead", "satellite", "atomic", "hydrogen", "thermonuclear"}
)


def _of_weapons(noun: Any) -> bool:
    named = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    named += event_args.of_objects(noun)
    words = {w for n in named for t in n.subtree for w in (t.lemma_.lower(), t.lower_)}
    return bool(words & TRIED)


def _names_other(head: Any) -> bool:
    """Whether a noun an event noun qualifies names something else than a happening."""
    return head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in QUALIFIED


def _happened(verb: Any) -> bool:
    """ "The incident took place on Saturday": taking place is no act; the noun is the event.
    So with a happening's course: "since the war began", "as fighting entered its third month",
    "the conflict has killed tens of thousands" (a war's whole toll is no one happening)."""
    if verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children
    ):
        return True
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if verb.lemma_.lower() in COURSE and objects & STAGES:
        return True  # "(as fighting) entered its third month"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.pos_ == "NOUN" or subject.tag_ == "VBG"):
        return False
    noun = subject.lemma_.lower()
    if noun in GENERIC_NOUNS:
        return True
    return verb.lemma_.lower() in COURSE and noun in event_types.EVENT_NOUNS


#: Stretches a happening enters or marks: "entered its third month", "marks a new phase".
STAGES = frozenset({"day", "week", "month", "year", "phase", "stage", "anniversary"})
#: Verbs telling the course of a happening named as their subject ("fighting continued").
COURSE = frozenset(
    {"begin", "start", "continue", "enter", "resume", "end", "rage", "intensify", "escalate"}
    | {"drag", "spread", "subside", "ease", "persist", "last", "erupt", "break", "mark"}
)


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


#: Verbs of carrying somebody somewhere, and the places where carrying them there is care or
#: a hearing, not an act of its own ("the wounded were rushed to hospital", "X is brought to
#: a courtroom": the act, if any, is the wounding or the trial).
CARRYING = frozenset(
    {"bring", "take", "rush", "carry", "transport", "escort", "transfer", "airlift", "fly"}
)
CARE = frozenset(
    {"hospital", "clinic", "court", "courtroom", "courthouse", "morgue", "mortuary", "infirmary"}
)


def _carried_to(verb: Any) -> bool:
    if verb.lemma_.lower() not in CARRYING:
        return False
    to = (o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
          for o in c.children if o.dep_ == "pobj")  # fmt: skip
    return any(o.lemma_.lower() in CARE for o in to)


def _naming(verb: Any) -> bool:
    """ "a western lowland gorilla called Harambe", "a group named X": a name given, no call."""
    if verb.lemma_.lower() not in ("call", "name", "dub", "nickname") or verb.tag_ != "VBN":
        return False
    named = any(c.dep_ in ("oprd", "attr") or c.pos_ == "PROPN" for c in verb.children)
    return verb.dep_ == "acl" and named


def _empty_light(verb: Any) -> bool:
    """A light verb whose object names no event and that no idiom or lexicon pattern types:
    "made the difficult decision", "had a choice" tell no act of their own."""
    if verb.lemma_.lower() not in ("make", "have"):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or event_types.idiom(verb) is not None:
        return False
    return not any(event_types.lexicon_roots(o) for o in objects)


def _in_role(verb: Any) -> bool:
    """ "acted as a neutral intermediary", "serves as a mediator": a role held, told by the
    noun (the mediation), not an act of the verb."""
    lemma = verb.lemma_.lower()
    return lemma in ("act", "serve") and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in verb.children
    )


def _nominal(verb: Any) -> bool:
    """A word tagged as a finite verb that stands where only a noun can: an object or a
    preposition's object with no subject or auxiliary of its own ("opposes ... launches")."""
    if verb.dep_ not in ("dobj", "pobj") or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def _objects(verb: Any) -> set[str]:
    """Lemmas of what a verb acts on: its direct object, or its passive subject."""
    return {c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "nsubjpass")}


def _frees_nobody(trigger: Any) -> bool:
    """ "their names will be released", "released a statement": a text let out, no captive."""
    return bool(_objects(trigger) & INFORMATION)


#: Verbs of letting something happen, which, said of goods moving, let trade through.
LETTING = frozenset({"allow", "let", "permit"})


def _lets_goods_through(trigger: Any, found: Mentions) -> bool:
    """ "is allowing oil to go into North Korea": letting goods (no weapons) move to a state
    is trade (the guideline's COOPERATE), not a concession."""
    if trigger.lemma_.lower() not in LETTING:
        return False
    moved = [c for c in trigger.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "ccomp")
             and c.i > trigger.i]  # fmt: skip
    moved += [s for c in trigger.children if c.dep_ in ("xcomp", "ccomp") for s in c.children
              if s.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
    heads = (m.doc[m.left_edge.i : m.i + 1] for m in moved)  # a noun and what precedes it
    words = {w for head in heads for t in head for w in (t.lower_, t.lemma_)}
    goods = bool(words & COMMODITIES)  # "oil", "fuel shipments"
    return goods and not any(t.i in found.weapons for t in trigger.subtree)


#: Words of goods changing hands, which between ships at sea are trade, not aid.
TRANSFERS = frozenset({"transfer", "supply", "deliver", "delivery", "sell", "sale", "ferry"})


#: Verbs of helping, whose help to get goods is a part in their trade.
HELPING = frozenset({"aid", "help", "assist"})


def _trade(trigger: Any, found: Mentions) -> bool:
    """Whether a supply or transfer moves goods (oil, fuel, coal) and no weapons; or help
    given to get them ("Russian ships aiding in North Korea's efforts to secure oil")."""
    if trigger.lemma_.lower() in HELPING and trigger.pos_ == "VERB":
        return any(_getting_goods(v, found) for v in trigger.subtree if v is not trigger)
    clause = event_args.own_clause(trigger)
    words = {t.lower_ for t in clause} | {trigger.lemma_.lower()}
    arms = any(t.i in found.weapons for t in clause)
    lemmas = {t.lemma_.lower() for t in clause}
    shipping = bool(lemmas & set(event_types.CRAFT)) and trigger.lemma_.lower() in TRANSFERS
    return bool(words & COMMODITIES or shipping) and not arms  # "ship-to-ship transfers"


def _getting_goods(verb: Any, found: Mentions) -> bool:
    """An infinitive of getting goods, no weapons: "(efforts) to secure oil and fuel"."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    goods = any(event_types.goods_noun(c) for c in verb.children if c.dep_ == "dobj")
    return goods and not any(t.i in found.weapons for t in event_args.own_clause(verb))


def _purpose(verb: Any) -> bool:
    """A motive given as an infinitive of purpose ("supplied missiles to support the war
    effort", "cited images to back up their claims") or a capacity ("its potential to hit
    targets"): why another act was done or what somebody could do, not a happening of its
    own; so is what a thing is "aimed at" or "designed to" do. (An aim that is itself an act
    stays one: "sent a team to investigate".)"""
    described = verb.head.head if verb.dep_ == "pcomp" else verb.head
    if verb.dep_ in ("pcomp", "xcomp") and described.dep_ == "acl":
        return described.lemma_.lower() in PURPOSE  # "restrictions aimed at discouraging"
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ == "advcl":
        agenda = verb.lemma_.lower() in AGENDA and verb.head.lemma_.lower() in MEETING
        return verb.lemma_.lower() in MOTIVES or agenda  # "met in Ankara to discuss ...": one
    return verb.dep_ == "acl" and verb.head.lemma_.lower() in CAPACITY


def _gives_prospect(verb: Any) -> bool:
    """ "offering Ukraine a chance of ...", "gave them an opportunity to ...": no giving."""
    if verb.lemma_.lower() not in GIVING:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in PROSPECTS for o in objects)


def _light_with_event_noun(verb: Any) -> bool:
    if verb.lemma_.lower() not in event_args.LIGHT_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.conjuncts]  # "missile and drone attacks"
    return any(o.lemma_.lower() in event_types.EVENT_NOUNS for o in objects)


#: Verbs of turning an attack back, alone or with their particle ("beat back", "fend off").
REPELLING = frozenset({"repel", "repulse", "thwart", "foil"})
FENDING = frozenset({("beat", "back"), ("fend", "off"), ("ward", "off"), ("fight", "off")})
FENDERS = frozenset(verb for verb, _ in FENDING)


def repelled_attack(verb: Any) -> Any:
    """The attack a verb of turning attacks back has as its object ("repelled a Houthi
    offensive", "fought off an attack on its base"), else None."""
    lemma = verb.lemma_.lower()
    if lemma not in REPELLING and lemma not in FENDERS:
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if lemma not in REPELLING and not any((lemma, p) in FENDING for p in particles):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return next((o for o in objects if _attack_noun(o)), None)


def _turned_back_by(trigger: Any) -> Any:
    """The verb that turned the trigger's attack back ("repulsed an attack", "foiled an
    infiltration attempt"), else None."""
    attempt = event_args.attempt_of(trigger)
    attack = trigger if attempt is None else attempt
    if attack.dep_ == "dobj" and repelled_attack(attack.head) == attack:
        return attack.head
    return None


def _attack_noun(noun: Any) -> bool:
    """An attack a side can turn back: "an offensive", "an infiltration attempt" (the attempt
    of an attack the noun before it names), not a war or an operation."""
    lemma = noun.lemma_.lower()
    if lemma == "attempt":
        kinds = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        return any(_attack_noun(k) for k in kinds)
    return event_types.EVENT_NOUNS.get(lemma) == "ASSAULT" and lemma not in ("war", "operation")


#: What a source asks for or speaks on condition of: the terms of speaking, no act.
SOURCING = frozenset({"anonymity"})


def _sourcing(verb: Any) -> bool:
    """ "requested anonymity", "spoke on condition of anonymity": the terms a source
    spoke on."""
    said = (t for c in verb.children if c.dep_ == "prep" for t in c.subtree)
    objects = (c for c in verb.children if c.dep_ == "dobj")
    return any(t.lemma_.lower() in SOURCING for t in objects) or any(
        t.lemma_.lower() in SOURCING for t in said
    )


#: Light verbs that with "to" and a verb pledge it ("is committed to opening up"): an act.
PLEDGING = frozenset({"commit"})


def _light_with_event_verb(verb: Any) -> bool:
    """ "joined the United States in authorizing": the complement is the event."""
    if verb.lemma_.lower() not in event_args.LIGHT_VERBS or verb.lemma_.lower() in PLEDGING:
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    verbs = [c for p in preps for c in p.children if c.dep_ == "pcomp" and c.pos_ == "VERB"]
    return any(event_types.lexicon_roots(v) for v in verbs)


def _type(trigger: Any, weights: Weights, floors: Floors) -> str | None:
    """The trigger's type; a weak guess stands only if a lexicon or idiom backs it."""
    scores = event_types.classify(event_types.features(trigger), weights)
    label, score = event_types.decide(scores, trigger)
    roots = event_types.lexicon_roots(trigger)
    backed = {event_types.plv_label(r) for r in roots}
    if score < (floors.backed if roots else floors.learned) and label not in backed:
        rescued = max(backed, key=lambda b: scores.get(b, 0.0), default=None)
        if rescued is None or scores.get(rescued, 0.0) < floors.rescue:
            return None
        label = rescued
    return event_types.split_yield(trigger) if label == "YIELD" else label


def _receives_arms(trigger: Any, found: Mentions) -> bool:
    """ "Russia has been receiving Iranian-made Shahed drones": AID, the other way round."""
    objects = (c for c in trigger.children if c.dep_ == "dobj")
    return trigger.lemma_.lower() in RECEIVE and any(o.i in found.weapons for o in objects)


def _merged(drafts: list[Draft]) -> list[Draft]:
    """Drop a toll verb that only adds a toll to another ASSAULT ("slammed into ..., killing
    at least six"; "killed one soldier and wounded two"): the toll goes to that event."""
    assaults = [d for d in drafts if d.event == "ASSAULT"]
    if len(assaults) < 2:
        return drafts
    heads = {d.trigger.i for d in assaults}
    return [d for d in drafts if not _toll_participle(d.trigger, heads)]


def _toll_participle(trigger: Any, assaults: set[int]) -> bool:
    if trigger.lemma_.lower() not in TOLL_VERBS:
        return False
    return trigger.tag_ == "VBG" or (trigger.dep_ == "conj" and trigger.head.i in assaults)


# --- the record ------------------------------------------------------------------------


def _event(
    article: Article, sent: Any, draft: Draft, found: Mentions, toll: bool = False
) -> Event | None:
    trigger = draft.trigger
    subject = draft.actor_head or event_args.subject_of(trigger)
    if draft.event in VIOLENT and subject is not None and subject.pos_ == "NOUN":
        # "shelling by the RSF killed 6 civilians": the shelling's doer did the killing
        subject = _doer_within(subject) or subject
    if subject is None and draft.event == "ACCUSE":
        subject = _accusing_speaker(trigger)  # "tweeting that China was caught red-handed"
    if trigger.lemma_.lower() in event_types.FINDING:
        subject = None  # "police found the body of a woman": who found her did not kill her
    actors, actor_spans = (
        event_args.phrase_actors(subject, found, doer=True) if subject is not None else ([], [])
    )
    recipients, recipient_spans = _recipients(trigger, subject, found, draft)
    reciprocal = event_args.reciprocal(trigger, subject)
    if reciprocal:  # "joint exercises with Russia"
        own = bool(recipients) or (subject is not None and subject in trigger.subtree)
        opposed = _opposed(trigger, found)  # "joint operations against the ADF": the target
        for actor, span in zip(recipients, recipient_spans, strict=True):
            if actor not in actors and span not in opposed:
                actors, actor_spans = [*actors, actor], [*actor_spans, span]
        kept = [(a, s) for a, s in zip(recipients, recipient_spans, strict=True) if s in opposed]
        recipients, recipient_spans = [a for a, _ in kept], [s for _, s in kept]
        # the parties the phrase names itself ("with Russia", "by the U.S. and Seoul") are
        # each the other's partner; doers taken from a governing clause ("Jordan and Britain
        # agreed to hold joint drills") stay doers only
        rivals = event_args.among_themselves(trigger, subject)  # "clan militias clashed"
        if own and (len(actors) > 1 or rivals) and actors and not recipients:
            recipients, recipient_spans = list(actors), list(actor_spans)
    elif trigger.lemma_.lower() in RECEIVE:  # "Russia has been receiving Iranian drones"
        givers, giver_spans = _givers(trigger, found)
        actors, actor_spans, recipients, recipient_spans = (
            givers or recipients,
            giver_spans or recipient_spans,
            actors,
            actor_spans,
        )
    threat = draft.content is not None and draft.actor_head is not None
    if not reciprocal:
        recipients, recipient_spans = _others(recipients, recipient_spans, actors, threat)
    arguments = [("actor", s) for s in actor_spans] + [("recipient", s) for s in recipient_spans]
    place = (
        places.location(trigger, found, physical=draft.event in PHYSICAL)
        or places.experienced_place(trigger, found)
        or (places.target_place(trigger, found) if draft.event in PHYSICAL else None)
    )
    if place is not None and draft.event == "AID" and places.aimed_at(trigger, place, found):
        place = None  # "sent missiles to Russia for the conflict in Ukraine": what for, not where
    where = place or found.context  # "security forces" of a story set in Yemen: Yemen's
    actors, actor_spans, added = _placed_forces(actors, actor_spans, subject, where, found)
    arguments += [("actor", s) for s in added]
    # "attack dozens of junta soldiers in Sagaing"
    recipients = _side_attacked(_coded_forces(recipients, where, found))
    if (
        not actors
        and not recipients
        and not (
            draft.event in VIOLENT
            and (
                toll
                or place
                or event_args.people_suffer(trigger)
                or _lethal(trigger)  # "a deadly ambush", "the fatal shooting of a migrant"
                or _killing(trigger)  # "another murder in a shopping plaza"
                or event_types.munition_lands(trigger)  # "an IED detonated near a convoy"
            )
        )
        and not (draft.event == "RETREAT" and _frees_people(trigger))
    ):
        return None  # nobody named: only violence with a toll, a place or people it befell
    if draft.event not in VIOLENT and _caused(subject, named=bool(actors)):
        return None  # "the attack sparked an investigation": a happening is no doer
    if _natural(subject) or any(_natural(c) for c in _causes(trigger)):
        return None  # "the storm killed 12 people", "died of cholera": nobody's act
    if draft.event == "THREATEN" and _menaced_ground(trigger):
        return None  # "threatened to overrun Kunduz": an advance, no threat made to anybody
    date = event_args.date_of(trigger, found)
    if date is None and not event_args.earlier_deed(trigger):  # (a reason's day is unknown)
        date = event_args.publication_date(article.published)
    weapons = event_args.weapons_in([*event_args.own_clause(trigger), *_subtree(subject)], found)
    if _launch_only(draft.event, trigger, weapons, recipients, toll, found):
        draft = replace(draft, event="MOBILIZE")
        over, over_spans = _overflown(trigger, found, actors)
        recipients, arguments = over, arguments + [("recipient", s) for s in over_spans]
    arguments += _evidence(place, date, weapons, found, trigger)
    mode = _mode(draft.event, weapons, trigger)
    cameo, quad, score = event_types.cameo(draft.event, mode)
    trigger_span = found.token_span([trigger])
    sentence_span = found.token_span([sent[0], sent[-1]])
    return Event(
        id=event_id(article.id, trigger_span, draft.event),
        article_id=article.id,
        event=draft.event,
        text_info=TextInfo(
            sentence=sentence_span, trigger=trigger_span, arguments=tuple(arguments)
        ),
        mode=mode,
        context=_context(cameo, weapons),
        actor=tuple(actors),
        recipient=tuple(recipients),
        date=date,
        event_loc=place,
        weapons=weapons,
        polarity=modality.polarity(trigger),
        modality=draft.modality or _mood(trigger),
        cameo=cameo,
        quad=quad,
        score=score,
        mentions=(EventMention(trigger=trigger_span, sentence=sentence_span),),
    )


def _mood(trigger: Any) -> str:
    if trigger.dep_ == "xcomp" and _menaced_ground(trigger.head):
        return "actual"  # the advance that "threatened to overrun Kunduz" took place
    return modality.modality(trigger, speech=event_speech.in_speech(trigger))


def _menaced_ground(verb: Any) -> bool:
    """ "The Taliban have strengthened and threatened to overrun Kunduz": a force that
    threatens to take ground is closing in on it, an advance (the guideline's ASSAULT), not a
    threat said to anybody. Told with a condition ("unless the government negotiates") or to
    somebody ("threatened Kyiv that ..."), it is a threat made."""
    if verb.lemma_.lower() != "threaten" or verb.pos_ != "VERB":
        return False
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    taken = [c for c in verb.children if c.dep_ == "xcomp" and event_types.takes_ground(c)]
    told = (c for t in taken for c in t.subtree if c.dep_ == "mark")
    return bool(taken) and not any(c.lower_ in ("if", "unless") for c in told)


def _accusing_speaker(trigger: Any) -> Any:
    """An accusation told in the passive, with no agent, in what somebody says ("Trump said
    ..., tweeting that China was caught red-handed"): the speaker accuses."""
    if not any(c.dep_ == "auxpass" for c in trigger.children):
        return None
    token = trigger
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in event_speech.SPEECH:
            return event_args.subject_of(token.head)
        if token.head == token:
            return None
        token = token.head
    return None


def _country(place: PlaceMention | None) -> str | None:
    return place.place.country if place is not None and place.place is not None else None


def _coded_forces(
    group: list[Any], place: PlaceMention | None, found: Mentions | None = None
) -> list[Any]:
    """Forces named by their function only ("junta soldiers", "regime forces"), with no
    country named: those of the state ``place`` lies in; so are armed groups named by what
    they are ("rebels", "two militants"), which the guideline codes with the country they
    fight in. Forces by function the link stage gave a country the article names only
    through an armed group's base ("JNIM militants attacked a post near Djibo. The army
    said ...": Mali, JNIM's) are those of the state of the act's place too (Burkina Faso's);
    a country the article names itself ("Israeli soldiers", "in Israel") stands."""
    country = _country(place)
    if not country:
        return group
    group = [_local_group(a, country) for a in group]
    return [
        replace(a, code=country, sector=sector, kind="group")
        if (a.kind == "group" or (a.kind == "org" and a.code is None))  # "Army" read as a name
        and (a.code is None or (a.code != country and (_guessed(a, found) or _twin(a, group))))
        and (sector := forces.forces_name(a.name) or forces.armed_name(a.name) or _kin_armed(a))
        else a
        for a in group
    ]


def _side_attacked(group: list[Any]) -> list[Any]:
    """Forces named by function among those an act befell, beside one state's forces named
    with their country, are that state's ("ambushed a convoy of Ugandan troops near Barawe,
    killing 4 soldiers": Uganda's soldiers, not those of the country the article is about)."""
    by_function = [forces.forces_name(a.name) is not None for a in group]
    states = {
        a.code
        for a, unnamed in zip(group, by_function, strict=True)
        if a.code and a.sector in ("MIL", "COP") and not unnamed
    }
    if len(states) != 1:
        return group
    (state,) = states
    return [
        replace(a, code=state) if unnamed and a.code != state else a
        for a, unnamed in zip(group, by_function, strict=True)
    ]


def _kin_armed(actor: Actor) -> str | None:
    """The sector of an uncoded armed group named by a people, a language or a region that
    is no known name ("Anglophone separatists", "Fulani militiamen", "Lendu militias"): the
    guideline codes it with the country it fights in, as "rebels"."""
    if actor.code is not None:
        return None
    words = actor.name.split()
    plain = [w for w in words[:-1] if not w[:1].isupper()] + words[-1:]
    return forces.armed_name(" ".join(plain)) if len(plain) < len(words) else None


#: Who rules where the act takes place: unnamed, their forces are that state's.
GOVERNING = frozenset({"regime", "government", "junta", "pro-government", "pro-regime"})


def _twin(actor: Actor, group: list[Any]) -> bool:
    """Whether a government's forces named by function share their country with a party
    named beside them ("regime forces and Russian aircraft bombarded ...": two parties, so the
    regime's are not Russia's but those of the state the act took place in; "the army and
    Israeli police" may well be one state's)."""
    ruled = any(w in GOVERNING for w in actor.name.lower().split())
    return ruled and any(
        other is not actor and other.code == actor.code and not forces.forces_name(other.name)
        for other in group
    )


def _local_group(actor: Actor, country: str) -> Actor:
    """An uncoded group named by a short form that names a group where it fights ("ADF
    rebels killed 9 civilians in Beni territory": Congo's Allied Democratic Forces)."""
    if actor.code is not None:
        return actor
    body = next((b for w in actor.name.split() if (b := local_body(w, country))), None)
    if body is None:
        return actor
    return replace(actor, code=body.code, sector=body.sector, kind=body.kind)


def _guessed(actor: Actor, found: Mentions | None) -> bool:
    """Whether forces named by function got their country from the link stage's guess alone:
    the article names that country itself nowhere."""
    if found is None or not forces.forces_name(actor.name):
        return False
    return actor.code not in _named_countries(found)


def _named_countries(found: Mentions) -> set[str]:
    """The countries an article names itself: its places, and its actors other than armed
    groups and forces named by their function (whose codes are the link stage's guesses)."""
    named = {p.place.country for p in found.places.values() if p.place and p.place.country}
    for mention in found.actors.values():
        actor = mention.actor
        if not actor.code or actor.sector in coref.NON_STATE or forces.forces_name(actor.name):
            continue
        named.add(actor.code)
    return named


def _placed_forces(
    actors: list[Any], spans: list[Span], subject: Any, place: PlaceMention | None, found: Mentions
) -> tuple[list[Any], list[Span], list[Span]]:
    """A state's forces named by their function only ("regime forces shelled Kansafra in
    Idlib", "an operation by the army in North Waziristan"), where the article names no
    country for the link stage to give them: the forces of the state the act took place in
    (``place``: the act's own, else the article's).
    Returns the actors, their spans, and the spans of doers added here."""
    country = _country(place)
    if not country:
        return actors, spans, []
    coded = _coded_forces(actors, place, found)
    if coded or subject is None:
        return coded, spans, []
    owners = [c for c in subject.children if c.dep_ == "poss"]  # "the junta's aircraft"
    if subject.lemma_.lower() in forces.MACHINES:  # "regime warplanes", "junta jets"
        owners += [c for c in subject.children if c.dep_ == "compound"]
    head, state = next(
        ((t, s) for t in (subject, *owners) if (s := forces.state_forces(t)) is not None),
        (subject, None),
    )
    if (
        state is None
        and subject.dep_ == "compound"
        and (sector := forces.forces_name(subject.text))
    ):
        state = (subject.i, sector)  # "an army drone strike": the army's, though a modifier
    if state is None:
        return coded, spans, []
    span = found.token_span(list(subject.doc[state[0] : head.i + 1]))
    actor = Actor(code=country, name=span.text, kind="group", sector=state[1])
    return [actor], [span], [span]


def _doer_within(subject: Any) -> Any:
    """Who did a happening or sent a weapon told as the doer of a harm: "an attack by the
    RSF killed ...", "artillery shelling by the RSF killed ...", "a rocket fired by
    militants hit ..."; None for people ("soldiers trained by the US") and anything else."""
    if event_args.person(subject):
        return None
    if subject.lemma_.lower() in event_types.EVENT_NOUNS:
        found = event_args.noun_doer(subject)
        if found is not None:
            return found
    verbs = (c for c in subject.children if c.dep_ == "acl" and c.pos_ == "VERB")
    return next((doer for verb in verbs if (doer := event_args.by_agent(verb)) is not None), None)


def _caused(subject: Any, named: bool = False) -> bool:
    """Whether the grammatical doer is itself a happening or a state of affairs ("the test
    could strengthen the case", "the prospect raised alarms", "the toll rose"), whoever is
    named inside it ("the death toll from a Taliban bombing rose"); a happening with its doer
    named inside (``named``: "the deployment of NATO troops has arrived") is that doer's."""
    if subject is not None and subject.tag_ in ("WDT", "WP") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "the incident, which has sparked an investigation"
    if subject is None or subject.pos_ != "NOUN":
        return False
    lemma = subject.lemma_.lower()
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children)
    if indefinite and lemma in ("number", "couple", "handful", "lot"):
        return False  # "a number of ships fueled up": several ships, not a count
    if lemma in GENERIC_NOUNS or lemma in NOT_DOERS:
        return True
    return lemma in event_types.EVENT_NOUNS and not named


#: Forces of nature and illness: what they kill is a disaster, nobody's act.
NATURAL = frozenset(
    {"storm", "flood", "flooding", "earthquake", "quake", "cyclone", "typhoon", "hurricane"}
    | {"tornado", "landslide", "mudslide", "avalanche", "lightning", "heatwave", "drought"}
    | {"tsunami", "eruption", "rain", "downpour", "blizzard", "wildfire", "disease"}
    | {"outbreak", "cholera", "epidemic", "pandemic", "virus", "malaria", "measles"}
)


def _natural(noun: Any) -> bool:
    return noun is not None and noun.lemma_.lower() in NATURAL


def _causes(trigger: Any) -> list[Any]:
    """What a harm is said to come by, in or of: "killed by the storm", "died in the floods",
    "died of cholera", "killed in a landslide"."""
    links = [c for c in trigger.children if c.dep_ == "agent" or (
        c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "during"))]  # fmt: skip
    return [o for link in links for o in link.children if o.dep_ == "pobj"]


def _frees_people(trigger: Any) -> bool:
    """ "21 schoolgirls have been released", "the release of 21 of the girls": captives let
    go are a happening whoever let them go (the parties are often told elsewhere)."""
    if event_args.people_suffer(trigger):
        return True
    freed = event_args.of_objects(trigger)
    return trigger.pos_ == "NOUN" and any(event_args.person(o) for o in freed)


#: Act nouns that tell a killing by their meaning: a happening though nobody is named.
KILLINGS = frozenset(
    {"murder", "massacre", "killing", "assassination", "homicide", "lynching", "beheading"}
)


def _killing(noun: Any) -> bool:
    """An act noun that is a killing by its meaning, named as such ("another murder"), not
    a modifier of another noun ("a murder mystery", "murder charges")."""
    return noun.lemma_.lower() in KILLINGS and noun.dep_ != "compound"


#: Words that tell a violent act killed somebody, though no toll is given.
LETHAL = frozenset(
    {"deadly", "fatal", "lethal", "bloody", "murderous"}
    | {"deadlier", "deadliest", "bloodier", "bloodiest"}  # "the deadliest fighting in a month"
)


def _lethal(trigger: Any) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in LETHAL for c in trigger.children)


def _launch_only(
    event: str,
    trigger: Any,
    weapons: Sequence[Any],
    recipients: Sequence[Any],
    toll: bool,
    found: Mentions,
) -> bool:
    """ "fired a missile over Japan", "test-fired three missiles": a launch that hits nobody
    named and kills nobody is a show of force (MOBILIZE), not an attack."""
    if event != "ASSAULT" or recipients or toll or trigger.lemma_.lower() not in LAUNCH_VERBS:
        return False
    if _aimed_at_ground(trigger, found):
        return False
    kinds = " ".join(w.weapon.category.lower() for w in weapons)
    return "missile" in kinds or "rocket" in kinds


def _aimed_at_ground(trigger: Any, found: Mentions) -> bool:
    """ "fired a missile towards Marib city", "at a village", "at a cargo ship": aimed at a
    town, a position on the ground or a craft, a launch is an attack (a state it flies
    towards is ``_overflown``)."""
    near = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    preps = [c for t in near for c in t.children if c.dep_ == "prep" and c.lower_ in AIMED]
    heads = [o for c in preps for o in c.children if o.dep_ == "pobj"]
    return any(
        h.lemma_.lower() in event_args.SITES
        or h.lemma_.lower() in VEHICLES
        or _town(found.places.get(h.i))
        or (h.head.lower_ in STRUCK and _part_of_state(found.places.get(h.i)))
        for h in heads
    )


#: Prepositions of a launch that lands where it is aimed (not "towards", which may fall short).
STRUCK = frozenset({"at", "into", "on", "upon", "against"})


def _part_of_state(mention: PlaceMention | None) -> bool:
    """A part of a country ("northern Israel", "Kharkiv oblast"): ground, not a state a
    missile flies over."""
    place = mention.place if mention is not None else None
    return place is not None and place.precision in ("region", "admin1", "admin2")


def _town(mention: PlaceMention | None) -> bool:
    place = mention.place if mention is not None else None
    return place is not None and place.precision in ("city", "admin2")


def _overflown(
    trigger: Any, found: Mentions, actors: Sequence[Any]
) -> tuple[list[Any], list[Span]]:
    """The states a launched missile flies over or towards ("fired a missile over Japan's
    northern island", "test-fired a missile toward Japan"): the launch's recipients."""
    near = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    preps = [c for t in near for c in t.children if c.dep_ == "prep" and c.lower_ in OVERFLOWN]
    named: list[Any] = []
    spans: list[Span] = []
    for head in (o for c in preps for o in c.children if o.dep_ == "pobj"):
        for actor, span in zip(*event_args.phrase_actors(head, found), strict=True):
            if actor not in named and actor not in actors:
                named.append(actor)
                spans.append(span)
    return named, spans


def _recipients(
    trigger: Any, subject: Any, found: Mentions, draft: Draft
) -> tuple[list[Any], list[Span]]:
    heads = event_args.recipients_of(trigger, subject)
    if draft.content is not None and draft.actor_head is not None:  # a threat and its content
        word = draft.content
        heads = [event_args.subject_of(word) or word, *event_args.recipients_of(word, subject)]
        heads = [h for h in heads if h != word]  # who "will receive" it
        heads += event_speech.content_subjects(word)
    elif draft.event == "ACCUSE" and trigger.lemma_.lower() in event_speech.INFORMING:
        clauses = [c for c in trigger.children if c.dep_ == "ccomp"]  # "informed its allies
        heads = [s for c in clauses for s in c.children if s.dep_ == "nsubj"]  # that Iran ..."
    elif draft.event == "REQUEST" and trigger.lemma_.lower() in event_speech.PROPOSING:
        clauses = [c for c in trigger.children if c.dep_ == "ccomp"]  # "suggested countries
        heads = [s for c in clauses for s in c.children if s.dep_ == "nsubj"]  # conduct ..."
    elif draft.event == "REQUEST" and draft.actor_head is not None:
        heads = [c for c in trigger.children if c.dep_ == "nsubj"]  # "allies should allow"
    if trigger.lemma_.lower() in event_types.TRADING:
        heads = _destinations(trigger, heads)
    repeller = _turned_back_by(trigger)
    if repeller is not None:
        # "the army repulsed an attack by militants": the army was attacked, whatever the
        # attack's own words name ("on its post": the army's)
        heads = [h for h in [event_args.subject_of(repeller)] if h is not None] or heads
    actors: list[Any] = []
    spans: list[Span] = []
    for head in heads:
        if head.i in found.weapons:
            continue  # "with American weapons" is the means, not a recipient
        named, named_spans = event_args.phrase_actors(head, found)
        for actor, span in zip(named, named_spans, strict=True):
            if actor not in actors:
                actors.append(actor)
                spans.append(span)
    return actors, spans


def _destinations(trigger: Any, heads: list[Any]) -> list[Any]:
    """Goods moved "from Russian ports to North Korea" go to North Korea: where they come
    from is their origin, not who receives them (its "to" object stays); the goods ("smuggling
    Russian fuel") and where they change hands ("at sea") are no party either."""
    out: list[Any] = []
    for head in heads:
        own = head.dep_ == "pobj" and head.head.head == trigger
        if own and head.head.lower_ == "from":
            out.extend(event_args.prep_objects(head, ("to", "into")))
        elif not (own and head.head.lower_ == "at") and not event_types.goods_noun(head):
            out.append(head)
    return out


def _opposed(trigger: Any, found: Mentions) -> list[Span]:
    """The spans of whom a joint act is against ("joint operations against the ADF"): its
    target, not a partner."""
    heads = [o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "against"
             for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    return [s for h in heads for s in event_args.phrase_actors(h, found)[1]]


def _others(
    recipients: list[Any], spans: list[Span], actors: Sequence[Any], threat: bool
) -> tuple[list[Any], list[Span]]:
    """Recipients other than the actors; in a threat a speaker makes, other than the speaker's
    own state ("Kremlin spokesman Andrei Sokolov warned that Russia would respond": Russia is
    not the one threatened). Elsewhere a state may receive its own side's act (domestic events)."""
    own = {a.code for a in actors if a.code} if threat else set()
    kept = [
        (r, s)
        for r, s in zip(recipients, spans, strict=True)
        if r not in actors and not (r.kind == "state" and r.code in own)
    ]
    return [r for r, _ in kept], [s for _, s in kept]


def _givers(trigger: Any, found: Mentions) -> tuple[list[Any], list[Span]]:
    """Who gave what was received: "from X", or the maker named in the object ("Iranian-made")."""
    actors: list[Any] = []
    spans: list[Span] = []
    for child in trigger.children:
        if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ == "from"):
            for token in child.subtree:
                mention = found.actors.get(token.i)
                if mention is not None and mention.actor not in actors:
                    actors.append(mention.actor)
                    spans.append(mention.span)
    return actors, spans


def _subtree(token: Any) -> list[Any]:
    return list(token.subtree) if token is not None else []


def _evidence(
    place: PlaceMention | None, date: Any, weapons: Sequence[Any], found: Mentions, trigger: Any
) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    if place is not None:
        out.append(("location", place.span))
    if date is not None and date.span is not None:
        out.append(("date", date.span))
    out.extend(("weapon", w.span) for w in weapons)
    return out


def _with_tolls(events: list[Event], told: list[tuple[Any, Count]], sent: Any) -> list[Event]:
    """Tolls go to the sentence's violent event nearest to them (else its first event), but
    never to an act their clause sets before or after ("burned a house after a girl was found
    dead": the death is no toll of the burning)."""
    if not told or not events:
        return events
    out = list(events)
    at = {t.idx: t for t in sent}
    for word, count in told:
        where = at.get(count.span.start)
        free = [e for e in out if not coref.sequenced(where, at.get(e.text_info.trigger.start))]
        if not free:
            continue
        wanted = "COERCE" if count.kind == "arrested" else "ASSAULT"
        violent = [e for e in free if e.event == wanted] or [e for e in free if e.event in VIOLENT]
        violent = violent or free[:1]
        act = _participle_of(word)
        own = [e for e in violent if act is not None and e.text_info.trigger.start == act.idx]
        best = own[0] if own else min(
            violent, key=lambda e: abs(e.text_info.trigger.start - count.span.start)
        )  # fmt: skip
        i = out.index(best)
        size = (*out[i].size, count)
        args = (*out[i].text_info.arguments, ("size", count.span))
        out[i] = replace(out[i], size=size, text_info=replace(out[i].text_info, arguments=args))
    return out


def _participle_of(word: Any) -> Any:
    """The act a toll participle tells the result of: "stormed a village ..., killing at least
    40 people and wounding dozens" (the storming's, though another act is told nearer)."""
    while word is not None and word.tag_ == "VBG" and word.dep_ == "conj":
        word = word.head  # "... and wounding dozens": as "killing"
    if word is None or word.tag_ != "VBG" or word.dep_ != "advcl":
        return None
    return word.head if word.head.pos_ == "VERB" else None


MODES = (
    ("drone", ("drone", "uav", "loitering")),
    ("aerial", ("missile", "bomb", "aircraft", "helicopter", "air")),
    ("heavy-weapons", ("artillery", "howitzer", "tank", "rocket", "launcher", "vehicle")),
    ("explosives", ("explosive", "mine", "grenade", "ied")),
)


def _mode(event: str, weapons: Sequence[Any], trigger: Any) -> str | None:
    """ASSAULT modes from the weapons named (drone, aerial, heavy-weapons, explosives)."""
    if event != "ASSAULT":
        return None
    words = " ".join(w.weapon.category.lower() for w in weapons)
    words += " " + " ".join(c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound"))
    for mode, cues in MODES:
        if any(cue in words for cue in cues):
            return mode
    return "firearms" if trigger.lemma_.lower() in ("shoot", "gun") else None


def _context(cameo: str | None, weapons: Sequence[Any]) -> tuple[str, ...]:
    found = []
    if cameo is not None:
        raw = event_types.lexicon().crosswalk.get(cameo, ["", "", ""])[2]
        found = [c for c in raw.split(";") if c]
    if weapons and "military" not in found:
        found.append("military")
    return tuple(found)


def event_id(article_id: str, trigger: Span, event: str) -> str:
    """An event's id: its article, trigger and type, hashed."""
    key = f"{article_id}:{trigger.start}:{trigger.end}:{event}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def unique_ids(events: Iterable[Event]) -> tuple[Event, ...]:
    """The events with ids unique in the article: a repeated id gets an ordinal hashed in.

    Two events may share a trigger and a type (one verb telling two happenings); the first
    keeps its id, so ids stay stable for everything that already points at them.
    """
    seen: set[str] = set()
    done: list[Event] = []
    for event in events:
        key, ordinal = event.id, 1
        while key in seen:
            ordinal += 1
            key = hashlib.sha1(f"{event.id}#{ordinal}".encode()).hexdigest()[:16]
        seen.add(key)
        done.append(event if key == event.id else replace(event, id=key))
    return tuple(done)
