"""Quotes: who said what (direct, indirect or mixed), with which cue and stance, about
which events — and the events' attribution and denials.

Runs after ``link`` (actor mentions) and ``events``. The frames come from the dependency
parse and the learned cue lexicon (``rules``, ``cues``); quotation marks from
``marks``; the stance from ``stance``; the link to events from ``attribution``.
The speaker is the actor mention that holds the head of the source ("he" and "Blinken"
resolve to the full actor through the link stage); when no mention holds it the speaker
stays an anonymous description ("U.S. officials, who requested anonymity").
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import replace
from typing import Any

from wirewatch import quotemarks as quote_marks
from wirewatch.errors import InputError
from wirewatch.pipeline import Stage
from wirewatch.records import Actor, ActorMention, Article, Quote, Span, WeaponMention
from wirewatch.settings import Settings
from wirewatch.stages.events import unique_ids
from wirewatch.stages.quotes import attribution, denials, rules
from wirewatch.stages.quotes import cues as quote_cues
from wirewatch.stages.quotes import stance as quote_stance
from wirewatch.stages.quotes.rules import Found

VERSION = "1"
SPEECH_FRAMES = frozenset({"according", "colon", "quote", "continued", "parataxis", "ccomp"})


def stage(settings: Settings | None = None) -> Stage:
    """The quotes stage (it has no settings of its own)."""
    return Stage(
        name="quotes",
        version=VERSION,
        run=run,
        setup=quote_cues.load,
        requires=("doc", "actors", "events"),
        assigns=("quotes", "events"),
    )


def run(article: Article) -> Article:
    doc: Any = article.doc
    if doc is None:
        raise InputError("the quotes stage needs the parse: run the parse stage before it")
    cues = quote_cues.load()
    marks = quote_marks.spans(article.text)
    weapons = attribution.Holders(article.weapons, lambda m: m.span)
    found = [
        f for f in rules.extract(doc, marks, cues.accept, cues.verbs) if not _armed(weapons, f)
    ]
    index = quote_marks.Index(article.text, marks)
    ends = _sentence_ends(doc)
    actors = attribution.Holders(article.actors, lambda m: m.span)
    made = [(_quote(article, doc, f, index, ends, actors), f) for f in found]
    made = list({q.id: ((q, d), f) for (q, d), f in made}.values())  # one quote per id
    claims = frozenset(q.id for (q, _), f in made if _claims(cues, f))
    descriptions = {q.id: d for (q, d), _ in made}
    quotes, events = attribution.link(article, [q for (q, _), _ in made], descriptions, claims)
    linked = replace(article, quotes=quotes, events=events)
    return replace(linked, events=unique_ids(denials.with_rejections(linked, quotes)))


def _armed(weapons: attribution.Holders[WeaponMention], found: Found) -> bool:
    """Weapons do not speak: "missiles slammed into a building" is no quote."""
    return found.head is not None and bool(weapons.holding(*found.head))


def _claims(cues: quote_cues.Cues, found: Found) -> bool:
    """Speech that can vouch for an event: a reporting verb, a clause, a quotation.

    Attitudes PolNeAR also counts ("expressed frustration over", "pushing back against")
    are quotes but attribute no event.
    """
    return found.frame in SPEECH_FRAMES or found.lemma in cues.known


def _quote(
    article: Article,
    doc: Any,
    found: Found,
    index: quote_marks.Index,
    ends: list[int],
    actors: attribution.Holders[ActorMention],
) -> tuple[Quote, Span]:
    text = article.text
    content = _span(text, found.content)
    source = _span(text, found.source) if found.source else None
    speaker = _speaker(actors, found)
    quote = Quote(
        id=_id(article.id, found),
        article_id=article.id,
        speaker=speaker,
        speaker_text=source.text if source else "",
        speaker_span=source,
        cue=_span(text, found.cue),
        content=content,
        kind=index.kind(content.start, content.end),
        stance=_stance(doc, found, ends),
    )
    return quote, _description(text, found)


def _id(article_id: str, found: Found) -> str:
    key = f"{article_id}:{found.cue[0]}:{found.content[0]}:{found.content[1]}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _span(text: str, offsets: tuple[int, int]) -> Span:
    start, end = offsets
    return Span(start=start, end=end, text=text[start:end])


def _speaker(actors: attribution.Holders[ActorMention], found: Found) -> Actor | None:
    """The actor mentioned where the source's head word stands (the first such mention)."""
    held = [] if found.head is None else actors.holding(*found.head)
    return actors.items[held[0]].actor if held else None


def _sentence_ends(doc: Any) -> list[int]:
    """Where each sentence of ``doc`` ends (a token index), in order: where the next starts
    (``SENT_START`` 1, read from the Doc's array)."""
    if not doc.has_annotation("SENT_START") or len(doc) < 2:
        return [len(doc)]
    starts = (doc.to_array("SENT_START")[1:] == 1).nonzero()[0] + 1
    return [*starts.tolist(), len(doc)]


def _stance(doc: Any, found: Found, ends: list[int]) -> str:
    content = doc.char_span(*found.content, alignment_mode="expand")
    cue = doc.char_span(*found.cue, alignment_mode="expand")
    sentence_end = ends[bisect.bisect_right(ends, content.start)]  # content.sent.end, at once
    after = _tokens(doc, content.end, sentence_end) if len(content) else ()
    following = _tokens(doc, cue.end, cue.end + 1)
    return quote_stance.stance(found.lemma, [*cue, *following], content, after)


def _tokens(doc: Any, start: int, end: int) -> Any:
    """``doc[start:end]``, but no Span at the very end of the Doc: spaCy measures the whole
    text to place one there, which over thousands of quotes made the stage quadratic."""
    return doc[start:end] if start < min(end, len(doc)) else ()


def _description(text: str, found: Found) -> Span:
    """How the text names the source: "according to X", "X said" after the content, or X."""
    if found.source is None:
        return _span(text, found.cue)
    if found.frame == "according":
        return _span(text, (found.cue[0], found.source[1]))
    if found.source[0] >= found.content[1] or found.cue[0] >= found.content[1]:
        return _span(text, (min(found.source[0], found.cue[0]), max(found.source[1], found.cue[1])))
    return _span(text, found.source)
