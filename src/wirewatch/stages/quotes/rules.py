"""Attribution frames on the spaCy parse: who (source), the cue, and what (content).

A frame is a cue with its content: a reporting verb and its clause ("X said (that) …"),
its object ("X denied Tehran's involvement"), its infinitive ("X urged Iran to stop"),
an adjacent quotation ("“…,” X said"), a passive ("… was reported by X"), a parenthetical
("The economy, he added, is strong"), a prepositional cue ("according to X", "as per X") or
a name and a colon ("Sanders: …"). A quotation right after a cue clause continues it
("“A,” he said. “B.”"). Which verbs count, in which frame,
is the learned cue lexicon's call (``cues``); without one every frame is kept,
which is what the lexicon build counts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, replace
from typing import Any

from wirewatch import quotemarks as marks
from wirewatch.stages.parse import doc_text

Token = Any
Quotes = tuple[tuple[int, int], ...]
Accept = Callable[["Found"], bool]
Offsets = tuple[int, int]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CUE_KIDS = ("aux", "auxpass", "neg", "prt")
OBJECT_CHARS = 60  # longest stretch between a cue and its quotation ("told reporters on …:")
COLON_NAME = 5  # most words a name before a colon cue may have
COMPLEMENTS = ("prep", "oprd", "xcomp", "dative", "ccomp", "acomp")
PREP_CUES = {("according", "to"), ("as", "per")}
PREP_FIRST = frozenset(first for first, _ in PREP_CUES)
NO_SOURCE = {"it", "there", "this", "that", "which"}
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Corp|Co|Ltd)\.$")
PUNCT = " \t\n,.;:!?—–-()[]"
PUNCT_RUN = re.compile(f"[{re.escape(PUNCT)}]+")
#: Tokens in the longest sentence read for cues. Of the 35,684 sentences in PolNeAR the longest
#: has 223; a "sentence" of thousands of tokens (a text without full stops) is no sentence,
#: and reading every verb's clause in one takes time quadratic in its length.
LONGEST = 400


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """One attribution frame, as character offsets into the text."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    head: tuple[int, int] | None  # the source's head word (where its actor is named)
    lemma: str
    speaker: str  # what the source's head is: an entity label, a pronoun, a noun lemma, or "-"
    frame: str  # quote ccomp xcomp dobj prep passive parataxis according colon | continued
    verb: int  # index of the cue's head token


class Gaps:
    """Where the stretches of PUNCT characters (spaces, commas, dashes …) of a text lie, so
    that whether only such characters stand between two offsets takes no pass over them."""

    def __init__(self, text: str) -> None:
        runs = [m.span() for m in PUNCT_RUN.finditer(text)]
        self.starts = [a for a, _ in runs]
        self.ends = [b for _, b in runs]

    def start(self, offset: int) -> int:
        """Where the stretch of PUNCT characters that ends at ``offset`` begins: ``text[x:offset]``
        holds only such characters exactly when ``start(offset) <= x <= offset``."""
        i = bisect.bisect_right(self.starts, offset - 1) - 1
        return self.starts[i] if i >= 0 and self.ends[i] >= offset else offset


class Page:
    """A document's text and quotations, indexed once for all the questions the rules ask."""

    def __init__(self, text: str, quotes: Quotes) -> None:
        self.text = text
        self.quotes = quotes
        self.index = marks.Index(text, quotes)
        self.gaps = Gaps(text)


def extract(
    doc: Any, quotes: Quotes, accept: Accept | None = None, lemmas: Container[str] | None = None
) -> list[Found]:
    """Every frame in ``doc`` that ``accept`` keeps (all when it is None).

    ``lemmas``, when given, are the only verbs worth a look (the lexicon's): a fast pre-filter.
    """
    page = Page(doc_text(doc), quotes)
    text = page.text
    found: list[Found] = []
    for token in _openers(doc, lemmas):
        frames = _prep_cue(token, text) or _colon_cue(token, text)
        if not frames and (lemmas is None or token.lemma_.lower() in lemmas):
            frames = _verb_cue(token, page)
        if not frames or _quoted(frames[0], page.index):
            continue
        first = frames[0]
        if accept is None or accept(first):
            found.extend(frames)
    return found + _continued(doc, found, page)


def _readable(doc: Any) -> Iterator[Any]:
    """The sentences of at most LONGEST tokens."""
    sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    return (s for s in sentences if len(s) <= LONGEST)


