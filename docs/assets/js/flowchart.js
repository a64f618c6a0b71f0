// Decision-tree flowchart: the charts are SVG drawn at build time (features/decide/flowchart.py).
// This module only highlights the reader's path: the answers in the address when the page
// opens, then each step the wizard announces with an "atlas:path" event. Nodes and edges carry
// the classes atlas-fc-n--<node> and atlas-fc-e--<question>--<answer>; a tree drawn in parts
// names, on each part, the answers that lead into it (data-prefix), so only the parts the
// reader's answers agree with light up.
import { loadTree } from "./lib/tree.js";
import { resolve } from "./lib/url.js";
import { walk } from "./cores/tree.js";

const ON = "atlas-fc--on-path";
const HERE = "atlas-fc--here";

function agrees(part, taken) {
  const prefix = (part.getAttribute("data-prefix") || "").split(" ").filter(Boolean);
  return prefix.every((edge, i) => i >= taken.length || taken[i] === edge);
}

function highlight(root, steps, node) {
  root.querySelectorAll("." + ON + ", ." + HERE).forEach((el) => el.classList.remove(ON, HERE));
  if (!steps.length) return;
  const taken = steps.map((s) => s.question + "--" + s.answer.id);
  root.querySelectorAll(".atlas-flowchart__part").forEach((part) => {
    if (!agrees(part, taken)) return;
    const mark = (cls, extra) => part.querySelectorAll("." + CSS.escape(cls)).forEach((el) => el.classList.add(ON, ...extra));
    steps.forEach((s, i) => {
      mark("atlas-fc-n--" + s.question, []);
      mark("atlas-fc-e--" + taken[i], []);
    });
    mark("atlas-fc-n--" + node, [HERE]);
  });
}

export function mount(root) {
  const src = resolve(root.getAttribute("data-tree-src"));
  const onPath = (event) => {
    if (!root.isConnected) document.removeEventListener("atlas:path", onPath);
    else highlight(root, event.detail.steps, event.detail.node);
  };
  document.addEventListener("atlas:path", onPath);
  return loadTree(src).then((tree) => {
    const ids = (new URLSearchParams(location.search).get("path") || "").split(".").filter(Boolean);
    const state = walk(tree, ids);
    highlight(root, state.steps, state.node);
  });
}
