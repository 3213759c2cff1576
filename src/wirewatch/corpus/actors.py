"""People named differently across articles: "Blinken" here, "Antony Blinken" there.

Every person name met in an article's actor mentions is kept in ``actor_aliases`` with the
full name it resolves to. A name of two words or more is a full name (it resolves to
itself). A shorter name ("Blinken", "Mr. Blinken") resolves to the one full name that ends
with it; when no full name ends with it yet, or several do ("Biden": Joe, Hunter), it
stays as it is, and a full name met later resolves the names waiting for it when it is
the only one of that surname. States and organisations need none of this: their codes
(``USA``, ``NATO``) already say which they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.corpus.db import chunks, upsert
from wirewatch.records import Actor
from wirewatch.store.schema import actor_aliases, mentions

_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|Sgt|Adm|Prof|Sir|Dame)\.?\s+)+",
)


@functools.lru_cache(maxsize=1 << 14)
def clean(name: str) -> str:
    """The name without honorifics and extra spaces: "Mr.  Blinken" → "Blinken"."""
    return _HONORIFIC.sub("", " ".join(name.split())).strip()


def surname(name: str) -> str:
    words = clean(name).split()
    return words[-1].casefold() if words else ""


def update(conn: Connection, article_ids: Sequence[str]) -> None:
    """Register the person names of these articles and resolve what can be resolved."""
    register(conn, _person_names(conn, article_ids))


def register(conn: Connection, met: Iterable[str]) -> None:
    """Register these person names (one batch's) and resolve what can be resolved."""
    names = sorted(set(met))
    full = [n for n in names if len(clean(n).split()) >= 2]
    upsert(conn, actor_aliases, [_row(n, clean(n)) for n in full])
    for name in names:
        if name not in full:
            upsert(conn, actor_aliases, [_row(name, _resolve_short(conn, name))])
    for name in full:
        _adopt_waiting(conn, clean(name))


def _row(alias: str, canonical: str) -> dict[str, str]:
    return {"alias": alias, "canonical": canonical, "surname": surname(alias)}


def _person_names(conn: Connection, article_ids: Sequence[str]) -> Iterable[str]:
    for part in chunks(list(article_ids)):
        query = sa.select(mentions.c.record).where(
            mentions.c.kind == "actor", mentions.c.article_id.in_(part)
        )
        for record in conn.scalars(query):
            actor = record.get("actor") or {}
            if actor.get("kind") == "person" and actor.get("name"):
                yield str(actor["name"])


def _full_names(conn: Connection, last: str) -> set[str]:
    """Full names (two words or more) with this surname."""
    query = sa.select(actor_aliases.c.canonical).where(actor_aliases.c.surname == last)
    return {n for n in conn.scalars(query) if len(n.split()) >= 2}


def _resolve_short(conn: Connection, name: str) -> str:
    found = {n for n in _full_names(conn, surname(name)) if _fits(clean(name), n)}
    return found.pop() if len(found) == 1 else clean(name)


def _fits(short: str, full: str) -> bool:
    """Every word of ``short`` is a word of ``full`` ("Blinken" fits "Antony Blinken")."""
    words = full.casefold().split()
    return all(w in words for w in short.casefold().split())


def _adopt_waiting(conn: Connection, full: str) -> None:
    """Short names of this surname still unresolved now resolve to ``full`` if it is alone."""
    last = full.split()[-1].casefold()
    if len(_full_names(conn, last)) != 1:
        return
    query = sa.select(actor_aliases.c.alias, actor_aliases.c.canonical).where(
        actor_aliases.c.surname == last
    )
    for alias, canonical in conn.execute(query).all():
        if len(canonical.split()) < 2 and _fits(clean(alias), full):
            conn.execute(
                actor_aliases.update().where(actor_aliases.c.alias == alias).values(canonical=full)
            )


def resolve(conn: Connection, names: Iterable[str]) -> dict[str, str]:
    """The full name each of ``names`` resolves to (the name itself when unknown)."""
    wanted = sorted(set(names))
    found: dict[str, str] = {}
    for part in chunks(wanted):
        query = sa.select(actor_aliases.c.alias, actor_aliases.c.canonical).where(
            actor_aliases.c.alias.in_(part)
        )
        found.update(dict(conn.execute(query).all()))
    return {n: found.get(n, clean(n)) for n in wanted}


#: Sectors of non-state armed groups (rebels, insurgents, cartels): such a group carries the
#: code of the country it fights in, which is also its enemy's code.
ARMED_SECTORS = frozenset({"REB", "INS", "CRM"})


def keys(actor: Actor, names: Mapping[str, str]) -> set[str]:
    """What identifies an actor across articles: its code, and a person's resolved name; an
    armed group its own name only ("Boko Haram" is coded NGA, as the Nigerian army is, and
    an abduction by the one is never the other's offensive)."""
    if actor.kind == "group" and actor.sector in ARMED_SECTORS:
        return {"group:" + clean(actor.name).casefold()}
    found = {actor.code} if actor.code else set()
    if actor.kind == "person":
        found.add("person:" + names.get(actor.name, clean(actor.name)).casefold())
    elif not actor.code:
        found.add("name:" + clean(actor.name).casefold())
    return found
