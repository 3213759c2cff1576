"""Event coreference inside one article: one record per happening, with all its mentions.

A wire story tells its lead happening several times: "authorizing ... the U.S. authorized ...
Biden's approval"; "slammed into ... the strike". Events are read in text order and each one
joins the latest earlier record it can be the same happening as, else starts a record:

- the same type, polarity that can be one happening (a claim and its denial can; a negated
  and an asserted one cannot) and the same modality (what was threatened is not what was done);
- parties that do not conflict: where both name actors (or recipients), one's are among the
  other's (by code, or by proper name when uncoded; a common noun such as "the soldiers" fits
  any party), and one's doer is not the other's target unless they share a doer (a joint
  act); weapons that do not conflict (missiles are not drones; "weapons" fits any kind);
- dates that do not conflict: where both have a date of their own, the stretches overlap and
  a day is never the same happening as a stretch of more than a month ("on Friday" is not
  "since 2022");
- and a link in the words: the same trigger lemma or one derived from the same stem
  ("supply" / "supplies", "authorize" / "authorization"), an anaphoric noun ("the attack",
  "this strike", "Biden's approval"), a definite doer of violence ("the attacker rammed"), a
  violent mention that names nobody in the same or the next sentence as a record ("the
  blast"; or a record that named nobody, then the named attack), two contents of
  permissions or requests with parties that fit (their dates are the asking's), or, for
  physical acts, the same actors and either the same recipients or the same kind of weapon
  (two statements of one speaker about one party are still two statements).

Also one happening: a series and the campaign the same doer wages in the same place ("its
attacks on Kharkiv" and "a Russian onslaught"); a statement and its speaker's words quoted
after it; a stance voiced while urging ("expressed concern, urging Iran to ...": the
request); an act doubted ("potential deliveries") and the same act asserted; people taken
and the abduction; a doer named again ("Russian vessels made transfers ... The vessels are
smuggling"). An unknown person's nationality is unknown: she fits the country named for
her.

Two things are never joined by nearness or by a shared word: what another act answers ("a
response to coalition air strikes", "a revenge attack for", "in retaliation for", and what
that act did: "... which killed 30 civilians") is an earlier, other happening, joined only by
"the strikes" or a possessor; and a series told in the plural with no determiner pointing
back ("air strikes", "its attacks on Kharkiv") is not the single act told beside it. A
relative clause on an event noun ("strikes which killed 30") tells that noun's happening.

The same verb by the same doer is one act even when the typer typed its mentions two ways.
A mention with a compound doer ("Both Germany and the U.S. authorized") is a mention of each
doer's own record when the article tells each doer's decision (else it is one joint act).
The record keeps the earliest mention's type, trigger and sentence in ``text_info`` (records
come in the order the text first tells them); its fields are
merged from all mentions: the parties, the most precise date, the first place, every weapon
and every toll (values that disagree are kept side by side), and the arguments' offsets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from wirewatch import quotemarks as marks
from wirewatch.gazetteer import km
from wirewatch.isodates import days
from wirewatch.records import Count, Event, PlaceMention, Span, TimeRef
from wirewatch.resources import word_list
from wirewatch.stages.events import args, places, tolls
from wirewatch.stages.events.types import GOODS, SNATCHING  # trade goods; taking people
from wirewatch.stages.parse import doc_text

#: Determiners that make an event noun refer back to a happening already told.
ANAPHORIC = frozenset({"the", "this", "that", "these", "those"})
#: Nouns for whoever did a violent act, which "the" makes one already met.
PERPETRATORS = frozenset(
    {"attacker", "assailant", "bomber", "gunman", "gunmen", "shooter", "perpetrator"}
    | {"hijacker", "kidnapper", "abductor", "militant", "suspect", "killer"}
)
#: Shortest shared beginning of two lemmas that counts as one stem ("deliver"/"delivery").
STEM = 5
#: A day-precision event is never the same happening as a stretch longer than this.
LONGEST_SAME = dt.timedelta(days=31)
POLARITY_PAIRS = frozenset({("asserted", "denied"), ("denied", "asserted")})
#: Acts in the world (not speech): the same parties and type make them one happening.
PHYSICAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT", "COOPERATE"})
#: Contents of a permission or a request: one record per content, whatever the wording.
UNREAL = frozenset({"hypothetical", "requested"})
#: Words for an act done in answer to another: "a response to coalition air strikes", "revenge
#: for", "in retaliation for": what they answer is a different, earlier happening.
ANSWERS = args.ANSWERS
#: Verbs whose object is the earlier happening answered ("avenge the raid").
ANSWERING = frozenset({"avenge", "retaliate", "respond", "answer"})
#: Weapon words that name no kind ("weapons", "munitions"): they fit any kind.
GENERIC_ARMS = frozenset({"weapon", "weapons", "munition", "munitions", "arms"})


@dataclass(frozen=True, slots=True)
class Seen:
    """What the comparisons read of one event, worked out once per article."""

    token: Any  # the trigger's head token (None when the offsets fit no token)
    sentence: int  # the number of its sentence
    arms: frozenset[str]  # the words of its weapons' categories
    answered: bool = False  # told as what another act answers (``_answered``)
    several: bool = False  # told as several acts ("air strikes", "attacks": ``_several``)
    goods: frozenset[str] = frozenset()  # goods its clause moves ("oil"), for trade
    doubted: bool = False  # told as possibly so ("potential deliveries": ``_doubted``)
    quoted: bool = False  # inside a quotation (``_quoted_again``)
    lemma: str = ""  # the trigger's lemma, people taken read as abducted (``_act_lemma``)
    doer: frozenset[str] = frozenset()  # the word its subject names the doer by (``_doer``)
    added: bool = False  # its victims told as more beside earlier ones ("also", ``_added``)


def merged(events: Sequence[Event], doc: Any) -> list[Event]:
    """The article's events with every happening told more than once made one record."""
    starts = [s.start for s in doc.sents]
    text = doc_text(doc)
    quotations = marks.spans(text) if events else ()
    seen = {e.id: _seen(e, doc, starts, quotations) for e in events}
    groups: list[list[Event]] = []
    for event in events:
        near = seen[event.id].sentence - REACH
        links = [
            (_link(g[-MEMBERS:], event, seen), n)
            for n, g in enumerate(groups)
            if seen[g[-1].id].sentence >= near
        ]
        words = [n for link, n in links if link == WORDS]
        parties_ = [n for link, n in links if link == PARTIES]
        kin = [n for n in words if _kin(groups[n], event, seen)]
        if words:
            # the latest record the words point back to; "the killings" to the killing
            groups[(kin or words)[-1]].append(event)
        elif parties_:
            groups[parties_[0]].append(event)  # else the first with the same parties
        else:
            groups.append([event])
    shared = frozenset(_shared(groups, seen))
    added = frozenset(e.id for e in events if seen[e.id].added)
    records = [
        _record(group, shared, _asking(group, seen), _tallied(group, added, text))
        for group in groups
        if group
    ]
    return sorted(records, key=lambda e: e.text_info.trigger.start)  # in the order told


