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
