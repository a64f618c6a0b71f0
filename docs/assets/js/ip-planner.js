// The IP planner form and its results, on /tools/ip-planner/ and inside the network designer.
// The numbers come from ipplan.js (a port of generator/ipplan.py); the parameters (limits read
// from the knowledge base) from api/ipplan.json. Every string reaches the page through
// textContent, never innerHTML. State lives in the page address so a link reproduces the plan.
import { plan, fmt } from "./ipplan.js";

// Build an element: h("a", {href: "..."}, "text", child...). Strings become text nodes.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

let uid = 0;
const nextId = (stem) => "atlas-" + stem + "-" + ++uid;

// Query values keep "/" and "," readable: both are legal in a query string.
export const enc = (v) => encodeURIComponent(v).replace(/%2F/gi, "/").replace(/%2C/gi, ",");

const KEYS = { vnet: "vnet-cidr", podCidr: "pod-cidr", serviceCidr: "service-cidr", dnsIp: "dns-ip", inUse: "in-use" };

// Planner state from URL parameters, with the example inputs where a parameter is absent.
export function readState(search, params, model) {
  const q = new URLSearchParams(search);
  const ex = params.example;
  const m = params.models[model] || {};
  const list = (key, fallback) => (q.has(key) ? q.get(key).split(",") : fallback);
  const nodes = list("nodes", ex.pools.map((p) => String(p.nodes)));
  const surge = list("surge", ex.pools.map((p) => String(p.surge)));
  const pods = list("max-pods", [String(m.default_pods || m.max_pods || "")]);
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
    extras: Object.fromEntries(params.extras.map((e) => [e.id, q.get(e.id + "-subnet") === "1"])),
  };
}

// The same state as URL parameters (pairs, so the caller can put its own first).
export function stateQuery(state, withExtras) {
  const tidy = (s) => s.split(/[\s,]+/).filter(Boolean).join(",");
  const pairs = [
    ["nodes", state.pools.map((p) => p.nodes.trim()).join(",")],
    ["surge", state.pools.map((p) => p.surge.trim()).join(",")],
    ["max-pods", state.pools.map((p) => p.max_pods.trim()).join(",")],
    [KEYS.vnet, tidy(state.vnet)],
    [KEYS.podCidr, state.podCidr.trim()],
    [KEYS.serviceCidr, state.serviceCidr.trim()],
    [KEYS.dnsIp, state.dnsIp.trim()],
  ];
  if (tidy(state.inUse)) pairs.push([KEYS.inUse, tidy(state.inUse)]);
  if (withExtras) for (const [id, on] of Object.entries(state.extras)) if (on) pairs.push([id + "-subnet", "1"]);
  return pairs;
}

export function planInputs(state, model, extras) {
  const inputs = {
    model,
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

function sourceLink(params, model, formula) {
  const m = params.models[model];
  const sid = (m && m.sources[formula]) || params.formulas[formula];
  const src = sid && params.sources[sid];
  return src ? h("a", { href: src.url, class: "atlas-plan-source" }, src.title) : null;
}

function field(label, input, hint) {
  const id = nextId("f");
  input.id = id;
  const hintEl = hint ? h("span", { class: "atlas-hint", id: id + "-hint" }, hint) : null;
  if (hintEl) input.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "atlas-field" }, h("label", { for: id }, label), input, hintEl);
}

