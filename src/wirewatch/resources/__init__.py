"""Shipped data the project built, and the scripts that build it (see SOURCES.md)."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The words of a shipped list: one a line, ``#`` lines are comments."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


@functools.cache
def background() -> tuple[int, dict[str, int]]:
    """(documents, document frequency by word) of the shipped background corpus of news
    (``background_df.json.gz``, built by ``tools.build.background_df``)."""
    raw = resources.files(__name__).joinpath("background_df.json.gz").read_bytes()
    table = json.loads(gzip.decompress(raw))
    return int(table["docs"]), {str(k): int(v) for k, v in table["df"].items()}
