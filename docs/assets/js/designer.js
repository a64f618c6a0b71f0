// The network designer (/design/): one option per category, the rules that apply, the merged
// az/Bicep/Terraform settings, the IP plan, and a Markdown decision record. evaluate() and
// combine() mirror generator/design.py and the formatters mirror generator/snippets.py; tests
// compare them with the Python over every preset and many random designs. All state is in the
// page address; all text from the data reaches the page through textContent.
import { h, enc, readState, stateQuery, createPlanner, fetchJson, planInputs } from "./ip-planner.js";
import { plan, fmt } from "./ipplan.js";

const SEVERITY = { error: 0, warning: 1, tip: 2, ok: 3 };
const SEVERITY_LABEL = { error: "Error", warning: "Caveat", tip: "Tip", ok: "OK" };

export function categories(data) {
  return data.layers.flatMap((l) => l.categories.map((c) => ({ ...c, layer: l })));
}

export function evaluate(data, choices) {
  const chosen = new Set(Object.values(choices));
  const found = [];
  data.rules.forEach((rule, i) => {
    const a = data.options[rule.a];
    const b = data.options[rule.b];
    if (!a || !b || !chosen.has(rule.a)) return;
    const on = chosen.has(rule.b);
    let severity = null;
    let change = [];
    if (rule.kind === "conflicts" && on) [severity, change] = ["error", [a.category, b.category]];
    else if (rule.kind === "requires") [severity, change] = on ? ["ok", []] : ["error", [b.category, a.category]];
    else if (rule.kind === "degrades" && on) [severity, change] = ["warning", [a.category, b.category]];
    else if (rule.kind === "recommended-with") [severity, change] = on ? ["ok", []] : ["tip", [b.category]];
    if (!severity) return;
    found.push({ rule: rule.id, kind: rule.kind, severity, a: rule.a, b: rule.b, text: a.name + " " + data.labels[rule.kind][0] + " " + b.name, change, order: i });
  });
  found.sort((x, y) => SEVERITY[x.severity] - SEVERITY[y.severity] || x.order - y.order);
  for (const f of found) delete f.order;
  return found;
}

export function lifecycle(data, choices) {
  const out = [];
  for (const c of categories(data)) {
    const opt = data.options[choices[c.id]];
    if (opt && opt.status.level !== "ga") out.push({ option: opt.id, level: opt.status.level, label: opt.status.label });
  }
  return out;
}

const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
const placeholder = (v) => typeof v === "string" && v.includes("<");

export function combine(data, choices) {
  const out = { az: [], bicep: [], terraform: [], overridden: [] };
  for (const kind of ["az", "bicep", "terraform"]) {
    const seen = new Map();
    for (const cat of data.merge_order) {
      const opt = data.options[choices[cat]];
      if (!opt) continue;
      for (const item of opt.select[kind]) {
        const entry = { key: item.key, value: item.value, option: opt.id, why: item.why };
        const first = seen.get(item.key);
        if (!first) {
          seen.set(item.key, entry);
          out[kind].push(entry);
        } else if (!same(first.value, item.value) && !(placeholder(first.value) && placeholder(item.value))) {
          out.overridden.push({ ...entry, kind, by: first.option, used: first.value });
        }
      }
    }
  }
  return out;
}

// --- formatting: the same text as generator/snippets.py ------------------------------------

function shellWord(value) {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return shellWord(value.map(String).join(","));
  const s = String(value);
  if (s === "" || [..." \t\"'$`\\;&|<>()*?[]{}!#"].some((c) => s.includes(c))) return "'" + s.replace(/'/g, "'\"'\"'") + "'";
  return s;
}

export function azCommand(prefix, entries) {
  const words = entries.map((e) => (e.value === null || e.value === true ? e.key : e.key + " " + shellWord(e.value)));
  return prefix.concat(words).join(" \\\n  ");
}

// Port of snippets._nest: `name[i]` segments become arrays of objects (Bicep arrays).
function nest(entries) {
  const root = new Map();
  for (const e of entries) {
    const parts = e.key.split(".");
    const leaf = parts.pop();
    let node = root;
    for (const part of parts) {
      const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
      if (indexed) {
        if (!node.has(indexed[1])) node.set(indexed[1], []);
        const items = node.get(indexed[1]);
        while (items.length <= Number(indexed[2])) items.push(new Map());
        node = items[Number(indexed[2])];
      } else {
        if (!node.has(part)) node.set(part, new Map());
        node = node.get(part);
      }
    }
    node.set(leaf, e.value);
  }
  return root;
}

