// The IP planner's calculation: a port of generator/features/ipplan/calc.py (the reference),
// split into the same steps under the same names (readInputs, checkRanges, checkService,
// checkNodeLimit, sizeSubnets, sizeRanges, layOut, advise). tests/test_js_cores.py runs both
// over a grid of inputs under Node and requires identical JSON, so keep the checks, their
// order and their messages in step with the Python. No DOM here: pages, Node and tests import it.
// Every number comes from `params` (api/ipplan.json), read from the knowledge base.

import { fmt, parseIp, ipStr, range, parseCidr, overlap, ceilDiv, sum, smallestPrefix, bitsFor, nodesInPrefix, blocksPerNode, podIpsPerNode } from "./addresses.js";
import { parseCidr6, overlap6, firstFree6 } from "./ipv6.js";

export { fmt, parseIp, ipStr, parseCidr, smallestPrefix, bitsFor, nodesInPrefix, blocksPerNode, podIpsPerNode };

// --- inputs -----------------------------------------------------------------------------------

// ASCII whitespace only, as in calc.py (trim() and Python's strip() differ on a few characters).
const text = (v) => (v === undefined || v === null ? "" : String(v).replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, ""));
export { text as clean };

function words(value) {
  const items = Array.isArray(value) ? value : [value];
  const out = [];
  for (const item of items) for (const w of text(item).split(/[ \t\n\r\f\v,]+/)) if (w) out.push(w);
  return out;
}

const msg = (code, message, formula = null) => ({ code, message, formula });

function whole(raw, label, lo, hi, errors, what) {
  const t = text(raw);
  if (!/^[0-9]+$/.test(t) || parseInt(t, 10) < lo || parseInt(t, 10) > hi) {
    errors.push(msg("input", label + ": " + what + " must be a whole number from " + fmt(lo) + " to " + fmt(hi) + " (got '" + t + "')"));
    return null;
  }
  return parseInt(t, 10);
}

function empty(modelId, errors, family = "") {
  return { model: modelId, family, ok: false, errors, warnings: [], nodes: 0, surge: 0, subnets: [], ranges: [], vnet: [], vnet6: [] };
}

function readPools(params, model, rawPools, errors) {
  const pools = [];
  if (!rawPools.length) errors.push(msg("input", "Node pools: add at least one node pool"));
  rawPools.forEach((raw, i) => {
    const label = "Node pool " + (i + 1);
    const nodes = whole(raw.nodes, label, 0, params.input_max, errors, "nodes");
    const surge = whole(raw.surge, label, 0, params.input_max, errors, "max surge");
    const podsText = text(raw.max_pods);
    let pods = null;
    if (!/^[0-9]+$/.test(podsText) || parseInt(podsText, 10) < model.min_pods || parseInt(podsText, 10) > model.max_pods) {
      errors.push(msg("input", label + ": max pods must be a whole number from " + fmt(model.min_pods) + " to " + fmt(model.max_pods) + " with " + model.name + " (got '" + podsText + "')", "max-pods"));
    } else {
      pods = parseInt(podsText, 10);
    }
    if (nodes !== null && surge !== null && pods !== null) pools.push({ nodes, surge, max_pods: pods, total: nodes + surge });
  });
  if (rawPools.length && pools.length === rawPools.length && sum(pools.map((p) => p.nodes)) === 0) {
    errors.push(msg("input", "Node pools: the cluster needs at least one node"));
  }
  return pools;
}

function cidrs(value, label, errors) {
  const out = [];
  for (const w of words(value)) {
    const [rng, problem] = parseCidr(w);
    if (problem) errors.push(msg("input", label + ": " + problem));
    else out.push(rng);
  }
  return out;
}

// Exactly one range, or an error with `missing` as its message.
function oneCidr(value, label, missing, errors) {
  const found = words(value);
  if (found.length !== 1) {
    errors.push(msg("input", missing));
    return null;
  }
  const parsed = cidrs(found, label, errors);
  return parsed.length ? parsed[0] : null;
}