def _kin(group: list[Event], event: Event, seen: Facts) -> bool:
    """Whether a record has a mention of the event's own stem ("killed" for "the killings")."""
    token = seen[event.id].token
    if token is None:
        return False
    lemma = token.lemma_.lower()
    return any((t := seen[m.id].token) is not None and _kindred(t.lemma_.lower(), lemma)
               for m in group)  # fmt: skip


def _kindred(a: str, b: str) -> bool:
    """One stem: "kill" and "killing", "deliver" and "delivery"."""
    short, long_ = sorted((a, b), key=len)
    return _same_stem(a, b) or (len(short) >= 4 and long_.startswith(short))


def _shared(groups: list[list[Event]], seen: Facts) -> set[str]:
    """Mentions with a compound doer that tell each doer's own happening ("Both Germany and
    the U.S. authorized ...", when Germany's and the U.S.'s decisions are each told): such a
    mention joins every other record of its type whose doers are among its own, and a record
    left with nothing else goes. Returns the ids of the mentions so shared."""
    shared: set[str] = set()
    for group in groups:
        for event in list(group):
            owners = [h for h in groups if h and h is not group and _owns(h, event, seen)]
            others = [e for e in group if e is not event]  # it may have joined one doer's
            owned = [codes(_first(e.actor for e in h)) for h in [*owners, others] if h]
            if not owners or frozenset().union(*owned) != codes(event.actor):
                continue  # a joint act ("Jordan and Britain agreed") unless each doer's is told
            for owner in owners:
                owner.append(event)
            shared.add(event.id)
            if len(group) == 1:
                group.clear()
    return shared


def _owns(group: list[Event], event: Event, seen: Facts) -> bool:
    """Whether a record is one doer's part of a compound-doer mention of the same kind."""
    mine, theirs = codes(event.actor), codes(_first(e.actor for e in group))
    return (
        len(mine) > 1
        and bool(theirs)
        and theirs < mine
        and group[0].event == event.event
        and event not in group
        and all(_compatible(m, event, seen, timed=False) for m in group)
    )  # (the doers' decisions may have dates of their own: the mention dates neither)


#: Sentences back a record is looked for: more than any news article tells one happening
#: across, and what keeps the stage linear on a text of thousands of sentences.
REACH = 120
#: A record's latest mentions a new one is checked against: more than any happening gets in
#: one news article; a text repeating one sentence thousands of times stays linear.
MEMBERS = 24


def _seen(
    event: Event, doc: Any, starts: list[int], quotations: Sequence[tuple[int, int]] = ()
) -> Seen:
    trigger = event.text_info.trigger
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    token = span.root if span is not None else None
    sentence = bisect.bisect_right(starts, token.i) - 1 if token is not None else -1
    categories = [m.weapon.category.lower() for m in event.weapons]
    categories = [c for c in categories if c not in GENERIC_ARMS]
    arms = frozenset(w for c in categories for w in re.findall(r"[a-z]+", c))
    if token is None:
        return Seen(token, sentence, arms)
    goods = frozenset(
        t.lemma_.lower() for t in token.subtree if t.lemma_.lower() in GOODS
    ) if event.event == "COOPERATE" else frozenset()  # fmt: skip
    at = bisect.bisect_right(quotations, token.idx, key=lambda q: q[0]) - 1
    quoted = at >= 0 and quotations[at][0] <= token.idx < quotations[at][1]
    return Seen(
        token, sentence, arms, _answered(token), _several(token), goods, _doubted(token),
        quoted, _act_lemma(token), _doer(token), _added(token),
    )  # fmt: skip


#: Words that doubt whether an act took place, not whether it may ("potential deliveries").
DOUBTS = frozenset({"potential", "possible", "probable", "likely", "suspected", "presumed"})


def _doubted(token: Any) -> bool:
    """ "concerns of potential Iranian ballistic missile deliveries": an act noun doubted, not
    permitted or asked for; said beside the same act asserted, it is that act."""
    return token.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "advmod") and c.lower_ in DOUBTS for c in token.children
    )


WORDS, PARTIES = 2, 1
Facts = dict[str, Seen]


def _link(group: list[Event], event: Event, seen: Facts) -> int:
    """How ``event`` is tied to a record: by its words, by its parties, or not (0)."""
    if all(_compatible(member, event, seen) for member in group):
        if all(_bare(m) for m in group) and _near(group[-1], event, seen):
            return WORDS  # "Dozens were hurt in the assault. A truck bomb hit the consulate"
        return max(_linked(member, event, seen) for member in group)
    if any(_same_act(m, event, seen) or _said_with(m, event, seen) for m in group) and all(
        _compatible(m, event, seen, same_type=False) for m in group
    ):
        return WORDS
    return 0


#: Verbs that voice a stance named by their object ("expressed deep concern").
VOICING = frozenset({"express", "voice", "reiterate", "convey"})


def _said_with(a: Event, b: Event, seen: Facts) -> bool:
    """One statement told by a verb and an "-ing" clause of speech hung on it with no subject
    of its own: "expressed deep concern over the issue, urging Iran to cease ..."."""
    first, second = seen[a.id].token, seen[b.id].token
    if first is None or second is None or PHYSICAL & {a.event, b.event}:
        return False
    if not codes(a.actor) or codes(a.actor) != codes(b.actor):
        return False
    for verb, participle in ((first, second), (second, first)):
        if participle.head == verb and participle.tag_ == "VBG" and participle.dep_ == "advcl":
            return not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in participle.children)
    return False


