// The designer's diagram: one panel per decision, each the chosen option's traffic diagram
// (drawn at build time, read from api/diagrams.json) with the addresses of the user's own IP
// plan written into its slots. It follows the designer through the "atlas:design" event that
// designer.js dispatches after each evaluation, and never imports it.
import { h } from "./lib/dom.js";
import { fetchJson } from "./lib/fetch.js";
import { resolve } from "./lib/url.js";
import { slotValues } from "./cores/diagram.js";

// The SVG is the site's own build output (Graphviz, escaped by the generator), parsed as XML.
function parseSvg(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  return document.importNode(doc.documentElement, true);
}

function panel(data, category, optionId, values) {
  const d = data.options[optionId];
  const picture = parseSvg(d.svg);
  picture.querySelectorAll("text[data-slot]").forEach((t) => {
    const v = values[t.getAttribute("data-slot")];
    if (v) t.textContent = v;
  });
  const flows = h("ol", { class: "atlas-diagram__flows" }, d.flows.map((f) => h("li", {},
    h("span", { class: "atlas-dg-key atlas-dg-key--" + f.kind, "aria-hidden": "true" }),
    h("strong", {}, f.kind_name), ", " + f.source + " to " + f.to + (f.tag ? " (" + f.tag + ")" : "") + ": " + f.label,
    f.blocked ? h("span", { class: "atlas-diagram__blocked" }, " No path.") : "")));
  return h("figure", { class: "atlas-diagram", "data-option": optionId },
    h("figcaption", {}, category.name + ": " + d.title),
    h("div", { class: "atlas-diagram__frame", tabindex: "0", role: "region", "aria-label": d.title + " (scrolls sideways on narrow screens)" }, picture), flows);
}

function draw(root, data, detail) {
  const values = slotValues(detail.plan);
  const own = Object.keys(values).length > 0;
  const panels = data.categories
    .filter((c) => detail.options[c.id] && data.options[detail.options[c.id]])
    .map((c) => panel(data, c, detail.options[c.id], values));
  root.querySelector(".atlas-design-diagram__note").textContent = own
    ? "Addresses come from your IP plan below."
    : "Addresses are examples until the IP plan below is valid.";
  root.querySelector(".atlas-design-diagram__panels").replaceChildren(...panels);
  root.hidden = false;
}

export function mount(root) {
  const page = root.closest("article") || document;
  let data = null;
  let last = null;
  const onDesign = (event) => {
    if (!root.isConnected) {
      page.removeEventListener("atlas:design", onDesign);
      return;
    }
    last = event.detail;
    if (data) draw(root, data, last);
  };
  page.addEventListener("atlas:design", onDesign);
  root.replaceChildren(
    h("h2", { id: "your-design-diagram" }, "Your design as a diagram"),
    h("p", { class: "atlas-design-diagram__note" }),
    h("div", { class: "atlas-design-diagram__panels" }));
  root.hidden = true;
  return fetchJson(resolve(root.getAttribute("data-src"))).then((json) => {
    data = json;
    if (last) draw(root, data, last);
  });
}