// 1. Inputs: every problem at once, then stop (numbers from bad inputs would mislead).
// In a `dual` plan the in-use ranges written with a colon are IPv6 ones (readIpv6).
export function readInputs(params, model, inputs, dual = false) {
  const errors = [];
  const pools = readPools(params, model, inputs.pools || [], errors);
  const vnet = cidrs(inputs.vnet, "VNet address space", errors);
  if (!words(inputs.vnet).length) errors.push(msg("input", "VNet address space: give at least one CIDR range"));
  const inUse = cidrs(words(inputs.in_use).filter((w) => !(dual && w.includes(":"))), "In-use ranges", errors);
  const service = oneCidr(inputs.service_cidr, "Service CIDR", "Service CIDR: give exactly one CIDR range", errors);
  const dnsText = text(inputs.dns_ip);
  const dns = parseIp(dnsText);
  if (dns === null) errors.push(msg("input", "DNS service IP: '" + dnsText + "' is not an IPv4 address such as 10.0.0.10"));
  const pod = model.pod_cidr ? oneCidr(inputs.pod_cidr, "Pod CIDR", "Pod CIDR: " + model.name + " needs exactly one pod CIDR range", errors) : null;
  return { errors, pools, vnet, inUse, service, dns, pod };
}

// --- the checks (each adds to ctx.errors / ctx.warnings) ----------------------------------------

// 2. Reserved ranges and overlaps between the ranges the user gave.
export function checkRanges(ctx) {
  const { params, vnet, inUse, pod, service, errors } = ctx;
  const named = vnet.map((r) => ["VNet address space " + r.cidr, r]);
  if (pod) named.push(["Pod CIDR " + pod.cidr, pod]);
  named.push(["Service CIDR " + service.cidr, service]);
  for (const [label, rng] of named) {
    for (const t of params.reserved_ranges) {
      if (overlap(rng, parseCidr(t)[0])) errors.push(msg("reserved-range", label + " overlaps " + t + ", which AKS reserves; no cluster range may use it", "reserved-ranges"));
    }
  }
  vnet.forEach((a, i) => {
    for (const b of vnet.slice(i + 1)) if (overlap(a, b)) errors.push(msg("overlap", "VNet address spaces " + a.cidr + " and " + b.cidr + " overlap"));
  });
  for (const a of vnet) for (const b of inUse) if (overlap(a, b)) errors.push(msg("overlap", "VNet address space " + a.cidr + " overlaps the in-use range " + b.cidr));
  const others = vnet.map((r) => ["VNet address space " + r.cidr, r]).concat(inUse.map((r) => ["in-use range " + r.cidr, r]));
  if (pod) {
    for (const [label, rng] of others.concat([["service CIDR " + service.cidr, service]])) {
      if (overlap(pod, rng)) errors.push(msg("overlap", "Pod CIDR " + pod.cidr + " overlaps the " + label, ctx.model.pod_cidr_formula ?? null));
    }
  }
  for (const [label, rng] of others) {
    if (overlap(service, rng)) errors.push(msg("overlap", "Service CIDR " + service.cidr + " overlaps the " + label, "service-cidr"));
  }
}

// 3. Service CIDR and DNS service IP.
export function checkService(ctx) {
  const { service, dns, errors } = ctx;
  const smp = ctx.params.service_max_prefix;
  if (service.prefix <= smp) {
    errors.push(msg("service-cidr", "Service CIDR " + service.cidr + " is too large: it must be smaller than /" + smp + " (a /" + (smp + 1) + " or longer prefix)", "service-cidr"));
  }
  if (!(service.start <= dns && dns <= service.end)) {
    errors.push(msg("dns-service-ip", "DNS service IP " + ipStr(dns) + " is outside the service CIDR " + service.cidr, "dns-service-ip"));
  } else if (dns === service.start) {
    errors.push(msg("dns-service-ip", "DNS service IP " + ipStr(dns) + " is the first address of the service CIDR, which the kubernetes service takes; pick another address in " + service.cidr, "dns-service-ip"));
  }
}

