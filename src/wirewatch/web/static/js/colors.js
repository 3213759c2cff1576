// One palette for event types (PLOVER) and relations, used by the table, map, timeline and
// network. CSS classes t-TYPE are made here too (a constructed style sheet: CSP-safe).

export const TYPES = {
  AGREE: "#1f78b4", CONSULT: "#6baed6", SUPPORT: "#9ecae1", CONCEDE: "#74c476",
  COOPERATE: "#31a354", AID: "#006d2c", RETREAT: "#a1d99b", YIELD: "#a1d99b",
  REQUEST: "#807dba", ACCUSE: "#fdae6b", REJECT: "#fd8d3c", THREATEN: "#e6550d",
  PROTEST: "#bcbd22", SANCTION: "#8c6d31", MOBILIZE: "#e7969c", COERCE: "#d6616b",
  ASSAULT: "#a50f15",
};
export const OTHER = "#7f7f7f";
// Network links by what the PLOVER types mean; "request" is an appeal or a demand (module network.js).
export const RELATIONS = { cooperation: "#2b8cbe", conflict: "#d7301f", request: "#8c6bb1", other: "#969696" };

export function color(type) {
  return TYPES[type] || OTHER;
}

export function typeClass(type) {
  return /^[A-Z_]+$/.test(type || "") && TYPES[type] ? `t-${type}` : "t-OTHER";
}

export function installTypeStyles() {
  const sheet = new CSSStyleSheet();
  const rules = Object.entries(TYPES).map(([type, c]) => `.t-${type} { --type: ${c}; }`);
  rules.push(`.t-OTHER { --type: ${OTHER}; }`);
  sheet.replaceSync(rules.join("\n"));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
