// The actor network: who acts on whom for the current filters. Edge width = events, colour =
// cooperation or conflict (quad class, else PLOVER type); a click on an edge lists its events.
import * as api from "./api.js";
import { RELATIONS } from "./colors.js";
import { clear, el, message, svg } from "./dom.js";
import { describe } from "./filters.js";

const HEIGHT = 520;

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

export class Network {
  constructor(root, onPickEdge) {
    this.root = root;
    this.chart = root.querySelector("#network-chart");
    this.summary = root.querySelector("#network-summary");
    this.onPickEdge = onPickEdge;
    this.simulation = null;
  }

  async show(filters) {
    if (!window.d3) {
      message(this.chart, "The chart library is not installed: run 'python -m wirewatch.web.build' (make does it).", "error");
      return;
    }
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
    if (!data.edges.length && !data.nodes.length) return message(this.chart, "No event with actors matches these filters.");
    const width = Math.max(this.chart.clientWidth || 800, 400);
    const nodes = data.nodes.map((n) => ({ ...n }));
    const pairs = new Map();
    const edges = data.edges.map((e) => {
      const key = [e.source, e.target].sort().join("\u0000");
      const seen = pairs.get(key) || 0;
      pairs.set(key, seen + 1);
      return { ...e, bend: 1 + seen };
    });
    const root = svg("svg", { width, height: HEIGHT, id: "network-svg", role: "img", "aria-label": "actor network" });
    const defs = svg("defs");
    for (const [relation, c] of Object.entries(RELATIONS)) {
      defs.append(svg("marker", { id: `arrow-${relation}`, viewBox: "0 -5 10 10", refX: 10, refY: 0, markerWidth: 12, markerHeight: 12, markerUnits: "userSpaceOnUse", orient: "auto" }, svg("path", { d: "M0,-5L10,0L0,5", fill: c })));
    }
    root.append(defs);
    const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
    const lines = edges.map((e) => {
      const path = svg("path", { class: `edge ${e.relation}`, fill: "none", stroke: RELATIONS[e.relation], "stroke-width": 1.5 + 5 * (e.weight / maxWeight), "marker-end": `url(#arrow-${e.relation})`, dataset: { source: e.source, target: e.target, relation: e.relation, weight: String(e.weight) } },
        svg("title", { text: `${e.source} → ${e.target}: ${e.weight} events (${e.relation}: ${Object.entries(e.types).map(([t, n]) => `${n} ${t}`).join(", ")})` }));
      path.addEventListener("click", () => this.onPickEdge(e.source, e.target));
      root.append(path);
      return path;
    });
    const maxEvents = Math.max(1, ...nodes.map((n) => n.events));
    for (const n of nodes) n.r = 6 + 10 * Math.sqrt(n.events / maxEvents);
    const groups = nodes.map((n) => {
      const g = svg("g", { class: "node", dataset: { id: n.id } },
        svg("circle", { r: n.r }),
        svg("text", { x: 12, y: 4, text: n.id }),
        svg("title", { text: `${n.id}: ${n.events} events` }));
      root.append(g);
      return g;
    });
    clear(this.chart).append(root, this.legend());
    this.simulate(nodes, edges, lines, groups, width);
  }

  simulate(nodes, edges, lines, groups, width) {
    const links = edges.map((e) => ({ ...e }));
    const tick = () => {
      links.forEach((l, i) => lines[i].setAttribute("d", curve(l)));
      nodes.forEach((n, i) => groups[i].setAttribute("transform", `translate(${n.x},${n.y})`));
    };
    this.simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((n) => n.id).distance(120))
      .force("charge", d3.forceManyBody().strength(-400))
      .force("center", d3.forceCenter(width / 2, HEIGHT / 2))
      .force("collide", d3.forceCollide(30))
      .on("tick", tick);
    this.simulation.tick(120);
    tick();
    const drag = d3.drag()
      .on("start", (ev, n) => { if (!ev.active) this.simulation.alphaTarget(0.2).restart(); n.fx = n.x; n.fy = n.y; })
      .on("drag", (ev, n) => { n.fx = ev.x; n.fy = ev.y; })
      .on("end", (ev, n) => { if (!ev.active) this.simulation.alphaTarget(0); n.fx = null; n.fy = null; });
    d3.selectAll(groups).data(nodes).call(drag);
  }

  legend() {
    return el("p", { class: "legend" }, Object.entries(RELATIONS).map(([relation, c]) =>
      el("span", { class: "swatch-type" }, svg("svg", { width: 24, height: 8 }, svg("line", { x1: 0, y1: 4, x2: 24, y2: 4, stroke: c, "stroke-width": 3 })), ` ${relation} `)));
  }
}
