// The audit of an existing cluster, DOM-free: the pasted JSON -> clusters (parse), the option in
// every category with the fields it was read from (detect), what is retiring or broken
// (findings), the target design and the ordered migration steps (plan), and the Markdown runbook.
// It mirrors generator/features/migrate (cluster, detect, findings, plan, fill, audit, report);
// tests/test_js_cores.py holds the two to the same output over the cluster fixtures. Data comes
// from api/migrate.json; lifecycle states are refined by `today` from the dated changes it carries.
import { evaluate } from "./design.js";

export const MAX_BYTES = 5000000;
const TYPE = "microsoft.containerservice/managedclusters";
const MARKERS = ["agentPoolProfiles", "networkProfile", "kubernetesVersion"];
const MAX_MOVES = 30;

export class InputError extends Error {}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function key(d, name) {
  const low = name.toLowerCase();
  for (const [k, v] of Object.entries(d)) if (k.toLowerCase() === low) return v;
  return undefined;
}

function one(doc) {
  if (!isObj(doc)) throw new InputError("the JSON is not an object: paste the output of az aks show -g RG -n NAME -o json");
  const kind = String(key(doc, "type") ?? "");
  let props = key(doc, "properties");
  const shape = isObj(props) ? "arm" : "az";
  props = isObj(props) ? props : doc;
  if (kind.toLowerCase() !== TYPE && !MARKERS.some((m) => key(props, m) !== undefined && key(props, m) !== null)) {
    const what = kind ? "a resource of type '" + kind + "'" : "JSON without agentPoolProfiles or networkProfile";
    throw new InputError("this is " + what + ", not an AKS managed cluster");
  }
  const id = String(key(doc, "id") ?? "");
  const m = /\/resourceGroups\/([^/]+)\//i.exec(id);
  const group = String(key(doc, "resourceGroup") ?? "") || (m ? m[1] : "");
  return { name: String(key(doc, "name") ?? ""), resource_group: group, id, shape, properties: props };
}

// Every cluster in `text` (one, or several for az aks list), or an InputError saying why not.
export function parse(text) {
  if (new TextEncoder().encode(text).length > MAX_BYTES) {
    throw new InputError("the text is larger than " + MAX_BYTES / 1000000 + " MB; paste one cluster's JSON");
  }
  if (!text.trim()) throw new InputError("nothing to read: paste the output of az aks show -g RG -n NAME -o json");
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError("not JSON: " + err.message);
  }
  const listed = isObj(doc) ? key(doc, "value") : doc; // az aks list, or the ARM list response
  if (!Array.isArray(listed)) return [one(doc)];
  if (!listed.length) throw new InputError("an empty list: no clusters to read");
  return listed.map(one);
}

// --- detect -------------------------------------------------------------------------------------

// Every value at `path` ("a.b[].c": any item of the list b); keys match in any case.
export function values(props, path) {
  let found = [props];
  for (const part of path.split(".")) {
    const name = part.replace(/\[[0-9]*\]$/, "");
    const many = part.endsWith("]");
    const step = [];
    for (const node of found) {
      if (!isObj(node)) continue;
      const hit = Object.entries(node).find(([k]) => k.toLowerCase() === name.toLowerCase());
      if (!hit) continue;
      if (many) step.push(...(Array.isArray(hit[1]) ? hit[1] : []));
      else step.push(hit[1]);
    }
    found = step;
  }
  return found;
}

function same(a, b) {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (isObj(a) || Array.isArray(a)) return false;
  return typeof a === typeof b && a === b;
}

const isSet = (v) => v !== null && v !== undefined && v !== "" &&
  !(Array.isArray(v) && !v.length) && !(isObj(v) && !Object.keys(v).length);

export function holds(props, t) {
  const found = values(props, t.path);
  if (t.present !== undefined && t.present !== null) return found.some(isSet) === t.present;
  if (t.one_of && t.one_of.length) return found.some((v) => t.one_of.some((w) => same(v, w)));
  if (t.none_of && t.none_of.length) return !found.some((v) => t.none_of.some((w) => same(v, w)));
  return found.some((v) => same(v, t.equals ?? null));
}

