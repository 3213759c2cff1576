"""Place resolution from the whole article (issue 13): the region named beside a place, the
places it is said to be near, the article's focus, whole names and words that are no places."""

from __future__ import annotations

from tests.test_place import analyse, named, only

from wirewatch.gazetteer import gazetteer, km, to_place
from wirewatch.records import Place
from wirewatch.stages.place.find import beside, container, listed, reach_km
from wirewatch.stages.place.rank import FEATURES, PRIOR, Around, Tally, context_features, ranker
from wirewatch.stages.place.resolve import Mention, resolve

DONETSK_OBLAST = 709716
DNIPROPETROVSK_OBLAST = 709929
DARAA_GOVERNORATE = 170903


def place_of(text: str, name: str) -> Place:
    found = only(analyse(text), name).place
    assert found is not None, f"{name} unresolved in {text!r}"
    return found


def test_the_region_after_a_comma_chooses_the_namesake_inside_it() -> None:
    # a dozen Ukrainian villages share this name; two of them lie in Donetsk oblast
    village = place_of(
        "Shells fell on a school near Dmytrivka, Donetsk, late on Sunday.", "Dmytrivka"
    )
    table = gazetteer()
    entry = table.get(village.geonameid or 0)
    assert entry is not None and entry.admin1 == DONETSK_OBLAST


def test_the_region_after_in_chooses_the_namesake_inside_it() -> None:
    # a far bigger town of this name lies in West Africa
    town = place_of("Government artillery pounded Nawa in Daraa for a third day.", "Nawa")
    assert town.country == "SYR" and town.admin1 == "Daraa Governorate"


def test_the_region_named_beside_a_town_is_not_a_foreign_namesake() -> None:
    region = place_of("Ukrainian troops held the line at Dmytrokolyne, Donetsk.", "Donetsk")
    assert region.country == "UKR"


def test_a_village_the_gazetteer_lacks_is_placed_at_its_region_never_at_a_namesake() -> None:
    # none of the namesakes the gazetteer knows lies in Dnipropetrovsk oblast
    village = place_of(
        "A drone hit a farm near Zaliznychne, Dnipropetrovsk, on Friday.", "Zaliznychne"
    )
    assert village.geonameid == DNIPROPETROVSK_OBLAST
    assert village.precision == "admin1" and village.feature == "admin1"


def test_a_list_after_a_comma_is_no_container() -> None:
    text = "Strikes hit Kyiv, Kharkiv, Odesa and Lviv."
    assert listed(text, text.index("Kharkiv") + len("Kharkiv"))
    kyiv = place_of(text, "Kyiv")
    assert kyiv.feature == "city" and kyiv.country == "UKR"


def test_the_words_between_two_names_say_contains_or_near() -> None:
    text = "Karak in Dar'a; Lozove near Kupiansk; Izium, 40 km south of Balakliia"
    assert container(text, text.index(" in "), text.index("Dar'a"))
    assert beside(text, text.index(" near "), text.index("Kupiansk"))
    assert beside(text, text.index(", 40"), text.index("Balakliia"))
    assert not container(text, text.index(" near "), text.index("Kupiansk"))


def test_the_words_between_two_names_may_say_how_far_apart_they_lie() -> None:
    text = (
        "Mbres, located 12 kilometers outside of the main town of Kaga-Bandoro; Sido, some 5 "
        "miles from Kabo; Tiri village, situated 40 km south of Ndele; Ouadda near Bria"
    )
    between = [("Mbres", "Kaga-Bandoro"), ("Sido", "Kabo"), ("Tiri", "Ndele"), ("Ouadda", "Bria")]
    gaps = [(text.index(a) + len(a), text.index(b)) for a, b in between]
    assert all(beside(text, end, start) for end, start in gaps)
    assert [reach_km(text, end, start) for end, start in gaps] == [12.0, 5 * 1.609, 40.0, None]


def test_a_town_said_to_lie_near_another_is_no_namesake_on_another_continent() -> None:
    # the gazetteer knows Liwa only in the Gulf; the only Novoselivka it knows in Ukraine is
    # 600 km from Chernihiv
    liwa = only(analyse("Clashes hit Liwa, located 10 kilometers outside of Bambari."), "Liwa")
    assert liwa.place is None  # unresolved, its words kept
    text = "Troops shelled Novoselivka, about 20 km north of Chernihiv, on Monday."
    assert only(analyse(text), "Novoselivka").place is None
    near = place_of("Troops shelled Dmytrivka, 15 km from Bakhmut.", "Dmytrivka")
    bakhmut = place_of("Troops shelled Dmytrivka, 15 km from Bakhmut.", "Bakhmut")
    assert km(near.lat, near.lon, bakhmut.lat, bakhmut.lon) < 60  # the namesake within reach


def test_a_place_said_to_be_near_a_resolved_one_is_its_neighbour() -> None:
    table = gazetteer()
    (horlivka,) = [e for e in table.lookup("Horlivka") if e.feature == "city"]
    chosen = resolve([Mention(text="Dmytrivka", near=1), Mention(text="Horlivka")], table)
    village = chosen[0]
    assert village is not None and village.admin1 == DONETSK_OBLAST
    assert km(village.lat, village.lon, horlivka.lat, horlivka.lon) < 150
    far = next(e for e in table.lookup("Dmytrivka") if e.admin1 != DONETSK_OBLAST)
    model = ranker()
    around = Around(every=Tally(), own=Tally(), beside=[horlivka])
    beside = FEATURES.index("beside") - len(PRIOR)
    assert context_features(village, around, None, model)[beside] > 0
    assert context_features(far, around, None, model)[beside] == 0


