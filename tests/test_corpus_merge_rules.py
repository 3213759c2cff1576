"""The rules that keep two happenings apart (``corpus.compat``) and place a report in the
merged event it is most like (``merge.home``), on hand-built reports."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tests.test_corpus_merge import IRAN, KHARKIV, RUSSIA, STRIKE, UKRAINE, UKRAINE_PLACE, event

from wirewatch.corpus import compat, merge
from wirewatch.records import Actor, Place, PlaceMention, Span, TimeRef

DAY = dt.date(2024, 6, 10)
ODESA_REGION = Place(
    geonameid=698738, name="Odesa Oblast", feature="admin1", country="UKR", lat=46.6, lon=30.5,
    precision="region",
)  # fmt: skip
KHARKIV_REGION = Place(
    geonameid=706482, name="Kharkivska", feature="admin1", country="UKR", lat=49.6, lon=36.5,
    precision="region",
)  # fmt: skip
RED_SEA = Place(
    geonameid=350155, name="Red Sea", feature="sea", country=None, lat=20.0, lon=38.0,
    precision="region",
)  # fmt: skip
RUSSIA_PLACE = Place(
    geonameid=2017370, name="Russia", feature="country", country="RUS", lat=60.0, lon=100.0,
    precision="country",
)  # fmt: skip
USA = Actor(code="USA", name="United States", kind="state")
SOKOLOV = Actor(code="RUS", name="Andrei Sokolov", kind="person")
MEDVEDEV = Actor(code="RUS", name="Dmitry Medvedev", kind="person")


def told(article: str, text: str = STRIKE, **fields: object) -> compat.Report:
    """A report of ``article``: the ``event`` helper's strike, with ``fields`` replaced."""
    made = dataclasses.replace(event(article, text), **fields)  # type: ignore[arg-type]
    return compat.Report(made, DAY, article, {})


def at(place: Place) -> PlaceMention:
    return PlaceMention(span=Span(start=0, end=1, text="x"), place=place)


def test_a_report_dated_only_by_its_article_is_undated() -> None:
    stamped = TimeRef(value="2024-06-10", precision="publication", text="", anchor=None)
    found = told("a", date=stamped)
    assert compat.interval(found.event, DAY) == (dt.date(2024, 6, 3), DAY)


def test_two_regions_of_one_country_are_two_places_and_a_country_holds_no_sea() -> None:
    assert not compat.places_agree(at(ODESA_REGION), at(KHARKIV_REGION))
    assert compat.places_agree(at(KHARKIV_REGION), at(KHARKIV))
    assert compat.places_agree(at(UKRAINE_PLACE), at(KHARKIV))
    assert not compat.places_agree(at(RUSSIA_PLACE), at(RED_SEA))


def test_who_struck_whom_is_the_happening() -> None:
    """Russia striking Ukraine and Ukraine striking Russia are two happenings."""
    one = told("a")
    two = told("b", actor=(UKRAINE,), recipient=(RUSSIA,))
    assert not compat.same_happening(one, two)
    both = told("c", actor=(RUSSIA, UKRAINE), recipient=(RUSSIA, UKRAINE))
    assert compat.same_happening(one, both)  # a doer in common: no contradiction


def test_two_named_doers_are_two_happenings() -> None:
    """Two spokesmen's warnings are two warnings, though both are Russia's."""
    one = told("a", event="THREATEN", actor=(SOKOLOV,), recipient=(UKRAINE,))
    two = told("b", "Medvedev warned Kyiv.", event="THREATEN", actor=(MEDVEDEV,),
               recipient=(UKRAINE,))  # fmt: skip
    again = told("c", "Sokolov warned again.", event="THREATEN", actor=(SOKOLOV,),
                 recipient=(UKRAINE,))  # fmt: skip
    assert not compat.same_happening(one, two)
    assert compat.same_happening(one, again)


def test_what_the_narrator_negates_never_joins_what_happened() -> None:
    happened = told("a", actor=(USA,), recipient=(RUSSIA,))
    negated = told("b", "The U.S. has not struck Russia.", actor=(USA,), recipient=(RUSSIA,),
                   polarity="negated")  # fmt: skip
    assert not compat.same_happening(happened, negated)


def test_a_denial_disputes_a_claim_about_a_named_doer() -> None:
    claim = told("a", "Iran sent missiles to Russia.", event="AID", actor=(IRAN,),
                 recipient=(RUSSIA,), date=None, event_loc=None)  # fmt: skip
    denied = dataclasses.replace(claim.event, article_id="b", polarity="denied")
    no_doer = dataclasses.replace(denied, actor=())
    assert compat.same_happening(claim, compat.Report(denied, DAY, "b", {}))
    assert not compat.same_happening(claim, compat.Report(no_doer, DAY, "b", {}))


