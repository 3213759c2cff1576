"""wirewatch: news articles in; an attributed, geocoded, time-resolved event database out.

The Python API in brief::

    import wirewatch
    article = wirewatch.analyse("KYIV, Ukraine (AP) — ...", published="2024-05-31")
    store = wirewatch.Store("wirewatch.db")
    report = wirewatch.process(["news/"], wirewatch.load_settings(), wirewatch.default_stages(),
                               store=store)
"""

from __future__ import annotations

import datetime as dt
import importlib
import typing

from wirewatch import cpu, pipeline
from wirewatch.errors import (
    ContentError,
    FormatError,
    InputError,
    ModelError,
    PipelineError,
    ReadError,
    SettingsError,
    StageError,
    StoreError,
    WirewatchError,
)
from wirewatch.pipeline import Stage, check
from wirewatch.records import (
    Actor,
    ActorMention,
    Article,
    Attribution,
    Contributor,
    Count,
    Dateline,
    Event,
    EventMention,
    Failure,
    Place,
    PlaceMention,
    Quote,
    Span,
    TextInfo,
    TimeRef,
    Weapon,
    WeaponMention,
)
from wirewatch.settings import Settings
from wirewatch.settings import load as load_settings

if typing.TYPE_CHECKING:
    from wirewatch.jobs import Report, process
    from wirewatch.store import Store

# Before anything loads spaCy (and with it blis): blis reads its kernel choice once, at load.
cpu.choose()

__version__ = "0.1.0"

#: Loaded on first use: the job and the store bring SQLAlchemy, trafilatura and httpx, which
#: ``wirewatch --help`` and the read commands do not need. Name → module.
_LAZY = {"process": "wirewatch.jobs", "Report": "wirewatch.jobs", "Store": "wirewatch.store"}


def __getattr__(name: str) -> typing.Any:
    """``wirewatch.process``, ``wirewatch.Report`` and ``wirewatch.Store``, imported when asked."""
    if name not in _LAZY:
        raise AttributeError(f"module 'wirewatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def default_stages(settings: Settings | None = None) -> list[Stage]:
    """The stages ``wirewatch run`` uses."""
    from wirewatch.stages import default

    return default(settings or load_settings())


def analyse(
    text: str, *, published: str | dt.date | None = None, settings: Settings | None = None
) -> Article:
    """Ingest one text and run every stage over it, without storing anything.

    Example: ``wirewatch.analyse("Russia denied attacking Ukraine.", published="2024-06-10")``
    """
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    conf = settings or load_settings()
    try:
        item = Input("<text>", text.encode("utf-8"), "text")
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"<text>: not valid Unicode (a lone surrogate at character {exc.start}); "
            "fix the text's encoding."
        ) from None
    day = ingest.parse_date("published", published)
    # One text handed over on purpose: any length will do (min_words guards corpus inputs).
    article = ingest.article_from(
        item, published=day, min_english=conf.min_english, min_words=1, max_chars=conf.max_chars
    )
    (result,) = pipeline.run(default_stages(conf), [article])
    if isinstance(result, Failure):
        raise StageError(result.stage, result.reason)
    return result


__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "Attribution",
    "ContentError",
    "Contributor",
    "Count",
    "Dateline",
    "Event",
    "EventMention",
    "Failure",
    "FormatError",
    "InputError",
    "ModelError",
    "PipelineError",
    "Place",
    "PlaceMention",
    "Quote",
    "ReadError",
    "Report",
    "Settings",
    "SettingsError",
    "Span",
    "Stage",
    "StageError",
    "Store",
    "StoreError",
    "TextInfo",
    "TimeRef",
    "Weapon",
    "WeaponMention",
    "WirewatchError",
    "__version__",
    "analyse",
    "check",
    "default_stages",
    "load_settings",
    "process",
]
