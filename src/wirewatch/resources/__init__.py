"""Shipped data the project built, and the scripts that build it (see SOURCES.md)."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The words of a shipped list: one a line, ``#`` lines are comments."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))
