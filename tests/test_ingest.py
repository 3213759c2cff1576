"""Every input format, and every kind of bad input: stored, duplicate, or failed with a reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.conftest import Server

from wirewatch import jobs, settings
from wirewatch.records import Article
from wirewatch.stages import ingest as ingesting
from wirewatch.stages.ingest.sources import Input
from wirewatch.store import Store

BODY = (
    "KYIV, Ukraine (AP) — Russian missiles struck the city overnight, killing two people, "
    "officials said on Friday. The attack damaged homes and a school, and rescuers were "
    "searching the rubble for survivors, the regional governor said."
)
OTHER = (
    "MOSCOW (AP) — The Kremlin said on Monday it would respond to any strike on its territory "
    "and accused the West of dragging the conflict on, in a statement read to reporters."
)


def ingest(
    conf: settings.Settings, *targets: str | Path, **kw: object
) -> tuple[jobs.Report, Store]:
    store = Store(conf.db)
    report = jobs.process([str(t) for t in targets], conf, [], store=store, **kw)  # type: ignore[arg-type]
    return report, store


def stored(store: Store) -> list[Article]:
    return [store.load(row["id"]) for row in store.rows("articles")]


def reasons(store: Store) -> list[str]:
    return [row["reason"] for row in store.rows("failures")]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- formats -----------------------------------------------------------------


def test_plain_text_with_headline(conf: settings.Settings, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"Missiles hit Kyiv overnight\n\n{BODY}\n")
    report, store = ingest(conf, path)
    assert (report.stored, report.failed) == (1, 0)
    (article,) = stored(store)
    assert article.title == "Missiles hit Kyiv overnight"
    assert article.text.startswith("Russian missiles struck")
    assert article.dateline is not None and article.dateline.place_text == "KYIV, Ukraine"
    assert article.wire == "AP"
    assert article.published is None  # never invented
    assert article.raw == path.read_bytes()


def test_html_main_text_and_metadata(conf: settings.Settings, tmp_path: Path) -> None:
    html = f"""<html><head><title>Strike | Site</title>
    <meta property="og:title" content="Missiles hit Kyiv">
    <meta property="article:published_time" content="2024-05-31T08:00:00Z">
    <meta property="og:site_name" content="Example News"></head>
    <body><nav>Home | World | Sport | Weather</nav><article><h1>Missiles hit Kyiv</h1>
    <p>{BODY}</p><p>{OTHER.split("— ")[1]}</p></article>
    <footer>Subscribe to our newsletter for more.</footer></body></html>"""
    _report, store = ingest(conf, write(tmp_path / "page.html", html))
    (article,) = stored(store)
    assert article.title == "Missiles hit Kyiv"
    assert article.published == dt.date(2024, 5, 31)
    assert article.source == "Example News"
    assert article.text.startswith("Russian missiles struck")
    assert "newsletter" not in article.text and "Weather" not in article.text
    assert article.raw_format == "html"


def test_json_object_and_array(conf: settings.Settings, tmp_path: Path) -> None:
    one = {"text": BODY, "title": "T", "published": "2024-05-31", "url": "https://x.org/1"}
    many = [{"text": OTHER, "source": "Wire"}, {"text": BODY + " More."}]
    report, store = ingest(
        conf,
        write(tmp_path / "one.json", json.dumps(one)),
        write(tmp_path / "m.json", json.dumps(many)),
    )
    assert (report.stored, report.failed) == (3, 0)
    by_url = {a.url: a for a in stored(store)}
    assert by_url["https://x.org/1"].published == dt.date(2024, 5, 31)
    assert by_url["https://x.org/1"].title == "T"
    assert {a.source for a in stored(store)} == {None, "Wire"}


def test_jsonl_and_csv(conf: settings.Settings, tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY, "published": "2024-05-31T10:00:00+00:00"}),
        "",
        json.dumps({"text": OTHER}),
    ]
    csv_text = 'title,text,published\n"Strike","' + BODY.replace('"', '""') + '",2024-06-01\n'
    report, store = ingest(
        conf, write(tmp_path / "a.jsonl", "\n".join(lines)), write(tmp_path / "b.csv", csv_text)
    )
    assert (report.stored, report.duplicates, report.failed) == (2, 1, 0)
    origins = sorted(a.origin for a in stored(store))
    assert origins == [str(tmp_path / "a.jsonl:1"), str(tmp_path / "a.jsonl:3")]


def test_directory_is_walked_recursively_skipping_hidden(
    conf: settings.Settings, tmp_path: Path
) -> None:
    write(tmp_path / "news" / "a.txt", BODY)
    write(tmp_path / "news" / "deep" / "b.txt", OTHER)
    write(tmp_path / "news" / ".git" / "c.txt", BODY + " hidden")
    report, _ = ingest(conf, tmp_path / "news")
    assert (report.stored, report.failed) == (2, 0)


def test_url_and_feeds(db: str, server: Server) -> None:
    conf = settings.load({"db": db, "allow_private": True})  # the test server is on loopback
    page = server.add("/a", f"<html><body><article><p>{BODY}</p></article></body></html>")
    server.add("/b", f"<html><body><article><p>{OTHER}</p></article></body></html>")
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
      <item><title>Second</title><link>{server.base}/b</link>
      <pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item></channel></rss>"""
    feed = server.add("/feed.xml", rss, "application/rss+xml")
    atom_body = " ".join([BODY] * 3).replace("two people", "three people")
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>A</title><entry><title>Full</title><link href="{server.base}/c"/><id>c</id>
      <updated>2024-06-04T10:00:00Z</updated><content type="html">{atom_body}</content></entry></feed>"""
    atom_url = server.add("/atom", atom, "application/atom+xml")
    report, store = ingest(conf, page, feed, atom_url)
    assert (report.stored, report.failed) == (3, 0)
    by_title = {a.title: a for a in stored(store)}
    assert by_title["Second"].published == dt.date(2024, 6, 3)
    assert by_title["Second"].url == f"{server.base}/b"
    assert by_title["Full"].published == dt.date(2024, 6, 4)


def test_overrides_apply_to_every_input(conf: settings.Settings, tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", json.dumps({"text": BODY, "published": "2020-01-01"}))
    _, store = ingest(conf, path, published=dt.date(2024, 5, 31), source="Desk")
    (article,) = stored(store)
    assert (article.published, article.source) == (dt.date(2024, 5, 31), "Desk")


# --- idempotency -----------------------------------------------------------


def test_reingesting_stores_nothing_new(conf: settings.Settings, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    first, store = ingest(conf, path)
    again, _ = ingest(
        conf, path, write(tmp_path / "copy.txt", "  " + BODY.replace(" ", "  ") + "\n")
    )
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 2)
    assert store.count("articles") == 1


def test_seeds_get_their_wire_metadata(conf: settings.Settings, seeds: Path) -> None:
    report, store = ingest(conf, seeds)
    assert (report.stored, report.failed) == (2, 0)
    by_name = {Path(a.origin).name[:3]: a for a in stored(store)}
    kyiv, rewrite = by_name["000"], by_name["004"]
    assert kyiv.dateline is not None and kyiv.dateline.place_text == "KYIV, Ukraine"
    assert (kyiv.wire, kyiv.contributors) == (None, ())
    assert rewrite.wire == "AP" and rewrite.dateline is None
    assert [(c.name, c.place_text) for c in rewrite.contributors] == [
        ("Jon Gambrell", "Dubai, United Arab Emirates")
    ]
    again, _ = ingest(conf, seeds)
    assert (again.stored, again.duplicates) == (0, 2)


# --- bad input -------------------------------------------------------------

BAD = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b"  \n\n \n", "no article text"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG image file, not text"),
    "nul.txt": (b"abc\x00def" * 20, "binary data"),
    "latin1.txt": (BODY.replace("—", "-").encode() + " café".encode("latin-1"), "not valid UTF-8"),
    "broken.html": (b"<html><body><div><p>unclosed <b>tags <i>", "only 2 words, too short"),
    "scripts.html": (
        b"<html><head><title>x</title><script>var a = 1;</script></head><body><div>",
        "no article text found in this HTML",
    ),
    "broken.json": (b'{"text": "abc", ', "not valid JSON"),
    "notext.json": (b'{"title": "no body"}', "record has no article text"),
    "list.json": (b"[1]", "expected a JSON object"),
    "nocolumn.csv": (b"title,body\nA,B\n", "CSV has no 'text' column"),
    "german.txt": (
        b"Die Regierung in Berlin hat am Freitag beschlossen, dass die Ukraine Waffen gegen "
        b"Stellungen in Russland einsetzen darf, teilte ein Sprecher mit.",
        "does not look like English",
    ),
    "baddate.json": (
        json.dumps({"text": BODY, "published": "last Friday"}).encode(),
        "not an ISO date",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_input_is_recorded_with_its_reason(
    conf: settings.Settings, tmp_path: Path, name: str
) -> None:
    content, reason = BAD[name]
    good = write(tmp_path / "good.txt", BODY)
    report, store = ingest(conf, good, write(tmp_path / name, content))
    assert (report.stored, report.failed, report.exit_code) == (1, 1, 3)
    (message,) = reasons(store)
    assert reason in message
    assert name in message  # names the input


def test_bad_lines_inside_jsonl_and_csv(conf: settings.Settings, tmp_path: Path) -> None:
    jsonl = write(
        tmp_path / "a.jsonl", "\n".join([json.dumps({"text": BODY}), "{oops", json.dumps({"t": 1})])
    )
    csv_file = write(tmp_path / "b.csv", 'text,title\n"' + OTHER + '",A,extra\n')
    report, store = ingest(conf, jsonl, csv_file)
    assert (report.stored, report.failed) == (1, 3)
    assert [r.split(": ", 1)[0] for r in reasons(store)] == [
        f"{jsonl}:2",
        f"{jsonl}:3",
        f"{csv_file}:2",
    ]


def test_huge_input(db: str, tmp_path: Path) -> None:
    conf = settings.load({"db": db, "max_bytes": 1000})
    report, store = ingest(conf, write(tmp_path / "big.txt", BODY * 20))
    assert report.failed == 1
    assert "over the 1,000-byte limit" in reasons(store)[0]


def test_missing_path_and_unreachable_urls(db: str, server: Server) -> None:
    conf = settings.load({"db": db, "timeout": 0.5, "allow_private": True})
    slow = server.add("/slow", "<html></html>", delay=2)
    report, store = ingest(
        conf, "no/such/file.txt", "http://127.0.0.1:1/x", server.base + "/gone", slow
    )
    assert report.failed == 4
    found = reasons(store)
    assert "no such file or directory" in found[0]
    assert "could not fetch it" in found[1]
    assert "HTTP 404" in found[2]
    assert "no answer within 0.5 s" in found[3]


def test_an_input_without_a_title_gets_its_first_sentence_as_one() -> None:
    text = (
        "GAZA CITY (Reuters) — Aid trucks crossed at dawn. Officials said more would follow.\n\n"
        "A second paragraph."
    )
    found = ingesting.article_from(Input("t.txt", text.encode(), "text"))
    assert found.title == "Aid trucks crossed at dawn."
    long = "Ministers of the five countries met in the capital " * 4 + "to talk. Then left."
    titled = ingesting.lead_title(long, None)
    assert titled is not None and len(titled) <= ingesting.TITLE and titled.endswith("…")
    assert long.startswith(titled[:-1] + " ")  # cut between words
    given = Input("r", b"", "record", fields={"title": "Their own headline", "text": text})
    assert ingesting.article_from(given).title == "Their own headline"
