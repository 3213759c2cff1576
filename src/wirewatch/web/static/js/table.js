// The event table: the filtered events, sortable and paged, each linked to its sentence in
// the reader; the export links give every filtered row as CSV, GeoJSON or JSON.
import * as api from "./api.js";
import { typeClass } from "./colors.js";
import { clear, el, message, short } from "./dom.js";
import { describe } from "./filters.js";

const COLUMNS = [
  ["date", "date", true], ["event", "type", true], ["actor_codes", "actor", false],
  ["recipient_codes", "recipient", false], ["place", "place", true], ["country", "country", true],
  ["dead", "dead", true], ["injured", "injured", true], ["modality", "modality", false],
  ["source", "source", true], ["sentence", "evidence", false],
];
const SORT_KEY = { date: "date", event: "event", place: "place", country: "country", dead: "dead", injured: "injured", source: "source" };
const PAGE = 50;

export class EventTable {
  constructor(root, onNavigate) {
    this.root = root;
    this.navigate = onNavigate;
    this.table = root.querySelector("#events-table");
    this.summary = root.querySelector("#events-summary");
    this.exports = root.querySelector("#events-export");
    this.pager = root.querySelector("#events-pager");
  }

  async show(filters, params) {
    const offset = Number(params.get("offset") || 0);
    const sort = params.get("sort") || "-date";
    const query = new URLSearchParams(filters);
    query.set("limit", String(PAGE));
    query.set("offset", String(offset));
    query.set("sort", sort);
    this.renderExports(filters);
    try {
      const page = await api.get("/api/events", query);
      this.render(page, filters, offset, sort);
    } catch (err) {
      message(this.summary, String(err), "error");
      clear(this.table);
    }
  }

  renderExports(filters) {
    const link = (format, label) => {
      const query = new URLSearchParams(filters);
      query.set("format", format);
      if (format === "json") query.set("limit", "1000");
      return el("a", { href: api.url("/api/events", query), download: `events.${format}`, class: "button", dataset: { format }, text: label });
    };
    clear(this.exports).append("Export the filtered rows: ", link("csv", "CSV"), " ", link("geojson", "GeoJSON"), " ", link("json", "JSON"));
  }

  render(page, filters, offset, sort) {
    const end = offset + page.items.length;
    this.summary.textContent = `${page.total} events (${describe(filters)})${page.total ? `, showing ${offset + 1}–${end}` : ""}`;
    const head = el("tr");
    for (const [key, label, sortable] of COLUMNS) {
      const active = sort.replace("-", "") === SORT_KEY[key];
      const arrow = active ? (sort.startsWith("-") ? " ▼" : " ▲") : "";
      const next = active && !sort.startsWith("-") ? `-${SORT_KEY[key]}` : SORT_KEY[key];
      head.append(el("th", { scope: "col", dataset: { key } }, sortable
        ? el("button", { type: "button", class: "link", text: label + arrow, onclick: () => this.navigate({ sort: next, offset: "0" }) })
        : label));
    }
    const body = el("tbody");
    for (const row of page.items) body.append(this.row(row));
    clear(this.table).append(el("thead", {}, head), body);
    if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: COLUMNS.length, class: "muted", text: "No event matches these filters." })));
    this.renderPager(page, offset);
  }

  row(r) {
    const tr = el("tr", { class: typeClass(r.event), dataset: { eventId: r.id } });
    tr.append(
      el("td", { text: r.date || "—" }),
      el("td", {}, el("span", { class: "type-chip", text: r.event })),
      el("td", { text: (r.actor_codes || "").replaceAll("|", ", ") }),
      el("td", { text: (r.recipient_codes || "").replaceAll("|", ", ") }),
      el("td", { text: r.place || "" }),
      el("td", { text: r.country || "" }),
      el("td", { class: "num", text: r.dead ?? "" }),
      el("td", { class: "num", text: r.injured ?? "" }),
      el("td", { text: r.polarity === "asserted" ? r.modality : `${r.modality}, ${r.polarity}` }),
      el("td", { text: r.source || "" }),
      el("td", {}, el("a", { href: `#/reader/${encodeURIComponent(r.article_id)}?event=${encodeURIComponent(r.id)}`, class: "evidence", text: short(r.sentence, 120) })),
    );
    return tr;
  }

  renderPager(page, offset) {
    const prev = el("button", { type: "button", text: "◀ previous", disabled: offset <= 0, onclick: () => this.navigate({ offset: String(Math.max(0, offset - PAGE)) }) });
    const next = el("button", { type: "button", text: "next ▶", disabled: !page.next, onclick: () => this.navigate({ offset: String(offset + PAGE) }) });
    clear(this.pager).append(prev, " ", next);
  }
}
