"""Per-article stages, one module each, and the default pipeline they form."""

from __future__ import annotations

from wirewatch.pipeline import Stage
from wirewatch.settings import Settings


def default(settings: Settings) -> list[Stage]:
    """The stages ``wirewatch run`` uses, in order."""
    from wirewatch.stages import parse

    return [parse.stage(settings.model, settings.batch_size)]
