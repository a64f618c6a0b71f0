// The network designer's logic: which rules apply to a design (one option per category), its
// lifecycle warnings, the merged az/Bicep/Terraform settings, the single changes that settle a
// finding, and the Markdown decision record. It mirrors generator/features/design/evaluate.py;
// tests/test_js_cores.py compares the two under Node. What a rule kind means (its verb, and its
// severity in a design) and the severity labels come from `data.vocab` (api/design.json), the
// table generator/core/vocab.py also reads. No DOM here.
import { designAz, designBicep, designTerraform } from "./snippets.js";
import { fmt, parseCidr, range } from "./addresses.js";
import { plan, clean } from "./ipplan.js";
import { resolve } from "./network.js";

export function categories(data) {
  return data.layers.flatMap((l) => l.categories.map((c) => ({ ...c, layer: l })));
}

// Every rule that applies to the design, worst first (severity rank, then rule order). A tip is
// left out when taking it would add an error or caveat the design does not have.
export function evaluate(data, choices) {
  const found = rules(data, choices);
  return found.filter((f) => f.severity !== "tip" || tipHolds(data, choices, f, found));
}

const BAD = ["error", "warning"];

function tipHolds(data, choices, tip, found) {
  const b = data.options[tip.b];
  const before = new Set(found.filter((f) => BAD.includes(f.severity)).map((f) => f.rule));
  const after = rules(data, { ...choices, [b.category]: b.id });
  return !after.some((f) => BAD.includes(f.severity) && !before.has(f.rule));
}

function rules(data, choices) {
  const { rule_kinds: kinds, severities } = data.vocab;
  const chosen = new Set(Object.values(choices));
  const found = [];
  data.rules.forEach((rule, i) => {
    const a = data.options[rule.a];
    const b = data.options[rule.b];
    const meaning = kinds[rule.kind];
    if (!a || !b || !meaning || !chosen.has(rule.a)) return;
    const d = chosen.has(rule.b) ? meaning.both : meaning.only_a;
    if (!d) return;
    const change = d.change.map((end) => data.options[rule[end]].category);
    found.push({ rule: rule.id, kind: rule.kind, severity: d.severity, a: rule.a, b: rule.b, text: a.name + " " + meaning.verb + " " + b.name, change, order: i });
  });
  found.sort((x, y) => severities[x.severity].rank - severities[y.severity].rank || x.order - y.order);
  for (const f of found) delete f.order;
  return found;
}

export const severityLabel = (data, severity) => data.vocab.severities[severity].label;

// The chosen options that are not generally available.
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

// The chosen options' settings merged in data.merge_order: each flag or property once; a
// different second value is reported in `overridden` (placeholders stand for the same thing).
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

// --- what a design deploys (generator/features/design/deploy.py) ------------------------------------

// The IP plan of a design: the planner inputs with the model and extra subnets from the choices
// (null when the pod networking choice has no planner model).
export function designPlan(params, choices, inputs) {
  const chosen = Object.values(choices);
  const model = chosen.find((oid) => params.models[oid]);
  if (!model) return null;
  const full = { ...inputs, model };
  const family = chosen.find((oid) => Object.prototype.hasOwnProperty.call(params.families, oid));
  if (family !== undefined) full.ip_family = family;
  for (const e of params.extras) full[e.id + "_subnet"] = chosen.includes(e.option);
  return plan(params, full);
}

// The values the deployment takes from a plan without errors.
export function planValues(inputs, result) {
  if (!result || !result.ok) return null;
  const ranges = Object.fromEntries(result.ranges.map((r) => [r.id, r.cidr]));
  const dual = "pod-cidr-ipv6" in ranges;
  const first = inputs.pools[0];
  const subnets = Object.fromEntries(result.subnets.filter((s) => s.cidr).map((s) => [s.id, s.cidr]));
  return {
    node_count: parseInt(clean(first.nodes), 10),
    max_pods: parseInt(clean(first.max_pods), 10),
    pod_cidr: ranges["pod-cidr"] ?? null,
    service_cidr: ranges["service-cidr"] ?? null,
    dns_ip: ranges["dns-service-ip"] ?? null,
    pod_cidrs: dual ? [ranges["pod-cidr"] ?? null, ranges["pod-cidr-ipv6"]] : null,
    service_cidrs: dual ? [ranges["service-cidr"] ?? null, ranges["service-cidr-ipv6"]] : null,
    egress_sources: ["nodes", "pods"].filter((k) => k in subnets).map((k) => subnets[k]),
    vnet: [...result.vnet, ...result.vnet6],
    subnets,
    subnets6: Object.fromEntries(result.subnets.filter((s) => s.cidr6).map((s) => [s.id, s.cidr6])),
    pools: inputs.pools.slice(1).map((p, i) => ({ name: "pool" + (i + 2), nodes: parseInt(clean(p.nodes), 10), max_pods: parseInt(clean(p.max_pods), 10) })),
  };
}

