"""Attribution: which events a quote is about, who claims each event, which are denied.

An event one of whose triggers lies inside a quote's content is what that quote is about; the
innermost such quote is the event's attribution ("according to U.S. Secretary of State
Antony Blinken", "Ukrainian officials said", "U.S. officials, who requested anonymity").
A quote that denies makes the events inside it ``denied``; a denial with no event inside
("dismissed the claims as untrue") is about the earlier claimed events that share the most
actors with its sentence and speaker, and those become ``denied`` too. A denial with events
inside ("denied Tehran's involvement in arming Russia") is also about the earlier claimed
events of the same kind between the same parties, and no others. An event nobody
claims but the text hedges ("reportedly", "allegedly") is attributed to that word.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import accumulate
from typing import Any, Generic, TypeVar

from wirewatch.records import Article, Attribution, Event, Quote, Span, WeaponMention

HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "reputedly", "supposedly"})
Item = TypeVar("Item")


class Holders(Generic[Item]):
    """Items (quotes, mentions) by their spans, to find those whose span holds a stretch
    without a pass over all of them: an article may hold thousands of each."""

    def __init__(self, items: Sequence[Item], span: Callable[[Item], Span]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: span(items[i]).start)
        self.starts = [span(items[i]).start for i in self.order]
        self.ends = [span(items[i]).end for i in self.order]
        self.reach = list(accumulate(self.ends, max))  # the furthest end of any so far

    def holding(self, start: int, end: int) -> list[int]:
        """Indices, in order, of the items whose span holds ``start:end``: from the last one
        that starts at ``start`` or before, back while one before may still reach ``end``."""
        k = bisect.bisect_right(self.starts, start) - 1
        found = []
        while k >= 0 and self.reach[k] >= end:
            if self.ends[k] >= end:
                found.append(self.order[k])
            k -= 1
        return sorted(found)


def link(
    article: Article,
    quotes: Sequence[Quote],
    descriptions: Mapping[str, Span],
    claims: frozenset[str],
) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
    """Quotes with ``about`` filled, and the events with attribution and polarity set.

    Only the quotes in ``claims`` (speech, not attitudes) are about events.
    """
    speech = [q for q in quotes if q.id in claims]
    contents = Holders(speech, lambda q: q.content)
    about: dict[str, list[str]] = {q.id: [] for q in quotes}
    events = []
    tokens = _token_at(article)
    for event in article.events:
        holders = _holders(event, contents)
        for quote in holders:
            about[quote.id].append(event.id)
        events.append(_attributed(article, event, holders, descriptions, tokens))
    by_id = {e.id: e for e in events}
    for quote in speech:
        if quote.stance == "denies":
            inside = [by_id[e] for e in about[quote.id]]
            more = [
                e
                for e in _referred(article, quote, events, contents)
                if not inside or any(_alike(by_id[e], i) for i in inside)
            ]
            about[quote.id].extend(e for e in more if e not in about[quote.id])
    denied = {e for q in quotes if q.stance == "denies" for e in about[q.id]}
    done = tuple(_deny(e) if e.id in denied else e for e in events)
    return tuple(replace(q, about=tuple(about[q.id])) for q in quotes), done


def _holders(event: Event, contents: Holders[Quote]) -> list[Quote]:
    """Quotes whose content holds one of the event's triggers (and whose cue is not it)."""
    triggers = [m.trigger for m in event.mentions] or [event.text_info.trigger]
    found = {i for t in triggers for i in contents.holding(t.start, t.end)}
    quotes = [contents.items[i] for i in sorted(found)]
    return [q for q in quotes if any(_holds(q, trigger) for trigger in triggers)]


def _holds(quote: Quote, trigger: Span) -> bool:
    return (
        quote.content.start <= trigger.start
        and trigger.end <= quote.content.end
        and not (quote.cue is not None and overlaps(quote.cue, trigger))
    )


def _attributed(
    article: Article,
    event: Event,
    holders: Sequence[Quote],
    descriptions: Mapping[str, Span],
    tokens: Callable[[int], Any],
) -> Event:
    if event.attribution is not None:
        return event
    claimants = [q for q in holders if q.stance not in ("denies", "dismisses")]
    if claimants:  # who denies a claim is not whom it is attributed to
        first = _first_teller(event, claimants)
        inner = min(first, key=lambda q: q.content.end - q.content.start)
        return replace(event, attribution=_from_quote(inner, descriptions[inner.id]))
    hedge = _hedge(article, tokens(event.text_info.trigger.start))
    if hedge is None:
        return event
    return replace(
        event,
        attribution=Attribution(source=None, description=hedge.text, cue=hedge.text, span=hedge),
    )


