"""Build ``events_cameo.json``: the CAMEO→PLOVER crosswalk and a trigger lexicon.

Run as ``python -m tools.build.events_lexicon [DATA]`` (DATA defaults to the
``data`` setting, ``../shared/data``). Inputs, both under ``event_coding/``:

- ``PLOVER/CAMEO2PLOVER-2021.txt`` (CC-BY-SA-4.0): CAMEO code → PLOVER event, mode, context.
- ``petrarch2/CAMEO.2.0.txt`` (MIT): the PETRARCH verb dictionary. Each verb keeps its default
  CAMEO code and the block's patterns (the words that must follow it, e.g. ASK * PERMISSION).

CAMEO 01 (statements) has no PLOVER event; CAMEO 02 (appeals) is mapped onto its CAMEO 10
counterpart (REQUEST), as PLOVER merges appeals and demands. The output is deterministic.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from tools.build import RESOURCES
from wirewatch.settings import Settings

OUT = RESOURCES / "events_cameo.json"
CODE = re.compile(r"\[([0-9]{2,4})(?::[0-9]*)?\]")
SKIP_WORDS = frozenset({"*", "$", "+", "-", "%", "^", "=", "."})


def read_crosswalk(path: Path) -> dict[str, list[str]]:
    """CAMEO code → [event, mode, context] (empty strings where the table leaves them blank)."""
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([0-9]{2,4}):\s*(.*)$", line)
        if not match:
            continue
        body = match.group(2).split("#", 1)[0]
        parts = [p.strip() for p in body.split(",")]
        event, mode, context = ([*parts, "", "", ""])[:3]
        if match.group(1) not in table:
            table[match.group(1)] = [event, mode, context.replace(" ", "")]
    return table


def plover_root(code: str, crosswalk: dict[str, list[str]]) -> str | None:
    """The PLOVER event for a CAMEO code (longest known prefix), or None for statements."""
    if code.startswith("02"):
        code = "10" + code[2:]
    for size in range(len(code), 1, -1):
        entry = crosswalk.get(code[:size])
        if entry is not None and entry[0]:
            return entry[0]
    return None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` → its member words (lower case, underscores kept as spaces)."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.split()[0]
            sets[current] = []
        elif text.startswith("+") and current is not None:
            sets[current].append(text[1:].split()[0].strip("_").replace("_", " ").lower())
        elif not text:
            continue
        else:
            current = None
    return sets


def _slots(pattern: str, synsets: dict[str, list[str]]) -> list[str]:
    """A pattern's words after the verb (``&NAME`` stands for any word of that synonym set)."""
    words = re.sub(r"[(){}]", " ", pattern.split("*", 1)[-1]).split()
    slots: list[str] = []
    for word in words:
        if word in SKIP_WORDS or word.startswith(("$", "+", "%", "^")):
            continue
        if word.startswith("&"):
            if synsets.get(word):
                slots.append(word)
        else:
            slots.append(word.strip("_").replace("_", " ").lower())
    return slots


def read_verbs(path: Path, crosswalk: dict[str, list[str]]) -> dict[str, Any]:
    """The verb lexicon: synonym sets, pattern blocks, and verb → [default event, blocks]."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    end = next(i for i, line in enumerate(lines) if line.startswith("######## TRANSFORM"))
    synsets = read_synsets(lines[:start])
    verbs: dict[str, list[Any]] = {}
    blocks: list[list[Any]] = []
    for block in _blocks(lines[start + 1 : end]):
        _add_block(block, verbs, blocks, synsets, crosswalk)
    used = sorted({s for b in blocks for p in b for s in p[0] if s.startswith("&")})
    return {
        "synsets": {name: sorted(set(synsets[name])) for name in used},
        "blocks": blocks,
        "verbs": dict(sorted(verbs.items())),
    }


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    for line in lines:
        if line.startswith("---"):
            blocks.append([line])
        elif blocks and line.strip() and not line.lstrip().startswith("#"):
            blocks[-1].append(line)
    return blocks


def _patterns(
    block: list[str], synsets: dict[str, list[str]], crosswalk: dict[str, list[str]]
) -> list[list[Any]]:
    patterns: list[list[Any]] = []
    for line in block[1:]:
        if line.startswith("-"):
            code = CODE.search(line)
            root = plover_root(code.group(1), crosswalk) if code else None
            slots = _slots(CODE.split(line.split("#", 1)[0])[0][1:], synsets)
            if root and slots and [slots, root] not in patterns:
                patterns.append([slots, root])
    return patterns


def _add_block(
    block: list[str],
    verbs: dict[str, list[Any]],
    blocks: list[list[Any]],
    synsets: dict[str, list[str]],
    crosswalk: dict[str, list[str]],
) -> None:
    found = CODE.search(block[0])
    default = plover_root(found.group(1), crosswalk) if found else None
    patterns = _patterns(block, synsets, crosswalk)
    if patterns:
        blocks.append(patterns)
    for line in block[1:]:
        if line.startswith("-"):
            continue
        head = line.split("#", 1)[0].split("{", 1)[0].strip()
        code = CODE.search(line.split("#", 1)[0])
        words = head.split("[", 1)[0].strip().lstrip("+").strip("_").lower().split("_")
        if not words or not words[0].isalpha():
            continue
        root = (plover_root(code.group(1), crosswalk) if code else None) or default
        entry = verbs.setdefault(words[0], ["", []])
        if len(words) > 1 and root:
            blocks.append([[words[1:], root]])
            entry[1].append(len(blocks) - 1)
            continue
        if root and not entry[0]:
            entry[0] = root
        if patterns and len(blocks) - 1 not in entry[1]:
            entry[1].append(len(blocks) - 1)


def build(data: Path) -> dict[str, Any]:
    crosswalk = read_crosswalk(data / "event_coding/PLOVER/CAMEO2PLOVER-2021.txt")
    lexicon = read_verbs(data / "event_coding/petrarch2/CAMEO.2.0.txt", crosswalk)
    return {"crosswalk": crosswalk, **lexicon}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data = Path(args[0]) if args else Path(Settings().data)
    built = build(data)
    OUT.write_text(json.dumps(built, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT} ({len(built['verbs'])} verbs, {len(built['crosswalk'])} CAMEO codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