const KINDS = ["az", "bicep", "terraform"];

// combine() with the plan's values and the parameters applied (deploy.apply).
export function settings(data, choices, values, given = {}) {
  const c = combine(data, choices);
  mergeVariants(data, choices, given, c);
  dropExamples(data, choices, c);
  const out = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.map((e) => ({ ...e }))]));
  // Bicep of options whose az commands need aks-preview: the pinned GA API version rejects it.
  out.bicep = out.bicep.filter((e) => !data.options[e.option].select.requires);
  planSubnets(data, out, values, Object.values(choices));
  for (const s of values ? data.deploy.plan : []) {
    for (const kind of KINDS) {
      let value = values[s.value];
      if (value !== null && s.replaces) {
        const old = data.deploy.plan.find((p) => p.value === s.replaces)[kind];
        out[kind] = out[kind].filter((e) => e.key !== old);
      }
      if (kind === "az" && Array.isArray(value)) value = value.join(",");
      const hit = out[kind].find((e) => e.key === s[kind]);
      if (hit && value !== null) hit.value = value;
      else if (!hit && value !== null && !s.only_if_set) out[kind].push({ key: s[kind], value, option: null, why: "From the IP plan." });
    }
  }
  const used = [];
  const chosen = Object.values(choices);
  for (const p of data.deploy.parameters) {
    let kinds = KINDS.filter((k) => p[k] && out[k].some((e) => e.key === p[k]));
    if (p.placeholder_only) kinds = kinds.filter((k) => out[k].some((e) => e.key === p[k] && placeholder(e.value)));
    if (!kinds.length) continue;
    if (p.only_with && !chosen.includes(p.only_with)) {
      for (const kind of kinds) out[kind] = out[kind].filter((e) => e.key !== p[kind]);
      continue;
    }
    used.push(p.id);
    const origin = out[kinds[0]].find((e) => e.key === p[kinds[0]]);
    for (const kind of KINDS) {
      if (!p[kind]) continue;
      let hit = out[kind].find((e) => e.key === p[kind]);
      if (!hit) {
        hit = { key: p[kind], value: null, option: origin.option, why: "" };
        out[kind].push(hit);
      }
      hit.value = { param: p.id };
    }
  }
  // What no parameter stands for is optional in the data (a variant's subdomain): never a placeholder.
  for (const kind of KINDS) out[kind] = out[kind].filter((e) => !placeholder(e.value));
  out.parameters = used;
  const extra = inputEntries(data, choices, given);
  for (const kind of KINDS) out[kind].push(...extra[kind]);
  return out;
}

// The first range of `cidr`'s size in the managed VNet's space after its node subnet (deploy.managed_cidr).
function managedCidr(s, cidr) {
  const prefix = parseInt(cidr.split("/")[1], 10);
  const space = parseCidr(s.space || "")[0];
  const taken = parseCidr(s.taken || "")[0];
  if (!space || !taken) return null;
  const size = 2 ** (32 - prefix);
  const start = Math.ceil((taken.end + 1) / size) * size;
  return start + size - 1 <= space.end ? range(start, prefix).cidr : null;
}

