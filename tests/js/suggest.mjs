// Harness for tests/test_search.py: {entries, queries} -> each query's suggestions (names).
import fs from "fs";
import { suggest } from "../../docs/assets/js/cores/suggest.js";

const { entries, queries } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify(Object.fromEntries(queries.map((q) => [q, suggest(entries, q).map((e) => e.url)]))));