const fieldsOf = (props, tests) => tests.map((t) => ({ path: t.path, values: values(props, t.path) }));

export function detect(data, props) {
  const out = {};
  for (const cat of data.detect) {
    let hits = cat.entries.filter((e) => e.tests.every((t) => holds(props, t)));
    if (!cat.multiple) hits = hits.slice(0, 1);
    out[cat.category] = hits.map((e) => ({ option: e.option, fields: fieldsOf(props, e.tests), note: e.note }));
    if (!hits.length && cat.otherwise) {
      const read = [...new Set(cat.entries.flatMap((e) => e.tests.map((t) => t.path)))].sort();
      out[cat.category] = [{ option: cat.otherwise, fields: read.map((p) => ({ path: p, values: values(props, p) })), note: "", default: true }];
    }
  }
  return out;
}

export function unknownValues(data, props) {
  const out = new Set();
  for (const cat of data.detect) {
    const known = new Map();
    for (const e of cat.entries) {
      for (const t of e.tests) {
        if ((t.present === undefined || t.present === null) && !(t.none_of && t.none_of.length) && !t.path.includes("[")) {
          if (!known.has(t.path)) known.set(t.path, []);
          known.get(t.path).push(...(t.one_of && t.one_of.length ? t.one_of : [t.equals ?? null]));
        }
      }
    }
    for (const [path, allowed] of known) {
      for (const v of values(props, path)) {
        if (typeof v === "string" && v && !allowed.some((a) => same(v, a))) {
          out.add(path + " = '" + v + "' (" + cat.category + "): a value the atlas does not know");
        }
      }
    }
  }
  return [...out].sort();
}

export const facts = (data, props) => data.facts.filter((f) => f.tests.every((t) => holds(props, t))).map((f) => f.id);

// --- findings -------------------------------------------------------------------------------------

export function poolsOf(props, osType = null) {
  return values(props, "agentPoolProfiles[]").filter(isObj)
    .filter((p) => osType === null || values(p, "osType").some((v) => String(v).toLowerCase() === osType.toLowerCase()))
    .map((p) => (values(p, "name").length ? String(values(p, "name")[0]) : "?"));
}

// An option's standing on `today`: the build date's, moved on by the dated changes that passed.
export function stateOn(opt, today) {
  let st = { level: opt.level, date: opt.date, scoped: opt.scoped };
  for (const [day, level, , scoped, date] of opt.later) if (day <= today) st = { level, date, scoped };
  return st;
}

const ACTION = ["retiring", "retired"];

export function lifecycleFindings(data, chosen, props, today) {
  const out = [];
  for (const oid of chosen) {
    const opt = data.options[oid];
    const st = stateOn(opt, today);
    const later = opt.later.filter(([day]) => day > today).map((x) => x.slice(0, 3));
    const base = { option: oid, name: opt.name, later, note: opt.note };
    if (ACTION.includes(st.level)) out.push({ ...base, level: st.level, date: st.date, scope: null, pools: poolsOf(props) });
    for (const [scope, level, date] of st.scoped) {
      const pools = poolsOf(props, scope);
      if (ACTION.includes(level) && pools.length) out.push({ ...base, level, date, scope, pools });
    }
  }
  return out;
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function ruleFindings(data, found) {
  const first = {};
  for (const [cat, ids] of Object.entries(found)) if (ids.length) first[cat] = ids[0];
  const designs = [first];
  for (const [cat, ids] of Object.entries(found)) for (const oid of ids.slice(1)) designs.push({ ...first, [cat]: oid });
  const seen = new Map();
  for (const design of designs) {
    for (const f of evaluate(data, design)) {
      if ((f.severity === "error" || f.severity === "warning") && !seen.has(f.rule)) seen.set(f.rule, f);
    }
  }
  return [...seen.values()].sort((x, y) => cmp(x.severity !== "error", y.severity !== "error") || cmp(x.rule, y.rule));
}

// --- plan -----------------------------------------------------------------------------------------

export function known(cluster) {
  const subnets = values(cluster.properties, "agentPoolProfiles[].vnetSubnetID").filter(Boolean).map(String);
  const out = { rg: cluster.resource_group, cluster: cluster.name, "cluster-id": cluster.id };
  if (subnets.length) {
    out["node-subnet-id"] = subnets[0];
    const i = subnets[0].lastIndexOf("/subnets/");
    out["vnet-id"] = i >= 0 ? subnets[0].slice(0, i) : subnets[0];
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v));
}

