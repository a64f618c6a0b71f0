// The IP planner form and its results, on /tools/ip-planner/ and inside the network designer.
// The numbers come from cores/ipplan.js (a port of generator/features/ipplan/calc.py); the
// parameters (limits read from the knowledge base) from api/ipplan.json. Every string reaches
// the page through textContent. The state maps to URL parameters so a link reproduces the plan.
import { h, nextId } from "../lib/dom.js";
import { plan } from "../cores/ipplan.js";
import { fmt } from "../cores/addresses.js";

const KEYS = { vnet: "vnet-cidr", podCidr: "pod-cidr", serviceCidr: "service-cidr", dnsIp: "dns-ip", inUse: "in-use" };
// The IPv6 ranges of a dual-stack plan (in the address only when the plan is dual-stack).
const KEYS6 = { vnet6: "vnet-ipv6", podCidr6: "pod-cidr-ipv6", serviceCidr6: "service-cidr-ipv6" };

const defaultPods = (m) => String((m && (m.default_pods || m.max_pods)) || "");

// Planner state from URL parameters, with the example inputs where a parameter is absent.
// `podsSet`: the reader chose max pods (in the link or the form); until then max pods follows the
// pod networking model's default, as a fresh page for that model would show.
export function readState(search, params, model) {
  const q = new URLSearchParams(search);
  const ex = params.example;
  const m = params.models[model] || {};
  const list = (key, fallback) => (q.has(key) ? q.get(key).split(",") : fallback);
  const nodes = list("nodes", ex.pools.map((p) => String(p.nodes)));
  const surge = list("surge", ex.pools.map((p) => String(p.surge)));
  const pods = list("max-pods", [defaultPods(m)]);
  const count = Math.max(nodes.length, 1);
  const pools = [];
  for (let i = 0; i < count; i++) pools.push({ nodes: nodes[i] || "", surge: surge[i] || "0", max_pods: pods[i] || pods[0] || "" });
  const get = (key, fallback) => (q.has(key) ? q.get(key) : fallback);
  return {
    pools,
    vnet: get(KEYS.vnet, ex.vnet.join(", ")),
    podCidr: get(KEYS.podCidr, ex.pod_cidr),
    serviceCidr: get(KEYS.serviceCidr, ex.service_cidr),
    dnsIp: get(KEYS.dnsIp, ex.dns_ip),
    inUse: get(KEYS.inUse, ex.in_use.join(", ")),
    vnet6: get(KEYS6.vnet6, ex.vnet6.join(", ")),
    podCidr6: get(KEYS6.podCidr6, ex.pod_cidr6),
    serviceCidr6: get(KEYS6.serviceCidr6, ex.service_cidr6),
    dual: false, // set by the planner from its IP family
    extras: Object.fromEntries(params.extras.map((e) => [e.id, q.get(e.id + "-subnet") === "1"])),
    podsSet: q.has("max-pods"),
  };
}

// The same state as URL parameters (pairs, so the caller can put its own first).
export function stateQuery(state, withExtras) {
  const tidy = (s) => s.split(/[\s,]+/).filter(Boolean).join(",");
  const pairs = [
    ["nodes", state.pools.map((p) => p.nodes.trim()).join(",")],
    ["surge", state.pools.map((p) => p.surge.trim()).join(",")],
    [KEYS.vnet, tidy(state.vnet)],
    [KEYS.podCidr, state.podCidr.trim()],
    [KEYS.serviceCidr, state.serviceCidr.trim()],
    [KEYS.dnsIp, state.dnsIp.trim()],
  ];
  if (state.podsSet) pairs.splice(2, 0, ["max-pods", state.pools.map((p) => p.max_pods.trim()).join(",")]);
  if (tidy(state.inUse)) pairs.push([KEYS.inUse, tidy(state.inUse)]);
  if (state.dual) pairs.push([KEYS6.vnet6, tidy(state.vnet6)], [KEYS6.podCidr6, state.podCidr6.trim()], [KEYS6.serviceCidr6, state.serviceCidr6.trim()]);
  if (withExtras) for (const [id, on] of Object.entries(state.extras)) if (on) pairs.push([id + "-subnet", "1"]);
  return pairs;
}

// The inputs plan() reads, from the form state (`family`: an IP family option id, "" for the default).
export function planInputs(state, model, extras, family = "") {
  const inputs = {
    model,
    ip_family: family,
    vnet6: state.vnet6,
    pod_cidr6: state.podCidr6,
    service_cidr6: state.serviceCidr6,
    pools: state.pools.map((p) => ({ nodes: p.nodes, surge: p.surge, max_pods: p.max_pods })),
    vnet: state.vnet,
    pod_cidr: state.podCidr,
    service_cidr: state.serviceCidr,
    dns_ip: state.dnsIp,
    in_use: state.inUse,
  };
  for (const [id, on] of Object.entries(extras)) inputs[id + "_subnet"] = on;
  return inputs;
}

// --- the form ------------------------------------------------------------------------------------

