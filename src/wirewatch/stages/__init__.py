"""Per-article stages, one module each, and the default pipeline they form.

Each stage module offers ``stage(settings) -> Stage``; ``default`` lists them in order.
"""

from __future__ import annotations

import importlib

from wirewatch.pipeline import Stage
from wirewatch.settings import Settings

#: The modules of the default pipeline, in the order they run.
ORDER = ("parse", "link", "place", "time", "events", "quotes")


def default(settings: Settings) -> list[Stage]:
    """The stages ``wirewatch run`` uses, in order."""
    return [importlib.import_module(f"wirewatch.stages.{name}").stage(settings) for name in ORDER]
