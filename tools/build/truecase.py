"""Build ``lowercase_words.txt``: the words news writes in lower case inside a sentence.

Run as ``python -m tools.build.truecase`` (the corpora under ``$WIREWATCH_DATA`` or
``../shared/data``). A headline in title case ("Myanmar Junta Kills 14 in Sagaing Massacre")
capitalises every word, and the parser then reads "Kills" and "Massacre" as names. The parse
stage lowers, for the parser only, the capitalised words that running news text writes in
lower case, and keeps the rest ("Myanmar", "Sagaing", "South African").

Counted: every word of running text (not a title line, not the first word of a sentence)
in the clustering, geoparsing and quotes news corpora and PLV's sentences, by how it is
written. A capital tells something only in running text: a capitalised word counts when a
word of four letters or more beside it (two either side) is in lower case, so that a headline
pasted into a paragraph ("... Croydon Tram Victims Named As Police ...") does not pass its
capitals off as names'. A word is listed when it was seen at least ``LEAST`` times and in
lower case at least ``SHARE`` of them. A regular plural (or third person) of a listed word that
was itself seen fewer than ``LEAST`` times is listed too ("massacres", "ambushes"): it is
written as its singular is, unless the corpora show otherwise. So are the event verbs of the
shipped CAMEO lexicon (``events_cameo.json``, those with a default type), with their third
person and regular past, that the corpora show fewer than ``LEAST`` times: a headline's
"Torch" or "Behead" is the verb news writes in lower case, and a word the corpora show as a
name ("Bill") is decided by them. Only words and no text are written.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bench.common import data_dir

from tools.build import RESOURCES
from wirewatch.stages.parse import event_verbs
from wirewatch.stages.parse import regular_past as past

OUT = RESOURCES / "lowercase_words.txt"
LEAST = 3
SHARE = 0.8
WORD = re.compile(r"[A-Za-z][a-z]+(?:[-'][a-z]+)*")
#: A word right after one of these (or at a line's start) begins a sentence or a quote.
OPENERS = frozenset('.!?:;"“‘(\n')


def texts(root: Path) -> Iterator[str]:
    """The running text of every news corpus in the shared folder."""
    for name in ("clustering/news_cluster.jsonl", *(f"geoparsing/{c}.jsonl" for c in
                 ("lgl", "geovirus"))):  # fmt: skip
        path = root / name
        if path.is_file():
            with path.open(encoding="utf-8") as lines:
                yield from (str(json.loads(line).get("text") or "") for line in lines)
    for path in sorted((root / "quotes" / "polnear" / "data").glob("*/text/*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    plv = root / "event_coding" / "ZeroShotPLOVER" / "PLV_train.tsv"
    if plv.is_file():
        with plv.open(encoding="utf-8") as rows:
            for row in csv.reader(rows, delimiter="\t"):
                yield from (cell for cell in row if len(cell) > 40)


def _title_line(line: str) -> bool:
    words = [w for w in WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def counts(corpus: Iterator[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word (lower-cased) was written in lower case, and at all, mid-sentence."""
    lower: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in corpus:
        for line in text.splitlines():
            if _title_line(line):
                continue
            found = list(WORD.finditer(line))
            for at, match in enumerate(found):
                before = line[: match.start()].rstrip()
                if not before or before[-1] in OPENERS:
                    continue
                word = match.group()
                if not word.islower() and not _in_running_text(found, at):
                    continue
                seen[word.lower()] += 1
                lower[word.lower()] += word.islower()
    return lower, seen


def _in_running_text(found: list[re.Match[str]], at: int) -> bool:
    """Whether a word of four letters or more near ``found[at]`` (two either side) is in
    lower case: then a capital on it is a name's, not a title's."""
    near = [m.group() for m in (*found[max(0, at - 2) : at], *found[at + 1 : at + 3])]
    return any(len(w) > 3 and w.islower() for w in near)


def plural(word: str) -> str:
    """The regular plural (or third person singular) of an English word."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return word[:-1] + "ies"
    return word + "s"


def listed(
    lower: Counter[str], seen: Counter[str], verbs: frozenset[str] = frozenset()
) -> list[str]:
    """The words running text writes in lower case, with the unseen plurals of those and the
    unseen forms of ``verbs``."""
    words = {w for w, n in seen.items() if n >= LEAST and lower[w] >= SHARE * n}
    words |= {plural(w) for w in words if seen[plural(w)] < LEAST and "'" not in w}
    forms = {f for v in verbs for f in (v, plural(v), past(v))}
    words |= {f for f in forms if seen[f] < LEAST}
    return sorted(words)


def main(argv: list[str] | None = None) -> int:
    del argv
    lower, seen = counts(texts(data_dir()))
    words = listed(lower, seen, event_verbs())
    if not words:
        print("truecase: no corpus found under", data_dir(), file=sys.stderr)
        return 1
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"truecase: {len(words)} words of {len(seen)} → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
