// Compare any 2 to 4 options from any categories, side by side, from api/compare.json. State
// lives in the address (?ids=a,b,c&diff=1), so the view can be shared and reloaded. Rules
// between the compared options read as sentences with the vocabulary's verbs (data.vocab).
import { h, codeSpans } from "./lib/dom.js";
import { fetchJson } from "./lib/fetch.js";
import { copyButton } from "./lib/clipboard.js";
import { resolve } from "./lib/url.js";

const MAX = 4;

function cellNode(cell) {
  const span = h("span", cell.note ? { title: cell.note } : {});
  if (cell.level) span.append(h("span", { class: "atlas-level atlas-level--" + cell.level.replace("/", "") }, cell.label));
  if (cell.value) span.append(cell.level ? " " : "", h("span", { class: "atlas-value" }, cell.value));
  if (cell.disputed) span.append(h("span", { class: "atlas-disputed", title: "Official pages disagree" }, "disputed"));
  // The note opens on a tap as well as on hover: touch screens have no hover.
  // A disputed value also says what the other official pages say, and which pages those are.
  if (cell.note || cell.disputed) {
    const disputes = (cell.disputes || []).map((d) =>
      h("span", { class: "atlas-cell-dispute" }, "Another page says: ", codeSpans(d.says), d.sources.length ? " (" + d.sources.join("; ") + ")" : ""));
    span.append(h("details", { class: "atlas-cell-note" },
      h("summary", {}, cell.disputed ? "Note (disputed)" : "Note"),
      h("span", {}, codeSpans(cell.note || "Official pages disagree on this value.")), ...disputes));
  }
  return span;
}

const cellKey = (cell) => (cell ? cell.level + "|" + cell.value : "");

// One checkbox per option, grouped by category, sorted by name.
function picker(data, onToggle) {
  const boxes = {};
  const groups = data.categories.map((cat) => {
    const opts = Object.entries(data.options).filter(([, o]) => o.category === cat.id).sort((a, b) => a[1].name.localeCompare(b[1].name));
    return h("fieldset", {}, h("legend", {}, cat.name), opts.map(([id, opt]) => {
      const box = h("input", { type: "checkbox", value: id, onchange: () => onToggle(id, box.checked) });
      boxes[id] = box;
      return h("label", {}, box, " " + opt.name);
    }));
  });
  return { element: h("div", { class: "atlas-compare-picker" }, groups), boxes };
}

// A rule as a row: the sentence ("A does not work with B") and its reason; a's cell says
// what a does (symbol and verb), b's cell the inverse.
function ruleRow(data, r, opts) {
  const m = (data.vocab && data.vocab.rule_kinds[r.kind]) || { verb: r.kind, inverse: r.kind, symbol: "", inverse_symbol: "" };
  const a = data.options[r.a];
  const b = data.options[r.b];
  const label = [h("span", {}, "Rule: " + a.name + " " + m.verb + " " + b.name), r.reason ? h("span", { class: "atlas-rule-reason" }, codeSpans(r.reason)) : null];
  const values = opts.map((o) => {
    if (o.id === r.a) return h("span", { class: "atlas-rule atlas-rule--" + r.kind }, (m.symbol ? m.symbol + " " : "") + m.verb + " " + b.name);
    if (o.id === r.b) return h("span", { class: "atlas-rule atlas-rule--" + r.kind }, (m.inverse_symbol ? m.inverse_symbol + " " : "") + m.inverse + " " + a.name);
    return "";
  });
  return { label, values };
}

// An option alone among the chosen ones in its category has nothing to be compared with on its
// category's questions: its answers are listed in its own cell instead of rows of empty cells.
function glance(data, o) {
  const cat = data.categories.find((c) => c.id === o.category);
  return h("ul", { class: "atlas-glance" }, cat.dimensions.map((d) =>
    h("li", {}, h("span", { class: "atlas-glance-dim" }, d.name + (d.unit ? " (" + d.unit + ")" : "") + ": "), cellNode(o.cells[d.id]))));
}

// Options of different categories are compared by what holds between them: each rule with its
// verb and reason, and for each option the chosen ones it has no rule with.
function betweenRows(data, ids, opts, addRow) {
  const rules = data.rules.filter((x) => ids.includes(x.a) && ids.includes(x.b));
  for (const r of rules) {
    const row = ruleRow(data, r, opts);
    addRow(row.label, row.values, ["rule", "x"]);
  }
  const linked = (a, b) => rules.some((r) => (r.a === a && r.b === b) || (r.a === b && r.b === a));
  const loose = opts.map((o) => opts.filter((p) => p.category !== o.category && !linked(o.id, p.id)).map((p) => p.name));
  if (loose.some((names) => names.length)) {
    addRow("No rule in the atlas with", loose.map((names) => names.join("; ")), ["none", "x"]);
  }
}