const quoted = (v) => (/^[A-Za-z0-9_./:@=<>-]+$/.test(String(v)) ? String(v) : "'" + String(v).replace(/'/g, "'\\''") + "'");
export const fill = (text, given) => text.replace(/<([a-z0-9-]+)>/g, (m, k) => (k in given ? quoted(given[k]) : m));
const unfilled = (text) => text.match(/<[a-z0-9-]+>/g) || [];

const migration = (data, a, b) => data.options[a].migrations.find((g) => g.to === b) || null;
const blocked = (g, fs) => g.blocked_by.some((f) => fs.has(f));

export function path(data, a, b, fs) {
  const back = new Map([[a, null]]);
  const queue = [a];
  while (queue.length) {
    const here = queue.shift();
    if (here === b) {
      const out = [b];
      while (back.get(out[out.length - 1]) !== null) out.push(back.get(out[out.length - 1]));
      return out.reverse();
    }
    for (const g of data.options[here].migrations) {
      if (!back.has(g.to) && !blocked(g, fs)) {
        back.set(g.to, here);
        queue.push(g.to);
      }
    }
  }
  return null;
}

export function replacement(data, oid, fs, today) {
  const opt = data.options[oid];
  if (opt.superseded_by) return opt.superseded_by;
  const ok = opt.migrations.filter((g) => !blocked(g, fs) && ["ga", "preview"].includes(stateOn(data.options[g.to], today).level)).map((g) => g.to);
  const rank = (g) => [stateOn(data.options[g], today).level !== "ga", !data.options[g].tags.includes("recommended")];
  let best = null;
  for (const g of ok) {
    if (best === null) best = g;
    else {
      const [a, b] = [rank(g), rank(best)];
      if (cmp(a[0], b[0]) < 0 || (a[0] === b[0] && cmp(a[1], b[1]) < 0)) best = g;
    }
  }
  return best;
}

const errorsOf = (data, state) => new Set(evaluate(data, state).filter((f) => f.severity === "error").map((f) => f.rule));

function steps(g, held, given) {
  const out = [];
  for (const s of g.steps) {
    let item;
    if (typeof s === "string") {
      const span = /`(az [^`]+)`/.exec(s);
      item = { do: fill(s, given), kind: "step", command: span ? fill(span[1], given) : null, reimages: false, downtime: false };
    } else if (!s.when.length || s.when.some((w) => held.has(w))) {
      item = { do: fill(s.do, given), kind: s.kind, command: s.command ? fill(s.command, given) : null, reimages: s.reimages, downtime: s.downtime };
    } else continue;
    item.supply = [...new Set(unfilled(item.command || ""))].sort();
    out.push(item);
  }
  return out;
}

function move(data, state, fs, a, b, given) {
  const g = migration(data, a, b);
  const held = new Set([...Object.values(state), ...fs]);
  return {
    category: data.options[a].category, from: a, to: b, how: g.how, one_way: g.one_way, also: [...g.also],
    requires: g.requires, summary: g.summary.trim(), steps: steps(g, held, given), sources: g.sources,
    page: data.options[a].page + "#migrate-to-" + b,
  };
}

export function plan(data, current, target, fs, given) {
  const state = { ...current };
  // Only categories the cluster's JSON told us about: nothing is planned from a guess.
  const order = data.order.filter((c) => c in target && c in state);
  const moves = [];
  const unreachable = [];
  const atCreation = [];
  const apply = (a, b) => {
    moves.push(move(data, state, fs, a, b, given));
    const g = migration(data, a, b);
    state[data.options[a].category] = b;
    for (const other of g ? g.also : []) state[data.options[other].category] = other;
  };
  const hop = (cat, goal) => {
    const p = path(data, state[cat], goal, fs);
    return p && p.length > 1 ? [p[0], p[1]] : null;
  };
  while (moves.length < MAX_MOVES) {
    const stuck = new Set(unreachable.map((u) => u.category));
    const pending = order.filter((c) => state[c] !== target[c] && !stuck.has(c));
    if (!pending.length) break;
    const ready = [];
    for (const cat of pending) {
      let first = hop(cat, target[cat]);
      if (first === null) {
        unreachable.push({ category: cat, from: state[cat], to: target[cat] });
        continue;
      }
      const g = migration(data, ...first);
      const need = (g ? g.needs : []).find((n) => state[data.options[n].category] !== n);
      if (need !== undefined) {
        first = hop(data.options[need].category, need);
        if (first === null) {
          unreachable.push({ category: cat, from: state[cat], to: target[cat], needs: need });
          continue;
        }
      }
      ready.push(first);
    }
    if (!ready.length) break;
    const rebuild = ready.find((r) => migration(data, ...r).how === "rebuild");
    if (rebuild) {
      apply(...rebuild);
      atCreation.push(...order.filter((c) => state[c] !== target[c]).map((c) => ({ category: c, from: state[c], to: target[c] })));
      for (const c of order) state[c] = target[c];
      unreachable.length = 0;
      break;
    }
    const before = errorsOf(data, state);
    const calm = ready.filter((r) => [...errorsOf(data, { ...state, [data.options[r[0]].category]: r[1] })].every((e) => before.has(e)));
    apply(...(calm.length ? calm : ready)[0]);
  }
  const design = atCreation.length || moves.some((mv) => mv.how === "rebuild") ? order.map((c) => c + "=" + target[c]).join("&") : "";
  return { moves, unreachable, at_creation: atCreation, design, final: state };
}

// --- the whole audit --------------------------------------------------------------------------------

export function targets(data, current, found, fs, asked, today) {
  const out = { ...current };
  for (const item of found) {
    const oid = item.option;
    const cat = data.options[oid].category;
    const next = current[cat] === oid ? replacement(data, oid, fs, today) : null;
    if (next) {
      out[cat] = next;
      const g = migration(data, oid, next);
      for (const o of g ? g.also : []) out[data.options[o].category] = o;
    }
  }
  return { ...out, ...asked };
}

export function audit(data, cluster, asked = {}, today = data.on) {
  const props = cluster.properties;
  const detected = detect(data, props);
  const options = Object.fromEntries(Object.entries(detected).map(([c, hits]) => [c, hits.map((h) => h.option)]));
  const current = Object.fromEntries(Object.entries(options).filter(([, ids]) => ids.length).map(([c, ids]) => [c, ids[0]]));
  const fs = new Set(facts(data, props));
  const chosen = Object.values(options).flat();
  const lifecycle = lifecycleFindings(data, chosen, props, today);
  const rules = ruleFindings(data, options);
  const target = targets(data, current, lifecycle, fs, asked, today);
  const given = known(cluster);
  const result = plan(data, current, target, fs, given);
  for (const [cat, ids] of Object.entries(options)) {
    for (const oid of ids.slice(1)) {
      const next = lifecycle.some((x) => x.option === oid) ? replacement(data, oid, fs, today) : null;
      if (next) result.moves.push(...plan(data, { [cat]: oid }, { [cat]: next }, fs, given).moves);
    }
  }
  return {
    cluster: { name: cluster.name, resource_group: cluster.resource_group, id: cluster.id, shape: cluster.shape, pools: poolsOf(props) },
    options: Object.fromEntries(Object.entries(options).map(([c, ids]) => [c, ids.length === 1 ? ids[0] : ids])),
    detected,
    facts: [...fs].sort(),
    unknown: unknownValues(data, props),
    findings: [...lifecycle, ...rules.map((r) => ({ rule: r.rule, severity: r.severity, text: r.text, a: r.a, b: r.b }))],
    target,
    plan: result,
  };
}

export const exitCode = (r) => (r.findings.some((x) => x.level || x.severity === "error") ? 1 : 0);

// --- the runbook -----------------------------------------------------------------------------------

function shown(found) {
  if (!found.length || found[0] === null || found[0] === undefined) return "not set";
  return typeof found[0] === "string" ? found[0] : JSON.stringify(found[0]);
}

function findingLine(f) {
  if ("rule" in f) return "- " + f.severity + ": " + f.text + " (rule `" + f.rule + "`)";
  const scope = f.scope ? " on " + f.scope + " pools (" + f.pools.join(", ") + ")" : "";
  return "- " + f.name + scope + ": " + f.level + (f.date ? ", end of support " + f.date : "");
}

function moveLines(data, i, mv) {
  const flags = [data.how[mv.how]];
  if (mv.one_way) flags.push("one-way");
  if (mv.steps.some((s) => s.reimages)) flags.push("reimages every node pool");
  if (mv.steps.some((s) => s.downtime)) flags.push("downtime");
  const out = ["### " + i + ". " + data.options[mv.from].name + " → " + data.options[mv.to].name + " (" + flags.join("; ") + ")", ""];
  if (mv.requires) out.push("Needs the Azure CLI extension `" + mv.requires + "`.", "");
  mv.steps.forEach((s, n) => {
    const kind = s.kind !== "step" && s.kind !== "change" ? "**" + s.kind + "**: " : "";
    out.push(n + 1 + ". " + kind + s.do);
    if (s.command && !s.do.includes("`" + s.command + "`")) out.push("", "   ```sh", "   " + s.command, "   ```");
  });
  out.push("", "Sources: " + mv.sources.map((s) => "[" + s.title + "](" + s.url + ")").join(", "), "");
  return out;
}

export function runbook(data, r) {
  const c = r.cluster;
  const lines = ["# Migration runbook: " + (c.name || "cluster") + " (" + (c.resource_group || "resource group unknown") + ")", ""];
  lines.push("## Options found", "");
  for (const [cat, hits] of Object.entries(r.detected)) {
    for (const h of hits) {
      const where = h.fields.map((x) => "`" + x.path + "` = " + shown(x.values)).join(", ");
      lines.push("- " + data.categories[cat] + ": " + data.options[h.option].name + " (" + where + ")");
    }
  }
  if (!Object.values(r.detected).some((hits) => hits.length)) lines.push("- none");
  for (const [cat, name] of Object.entries(data.categories)) if (!(cat in r.detected)) lines.push("- " + name + ": " + data.unread);
  lines.push("", "## Findings", "");
  lines.push(...(r.findings.length ? r.findings.map(findingLine) : ["- nothing needs action"]));
  lines.push(...r.unknown.map((u) => "- not understood: " + u));
  lines.push("", "## Plan", "");
  const moves = r.plan.moves;
  if (!moves.length && !r.plan.unreachable.length) lines.push("No change: the target is the cluster as it is.", "");
  moves.forEach((mv, i) => lines.push(...moveLines(data, i + 1, mv)));
  if (r.plan.design) {
    lines.push("### Settings of the new cluster", "");
    for (const x of r.plan.at_creation) {
      lines.push("- " + data.categories[x.category] + ": " + data.options[x.to].name + " (was " + data.options[x.from].name + ")");
    }
    lines.push("- Design it in the atlas's designer with `?" + r.plan.design + "`.", "");
  }
  for (const u of r.plan.unreachable) {
    lines.push("- No documented path from " + data.options[u.from].name + " to " + data.options[u.to].name + ".", "");
  }
  return lines.join("\n").replace(/\s+$/, "") + "\n";
}
