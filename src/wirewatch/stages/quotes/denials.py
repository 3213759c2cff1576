"""Denials as events: "Peskov dismissed the claims as untrue" is a REJECT by Russia.

A quote whose stance is ``denies`` or ``dismisses`` is a speech act of its own, beside the
claim it denies (which ``attribution`` marks ``denied``): a REJECT whose actor is the speaker
and whose trigger is the cue. One record per denial statement: a speaker's second cue in the
same sentence ("denied ..., labeling such allegations as ...") is a mention of the same
REJECT, and a cue the events stage already made an event of is left to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from wirewatch.records import Article, Event, EventMention, Quote, Span, TextInfo
from wirewatch.stages.events import args, event_id, types
from wirewatch.stages.events.coref import codes, sides
from wirewatch.stages.quotes.attribution import overlaps, sentence_of

DENIALS = frozenset({"denies", "dismisses"})
VERDICTS = frozenset({"ACCUSE", "REJECT"})


def with_rejections(article: Article, quotes: Sequence[Quote]) -> tuple[Event, ...]:
    """The article's events with its denials' REJECTs added; a verdict the denier gives in the
    same sentence ("denied ..., labeling such allegations as politically motivated", typed
    ACCUSE) becomes a mention of the REJECT, not an event of its own."""
    made = rejections(article, quotes)
    absorbed: dict[str, list[Event]] = {r.id: [] for r in made}
    kept = []
    for event in article.events:
        home = next((r for r in made if _verdict_of(event, r)), None)
        if home is None:
            kept.append(event)
        else:
            absorbed[home.id].append(event)
    done = []
    for reject in made:
        for event in absorbed[reject.id]:
            reject = replace(reject, mentions=(*reject.mentions, *event.mentions))
        done.append(reject)
    return (*kept, *done)


def _verdict_of(event: Event, reject: Event) -> bool:
    """Whether the event is the denier's verdict on the claims, not an accusation of its own
    ("denied targeting civilians and accused the army of bombing homes": the army is accused)."""
    aimed = event.event == "ACCUSE" and bool(sides(event.recipient) - sides(reject.actor))
    return (
        event.event in VERDICTS
        and not aimed
        and overlaps(event.text_info.trigger, reject.text_info.sentence)
        and codes(event.actor) == codes(reject.actor)
        and bool(codes(reject.actor))
    )


def rejections(article: Article, quotes: Sequence[Quote]) -> tuple[Event, ...]:
    """The REJECT events the article's denials make (see the module docstring)."""
    made: list[Event] = []
    for quote in quotes:
        if quote.stance not in DENIALS or quote.cue is None or quote.speaker is None:
            continue
        if any(overlaps(e.text_info.trigger, quote.cue) for e in article.events):
            continue
        sentence = sentence_of(article, quote)
        same = [e for e in made if e.actor == (quote.speaker,) and e.text_info.sentence == sentence]
        if same:
            made[made.index(same[0])] = _also(same[0], quote.cue, sentence)
        else:
            made.append(_reject(article, quote, sentence))
    return tuple(made)


def _reject(article: Article, quote: Quote, sentence: Span) -> Event:
    cue = quote.cue
    assert cue is not None and quote.speaker is not None
    code, quad, score = types.cameo("REJECT", None)
    arguments = (("actor", quote.speaker_span),) if quote.speaker_span else ()
    return Event(
        id=event_id(article.id, cue, "REJECT"),
        article_id=article.id,
        event="REJECT",
        text_info=TextInfo(sentence=sentence, trigger=cue, arguments=arguments),
        actor=(quote.speaker,),
        date=args.publication_date(article.published),
        cameo=code,
        quad=quad,
        score=score,
        mentions=(EventMention(trigger=cue, sentence=sentence),),
    )


def _also(event: Event, cue: Span, sentence: Span) -> Event:
    mention = EventMention(trigger=cue, sentence=sentence)
    return replace(event, mentions=(*event.mentions, mention))