// With Bring your own VNet the key of the subnet ID parameter, else a range in the managed VNet in
// place of an option's example range; without a plan range the entry goes (deploy._plan_subnets).
function planSubnets(data, out, values, chosen) {
  for (const s of data.deploy.plan_subnets) {
    let cidr = ((values && values.subnets) || {})[s.subnet];
    if (cidr && !chosen.includes(s.byo)) cidr = managedCidr(s, cidr);
    const param = data.deploy.parameters.find((p) => p.id === s.param);
    for (const kind of KINDS) {
      for (const e of out[kind].filter((x) => x.key === s[kind])) {
        if (chosen.includes(s.byo) && cidr) Object.assign(e, { key: param[kind], value: { param: param.id } });
        else if (cidr) e.value = cidr;
        else out[kind].splice(out[kind].indexOf(e), 1);
      }
    }
  }
}

// --- the user's own values for an option (generator/features/design/option_inputs.py) ----------------

// The inputs of the chosen options that have a value (trimmed).
function usedInputs(data, choices, given) {
  const chosen = Object.values(choices);
  const out = {};
  for (const item of data.deploy.inputs) {
    const raw = String((given && given[item.id]) || "").trim();
    if (raw && chosen.includes(item.option)) out[item.id] = raw;
  }
  return out;
}

// An integer: a whole number in bounds and a multiple; a name: matches the input's pattern.
export function validInput(item, raw) {
  if (item.kind === "variant") return item.choices.some((c) => c.id === raw);
  if (item.kind === "name") return new RegExp("^(?:" + item.pattern + ")$").test(raw);
  if (!/^[0-9]+$/.test(raw)) return false;
  const n = parseInt(raw, 10);
  return n >= item.min && n <= item.max && n % item.multiple === 0;
}

function inputMessage(item, raw) {
  if (item.kind === "variant") return item.label + ": “" + raw + "” is not one of " + item.choices.map((c) => c.id).join(", ") + ".";
  if (item.kind === "name") return item.label + ": “" + raw + "” is not a valid name (" + item.rule + ").";
  const step = item.multiple > 1 ? ", a multiple of " + item.multiple : "";
  return item.label + ": “" + raw + "” is not a whole number from " + item.min + " to " + item.max + step + ".";
}

// A value that does not fit its input, and fixed ports the plan's nodes need more of than the IPs give.
export function inputProblems(data, choices, given, result) {
  const values = usedInputs(data, choices, given);
  const out = data.deploy.inputs.filter((item) => values[item.id] !== undefined && !validInput(item, values[item.id])).map((item) => inputMessage(item, values[item.id]));
  const ports = values["lb-ports"];
  const per = data.deploy.ports_per_ip;
  if (!out.length && ports && per && result && result.ok) {
    const ips = parseInt(values["lb-ips"] || "1", 10);
    const nodes = result.nodes + result.surge;
    if (parseInt(ports, 10) * nodes > ips * per) {
      out.push(ports + " outbound ports per node for " + nodes + " nodes (with surge) need " + parseInt(ports, 10) * nodes + " SNAT ports; " + ips + " outbound IP(s) give " + ips * per + ". Add IPs or lower the ports.");
    }
  }
  return out;
}

// A chosen option's select entries at the key of one of its inputs: its examples, never the user's.
function dropExamples(data, choices, settings) {
  const chosen = Object.values(choices);
  for (const item of data.deploy.inputs) {
    if (!chosen.includes(item.option) || item.kind === "variant") continue;
    for (const kind of KINDS) settings[kind] = settings[kind].filter((e) => e.key !== item[kind]);
  }
}

// The variant each chosen option's variant input picks: the given one when valid, else the first.
export function pickedVariants(data, choices, given) {
  const values = usedInputs(data, choices, given);
  const chosen = Object.values(choices);
  return data.deploy.inputs.filter((item) => item.kind === "variant" && chosen.includes(item.option) && item.choices.length)
    .map((item) => ({ ...(item.choices.find((c) => c.id === (values[item.id] || "")) || item.choices[0]), input: item }));
}

// The picked variants' select data: in place of the option's entry at the same key, or added.
function mergeVariants(data, choices, given, settings) {
  for (const v of pickedVariants(data, choices, given)) {
    for (const kind of KINDS) {
      for (const entry of v.select[kind]) {
        const hit = settings[kind].find((e) => e.key === entry.key);
        if (hit) Object.assign(hit, { value: entry.value, why: entry.why });
        else settings[kind].push({ ...entry, option: v.input.option });
      }
    }
  }
}

