// /changes/: filter the entries by layer and by kind. The choice lives in the address
// (?layer=a,b&kind=x,y) so a filtered view can be shared; without JavaScript every entry shows.
import { h, nextId } from "./lib/dom.js";
import { readQuery, replaceQuery } from "./lib/url.js";

function group(legend, items, chosen, onChange) {
  return h("fieldset", {}, h("legend", {}, legend), items.map(([id, label]) => {
    const box = h("input", { type: "checkbox", id: nextId("f"), value: id, checked: chosen.has(id) });
    box.addEventListener("change", () => { if (box.checked) chosen.add(id); else chosen.delete(id); onChange(); });
    return h("label", { for: box.id }, box, " " + label);
  }));
}

function pick(query, key, all) {
  const wanted = (query.get(key) || "").split(",").filter((x) => all.includes(x));
  return new Set(wanted.length ? wanted : all);
}

export function mount(root) {
  const list = document.getElementById(root.dataset.list);
  if (!list) return;
  const kinds = JSON.parse(root.dataset.kinds);
  const layerIds = JSON.parse(root.dataset.layers);
  const layerNames = JSON.parse(root.dataset.layerNames);
  const query = readQuery();
  const kindIds = kinds.map(([id]) => id);
  const chosenKinds = pick(query, "kind", kindIds);
  const chosenLayers = pick(query, "layer", layerIds);
  const status = h("p", { class: "atlas-filter-status", role: "status", "aria-live": "polite" });

  function apply() {
    let shown = 0;
    const entries = list.querySelectorAll(".atlas-change");
    entries.forEach((entry) => {
      // Content changes that touch no single option belong to every layer.
      const layerOk = !entry.dataset.layer || chosenLayers.has(entry.dataset.layer);
      entry.hidden = !(layerOk && chosenKinds.has(entry.dataset.kind));
      if (!entry.hidden) shown += 1;
    });
    status.textContent = "Showing " + shown + " of " + entries.length + " entries.";
    const pairs = [];
    if (chosenLayers.size < layerIds.length) pairs.push(["layer", layerIds.filter((x) => chosenLayers.has(x)).join(",")]);
    if (chosenKinds.size < kindIds.length) pairs.push(["kind", kindIds.filter((x) => chosenKinds.has(x)).join(",")]);
    replaceQuery(pairs);
  }

  root.replaceChildren(
    group("Layers", layerIds.map((id, i) => [id, layerNames[i]]), chosenLayers, apply),
    group("Kinds", kinds, chosenKinds, apply),
    status,
  );
  apply();
}
