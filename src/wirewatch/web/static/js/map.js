// The map: events where they happened, as precisely as they are known. A town or a spot is a
// marker (clustered, coloured by the dominant event type, sized by casualties); an event known
// only to a country or a first-level region colours that area (never a point at its centre);
// one known only to a wider region ("Middle East") is listed beside the map. A click lists
// the events with their sentences.
import * as api from "./api.js";
import { Basemap } from "./basemap.js";
import { color, typeClass } from "./colors.js";
import { clear, el, message, short } from "./dom.js";
import { describe } from "./filters.js";

function casualties(e) {
  return (e.dead || 0) + (e.injured || 0);
}

// The type shown for a group of events: the most frequent, then the one with the most casualties.
export function dominant(events) {
  const score = {};
  for (const e of events) {
    const [n, toll] = score[e.event] || [0, 0];
    score[e.event] = [n + 1, toll + casualties(e)];
  }
  const ranked = Object.entries(score).sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1]);
  return ranked.length ? ranked[0][0] : null;
}

function codes(value) {
  return (value || "").split("|").filter(Boolean).join(", ");
}

function eventItem(e) {
  return el("li", { class: typeClass(e.event), dataset: { eventId: e.id } },
    el("span", { class: "type-chip", text: e.event }), ` ${e.date || "undated"} · ${codes(e.actor_codes) || "?"} → ${codes(e.recipient_codes) || "—"}`,
    casualties(e) ? el("span", { class: "muted", text: ` · ${e.dead || 0} dead, ${e.injured || 0} injured` }) : null,
    el("br"), el("a", { href: `#/reader/${encodeURIComponent(e.article_id)}?event=${encodeURIComponent(e.id)}`, class: "evidence", text: short(e.sentence, 180) }));
}

const PRECISION = { country: "the country", admin1: "the region (admin-1)", region: "a wider region" };

export class EventMap {
  constructor(root, onUseBounds) {
    this.root = root;
    this.box = root.querySelector("#map");
    this.panel = root.querySelector("#map-panel");
    this.summary = root.querySelector("#map-summary");
    this.legendBox = root.querySelector("#map-legend");
    this.onUseBounds = onUseBounds;
    this.map = null;
  }

