// node tests/js/ipplan.mjs INPUT.json: {params, cases} -> {plans, helpers}, each plan from
// cores/ipplan.js plan(params, case), for tests/test_js_cores.py to compare with the Python.
import { loadCore, readInput, output } from "./load.mjs";

const m = await loadCore("ipplan.js");
const { params, cases } = readInput();
output({
  plans: cases.map((c) => m.plan(params, c)),
  helpers: [m.fmt(1234567), m.fmt(12), m.smallestPrefix(1581, 5), m.bitsFor(257), m.ipStr(167772170), m.nodesInPrefix(params, "kubenet", 24, 110)],
});
