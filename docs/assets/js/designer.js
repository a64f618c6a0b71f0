// The network designer (/design/): one option per category, the rules that apply, the merged
// az/Bicep/Terraform settings, the IP plan, and a Markdown decision record. The logic is in
// cores/design.js and cores/snippets.js (mirrors of the Python, compared by tests under Node);
// this file draws it. All state is in the page address; all text from the data reaches the
// page through textContent.
import { h, tokens, codeSpans } from "./lib/dom.js";
import { fetchJson } from "./lib/fetch.js";
import { diagramRecord, slotValues } from "./cores/diagram.js";
import { refineStatuses } from "./lib/lifecycle.js";
import { copyButton } from "./lib/clipboard.js";
import { readQuery, queryString, resolve } from "./lib/url.js";
import { categories, evaluate, lifecycle, texts, choicesFrom, fixesFor, decisionRecord, severityLabel, blockers, planValues, checklist, egressRules, queryProblems } from "./cores/design.js";
import { createPlanner, readState, stateQuery } from "./ui/planner.js";

const plural = (n, one, many) => n + " " + (n === 1 ? one : many);

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

function presetBar(data, onPick) {
  const buttons = data.presets.map((p) => {
    const b = h("button", { type: "button", class: "atlas-btn", "aria-pressed": "false", title: p.summary, "data-preset": p.id, onclick: () => {
      onPick(p);
      b.focus();
    } }, p.name);
    return b;
  });
  const bar = h("div", { class: "atlas-presets", role: "group", "aria-label": "Presets" }, h("span", { class: "atlas-presets__label" }, "Start from a preset:"), buttons);
  return { bar, buttons };
}

// One labelled select per category, grouped by layer; `selects` maps category id to select.
function designForm(data, choices, selects, onChange) {
  return h("form", { class: "atlas-design-form", onsubmit: (e) => e.preventDefault() }, data.layers.map((layer) => h("fieldset", {}, h("legend", {}, layer.name),
    layer.categories.map((c) => {
      const id = "design-" + c.id;
      const sel = h("select", { id, name: c.id, "data-category": c.id }, c.options.map((oid) => {
        const o = data.options[oid];
        return h("option", { value: oid, selected: oid === choices[c.id] }, o.name + (o.status.level === "ga" ? "" : " (" + o.status.label + ")"));
      }));
      sel.addEventListener("change", () => onChange(c.id, sel.value));
      selects[c.id] = sel;
      return h("div", { class: "atlas-field" }, h("label", { for: id }, c.name), sel);
    }))));
}

function summaryText(data, choices, planResult) {
  const found = evaluate(data, choices);
  const n = (s) => found.filter((f) => f.severity === s).length;
  const parts = [plural(n("error"), "conflict", "conflicts"), plural(n("warning"), "caveat", "caveats"), plural(n("tip"), "tip", "tips")];
  const life = lifecycle(data, choices).length;
  if (life) parts.push(plural(life, "lifecycle warning", "lifecycle warnings"));
  if (planResult) parts.push(planResult.ok ? "IP plan fits" : plural(planResult.errors.length, "IP plan error", "IP plan errors"));
  return "This design has " + parts.join(", ") + ".";
}

function findingItem(view, f) {
  const { data, choices } = view;
  const r = data.rules.find((x) => x.id === f.rule);
  const fixes = f.severity === "error" || f.severity === "tip" ? fixesFor(data, choices, f) : [];
  const fixButton = (x) => h("button", { type: "button", class: "atlas-btn atlas-btn--small", "data-fix": x.cat.id + "=" + x.option.id, onclick: () => {
    view.choose(x.cat.id, x.option.id);
    view.summary.focus();
  } }, x.cat.name + " → " + x.option.name);
  return h("li", { class: "atlas-finding-item atlas-finding-item--" + f.severity, "data-rule": f.rule },
    h("span", { class: "atlas-finding atlas-finding--" + f.severity }, severityLabel(data, f.severity)), " ",
    h("strong", {}, f.text), ". ", tokens(r.reason), " ",
    h("span", { class: "atlas-finding-source" }, "Source: ", sourceLinks(data, r.sources), ", verified " + r.verified_on + "."),
    fixes.length ? h("span", { class: "atlas-fixes" }, " Change: ", fixes.map(fixButton)) : null);
}

