// The actor network: who acts on whom for the current filters. Circle area follows the actor's
// events, edge width the link's events, edge colour what the PLOVER types mean (cooperation,
// conflict, or a request: an appeal or a demand, which the type alone does not tell apart).
// The layout settles before it is drawn and is fitted to the view; scroll zooms, dragging the
// background pans; a click on a link lists its events with their sentences.
import * as api from "./api.js";
import { RELATIONS } from "./colors.js";
import { clear, el, message, short, svg } from "./dom.js";
import { describe } from "./filters.js";

const HEIGHT = 560;
const MARGIN = 24;

// A curved link that stops at the edge of its target's circle (so the arrow shows).
function curve(d) {
  const dx = d.target.x - d.source.x;
  const dy = d.target.y - d.source.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = d.bend * length * 0.15;
  const mx = (d.source.x + d.target.x) / 2 - (dy / length) * bend;
  const my = (d.source.y + d.target.y) / 2 + (dx / length) * bend;
  const back = Math.hypot(d.target.x - mx, d.target.y - my) || 1;
  const stop = (d.target.r || 8) + 2;
  const ex = d.target.x - ((d.target.x - mx) / back) * stop;
  const ey = d.target.y - ((d.target.y - my) / back) * stop;
  return `M${d.source.x},${d.source.y} Q${mx},${my} ${ex},${ey}`;
}

// The box around every circle and its label, in layout units.
export function extent(nodes) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    const label = n.id.length * 7 + 6;
    x0 = Math.min(x0, n.x - n.r);
    x1 = Math.max(x1, n.x + n.r + label);
    y0 = Math.min(y0, n.y - n.r);
    y1 = Math.max(y1, n.y + n.r);
  }
  return { x0, y0, x1, y1 };
}

// The zoom that shows the whole box inside width x height, never enlarged more than twice.
export function fitting(box, width, height) {
  const scale = Math.min(2, (width - 2 * MARGIN) / Math.max(1, box.x1 - box.x0), (height - 2 * MARGIN) / Math.max(1, box.y1 - box.y0));
  const x = width / 2 - scale * (box.x0 + box.x1) / 2;
  const y = height / 2 - scale * (box.y0 + box.y1) / 2;
  return d3.zoomIdentity.translate(x, y).scale(scale);
}

function codes(value) {
  return (value || "").split("|").filter(Boolean).join(", ");
}

export class Network {
  constructor(root) {
    this.root = root;
    this.chart = root.querySelector("#network-chart");
    this.summary = root.querySelector("#network-summary");
    this.panel = root.querySelector("#network-panel");
    this.simulation = null;
    this.filters = {};
    root.querySelector("#network-fit").addEventListener("click", () => this.fit(true));
  }

  async show(filters) {
    if (!window.d3) {
      message(this.chart, "The chart library is not installed: run 'python -m wirewatch.web.build' (make does it).", "error");
      return;
    }
    this.filters = filters;
    try {
      const data = await api.get("/api/network", new URLSearchParams(filters));
      this.render(data, filters);
    } catch (err) {
      message(this.chart, String(err), "error");
    }
  }

  render(data, filters) {
    if (this.simulation) this.simulation.stop();
    this.summary.textContent = `${data.nodes.length} actors, ${data.edges.length} links (${describe(filters)})`;
    message(this.panel, "Click a link to list its events.");
    if (!data.edges.length && !data.nodes.length) return message(this.chart, "No event with actors matches these filters.");
    this.width = Math.max(this.chart.clientWidth || 800, 400);
    const nodes = data.nodes.map((n) => ({ ...n }));
    const pairs = new Map();
    const edges = data.edges.map((e) => {
      const key = [e.source, e.target].sort().join("\u0000");
      const seen = pairs.get(key) || 0;
      pairs.set(key, seen + 1);
      return { ...e, bend: 1 + seen };
    });
    const maxEvents = Math.max(1, ...nodes.map((n) => n.events));
    for (const n of nodes) n.r = 5 + 17 * Math.sqrt(n.events / maxEvents);
    this.svg = svg("svg", { width: this.width, height: HEIGHT, id: "network-svg", role: "img", "aria-label": "actor network" });
    this.svg.append(this.markers());
    this.view = svg("g", { class: "viewport" });
    this.svg.append(this.view);
    const lines = this.links(edges);
    const groups = nodes.map((n) => {
      const g = svg("g", { class: "node", dataset: { id: n.id, events: String(n.events) } },
        svg("circle", { r: n.r }),
        svg("text", { x: n.r + 3, y: 4, text: n.id }),
        svg("title", { text: `${n.id}: ${n.events} events` }));
      this.view.append(g);
      return g;
    });
    clear(this.chart).append(this.svg, this.legend());
    this.simulate(nodes, edges, lines, groups);
  }

