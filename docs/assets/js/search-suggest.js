// "Did you mean": when the header search finds nothing, the nearest options and categories (by
// name and synonym, cores/suggest.js) appear under it as links, so a typo is never a dead end.
// Loaded by atlas.js the first time a search box gets focus. The search engine's markup is named
// in the four selectors below and nowhere else: another engine (Zensical's) changes only these.
import { h } from "./lib/dom.js";
import { fetchJson } from "./lib/fetch.js";
import { suggest } from "./cores/suggest.js";

const RESULT = "[data-md-component='search-result']"; // the engine's result area
const LIST = ".md-search-result__list"; // its list of results
const META = ".md-search-result__meta"; // its one-line summary ("No matching documents")
const TOGGLE = "#__search"; // the checkbox that keeps the search dialog open

const ROOT = new URL("../../", import.meta.url); // assets/js/ -> the site root
let entries = null;

function box(found, query) {
  const links = found.map((e) =>
    h("li", {}, h("a", { href: new URL(e.url, ROOT).href }, e.name), " ", h("span", { class: "atlas-dym-kind" }, e.kind)));
  return h("div", { class: "atlas-dym", role: "status" },
    found.length ? [h("p", {}, "Nothing matches \u201c" + query + "\u201d. Did you mean:"), h("ul", {}, links)]
      : h("p", {}, "Nothing matches \u201c" + query + "\u201d, nor anything close to it. Try the name of an option or a category."));
}

export async function watch(input) {
  const result = document.querySelector(RESULT);
  if (!result || input.hasAttribute("data-atlas-dym")) return;
  input.setAttribute("data-atlas-dym", "");
  entries = entries || (await fetchJson(new URL("api/search.json", ROOT).href)).entries;
  let shown = null;
  const update = () => {
    const query = input.value.trim();
    const list = result.querySelector(LIST);
    const meta = result.querySelector(META);
    const empty = query.length >= 2 && list && list.children.length === 0 && meta && /no matching/i.test(meta.textContent);
    if (!empty) {
      if (shown) shown.el.remove();
      shown = null;
      return;
    }
    if (shown && shown.query === query && shown.el.isConnected) return;
    if (shown) shown.el.remove();
    const el = box(suggest(entries, query), query);
    meta.after(el);
    shown = { query, el };
  };
  new MutationObserver(update).observe(result, { childList: true, subtree: true, characterData: true });
  result.addEventListener("click", (ev) => {
    if (!ev.target.closest(".atlas-dym a")) return;
    const toggle = document.querySelector(TOGGLE);
    if (toggle) toggle.checked = false; // close the dialog as a result link would
  });
  update();
}
