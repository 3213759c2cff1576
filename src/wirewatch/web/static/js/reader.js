// The article reader: the text with every finding highlighted from its offsets; a click on a
// highlight shows the records behind it; every event links back to its sentence.
import * as api from "./api.js";
import { typeClass } from "./colors.js";
import { append, clear, el, message, safeHref, short } from "./dom.js";

export const KINDS = ["actor", "place", "time", "weapon", "event", "quote"];

function actorName(actor) {
  if (!actor) return "?";
  const code = [actor.code, actor.sector].filter(Boolean).join(" ");
  return code ? `${actor.name} (${code})` : actor.name;
}

function actors(list) {
  return list && list.length ? list.map(actorName).join(", ") : "—";
}

// Everything with offsets, as {kind, start, end, record, label}.
export function annotations(article) {
  const found = [];
  const add = (kind, span, record, label) => {
    if (span && span.end > span.start) found.push({ kind, start: span.start, end: span.end, record, label });
  };
  for (const m of article.actors) add("actor", m.span, m, actorName(m.actor));
  for (const m of article.places) add("place", m.span, m, m.place ? `${m.place.name} (${m.place.country || "?"})` : "unresolved place");
  for (const t of article.times) add("time", t.span, t, t.value || "unresolved date");
  for (const m of article.weapons) add("weapon", m.span, m, m.weapon.name);
  for (const e of article.events) {
    // One record per happening: each of its mentions is marked and leads to the same record.
    const told = e.mentions && e.mentions.length ? e.mentions.map((m) => m.trigger) : [e.text_info.trigger];
    for (const trigger of told) add("event", trigger, e, `${e.event}, ${e.modality}`);
  }
  for (const q of article.quotes) add("quote", q.content, q, `${q.speaker_text}: ${q.stance}`);
  return found.map((note, index) => ({ ...note, index }));
}

// The text cut at every annotation and sentence boundary; each piece knows what covers it.
export function segments(length, notes, bounds) {
  const cuts = new Set([0, length]);
  for (const n of [...notes, ...bounds]) {
    cuts.add(n.start);
    cuts.add(n.end);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    pieces.push({ start, end, covering: notes.filter((n) => n.start <= start && n.end >= end) });
  }
  return pieces;
}

function renderText(article, notes) {
  const body = el("div", { class: "article-text", id: "article-text" });
  const bounds = [...article.sentences, ...article.events.map((e) => e.text_info.sentence)];
  for (const piece of segments(article.text.length, notes, bounds)) {
    const kinds = [...new Set(piece.covering.map((n) => `k-${n.kind}`))];
    const event = piece.covering.find((n) => n.kind === "event");
    const node = el("span", {
      class: ["seg", ...kinds, event ? typeClass(event.record.event) : ""].join(" ").trim(),
      dataset: { start: String(piece.start), end: String(piece.end) },
      text: article.text.slice(piece.start, piece.end),
    });
    if (piece.covering.length) {
      node.dataset.notes = piece.covering.map((n) => n.index).join(",");
      node.tabIndex = 0;
      node.title = piece.covering.map((n) => `${n.kind}: ${n.label}`).join("\n");
    }
    body.append(node);
  }
  return body;
}

function field(list, name, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
  list.append(el("dt", { text: name }), el("dd", { text: value }));
}

// Who did what to whom, when, where, with what toll and weapons, how sure, on whose word,
// and every place in the text that tells it.
export function whoToWhom(e) {
  return `${actors(e.actor)} → ${actors(e.recipient)}`;
}

export function when(e) {
  if (!e.date) return "undated";
  return `${e.date.value || "unresolved"} (${e.date.precision || "-"}${e.date.text ? `, from “${e.date.text}”` : ""})`;
}

export function where(e) {
  const place = e.event_loc && e.event_loc.place;
  if (!place) return e.event_loc ? `“${e.event_loc.span.text}” (not resolved)` : "no place";
  const within = [place.admin1 !== place.name ? place.admin1 : null, place.country].filter(Boolean).join(", ");
  return `${place.name}${within ? ", " + within : ""} (${place.feature}, precision ${place.precision}; ${place.lat}, ${place.lon})`;
}

export function toll(e) {
  return e.size.map((c) => `${c.kind} ${c.qualifier ? c.qualifier + " " : ""}${c.value}`).join(", ");
}

function mentionList(e) {
  const told = e.mentions && e.mentions.length ? e.mentions : [{ trigger: e.text_info.trigger, sentence: e.text_info.sentence }];
  return el("ol", { class: "mentions" }, told.map((m) => el("li", {}, el("strong", { text: `“${m.trigger.text}”` }), ` in: ${short(m.sentence.text, 240)}`)));
}

