// The addresses an IP plan gives the diagrams' slots: the port of generator/site/diagram/slots.py
// (tests/test_diagram_views.py runs both). No DOM here.

// slot id -> CIDR from a plan; nothing from a plan with errors.
export function slotValues(plan) {
  if (!plan || !plan.ok) return {};
  const values = {};
  if (plan.vnet && plan.vnet.length) values.vnet = plan.vnet.join(", ");
  for (const item of [...(plan.subnets || []), ...(plan.ranges || [])]) {
    if (item.cidr) values[item.id] = item.cidr;
  }
  return values;
}

// The design's traffic paths as Markdown for the decision record: per decision, the chosen
// option's flows in words, with the plan's addresses of the slots its picture shows.
// `data` is api/diagrams.json; `options` maps category id -> option id.
export function diagramRecord(data, options, values) {
  const lines = ["## Traffic paths", ""];
  for (const c of data.categories) {
    const d = data.options[options[c.id]];
    if (!d) continue;
    lines.push("### " + c.name + ": " + d.title, "");
    d.flows.forEach((f) => lines.push(f.n + ". " + f.kind_name + ", " + f.source + " to " + f.to +
      (f.tag ? " (" + f.tag + ")" : "") + ": " + f.label + (f.blocked ? " No path." : "")));
    const shown = [...new Set([...d.svg.matchAll(/data-slot="([a-z0-9-]+)"/g)].map((m) => m[1]))];
    const named = shown.map((id) => data.slots.find((s) => s.id === id)).filter(Boolean)
      .map((s) => s.name + " " + (values[s.id] || s.example + " (example)"));
    if (named.length) lines.push("", "Addresses: " + named.join("; ") + ".");
    lines.push("");
  }
  return lines.join("\n");
}
