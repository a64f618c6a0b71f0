// Import a DOM-free core from docs/assets/js/cores/ under Node, and read the harness input.
// The cores are plain ES modules with a .js name and no package.json around them (the site
// ships them as they are). Node 20.19+ detects their module syntax; older Node reads .js as
// CommonJS, so there the cores are copied into a temporary folder marked "type": "module".
import { readFileSync, mkdtempSync, cpSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CORES = fileURLToPath(new URL("../../docs/assets/js/cores/", import.meta.url));

export async function loadCore(name) {
  try {
    return await import(pathToFileURL(join(CORES, name)).href);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const dir = mkdtempSync(join(tmpdir(), "atlas-cores-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    cpSync(CORES, dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), '{"type": "module"}\n');
    return import(pathToFileURL(join(dir, name)).href);
  }
}

// The JSON file named on the command line.
export function readInput() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node " + process.argv[1] + " INPUT.json");
  return JSON.parse(readFileSync(file, "utf8"));
}

// Print the result as one JSON document (stdout may be a pipe: write, then let Node exit).
export function output(value) {
  process.stdout.write(JSON.stringify(value));
}
