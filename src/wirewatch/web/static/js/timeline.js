// The timeline: events per day, stacked by type, for the current filters. Coarser dates
// (month, year, week, interval) and undated events are listed under the chart.
import * as api from "./api.js";
import { color } from "./colors.js";
import { clear, el, message, svg } from "./dom.js";
import { describe } from "./filters.js";

const HEIGHT = 320;
const MARGIN = { top: 12, right: 16, bottom: 48, left: 40 };

function days(first, last) {
  const out = [];
  for (let d = new Date(first + "T00:00:00Z"); d <= new Date(last + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
    if (out.length > 3660) break;
  }
  return out;
}

export class Timeline {
  constructor(root, onPickDay) {
    this.root = root;
    this.chart = root.querySelector("#timeline-chart");
    this.legend = root.querySelector("#timeline-legend");
    this.extra = root.querySelector("#timeline-coarse");
    this.summary = root.querySelector("#timeline-summary");
    this.onPickDay = onPickDay;
  }

  async show(filters) {
    if (!window.d3) {
      message(this.chart, "The chart library is not installed: run 'python -m wirewatch.web.build' (make does it).", "error");
      return;
    }
    try {
      const data = await api.get("/api/timeline", new URLSearchParams(filters));
      this.render(data, filters);
    } catch (err) {
      message(this.chart, String(err), "error");
    }
  }

  render(data, filters) {
    const total = data.days.reduce((n, d) => n + Object.values(d.counts).reduce((a, b) => a + b, 0), 0);
    this.summary.textContent = `${total} dated events over ${data.days.length} days (${describe(filters)})`;
    clear(this.legend);
    for (const type of data.types) this.legend.append(el("span", { class: "swatch-type", dataset: { type } }, svg("svg", { width: 12, height: 12 }, svg("rect", { width: 12, height: 12, fill: color(type) })), ` ${type}`));
    this.renderCoarse(data);
    if (!data.days.length) return message(this.chart, "No event with a day-precise date matches these filters.");
    this.renderBars(data);
  }

  renderBars(data) {
    const room = Math.max(this.chart.clientWidth || 800, 400);
    const counts = new Map(data.days.map((d) => [d.date, d.counts]));
    const axis = days(data.days[0].date, data.days[data.days.length - 1].date);
    const width = Math.min(room, MARGIN.left + MARGIN.right + 60 * axis.length + 40);
    const x = d3.scaleBand().domain(axis).range([MARGIN.left, width - MARGIN.right]).padding(0.15);
    const max = d3.max(data.days, (d) => Object.values(d.counts).reduce((a, b) => a + b, 0));
    const y = d3.scaleLinear().domain([0, max]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const root = svg("svg", { width, height: HEIGHT, id: "timeline-svg", role: "img", "aria-label": "events per day" });
    for (const day of axis) {
      let base = 0;
      for (const type of data.types) {
        const n = (counts.get(day) || {})[type] || 0;
        if (!n) continue;
        const bar = svg("rect", { class: "bar", x: x(day), width: x.bandwidth(), y: y(base + n), height: y(base) - y(base + n), fill: color(type), dataset: { day, type, count: String(n) } },
          svg("title", { text: `${day}: ${n} ${type}` }));
        bar.addEventListener("click", () => this.onPickDay(day));
        root.append(bar);
        base += n;
      }
    }
    const g = d3.select(root);
    const every = Math.ceil(axis.length / Math.max(1, Math.floor(width / 70)));
    g.append("g").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
      .call(d3.axisBottom(x).tickValues(axis.filter((_, i) => i % every === 0)))
      .selectAll("text").attr("transform", "rotate(-35)").attr("text-anchor", "end");
    g.append("g").attr("transform", `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(Math.min(max, 6)).tickFormat(d3.format("d")));
    clear(this.chart).append(root);
  }

  renderCoarse(data) {
    clear(this.extra);
    const rows = data.coarse.map((c) => `${c.date}: ${Object.entries(c.counts).map(([t, n]) => `${n} ${t}`).join(", ")}`);
    const undated = Object.entries(data.undated).map(([t, n]) => `${n} ${t}`).join(", ");
    if (undated) rows.push(`undated: ${undated}`);
    if (!rows.length) return;
    this.extra.append(el("h3", { text: "Not on a single day" }), el("ul", {}, rows.map((r) => el("li", { text: r }))));
  }
}
