// node tests/js/diagram-record.mjs INPUT.json: {data, options, values} -> the decision
// record's traffic section, for tests/test_diagram.py.
import { loadCore, readInput, output } from "./load.mjs";

const { diagramRecord } = await loadCore("diagram.js");
const { data, options, values } = readInput();
output(diagramRecord(data, options, values));
