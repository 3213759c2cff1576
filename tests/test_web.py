"""The web workspace in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
reader, table, map, timeline and network over the hand-made fixture store (and ``desk``: the
same plus an article placed only to a country, a region and a wider region, and actors in
separate groups), and markup in article text that must render as text. The server binds
127.0.0.1 only.

Needs /usr/bin/chromium and the page's assets (python -m wirewatch.web.build): without them
these tests skip with the reason, except in CI where they must run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright
from tests.test_api import TEXT_3, TITLE_3, build
from tests.test_web_api import desk

from wirewatch import web
from wirewatch.api import app as api
from wirewatch.web.chromium import CHROMIUM, FLAGS

pytestmark = pytest.mark.browser

TIMEOUT = 30_000


def need(ready: bool, message: str) -> None:
    if not ready:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Site:
    """The app served by uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, db: str, token: str | None = None) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            api.create_app(db, token=token), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the test server did not start"
            time.sleep(0.02)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _served(tmp_path_factory, "fixture.db", build)


@pytest.fixture(scope="module")
def desk_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture store and the desk's article (test_web_api.desk)."""
    yield from _served(tmp_path_factory, "desk.db", desk)


def _served(
    factory: pytest.TempPathFactory, name: str, make: Callable[[str], Any]
) -> Iterator[Site]:
    need(not web.missing_assets(), f"page assets missing {web.missing_assets()}: run "
         "python -m wirewatch.web.build (make does it)")  # fmt: skip
    db = str(factory.mktemp("web") / name)
    make(db).close()
    served = Site(db)
    yield served
    served.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    need(CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=list(FLAGS), headless=True,
            viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        context.set_default_timeout(TIMEOUT)
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext, site: Site) -> Iterator[Page]:
    """A fresh tab; any console error (a CSP violation, a script error) fails the test."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    tab.close()
    assert problems == []


def open_view(page: Page, site: Site, hash_: str, view: str) -> None:
    page.goto(f"{site.base}/{hash_}")
    page.wait_for_function(f"() => document.body.dataset.view === '{view}'")


def expect_rows(page: Page, wanted: list[str], *, ordered: bool = False) -> None:
    """Wait until the event table shows exactly these rows (in this order when ``ordered``)."""
    page.wait_for_function(
        """([wanted, ordered]) => {
            const ids = [...document.querySelectorAll('#events-table tbody tr')]
                .map(r => r.dataset.eventId || '');
            const seen = ordered ? ids : [...ids].sort();
            return JSON.stringify(seen) === JSON.stringify(ordered ? wanted : [...wanted].sort());
        }""",
        arg=[wanted, ordered],
    )


# --- reader ------------------------------------------------------------------------------


def test_reader_highlights_every_finding_and_shows_its_record(page: Page, site: Site) -> None:
    open_view(page, site, "#/reader/a1", "reader")
    text = page.locator("#article-text")
    expect(page.locator("#article-title")).to_have_text("Missiles hit Kharkiv")
    for kind, shown in [("actor", "Russian"), ("place", "Kharkiv"), ("time", "Thursday"),
                        ("weapon", "missiles"), ("event", "hit"), ("quote", "six people")]:  # fmt: skip
        assert shown in " ".join(text.locator(f".seg.k-{kind}").all_text_contents()), kind
    text.locator(".seg.k-place", has_text="Kharkiv").first.click()
    panel = page.locator("#record-panel")
    expect(panel.locator(".card[data-kind=place]")).to_contain_text("706483")
    text.locator(".seg.k-event", has_text="hit").click()
    event = panel.locator(".card[data-kind=event]")
    expect(event).to_contain_text("ASSAULT (missile)")
    expect(event).to_contain_text("dead at least 6")
    expect(event).to_contain_text("Ukrainian officials (said)")
    page.locator("#reader-legend input").first.uncheck()
    expect(text).to_have_class("article-text hide-actor")


def test_the_reader_tells_the_whole_event(page: Page, site: Site) -> None:
    open_view(page, site, "#/reader/a1?event=ev-assault-kharkiv", "reader")
    card = page.locator("#record-panel .card[data-kind=event]")
    expect(card).to_contain_text("Russia (RUS MIL) → Ukraine (UKR GOV)")  # actor → recipient
    names, values = card.locator("dt").all_text_contents(), card.locator("dd").all_text_contents()
    fields = dict(zip(names, values, strict=True))
    assert fields["date"].startswith("2024-05-30 (day")
    assert fields["where"].startswith("Kharkiv, Kharkiv Oblast, UKR (city, precision city")
    assert fields["toll"] == "dead at least 6"
    assert fields["weapons"] == "ballistic missile"
    assert fields["modality"] == "actual / asserted"
    assert fields["according to"] == "Ukrainian officials (said)"
    assert fields["mentions (1)"].startswith("“hit” in: KYIV, Ukraine (AP) — Russian missiles")
    row = page.locator("#article-events li[data-event-id=ev-assault-kharkiv]")
    expect(row).to_contain_text("2024-05-30 · Kharkiv · dead at least 6")


def test_every_event_links_back_to_its_sentence(page: Page, site: Site) -> None:
    open_view(page, site, "#/reader/a1", "reader")
    page.locator("#article-events li[data-event-id=ev-agree-germany] button").click()
    focused = "".join(page.locator("#article-text .seg.focus").all_text_contents())
    assert (
        focused
        == "Germany agreed to send more air defence systems to Ukraine, its chancellor said on Friday."
    )
    open_view(page, site, "#/events", "events")
    page.locator("tr[data-event-id=ev-strike-belgorod] a.evidence").click()
    page.wait_for_function("() => document.body.dataset.view === 'reader'")
    expect(page.locator("#article-text .seg.focus").first).to_be_visible()
    focused = "".join(page.locator("#article-text .seg.focus").all_text_contents())
    assert focused.startswith("Ukrainian drones struck") and focused.endswith("governor said.")
    expect(page.locator("#record-panel .card[data-kind=event]")).to_contain_text("injured 2")


# --- table -------------------------------------------------------------------------------


def test_table_filters_sorts_pages_and_exports(page: Page, site: Site) -> None:
    open_view(page, site, "#/events", "events")
    expect(page.locator("#events-table tbody tr")).to_have_count(5)
    page.fill("#filters input[name=actor]", "RUS")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => location.hash.includes('actor=RUS')")
    expect(page.locator("#events-summary")).to_contain_text("2 events (actor: RUS)")
    expect_rows(page, ["ev-assault-kharkiv", "ev-threat-moscow"])
    page.select_option("#filters select[name=modality]", "threatened")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events-summary")).to_contain_text("1 events")
    expect_rows(page, ["ev-threat-moscow"])
    page.click("#filters button[type=reset]")
    expect(page.locator("#events-summary")).to_contain_text("5 events")
    page.locator("#events-table th[data-key=dead] button").click()
    page.wait_for_function("() => location.hash.includes('sort=dead')")
    page.locator("#events-table th[data-key=dead] button").click()
    page.wait_for_function("() => location.hash.includes('sort=-dead')")
    expect(page.locator("#events-table tbody tr").first).to_have_attribute(
        "data-event-id", "ev-assault-kharkiv"
    )
    page.fill("#filters input[name=country]", "UKR")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events-summary")).to_contain_text("2 events (country: UKR)")
    href = page.locator("#events-export a[data-format=csv]").get_attribute("href")
    exported = page.request.get(site.base + str(href)).text().strip().splitlines()
    assert len(exported) == 3 and exported[0].startswith("id,article_id,event")


# --- map, timeline, network -------------------------------------------------------------------


def test_map_clusters_events_and_opens_those_at_a_place(page: Page, site: Site) -> None:
    open_view(page, site, "#/map", "map")
    expect(page.locator("#map-summary")).to_contain_text("3 events at 2 places")
    markers = page.locator(".event-marker, .event-cluster")
    expect(markers.first).to_be_visible()
    if page.locator(".event-marker").count() < 2:
        page.locator(".event-cluster").first.dispatch_event("click")  # no wait for animations
    kharkiv = page.locator(".event-marker[data-events='2']")
    expect(kharkiv).to_have_attribute("data-type", "ASSAULT")
    kharkiv.dispatch_event("click")
    panel = page.locator("#map-events")
    expect(panel.locator("li")).to_have_count(2)
    expect(panel).to_contain_text("6 dead")
    belgorod = page.locator(".event-marker[data-events='1']")
    assert belgorod.bounding_box()["width"] < kharkiv.bounding_box()["width"]  # type: ignore[index]


def labels(page: Page) -> list[str]:
    return page.locator("#map .place-label").all_text_contents()


def test_the_map_reads_borders_labels_and_precision(page: Page, desk_site: Site) -> None:
    open_view(page, desk_site, "#/map", "map")
    summary = page.locator("#map-summary")
    expect(summary).to_contain_text("3 events at 2 places · 2 known only to 2 countries")
    expect(summary).to_contain_text("1 to wider regions (listed) · 9 without a place")
    # Events known only to a country or a region are areas, never points at a centroid.
    areas = page.locator("path.event-area")
    kinds = areas.evaluate_all("ps => ps.map(p => `${p.dataset.kind} ${p.dataset.name}`)")
    assert sorted(set(kinds)) == ["admin1 Kharkiv Oblast", "country Ukraine"]
    expect(page.locator(".event-marker[data-events]")).to_have_count(2)
    expect(page.locator("#map-regions li")).to_have_text(["Middle East (region): 1 events"])
    page.locator("#map-regions button").click()
    expect(page.locator("#map-events")).to_contain_text("Tension grew in the Middle East.")
    # Country borders always; first-level borders and names of smaller places as you zoom in.
    view = page.locator("#map")
    page.wait_for_function("() => document.querySelector('#map').dataset.zoom >= 4")
    expect(view).to_have_attribute("data-borders", "country admin1")
    assert {"Ukraine", "Kyiv", "Kharkiv"} <= set(labels(page))
    expect(page.locator("#map .place-label.k-admin1").first).to_be_visible()
    zoom = float(str(view.get_attribute("data-zoom")))
    shown = page.locator("#map .place-label").evaluate_all("ls => ls.map(l => +l.dataset.zoom)")
    assert max(shown) <= zoom
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function(f"() => +document.querySelector('#map').dataset.zoom > {zoom}")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('#map .place-label')].some(l => +l.dataset.zoom > {zoom})"
    )


def test_timeline_counts_events_per_day_by_type(page: Page, site: Site) -> None:
    open_view(page, site, "#/timeline", "timeline")
    bars = page.locator("#timeline-svg rect.bar")
    expect(bars).to_have_count(4)
    days = bars.evaluate_all("bars => bars.map(b => `${b.dataset.day} ${b.dataset.type}`)")
    assert days == [
        "2024-05-30 ASSAULT",
        "2024-05-31 AGREE",
        "2024-06-01 ASSAULT",
        "2024-06-03 ACCUSE",
    ]
    expect(page.locator("#timeline-coarse")).to_contain_text("2024-06: 1 THREATEN")
    page.locator("#timeline-svg rect.bar[data-day='2024-06-01']").click()
    page.wait_for_function("() => document.body.dataset.view === 'events'")
    expect(page.locator("#events-summary")).to_contain_text("since: 2024-06-01 · until: 2024-06-01")
    expect(page.locator("tr[data-event-id=ev-strike-belgorod]")).to_have_count(1)


def test_network_shows_who_acts_on_whom(page: Page, site: Site) -> None:
    open_view(page, site, "#/network?event=ASSAULT&event=AGREE", "network")
    edges = page.locator("#network-svg path.edge")
    expect(edges).to_have_count(3)
    found = edges.evaluate_all(
        "es => es.map(e => `${e.dataset.source}>${e.dataset.target} ${e.dataset.relation}`)"
    )
    assert sorted(found) == [
        "DEU GOV>UKR GOV cooperation",
        "RUS MIL>UKR GOV conflict",
        "UKR MIL>RUS GOV conflict",
    ]
    assert (
        page.locator("#network-svg path.edge.conflict").first.get_attribute("stroke") == "#d7301f"
    )
    expect(page.locator("#network-svg g.node")).to_have_count(5)
    page.locator("#network-svg path.edge[data-source='DEU GOV']").dispatch_event("click")
    listed = page.locator("#link-events li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Germany agreed to send more air defence systems")
    listed.locator("a.evidence").click()
    page.wait_for_function("() => document.body.dataset.view === 'reader'")
    expect(page.locator("#record-panel .card[data-kind=event]")).to_contain_text("AGREE")


OUTSIDE = """() => {
    const box = document.querySelector('#network-svg').getBoundingClientRect();
    return [...document.querySelectorAll('#network-svg g.node')].filter(g => {
        const r = g.getBoundingClientRect();
        return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
    }).map(g => g.dataset.id);
}"""


def test_every_network_node_lies_inside_the_view(page: Page, desk_site: Site) -> None:
    open_view(page, desk_site, "#/network", "network")
    nodes = page.locator("#network-svg g.node")
    expect(nodes).to_have_count(16)
    assert page.evaluate(OUTSIDE) == []
    sizes = nodes.evaluate_all(
        "gs => Object.fromEntries(gs.map(g => [g.dataset.id, +g.querySelector('circle').getAttribute('r')]))"
    )
    assert sizes["UKR GOV"] > sizes["DEU GOV"] > 0  # circles grow with events
    request = page.locator("#network-svg path.edge[data-source='UKR GOV'][data-target='USA GOV']")
    expect(request).to_have_attribute("data-relation", "request")  # an appeal is no conflict
    assert request.get_attribute("stroke") != "#d7301f"
    page.mouse.move(500, 500)
    page.mouse.wheel(0, -600)  # zoom in: some nodes leave the view, "Fit to view" brings them back
    page.wait_for_function(f"() => ({OUTSIDE})().length > 0")
    page.click("#network-fit")
    page.wait_for_function(f"() => ({OUTSIDE})().length === 0")


# --- untrusted text -----------------------------------------------------------------------------


def test_markup_in_articles_renders_as_text(page: Page, site: Site) -> None:
    open_view(page, site, "#/reader/a3", "reader")
    expect(page.locator("#article-title")).to_have_text(TITLE_3)
    assert page.locator("#article-text").text_content() == TEXT_3
    page.locator("#article-text .seg.k-actor").click()
    expect(page.locator("#record-panel")).to_contain_text(
        '<img src=x onerror="window.__pwned = 4">'
    )
    open_view(page, site, "#/events", "events")
    expect(page.locator("tr[data-event-id=ev-memo]")).to_contain_text("<b>Evil</b> Wire")
    open_view(page, site, "#/map", "map")
    page.wait_for_selector(".event-marker, .event-cluster")
    for view in ("reader", "events", "map"):
        open_view(page, site, f"#/{view}" + ("/a3" if view == "reader" else ""), view)
        found: dict[str, Any] = page.evaluate(
            "() => ({pwned: window.__pwned, images: document.querySelectorAll('main img').length,"
            " bold: document.querySelectorAll('main b').length,"
            " scripts: [...document.scripts].map(s => s.getAttribute('src'))})"
        )
        assert found["pwned"] is None and found["images"] == 0 and found["bold"] == 0, view
        assert all(str(src).startswith("/static/") for src in found["scripts"]), view


def test_a_token_server_lets_the_page_in_once_given(
    browser: BrowserContext, tmp_path: Path
) -> None:
    db = str(tmp_path / "token.db")
    build(db).close()
    served = Site(db, token="page-token")
    try:
        tab = browser.new_page()
        assert tab.goto(f"{served.base}/").status == 401  # type: ignore[union-attr]
        tab.goto(f"{served.base}/?token=page-token#/events")
        tab.wait_for_function("() => document.body.dataset.view === 'events'")
        expect(tab.locator("#events-summary")).to_contain_text("5 events")
        tab.close()
    finally:
        served.stop()


def test_api_docs_work_offline(page: Page, site: Site) -> None:
    page.goto(f"{site.base}/docs")
    expect(page.locator("#swagger .opblock-summary-path").first).to_be_visible()
    assert page.locator("#swagger .opblock").count() == 15
