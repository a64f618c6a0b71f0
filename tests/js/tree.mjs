// node tests/js/tree.mjs INPUT.json: {tree, paths} -> walk(tree, path) for each path, with
// each step's answer reduced to its id, for tests/test_js_cores.py.
import { loadCore, readInput, output } from "./load.mjs";

const { walk } = await loadCore("tree.js");
const { tree, paths } = readInput();
output(paths.map((ids) => {
  const w = walk(tree, ids);
  return { node: w.node, valid: w.valid, steps: w.steps.map((s) => [s.question, s.text, s.answer.id]) };
}));
