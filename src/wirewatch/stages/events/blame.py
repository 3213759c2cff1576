"""Who an act told without its doer is laid to by a later sentence of its own.

Conflict reports often tell an attack first and its doer after, in a sentence that names no
act: "A roadside bomb struck a police van in Quetta. The BLA claimed responsibility.", "An
explosion hit a mosque in Maiduguri. Boko Haram was suspected." The claimant (or the suspect)
is the doer of the latest attack told just before whose doer the text leaves unnamed or names
only by what they did ("gunmen"); so is whom a later sentence lays it on ("The killing was
attributed to the Sinaloa Cartel"). A claim that names its act ("claimed responsibility for the
bombing") is the act noun's doer already (``args.noun_doer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from wirewatch.records import Event
from wirewatch.stages.events.args import Mentions, person, phrase_actors

#: Sentences back, from the claim, an act may be told.
BACK = 2
#: What a claim takes: "claimed responsibility", "claimed credit", "claimed it".
CLAIMED = frozenset({"responsibility", "credit", "it"})
#: Verbs that lay an act told before on a doer, with the word before the doer: "The killing
#: was attributed to the Sinaloa Cartel", "The attack was blamed on the ADF".
LAYING = {"attribute": "to", "ascribe": "to", "blame": "on", "pin": "on"}
#: Verbs whose passive subject is the suspected doer: "Boko Haram was suspected".
SUSPECTING = frozenset({"suspect", "blame"})


def laid(records: list[Event], doc: Any, found: Mentions) -> list[Event]:
    """``records`` with the doer a later claim or suspicion names given to the act it is
    about (the records keep their order)."""
    starts = [s.start_char for s in doc.sents]
    out = list(records)
    for number, sent in enumerate(doc.sents):
        for token in sent:
            claimant = _claimant(token)
            if claimant is None:
                continue
            actors, spans = phrase_actors(claimant, found, doer=True)
            if not actors:
                continue
            at = _unclaimed(out, starts[max(0, number - BACK)], token.idx)
            if at is None:
                continue
            event = out[at]
            arguments = (*event.text_info.arguments, *(("actor", s) for s in spans))
            info = replace(event.text_info, arguments=arguments)
            out[at] = replace(event, actor=tuple(actors), text_info=info)
    return out


def _claimant(verb: Any) -> Any:
    """The subject of a claim that names no act ("The BLA claimed responsibility", "IS later
    claimed it") or of a bare suspicion ("Boko Haram was suspected"); None otherwise."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return None
    if lemma == "claim":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        named = any(c.dep_ == "prep" and c.lower_ == "for" for o in objects for c in o.children)
        if len(objects) != 1 or objects[0].lower_ not in CLAIMED or named:
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in LAYING and passive:  # "The killing was attributed to the Sinaloa Cartel"
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None or person(subject) or subject.pos_ not in ("NOUN", "PRON"):
            return None
        preps = (
            c for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ == LAYING[lemma]
        )
        return next((o for p in preps for o in p.children if o.dep_ == "pobj"), None)
    if lemma in SUSPECTING and passive:
        rest = [c for c in verb.children if c.dep_ in ("agent", "ccomp", "xcomp", "prep", "dobj")]
        if rest:
            return None  # "was suspected of fraud", "suspected by police", "suspected to be"
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


def _unclaimed(records: Sequence[Event], since: int, before: int) -> int | None:
    """The index of the latest actual attack told between characters ``since`` and ``before``
    whose doer has no code."""
    best = None
    for at, event in enumerate(records):
        trigger = event.text_info.trigger
        if event.event != "ASSAULT" or event.modality != "actual":
            continue
        if not since <= trigger.start < before or any(a.code for a in event.actor):
            continue
        if best is None or trigger.start > records[best].text_info.trigger.start:
            best = at
    return best