// The form and the results. options: {params, state, model, extras (fixed map or null), onChange}.
// With extras === null the form shows a checkbox per extra subnet (the planner page).
export function createPlanner(root, options) {
  const { params, onChange } = options;
  const hn = "h" + (options.headingLevel || 4); // result headings fit under the host page's outline
  let { state, model, extras } = options;
  const result = h("div", { class: "atlas-plan-result" });
  const status = h("p", { class: "atlas-plan-status", role: "status", "aria-live": "polite" });
  const poolBody = h("tbody");
  const podInput = h("input", { type: "text", spellcheck: "false", autocomplete: "off" });
  const podField = field("Pod CIDR", podInput, "Overlay, kubenet and BYO CNI number pods from this private range.");
  const text = (key, label, hint, tag = "input") => {
    const input = h(tag, tag === "input" ? { type: "text", spellcheck: "false", autocomplete: "off" } : { rows: "2", spellcheck: "false" });
    input.value = state[key];
    input.addEventListener("input", () => { state[key] = input.value; changed(); });
    return field(label, input, hint);
  };
  podInput.value = state.podCidr;
  podInput.addEventListener("input", () => { state.podCidr = podInput.value; changed(); });

  function poolRows() {
    poolBody.replaceChildren();
    state.pools.forEach((pool, i) => {
      const cell = (key, label) => {
        const input = h("input", { type: "text", inputmode: "numeric", "aria-label": "Node pool " + (i + 1) + ": " + label, class: "atlas-num", autocomplete: "off" });
        input.value = pool[key];
        input.addEventListener("input", () => { pool[key] = input.value; changed(); });
        return h("td", {}, input);
      };
      const remove = h("button", { type: "button", class: "atlas-btn atlas-btn--small", disabled: state.pools.length === 1, onclick: () => {
        state.pools.splice(i, 1);
        poolRows();
        changed();
        poolBody.querySelector("input")?.focus();
      } }, "Remove");
      remove.setAttribute("aria-label", "Remove node pool " + (i + 1));
      poolBody.append(h("tr", {}, h("th", { scope: "row" }, String(i + 1)), cell("nodes", "nodes"), cell("surge", "max surge"), cell("max_pods", "max pods"), h("td", {}, remove)));
    });
  }

  const addPool = h("button", { type: "button", class: "atlas-btn", onclick: () => {
    const last = state.pools[state.pools.length - 1];
    state.pools.push({ nodes: "3", surge: "1", max_pods: last ? last.max_pods : "" });
    poolRows();
    changed();
    const inputs = poolBody.querySelectorAll("input");
    inputs[inputs.length - 3]?.focus();
  } }, "Add a node pool");

  const extrasBox = h("div", { class: "atlas-plan-extras" });
  function drawExtras() {
    extrasBox.replaceChildren();
    if (options.extras === null || options.extras === undefined) {
      const boxes = params.extras.map((e) => {
        const id = nextId("x");
        const box = h("input", { type: "checkbox", id, checked: !!state.extras[e.id], onchange: (ev) => { state.extras[e.id] = ev.target.checked; changed(); } });
        return h("div", { class: "atlas-check" }, box, h("label", { for: id }, "Add the " + e.name + " (/" + e.prefix + ")"));
      });
      extrasBox.append(h("fieldset", {}, h("legend", {}, "Extra subnets"), boxes));
    } else {
      const on = params.extras.filter((e) => extras[e.id]).map((e) => e.name);
      extrasBox.append(h("p", { class: "atlas-hint" }, on.length ? "Extra subnets for your choices: " + on.join(", ") + "." : "Your choices need no extra subnet."));
    }
  }

  root.replaceChildren(
    h("fieldset", { class: "atlas-pools" }, h("legend", {}, "Node pools"),
      h("table", { class: "atlas-pool-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Pool"), h("th", { scope: "col" }, "Nodes"), h("th", { scope: "col" }, "Max surge"), h("th", { scope: "col" }, "Max pods"), h("td", {}))),
        poolBody),
      addPool),
    h("div", { class: "atlas-plan-ranges" },
      text("vnet", "VNet address space", "One or more CIDR ranges, separated by commas."),
      podField,
      text("serviceCidr", "Service CIDR", "Kubernetes Service addresses; outside the VNet."),
      text("dnsIp", "DNS service IP", "Inside the service CIDR."),
      text("inUse", "Ranges already in use", "On-premises and peered networks, separated by commas.", "textarea")),
    extrasBox,
    status,
    result,
  );
  poolRows();
  drawExtras();

  function extrasNow() {
    return options.extras === null || options.extras === undefined ? state.extras : extras;
  }

  function render() {
    const m = params.models[model];
    podField.hidden = !(m && m.pod_cidr);
    if (!m) {
      status.textContent = "The IP planner has no formula for this pod networking option.";
      result.replaceChildren();
      return null;
    }
    const res = plan(params, planInputs(state, model, extrasNow()));
    const n = res.errors.length;
    status.textContent = n ? n + (n === 1 ? " error" : " errors") + " in the IP plan for " + m.name + "."
      : "The IP plan for " + m.name + " fits" + (res.warnings.length ? ", with " + res.warnings.length + (res.warnings.length === 1 ? " warning." : " warnings.") : ".");
    const list = (items, cls, title) => (items.length ? [h(hn, {}, title), h("ul", { class: cls }, items.map((e) => h("li", {}, e.message + " ", sourceLink(params, model, e.formula))))] : []);
    const parts = [...list(res.errors, "atlas-plan-errors", "Errors"), ...list(res.warnings, "atlas-plan-warnings", "Warnings")];
    if (res.subnets.length) {
      parts.push(h(hn, {}, "Subnets in the VNet"), h("div", { class: "atlas-table-wrap" }, h("table", { class: "atlas-plan-table" },
        h("thead", {}, h("tr", {}, ["Subnet", "Addresses needed", "Prefix", "Usable", "Fits", "Proposed range", "How"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, res.subnets.map((s) => h("tr", { "data-subnet": s.id },
          h("th", { scope: "row" }, s.name),
          h("td", {}, s.addresses === null ? "fixed size" : fmt(s.addresses)),
          h("td", {}, "/" + s.prefix),
          h("td", {}, fmt(s.usable)),
          h("td", {}, s.fits_nodes === null ? "" : fmt(s.fits_nodes) + " nodes"),
          h("td", {}, s.cidr ? h("code", {}, s.cidr) : "no room"),
          h("td", {}, s.work, " ", sourceLink(params, model, s.formula))))))));
      parts.push(h(hn, {}, "Ranges outside the VNet"), h("div", { class: "atlas-table-wrap" }, h("table", { class: "atlas-plan-table" },
        h("thead", {}, h("tr", {}, ["Range", "Value", "How"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, res.ranges.map((r) => h("tr", { "data-range": r.id },
          h("th", { scope: "row" }, r.name),
          h("td", {}, h("code", {}, r.cidr)),
          h("td", {}, r.work, " ", r.formula ? sourceLink(params, model, r.formula) : null)))))));
    }
    result.replaceChildren(...parts);
    return res;
  }

  let last = null;
  function changed() {
    last = render();
    if (onChange) onChange(state, last);
  }

  last = render();
  return {
    get state() { return state; },
    get result() { return last; },
    // The designer calls this when the pod networking choice or the extra subnets change.
    update(newModel, newExtras) {
      model = newModel;
      if (newExtras) extras = newExtras;
      drawExtras();
      last = render();
      return last;
    },
  };
}

async function fetchJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(url + ": HTTP " + res.status);
  return res.json();
}
export { fetchJson };

// /tools/ip-planner/: the planner on its own, with a model picker and extra-subnet boxes.
export async function mount(el) {
  const params = await fetchJson(new URL(el.dataset.planSrc, location.href).href);
  const q = new URLSearchParams(location.search);
  let model = q.get("model") && params.models[q.get("model")] ? q.get("model") : params.default_model;
  const state = readState(location.search, params, model);
  const id = nextId("model");
  const select = h("select", { id }, params.model_order.map((mid) => h("option", { value: mid, selected: mid === model }, params.models[mid].name)));
  const host = h("div");
  const write = () => {
    const pairs = [["model", model], ...stateQuery(state, true)];
    history.replaceState(history.state, "", location.pathname + "?" + pairs.map(([k, v]) => k + "=" + enc(v)).join("&") + location.hash);
  };
  el.replaceChildren(h("div", { class: "atlas-field" }, h("label", { for: id }, "Pod networking"), select), host);
  const planner = createPlanner(host, { params, state, model, extras: null, onChange: write, headingLevel: 2 });
  select.addEventListener("change", () => {
    model = select.value;
    planner.update(model);
    write();
  });
}
