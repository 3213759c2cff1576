"""Polarity and modality of an event trigger, read off the dependency parse.

- polarity "negated": the trigger (or the verb that carries it, "did not agree to meet") has a
  negation ("not", "never", "n't", "no talks"); "has not changed" is negated here. "denied":
  the trigger is what a denial verb governs directly ("denied targeting civilians", "denied
  that it had sent"); denials that reach events elsewhere are the quotes stage's to mark.
- modality, first match wins, climbing from the trigger through the words that govern it:
  requested ("asked for permission to use", "urged Iran to cease", "must be allowed to
  destroy", "should allow"), threatened ("threatened to shell", "warned it would strike"),
  hypothetical ("could draw Russia into war", "if ...", "fears of ..."), future ("will
  meet", "plans to visit", "is set to"), else actual.
  "allegedly/reportedly sent" stays actual: it is an attributed claim, not a modality; so does
  "suspicions that Iran may have supplied" (the perfect speaks of what may have happened: a
  claim about the past, whatever modal or doubt comes with it).
"""

from __future__ import annotations

from typing import Any

from wirewatch.stages.events import args

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
REQUEST_WORDS = frozenset(
    {"ask", "request", "urge", "demand", "appeal", "seek", "plead", "beg", "press", "permission"}
    | {"call", "insist", "lobby", "want", "wish", "suggest", "propose", "recommend", "advise"}
)
THREAT_WORDS = frozenset({"threaten", "threat", "warn", "warning", "vow", "ultimatum"})
HYPOTHETICAL_WORDS = frozenset(
    {"could", "might", "may", "can", "would", "possible", "possibly", "potential", "potentially"}
    | {"likely", "unlikely", "suspicion", "suspect", "fear", "risk", "prospect", "concern"}
    | {"consider", "mull", "weigh", "allow", "authorize", "authorise", "permit", "let"}
    | {"approval", "light", "if", "unless", "whether", "perhaps", "maybe", "eventuality"}
    | {"chance", "opportunity", "option"}  # "offering Ukraine a chance of ... targeting"
)
FUTURE_WORDS = frozenset(
    {"will", "shall", "'ll", "plan", "intend", "schedule", "expect", "set", "prepare", "aim"}
    | {"going", "due", "upcoming", "next"}
)
OBLIGATION = frozenset({"must", "should", "ought", "need"})
#: Prepositions of circumstance: what they govern is not the content of the verb above.
ADVERBIAL = frozenset({"after", "before", "despite", "since", "amid", "following", "during"})
CESSATION = frozenset({"cease", "stop", "halt", "end", "quit", "suspend"})
#: Nouns of reaction: "in response to the supply of missiles" names a cause, not a content.
REACTION = frozenset({"response", "retaliation", "reaction", "reply", "answer", "reprisal"})
#: Conjunctions of circumstance: a clause they open is not the content of the verb above.
CIRCUMSTANCE = frozenset({"because", "after", "before", "since", "as", "while", "when", "where"})
DENIAL_WORDS = frozenset({"deny", "refute", "disavow"})
CLIMB = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "acl", "relcl", "dobj"})


def polarity(trigger: Any) -> str:
    """ "denied" under a denial verb, "negated" when the trigger or its carrying verb is
    negated, else "asserted"."""
    head = trigger.head
    if trigger.dep_ in ("xcomp", "ccomp", "dobj") and head.lemma_.lower() in DENIAL_WORDS:
        return "denied"
    for token in _carriers(trigger):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
            return "negated"
    return "asserted"


def modality(trigger: Any, speech: bool = False) -> str:
    """actual | future | hypothetical | requested | threatened (see the module docstring).

    ``speech``: the trigger sits in reported speech; an obligation there ("Ukraine must be
    allowed to") is a request.
    """
    own = _own_markers(trigger)
    governors = _governor_words(trigger)
    if {"would", "have"} <= own and trigger.tag_ == "VBN":
        return "hypothetical"  # "would (not) have knocked him out": what did not happen
    if "have" in own and trigger.tag_ == "VBN":  # "suspicions that Iran may have supplied"
        own, governors = own - HYPOTHETICAL_WORDS, governors - HYPOTHETICAL_WORDS
    if governors & REQUEST_WORDS or (speech and (own | governors) & OBLIGATION):
        return "requested"
    if governors & THREAT_WORDS:
        return "threatened"
    if (own | governors) & HYPOTHETICAL_WORDS - {"would"} or _conditional(trigger):
        return "hypothetical"
    if open_question(trigger):
        return "hypothetical"
    if "would" in own and not _past_report(trigger):
        return "hypothetical"
    if _during_past(trigger):
        own = own - FUTURE_WORDS  # "fired a missile during a regularly scheduled drill"
    if (own | governors) & FUTURE_WORDS or "would" in own:
        return "future"
    return "actual"


def _carriers(trigger: Any) -> list[Any]:
    """The trigger and the verbs it leans on: "did not agree to meet" negates "meet" too."""
    tokens = [trigger]
    token = trigger
    while token.dep_ in ("xcomp", "conj") and token.head != token and len(tokens) < 3:
        token = token.head
        tokens.append(token)
    if trigger.dep_ == "dobj" and trigger.head.pos_ in ("VERB", "AUX"):
        tokens.append(trigger.head)  # "did not launch an attack"
    return tokens


