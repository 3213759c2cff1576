"""Stages that misbehave on cue, importable by name so that worker processes can build them.

A marker word in an article's text decides what the ``toy`` stage does with it: KILLME
kills its process with SIGKILL, EXITME leaves with ``os._exit(3)``, SLOWME sleeps past any
budget a test sets, BADME raises, DAWDLE sleeps a moment. Other articles pass unchanged.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from dataclasses import replace

from wirewatch.errors import ModelError
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Span
from wirewatch.settings import Settings


def misbehave(article: Article) -> Article:
    text = article.text
    if "KILLME" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    if "EXITME" in text:
        os._exit(3)
    if "SLOWME" in text:
        time.sleep(30)
    if "DAWDLE" in text:
        time.sleep(0.4)
    if "BADME" in text:
        raise ValueError("a bug on cue")
    return replace(article, sentences=(Span(start=0, end=len(text), text=text),))


def toy(_settings: Settings) -> Sequence[Stage]:
    """The recipe: one stage that misbehaves on cue."""
    return [Stage(name="toy", version="1", run=misbehave, assigns=("sentences",))]


def other_version(_settings: Settings) -> Sequence[Stage]:
    return [Stage(name="toy", version="2", run=misbehave, assigns=("sentences",))]


def _no_model() -> None:
    raise ModelError("no such model on cue; install it")


def unloadable(_settings: Settings) -> Sequence[Stage]:
    return [Stage(name="toy", version="1", run=misbehave, setup=_no_model)]


def dies_starting(_settings: Settings) -> Sequence[Stage]:
    os._exit(5)