// The settings the inputs add, per output (valid values only).
export function inputEntries(data, choices, given) {
  const values = usedInputs(data, choices, given);
  const chosen = Object.values(choices);
  const out = { az: [], bicep: [], terraform: [] };
  for (const item of data.deploy.inputs) {
    const raw = values[item.id] ?? (chosen.includes(item.option) ? item.default : null);
    if (raw === undefined || raw === null || item.kind === "variant" || !validInput(item, raw)) continue;
    const value = item.kind === "name" ? raw : parseInt(raw, 10);
    for (const kind of KINDS) out[kind].push({ key: item[kind], value, option: item.option, why: item.label });
  }
  return out;
}

// Why nothing is deployed: the design's errors, then the IP plan's (empty: show the files).
export function blockers(data, choices, result, given = {}) {
  const out = evaluate(data, choices).filter((f) => f.severity === "error").map((f) => f.text);
  if (result && !result.ok) for (const e of result.errors) out.push(e.message);
  return out.concat(inputProblems(data, choices, given, result));
}

// The pre-flight checklist of a design, with the IP plan's ranges filled in (deploy.checklist).
export function checklist(data, choices, result, values) {
  const chosen = Object.values(choices);
  const cidrs = Object.fromEntries(((result && result.subnets) || []).filter((s) => s.cidr).map((s) => [s.id, s.cidr]));
  const out = [];
  for (const item of data.deploy.checklist) {
    if (item.if !== null && !chosen.includes(item.if)) continue;
    const text = item.text.replace(/\{subnet:([a-z]+)\}/g, (_, id) => (id in cidrs ? " (" + cidrs[id] + ")" : ""))
      .replace("{node_count}", values ? String(values.node_count) : "your");
    out.push(text);
  }
  return out;
}

// The outbound rules a firewall must allow for this design (deploy.egress_rules), and those the
// Bicep and Terraform write (deploy.firewall_rules).
const EGRESS_FIELDS = ["id", "kind", "destinations", "protocol", "port", "why", "required", "condition", "sources"];

export function egressRules(data, choices) {
  const chosen = Object.values(choices);
  if (!data.egress.shown_on.some((o) => chosen.includes(o))) return [];
  return data.egress.rules
    .filter((r) => (!r.needed_with.length || r.needed_with.some((o) => chosen.includes(o))) && !r.not_needed_with.some((o) => chosen.includes(o)))
    .map((r) => Object.fromEntries(EGRESS_FIELDS.map((k) => [k, r[k]])));
}

export function firewallRules(data, rules) {
  return rules.filter((r) => r.required && !r.destinations.some((d) => d.replace(data.deploy.region.placeholder, "").includes("<")));
}

// The CLI extensions the design's az command needs (deploy.requires).
export function requires(data, choices) {
  const out = [];
  for (const c of categories(data)) {
    const opt = data.options[choices[c.id]];
    if (opt && opt.select.az.length && opt.select.requires && !out.includes(opt.select.requires)) out.push(opt.select.requires);
  }
  return out;
}

// Chosen options whose az flags have no Bicep or Terraform form, and chosen previews.
export function unexpressed(data, choices) {
  const out = { bicep: [], terraform: [] };
  const paramFlags = new Set(data.deploy.parameters.map((p) => p.az));
  for (const c of categories(data)) {
    const opt = data.options[choices[c.id]];
    if (!opt) continue;
    const flags = opt.select.az.map((f) => f.key).filter((f) => !paramFlags.has(f)).join(" ");
    // With no az flag (set on node pools after creation), name the Bicep properties Terraform lacks.
    const props = opt.select.bicep.map((p) => p.key.split(".").slice(-2).join(".")).join(", ");
    for (const kind of ["bicep", "terraform"]) {
      const what = flags || (kind === "terraform" ? props : "");
      if (what && !opt.select[kind].length) out[kind].push(opt.name + ": no property here for " + what + "; see the option's page.");
    }
    if (opt.select.requires && opt.select.bicep.length) {
      const props = opt.select.bicep.map((p) => p.key.split(".").pop()).join(", ");
      out.bicep.push(opt.name + ": " + props + " need a preview API version, not " + data.deploy.api_version + "; not set here.");
    }
    if (opt.status.level === "preview") {
      out.bicep.push(opt.name + " is in preview: it may need a preview API version.");
      out.terraform.push(opt.name + " is in preview: the azurerm provider may not support it yet.");
    }
  }
  return out;
}