def _asking(group: list[Event], seen: Facts) -> Event | None:
    """The request a voiced stance was said with, which tells the statement: "expressed deep
    concern ..., urging Iran to cease" is a request, its concern the reason given."""
    voiced = [e for e in group if (t := seen[e.id].token) is not None
              and t.lemma_.lower() in VOICING]  # fmt: skip
    asks = [e for e in group if e.event == "REQUEST" and e.modality == "actual"]
    return next((r for r in asks for v in voiced if _said_with(v, r, seen)), None)


def _near(a: Event, b: Event, seen: Facts) -> bool:
    """A physical act told in the same or the next sentence as ``a``; nearness does not join
    what an act answers, nor a series to a single act told beside it."""
    one, other = seen[a.id], seen[b.id]
    close = 0 <= other.sentence - one.sentence <= 1
    apart = one.answered or other.answered or one.several or other.several
    return b.event in PHYSICAL and close and not apart


def _answered(token: Any) -> bool:
    """A mention of what another act answers: "a response to coalition air strikes", "revenge
    for", "came in retaliation for a raid", "to avenge the raid", and what that act did ("a
    response to air strikes ... which killed 30 civilians"): an earlier, other happening."""
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ANSWERING:
        return True
    if token.dep_ in ("relcl", "acl") and token.head.pos_ == "NOUN":
        return token.head.lemma_.lower() in ANSWERS or _answered(token.head)
    if token.dep_ != "pobj" or token.head.lower_ not in ("to", "for", "against", "over"):
        return False
    governor = token.head.head
    if governor.lemma_.lower() in ANSWERS | ANSWERING:
        return True  # "a response to ...", "revenge for ...", "retaliated for ..."
    kind = (c.lemma_.lower() for c in governor.children if c.dep_ in ("amod", "compound"))
    if any(k in ANSWERS or k.startswith("retaliat") for k in kind):
        return True  # "a revenge attack for US air strikes", "retaliatory raids for ..."
    beside = (o for c in governor.children if c.dep_ == "prep" for o in c.children)
    return any(o.dep_ == "pobj" and o.lemma_.lower() in ANSWERS for o in beside)


def _relative_on(verb: Any, noun: Any) -> bool:
    """A relative clause telling what an event noun's act did ("air strikes which killed 30
    civilians"; also when the parser hangs it on the answer: "a response to air strikes ...
    which killed")."""
    if verb.dep_ not in ("relcl", "acl") or noun.pos_ != "NOUN":
        return False
    head = verb.head
    if head == noun:
        return True
    if verb.lemma_.lower() in HARMS and head in noun.subtree and head != noun:
        # "an attack on a post in Djibo that killed 15 soldiers": a post or a town kills
        # nobody; the attack did
        return head.pos_ == "PROPN" or head.lemma_.lower() in args.SITES
    if head.lemma_.lower() not in ANSWERS:
        return False
    return any(o == noun for c in head.children if c.dep_ == "prep" for o in c.children)


#: Prepositions by which a harm is told as suffered in an act ("killed in the attack").
SUFFERED = frozenset({"in", "during", "by"})


def _suffered_in(verb: Any, act: Any) -> bool:
    """ "Two soldiers were killed in an ambush", "wounded in shelling", "killed 100 militants
    in airstrikes": the harm and the act it was suffered in are one happening."""
    if act.dep_ not in ("pobj", "pcomp") or act.head.dep_ not in ("prep", "agent"):
        return False
    held = act.head.head  # the verb, or its victims the parser hung the phrase on ("killed
    # over 100 terrorists in airstrikes")
    on_verb = held == verb or (held.dep_ in ("dobj", "conj") and held.head == verb)
    # (or a harm joined to it: "two were killed and three wounded in a PKK attack")
    return act.head.lower_ in SUFFERED and on_verb and verb.pos_ == "VERB"


def _harmed_when(harm: Any, act: Any) -> bool:
    """ "Two soldiers were wounded when a missile hit their position": a harm and the act
    its "when" clause tells are one happening."""
    if harm.lemma_.lower() not in HARMS or act.dep_ != "advcl" or act.head != harm:
        return False
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as") for c in act.children)


#: Verbs whose participle after an attack tells where it landed or what it did.
LANDING = frozenset({"hit", "strike", "damage", "destroy", "target", "wreck", "level", "raze"})


def _result_of(verb: Any, participle: Any) -> bool:
    """ "Russia launched drones at Ukraine, hitting energy facilities": a participle of impact
    hung on the act tells the act's own blow."""
    return (
        participle.tag_ == "VBG"
        and participle.dep_ in ("advcl", "xcomp", "conj")
        and participle.head == verb
        and participle.lemma_.lower() in LANDING
    )


def _elaborates(act: Any, participle: Any) -> bool:
    """ "passed sanctions on North Korea, banning its oil imports", "police raided the house,
    detaining two men": an "-ing" clause (or an infinitive of purpose) with no subject of its
    own, hung on the act's verb (or on the light verb whose object names the act), tells more
    of the same act; so does one joined to it ("killing two and abducting others")."""
    purpose = participle.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in participle.children
    )  # "launched missiles at Kyiv to hit power stations": the aim of the same act
    if participle.tag_ == "VBG" and participle.dep_ == "conj" and participle.head != act:
        return _elaborates(act, participle.head)  # "..., killing 8 and abducting others"
    if (participle.tag_ != "VBG" and not purpose) or participle.dep_ != "advcl":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in participle.children):
        return False  # "..., with police detaining two": its own doer; "while", "after": a time
    named = act.pos_ == "NOUN" and act.dep_ in ("dobj", "nsubjpass")
    return participle.head == act or (named and participle.head == act.head)


def _conjoined(first: Any, later: Any) -> bool:
    """Two verbs of one doer joined by "and" (the second with no subject of its own), or the
    light verb of an act noun and such a verb: "raided a house and arrested two men"."""
    verb = first.head if first.pos_ == "NOUN" and first.dep_ == "dobj" else first
    return (
        later.dep_ == "conj"
        and later.head == verb
        and later.pos_ == "VERB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in later.children)
    )