// 4. The model's node limit (surge nodes exist during upgrades, so they count as a warning).
export function checkNodeLimit(ctx) {
  const { model, nodes, total } = ctx;
  if (nodes > model.max_nodes) {
    ctx.errors.push(msg("max-nodes", model.name + " supports at most " + fmt(model.max_nodes) + " nodes; the node pools have " + fmt(nodes), "max-nodes"));
  } else if (total > model.max_nodes) {
    ctx.warnings.push(msg("max-nodes", "With surge the node pools reach " + fmt(total) + " nodes during upgrades, above the " + fmt(model.max_nodes) + " that " + model.name + " supports", "max-nodes"));
  }
}

// --- 5. what each subnet and range needs ---------------------------------------------------------

function nodeSubnet(ctx, perPool) {
  const { model, pools, total } = ctx;
  if (model.kind === "flat") {
    const need = sum(pools.map((p) => p.total + p.total * p.max_pods));
    const work = pools.map((p, i) => perPool[i] + " + " + perPool[i] + " × " + p.max_pods).join(" + ") + " = " + fmt(need);
    return { id: "nodes", name: "Node subnet (nodes and pods)", addresses: need, formula: "node-subnet-flat", work };
  }
  return { id: "nodes", name: "Node subnet", addresses: total, formula: "node-subnet", work: perPool.join(" + ") + " = " + fmt(total) };
}

function podSubnet(ctx, perPool) {
  const { model, pools } = ctx;
  const need = sum(pools.map((p) => p.total * podIpsPerNode(model, p.max_pods)));
  let terms;
  let formula;
  if (model.kind === "pod-subnet-blocks") {
    const step = model.block;
    formula = "static-pod-subnet";
    terms = pools.map((p, i) => perPool[i] + " × ⌈(" + p.max_pods + " + " + model.node_reserved + ") ÷ " + step + "⌉ × " + step);
  } else {
    const step = model.batch;
    formula = "dynamic-pod-subnet";
    terms = pools.map((p, i) => perPool[i] + " × ⌈" + p.max_pods + " ÷ " + step + "⌉ × " + step);
  }
  return { id: "pods", name: "Pod subnet", addresses: need, formula, work: terms.join(" + ") + " = " + fmt(need) };
}

function extraSubnet(extra) {
  return {
    id: extra.id, name: extra.name, addresses: extra.addresses, formula: extra.formula,
    work: (extra.addresses ? "at least " + fmt(extra.addresses) + " addresses; " : "") + "a /" + extra.prefix + (extra.or_larger ? " or larger" : ""),
  };
}

// The prefix a subnet gets, its usable addresses and how many nodes it fits.
function sizeOne(ctx, s, fixed, orLarger) {
  const { params, model, pools, errors } = ctx;
  const reserved = params.subnet_reserved;
  let prefix = s.addresses !== null ? smallestPrefix(s.addresses, reserved) : fixed;
  if (fixed !== null && prefix !== null) prefix = orLarger ? Math.min(prefix, fixed) : fixed;
  if (prefix === null) {
    errors.push(msg("too-large", "The " + s.name.toLowerCase() + " needs " + fmt(s.addresses) + " addresses, more than any IPv4 subnet holds", s.formula));
    prefix = 0;
  }
  s.prefix = prefix;
  s.usable = Math.max(0, 2 ** (32 - prefix) - reserved);
  s.cidr = null;
  s.cidr6 = null; // the node subnet's IPv6 /64 in a dual-stack plan (layOut6)
  if (s.id === "nodes") s.fits_nodes = nodesInPrefix(params, ctx.modelId, prefix, ctx.topPods);
  else if (s.id === "pods") s.fits_nodes = Math.floor(s.usable / Math.max(...pools.map((p) => podIpsPerNode(model, p.max_pods))));
  else s.fits_nodes = null;
  if (s.id === "pods" && prefix < model.largest_pod_subnet) {
    errors.push(msg("pod-subnet-size", "The pod subnet needs a /" + prefix + ", larger than the /" + model.largest_pod_subnet + " that " + model.name + " allows", s.formula));
  }
  return s;
}