function lifecycleList(view, life) {
  const { data, root } = view;
  return h("ul", { class: "atlas-lifecycle" }, life.map((l) => {
    const o = data.options[l.option];
    return h("li", { "data-option": l.option }, h("span", { class: "atlas-status atlas-status--" + l.level }, l.label), " ",
      h("a", { href: new URL(o.url, root).href }, o.name), o.status.note.length ? [": ", tokens(o.status.note)] : null, " ",
      h("span", { class: "atlas-finding-source" }, "Source: ", sourceLinks(data, o.status.sources), "."));
  }));
}

function drawFindings(view) {
  const found = evaluate(view.data, view.choices);
  const open = found.filter((f) => f.severity !== "ok");
  const ok = found.filter((f) => f.severity === "ok");
  const life = lifecycle(view.data, view.choices);
  view.findingsBox.replaceChildren(...[
    open.length ? h("ul", { class: "atlas-finding-list" }, open.map((f) => findingItem(view, f))) : h("p", {}, "No conflicts, caveats or tips for this combination."),
    life.length ? lifecycleList(view, life) : null,
    ok.length ? h("details", {}, h("summary", {}, plural(ok.length, "rule satisfied", "rules satisfied")), h("ul", {}, ok.map((f) => findingItem(view, f)))) : null,
  ].filter(Boolean));
}

function flagTable(view, entries) {
  const { data, root } = view;
  const flagValue = (v) => (v === null || v === true ? "" : v.param ? ' "$' + v.param.toUpperCase() + '"' : " " + (Array.isArray(v) ? v.join(",") : String(v)));
  const from = (e) => (e.option ? h("a", { href: new URL(data.options[e.option].url, root).href }, data.options[e.option].name) : "IP plan");
  return h("div", { class: "atlas-table-wrap" }, h("table", { class: "atlas-flag-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Flag"), h("th", { scope: "col" }, "Why"), h("th", { scope: "col" }, "From"))),
    h("tbody", {}, entries.map((e) => h("tr", {}, h("td", {}, h("code", {}, e.key + flagValue(e.value))), h("td", {}, codeSpans(e.why)),
      h("td", {}, from(e)))))));
}

// A variant input (the private cluster's DNS mode): a list of the option's variants, the first by
// default (kept out of the address); a value the address gave that is none of them stays a blocker.
function variantField(view, item, id, onChange) {
  const select = h("select", { id, name: item.id, "data-input": item.id },
    item.choices.map((c) => h("option", { value: c.id }, c.name)));
  select.value = item.choices.some((c) => c.id === view.given[item.id]) ? view.given[item.id] : item.choices[0].id;
  select.addEventListener("change", () => { view.given[item.id] = select.value === item.choices[0].id ? "" : select.value; onChange(); });
  return { item, row: h("div", { class: "atlas-field" }, h("label", { for: id }, item.label), select) };
}