def _joined_harm(first: Any, later: Any) -> bool:
    """ "was beaten and set alight", "shot and burned the driver": harms joined by "and",
    the later with no subject of its own, befall the same victim in one act."""
    if later.dep_ != "conj" or later.head != first or later.pos_ != "VERB":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in later.children)


def _told_by(verb: Any, noun: Any) -> bool:
    """ "An airstrike hit a market", "the shelling destroyed homes": an event noun that is
    the subject of an event verb is that verb's act."""
    event_noun = noun.pos_ == "NOUN" or noun.tag_ == "VBG"  # "Fighting ... killed 40"
    return bool(event_noun and noun.dep_ == "nsubj" and noun.head == verb)


#: Harms a passive tells without a doer ("11 soldiers were killed"): an attack's toll.
HARMS = frozenset({"kill", "wound", "injure", "hurt", "die", "martyr"})


#: Verbs by which a doer tells what its act did: "claimed to have killed", "said it killed".
CLAIMING = frozenset({"claim", "say", "announce", "report"})


def _own_toll(a: Event, b: Event, token: Any) -> bool:
    """A harm its doer claims, by the doer of the act told before: the act's toll as the
    doer tells it ("Al Shabaab ambushed a convoy. The group claimed to have killed 20")."""
    if token.lemma_.lower() not in HARMS or token.dep_ not in ("xcomp", "ccomp"):
        return False
    doers = codes(b.actor)
    return token.head.lemma_.lower() in CLAIMING and bool(doers) and doers == codes(a.actor)


def _undone_harm(token: Any) -> bool:
    """ "11 soldiers were killed", "three died", "4 fatalities were reported": a harm told
    with nobody doing it."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in tolls.DEATHS:
        return any(c.dep_ == "nummod" for c in token.children)
    if token.lemma_.lower() not in HARMS or token.pos_ != "VERB":
        return False
    if token.lemma_.lower() == "die":
        return True
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    return passive and not any(c.dep_ == "agent" for c in token.children)


def _several(token: Any) -> bool:
    """Acts told as a series with no determiner pointing back ("air strikes", "attacks",
    "its attacks on Kharkiv": a possessor says whose series, not which act), or by a verb
    told as repeated ("transferred oil on several occasions", "struck three times",
    "repeatedly shelled")."""
    if token.pos_ == "VERB":
        return _repeated(token) or _ongoing(token)
    if token.pos_ != "NOUN" or token.tag_ not in ("NNS", "NNPS"):
        return False
    return not any(c.dep_ == "det" and c.lower_ in ANAPHORIC for c in token.children)


#: Words that tell an act as done again and again.
REPEATED = frozenset({"repeatedly", "again", "regularly", "routinely"})


def _ongoing(verb: Any) -> bool:
    """ "Russian military assets targeting the region": what many are doing, told to say who
    they are, is a course of acts."""
    head = verb.head
    return verb.tag_ == "VBG" and verb.dep_ == "acl" and head.tag_ in ("NNS", "NNPS")


def _repeated(verb: Any) -> bool:
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in REPEATED:
            return True  # "repeatedly shelled"
        if child.dep_ in ("npadvmod", "advmod") and child.lemma_.lower() == "time":
            return any(c.dep_ in ("nummod", "amod", "quantmod") for c in child.children)
        if child.dep_ == "prep" and child.lower_ == "on":
            occasions = (o for o in child.children if o.lemma_.lower() == "occasion")
            if any(o.tag_ == "NNS" for o in occasions):
                return True  # "on several occasions"
    return False


def _same_act(a: Event, b: Event, seen: Facts) -> bool:
    """The same verb by the same doer, typed two ways ("China opposes ..." thrice)."""
    first, second = seen[a.id].token, seen[b.id].token
    if first is None or second is None or not codes(a.actor):
        return False
    return first.lemma_.lower() == second.lemma_.lower() and codes(a.actor) == codes(b.actor)


def _compatible(
    a: Event, b: Event, seen: Facts, same_type: bool = True, timed: bool = True
) -> bool:
    return (
        (a.event == b.event or not same_type)
        and (_same_reality(a.modality, b.modality) or _doubted_same(a, b, seen))
        and (a.polarity == b.polarity or (a.polarity, b.polarity) in POLARITY_PAIRS)
        and _same_parties(parties(a.actor), parties(b.actor))
        and _same_parties(parties(a.recipient), parties(b.recipient))
        and not (
            _reversed(a, b)
            and not _mutual(a, b, seen)
            and not _own_losses(a, b, seen)
            and not _both_sides_lost(a, b)
        )
        and not _other_sides(a, b)
        and not sequenced(seen[a.id].token, seen[b.id].token, a.event == b.event)
        and not separate(seen[a.id].token, seen[b.id].token)
        and not _other_arms(a, seen[a.id].arms, seen[b.id].arms)
        and not _far_apart(a.event_loc, b.event_loc)
        and (_unreal(a, b) or not timed or _same_time(a.date, b.date) or _found_after(a, b, seen))
    )


#: Towns farther apart than this are two places: what befell each is its own happening
#: ("tear gas in Nairobi ... two people shot dead in Kisumu").
APART_KM = 50.0
TOWNS = frozenset({"city", "point"})


def _far_apart(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return False
    one, other = a.place, b.place
    if one.precision not in TOWNS or other.precision not in TOWNS:
        return False
    return km(one.lat, one.lon, other.lat, other.lon) > APART_KM


def _other_sides(a: Event, b: Event) -> bool:
    """Doers on two different sides ("al Shabaab stormed a hotel ... security forces ended the
    siege, killing the attackers"): two acts, whatever words they share."""
    one, other = sides(a.actor), sides(b.actor)
    return bool(one and other) and not one & other


def _reversed(a: Event, b: Event) -> bool:
    """One's doer is the other's target, and they share no doer (in a joint act each party
    is both: "joint exercises" of China and Russia, told twice, are one)."""
    if sides(a.actor) & sides(b.actor):
        return False
    return bool(sides(a.actor) & sides(b.recipient) or sides(a.recipient) & sides(b.actor))


#: Words that put one clause's act before or after another's: two moments, two happenings.
SEQUENCE = frozenset({"after", "before", "until", "since", "following", "once"})


def sequenced(one: Any, other: Any, same_type: bool = False) -> bool:
    """ "Residents blocked a road after two people were killed by gunmen": an act told in a
    clause that sets it before or after the other act is not that act. A harm told first is
    the act's result, not another happening: "two people were killed after a bomber crashed a
    truck into the consulate"."""
    if one is None or other is None or one.sent != other.sent:
        return False
    for inner, outer in ((one, other), (other, one)):
        if outer.lemma_.lower() in HARMS:
            continue
        if same_type and inner.lemma_.lower() not in HARMS:
            continue  # "a bomber blew himself up before gunmen opened fire": one attack told
        token = inner
        while token.head != token and token != outer:
            marked = token.dep_ in ("advcl", "pcomp") and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in SEQUENCE for c in token.children
            )
            prep = token.dep_ == "pcomp" and token.head.lower_ in SEQUENCE
            if (marked or prep) and outer in token.head.subtree and outer not in token.subtree:
                return True
            token = token.head
    return False