def _openers(doc: Any, lemmas: Container[str] | None) -> Iterator[Token]:
    """The tokens of ``_readable`` sentences that can open a frame, in order: the first word
    of a prepositional cue, a colon, a verb (one of ``lemmas`` when given). The others
    make no frame; they are left out by the Doc's attribute arrays, not one by one."""
    import numpy as np
    from spacy.attrs import LEMMA, LOWER, ORTH, POS
    from spacy.symbols import VERB

    if len(doc) == 0:
        return
    strings = doc.vocab.strings
    table = doc.to_array([LOWER, ORTH, POS, LEMMA])
    verbs = table[:, 2] == VERB
    if lemmas is not None:
        known = [h for h in np.unique(table[verbs, 3]) if strings[int(h)].lower() in lemmas]
        verbs &= np.isin(table[:, 3], known)
    firsts = np.isin(table[:, 0], [strings[w] for w in PREP_FIRST])
    wanted = verbs | firsts | (table[:, 1] == strings[":"])
    for sentence in _readable(doc):
        for i in np.flatnonzero(wanted[sentence.start : sentence.end]):
            yield doc[sentence.start + int(i)]


def _continued(doc: Any, found: list[Found], page: Page) -> list[Found]:
    """Quotations that carry on right after a cue clause ("“A,” he said. “B.”"): same speaker.

    From the clause's end, the next free quotation (one no frame holds) continues it when
    only punctuation stands between, and so on from that quotation's end.
    """
    contents = marks.Index(page.text, tuple(f.content for f in found))
    free = tuple(q for q in page.quotes if not contents.touches(*q))
    after = marks.Index(page.text, free)
    more: list[Found] = []
    for frame in found:
        if frame.frame == "according":
            continue
        end = _clause_end(doc[frame.verb], frame, page.quotes)
        i = after.first_from(end)
        while i < len(free) and page.gaps.start(free[i][0]) <= end:
            more.append(replace(frame, content=free[i], frame="continued"))
            end = free[i][1]
            i = after.first_from(end, i + 1)
    return more


def _clause_end(verb: Token, frame: Found, quotes: Quotes) -> int:
    ends: list[int] = [t.idx + len(t.text) for t in verb.subtree if not marks.at(quotes, t.idx)]
    return max([frame.content[1], frame.cue[1], *ends])


def _quoted(frame: Found, index: marks.Index) -> bool:
    """A cue inside somebody's quotation belongs to the quotation, not to the article."""
    return index.touches(*frame.cue) and frame.frame != "quote"


# --- prepositional cues: according to X, as per X -------------------------------------------


def _prep_cue(token: Token, text: str) -> list[Found]:
    if token.lower_ not in PREP_FIRST:
        return []
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or (token.lower_, nxt.lower_) not in PREP_CUES:
        return []
    objects = [k for k in (*nxt.children, *token.children) if k.dep_ == "pobj"]
    if not objects:
        return []
    source = _span(objects[0].subtree, text)
    head = (objects[0].idx, objects[0].idx + len(objects[0].text))
    speaker = speaker_class(objects[0])
    clause = token.head if token.head.i != token.i else token
    content = _clause_without(clause, token.i, source[1], text)
    if content is None:
        return []
    cue = (token.idx, nxt.idx + len(nxt.text))
    return [
        Found(
            cue=cue,
            content=content,
            source=source,
            head=head,
            lemma=f"{token.lower_} {nxt.lower_}",
            speaker=speaker,
            frame="according",
            verb=token.i,
        )
    ]


def _colon_cue(token: Token, text: str) -> list[Found]:
    """ "Sanders: Brexit's message could …" — a short name opening its sentence, then a colon."""
    if token.text != ":":
        return []
    sent = token.sent
    if not 0 < token.i - sent.start <= COLON_NAME or sent.end - token.i < 4:
        return []
    name = token.doc[sent.start : token.i]
    if not any(t.pos_ == "PROPN" for t in name) or any(t.pos_ in ("VERB", "AUX") for t in name):
        return []
    source = _trim(text, name.start_char, name.end_char)
    content = _trim(text, token.idx + 1, sent.end_char)
    if source is None or content is None:
        return []
    head = name.root
    return [
        Found(
            cue=(token.idx, token.idx + 1),
            content=content,
            source=source,
            head=(head.idx, head.idx + len(head.text)),
            lemma=":",
            frame="colon",
            speaker=speaker_class(head),
            verb=token.i,
        )
    ]


