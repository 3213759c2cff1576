"""Per-article stages, one package each (``parse`` is one module), and the default pipeline.

Each stage's ``__init__`` offers ``stage(settings) -> Stage`` and keeps its helpers inside
its package; ``default`` lists the stages in order. Ingest is not in the list: the job runs it
on every input first. See docs/architecture.md.
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
