// node tests/js/design.mjs INPUT.json: {data, designs} -> one result per design from
// cores/design.js (evaluate, lifecycle, combine) and cores/snippets.js (the az/Bicep/Terraform
// text), for tests/test_js_cores.py to compare with the Python.
import { loadCore, readInput, output } from "./load.mjs";

const d = await loadCore("design.js");
const { data, designs } = readInput();
output(designs.map((choices) => {
  const t = d.texts(data, choices);
  const found = d.evaluate(data, choices);
  return {
    evaluate: found,
    lifecycle: d.lifecycle(data, choices),
    combined: t.combined,
    az: t.az,
    bicep: t.bicep,
    terraform: t.terraform,
    fixes: found.filter((f) => f.severity === "error" || f.severity === "tip")
      .map((f) => [f.rule, d.fixesFor(data, choices, f).map((x) => [x.cat.id, x.option.id])]),
    record: d.decisionRecord(data, choices, null, "https://example.test/design/", "2026-11-25"),
  };
}));