def test_statements_are_known_by_their_speaker() -> None:
    one = told("a", "Russia accused Ukraine of shelling.", event="ACCUSE", actor=(RUSSIA,),
               recipient=(UKRAINE,), event_loc=None)  # fmt: skip
    nobody = told("b", "Threats were made against Ukraine today.", event="ACCUSE", actor=(),
                  recipient=(UKRAINE,), event_loc=None)  # fmt: skip
    copy = told("c", "Russia accused Ukraine of shelling.", event="ACCUSE", actor=(),
                recipient=(UKRAINE,), event_loc=None)  # fmt: skip
    assert not compat.same_happening(one, nobody)
    assert compat.same_happening(one, copy)  # nearly the same sentence: a copy


def test_one_target_in_common_ties_nothing() -> None:
    """In a war every strike of one side targets the other: a doer, the same targets, a
    place below the country or a sentence must tie two reports."""
    israel = Actor(code="ISR", name="Israel", kind="state")
    lebanon = Actor(code="LBN", name="Lebanon", kind="state")
    one = told("a", "Israel struck a car in the south.", actor=(israel,), recipient=(lebanon,),
               event_loc=None)  # fmt: skip
    two = told("b", "A drone hit a truck near the border.", actor=(),
               recipient=(lebanon, USA), event_loc=None)  # fmt: skip
    same_targets = told("c", "A drone hit a truck near the border.", actor=(),
                        recipient=(lebanon,), event_loc=None)  # fmt: skip
    assert not compat.same_happening(one, two)
    assert compat.same_happening(one, same_targets)
    placed = told("d", "Sirens and a blast were heard in Kharkiv.", actor=(), recipient=())
    assert compat.same_happening(told("e"), placed)  # both in Kharkiv


def test_a_copy_joins_its_original_not_another_happening_of_its_kind() -> None:
    """``home`` takes the candidate whose report is told most alike, not the first."""
    condemned = "Russia condemned the launch on Friday, the Kremlin said."
    denounced = "Russian lawmakers also denounced the latest move by Pyongyang."
    korea = Actor(code="PRK", name="North Korea", kind="state")

    def accuse(article: str, text: str) -> compat.Report:
        return told(article, text, event="ACCUSE", actor=(RUSSIA,), recipient=(korea,),
                    event_loc=None)  # fmt: skip

    held = {"m1": [accuse("a", denounced)], "m2": [accuse("a2", condemned)]}
    copy = accuse("b", condemned)
    assert compat.same_happening(copy, held["m1"][0])  # it could join either
    assert merge.home(copy, ["m1", "m2"], held.__getitem__) == "m2"


def test_the_campaign_width_is_a_parameter() -> None:
    """``WIDE`` (chosen by the bench) splits incidents from campaigns; narrower, a month
    is a campaign too."""
    month = TimeRef(value="2024-06", precision="month", text="", anchor=None)
    strike, onslaught = told("a"), told("b", date=month)
    assert compat.same_happening(strike, onslaught)
    assert not compat.same_happening(strike, onslaught, wide=dt.timedelta(days=8))


def test_an_armed_group_is_not_the_state_whose_code_it_carries() -> None:
    """Boko Haram is coded NGA, as the Nigerian army is: their acts are never one happening,
    and a group is known by its name across reports."""
    boko = Actor(code="NGA", name="Boko Haram", kind="group", sector="REB")
    army = Actor(code="NGA", name="Nigerian army", kind="state", sector="MIL")
    nigeria = Actor(code="NGA", name="Nigeria", kind="state")
    by_group, by_army = told("a", actor=(boko,)), told("b", actor=(army,))
    assert not compat.parties_agree(by_group.event, by_army.event, {})
    assert compat.parties_agree(by_army.event, told("c", actor=(nigeria,)).event, {})
    again = told("d", actor=(Actor(code="NGA", name="Boko Haram", kind="group", sector="REB"),))
    assert compat.parties_agree(by_group.event, again.event, {})


def test_a_place_taken_from_the_articles_context_neither_parts_nor_ties_reports() -> None:
    guessed = dataclasses.replace(at(ODESA_REGION), role="context")
    assert compat.places_agree(guessed, at(KHARKIV_REGION))  # a guess parts nothing
    assert not compat.places_agree(at(ODESA_REGION), at(KHARKIV_REGION))
    one, two = told("a1", event_loc=guessed), told("a2", event_loc=guessed, actor=())
    assert compat.same_happening(one, two) == compat.same_happening(
        told("a1", event_loc=None), told("a2", event_loc=None, actor=())
    )  # nor does it tie two reports that nothing else ties
