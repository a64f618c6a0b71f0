// Building elements without innerHTML: h("a", {href: "..."}, "text", child, [more]). Strings
// become text nodes, attributes starting with "on" become listeners, true/false/null toggle.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

let uid = 0;

// A page-unique id for labels and aria references: "atlas-<stem>-<n>".
export function nextId(stem) {
  uid += 1;
  return "atlas-" + stem + "-" + uid;
}

// Inline Markdown tokens from the JSON ([kind, text, href?], see md_tokens in the generator) as
// nodes: code spans, links and emphasis; everything else plain text.
export function tokens(list) {
  return list.map(([kind, text, href]) => {
    if (kind === "code") return h("code", {}, text);
    if (kind === "link") return h("a", { href }, text);
    if (kind === "strong") return h("strong", {}, text);
    if (kind === "em") return h("em", {}, text);
    return text;
  });
}

// One-line text whose `code spans` are the only markup worth keeping.
export function codeSpans(text) {
  return String(text).split(/(`[^`]+`)/).filter(Boolean)
    .map((part) => (/^`[^`]+`$/.test(part) ? h("code", {}, part.slice(1, -1)) : part));
}
