// Which network resources a design deploys around the cluster (data/network.yaml, shipped as
// `network` in api/design.json), with the IP plan's ranges and the references between them
// resolved for each output. Mirrors generator/features/design/network.py; tests/test_js_cores.py
// compares the files both write. No DOM here.

const KINDS = ["bicep", "terraform"];

// A resource id as a Terraform label and shell variable stem; a Bicep symbol.
export const label = (rid) => rid.replace(/-/g, "_");
export function symbol(name) {
  const [head, ...rest] = name.replace(/-/g, "_").split("_");
  return head + rest.map((w) => w.slice(0, 1).toUpperCase() + w.slice(1)).join("");
}

// The resources this design deploys: every `with` option chosen, and the plan's subnet when one
// is named (nothing without a plan).
export function deployed(net, chosen, values) {
  if (!values) return [];
  return net.resources.filter((r) => r.with.every((o) => chosen.includes(o)) && (r.subnet === null || r.subnet in values.subnets));
}

function ref(res, kind) {
  if (kind === "bicep") return { expr: symbol(res.id) + ".id" };
  if (kind === "terraform") return { expr: res.terraform.type + "." + label(res.id) + ".id" };
  return { param: label(res.id) + "_id" };
}

const DROP = Symbol("drop");
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// One data value in `kind` (DROP when it refers to a resource not deployed).
function value(v, kind, byId, values) {
  if (Array.isArray(v)) {
    const out = v.map((x) => value(x, kind, byId, values));
    return out.includes(DROP) ? DROP : out;
  }
  if (!isObject(v)) return v;
  if ("role" in v) return roleValue(values.roles[v.role], kind);
  if ("plan" in v) return planRange(v, values);
  if ("ref" in v) {
    const target = byId[v.ref];
    const usable = target !== undefined && (kind !== "az" ? target[kind] : target.az.some((s) => s.query));
    return usable ? ref(target, kind) : DROP;
  }
  return v;
}

// A role as `kind` names it: Bicep by its definition ID, Terraform and az by its name.
function roleValue(role, kind) {
  if (kind === "bicep") return { expr: "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '" + role.definition + "')" };
  return role.name;
}

// A range of the plan: a subnet's IPv4 range, joined by its IPv6 one per `ipv6` (network.py:_plan).
function planRange(v, values) {
  if (v.plan === "vnet") return values.vnet;
  const v4 = values.subnets[v.plan];
  const v6 = (values.subnets6 || {})[v.plan];
  if (v.ipv6 === "add") return v6 ? [v4, v6] : [v4];
  if (v.ipv6 === "only") return v6 ? [v4, v6] : DROP;
  if (v.ipv6 === "none") return v6 ? DROP : v4;
  return v4;
}

function pairsOf(items, kind, byId, values) {
  const out = [];
  for (const [key, v] of items) {
    const resolved = value(v, kind, byId, values);
    if (resolved !== DROP) out.push([key, resolved]);
  }
  return out;
}

// The roles the cluster identity gets on `r`: Network Contributor with `role` (named for the
// resource alone), each grant whose options are chosen (named for the resource and the role).
function rolesOf(net, r, chosen) {
  const roles = Object.fromEntries(net.roles.map((x) => [x.id, { name: x.name, definition: x.definition }]));
  const out = r.role ? [[r.id, roles["network-contributor"]]] : [];
  for (const g of r.grants) {
    if (g.with.every((o) => chosen.includes(o)) && !(r.role && g.role === "network-contributor")) out.push([r.id + "-" + g.role, roles[g.role]]);
  }
  return out;
}

function usedParameters(net, out) {
  const seen = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v) && "param" in v) seen.add(v.param);
  };
  for (const item of [...out.bicep, ...out.terraform, ...out.az]) walk(item.pairs.map((p) => p[1]));
  return net.parameters.map((p) => p.id).filter((id) => seen.has(id));
}

// Each output's resources, roles and parameters for a design (`values`: planValues()).
export function resolve(net, chosen, values) {
  const found = deployed(net, chosen, values);
  const byId = Object.fromEntries(found.map((r) => [r.id, r]));
  const vals = { ...(values || {}), roles: Object.fromEntries(net.roles.map((x) => [x.id, x])) };
  const out = { bicep: [], terraform: [], az: [], roles: [], wait: [], requires: [] };
  for (const r of found) {
    for (const kind of KINDS) {
      const form = r[kind];
      if (!form) continue;
      const pairs = pairsOf(form.set, kind, byId, vals);
      const after = form.after.filter((a) => byId[a] && byId[a].bicep).map((a) => ({ expr: symbol(a) }));
      if (after.length) pairs.push(["dependsOn", after]);
      out[kind].push({ id: r.id, type: form.type, pairs });
    }
    for (const step of r.az) {
      out.az.push({ command: step.command, pairs: pairsOf(step.set, "az", byId, vals), query: step.query,
        var: step.query ? step.var || label(r.id).toUpperCase() + "_ID" : null, rg: step.resource_group, after: r.after_cluster });
    }
    for (const [id, role] of rolesOf(net, r, chosen)) out.roles.push({ id, role, bicep: ref(r, "bicep"), terraform: ref(r, "terraform"), az: ref(r, "az") });
    if (r.before_cluster) out.wait.push({ id: r.id, type: r.terraform.type });
    if (r.requires && !out.requires.includes(r.requires)) out.requires.push(r.requires);
  }
  out.provides = Object.fromEntries(found.filter((r) => r.provides).map((r) => [r.provides, { bicep: ref(r, "bicep"), terraform: ref(r, "terraform"), az: ref(r, "az") }]));
  out.parameters = usedParameters(net, out);
  return out;
}