  markers() {
    const defs = svg("defs");
    for (const [relation, c] of Object.entries(RELATIONS)) {
      defs.append(svg("marker", { id: `arrow-${relation}`, viewBox: "0 -5 10 10", refX: 10, refY: 0, markerWidth: 12, markerHeight: 12, markerUnits: "userSpaceOnUse", orient: "auto" }, svg("path", { d: "M0,-5L10,0L0,5", fill: c })));
    }
    return defs;
  }

  links(edges) {
    const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
    return edges.map((e) => {
      const kinds = Object.entries(e.types).map(([t, n]) => `${n} ${t}`).join(", ");
      const path = svg("path", { class: `edge ${e.relation}`, fill: "none", stroke: RELATIONS[e.relation] || RELATIONS.other, "stroke-width": 1.5 + 5 * (e.weight / maxWeight), "marker-end": `url(#arrow-${e.relation})`, dataset: { source: e.source, target: e.target, relation: e.relation, weight: String(e.weight) } },
        svg("title", { text: `${e.source} → ${e.target}: ${e.weight} events (${e.relation}: ${kinds})` }));
      path.addEventListener("click", () => this.openLink(e));
      this.view.append(path);
      return path;
    });
  }

  // The layout runs to rest before the first drawing (no nodes flying in from outside), held
  // together by a weak pull to the centre so that unlinked actors stay near the rest.
  simulate(nodes, edges, lines, groups) {
    const links = edges.map((e) => ({ ...e }));
    const tick = () => {
      links.forEach((l, i) => lines[i].setAttribute("d", curve(l)));
      nodes.forEach((n, i) => groups[i].setAttribute("transform", `translate(${n.x},${n.y})`));
    };
    this.nodes = nodes;
    this.simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((n) => n.id).distance(90))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("x", d3.forceX(0).strength(0.07))
      .force("y", d3.forceY(0).strength(0.1))
      .force("collide", d3.forceCollide((n) => n.r + 14))
      .stop();
    this.simulation.tick(300);
    tick();
    this.simulation.on("tick", tick);
    this.zoom = d3.zoom().scaleExtent([0.1, 8]).on("zoom", (ev) => this.view.setAttribute("transform", ev.transform.toString()));
    d3.select(this.svg).call(this.zoom).on("dblclick.zoom", null);
    this.fit(false);
    const drag = d3.drag()
      .on("start", (ev, n) => { if (!ev.active) this.simulation.alphaTarget(0.1).restart(); n.fx = n.x; n.fy = n.y; })
      .on("drag", (ev, n) => { n.fx = ev.x; n.fy = ev.y; })
      .on("end", (ev, n) => { if (!ev.active) this.simulation.alphaTarget(0); n.fx = null; n.fy = null; });
    d3.selectAll(groups).data(nodes).call(drag);
  }

  fit(animated) {
    if (!this.svg || !this.nodes) return;
    const target = fitting(extent(this.nodes), this.width, HEIGHT);
    const selection = d3.select(this.svg);
    (animated ? selection.transition().duration(400) : selection).call(this.zoom.transform, target);
  }

  async openLink(e) {
    const query = new URLSearchParams(this.filters);
    query.set("from_actor", e.source);
    query.set("to_actor", e.target);
    query.set("relation", e.relation);
    const head = el("h3", { text: `${e.source} → ${e.target}` });
    clear(this.panel).append(head, el("p", { class: "muted", text: `${e.weight} events, ${e.relation}` }));
    try {
      const found = await api.get("/api/network/events", query);
      const list = el("ul", { class: "link-events", id: "link-events" });
      for (const item of found.items) {
        list.append(el("li", { dataset: { eventId: item.id } },
          el("span", { class: "type-chip", text: item.event }), ` ${item.date || "undated"}${item.place ? " · " + item.place : ""} · ${codes(item.actor_codes)} → ${codes(item.recipient_codes)}`,
          el("br"), el("a", { href: `#/reader/${encodeURIComponent(item.article_id)}?event=${encodeURIComponent(item.id)}`, class: "evidence", text: short(item.sentence, 220) })));
      }
      const more = found.total > found.items.length ? el("p", { class: "muted", text: `The first ${found.items.length} of ${found.total}.` }) : null;
      this.panel.append(list, more);
    } catch (err) {
      this.panel.append(el("p", { class: "message error", text: String(err) }));
    }
  }

  legend() {
    const names = { cooperation: "cooperation", conflict: "conflict", request: "request (appeal or demand)", other: "other" };
    return el("p", { class: "legend" }, Object.entries(RELATIONS).map(([relation, c]) =>
      el("span", { class: "swatch-type" }, svg("svg", { width: 24, height: 8 }, svg("line", { x1: 0, y1: 4, x2: 24, y2: 4, stroke: c, "stroke-width": 3 })), ` ${names[relation] || relation} `)));
  }
}