def _clause_without(
    head: Token, start_i: int, phrase_end: int, text: str
) -> tuple[int, int] | None:
    """The clause ``head`` governs, minus the prepositional phrase at its edge."""
    first = min(t.idx for t in head.subtree)
    last = max(t.idx + len(t.text) for t in head.subtree)
    phrase_start = head.doc[start_i].idx
    if phrase_start - first > last - phrase_end:
        return _trim(text, first, phrase_start)
    return _trim(text, phrase_end, last)


# --- verbs ------------------------------------------------------------------------------------


def _verb_cue(token: Token, page: Page) -> list[Found]:
    if token.pos_ != "VERB":
        return []
    text = page.text
    for frame, contents in _contents(token, page):
        pieces = [c for c in contents if c is not None]
        if not pieces:
            continue
        cue = _cue(token)
        source, subject = _source(token, text, cue, pieces[0])
        head = None if subject is None else (subject.idx, subject.idx + len(subject.text))
        speaker = "-" if subject is None else speaker_class(subject)
        lemma = token.lemma_.lower()
        return [
            Found(
                cue=cue,
                content=piece,
                source=source,
                head=head,
                lemma=lemma,
                speaker=speaker,
                frame=frame,
                verb=token.i,
            )
            for piece in pieces
        ]
    return []


def _contents(verb: Token, page: Page) -> Iterator[tuple[str, list[Offsets | None]]]:
    """Candidate contents (one or more pieces), most specific frame first."""
    text = page.text
    kids = {k.dep_: k for k in reversed(list(verb.children))}
    yield "quote", [_adjacent_quote(verb, page)]
    if verb.dep_ == "parataxis" and "nsubj" in kids:
        yield "parataxis", _around(verb, text)
    if "ccomp" in kids:
        yield "ccomp", [_grow(_clauses(verb, kids["ccomp"], text), page.index)]
    if "nsubjpass" in kids and "agent" in kids:
        yield "passive", [_subtree(kids["nsubjpass"], verb, text)]
    if "xcomp" in kids:
        start = kids["dobj"] if "dobj" in kids else kids["xcomp"]
        yield "xcomp", [_between(start, kids["xcomp"], text)]
    if "dobj" in kids:
        yield "dobj", [_object(verb, kids["dobj"], text)]
    prep = next((k for k in verb.rights if k.dep_ == "prep"), None)
    pobj = next((k for k in prep.children if k.dep_ == "pobj"), None) if prep else None
    if pobj is not None:
        yield "prep", [_subtree(pobj, verb, text)]


def _around(verb: Token, text: str) -> list[Offsets | None]:
    """ "The economy, he added, is strong": the clause on both sides of the parenthetical."""
    clause = verb.head.subtree
    inner = {t.i for t in verb.subtree}
    tokens = [t for t in clause if t.i not in inner]
    left = [t for t in tokens if t.i < verb.i]
    right = [t for t in tokens if t.i > verb.i]
    return [_trim(text, p[0].idx, p[-1].idx + len(p[-1].text)) for p in (left, right) if p]


def _adjacent_quote(verb: Token, page: Page) -> Offsets | None:
    """A quotation just before the cue clause ("“…,” X said") or just after it (said: “…”);
    the first in the order of ``quotes`` when several are.

    Before: it ends where only punctuation stands up to the clause. After: it starts at most
    OBJECT_CHARS past the cue (``_only_objects``).
    """
    text, quotes = page.text, page.quotes
    subjects = [t.left_edge.idx for t in verb.lefts if t.dep_ in SUBJECTS]
    left = min([verb.idx, *subjects])
    right = verb.idx + len(verb.text)
    before = page.index.ending_in(page.gaps.start(left), left)
    after = page.index.starting_in(right, right + OBJECT_CHARS)
    found = [i for i in before if _open_ended(text, *quotes[i])]
    found += [i for start, i in after if _only_objects(text[right:start])]
    return quotes[min(found)] if found else None


def _open_ended(text: str, start: int, end: int) -> bool:
    """ "“…,” he said": a quotation that hands over to its cue ends on a comma, ? or !."""
    while end > start and text[end - 1] in "”\"'’» ":
        end -= 1
    return end > start and text[end - 1] in ",?!—–-:;…"


