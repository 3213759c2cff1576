"""Generated hostile inputs, every format wirewatch reads: the fuzz suite's material.

``build(folder, seed)`` writes files and returns, per file, how many inputs it holds (None
when that cannot be known in advance, as for a feed). The texts are written here, from a
few made-up sentences; no corpus text is copied. Families, each a way input goes wrong in
the field or in an attacker's hands: broken encodings, binary data, control and invisible
characters, runs of punctuation, deep nesting, huge numbers, lone surrogates, impossible
dates, wrong types, ragged CSV, malformed and hostile XML, and valid articles mutated.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

SENTENCES = (
    "Officials in the northern province said on Tuesday that shelling hit a market.",
    "The ministry reported that four people were killed and eleven were wounded.",
    "Rebel fighters denied they had attacked the convoy near the border crossing.",
    "The president urged both sides to return to talks in the capital next week.",
    "Aid groups said thousands of families had fled the villages since Sunday.",
    "A spokesman for the army said troops had taken control of the airport.",
    "Protesters gathered outside parliament demanding the release of detainees.",
    "The foreign minister said the government would not accept the ultimatum.",
)
DATES = (
    "2024-05-31T25:61:00", "2024-W22", 20240101, "20240101", "0001-01-01", "9999-12-31",
    "2024-02-30", "yesterday", "", None, "2024-05-31", "2024-05-31T10:00:00Z", [], {},
    "2024-13-01", "１２３４-05-06", "2024-05-31\x00", 1e308, True, "-2024-01-01",
)  # fmt: skip
ODD = (
    "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\u202e", "\u200b", "\ufeff",
    "\x00", "\x1b[31m", "\ud83d\ude00", "\u0301" * 30, "\r", "\r\n", "\t",
)  # fmt: skip


def article(rng: random.Random, sentences: int = 6) -> str:
    """A short made-up news text: a headline, a blank line, a paragraph or two."""
    body = " ".join(rng.choice(SENTENCES) for _ in range(sentences))
    return f"Clashes reported in the north\n\n{body}\n\n{rng.choice(SENTENCES)}"


def _text_family(rng: random.Random) -> tuple[str, bytes]:
    base = article(rng)
    kind = rng.randrange(14)
    if kind == 0:
        text = base + " " + rng.choice("!?.,;:-—…*#") * rng.randrange(2000, 8000)
    elif kind == 1:
        text = "".join(rng.choice("!?.,;:-()[]\"'…") for _ in range(rng.randrange(1, 4000)))
    elif kind == 2:
        text = " ".join(str(rng.randrange(10**6)) for _ in range(rng.randrange(1, 500)))
    elif kind == 3:
        text = "".join(rng.choice(ODD) + c for c in base)
    elif kind == 4:
        text = rng.choice(["", " ", "\n\n\n", "\t \r\n"])
    elif kind == 5:
        text = "x" * rng.randrange(10_000, 60_000) + " " + base
    elif kind == 6:
        text = base.replace(" ", rng.choice(["\u00a0", "\u2003", "\u3000", "  \n "]))
    elif kind == 7:
        text = ("“" + base + "” said he. ") * rng.randrange(1, 40) + "“" * rng.randrange(500)
    elif kind == 8:
        text = "said " * rng.randrange(100, 3000)
    elif kind == 9:
        text = "Title " * 3000 + "\n\n" + base
    else:
        text = base
    data = text.encode("utf-8", "surrogatepass")
    if kind in (10, 11):  # byte damage: flips, cuts, a foreign encoding
        raw = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw[: rng.randrange(1, len(raw) + 1)])
    elif kind == 12:
        data = text.encode("utf-16")
    elif kind == 13:
        data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    return ".txt", data


def _html_family(rng: random.Random) -> tuple[str, bytes]:
    base = article(rng).replace("\n\n", "</p><p>")
    kind = rng.randrange(9)
    if kind == 0:
        page = "<div>" * rng.randrange(1000, 20000) + base
    elif kind == 1:
        page = "<html><body><p>" + "&amp;" * rng.randrange(1000, 20000) + "</p></body></html>"
    elif kind == 2:
        page = f"<html><body><script>alert(1)</script><p>{base}</p><iframe src=x></body>"
    elif kind == 3:
        page = "<html><body>" + "".join(rng.choice("<>&;/\"'=") for _ in range(3000))
    elif kind == 4:
        page = f'<html><head><meta name="date" content="{rng.choice(DATES)}"></head><body>'
        page += f"<article><p>{base}</p></article></body></html>"
    elif kind == 5:
        page = "<html><head><title>" + "T" * 50_000 + f"</title></head><body><p>{base}</p>"
    elif kind == 6:
        page = f"<html><body><p>{base}</p>" + "<!--" * 2000 + "</body></html>"
    elif kind == 7:
        page = "<!doctype html><html></html>"
    else:
        page = f"<html><body><article><h1>News</h1><p>{base}</p></article></body></html>"
    return ".html", page.encode("utf-8", "surrogatepass")


def _record(rng: random.Random) -> dict[str, object] | object:
    """A JSON value that should be an article record, often broken."""
    kind = rng.randrange(10)
    record: dict[str, object] = {"text": article(rng), "title": "Clashes"}
    if kind == 0:
        record["published"] = rng.choice(DATES)
    elif kind == 1:
        record["text"] = rng.choice([5, None, [], {}, True, "", "   ", 1.5])
    elif kind == 2:
        record["text"] = str(record["text"]) + rng.choice(ODD) * 50
    elif kind == 3:
        record["title"] = "\ud800" + "x"
    elif kind == 4:
        return rng.choice([[], 42, "text", None, [record]])
    elif kind == 5:
        record["url"] = rng.choice(["javascript:alert(1)", "http://[::1]/", "x" * 5000, 7])
    elif kind == 6:
        record["text"] = "!" * rng.randrange(1, 5000)
    elif kind == 7:
        record = {k.upper(): v for k, v in record.items()}
    return record


def _json_text(rng: random.Random, value: object) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        depth = rng.randrange(1000, 100_000)
        return "[" * depth + "]" * depth
    if kind == 1:
        return '{"text": ' + "9" * rng.randrange(4300, 20_000) + "}"
    if kind == 2:
        return '{"text": "\\ud800 lone surrogate in a text about shelling in the north"}'
    if kind == 3:
        return '{"text": NaN, "title": Infinity}'
    if kind == 4:
        return json.dumps(value)[: rng.randrange(1, 40)]
    return json.dumps(value, ensure_ascii=rng.random() < 0.5)


def _json_family(rng: random.Random) -> tuple[str, bytes]:
    return ".json", _json_text(rng, _record(rng)).encode("utf-8", "surrogatepass")


def _jsonl_family(rng: random.Random) -> tuple[str, bytes]:
    line = _json_text(rng, _record(rng)).replace("\n", " ")
    return ".jsonl", line.encode("utf-8", "surrogatepass") + rng.choice([b"\n", b"\r\n", b""])


def _csv_family(rng: random.Random) -> tuple[str, bytes]:
    text = article(rng).replace("\n", " ")
    kind = rng.randrange(8)
    if kind == 0:
        table = f'body,title\n"{text}",x\n'
    elif kind == 1:
        table = f'text,title\n"{text},x\n'
    elif kind == 2:
        table = f'text,title\n"{text}",x,extra,more\n'
    elif kind == 3:
        table = f'text,published\n"{text}",{rng.choice(DATES)}\n'
    elif kind == 4:
        table = f'text;title\n"{text}";x\n'
    elif kind == 5:
        table = f'\ufefftext,title\n"{text}\u2028{text}",x\n'
    elif kind == 6:
        table = 'text\n"' + "a" * 300_000 + '"\n'
    else:
        table = f'text,title\n"{text}",x\n'
    return ".csv", table.encode("utf-8", "surrogatepass")


def _feed_family(rng: random.Random) -> tuple[str, bytes]:
    words = " ".join(article(rng, 8).split())
    kind = rng.randrange(6)
    item = f"<item><title>t</title><description>{words}</description>"
    item += f"<content:encoded><![CDATA[<p>{words}</p>]]></content:encoded></item>"
    head = '<?xml version="1.0"?><rss version="2.0" '
    head += 'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>f</title>'
    if kind == 0:
        feed = head + item * rng.randrange(1, 5) + "</channel></rss>"
    elif kind == 1:
        feed = head + "<item><title>x</title></item></channel></rss>"
    elif kind == 2:
        laughs = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
        )
        feed = '<?xml version="1.0"?>' + laughs + "]><rss><channel><item><title>&i;</title>"
        feed += "</item></channel></rss>"
    elif kind == 3:
        feed = head + "<item><link>http://127.0.0.1:9/x</link></item></channel></rss>"
    elif kind == 4:
        feed = head + item[: rng.randrange(len(item))]
    else:
        feed = head + item.replace("<title>t</title>", f"<pubDate>{rng.choice(DATES)}</pubDate>")
        feed += "</channel></rss>"
    return ".xml", feed.encode("utf-8", "surrogatepass")


def _binary_family(rng: random.Random) -> tuple[str, bytes]:
    magic = rng.choice([b"%PDF-1.4", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"", b"\x7fELF"])
    return rng.choice([".txt", ".dat", ".json", ""]), magic + rng.randbytes(rng.randrange(1, 3000))


FAMILIES: tuple[tuple[Callable[[random.Random], tuple[str, bytes]], int], ...] = (
    (_text_family, 520),
    (_html_family, 260),
    (_json_family, 420),
    (_jsonl_family, 420),
    (_csv_family, 260),
    (_binary_family, 120),
)
FEEDS = 60


def build(folder: Path, feeds: Path, seed: int = 16) -> int:
    """Write one file per input in ``folder`` and the feeds in ``feeds``; return the number
    of files in ``folder``: each holds exactly one input (or is one unreadable input)."""
    rng = random.Random(seed)
    count = 0
    for family, times in FAMILIES:
        for _ in range(times):
            suffix, data = family(rng)
            (folder / f"{family.__name__[1:]}-{count:04d}{suffix}").write_bytes(data)
            count += 1
    for number in range(FEEDS):
        suffix, data = _feed_family(rng)
        (feeds / f"feed-{number:03d}{suffix}").write_bytes(data)
    return count
