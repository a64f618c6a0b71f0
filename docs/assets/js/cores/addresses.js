// IPv4 addresses and ranges, and the sizing arithmetic the IP planner uses: a port of
// generator/features/ipplan/addresses.py. No DOM here.

const IP = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/;

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

export function range(start, prefix) {
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

export const overlap = (a, b) => a.start <= b.end && b.start <= a.end;
export const ceilDiv = (a, b) => Math.ceil(a / b);
export const sum = (xs) => xs.reduce((a, b) => a + b, 0);

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
