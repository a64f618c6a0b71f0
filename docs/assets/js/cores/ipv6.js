// IPv6 addresses and ranges for the planner's dual-stack ranges: a port of
// generator/features/ipplan/ipv6.py with BigInt (the numbers pass 2^53; a range leaves this
// module only as its CIDR text). Same narrow grammar as the Python: hexadecimal groups and one
// "::", no embedded IPv4 address, no zone. No DOM here.

const GROUP = /^[0-9A-Fa-f]{1,4}$/;
const PREFIX = /^(0|[1-9][0-9]{0,2})$/;
export const EXAMPLE6 = "fd12:3456:789a::/64";

export function parseIp6(text) {
  if ((text.match(/::/g) || []).length > 1) return null;
  let groups;
  if (text.includes("::")) {
    const [head, tail] = text.split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    if (left.length + right.length > 7) return null;
    groups = left.concat(Array(8 - left.length - right.length).fill("0"), right);
  } else {
    groups = text.split(":");
    if (groups.length !== 8) return null;
  }
  if (!groups.every((g) => GROUP.test(g))) return null;
  let n = 0n;
  for (const g of groups) n = n * 65536n + BigInt(parseInt(g, 16));
  return n;
}

// RFC 5952: lowercase, no leading zeros, the first longest run of two or more zero groups as "::".
export function ip6Str(n) {
  const groups = [];
  for (let i = 0; i < 8; i++) groups.push(Number((n >> BigInt(16 * (7 - i))) & 0xffffn));
  let start = -1;
  let length = 0;
  let i = 0;
  while (i < 8) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > length) {
      start = i;
      length = j - i;
    }
    i = Math.max(j, i + 1);
  }
  const words = groups.map((g) => g.toString(16));
  if (length < 2) return words.join(":");
  return words.slice(0, start).join(":") + "::" + words.slice(start + length).join(":");
}

export function range6(start, prefix) {
  const size = 1n << BigInt(128 - prefix);
  return { cidr: ip6Str(start) + "/" + prefix, start, prefix, end: start + size - 1n };
}

export function parseCidr6(text) {
  const slash = text.indexOf("/");
  const head = slash === -1 ? text : text.slice(0, slash);
  const tail = slash === -1 ? "" : text.slice(slash + 1);
  const start = parseIp6(head);
  if (slash === -1 || start === null || !PREFIX.test(tail) || parseInt(tail, 10) > 128) {
    return [null, "'" + text + "' is not an IPv6 CIDR range such as " + EXAMPLE6];
  }
  const prefix = parseInt(tail, 10);
  const size = 1n << BigInt(128 - prefix);
  if (start % size !== 0n) return [null, "'" + text + "' has host bits set: the range starts at " + ip6Str(start - (start % size)) + "/" + prefix];
  return [range6(start, prefix), null];
}

export const overlap6 = (a, b) => a.start <= b.end && b.start <= a.end;
const ceilDiv6 = (a, b) => (a + b - 1n) / b;

// The first range of `prefix` in `space`, aligned on its size, clear of `blocked` (or null).
export function firstFree6(space, prefix, blocked) {
  const size = 1n << BigInt(128 - prefix);
  let cand = ceilDiv6(space.start, size) * size;
  while (cand + size - 1n <= space.end) {
    const trial = range6(cand, prefix);
    const hit = blocked.find((b) => overlap6(trial, b));
    if (!hit) return trial;
    cand = ceilDiv6(hit.end + 1n, size) * size;
  }
  return null;
}
