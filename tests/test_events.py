"""The events stage: PLOVER type, arguments, toll, date, place, polarity and modality.

Hand-built sentences run through the real parse stage and a stand-in stage that assigns the
actor, place, weapon and time mentions a test names (so these tests do not depend on the
link, place and time stages); the seeds run through the real stages when they are installed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import DATA, SEED_DATES, need

from wirewatch import pipeline
from wirewatch.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Place,
    PlaceMention,
    Span,
    TimeRef,
    Weapon,
    WeaponMention,
)
from wirewatch.settings import Settings
from wirewatch.stages import events, parse
from wirewatch.stages.events import Floors, tolls
from wirewatch.stages.events import args as event_args
from wirewatch.stages.events import places as events_places
from wirewatch.stages.events import types as event_types

RUS = Actor(code="RUS", name="Russia", kind="state")
UKR = Actor(code="UKR", name="Ukraine", kind="state")
USA = Actor(code="USA", name="United States", kind="state")
DEU = Actor(code="DEU", name="Germany", kind="state")
IRN = Actor(code="IRN", name="Iran", kind="state")
NATO = Actor(code="NATO", name="NATO", kind="igo")
MEDVEDEV = Actor(code="RUS", name="Dmitry Medvedev", kind="person", sector="GOV")
KHARKIV = Place(
    geonameid=706483, name="Kharkiv", feature="city", country="UKR", lat=50.0, lon=36.2,
    precision="city",
)  # fmt: skip
MISSILE = Weapon(name="ballistic missile", category="ballistic missile", named_system=False)


def place(
    geonameid: int, name: str, country: str, lat: float, lon: float, kind: str = "city"
) -> Place:
    """A gazetteer place as the place stage gives it (``kind``: city, admin1, ...)."""
    return Place(geonameid=geonameid, feature=kind, name=name, country=country, lat=lat, lon=lon,
                 precision=kind)  # fmt: skip


def annotate(
    text: str,
    actors: Mapping[str, Actor] = {},
    places: Mapping[str, Place] = {},
    weapons: Mapping[str, Weapon] = {},
    times: Mapping[str, str] = {},
    published: str | None = "2024-05-31",
) -> Article:
    """Parse ``text``, add the named mentions (every occurrence), run the events stage."""
    article = Article(
        id="t" + str(abs(hash(text)) % 10**8),
        text=text,
        origin="test",
        published=dt.date.fromisoformat(published) if published else None,
    )

    def mentions(article: Article) -> Article:
        return replace(
            article,
            actors=tuple(
                ActorMention(span=s, actor=a) for k, a in actors.items() for s in _find(text, k)
            ),
            places=tuple(
                PlaceMention(span=s, place=p) for k, p in places.items() for s in _find(text, k)
            ),
            weapons=tuple(
                WeaponMention(span=s, weapon=w) for k, w in weapons.items() for s in _find(text, k)
            ),
            times=tuple(
                _time(k, v, s, published) for k, v in times.items() for s in _find(text, k)
            ),
        )

    standin = pipeline.Stage(
        name="standin",
        version="test",
        run=mentions,
        requires=("doc",),
        assigns=("actors", "weapons", "places", "times"),
    )
    (done,) = pipeline.run([parse.stage(), standin, events.stage()], [article])
    assert isinstance(done, Article), done
    return done


def _find(text: str, key: str) -> list[Span]:
    return [
        Span(start=m.start(), end=m.end(), text=m.group(0))
        for m in re.finditer(r"\b" + re.escape(key) + r"\b", text)
    ]


def _time(key: str, value: str, span: Span, anchor: str | None) -> TimeRef:
    precision = "interval" if "/" in value else "day" if len(value) == 10 else "month"
    return TimeRef(value=value, precision=precision, text=key, anchor=anchor, span=span)


def only(article: Article, event: str) -> Event:
    found = [e for e in article.events if e.event == event]
    assert len(found) == 1, [(e.event, e.text_info.trigger.text) for e in article.events]
    return found[0]


def kinds(article: Article) -> list[str]:
    """The article's event types, in the order of its records."""
    return [e.event for e in article.events]


def by_trigger(article: Article, word: str) -> Event:
    found = [e for e in article.events if e.text_info.trigger.text == word]
    assert found, [(e.event, e.text_info.trigger.text) for e in article.events]
    return found[0]


# --- type, arguments, toll, place, date ---------------------------------------------------


def test_missile_strike_with_toll_place_date_and_weapon() -> None:
    article = annotate(
        "Russian missiles slammed into an apartment building in Kharkiv overnight, "
        "killing at least six people.",
        actors={"Russian": RUS},
        places={"Kharkiv": KHARKIV},
        weapons={"missiles": MISSILE},
        times={"overnight": "2024-05-30/2024-05-31"},
    )
    strike = only(article, "ASSAULT")
    assert strike.actor == (RUS,)
    assert [(c.kind, c.value, c.qualifier) for c in strike.size] == [("dead", 6, "at least")]
    assert strike.event_loc is not None and strike.event_loc.place == KHARKIV
    assert strike.date is not None and strike.date.value == "2024-05-30/2024-05-31"
    assert [w.weapon for w in strike.weapons] == [MISSILE]
    assert (strike.mode, strike.cameo, strike.quad, strike.score) == ("aerial", "195", 4, -10.0)
    assert (strike.polarity, strike.modality) == ("asserted", "actual")


def test_compound_actors_stay_one_list() -> None:
    article = annotate(
        "Both Germany and the United States authorized Ukraine to hit targets.",
        actors={"Germany": DEU, "United States": USA, "Ukraine": UKR},
    )
    authorized = by_trigger(article, "authorized")
    assert authorized.actor == (DEU, USA)
    assert authorized.recipient == (UKR,)
    assert len([e for e in article.events if e.text_info.trigger.text == "authorized"]) == 1


def test_every_argument_points_into_the_text() -> None:
    article = annotate(
        "Russian missiles slammed into an apartment building in Kharkiv on Friday, "
        "killing at least six people.",
        actors={"Russian": RUS},
        places={"Kharkiv": KHARKIV},
        weapons={"missiles": MISSILE},
        times={"Friday": "2024-05-31"},
    )
    assert article.events
    for event in article.events:
        info = event.text_info
        for span in (info.sentence, info.trigger, *(s for _role, s in info.arguments)):
            assert article.text[span.start : span.end] == span.text
        assert {r for r, _s in info.arguments} >= {"actor", "location", "date", "size", "weapon"}


def test_date_falls_back_to_publication_and_is_never_invented() -> None:
    text = "Iran sent missiles to Russia."
    found = annotate(text, actors={"Iran": IRN, "Russia": RUS}, published="2024-09-09")
    event = only(found, "AID")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.span) == (
        "2024-09-09",
        "publication",
        None,
    )
    undated = annotate(text, actors={"Iran": IRN, "Russia": RUS}, published=None)
    assert only(undated, "AID").date is None


def test_joint_exercises_make_both_sides_actors() -> None:
    article = annotate(
        "China announced joint naval exercises with Russia.",
        actors={"China": Actor(code="CHN", name="China", kind="state"), "Russia": RUS},
    )
    exercises = only(article, "COOPERATE")
    assert [a.code for a in exercises.actor] == ["CHN", "RUS"]
    assert [a.code for a in exercises.recipient] == ["CHN", "RUS"]  # each the other's partner
    told_again = annotate(
        "China announced joint naval exercises with Russia. The joint exercises with Russia "
        "start on Monday.",
        actors={"China": Actor(code="CHN", name="China", kind="state"), "Russia": RUS},
    )
    assert len(told_again.events) == 1
    agreed = annotate(
        "China and Russia agreed to hold joint exercises.",
        actors={"China": Actor(code="CHN", name="China", kind="state"), "Russia": RUS},
    )
    held = only(agreed, "COOPERATE")  # the doers come from the agreeing clause
    assert ([a.code for a in held.actor], held.recipient) == (["CHN", "RUS"], ())


def test_no_event_without_a_doer_or_a_target() -> None:
    assert annotate("The weather was mild and the talks were long.").events == ()


# --- polarity and modality ----------------------------------------------------------------


ISR = Actor(code="ISR", name="Israel", kind="state")
LBN = Actor(code="LBN", name="Lebanon", kind="state")


def test_negated() -> None:
    article = annotate("Russia did not attack Ukraine.", actors={"Russia": RUS, "Ukraine": UKR})
    attack = only(article, "ASSAULT")
    assert (attack.polarity, attack.modality) == ("negated", "actual")
    assert (attack.actor, attack.recipient) == ((RUS,), (UKR,))


def test_what_a_denial_verb_governs_is_denied() -> None:
    article = annotate(
        "Israel denied shelling the Lebanese village of Khiam.",
        actors={"Israel": ISR, "Lebanese": LBN},
    )
    attack = only(article, "ASSAULT")
    assert (attack.polarity, attack.modality) == ("denied", "actual")
    article = annotate(
        "Russia denied that it had attacked Ukraine.", actors={"Russia": RUS, "Ukraine": UKR}
    )
    assert only(article, "ASSAULT").polarity == "denied"


def test_threatened() -> None:
    article = annotate(
        "Dmitry Medvedev said that Ukraine and NATO will receive a devastating response.",
        actors={"Dmitry Medvedev": MEDVEDEV, "Ukraine": UKR, "NATO": NATO},
    )
    threat = only(article, "THREATEN")  # the saying: an actual speech act
    assert (threat.actor, threat.recipient) == ((MEDVEDEV,), (UKR, NATO))
    assert (threat.text_info.trigger.text, threat.modality) == ("said", "actual")
    content = only(article, "ASSAULT")  # what is threatened
    assert (content.actor, content.recipient) == ((MEDVEDEV,), (UKR, NATO))
    assert (content.text_info.trigger.text, content.modality) == ("response", "threatened")


def test_a_threat_to_do_something_threatens_whom_it_would_befall() -> None:
    hamas = Actor(code="PSE", name="Hamas", kind="group")
    israel = Actor(code="ISR", name="Israel", kind="state")
    article = annotate("Hamas threatened to attack Israel.", {"Hamas": hamas, "Israel": israel})
    threat = only(article, "THREATEN")
    assert (threat.actor, threat.recipient) == ((hamas,), (israel,))
    assert ("recipient", "Israel") in [(r, s.text) for r, s in threat.text_info.arguments]
    content = only(article, "ASSAULT")
    assert (content.recipient, content.modality) == ((israel,), "threatened")
    plain = only(
        annotate("Hamas threatened Israel.", {"Hamas": hamas, "Israel": israel}), "THREATEN"
    )
    assert plain.recipient == (israel,)  # its own object, as before


def test_a_speaker_warning_that_their_own_state_will_respond_does_not_threaten_it() -> None:
    article = annotate(
        "Dmitry Medvedev warned that Russia would respond to any strike on its territory.",
        actors={"Dmitry Medvedev": MEDVEDEV, "Russia": RUS},
    )
    threat = only(article, "THREATEN")
    assert threat.actor == (MEDVEDEV,)
    assert RUS not in threat.recipient
    assert all(
        span.text != "Russia" for role, span in threat.text_info.arguments if role == "recipient"
    )


def test_requested() -> None:
    article = annotate(
        "Kyiv had asked Washington for permission to strike Russian troops.",
        actors={"Kyiv": UKR, "Washington": USA, "Russian": RUS},
    )
    request = only(article, "REQUEST")
    assert (request.actor, request.recipient, request.modality) == ((UKR,), (USA,), "actual")
    assert by_trigger(article, "strike").modality == "requested"


def test_requested_by_obligation_in_speech() -> None:
    article = annotate(
        "The official stressed that Western allies should allow Ukraine to strike Russia.",
        actors={"Ukraine": UKR, "Russia": RUS, "Western allies": NATO},
    )
    request = only(article, "REQUEST")
    assert request.recipient == (NATO,)
    assert by_trigger(article, "strike").modality == "requested"


def test_agentless_request_goes_to_the_earlier_addressee() -> None:
    article = annotate(
        "Zelensky said NATO should allow Ukraine to strike Russia. "
        "Ukraine must be allowed to strike Russia, Zelensky said.",
        actors={"Zelensky": UKR, "NATO": NATO, "Ukraine": UKR, "Russia": RUS},
    )
    request = only(article, "REQUEST")  # one request, told twice
    assert request.recipient == (NATO,)
    assert [m.trigger.text for m in request.mentions] == ["allow", "allowed"]


def test_hypothetical() -> None:
    article = annotate("Iran could supply missiles to Russia.", actors={"Iran": IRN, "Russia": RUS})
    assert only(article, "AID").modality == "hypothetical"


def test_a_modal_with_the_perfect_is_a_claim_about_the_past() -> None:
    article = annotate(
        "There are suspicions that Iran may have supplied missiles to Russia.",
        actors={"Iran": IRN, "Russia": RUS},
    )
    assert only(article, "AID").modality == "actual"


def test_future() -> None:
    article = annotate(
        "Russia will receive Iranian missiles.",
        actors={"Russia": RUS, "Iranian": IRN},
        weapons={"missiles": MISSILE},
    )
    received = only(article, "AID")
    assert (received.actor, received.recipient, received.modality) == ((IRN,), (RUS,), "future")


def test_allegedly_stays_actual() -> None:
    article = annotate(
        "Iran has allegedly sent missiles to Russia.", actors={"Iran": IRN, "Russia": RUS}
    )
    event = only(article, "AID")
    assert (event.modality, event.polarity, event.actor, event.recipient) == (
        "actual",
        "asserted",
        (IRN,),
        (RUS,),
    )


# --- tolls ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Missiles hit the city, killing at least six people.", [("dead", 6, "at least")]),
        ("The attacks resulted in the death of over 10,000 civilians.", [("dead", 10000, "over")]),
        ("At least three civilians have been killed in a bombing.", [("dead", 3, "at least")]),
        (
            "A bombing killed one soldier and wounded two others.",
            [("dead", 1, None), ("injured", 2, None)],
        ),
        (
            "Police opened fire, killing one person and arresting 12.",
            [("dead", 1, None), ("arrested", 12, None)],
        ),
        ("Rebels shelled the town, killing about 20 people.", [("dead", 20, "about")]),
        ("Police arrested dozens of protesters.", []),
        ("The strike killed a family of six.", [("dead", 6, None)]),
        ("The blast killed a group of 12 soldiers.", [("dead", 12, None)]),
        ("The attack killed one of six passengers.", [("dead", 1, None)]),
        ("Two Ukraine soldiers killed in new upsurge in fighting", [("dead", 2, None)]),
        ("3 men found shot to death in Zihuatanejo", [("dead", 3, None)]),
        ("Two men found dead on the highway", [("dead", 2, None)]),
        ("22 reported killed in clashes over a town", [("dead", 22, None)]),
        ("Police found 3 men dead in a car.", [("dead", 3, None)]),
        ("Thirty-seven dead after clashes in the capital", [("dead", 37, None)]),
        ("Bomb kills 2 CAR police, 3 Russian paramilitaries", [("dead", 5, None)]),
        ("NATO soldier, 6 militants killed in attack at military camp", [("dead", 7, None)]),
        ("Three children among 10 killed in attack", [("dead", 10, None)]),
        ("The attack claimed the lives of 12 civilians.", [("dead", 12, None)]),
        ("The raid resulted in three fatalities.", [("dead", 3, None)]),
        ("The death toll rose to 15 on Sunday.", [("dead", 15, None)]),
        ("The attack left a death toll of 20.", [("dead", 20, None)]),
        ("The bridge toll rose to 5 dollars.", []),
        # a list of places: each number its own incident, not one summed toll
        ("Troops killed 15 militants in Bannu and 7 in Lakki Marwat.", [("dead", 15, None)]),
        ("Troops killed 12 militants and 3 soldiers in Bannu.", [("dead", 15, None)]),
        (
            "Seven fatalities and two injuries were recorded.",
            [("dead", 7, None), ("injured", 2, None)],
        ),
        ("One KIA, seven WIA in Donbas - JFO HQ", [("dead", 1, None), ("injured", 7, None)]),
        ("KIA forces and government forces clashed.", []),  # the Kachin Independence Army
        (
            "One soldier killed in Donbas, two wounded - JFO HQ",
            [("dead", 1, None), ("injured", 2, None)],
        ),
        # a bracket after a count tells its victims apart: no more of them
        ("Gunmen killed 5 people (4 men and 1 boy) in Jos.", [("dead", 5, None)]),
        ("Shelling killed 9 (7 civilians and 2 soldiers) in Kassala.", [("dead", 9, None)]),
        ("Raiders killed 3 guards and 2 drivers (one of them a boy).", [("dead", 5, None)]),
        # headlines: a list of counted subjects, a toll adjective after its counted noun
        ("Three policemen, one attacker killed in northern raid", [("dead", 4, None)]),
        ("One farmer dead in border clashes", [("dead", 1, None)]),
        ("Night shelling leaves one villager dead - local police", [("dead", 1, None)]),
        (
            "One trooper KIA, four WIA near Avdiivka - JFO",
            [("dead", 1, None), ("injured", 4, None)],
        ),
        ("Soldiers butchered nine herders in Ouham.", [("dead", 9, None)]),
    ],
)
def test_tolls(text: str, expected: list[tuple[str, int, str | None]]) -> None:
    doc = parse.load("en_core_web_sm")(text)
    found = tolls.counts(doc[:], text)
    assert [(c.kind, c.value, c.qualifier) for c in found] == expected
    assert all(text[c.span.start : c.span.end] == c.span.text for c in found)


# --- coding tables ------------------------------------------------------------------------


def test_cameo_crosswalk_codes() -> None:
    assert event_types.cameo("ASSAULT", None) == ("190", 4, -10.0)
    assert event_types.cameo("REQUEST", None) == ("100", 3, -5.0)
    assert event_types.cameo("CONSULT", "phone") == ("041", 1, 1.0)
    assert event_types.cameo("AGREE", None)[1] == 1


def test_stage_contract() -> None:
    stage = events.stage()
    assert stage.requires == ("doc", "actors", "weapons", "places", "times")
    assert stage.assigns == ("events",)
    with pytest.raises(Exception, match="requires"):
        pipeline.check([parse.stage(), stage])


def test_lexicon_resource_rebuilds_identically(tmp_path: Path) -> None:
    need(DATA / "event_coding" / "PLOVER" / "CAMEO2PLOVER-2021.txt")
    from tools.build import events_lexicon as build_events_lexicon

    built = build_events_lexicon.build(DATA)
    shipped = json.loads(build_events_lexicon.OUT.read_text(encoding="utf-8"))
    assert built == shipped


# --- the seeds, with the real stages ------------------------------------------------------


def _real_stages() -> list[pipeline.Stage]:
    names = ("link", "place", "time")
    try:
        modules = [importlib.import_module(f"wirewatch.stages.{n}") for n in names]
    except ImportError as exc:  # pragma: no cover - until the other stages land
        pytest.skip(f"seed tests need the link, place and time stages: {exc}")
    return [parse.stage(), *(m.stage() for m in modules), events.stage()]


def _seed(seeds: Path, prefix: str) -> Article:
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    path = next(seeds.glob(f"{prefix}_*.txt"))
    item = Input(str(path), path.read_bytes(), "text")
    article = ingest.article_from(
        item, published=dt.date.fromisoformat(SEED_DATES[prefix]), min_english=0.1, min_words=5
    )
    (done,) = pipeline.run(_real_stages(), [article])
    assert isinstance(done, Article), done
    return done


def _find_event(article: Article, event: str, trigger: str) -> Event:
    for found in article.events:
        if found.event == event and found.text_info.trigger.text == trigger:
            return found
    raise AssertionError(
        f"no {event} {trigger!r} in {[(e.event, e.text_info.trigger.text) for e in article.events]}"
    )


def _codes(actors: tuple[Actor, ...]) -> list[str | None]:
    return [a.code for a in actors]


def test_seed_000(seeds: Path, golden: Callable[[str, Any], None]) -> None:
    article = _seed(seeds, "000")
    strike = _find_event(article, "ASSAULT", "slammed")
    assert _codes(strike.actor) == ["RUS"]
    assert [(c.kind, c.value, c.qualifier) for c in strike.size] == [("dead", 6, "at least")]
    assert strike.event_loc is not None and strike.event_loc.place is not None
    assert (strike.event_loc.place.name, strike.event_loc.place.feature) == ("Kharkiv", "city")
    assert strike.date is not None and strike.date.value == "2024-05-30/2024-05-31"
    germany = _find_event(article, "CONCEDE", "authorizing")
    biden = _find_event(article, "CONCEDE", "gave")
    assert (_codes(germany.actor), _codes(germany.recipient)) == (["DEU"], ["UKR"])
    assert (_codes(biden.actor), _codes(biden.recipient)) == (["USA"], ["UKR"])
    assert germany.date is not None and biden.date is not None
    assert (germany.date.value, biden.date.value) == ("2024-05-31", "2024-05-30")
    # "Both Germany and the U.S. authorized": one mention of each decision, no third row
    assert [m.trigger.text for m in germany.mentions] == ["authorizing", "authorized"]
    assert [m.trigger.text for m in biden.mentions] == ["authorized", "gave", "approval"]
    assert len([e for e in article.events if e.event == "CONCEDE"]) == 3  # and "not changed"
    request = _find_event(article, "REQUEST", "asked")
    assert (_codes(request.actor), _codes(request.recipient)) == (["UKR"], ["USA"])
    threat = _find_event(article, "THREATEN", "said")
    assert (_codes(threat.actor), _codes(threat.recipient)) == (["RUS"], ["UKR", "NATO"])
    assert threat.modality == "actual"
    assert _find_event(article, "ASSAULT", "response").modality == "threatened"
    assert _find_event(article, "CONCEDE", "changed").polarity == "negated"
    assert not [e for e in article.events if e.text_info.trigger.text == "war"]  # generic noun
    permitted = _find_event(article, "ASSAULT", "hit")  # what Ukraine may hit: one content
    assert permitted.modality == "hypothetical"
    assert [m.trigger.text for m in permitted.mentions] == [
        "hit",
        "targeting",
        "use",
        "strike",
        "use",
    ]
    golden("events_000", article.events)


def test_seed_004(seeds: Path, golden: Callable[[str, Any], None]) -> None:
    article = _seed(seeds, "004")
    request = _find_event(article, "REQUEST", "allow")
    assert request.date is not None and request.date.value == "2024-09-09"
    assert [m.trigger.text for m in request.mentions] == ["allow", "allowed"]  # Yermak's too
    assert _codes(request.actor) == ["UKR"] and request.recipient != ()
    requested = _find_event(article, "ASSAULT", "use")  # to target, to strike, to destroy
    assert requested.modality == "requested"
    assert [m.trigger.text for m in requested.mentions][-1] == "destroy"
    sent = _find_event(article, "AID", "supplied")  # "may have supplied": a claim, told 6 times
    assert (_codes(sent.actor), _codes(sent.recipient), sent.modality) == (
        ["IRN"],
        ["RUS"],
        "actual",
    )
    told = [
        "supplied",
        "sent",
        "supply",
        "deliveries",
        "shipments",
        "arming",
        "supplying",
    ]  # "in response to
    assert [m.trigger.text for m in sent.mentions] == told  # the supply", "cease supplying"
    exercises = _find_event(article, "COOPERATE", "exercises")
    assert _codes(exercises.actor) == ["CHN", "RUS"]
    assert exercises.date is not None and exercises.date.value == "2024-09"
    operation = _find_event(article, "ASSAULT", "operation")
    assert _codes(operation.actor) == ["UKR"]
    assert operation.event_loc is not None and operation.event_loc.place is not None
    assert operation.event_loc.place.name.startswith("Kursk")
    attacks = _find_event(article, "ASSAULT", "attacks")
    assert [(c.kind, c.value, c.qualifier) for c in attacks.size] == [("dead", 10000, "over")]
    assert _find_event(article, "AID", "provided").polarity == "negated"
    golden("events_004", article.events)


def test_place_is_the_events_own_not_every_place() -> None:
    kyiv = replace(KHARKIV, geonameid=703448, name="Kyiv", lat=50.45, lon=30.52)
    article = annotate(
        "Russian forces shelled a market in Kharkiv on Friday, officials in Kyiv said.",
        actors={"Russian": RUS},
        places={"Kharkiv": KHARKIV, "Kyiv": kyiv},
    )
    shelled = only(article, "ASSAULT")
    assert shelled.event_loc is not None and shelled.event_loc.place == KHARKIV