#: Words that open a sentence telling another happening than the ones before it: "In a
#: separate incident, ...", "Elsewhere, ...", "On the same day, ...", "In another attack, ...".
SEPARATE = re.compile(
    r"\b(?:separate|separately|elsewhere|another|unrelated|same day|later that day|also on)\b"
)


def separate(one: Any, other: Any) -> bool:
    """Whether the later of two mentions opens a sentence of its own with words that set it
    apart ("militants attacked a village in Borno. On the same day, gunmen kidnapped four
    farmers": two happenings)."""
    if one is None or other is None or one.sent == other.sent:
        return False
    return _set_apart(max(one, other, key=lambda t: t.i).sent)


def _set_apart(sent: Any) -> bool:
    """Whether a sentence opens with words that set it apart, up to a comma near its start
    (read once per sentence: merging asks for every pair of mentions)."""
    memo = sent.doc.user_data.setdefault("wirewatch.set_apart", {})
    if sent.start not in memo:
        opening = next((t for t in sent[:9] if t.text == ","), None)
        head = sent[: opening.i - sent.start].text.lower() if opening is not None else ""
        memo[sent.start] = bool(head and SEPARATE.search(head))
    return bool(memo[sent.start])


#: Fights in which both sides strike and suffer.
MUTUAL = frozenset({"clash", "fight", "battle", "skirmish", "exchange", "fighting", "gunfight"})


def _mutual(a: Event, b: Event, seen: Facts) -> bool:
    """ "LNA forces clashed with a militia; two LNA soldiers died": in a fight the doer's side
    suffers too, so harm done by nobody named, or by one of the fight's sides ("clashes
    with security forces killed 30"), is the fight's."""
    for one, other in ((a, b), (b, a)):
        token = seen[one.id].token
        if token is None or token.lemma_.lower() not in MUTUAL:
            continue
        fighting = sides(one.actor) | sides(one.recipient)
        if not other.actor or (sides(other.actor) and sides(other.actor) <= fighting):
            return True
    return False


#: Days after an act within which more of its victims are found ("Eight more bodies were
#: recovered the next day").
FOUND_WITHIN = 7


def _found_after(a: Event, b: Event, seen: Facts) -> bool:
    """A harm by nobody named, told as more victims beside an act's ("also", "more"), dated a
    few days after it: more of the act's victims found later, not another happening."""
    first, later = (a, b) if seen[b.id].sentence >= seen[a.id].sentence else (b, a)
    if later.actor or not seen[later.id].added:
        return False
    one, other = _stretch(first.date), _stretch(later.date)
    if one is None or other is None:
        return False
    return dt.timedelta(0) <= other[0] - one[1] <= dt.timedelta(days=FOUND_WITHIN)


def _both_sides_lost(a: Event, b: Event) -> bool:
    """ "Army forces repelled a Houthi attack. Four soldiers and six Houthis were killed": a
    harm done by nobody named that befell both sides of an act is that act's toll."""
    for one, other in ((a, b), (b, a)):
        doers, targets = sides(one.actor), sides(one.recipient)
        if not other.actor and doers and targets and doers | targets <= sides(other.recipient):
            return True
    return False


def _own_losses(a: Event, b: Event, seen: Facts) -> bool:
    """ "Rebels raided a camp, killing four soldiers. Six rebels were also killed": a harm
    done by nobody named, told as more victims of what came before, is the act's, though
    its victims are the doers' own side. So is such a harm told right after the act that
    befell its doers' side alone ("Militants stormed an army base. The army said 12
    militants were killed": the attackers' losses in it)."""
    earlier, later = (a, b) if seen[b.id].sentence >= seen[a.id].sentence else (b, a)
    if later.actor:
        return False
    if seen[later.id].added:
        return True
    victims, doers = sides(later.recipient), sides(earlier.actor)
    close = seen[later.id].sentence - seen[earlier.id].sentence <= 1
    return close and bool(victims) and victims <= doers


def _unreal(a: Event, b: Event) -> bool:
    """Both are contents of a permission or request: their dates are the asking's, not theirs."""
    return a.modality in UNREAL and b.modality in UNREAL


def _doubted_same(a: Event, b: Event, seen: Facts) -> bool:
    """An act told as possibly done and the same act told as done (see ``_doubted``)."""
    pair = {a.modality, b.modality}
    doubted = seen[a.id] if a.modality == "hypothetical" else seen[b.id]
    return pair == {"actual", "hypothetical"} and doubted.doubted


def _same_reality(a: str, b: str) -> bool:
    """What was done is not what was permitted or asked for; a permitted strike and the
    strike asked permission for are one content."""
    return a == b or {a, b} <= UNREAL


#: Sectors of armed groups outside the state: a side of their own beside their country's.
NON_STATE = frozenset({"REB", "INS", "CRM", "SEP", "OPP"})


def sides(actors: Sequence[Any]) -> frozenset[str]:
    """Codes, with a country's armed groups a side apart from its state ("JNIM militants
    ambushed a Malian army patrol": both MLI, two sides)."""
    return frozenset(a.code + ("/armed" if a.sector in NON_STATE else "") for a in actors if a.code)


def codes(actors: Sequence[Any]) -> frozenset[str]:
    return frozenset(a.code for a in actors if a.code)