function eventFields(dl, e) {
  field(dl, "who → whom", whoToWhom(e));
  field(dl, "type", `${e.event}${e.mode ? ` (${e.mode})` : ""}`);
  field(dl, "date", when(e));
  field(dl, "where", where(e));
  field(dl, "toll", toll(e));
  field(dl, "weapons", [...new Set(e.weapons.map((w) => w.weapon.name))].join(", "));
  field(dl, "modality", `${e.modality} / ${e.polarity}`);
  field(dl, "according to", e.attribution ? `${e.attribution.description}${e.attribution.cue ? ` (${e.attribution.cue})` : ""}` : "the article itself");
  field(dl, "CAMEO / quad / score", [e.cameo, e.quad, e.score].map((v) => v ?? "–").join(" / "));
  field(dl, "context", e.context.join(", "));
  field(dl, "trigger", e.text_info.trigger.text);
  dl.append(el("dt", { class: "wide", text: `mentions (${e.mentions && e.mentions.length ? e.mentions.length : 1})` }), el("dd", { class: "wide" }, mentionList(e)));
}

function noteFields(dl, note) {
  const r = note.record;
  if (note.kind === "event") return eventFields(dl, r);
  field(dl, "text", note.kind === "quote" ? r.content.text : (r.span || {}).text);
  if (note.kind === "actor") {
    const a = r.actor;
    for (const key of ["name", "code", "sector", "kind", "office", "affiliation", "wikidata"]) field(dl, key, a[key]);
    field(dl, "refers to", r.head ? r.head.text : null);
  } else if (note.kind === "place") {
    const p = r.place || {};
    for (const key of ["name", "feature", "country", "admin1", "lat", "lon", "precision", "geonameid"]) field(dl, key, p[key]);
    field(dl, "role", r.role);
    if (!r.place) field(dl, "resolved", "no");
  } else if (note.kind === "time") {
    for (const key of ["value", "precision", "anchor"]) field(dl, key, r[key]);
  } else if (note.kind === "weapon") {
    for (const key of ["name", "category", "maker"]) field(dl, key, r.weapon[key]);
    field(dl, "named system", r.weapon.named_system ? "yes" : "no");
  } else if (note.kind === "quote") {
    field(dl, "speaker", r.speaker ? actorName(r.speaker) : r.speaker_text);
    for (const key of ["kind", "stance"]) field(dl, key, r[key]);
    field(dl, "cue", r.cue ? r.cue.text : null);
    field(dl, "about events", r.about.join(", "));
  }
}

function card(note, reader) {
  const dl = el("dl");
  noteFields(dl, note);
  const box = el("section", { class: `card k-${note.kind}`, dataset: { kind: note.kind } },
    el("h3", {}, el("span", { class: "chip", text: note.kind }), " ", note.label), dl);
  if (note.kind === "event") {
    box.append(el("button", { type: "button", class: "link", text: "Show its sentence", onclick: () => reader.focusEvent(note.record.id) }));
  }
  box.append(el("details", {}, el("summary", { text: "record (JSON)" }), el("pre", { text: JSON.stringify(note.record, null, 2) })));
  return box;
}

// A title for an article stored without one: its first line, shortened (display only).
function firstLine(text) {
  const line = (text || "").split("\n").find((l) => l.trim());
  return line ? short(line, 110) : "";
}

function header(a) {
  const facts = el("p", { class: "facts" });
  const bits = [a.source, a.published || "no date", a.wire && `wire ${a.wire}`, a.dateline && a.dateline.text, a.byline];
  append(facts, bits.filter(Boolean).join(" · "));
  const href = safeHref(a.url);
  if (href) append(facts, " · ", el("a", { href, rel: "noopener noreferrer", target: "_blank", text: "original" }));
  const credits = a.contributors.map((c) => `${c.name} (${c.role}${c.place_text ? ", " + c.place_text : ""})`);
  return el("header", { class: "article-head" }, el("h2", { id: "article-title", text: a.title || firstLine(a.text) || `Article ${a.id}` }), facts,
    credits.length ? el("p", { class: "facts", text: `Credits: ${credits.join("; ")}` }) : null,
    el("p", { class: "facts muted", text: `id ${a.id} · stages ${a.stages.map((s) => s.join(" ")).join(", ") || "none"}` }));
}

