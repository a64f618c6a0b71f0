// node tests/js/migrate.mjs INPUT.json: {data, cases: [{text, pick, asked}]} -> for each case the
// audit from cores/migrate.js (or the input error) and its runbook, for tests/test_js_cores.py to
// compare with generator/features/migrate.
import { loadCore, readInput, output } from "./load.mjs";

const m = await loadCore("migrate.js");
const { data, cases } = readInput();
output(cases.map(({ text, pick, asked, today }) => {
  let clusters;
  try {
    clusters = m.parse(text);
  } catch (err) {
    if (err instanceof m.InputError) return { error: true };
    throw err;
  }
  const r = m.audit(data, clusters[pick], asked, today || data.on);
  return { result: r, runbook: m.runbook(data, r), exit: m.exitCode(r) };
}));