function bicepValue(v) {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  if (Array.isArray(v)) return "[ " + v.map(bicepValue).join(" ") + " ]";
  return "'" + String(v).replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

// json.dumps() with Python's default ensure_ascii, so HCL strings match byte for byte.
const pyJson = (s) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

function hclValue(v) {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  if (Array.isArray(v)) return "[" + v.map(hclValue).join(", ") + "]";
  return pyJson(String(v));
}

// Port of snippets._blocks: an array of objects is a Bicep array, or repeated HCL blocks.
function emit(tree, indent, lines, sep, open, value) {
  for (const [key, v] of tree) {
    const pad = "  ".repeat(indent);
    if (v instanceof Map) {
      lines.push(pad + key + open);
      emit(v, indent + 1, lines, sep, open, value);
      lines.push(pad + "}");
    } else if (Array.isArray(v) && v.length && v.every((x) => x instanceof Map)) {
      if (open === " {") {
        for (const element of v) {
          lines.push(pad + key + open);
          emit(element, indent + 1, lines, sep, open, value);
          lines.push(pad + "}");
        }
      } else {
        lines.push(pad + key + sep + "[");
        for (const element of v) {
          lines.push(pad + "  {");
          emit(element, indent + 2, lines, sep, open, value);
          lines.push(pad + "  }");
        }
        lines.push(pad + "]");
      }
    } else {
      lines.push(pad + key + sep + value(v));
    }
  }
}

export function bicep(entries) {
  const lines = [];
  emit(nest(entries), 0, lines, ": ", ": {", bicepValue);
  return lines.join("\n");
}

export function terraform(entries) {
  const lines = ['resource "azurerm_kubernetes_cluster" "aks" {'];
  emit(nest(entries), 1, lines, " = ", " {", hclValue);
  lines.push("}");
  return lines.join("\n");
}

export function texts(data, choices) {
  const c = combine(data, choices);
  return { az: azCommand(data.az_prefix, c.az), bicep: bicep(c.bicep), terraform: terraform(c.terraform), combined: c };
}

// --- the page ------------------------------------------------------------------------------

function tokens(runs) {
  return runs.map(([kind, text, href]) => {
    if (kind === "code") return h("code", {}, text);
    if (kind === "link") return h("a", { href }, text);
    if (kind === "strong") return h("strong", {}, text);
    if (kind === "em") return h("em", {}, text);
    return text;
  });
}

// The flag explanations are one-line Markdown; only their code spans need markup.
function codeSpans(text) {
  return text.split(/(`[^`]+`)/).filter(Boolean).map((part) => (/^`[^`]+`$/.test(part) ? h("code", {}, part.slice(1, -1)) : part));
}

function sourceLinks(data, ids) {
  const out = [];
  ids.forEach((sid, i) => {
    const s = data.sources[sid];
    if (!s) return;
    if (i) out.push(", ");
    out.push(h("a", { href: s.url }, s.title));
  });
  return out;
}

function choicesFrom(search, data) {
  const q = new URLSearchParams(search);
  const preset = data.presets[0] ? data.presets[0].choices : {};
  const choices = {};
  for (const c of categories(data)) {
    const wanted = q.get(c.id);
    choices[c.id] = wanted && c.options.includes(wanted) ? wanted : preset[c.id] || c.options[0];
  }
  return choices;
}

// Which single change settles a finding without adding an error: for an error, up to three
// options per category involved; for a tip, the recommended option itself.
function fixesFor(data, choices, finding) {
  const out = [];
  const before = new Set(evaluate(data, choices).filter((f) => f.severity === "error").map((f) => f.rule));
  for (const cat of finding.change) {
    const c = categories(data).find((x) => x.id === cat);
    let n = 0;
    for (const oid of c.options) {
      if (oid === choices[cat] || n >= 3 || (finding.severity === "tip" && oid !== finding.b)) continue;
      const trial = { ...choices, [cat]: oid };
      const errs = evaluate(data, trial).filter((f) => f.severity === "error");
      if (errs.some((f) => f.rule === finding.rule || !before.has(f.rule))) continue;
      out.push({ cat: c, option: data.options[oid] });
      n += 1;
    }
  }
  return out;
}

function copyButton(label, getText, statusEl, cls = "atlas-btn atlas-btn--small") {
  return h("button", { type: "button", class: cls, onclick: async () => {
    try {
      await navigator.clipboard.writeText(getText());
      statusEl.textContent = label + " copied.";
    } catch (err) {
      statusEl.textContent = "Copying is blocked here; select the text and copy it by hand.";
    }
  } }, "Copy " + (label === "Link" ? "link" : label));
}

export function decisionRecord(data, choices, planResult, url, today) {
  const cats = categories(data);
  const found = evaluate(data, choices);
  const life = lifecycle(data, choices);
  const t = texts(data, choices);
  const rule = (id) => data.rules.find((r) => r.id === id);
  const L = [];
  L.push("# Decision record: AKS cluster networking", "", "- Status: Proposed", "- Date: " + today, "- Design: <" + url + ">", "");
  L.push("## Context", "");
  L.push("We need to decide how an Azure Kubernetes Service cluster is networked, one choice per decision: " + cats.map((c) => c.name).join("; ") + ".");
  const counts = ["error", "warning", "tip"].map((s) => found.filter((f) => f.severity === s).length);
  L.push("The combination below was checked against the AKS Networking Atlas compatibility rules: " + counts[0] + " error(s), " + counts[1] + " caveat(s), " + counts[2] + " tip(s).", "");
  L.push("## Options considered", "");
  for (const c of cats) {
    L.push("### " + c.name, "", "*" + c.question + "*", "");
    for (const oid of c.options) {
      const o = data.options[oid];
      L.push("- " + (oid === choices[c.id] ? "**" + o.name + "** (chosen)" : o.name) + " [" + o.status.label + "]: " + o.summary_md);
    }
    L.push("");
  }
  L.push("## Decision", "", "| Decision | Choice | Status |", "|---|---|---|");
  for (const c of cats) {
    const o = data.options[choices[c.id]];
    L.push("| " + c.name + " | " + o.name + " | " + o.status.label + " |");
  }
  L.push("", "```bash", t.az, "```", "");
  L.push("## Consequences", "");
  for (const f of found.filter((x) => x.severity !== "ok")) {
    const r = rule(f.rule);
    L.push("- " + SEVERITY_LABEL[f.severity] + ": " + f.text + ". " + r.reason_md + " (" + r.sources.map((s) => (data.sources[s] || { url: s }).url).join(", ") + ")");
  }
  for (const l of life) L.push("- Lifecycle: " + data.options[l.option].name + " is " + l.label + ".");
  for (const c of cats) {
    const o = data.options[choices[c.id]];
    for (const con of o.cons) L.push("- " + o.name + ": " + con);
  }
  if (planResult) {
    L.push("", "IP plan (" + (planResult.ok ? "no errors" : planResult.errors.length + " error(s)") + "):", "");
    for (const s of planResult.subnets) L.push("- " + s.name + ": " + (s.addresses === null ? "fixed size" : fmt(s.addresses) + " addresses") + ", /" + s.prefix + (s.cidr ? " at " + s.cidr : ""));
    for (const r of planResult.ranges) L.push("- " + r.name + ": " + r.cidr);
    for (const e of planResult.errors) L.push("- Error: " + e.message);
  }
  L.push("", "## Sources", "");
  const cited = new Set();
  for (const c of cats) for (const s of data.options[choices[c.id]].sources) cited.add(s);
  for (const f of found) for (const s of rule(f.rule).sources) cited.add(s);
  for (const sid of cited) if (data.sources[sid]) L.push("- [" + data.sources[sid].title + "](" + data.sources[sid].url + ")");
  return L.join("\n") + "\n";
}

export async function mount(el) {
  const [data, params] = await Promise.all([fetchJson(new URL(el.dataset.src, location.href).href), fetchJson(new URL(el.dataset.planSrc, location.href).href)]);
  const root = new URL("../", new URL(el.dataset.src, location.href));
  const cats = categories(data);
  const choices = choicesFrom(location.search, data);
  const selects = {};
  // The planner follows the chosen pod networking option and adds the subnets other choices need.
  const extrasFor = () => Object.fromEntries(params.extras.map((e) => [e.id, Object.values(choices).includes(e.option)]));
  const podModel = () => Object.values(choices).find((oid) => params.models[oid]) || "";
  const pstate = readState(location.search, params, podModel());

  // --- the form: one labelled select per category, grouped by layer
  const presetBar = h("div", { class: "atlas-presets", role: "group", "aria-label": "Presets" });
  const presetButtons = data.presets.map((p) => {
    const b = h("button", { type: "button", class: "atlas-btn", "aria-pressed": "false", title: p.summary, onclick: () => {
      Object.assign(choices, p.choices);
      for (const [cat, sel] of Object.entries(selects)) sel.value = choices[cat];
      update(true);
      b.focus();
    } }, p.name);
    b.dataset.preset = p.id;
    return b;
  });
  presetBar.append(h("span", { class: "atlas-presets__label" }, "Start from a preset:"), ...presetButtons);

  const form = h("form", { class: "atlas-design-form", onsubmit: (e) => e.preventDefault() }, data.layers.map((layer) => h("fieldset", {}, h("legend", {}, layer.name),
    layer.categories.map((c) => {
      const id = "design-" + c.id;
      const sel = h("select", { id, name: c.id, "data-category": c.id }, c.options.map((oid) => {
        const o = data.options[oid];
        return h("option", { value: oid, selected: oid === choices[c.id] }, o.name + (o.status.level === "ga" ? "" : " (" + o.status.label + ")"));
      }));
      sel.addEventListener("change", () => { choices[c.id] = sel.value; update(true); });
      selects[c.id] = sel;
      return h("div", { class: "atlas-field" }, h("label", { for: id }, c.name), sel);
    }))));

  const summary = h("p", { class: "atlas-design-summary", role: "status", "aria-live": "polite", tabindex: "-1" });
  const findingsBox = h("div", { class: "atlas-findings" });
  const commandsBox = h("div", { class: "atlas-commands" });
  const copyStatus = h("p", { class: "atlas-copy-status", role: "status", "aria-live": "polite" });
  const plannerHost = h("div", { class: "atlas-planner" });
  const adrText = h("textarea", { id: "atlas-adr", readonly: true, rows: "16", class: "atlas-adr", spellcheck: "false" });
  const adrBox = h("div", { class: "atlas-adr-box", hidden: true }, h("label", { for: "atlas-adr" }, "Decision record (Markdown)"), adrText);
  const download = h("a", { class: "atlas-btn", download: "aks-network-decision-record.md", hidden: true }, "Download the decision record");
  let planner = null;

  const href = () => {
    const pairs = cats.map((c) => [c.id, choices[c.id]]).concat(stateQuery(pstate, false));
    return location.pathname + "?" + pairs.map(([k, v]) => k + "=" + enc(v)).join("&");
  };
  const write = () => history.replaceState(history.state, "", href());

  const exportBtn = h("button", { type: "button", class: "atlas-btn atlas-btn--primary", onclick: () => {
    const md = decisionRecord(data, choices, planner && planner.result, location.href, new Date().toISOString().slice(0, 10));
    adrText.value = md;
    adrBox.hidden = false;
    if (download.href) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([md], { type: "text/markdown" }));
    download.hidden = false;
    adrText.focus();
    adrText.setSelectionRange(0, 0);
    adrText.scrollTop = 0;
  } }, "Export decision record");
  const linkBtn = copyButton("Link", () => location.href, copyStatus, "atlas-btn");

  el.replaceChildren(
    presetBar,
    form,
    h("section", { class: "atlas-design-results", "aria-labelledby": "atlas-design-results-h" },
      h("h2", { id: "atlas-design-results-h" }, "Your design"),
      summary,
      h("div", { class: "atlas-actions" }, linkBtn, exportBtn, download),
      copyStatus,
      adrBox,
      findingsBox,
      h("h3", {}, "Deployment"),
      commandsBox,
      h("h3", {}, "IP plan"),
      plannerHost));

  planner = createPlanner(plannerHost, { params, state: pstate, model: podModel(), extras: extrasFor(), onChange: () => { write(); drawSummary(); } });

  function drawSummary() {
    const found = evaluate(data, choices);
    const n = (s) => found.filter((f) => f.severity === s).length;
    const parts = [n("error") + (n("error") === 1 ? " conflict" : " conflicts"), n("warning") + (n("warning") === 1 ? " caveat" : " caveats"), n("tip") + (n("tip") === 1 ? " tip" : " tips")];
    const life = lifecycle(data, choices).length;
    if (life) parts.push(life + " lifecycle " + (life === 1 ? "warning" : "warnings"));
    const res = planner && planner.result;
    if (res) parts.push(res.ok ? "IP plan fits" : res.errors.length + " IP plan " + (res.errors.length === 1 ? "error" : "errors"));
    summary.textContent = "This design has " + parts.join(", ") + ".";
  }

  function drawFindings() {
    const found = evaluate(data, choices);
    const item = (f) => {
      const r = data.rules.find((x) => x.id === f.rule);
      const fixes = f.severity === "error" || f.severity === "tip" ? fixesFor(data, choices, f) : [];
      return h("li", { class: "atlas-finding-item atlas-finding-item--" + f.severity, "data-rule": f.rule },
        h("span", { class: "atlas-finding atlas-finding--" + f.severity }, SEVERITY_LABEL[f.severity]), " ",
        h("strong", {}, f.text), ". ", tokens(r.reason), " ",
        h("span", { class: "atlas-finding-source" }, "Source: ", sourceLinks(data, r.sources), ", verified " + r.verified_on + "."),
        fixes.length ? h("span", { class: "atlas-fixes" }, " Change: ", fixes.map((x) => h("button", { type: "button", class: "atlas-btn atlas-btn--small", "data-fix": x.cat.id + "=" + x.option.id, onclick: () => {
          choices[x.cat.id] = x.option.id;
          selects[x.cat.id].value = x.option.id;
          update(true);
          summary.focus();
        } }, x.cat.name + " → " + x.option.name))) : null);
    };
    const open = found.filter((f) => f.severity !== "ok");
    const ok = found.filter((f) => f.severity === "ok");
    const life = lifecycle(data, choices);
    findingsBox.replaceChildren(...[
      open.length ? h("ul", { class: "atlas-finding-list" }, open.map(item)) : h("p", {}, "No conflicts, caveats or tips for this combination."),
      life.length ? h("ul", { class: "atlas-lifecycle" }, life.map((l) => {
        const o = data.options[l.option];
        return h("li", { "data-option": l.option }, h("span", { class: "atlas-status atlas-status--" + l.level }, l.label), " ",
          h("a", { href: new URL(o.url, root).href }, o.name), o.status.note.length ? [": ", tokens(o.status.note)] : null, " ",
          h("span", { class: "atlas-finding-source" }, "Source: ", sourceLinks(data, o.status.sources), "."));
      })) : null,
      ok.length ? h("details", {}, h("summary", {}, ok.length + (ok.length === 1 ? " rule satisfied" : " rules satisfied")), h("ul", {}, ok.map(item))) : null,
    ].filter(Boolean));
  }

  function drawCommands() {
    const t = texts(data, choices);
    const block = (title, lang, body) => {
      const code = h("code", {}, body);
      return h("div", { class: "atlas-command", "data-command": lang }, h("div", { class: "atlas-command__head" }, h("h4", {}, title), copyButton(title, () => body, copyStatus)), h("pre", {}, code));
    };
    const flagValue = (v) => (v === null || v === true ? "" : " " + (Array.isArray(v) ? v.join(",") : String(v)));
    commandsBox.replaceChildren(...[
      block("Azure CLI", "az", t.az),
      h("div", { class: "atlas-table-wrap" }, h("table", { class: "atlas-flag-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Flag"), h("th", { scope: "col" }, "Why"), h("th", { scope: "col" }, "From"))),
        h("tbody", {}, t.combined.az.map((e) => h("tr", {}, h("td", {}, h("code", {}, e.key + flagValue(e.value))), h("td", {}, codeSpans(e.why)),
          h("td", {}, h("a", { href: new URL(data.options[e.option].url, root).href }, data.options[e.option].name))))))),
      t.combined.overridden.length ? h("ul", { class: "atlas-overridden" }, t.combined.overridden.map((o) => h("li", {},
        h("code", {}, o.key), ": " + data.options[o.option].name + " sets " + JSON.stringify(o.value) + ", but " + data.options[o.by].name + " already sets " + JSON.stringify(o.used) + "; the first value is used."))) : null,
      block("Bicep", "bicep", t.bicep),
      block("Terraform", "terraform", t.terraform),
      h("p", { class: "atlas-hint" }, "Values in angle brackets are placeholders for your own resource IDs; counts, ports and the pod CIDR are the examples from each option's page."),
    ].filter(Boolean));
  }

  function update(writeUrl) {
    for (const b of presetButtons) {
      const p = data.presets.find((x) => x.id === b.dataset.preset);
      b.setAttribute("aria-pressed", String(cats.every((c) => p.choices[c.id] === choices[c.id])));
    }
    drawFindings();
    drawCommands();
    planner.update(podModel(), extrasFor());
    drawSummary();
    if (writeUrl) write();
  }
  update(false);
}

export { planInputs, plan };
