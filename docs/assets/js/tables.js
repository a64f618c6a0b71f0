// Comparison tables: sorting (vendored tablesort, loaded on demand) and a filter box. Mounted
// by atlas.js on `<div data-atlas-module="tables" data-atlas-filter-for="TABLE-ID">`, the slot
// for the filter above the table it names. (Copy-link anchors are handled in atlas.js, on every page.)
import { h } from "./lib/dom.js";
import { loadScript } from "./lib/script.js";

const TABLESORT = new URL("../vendor/tablesort-5.7.1/tablesort.min.js", import.meta.url).href;

// The placeholder's example comes from the table itself, so it always finds rows: the first
// status or level label (Preview, Partial, ...) that some rows have and others do not.
function example(table) {
  const rows = [...table.tBodies[0].rows];
  const labels = [...table.tBodies[0].querySelectorAll(".atlas-status, .atlas-level")].map((el) => el.textContent.trim().toLowerCase());
  for (const label of new Set(labels)) {
    const n = rows.filter((r) => r.textContent.toLowerCase().includes(label)).length;
    if (n > 0 && n < rows.length) return label;
  }
  return rows.length ? rows[0].querySelector("th").textContent.trim().split(/\s+/)[0].toLowerCase() : "";
}

// A query that names a column ("windows" for "Windows node pools") marks that column and keeps
// every row, since each row has a cell there; any other query keeps the rows whose text has it.
// Short queries ("ga", "no") are labels in cells, not column names: four letters at least.
function matchingColumns(table, q) {
  if (q.length < 4) return [];
  const heads = [...table.tHead.rows[0].cells];
  return heads.map((th, i) => (th.textContent.toLowerCase().includes(q) ? i : -1)).filter((i) => i > 0);
}

function markColumns(table, cols) {
  for (const row of [table.tHead.rows[0], ...table.tBodies[0].rows]) {
    [...row.cells].forEach((cell, i) => cell.classList.toggle("atlas-col-hit", cols.includes(i)));
  }
}

function addFilter(slot, table) {
  const eg = example(table);
  const input = h("input", { type: "search", placeholder: "Type to filter" + (eg ? ", e.g. " + eg : ""), "aria-controls": table.id });
  const status = h("span", { class: "atlas-filter-status", "aria-live": "polite" });
  slot.append(h("label", {}, "Filter rows ", input), status);
  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    const rows = table.tBodies[0].rows;
    const cols = q ? matchingColumns(table, q) : [];
    markColumns(table, cols);
    let shown = 0;
    for (const row of rows) {
      const match = !q || cols.length > 0 || row.textContent.toLowerCase().includes(q);
      row.hidden = !match;
      if (match) shown++;
    }
    const names = cols.map((i) => table.tHead.rows[0].cells[i].textContent.trim());
    const which = names.length ? " · column " + names.map((n) => "“" + n + "”").join(", ") + " marked" : "";
    status.textContent = q ? " " + shown + " of " + rows.length + " options" + which : "";
  });
}

export async function mount(slot) {
  const table = document.getElementById(slot.getAttribute("data-atlas-filter-for") || "");
  if (!table || slot.querySelector("input")) return;
  addFilter(slot, table);
  if (table.hasAttribute("data-atlas-sortable")) {
    const Tablesort = await loadScript(TABLESORT, "Tablesort");
    new Tablesort(table);
  }
  table.setAttribute("data-atlas-ready", ""); // sorting and filtering work from here on
}
