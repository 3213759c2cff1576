"""Stance: what a speaker does with their words — asserts, denies, dismisses, threatens,
requests or urges.

The cue decides first ("denied" denies, "urged" urges, "threatened" threatens); a dismissal
that calls the thing untrue ("dismissed the claims as untrue") denies it. A plain cue ("said",
"stated") leaves it to the content: a future harm for somebody ("will receive such a
devastating response") threatens; an obligation laid on others ("should allow", "must be
allowed") urges. Everything else asserts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

DENY = frozenset(["deny", "refute", "rebut", "disavow", "contradict", "disclaim"])
DISMISS = frozenset(
    ["dismiss", "reject", "dispute", "downplay", "ridicule", "deride", "label", "brand", "scoff"]
)
#: Rejecting or disputing one of these denies it ("rejected the allegations").
CLAIMS = frozenset(
    ["claim", "allegation", "accusation", "report", "charge", "assertion", "suggestion"]
)
THREATEN = frozenset(["threaten", "warn", "vow"])
REQUEST = frozenset(["ask", "request", "demand", "appeal", "plead", "beg", "implore", "seek"])
URGE = frozenset(["urge", "press", "exhort", "encourage", "advise", "recommend"])
#: Words that call a claim untrue ("as untrue", "as baseless", "as lies").
UNTRUE = frozenset(
    [
        "untrue",
        "false",
        "baseless",
        "groundless",
        "unfounded",
        "fake",
        "lie",
        "lies",
        "nonsense",
        "fabrication",
        "fabricated",
        "absurd",
        "ridiculous",
        "fiction",
        "fictitious",
        "propaganda",
        "disinformation",
        "hoax",
    ]
)
HARM = frozenset(
    [
        "response",
        "retaliation",
        "retaliate",
        "retaliatory",
        "consequence",
        "consequences",
        "destroy",
        "destruction",
        "punish",
        "punishment",
        "strike",
        "strikes",
        "attack",
        "war",
        "price",
        "revenge",
        "crush",
        "annihilate",
        "devastating",
        "pay",
    ]
)
FUTURE = frozenset({"will", "'ll", "shall", "would"})
OBLIGE = frozenset({"should", "must", "ought", "need"})
WINDOW = 30  # tokens of content read for threats and obligations


def stance(lemma: str, cue: Sequence[Any], tokens: Sequence[Any], after: Sequence[Any]) -> str:
    """The stance of a quote: cue ``lemma`` and tokens, content ``tokens``.

    ``after`` are the tokens that follow the content in its sentence ("… as untrue").
    """
    if lemma in DENY:
        return "denies"
    if lemma in DISMISS:
        return "denies" if _untrue(lemma, [*tokens, *after]) else "dismisses"
    if lemma in THREATEN:
        return "threatens"
    if lemma in REQUEST:
        return "requests"
    if lemma in URGE or (lemma == "call" and _called_on(cue)):
        return "urges"
    return _from_content(tokens[:WINDOW])


def _from_content(tokens: Sequence[Any]) -> str:
    lemmas = [t.lemma_.lower() for t in tokens]
    words = [t.lower_ for t in tokens]
    if FUTURE & set(words) and HARM & set(lemmas) and not OBLIGE & set(words):
        return "threatens"
    if any(w in OBLIGE and t.tag_ == "MD" for w, t in zip(words, tokens, strict=True)):
        return "urges"
    if "need" in lemmas and "to" in words:
        return "urges"
    return "asserts"


def _untrue(lemma: str, tokens: Sequence[Any]) -> bool:
    """ "… as untrue"; or rejecting/disputing a claim ("rejected the allegations")."""
    words = [t.lower_ for t in tokens]
    if any(w == "as" and set(words[i + 1 : i + 4]) & UNTRUE for i, w in enumerate(words)):
        return True
    return lemma in ("reject", "dispute") and any(t.lemma_.lower() in CLAIMS for t in tokens[:4])


def _called_on(cue: Sequence[Any]) -> bool:
    """ "called on X to …" / "called for …" urge; "called X a liar" does not."""
    return any(t.lower_ in ("on", "upon", "for") for t in cue)