// The user's own values for the chosen options (deploy.inputs, from each option's `inputs:` data),
// empty by default and then left out of the files; only the inputs of chosen options are shown.
function optionInputs(view, onChange) {
  const fields = view.data.deploy.inputs.map((item) => {
    const id = "design-input-" + item.id;
    if (item.kind === "variant") return variantField(view, item, id, onChange);
    const name = item.kind === "name";
    const input = h("input", { id, name: item.id, type: "text", inputmode: name ? "text" : "numeric", value: view.given[item.id], placeholder: item.default || "default", "data-input": item.id });
    input.addEventListener("input", () => { view.given[item.id] = input.value; onChange(); });
    const hint = name ? item.rule : item.min + " to " + item.max + (item.multiple > 1 ? ", a multiple of " + item.multiple : "");
    return { item, row: h("div", { class: "atlas-field" }, h("label", { for: id }, item.label + " (" + hint + ")"), input) };
  });
  const box = h("fieldset", { class: "atlas-option-inputs" }, h("legend", {}, "Your values for the chosen options (optional)"), fields.map((f) => f.row));
  const show = () => {
    const chosen = Object.values(view.choices);
    for (const f of fields) f.row.hidden = !chosen.includes(f.item.option);
    box.hidden = fields.every((f) => f.row.hidden);
  };
  return { box, show };
}

// While the design or its IP plan has errors: the errors, and no command.
function blockedNote(stop) {
  return h("div", { class: "atlas-blocked", "data-blocked": "" },
    h("p", {}, h("strong", {}, "No command, Bicep or Terraform yet: "), "this design has " + plural(stop.length, "error", "errors") + " to settle first."),
    h("ul", {}, stop.map((s) => h("li", {}, s))),
    h("p", {}, "Each conflict above lists the changes that settle it; IP plan errors are fixed in the IP plan below."));
}

// The caveats and lifecycle warnings, next to what they qualify.
function caveatNote(view) {
  const { data, choices } = view;
  const items = evaluate(data, choices).filter((f) => f.severity === "warning").map((f) => severityLabel(data, f.severity) + ": " + f.text + ".")
    .concat(lifecycle(data, choices).map((l) => l.label + ": " + data.options[l.option].name + "."));
  return items.length ? h("div", { class: "atlas-caveats", "data-caveats": "" }, h("p", {}, "Before you deploy, read the findings above about:"), h("ul", {}, items.map((x) => h("li", {}, x)))) : null;
}

// What the firewall must allow for this design (data/egress.yaml), when egress goes through one.
function egressList(data, choices) {
  const rules = egressRules(data, choices);
  if (!rules.length) return [];
  const when = (r) => (r.required ? "required" : "recommended") + (r.condition ? "; " + r.condition : "");
  return [h("h4", {}, "What your firewall must allow"),
    h("ul", { class: "atlas-egress", "data-egress": "" }, rules.map((r) => h("li", { "data-rule": r.id },
      r.destinations.map((d, i) => [i ? ", " : "", h("code", {}, d)]), " " + r.protocol + " " + r.port + " (" + when(r) + "): " + r.why))),
    h("p", { class: "atlas-hint" }, "The required rules without a value of yours are in the Bicep and Terraform above as an Azure Firewall policy rule collection group; ", h("code", {}, "<location>"), " is the cluster's region. Source: ", sourceLinks(data, rules[0].sources), ".")];
}