def _only_objects(between: str) -> bool:
    """What may stand between a cue and its quotation: "told reporters:", "said on Friday,".

    Never a sentence end or a paragraph break: a quotation after "X said." that has no cue
    of its own is a continuation (``_continued``), and one with its own cue is not X's.
    """
    if len(between) > OBJECT_CHARS or any(mark in between for mark in ".!?\n"):
        return False
    return len(between.split()) <= 4 and (
        not between.strip(PUNCT) or between.rstrip().endswith((":", ","))
    )


def _cue(verb: Token) -> tuple[int, int]:
    parts = [verb, *(k for k in verb.children if k.dep_ in CUE_KIDS and abs(k.i - verb.i) <= 3)]
    start = min(t.idx for t in parts)
    end = max(t.idx + len(t.text) for t in parts)
    return start, end


def speaker_class(head: Token) -> str:
    """PERSON/ORG/… for a named entity, the pronoun itself, else the noun's lemma."""
    if head.ent_type_:
        return str(head.ent_type_)
    return str(head.lower_ if head.pos_ == "PRON" else head.lemma_.lower())


def _source(
    verb: Token, text: str, cue: Offsets, content: Offsets
) -> tuple[Offsets | None, Token | None]:
    """The source span and its head word."""
    subject = _subject(verb)
    if subject is None or subject.lower_ in NO_SOURCE:
        return None, None
    tokens = [t for t in subject.subtree if not _within(t, cue) and not _within(t, content)]
    if subject.head.dep_ == "relcl" and subject.tag_ in ("WP", "WDT"):
        subject = subject.head.head  # "Medvedev, who said …": the noun the clause is about
        tokens = [t for t in subject.subtree if t.i < verb.left_edge.i]
    if not tokens:
        return None, None
    span = _trim(text, tokens[0].idx, max(t.idx + len(t.text) for t in tokens))
    return span, subject


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; an agent for passives; the governing verb's for "…, saying"."""
    for kid in verb.children:
        if kid.dep_ == "agent":
            return next((k for k in kid.children if k.dep_ == "pobj"), None)
    for kid in verb.children:
        if kid.dep_ in ("nsubj", "csubj"):
            return kid
    if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1)
    return None


def _within(token: Token, span: tuple[int, int]) -> bool:
    return bool(span[0] <= token.idx < span[1])


# --- spans ------------------------------------------------------------------------------------


def _object(verb: Token, obj: Token, text: str) -> Offsets | None:
    """The object and what completes it ("called himself conservative", "for her victory")."""
    last = obj
    for kid in verb.rights:
        if kid.i > last.i and kid.dep_ in COMPLEMENTS and _adjacent(last, kid):
            last = kid
    return _between(obj, last, text)


def _adjacent(before: Token, after: Token) -> bool:
    return bool(before.right_edge.i + 1 == after.left_edge.i)


def _clauses(verb: Token, first: Token, text: str) -> Offsets | None:
    """The clause complement; a parse split in two ("that the policy … has not changed") joins."""
    same = [k for k in verb.children if k.dep_ == "ccomp" and (k.i > verb.i) == (first.i > verb.i)]
    if len(same) > 1 and first.i > verb.i:
        return _between(same[0], same[-1], text)
    return _subtree(first, verb, text)


def _subtree(node: Token, verb: Token, text: str) -> tuple[int, int] | None:
    """The span ``node`` governs, on its side of the verb."""
    tokens = [t for t in node.subtree if (t.i < verb.i) == (node.i < verb.i)]
    if not tokens:
        return None
    return _trim(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _between(first: Token, last: Token, text: str) -> tuple[int, int] | None:
    start = min(t.idx for t in first.subtree)
    end = max(t.idx + len(t.text) for t in last.subtree)
    return _trim(text, start, end) if start < end else None


def _grow(content: tuple[int, int] | None, index: marks.Index) -> tuple[int, int] | None:
    """A clause that runs into a quotation takes in the whole quotation."""
    return None if content is None else index.grow(*content)


def _span(tokens: Iterator[Token], text: str) -> tuple[int, int]:
    items = list(tokens)
    return _trim(text, items[0].idx, max(t.idx + len(t.text) for t in items)) or (
        items[0].idx,
        items[0].idx + len(items[0].text),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without punctuation at its edges; an abbreviation keeps its dot ("U.S.")."""
    while start < end and text[start] in PUNCT:
        start += 1
    while end > start and text[end - 1] in PUNCT:
        if text[end - 1] == "." and ABBREVIATION.search(text, max(start, end - 8), end):
            break
        end -= 1
    return (start, end) if start < end else None