def parties(actors: Sequence[Any]) -> frozenset[str]:
    """Who takes part: codes, and the proper names of actors the link stage could not code
    (a common noun, "the soldiers", "gunmen", says not whose they are: it fits any party).
    An uncoded person's name is marked ``PERSON``-first (see ``_same_parties``)."""
    return frozenset(
        a.code or (PERSON if a.kind == "person" else "") + a.name.lower()
        for a in actors
        if a.code or _proper(a.name)
    )


#: The mark of a person the link stage could not code in ``parties``.
PERSON = "person:"


def _proper(name: str) -> bool:
    """A name, not a common noun capitalised where it opens a sentence ("Two attackers were
    also killed", "Gunmen abducted ..."): a later word is capitalised, or the first is no
    everyday word."""
    words = [w for w in name.split() if w.lower() not in ("the", "a", "an")]
    if not words:
        return False
    first, *rest = words
    if any(w[:1].isupper() for w in rest):
        return True
    common = word_list("lowercase_words.txt")
    key = first.lower()
    return first[:1].isupper() and key not in common and key.removesuffix("s") not in common


def _other_arms(a: Event, one: frozenset[str], other: frozenset[str]) -> bool:
    """Physical acts with weapons of no common kind ("ballistic missile", "attack drone")."""
    if a.event not in PHYSICAL:
        return False  # the weapons in a request or a threat are what it is about
    return bool(one and other) and not one & other


def _same_parties(a: frozenset[str], b: frozenset[str]) -> bool:
    """Parties that can be one happening's: one mention may name fewer of them ("China
    opposes the launches" / "China opposes the launches against UN resolutions"). A person
    the link stage could not code is of a nationality unknown: named on one side only, she
    fits the other's country ("Ahed Tamimi was charged" / "a Palestinian girl indicted");
    two persons named differently are two."""
    if a <= b or b <= a:
        return True
    mine, theirs = _persons(a), _persons(b)
    if mine and not theirs:
        a = a - mine
    elif theirs and not mine:
        b = b - theirs
    else:
        return False
    return a <= b or b <= a


def _persons(found: frozenset[str]) -> frozenset[str]:
    return frozenset(p for p in found if p.startswith(PERSON))


def _same_time(a: TimeRef | None, b: TimeRef | None) -> bool:
    one, other = _stretch(a), _stretch(b)
    if one is None or other is None:
        return True
    if one[1] < other[0] or other[1] < one[0]:
        return False
    day = dt.timedelta(0)
    spans = (one[1] - one[0], other[1] - other[0])
    return not (min(spans) == day and max(spans) > LONGEST_SAME)


def _stretch(ref: TimeRef | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a date of the event's own (not the publication fallback)."""
    if ref is None or ref.value is None or ref.precision in (None, "publication"):
        return None
    return days(ref.value)


def _linked(a: Event, b: Event, seen: Facts) -> int:
    one, other = seen[a.id], seen[b.id]
    if one.token is None or other.token is None:
        return 0
    if _anaphoric(other.token) or _relative_on(other.token, one.token):
        return WORDS
    if b.event in PHYSICAL and (
        _suffered_in(one.token, other.token) or _suffered_in(other.token, one.token)
    ):
        return WORDS  # "killed in an attack", "wounded in shelling by Ukrainian troops"
    if b.event in PHYSICAL and (
        _harmed_when(one.token, other.token) or _harmed_when(other.token, one.token)
    ):
        return WORDS  # "were wounded when a missile hit their position"
    if b.event in PHYSICAL and (
        _result_of(one.token, other.token) or _result_of(other.token, one.token)
    ):
        return WORDS  # "launched 40 drones at Ukraine, hitting energy facilities": one attack
    if a.event == b.event and (
        _elaborates(one.token, other.token) or _elaborates(other.token, one.token)
    ):
        return WORDS  # "passed sanctions on North Korea, banning 90 percent of its imports"
    if (
        a.event == b.event
        and b.event in PHYSICAL
        and (_joined_harm(one.token, other.token) or _joined_harm(other.token, one.token))
    ):
        return WORDS  # "a thief was beaten and set alight by residents": one attack
    if a.event == b.event and b.event in PHYSICAL and _conjoined(one.token, other.token):
        return WORDS  # "conducted a search operation in Kech and arrested five suspects"
    told = _told_by(one.token, other.token) or _told_by(other.token, one.token)
    if b.event in PHYSICAL and told:
        return WORDS  # "an airstrike hit a market": the verb tells what the noun's act did
    if one.answered or other.answered:
        return 0  # what an act answers is joined only by "the" or a possessor
    if b.event in PHYSICAL and _campaign_told(a, b, seen):
        return PARTIES  # "Kharkiv has endured a Russian onslaught" ... "its attacks on Kharkiv"
    harm = a.event == "ASSAULT" and _undone_harm(other.token) and not codes(b.actor)
    harm = harm or (a.event == "ASSAULT" and _own_toll(a, b, other.token))
    if harm and 0 <= other.sentence - one.sentence <= 1:
        return WORDS  # "militants ambushed a patrol; 11 soldiers were killed"; "... The
        # group claimed to have killed 20 soldiers" (the doer's own toll of its act)
    if a.event in SUFFERING and a.event == b.event and _same_victims(one.token, other.token):
        return WORDS  # "assaulting a pair of Israeli soldiers ... slapping the soldiers"
    stem = _same_stem(one.lemma, other.lemma)
    if stem and not _new(other.token) and not (other.several and not one.several):
        return WORDS  # ("frequent attacks since 2007" is a series, not "the attack")
    if b.event in PHYSICAL and _known_doer(other.token, PERPETRATORS | one.arms | one.doer):
        return WORDS  # "the suicide attacker rammed ...", "... The bomb hit a building"
    if _bare(b) and _near(a, b, seen):
        return WORDS  # "... the blast", "gunfire" in the same or the next sentence
    if a.modality in UNREAL and b.modality in UNREAL:
        return PARTIES  # what Ukraine may hit, asked to hit, is one content
    if _quoted_again(a, b, seen):
        return PARTIES  # "Russia condemned the launch ..." ... "We strongly criticize ..."
    if one.goods & other.goods:
        return PARTIES  # "allowing oil to go into North Korea" ... "selling oil to North Korea"
    denier = codes(b.actor)
    if b.polarity == "denied" and b.event in PHYSICAL and denier and denier <= codes(a.actor):
        return PARTIES  # "The RSF denied targeting civilians": the attack told before
    if a.event not in PHYSICAL or not codes(a.actor) or codes(a.actor) != codes(b.actor):
        return 0
    if codes(a.recipient) and codes(a.recipient) == codes(b.recipient):
        return PARTIES
    shared = (
        one.arms & other.arms
    )  # "supplied ballistic missiles" ... "sent ... ballistic missiles"
    return PARTIES if shared and codes(a.recipient) | codes(b.recipient) else 0


#: Nouns for a campaign of many acts, which a series by the same doer in the same place tells.
CAMPAIGNS = frozenset({"onslaught", "offensive", "campaign", "bombardment", "blitz"})
#: How far a series' place may be from its campaign's (a region's centre and a town in it).
CAMPAIGN_KM = 100.0


def _campaign_told(a: Event, b: Event, seen: Facts) -> bool:
    """A series ("its attacks on Kharkiv", "assets targeting the region") and a campaign ("a
    Russian onslaught" on Kharkiv) by the same doer, in the same place where both say one:
    both are many acts, one happening. (A single act is never joined to a campaign this
    way: it is one act of it.)"""
    if not codes(a.actor) or codes(a.actor) != codes(b.actor):
        return False
    one, other = seen[a.id], seen[b.id]
    if one.token is None or other.token is None:
        return False
    lemmas = (one.token.lemma_.lower(), other.token.lemma_.lower())
    series = (lemmas[0] in CAMPAIGNS and other.several) or (lemmas[1] in CAMPAIGNS and one.several)
    placed = [m.place for m in (a.event_loc, b.event_loc) if m is not None and m.place]
    if not series:
        return False
    if len(placed) < 2:
        return True  # ("assets targeting the region": the campaign's place, not another)
    first, second = placed
    return km(first.lat, first.lon, second.lat, second.lon) <= CAMPAIGN_KM


def _quoted_again(a: Event, b: Event, seen: Facts) -> bool:
    """A statement told, then quoted in its speaker's words: "Russia strongly condemned the
    launch ..." ... "We strongly criticize such provocative actions," Peskov said. A stance
    (not an act in the world) of the same type by the same party, the later one inside
    quotation marks, is the same statement."""
    if a.event in PHYSICAL or not codes(a.actor) or codes(a.actor) != codes(b.actor):
        return False
    one, other = seen[a.id].token, seen[b.id].token
    if one is None or other is None or other.i < one.i:
        return False
    return seen[b.id].quoted and not seen[a.id].quoted


#: Acts that befall somebody, whom a later mention names again as "the soldiers" (captives
#: released are named again too: "21 schoolgirls ... released" ... "handed the 21 girls").
SUFFERING = frozenset({"ASSAULT", "COERCE", "RETREAT"})


def _same_victims(first: Any, later: Any) -> bool:
    """Whether the later mention's victims are the earlier's named again with "the" or a
    possessor ("a pair of Israeli soldiers" ... "slapping the soldiers"): one happening."""
    earlier = {v.lemma_.lower() for v in _victims(first) if v.pos_ in ("NOUN", "PROPN")}
    again = [
        v
        for v in _victims(later)
        if v.pos_ in ("NOUN", "PROPN") and any(_same_noun(v.lemma_.lower(), e) for e in earlier)
    ]
    return any(_anaphoric_det(c) for v in again for c in v.children)


def _same_noun(a: str, b: str) -> bool:
    """One word, or one a compound of the other ("schoolgirl" and "girl")."""
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 4 and long_.endswith(short))


