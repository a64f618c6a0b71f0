// /migrate/: paste or drop an existing cluster's JSON; see its options, what is retiring or
// broken, and a migration plan to the targets you pick, exported as a Markdown runbook. The
// audit is cores/migrate.js (the same as `aks-atlas audit`); nothing leaves the page. The
// address holds the targets (?category=option); the cluster JSON goes into the link's #fragment only when the
// reader ticks the box (a fragment is never sent to a server).
import { h, nextId, codeSpans } from "./lib/dom.js";
import { fetchJson } from "./lib/fetch.js";
import { readQuery, replaceQuery, resolve } from "./lib/url.js";
import { copyButton } from "./lib/clipboard.js";
import { isoToday } from "./lib/lifecycle.js";
import { InputError, MAX_BYTES, audit, parse, runbook } from "./cores/migrate.js";

const LEVEL = { retiring: "Retiring", retired: "Past its end of support" };

// The targets the reader picked: ?category=option, as the designer's address writes a design.
function readTargets(data) {
  const q = readQuery();
  const out = {};
  for (const cat of data.order) {
    const opt = q.get(cat);
    if (opt && data.options[opt] && data.options[opt].category === cat) out[cat] = opt;
  }
  return out;
}

const b64 = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const unb64 = (text) => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));

function optionsTable(data, r, base) {
  const rows = [];
  for (const [cat, hits] of Object.entries(r.detected)) {
    for (const hit of hits) {
      const opt = data.options[hit.option];
      const fields = hit.fields.map((f) => h("code", {}, f.path + " = " + (f.values.length && f.values[0] !== null ? JSON.stringify(f.values[0]) : "not set")));
      rows.push(h("tr", {},
        h("th", { scope: "row" }, data.categories[cat]),
        h("td", {}, h("a", { href: resolve("../" + opt.page.replace(/\.md$/, "/"), base) }, opt.name), hit.default ? " (the default when no field says otherwise)" : ""),
        h("td", {}, fields.flatMap((f, i) => (i ? [", ", f] : [f])), hit.note ? h("br") : null, hit.note ? codeSpans(hit.note) : null)));
    }
  }
  for (const [cat, name] of Object.entries(data.categories)) {
    if (!(cat in r.detected)) rows.push(h("tr", {}, h("th", { scope: "row" }, name), h("td", { colspan: "2" }, data.unread)));
  }
  return h("div", { class: "atlas-table-wrap" }, h("table", { class: "atlas-table atlas-migrate__options" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Category"), h("th", { scope: "col" }, "Option found"), h("th", { scope: "col" }, "Read from"))),
    h("tbody", {}, rows)));
}

function findingsList(r) {
  if (!r.findings.length && !r.unknown.length) return h("p", { class: "atlas-migrate__ok" }, "Nothing needs action: no option is retiring and no rule is broken.");
  return h("ul", { class: "atlas-migrate__findings" },
    r.findings.map((f) => ("rule" in f
      ? h("li", { class: "atlas-migrate__finding--" + f.severity }, h("strong", {}, f.severity === "error" ? "Incompatible: " : "Caveat: "), f.text)
      : h("li", { class: "atlas-migrate__finding--" + f.level },
        h("strong", {}, LEVEL[f.level] + ": "), f.name, f.scope ? " on " + f.scope + " pools (" + f.pools.join(", ") + ")" : "",
        f.date ? ", end of support " + f.date : "", "."))),
    r.unknown.map((u) => h("li", {}, h("strong", {}, "Not understood: "), u)));
}

function targetPickers(data, r, onPick) {
  return h("div", { class: "atlas-migrate__targets" }, data.order.filter((cat) => cat in r.target).map((cat) => {
    const id = nextId("target");
    const found = Array.isArray(r.options[cat]) ? r.options[cat][0] : r.options[cat];
    const opts = Object.values(data.options).filter((o) => o.category === cat).sort((a, b) => a.name.localeCompare(b.name));
    const select = h("select", { id, "data-category": cat, onchange: () => onPick(cat, select.value) },
      opts.map((o) => h("option", { value: o.id, selected: o.id === r.target[cat] }, o.name + (o.id === found ? " (as found)" : ""))));
    return h("div", { class: "atlas-field" }, h("label", { for: id }, data.categories[cat]), select);
  }));
}

function stepItem(s) {
  const tag = s.kind !== "step" && s.kind !== "change" ? h("span", { class: "atlas-migrate__kind" }, s.kind) : null;
  const code = s.command ? h("div", { class: "atlas-migrate__command" }, h("pre", {}, h("code", { tabindex: "0" }, s.command)), copyButton("Copy command", () => s.command)) : null;
  const supply = s.supply.length ? h("p", { class: "atlas-migrate__supply" }, "Put your own value in place of ", s.supply.map((x, i) => [i ? ", " : "", h("code", {}, x)]), ".") : null;
  return h("li", {}, tag, tag ? " " : null, codeSpans(s.do), s.reimages ? h("span", { class: "atlas-migrate__flag" }, "reimages every node pool") : null,
    s.downtime ? h("span", { class: "atlas-migrate__flag" }, "downtime") : null, code, supply);
}

function planList(data, r, base) {
  if (!r.plan.moves.length && !r.plan.unreachable.length) return h("p", {}, "No change: the target is the cluster as it is.");
  return h("div", {},
    h("ol", { class: "atlas-migrate__moves" }, r.plan.moves.map((mv) => {
      const flags = [data.how[mv.how]].concat(mv.one_way ? ["one-way"] : []);
      return h("li", {},
        h("h3", {}, data.options[mv.from].name + " → " + data.options[mv.to].name),
        h("p", {}, flags.map((f) => h("span", { class: "atlas-migrate__flag" }, f)),
          mv.requires ? h("span", { class: "atlas-migrate__flag" }, "needs " + mv.requires) : null, " ",
          h("a", { href: resolve("../" + mv.page.replace(/\.md#/, "/#"), base) }, "the option page's section")),
        h("ol", {}, mv.steps.map(stepItem)),
        h("p", { class: "atlas-migrate__sources" }, "Sources: ", mv.sources.map((s, i) => [i ? ", " : "", h("a", { href: s.url }, s.title)])));
    })),
    r.plan.design ? [h("h3", {}, "Settings of the new cluster"),
      h("ul", {}, r.plan.at_creation.map((x) => h("li", {}, data.categories[x.category] + ": " + data.options[x.to].name + " (was " + data.options[x.from].name + ")"))),
      h("p", {}, h("a", { href: resolve("../design/?" + r.plan.design, base) }, "Open the new cluster's design in the designer"), " for its az, Bicep and Terraform.")] : null,
    r.plan.unreachable.map((u) => h("p", { class: "atlas-migrate__finding--error" },
      "No documented path from " + data.options[u.from].name + " to " + data.options[u.to].name + ".")));
}

function downloadButton(book, name) {
  return h("button", { type: "button", class: "atlas-btn", onclick: () => {
    const url = URL.createObjectURL(new Blob([book], { type: "text/markdown" }));
    const a = h("a", { href: url, download: "runbook-" + (name || "cluster") + ".md" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } }, "Download the runbook (.md)");
}

// The results of one audit, in the order a reader acts on them.
function results(data, r, ui, onPick) {
  const book = runbook(data, r);
  return [
    h("h2", { id: "found" }, "Options found in " + (r.cluster.name || "the cluster")),
    h("p", {}, (r.cluster.shape === "arm" ? "Read as an ARM resource" : "Read as az aks show output") + "; node pools: " + (r.cluster.pools.join(", ") || "none listed") + "."),
    optionsTable(data, r, ui.base),
    h("h2", { id: "findings" }, "What needs action"),
    findingsList(r),
    h("h2", { id: "target" }, "Target design"),
    h("p", {}, "Each retiring option starts at its documented replacement; change any category."),
    targetPickers(data, r, onPick),
    h("h2", { id: "plan" }, "Migration plan"),
    planList(data, r, ui.base),
    h("h2", { id: "export" }, "Export"),
    h("p", {}, downloadButton(book, r.cluster.name), copyButton("Copy the runbook", () => book, { class: "atlas-btn", what: "Runbook" }),
      copyButton("Copy the link", () => location.href, { class: "atlas-btn", what: "Link" })),
    h("p", {}, ui.keep, " ", h("label", { for: ui.keep.id }, "Put the cluster JSON in the link too (in its #fragment, which browsers never send to a server)")),
  ];
}

// A picker for az aks list output (several clusters).
function clusterPicker(clusters, onPick) {
  const id = nextId("pick");
  const select = h("select", { id, onchange: () => onPick(Number(select.value)) },
    clusters.map((c, i) => h("option", { value: String(i) }, c.name || "cluster " + (i + 1))));
  return h("div", { class: "atlas-field" }, h("label", { for: id }, clusters.length + " clusters in the list: audit"), select);
}

function inputPanel(ui, read) {
  const fieldId = nextId("cluster");
  const fileId = nextId("file");
  ui.area = h("textarea", { id: fieldId, rows: "8", spellcheck: "false", class: "atlas-migrate__input", placeholder: '{"id": "/subscriptions/…/managedClusters/…", "networkProfile": {…}, …}' });
  const file = h("input", { id: fileId, type: "file", accept: ".json,application/json" });
  file.addEventListener("change", () => readFile(ui, file.files[0], read));
  return [
    h("div", { class: "atlas-field" }, h("label", { for: fieldId }, "Cluster JSON (az aks show, or the ARM resource)"), ui.area),
    h("p", {}, h("button", { type: "button", class: "atlas-btn atlas-btn--primary", onclick: () => read(ui.area.value) }, "Read the cluster"),
      " or ", h("label", { for: fileId }, "choose a file"), " ", file, " or drop one here. Nothing is uploaded."),
  ];
}

async function readFile(ui, f, read) {
  if (!f) return;
  if (f.size > MAX_BYTES) {
    ui.status.textContent = "Cannot read this: the file is larger than " + MAX_BYTES / 1000000 + " MB; use one cluster's JSON.";
    return;
  }
  ui.area.value = await f.text();
  read(ui.area.value);
}

function acceptDrops(el, ui, read) {
  el.addEventListener("dragover", (e) => { e.preventDefault(); el.classList.add("atlas-migrate--drop"); });
  el.addEventListener("dragleave", () => el.classList.remove("atlas-migrate--drop"));
  el.addEventListener("drop", (e) => {
    e.preventDefault();
    el.classList.remove("atlas-migrate--drop");
    readFile(ui, e.dataTransfer.files[0], read);
  });
}

export async function mount(el) {
  const data = await fetchJson(resolve(el.dataset.migrateSrc));
  const today = isoToday();
  const ui = {
    base: location.href,
    status: h("p", { class: "atlas-migrate__status", role: "status", "aria-live": "polite" }),
    pickHost: h("div", { hidden: true }),
    out: h("div", { class: "atlas-migrate__out", hidden: true }),
    keep: h("input", { type: "checkbox", id: nextId("keep") }),
  };
  const st = { clusters: [], chosen: 0, asked: readTargets(data), text: "" };

  const writeAddress = () => {
    replaceQuery(data.order.filter((c) => c in st.asked).map((c) => [c, st.asked[c]]), false);
    if (ui.keep.checked && st.text) history.replaceState(history.state, "", location.pathname + location.search + "#cluster=" + b64(JSON.stringify(JSON.parse(st.text))));
  };
  const draw = () => {
    const r = audit(data, st.clusters[st.chosen], st.asked, today);
    ui.out.replaceChildren(...results(data, r, ui, (cat, opt) => {
      st.asked = { ...st.asked, [cat]: opt };
      writeAddress();
      draw();
      ui.out.querySelector('select[data-category="' + cat + '"]').focus();
    }));
    ui.out.hidden = false;
    ui.status.textContent = "Read " + (r.cluster.name || "the cluster") + ": " + r.findings.length + " finding(s), " + r.plan.moves.length + " migration(s) in the plan.";
  };
  const read = (value) => {
    st.text = value;
    try {
      st.clusters = parse(value);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      ui.out.hidden = ui.pickHost.hidden = true;
      ui.status.textContent = "Cannot read this: " + err.message + ".";
      return;
    }
    st.chosen = 0;
    ui.pickHost.hidden = st.clusters.length < 2;
    if (st.clusters.length > 1) ui.pickHost.replaceChildren(clusterPicker(st.clusters, (i) => { st.chosen = i; draw(); }));
    draw();
  };

  acceptDrops(el, ui, read);
  ui.keep.addEventListener("change", () => {
    if (!ui.keep.checked) history.replaceState(history.state, "", location.pathname + location.search);
    writeAddress();
  });
  el.replaceChildren(...inputPanel(ui, read), ui.status, ui.pickHost, ui.out);
  const m = /^#cluster=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (m) {
    try {
      ui.area.value = unb64(m[1]);
      ui.keep.checked = true;
      read(ui.area.value);
    } catch (err) {
      ui.status.textContent = "Cannot read the cluster in this link.";
    }
  }
}
