"""The REST API's query parameters: filters, paging and the database connection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from sqlalchemy.engine import Connection

from wirewatch.api.paging import Page, QueryError
from wirewatch.api.queries import Filters

MAX_LIMIT = 1000
#: The largest ``limit`` or ``offset`` taken: far beyond any store, and well inside the 64-bit
#: integers SQLite and PostgreSQL page with (a larger number is a 422, never an overflow).
MAX_ROWS = 1_000_000_000
Format = Literal["json", "csv"]
GeoFormat = Literal["json", "csv", "geojson"]


# --- parameters --------------------------------------------------------------------------


R = "Repeat to give several. "
Actor = Annotated[
    list[str] | None,
    Query(description=R + "Actor code (RUS), code and sector (RUS MIL) or name of an actor."),
]
Recipient = Annotated[list[str] | None, Query(description=R + "Like actor, for the recipient.")]
EventType = Annotated[
    list[str] | None, Query(description=R + "PLOVER event type (ASSAULT, AGREE, ...).")
]
Country = Annotated[
    list[str] | None, Query(description=R + "ISO alpha-3 country code of the place.")
]
Source = Annotated[
    list[str] | None, Query(description=R + "Source (outlet) of the article, exactly as stored.")
]
Modality = Annotated[
    list[str] | None,
    Query(description=R + "actual, future, hypothetical, requested or threatened."),
]
Polarity = Annotated[list[str] | None, Query(description=R + "asserted, negated or denied.")]
Stance = Annotated[
    list[str] | None,
    Query(description=R + "asserts, denies, dismisses, threatens, requests or urges."),
]
Kind = Annotated[
    list[str] | None,
    Query(
        description=R
        + "Kind: direct/indirect/mixed for quotes, state/igo/person/org/group for actors."
    ),
]
Sector = Annotated[list[str] | None, Query(description=R + "PLOVER sector (GOV, MIL, REB, ...).")]
PlaceName = Annotated[str | None, Query(description="Part of the place name, any case.")]
Box = Annotated[str | None, Query(description="west,south,east,north in degrees.")]
Since = Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD.")]
Until = Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD.")]
ArticleId = Annotated[str | None, Query(description="Only records of this article id.")]
Text = Annotated[str | None, Query(description="Part of the text searched, any case.")]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise QueryError(f"bbox {value!r} must be four numbers: west,south,east,north.") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError(f"bbox {value!r} is outside -180..180 / -90..90 or south > north.")
    return west, south, east, north


def filters(**given: Any) -> Filters:
    since, until = given.get("since"), given.get("until")
    if since and until and since > until:
        raise QueryError(f"since {since} is after until {until}.")
    given["bbox"] = _bbox(given.get("bbox"))
    values: dict[str, Any] = {}
    for name, value in given.items():
        if value is not None:
            values[name] = tuple(v for v in value if v) if isinstance(value, list) else value
    return Filters(**values)


def event_filters(
    actor: Actor = None,
    recipient: Recipient = None,
    event: EventType = None,
    place: PlaceName = None,
    country: Country = None,
    bbox: Box = None,
    since: Since = None,
    until: Until = None,
    source: Source = None,
    modality: Modality = None,
    polarity: Polarity = None,
    article: ArticleId = None,
) -> Filters:
    return filters(**locals())


def article_filters(
    source: Source = None, since: Since = None, until: Until = None, q: Text = None
) -> Filters:
    return filters(**locals())


def quote_filters(
    speaker: Annotated[str | None, Query(description="Part of the speaker, or a code.")] = None,
    stance: Stance = None,
    kind: Kind = None,
    source: Source = None,
    since: Since = None,
    until: Until = None,
    article: ArticleId = None,
    q: Text = None,
) -> Filters:
    return filters(**locals())


def actor_filters(
    q: Text = None, sector: Sector = None, kind: Kind = None, source: Source = None,
    article: ArticleId = None,
) -> Filters:  # fmt: skip
    return filters(**locals())


def place_filters(
    place: PlaceName = None, country: Country = None, bbox: Box = None, source: Source = None,
    article: ArticleId = None,
) -> Filters:  # fmt: skip
    return filters(**locals())


def _query_names(dependant: Any) -> set[str]:
    names = {str(p.alias) for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def known_parameters(request: Request) -> None:
    """Refuse parameters the endpoint does not take: a misspelt filter must not pass silently."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant) | {"token"}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise QueryError(
            f"unknown parameter {', '.join(unknown)}; this endpoint takes "
            f"{', '.join(sorted(allowed - {'token'})) or 'none'}."
        )


def paging(
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_ROWS, description="JSON: 1-1000, default 50; exports: every row."),
    ] = None,
    offset: Annotated[
        int,
        Query(
            ge=0, le=MAX_ROWS, description="Rows to skip (slower deep in a large list: use after)."
        ),
    ] = 0,
    sort: Annotated[str | None, Query(description="A sort key; -key sorts descending.")] = None,
    after: Annotated[
        str | None,
        Query(
            max_length=1000,
            description="Start after this cursor: the one each page's next link carries.",
        ),
    ] = None,
) -> Page:
    return Page(limit=limit, offset=offset, sort=sort, after=after)


def connection(request: Request) -> Iterator[Connection]:
    with request.app.state.store.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
EventFilters = Annotated[Filters, Depends(event_filters)]
ArticleFilters = Annotated[Filters, Depends(article_filters)]
QuoteFilters = Annotated[Filters, Depends(quote_filters)]
ActorFilters = Annotated[Filters, Depends(actor_filters)]
PlaceFilters = Annotated[Filters, Depends(place_filters)]
Paged = Annotated[Page, Depends(paging)]