// The az script, Bicep file and Terraform configuration of a design, and the settings behind them.
export function texts(data, choices, values, given = {}) {
  const s = settings(data, choices, values, given);
  const d = data.deploy;
  const picked = pickedVariants(data, choices, given).map((v) => v.id);
  const net = resolve(data.network, Object.values(choices).concat(picked), values);
  const spec = {
    entries: s, parameters: s.parameters, table: d.parameters.concat(data.network.parameters), net,
    pools: values ? values.pools : [], identity: s.parameters.includes("identity_id"), notes: unexpressed(data, choices),
    egress: firewallRules(data, egressRules(data, choices)), sources: values && values.egress_sources.length ? values.egress_sources : ["*"],
    api: d.api_version, version: d.azurerm_version, base: d.base_parameters, region: d.region, prefix: data.az_prefix,
  };
  const needs = requires(data, choices);
  return {
    az: designAz(spec),
    bicep: designBicep(spec),
    terraform: designTerraform(spec),
    combined: s,
    requires: needs.concat(net.requires.filter((r) => !needs.includes(r))),
  };
}

// The design a query asks for (`query.get(categoryId)`), else the first preset, else each
// category's first option.
export function choicesFrom(query, data) {
  const preset = data.presets[0] ? data.presets[0].choices : {};
  const choices = {};
  for (const c of categories(data)) {
    const wanted = query.get(c.id);
    choices[c.id] = wanted && c.options.includes(wanted) ? wanted : preset[c.id] || c.options[0];
  }
  return choices;
}

// The order fixes are offered in: recommended and GA first, then GA, preview, the rest.
export function fixRank(opt) {
  const ga = opt.status.level === "ga" && !opt.status.later.length;
  return ga && opt.tags.includes("recommended") ? 0 : ga ? 1 : opt.status.level === "preview" ? 2 : 3;
}

// What is wrong with a design address (`query`: URLSearchParams), in words for the page: a
// parameter given twice (the first value is used) and an option id a category does not have (the
// design falls back as choicesFrom does). Ranges and counts are checked by the IP plan.
export function queryProblems(query, data) {
  const out = [];
  const counts = new Map();
  for (const [key] of query) counts.set(key, (counts.get(key) || 0) + 1);
  for (const [key, n] of counts) if (n > 1) out.push("The address gives “" + key + "” " + n + " times; the first value, “" + query.get(key) + "”, is used.");
  const choices = choicesFrom(query, data);
  for (const c of categories(data)) {
    const wanted = query.get(c.id);
    if (wanted !== null && !c.options.includes(wanted)) {
      out.push("“" + wanted + "” is not an option of " + c.name + " (" + c.options.join(", ") + "); the design uses " + data.options[choices[c.id]].name + " instead.");
    }
  }
  return out;
}

// Which single change settles a finding without adding an error: for an error, up to three
// options per category involved, best first (fixRank); for a tip, the recommended option itself.
export function fixesFor(data, choices, finding) {
  const out = [];
  const errorsOf = (design) => evaluate(data, design).filter((f) => f.severity === "error");
  const before = new Set(errorsOf(choices).map((f) => f.rule));
  for (const cat of finding.change) {
    const c = categories(data).find((x) => x.id === cat);
    let n = 0;
    const ranked = c.options.map((oid, i) => [fixRank(data.options[oid]), i, oid]).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((x) => x[2]);
    for (const oid of ranked) {
      if (oid === choices[cat] || n >= 3 || (finding.severity === "tip" && oid !== finding.b)) continue;
      const errs = errorsOf({ ...choices, [cat]: oid });
      if (errs.some((f) => f.rule === finding.rule || !before.has(f.rule))) continue;
      out.push({ cat: c, option: data.options[oid] });
      n += 1;
    }
  }
  return out;
}

// --- the decision record (Markdown) ----------------------------------------------------------------

