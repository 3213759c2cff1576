"""Claims across sources: for one merged event, who asserts it, who denies it, and when.

Positions come from two places: an event report's attribution ("according to US officials":
the source asserts, whether or not somebody else denies the claim; a denied report with no
source is a denial by the event's actor: "Iran denied sending missiles"), and quotes about
any of the merged event's reports (``Quote.about``, with the quote's stance: the deniers).
A claimant is never listed as denying its own claim. The day
a position was taken is the day its article appeared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.records import (
    Actor,
    Claim,
    Event,
    MergedEvent,
    Position,
    Quote,
    from_dict,
)
from wirewatch.store.schema import articles, events, merged_events, merged_reports, quotes

#: Stances that deny a claim.
DENIALS = ("denies", "dismisses")


def statement(merged: MergedEvent) -> str:
    """A short line for the claim: "Iran PROVIDE_AID Russia (ballistic missiles)"."""
    who = " and ".join(a.name for a in merged.actor) or "someone"
    whom = " and ".join(a.name for a in merged.recipient)
    parts = [who, merged.event, whom] if whom else [who, merged.event]
    if merged.modality != "actual":
        parts.append(f"({merged.modality})")
    return " ".join(parts)


def claim(conn: Connection, merged_id: str) -> Claim | None:
    """The claim of one merged event with every position taken on it (oldest first)."""
    record = conn.scalar(sa.select(merged_events.c.record).where(merged_events.c.id == merged_id))
    if record is None:
        return None
    merged = from_dict(MergedEvent, record)
    event_ids = [r.event_id for r in merged.reports]
    published = {r.article_id: r.published for r in merged.reports}
    found = [*_from_events(conn, event_ids, published), *_from_quotes(conn, event_ids)]
    found.sort(key=lambda p: (p.said_on or dt.date.max, p.article_id, p.evidence.start))
    return Claim(merged_id=merged_id, statement=statement(merged), positions=tuple(found))


def disputed(conn: Connection, limit: int | None = None) -> list[Claim]:
    """Claims that some source asserts and another denies, most reported first: across
    articles or inside one ("the United States informed its allies that Iran had sent ...
    Kanaani denied Tehran's involvement").

    Only merged events where a denial is possible are built (``_deniable``): decoding every
    merged event's reports and quotes to find the few denied ones took seconds.
    """
    query = (
        sa.select(merged_events.c.id)
        .where(_deniable())
        .order_by(merged_events.c.sources.desc(), merged_events.c.id)
    )
    found = []
    for merged_id in conn.scalars(query):
        made = claim(conn, merged_id)
        stances = {p.stance for p in made.positions} if made else set()
        if made and "asserts" in stances and stances & set(DENIALS):
            found.append(made)
        if limit is not None and len(found) >= limit:
            break
    return found


def _deniable() -> Any:
    """Whether a merged event may hold a denial: a denied report (which denies unless a
    source claims it) or a denying quote in one of its reports' articles. Read from the
    flat columns, so no record is decoded for the many merged events nobody denies."""
    reports = merged_reports.c.merged_id == merged_events.c.id
    denied = (
        sa.select(events.c.id)
        .join(merged_reports, merged_reports.c.event_id == events.c.id)
        .where(reports, events.c.polarity == "denied")
    )
    denying = (
        sa.select(quotes.c.id)
        .join(merged_reports, merged_reports.c.article_id == quotes.c.article_id)
        .where(reports, quotes.c.stance.in_(DENIALS))
    )
    return sa.or_(denied.exists(), denying.exists())


def _from_events(
    conn: Connection, event_ids: Sequence[str], published: dict[str, dt.date | None]
) -> Iterable[Position]:
    query = sa.select(events.c.record).where(events.c.id.in_(list(event_ids)))
    for record in conn.scalars(query):
        event = from_dict(Event, record)
        position = _event_position(event, published.get(event.article_id))
        if position is not None:
            yield position


def _event_position(event: Event, said_on: dt.date | None) -> Position | None:
    """The claimant asserts; with no claimant named, a denied event's actor denies it."""
    source = event.attribution
    if source is None and event.polarity != "denied":
        return None
    actor: Actor | None = source.source if source else (event.actor[0] if event.actor else None)
    speaker = source.description if source else (actor.name if actor else "unnamed")
    return Position(
        speaker=speaker,
        actor=actor,
        stance="asserts" if source else "denies",
        said_on=said_on,
        article_id=event.article_id,
        evidence=source.span if source else event.text_info.sentence,
        via="event",
    )


def _about_something() -> Any:
    """Quotes whose ``about`` is not empty, told from the stored JSON text before decoding
    it (most quotes are about no event). The text ``"about": []`` can only be that key:
    inside a JSON string its quotes would be escaped."""
    return sa.not_(sa.cast(quotes.c.record, sa.Text).contains('"about": []', autoescape=True))


def _from_quotes(conn: Connection, event_ids: Sequence[str]) -> Iterable[Position]:
    """Quotes whose ``about`` names one of the events (read in the articles that hold them)."""
    articles_of = sa.select(merged_reports.c.article_id).where(
        merged_reports.c.event_id.in_(list(event_ids))
    )
    query = (
        sa.select(quotes.c.record, articles.c.published)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.article_id.in_(articles_of))
    )
    wanted = set(event_ids)
    for record, said_on in conn.execute(query.where(_about_something())):
        quote = from_dict(Quote, record)
        if wanted & set(quote.about):
            yield Position(
                speaker=quote.speaker.name if quote.speaker else quote.speaker_text,
                actor=quote.speaker,
                stance=quote.stance,
                said_on=said_on,
                article_id=quote.article_id,
                evidence=quote.content,
                via="quote",
            )
