"""What saying something does: threats and requests made in reported speech.

- THREATEN: a speaker says somebody "will receive a devastating response" (a future modal and
  a word of harm in the reported clause): the saying is the THREATEN (actual, its trigger the
  speech verb), and what is threatened is an ASSAULT of modality "threatened" (its trigger the
  word of harm); both by the speaker, against the reported clause's subject.
- REQUEST: a speaker says somebody "should allow" or "must be allowed to" (an obligation in the
  reported clause): actor the speaker, recipient the clause's subject (none when passive).

``Draft`` is an event under construction, shared with ``events``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wirewatch.stages.events import args

SPEECH = frozenset(
    {"say", "tell", "state", "add", "stress", "emphasize", "emphasise", "note", "report"}
    | {"announce", "declare", "claim", "insist", "write", "highlight", "inform", "reiterate"}
    | {"warn", "vow", "argue", "explain", "suggest", "believe", "think", "deny", "dismiss"}
    | {"propose", "recommend", "advise", "tweet"}
)
THREAT_CONTENT = frozenset(
    {"response", "retaliation", "consequence", "strike", "attack", "war", "destroy"}
    | {"punish", "punishment", "retaliate", "revenge", "respond", "annihilate", "crush"}
)
OBLIGATION = frozenset({"should", "must", "ought"})


@dataclass(frozen=True, slots=True)
class Draft:
    """An event under construction: its trigger token and what it has so far."""

    trigger: Any
    event: str
    modality: str | None = None
    actor_head: Any = None
    content: Any = None  # the word of harm a threat is about


def speech_drafts(sent: Any) -> list[Draft]:
    """THREATEN and REQUEST events made by saying something (see the module docstring)."""
    drafts = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH:
            continue
        for content in (c for c in verb.children if c.dep_ == "ccomp"):
            threat = _threat(verb, content)
            request = _request(verb, content) if not threat else None
            if request is None and not threat and _allegation(verb, content):
                request = Draft(verb, "ACCUSE", "actual", args.subject_of(verb))
            drafts.extend(threat or ([request] if request is not None else []))
    return drafts


#: Verbs of telling somebody something: told of a party's misdeed, an allegation.
INFORMING = frozenset({"inform", "tell", "brief", "notify", "alert"})
#: Words that mark a deed told as alleged.
ALLEGED = frozenset({"allegedly", "illegally", "illicitly", "secretly", "covertly"})


def _allegation(verb: Any, content: Any) -> bool:
    """ "The United States has informed its allies that Iran has allegedly sent missiles to
    Russia": telling others (a named addressee) that a party did something marked as alleged
    or illicit accuses that party (the guideline's ACCUSE: "allege")."""
    if verb.lemma_.lower() not in INFORMING:
        return False
    if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False  # no addressee: a report, not a briefing
    marked = any(c.dep_ == "advmod" and c.lower_ in ALLEGED for c in content.children)
    return marked and any(c.dep_ == "nsubj" for c in content.children)


def _threat(verb: Any, content: Any) -> list[Draft]:
    modals = {c.lower_ for c in content.children if c.dep_ == "aux"}
    if not modals & {"will", "would", "'ll"}:
        return []
    word = next((t for t in content.subtree if t.lemma_.lower() in THREAT_CONTENT), None)
    if word is None:
        return []
    speaker = args.subject_of(verb)
    return [
        Draft(verb, "THREATEN", "actual", speaker, content=word),
        Draft(word, "ASSAULT", "threatened", speaker, content=word),
    ]


def _request(verb: Any, content: Any) -> Draft | None:
    if _proposal(verb, content):
        return Draft(verb, "REQUEST", "actual", args.subject_of(verb))
    modals = {c.lower_ for c in content.children if c.dep_ == "aux"}
    if not modals & OBLIGATION:
        return None
    return Draft(content, "REQUEST", "actual", args.subject_of(verb))


#: Verbs of proposing: "suggested (that) countries conduct consultations" asks them to.
PROPOSING = frozenset({"suggest", "propose", "recommend", "advise"})


def _proposal(verb: Any, content: Any) -> bool:
    """A proposal that somebody do something: the content in the base form (the English
    subjunctive, "suggested countries conduct") with its own subject."""
    if verb.lemma_.lower() not in PROPOSING:
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in content.children)
    if content.tag_ == "NN":
        # a clause's verb the tagger took for a noun, its subject for the proposer's object
        # ("suggested countries ... conduct consultation": a complement clause has a verb)
        return any(c.dep_ == "dobj" and c.i < content.i for c in verb.children)
    return content.tag_ in ("VB", "VBP") and subject


def content_head(word: Any) -> Any:
    """The head of the reported clause a speech event's trigger sits in."""
    token = word
    while token.head != token and token.dep_ != "ccomp":
        token = token.head
    return token


def content_subjects(word: Any) -> list[Any]:
    """The subject of the clause a threat word sits in ("Ukraine ... will receive ...")."""
    token = word
    while token.head != token and token.dep_ not in ("ccomp",):
        token = token.head
    return [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]


def in_speech(trigger: Any) -> bool:
    token = trigger
    for _ in range(5):
        if token.head == token:
            return False
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH:
            return True
        token = token.head
    return False
