"""Build ``quote_cues.json``, the cue lexicon of the quotes stage, from PolNeAR train.

    python -m tools.build.quote_cues [--data DIR] [--out FILE]

Every attribution frame the rules find in the training articles (a verb with a clause,
object, infinitive, quotation or passive; "according to"; see ``wirewatch.stages.quotes.rules``) is
counted under its lemma, lemma/frame and lemma/frame/has-source, with how many of them are
gold cues (the candidate's cue overlaps an annotated cue). Lemmas never seen as a cue are
left out (the stage then treats them as unknown). The reporting-verb lists of
``quotes/lexicons`` (plus denial and demand verbs, which they lack) give the prior for
verbs train never saw. Only counts and lemmas are written, never text. Deterministic.
PolNeAR dev is never read here: it is the benchmark's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.build import RESOURCES

TRAIN = "quotes/polnear/data/train"
LEXICONS = "quotes/lexicons"
LISTS = (
    "ggt_quote_verb_list.txt",
    "journalismai_quote_verb_list.txt",
    "textacy_reporting_verbs_en.txt",
)
#: Cues the shared lists lack (their SOURCES.txt says so): denials, dismissals, demands, threats.
EXTRA = [
    "deny",
    "denies",
    "dismiss",
    "reject",
    "refute",
    "dispute",
    "rebut",
    "disavow",
    "threaten",
    "warn",
    "vow",
    "urge",
    "demand",
    "request",
    "appeal",
    "label",
    "brand",
]
#: The prepositional cues of ``rules`` ("as per" is too rare in PolNeAR to be learned).
PHRASES = ("according to", "as per")
#: Chosen by two-fold cross-validation on PolNeAR train (source F1, overlap).
THRESHOLD = 0.45
ROLES = ("source", "cue", "content")
SPEAKER_MIN = 5  # a kind of speaker seen fewer times than this keeps the average rate
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One PolNeAR attribution (or a system's): each role a tuple of character spans."""

    source: Spans
    cue: Spans
    content: Spans


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    text: str
    gold: tuple[Attribution, ...]


def load_polnear(folder: Path, limit: int | None = None) -> list[Item]:
    """A PolNeAR split: each article with its first annotator's attributions (by file name)."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    items = []
    for name, ann in sorted(chosen.items())[:limit]:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        items.append(Item(name=name, text=text, gold=read_ann(ann)))
    return items


def read_ann(path: Path) -> tuple[Attribution, ...]:
    """Brat standoff: T lines give typed spans ('a b;c d' when discontinuous), E lines tie them."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            offsets = parts[1].split(" ", 1)[1]
            spans[parts[0]] = tuple(_pair(piece) for piece in offsets.split(";"))
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return tuple(
        Attribution(**{role: spans.get(e.get(role.title(), ""), ()) for role in ROLES})
        for e in events
    )


def _pair(piece: str) -> tuple[int, int]:
    start, end = piece.split()
    return int(start), int(end)


def positions(text: str, spans: Spans) -> frozenset[int]:
    """The letters and digits spans cover: edges, spaces and punctuation do not count."""
    return frozenset(i for a, b in spans for i in range(a, b) if text[i].isalnum())


def known_lemmas(folder: Path) -> list[str]:
    """Every word of the shared reporting-verb lists (base forms are among them) and EXTRA."""
    words = set(EXTRA) | set(PHRASES)
    for name in LISTS:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        words.update(w.strip().lower() for w in lines if w.strip() and " " not in w.strip())
    return sorted(words)


def count(items: Sequence[Item], docs: Iterable[object]) -> dict[str, list[int]]:
    """(gold cues, candidates) per lexicon key over the rules' unfiltered candidates."""
    from wirewatch import quotemarks as quote_marks
    from wirewatch.stages.quotes import cues as quote_cues
    from wirewatch.stages.quotes import rules as quote_rules

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item, doc in zip(items, docs, strict=True):
        cues = [positions(item.text, a.cue) for a in item.gold if a.cue]
        for found in quote_rules.extract(doc, quote_marks.spans(item.text)):
            hit = int(bool(any(positions(item.text, (found.cue,)) & g for g in cues)))
            for key in (*quote_cues.keys(found), *quote_cues.speaker_keys(found)):
                counts[key][0] += hit
                counts[key][1] += 1
    return counts


def prune(counts: dict[str, list[int]]) -> dict[str, list[int]]:
    """Drop every key of a lemma that was never a cue: unknown either way, and smaller."""
    cues = {key for key, (hits, _seen) in counts.items() if "/" not in key and hits}
    return {
        key: counts[key]
        for key in sorted(counts)
        if key.split("/")[0] in cues or (key.startswith("@") and counts[key][1] >= SPEAKER_MIN)
    }


def build(data: Path) -> dict[str, object]:
    from wirewatch.stages import parse

    items = load_polnear(data / TRAIN)
    nlp = parse.load("en_core_web_sm")
    counts = count(items, nlp.pipe((i.text for i in items), batch_size=32))
    return {
        "source": "PolNeAR v1.0.0 train (counts only), quotes/lexicons (lemmas)",
        "threshold": THRESHOLD,
        "known": known_lemmas(data / LEXICONS),
        "counts": prune(counts),
    }


def main(argv: list[str] | None = None) -> int:
    from wirewatch.settings import load

    parser = argparse.ArgumentParser(prog="python -m tools.build.quote_cues")
    parser.add_argument("--data", default=load().data, help="the shared corpora folder")
    parser.add_argument("--out", default=str(RESOURCES / "quote_cues.json"))
    args = parser.parse_args(argv)
    result = build(Path(args.data))
    text = json.dumps(result, indent=0, sort_keys=True, ensure_ascii=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(result['counts'])} keys", file=sys.stderr)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
