"""Docs that cannot drift: every command, option, setting and public name is documented."""

from __future__ import annotations

import re

import click
from tests.conftest import ROOT

import wirewatch
from wirewatch import settings
from wirewatch.cli import cli

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
SETTINGS_DOC = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_cli_md() -> None:
    context = click.Context(cli)
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        assert command is not None
        assert f"## wirewatch {name}\n" in CLI_DOC, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in CLI_DOC or opt in SETTINGS_DOC for opt in param.opts), (
                    name,
                    param.opts,
                )


def test_every_setting_is_in_settings_md_with_its_default_and_variable() -> None:
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `(\w+)` \|.*$", SETTINGS_DOC, re.M)}
    assert set(rows) == set(settings.NAMES)
    for name, env, default, _help in settings.describe():
        assert f"`{env}`" in rows[name]
        assert str(default)[:12] in rows[name], name


def test_readme_gives_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_public_api_all_is_honest() -> None:
    exported = set(wirewatch.__all__)
    public = {n for n in dir(wirewatch) if not n.startswith("_") and n not in {"annotations"}}
    modules = {n for n in public if type(getattr(wirewatch, n)).__name__ == "module"}
    assert exported == (public - modules) | {"__version__"}
    for name in exported:
        assert hasattr(wirewatch, name)


ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "src" / "wirewatch"


def test_architecture_md_names_every_package_and_stage_module() -> None:
    """The map stays true: each top-level module and package, each stage's helper modules."""
    for path in sorted(PACKAGE.iterdir()):
        if path.name.startswith(("_", ".")) or path.suffix not in ("", ".py"):
            continue
        assert path.name in ARCHITECTURE, path.name
    for stage in sorted((PACKAGE / "stages").iterdir()):
        if stage.is_dir() and not stage.name.startswith("_"):
            assert f"stages/{stage.name}/" in ARCHITECTURE, stage.name
            for module in sorted(stage.glob("[!_]*.py")):
                assert f"`{module.name}`" in ARCHITECTURE, f"stages/{stage.name}/{module.name}"
    assert "(docs/architecture.md)" in README


def test_stages_keep_their_helpers_inside_their_package() -> None:
    """One package per stage: no family of prefixed modules beside the stages."""
    from wirewatch import stages

    loose = sorted(p.stem for p in (PACKAGE / "stages").glob("*.py") if p.stem != "__init__")
    assert loose == ["parse"]
    for name in stages.ORDER:
        assert (PACKAGE / "stages" / name).is_dir() or name in loose, name