function field(label, input, hint) {
  const id = nextId("f");
  input.id = id;
  const hintEl = hint ? h("span", { class: "atlas-hint", id: id + "-hint" }, hint) : null;
  if (hintEl) input.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "atlas-field" }, h("label", { for: id }, label), input, hintEl);
}

// A labelled text input (or textarea) bound to state[key].
function textField(state, key, label, hint, changed, tag = "input") {
  const input = h(tag, tag === "input" ? { type: "text", spellcheck: "false", autocomplete: "off" } : { rows: "2", spellcheck: "false" });
  input.value = state[key];
  input.addEventListener("input", () => { state[key] = input.value; changed(); });
  return field(label, input, hint);
}

// The node pool table: one row per pool, with add and remove buttons.
function poolTable(state, changed) {
  const body = h("tbody");
  const cell = (pool, i, key, label) => {
    const input = h("input", { type: "text", inputmode: "numeric", "aria-label": "Node pool " + (i + 1) + ": " + label, class: "atlas-num", autocomplete: "off" });
    input.value = pool[key];
    input.addEventListener("input", () => {
      pool[key] = input.value;
      if (key === "max_pods") state.podsSet = true;
      changed();
    });
    return h("td", {}, input);
  };
  function draw() {
    body.replaceChildren(...state.pools.map((pool, i) => {
      const remove = h("button", { type: "button", class: "atlas-btn atlas-btn--small", "aria-label": "Remove node pool " + (i + 1), disabled: state.pools.length === 1, onclick: () => {
        state.pools.splice(i, 1);
        draw();
        changed();
        body.querySelector("input")?.focus();
      } }, "Remove");
      return h("tr", {}, h("th", { scope: "row" }, String(i + 1)), cell(pool, i, "nodes", "nodes"), cell(pool, i, "surge", "max surge"), cell(pool, i, "max_pods", "max pods"), h("td", {}, remove));
    }));
  }
  const add = h("button", { type: "button", class: "atlas-btn", onclick: () => {
    const last = state.pools[state.pools.length - 1];
    state.pools.push({ nodes: "3", surge: "1", max_pods: last ? last.max_pods : "" });
    draw();
    changed();
    const inputs = body.querySelectorAll("input");
    inputs[inputs.length - 3]?.focus();
  } }, "Add a node pool");
  draw();
  const head = h("tr", {}, ["Pool", "Nodes", "Max surge", "Max pods"].map((t) => h("th", { scope: "col" }, t)), h("td", {}));
  const el = h("fieldset", { class: "atlas-pools" }, h("legend", {}, "Node pools"), h("table", { class: "atlas-pool-table" }, h("thead", {}, head), body), add);
  return { el, draw };
}

// Extra subnets: a checkbox each (the planner page), or a note on what the design adds.
function drawExtras(box, params, state, fixed, changed) {
  if (!fixed) {
    const boxes = params.extras.map((e) => {
      const id = nextId("x");
      const check = h("input", { type: "checkbox", id, checked: !!state.extras[e.id], onchange: (ev) => { state.extras[e.id] = ev.target.checked; changed(); } });
      return h("div", { class: "atlas-check" }, check, h("label", { for: id }, "Add the " + e.name + " (/" + e.prefix + ")"));
    });
    box.replaceChildren(h("fieldset", {}, h("legend", {}, "Extra subnets"), boxes));
    return;
  }
  const on = params.extras.filter((e) => fixed[e.id]).map((e) => e.name);
  box.replaceChildren(h("p", { class: "atlas-hint" }, on.length ? "Extra subnets for your choices: " + on.join(", ") + "." : "Your choices need no extra subnet."));
}

// Dual-stack only: the IPv6 ranges (private ULA defaults; Azure gives each subnet a /64 of the VNet's).
function ipv6Fields(params, state, changed) {
  return h("fieldset", { class: "atlas-plan-ranges atlas-plan-ipv6" }, h("legend", {}, "IPv6 ranges (dual-stack)"),
    textField(state, "vnet6", "IPv6 VNet prefixes", "One or more IPv6 CIDR ranges; the node subnet takes a /" + params.subnet6_prefix + " of it.", changed),
    textField(state, "podCidr6", "IPv6 pod range", "The second range of --pod-cidrs.", changed),
    textField(state, "serviceCidr6", "IPv6 service range", "The second range of --service-cidrs; a /" + params.service6_min_prefix + " or smaller.", changed));
}

// --- the results ---------------------------------------------------------------------------------

function sourceLink(params, model, formula) {
  const m = params.models[model];
  const sid = (m && m.sources[formula]) || params.formulas[formula];
  const src = sid && params.sources[sid];
  return src ? h("a", { href: src.url, class: "atlas-plan-source" }, src.title) : null;
}

function statusText(res, m, fam) {
  const n = res.errors.length;
  const w = res.warnings.length;
  const what = m.name + (fam && fam.dual ? " with " + fam.name : "");
  if (n) return n + (n === 1 ? " error" : " errors") + " in the IP plan for " + what + ".";
  return "The IP plan for " + what + " fits" + (w ? ", with " + w + (w === 1 ? " warning." : " warnings.") : ".");
}