function drawCommands(view) {
  const { data } = view;
  const result = view.planner ? view.planner.result : null;
  const stop = blockers(data, view.choices, result, view.given);
  if (stop.length) {
    view.commandsBox.replaceChildren(blockedNote(stop));
    return;
  }
  const t = texts(data, view.choices, view.values(), view.given);
  const block = (title, lang, body) => h("div", { class: "atlas-command", "data-command": lang },
    h("div", { class: "atlas-command__head" }, h("h4", {}, title), copyButton("Copy " + title, () => body, { status: view.copyStatus, what: title })),
    h("pre", {}, h("code", { tabindex: "0" }, body)));
  const name = (id) => data.options[id].name;
  const overridden = t.combined.overridden.map((o) => h("li", {},
    h("code", {}, o.key), ": " + name(o.option) + " sets " + JSON.stringify(o.value) + ", but " + name(o.by) + " already sets " + JSON.stringify(o.used) + "; the first value is used."));
  const needs = t.requires.map((r) => h("p", { class: "atlas-requires", "data-requires": r }, "This command needs the Azure CLI extension ",
    h("code", {}, r), " (", h("code", {}, "az extension add --name " + r.split(" ")[0]), "); the core Azure CLI rejects it."));
  view.commandsBox.replaceChildren(...[
    caveatNote(view),
    ...needs,
    block("Azure CLI", "az", t.az),
    flagTable(view, t.combined.az),
    overridden.length ? h("ul", { class: "atlas-overridden" }, overridden) : null,
    block("Bicep", "bicep", t.bicep),
    block("Terraform", "terraform", t.terraform),
    h("h4", {}, "Before you run it"),
    h("ul", { class: "atlas-checklist", "data-checklist": "" }, checklist(data, view.choices, result, view.values()).map((x) => h("li", {}, x))),
    ...egressList(data, view.choices),
    h("p", { class: "atlas-hint" }, "Set the variables and parameters without a default to your own values. With your own VNet, the files create it with the subnets of the IP plan below and what the chosen options need around the cluster (route table, NSG, NAT gateway, Application Gateway for Containers and its controller's identity, your own private DNS zone), before the cluster; what reads the cluster comes after it. Every node pool of the plan is written with its node count and max pods; the pod CIDR, the service CIDR and the DNS service IP come from the plan too."),
  ].filter(Boolean));
}

// The decision record: a read-only text area, and a download link for the same Markdown.
function recordExport(view) {
  const text = h("textarea", { id: "atlas-adr", readonly: true, rows: "16", class: "atlas-adr", spellcheck: "false" });
  const box = h("div", { class: "atlas-adr-box", hidden: true }, h("label", { for: "atlas-adr" }, "Decision record (Markdown)"), text);
  const download = h("a", { class: "atlas-btn", download: "aks-network-decision-record.md", hidden: true }, "Download the decision record");
  const button = h("button", { type: "button", class: "atlas-btn atlas-btn--primary", onclick: async () => {
    const plan = view.planner && view.planner.result;
    // The traffic paths of the chosen options, with the plan's addresses (api/diagrams.json).
    const diagrams = view.diagramsSrc ? await fetchJson(view.diagramsSrc).catch(() => null) : null;
    const md = decisionRecord(view.data, view.choices, plan, location.href, new Date().toISOString().slice(0, 10), view.values(), view.given) +
      (diagrams ? "\n" + diagramRecord(diagrams, view.choices, slotValues(plan)) : "");
    text.value = md;
    box.hidden = false;
    if (download.href) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([md], { type: "text/markdown" }));
    download.hidden = false;
    text.focus();
    text.setSelectionRange(0, 0);
    text.scrollTop = 0;
  } }, "Export decision record");
  return { box, download, button };
}

// After each re-evaluation, other modules on the page (the design diagram) hear what changed: the
// chosen option per category, the IP plan result and the number of errors that block the files.
function announceDesign(el, view) {
  const plan = view.planner ? view.planner.result : null;
  const detail = { options: { ...view.choices }, plan, errors: blockers(view.data, view.choices, plan, view.given).length };
  el.dispatchEvent(new CustomEvent("atlas:design", { bubbles: true, detail }));
}

// Bad input in the address: said once, above the designer, which goes on with what it could use.
function urlNotice(problems) {
  if (!problems.length) return null;
  return h("div", { class: "atlas-url-problems admonition warning", role: "alert", "data-url-problems": "" },
    h("p", { class: "admonition-title" }, "Some of this link could not be used"), h("ul", {}, problems.map((x) => h("li", {}, x))));
}

// The user's own values of the chosen options, for the page address.
function givenQuery(view) {
  const chosen = Object.values(view.choices);
  return view.data.deploy.inputs.filter((item) => view.given[item.id] && chosen.includes(item.option)).map((item) => [item.id, view.given[item.id]]);
}

// The chosen IP family option, which the planner plans for ("" for its default).
const familyOf = (params, choices) => Object.values(choices).find((oid) => params.families[oid]) || "";