function legend(notes, text) {
  const box = el("div", { class: "legend", id: "reader-legend" });
  for (const kind of KINDS) {
    const count = notes.filter((n) => n.kind === kind).length;
    const toggle = el("input", { type: "checkbox", checked: true, onchange: (ev) => text.classList.toggle(`hide-${kind}`, !ev.target.checked) });
    box.append(el("label", { class: `swatch k-${kind}` }, toggle, ` ${kind}s (${count})`));
  }
  return box;
}

export class Reader {
  constructor(root) {
    this.root = root;
    this.list = root.querySelector("#article-list");
    this.main = root.querySelector("#reader-main");
    this.panel = root.querySelector("#record-panel");
    this.search = root.querySelector("#article-search");
    this.search.addEventListener("input", () => this.loadList());
    this.main.addEventListener("click", (ev) => this.clicked(ev));
    this.main.addEventListener("keydown", (ev) => ev.key === "Enter" && this.clicked(ev));
    this.current = null;
  }

  async loadList() {
    const params = new URLSearchParams({ limit: "200", sort: "-published" });
    if (this.search.value.trim()) params.set("q", this.search.value.trim());
    try {
      const page = await api.get("/api/articles", params);
      clear(this.list);
      for (const a of page.items) {
        const item = el("a", { href: `#/reader/${encodeURIComponent(a.id)}`, class: "article-item", dataset: { id: a.id } },
          el("strong", { text: a.title || a.id }),
          el("small", { text: `${a.published || "no date"} · ${a.source || "?"} · ${a.events} events · ${a.quotes} quotes` }));
        this.list.append(el("li", {}, item));
      }
      if (!page.items.length) message(this.list, "No articles match.");
      this.markCurrent();
    } catch (err) {
      message(this.list, String(err), "error");
    }
  }

  markCurrent() {
    for (const item of this.list.querySelectorAll(".article-item")) {
      item.classList.toggle("current", item.dataset.id === this.current?.id);
    }
  }

  async show(id, params) {
    if (!id) {
      const first = this.list.querySelector(".article-item");
      if (first) location.hash = first.getAttribute("href");
      else message(this.main, "No article stored yet: run 'wirewatch run FILES' first.");
      return;
    }
    if (this.current?.id !== id) {
      try {
        this.current = await api.get(`/api/articles/${encodeURIComponent(id)}`);
      } catch (err) {
        message(this.main, String(err), "error");
        return;
      }
      this.render();
    }
    const event = params.get("event");
    if (event) this.focusEvent(event);
  }

  render() {
    const article = this.current;
    this.notes = annotations(article);
    const text = renderText(article, this.notes);
    const events = el("ol", { class: "event-list", id: "article-events" });
    for (const e of article.events) {
      events.append(el("li", { class: typeClass(e.event), dataset: { eventId: e.id } },
        el("span", { class: "type-chip", text: e.event }), ` ${whoToWhom(e)} `,
        el("span", { class: "muted", text: [e.date?.value || "undated", e.event_loc?.place?.name || e.event_loc?.span.text || "no place", toll(e), e.modality !== "actual" ? e.modality : "", e.polarity !== "asserted" ? e.polarity : ""].filter(Boolean).join(" · ") }), " ",
        el("button", { type: "button", class: "link", text: "sentence", onclick: () => this.focusEvent(e.id) })));
    }
    clear(this.main).append(header(article), legend(this.notes, text), text,
      el("h3", { text: `Events (${article.events.length})` }), article.events.length ? events : el("p", { class: "muted", text: "No events found in this article." }));
    message(this.panel, "Click a highlight to see the record behind it.");
    this.markCurrent();
  }

  clicked(ev) {
    const seg = ev.target.closest(".seg[data-notes]");
    if (!seg) return;
    const notes = seg.dataset.notes.split(",").map((i) => this.notes[Number(i)]);
    notes.sort((a, b) => a.end - a.start - (b.end - b.start));
    clear(this.panel).append(...notes.map((n) => card(n, this)));
  }

  focusEvent(id) {
    const event = this.current?.events.find((e) => e.id === id);
    if (!event) return;
    const { start, end } = event.text_info.sentence;
    for (const seg of this.main.querySelectorAll(".seg.focus")) seg.classList.remove("focus");
    const segs = [...this.main.querySelectorAll(".seg")].filter((s) => Number(s.dataset.start) >= start && Number(s.dataset.end) <= end);
    for (const seg of segs) seg.classList.add("focus");
    if (segs.length) segs[0].scrollIntoView({ block: "center" });
    const note = this.notes.find((n) => n.kind === "event" && n.record.id === id);
    if (note) clear(this.panel).append(card(note, this));
  }
}
