// node tests/js/design.mjs INPUT.json: {data, params, designs: [{choices, inputs}]} -> one result
// per design from cores/design.js (evaluate, lifecycle, combine, the plan's values, the deployed
// settings and files, fixes, blockers) and cores/snippets.js, for tests/test_js_cores.py to compare
// with the Python.
import { loadCore, readInput, output } from "./load.mjs";

const d = await loadCore("design.js");
const { data, params, designs } = readInput();
output(designs.map(({ choices, inputs, given }) => {
  const result = d.designPlan(params, choices, inputs);
  const values = d.planValues(inputs, result);
  const t = d.texts(data, choices, values, given);
  const found = d.evaluate(data, choices);
  return {
    evaluate: found,
    lifecycle: d.lifecycle(data, choices),
    combined: d.combine(data, choices),
    values,
    settings: t.combined,
    blockers: d.blockers(data, choices, result, given),
    az: t.az,
    bicep: t.bicep,
    terraform: t.terraform,
    requires: t.requires,
    checklist: d.checklist(data, choices, result, values),
    egress: d.egressRules(data, choices),
    fixes: found.filter((f) => f.severity === "error" || f.severity === "tip")
      .map((f) => [f.rule, d.fixesFor(data, choices, f).map((x) => [x.cat.id, x.option.id])]),
    record: d.decisionRecord(data, choices, result, "https://example.test/design/", "2026-11-25", values, given),
  };
}));
