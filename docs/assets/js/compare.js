// Compare any 2 to 4 options from any categories, side by side, from the static data export.
// State lives in the URL (?ids=a,b,c&diff=1), so the view can be shared and reloaded.
const MAX = 4;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function cellNode(cell) {
  const span = el("span");
  if (cell.level) span.append(el("span", { class: `atlas-level atlas-level--${cell.level.replace("/", "")}` }, cell.label));
  if (cell.value) span.append(cell.level ? " " : "", el("span", { class: "atlas-value" }, cell.value));
  if (cell.disputed) span.append(el("span", { class: "atlas-disputed", title: "Official pages disagree" }, "disputed"));
  if (cell.note) span.title = cell.note;
  return span;
}

function cellKey(cell) {
  return cell ? `${cell.level}|${cell.value}` : "";
}

export async function mount(root) {
  const url = new URL(root.dataset.atlasData, location.href);
  const data = await (await fetch(url)).json();
  const params = new URLSearchParams(location.search);
  let ids = (params.get("ids") || "").split(",").filter((id) => id in data.options).slice(0, MAX);
  let onlyDiff = params.get("diff") === "1";
  const base = new URL(".", location.href); // the /compare/ page itself

  root.replaceChildren();
  root.append(el("h2", { id: "pick" }, "Compare any options"));
  root.append(el("p", {}, `Choose 2 to ${MAX} options from any layer. The link below the table reproduces this view.`));
  const picker = el("div", { class: "atlas-compare-picker" });
  const boxes = {};
  for (const cat of data.categories) {
    const fs = el("fieldset", {}, el("legend", {}, cat.name));
    for (const [id, opt] of Object.entries(data.options).filter(([, o]) => o.category === cat.id).sort((a, b) => a[1].name.localeCompare(b[1].name))) {
      const box = el("input", { type: "checkbox", value: id, onchange: () => toggle(id, box.checked) });
      boxes[id] = box;
      fs.append(el("label", {}, box, " " + opt.name));
    }
    picker.append(fs);
  }
  root.append(picker);
  const diffBox = el("input", { type: "checkbox", onchange: () => { onlyDiff = diffBox.checked; update(); } });
  const copyBtn = el("button", { type: "button", onclick: copy }, "Copy link");
  const clearBtn = el("button", { type: "button", onclick: () => { ids = []; update(); } }, "Clear");
  const status = el("p", { class: "atlas-filter-status", "aria-live": "polite" });
  root.append(el("div", { class: "atlas-compare-bar" }, el("label", {}, diffBox, " Only differences"), copyBtn, clearBtn, status));
  const out = el("div", { class: "atlas-table-wrap" });
  root.append(out);

  function toggle(id, on) {
    ids = on ? [...ids, id].slice(0, MAX) : ids.filter((x) => x !== id);
    update();
  }

  function permalink() {
    const u = new URL(base);
    if (ids.length) u.searchParams.set("ids", ids.join(","));
    if (onlyDiff) u.searchParams.set("diff", "1");
    return u.href;
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(permalink());
      status.textContent = "Link copied.";
    } catch (e) {
      status.textContent = "Copy this link: " + permalink();
    }
  }

  function update() {
    for (const [id, box] of Object.entries(boxes)) {
      box.checked = ids.includes(id);
      box.disabled = !box.checked && ids.length >= MAX;
    }
    diffBox.checked = onlyDiff;
    history.replaceState(history.state, "", permalink());
    out.replaceChildren();
    if (ids.length < 2) {
      status.textContent = ids.length ? "Pick at least one more option." : "Pick two or more options.";
      return;
    }
    const opts = ids.map((id) => ({ id, ...data.options[id] }));
    const table = el("table", { class: "atlas-pair atlas-compare-table" });
    const head = el("tr", {}, el("th", { scope: "col" }, "Question"));
    for (const o of opts) head.append(el("th", { scope: "col" }, el("a", { href: new URL("../" + o.url, base).href }, o.name)));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    let shown = 0, differing = 0;
    const addRow = (label, values, keys) => {
      const differs = new Set(keys).size > 1;
      if (differs) differing++;
      if (onlyDiff && !differs) return;
      shown++;
      const tr = el("tr", differs ? { class: "atlas-diff" } : {}, el("th", { scope: "row" }, label));
      for (const v of values) tr.append(el("td", {}, v));
      body.append(tr);
    };
    addRow("Category", opts.map((o) => data.categories.find((c) => c.id === o.category).name), opts.map((o) => o.category));
    addRow("Status", opts.map((o) => el("span", { class: `atlas-status atlas-status--${o.status.level}` }, o.status.label)), opts.map((o) => o.status.label));
    for (const cat of data.categories.filter((c) => opts.some((o) => o.category === c.id))) {
      for (const dim of cat.dimensions) {
        const label = `${dim.name}${dim.unit ? ` (${dim.unit})` : ""}` + (opts.every((o) => o.category === cat.id) ? "" : ` · ${cat.name}`);
        const values = opts.map((o) => (o.category === cat.id ? cellNode(o.cells[dim.id]) : el("span", { class: "atlas-unit" }, "not this category")));
        const keys = opts.filter((o) => o.category === cat.id).map((o) => cellKey(o.cells[dim.id]));
        addRow(label, values, keys);
      }
    }
    const between = data.rules.filter((r) => ids.includes(r.a) && ids.includes(r.b));
    for (const r of between) {
      const values = opts.map((o) => (o.id === r.a || o.id === r.b ? el("span", { class: `atlas-rule atlas-rule--${r.kind}` }, r.kind) : ""));
      addRow(`Rule: ${data.options[r.a].name} ${r.kind} ${data.options[r.b].name}`, values, ["rule", "x"]);
    }
    table.append(body);
    out.append(table);
    status.textContent = `${opts.length} options, ${differing} rows differ` + (onlyDiff ? `, showing ${shown}.` : ".");
  }

  update();
}
