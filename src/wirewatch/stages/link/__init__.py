"""Link: who the article names (actors with PLOVER codes and sectors) and with what weapons.

Reads the spaCy Doc of ``parse`` and assigns ``Article.actors`` and ``Article.weapons``:

1. weapons from the project's gazetteer (``weapons``);
2. the entity layer: spaCy's entities corrected with the actor knowledge base and GeoNames
   names (``actors``);
3. people with their office and affiliation, and their later mentions
   (``people``);
4. states, organs, IGOs and groups, with the sector their words give
   (``groups``);
5. a state's forces named without the state ("security forces"), given the country the
   article is about (``forces``).

Where candidates overlap, a person wins over the words of their title, then the longer span.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from wirewatch.pipeline import Stage
from wirewatch.records import ActorMention, Article, Span
from wirewatch.settings import Settings
from wirewatch.stages import parse
from wirewatch.stages.link import actors, forces, weapons
from wirewatch.stages.link import groups as actors_groups
from wirewatch.stages.link import people as actors_people

VERSION = "1"


def stage(settings: Settings | None = None) -> Stage:
    """The link stage; it reuses the parse stage's model (``settings.model``)."""
    model = (settings or Settings()).model

    def run(article: Article) -> Article:
        return link(article, parse.load(model))

    return Stage(
        name="link",
        version=VERSION,
        run=run,
        setup=lambda: setup(parse.load(model)),
        requires=("doc",),
        assigns=("actors", "weapons"),
    )


def setup(nlp: Any) -> None:
    """Load the knowledge base, the place names and the weapon matchers once."""
    actors.knowledge()
    actors.place_names()
    weapons.find(nlp.make_doc("warm up"), nlp)


def link(article: Article, nlp: Any) -> Article:
    doc = article.doc
    if doc is None:
        return article
    found = weapons.find(doc, nlp)
    ents = actors.entities(doc, found)
    where = article.dateline.place_text if article.dateline else None
    return replace(
        article,
        actors=tuple(_mentions(doc, ents, {i for s, e, _ in found for i in range(s, e)}, where)),
        weapons=weapons.mentions(doc, found),
    )


def _mentions(
    doc: Any, ents: list[actors.Entity], weapon_tokens: set[int], dateline: str | None = None
) -> list[ActorMention]:
    persons = actors_people.people(doc, ents)
    taken = {i for p in persons for i in range(p.start, p.end)}
    taken |= {i for p in persons if p.described for i in range(*p.described)}
    groups = actors_groups.candidates(doc, ents, weapon_tokens)
    groups.sort(key=lambda c: c.start - c.end)  # longest first
    groups += forces.candidates(doc, ents, dateline)  # after every named one
    out = [_mention(doc, p.start, p.end, p.actor, p.head) for p in persons]
    for cand in groups:
        tokens = set(range(cand.start, cand.end))
        if not tokens & taken:
            taken |= tokens
            out.append(_mention(doc, cand.start, cand.end, cand.actor, None))
    return sorted(out, key=lambda m: m.span.start)


def _mention(
    doc: Any, start: int, end: int, actor: Any, head: tuple[int, int] | None
) -> ActorMention:
    return ActorMention(
        span=_span(doc[start:end]),
        actor=actor,
        head=_span(doc[head[0] : head[1]]) if head else None,
    )


def _span(span: Any) -> Span:
    return Span(start=span.start_char, end=span.end_char, text=span.text)