// 5a. The subnets in the VNet: nodes, pods (models with a pod subnet), the extras asked for.
export function sizeSubnets(ctx, inputs) {
  const wanted = [[nodeSubnet(ctx, ctx.perPool), null, false]];
  if (ctx.model.kind === "pod-subnet-batches" || ctx.model.kind === "pod-subnet-blocks") wanted.push([podSubnet(ctx, ctx.perPool), null, false]);
  for (const extra of ctx.params.extras) {
    if (inputs[extra.id + "_subnet"]) wanted.push([extraSubnet(extra), extra.prefix ?? null, !!extra.or_larger]);
  }
  return wanted.map(([s, fixed, orLarger]) => sizeOne(ctx, s, fixed, orLarger));
}

// 5b. The ranges outside the VNet: pod CIDR, service CIDR, DNS service IP.
export function sizeRanges(ctx) {
  const { model, pod, service, dns, total, perPool } = ctx;
  const ranges = [];
  if (model.kind === "per-node-prefix" && pod) {
    const np = model.node_prefix;
    const available = pod.prefix <= np ? 2 ** (np - pod.prefix) : 0;
    const needed = np - bitsFor(total);
    ranges.push({
      id: "pod-cidr", name: "Pod CIDR", cidr: pod.cidr, blocks: total, available, prefix: needed,
      formula: model.pod_cidr_formula ?? null, work: perPool.join(" + ") + " = " + fmt(total) + " blocks of /" + np + " → a /" + needed + " or larger",
    });
    if (available < total) {
      ctx.errors.push(msg("pod-cidr-size", "Pod CIDR " + pod.cidr + " holds " + fmt(available) + " blocks of /" + np + ", one per node, but the node pools need " + fmt(total) + " with surge: use a /" + needed + " or larger", model.pod_cidr_formula ?? null));
    }
  } else if (pod) {
    ranges.push({ id: "pod-cidr", name: "Pod CIDR", cidr: pod.cidr, blocks: null, available: null, prefix: null, formula: null, work: "your CNI plugin assigns pod addresses from this range" });
  }
  ranges.push({ id: "service-cidr", name: "Service CIDR", cidr: service.cidr, blocks: null, available: service.size, prefix: null, formula: "service-cidr", work: "smaller than /" + ctx.params.service_max_prefix + "; outside the VNet and every connected network" });
  ranges.push({ id: "dns-service-ip", name: "DNS service IP", cidr: ipStr(dns), blocks: null, available: null, prefix: null, formula: "dns-service-ip", work: "inside the service CIDR, not its first address" });
  return ranges;
}

// --- 6. layout, 7. advice ----------------------------------------------------------------------

// The first free aligned range of `prefix` in one address space, or null.
function firstFree(space, prefix, blocked) {
  const size = 2 ** (32 - prefix);
  let cand = ceilDiv(space.start, size) * size;
  while (cand + size - 1 <= space.end) {
    const trial = range(cand, prefix);
    const hit = blocked.find((b) => overlap(trial, b));
    if (!hit) return trial;
    cand = ceilDiv(hit.end + 1, size) * size;
  }
  return null;
}

// 6. Layout: largest subnet first, each aligned on its size, avoiding every other range.
export function layOut(ctx, subnets) {
  const { params, vnet, service, pod, inUse } = ctx;
  // A service or pod range overlapping the VNet is already an error (step 2), not a network in the
  // VNet: lay the subnets out as if it were moved (calc.py:lay_out).
  const virtual = [service, pod].filter((r) => r && !vnet.some((v) => overlap(r, v)));
  const blocked = params.reserved_ranges.map((t) => parseCidr(t)[0]).concat(virtual, inUse);
  const order = subnets.slice().sort((a, b) => a.prefix - b.prefix); // stable, like Python's sorted()
  for (const s of order) {
    for (const space of vnet) {
      const placed = firstFree(space, s.prefix, blocked);
      if (placed) {
        s.cidr = placed.cidr;
        blocked.push(placed);
        break;
      }
    }
    if (s.cidr === null) ctx.errors.push(msg("no-room", "The VNet address space has no free /" + s.prefix + " left for the " + s.name.toLowerCase(), s.formula));
  }
}

