// /tools/ip-planner/: the IP planner on its own, with a pod networking and an IP family picker
// and a checkbox per extra subnet. The form is ui/planner.js (shared with the designer); the state lives in
// the page address so a link reproduces the plan.
import { copyButton } from "./lib/clipboard.js";
import { h, nextId } from "./lib/dom.js";
import { fetchJson } from "./lib/fetch.js";
import { readQuery, replaceQuery, resolve } from "./lib/url.js";
import { createPlanner, readState, stateQuery } from "./ui/planner.js";

export async function mount(el) {
  const params = await fetchJson(resolve(el.dataset.planSrc));
  const q = readQuery();
  let model = q.get("model") && params.models[q.get("model")] ? q.get("model") : params.default_model;
  let family = q.get("ip-family") && params.families[q.get("ip-family")] ? q.get("ip-family") : params.default_family || "";
  const state = readState(location.search, params, model);
  const id = nextId("model");
  const select = h("select", { id }, params.model_order.map((mid) => h("option", { value: mid, selected: mid === model }, params.models[mid].name)));
  const famId = nextId("family");
  const famSelect = h("select", { id: famId }, params.family_order.map((fid) => h("option", { value: fid, selected: fid === family }, params.families[fid].name)));
  const host = h("div");
  const write = () => replaceQuery([["model", model], ...(family ? [["ip-family", family]] : []), ...stateQuery(state, true)]);
  // The plan lives in the address: the copied link reproduces it (feedback and fallback: lib/clipboard.js).
  const share = h("p", { class: "atlas-plan-share" }, copyButton("Copy link to this plan", () => location.href, { what: "Link" }));
  // The IP family picker only where the knowledge base has the category (test fixtures may not).
  const famField = params.family_order.length ? [h("div", { class: "atlas-field" }, h("label", { for: famId }, "IP family"), famSelect)] : [];
  el.replaceChildren(h("div", { class: "atlas-field" }, h("label", { for: id }, "Pod networking"), select), ...famField, share, host);
  const planner = createPlanner(host, { params, state, model, family, extras: null, onChange: write, headingLevel: 2 });
  select.addEventListener("change", () => {
    model = select.value;
    planner.update(model);
    write();
  });
  famSelect.addEventListener("change", () => {
    family = famSelect.value;
    planner.update(model, undefined, family);
    write();
  });
}