  ready() {
    if (this.map) return true;
    if (!window.L || !window.L.markerClusterGroup || !window.topojson) {
      message(this.box, "The map libraries are not installed: run 'python -m wirewatch.web.build' (make does it).", "error");
      return false;
    }
    this.map = L.map(this.box, { worldCopyJump: true, minZoom: 2, maxZoom: 10, zoomSnap: 0.5 }).setView([30, 20], 2);
    this.map.attributionControl.setPrefix(false).addAttribution("Natural Earth · GeoNames (CC BY 4.0)");
    this.basemap = new Basemap(this.map);
    this.loaded = this.basemap.load().catch((err) => { this.summary.textContent = `Basemap not available: ${err}`; });
    this.map.createPane("areas").style.zIndex = 400;
    this.areas = L.layerGroup().addTo(this.map);
    this.cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: (c) => this.clusterIcon(c) });
    this.map.addLayer(this.cluster);
    this.root.querySelector("#map-bounds").addEventListener("click", () => {
      const b = this.map.getBounds();
      const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(3);
      this.onUseBounds([clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].join(","));
    });
    return true;
  }

  async show(filters) {
    if (!this.ready()) return;
    this.map.invalidateSize();
    try {
      const [data] = await Promise.all([api.get("/api/map", new URLSearchParams(filters)), this.loaded]);
      this.render(data, filters);
    } catch (err) {
      this.summary.textContent = String(err);
    }
  }

  render(data, filters) {
    this.cluster.clearLayers();
    this.areas.clearLayers();
    // The view fits the points and regions; whole countries only when nothing finer is there.
    const bounds = L.latLngBounds([]);
    const wide = L.latLngBounds([]);
    for (const group of data.points) {
      this.cluster.addLayer(this.marker(group));
      bounds.extend([group.lat, group.lon]);
    }
    const listed = [...data.regions.map((g) => ({ ...g, kind: "region" }))];
    let drawn = 0;
    let shaded = 0;
    for (const group of data.areas) {
      const shape = this.basemap.area(group.kind, group.country, group.geonameid);
      if (!shape) {
        listed.push(group);
        continue;
      }
      const layer = this.area(group, shape);
      (group.kind === "country" ? wide : bounds).extend(layer.getBounds());
      drawn += 1;
      shaded += group.events.length;
    }
    this.listed = listed;
    const count = (groups) => groups.reduce((n, g) => n + g.events.length, 0);
    const parts = [`${count(data.points)} events at ${data.points.length} places`];
    if (drawn) parts.push(`${shaded} known only to ${drawn} countries or regions (shaded)`);
    if (listed.length) parts.push(`${count(listed)} to wider regions (listed)`);
    if (data.unplaced) parts.push(`${data.unplaced} without a place`);
    const more = data.total > data.read ? ` — the latest ${data.read} of ${data.total}` : "";
    const told = data.total ? parts.join(" · ") : "No event matches these filters";
    this.summary.textContent = `${told} (${describe(filters)})${more}`;
    this.legend([...data.points, ...data.areas, ...data.regions]);
    this.overview();
    const view = bounds.isValid() ? bounds : wide;
    if (view.isValid()) this.map.fitBounds(view.pad(0.2), { maxZoom: 6 });
  }

  marker(group) {
    const toll = group.events.reduce((sum, e) => sum + casualties(e), 0);
    const size = Math.round(14 + 6 * Math.sqrt(toll));
    const type = dominant(group.events);
    const icon = L.divIcon({ className: `event-marker ${typeClass(type)}`, iconSize: [size, size] });
    const marker = L.marker([group.lat, group.lon], { icon, title: `${group.name}: ${group.events.length} events, ${toll} dead or injured`, keyboard: true });
    marker.group = group;
    marker.on("click", () => this.open(group, "a place"));
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

  // A cluster shows how many events it holds, in the colour of their dominant type.
  clusterIcon(cluster) {
    const events = cluster.getAllChildMarkers().flatMap((m) => m.group.events);
    const type = dominant(events);
    const size = Math.round(26 + 4 * Math.log2(events.length));
    const body = el("span", { text: String(events.length) });
    body.style.backgroundColor = color(type);
    return L.divIcon({ html: body, className: `event-cluster ${typeClass(type)}`, iconSize: [size, size] });
  }

  area(group, shape) {
    const type = dominant(group.events);
    const layer = L.geoJSON(shape, {
      pane: "areas",
      className: "event-area",
      style: { color: color(type), weight: 1.5, dashArray: "4 3", fillColor: color(type), fillOpacity: 0.22 },
    });
    layer.on("click", () => this.open(group, PRECISION[group.kind]));
    layer.bindTooltip(`${group.name}: ${group.events.length} events known only to ${PRECISION[group.kind]}`, { sticky: true });
    layer.on("add", () => layer.eachLayer((part) => {
      const node = part.getElement();
      if (node) Object.assign(node.dataset, { kind: group.kind, name: group.name, events: String(group.events.length), type });
    }));
    this.areas.addLayer(layer);
    return layer;
  }

  legend(groups) {
    if (!this.legendBox) return;
    const types = [...new Set(groups.flatMap((g) => g.events.map((e) => e.event)))].sort();
    clear(this.legendBox).append(...types.map((t) => el("span", { class: `swatch-type ${typeClass(t)}` }, el("span", { class: "dot" }), ` ${t}`)),
      el("span", { class: "muted", text: " · marker: a town or spot; shaded area: known only to a country or region; size: dead and injured" }));
  }

  // The panel before a click: what is known only to wider regions, which the map cannot draw.
  overview() {
    const box = el("div", { id: "map-overview" }, el("p", { class: "muted", text: "Click a marker or a shaded area to list its events." }));
    if (this.listed.length) {
      const list = el("ul", { class: "map-regions", id: "map-regions" });
      for (const g of this.listed) {
        list.append(el("li", { dataset: { name: g.name || "" } },
          el("button", { type: "button", class: "link", text: `${g.name}`, onclick: () => this.open(g, PRECISION[g.kind] || "a wider region") }),
          el("span", { class: "muted", text: ` (${g.feature || g.kind}): ${g.events.length} events` })));
      }
      box.append(el("h3", { text: "Known only to a wider region" }), list);
    }
    clear(this.panel).append(box);
  }

  open(group, precision) {
    const list = el("ul", { class: "map-events", id: "map-events" });
    for (const e of group.events) list.append(eventItem(e));
    const back = el("button", { type: "button", class: "link", text: "← regions", onclick: () => this.overview() });
    clear(this.panel).append(back, el("h3", { text: `${group.name}: ${group.events.length} events` }),
      precision ? el("p", { class: "muted", text: `Placed at ${precision}.` }) : null, list);
  }
}