def test_the_article_country_beats_a_foreign_namesake() -> None:
    text = (
        "Syrian government forces shelled Daraa and Busra al-Harir on Monday, residents said. "
        "On Tuesday rockets landed in Nawa, killing two."
    )
    town = only(analyse(text), "Nawa").place
    assert town is not None and town.country == "SYR"


def test_compound_names_are_kept_whole() -> None:
    article = analyse(
        "Militants attacked a checkpoint in the Mogadishu-Karan district. Jets struck "
        "Arqub-Al Uqlah and Ras Al Ain. Rescuers reached Shakhta imeni Gagarina."
    )
    countries = {m.place.country for m in article.places if m.place is not None}
    assert not countries & {"IRN", "NOR", "IND"}
    texts = {m.span.text for m in article.places}
    assert not texts & {"-Karan", "Karan", "-Al", "Al", "Ras", "Shakhta", "Gagarina"}
    assert "Mogadishu-Karan" in texts  # whole, and unresolved: the gazetteer lacks it


def test_a_persian_linking_vowel_keeps_a_name_whole() -> None:
    article = analyse("A truck bomb hit the consulate in Mazar-i-Sharif and Dasht-e-Archi.")
    texts = {m.span.text: m.place for m in article.places}
    assert "Mazar" not in texts and "Dasht" not in texts
    city = texts["Mazar-i-Sharif"]
    assert city is not None and city.country == "AFG"


def test_a_hyphen_between_two_major_places_keeps_both() -> None:
    article = analyse("Talks on the Russia-Ukraine border reopened in Dallas-Fort Worth.")
    assert {m.span.text for m in article.places} >= {"Russia", "Ukraine", "Dallas", "Fort Worth"}


def test_currencies_markets_and_teams_are_no_places() -> None:
    article = analyse(
        "Importers struggled with the strong US dollar, Japanese stocks fell and the Brazil "
        "team flew home from Madrid."
    )
    assert [m.span.text for m in article.places] == ["Madrid"]


def test_an_actor_qualified_by_a_place_does_not_place_the_event() -> None:
    article = analyse("Saudi-led coalition airstrikes hit Marib overnight.")
    (saudi,) = named(article, "Saudi")
    assert saudi.role == "demonym"
    assert only(article, "Marib").role == "body"


def test_countries_and_regions_say_they_are_areas() -> None:
    table = gazetteer()
    (ukraine,) = [e for e in table.lookup("Ukraine") if e.feature == "country"]
    oblast = table.get(DONETSK_OBLAST)
    assert oblast is not None
    assert to_place(ukraine, table).precision == "country"
    assert to_place(oblast, table).precision == "admin1"
    town = table.get(DARAA_GOVERNORATE)
    assert town is not None and to_place(town, table).precision == "admin1"


def test_a_division_word_chooses_the_division_of_that_kind() -> None:
    # Bolivia's Beni Department is bigger; "territory" is what Congo's divisions are called
    beni = place_of("Rebels killed eight civilians in Beni territory on Monday.", "Beni")
    assert beni.country == "COD" and beni.name == "Beni Territory"


def test_a_town_and_its_region_with_their_division_words() -> None:
    # the gazetteer knows no Kani in Myanmar, only a Japanese city: the region is the place
    kani = place_of("Soldiers burned houses in Kani township, Sagaing region, on Friday.", "Kani")
    assert kani.country == "MMR" and kani.precision == "admin1"
    assert place_of("Troops raided a village in Sagaing region.", "Sagaing").feature == "admin1"


def test_a_hamlet_named_after_a_state_does_not_hide_the_state() -> None:
    chiapas = place_of("Gunmen clashed with soldiers in Chiapas on Monday.", "Chiapas")
    assert chiapas.feature == "admin1" and chiapas.country == "MEX"
    # a town that is a real share of its region still names it: Kharkiv is the city
    assert place_of("Missiles hit Kharkiv on Monday.", "Kharkiv").feature == "city"


def test_a_small_namesake_abroad_loses_to_the_place_the_article_points_to() -> None:
    jenin = place_of(
        "Israeli forces raided Jenin and killed two Palestinians, officials said.", "Jenin"
    )
    assert jenin.country == "PSE"


def test_arabic_article_is_found_however_it_is_written() -> None:
    table = gazetteer()
    written = {e.id for e in table.lookup("Jisr ash-Shughur")}
    assert written and {e.id for e in table.lookup("Jisr al-Shughur")} == written
    assert not table.lookup("Jisr al-Shughurx")


def test_the_head_of_a_longer_unknown_name_is_no_place() -> None:
    article = analyse("Militants attacked an army base in Bulo Burde on Monday.")
    found = [(m.span.text, m.place) for m in article.places]
    assert ("Bulo Burde", None) in found
    assert not named(article, "Bulo")


def test_a_namesake_beside_the_country_of_the_story_beats_one_on_another_continent() -> None:
    # Mozambique's province of this name is larger; the story names only Israel
    strip = place_of("Israeli jets killed five people in Gaza on Tuesday.", "Gaza")
    assert strip.country == "PSE"
    alone = place_of("The drought hit farmers across Gaza and Inhambane.", "Gaza")
    assert alone.country == "MOZ"  # no country beside: the namesake the other name backs
