// The map: events clustered by place on an offline basemap (Natural Earth country outlines
// from the world-atlas package); colour by type, size by casualties; a click lists the events.
import * as api from "./api.js";
import { color, typeClass } from "./colors.js";
import { clear, el, message, short } from "./dom.js";
import { describe } from "./filters.js";

function casualties(props) {
  return (props.dead || 0) + (props.injured || 0);
}

// One marker per location: events at the same coordinates open together.
export function byLocation(features) {
  const groups = new Map();
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const key = `${lat.toFixed(4)},${lon.toFixed(4)}`;
    if (!groups.has(key)) groups.set(key, { lat, lon, events: [] });
    groups.get(key).events.push(f.properties);
  }
  return [...groups.values()];
}

// The type shown for a place: the most frequent, then the one with the most casualties.
function dominant(events) {
  const score = {};
  for (const e of events) {
    const [n, toll] = score[e.event] || [0, 0];
    score[e.event] = [n + 1, toll + casualties(e)];
  }
  const ranked = Object.entries(score).sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1]);
  return ranked[0][0];
}

export class EventMap {
  constructor(root, onUseBounds) {
    this.root = root;
    this.box = root.querySelector("#map");
    this.panel = root.querySelector("#map-panel");
    this.summary = root.querySelector("#map-summary");
    this.onUseBounds = onUseBounds;
    this.map = null;
  }

  ready() {
    if (this.map) return true;
    if (!window.L || !window.L.markerClusterGroup || !window.topojson) {
      message(this.box, "The map libraries are not installed: run 'python -m wirewatch.web.build' (make does it).", "error");
      return false;
    }
    this.map = L.map(this.box, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 20], 2);
    this.map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    this.basemap();
    this.cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
    this.map.addLayer(this.cluster);
    this.root.querySelector("#map-bounds").addEventListener("click", () => {
      const b = this.map.getBounds();
      const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(3);
      this.onUseBounds([clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(","));
    });
    return true;
  }

  async basemap() {
    try {
      const topo = await (await fetch("/static/vendor/countries-50m.json")).json();
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { interactive: false, style: { color: "#8a9099", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1 } }).addTo(this.map).bringToBack();
    } catch (err) {
      this.summary.textContent = `Basemap not available: ${err}`;
    }
  }

  async show(filters) {
    if (!this.ready()) return;
    this.map.invalidateSize();
    const query = new URLSearchParams(filters);
    query.set("format", "geojson");
    try {
      const data = await api.get("/api/events", query);
      this.render(data.features, filters);
    } catch (err) {
      this.summary.textContent = String(err);
    }
  }

  render(features, filters) {
    this.cluster.clearLayers();
    const groups = byLocation(features);
    for (const group of groups) this.cluster.addLayer(this.marker(group));
    this.summary.textContent = `${features.length} events with coordinates at ${groups.length} places (${describe(filters)})`;
    message(this.panel, groups.length ? "Click a marker to list the events there." : "No event with coordinates matches these filters.");
    if (groups.length) this.map.fitBounds(L.latLngBounds(groups.map((g) => [g.lat, g.lon])).pad(0.5), { maxZoom: 6 });
  }

  marker(group) {
    const toll = group.events.reduce((sum, e) => sum + casualties(e), 0);
    const size = Math.round(14 + 6 * Math.sqrt(toll));
    const type = dominant(group.events);
    const icon = L.divIcon({ className: `event-marker ${typeClass(type)}`, iconSize: [size, size] });
    const marker = L.marker([group.lat, group.lon], { icon, title: `${group.events.length} events, ${toll} dead or injured`, keyboard: true });
    marker.on("click", () => this.open(group));
    marker.on("add", () => {
      const node = marker.getElement();
      if (node) {
        node.dataset.events = String(group.events.length);
        node.dataset.type = type;
        node.style.backgroundColor = color(type);
      }
    });
    return marker;
  }

  open(group) {
    const list = el("ul", { class: "map-events", id: "map-events" });
    for (const e of group.events) {
      list.append(el("li", { class: typeClass(e.event), dataset: { eventId: e.id } },
        el("span", { class: "type-chip", text: e.event }), ` ${e.date || "undated"} · ${(e.actor_codes || "?").replaceAll("|", ", ")} → ${(e.recipient_codes || "—").replaceAll("|", ", ")}`,
        casualties(e) ? el("span", { class: "muted", text: ` · ${e.dead || 0} dead, ${e.injured || 0} injured` }) : null,
        el("br"), el("a", { href: `#/reader/${encodeURIComponent(e.article_id)}?event=${encodeURIComponent(e.id)}`, class: "evidence", text: short(e.sentence, 160) })));
    }
    const place = group.events[0].place || `${group.lat}, ${group.lon}`;
    clear(this.panel).append(el("h3", { text: `${place}: ${group.events.length} events` }), list);
  }
}
