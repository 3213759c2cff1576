// The offline basemap: land, country and first-level region borders from one TopoJSON file
// (Natural Earth admin-1, built by `python -m wirewatch.web.build`), and place names from the
// gazetteer that appear as you zoom, placed biggest first and never on top of each other.
import { el } from "./dom.js";

const LABEL_CAP = 260; // names drawn at most at once
const FONT = { 0: 13, 1: 11, 2: 11, 3: 12 }; // by kind: country, admin1, city, capital

export class Basemap {
  constructor(map) {
    this.map = map;
    this.topology = null;
    this.regions = [];
    this.labels = [];
    this.adminLines = null;
  }

  async load() {
    const [topo, names] = await Promise.all([
      fetch("/static/vendor/world.json").then((r) => r.json()),
      fetch("/static/vendor/labels.json").then((r) => r.json()),
    ]);
    this.topology = topo;
    this.regions = topo.objects.regions.geometries;
    this.kinds = names.kinds;
    this.labels = names.rows.map(([name, lat, lon, zoom, kind]) => ({ name, lat, lon, zoom, kind }));
    this.draw();
    this.labelLayer();
  }

  draw() {
    const m = this.map;
    const topo = this.topology;
    const object = topo.objects.regions;
    // Canvas, not SVG: the land is one path of ~100k points, redrawn for the view alone.
    m.createPane("land").style.zIndex = 200;
    m.createPane("borders").style.zIndex = 410;
    m.getPane("borders").style.pointerEvents = "none";
    const below = L.canvas({ pane: "land" });
    const above = L.canvas({ pane: "borders" });
    const land = topojson.merge(topo, this.regions);
    L.geoJSON(land, { renderer: below, interactive: false, style: { color: "#9aa3ad", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1 } }).addTo(m);
    const countries = topojson.mesh(topo, object, (a, b) => a !== b && a.properties.c !== b.properties.c);
    L.geoJSON(countries, { renderer: above, interactive: false, style: { color: "#6b7480", weight: 1.1 } }).addTo(m);
    const admin = topojson.mesh(topo, object, (a, b) => a !== b && a.properties.c === b.properties.c);
    this.adminLines = L.geoJSON(admin, { renderer: above, interactive: false, style: { color: "#8d96a0", weight: 0.7, dashArray: "3 3" } });
    const box = m.getContainer();
    const toggle = () => {
      const shown = m.getZoom() >= 4;
      if (shown) this.adminLines.addTo(m);
      else this.adminLines.remove();
      box.dataset.borders = shown ? "country admin1" : "country";
    };
    m.on("zoomend", toggle);
    toggle();
  }

  // The shape of an area the event is known to: a country (ISO alpha-3) or a first-level
  // region (GeoNames id); null when the basemap has none.
  area(kind, country, geonameid) {
    if (!this.topology) return null;
    const parts = kind === "country"
      ? this.regions.filter((g) => g.properties.c === country)
      : this.regions.filter((g) => g.properties.g === geonameid);
    return parts.length ? topojson.merge(this.topology, parts) : null;
  }

  labelLayer() {
    const pane = this.map.createPane("labels");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    pane.classList.add("leaflet-zoom-hide");
    this.pane = pane;
    this.map.on("moveend zoomend viewreset resize", () => this.placeLabels());
    this.placeLabels();
  }

  // Names for this zoom inside the view, in the file's order (earliest zoom, biggest first);
  // a name that would overlap one already placed is left out.
  placeLabels() {
    const m = this.map;
    const zoom = m.getZoom();
    m.getContainer().dataset.zoom = String(zoom);
    const bounds = m.getBounds().pad(0.05);
    const taken = [];
    const nodes = [];
    for (const label of this.labels) {
      if (label.zoom > zoom) break;
      if (!bounds.contains([label.lat, label.lon])) continue;
      const size = FONT[label.kind] || 11;
      const at = m.latLngToLayerPoint([label.lat, label.lon]);
      const width = label.name.length * size * 0.56 + 6;
      const box = { x0: at.x - width / 2, x1: at.x + width / 2, y0: at.y - size, y1: at.y + 4 };
      if (taken.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
      taken.push(box);
      const node = el("div", { class: "place-at" }, el("span", { class: `place-label k-${this.kinds[label.kind]}`, text: label.name, dataset: { zoom: String(label.zoom) } }));
      L.DomUtil.setPosition(node, at);
      nodes.push(node);
      if (nodes.length >= LABEL_CAP) break;
    }
    this.pane.replaceChildren(...nodes);
  }
}