def _own_markers(trigger: Any) -> set[str]:
    """Modal auxiliaries and markers of the trigger itself (or of its light verb)."""
    words: set[str] = set()
    for token in _carriers(trigger)[:1] + ([trigger.head] if trigger.dep_ == "dobj" else []):
        words.update(
            c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass", "advmod", "mark")
        )
        words.update(
            c.lemma_.lower()
            for c in token.children
            if c.dep_ == "amod" and c.lower_ not in ATTRIBUTING
        )
    return words


#: What an act noun is called when who did it, or what it was, is not yet sure: "a suspected
#: drone strike killed ..." happened (the guideline: alleged acts stay asserted).
ATTRIBUTING = frozenset({"suspected", "alleged", "apparent", "presumed", "purported"})


def _governor_words(trigger: Any) -> set[str]:
    """Lemmas (and modal auxiliaries) of the words above the trigger, up to its clause."""
    words: set[str] = set()
    token = trigger
    for _ in range(4):
        shared = (
            token.dep_ == "conj" and token.tag_ == "VB" and token.head.dep_ in ("xcomp", "ccomp")
        )
        # ("urged them to release ... and to investigate": both infinitives are the urging's)
        if (token.dep_ not in CLIMB and not shared) or token.head == token:
            break
        if _circumstance(token) or _clause_before_semicolon(token):
            break
        below, token = token, token.head
        if token.lemma_.lower() in CESSATION:
            break  # "urged Iran to cease supplying": the supplying itself is going on
        if token.lemma_.lower() in INDICATING and _told_as_fact(below):
            continue  # "the report suggested Iran supplied drones": a sign, not a proposal
        words.add(token.lemma_.lower())
        words.update(c.lower_ for c in token.children if c.dep_ == "aux" and c.tag_ == "MD")
    return words


def _clause_before_semicolon(token: Any) -> bool:
    """A clause the parser hung as the complement of a verb after a semicolon ("armed men
    abducted 15 farmers; the next day, they demanded a ransom"): a sentence of its own."""
    head = token.head
    if token.dep_ != "ccomp" or token.i > head.i:
        return False
    return any(t.text == ";" for t in token.doc[token.i : head.i])


#: Verbs that propose with a clause in the base form and indicate with a finite one.
INDICATING = frozenset({"suggest", "propose"})


def _told_as_fact(clause: Any) -> bool:
    """A complement clause in a finite tense ("suggested Iran supplied", "has sent"), not
    the base form a proposal takes ("suggested countries conduct")."""
    if clause.dep_ != "ccomp":
        return False
    tensed = any(c.dep_ in ("aux", "auxpass") and c.tag_ != "MD" for c in clause.children)
    return clause.tag_ in ("VBD", "VBZ") or tensed


def _circumstance(token: Any) -> bool:
    """Whether ``token`` opens a phrase that tells circumstances, not what the word above is
    about: "could face prison after assaulting", "in response to the supply", a finite
    relative clause ("positions from where Russia launches its attacks"), "troops amassing" (a
    participle describing the noun before it), "because/while/when ..." clauses."""
    if token.dep_ == "prep" and token.lower_ in ADVERBIAL:
        return True
    if token.dep_ == "prep" and token.head.lemma_.lower() in REACTION:
        return True
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if (token.dep_ == "relcl" and not to) or args.reduced_relative(token) is not None:
        return True  # (an infinitive is the noun's content: "a green light to strike")
    words = {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod")}
    return token.dep_ in ("advcl", "pcomp") and bool(words & CIRCUMSTANCE)


def _during_past(trigger: Any) -> bool:
    """An act noun that a past act took place during or amid: it was going on then."""
    prep = trigger.head
    return (
        trigger.dep_ == "pobj"
        and prep.lower_ in ("during", "amid", "amidst")
        and prep.head.tag_ == "VBD"
    )


def open_question(trigger: Any) -> bool:
    """ "a debate over how hard to hit China", "unsure which town to strike", "whether to
    strike": an infinitive asked about is a course weighed, not an act done nor asked for
    (the events stage tells no happening of it)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return False
    near = [trigger, *([trigger.head] if trigger.dep_ == "xcomp" else [])]
    asked = (c for t in near for c in t.children if c.dep_ in ("advmod", "mark", "dobj"))
    return any(c.tag_ in ("WRB", "WDT", "WP") or c.lower_ == "whether" for c in asked)


def _conditional(trigger: Any) -> bool:
    marks = (c for t in _carriers(trigger) for c in t.children if c.dep_ == "mark")
    return any(c.lower_ in ("if", "unless") for c in marks)


def _past_report(trigger: Any) -> bool:
    """ "said it would allow": reported future in the past reads as future, not hypothetical."""
    head = trigger.head
    return trigger.dep_ == "ccomp" and head.tag_ in ("VBD", "VBN") and head.lemma_ in _SAY


_SAY = frozenset({"say", "announce", "state", "tell", "add", "report", "confirm", "declare"})
