// The workspace: a hash router over five views sharing one filter bar.
// #/reader/ID?event=EID · #/events?FILTERS&sort=&offset= · #/map?… · #/timeline?… · #/network?…
import * as api from "./api.js";
import { installTypeStyles } from "./colors.js";
import { fillChoices, fromForm, only, toForm } from "./filters.js";
import { EventMap } from "./map.js";
import { Network } from "./network.js";
import { Reader } from "./reader.js";
import { EventTable } from "./table.js";
import { Timeline } from "./timeline.js";

const VIEWS = ["reader", "events", "map", "timeline", "network"];
const form = document.querySelector("#filters");

function parse() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const [view, ...rest] = path.split("/");
  return { view: VIEWS.includes(view) ? view : "reader", id: decodeURIComponent(rest.join("/")), params: new URLSearchParams(query) };
}

function go(view, params, id = "") {
  const query = params.toString();
  location.hash = `#/${view}${id ? "/" + encodeURIComponent(id) : ""}${query ? "?" + query : ""}`;
}

// Change some of the current view's parameters (paging, sorting).
function update(changes) {
  const { view, id, params } = parse();
  for (const [key, value] of Object.entries(changes)) params.set(key, value);
  go(view, params, id);
}

function filtered(view, changes) {
  const params = only(parse().params);
  for (const [key, value] of Object.entries(changes)) params.set(key, value);
  go(view, params);
}

const reader = new Reader(document.querySelector("#view-reader"));
const table = new EventTable(document.querySelector("#view-events"), update);
const map = new EventMap(document.querySelector("#view-map"), (bbox) => filtered("events", { bbox }));
const timeline = new Timeline(document.querySelector("#view-timeline"), (day) => filtered("events", { since: day, until: day }));
const network = new Network(document.querySelector("#view-network"));

async function route() {
  const { view, id, params } = parse();
  for (const name of VIEWS) {
    document.querySelector(`#view-${name}`).hidden = name !== view;
    document.querySelector(`#tab-${name}`).classList.toggle("active", name === view);
    document.querySelector(`#tab-${name}`).href = name === "reader" ? "#/reader" : `#/${name}${only(params).toString() ? "?" + only(params) : ""}`;
  }
  form.hidden = view === "reader";
  toForm(form, params);
  const filters = only(params);
  if (view === "reader") await reader.show(id, params);
  else if (view === "events") await table.show(filters, params);
  else if (view === "map") await map.show(filters);
  else if (view === "timeline") await timeline.show(filters);
  else await network.show(filters);
  document.body.dataset.view = view;
  document.body.dataset.ready = String(Date.now());
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const view = parse().view;
  go(view === "reader" ? "events" : view, fromForm(form));
});
form.addEventListener("reset", (ev) => {
  ev.preventDefault();
  go(parse().view, new URLSearchParams());
});

async function start() {
  installTypeStyles();
  try {
    const facets = await api.get("/api/facets");
    fillChoices(form, facets);
    const t = facets.totals;
    document.querySelector("#totals").textContent = `${t.articles} articles · ${t.events} events · ${t.quotes} quotes`;
  } catch (err) {
    document.querySelector("#totals").textContent = String(err);
  }
  await reader.loadList();
  window.addEventListener("hashchange", route);
  await route();
}

start();
