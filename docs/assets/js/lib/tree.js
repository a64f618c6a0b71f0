// Decision trees (api/trees/<id>.json): one fetch per address, shared by the wizard and the
// flowchart on the same page.
import { fetchJson } from "./fetch.js";

const trees = new Map();

export function loadTree(url) {
  if (!trees.has(url)) {
    const p = fetchJson(url);
    p.catch(() => trees.delete(url));
    trees.set(url, p);
  }
  return trees.get(url);
}
