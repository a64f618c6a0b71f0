// Decision-tree flowchart: draws the Mermaid text that the generator wrote into
// api/trees/<id>.json with the vendored Mermaid, which is loaded here and only here, so pages
// without a flowchart never download it. Labels were HTML-escaped by the generator and
// Mermaid runs with securityLevel "strict" (its own sanitiser on, click callbacks off).
import { loadTree } from "./lib/tree.js";
import { loadScript } from "./lib/script.js";
import { h } from "./lib/dom.js";
import { resolve } from "./lib/url.js";

const MERMAID = new URL("../vendor/mermaid-12.3.0/mermaid.min.js", import.meta.url).href;
let count = 0;

export function mount(root) {
  const src = resolve(root.getAttribute("data-tree-src"));
  // Redraw when the reader switches between light and dark schemes.
  const watch = new MutationObserver(() => {
    if (!root.isConnected) watch.disconnect();
    else draw(root, src).catch(() => {});
  });
  watch.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  return draw(root, src);
}

// Large trees are drawn at natural size in a scrolling frame (text stays legible), opened on
// the first question; a button toggles a fit-to-width overview.
function frame(root, chart, tree) {
  const natural = Math.ceil(parseFloat(chart.style.maxWidth) || chart.viewBox.baseVal.width);
  const toggle = h("button", { type: "button", class: "md-button atlas-flowchart__zoom", "aria-pressed": "false" }, "Fit to width");
  const size = (fit) => {
    chart.style.maxWidth = fit ? natural + "px" : "none";
    chart.setAttribute("width", fit ? "100%" : String(natural));
    chart.removeAttribute("height");
    toggle.setAttribute("aria-pressed", String(fit));
  };
  toggle.addEventListener("click", () => size(toggle.getAttribute("aria-pressed") !== "true"));
  size(false);
  const previous = root.parentElement.querySelector(".atlas-flowchart__zoom");
  if (previous) previous.remove();
  if (natural > root.clientWidth) root.before(toggle);
  const startName = Object.keys(tree.mermaid_nodes).find((k) => tree.mermaid_nodes[k] === tree.start);
  const first = startName && chart.querySelector('g.node[id*="flowchart-' + startName + '-"]');
  if (first) {
    const box = first.getBoundingClientRect();
    const outer = root.getBoundingClientRect();
    root.scrollLeft += box.left + box.width / 2 - outer.left - outer.width / 2;
  }
}

function draw(root, src) {
  return Promise.all([loadTree(src), loadScript(MERMAID, "mermaid")]).then(([tree, mermaid]) => {
    const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark ? "dark" : "neutral",
      themeVariables: { fontSize: "13px" },
      flowchart: { nodeSpacing: 24, rankSpacing: 36, padding: 8, wrappingWidth: 170 },
    });
    count += 1;
    return mermaid.render("atlas-flowchart-" + tree.id + "-" + count, tree.mermaid).then(({ svg }) => {
      // Mermaid's own output (sanitised by it); nothing from the data is spliced in here.
      root.innerHTML = svg;
      const chart = root.querySelector("svg");
      chart.setAttribute("aria-label", "Flowchart of the decision tree " + tree.name + ". The questions and outcomes below give the same content as text.");
      frame(root, chart, tree);
      // The frame scrolls, so keyboard users must be able to focus it to scroll it.
      root.setAttribute("tabindex", "0");
      root.setAttribute("role", "region");
      root.setAttribute("aria-label", "Flowchart of " + tree.name + " (scrollable)");
      root.classList.add("atlas-flowchart__canvas--drawn");
    });
  }).catch((err) => {
    root.textContent = "The flowchart could not be drawn. The questions and outcomes below hold the same content.";
    throw err;
  });
}
