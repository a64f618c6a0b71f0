// The IP planner's calculation: a line-by-line port of generator/ipplan.py (the reference).
// tests/test_ipplan.py runs both over a grid of inputs and requires identical JSON, so keep the
// checks, their order and their messages in step with the Python. No DOM access here: the
// pages (ip-planner.js, designer.js) import it, and so does the parity test.

const IP = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;
const POD_CIDR_FORMULA = { "azure-cni-overlay": "overlay-pod-cidr", kubenet: "kubenet-pod-cidr" };

export function fmt(n) {
  let s = String(n);
  let out = "";
  while (s.length > 3) {
    out = "," + s.slice(-3) + out;
    s = s.slice(0, -3);
  }
  return s + out;
}

export function parseIp(text) {
  const m = IP.exec(text);
  if (!m) return null;
  const parts = m.slice(1, 5).map((g) => parseInt(g, 10));
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
}

export function ipStr(n) {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join(".");
}

function range(start, prefix) {
  const size = 2 ** (32 - prefix);
  return { cidr: ipStr(start) + "/" + prefix, start, prefix, size, end: start + size - 1 };
}

export function parseCidr(text) {
  const slash = text.indexOf("/");
  const head = slash === -1 ? text : text.slice(0, slash);
  const tail = slash === -1 ? "" : text.slice(slash + 1);
  const start = parseIp(head);
  if (slash === -1 || start === null || !/^(0|[1-9][0-9]?)$/.test(tail) || parseInt(tail, 10) > 32) {
    return [null, "'" + text + "' is not an IPv4 CIDR range such as 10.0.0.0/16"];
  }
  const prefix = parseInt(tail, 10);
  const size = 2 ** (32 - prefix);
  if (start % size !== 0) {
    return [null, "'" + text + "' has host bits set: the range starts at " + ipStr(start - (start % size)) + "/" + prefix];
  }
  return [range(start, prefix), null];
}

const overlap = (a, b) => a.start <= b.end && b.start <= a.end;
const ceilDiv = (a, b) => Math.ceil(a / b);

export function smallestPrefix(addresses, reserved) {
  let prefix = 32;
  while (2 ** (32 - prefix) - reserved < addresses) {
    prefix -= 1;
    if (prefix < 0) return null;
  }
  return prefix;
}

export function bitsFor(count) {
  let bits = 0;
  while (2 ** bits < count) bits += 1;
  return bits;
}

export function nodesInPrefix(params, modelId, prefix, maxPods) {
  const usable = Math.max(0, 2 ** (32 - prefix) - params.subnet_reserved);
  if (params.models[modelId].kind === "flat") return Math.floor(usable / (1 + maxPods));
  return usable;
}

export function blocksPerNode(model, maxPods) {
  return ceilDiv(maxPods + model.node_reserved, model.block);
}

export function podIpsPerNode(model, maxPods) {
  if (model.kind === "pod-subnet-blocks") return blocksPerNode(model, maxPods) * model.block;
  return Math.max(1, ceilDiv(maxPods, model.batch)) * model.batch;
}

// ASCII whitespace only, as in ipplan.py (trim() and Python's strip() differ on a few characters).
const text = (v) => (v === undefined || v === null ? "" : String(v).replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, ""));

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

