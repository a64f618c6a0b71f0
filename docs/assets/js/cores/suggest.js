// "Did you mean": the options and categories nearest to a query that found nothing, over their
// names and the words they are also known by (api/search.json, from generator/site/search.py).
// DOM-free, so Node runs it in tests/test_search.py.

const words = (text) => text.toLowerCase().split(/[^a-z0-9.]+/).filter((w) => w.length > 1);

// Edit distance with transpositions (optimal string alignment): "calcio" is one step from "calico".
export function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// How close one typed word is to one known word, from 0 to 1: a word typed in part counts as
// close ("kuben" for "kubenet"); otherwise one minus the edits per letter.
function closeness(typed, known) {
  if (known.startsWith(typed) && typed.length >= 3) return 0.9;
  const sim = 1 - distance(typed, known) / Math.max(typed.length, known.length);
  return sim;
}

// An entry against the query: each typed word's best match among all the words of the entry's
// name and synonyms (a synonym's words weigh a little less than the name's), averaged; or the
// query joined up against a name or synonym written as one word ("jumpbox" for "jump box").
const SYNONYM = 0.95;

export function entryScore(typed, entry) {
  const name = words(entry.name);
  const also = (entry.also || []).flatMap(words);
  const best = (t) => Math.max(0, ...name.map((k) => closeness(t, k)), ...also.map((k) => SYNONYM * closeness(t, k)));
  const mean = typed.map(best).reduce((a, b) => a + b, 0) / typed.length;
  const joined = typed.join("");
  const whole = [entry.name, ...(entry.also || [])].map((p) => closeness(joined, words(p).join("")));
  return Math.max(mean, SYNONYM * Math.max(...whole));
}

// The entries nearest to the query, best first: at most `limit`, none below `floor`.
export function suggest(entries, query, limit = 3, floor = 0.6) {
  const typed = words(query);
  if (!typed.length) return [];
  return entries
    .map((e) => ({ e, score: entryScore(typed, e) }))
    .filter((s) => s.score >= floor)
    .sort((a, b) => b.score - a.score || (a.e.kind === "category" ? -1 : 1))
    .slice(0, limit)
    .map((s) => s.e);
}