def test_a_place_named_as_an_actor_is_not_the_events_place() -> None:
    washington = replace(KHARKIV, geonameid=4140963, name="Washington", country="USA")
    article = annotate(
        "Kyiv had asked Washington for permission.",
        actors={"Kyiv": UKR, "Washington": USA},
        places={"Washington": washington},
    )
    assert only(article, "REQUEST").event_loc is None


def test_pronoun_subject_is_the_speaker() -> None:
    said = annotate("Hungary said it will support Serbia.", actors={"Hungary": DEU, "Serbia": RUS})
    support = by_trigger(said, "support")
    assert (support.actor, support.recipient, support.modality) == ((DEU,), (RUS,), "future")
    threat = annotate("Hungary said it will attack Serbia.", actors={"Hungary": DEU, "Serbia": RUS})
    saying = only(threat, "THREATEN")  # saying one will attack is a threat
    assert (saying.actor, saying.recipient, saying.modality) == ((DEU,), (RUS,), "actual")
    attack = only(threat, "ASSAULT")  # and the attack is what is threatened
    assert (attack.actor, attack.recipient, attack.modality) == ((DEU,), (RUS,), "threatened")


# --- one record per happening (stages/events/coref.py) ------------------------------------


def test_a_happening_told_twice_is_one_record_with_both_mentions() -> None:
    article = annotate(
        "Russian forces attacked Kharkiv on Friday. The attack killed six people.",
        actors={"Russian": RUS},
        places={"Kharkiv": KHARKIV},
        times={"Friday": "2024-05-31"},
    )
    attack = only(article, "ASSAULT")
    assert [m.trigger.text for m in attack.mentions] == ["attacked", "attack", "killed"]
    assert [m.sentence.start for m in attack.mentions][1] > 0  # the second sentence
    assert [(c.kind, c.value) for c in attack.size] == [("dead", 6)]  # the toll of mention two
    assert attack.event_loc is not None and attack.event_loc.place == KHARKIV  # of mention one


def test_a_day_is_never_the_same_happening_as_a_war_long_series() -> None:
    article = annotate(
        "Russia attacked Ukraine on Friday. Russia has attacked Ukraine since 2022.",
        actors={"Russia": RUS, "Ukraine": UKR},
        times={"Friday": "2024-05-31", "since 2022": "2022/2024-05-31"},
    )
    attacks = [e for e in article.events if e.event == "ASSAULT"]
    assert len(attacks) == 2


def test_different_parties_or_reality_are_different_happenings() -> None:
    article = annotate(
        "Russia attacked Ukraine. Iran attacked Israel. Ukraine may attack Russia.",
        actors={
            "Russia": RUS,
            "Ukraine": UKR,
            "Iran": IRN,
            "Israel": Actor(code="ISR", name="Israel", kind="state"),
        },
    )
    attacks = [(e.actor[0].code, e.modality) for e in article.events if e.event == "ASSAULT"]
    assert sorted(attacks) == [("IRN", "actual"), ("RUS", "actual"), ("UKR", "hypothetical")]


def test_generic_nouns_name_no_happening() -> None:
    article = annotate(
        "The war between Russia and Ukraine goes on.", actors={"Russia": RUS, "Ukraine": UKR}
    )
    assert article.events == ()


def test_an_attack_with_no_target_named_targets_the_state_it_took_place_in() -> None:
    article = annotate(
        "Russian missiles slammed into an apartment building in Kharkiv overnight.",
        actors={"Russian": RUS},
        places={"Kharkiv": KHARKIV},
    )
    strike = only(article, "ASSAULT")
    assert [a.code for a in strike.recipient] == ["UKR"]
    assert ("recipient", strike.event_loc.span) in strike.text_info.arguments  # type: ignore[union-attr]


def test_a_launch_that_hits_nobody_is_a_show_of_force_not_an_attack() -> None:
    prk = Actor(code="PRK", name="North Korea", kind="state")
    tested = annotate(
        "North Korea fired a ballistic missile over Japan on Friday.",
        actors={"North Korea": prk},
        weapons={"ballistic missile": MISSILE},
    )
    assert only(tested, "MOBILIZE").actor == (prk,)
    struck = annotate(
        "Russia fired ballistic missiles at Ukraine, killing six people.",
        actors={"Russia": RUS, "Ukraine": UKR},
        weapons={"ballistic missiles": MISSILE},
    )
    assert kinds(struck) == ["ASSAULT"]


def test_a_happening_or_a_state_of_affairs_is_no_doer() -> None:
    article = annotate(
        "The prospect of such arms transfers has raised alarms among Western governments.",
    )
    assert article.events == ()
    arrived = annotate(
        "The first deployment of NATO troops has arrived in Bosnia.", actors={"NATO": NATO}
    )
    assert [a.code for e in arrived.events for a in e.actor] == ["NATO"]  # troops named inside


def test_the_same_weapons_between_the_same_parties_are_one_transfer() -> None:
    article = annotate(
        "Iran may have supplied ballistic missiles. Iran sent ballistic missiles to Russia.",
        actors={"Iran": IRN, "Russia": RUS},
        weapons={"ballistic missiles": MISSILE},
    )
    transfer = only(article, "AID")
    assert [m.trigger.text for m in transfer.mentions] == ["supplied", "sent"]
    assert (transfer.actor, transfer.recipient) == ((IRN,), (RUS,))


def test_a_circumstance_does_not_make_what_it_governs_hypothetical() -> None:
    article = annotate(
        "Tamimi could face prison after assaulting two soldiers.",
        actors={"Tamimi": Actor(code="PSE", name="Tamimi", kind="person")},
    )
    assert by_trigger(article, "assaulting").modality == "actual"


# --- one happening, one record; nothing invented (issue 11) --------------------------------

FRA = Actor(code="FRA", name="France", kind="state")
ITA = Actor(code="ITA", name="Italy", kind="state")
POL = Actor(code="POL", name="Poland", kind="state")
PRK = Actor(code="PRK", name="North Korea", kind="state")
UN = Actor(code="UN", name="the Security Council", kind="igo")
DRONE = Weapon(name="drone", category="drone", named_system=False)
WEAPON = Weapon(name="weapon", category="weapon", named_system=False)


def test_a_compound_doer_mention_tells_each_doers_decision() -> None:
    article = annotate(
        "France authorized Poland to buy the tanks. Both France and Italy authorized the sale. "
        "Italy gave Poland a green light on Tuesday.",
        actors={"France": FRA, "Italy": ITA, "Poland": POL},
    )
    decisions = [e for e in article.events if e.event == "CONCEDE"]
    assert [_codes(e.actor) for e in decisions] == [["FRA"], ["ITA"]]
    told = [[m.trigger.text for m in e.mentions] for e in decisions]
    assert told == [["authorized", "authorized"], ["authorized", "gave"]]
    joint = annotate(  # only one doer's own decision told: a joint act, kept whole
        "Both France and Italy authorized the sale. France authorized it in May.",
        actors={"France": FRA, "Italy": ITA},
    )
    assert [_codes(e.actor) for e in joint.events] == [["FRA", "ITA"]]


def test_a_participle_after_a_noun_is_that_nouns_doing() -> None:
    article = annotate(
        "Ukraine asked the United States for help against Russia's troops amassing near the "
        "border.",
        actors={"Ukraine": UKR, "United States": USA, "Russia": RUS},
    )
    massing = only(article, "MOBILIZE")
    assert (_codes(massing.actor), massing.modality) == (["RUS"], "actual")


def test_what_a_request_answers_is_no_content_of_it() -> None:
    article = annotate(
        "In response to Iran's shipment of drones to Russia, Ukraine must be allowed to strike.",
        actors={"Iran": IRN, "Russia": RUS, "Ukraine": UKR},
        weapons={"drones": DRONE},
    )
    assert only(article, "AID").modality == "actual"


def test_a_finite_relative_clause_keeps_its_own_reality() -> None:
    article = annotate(
        "Ukraine may hit the bases from where Russia launches its raids on Kharkiv.",
        actors={"Ukraine": UKR, "Russia": RUS},
        places={"Kharkiv": KHARKIV},
    )
    raids = [e for e in article.events if e.text_info.trigger.text == "raids"]
    assert [e.modality for e in raids] == ["actual"]


def test_weapons_of_no_kind_fit_any_kind() -> None:
    article = annotate(
        "Iran sent ballistic missiles to Russia. Iran keeps supplying weapons to Russia.",
        actors={"Iran": IRN, "Russia": RUS},
        weapons={"ballistic missiles": MISSILE, "weapons": WEAPON},
    )
    assert [m.trigger.text for m in only(article, "AID").mentions] == ["sent", "supplying"]


def test_one_mention_may_name_fewer_parties() -> None:
    article = annotate(
        "China opposes missile launches by North Korea. China opposes missile launches by "
        "North Korea against the Security Council.",
        actors={"China": Actor(code="CHN", name="China", kind="state"), "North Korea": PRK},
    )
    opposed = [e for e in article.events if e.event != "MOBILIZE"]  # the launches are one
    assert len(opposed) == 1 and len(opposed[0].mentions) == 2
    assert len([e for e in article.events if e.event == "MOBILIZE"]) <= 1


def test_nameless_violence_then_the_named_attack_is_one_happening() -> None:
    article = annotate(
        "Six people were wounded in the bombing. A truck bomb hit the German consulate.",
        actors={"German": DEU},
    )
    assert kinds(article) == ["ASSAULT"]


def test_a_chance_or_a_threat_posed_is_no_event() -> None:
    chance = annotate(
        "The decision offers Ukraine a chance to defend its cities.", actors={"Ukraine": UKR}
    )
    assert [e.event for e in chance.events if e.event == "AID"] == []
    posed = annotate("These ties pose threats to Ukraine.", actors={"Ukraine": UKR})
    assert posed.events == ()


def test_a_toll_or_an_incident_as_subject_does_nothing() -> None:
    toll = annotate("The death toll from the Russian strike rose to nine.", actors={"Russian": RUS})
    assert [e.text_info.trigger.text for e in toll.events] == ["strike"]
    incident = annotate(
        "The incident, which sparked a NATO inquiry, happened in May.", actors={"NATO": NATO}
    )
    assert "sparked" not in [e.text_info.trigger.text for e in incident.events]


def test_sanctions_passed_are_the_councils() -> None:
    article = annotate(
        "The Security Council passed new sanctions on North Korea.",
        actors={"Security Council": UN, "North Korea": PRK},
    )
    sanction = only(article, "SANCTION")
    assert (_codes(sanction.actor), _codes(sanction.recipient)) == (["UN"], ["PRK"])
    assert len(article.events) == 1


def test_an_aim_or_a_capacity_is_no_happening() -> None:
    purpose = annotate(
        "Iran sent drones to Russia to support its campaign.",
        actors={"Iran": IRN, "Russia": RUS},
        weapons={"drones": DRONE},
    )
    assert kinds(purpose) == ["AID"]
    capacity = annotate(
        "North Korea tested a missile to show its potential to hit targets in Japan.",
        actors={"North Korea": PRK},
        weapons={"missile": MISSILE},
    )
    assert [e.text_info.trigger.text for e in capacity.events] == ["tested"]
    aimed = annotate(
        "South Korea passed a law aimed at punishing abuses by North Korea.",
        actors={
            "South Korea": Actor(code="KOR", name="South Korea", kind="state"),
            "North Korea": PRK,
        },
    )
    triggers = {e.text_info.trigger.text for e in aimed.events}
    assert not triggers & {"aimed", "punishing"}


def test_a_missile_fired_over_a_country_has_that_country_for_recipient() -> None:
    japan = Actor(code="JPN", name="Japan", kind="state")
    article = annotate(
        "North Korea fired a missile over Japan's northern island on Friday.",
        actors={"North Korea": PRK, "Japan": japan},
        weapons={"missile": MISSILE},
    )
    launch = only(article, "MOBILIZE")
    assert (_codes(launch.actor), _codes(launch.recipient)) == (["PRK"], ["JPN"])


def test_goods_traded_are_cooperation_and_arms_are_aid() -> None:
    oil = annotate(
        "China sold oil to North Korea.",
        actors={"China": Actor(code="CHN", name="China", kind="state"), "North Korea": PRK},
    )
    assert only(oil, "COOPERATE").recipient == (PRK,)
    arms = annotate(
        "Iran sold drones to Russia.",
        actors={"Iran": IRN, "Russia": RUS},
        weapons={"drones": DRONE},
    )
    assert kinds(arms) == ["AID"]