// 7. Advice that does not block the plan.
export function advise(ctx) {
  const { model, pools } = ctx;
  if (model.kind !== "pod-subnet-blocks") return;
  pools.forEach((p, i) => {
    const blocks = blocksPerNode(model, p.max_pods);
    const spare = blocks * model.block - model.node_reserved - p.max_pods;
    if (spare) {
      const best = blocks * model.block - model.node_reserved;
      ctx.warnings.push(msg("block-waste", "Node pool " + (i + 1) + ": max pods " + p.max_pods + " takes " + blocks + " blocks of " + model.block + " per node and leaves " + spare + (spare === 1 ? " address" : " addresses") + " unused; max pods " + best + " uses the same blocks", "static-pod-subnet"));
    }
  });
}

// --- the IPv6 half of a dual-stack plan (generator/features/ipplan/dual.py) ------------------------

// The IP family option the plan is for (the default one when none is given), and whether it is dual-stack.
export function readFamily(params, inputs, errors) {
  const fid = text(inputs.ip_family) || params.default_family || "";
  const family = Object.prototype.hasOwnProperty.call(params.families, fid) ? params.families[fid] : null;
  if (fid && !family) errors.push(msg("input", "IP family: unknown option '" + fid + "' (choose one of: " + params.family_order.join(", ") + ")"));
  return [fid, !!(family && family.dual)];
}

// Dual-stack needs a pod networking model whose dual-stack cell says yes.
export function checkModel(params, model, errors) {
  if (model.dual_stack === "yes") return;
  const fix = params.model_order.filter((o) => params.models[o].dual_stack === "yes").map((o) => params.models[o].name + " for pod networking");
  const single = params.family_order.filter((f) => !params.families[f].dual).map((f) => params.families[f].name + " as the IP family");
  errors.push(msg("ip-family", "Dual-stack needs pod networking that supports it, and " + model.name + "'s support is '" + (model.dual_stack || "unknown") + "': choose " + fix.concat(single).join(" or "), "dual-stack"));
}

function one6(value, label, errors) {
  const found = words(value);
  if (found.length !== 1) {
    errors.push(msg("input", label + ": give exactly one IPv6 CIDR range"));
    return null;
  }
  const [rng, problem] = parseCidr6(found[0]);
  if (problem) errors.push(msg("input", label + ": " + problem));
  return rng;
}

// The IPv6 inputs: the VNet's IPv6 address space, the pod and service CIDRs.
export function readIpv6(inputs, errors) {
  const vnet6 = [];
  for (const w of words(inputs.vnet6)) {
    const [rng, problem] = parseCidr6(w);
    if (problem) errors.push(msg("input", "IPv6 VNet address space: " + problem));
    else vnet6.push(rng);
  }
  if (!words(inputs.vnet6).length) errors.push(msg("input", "IPv6 VNet address space: give at least one IPv6 CIDR range"));
  const inUse6 = [];
  for (const w of words(inputs.in_use).filter((x) => x.includes(":"))) {
    const [rng, problem] = parseCidr6(w);
    if (problem) errors.push(msg("input", "In-use ranges: " + problem));
    else inUse6.push(rng);
  }
  const pod6 = one6(inputs.pod_cidr6, "IPv6 pod CIDR", errors);
  const service6 = one6(inputs.service_cidr6, "IPv6 service CIDR", errors);
  return { vnet6, inUse6, pod6, service6 };
}

// The IPv6 service CIDR's size; no overlap between the IPv6 VNet, pod and service ranges.
export function checkIpv6(params, g, errors) {
  const { vnet6, pod6, service6 } = g;
  const most = params.service6_min_prefix;
  if (service6.prefix < most) errors.push(msg("service-cidr", "IPv6 service CIDR " + service6.cidr + " is too large: it can be no larger than /" + most + " (a /" + most + " or longer prefix)", "ipv6-service-cidr"));
  vnet6.forEach((a, i) => {
    for (const b of vnet6.slice(i + 1)) if (overlap6(a, b)) errors.push(msg("overlap", "IPv6 VNet address spaces " + a.cidr + " and " + b.cidr + " overlap"));
  });
  for (const a of vnet6) for (const b of g.inUse6) if (overlap6(a, b)) errors.push(msg("overlap", "IPv6 VNet address space " + a.cidr + " overlaps the in-use range " + b.cidr));
  const named = vnet6.map((r) => ["IPv6 VNet address space " + r.cidr, r]).concat(g.inUse6.map((r) => ["in-use range " + r.cidr, r]));
  for (const [label, rng] of named.concat([["IPv6 service CIDR " + service6.cidr, service6]])) {
    if (overlap6(pod6, rng)) errors.push(msg("overlap", "IPv6 pod CIDR " + pod6.cidr + " overlaps the " + label, "ipv6-pod-cidr"));
  }
  for (const [label, rng] of named) {
    if (overlap6(service6, rng)) errors.push(msg("overlap", "IPv6 service CIDR " + service6.cidr + " overlaps the " + label, "ipv6-service-cidr"));
  }
}