export async function mount(el) {
  const [data, params] = await Promise.all([fetchJson(resolve(el.dataset.src)), fetchJson(resolve(el.dataset.planSrc))]);
  // A page built before a support window closed says what is true on the day it is read.
  refineStatuses(Object.values(data.options).map((o) => o.status));
  const cats = categories(data);
  const choices = choicesFrom(readQuery(), data);
  const problems = queryProblems(readQuery(), data);
  const podModel = () => Object.values(choices).find((oid) => params.models[oid]) || "";
  // The planner follows the chosen pod networking option and adds the subnets other choices need.
  const extrasFor = () => Object.fromEntries(params.extras.map((e) => [e.id, Object.values(choices).includes(e.option)]));
  const pstate = readState(location.search, params, podModel());
  const selects = {};
  const view = {
    data, choices, planner: null, root: new URL("../", resolve(el.dataset.src)),
    diagramsSrc: el.dataset.diagramsSrc ? resolve(el.dataset.diagramsSrc) : null,
    given: Object.fromEntries(data.deploy.inputs.map((item) => [item.id, readQuery().get(item.id) || ""])),
    summary: h("p", { class: "atlas-design-summary", role: "status", "aria-live": "polite", tabindex: "-1" }),
    findingsBox: h("div", { class: "atlas-findings" }),
    commandsBox: h("div", { class: "atlas-commands" }),
    copyStatus: h("p", { class: "atlas-copy-status", role: "status", "aria-live": "polite" }),
    values: () => (view.planner ? planValues(view.planner.state, view.planner.result) : null),
    choose(cat, oid) {
      choices[cat] = oid;
      selects[cat].value = oid;
      update(true);
    },
  };
  const href = () => location.pathname + "?" + queryString(cats.map((c) => [c.id, choices[c.id]]).concat(givenQuery(view), stateQuery(pstate, false)));
  const write = () => history.replaceState(history.state, "", href());
  const presets = presetBar(data, (p) => {
    Object.assign(choices, p.choices);
    for (const [cat, sel] of Object.entries(selects)) sel.value = choices[cat];
    update(true);
  });
  const form = designForm(data, choices, selects, (cat, oid) => { choices[cat] = oid; update(true); });
  const refresh = () => { write(); drawSummary(); drawCommands(view); announce(); };
  const ownInputs = optionInputs(view, () => refresh());
  const record = recordExport(view);
  const plannerHost = h("div", { class: "atlas-planner" });
  el.replaceChildren(...[urlNotice(problems)].filter(Boolean), presets.bar, form, ownInputs.box,
    h("section", { class: "atlas-design-results", "aria-labelledby": "atlas-design-results-h" },
      h("h2", { id: "atlas-design-results-h" }, "Your design"), view.summary,
      h("div", { class: "atlas-actions" }, copyButton("Copy link", () => location.href, { status: view.copyStatus, class: "atlas-btn", what: "Link" }), record.button, record.download),
      view.copyStatus, record.box, view.findingsBox,
      h("h3", {}, "Deployment"), view.commandsBox,
      h("h3", {}, "IP plan"), plannerHost));
  const drawSummary = () => { view.summary.textContent = summaryText(data, choices, view.planner && view.planner.result); };
  const announce = () => announceDesign(el, view);
  view.planner = createPlanner(plannerHost, { params, state: pstate, model: podModel(), family: familyOf(params, choices), extras: extrasFor(), onChange: () => refresh() });

  function update(writeUrl) {
    for (const b of presets.buttons) {
      const p = data.presets.find((x) => x.id === b.dataset.preset);
      b.setAttribute("aria-pressed", String(cats.every((c) => p.choices[c.id] === choices[c.id])));
    }
    drawFindings(view);
    ownInputs.show();
    view.planner.update(podModel(), extrasFor(), familyOf(params, choices));
    drawCommands(view);
    drawSummary();
    if (writeUrl) write();
    announce();
  }
  update(false);
}
