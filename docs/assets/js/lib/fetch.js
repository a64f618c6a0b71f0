// JSON from the site itself; an HTTP failure is an error that names the address.
export async function fetchJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error("cannot load " + url + ": HTTP " + res.status);
  return res.json();
}
