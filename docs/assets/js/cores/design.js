// The network designer's logic: which rules apply to a design (one option per category), its
// lifecycle warnings, the merged az/Bicep/Terraform settings, the single changes that settle a
// finding, and the Markdown decision record. It mirrors generator/features/design/evaluate.py;
// tests/test_js_cores.py compares the two under Node. What a rule kind means (its verb, and its
// severity in a design) and the severity labels come from `data.vocab` (api/design.json), the
// table generator/core/vocab.py also reads. No DOM here.
import { azCommand, bicep, terraform } from "./snippets.js";
import { fmt } from "./addresses.js";

export function categories(data) {
  return data.layers.flatMap((l) => l.categories.map((c) => ({ ...c, layer: l })));
}

// Every rule that applies to the design, worst first (severity rank, then rule order).
export function evaluate(data, choices) {
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

// The az command, Bicep and Terraform text of a design, and the merged settings behind them.
export function texts(data, choices) {
  const c = combine(data, choices);
  return { az: azCommand(data.az_prefix, c.az), bicep: bicep(c.bicep), terraform: terraform(c.terraform), combined: c };
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

// Which single change settles a finding without adding an error: for an error, up to three
// options per category involved; for a tip, the recommended option itself.
export function fixesFor(data, choices, finding) {
  const out = [];
  const errorsOf = (design) => evaluate(data, design).filter((f) => f.severity === "error");
  const before = new Set(errorsOf(choices).map((f) => f.rule));
  for (const cat of finding.change) {
    const c = categories(data).find((x) => x.id === cat);
    let n = 0;
    for (const oid of c.options) {
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

function recordDecision(data, cats, choices, az) {
  const L = ["## Decision", "", "| Decision | Choice | Status |", "|---|---|---|"];
  for (const c of cats) {
    const o = data.options[choices[c.id]];
    L.push("| " + c.name + " | " + o.name + " | " + o.status.label + " |");
  }
  L.push("", "```bash", az, "```", "");
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
  for (const s of planResult.subnets) L.push("- " + s.name + ": " + (s.addresses === null ? "fixed size" : fmt(s.addresses) + " addresses") + ", /" + s.prefix + (s.cidr ? " at " + s.cidr : ""));
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

export function decisionRecord(data, choices, planResult, url, today) {
  const cats = categories(data);
  const found = evaluate(data, choices);
  return [
    "# Decision record: AKS cluster networking", "", "- Status: Proposed", "- Date: " + today, "- Design: <" + url + ">", "",
    ...recordContext(data, cats, found),
    ...recordOptions(data, cats, choices),
    ...recordDecision(data, cats, choices, texts(data, choices).az),
    ...recordConsequences(data, cats, choices, found),
    ...recordPlan(planResult),
    ...recordSources(data, cats, choices, found),
  ].join("\n") + "\n";
}
