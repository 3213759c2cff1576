"""Wire conventions: dateline, byline, credit lines, trailing boilerplate and the wire service.

``parse`` takes article text and returns the body with those conventions taken out and
understood: "KYIV, Ukraine (AP) —" becomes a ``Dateline`` and wire AP; "Jon Gambrell
contributed to this report from Dubai" becomes a ``Contributor``; "Stay updated on AP's
coverage ..." is dropped and kept as evidence that the text came from AP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.records import Contributor, Dateline

WIRES = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "dpa": "dpa",
    "bloomberg": "Bloomberg",
    "cnn": "CNN",
    "tass": "TASS",
    "interfax": "Interfax",
    "anadolu": "Anadolu",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "pti": "PTI",
    "ians": "IANS",
    "efe": "EFE",
    "ansa": "ANSA",
    "ani": "ANI",
    "ukrinform": "Ukrinform",
}
MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?"
)
DASH = r"(?:—|–|--|-)"
_DATELINE = re.compile(rf"^(?P<head>[^\n]{{2,90}}?)\s*(?P<dash>{DASH})\s+(?=\S)")
_WIRE_TAG = re.compile(r"\s*\((?P<wire>[A-Za-z][A-Za-z .-]{1,28})\)\s*$")
_CAPS_CITY = re.compile(r"^[A-Z][A-Z.'’/ -]*[A-Z.]$")
_TITLE_CITY = re.compile(r"^[A-Z][a-z'’.-]+(?:[ -][A-Z][a-z'’.-]+){0,3}$")
_REGION = re.compile(r"^[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3}$")
_DATE = re.compile(rf"^{MONTH}$")
_BYLINE = re.compile(
    r"^By\s+(?P<names>[A-Z][\w.'’-]+(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]+){0,8})"
    r"(?:\s*,\s*(?P<org>Associated Press|The Associated Press|Reuters|AFP|Bloomberg))?"
    r"(?:\s*[|–—]\s*(?P<outlet>[A-Z][\w .&'’-]{1,40}))?\s*$",  # "By A B | The Outlet"
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|da|van|von|al|bin|el)){1,4}"
_PERSON = re.compile(
    rf"(?P<name>{_NAME})(?:\s+in\s+(?P<place>[A-Z][\w.'’-]+(?:,?\s+[A-Z][\w.'’-]+)*))?"
)
_STAFF = re.compile(
    r"^(?:The\s+)?(?:Associated Press|AP|Reuters|AFP)\s+"
    r"(?:writers?|reporters?|journalists?|correspondents?|video journalists?|photographers?)\s+",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"^(?P<names>.{3,300}?)\s+contributed(?:\s+reporting)?(?:\s+to\s+(?:this|the)\s+"
    r"(?:report|story|article))?(?:\s+from\s+(?P<place>.+?))?\.?$"
)
_CREDIT = re.compile(
    r"^(?P<role>(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)\s+by\s+"
    r"(?P<names>.+)$"
)
_BOILERPLATE: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^_{3,}$"), None),
    (
        re.compile(
            r"^(?:Follow|Stay updated on|Find more of|See more of|Read more of|More on|Read|See)"
            r" AP(?:['’]s)?\s.*\bcoverage\b",
            re.IGNORECASE,
        ),
        "AP",
    ),
    (re.compile(r"^(?:Copyright|©)\s*\d{4}\s+(?:The\s+)?Associated Press\b"), "AP"),
    (re.compile(r"^The Associated Press (?:receives|is solely responsible)\b"), "AP"),
    (re.compile(r"^Our Standards: The Thomson Reuters Trust Principles"), "Reuters"),
    (re.compile(r"^©\s*(?:\d{4}\s+)?(?:Agence France-Presse|AFP)\b"), "AFP"),
    (re.compile(r"^(?:Copyright|©).{0,80}\bAll rights reserved\b", re.IGNORECASE), None),
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z_©(])")


@dataclass(frozen=True, slots=True)
class WireInfo:
    text: str
    dateline: Dateline | None
    byline: str | None
    contributors: tuple[Contributor, ...]
    wire: str | None
    evidence: tuple[str, ...]


def parse(text: str) -> WireInfo:
    """Take wire conventions out of ``text`` and return them, understood."""
    lines = text.split("\n")
    head = _parse_head(lines)
    tail = _parse_tail(lines)
    wires = [w for w, _ in head.wires + tail.wires]
    evidence = tuple(e for _, e in head.wires + tail.wires)
    return WireInfo(
        text=_tidy("\n".join(lines)),
        dateline=head.dateline,
        byline=head.byline,
        contributors=head.contributors + tail.contributors,
        wire=wires[0] if wires else None,
        evidence=evidence,
    )


@dataclass
class _Found:
    dateline: Dateline | None = None
    byline: str | None = None
    contributors: tuple[Contributor, ...] = ()
    wires: tuple[tuple[str, str], ...] = ()


def _parse_head(lines: list[str]) -> _Found:
    """Byline and dateline in the first few lines; ``lines`` is edited in place."""
    found = _Found()
    for index in _nonempty(lines, range(min(len(lines), 8)), limit=4):
        line = lines[index].strip()
        byline = _BYLINE.match(line)
        if byline and len(line.split()) <= 14:
            _take_byline(found, byline)
            lines[index] = ""
            continue
        match = _DATELINE.match(line)
        dateline = _dateline(match.group("head"), match.group("dash")) if match else None
        if match and dateline:
            found.dateline, wire = dateline
            if wire:
                found.wires += ((wire, f"dateline: {match.group('head')}"),)
            lines[index] = line[match.end() :]
            break
        if len(line.split()) > 25:
            break
    return found


def _take_byline(found: _Found, match: re.Match[str]) -> None:
    names = _split_names(match.group("names"))
    found.byline = match.group("names")
    found.contributors += tuple(Contributor(name=n, role="byline") for n, _ in names)
    org = match.group("org")
    if org:
        found.wires += ((WIRES[org.lower()], f"byline: {match.group(0)}"),)


def _dateline(head: str, dash: str) -> tuple[Dateline, str | None] | None:
    """Parse the part before the dash: "KYIV, Ukraine (AP)", "KYIV, May 31 (Reuters)"."""
    tag = _WIRE_TAG.search(head)
    wire = WIRES.get(tag.group("wire").lower()) if tag else None
    if tag and not wire:
        return None
    parts = [p.strip() for p in (head[: tag.start()] if tag else head).split(",")]
    city, rest = parts[0], parts[1:]
    if not (_CAPS_CITY.match(city) or (wire and _TITLE_CITY.match(city))):
        return None
    bare = not (tag or any(_DATE.match(p) for p in rest))
    if bare and (dash == "-" or len(re.sub(r"[^A-Z]", "", city)) < 3):
        return None  # "U.S. - China ties" is not a dateline
    dates = [p for p in rest if _DATE.match(p)]
    regions = [p for p in rest if not _DATE.match(p)]
    if any(not _REGION.match(r) for r in regions) or len(regions) > 2:
        return None
    place = ", ".join([city, *regions])
    date = dates[0] if dates else None
    return Dateline(text=head.strip(), place_text=place, date_text=date), wire


def _parse_tail(lines: list[str]) -> _Found:
    """Credit lines and boilerplate in the last few lines; ``lines`` is edited in place."""
    found = _Found()
    for index in _nonempty(lines, range(len(lines) - 1, -1, -1), limit=5):
        kept = [s for s in _SENTENCE_BREAK.split(lines[index].strip()) if not _absorb(found, s)]
        lines[index] = " ".join(kept)
    return found


def _absorb(found: _Found, sentence: str) -> bool:
    """Record ``sentence`` if it is a credit line or boilerplate; say whether it was."""
    sentence = sentence.strip()
    for pattern, wire in _BOILERPLATE:
        if pattern.search(sentence):
            if wire:
                found.wires += ((wire, sentence),)
            return True
    credits = _credits(sentence)
    if credits:
        found.contributors = credits + found.contributors
        return True
    return False


def _credits(sentence: str) -> tuple[Contributor, ...]:
    match = _CONTRIBUTED.match(sentence)
    if match:
        people = _split_names(_STAFF.sub("", match.group("names")))
        place = match.group("place")
        if people and len(match.group("names").split()) <= 30:
            return tuple(
                Contributor(name=n, role="contributor", place_text=p or place) for n, p in people
            )
    if ";" in sentence or _CREDIT.match(sentence):
        parts = [_CREDIT.match(p.strip()) for p in sentence.rstrip(".").split(";")]
        if all(parts):
            return tuple(
                Contributor(name=n, role=_role(m.group("role")), place_text=p)
                for m in parts
                if m
                for n, p in _split_names(m.group("names"))
            )
    return ()


def _role(word: str) -> str:
    word = word.lower().split()[-1]
    return {"reporting": "reporting", "writing": "writing", "editing": "editing"}.get(
        word, "contributor"
    )


def _split_names(text: str) -> list[tuple[str, str | None]]:
    """ "A B in Kyiv, and C D" → [("A B", "Kyiv"), ("C D", None)]."""
    people = [(_name_case(m.group("name")), m.group("place")) for m in _PERSON.finditer(text)]
    covered = sum(len(m.group(0)) for m in _PERSON.finditer(text))
    letters = len(re.sub(r"[\s,;.]|\band\b", "", text))
    return people if people and covered >= 0.6 * letters else []


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


def _nonempty(lines: list[str], order: range, limit: int) -> list[int]:
    return [i for i in order if lines[i].strip()][:limit]


def _tidy(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