// The node subnet's IPv6 /64: the first free one in the IPv6 VNet space, clear of the pod and service ranges.
export function layOut6(params, g, subnets, errors) {
  const prefix = params.subnet6_prefix;
  const blocked = [g.pod6, g.service6].filter((r) => !g.vnet6.some((v) => overlap6(r, v))).concat(g.inUse6);
  for (const s of subnets.filter((x) => x.id === "nodes")) {
    for (const space of g.vnet6) {
      const placed = firstFree6(space, prefix, blocked);
      if (placed) {
        s.cidr6 = placed.cidr;
        break;
      }
    }
    if (s.cidr6 === null) errors.push(msg("no-room", "The IPv6 VNet address space has no free /" + prefix + " left for the node subnet", "ipv6-subnet"));
  }
}

// The IPv6 ranges outside the VNet, after the IPv4 ones (the order --pod-cidrs and --service-cidrs take).
export function ranges6(params, g) {
  return [
    { id: "pod-cidr-ipv6", name: "IPv6 pod CIDR", cidr: g.pod6.cidr, blocks: null, available: null, prefix: null, formula: "ipv6-pod-cidr",
      work: "the second of --pod-cidrs; no per-node IPv6 block is documented, so the IPv4 pod CIDR bounds the nodes" },
    { id: "service-cidr-ipv6", name: "IPv6 service CIDR", cidr: g.service6.cidr, blocks: null, available: null, prefix: null, formula: "ipv6-service-cidr",
      work: "a /" + params.service6_min_prefix + " or smaller; outside the VNet; the DNS service IP stays IPv4" },
  ];
}

// --- the plan ------------------------------------------------------------------------------------

export function plan(params, inputs) {
  const modelId = text(inputs.model);
  const model = Object.prototype.hasOwnProperty.call(params.models, modelId) ? params.models[modelId] : null;
  if (!model) {
    return empty(modelId, [msg("input", "Pod networking: unknown model '" + modelId + "' (choose one of: " + params.model_order.join(", ") + ")")]);
  }
  const early = [];
  const [family, isDual] = readFamily(params, inputs, early);
  const input = readInputs(params, model, inputs, isDual);
  const errors = early.concat(input.errors);
  const g6 = isDual ? readIpv6(inputs, errors) : null;
  if (isDual) checkModel(params, model, errors);
  if (errors.length) return empty(modelId, errors, family);
  const { pools } = input;
  const nodes = sum(pools.map((p) => p.nodes));
  const surge = sum(pools.map((p) => p.surge));
  const ctx = {
    ...input, errors, params, model, modelId, warnings: [], nodes, surge, total: nodes + surge,
    topPods: Math.max(...pools.map((p) => p.max_pods)), perPool: pools.map((p) => "(" + p.nodes + " + " + p.surge + ")"),
  };
  checkRanges(ctx);
  checkService(ctx);
  if (g6) checkIpv6(params, g6, errors);
  checkNodeLimit(ctx);
  const subnets = sizeSubnets(ctx, inputs);
  const ranges = sizeRanges(ctx);
  layOut(ctx, subnets);
  if (g6) {
    layOut6(params, g6, subnets, errors);
    ranges.push(...ranges6(params, g6));
  }
  advise(ctx);
  const { warnings } = ctx;
  return {
    model: modelId, family, ok: !errors.length, errors, warnings, nodes, surge, subnets, ranges,
    vnet: ctx.vnet.map((r) => r.cidr), vnet6: g6 ? g6.vnet6.map((r) => r.cidr) : [],
  };
}
