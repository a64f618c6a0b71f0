// node tests/js/ipplan.mjs INPUT.json: {params, cases, ipv6} -> {plans, helpers, ipv6}, each plan from
// cores/ipplan.js plan(params, case), for tests/test_js_cores.py to compare with the Python.
import { loadCore, readInput, output } from "./load.mjs";

const m = await loadCore("ipplan.js");
const v6 = await loadCore("ipv6.js");
const { params, cases, ipv6 } = readInput();
output({
  plans: cases.map((c) => m.plan(params, c)),
  helpers: [m.fmt(1234567), m.fmt(12), m.smallestPrefix(1581, 5), m.bitsFor(257), m.ipStr(167772170), m.nodesInPrefix(params, "kubenet", 24, 110)],
  ipv6: (ipv6 || []).map((t) => { const n = v6.parseIp6(t); return n === null ? null : v6.ip6Str(n); }),
});
