// The az command, Bicep and Terraform text for merged settings: the same text as
// generator/site/snippets.py (tests/test_js_cores.py compares them under Node). No DOM here.

function shellWord(value) {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return shellWord(value.map(String).join(","));
  const s = String(value);
  if (s === "" || [..." \t\"'$`\\;&|<>()*?[]{}!#"].some((c) => s.includes(c))) return "'" + s.replace(/'/g, "'\"'\"'") + "'";
  return s;
}

// `prefix` is the command's first words (az_prefix in api/design.json); entries {key, value}.
export function azCommand(prefix, entries) {
  const words = entries.map((e) => (e.value === null || e.value === true ? e.key : e.key + " " + shellWord(e.value)));
  return prefix.concat(words).join(" \\\n  ");
}

// Dotted keys as a tree of Maps; `name[i]` segments become arrays of objects (Bicep arrays).
function nest(entries) {
  const root = new Map();
  for (const e of entries) {
    const parts = e.key.split(".");
    const leaf = parts.pop();
    let node = root;
    for (const part of parts) {
      const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
      if (indexed) {
        if (!node.has(indexed[1])) node.set(indexed[1], []);
        const items = node.get(indexed[1]);
        while (items.length <= Number(indexed[2])) items.push(new Map());
        node = items[Number(indexed[2])];
      } else {
        if (!node.has(part)) node.set(part, new Map());
        node = node.get(part);
      }
    }
    node.set(leaf, e.value);
  }
  return root;
}

function bicepValue(v) {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  if (Array.isArray(v)) return "[ " + v.map(bicepValue).join(" ") + " ]";
  return "'" + String(v).replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

// json.dumps() with Python's default ensure_ascii, so HCL strings match byte for byte.
const pyJson = (s) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

function hclValue(v) {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  if (Array.isArray(v)) return "[" + v.map(hclValue).join(", ") + "]";
  return pyJson(String(v));
}

const isBlockList = (v) => Array.isArray(v) && v.length && v.every((x) => x instanceof Map);

// An array of objects: repeated HCL blocks, or a Bicep array of objects.
function emitList(key, v, indent, lines, style) {
  const pad = "  ".repeat(indent);
  if (style.open === " {") {
    for (const element of v) {
      lines.push(pad + key + style.open);
      emit(element, indent + 1, lines, style);
      lines.push(pad + "}");
    }
    return;
  }
  lines.push(pad + key + style.sep + "[");
  for (const element of v) {
    lines.push(pad + "  {");
    emit(element, indent + 2, lines, style);
    lines.push(pad + "  }");
  }
  lines.push(pad + "]");
}

function emit(tree, indent, lines, style) {
  const pad = "  ".repeat(indent);
  for (const [key, v] of tree) {
    if (v instanceof Map) {
      lines.push(pad + key + style.open);
      emit(v, indent + 1, lines, style);
      lines.push(pad + "}");
    } else if (isBlockList(v)) {
      emitList(key, v, indent, lines, style);
    } else {
      lines.push(pad + key + style.sep + style.value(v));
    }
  }
}

export function bicep(entries) {
  const lines = [];
  emit(nest(entries), 0, lines, { sep: ": ", open: ": {", value: bicepValue });
  return lines.join("\n");
}

export function terraform(entries) {
  const lines = ['resource "azurerm_kubernetes_cluster" "aks" {'];
  emit(nest(entries), 1, lines, { sep: " = ", open: " {", value: hclValue });
  lines.push("}");
  return lines.join("\n");
}