// A results table. Each cell carries its column's name (data-label), so that on a phone the
// table turns into one card per row (atlas.css) and the proposed range is never cut off.
function table(heads, rows) {
  for (const row of rows) [...row.cells].forEach((cell, i) => cell.tagName === "TD" && cell.setAttribute("data-label", heads[i]));
  return h("div", { class: "atlas-table-wrap" }, h("table", { class: "atlas-plan-table" },
    h("thead", {}, h("tr", {}, heads.map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows)));
}

function resultParts(params, model, res, hn) {
  const link = (formula) => sourceLink(params, model, formula);
  const list = (items, cls, title) => (items.length ? [h(hn, {}, title), h("ul", { class: cls }, items.map((e) => h("li", {}, e.message + " ", link(e.formula))))] : []);
  const parts = [...list(res.errors, "atlas-plan-errors", "Errors"), ...list(res.warnings, "atlas-plan-warnings", "Warnings")];
  if (!res.subnets.length) return parts;
  parts.push(h(hn, {}, "Subnets in the VNet"), table(["Subnet", "Addresses needed", "Prefix", "Usable", "Fits", "Proposed range", "How"],
    res.subnets.map((s) => h("tr", { "data-subnet": s.id },
      h("th", { scope: "row" }, s.name),
      h("td", {}, s.addresses === null ? "fixed size" : fmt(s.addresses)),
      h("td", {}, "/" + s.prefix),
      h("td", {}, fmt(s.usable)),
      h("td", {}, s.fits_nodes === null ? "" : fmt(s.fits_nodes) + " nodes"),
      h("td", {}, s.cidr ? h("code", {}, s.cidr) : "no room", ...(s.cidr6 ? [" ", h("code", {}, s.cidr6)] : [])),
      h("td", {}, h("span", {}, s.work, " ", link(s.formula)))))));
  parts.push(h(hn, {}, "Ranges outside the VNet"), table(["Range", "Value", "How"],
    res.ranges.map((r) => h("tr", { "data-range": r.id },
      h("th", { scope: "row" }, r.name),
      h("td", {}, h("code", {}, r.cidr)),
      h("td", {}, h("span", {}, r.work, " ", r.formula ? link(r.formula) : null))))));
  return parts;
}

// The form and the results. options: {params, state, model, extras (fixed map or null), onChange,
// headingLevel}. With extras === null the form shows a checkbox per extra subnet (the planner page).
export function createPlanner(root, options) {
  const { params, onChange, state } = options;
  const hn = "h" + (options.headingLevel || 4); // result headings fit under the host page's outline
  const fixedExtras = options.extras !== null && options.extras !== undefined;
  let { model, extras } = options;
  let family = options.family || "";
  const result = h("div", { class: "atlas-plan-result" });
  const status = h("p", { class: "atlas-plan-status", role: "status", "aria-live": "polite" });
  const extrasBox = h("div", { class: "atlas-plan-extras" });
  let last = null;
  const changed = () => {
    last = render();
    if (onChange) onChange(state, last);
  };
  const podField = textField(state, "podCidr", "Pod CIDR", "Overlay, kubenet and BYO CNI number pods from this private range.", changed);
  const pools = poolTable(state, changed);
  const ipv6Box = ipv6Fields(params, state, changed);
  root.replaceChildren(
    pools.el,
    h("div", { class: "atlas-plan-ranges" },
      textField(state, "vnet", "VNet address space", "One or more CIDR ranges, separated by commas.", changed),
      podField,
      textField(state, "serviceCidr", "Service CIDR", "Kubernetes Service addresses; outside the VNet.", changed),
      textField(state, "dnsIp", "DNS service IP", "Inside the service CIDR.", changed),
      textField(state, "inUse", "Ranges already in use", "On-premises and peered networks, separated by commas (IPv6 ones too in a dual-stack plan).", changed, "textarea")),
    ipv6Box, extrasBox, status, result);
  drawExtras(extrasBox, params, state, fixedExtras ? extras : null, changed);

  function render() {
    const m = params.models[model];
    const fam = params.families[family || params.default_family] || null;
    state.dual = !!(fam && fam.dual);
    ipv6Box.hidden = !state.dual;
    podField.hidden = !(m && m.pod_cidr);
    if (!m) {
      status.textContent = "The IP planner has no formula for this pod networking option.";
      result.replaceChildren();
      return null;
    }
    const res = plan(params, planInputs(state, model, fixedExtras ? extras : state.extras, family));
    status.textContent = statusText(res, m, fam);
    result.replaceChildren(...resultParts(params, model, res, hn));
    return res;
  }

  last = render();
  return {
    get state() { return state; },
    get result() { return last; },
    // The designer calls this when the pod networking or IP family choice or the extra subnets change.
    update(newModel, newExtras, newFamily) {
      if (newFamily !== undefined) family = newFamily;
      if (newModel !== model && !state.podsSet) {
        const pods = defaultPods(params.models[newModel]);
        for (const p of state.pools) p.max_pods = pods;
        pools.draw();
      }
      model = newModel;
      if (newExtras) extras = newExtras;
      drawExtras(extrasBox, params, state, fixedExtras ? extras : null, changed);
      last = render();
      return last;
    },
  };
}