function compareTable(data, ids, onlyDiff, base) {
  const opts = ids.map((id) => ({ id, ...data.options[id] }));
  const body = h("tbody");
  let shown = 0;
  let differing = 0;
  const addRow = (label, values, keys) => {
    const differs = new Set(keys).size > 1;
    if (differs) differing++;
    if (onlyDiff && !differs) return;
    shown++;
    // Each cell names its option (data-label): on a phone a row is a card of labelled answers.
    body.append(h("tr", differs ? { class: "atlas-diff" } : {}, h("th", { scope: "row" }, label),
      values.map((v, i) => h("td", { "data-label": opts[i].name, class: v === "" ? "atlas-empty" : null }, v))));
  };
  const together = data.categories.filter((c) => opts.filter((o) => o.category === c.id).length >= 2);
  const alone = opts.filter((o) => !together.some((c) => c.id === o.category));
  addRow("Category", opts.map((o) => data.categories.find((c) => c.id === o.category).name), opts.map((o) => o.category));
  addRow("Status", opts.map((o) => h("span", { class: "atlas-status atlas-status--" + o.status.level }, o.status.label)), opts.map((o) => o.status.label));
  if (alone.length) addRow("Its own category's questions", opts.map((o) => (alone.includes(o) ? glance(data, o) : "")), ["glance", "x"]);
  for (const cat of together) {
    for (const dim of cat.dimensions) {
      const label = dim.name + (dim.unit ? " (" + dim.unit + ")" : "") + (opts.every((o) => o.category === cat.id) ? "" : " · " + cat.name);
      const values = opts.map((o) => (o.category === cat.id ? cellNode(o.cells[dim.id]) : ""));
      addRow(label, values, opts.filter((o) => o.category === cat.id).map((o) => cellKey(o.cells[dim.id])));
    }
  }
  betweenRows(data, ids, opts, addRow);
  const head = h("tr", {}, h("th", { scope: "col" }, "Question"), opts.map((o) => h("th", { scope: "col" }, h("a", { href: new URL("../" + o.url, base).href }, o.name))));
  const table = h("table", { class: "atlas-pair atlas-compare-table" }, h("thead", {}, head), body);
  const status = opts.length + " options, " + differing + " rows differ" + (onlyDiff ? ", showing " + shown + "." : ".");
  return { table, status };
}

export async function mount(root) {
  const data = await fetchJson(resolve(root.dataset.atlasData));
  const params = new URLSearchParams(location.search);
  let ids = (params.get("ids") || "").split(",").filter((id) => id in data.options).slice(0, MAX);
  let onlyDiff = params.get("diff") === "1";
  const base = new URL(".", location.href); // the /compare/ page itself
  const permalink = () => {
    const u = new URL(base);
    if (ids.length) u.searchParams.set("ids", ids.join(","));
    if (onlyDiff) u.searchParams.set("diff", "1");
    return u.href;
  };
  const pick = picker(data, (id, on) => {
    ids = on ? [...ids, id].slice(0, MAX) : ids.filter((x) => x !== id);
    update();
  });
  const diffBox = h("input", { type: "checkbox", onchange: () => { onlyDiff = diffBox.checked; update(); } });
  const status = h("p", { class: "atlas-filter-status", "aria-live": "polite" });
  const copyStatusEl = h("span", { class: "atlas-copy-status", role: "status", "aria-live": "polite" });
  const copy = copyButton("Copy link", permalink, { status: copyStatusEl, class: "", what: "Link" });
  const clear = h("button", { type: "button", onclick: () => { ids = []; update(); } }, "Clear");
  const out = h("div", { class: "atlas-table-wrap" });
  // A shared link (two or more options) opens on the table; the picker waits, folded, below it.
  const shared = ids.length >= 2;
  const pickBox = h("details", { class: "atlas-compare-pickbox", open: !shared },
    h("summary", {}, "Choose the options to compare"), pick.element);
  const bar = h("div", { class: "atlas-compare-bar" }, h("label", {}, diffBox, " Only differences"), copy, copyStatusEl, clear, status);
  root.replaceChildren(
    h("h2", { id: "pick" }, "Compare any options"),
    h("p", {}, "Choose 2 to " + MAX + " options from any layer. The link below the table reproduces this view."),
    ...(shared ? [bar, out, pickBox] : [pickBox, bar, out]));

  function update() {
    for (const [id, box] of Object.entries(pick.boxes)) {
      box.checked = ids.includes(id);
      box.disabled = !box.checked && ids.length >= MAX;
    }
    diffBox.checked = onlyDiff;
    history.replaceState(history.state, "", permalink());
    if (ids.length < 2) {
      out.replaceChildren();
      status.textContent = ids.length ? "Pick at least one more option." : "Pick two or more options.";
      return;
    }
    const view = compareTable(data, ids, onlyDiff, base);
    out.replaceChildren(view.table);
    status.textContent = view.status;
  }
  update();
}
