"""The spaCy parse stage: the model from PyPI, sentences with offsets, clear errors."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.errors import ModelError
from wirewatch.stages import parse


def test_parse_assigns_doc_and_sentence_offsets() -> None:
    text = "Russian missiles hit Kharkiv. Officials said six people died.\n\nThe mayor spoke."
    article = wirewatch.analyse(text)
    assert [s.text for s in article.sentences] == [
        "Russian missiles hit Kharkiv.",
        "Officials said six people died.",
        "The mayor spoke.",
    ]
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert article.doc is not None


def test_batch_and_single_runs_agree() -> None:
    stage = parse.stage()
    texts = ["One sentence here. And a second one.", "Another text with words."]
    articles = [wirewatch.Article(id=str(i), text=t, origin="t") for i, t in enumerate(texts)]
    assert [a.sentences for a in stage.batch(articles)] == [
        stage.run(a).sentences for a in articles
    ]  # type: ignore[misc]


def test_the_model_falls_back_to_the_pypi_reupload() -> None:
    nlp = parse.load("en_core_web_sm")
    assert nlp.meta["version"] == "3.8.0"
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


def test_an_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="'no_such_model' is not installed"):
        parse.load("no_such_model")


def test_analyse_keeps_unknown_publication_date_unknown() -> None:
    article = wirewatch.analyse("MOSCOW (AP) — The Kremlin said on Monday it would respond.")
    assert article.published is None
    dated = wirewatch.analyse(
        "MOSCOW (AP) — The Kremlin said it would respond.", published="2024-06-03"
    )
    assert dated.published is not None and dated.published.isoformat() == "2024-06-03"


def test_a_title_case_headline_is_parsed_as_running_text_would_write_it() -> None:
    nlp = parse.load("en_core_web_sm")
    text = "Myanmar Junta Kills 14 in Sagaing Massacre\nThe army said the attack was over."
    doc = parse.recased(nlp, nlp(text))
    assert doc.text == text  # offsets and words as written
    kills = doc[2]
    assert (kills.text, kills.pos_, kills.lemma_) == ("Kills", "VERB", "kill")
    assert doc[5].lemma_ == "Sagaing"  # a name left capitalised is its own lemma
    assert [t.pos_ for t in doc[8:]] == [t.pos_ for t in nlp(text)[8:]]  # the body untouched
    plain = nlp("The army said the attack was over.")
    assert parse.recased(nlp, plain) is plain  # no headline: the same Doc


def test_a_title_case_headline_the_parser_cut_in_two_is_parsed_as_one_line() -> None:
    nlp = parse.load("en_core_web_sm")
    text = "Cartel Gunmen Kill 4 In Culiacan\nThe attack began at dawn. Police came late."
    doc = parse.recased(nlp, nlp(text))
    kill = doc[2]
    assert (kill.pos_, kill.lemma_) == ("VERB", "kill")
    assert {t.dep_ for t in kill.children} >= {"nsubj", "dobj", "prep"}  # one sentence
    assert [s.text for s in list(doc.sents)[1:]] == [
        "The attack began at dawn.",
        "Police came late.",
    ]
    asked = parse.recased(nlp, nlp("Massacre In Sinaloa? Soldiers Kill 5 Near Mazatlan"))
    assert [s.text for s in asked.sents][-1].startswith("Soldiers Kill 5")


def test_the_truecase_list_fills_in_plurals_and_reads_capitals_in_running_text() -> None:

    from tools.build import truecase

    text = (
        "Rebels attacked the village at dawn and the police came late.\n"
        "Residents said the police had left the village and the Banks family fled.\n"
        "Witnesses said the police fired and troops left the village.\n"
        "Officials said the banks were shut after the Banks Family left town.\n"
        "Residents said banks were closed and the Banks Family was gone.\n"
        "He said the banks closed after the Banks Family wrote.\n"
        "residents said that the report, Tram Victims Named As Police Identify Them, was read"
        " by many people in the southern town yesterday\n"
    )
    lower, seen = truecase.counts(iter([text]))
    words = truecase.listed(lower, seen)
    assert "village" in words and "villages" in words  # a plural nobody wrote: its singular's
    assert (lower["police"], seen["police"]) == (3, 3)  # a pasted title's capitals: no evidence
    assert "police" in words
    assert (lower["banks"], seen["banks"]) == (3, 6)  # "Banks Family" beside lower-case words
    assert "banks" not in words  # seen often enough as a name: not lowered
    assert truecase.plural("ambush") == "ambushes" and truecase.plural("army") == "armies"
    verbs = truecase.listed(lower, seen, frozenset({"torch", "bank", "behead"}))
    assert {"torch", "torches", "torched", "behead", "beheads"} <= set(verbs)  # unseen: verbs
    assert "banks" not in verbs  # a form the text shows as a name stays the text's
    assert truecase.past("execute") == "executed" and truecase.past("bully") == "bullied"


def test_a_headline_verb_news_rarely_writes_is_read_as_the_verb() -> None:
    nlp = parse.load("en_core_web_sm")
    doc = parse.recased(nlp, nlp("Myanmar Junta Forces Torch Nearly 150 Civilian Homes in a Day"))
    torch = next(t for t in doc if t.text == "Torch")
    assert (torch.pos_, torch.lemma_) == ("VERB", "torch")


def test_a_verbless_headline_gets_back_the_verb_the_parser_read_as_a_noun() -> None:
    nlp = parse.load("en_core_web_sm")
    text = "Myanmar Regime Aircraft Bomb Kachin Villagers"
    doc = parse.recased(nlp, nlp(text))
    bomb = next(t for t in doc if t.text == "Bomb")
    assert (bomb.pos_, bomb.lemma_) == ("VERB", "bomb") and doc.text == text
    again = parse.recased(nlp, nlp("Ukrainian army shells DPR 1,774 times"))
    assert [(t.text, t.pos_, t.lemma_) for t in again if t.text == "shells"] == [
        ("shells", "VERB", "shell")
    ]
    described = "Myanmar Regime Aircraft Bomb Kachin Villagers Displaced by Fighting"
    done = parse.recased(nlp, nlp(described))  # a participle describing a noun is no clause
    assert [(t.pos_, t.lemma_) for t in done if t.text == "Bomb"] == [("VERB", "bomb")]
    report = nlp("Daily Report 105/2020 4 May 2020")
    assert parse.recased(nlp, report) is report  # no event verb in it: left as parsed
    assert (parse.verb_base("tortures"), parse.verb_base("villagers")) == ("torture", None)
    assert (parse.past("strike"), parse.past("torture"), parse.past("bomb")) == (
        "struck", "tortured", "bombed",
    )  # fmt: skip


def test_a_sentence_with_a_few_names_is_no_headline() -> None:
    nlp = parse.load("en_core_web_sm")
    doc = nlp("Joe Biden met Olaf Scholz in Berlin on Friday to discuss the war.")
    assert parse.recased(nlp, doc) is doc


def test_a_wire_dateline_is_a_sentence_of_its_own() -> None:
    nlp = parse.load(wirewatch.load_settings().model)
    doc = nlp(
        "KHARTOUM, May 13 (Wirewatch) - The army shelled the town.\n\nLAS VEGAS — A gunman fired."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "KHARTOUM, May 13 (Wirewatch) -",
        "The army shelled the town.",
        "LAS VEGAS —",
        "A gunman fired.",
    ]
    # a hyphen in running text is no dateline
    assert len(list(nlp("NATO - the alliance said - would meet.").sents)) == 1


def test_an_entity_holding_half_a_bracket_is_cut_before_it() -> None:
    from spacy.tokens import Span

    nlp = parse.load("en_core_web_sm")
    doc = nlp.make_doc("Rockets fell on Binnish (Idlib) and on the Islamic State (IS) camp.")
    half = Span(doc, 3, 6, label="ORG")  # "Binnish (Idlib"
    whole = Span(doc, 10, 15, label="ORG")  # "Islamic State (IS)"
    doc.ents = [half, whole]
    assert [(e.text, e.label_) for e in parse._whole_entities(doc).ents] == [
        ("Binnish", "ORG"),
        ("Islamic State (IS)", "ORG"),
    ]
    assert "wirewatch_entity_brackets" in nlp.pipe_names


def test_an_irregular_past_read_as_a_present_gets_its_verbs_lemma() -> None:
    nlp = parse.load("en_core_web_sm")
    doc = parse.recased(nlp, nlp("The army retook the town and found two bodies."))
    assert [(t.text, t.lemma_) for t in doc if t.pos_ == "VERB"] == [
        ("retook", "retake"),
        ("found", "find"),
    ]
