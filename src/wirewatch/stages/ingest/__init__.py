"""Ingest: one ``Input`` (raw bytes + given metadata) becomes one ``Article``.

HTML goes through trafilatura (main text, title, author, date from the page's own
metadata only: a date is never guessed). Wire conventions are taken out of the text by
``wire``. The article id hashes the normalised text, so re-reading is idempotent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from typing import Any

import trafilatura

from wirewatch.errors import ContentError, FormatError
from wirewatch.records import Article, Dateline
from wirewatch.resources import word_list
from wirewatch.stages.ingest import wire
from wirewatch.stages.ingest.sources import Input, check_binary, decode

#: Frequent English function words; English news runs at 0.35-0.45 of its tokens.
ENGLISH = word_list("english_words.txt")
# trafilatura logs every page it cannot read; wirewatch reports those as failures itself.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def article_from(
    item: Input,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    min_english: float = 0.12,
    min_words: int = 6,
    max_chars: int = 300_000,
) -> Article:
    """Build the Article for ``item``; ``published``/``source`` override what it carries."""
    fields = _fields(item)
    check_unicode(item.origin, fields)
    info = wire.parse(normalise(fields["text"]))
    if not info.text:
        raise ContentError(f"{item.origin}: no article text (empty, or only boilerplate).")
    if len(info.text) > max_chars:
        raise ContentError(
            f"{item.origin}: too long: {len(info.text):,} characters, limit {max_chars:,}; "
            "split the article, or raise --max-chars."
        )
    if not any(c.isalpha() for c in info.text):
        raise ContentError(
            f"{item.origin}: no text: no letters at all (only digits, punctuation or "
            "symbols); check the input."
        )
    words = len(info.text.split())
    if words < min_words:
        raise ContentError(
            f"{item.origin}: only {words} words, too short for an article (the least is "
            f"{min_words}); check the input, or lower --min-words."
        )
    check_english(item.origin, info.text, min_english)
    return Article(
        id=article_id(info.text),
        text=info.text,
        origin=item.origin,
        raw=item.data,
        raw_format=item.format,
        url=_str(fields.get("url")),
        source=source or _str(fields.get("source")),
        title=_str(fields.get("title")) or lead_title(info.text, info.dateline),
        published=published or parse_date(item.origin, fields.get("published")),
        dateline=info.dateline,
        byline=info.byline or _str(fields.get("author")),
        contributors=info.contributors,
        wire=info.wire,
        wire_evidence="; ".join(info.evidence) or None,
    )


def check_unicode(origin: str, fields: dict[str, Any]) -> None:
    """Refuse text fields holding lone surrogates (``\\ud800``): no store can keep them."""
    for name, value in fields.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise FormatError(
                    f"{origin}: field {name!r} is not valid Unicode (a lone surrogate at "
                    f"character {exc.start}); fix the encoding of the input."
                ) from None


def _fields(item: Input) -> dict[str, Any]:
    """text/title/url/published/source/author from the input, whatever its format."""
    if item.format == "record":
        fields = {k.lower(): v for k, v in item.fields.items()}
        return {**fields, "text": str(fields["text"])}
    check_binary(item.origin, item.data)
    if item.format == "html":
        return {**_from_html(item), **{k: v for k, v in item.fields.items() if v}}
    text = decode(item.origin, item.data)
    title, body = split_title(normalise(text))
    return {"title": title, **item.fields, "text": body}


def _from_html(item: Input) -> dict[str, Any]:
    try:
        doc: Any = trafilatura.bare_extraction(
            item.data,
            url=item.fields.get("url"),
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:
        raise FormatError(
            f"{item.origin}: HTML could not be parsed ({exc}); check the file."
        ) from exc
    if doc is None or not (doc.text or "").strip():
        raise FormatError(
            f"{item.origin}: no article text found in this HTML (broken markup, or a page "
            "without an article); save the article page itself, or pass its text."
        )
    text = doc.text
    if doc.title and text.startswith(doc.title):
        text = text[len(doc.title) :]
    return {
        "text": text,
        "title": doc.title,
        "url": doc.url,
        "published": doc.date,
        "source": doc.sitename or doc.hostname,
        "author": doc.author,
    }


def normalise(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


#: Longest title made from an article's first sentence, in characters.
TITLE = 120
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])")


def lead_title(text: str, dateline: Dateline | None) -> str | None:
    """For an input without a title: its first sentence (the dateline left out), cut at a
    word to ``TITLE`` characters with an ellipsis."""
    first = text.split("\n", 1)[0].strip()
    if dateline and first.startswith(dateline.text):
        first = first[len(dateline.text) :].strip()
    first = _SENTENCE_END.split(first, 1)[0].strip()
    if len(first) > TITLE:
        first = first[: TITLE - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return first or None


def split_title(text: str) -> tuple[str | None, str]:
    """A first line set apart by a blank line, short and unpunctuated, is a headline."""
    first, sep, rest = text.partition("\n\n")
    looks_like_title = (
        sep
        and rest.strip()
        and "\n" not in first
        and len(first) <= 200
        and not first.rstrip().endswith((".", ":", ",", ";", "—"))
    )
    return (first.strip(), rest.strip()) if looks_like_title else (None, text)


def article_id(text: str) -> str:
    """Hash of the text with whitespace and case folded: the same article, the same id."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def check_english(origin: str, text: str, threshold: float) -> None:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < 12:
        return
    share = sum(w in ENGLISH for w in words) / len(words)
    if share < threshold:
        raise ContentError(
            f"{origin}: the text does not look like English ({share:.0%} common English words, "
            f"under {threshold:.0%}); wirewatch's models read English only. Translate it first, "
            "or lower --min-english if this is English."
        )


#: Publication dates wirewatch accepts: from this day to a year after today.
EARLIEST = dt.date(1900, 1, 1)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(origin: str, value: Any) -> dt.date | None:
    """An ISO date or datetime given with the input; None when none was given.

    Only real calendar dates in extended form (YYYY-MM-DD, optionally with a valid ISO time)
    from 1900 to a year from today are taken: "2024-W22", 20240101 or "2024-05-31T25:61"
    are refused with the reason rather than read as some other day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _in_range(origin, value.date())
    if isinstance(value, dt.date):
        return _in_range(origin, value)
    text = str(value).strip()
    if not isinstance(value, str) or not _ISO_DAY.match(text):
        raise FormatError(
            f"{origin}: published {text[:40]!r} is not an ISO date; give it as YYYY-MM-DD "
            "(or a full ISO timestamp), or leave it out."
        )
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError:
        raise FormatError(
            f"{origin}: published {text[:40]!r} is not a real calendar date and time; give it "
            "as YYYY-MM-DD (or a full ISO timestamp), or leave it out."
        ) from None
    return _in_range(origin, day.date() if isinstance(day, dt.datetime) else day)


def _in_range(origin: str, day: dt.date) -> dt.date:
    latest = dt.date.today() + dt.timedelta(days=366)
    if not EARLIEST <= day <= latest:
        raise FormatError(
            f"{origin}: published {day.isoformat()} is outside {EARLIEST.isoformat()} to "
            f"{latest.isoformat()}; check the date, or leave it out."
        )
    return day


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
