// The filter bar shared by the event table, map, timeline and network. Its state lives in
// the page address (#/view?actor=RUS&event=ASSAULT), so a view can be bookmarked and shared.
import { el, clear } from "./dom.js";

export const FIELDS = [
  "actor", "recipient", "event", "place", "country", "bbox", "since", "until", "source",
  "modality", "polarity",
];
const SELECTS = { event: "event", source: "source", modality: "modality", polarity: "polarity" };

export function fromForm(form) {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = (form.elements[name]?.value || "").trim();
    if (value) params.set(name, value);
  }
  return params;
}

export function toForm(form, params) {
  for (const name of FIELDS) {
    if (form.elements[name]) form.elements[name].value = params.get(name) || "";
  }
}

// Only the filter parameters of a hash query (drops paging and view-only keys).
export function only(params) {
  const kept = new URLSearchParams();
  for (const name of FIELDS) {
    for (const value of params.getAll(name)) kept.append(name, value);
  }
  return kept;
}

export function fillChoices(form, facets) {
  for (const [field, facet] of Object.entries(SELECTS)) {
    const select = form.elements[field];
    if (!select) continue;
    const current = select.value;
    clear(select).append(el("option", { value: "", text: "any" }));
    for (const { value, count } of facets[facet] || []) {
      select.append(el("option", { value, text: `${value} (${count})` }));
    }
    select.value = current;
  }
}

export function describe(params) {
  const parts = [];
  for (const name of FIELDS) {
    const value = params.get(name);
    if (value) parts.push(`${name}: ${value}`);
  }
  return parts.length ? parts.join(" · ") : "all events";
}