function recordContext(data, cats, found) {
  const counts = ["error", "warning", "tip"].map((s) => found.filter((f) => f.severity === s).length);
  return ["## Context", "",
    "We need to decide how an Azure Kubernetes Service cluster is networked, one choice per decision: " + cats.map((c) => c.name).join("; ") + ".",
    "The combination below was checked against the AKS Networking Atlas compatibility rules: " + counts[0] + " error(s), " + counts[1] + " caveat(s), " + counts[2] + " tip(s).", ""];
}

function recordOptions(data, cats, choices) {
  const L = ["## Options considered", ""];
  for (const c of cats) {
    L.push("### " + c.name, "", "*" + c.question + "*", "");
    for (const oid of c.options) {
      const o = data.options[oid];
      L.push("- " + (oid === choices[c.id] ? "**" + o.name + "** (chosen)" : o.name) + " [" + o.status.label + "]: " + o.summary_md);
    }
    L.push("");
  }
  return L;
}

function recordDecision(data, cats, choices, az, given) {
  const L = ["## Decision", "", "| Decision | Choice | Status |", "|---|---|---|"];
  for (const c of cats) {
    const o = data.options[choices[c.id]];
    L.push("| " + c.name + " | " + o.name + " | " + o.status.label + " |");
  }
  // The variants the design's inputs pick (the private cluster's DNS mode), under their option.
  for (const v of pickedVariants(data, choices, given)) L.push("| " + v.input.label + " | " + v.name + " | " + data.options[v.input.option].name + " |");
  if (az === null) L.push("", "No command yet: the design or its IP plan has errors to settle first.", "");
  else L.push("", "```bash", az, "```", "");
  return L;
}

function recordConsequences(data, cats, choices, found) {
  const L = ["## Consequences", ""];
  const rule = (id) => data.rules.find((r) => r.id === id);
  for (const f of found.filter((x) => x.severity !== "ok")) {
    const r = rule(f.rule);
    L.push("- " + severityLabel(data, f.severity) + ": " + f.text + ". " + r.reason_md + " (" + r.sources.map((s) => (data.sources[s] || { url: s }).url).join(", ") + ")");
  }
  for (const l of lifecycle(data, choices)) L.push("- Lifecycle: " + data.options[l.option].name + " is " + l.label + ".");
  for (const c of cats) {
    const o = data.options[choices[c.id]];
    for (const con of o.cons) L.push("- " + o.name + ": " + con);
  }
  return L;
}

function recordPlan(planResult) {
  if (!planResult) return [];
  const L = ["", "IP plan (" + (planResult.ok ? "no errors" : planResult.errors.length + " error(s)") + "):", ""];
  for (const s of planResult.subnets) L.push("- " + s.name + ": " + (s.addresses === null ? "fixed size" : fmt(s.addresses) + " addresses") + ", /" + s.prefix + (s.cidr ? " at " + s.cidr : "") + (s.cidr6 ? " and " + s.cidr6 : ""));
  for (const r of planResult.ranges) L.push("- " + r.name + ": " + r.cidr);
  for (const e of planResult.errors) L.push("- Error: " + e.message);
  return L;
}

function recordSources(data, cats, choices, found) {
  const L = ["", "## Sources", ""];
  const cited = new Set();
  for (const c of cats) for (const s of data.options[choices[c.id]].sources) cited.add(s);
  for (const f of found) for (const s of data.rules.find((r) => r.id === f.rule).sources) cited.add(s);
  for (const sid of cited) if (data.sources[sid]) L.push("- [" + data.sources[sid].title + "](" + data.sources[sid].url + ")");
  return L;
}

// `values`: planValues() of the design's plan (null: the options' example values).
export function decisionRecord(data, choices, planResult, url, today, values = null, given = {}) {
  const cats = categories(data);
  const found = evaluate(data, choices);
  const az = blockers(data, choices, planResult, given).length ? null : texts(data, choices, values, given).az;
  return [
    "# Decision record: AKS cluster networking", "", "- Status: Proposed", "- Date: " + today, "- Design: <" + url + ">", "",
    ...recordContext(data, cats, found),
    ...recordOptions(data, cats, choices),
    ...recordDecision(data, cats, choices, az, given),
    ...recordConsequences(data, cats, choices, found),
    ...recordPlan(planResult),
    ...recordSources(data, cats, choices, found),
  ].join("\n") + "\n";
}