function empty(modelId, errors) {
  return { model: modelId, ok: false, errors, warnings: [], nodes: 0, surge: 0, subnets: [], ranges: [], vnet: [] };
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

export function plan(params, inputs) {
  const errors = [];
  const warnings = [];
  const modelId = text(inputs.model);
  const model = Object.prototype.hasOwnProperty.call(params.models, modelId) ? params.models[modelId] : null;
  if (!model) {
    return empty(modelId, [msg("input", "Pod networking: unknown model '" + modelId + "' (choose one of: " + params.model_order.join(", ") + ")")]);
  }
  const name = model.name;
  const reserved = params.subnet_reserved;

  // 1. Inputs: every problem at once, then stop.
  const pools = [];
  const rawPools = inputs.pools || [];
  if (!rawPools.length) errors.push(msg("input", "Node pools: add at least one node pool"));
  rawPools.forEach((raw, i) => {
    const label = "Node pool " + (i + 1);
    const nodes = whole(raw.nodes, label, 0, params.input_max, errors, "nodes");
    const surge = whole(raw.surge, label, 0, params.input_max, errors, "max surge");
    const podsText = text(raw.max_pods);
    let pods = null;
    if (!/^[0-9]+$/.test(podsText) || parseInt(podsText, 10) < model.min_pods || parseInt(podsText, 10) > model.max_pods) {
      errors.push(msg("input", label + ": max pods must be a whole number from " + fmt(model.min_pods) + " to " + fmt(model.max_pods) + " with " + name + " (got '" + podsText + "')", "max-pods"));
    } else {
      pods = parseInt(podsText, 10);
    }
    if (nodes !== null && surge !== null && pods !== null) pools.push({ nodes, surge, max_pods: pods, total: nodes + surge });
  });
  if (rawPools.length && pools.length === rawPools.length && sum(pools.map((p) => p.nodes)) === 0) {
    errors.push(msg("input", "Node pools: the cluster needs at least one node"));
  }

  function cidrs(value, label) {
    const out = [];
    for (const w of words(value)) {
      const [rng, problem] = parseCidr(w);
      if (problem) errors.push(msg("input", label + ": " + problem));
      else out.push(rng);
    }
    return out;
  }

  const vnet = cidrs(inputs.vnet, "VNet address space");
  if (!words(inputs.vnet).length) errors.push(msg("input", "VNet address space: give at least one CIDR range"));
  const inUse = cidrs(inputs.in_use, "In-use ranges");
  let service = null;
  const serviceWords = words(inputs.service_cidr);
  if (serviceWords.length !== 1) {
    errors.push(msg("input", "Service CIDR: give exactly one CIDR range"));
  } else {
    const found = cidrs(serviceWords, "Service CIDR");
    service = found.length ? found[0] : null;
  }
  const dnsText = text(inputs.dns_ip);
  const dns = parseIp(dnsText);
  if (dns === null) errors.push(msg("input", "DNS service IP: '" + dnsText + "' is not an IPv4 address such as 10.0.0.10"));
  let pod = null;
  if (model.pod_cidr) {
    const podWords = words(inputs.pod_cidr);
    if (podWords.length !== 1) {
      errors.push(msg("input", "Pod CIDR: " + name + " needs exactly one pod CIDR range"));
    } else {
      const found = cidrs(podWords, "Pod CIDR");
      pod = found.length ? found[0] : null;
    }
  }
  if (errors.length) return empty(modelId, errors);

  const nodes = sum(pools.map((p) => p.nodes));
  const surge = sum(pools.map((p) => p.surge));
  const total = nodes + surge;
  const topPods = Math.max(...pools.map((p) => p.max_pods));

  // 2. Reserved ranges and overlaps.
  const named = vnet.map((r) => ["VNet address space " + r.cidr, r]);
  if (pod) named.push(["Pod CIDR " + pod.cidr, pod]);
  named.push(["Service CIDR " + service.cidr, service]);
  for (const [label, rng] of named) {
    for (const t of params.reserved_ranges) {
      const res = parseCidr(t)[0];
      if (overlap(rng, res)) errors.push(msg("reserved-range", label + " overlaps " + t + ", which AKS reserves; no cluster range may use it", "reserved-ranges"));
    }
  }
  vnet.forEach((a, i) => {
    for (const b of vnet.slice(i + 1)) if (overlap(a, b)) errors.push(msg("overlap", "VNet address spaces " + a.cidr + " and " + b.cidr + " overlap"));
  });
  for (const a of vnet) for (const b of inUse) if (overlap(a, b)) errors.push(msg("overlap", "VNet address space " + a.cidr + " overlaps the in-use range " + b.cidr));
  const others = vnet.map((r) => ["VNet address space " + r.cidr, r]).concat(inUse.map((r) => ["in-use range " + r.cidr, r]));
  if (pod) {
    for (const [label, rng] of others.concat([["service CIDR " + service.cidr, service]])) {
      if (overlap(pod, rng)) errors.push(msg("overlap", "Pod CIDR " + pod.cidr + " overlaps the " + label, POD_CIDR_FORMULA[modelId] || null));
    }
  }
  for (const [label, rng] of others) {
    if (overlap(service, rng)) errors.push(msg("overlap", "Service CIDR " + service.cidr + " overlaps the " + label, "service-cidr"));
  }

  // 3. Service CIDR and DNS service IP.
  const smp = params.service_max_prefix;
  if (service.prefix <= smp) {
    errors.push(msg("service-cidr", "Service CIDR " + service.cidr + " is too large: it must be smaller than /" + smp + " (a /" + (smp + 1) + " or longer prefix)", "service-cidr"));
  }
  if (!(service.start <= dns && dns <= service.end)) {
    errors.push(msg("dns-service-ip", "DNS service IP " + ipStr(dns) + " is outside the service CIDR " + service.cidr, "dns-service-ip"));
  } else if (dns === service.start) {
    errors.push(msg("dns-service-ip", "DNS service IP " + ipStr(dns) + " is the first address of the service CIDR, which the kubernetes service takes; pick another address in " + service.cidr, "dns-service-ip"));
  }

  // 4. The model's node limit.
  if (nodes > model.max_nodes) {
    errors.push(msg("max-nodes", name + " supports at most " + fmt(model.max_nodes) + " nodes; the node pools have " + fmt(nodes), "max-nodes"));
  } else if (total > model.max_nodes) {
    warnings.push(msg("max-nodes", "With surge the node pools reach " + fmt(total) + " nodes during upgrades, above the " + fmt(model.max_nodes) + " that " + name + " supports", "max-nodes"));
  }

  // 5. What each subnet and range needs.
  const subnets = [];
  const ranges = [];
  const perPool = pools.map((p) => "(" + p.nodes + " + " + p.surge + ")");
  const kind = model.kind;
  if (kind === "flat") {
    const need = sum(pools.map((p) => p.total + p.total * p.max_pods));
    const work = pools.map((p, i) => perPool[i] + " + " + perPool[i] + " × " + p.max_pods).join(" + ") + " = " + fmt(need);
    subnets.push({ id: "nodes", name: "Node subnet (nodes and pods)", addresses: need, formula: "node-subnet-flat", work });
  } else {
    subnets.push({ id: "nodes", name: "Node subnet", addresses: total, formula: "node-subnet", work: perPool.join(" + ") + " = " + fmt(total) });
  }
  if (kind === "pod-subnet-batches" || kind === "pod-subnet-blocks") {
    const need = sum(pools.map((p) => p.total * podIpsPerNode(model, p.max_pods)));
    let terms;
    let formula;
    if (kind === "pod-subnet-blocks") {
      const step = model.block;
      formula = "static-pod-subnet";
      terms = pools.map((p, i) => perPool[i] + " × ⌈(" + p.max_pods + " + " + model.node_reserved + ") ÷ " + step + "⌉ × " + step);
    } else {
      const step = model.batch;
      formula = "dynamic-pod-subnet";
      terms = pools.map((p, i) => perPool[i] + " × ⌈" + p.max_pods + " ÷ " + step + "⌉ × " + step);
    }
    subnets.push({ id: "pods", name: "Pod subnet", addresses: need, formula, work: terms.join(" + ") + " = " + fmt(need) });
  }
  for (const extra of params.extras) {
    if (inputs[extra.id + "_subnet"]) {
      subnets.push({
        id: extra.id, name: extra.name, addresses: extra.addresses, fixed: extra.prefix, formula: extra.formula,
        work: (extra.addresses ? "at least " + fmt(extra.addresses) + " addresses; " : "") + "a /" + extra.prefix + (extra.id === "apiserver" ? " or larger" : ""),
      });
    }
  }
  for (const s of subnets) {
    const fixed = s.fixed === undefined ? null : s.fixed;
    delete s.fixed;
    let prefix = s.addresses !== null ? smallestPrefix(s.addresses, reserved) : fixed;
    if (fixed !== null && prefix !== null) prefix = s.id !== "apiserver" ? fixed : Math.min(prefix, fixed);
    if (prefix === null) {
      errors.push(msg("too-large", "The " + s.name.toLowerCase() + " needs " + fmt(s.addresses) + " addresses, more than any IPv4 subnet holds", s.formula));
      prefix = 0;
    }
    s.prefix = prefix;
    s.usable = Math.max(0, 2 ** (32 - prefix) - reserved);
    s.cidr = null;
    if (s.id === "nodes") s.fits_nodes = nodesInPrefix(params, modelId, prefix, topPods);
    else if (s.id === "pods") s.fits_nodes = Math.floor(s.usable / Math.max(...pools.map((p) => podIpsPerNode(model, p.max_pods))));
    else s.fits_nodes = null;
    if (s.id === "pods" && prefix < model.largest_pod_subnet) {
      errors.push(msg("pod-subnet-size", "The pod subnet needs a /" + prefix + ", larger than the /" + model.largest_pod_subnet + " that " + name + " allows", s.formula));
    }
  }

  if (kind === "per-node-prefix" && pod) {
    const np = model.node_prefix;
    const available = pod.prefix <= np ? 2 ** (np - pod.prefix) : 0;
    const needed = np - bitsFor(total);
    ranges.push({
      id: "pod-cidr", name: "Pod CIDR", cidr: pod.cidr, blocks: total, available, prefix: needed,
      formula: POD_CIDR_FORMULA[modelId], work: perPool.join(" + ") + " = " + fmt(total) + " blocks of /" + np + " → a /" + needed + " or larger",
    });
    if (available < total) {
      errors.push(msg("pod-cidr-size", "Pod CIDR " + pod.cidr + " holds " + fmt(available) + " blocks of /" + np + ", one per node, but the node pools need " + fmt(total) + " with surge: use a /" + needed + " or larger", POD_CIDR_FORMULA[modelId]));
    }
  } else if (pod) {
    ranges.push({ id: "pod-cidr", name: "Pod CIDR", cidr: pod.cidr, blocks: null, available: null, prefix: null, formula: null, work: "your CNI plugin assigns pod addresses from this range" });
  }
  ranges.push({ id: "service-cidr", name: "Service CIDR", cidr: service.cidr, blocks: null, available: service.size, prefix: null, formula: "service-cidr", work: "smaller than /" + smp + "; outside the VNet and every connected network" });
  ranges.push({ id: "dns-service-ip", name: "DNS service IP", cidr: ipStr(dns), blocks: null, available: null, prefix: null, formula: "dns-service-ip", work: "inside the service CIDR, not its first address" });

  // 6. Layout: largest subnet first, each aligned on its size, avoiding every other range.
  const blocked = params.reserved_ranges.map((t) => parseCidr(t)[0]).concat([service], pod ? [pod] : [], inUse);
  const order = subnets.slice().sort((a, b) => a.prefix - b.prefix); // stable, like Python's sorted()
  for (const s of order) {
    const size = 2 ** (32 - s.prefix);
    for (const space of vnet) {
      let cand = ceilDiv(space.start, size) * size;
      let placed = null;
      while (placed === null && cand + size - 1 <= space.end) {
        const trial = range(cand, s.prefix);
        const hit = blocked.find((b) => overlap(trial, b));
        if (!hit) placed = trial;
        else cand = ceilDiv(hit.end + 1, size) * size;
      }
      if (placed) {
        s.cidr = placed.cidr;
        blocked.push(placed);
        break;
      }
    }
    if (s.cidr === null) errors.push(msg("no-room", "The VNet address space has no free /" + s.prefix + " left for the " + s.name.toLowerCase(), s.formula));
  }

  // 7. Advice that does not block the plan.
  if (kind === "pod-subnet-blocks") {
    pools.forEach((p, i) => {
      const blocks = blocksPerNode(model, p.max_pods);
      const spare = blocks * model.block - model.node_reserved - p.max_pods;
      if (spare) {
        const best = blocks * model.block - model.node_reserved;
        warnings.push(msg("block-waste", "Node pool " + (i + 1) + ": max pods " + p.max_pods + " takes " + blocks + " blocks of " + model.block + " per node and leaves " + spare + (spare === 1 ? " address" : " addresses") + " unused; max pods " + best + " uses the same blocks", "static-pod-subnet"));
      }
    });
  }

  return { model: modelId, ok: !errors.length, errors, warnings, nodes, surge, subnets, ranges, vnet: vnet.map((r) => r.cidr) };
}
