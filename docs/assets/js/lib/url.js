// The page address holds each tool's state, so a link reproduces what the reader sees.

// Query values keep "/" and "," readable: both are legal in a query string.
export const enc = (v) => encodeURIComponent(v).replace(/%2F/gi, "/").replace(/%2C/gi, ",");

// The current query as URLSearchParams (or another search string's).
export function readQuery(search = location.search) {
  return new URLSearchParams(search);
}

// "k=v&k=v" from [key, value] pairs, in that order, with enc() values.
export function queryString(pairs) {
  return pairs.map(([k, v]) => k + "=" + enc(v)).join("&");
}

// Replace the address (no new history entry) with this path's query from pairs.
export function replaceQuery(pairs, keepHash = true) {
  const query = queryString(pairs);
  history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + (keepHash ? location.hash : ""));
}

// An address relative to the page (data-* attributes hold relative asset links).
export const resolve = (relative, base = location.href) => new URL(relative, base).href;
