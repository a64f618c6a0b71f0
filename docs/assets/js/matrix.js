// Compatibility matrix: show only the rows and columns of the categories a reader cares about.
// The choice is kept in the URL (?categories=a,b) so a filtered matrix can be shared.
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
  const params = new URLSearchParams(location.search);
  const initial = (params.get("categories") || "").split(",").filter((c) => cats.includes(c));
  const chosen = new Set(initial.length ? initial : cats);

  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "Show categories";
  fieldset.appendChild(legend);
  cats.forEach((cat) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = cat;
    box.checked = chosen.has(cat);
    box.addEventListener("change", () => {
      if (box.checked) chosen.add(cat); else chosen.delete(cat);
      apply(true);
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (names[cat] || cat)));
    fieldset.appendChild(label);
  });
  const status = document.createElement("p");
  status.setAttribute("aria-live", "polite");
  status.className = "atlas-filter-status";
  root.appendChild(fieldset);
  root.appendChild(status);

  function apply(push) {
    let rows = 0;
    table.querySelectorAll("[data-category]").forEach((el) => {
      const show = chosen.has(el.dataset.category);
      if (el.tagName === "TR") { el.hidden = !show; if (show) rows++; }
      else el.style.display = show ? "" : "none";
    });
    status.textContent = `Showing ${rows} options from ${chosen.size} of ${cats.length} categories.`;
    if (push) {
      const url = new URL(location.href);
      if (chosen.size === cats.length) url.searchParams.delete("categories");
      else url.searchParams.set("categories", cats.filter((c) => chosen.has(c)).join(","));
      history.replaceState(history.state, "", url);
    }
  }
  apply(false);
}