def _anaphoric_det(child: Any) -> bool:
    return (child.dep_ == "det" and child.lower_ in ANAPHORIC) or child.dep_ == "poss"


#: Prepositions by which an act noun names whom it befalls ("an attack on a patrol").
BEFALLING = ("of", "on", "against")


def _victims(token: Any) -> list[Any]:
    """Whom an act befalls: a verb's patients, an act noun's "of"/"on"/"against" object, and
    who a quantity of people is ("a pair of soldiers", "a group of students")."""
    if token.pos_ == "NOUN":
        found = args.prep_objects(token, BEFALLING)
    else:
        found = args.patients(token) if token.pos_ == "VERB" else []
    return found + [o for v in found for o in args.of_objects(v)]


#: Words of one act that share no stem: what links "abducted" to "the kidnapping".
SYNONYMS = (
    frozenset({"mediate", "mediation", "mediator", "broker", "intermediary"}),
    frozenset({"charge", "indict", "indictment"}),
    frozenset({"abduct", "abduction", "kidnap", "kidnapping"}),
    frozenset({"attack", "assault"}),
    frozenset({"release", "free"}),
)


def _act_lemma(token: Any) -> str:
    """The trigger's lemma, with people taken read as abducted ("270 girls were taken from
    their school": "the abducted girls")."""
    lemma = str(token.lemma_).lower()
    if lemma in SNATCHING and token.pos_ == "VERB" and any(map(args.person, args.patients(token))):
        return "abduct"
    return lemma


def _same_stem(a: str, b: str) -> bool:
    if a == b or any(a in words and b in words for words in SYNONYMS):
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= STEM


