"""ner: the link stage's corrected entity layer beside plain spaCy, scored on CoNLL-2003.

Data: CoNLL-2003 English (``ner/conll2003/valid.txt`` by default; token POS chunk NER columns,
IOB tags), documents separated by ``-DOCSTART-``. Each document is one text (tokens joined by
spaces, a sentence a line) parsed once; both systems read the same Doc. Scoring is the usual
CoNLL one: an entity counts only with its exact token span and type; precision, recall and F1
are micro-averaged over PER, LOC, ORG and MISC (per-type F1 is printed too).

Label mapping:

| CoNLL | spaCy (peer ``spacy``) | wirewatch (``actors.entities``) |
|---|---|---|
| PER | PERSON | person (minus big GeoNames towns the model calls PERSON: Kharkiv) |
| LOC | GPE, LOC, FAC | place: countries, capitals, GeoNames towns, GPE/LOC/FAC |
| ORG | ORG | org: IGOs, organs, armed groups, ORG |
| MISC | NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE | norp (demonyms) and misc |

Weapons the gazetteer names are taken out of the entity layer (they are no CoNLL entity).
The rules were tuned on ``train.txt`` only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, rounded
from wirewatch import settings
from wirewatch.stages import parse
from wirewatch.stages.link import actors, weapons

TASK = "ner"
DEFAULT = "ner/conll2003/valid.txt"
TYPES = ("PER", "LOC", "ORG", "MISC")
SPACY = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
WIREWATCH = {"person": "PER", "place": "LOC", "org": "ORG", "norp": "MISC", "misc": "MISC"}

Mention = tuple[int, int, str]  # token start, token end, CoNLL type


@dataclass
class Document:
    tokens: list[str]
    gold: set[Mention]
    sentence_ends: set[int]  # token indices that end a sentence

    def text_and_offsets(self) -> tuple[str, list[int]]:
        parts: list[str] = []
        starts: list[int] = []
        at = 0
        for i, token in enumerate(self.tokens):
            starts.append(at)
            sep = "\n" if i in self.sentence_ends else " "
            parts.append(token + sep)
            at += len(token) + 1
        return "".join(parts), starts


def read(path: Path, limit: int | None = None) -> list[Document]:
    """CoNLL-2003 documents (IOB1 or IOB2 tags)."""
    docs: list[Document] = []
    for block in _documents(path.read_text(encoding="utf-8")):
        tokens, tags, ends = [], [], set()
        for sentence in block:
            for token, tag in sentence:
                tokens.append(token)
                tags.append(tag)
            ends.add(len(tokens) - 1)
        if tokens:
            docs.append(Document(tokens, set(spans(tags)), ends))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _documents(text: str) -> Iterator[list[list[tuple[str, str]]]]:
    doc: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in [*text.splitlines(), ""]:
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            if doc or sentence:
                yield [*doc, sentence] if sentence else doc
            doc, sentence = [], []
        elif cols:
            sentence.append((cols[0], cols[-1]))
        elif sentence:
            doc.append(sentence)
            sentence = []
    if doc:
        yield doc


def spans(tags: list[str]) -> Iterator[Mention]:
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            yield start, i, str(kind)
            start, kind = None, None
        if prefix in ("B", "I") and start is None:
            start, kind = i, label


def predicted(doc: Any, starts: list[int], nlp: Any) -> tuple[set[Mention], set[Mention]]:
    """(spaCy's mentions, wirewatch's) over the CoNLL tokens."""
    to_token = _char_index(starts, len(doc.text))
    plain = {
        _tokens(to_token, e.start_char, e.end_char, SPACY[e.label_])
        for e in doc.ents
        if e.label_ in SPACY
    }
    layer = actors.entities(doc, weapons.find(doc, nlp))
    ours = {
        _tokens(
            to_token, doc[e.start].idx, doc[e.end - 1].idx + len(doc[e.end - 1]), WIREWATCH[e.kind]
        )
        for e in layer
    }
    return plain, ours


def _char_index(starts: list[int], size: int) -> list[int]:
    index = [0] * (size + 1)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else size + 1
        for c in range(start, min(end, size + 1)):
            index[c] = n
    return index


def _tokens(to_token: list[int], start: int, end: int, kind: str) -> Mention:
    return to_token[start], to_token[max(end - 1, start)] + 1, kind


def score(gold: Iterable[Mention], guess: Iterable[Mention]) -> dict[str, float]:
    gold, guess = set(gold), set(guess)
    tp = len(gold & guess)
    p = tp / len(guess) if guess else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    docs = read(path, limit)
    nlp = parse.load(settings.Settings().model)
    gold: set[tuple[int, Mention]] = set()
    plain: set[tuple[int, Mention]] = set()
    ours: set[tuple[int, Mention]] = set()
    texts = [d.text_and_offsets() for d in docs]
    for n, (doc, (_, starts)) in enumerate(zip(nlp.pipe(t for t, _ in texts), texts, strict=True)):
        spacy_found, our_found = predicted(doc, starts, nlp)
        gold |= {(n, m) for m in docs[n].gold}
        plain |= {(n, m) for m in spacy_found}
        ours |= {(n, m) for m in our_found}
    rows = [_row("wirewatch", gold, ours), _row("spacy", gold, plain)]
    counts = Counter(m[2] for _, m in gold)
    print_table(
        f"ner: {len(docs)} documents, {len(gold)} entities {dict(counts)} from {path}", rows
    )
    metrics = {k: v for k, v in rows[0].items() if k != "system"}
    peer = {k: v for k, v in rows[1].items() if k != "system"}
    emit(TASK, len(docs), rounded(metrics), {"spacy": rounded(peer)})
    return 0


def _row(
    system: str, gold: set[tuple[int, Mention]], guess: set[tuple[int, Mention]]
) -> dict[str, Any]:
    row: dict[str, Any] = {"system": system, **score(gold, guess)}
    for kind in TYPES:
        row[f"f1_{kind}"] = score(
            {g for g in gold if g[1][2] == kind}, {g for g in guess if g[1][2] == kind}
        )["f1"]
    return row
