// Decision-tree flowchart: the charts are SVG drawn at build time (features/decide/flowchart.py).
// This module only highlights the reader's path: the answers in the address when the page
// opens, then each step the wizard announces with an "atlas:path" event. Nodes and edges carry
// the classes atlas-fc-n--<node> and atlas-fc-e--<question>--<answer>.
import { loadTree } from "./lib/tree.js";
import { resolve } from "./lib/url.js";
import { walk } from "./cores/tree.js";

const ON = "atlas-fc--on-path";
const HERE = "atlas-fc--here";

function highlight(root, steps, node) {
  root.querySelectorAll("." + ON + ", ." + HERE).forEach((el) => el.classList.remove(ON, HERE));
  const mark = (cls, extra) => root.querySelectorAll("." + CSS.escape(cls)).forEach((el) => el.classList.add(ON, ...extra));
  steps.forEach((s) => {
    mark("atlas-fc-n--" + s.question, []);
    mark("atlas-fc-e--" + s.question + "--" + s.answer.id, []);
  });
  if (steps.length) mark("atlas-fc-n--" + node, [HERE]);
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