def _new(token: Any) -> bool:
    """An event noun told as a new one ("repelled an attack by militias"): its indefinite
    article says it is not one already told, whatever word it shares with one."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children
    )


def _anaphoric(token: Any) -> bool:
    """ "the attack", "this strike", "Biden's approval": an event noun whose determiner or
    possessor points back to a happening told before."""
    if token.pos_ != "NOUN":
        return False
    if _several(token):
        return False  # "its attacks on Kharkiv": a series, not the act told before
    return any(
        (c.dep_ == "det" and c.lower_ in ANAPHORIC) or c.dep_ == "poss" for c in token.children
    )


def _doer(token: Any) -> frozenset[str]:
    """The word for who did an earlier act ("Russian vessels have made transfers"), which
    "the vessels" names again."""
    subject = args.subject_of(token)
    if subject is None or subject.pos_ != "NOUN":
        return frozenset()
    return frozenset({subject.lemma_.lower()})


def _known_doer(trigger: Any, doers: frozenset[str]) -> bool:
    """Whether the doer is a definite description of one already met, one of ``doers``: a
    perpetrator ("the attacker", "the gunmen") or a weapon of the earlier act ("the bomb").
    The act is then one told before."""
    subject = args.subject_of(trigger)
    if subject is None or subject.lemma_.lower() not in doers:
        return False
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC for c in subject.children)


def _bare(event: Event) -> bool:
    """A mention that names no party of its own ("the blast", "slapping the soldiers")."""
    return not parties(event.actor) and not parties(event.recipient)


# --- the merged record -------------------------------------------------------------------


def _record(
    group: list[Event],
    shared: frozenset[str] = frozenset(),
    lead: Event | None = None,
    totals: tuple[Count, ...] = (),
) -> Event:
    if len(group) == 1:
        return group[0]
    own = [e for e in group if e.id not in shared] or group
    first = lead or min(own, key=lambda e: e.text_info.trigger.start)  # the earliest telling
    arguments: list[tuple[str, Span]] = []
    for event in group:
        kept = [a for a in event.text_info.arguments if a not in arguments]
        if event.id in shared:  # a compound doer's mention: the other doers are not ours
            kept = [a for a in kept if a[0] != "actor"]
        arguments.extend(kept)
    mentions = sorted((m for e in group for m in e.mentions), key=lambda m: m.trigger.start)
    actor = _named_first(e.actor for e in own)
    doers = {(a.name, a.code) for a in actor}
    # "clashes with security forces killed 30": the side told as the doer is no recipient
    targets = [
        r for e in group if (r := e.recipient) and any((x.name, x.code) not in doers for x in r)
    ]
    return replace(
        first,
        actor=actor,
        recipient=targets[0] if targets else (),
        date=_best_date([e.date for e in group]),
        event_loc=_best_place([e.event_loc for e in group]),
        size=(*totals, *(c for e in group for c in e.size)),
        weapons=_union(e.weapons for e in group),
        polarity="denied" if any(e.polarity == "denied" for e in group) else first.polarity,
        text_info=replace(first.text_info, arguments=tuple(arguments)),
        mentions=tuple(mentions),
    )


#: Words that tell a toll as more victims beside those told before: "Two attackers were also
#: killed", "another soldier died", "three more bodies were found", "a further two".
ADDING = frozenset({"also", "too", "another", "more", "further", "additional"})


def _added(trigger: Any) -> bool:
    """Whether a mention tells victims in addition to those told before it."""
    if any(c.dep_ == "advmod" and c.lower_ in ADDING for c in trigger.children):
        return True
    victims = [c for c in trigger.children if c.dep_ in ("nsubjpass", "dobj")]
    # the subject only of a verb with no object ("two more died"): the subject of "another
    # mine wounded a soldier" is the weapon of another act, not more victims
    victims = victims or [c for c in trigger.children if c.dep_ == "nsubj"]
    return any(t.lower_ in ADDING for v in victims for m in v.lefts for t in m.subtree)


def _tallied(group: list[Event], added: frozenset[str], text: str) -> tuple[Count, ...]:
    """A record's whole toll of each kind where a later mention adds victims to an earlier
    one's ("killing three policemen. Two attackers were also killed": five dead), spanning
    both counts; none where no mention adds."""
    totals: list[Count] = []
    if len(group) < 2 or not any(e.id in added for e in group):
        return ()  # one mention, or none that adds: nothing to sum
    for kind in ("dead", "injured"):
        first = next(
            (c for e in group if e.id not in added for c in e.size if c.kind == kind), None
        )
        extra = [c for e in group if e.id in added for c in e.size if c.kind == kind]
        extra = [c for c in extra if first is not None and c.span.start > first.span.end]
        if first is None or not extra:
            continue
        start, end = first.span.start, max(c.span.end for c in extra)
        totals_told = [c for c in extra if _toll_total(text, c)]
        # "Eight more bodies were recovered, bringing the toll to 20": the total told stands
        value = totals_told[-1].value if totals_told else first.value + sum(c.value for c in extra)
        span = Span(start=start, end=end, text=text[start:end])
        totals.append(Count(kind=kind, value=value, qualifier=first.qualifier, span=span))
    return tuple(totals)


#: Words before a number that make it a toll's total: "bringing the toll to 20", "the death
#: toll stood at 58", "a toll of 31".
TOLL_TOTAL = re.compile(
    r"\btoll\s+(?:\w+\s+){0,3}(?:to|at|of|reached|hit)\s+(?:at\s+least\s+|about\s+|some\s+)?$",
    re.IGNORECASE,
)


def _toll_total(text: str, count: Count) -> bool:
    return bool(TOLL_TOTAL.search(text, max(0, count.span.start - 60), count.span.start))


#: Places by how precisely they say where: a town first, a country (or an unresolved name) last.
PLACE_RANK = {p: n for n, p in enumerate(places.FINER)}


def _best_place(places: list[Any]) -> Any:
    """The most precise place the mentions give ("launched drones at Ukraine, hitting
    facilities in Kharkiv": Kharkiv), the earliest told among equals."""
    found = [p for p in places if p is not None]
    return min(
        found,
        key=lambda m: PLACE_RANK.get(m.place.precision if m.place else "", len(PLACE_RANK)),
        default=None,
    )


def _first(values: Any) -> Any:
    values = list(values)
    return next((v for v in values if v), values[0])


def _named_first(values: Any) -> Any:
    """The first doers a mention codes ("the Taliban"), else the first named at all: "a
    suicide bomber" told in one sentence is the Taliban's man told in another."""
    values = list(values)
    return next((v for v in values if any(a.code for a in v)), None) or _first(values)


def _union(values: Any) -> tuple[Any, ...]:
    out: list[Any] = []
    for group in values:
        out.extend(v for v in group if v not in out)
    return tuple(out)


PRECISION = ("day", "week", "month", "interval", "year", "publication")


def _best_date(dates: list[TimeRef | None]) -> TimeRef | None:
    """The most precise date a mention gives; the publication fallback only if none does."""
    known = [d for d in dates if d is not None and d.value is not None]
    if not known:
        return dates[0]
    return min(known, key=lambda d: _rank(d.precision))


def _rank(precision: str | None) -> int:
    return PRECISION.index(precision) if precision in PRECISION else len(PRECISION)
