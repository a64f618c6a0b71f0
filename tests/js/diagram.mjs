// node tests/js/diagram.mjs INPUT.json: {plans} -> slotValues(plan) for each, for
// tests/test_diagram.py.
import { loadCore, readInput, output } from "./load.mjs";

const { slotValues } = await loadCore("diagram.js");
const { plans } = readInput();
output(plans.map((plan) => slotValues(plan)));
