// Vendored classic scripts (tablesort), each loaded at most once, on demand.
// `global` names the window property the script defines; a failed load may be retried.
const loading = new Map();

export function loadScript(url, global) {
  if (global && window[global]) return Promise.resolve(window[global]);
  if (!loading.has(url)) {
    loading.set(url, new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url;
      s.onload = () => resolve(global ? window[global] : undefined);
      s.onerror = () => {
        loading.delete(url);
        reject(new Error("cannot load " + url));
      };
      document.head.appendChild(s);
    }));
  }
  return loading.get(url);
}