def _handmade(words: list[str], tags: list[str], deps: list[str], heads: list[int]) -> Any:
    """A parse written by hand (the statistical parser's output is not the point here)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, tags=tags, deps=deps, heads=heads)


def test_released_names_free_nobody() -> None:
    doc = _handmade(
        ["their", "names", "will", "be", "released"],
        ["PRP$", "NNS", "MD", "VB", "VBN"],
        ["poss", "nsubjpass", "aux", "auxpass", "ROOT"],
        [1, 4, 4, 4, 4],
    )
    doc[1].lemma_, doc[4].lemma_ = "name", "release"
    assert events._frees_nobody(doc[4])
    doc[1].lemma_ = "prisoner"
    assert not events._frees_nobody(doc[4])


def test_growing_stronger_or_having_an_effect_is_no_act() -> None:
    grown = annotate(
        "The Taliban have strengthened recently.",
        actors={"Taliban": Actor(code="AFG", name="Taliban", kind="group")},
    )
    assert grown.events == ()
    effect = annotate("The new rules will impact North Korea.", actors={"North Korea": PRK})
    assert effect.events == ()


def test_a_verb_tag_in_a_nouns_place_is_no_trigger() -> None:
    doc = _handmade(
        ["China", "opposes", "missile", "launches"],
        ["NNP", "VBZ", "NN", "VBZ"],
        ["nsubj", "ROOT", "compound", "dobj"],
        [1, 1, 3, 1],
    )
    assert events._nominal(doc[3]) and not events._nominal(doc[1])


def test_a_number_of_doers_is_those_doers() -> None:
    several = annotate(
        "A number of Russian ships delivered oil to North Korea.",
        actors={"Russian": RUS, "North Korea": PRK},
    )
    assert _codes(only(several, "COOPERATE").actor) == ["RUS"]
    count = annotate("The number of Russian ships rose.", actors={"Russian": RUS})
    assert count.events == ()


def test_the_attacker_points_back_to_the_attack() -> None:
    article = annotate(
        "The Taliban bombed the German consulate on Friday. Police said the attacker "
        "rammed a truck into the German consulate.",
        actors={"Taliban": Actor(code="AFG", name="Taliban", kind="group"), "German": DEU},
    )
    assault = only(article, "ASSAULT")
    assert [m.trigger.text for m in assault.mentions] == ["bombed", "rammed"]


def test_a_common_noun_party_fits_a_named_one() -> None:
    article = annotate(
        "An Israeli court charged her on Monday for slapping the soldiers. Prosecutors say "
        "she kicked Israeli soldiers.",
        actors={"Israeli": ISR},
    )
    assaults = [e for e in article.events if e.event == "ASSAULT"]
    assert len(assaults) == 1


def test_who_is_charged_for_a_deed_did_it() -> None:
    article = annotate("Israel charged Tamimi for slapping soldiers.", actors={"Israel": ISR})
    slapping = only(article, "ASSAULT")
    assert [a.name for a in slapping.actor] == ["Tamimi"]


def test_who_a_passive_befalls_is_no_doer() -> None:
    article = annotate(
        "A Ukrainian officer may face prison after being charged by Russia for spying.",
        actors={"Ukrainian": UKR, "Russia": RUS},
    )
    charged = only(article, "ACCUSE")
    assert (_codes(charged.actor), _codes(charged.recipient)) == (["RUS"], ["UKR"])
    indicted = annotate(
        "A Ukrainian officer may face prison after being indicted.", actors={"Ukrainian": UKR}
    )
    assert all(e.actor == () for e in indicted.events)


def test_a_role_held_is_no_act() -> None:
    role = annotate(
        "The Red Cross acted as a neutral intermediary.",
        actors={"Red Cross": Actor(code="ICRC", name="Red Cross", kind="org")},
    )
    assert "acted" not in [e.text_info.trigger.text for e in role.events]


# --- what an act answers is another happening (coref.py: _answered, _several) ---------------


def test_what_an_attack_answers_is_never_joined_to_it_by_nearness() -> None:
    article = annotate(
        "A truck bomb hit the German consulate in Mazar-i-Sharif, killing two people. The "
        "Taliban said the assault was a response to coalition air strikes which killed 30 "
        "civilians in Kunduz.",
        actors={"German": DEU, "Taliban": Actor(code="AFG", name="Taliban", kind="group")},
    )
    assaults = [e for e in article.events if e.event == "ASSAULT"]
    told = [[m.trigger.text for m in e.mentions] for e in assaults]
    assert told == [["hit", "assault"], ["strikes", "killed"]]
    deaths = [[c.value for c in e.size if c.kind == "dead"] for e in assaults]
    assert deaths == [[2], [30]]  # each toll with its own happening


def test_revenge_and_retaliation_name_an_earlier_other_happening() -> None:
    kunduz = place(1135689, "Kunduz", "AFG", 36.73, 68.86)
    helmand = place(1140026, "Helmand", "AFG", 31.0, 64.0, "admin1")
    for text in (
        "Gunmen attacked a police post in Kunduz. The attack came in retaliation for a raid "
        "in Helmand.",
        "Gunmen attacked a police post in Kunduz. The attack was revenge for a raid in Helmand.",
        "Gunmen attacked a police post in Kunduz, a revenge attack for a raid in Helmand.",
    ):
        article = annotate(text, places={"Kunduz": kunduz, "Helmand": helmand})
        told = sorted(m.trigger.text for e in article.events for m in e.mentions)
        assert len(article.events) == 2, told
        raid = by_trigger(article, "raid")
        assert [m.trigger.text for m in raid.mentions] == ["raid"]


def test_a_single_attack_and_a_series_told_beside_it_stay_apart() -> None:
    article = annotate(
        "A bomb exploded at a market in Kabul on Friday. Militants have carried out attacks "
        "across the country.",
        places={"Kabul": place(1138958, "Kabul", "AFG", 34.53, 69.17)},
    )
    assert len([e for e in article.events if e.event == "ASSAULT"]) == 2


# --- conflict news in its own words (issue 12) ---------------------------------------------


def _dead(event: Event) -> list[int]:
    return [c.value for c in event.size if c.kind == "dead"]


def test_tolls_as_conflict_reports_write_them() -> None:
    assert _dead(only(annotate("Five personnel and one officer were killed."), "ASSAULT")) == [6]
    left = annotate("Militants attacked the post, leaving one soldier dead.")
    assert [(e.event, _dead(e)) for e in left.events] == [("ASSAULT", [1])]  # no second event
    headline = annotate("One civilian killed in rebel attack in east Ukrainian town")
    assert _dead(only(headline, "ASSAULT")) == [1]
    assert _dead(only(annotate("Two men are shot to death in a bar."), "ASSAULT")) == [2]


def test_a_headline_passive_after_another_clause_befalls_its_subject() -> None:
    # "X meet ..., one soldier killed": clauses in a row, none of them said by the soldier
    wounded = by_trigger(annotate("Rebels regroup near Donetsk, two soldiers wounded"), "wounded")
    assert wounded.actor == ()
    assert [r.name for r in wounded.recipient] == ["two soldiers"]
    assert [(c.kind, c.value) for c in wounded.size] == [("injured", 2)]


def test_a_body_found_is_a_killing_and_a_governing_body_is_nobody() -> None:
    found = annotate("Two bodies were found on the road to the airport.")
    assert _dead(only(found, "ASSAULT")) == [2]
    assert annotate("The governing body said it would meet on Friday.").events == ()


def test_violence_befalling_people_stands_with_no_party_named() -> None:
    assert only(annotate("They murder a man in a bar."), "ASSAULT").actor == ()
    assert kinds(annotate("Gunmen executed a rebel.")) == ["ASSAULT"]
    assert "ASSAULT" not in kinds(annotate("The army executed its plan."))
    taliban = {"Taliban": Actor(code="AFG", name="Taliban", kind="group", sector="REB")}
    looted = annotate("Taliban fighters looted a house.", actors=taliban)
    assert kinds(looted) == ["ASSAULT"]  # property, not a protest


def test_a_gerund_is_done_by_whoever_follows_by() -> None:
    article = annotate(
        "A militiaman was killed in shelling by the Ukrainian army.",
        actors={"Ukrainian army": UKR},
    )
    assert [a.code for e in article.events for a in e.actor] == ["UKR"]


def test_the_day_a_toll_rose_is_not_the_day_of_the_attack() -> None:
    article = annotate(
        "The death toll from a truck bombing in Kabul rose to six Friday.",
        places={"Kabul": place(1138958, "Kabul", "AFG", 34.53, 69.17)},
        times={"Friday": "2024-05-31"},
    )
    bombing = only(article, "ASSAULT")
    assert bombing.date is not None and bombing.date.precision == "publication"


def test_state_forces_named_by_function_are_the_forces_of_the_state_they_act_in() -> None:
    idlib = place(169389, "Idlib", "SYR", 35.9, 36.6, "admin1")
    article = annotate("Regime forces shelled a village in Idlib.", places={"Idlib": idlib})
    shelled = only(article, "ASSAULT")
    assert [(a.code, a.sector) for a in shelled.actor] == [("SYR", "MIL")]
    assert [s.text for r, s in shelled.text_info.arguments if r == "actor"] == ["Regime forces"]
    rebels = annotate("Rebel forces shelled a village in Idlib.", places={"Idlib": idlib})
    assert all(a.code is None for a in only(rebels, "ASSAULT").actor)  # a side's, not the state's


def test_government_forces_beside_a_foreign_party_are_the_forces_of_the_state_they_act_in() -> None:
    deir = place(170794, "Deir ez-Zor", "SYR", 35.3, 40.1, "admin1")
    afrin = place(174186, "Afrin", "SYR", 36.5, 36.9)
    article = annotate(
        "Government forces and Iranian militias attacked a village in Deir ez-Zor.",
        places={"Deir ez-Zor": deir},
        actors={  # as the link stage codes them: both with the one country the text names
            "Government forces": Actor(code="IRN", name="Government forces", kind="group"),
            "Iranian militias": Actor(code="IRN", name="Iranian militias", kind="group"),
        },
    )
    codes = sorted((a.name, a.code) for a in only(article, "ASSAULT").actor)
    assert codes == [("Government forces", "SYR"), ("Iranian militias", "IRN")]
    joint = annotate(
        "The army and Turkish police detained six men in Afrin.",
        places={"Afrin": afrin},
        actors={
            "army": Actor(code="TUR", name="army", kind="group"),
            "Turkish police": Actor(code="TUR", name="Turkish police", kind="group"),
        },
    )
    assert {a.code for a in only(joint, "COERCE").actor} == {"TUR"}  # one state's, maybe


def test_a_clash_is_a_battle_unless_protesters_clash() -> None:
    assert [
        e.event for e in annotate("Two armed groups clashed near Bria, killing three.").events
    ] == ["ASSAULT"]
    riot = annotate(
        "Protesters clashed with police in Nairobi.",
        actors={"police": Actor(code="KEN", name="police", kind="group")},
    )
    assert kinds(riot) == ["PROTEST"]


def test_who_fights_with_the_other_side_is_the_subject_of_the_act_told_around_it() -> None:
    sides = {
        "M23 rebels": Actor(code="COD", name="M23", kind="group", sector="REB"),
        "FARDC": Actor(code="COD", name="FARDC", kind="group", sector="MIL"),
    }
    article = annotate("M23 rebels shelled the village after clashes with FARDC.", actors=sides)
    clash = by_trigger(article, "clashes")
    assert [a.name for a in clash.actor] == ["M23"]
    assert [r.name for r in clash.recipient] == ["FARDC"]
    # ground taken after a fight is the fight won, one happening: taken from the other side
    for text in (
        "M23 rebels took control of the village after clashes with FARDC.",
        "M23 rebels took Kitshanga after clashes with FARDC.",
        "M23 rebels seized the town of Kitshanga following heavy fighting with FARDC.",
    ):
        kitshanga = {"Kitshanga": place(9000001, "Kitshanga", "COD", -1.38, 29.07)}
        taken = only(annotate(text, actors=sides, places=kitshanga), "ASSAULT")
        assert ([a.name for a in taken.actor], [r.name for r in taken.recipient]) == (
            ["M23"],
            ["FARDC"],
        ), text
    # who is killed "in clashes with" rebels did not fight as the doer: the rebels killed
    killed = annotate(
        "Two soldiers were killed in clashes with rebels near Beni.",
        actors={"rebels": Actor(code="COD", name="rebels", kind="group", sector="REB")},
    )
    assert [a.name for a in only(killed, "ASSAULT").actor] == ["rebels"]


def test_what_doers_were_doing_as_they_acted_is_of_the_acts_day() -> None:
    text = "On 9 May, students protesting the fee rise stormed the ministry in Dhaka."
    article = annotate(text, times={"9 May": "2024-05-09"})
    protest = by_trigger(article, "protesting")
    assert protest.date is not None and protest.date.value == "2024-05-09"
    # not what they protest against, which came before
    assert by_trigger(article, "stormed").date.value == "2024-05-09"  # type: ignore[union-attr]


def test_soldiers_killed_in_an_attack_on_a_states_troops_are_that_states() -> None:
    forces_ = {
        "Ugandan troops": Actor(code="UGA", name="Ugandan troops", kind="group", sector="MIL"),
        "soldiers": Actor(code="SOM", name="soldiers", kind="group", sector="MIL"),
        "Al-Shabaab": Actor(code="SOM", name="al-Shabaab", kind="group", sector="REB"),
    }
    text = "Al-Shabaab ambushed a convoy of Ugandan troops on Monday, killing four soldiers."
    ambush = only(annotate(text, actors=forces_), "ASSAULT")
    assert {(a.name, a.code) for a in ambush.recipient} == {
        ("Ugandan troops", "UGA"),
        ("soldiers", "UGA"),
    }


def test_where_people_are_sent_away_from_is_no_party() -> None:
    envoy = {
        "junta": Actor(code="NER", name="junta", kind="group", sector="MIL"),
        "French ambassador": Actor(code="FRA", name="French ambassador", kind="person"),
        "Niamey": Actor(code="NER", name="Niamey", kind="state"),
    }
    text = "The junta expelled the French ambassador from Niamey on Monday."
    expelled = annotate(text, actors=envoy).events
    assert [[r.name for r in e.recipient] for e in expelled] == [["French ambassador"]]


def test_a_side_driven_out_of_ground_lost_a_battle() -> None:
    shabaab = {"al-Shabaab": Actor(code="SOM", name="al-Shabaab", kind="group", sector="REB")}
    moqokori = {"Moqokori": place(9000002, "Moqokori", "SOM", 4.04, 46.17)}
    for text in ("Government forces pushed al-Shabaab out of the town of Moqokori on Monday.",
                 "The army drove al-Shabaab from the town of Moqokori.",
                 "Al-Shabaab fighters were driven out of Moqokori by the army."):  # fmt: skip
        assert kinds(annotate(text, actors=shabaab, places=moqokori)) == ["ASSAULT"], text
    # people forced from their homes by nobody armed are no battle
    homes = annotate("Floods forced residents from their homes in Moqokori.", places=moqokori)
    assert "ASSAULT" not in kinds(homes)


def test_the_date_of_a_report_dates_the_act_it_reports() -> None:
    article = annotate(
        "As reported on 1 May, militants attacked a village in Borno, killing six civilians.",
        times={"1 May": "2024-05-01"},
    )
    assert only(article, "ASSAULT").date.value == "2024-05-01"  # type: ignore[union-attr]


def test_verbs_sharing_one_subject_share_the_date_told_after_the_last() -> None:
    article = annotate(
        "A suspected thief was beaten and set alight by residents in Gulu on 6 June.",
        times={"6 June": "2024-06-06"},
    )
    beaten = only(article, "ASSAULT")
    assert beaten.date.value == "2024-06-06"  # type: ignore[union-attr]
    assert [a.name.split()[0] for a in beaten.actor] == ["residents"]  # "by" both verbs
    apart = annotate(
        "Troops detained four traders and they were freed on 9 June.",
        times={"9 June": "2024-06-09"},
    )
    detained = only(apart, "COERCE")
    assert detained.date is None or detained.date.value != "2024-06-09"  # its own subject


def test_an_undated_act_told_next_in_the_simple_past_is_of_the_same_day() -> None:
    kano = place(2335204, "Kano", "NGA", 12.0, 8.5)
    article = annotate(
        "On 3 May, protesters marched in Kano. Police arrested two men in Kano.",
        places={"Kano": kano},
        times={"3 May": "2024-05-03"},
    )
    dates = {e.event: e.date.value for e in article.events if e.date}
    assert dates == {"PROTEST": "2024-05-03", "COERCE": "2024-05-03"}
    arrest = only(article, "COERCE")
    assert ("date", arrest.date.span) in arrest.text_info.arguments  # type: ignore[union-attr]
    apart = annotate(
        "On 3 May, protesters marched in Kano. The army is investigating. Officials said talks "
        "were planned. Police arrested two men in Kano.",
        places={"Kano": kano},
        times={"3 May": "2024-05-03"},
    )
    assert only(apart, "COERCE").date.precision == "publication"  # type: ignore[union-attr]


def test_no_act_is_made_of_taking_place_a_name_or_a_decision_made() -> None:
    assert annotate("The incident took place at the zoo on Saturday.").events == ()
    cincinnati = place(4508722, "Cincinnati", "USA", 39.1, -84.5)
    named = annotate(
        "Keepers shot a gorilla called Harambe in Cincinnati.", places={"Cincinnati": cincinnati}
    )
    assert [e.text_info.trigger.text for e in named.events] == ["shot"]
    decided = annotate(
        "The army made the difficult decision in Kharkiv.", places={"Kharkiv": KHARKIV}
    )
    assert decided.events == ()


def test_what_would_have_happened_did_not() -> None:
    article = annotate(
        "Russian troops would have shelled Kharkiv without the warning.",
        actors={"Russian": RUS},
        places={"Kharkiv": KHARKIV},
    )
    assert only(article, "ASSAULT").modality == "hypothetical"


def test_a_killing_verb_is_an_assault_whatever_the_words_around() -> None:
    for text in (
        "An element of the National Guard assassinates a student in Irapuato.",
        "Myanmar troops butcher seven refugees in Bago.",
        "Five municipal police strangle a man to death.",
    ):
        assert kinds(annotate(text)) == ["ASSAULT"], text


def test_the_guidelines_event_nouns_and_their_light_verbs() -> None:
    """Remand and custody are COERCE, objections REJECT, criticism ACCUSE, an outcry PROTEST,
    a pledge of allegiance SUPPORT (the events guideline's types); "raised", "extended" hand
    their noun the event; a protest lodged with a state stays the diplomats' complaint."""
    seoul = {"Seoul": Actor(code="KOR", name="Seoul", kind="state")}
    assert [
        e.event for e in annotate("Seoul raised objections to the plan.", actors=seoul).events
    ] == ["REJECT"]
    court = {"court": Actor(code="ISR", name="court", kind="org")}
    assert [
        e.event for e in annotate("The court extended her remand on Monday.", actors=court).events
    ] == ["COERCE"]
    boko = {"Boko Haram": Actor(code="NGA", name="Boko Haram", kind="group", sector="REB")}
    pledged = annotate("Boko Haram pledged allegiance to the Islamic State group.", actors=boko)
    assert kinds(pledged) == ["SUPPORT"]


def test_taking_ground_withdrawing_and_breaking_off() -> None:
    """Taking control of a town is ground won in fighting (ASSAULT: the guideline's military
    offensives, conflict coders' battles); forces withdrawing pull back (RETREAT); withdrawing
    from talks or pulling out of a treaty breaks off (SANCTION)."""
    rsf = {"RSF": Actor(code="SDN", name="RSF", kind="group", sector="REB")}
    took = annotate("The RSF took control of the town of Nyala.", actors=rsf)
    assert kinds(took) == ["ASSAULT"]
    assert [e.event for e in annotate("Ukrainian forces withdrew from the town.",
                                      actors={"Ukrainian forces": UKR}).events] == ["RETREAT"]  # fmt: skip
    for text in ("Russia withdrew from the talks.", "Russia pulled out of the treaty."):
        assert kinds(annotate(text, actors={"Russia": RUS})) == ["SANCTION"]


def test_a_launch_aimed_at_a_town_is_an_attack() -> None:
    houthis = {"Houthis": Actor(code="YEM", name="Houthis", kind="group", sector="REB")}
    marib = place(71136, "Marib", "YEM", 15.46, 45.33)
    aimed = annotate("The Houthis fired a ballistic missile towards Marib city.", actors=houthis,
                     places={"Marib": marib}, weapons={"ballistic missile": MISSILE})  # fmt: skip
    assert kinds(aimed) == ["ASSAULT"]
    tested = annotate("North Korea fired a ballistic missile on Tuesday.",
                      actors={"North Korea": Actor(code="PRK", name="North Korea", kind="state")},
                      weapons={"ballistic missile": MISSILE}, times={"Tuesday": "2024-05-28"})  # fmt: skip
    assert kinds(tested) == ["MOBILIZE"]  # a day is no target


def test_an_attack_noun_and_the_verb_telling_what_it_did_are_one_happening() -> None:
    saudi = {"Saudi": Actor(code="SAU", name="Saudi", kind="state")}
    hit = annotate("An airstrike by the Saudi-led coalition hit a market, killing 7 civilians.",
                   actors=saudi)  # fmt: skip
    (strike,) = hit.events
    assert strike.text_info.trigger.text == "airstrike"
    assert [(c.kind, c.value) for c in strike.size] == [("dead", 7)]


def test_a_toll_told_without_a_doer_after_an_attack_is_its_toll() -> None:
    """ "JNIM militants ambushed a Malian army patrol; 11 soldiers were killed": one
    happening; the group and the state it fights are two sides though both are coded MLI."""
    sides = {
        "JNIM militants": Actor(code="MLI", name="JNIM", kind="group", sector="REB"),
        "Malian army patrol": Actor(code="MLI", name="Malian army", kind="group", sector="MIL"),
        "soldiers": Actor(code="MLI", name="soldiers", kind="group", sector="MIL"),
    }
    article = annotate(
        "On 18 March, JNIM militants ambushed a Malian army patrol; 11 soldiers were killed.",
        actors=sides,
        times={"18 March": "2024-03-18"},
    )
    ambush = only(article, "ASSAULT")
    assert [(c.kind, c.value) for c in ambush.size] == [("dead", 11)]
    assert ambush.date is not None and ambush.date.value == "2024-03-18"


def test_fatalities_counted_after_an_attack_are_its_toll() -> None:
    """Coders count deaths as "fatalities"; a count of deaths in the next sentence, with no
    act of its own, is the attack's toll, not a second killing on the publication day."""
    for text in (
        "On 9 June, gunmen attacked a convoy near the border, resulting in 4 fatalities.",
        "On 9 June, gunmen attacked a convoy near the border. 4 fatalities were reported.",
        "On 9 June, gunmen attacked a convoy near the border. 4 deaths were reported.",
    ):
        article = annotate(text, times={"9 June": "2024-06-09"})
        attack = only(article, "ASSAULT")
        assert [(c.kind, c.value) for c in attack.size] == [("dead", 4)], text
        assert attack.date is not None and attack.date.value == "2024-06-09", text


def test_a_counted_crowd_that_protests_or_rallies_does_it() -> None:
    """ "300 nurses protested" (the parser tags the verb a participle) is no headline passive:
    the nurses protest; people who rally with no object demonstrate."""
    for text in ("About 300 nurses protested outside the ministry.",
                 "Some 300 nurses rallied outside the ministry."):  # fmt: skip
        protest = only(annotate(text), "PROTEST")
        assert [a.name for a in protest.actor] == ["About 300 nurses" if "About" in text
                                                    else "Some 300 nurses"], text  # fmt: skip
        assert not protest.recipient, text
    assert not annotate("Shares rallied in late trading.").events  # a market's rise


def test_a_persons_name_inside_a_town_name_is_no_party() -> None:
    pak = place(1180281, "Dera Ismail Khan", "PAK", 31.8, 70.9)
    person = Actor(code="AFG", name="Ismail Khan", kind="person", sector="GOV")
    article = annotate(
        "Gunmen attacked a checkpoint in Dera Ismail Khan.",
        actors={"Ismail Khan": person},
        places={"Dera Ismail Khan": pak},
    )
    attack = only(article, "ASSAULT")
    assert not [a for a in (*attack.actor, *attack.recipient) if a.name == "Ismail Khan"]


@pytest.mark.parametrize(
    "text",
    [
        "Security forces forcibly disappeared a lawyer in the capital.",
        "A crowd beat a suspected thief to death at the market.",
        "A grenade was thrown into a crowded bar on Saturday.",
        "Gunmen lobbed a petrol bomb at a police station.",
    ],
)
def test_harm_told_by_an_idiom_is_an_assault(text: str) -> None:
    assert kinds(annotate(text)) == ["ASSAULT"]


def test_a_weak_guess_gives_way_to_the_type_the_lexicon_backs() -> None:
    """The model's best for "raided a house" is a weak COERCE, the lexicon's ASSAULT a close
    second: the backed type stands rather than no event at all."""
    raid = annotate("On 3 March, police raided a house.")
    assert kinds(raid) == ["ASSAULT"]
    strict = events.extract(replace(raid, events=()), floors=Floors(rescue=1.0))
    assert not strict  # what the model alone decides


def test_what_an_act_left_people_as_is_its_toll_not_another_act() -> None:
    clashes = annotate("Clashes in the capital left at least 27 dead and 106 injured.")
    assert [(c.kind, c.value) for c in only(clashes, "ASSAULT").size] == [
        ("dead", 27),
        ("injured", 106),
    ]
    # the parser may join "20 injured" to the leaving as a clause of its own
    riot = "On 9 May, gangs clashed in Cite Soleil, leaving 9 dead."  # "dead" the parser's object
    assert [(e.event, [c.value for c in e.size]) for e in real(riot).events] == [("ASSAULT", [9])]
    text = "On 8 May, clashes between party supporters in Sylhet left 1 dead and 20 injured."
    assert [(c.kind, c.value) for c in only(real(text), "ASSAULT").size] == [
        ("dead", 1),
        ("injured", 20),
    ]


def test_shot_dead_counts_its_victims() -> None:
    assert [(c.kind, c.value) for c in only(
        annotate("Gunmen shot dead a journalist in the city."), "ASSAULT").size] == [("dead", 1)]  # fmt: skip
    assert [(c.kind, c.value) for c in only(
        annotate("Two men were shot dead in the city."), "ASSAULT").size] == [("dead", 2)]  # fmt: skip


def test_a_sit_in_is_a_protest() -> None:
    rabat = place(2538475, "Rabat", "MAR", 34.0, -6.8)
    held = annotate("Teachers staged a sit-in in Rabat.", places={"Rabat": rabat})
    assert [(e.event, e.text_info.trigger.text) for e in held.events] == [("PROTEST", "sit-in")]


def test_the_forces_of_a_junta_named_as_owner_are_the_states() -> None:
    sagaing = place(1298480, "Sagaing", "MMR", 22.0, 95.5, "admin1")
    article = annotate("The junta's aircraft bombed a school in Sagaing, killing 13 people.",
                       places={"Sagaing": sagaing})  # fmt: skip
    assert [(a.code, a.sector) for a in only(article, "ASSAULT").actor] == [("MMR", "MIL")]


def test_machines_of_forces_named_by_function_are_those_forces_acting() -> None:
    idlib = place(169389, "Idlib", "SYR", 35.9, 36.6, "admin1")
    article = annotate("Regime warplanes bombed a hospital in Idlib.", places={"Idlib": idlib})
    assert [(a.code, a.sector) for a in only(article, "ASSAULT").actor] == [("SYR", "GOV")]
    kidal = place(2455290, "Kidal", "MLI", 18.44, 1.41)
    army = Actor(code=None, name="Army", kind="org")  # a capitalised "Army" the parser names
    named = annotate("The Army shelled a village near Kidal.", actors={"Army": army},
                     places={"Kidal": kidal})  # fmt: skip
    assert [(a.code, a.sector) for a in only(named, "ASSAULT").actor] == [("MLI", "MIL")]


@pytest.mark.parametrize(
    "text",
    [
        "The storm killed at least 12 people on the coast.",
        "Five people died in the floods on Sunday.",
        "Twenty people died of cholera in the camp.",
        "The ministry launched a campaign to fight hunger in the north.",
    ],
)
def test_disasters_and_policy_aims_are_no_attacks(text: str) -> None:
    assert "ASSAULT" not in kinds(annotate(text))


def test_blame_with_a_reason_is_criticism_and_a_duration_is_not_a_reason() -> None:
    blamed = annotate("The opposition leader attacked the government for its handling of it.")
    assert "ASSAULT" not in kinds(blamed)
    assert kinds(annotate("Rebels attacked an army post for three hours.")) == ["ASSAULT"]


def test_a_list_of_places_with_their_tolls_is_a_list_of_incidents() -> None:
    towns = {
        "Kaduna": place(2335727, "Kaduna", "NGA", 10.52, 7.44),
        "Gusau": place(2339354, "Gusau", "NGA", 12.17, 6.66),
        "Katsina": place(2334802, "Katsina", "NGA", 12.99, 7.6),
    }
    article = annotate(
        "On 9 June, gunmen killed two people in Kaduna, three in Gusau and four in Katsina.",
        places=towns,
        times={"9 June": "2024-06-09"},
    )
    told = sorted(
        (e.event_loc.span.text, [(c.kind, c.value) for c in e.size])
        for e in article.events
        if e.event_loc is not None
    )
    assert told == [
        ("Gusau", [("dead", 3)]),
        ("Kaduna", [("dead", 2)]),
        ("Katsina", [("dead", 4)]),
    ]
    assert all(e.date is not None and e.date.value == "2024-06-09" for e in article.events)
    assert len({e.id for e in article.events}) == 3
    one = annotate("Gunmen killed 12 militants and 3 soldiers in Kaduna.", places=towns)
    assert [(c.kind, c.value) for c in only(one, "ASSAULT").size] == [("dead", 15)]


def test_a_toll_participle_counts_the_act_it_follows_not_the_nearest() -> None:
    gezira = place(408664, "Gezira", "SDN", 14.5, 33.2, "admin1")
    army = Actor(code="SDN", name="army", kind="group", sector="MIL")
    rsf = Actor(code="SDN", name="RSF", kind="group", sector="REB")
    article = annotate(
        "Fighters stormed a village in Gezira province on Wednesday, killing at least 40 people "
        "and wounding dozens, as fighting between the army and the RSF entered its second year.",
        places={"Gezira": gezira},
        actors={"army": army, "RSF": rsf},
    )
    stormed = by_trigger(article, "stormed")
    assert [(c.kind, c.value) for c in stormed.size] == [("dead", 40)]
    assert not by_trigger(article, "fighting").size


def test_a_munition_striking_is_an_attack_and_prices_falling_is_not() -> None:
    kidal = place(2455290, "Kidal", "MLI", 18.44, 1.41)
    for text in ("A mortar shell fell on a house in Kidal.", "A bomb went off in Kidal."):
        assert kinds(annotate(text, places={"Kidal": kidal})) == ["ASSAULT"]
    assert annotate("Prices fell in Kidal.", places={"Kidal": kidal}).events == ()


def codes(actors: tuple[Actor, ...]) -> set[str | None]:
    return {a.code for a in actors}


def test_diplomacy_as_the_wires_tell_it() -> None:
    """Mediating is CONSULT (its subject found on the auxiliary the parser hung it on);
    recalling an ambassador SANCTION; blocking a statement REJECT; sending arms AID; a
    purpose ("to improve ties") and a prisoner "held" somewhere are no acts."""
    egypt = Actor(code="EGY", name="Egypt", kind="state")
    qatar = Actor(code="QAT", name="Qatar", kind="state")
    hamas = Actor(code="PSE", name="Hamas", kind="group", sector="REB")
    mediating = annotate("Egypt and Qatar are mediating between Israel and Hamas.",
                         actors={"Egypt": egypt, "Qatar": qatar, "Hamas": hamas})  # fmt: skip
    talks = only(mediating, "CONSULT")
    assert codes(talks.actor) == {"EGY", "QAT"} and codes(talks.recipient) == {"PSE"}
    srb = {"Serbia": Actor(code="SRB", name="Serbia", kind="state")}
    assert kinds(annotate("Serbia recalled its ambassador.", actors=srb)) == ["SANCTION"]
    hun = {"Hungary": Actor(code="HUN", name="Hungary", kind="state")}
    assert kinds(annotate("Hungary blocked the statement.", actors=hun)) == ["REJECT"]
    sent = annotate("Germany will send two more Patriot systems to Ukraine.",
                    actors={"Germany": DEU, "Ukraine": UKR})  # fmt: skip
    assert [(e.event, codes(e.recipient)) for e in sent.events] == [("AID", {"UKR"})]
    ties = annotate("Germany and Ukraine held talks to improve ties.",
                    actors={"Germany": DEU, "Ukraine": UKR})  # fmt: skip
    assert kinds(ties) == ["CONSULT"]
    freed = annotate("The Taliban freed two Americans for a prisoner held in the United States.",
                     actors={"Taliban": Actor(code="AFG", name="Taliban", kind="group")})  # fmt: skip
    assert [e.text_info.trigger.text for e in freed.events] == ["freed"]


def test_the_parties_of_doerless_fighting_between_two_sides_both_act() -> None:
    sides = {
        "army": Actor(code="SDN", name="army", kind="group", sector="MIL"),
        "RSF": Actor(code="SDN", name="RSF", kind="group", sector="REB"),
    }
    fighting = only(annotate("Fighting between the army and the RSF killed 40 civilians.",
                             actors=sides), "ASSAULT")  # fmt: skip
    assert {a.name for a in fighting.actor} == {"army", "RSF"}


def test_fighting_that_breaks_out_between_two_sides_is_fought_by_both() -> None:
    """The gerund "fighting" breaks out between its sides as the noun "clashes" does, and
    people named by what they do (herders, farmers, hunters) are sides "between" which a
    fight happens, wherever they are: each its own party, named without its place."""
    sides = {
        "army": Actor(code="SDN", name="army", kind="group", sector="MIL"),
        "RSF": Actor(code="SDN", name="RSF", kind="group", sector="REB"),
    }
    for verb in ("erupted", "flared up"):
        text = f"On Monday, fighting {verb} between the army and the RSF."
        fought = only(annotate(text, actors=sides), "ASSAULT")
        assert {a.name for a in fought.actor} == {"army", "RSF"}, text
    # sides that clash with no other side named fight each other, as those "between" whom
    # fighting erupts do; sides that clash "with" somebody are allies against them
    for text in ("The army and the RSF clashed in Omdurman.", "Fighting between the army and "
                 "the RSF raged in Omdurman."):  # fmt: skip
        fought = only(annotate(text, actors=sides), "ASSAULT")
        assert {a.name for a in fought.recipient} == {"army", "RSF"}, text
    splm = {"SPLM-N": Actor(code="SDN", name="SPLM-N", kind="group", sector="REB")}
    allies = annotate("The army and the RSF clashed with the SPLM-N.", actors={**sides, **splm})
    assert [a.name for a in only(allies, "ASSAULT").recipient] == ["SPLM-N"]
    bankass = place(2460954, "Bankass", "MLI", 14.08, -3.52)
    for text in (
        "Clashes between cattle herders and farmers in Bankass left nine people dead.",
        "Clashes between farmers and cattle herders left nine people dead in Bankass.",
        "Clashes between cattle herdsmen and farmers in Bankass left nine people dead.",
    ):
        clash = only(annotate(text, places={"Bankass": bankass}), "ASSAULT")
        assert {a.name for a in clash.actor} in ({"cattle herders", "farmers"},
                                                 {"cattle herdsmen", "farmers"}), text  # fmt: skip
    hunters = {"Dozo hunters": Actor(code=None, name="Dozo hunters", kind="group")}
    text = "Clashes between Fulani herders and Dozo hunters in Bankass left nine people dead."
    clash = only(annotate(text, actors=hunters, places={"Bankass": bankass}), "ASSAULT")
    assert {a.name for a in clash.actor} == {"Dozo hunters", "Fulani herders"}


def test_people_named_by_what_they_are_act_wherever_they_are() -> None:
    """ "Protesters in Belgrade demanded ...": the protesters ask, whatever town they are in;
    "residents protested" names its doers too."""
    belgrade = place(792680, "Belgrade", "SRB", 44.8, 20.5)
    asked = annotate("Protesters in Belgrade demanded the resignation of the minister.",
                     places={"Belgrade": belgrade})  # fmt: skip
    assert [(e.event, [a.name for a in e.actor]) for e in asked.events] == [
        ("REQUEST", ["Protesters"])
    ]
    protested = annotate("Residents protested the killing.")
    assert [a.name for a in only(protested, "PROTEST").actor] == ["Residents"]


def test_a_wars_course_and_whole_toll_are_no_happening() -> None:
    """ "since the war began", "as fighting entered its third month", "the conflict has
    killed tens of thousands": the war, not one happening; "did not comment" says nothing."""
    sdn = {"army": Actor(code="SDN", name="army", kind="group", sector="MIL")}
    for text in (
        "The army has fought since the war began in April.",
        "The conflict has killed tens of thousands of people.",
        "Clashes with the army entered their third month.",
        "The army did not comment.",
    ):
        events_ = annotate(text, actors=sdn).events
        assert all(e.text_info.trigger.text not in ("began", "killed", "entered", "comment")
                   for e in events_), (text, [e.text_info.trigger.text for e in events_])  # fmt: skip


def test_the_killings_condemned_later_are_the_killing_told_first() -> None:
    """A condemnation's day is not the killings' day, and "the killings" points back to the
    killing, not to the latest attack told; "repelled an attack" (indefinite) is another."""
    rsf = {"RSF": Actor(code="SDN", name="RSF", kind="group", sector="REB"),
           "United States": USA}  # fmt: skip
    nyala = place(368277, "Nyala", "SDN", 12.05, 24.88)
    article = annotate(
        "The RSF killed 40 people in Nyala on Tuesday. The RSF said it repelled an attack "
        "by militias. The United States on Wednesday condemned the killings in Nyala.",
        actors=rsf,
        places={"Nyala": nyala},
        times={"Tuesday": "2024-06-11", "Wednesday": "2024-06-12"},
    )
    killing = by_trigger(article, "killed")
    assert "killings" in [m.trigger.text for m in killing.mentions]
    assert "attack" not in [m.trigger.text for m in killing.mentions]


def test_forces_a_pronoun_owns_are_its_antecedents() -> None:
    ministry = Actor(code="RUS", name="Russia's Defense Ministry", kind="org", sector="MIL")
    article = annotate("Russia's Defense Ministry said its forces had struck a hangar.",
                       actors={"Russia's Defense Ministry": ministry})  # fmt: skip
    assert [a.code for a in only(article, "ASSAULT").actor] == ["RUS"]


def test_a_relative_clause_without_that_has_the_name_before_it_for_subject() -> None:
    """ "the 18 drones Russia launched": the parser reads "Russia" as in apposition."""
    article = annotate("Ukraine's air force shot down 12 of the 18 drones Russia launched.",
                       actors={"Ukraine's air force": UKR, "Russia": RUS})  # fmt: skip
    doers = {e.text_info.trigger.text: codes(e.actor) for e in article.events}
    assert doers == {"shot": {"UKR"}, "launched": {"RUS"}}


def test_calling_something_a_crime_accuses_and_a_deals_terms_are_no_act() -> None:
    china = {"Beijing": Actor(code="CHN", name="Beijing", kind="state")}
    called = annotate("Beijing called the sanctions illegal.", actors=china)
    assert kinds(called) == ["ACCUSE"]
    deal = annotate("Russia withdrew from a deal that allowed Ukraine to ship grain.",
                    actors={"Russia": RUS, "Ukraine": UKR})  # fmt: skip
    assert [e.text_info.trigger.text for e in deal.events] == ["withdrew"]


def test_headlines_shot_dead_and_fighting_that_kills() -> None:
    shot = annotate("Two Soldiers Shot Dead in Ambush in Tillaberi")
    assert [(c.kind, c.value) for c in by_trigger(shot, "Shot").size] == [("dead", 2)]
    sides = {"Army": Actor(code="SDN", name="Army", kind="group", sector="MIL"),
             "RSF": Actor(code="SDN", name="RSF", kind="group", sector="REB")}  # fmt: skip
    fighting = annotate("Fighting Between Army and RSF Kills 40", actors=sides)
    assert [(e.event, [(c.kind, c.value) for c in e.size]) for e in fighting.events] == [
        ("ASSAULT", [("dead", 40)])
    ]


def test_the_doer_named_before_an_event_noun() -> None:
    """ "a rebel attack", "an army drone strike" (the state's army, where it struck); not
    the adjective of "a military drill by the United States"."""
    nyala = place(368277, "Nyala", "SDN", 12.05, 24.88)
    strike = annotate("An army drone strike on a market in Nyala killed five people.",
                      places={"Nyala": nyala})  # fmt: skip
    assert [(a.code, a.sector) for a in only(strike, "ASSAULT").actor] == [("SDN", "MIL")]
    drill = annotate("Seoul held a military drill by the United States and South Korea.",
                     actors={"United States": USA,
                             "South Korea": Actor(code="KOR", name="South Korea", kind="state")})  # fmt: skip
    assert all("military" not in [a.name for a in e.actor] for e in drill.events)


def test_a_town_with_its_kind_word_is_a_place_not_a_party() -> None:
    kherson = place(706448, "Kherson", "UKR", 46.6, 32.6)
    article = annotate("Russian forces shelled Kherson city.",
                       actors={"Russian forces": RUS}, places={"Kherson": kherson})  # fmt: skip
    assert [a.name for a in only(article, "ASSAULT").recipient] != ["Kherson city"]


def test_a_date_opening_the_sentence_dates_its_every_clause() -> None:
    kisumu = place(191245, "Kisumu", "KEN", -0.1, 34.75)
    article = annotate(
        "On 3 July, supporters protested in Kisumu; police fired tear gas and two protesters "
        "were shot dead.",
        places={"Kisumu": kisumu},
        times={"3 July": "2024-07-03"},
    )
    assert {e.date.value for e in article.events if e.date} == {"2024-07-03"}


def test_who_claims_an_attack_did_it_and_what_it_killed_is_its_toll() -> None:
    """ "JNIM claimed responsibility for an attack on an army post in Djibo that killed 15
    soldiers": JNIM's attack; a post kills nobody, the attack did."""
    jnim = {"JNIM": Actor(code="MLI", name="JNIM", kind="group", sector="REB")}
    djibo = place(2361082, "Djibo", "BFA", 14.1, -1.6)
    article = annotate(
        "JNIM claimed responsibility for an attack on an army post in Djibo that killed 15 "
        "soldiers.",
        actors=jnim,
        places={"Djibo": djibo},
    )
    attack = only(article, "ASSAULT")
    assert [a.name for a in attack.actor] == ["JNIM"]
    assert [(c.kind, c.value) for c in attack.size] == [("dead", 15)]


def test_forcing_people_to_flee_is_the_attacks_result() -> None:
    article = annotate("The military shelled the town, forcing thousands to flee.",
                       actors={"military": Actor(code="MMR", name="military", kind="group")})  # fmt: skip
    assert [e.text_info.trigger.text for e in article.events] == ["shelled"]


def test_who_claims_the_attack_did_it() -> None:
    isis = {"Islamic State": Actor(code="IMGSEPISL", name="Islamic State", kind="group",
                                   sector="REB")}  # fmt: skip
    bajaur = place(1183460, "Bajaur", "PAK", 34.7, 71.5, "admin2")
    article = annotate("A bomb blast in Bajaur killed 54 people; Islamic State claimed the attack.",
                       actors=isis, places={"Bajaur": bajaur})  # fmt: skip
    blast = by_trigger(article, "blast")
    assert [a.code for a in blast.actor] == ["IMGSEPISL"]


def test_calling_protests_treasonous_accuses() -> None:
    ruto = {"Ruto": Actor(code="KEN", name="Ruto", kind="person", sector="GOV")}
    called = annotate('Ruto called the protests "treasonous".', actors=ruto)
    assert kinds(called) == ["ACCUSE"]


def test_shot_and_killed_a_man_is_no_headline_passive() -> None:
    rio = place(3451190, "Rio de Janeiro", "BRA", -22.9, -43.2)
    police = {"military police": Actor(code="BRA", name="military police", kind="group",
                                       sector="COP")}  # fmt: skip
    article = annotate("Military police shot and killed a suspected trafficker in Rio de Janeiro.",
                       actors=police, places={"Rio de Janeiro": rio})  # fmt: skip
    assert [a.code for a in only(article, "ASSAULT").actor] == ["BRA"]


def test_members_of_a_group_named_by_a_place_are_that_countrys() -> None:
    jalisco = place(4004156, "Jalisco", "MEX", 20.5, -103.6, "admin1")
    article = annotate("Members of the Jalisco cartel clashed with soldiers.",
                       places={"Jalisco": jalisco})  # fmt: skip
    clash = only(article, "ASSAULT")
    assert [(a.code, a.name) for a in clash.actor] == [("MEX", "Jalisco cartel")]


def test_a_mob_lynching_and_a_house_burned_are_violence() -> None:
    lynching = annotate("A mob lynched a suspected thief in the market on Tuesday.")
    assert kinds(lynching) == ["ASSAULT"]
    burning = annotate("An angry crowd burned the house of a local chief.")
    assert kinds(burning) == ["ASSAULT"]
    assert not annotate("The farmers burned dry grass before the rains.").events


def test_who_blocks_a_road_says_protest_or_blockade() -> None:
    protest = annotate("Residents blocked a road to demand the release of a teacher.")
    assert by_trigger(protest, "blocked").event == "PROTEST"
    troops = annotate("Troops blocked the road to the border town.")
    assert by_trigger(troops, "blocked").event == "COERCE"


def test_who_died_suffered_and_did_nothing() -> None:
    lna = {"LNA": Actor(code="LBY", name="LNA", kind="group", sector="REB")}
    article = annotate("LNA forces clashed with a militia near the oasis; two LNA soldiers died.",
                       actors=lna)  # fmt: skip
    clash = only(article, "ASSAULT")  # the deaths are the clash's toll: one record
    assert [(c.kind, c.value) for c in clash.size] == [("dead", 2)]


def test_a_death_before_the_act_is_no_toll_of_it() -> None:
    article = annotate("Rioters set fire to a police station after a detainee died in custody.")
    fire = by_trigger(article, "set")
    assert not [c for c in fire.size if c.kind == "dead"]
    killed = annotate("Two people were killed after a bomber crashed a truck into the gate.")
    assert [(c.kind, c.value) for e in killed.events for c in e.size] == [("dead", 2)]
    assert len(killed.events) == 1


def test_strikes_that_killed_people_did_the_killing() -> None:
    israel = {"Israeli": Actor(code="ISR", name="Israeli", kind="state")}
    article = annotate("Israeli air strikes killed at least 18 people on Saturday.",
                       actors=israel)  # fmt: skip
    strike = only(article, "ASSAULT")
    assert [a.code for a in strike.actor] == ["ISR"]
    assert [(c.kind, c.value) for c in strike.size] == [("dead", 18)]


def test_the_place_of_a_when_clause_is_the_place_of_the_harm() -> None:
    darfur = place(408660, "North Darfur State", "SDN", 15.8, 25.0, "admin1")
    # the link stage codes the name too; in a locative phrase it is still a place
    sudan = {"North Darfur": Actor(code="SDN", name="North Darfur", kind="state")}
    article = annotate(
        "At least 30 people were killed when an air strike hit a market in Sudan's North Darfur "
        "state, activists said.",
        actors=sudan,
        places={"North Darfur": darfur},
    )
    located = [e.event_loc.place for e in article.events if e.event_loc is not None]
    assert located and located[0] is not None and located[0].name == "North Darfur State"


def test_fatally_harmed_victims_are_dead() -> None:
    article = annotate("Two men were fatally shot by gunmen; a soldier was mortally wounded.")
    assert sorted((c.kind, c.value) for e in article.events for c in e.size) == [
        ("dead", 1),
        ("dead", 2),
    ]


def test_the_day_a_report_was_made_is_not_the_day_of_the_deed() -> None:
    article = annotate("Jihadists killed 25 soldiers in an attack, security sources said on Sunday.",
                       times={"Sunday": "2024-05-26"})  # fmt: skip
    assert only(article, "ASSAULT").date.precision == "publication"  # the deed's day is untold


def test_a_noun_phrase_the_parser_split_is_one_doer() -> None:
    """In some contexts the parser reads "The paramilitary Rapid Support Forces shelled" with two
    subjects, "paramilitary" and "Forces": the doer is the one next to the verb."""
    from spacy.tokens import Doc

    nlp = parse.load(Settings().model)
    words = ["The", "paramilitary", "Rapid", "Support", "Forces", "shelled", "a", "market"]
    heads = [1, 5, 4, 4, 5, 5, 7, 5]
    deps = ["det", "nsubj", "compound", "compound", "nsubj", "ROOT", "det", "dobj"]
    pos = ["DET", "NOUN", "PROPN", "PROPN", "PROPN", "VERB", "DET", "NOUN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert event_args.subject_of(doc[5]).text == "Forces"


def test_ground_taken_in_fighting_is_an_assault_and_an_arrest_is_not() -> None:
    taken = annotate("Rebels captured the town of Kitshanga after heavy fighting.")
    assert by_trigger(taken, "captured").event == "ASSAULT"
    arrest = annotate("Police captured a suspected kidnapper in the capital.")
    assert by_trigger(arrest, "captured").event == "COERCE"


def test_a_munition_going_off_is_an_attack_though_nobody_is_named() -> None:
    article = annotate("An IED detonated near a military convoy; no casualties were reported.")
    assert kinds(article) == ["ASSAULT"]


def test_a_meetings_agenda_is_no_second_meeting() -> None:
    article = annotate("Fidan met Lavrov in Ankara on Monday to discuss shipping.",
                       actors={"Fidan": Actor(code="TUR", name="Fidan", kind="person"),
                               "Lavrov": Actor(code="RUS", name="Lavrov", kind="person")})  # fmt: skip
    assert [e.text_info.trigger.text for e in article.events] == ["met"]


def test_where_an_attack_hit_is_its_blow_and_its_place() -> None:
    kharkiv = place(706483, "Kharkiv", "UKR", 50.0, 36.25)
    ukraine = place(690791, "Ukraine", "UKR", 49.0, 32.0, "country")
    article = annotate(
        "Russia launched 40 drones at Ukraine overnight, hitting energy facilities in Kharkiv.",
        actors={"Russia": Actor(code="RUS", name="Russia", kind="state")},
        places={"Ukraine": ukraine, "Kharkiv": kharkiv},
    )
    attack = only(article, "ASSAULT")
    assert [m.trigger.text for m in attack.mentions] == ["launched", "hitting"]
    assert attack.event_loc is not None and attack.event_loc.place == kharkiv


def test_who_leads_a_group_is_no_act_and_sending_police_is_a_deployment() -> None:
    led = annotate("The Gran Grif gang, led by Luckson Elan, claimed the attack.")
    assert "led" not in [e.text_info.trigger.text for e in led.events]
    haiti = {"government": Actor(code="HTI", name="government", kind="state")}
    sent = annotate("The government sent police reinforcements to the area.", actors=haiti)
    assert kinds(sent) == ["MOBILIZE"]


def test_the_munition_named_again_is_the_same_attack() -> None:
    bomb = Weapon(name="guided bomb", category="aerial bomb", named_system=False)
    article = annotate(
        "Russian drones and a guided bomb struck an apartment block, killing four people. "
        "Rescuers searched the rubble through the night. "
        "The bomb hit a five-story building in Kharkiv, officials said.",
        actors={"Russian": RUS},
        places={"Kharkiv": place(706483, "Kharkiv", "UKR", 50.0, 36.25)},
        weapons={"guided bomb": bomb, "bomb": bomb},
    )
    assert len([e for e in article.events if e.event == "ASSAULT"]) == 1


def test_the_bodies_of_six_men_are_six_dead() -> None:
    article = annotate("The bodies of six men were discovered in a ravine near the town.")
    assert [(c.kind, c.value) for e in article.events for c in e.size] == [("dead", 6)]


def test_a_person_found_dead_is_a_killing_whoever_found_them() -> None:
    dead = only(annotate("A man is found dead in a neighborhood of the port."), "ASSAULT")
    assert (dead.text_info.trigger.text, _dead(dead)) == ("found", [1])
    shot = only(annotate("Three men were found shot dead near the border on Sunday."), "ASSAULT")
    assert _dead(shot) == [3]  # the victims are the finding's, the toll the shooting's
    body = annotate("The body of a missing reporter found in a canal near the city.")
    assert kinds(body) == ["ASSAULT"]  # the remains are what was found
    police = {"Police": Actor(code="MEX", name="Police", kind="state", sector="COP")}
    finder = only(
        annotate("Police found the body of a woman in a ditch.", actors=police), "ASSAULT"
    )
    assert finder.actor == ()  # who found her did not kill her
    assert annotate("The missing hiker was found alive in the mountains.").events == ()
    assert annotate("Police found a cache of weapons in a house.", actors=police).events == ()


def test_a_death_is_no_protest_and_a_deadly_act_needs_no_toll() -> None:
    died = annotate("As nine more protesters die, the junta promises elections.")
    assert [(e.event, _dead(e)) for e in died.events if e.size] == [("ASSAULT", [9])]
    fatal = annotate("The fatal shooting of a migrant was a mistake, police say.")
    assert kinds(fatal) == ["ASSAULT"]
    assert annotate("The shooting of a migrant was a mistake, police say.").events == ()


def test_a_headline_headed_by_its_place_is_placed_there() -> None:
    town = place(4018390, "Zitacuaro", "MEX", 19.43, -100.36)
    state = place(3995955, "Michoacan", "MEX", 19.17, -101.9, "admin1")
    places = {"Zitacuaro": town, "Michoacan": state}
    headed = annotate("Zitacuaro, Michoacan: gunmen kill two shopkeepers", places=places)
    killed = only(headed, "ASSAULT")
    assert killed.event_loc is not None and killed.event_loc.place == town


def test_who_signs_a_headline_after_a_dash_is_no_object() -> None:
    dpr = {"DPR": Actor(code="UKR", name="DPR", kind="group")}
    signed = annotate("Civilian killed in shelling by Ukrainian troops - DPR", actors=dpr)
    killed = [e for e in signed.events if e.event == "ASSAULT"]
    assert killed and all("DPR" not in [a.name for a in (*e.actor, *e.recipient)] for e in killed)
    assert [_dead(e) for e in killed] == [[1]]


def test_setting_up_a_checkpoint_or_a_camp_is_a_deployment() -> None:
    gunmen = annotate("Gunmen set up a checkpoint on the road to the border crossing.")
    assert kinds(gunmen) == ["MOBILIZE"]


def test_giving_figures_is_no_aid() -> None:
    army = {"Sudan's army": Actor(code="SDN", name="Sudan's army", kind="state", sector="MIL")}
    gave = annotate("Sudan's army said its aircraft struck positions east of the city. "
                    "It gave no casualty figures.", actors=army)  # fmt: skip
    assert kinds(gave) == ["ASSAULT"]


def test_what_a_doer_denies_doing_is_the_attack_told_before() -> None:
    rsf = {"Rapid Support Forces": Actor(code="SDN", name="Rapid Support Forces", kind="group"),
           "RSF": Actor(code="SDN", name="RSF", kind="group")}  # fmt: skip
    fasher = {"El Fasher": place(228227, "El Fasher", "SDN", 13.63, 25.35)}
    article = annotate(
        "Shelling by the Rapid Support Forces killed 20 civilians in El Fasher on Tuesday. "
        "The RSF denied targeting civilians.",
        actors=rsf,
        places=fasher,
    )
    attacks = [e for e in article.events if e.event == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].polarity == "denied"
    assert "targeting" in [m.trigger.text for m in attacks[0].mentions]


def test_an_event_noun_naming_people_or_things_is_no_happening() -> None:
    police = {"Police": Actor(code="MMR", name="Police", kind="state", sector="COP")}
    leaders = annotate("Police Arrest Protest Leaders In Yangon", actors=police)
    assert kinds(leaders) == ["COERCE"]
    rus = {"Russian": Actor(code="RUS", name="Russian", kind="state")}
    forces = annotate("Russian-occupation forces violated the ceasefire 12 times.", actors=rus)
    assert "COERCE" not in kinds(forces)
    command = annotate("Four killed in shelling over past week - operations command")
    assert [e.text_info.trigger.text for e in command.events] == ["killed"]
    convoy = annotate("Gunmen attacked an aid convoy near the border.")
    assert kinds(convoy) == ["ASSAULT"]


def test_a_police_station_taken_is_ground_and_torching_homes_an_attack() -> None:
    taken = annotate("Rebels captured a police station near the town on Sunday.")
    assert kinds(taken) == ["ASSAULT"]
    torched = annotate("Soldiers torched dozens of homes in the village.")
    assert kinds(torched) == ["ASSAULT"]


def test_what_befell_two_towns_far_apart_is_two_happenings() -> None:
    police = {"Police": Actor(code="KEN", name="Police", kind="state", sector="COP")}
    towns = {"Nairobi": place(184745, "Nairobi", "KEN", -1.28, 36.82),
             "Kisumu": place(191245, "Kisumu", "KEN", -0.10, 34.76)}  # fmt: skip
    article = annotate(
        "Police fired tear gas at protesters in Nairobi on Tuesday. "
        "Two people were shot dead in Kisumu on Tuesday.",
        actors=police,
        places=towns,
    )
    attacks = [e for e in article.events if e.event == "ASSAULT"]
    assert sorted(e.event_loc.place.name for e in attacks if e.event_loc and e.event_loc.place) == [
        "Kisumu",
        "Nairobi",
    ]


def test_every_infinitive_of_an_urging_is_requested() -> None:
    urged = annotate("The group urged the authorities to release the detainees and to "
                     "investigate the killings.")  # fmt: skip
    contents = [e for e in urged.events if e.text_info.trigger.text in ("release", "investigate")]
    assert contents and all(e.modality == "requested" for e in contents)


def test_what_an_act_noun_is_aimed_at_does_not_do_what_the_act_does() -> None:
    kabul = {"Kabul": Actor(code="AFG", name="Kabul", kind="state")}
    article = annotate("A rocket attack on Kabul airport killed two civilians.", actors=kabul)
    attacks = [e for e in article.events if e.event == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].actor == () and _dead(attacks[0]) == [2]


def test_a_headline_in_capitals_is_read_as_running_text() -> None:
    article = annotate("INSURGENTS KILL FOUR, WOUND SCORES IN BORDER TOWN.")
    killed = only(article, "ASSAULT")
    assert (killed.text_info.trigger.text, _dead(killed)) == ("KILL", [4])
    assert article.text.startswith("INSURGENTS KILL")  # the text stays as written


def test_trading_accusations_is_a_quarrel_and_standing_with_is_support() -> None:
    both = {"China": Actor(code="CHN", name="China", kind="state"),
            "the Philippines": Actor(code="PHL", name="the Philippines", kind="state")}  # fmt: skip
    traded = annotate("China and the Philippines traded accusations on Tuesday.", actors=both)
    assert kinds(traded) == ["ACCUSE"]
    usa = {"The United States": Actor(code="USA", name="The United States", kind="state"),
           "Manila": Actor(code="PHL", name="Manila", kind="state")}  # fmt: skip
    stood = annotate("The United States said it stood with Manila.", actors=usa)
    assert [(e.event, [a.code for a in e.recipient]) for e in stood.events] == [
        ("SUPPORT", ["PHL"])
    ]


def test_a_speech_act_joined_to_a_report_is_the_reporters() -> None:
    actors = {"China's foreign ministry": Actor(code="CHN", name="China's foreign ministry",
                                                kind="org"),
              "Philippine vessel": Actor(code="PHL", name="Philippine vessel", kind="group"),
              "Manila": Actor(code="PHL", name="Manila", kind="state")}  # fmt: skip
    article = annotate(
        'China\'s foreign ministry said the Philippine vessel had "intruded" into Chinese '
        "waters and urged Manila to stop provocations.",
        actors=actors,
    )
    urged = by_trigger(article, "urged")
    assert ([a.code for a in urged.actor], [a.code for a in urged.recipient]) == (["CHN"], ["PHL"])


def test_it_opening_a_sentence_is_the_last_sentences_subject() -> None:
    actors = {"Manila": Actor(code="PHL", name="Manila", kind="state"),
              "Beijing": Actor(code="CHN", name="Beijing", kind="state")}  # fmt: skip
    article = annotate("Manila lodged a diplomatic protest. It accused Beijing of illegal actions.",
                       actors=actors)  # fmt: skip
    accused = by_trigger(article, "accused")
    assert [a.code for a in accused.actor] == ["PHL"]


def test_a_base_set_up_a_bomb_defused_and_captives_named_by_their_state() -> None:
    shabaab = {"al-Shabaab": Actor(code="SOM", name="al-Shabaab", kind="group", sector="REB")}
    base = annotate("Al-Shabaab established a new base in the village.", actors=shabaab)
    assert kinds(base) == ["MOBILIZE"]
    army = {"army": Actor(code="MLI", name="army", kind="group", sector="MIL")}
    defused = annotate("The army defused an IED planted on a road near the town.", actors=army)
    assert kinds(defused) == ["COERCE"]
    marched = annotate("Women marched in the capital to call for the release of detained soldiers.")
    assert "detained" not in [e.text_info.trigger.text for e in marched.events]


def test_an_attack_told_in_steps_is_one_and_the_other_sides_act_is_another() -> None:
    shabaab = Actor(code="SOM", name="al Shabaab", kind="group", sector="REB")
    forces = Actor(code="SOM", name="Security forces", kind="group", sector="MIL")
    article = annotate(
        "Al Shabaab militants stormed a hotel on Friday, killing 32 people. A bomber blew "
        "himself up at the gate before gunmen opened fire on diners. Security forces ended "
        "the siege, killing the attackers. The group has carried out frequent attacks since 2007.",
        actors={"Al Shabaab": shabaab, "Security forces": forces},
        times={"Friday": "2024-05-31", "since 2007": "2007/2024"},
    )
    stormed = by_trigger(article, "stormed")
    told = [m.trigger.text for m in stormed.mentions]
    assert "opened" in told  # "before" does not split the attack
    assert "attacks" not in told  # a series since 2007 is not this attack
    ended = [e for e in article.events if "killing the attackers" in e.text_info.sentence.text]
    assert ended and all(e.id != stormed.id for e in ended)  # the forces' act is another


def test_a_backer_is_no_doer_and_an_occupied_region_no_occupation() -> None:
    actors = {"Iran": Actor(code="IRN", name="Iran", kind="state"),
              "Houthi rebels": Actor(code="YEM", name="Houthi rebels", kind="group",
                                     sector="REB")}  # fmt: skip
    article = annotate("Iran-backed Houthi rebels attacked a tanker in the Red Sea.", actors=actors)
    assert [a.code for a in only(article, "ASSAULT").actor] == ["YEM"]
    held = annotate("Ukraine destroyed an ammunition depot in the occupied Luhansk region.",
                    actors={"Ukraine": Actor(code="UKR", name="Ukraine", kind="state")})  # fmt: skip
    assert [e.text_info.trigger.text for e in held.events] == ["destroyed"]


def test_words_for_people_by_their_ending_and_pronouns_are_victims() -> None:
    execution = only(annotate("They execute a motorcyclist in a village."), "ASSAULT")
    assert (execution.text_info.trigger.text, _dead(execution)) == ("execute", [1])
    tribesman = only(annotate("Gunmen executed a tribesman near the market."), "ASSAULT")
    assert _dead(tribesman) == [1]
    assert annotate("The company executed a plan to expand the market.").events == ()
    assert annotate("The company executed a checklist before the launch.").events == ()


def test_a_toll_verb_joined_to_another_shares_its_victims() -> None:
    shot = only(annotate("Two men were shot and killed in the city."), "ASSAULT")
    assert _dead(shot) == [2]
    died = only(annotate("A man was shot and died in the city."), "ASSAULT")
    assert _dead(died) == [1]
    stormed = only(annotate("Gunmen stormed the village and killed five people."), "ASSAULT")
    assert _dead(stormed) == [5]  # its own object, not the first verb's


def test_a_death_toll_told_with_no_act_is_a_killing_by_nobody_named() -> None:
    nine = only(annotate("Nine dead after violence in the west of the country."), "ASSAULT")
    assert (nine.text_info.trigger.text, nine.actor, _dead(nine)) == ("dead", (), [9])
    deaths = only(annotate("Seven crime-related deaths were reported in the north."), "ASSAULT")
    assert (deaths.text_info.trigger.text, _dead(deaths)) == ("deaths", [7])
    tally = only(annotate("The day registers 3 deaths and another two injured."), "ASSAULT")
    assert _dead(tally) == [3]  # the wounded are no deaths
    assert annotate("The death toll is not known.").events == ()


def test_a_number_or_dozens_is_people_when_harm_befalls_them() -> None:
    four = only(annotate("Violent Wednesday: 4 executed in the town."), "ASSAULT")
    assert _dead(four) == [4]
    assert kinds(annotate("Dozens killed in renewed fighting.")) == ["ASSAULT"]
    assert annotate("Two contracts executed in the town.").events == ()


def test_remains_left_or_a_dead_person_found_tell_a_killing() -> None:
    left = only(annotate("The cartel leaves a corpse near the highway."), "ASSAULT")
    assert _dead(left) == [1] and left.actor != ()  # who leaves remains is no finder
    found = only(annotate("They find a lifeless woman in the Libertad neighborhood."), "ASSAULT")
    assert _dead(found) == [1]
    assert annotate("Relatives mourned the dead man.").events == ()


def test_a_toll_word_after_a_list_counts_every_conjunct_and_an_untold_number_none() -> None:
    clash = only(
        annotate("Clashes between the army and the rebels left 12 militants and 3 soldiers dead."),
        "ASSAULT",
    )
    assert _dead(clash) == [15]
    untold = only(annotate("Soldiers killed an unspecified number of militants."), "ASSAULT")
    assert _dead(untold) == []


def test_a_place_hung_on_the_weapon_of_the_act_places_the_act() -> None:
    """ "killed 15 civilians with machetes in Beni territory": the parser hangs the place on
    the machetes."""
    text = (
        "On 6 May 2023, suspected ADF rebels killed 15 civilians with machetes in Beni territory."
    )
    article = Article(id="tbeni", text=text, origin="test", published=dt.date(2023, 5, 9))
    (done,) = pipeline.run(_real_stages(), [article])
    assert isinstance(done, Article)
    attack = only(done, "ASSAULT")
    assert attack.event_loc is not None and attack.event_loc.span.text == "Beni"


def test_seizing_a_ship_is_a_seizure_not_a_transfer() -> None:
    seized = annotate("The Houthis seized a commercial vessel in the Red Sea.")
    assert kinds(seized) == ["COERCE"]


def test_a_headquarters_taken_is_no_captive_and_armed_with_describes_the_doers() -> None:
    taken = only(annotate("Militants captured the police HQ in the town."), "ASSAULT")
    assert [c.kind for c in taken.size] == []
    armed = annotate("Gangs armed with rifles attacked the village, killing four people.")
    assert kinds(armed) == ["ASSAULT"]


def test_captives_released_are_a_happening_whoever_freed_them() -> None:
    freed = annotate("Officials said 21 schoolgirls have been released.")
    assert kinds(freed) == ["RETREAT"]
    noun = annotate("The mediators welcomed the release of 21 of the girls.")
    assert "RETREAT" in kinds(noun)
    assert annotate("The release of the report was delayed.").events == ()


def test_restricting_trade_is_a_sanction_and_an_ing_clause_tells_the_same_act() -> None:
    un = {"Security Council": Actor(code="UN", name="Security Council", kind="igo")}
    passed = annotate(
        "The Security Council passed sanctions on North Korea, banning most oil imports.",
        actors=un,
    )
    (sanction,) = passed.events
    assert sanction.event == "SANCTION" and len(sanction.mentions) == 2
    curfew = annotate("The government imposed a curfew on the city.")
    assert kinds(curfew) == ["COERCE"]
    launched = annotate(
        "Russia launched missiles at Kyiv to hit power stations.", actors={"Russia": RUS}
    )
    assert [len(e.mentions) for e in launched.events] == [2]


def test_carried_to_hospital_or_court_is_no_act_of_its_own() -> None:
    tamimi = {"Tamimi": Actor(code="PSE", name="Tamimi", kind="person")}
    assert annotate("The wounded were rushed to hospital.").events == ()
    assert annotate("Tamimi is brought to a courtroom inside the prison.", tamimi).events == ()
    taken = annotate("Gunmen took 20 girls from their school.")
    assert kinds(taken) == ["ASSAULT"]


def test_victims_named_again_with_the_are_the_same_happening() -> None:
    text = (
        "A teenage girl was indicted for assaulting a pair of Israeli soldiers. "
        "The court will rule next month. Her lawyer spoke to reporters. "
        "She was filmed in December slapping the soldiers."
    )
    soldiers = {"Israeli soldiers": Actor(code="ISR", name="Israeli soldiers", kind="group")}
    assaults = [e for e in annotate(text, actors=soldiers).events if e.event == "ASSAULT"]
    assert [len(e.mentions) for e in assaults] == [2]


def test_a_date_in_what_an_act_answers_is_the_answered_acts() -> None:
    text = (
        "Last week the Council passed sanctions, banning oil imports in response to a test Nov. 29."
    )
    un = {"Council": Actor(code="UN", name="Council", kind="igo")}
    times = {"Last week": "2024-05-19/2024-05-25", "Nov. 29": "2023-11-29"}
    (sanction,) = annotate(text, actors=un, times=times).events
    assert sanction.date is not None and sanction.date.value == "2024-05-19/2024-05-25"


def test_acting_as_an_intermediary_is_mediation_and_captives_handed_over_a_release() -> None:
    icrc = {"The Red Cross": Actor(code="ICRC", name="Red Cross", kind="org")}
    text = "The Red Cross acted as a neutral intermediary and handed the girls to the police."
    article = annotate(text, actors=icrc)
    assert [(e.event, e.text_info.trigger.text) for e in article.events] == [
        ("CONSULT", "intermediary"),
        ("RETREAT", "handed"),
    ]
    assert all(e.actor and e.actor[0].code == "ICRC" for e in article.events)
    aid = annotate("Swiss doctors handed over medicine to the hospital.", actors=icrc)
    assert "RETREAT" not in kinds(aid)


def test_words_of_one_act_without_a_shared_stem_link_its_mentions() -> None:
    text = (
        "Gunmen abducted 20 students in Zamfara on Friday. The governor spoke to reporters. "
        "Police said gunmen kidnapped the pupils at dawn."
    )
    assaults = [e for e in annotate(text).events if e.event == "ASSAULT"]
    assert [len(e.mentions) for e in assaults] == [2]


def test_a_gerund_given_as_the_reason_keeps_no_date_of_the_act_above() -> None:
    text = "A court indicted the girl on Monday for attacking the soldiers."
    times = {"on Monday": "2024-05-27"}
    attack = only(annotate(text, times=times), "ASSAULT")
    assert attack.date is None or attack.date.value != "2024-05-27"


def test_who_undergoes_an_arrest_or_a_killing_is_its_target_not_its_doer() -> None:
    navalny = {"Navalny": Actor(code="RUS", name="Navalny", kind="person")}
    arrest = only(annotate("Police confirmed Navalny's arrest on Sunday.", navalny), "COERCE")
    assert arrest.text_info.trigger.text == "arrest"  # confirming is a report, no act
    assert [a.name for a in arrest.recipient] == ["Navalny"] and arrest.actor == ()
    remand = annotate("The court indicted her on Monday. It extended her remand for 8 days.")
    assert "COERCE" in kinds(remand)
    shot = annotate("The girl was upset after her cousin was shot in the head with a bullet.")
    assert kinds(shot) == ["ASSAULT"]


def test_a_weapon_tried_or_fired_is_a_show_of_force_and_other_tests_are_not() -> None:
    prk = {"North Korea": Actor(code="PRK", name="North Korea", kind="state")}
    nuclear = only(annotate("North Korea carried out a nuclear test on Sunday.", prk), "MOBILIZE")
    assert nuclear.actor[0].code == "PRK"
    launch = only(annotate("Russia condemned the missile launch by North Korea.", prk), "MOBILIZE")
    assert launch.text_info.trigger.text == "launch"
    assert annotate("The DNA test confirmed his identity.").events == ()
    assert annotate("The launch of the campaign was delayed.").events == ()


def test_rules_an_act_defies_are_no_target_of_it() -> None:
    parties = {"North Korea": Actor(code="PRK", name="North Korea", kind="state"),
               "UN": Actor(code="UN", name="UN", kind="igo")}  # fmt: skip
    text = "North Korea carried out missile launches against UN resolutions."
    launch = only(annotate(text, parties), "MOBILIZE")
    assert _codes(launch.recipient) == []  # the resolutions are defied, the UN not attacked
    egypt = {"Morsi": Actor(code="EGY", name="Morsi", kind="person")}
    protest = only(annotate("Thousands held protests against Morsi's rule.", egypt), "PROTEST")
    assert _codes(protest.recipient) == ["EGY"]  # "rule" is also who rules


def real(text: str, published: dt.date | None = None) -> Article:
    article = Article(id="r", text=text, origin="t", published=published)
    (done,) = pipeline.run(_real_stages(), [article])
    assert isinstance(done, Article), done
    return done


def test_who_says_they_did_it_did_it() -> None:
    shot = only(real("Kachin rebels said they shot down a Myanmar army helicopter."), "ASSAULT")
    assert [a.name for a in shot.actor] == ["Kachin rebels"]
    assert _codes(shot.recipient) == ["MMR"]
    heard = real("The ministry said they heard nothing.")  # a singular speaker: no "they"
    assert kinds(heard) == []


def test_a_passive_conjunct_befalls_the_subject_it_shares() -> None:
    text = "He was walking home and is shot to death in a small village."
    shot = only(real(text), "ASSAULT")
    assert shot.text_info.trigger.text == "shot" and shot.actor == ()


def test_what_a_witness_hears_or_sees_is_the_act_not_the_hearing() -> None:
    article = real("Residents heard explosions as soldiers shot two men in Kharkiv.")
    assert "heard" not in [e.text_info.trigger.text for e in article.events]
    assert "ASSAULT" in kinds(article)


def test_a_place_that_falls_to_somebody_was_taken_by_them() -> None:
    taken = only(real("Kabul fell to the Taliban on Sunday."), "ASSAULT")
    assert (_codes(taken.actor), _codes(taken.recipient)) == (["AFG"], ["AFG"])
    assert taken.actor[0].name == "Taliban"
    harmed = only(real("More villagers fall victim to marauding regime forces."), "ASSAULT")
    assert [a.name for a in harmed.actor] == ["regime forces"]
    assert kinds(real("Oil prices fell to a record low.")) == []
    assert kinds(real("The share of votes fell to 20 percent.")) == []


def test_the_deadliest_fighting_killed_somebody() -> None:
    fighting = only(
        real("Ukraine and the rebels reported the deadliest fighting in a month."), "ASSAULT"
    )
    assert fighting.text_info.trigger.text == "fighting"


def test_a_town_an_act_is_done_to_is_where_it_happened() -> None:
    hit = only(
        real("Rebel-held Donetsk hit by air strike as government forces close in."), "ASSAULT"
    )
    assert hit.event_loc is not None and hit.event_loc.span.text == "Donetsk"
    assert hit.event_loc.role != "context"
    country = only(real("Russia attacked Ukraine."), "ASSAULT")
    assert country.event_loc is None or country.event_loc.role == "context"  # a party, not a place


def test_armed_groups_named_by_what_they_are_take_the_country_they_fight_in() -> None:
    shot = only(real("Two militants shot dead in Poonch"), "ASSAULT")
    assert [(a.code, a.sector) for a in shot.recipient] == [("IND", "INS")]
    attack = only(real("Rebels attacked a village near Bambari."), "ASSAULT")
    assert [(a.code, a.sector) for a in attack.actor] == [("CAF", "REB")]
    killed = only(real("15 junta soldiers killed in fighting in Sagaing"), "ASSAULT")
    assert [(a.code, a.sector) for a in killed.recipient] == [("MMR", "MIL")]
    gunmen = only(real("Gunmen killed three people in Kidal."), "ASSAULT")
    assert [a.code for a in gunmen.actor] == [None]  # an unknown doer stays uncoded


def test_moving_a_count_is_no_act_and_reinforcing_a_border_a_deployment() -> None:
    assert kinds(real("Weekend bloodshed continues to push the death toll higher.")) == []
    assert kinds(real("The attack raised the death toll to 30.")) == []
    assert kinds(real("Turkey reinforced its border as violence raged.")) == ["MOBILIZE"]


def test_a_party_named_to_say_whom_somebody_relates_to_is_not_that_somebody() -> None:
    text = 'Trump said he is "very disappointed" in China for allegedly selling oil to North Korea.'
    selling = only(real(text), "COOPERATE")
    assert _codes(selling.actor) == ["CHN"]  # who is blamed for selling sells
    arrest = only(real("A Trump ally was arrested."), "COERCE")
    assert "USA" not in _codes(arrest.recipient)  # an ally of Trump's, not the United States
    nato = real("NATO allies have agreed to extend their peacekeeping mission.")
    assert [_codes(e.actor) for e in nato.events if e.event == "AGREE"] == [["NATO"]]


def test_a_stance_on_a_kind_of_act_is_no_happening_of_that_kind() -> None:
    text = "China opposes ballistic missile launches by North Korea against UN resolutions."
    article = real(text)
    assert "MOBILIZE" not in kinds(article)  # a kind of act opposed, not a launch told
    (stance,) = article.events
    assert _codes(stance.recipient) == ["PRK"]  # the resolutions' UN is no party
    told = real("North Korea carried out two missile launches against UN resolutions.")
    assert [_codes(e.actor) for e in told.events if e.event == "MOBILIZE"] == [["PRK"]]


def test_a_verb_spelled_like_a_weapon_is_the_act() -> None:
    (done,) = pipeline.run(
        _real_stages(), [Article(id="a", text="Russian troops shell Kharkiv.", origin="t")]
    )
    assert isinstance(done, Article)
    assert [(e.event, e.text_info.trigger.text) for e in done.events] == [("ASSAULT", "shell")]
    assert [w.span.text for w in done.weapons] == []
    fire = Article(id="b", text="Troops fired a shell at a school in Kharkiv.", origin="t")
    (fired,) = pipeline.run(_real_stages(), [fire])
    assert isinstance(fired, Article)
    assert [w.span.text for w in fired.weapons] == ["shell"]  # the noun is still a weapon


def test_proposing_that_somebody_act_is_a_request_and_its_content_requested() -> None:
    parties = {"Russia": RUS, "Ukraine": UKR}
    text = "The minister proposed that Russia and Ukraine hold talks in Istanbul."
    article = annotate(text, actors=parties)
    request = only(article, "REQUEST")
    assert request.text_info.trigger.text == "proposed"
    assert {a.code for a in request.recipient} == {"RUS", "UKR"}
    assert only(article, "CONSULT").modality == "requested"


def test_caught_red_handed_accuses_and_departing_is_no_act() -> None:
    china = {"China": Actor(code="CHN", name="China", kind="state")}
    caught = only(annotate("Trump said China was caught red-handed.", actors=china), "ACCUSE")
    assert caught.recipient[0].code == "CHN"
    assert kinds(annotate("Police caught the thief.")) == ["COERCE"]
    nigeria = {"Abuja": Actor(code="NGA", name="Abuja", kind="state")}
    assert annotate("As I depart Abuja for Germany, I feel hopeful.", actors=nigeria).events == ()


def test_transfers_between_ships_are_trade_and_arms_by_ship_aid() -> None:
    ships = {"Russian ships": Actor(code="RUS", name="Russian ships", kind="group")}
    text = "Russian ships conducted ship-to-ship transfers at least three times in October."
    assert kinds(annotate(text, actors=ships)) == ["COOPERATE"]
    drones = {"Iran": IRN, "Russia": RUS}
    drone = Weapon(name="drones", category="drone", named_system=False)
    armed = annotate(
        "Iran transferred drones to Russia by ship.", actors=drones, weapons={"drones": drone}
    )
    assert kinds(armed) == ["AID"]


def test_voting_for_sanctions_is_a_sanction_and_a_passive_accusation_the_speakers() -> None:
    un = {"Security Council": Actor(code="UN", name="Security Council", kind="igo")}
    text = "The Security Council voted in favor of a resolution toughening sanctions."
    assert kinds(annotate(text, actors=un)) == ["SANCTION"]
    people = {"Trump": Actor(code="USA", name="Trump", kind="person"),
              "China": Actor(code="CHN", name="China", kind="state")}  # fmt: skip
    text = "Trump said on Thursday that China was caught red-handed."
    caught = only(annotate(text, actors=people), "ACCUSE")
    assert caught.actor[0].code == "USA" and caught.recipient[0].code == "CHN"


def test_overseeing_a_weapon_test_makes_it_the_overseers() -> None:
    kim = {"Kim Jong Un": Actor(code="PRK", name="Kim Jong Un", kind="person", sector="GOV")}
    test = only(annotate("Kim Jong Un oversaw a missile test.", actors=kim), "MOBILIZE")
    assert test.actor[0].code == "PRK"


def test_a_drill_held_by_two_states_is_each_ones_partner_and_happened_if_a_past_act_did() -> None:
    states = {"North Korea": Actor(code="PRK", name="North Korea", kind="state"),
              "United States": USA, "South Korea": Actor(code="KOR", name="South Korea",
                                                          kind="state")}  # fmt: skip
    text = (
        "Last month, North Korea fired a missile toward Japan during a regularly scheduled "
        "military drill by the United States and South Korea."
    )
    drill = only(annotate(text, actors=states), "COOPERATE")
    assert {a.code for a in drill.recipient} == {"USA", "KOR"}
    assert drill.modality == "actual"


def test_a_killing_named_by_its_noun_or_a_number_dying_is_a_happening() -> None:
    died = only(annotate("Central Mexican state says 13 die in cartel disputes"), "ASSAULT")
    assert _dead(died) == [13]
    assert kinds(annotate("Another murder in a shopping plaza")) == ["ASSAULT"]
    assert kinds(annotate("Gunmen attack a street vendor")) == ["ASSAULT"]
    assert annotate("The murder mystery opened in London.").events == ()


def test_letting_goods_through_is_trade_and_letting_people_act_a_concession() -> None:
    states = {"China": Actor(code="CHN", name="China", kind="state"),
              "North Korea": Actor(code="PRK", name="North Korea", kind="state")}  # fmt: skip
    fuel = annotate("China allowed fuel shipments into North Korea.", actors=states)
    assert kinds(fuel) == ["COOPERATE"]
    march = annotate("China allowed North Korea to hold talks.", actors=states)
    assert "COOPERATE" not in kinds(march)


def test_goods_moved_to_a_state_are_trade_and_a_regime_observed_no_new_measure() -> None:
    states = {"Chinese": Actor(code="CHN", name="Chinese", kind="state"),
              "North Korean": Actor(code="PRK", name="North Korean", kind="state"),
              "UN": Actor(code="UN", name="UN", kind="igo")}  # fmt: skip
    text = "Chinese ships transferred oil to North Korean vessels in violation of UN sanctions."
    article = annotate(text, actors=states)
    assert kinds(article) == ["COOPERATE"]
    guns = annotate("Iran shipped missiles to Russia.", actors={"Iran": IRN, "Russia": RUS})
    assert "COOPERATE" not in kinds(guns)


def test_the_same_goods_traded_told_twice_are_one_trade() -> None:
    states = {"China": Actor(code="CHN", name="China", kind="state"),
              "North Korea": Actor(code="PRK", name="North Korea", kind="state")}  # fmt: skip
    text = (
        "China is allowing oil to go into North Korea, Trump said. He spoke on Thursday. "
        "Ships were seen selling oil to North Korea."
    )
    trades = [e for e in annotate(text, actors=states).events if e.event == "COOPERATE"]
    assert [len(e.mentions) for e in trades] == [2]


def test_who_a_criticism_or_a_condemnation_is_of_is_its_target() -> None:
    people = {"Donald Trump": Actor(code="USA", name="Donald Trump", kind="person"),
              "China": Actor(code="CHN", name="China", kind="state")}  # fmt: skip
    text = "The news follows President Donald Trump's criticism of China this week."
    criticism = only(annotate(text, actors=people), "ACCUSE")
    assert criticism.recipient[0].code == "CHN" and criticism.actor[0].code == "USA"


def test_the_city_of_a_named_place_is_that_place_not_the_last_city_told() -> None:
    towns = {"Pacific": place(4403000, "Pacific", "USA", 38.48, -90.74),
             "Hangzhou": place(1808926, "Hangzhou", "CHN", 30.29, 120.16)}  # fmt: skip
    korea = {"South Korea": Actor(code="KOR", name="South Korea", kind="state"),
             "China": Actor(code="CHN", name="China", kind="state")}  # fmt: skip
    text = (
        "The missiles can reach bases in Pacific. In the eastern city of Hangzhou, the "
        "president of South Korea met with the president of China."
    )
    met = only(annotate(text, actors=korea, places=towns), "CONSULT")
    assert met.event_loc is not None and met.event_loc.span.text == "Hangzhou"


def test_an_attack_its_sentence_does_not_place_happened_where_the_article_is() -> None:
    towns = {"Kharkiv": KHARKIV, "Kyiv": place(703448, "Kyiv", "UKR", 50.45, 30.52)}
    text = (
        "Kharkiv has been shelled for weeks. Officials in Kyiv met on Monday. "
        "Residents of Kharkiv fled. Russian forces killed two civilians overnight."
    )
    killed = by_trigger(annotate(text, actors={"Russian": RUS}, places=towns), "killed")
    assert killed.event_loc is not None and killed.event_loc.role == "context"
    assert killed.event_loc.place == KHARKIV  # named twice, more than Kyiv
    assert killed.event_loc.span.start == text.index("Kharkiv")  # its first mention
    assert ("location", killed.event_loc.span) in killed.text_info.arguments
    assert [a.code for a in killed.recipient] == ["UKR"]  # the state it took place in


def test_only_an_actual_act_on_the_spot_at_one_time_takes_the_articles_place() -> None:
    towns = {"Kharkiv": KHARKIV}
    text = (
        "Kharkiv was quiet on Friday. Iran sent drones to Russia. Russia threatened to "
        "attack Ukraine. Russia has attacked Ukraine since 2022."
    )
    times = {"since 2022": "2022/2024-05-31"}
    article = annotate(text, actors={"Iran": IRN, "Russia": RUS, "Ukraine": UKR},
                       places=towns, times=times)  # fmt: skip
    assert article.events
    for event in article.events:  # a transfer, a threat and a war-long stretch: no place
        assert event.event_loc is None, (event.event, event.text_info.trigger.text)


def test_an_article_naming_one_country_alone_places_its_acts_there_as_a_country() -> None:
    myanmar = place(1327865, "Myanmar", "MMR", 21.0, 96.0, "country")
    junta = Actor(code="MMR", name="Myanmar junta", kind="state", sector="MIL")
    article = annotate("Myanmar junta kills 12 civilians over weekend",
                       actors={"Myanmar junta": junta}, places={"Myanmar": myanmar})  # fmt: skip
    kills = only(article, "ASSAULT")
    assert kills.event_loc is not None and kills.event_loc.place == myanmar
    assert (kills.event_loc.role, kills.event_loc.place.precision) == ("context", "country")
    assert not kills.recipient  # a state's own army: the state is not its target


def test_an_article_naming_several_countries_and_no_town_places_nothing() -> None:
    where = {"Russia": place(2017370, "Russia", "RUS", 60.0, 100.0, "country"),
             "Ukraine": place(690791, "Ukraine", "UKR", 49.0, 32.0, "country")}  # fmt: skip
    text = "Russia and Ukraine traded accusations. Gunmen killed two soldiers overnight."
    article = annotate(text, actors={"Russia": RUS, "Ukraine": UKR}, places=where)
    assert by_trigger(article, "killed").event_loc is None


def test_forces_named_by_function_belong_to_the_state_the_article_is_set_in() -> None:
    sanaa = place(71137, "Sanaa", "YEM", 15.35, 44.21)
    forces = Actor(code=None, name="Security forces", kind="group")
    text = "Protests spread across Sanaa on Monday. Security forces killed three protesters."
    article = annotate(text, actors={"Security forces": forces}, places={"Sanaa": sanaa})
    killed = by_trigger(article, "killed")
    assert [(a.code, a.sector) for a in killed.actor] == [("YEM", "MIL")]


def test_a_body_of_people_is_named_by_whom_it_is_made_of() -> None:
    protest = only(annotate("A group of health workers staged a demonstration."), "PROTEST")
    assert [a.name for a in protest.actor] == ["health workers"]
    clash = by_trigger(
        annotate("Rival armed groups clashed on Tuesday, leaving 12 dead."), "clashed"
    )
    assert [a.name for a in clash.actor] == ["Rival armed groups"]


def test_forces_a_junta_commands_and_forces_attacked_belong_to_the_state_of_the_place() -> None:
    sagaing = place(1295765, "Sagaing", "MMR", 22.0, 95.0, "admin1")
    fighters = Actor(code=None, name="PDF fighters", kind="group")
    soldiers = Actor(code=None, name="junta soldiers", kind="group")
    text = "Sagaing is tense. PDF fighters attacked dozens of junta soldiers on Monday."
    article = annotate(text, actors={"PDF fighters": fighters, "junta soldiers": soldiers},
                       places={"Sagaing": sagaing})  # fmt: skip
    ambush = by_trigger(article, "attacked")
    assert [(a.code, a.sector) for a in ambush.recipient] == [("MMR", "MIL")]
    # "PDF" names the People's Defence Force where it fights: in Myanmar
    assert [a.code for a in ambush.actor] == ["MMR"]


# --- one record per happening: rules from the events guideline's examples -------------------


PALESTINE = Actor(code="PSE", name="Palestinian teenager", kind="person")
ISRAEL_COURT = Actor(code="ISR", name="Israeli military court", kind="org", sector="JUD")


def test_a_person_of_no_known_nationality_fits_the_party_named_for_her() -> None:
    hadid = Actor(code=None, name="Mona Hadid", kind="person")
    odeh = Actor(code=None, name="Sami Odeh", kind="person")
    actors = {"Israeli military court": ISRAEL_COURT, "Palestinian teenager": PALESTINE,
              "Mona Hadid": hadid, "Sami Odeh": odeh}  # fmt: skip
    text = ("An Israeli military court charged a Palestinian teenager on Monday. "
            "Mona Hadid was indicted by the Israeli military court on Wednesday.")  # fmt: skip
    charge = only(annotate(text, actors=actors), "ACCUSE")
    assert [m.trigger.text for m in charge.mentions] == ["charged", "indicted"]
    two = ("The Israeli military court charged Mona Hadid on Monday. "
           "Sami Odeh was indicted by the Israeli military court on Wednesday.")  # fmt: skip
    assert kinds(annotate(two, actors=actors)).count("ACCUSE") == 2  # two named persons


def test_an_act_weighed_as_a_question_is_no_happening() -> None:
    china = {"China": Actor(code="CHN", name="China", kind="state")}
    weighed = annotate("Officials debated how hard to hit China.", actors=china)
    assert "ASSAULT" not in kinds(weighed)  # neither done, nor permitted, nor asked for
    assert kinds(real("The debate is over how hard to hit China.")) == []
    assert kinds(real("The cabinet is deciding whether to strike Iran.")) == []
    assert "ASSAULT" in kinds(real("The cabinet decided to strike Iran."))


def test_a_series_in_a_place_is_the_campaign_told_there() -> None:
    text = ("Kharkiv has endured a Russian onslaught for weeks. Ukraine may now hit positions "
            "from where Russia launches its attacks on Kharkiv. Russian missiles slammed into "
            "a building in Kharkiv overnight.")  # fmt: skip
    article = annotate(text, actors={"Russian": RUS, "Russia": RUS, "Ukraine": UKR},
                       places={"Kharkiv": KHARKIV}, weapons={"missiles": MISSILE})  # fmt: skip
    done = [e for e in article.events if e.event == "ASSAULT" and e.modality == "actual"]
    told = sorted([m.trigger.text for m in e.mentions] for e in done)
    assert told == [["onslaught", "attacks"], ["slammed"]]  # the single strike stays apart


def test_an_act_doubted_beside_the_same_act_asserted_is_that_act() -> None:
    text = ("Iran supplied ballistic missiles to Russia, officials said. Governments fear "
            "potential Iranian ballistic missile deliveries.")  # fmt: skip
    supply = only(real(text), "AID")
    assert [m.trigger.text for m in supply.mentions] == ["supplied", "deliveries"]
    assert supply.modality == "actual"


def test_a_stance_voiced_while_urging_is_one_request() -> None:
    text = "The Foreign Ministry of Ukraine expressed deep concern, urging Iran to stop the sales."
    (asked,) = [e for e in real(text).events if e.event in ("REQUEST", "ACCUSE")]
    assert asked.event == "REQUEST" and asked.text_info.trigger.text == "urging"
    assert [m.trigger.text for m in asked.mentions] == ["expressed", "urging"]


def test_people_taken_from_a_place_are_abducted_and_the_abduction_told_again() -> None:
    text = ("Gunmen kidnapped 20 students in Kaduna on Monday. More than 20 students were "
            "taken from their school in Kaduna.")  # fmt: skip
    abduction = only(real(text), "ASSAULT")
    assert [m.trigger.text for m in abduction.mentions] == ["kidnapped", "taken"]
    assert kinds(real("The wounded were taken to hospital.")) == []
    assert kinds(real("Rebels took 12 villagers hostage.")) == ["ASSAULT"]


def test_furthering_a_dialogue_is_consulting() -> None:
    article = real("The minister urged Seoul to strengthen dialogue with Pyongyang.")
    talk = only(article, "CONSULT")
    assert talk.modality == "requested" and _codes(talk.recipient) == ["PRK"]


def test_goods_moved_from_one_country_to_another_go_to_the_other() -> None:
    moved = only(real("Russian ships transferred oil products to North Korean vessels at sea."),
                 "COOPERATE")  # fmt: skip
    assert _codes(moved.actor) == ["RUS"] and _codes(moved.recipient) == ["PRK"]
    smuggled = only(real("The vessels smuggle Russian fuel from Russian ports to North Korea."),
                    "COOPERATE")  # fmt: skip
    assert _codes(smuggled.recipient) == ["PRK"]  # the fuel's origin receives nothing


def test_a_repeated_act_and_its_doers_named_again_are_one_happening() -> None:
    text = ("Russian ships transferred oil to North Korean vessels on several occasions. "
            "Russian ships conducted ship-to-ship transfers three times in October. "
            "The ships are smuggling fuel to North Korea.")  # fmt: skip
    trade = only(real(text), "COOPERATE")
    assert [m.trigger.text for m in trade.mentions] == ["transferred", "transfers", "smuggling"]


def test_help_to_get_goods_is_trade() -> None:
    helped = only(real("Russian ships were aiding North Korea in its efforts to secure oil."),
                  "COOPERATE")  # fmt: skip
    assert _codes(helped.actor) == ["RUS"]


def test_what_a_report_suggests_happened_is_no_request() -> None:
    supply = only(real("The report suggested Iran supplied drones to Russia."), "AID")
    assert supply.modality == "actual"
    assert "REQUEST" in kinds(real("He suggested that Iran stop supplying drones."))


def test_a_pronoun_after_a_quote_left_as_a_sentence_finds_the_speaker() -> None:
    text = ('Defense committee chairman Franz Klintsevich warned that "force will not work."\n'
            "He urged Moscow to mediate.")  # fmt: skip
    asked = only(real(text), "REQUEST")
    assert [a.name for a in asked.actor] == ["Franz Klintsevich"]


def test_a_statement_then_quoted_in_its_speakers_words_is_one_statement() -> None:
    text = ("Russia strongly condemned the missile launch by North Korea, the Kremlin said.\n"
            '"We strongly criticize such provocative actions," Dmitry Peskov said.')  # fmt: skip
    said = only(real(text), "ACCUSE")
    assert [m.trigger.text for m in said.mentions] == ["condemned", "criticize"]


def test_a_force_threatening_to_take_a_town_advances_and_threatens_nobody() -> None:
    advance = real("The Taliban threatened to overrun Kunduz last month.")
    assert kinds(advance) == ["ASSAULT"] and advance.events[0].modality == "actual"
    threat = real("Hamas threatened to attack Israel.")
    assert sorted(kinds(threat)) == ["ASSAULT", "THREATEN"]


def test_telling_others_of_a_partys_alleged_deed_accuses_it() -> None:
    text = "The United States informed its allies that Iran had allegedly sent missiles to Russia."
    alleged = only(real(text), "ACCUSE")
    assert (_codes(alleged.actor), _codes(alleged.recipient)) == (["USA"], ["IRN"])
    told = real("The minister told reporters that Iran had sent missiles to Russia.")
    assert "ACCUSE" not in kinds(told)  # a report, not an allegation


def test_arms_sent_for_a_war_somewhere_are_not_placed_there() -> None:
    sent = only(real("Iran sent ballistic missiles to Russia for the conflict in Ukraine."), "AID")
    assert sent.event_loc is None  # what the missiles are for, not where they were sent
    aimed = real("Iran supplied drones to support Russia's war efforts in Ukraine.")
    assert only(aimed, "AID").event_loc is None
    handed = only(real("The US delivered tanks to Ukraine at a base in Poland."), "AID")
    assert handed.event_loc is not None and handed.event_loc.span.text == "Poland"


def test_concern_voiced_over_a_deed_is_criticism() -> None:
    voiced = real("Japan voiced concern over China's missile launches near Taiwan.")
    assert "ACCUSE" in kinds(voiced) and "REJECT" not in kinds(voiced)


def test_an_act_happened_at_the_place_named_first_not_the_region_after_it() -> None:
    clash = only(real("Two militias clashed in Hays district (Al Hudaydah) on Monday."), "ASSAULT")
    assert clash.event_loc is not None and clash.event_loc.span.text == "Hays"
    held = only(real("Police arrested a reporter in Sirt city (Surt) on Monday."), "COERCE")
    assert held.event_loc is not None and held.event_loc.span.text == "Sirt"
    assert held.event_loc.place is not None and held.event_loc.place.precision == "city"
    raid = only(real("Bandits raided a market in Gusau LGA of Zamfara State on Friday."), "ASSAULT")
    assert raid.event_loc is not None and raid.event_loc.span.text == "Gusau"
    shelled = only(real("Artillery shelled homes in Marib district, Marib governorate."), "ASSAULT")
    assert shelled.event_loc is not None and shelled.event_loc.span.start < 30


def test_forces_by_function_are_those_of_the_acts_country_not_an_armed_groups_base() -> None:
    text = (
        "JNIM militants attacked a gendarmerie post near Djibo on Sunday. "
        "The army said it killed 12 assailants in the counter-attack."
    )
    killed = next(e for e in real(text).events if e.text_info.trigger.text == "killed")
    assert _codes(killed.actor) == ["BFA"]  # Burkina Faso's army, not Mali's (JNIM's base)
    # a country the article names itself stands for its forces wherever they act
    held = real("Israeli troops entered Nablus. The soldiers arrested three men in the city.")
    arrest = only(held, "COERCE")
    assert _codes(arrest.actor) == ["ISR"]


def test_a_munition_fired_at_a_craft_is_an_attack_and_into_the_sea_a_show_of_force() -> None:
    ship = real("Houthi forces fired a missile at a cargo ship in the Red Sea on Monday.")
    assert kinds(ship) == ["ASSAULT"]
    test = real("North Korea fired a missile into the sea off its east coast on Monday.")
    assert kinds(test) == ["MOBILIZE"]


def test_people_told_armed_masked_or_unknown_and_a_lone_gunman_are_doers() -> None:
    taken = only(real("Armed men abducted a pastor in Kaduna on Sunday."), "ASSAULT")
    assert [a.name for a in taken.actor] == ["Armed men"]
    burned = only(real("Unidentified individuals set fire to a school in Bamenda."), "ASSAULT")
    assert [a.name for a in burned.actor] == ["Unidentified individuals"]
    shot = only(real("A gunman shot dead a trader in Kano on Monday."), "ASSAULT")
    assert [a.name for a in shot.actor] == ["gunman"] and _dead(shot) == [1]
    gathered = real("Men gathered in the square on Sunday.")
    assert all(not e.actor for e in gathered.events)  # men who are not armed do nothing


def test_dead_after_the_victim_is_what_the_shooting_left() -> None:
    shot = only(real("Gunmen shot a trader dead in Kano on Monday."), "ASSAULT")
    assert _dead(shot) == [1]


def test_who_claims_an_attack_named_by_its_weapon_did_it() -> None:
    text = "The Islamic State claimed an IED attack on an army patrol near Mosul on Monday."
    attack = only(real(text), "ASSAULT")
    assert [a.name for a in attack.actor] == ["Islamic State"]  # not "IED"


def test_a_coded_doer_told_once_is_the_doer_of_the_whole_happening() -> None:
    text = (
        "A suicide bomber rammed a truck into the wall of the German consulate in Kabul on "
        "Thursday. The Taliban said they carried out the attack."
    )
    attack = only(real(text), "ASSAULT")
    assert _codes(attack.actor) == ["AFG"]  # the Taliban, not the uncoded bomber


def test_an_event_noun_takes_the_day_of_the_harm_it_caused() -> None:
    text = "On 9 May 2024, an explosion in Kurram district caused the death of two soldiers."
    blast = only(real(text), "ASSAULT")
    assert blast.date is not None and blast.date.value == "2024-05-09"
    assert _dead(blast) == [2]


def test_a_toll_abbreviation_beside_another_is_a_toll_of_its_own() -> None:
    report = only(real("The army reported one KIA and two WIA in Kachin State."), "ASSAULT")
    assert sorted((c.kind, c.value) for c in report.size) == [("dead", 1), ("injured", 2)]


def test_a_short_form_names_a_group_only_where_it_fights() -> None:
    congo = only(
        real("ADF rebels killed nine civilians with machetes in Beni territory."), "ASSAULT"
    )
    assert _codes(congo.actor) == ["COD"]  # the Allied Democratic Forces
    abroad = real("On Monday the ADF said it would send two ships to the Pacific.")
    assert all(_codes(e.actor) != ["COD"] for e in abroad.events)  # Australia's forces


def test_who_did_a_happening_told_as_the_doer_of_a_harm_did_the_harm() -> None:
    text = "Artillery shelling by the RSF killed six civilians in El Obeid on Tuesday."
    shelled = only(real(text), "ASSAULT")
    assert _codes(shelled.actor) == ["SDN"] and _dead(shelled) == [6]
    fired = only(real("A rocket fired by militants hit a school in Kidal, killing two."), "ASSAULT")
    assert [a.name for a in fired.actor] == ["militants"]


def test_a_sentence_set_apart_tells_another_happening() -> None:
    text = (
        "On 3 May 2024, militants attacked a village in Borno. On the same day, gunmen "
        "kidnapped four farmers in Zamfara."
    )
    assert kinds(real(text)) == ["ASSAULT", "ASSAULT"]
    told_again = "On 3 May 2024, militants attacked a village in Borno. They burned 20 houses."
    assert kinds(real(told_again)) == ["ASSAULT"]


def test_an_undated_act_told_next_in_the_passive_past_is_of_the_same_day() -> None:
    text = (
        "On 3 May 2024, militants attacked a village in Borno. In a separate incident, "
        "four people were killed in Zamfara."
    )
    dates = [e.date.value if e.date else None for e in real(text).events]
    assert dates == ["2024-05-03", "2024-05-03"]
    counted = real("On 3 May 2024, gunmen attacked a bus in Zamfara. 4 fatalities were reported.")
    assert [e.date.value if e.date else None for e in counted.events] == ["2024-05-03"]


def test_a_strike_of_work_is_a_protest_and_an_air_strike_an_attack() -> None:
    assert kinds(real("Market traders went on strike in Kumasi over taxes.")) == ["PROTEST"]
    assert kinds(real("Teachers staged a strike in Nairobi on Monday.")) == ["PROTEST"]
    assert kinds(real("A general strike shut Lagos on Monday.")) == ["PROTEST"]
    assert kinds(real("An air strike killed five people in Idlib on Monday.")) == ["ASSAULT"]
    assert kinds(real("Israel launched a strike on Rafah on Monday.")) == ["ASSAULT"]
    walked = only(real("Bus drivers went on strike in Accra on Monday."), "PROTEST")
    assert [a.name for a in walked.actor] == ["Bus drivers"]  # who went on it


def test_an_act_ranked_by_a_superlative_is_the_act_told_not_one_more() -> None:
    text = "An army raid on a rebel camp near Beni killed 14 on Friday, the bloodiest operation this year."
    done = real(text, dt.date(2024, 6, 10))
    assert [e.text_info.trigger.text for e in done.events] == ["raid"]
    assert not real("It was the worst ambush on the convoy since June.").events
    assert kinds(real("The bloodiest bombing in years killed 30 people in Quetta.")) == ["ASSAULT"]


def test_beating_people_is_violence_and_a_suspected_strike_happened() -> None:
    beaten = only(real("Riot police beat dozens of students in Dhaka on Monday."), "ASSAULT")
    assert beaten.modality == "actual"
    text = "A suspected drone strike killed two commanders near Hasakah on Monday."
    assert only(real(text), "ASSAULT").modality == "actual"  # alleged acts stay asserted
    feared = only(real("Officials fear a possible attack on Hasakah."), "ASSAULT")
    assert feared.modality == "hypothetical"


def test_remains_found_in_a_headline_read_as_active_are_a_killing_found() -> None:
    found = real("Bodies found in Tamaulipas where two ranchers vanished")
    assert kinds(found) == ["ASSAULT"]
    battered = real("Rebels battered in Ituri on Sunday")
    assert [(e.event, e.text_info.trigger.text) for e in battered.events] == [
        ("ASSAULT", "battered")
    ]


def test_roadblocks_set_up_and_troops_redeployed_are_deployments() -> None:
    text = "Militants set up a roadblock near Eringeti on Monday."
    assert kinds(real(text)) == ["MOBILIZE"]
    assert kinds(real("Ethiopian troops redeployed to Gondar on Monday.")) == ["MOBILIZE"]
    killed = only(real("Gunmen killed two IDPs near Djugu on Monday."), "ASSAULT")
    assert _dead(killed) == [2]  # displaced people are people


def test_being_held_is_a_state_and_being_taken_into_custody_an_arrest() -> None:
    held = real("A trader died in custody in Jinja; his brother remains in detention.")
    assert "COERCE" not in kinds(held)
    assert kinds(real("Police took two students into custody in Jinja.")) == ["COERCE"]


def test_a_fight_that_kills_is_one_record_and_its_doer_is_no_recipient() -> None:
    text = "Crowds stormed a ministry in Baghdad; clashes with security forces killed 12."
    fight = real(text, dt.date(2024, 6, 12))
    (record,) = (e for e in fight.events if e.text_info.trigger.text == "clashes")
    assert record.event == "ASSAULT" and _dead(record) == [12]  # the fight's toll
    doers = {(a.name, a.code) for a in record.actor}
    assert not any((r.name, r.code) in doers for r in record.recipient)


def test_people_killed_in_a_fight_with_a_side_were_killed_by_that_side() -> None:
    text = "Two suspected militants were killed in an encounter with security forces in Kupwara."
    killed = only(real(text), "ASSAULT")
    assert [a.name for a in killed.actor] == ["security forces"] and _dead(killed) == [2]


def test_a_fight_that_broke_out_on_a_day_is_of_that_day() -> None:
    text = "On 17 June 2024, clashes broke out between rival militias in Deir ez-Zor."
    clash = only(real(text), "ASSAULT")
    assert clash.date is not None and clash.date.value == "2024-06-17"


def test_men_on_motorbikes_who_shoot_are_the_doers() -> None:
    shot = only(real("Two men on motorbikes shot dead a trader in Kano on Monday."), "ASSAULT")
    assert [a.name for a in shot.actor] == ["Two men"]


def test_members_of_a_gang_named_with_a_country_are_the_gang_not_the_state() -> None:
    burned = only(real("Haitian gang members set fire to houses in Port-au-Prince."), "ASSAULT")
    assert [(a.code, a.sector, a.kind) for a in burned.actor] == [("HTI", "CRM", "group")]


def test_an_attack_that_killed_people_counts_them_however_parsed() -> None:
    text = "On 4 July 2024, a suicide attack killed at least 20 people and wounded dozens."
    attack = only(real(text), "ASSAULT")
    assert _dead(attack) == [20]  # not the one victim of "Top rebel commander killed"


def test_a_gunfight_that_left_people_dead_is_one_attack_with_their_toll() -> None:
    text = "A gunfight between police and robbers left one officer and two suspects dead."
    fight = only(real(text), "ASSAULT")
    assert kinds(real(text)) == ["ASSAULT"] and _dead(fight) == [3]
    strike = only(real("An IDF strike on a school in Gaza City killed 16 people."), "ASSAULT")
    assert _codes(strike.actor) == ["ISR"]


def test_an_act_at_a_place_the_gazetteer_lacks_is_placed_in_the_place_it_lies_in() -> None:
    owned = "A drone struck a car in the Saada governorate's Shada district on Monday."
    strike = only(real(owned), "ASSAULT")
    assert strike.event_loc is not None and strike.event_loc.place is not None
    assert strike.event_loc.place.precision == "admin1" and strike.event_loc.place.country == "YEM"
    road = only(real("Gunmen ambushed a convoy on the Gao-Ansongo road on Monday."), "ASSAULT")
    assert road.event_loc is not None and road.event_loc.span.text == "Gao"


def test_burning_stores_is_an_attack_and_a_thief_who_kills_is_the_doer() -> None:
    burned = real("Jihadist fighters burned food stocks in a village near Djibo on Monday.")
    assert kinds(burned) == ["ASSAULT"]
    stabbed = real("A policeman was stabbed to death by a suspected thief in Harare.")
    assert [a.name for a in only(stabbed, "ASSAULT").actor] == ["suspected thief"]


def test_short_forms_of_armies_and_parties_name_them_where_they_fight() -> None:
    shelled = only(real("SAA soldiers shelled a village in Idlib on Monday."), "ASSAULT")
    assert _codes(shelled.actor) == ["SYR"]
    clash = only(real("STC forces clashed with tribal fighters in Shabwa on Monday."), "ASSAULT")
    assert _codes(clash.actor) == ["YEM"]


def test_guards_of_the_state_shoot_and_security_guards_are_nobodys_forces() -> None:
    shot = only(real("The national guard shot at migrants near Tapachula on Monday."), "ASSAULT")
    assert _codes(shot.actor) == ["MEX"]  # shooting at people is no headline passive
    private = only(real("Security guards shot a thief at a mall in Nairobi."), "ASSAULT")
    assert _codes(private.actor) == [None]


def test_pickets_and_vigils_are_protests_and_a_dispersed_march_keeps_its_day() -> None:
    assert "PROTEST" in kinds(real("Some 50 women picketed the governor's office in Kano."))
    assert kinds(real("The families of missing soldiers staged a vigil in Kyiv.")) == ["PROTEST"]
    text = "On 13 November 2024, a demonstration by teachers in Yaounde was dispersed by police."
    march = by_trigger(real(text), "demonstration")
    assert march.date is not None and march.date.value == "2024-11-13"


def test_an_act_reported_or_recorded_on_a_day_is_of_that_day() -> None:
    text = "On 4 December 2024, shelling was reported in the village of Vovchansk."
    shelling = only(real(text), "ASSAULT")
    assert shelling.date is not None and shelling.date.value == "2024-12-04"


def test_state_forces_named_by_their_own_names_and_short_forms_take_their_state() -> None:
    kenya = only(real("KDF soldiers killed four militants in Lamu on Monday."), "ASSAULT")
    assert _codes(kenya.actor) == ["KEN"]
    niger = only(real("FDS elements repelled an attack near Tillaberi on Monday."), "ASSAULT")
    assert _codes(niger.recipient) == ["NER"]  # Niger's defence and security forces, by the
    # place (attacked: the attack they turned back is the happening)


def test_fighting_near_a_place_the_gazetteer_lacks_keeps_the_places_name() -> None:
    fight = only(real("Fighting raged near Mogadishu-Karan district on Monday."), "ASSAULT")
    assert fight.event_loc is not None and fight.event_loc.span.text == "Mogadishu-Karan"
    assert fight.event_loc.place is None  # unresolved, its text kept
    text = "Two rangers were killed in an ambush near Boni forest, Lamu county, on Monday."
    ambush = only(real(text), "ASSAULT")  # a forest the gazetteer lacks, in a county it has
    assert ambush.event_loc is not None and ambush.event_loc.place is not None
    assert ambush.event_loc.place.country == "KEN"


def test_an_armed_group_named_by_a_people_or_region_is_coded_where_it_fights() -> None:
    kin = only(real("Hema militiamen attacked a village in Djugu, Ituri, killing 7."), "ASSAULT")
    assert _codes(kin.actor) == ["COD"]
    apart = only(real("Ambazonian separatists burned a school in Kumbo on Monday."), "ASSAULT")
    assert _codes(apart.actor) == ["CMR"]
    robbers = only(real("Armed robbers attacked a bus near Kaduna on Monday."), "ASSAULT")
    assert _codes(robbers.actor) == [None]  # no armed group: criminals stay uncoded


def test_forces_that_advance_fight_and_a_coalition_is_its_leaders() -> None:
    advance = real("On 3 May 2024, Russian troops advanced near Dmytrivka, Donetsk.")
    assert kinds(advance) == ["ASSAULT"]
    assert not real("Stocks advanced on Monday.").events
    led = only(real("Saudi-led coalition airstrikes hit Houthi positions in Marib."), "ASSAULT")
    assert _codes(led.actor) == ["SAU"]


def test_what_victims_were_doing_is_no_act_and_men_in_uniform_are_doers() -> None:
    text = "Soldiers opened fire on Palestinians waiting for aid in Gaza City, killing 20."
    assert kinds(real(text)) == ["ASSAULT"]
    taken = only(real("Men in military uniforms abducted a businessman in Goma."), "ASSAULT")
    assert [a.name for a in taken.actor] == ["Men in military uniforms"]


def test_an_armed_resistance_is_a_doer_and_resistance_met_is_nobody() -> None:
    attack = only(real("The resistance attacked a police station in Magway."), "ASSAULT")
    assert [(a.name, a.code) for a in attack.actor] == [("resistance", "MMR")]
    assert not real("The plan met resistance in parliament.").events


def test_parties_joined_by_and_are_each_a_doer() -> None:
    fight = only(real("Cattle herders and farmers fought near the river, leaving four dead."),
                 "ASSAULT")  # fmt: skip
    assert [a.name for a in fight.actor] == ["Cattle herders", "farmers"]
    both = only(real("Naga militants and Kuki volunteers traded fire at dawn."), "ASSAULT")
    assert [a.name for a in both.actor] == ["Naga militants", "Kuki volunteers"]


def test_whom_an_attacks_killing_clause_kills_it_hit() -> None:
    raid = only(real("TTP militants stormed a post in Bannu, killing four policemen."), "ASSAULT")
    assert [(r.name, r.code) for r in raid.recipient] == [("policemen", "PAK")]


def test_the_attackers_killed_are_the_attacks_own_losses() -> None:
    text = ("Gunmen from the ELN raided a barracks in Arauca, killing two soldiers. "
            "Three attackers were also killed.")  # fmt: skip
    raid = only(real(text), "ASSAULT")
    assert [r.name for r in raid.recipient] == ["soldiers"]
    assert [c.value for c in raid.size if c.kind == "dead"] == [5, 2, 3]  # the whole, its parts


def test_a_road_named_after_a_people_is_nobodys() -> None:
    block = only(real("Farmers blocked the Pan-American highway near Cali."), "PROTEST")
    assert block.recipient == ()


def test_victims_the_parser_made_subjects_of_an_ing_verb_are_the_objects() -> None:
    # "killed at least 30 people waiting ...": the parser reads "30 people waiting" as a clause
    text = "Russian missiles killed at least 12 people queuing at a bus stop in Kherson."
    strike = only(real(text), "ASSAULT")
    assert [(c.kind, c.value) for c in strike.size] == [("dead", 12)]
    assert _codes(strike.actor) == ["RUS"]  # an active verb: its subject did it


def test_setting_somebody_ablaze_is_an_assault() -> None:
    assert kinds(real("A crowd set a suspected robber ablaze in Aba.")) == ["ASSAULT"]
    assert kinds(real("Villagers set ablaze a suspected witch in Enugu.")) == ["ASSAULT"]
    # told in the passive, of what people built (not "rebels set up a camp")
    assert kinds(real("A camp for displaced families was set ablaze in Mongbwalu.")) == ["ASSAULT"]


def test_a_prison_sentence_is_custody() -> None:
    text = "A court in Minsk sentenced an opposition activist to 8 years in prison."
    jailed = only(real(text), "COERCE")
    assert jailed.text_info.trigger.text == "sentenced"


def test_victims_told_as_also_killed_add_to_the_toll() -> None:
    text = ("Rebels raided a camp near Beni, killing four soldiers. "
            "Six rebels were also killed.")  # fmt: skip
    raid = only(real(text), "ASSAULT")
    assert (raid.size[0].kind, raid.size[0].value) == ("dead", 10)
    first = raid.size[0].span
    assert real(text).text[first.start : first.end] == first.text
    more = only(real("Bandits stormed a village, killing nine men. Two more men died later."),
                "ASSAULT")  # fmt: skip
    assert more.size[0].value == 11
    apart = only(real("Bandits stormed a village, killing nine men. Two bandits were killed."),
                 "ASSAULT")  # fmt: skip
    assert apart.size[0].value == 9  # nothing says they add: each count as told


def test_the_attackers_losses_told_next_are_the_attacks_toll() -> None:
    text = ("Taliban fighters stormed a police post in Kunduz on Sunday. "
            "Officials said 14 Taliban were killed.")  # fmt: skip
    raid = only(real(text), "ASSAULT")
    assert (raid.size[0].kind, raid.size[0].value) == ("dead", 14)
    later = real("Taliban fighters stormed a police post in Kunduz on Sunday. Police fought "
                 "back for hours. Days later, 14 Taliban were killed in Baghlan.")  # fmt: skip
    assert len([e for e in later.events if e.event == "ASSAULT"]) >= 2  # not right after


def test_a_later_claim_or_suspicion_names_the_doer_of_the_act_before() -> None:
    claimed = real("A car bomb hit an army checkpoint in Quetta, killing two soldiers. "
                   "The BLA claimed responsibility.")  # fmt: skip
    assert _codes(only(claimed, "ASSAULT").actor) == ["PAK"]
    assert [a.name for a in only(claimed, "ASSAULT").actor] == ["BLA"]
    suspected = real("A blast tore through a market in Maiduguri. Boko Haram was suspected.")
    blast = next(e for e in suspected.events if e.event == "ASSAULT")
    assert _codes(blast.actor) == ["NGA"]
    fraud = real("Gunmen shot a trader in Kano. The man was suspected of fraud.")
    assert all(a.name != "The man" for e in fraud.events for a in e.actor)


def test_an_act_laid_to_somebody_is_theirs() -> None:
    drone = only(real("A drone strike attributed to the RSF hit a depot in Kosti."), "ASSAULT")
    assert [a.name for a in drone.actor] == ["Rapid Support Forces"]
    bomb = only(real("A bombing blamed on al-Shabaab killed four in Baidoa."), "ASSAULT")
    assert _codes(bomb.actor) == ["SOM"]


def test_a_death_toll_put_at_a_figure_counts_the_dead() -> None:
    text = "Troops killed villagers in Djibo on Monday. Residents put the death toll at 41."
    assert [(c.kind, c.value) for c in only(real(text), "ASSAULT").size] == [("dead", 41)]


def test_a_harm_and_the_act_its_when_clause_tells_are_one() -> None:
    text = "Three soldiers were hurt when a Hezbollah rocket hit their post near Metula."
    hit = only(real(text), "ASSAULT")
    assert [(a.name, a.sector) for a in hit.actor] == [("Hezbollah", "REB")]


def test_an_uncoded_party_beside_a_coded_one_is_kept() -> None:
    text = "Kenyan police and armed bandits exchanged fire in Baringo."
    fight = only(real(text), "ASSAULT")
    assert [a.name for a in fight.actor] == ["Kenyan police", "armed bandits"]
    both = only(real("Malian soldiers and jihadists clashed near Boni."), "ASSAULT")
    assert [a.name for a in both.actor] == ["Malian soldiers", "jihadists"]  # both did it


def test_a_site_named_after_a_person_is_nobody() -> None:
    text = "On 4 May, the Houthis claimed a drone attack on Ben Gurion airport."
    strike = only(real(text), "ASSAULT")
    assert all("Gurion" not in r.name for r in strike.recipient)


def test_forced_recruitment_is_an_abduction() -> None:
    taken = real("Rebels forcibly recruited forty boys in Masisi in May.")
    assert kinds(taken) == ["ASSAULT"]
    assert kinds(real("The junta recruited 200 civilians by force in Magway.")) == ["ASSAULT"]
    assert kinds(real("The army recruited 500 volunteers in June.")) == []


def test_sinking_a_ship_is_an_attack_a_boat_that_sinks_is_not() -> None:
    sunk = only(real("On 30 June, naval drones sank a Russian landing ship off Crimea."), "ASSAULT")
    assert sunk.text_info.trigger is not None and sunk.text_info.trigger.text == "sank"
    assert kinds(real("On 3 May, a migrant boat sank off Libya.")) == []


def test_an_attack_named_as_the_means_of_striking_back_is_that_act() -> None:
    text = (
        "On 16 October, PKK militants killed two soldiers in Hakkari. Turkish forces later "
        "retaliated with airstrikes on PKK positions in northern Iraq."
    )
    triggers = [e.text_info.trigger.text for e in real(text).events if e.text_info.trigger]
    assert "airstrikes" not in triggers and "retaliated" in triggers
    # the answer is the attack it is made with, whatever else "respond" may be
    answer = real("On 9 October, Israel responded with a wave of strikes on Gaza.")
    assert kinds(answer) == ["ASSAULT"]


def test_a_count_of_people_who_marched_names_them() -> None:
    march = only(real("Hundreds of mothers marched in Bukavu on Friday."), "PROTEST")
    assert [a.name for a in march.actor] == ["mothers"]


def test_a_road_named_by_the_towns_it_joins_is_nobody() -> None:
    text = "On 3 March, gunmen abducted two traders on the Lokoja-Abuja highway."
    taken = only(real(text), "ASSAULT")
    assert all("Abuja" not in r.name for r in taken.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "On 21 August, a body was found on a road that leads to Tuxtla Gutierrez.",
        "On 2 May, gunmen ambushed a bus on the highway linking Kabul and Kandahar.",
    ],
)
def test_where_a_road_goes_is_no_act(text: str) -> None:
    assert kinds(real(text)) == ["ASSAULT"]  # not an agreement or a meeting of the towns


@pytest.mark.parametrize("doers", ["settlers", "tribesmen", "mercenaries", "arsonists"])
def test_people_named_by_what_they_do_in_a_conflict_do_the_act(doers: str) -> None:
    burned = only(real(f"On 4 March, {doers} set fire to a school in Dagar."), "ASSAULT")
    assert [a.name for a in burned.actor] == [doers]


@pytest.mark.parametrize(
    ("text", "code", "dead"),
    [
        ("Ukrainian shelling left one militiaman dead.", "UKR", 1),
        ("Turkish shelling leaves three villagers dead - local officials", "TUR", 3),
    ],
)
def test_a_countrys_shelling_that_left_people_dead_is_its_attack(
    text: str, code: str, dead: int
) -> None:
    (shelling,) = real(text).events
    assert shelling.event == "ASSAULT"
    assert [a.code for a in shelling.actor] == [code]
    assert [c.value for c in shelling.size if c.kind == "dead"] == [dead]


def test_grief_is_no_act() -> None:
    assert kinds(real("Villagers mourned the slain teacher in Kasese.")) == []
    assert kinds(real("Widows wept as the bodies were buried.")) == []


def test_who_people_are_linked_to_is_no_act() -> None:
    arrested = real("Police detained three men linked to the Gulf Cartel in Reynosa.")
    assert kinds(arrested) == ["COERCE"]  # no aid from anybody to the cartel


def test_members_of_a_group_named_before_them_are_a_party() -> None:
    text = "Militia members shot dead a taxi driver in Nova Iguacu on Friday."
    shot = only(real(text), "ASSAULT")
    assert [(a.name, a.code) for a in shot.actor] == [("Militia members", "BRA")]


def test_a_mass_grave_found_tells_killings_and_its_dead() -> None:
    text = "On 2 May, a mass grave holding 17 bodies was found near Bunia."
    found = only(real(text, dt.date(2024, 5, 20)), "ASSAULT")
    assert found.text_info.trigger.text == "found"
    assert [(c.kind, c.value) for c in found.size] == [("dead", 17)]
    assert found.date is not None and found.date.value == "2024-05-02"
    assert kinds(real("The grave of the poet was found in 1990.")) == []


def test_a_suspicion_describing_people_is_no_accusation() -> None:
    text = "Soldiers detained three men suspected of ties to ISWAP in Monguno."
    assert kinds(real(text)) == ["COERCE"]
    named = real("Iran, accused by Israel of arming Hezbollah, denied it.")
    assert "ACCUSE" in kinds(named)  # its accuser named: an accusation


def test_an_acts_own_date_beats_the_date_it_was_reported() -> None:
    text = "As reported on 20 June 2024, gunmen kidnapped two nurses in Katsina on 16 June."
    taken = only(real(text, dt.date(2024, 6, 25)), "ASSAULT")
    assert taken.date is not None and taken.date.value == "2024-06-16"
    bare = only(real("As reported on 20 June 2024, gunmen kidnapped two nurses in Katsina."),
                "ASSAULT")  # fmt: skip
    assert bare.date is not None and bare.date.value == "2024-06-20"


def test_people_named_by_where_they_live_are_the_doers_not_the_place() -> None:
    # "Vila Kennedy" is no name the gazetteer knows: the link stage makes it somebody
    text = "Residents of Vila Kennedy blocked the Avenida Brasil expressway with burning tyres."
    blocked = only(real(text), "PROTEST")
    assert [a.name for a in blocked.actor] == ["Residents of Vila Kennedy"]


def test_demonstrating_without_an_object_is_protesting() -> None:
    marched = real("Shopkeepers in Kano demonstrated against new market levies.")
    assert kinds(marched) == ["PROTEST"]
    assert "PROTEST" not in kinds(real("The launch demonstrated that its rockets can reach Guam."))


def test_what_people_flee_is_not_who_fled() -> None:
    fled = only(real("Villagers fled the bombardment of Tawila on Sunday."), "ASSAULT")
    assert [c for c in fled.size if c.kind == "displaced"] == []
    many = only(real("About 4,000 villagers fled the bombardment of Tawila."), "ASSAULT")
    assert [(c.kind, c.value) for c in many.size] == [("displaced", 4000)]


def test_people_beside_a_party_are_a_party_of_their_own() -> None:
    text = "Four soldiers and a gendarme were killed when a bomb hit their truck near Kidal."
    hit = only(real(text), "ASSAULT")
    assert [(r.name, r.code) for r in hit.recipient] == [
        ("Four soldiers", "MLI"),
        ("gendarme", "MLI"),
    ]


def test_a_deed_given_as_the_reason_for_an_arrest_has_no_day_of_its_own() -> None:
    text = (
        "On 4 May 2024, police in Bishkek detained three students for protesting against the law."
    )
    article = real(text, dt.date(2024, 5, 8))
    detained, protest = only(article, "COERCE"), only(article, "PROTEST")
    assert detained.date is not None and detained.date.value == "2024-05-04"
    assert protest.date is None  # before the arrest, on a day nobody gives (not May 8)


def test_a_count_told_for_each_side_counts_both_sides() -> None:
    each = only(real("Three fighters were killed on each side near Gharyan."), "ASSAULT")
    assert [(c.kind, c.value) for c in each.size] == [("dead", 6)]
    both = only(real("Nine fighters were killed on both sides near Gharyan."), "ASSAULT")
    assert [(c.kind, c.value) for c in both.size] == [("dead", 9)]


def test_a_short_form_beside_a_group_of_its_country_names_that_countrys_group() -> None:
    text = "On 7 May 2024, GNA-affiliated forces fought LNA forces south of Gharyan."
    fight = only(real(text), "ASSAULT")
    assert _codes(fight.actor) == ["LBY"]  # the Government of National Accord, beside the LNA


def test_a_harm_by_nobody_that_befell_both_sides_is_the_fights_toll() -> None:
    text = (
        "On 9 June 2024, Yemeni troops repelled a Houthi offensive in Hays."
        " Two soldiers and five Houthis were killed."
    )
    tolls = [e for e in real(text).events if e.size]
    assert len(real(text).events) == 1 and len(tolls) == 1
    assert tolls[0].text_info.trigger.text == "offensive"  # the attack the troops turned back
    assert [(c.kind, c.value) for c in tolls[0].size] == [("dead", 7)]


def test_the_place_of_the_occasion_a_harm_befell_is_the_harms() -> None:
    text = (
        "Rebels overran an army post near Goma. In a separate incident in Beni,"
        " five soldiers and three rebels were killed."
    )
    killed = [e for e in real(text).events if e.size]
    assert len(killed) == 1 and killed[0].event_loc is not None
    assert killed[0].event_loc.span.text == "Beni"


def test_crowd_control_with_tear_gas_or_batons_is_violent_repression() -> None:
    used = real("Riot police in Lome used tear gas and batons to scatter striking teachers.")
    assert [(e.event, _codes(e.actor)) for e in used.events][:1] == [("ASSAULT", ["TGO"])]
    scattered = real("Gendarmes dispersed the marchers with water cannon in Yaounde.")
    assert "ASSAULT" in kinds(scattered)
    assert "ASSAULT" not in kinds(real("The ministry used the grant to buy cooking gas."))
    # forcibly, with what kills (hung on the crowd by the parser), or harming people: the
    # forces' attack, not a protest of theirs
    for text in (
        "Soldiers violently dispersed a rally in Bamako.",
        "Police dispersed a vigil in Harare using live ammunition.",
        "Gendarmes dispersed the march in Niamey, wounding four students.",
    ):
        (forces,) = [e for e in real(text).events if e.text_info.trigger.text == "dispersed"]
        assert forces.event == "ASSAULT" and forces.actor, text


def test_a_capital_in_front_of_a_site_is_where_the_site_is() -> None:
    text = "Coalition jets bombed Sanaa port on Monday."
    hit = only(real(text), "ASSAULT")
    assert "Sanaa" not in [a.name for a in (*hit.actor, *hit.recipient)]
    assert hit.event_loc is not None and hit.event_loc.span.text == "Sanaa"


def test_who_fired_the_fire_a_harm_came_by_did_the_harm() -> None:
    text = "A shepherd was wounded by mortar fire from JNIM militants near Djibo."
    wounded = only(real(text), "ASSAULT")
    assert [a.name for a in wounded.actor] == ["JNIM militants"]
    stray = only(real("A boy was killed by a stray bullet in Kherson."), "ASSAULT")
    assert stray.actor == ()


def test_a_rulers_word_opening_the_sentence_is_the_states_forces() -> None:
    bombed = only(real("Junta jets bombed a monastery in Magway Region on Sunday."), "ASSAULT")
    assert _codes(bombed.actor) == ["MMR"]
    rebels = only(real("Arakan Army fighters attacked a police post in Maungdaw."), "ASSAULT")
    assert [a.sector for a in rebels.actor] == ["REB"]


def test_a_subject_split_at_a_dangling_of_keeps_its_head() -> None:
    text = "On 2 March 2024, FARC dissidents of the Estado Mayor Central burned a bus in Tame."
    burned = only(real(text), "ASSAULT")
    assert [(a.name, a.code) for a in burned.actor] == [("FARC dissidents", "COL")]


def test_an_act_a_later_sentence_lays_on_somebody_is_theirs() -> None:
    text = "A trader was found shot dead in Uruapan. The murder was attributed to the CJNG."
    found = only(real(text), "ASSAULT")
    assert _codes(found.actor) == ["MEX"]
    cause = real("A blast tore through a depot in Kano. The blast was blamed on a gas leak.")
    assert all(not e.actor for e in cause.events if e.event == "ASSAULT")


def test_somebody_named_by_their_age_is_a_victim_counted() -> None:
    shot = only(real("A 17-year-old was shot dead at a checkpoint near Nablus."), "ASSAULT")
    assert [(c.kind, c.value) for c in shot.size] == [("dead", 1)]
    assert kinds(real("The 40-year-old law was repealed by parliament.")) != ["ASSAULT"]


def test_a_toll_without_the_word_death_is_the_dead() -> None:
    text = "A car bomb exploded near a mosque in Kirkuk. The toll reached 31 on Saturday."
    blast = only(real(text), "ASSAULT")
    assert [(c.kind, c.value) for c in blast.size] == [("dead", 31)]
    wounded = only(real("A bomb hit a bus in Kirkuk. The casualty toll rose to 44."), "ASSAULT")
    assert wounded.size == ()  # the wounded are counted too


def test_more_victims_found_days_later_are_the_acts_and_a_told_total_stands() -> None:
    text = (
        "On 2 May 2024, bandits raided Tsafe (Zamfara), killing nine farmers."
        " Six more bodies were found two days later, bringing the toll to 15."
    )
    article = real(text)
    assert len(article.events) == 1
    assert article.events[0].size[0].kind == "dead" and article.events[0].size[0].value == 15


def test_ground_regained_as_control_of_it_is_a_battle_won() -> None:
    text = "On 3 May 2024, the SAF regained control of the Al-Jaili refinery from the RSF."
    assert kinds(real(text)) == ["ASSAULT"]
    assert kinds(real("The ruling party regained control of parliament.")) != ["ASSAULT"]


def test_a_town_the_model_calls_a_people_is_ground_taken() -> None:
    # the small model labels "Kidal" a nationality here
    retaken = real("The army recaptured Kidal after a week of fighting.")
    assert [e.event for e in retaken.events if e.text_info.trigger.text == "recaptured"] == [
        "ASSAULT"
    ]


def test_what_a_protest_is_about_has_no_day_of_its_own() -> None:
    text = "On 6 May 2024, traders marched in Jos to protest the killing of a market leader."
    article = real(text, dt.date(2024, 5, 9))
    marched, killing = only(article, "PROTEST"), only(article, "ASSAULT")
    assert marched.date is not None and marched.date.value == "2024-05-06"
    assert killing.date is None  # before the march, on a day nobody gives (not May 9)


def test_bringing_down_what_people_built_is_an_attack_on_property() -> None:
    text = "On 4 May 2024, the Israeli army demolished a water well and a barn near Tubas."
    assert kinds(real(text)) == ["ASSAULT"]


def test_a_perfect_a_past_claim_tells_goes_on_the_days_narrative() -> None:
    text = (
        "On 14 June 2024, militants attacked an army base in Jowhar."
        " The army claimed to have killed 17 militants."
    )
    claimed = [e for e in real(text, dt.date(2024, 6, 20)).events if e.size]
    assert len(claimed) == 1 and claimed[0].date is not None
    assert claimed[0].date.value == "2024-06-14"


def test_a_date_in_brackets_after_today_says_which_day_it_is() -> None:
    text = "Shelling killed 14 civilians in Hama today (Monday 13/5/2024), activists said."
    (shelling,) = real(text, dt.date(2024, 5, 16)).events
    assert shelling.date is not None and shelling.date.value == "2024-05-13"
    plain = real("Shelling killed 14 civilians in Hama today (local time).", dt.date(2024, 5, 9))
    assert [e.date.value for e in plain.events if e.date] == ["2024-05-09"]


def test_the_day_of_a_report_in_brackets_is_not_the_day_of_the_act() -> None:
    text = "On 5 May (as reported on 8 May), unknown gunmen killed a chief in Bunia."
    (killing,) = real(text, dt.date(2024, 5, 10)).events
    assert killing.date is not None and killing.date.value == "2024-05-05"


def test_the_narrative_goes_on_inside_the_sentence_it_reached() -> None:
    text = (
        "On 4 February, some 200 supporters of the opposition demonstrated in Dakar. "
        "Police fired tear gas and arrested 15 people."
    )
    article = real(text, dt.date(2024, 2, 7))
    assert {e.date.value for e in article.events if e.date} == {"2024-02-04"}


def test_the_stretch_an_act_is_ranked_over_is_not_its_time() -> None:
    text = "On 10 June, gunmen killed 160 people in Solhan in the deadliest attack since 2015."
    (massacre,) = real(text, dt.date(2021, 6, 12)).events  # one record, was two
    assert massacre.date is not None and massacre.date.value == "2021-06-10"
    launched = real(
        "Militants launched the biggest offensive since 2019 on 3 May in Idlib.",
        dt.date(2024, 5, 5),
    )
    assert [e.date.value for e in launched.events if e.date] == ["2024-05-03"]


def test_a_nights_narrative_goes_on_over_a_sentence_with_no_act() -> None:
    text = (
        "On the night of 2-3 May 2024, Russian forces launched drones at Sumy."
        " Air defence downed most of them. Police detained a man who filmed the strikes."
    )
    article = real(text, dt.date(2024, 5, 9))
    detained = by_trigger(article, "detained")
    assert detained.date is not None and detained.date.value == "2024-05-02/2024-05-03"
    assert detained.event_loc is not None and detained.event_loc.place is not None
    assert detained.event_loc.place.name == "Sumy"  # one night's acts, where they were told
    weeks = "Between 1 and 20 May 2024, troops shelled Demoso. Police detained a journalist."
    later = by_trigger(real(weeks, dt.date(2024, 5, 25)), "detained")
    assert later.date is None or later.date.precision == "publication"  # a stretch: no day


def test_a_vehicle_borne_bomb_is_a_weapon_not_a_target() -> None:
    text = "On 2 June 2024, militants attacked a police post in Afgoye with a VBIED."
    hit = only(real(text), "ASSAULT")
    assert "VBIED" not in [r.name for r in hit.recipient]
    assert [w.weapon.category for w in hit.weapons] == ["explosive"]


def test_people_detained_for_a_protest_are_arrested_not_protesting() -> None:
    text = "On 2 May 2024, the junta detained five students in Mandalay for protesting the draft."
    article = real(text)
    assert only(article, "COERCE").text_info.trigger.text == "detained"
    assert only(article, "PROTEST").text_info.trigger.text == "protesting"


def test_who_fires_on_others_fired_though_the_parser_reads_a_participle() -> None:
    text = "On 3 May 2024, an armed group fired on UN peacekeepers near Bunia, wounding two."
    attack = only(real(text), "ASSAULT")
    assert [a.name for a in attack.actor] == ["armed group"]
    assert _codes(attack.recipient) == ["UN"]


def test_killing_some_and_abducting_others_tell_one_attack() -> None:
    text = "Jihadists raided farms near Mafa, killing six farmers and abducting three others."
    raid = only(real(text), "ASSAULT")
    assert (raid.size[0].kind, raid.size[0].value) == ("dead", 6)


def test_an_attack_turned_back_is_the_attackers_on_those_who_turned_it() -> None:
    text = ("On 2 March 2024, Somali troops repelled an al-Shabaab assault on their base in "
            "Bulo Burde. Three soldiers and nine militants were killed.")  # fmt: skip
    attack = only(real(text), "ASSAULT")
    assert [a.name for a in attack.actor] == ["al-Shabaab"]
    assert [r.name for r in attack.recipient] == ["Somali troops"]
    assert (attack.size[0].kind, attack.size[0].value) == ("dead", 12)
    fended = only(real("Guards fought off a raid by gunmen on the depot."), "ASSAULT")
    assert [a.name for a in fended.actor] == ["gunmen"]
    assert [r.name for r in fended.recipient] == ["Guards"]
    crowd = only(real("Riot police repelled protesters with tear gas in Nairobi."), "ASSAULT")
    assert crowd.text_info.trigger.text == "repelled"  # no attack turned back: the police's act


def test_armies_words_for_killing_enemies_are_killings_with_their_toll() -> None:
    text = "On 5 May 2024, troops neutralised 23 bandits in Tsafe, Zamfara."
    raid = only(real(text), "ASSAULT")
    assert (raid.size[0].kind, raid.size[0].value) == ("dead", 23)
    assert not real("The ministry eliminated two fuel subsidies last year.").events


def test_soldiers_of_the_junta_are_the_states_and_the_shot_dead_are_named_without_dead() -> None:
    text = "On 4 May 2024, soldiers of the junta burned 40 homes in Kani township (Sagaing)."
    arson = only(real(text), "ASSAULT")
    assert _codes(arson.actor) == ["MMR"]
    shot = only(real("Militiamen shot dead three protesters in Bamako on Friday."), "ASSAULT")
    assert [r.name for r in shot.recipient] == ["three protesters"]


def test_some_of_the_dead_named_beside_them_are_not_more_dead() -> None:
    text = "At least nine people, among them two soldiers, died in an attack on a market in Kogi."
    attack = only(real(text), "ASSAULT")
    assert (attack.size[0].kind, attack.size[0].value) == ("dead", 9)


def test_another_hurt_beside_the_dead_is_one_injured() -> None:
    text = "Three people were killed and another injured when troops fired on a crowd in Kankan."
    shooting = only(real(text), "ASSAULT")
    assert [(c.kind, c.value) for c in shooting.size] == [("dead", 3), ("injured", 1)]


def test_the_group_named_again_is_the_group_and_its_claimed_toll_the_acts() -> None:
    text = ("Al-Shabaab fighters raided an army post near Jowhar on Monday. "
            "The group claimed to have killed 11 soldiers.")  # fmt: skip
    raid = only(real(text), "ASSAULT")
    assert _codes(raid.actor) == ["SOM"]
    assert (raid.size[0].kind, raid.size[0].value) == ("dead", 11)
    rebels = real("Troops clashed with ELN guerrillas in Arauca. The rebels then burned a truck.")
    burned = by_trigger(rebels, "burned")
    assert [a.name for a in burned.actor] == ["ELN guerrillas"]


def test_people_who_take_to_the_streets_protest() -> None:
    text = "On 2 May 2024, thousands of teachers took to the streets of Lusaka over unpaid wages."
    march = only(real(text), "PROTEST")
    assert march.text_info.trigger.text == "took"
    taken = real("The band took the streets of Lusaka by storm.").events
    assert all(e.event != "PROTEST" for e in taken)  # no "to": nobody out in protest


def test_what_a_protest_is_over_came_before_on_a_day_not_given() -> None:
    text = "On 9 May 2024, youths blocked roads in Kisumu over the killing of a trader."
    killing = by_trigger(real(text), "killing")
    assert killing.date is None
    assert only(real(text), "PROTEST").date is not None


def test_a_search_operation_and_the_arrests_it_made_are_one_search() -> None:
    text = "On 3 May 2024, soldiers conducted a search operation in Kech and arrested six men."
    search = only(real(text), "COERCE")
    assert search.size[0].value == 6
    assert not [e for e in real(text).events if e.event == "ASSAULT"]


def test_rockets_fired_at_a_part_of_a_country_are_an_attack() -> None:
    text = (
        "On 5 May 2024, Hezbollah fired 40 rockets at northern Israel; no injuries were reported."
    )
    barrage = only(real(text), "ASSAULT")
    assert _codes(barrage.recipient) == ["ISR"]
    over = only(real("North Korea fired a ballistic missile over Japan on Tuesday."), "MOBILIZE")
    assert _codes(over.recipient) == ["JPN"]  # flown over: a show of force


def test_what_a_targeted_vehicle_carried_is_no_act_and_a_bomber_counts_among_the_dead() -> None:
    text = "On 6 May 2024, a drone strike targeted a car carrying SDF commanders near Qamishli."
    assert len(real(text).events) == 1
    blast = only(real("A bomber blew himself up in a market in Gwoza, killing himself and "
                      "six others."), "ASSAULT")  # fmt: skip
    assert (blast.size[0].kind, blast.size[0].value) == ("dead", 7)


def test_ground_regained_or_entered_by_armed_men_is_taken_from_its_holders() -> None:
    text = "On 6 May 2024, army units regained control of Wad Madani from the RSF."
    retaken = only(real(text), "ASSAULT")
    assert [r.name for r in retaken.recipient] == ["Rapid Support Forces"]
    entered = only(real("On 7 May 2024, HTS-led rebels entered Hama at dawn."), "ASSAULT")
    assert _codes(entered.actor) == ["SYR"]
    assert not real("An aid convoy entered Rafah on Monday.").events


def test_a_fight_that_broke_out_between_two_sides_is_theirs() -> None:
    text = "On 8 May 2024, clashes erupted between SNA factions and the SDF near Manbij."
    fight = only(real(text), "ASSAULT")
    assert {a.name for a in fight.actor} == {"Syrian National Army", "SDF"}


def test_police_who_teargassed_protesters_attacked_them() -> None:
    text = "On 10 May 2024, police teargassed protesters outside parliament in Nairobi."
    assert only(real(text), "ASSAULT").text_info.trigger.text == "teargassed"


def test_both_bodies_a_fight_is_between_are_its_parties() -> None:
    text = "On 13 May 2024, clashes broke out between the SAF and RSF in El Obeid."
    fight = only(real(text), "ASSAULT")
    assert {a.name for a in fight.actor} == {"SAF", "Rapid Support Forces"}


def test_soldiers_martyred_are_killed() -> None:
    text = ("On 2 May 2024, militants attacked an army outpost in Duhok province; "
            "three soldiers were martyred, the ministry said.")  # fmt: skip
    attack = only(real(text), "ASSAULT")
    assert (attack.size[0].kind, attack.size[0].value) == ("dead", 3)


def test_the_dead_of_the_strikes_they_were_killed_in_and_the_burned_alive() -> None:
    text = "On 2 May 2024, the army said it killed 40 militants in airstrikes around Djibo."
    strikes = only(real(text), "ASSAULT")
    assert (strikes.size[0].kind, strikes.size[0].value) == ("dead", 40)
    burned = only(real("On 3 May 2024, a man was beaten and burned alive by a mob in Kisii."),
                  "ASSAULT")  # fmt: skip
    assert (burned.size[0].kind, burned.size[0].value) == ("dead", 1)


def test_killed_and_wounded_in_an_attack_are_the_attacks_toll() -> None:
    text = "On 2 May 2024, two soldiers were killed and four wounded in a PKK attack near Metina."
    attack = only(real(text), "ASSAULT")
    assert _codes(attack.actor) == ["TUR"]
    assert [(c.kind, c.value) for c in attack.size] == [("dead", 2), ("injured", 4)]


def test_whom_a_joint_operation_is_against_is_its_target_not_a_partner() -> None:
    text = ("On 3 May 2024, Congolese and Ugandan troops launched joint operations against "
            "the ADF in Irumu territory.")  # fmt: skip
    operation = only(real(text), "ASSAULT")
    assert [r.name for r in operation.recipient] == ["Allied Democratic Forces"]
    assert "Allied Democratic Forces" not in [a.name for a in operation.actor]


def test_another_weapon_the_next_day_is_another_act_not_more_victims() -> None:
    text = ("On 5 May 2024, a landmine killed two herders near Mopti. "
            "On 6 May 2024, another mine wounded a soldier near Mopti.")  # fmt: skip
    blasts = [e for e in real(text).events if e.event == "ASSAULT"]
    assert len(blasts) == 2
    assert [e.date.value for e in blasts if e.date] == ["2024-05-05", "2024-05-06"]


def test_a_clause_before_a_semicolon_is_no_content_of_the_verb_after_it() -> None:
    text = "On 8 May 2024, gunmen abducted 12 farmers near Kauru; later, they demanded a ransom."
    abduction = only(real(text), "ASSAULT")
    assert abduction.modality == "actual"


def test_ground_taken_from_an_armed_side_was_taken_in_a_fight_with_it() -> None:
    rebels = {"rebels": Actor(code="CAF", name="rebels", kind="group", sector="REB")}
    mbres = {"Mbres": place(9000003, "Mbrés", "CAF", 6.67, 19.8)}
    # "retook": an irregular past the tagger reads as a present, lemmatised all the same
    for text in ("The army retook the town of Mbres from the rebels.",
                 "The army recaptured Mbres from the rebels."):  # fmt: skip
        taken = only(annotate(text, actors=rebels, places=mbres), "ASSAULT")
        assert [r.name for r in taken.recipient] == ["rebels"], text
    drugs = annotate("Police seized two kilograms of heroin from smugglers.", actors=rebels)
    assert "ASSAULT" not in kinds(drugs)


def test_a_town_lost_to_a_side_was_taken_by_it() -> None:
    sides = {
        "rebels": Actor(code="CAF", name="rebels", kind="group", sector="REB"),
        "government forces": Actor(
            code="CAF", name="government forces", kind="group", sector="MIL"
        ),
    }
    mbres = {"Mbres": place(9000003, "Mbrés", "CAF", 6.67, 19.8)}
    text = "The rebels lost the town of Mbres to government forces on Monday."
    lost = only(annotate(text, actors=sides, places=mbres), "ASSAULT")
    assert [a.name for a in lost.actor] == ["government forces"]
    assert [r.name for r in lost.recipient] == ["rebels"]
    election = annotate("The ruling party lost the election to the opposition.")
    assert "ASSAULT" not in kinds(election)


def test_an_attack_foiled_or_thwarted_is_one_attack_on_who_foiled_it() -> None:
    sides = {
        "army": Actor(code="PAK", name="army", kind="group", sector="MIL"),
        "militants": Actor(code="PAK", name="militants", kind="group", sector="INS"),
        "Taliban fighters": Actor(code="AFG", name="Taliban", kind="group", sector="REB"),
    }
    for text, doer in (
        ("The army thwarted an attack by militants on a checkpoint.", "militants"),
        ("The army foiled an infiltration attempt by Taliban fighters.", "Taliban"),
    ):
        article = annotate(text, actors=sides)
        assert kinds(article) == ["ASSAULT"], text
        (attack,) = article.events
        assert [a.name for a in attack.actor] == [doer], text
        assert [r.name for r in attack.recipient] == ["army"], text


def test_a_crime_committed_is_the_crime() -> None:
    arson = only(annotate("Cartel gunmen committed arson at a bar on Monday."), "ASSAULT")
    assert arson.text_info.trigger.text == "arson"
    assert [a.name for a in arson.actor] == ["Cartel gunmen"]


def test_control_restored_over_villages_is_ground_retaken() -> None:
    hts = {"Hayat Tahrir al-Sham": Actor(code="SYR", name="HTS", kind="group", sector="REB")}
    text = "Hayat Tahrir al-Sham restored its control over two villages on Monday."
    assert kinds(annotate(text, actors=hts)) == ["ASSAULT"]
    grid = annotate("The government restored control of the electricity grid.")
    assert "ASSAULT" not in kinds(grid)


def test_rival_bodies_that_clash_with_nobody_named_fight_each_other() -> None:
    militias = only(annotate("Clan militias clashed over a water point, leaving five dead."),
                    "ASSAULT")  # fmt: skip
    assert [a.name for a in militias.actor] == ["Clan militias"]
    assert [r.name for r in militias.recipient] == ["Clan militias"]
    clans = only(annotate("Clashes between two clans over grazing land left eight dead."),
                 "ASSAULT")  # fmt: skip
    assert [a.name for a in clans.actor] == ["two clans"]  # what they fought over is no name
    assert [r.name for r in clans.recipient] == ["two clans"]
    crowd = annotate("Protesters clashed in the capital on Monday.").events
    assert all(not e.recipient for e in crowd)  # with someone left unsaid


def test_remains_found_tell_a_killing() -> None:
    puebla = {"Puebla": place(3521081, "Puebla", "MEX", 19.04, -98.2)}
    for text in ("A man's head was found in the hood of a taxi in Puebla.",
                 "Three severed heads were found near the market in Puebla.",
                 "Two human skulls were found in a ravine in Puebla."):  # fmt: skip
        assert kinds(annotate(text, places=puebla)) == ["ASSAULT"], text
    chief = annotate("The head of the commission was found in his office in Puebla.", places=puebla)
    assert "ASSAULT" not in kinds(chief)
    fossils = annotate("Archaeologists found dinosaur bones near Puebla.", places=puebla)
    assert "ASSAULT" not in kinds(fossils)


def test_who_a_relative_pronoun_stands_for_does_its_clauses_act() -> None:
    article = annotate("Police dispersed teachers who were marching in the capital on Monday.")
    march = only(article, "PROTEST")
    assert [a.name for a in march.actor] == ["teachers"]
    assert by_trigger(article, "dispersed").event == "COERCE"  # the march stopped, no march
    # the terms a source spoke on are no act of theirs
    sources = annotate("Officials, who requested anonymity to discuss the matter, said the "
                       "talks had stalled.")  # fmt: skip
    assert "REQUEST" not in kinds(sources)


def test_tear_gas_fired_at_people_protesting_is_force_against_them() -> None:
    police = {"police": Actor(code="BGD", name="police", kind="group", sector="COP")}
    text = "Police fired tear gas at students who were protesting on Monday."
    article = annotate(text, actors=police)
    assert by_trigger(article, "fired").event == "ASSAULT"
    assert [a.name for a in by_trigger(article, "protesting").actor] == ["students"]


def test_people_a_struck_vehicle_carried_were_struck() -> None:
    aqap = {"AQAP members": Actor(code="YEM", name="AQAP members", kind="group", sector="REB")}
    text = "A drone strike targeted a vehicle carrying AQAP members on Monday, killing three."
    strike = only(annotate(text, actors=aqap), "ASSAULT")
    assert [r.name for r in strike.recipient] == ["AQAP members"]


def test_a_verb_without_an_object_before_and_shares_the_next_ones() -> None:
    taliban = {"Taliban": Actor(code="AFG", name="Taliban", kind="group", sector="REB")}
    kabul = {"Kabul": place(1138958, "Kabul", "AFG", 34.53, 69.17)}
    text = "On 3 May 2023, the Taliban beat and detained a journalist in Kabul."
    article = annotate(text, actors=taliban, places=kabul, published="2023-05-06")
    assert by_trigger(article, "beat").event == "ASSAULT"  # not "beat" a side: CONCEDE


def test_the_state_a_place_lies_in_is_named_as_running_text_names_it() -> None:
    jenin = PlaceMention(span=Span(start=0, end=5, text="Jenin"),
                         place=place(293953, "Janin", "PSE", 32.46, 35.3))  # fmt: skip
    state = events_places.state_of(jenin)
    assert state is not None and (state.name, state.code) == ("State of Palestine", "PSE")


def test_a_bomber_killed_with_his_victims_is_counted_among_the_dead() -> None:
    text = "A suicide bomber killed five people and himself at a market on Monday."
    blast = only(annotate(text), "ASSAULT")
    assert [(c.kind, c.value) for c in blast.size] == [("dead", 6)]


def test_an_exchange_of_fire_is_a_fight_and_a_stepped_up_operation_its_doers() -> None:
    donetsk = {"Donetsk": place(709717, "Donetsk", "UKR", 48.02, 37.8)}
    fight = annotate("An exchange of fire took place near Donetsk on Monday.", places=donetsk)
    assert kinds(fight) == ["ASSAULT"]
    swap = annotate("The two sides agreed to a prisoner exchange in Donetsk.", places=donetsk)
    assert "ASSAULT" not in kinds(swap)
    army = {"army": Actor(code="MMR", name="army", kind="group", sector="MIL")}
    ops = only(annotate("The army ramped up military operations on Monday.", actors=army),
               "ASSAULT")  # fmt: skip
    assert [a.name for a in ops.actor] == ["army"]


def test_a_fight_in_a_part_of_a_town_is_placed_at_the_town() -> None:
    bakhmut = {"Bakhmut": place(712451, "Bakhmut", "UKR", 48.6, 38.0)}
    for text in ("Fighting raged in Bakhmut's southwestern outskirts on Monday.",
                 "Fighting took place in Bakhmut's southwestern outskirts on Monday."):  # fmt: skip
        fight = only(annotate(text, places=bakhmut), "ASSAULT")
        assert fight.event_loc is not None and fight.event_loc.span.text == "Bakhmut", text


def test_emergency_rule_put_in_force_is_coercion() -> None:
    junta = {"junta": Actor(code="MMR", name="junta", kind="group", sector="MIL")}
    sagaing = {"Sagaing": place(1295765, "Sagaing", "MMR", 21.88, 95.98)}
    text = "On Monday the junta imposed martial law in 37 townships in Sagaing."
    assert kinds(annotate(text, actors=junta, places=sagaing)) == ["COERCE"]
    government = {"government": Actor(code="ETH", name="government", kind="group", sector="GOV")}
    tigray = {"Tigray": place(444186, "Tigray", "ETH", 14.0, 39.0, "admin1")}
    declared = only(annotate("The government declared a state of emergency in Tigray.",
                             actors=government, places=tigray), "COERCE")  # fmt: skip
    assert [a.name for a in declared.actor] == ["government"]
    lifted = annotate("The president lifted the state of emergency in Tigray.", places=tigray)
    assert "COERCE" not in kinds(lifted)
    assert not annotate("Martial law remains in force in Tigray.", places=tigray).events


def test_armed_men_pushing_into_ground_are_on_the_offensive() -> None:
    houthis = {"Houthi rebels": Actor(code="YEM", name="Houthis", kind="group", sector="REB")}
    text = "Houthi rebels pushed into the southern province on Monday."
    assert kinds(annotate(text, actors=houthis)) == ["ASSAULT"]  # was a REQUEST
