// Compatibility matrix: show only the rows and columns of the categories a reader cares about.
// The choice is kept in the address (?categories=a,b) so a filtered matrix can be shared.
import { h } from "./lib/dom.js";

export function mount(root) {
  const table = document.getElementById("matrix");
  if (!table) return;
  const cats = [];
  table.querySelectorAll("tbody tr").forEach((tr) => {
    const c = tr.dataset.category;
    if (!cats.includes(c)) cats.push(c);
  });
  const names = {};
  const ids = JSON.parse(root.dataset.categoryIds || "[]");
  JSON.parse(root.dataset.categories || "[]").forEach((name, i) => { names[ids[i]] = name; });
  const initial = (new URLSearchParams(location.search).get("categories") || "").split(",").filter((c) => cats.includes(c));
  const chosen = new Set(initial.length ? initial : cats);
  const status = h("p", { class: "atlas-filter-status", "aria-live": "polite" });
  const boxes = cats.map((cat) => h("label", {}, h("input", { type: "checkbox", value: cat, checked: chosen.has(cat), onchange: (ev) => {
    if (ev.target.checked) chosen.add(cat); else chosen.delete(cat);
    apply(true);
  } }), " " + (names[cat] || cat)));
  root.append(h("fieldset", {}, h("legend", {}, "Show categories"), boxes), status);

  function apply(push) {
    let rows = 0;
    table.querySelectorAll("[data-category]").forEach((el) => {
      const show = chosen.has(el.dataset.category);
      if (el.tagName === "TR") { el.hidden = !show; if (show) rows++; }
      else el.style.display = show ? "" : "none";
    });
    status.textContent = "Showing " + rows + " options from " + chosen.size + " of " + cats.length + " categories.";
    if (push) {
      const url = new URL(location.href);
      if (chosen.size === cats.length) url.searchParams.delete("categories");
      else url.searchParams.set("categories", cats.filter((c) => chosen.has(c)).join(","));
      history.replaceState(history.state, "", url);
    }
  }
  apply(false);
}
