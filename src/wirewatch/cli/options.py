"""Command-line options made from the settings list, shared by every command module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from wirewatch import settings

F = TypeVar("F", bound=Callable[..., Any])


def with_settings(*names: str) -> Callable[[F], F]:
    """Add a command-line option for each named setting, its help taken from the settings list."""

    def decorate(func: F) -> F:
        for name, _env, default, help_text in reversed(settings.describe()):
            if name in names:
                kind = type(default)
                flag = kind is bool
                func = click.option(
                    settings.option_name(name),
                    name,
                    type=None if flag else kind,
                    is_flag=flag,
                    flag_value=True if flag else None,
                    default=None,
                    help=f"{help_text} [default: {default if default != '' else 'none'}; "
                    f"env {settings.env_name(name)}]",
                )(func)
        return func

    return decorate