def _first_teller(event: Event, claimants: Sequence[Quote]) -> list[Quote]:
    """The quotes that hold the event's own trigger, else its earliest mention that a quote
    holds: a claim retold by others ("in response to the supply", "cease supplying") keeps
    the attribution of who first made it."""
    told = sorted((m.trigger for m in event.mentions), key=lambda t: t.start)
    triggers = [event.text_info.trigger, *told]
    for trigger in triggers:
        found = [q for q in claimants if _holds(q, trigger)]
        if found:
            return found
    return list(claimants)


def _from_quote(quote: Quote, description: Span) -> Attribution:
    cue = quote.cue.text if quote.cue is not None else None
    return Attribution(
        source=quote.speaker, description=description.text, cue=cue, span=description
    )


def _token_at(article: Article) -> Callable[[int], Any]:
    """The token that starts at a character offset (None when none does; the first when
    several do), found by bisecting the tokens' offsets, read once from the Doc's array."""
    doc: Any = article.doc
    starts: list[int] = []

    def token(offset: int) -> Any:
        if doc is None:
            return None
        if not starts:
            starts.extend(doc.to_array("IDX").tolist())
        i = bisect.bisect_left(starts, offset)
        return doc[i] if i < len(starts) and starts[i] == offset else None

    return token


def _hedge(article: Article, token: Any) -> Span | None:
    """ "reportedly"/"allegedly" modifying the trigger's verb (``token``: where it starts)."""
    if token is None:
        return None
    for kid in token.children:
        if kid.lower_ in HEDGES:
            end = kid.idx + len(kid.text)
            return Span(start=kid.idx, end=end, text=article.text[kid.idx : end])
    return None


def _referred(
    article: Article, quote: Quote, events: Sequence[Event], contents: Holders[Quote]
) -> list[str]:
    """What a denial refers to: events before its cue in its own sentence ("In response to
    reports of Iranian missile shipments, Peskov dismissed the claims"), and the earlier
    claimed events that share the most actors and weapons with that sentence and speaker."""
    sentence = sentence_of(article, quote)
    start = quote.cue.start if quote.cue is not None else quote.content.start
    earlier = [e for e in events if e.text_info.trigger.end <= start]
    own = [
        e.id
        for e in earlier
        if sentence.start <= e.text_info.trigger.start and not _holders(e, contents)
    ]
    codes, arms = _codes_near(article, quote, sentence), _weapons_in(article, sentence)
    scored = [
        (len(codes & _event_codes(e)) + 2 * bool(arms & _weapon_words(e.weapons)), e.id)
        for e in earlier
        if e.attribution is not None and e.text_info.trigger.start < sentence.start
    ]
    best = max((score for score, _ in scored), default=0)
    return own + [event_id for score, event_id in scored if best and score == best]


def sentence_of(article: Article, quote: Quote) -> Span:
    """The sentence a quote's cue (else its content) starts in."""
    at = quote.cue.start if quote.cue is not None else quote.content.start
    return next((s for s in article.sentences if s.start <= at < s.end), quote.content)


def _codes_near(article: Article, quote: Quote, sentence: Span) -> set[str]:
    """Actor codes of the speaker and of every actor named in the quote's sentence."""
    codes = {m.actor.code for m in article.actors if overlaps(m.span, sentence)}
    if quote.speaker is not None:
        codes.add(quote.speaker.code)
    return {c for c in codes if c}


def _weapons_in(article: Article, sentence: Span) -> set[str]:
    return _weapon_words(tuple(w for w in article.weapons if overlaps(w.span, sentence)))


def _weapon_words(mentions: Sequence[WeaponMention]) -> set[str]:
    """ "missile", "drone", "shahed": what kinds of weapon, without the generic "weapon"."""
    words = set()
    for mention in mentions:
        for word in f"{mention.weapon.name} {mention.weapon.category}".lower().split():
            words.add("".join(c for c in word if c.isalnum()).removesuffix("s"))
    return words - {"weapon", ""}


def _event_codes(event: Event) -> set[str]:
    return {a.code for a in (*event.actor, *event.recipient) if a.code}


def _alike(a: Event, b: Event) -> bool:
    """The same kind of event between the same parties (as far as both name them)."""
    actors = {x.code for x in a.actor if x.code} & {x.code for x in b.actor if x.code}
    ours, theirs = ({x.code for x in e.recipient if x.code} for e in (a, b))
    return a.event == b.event and bool(actors) and (not ours or not theirs or bool(ours & theirs))


def _deny(event: Event) -> Event:
    return replace(event, polarity="denied") if event.polarity == "asserted" else event


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
