// Copy to the clipboard with feedback a reader can see: a status text next to the control
// (role=status, so screen readers hear it too) or a short toast. Without clipboard access
// (no navigator.clipboard, an insecure page, a denied permission) the text is put in a
// read-only field, selected, with a note to copy it by hand, so copying never fails silently.
import { h } from "./dom.js";

async function write(text) {
  if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error("no clipboard");
  await navigator.clipboard.writeText(text);
}

// The text to copy by hand: a selected read-only field (a textarea for several lines).
function manualField(text) {
  const multi = text.includes("\n");
  const field = multi
    ? h("textarea", { readonly: true, rows: "6", class: "atlas-copy-manual", "aria-label": "Text to copy", spellcheck: "false" })
    : h("input", { type: "text", readonly: true, class: "atlas-copy-manual", "aria-label": "Text to copy" });
  field.value = text;
  return field;
}

const theText = (what) => (what === "Link" ? "the link" : "the " + what + " text");

function selectField(field) {
  field.focus();
  field.select();
}

// Empty a status text, and remove the field to copy from by hand that may follow it.
export function resetCopyStatus(status) {
  status.textContent = "";
  const old = status.nextElementSibling;
  if (old && old.classList.contains("atlas-copy-manual")) old.remove();
}

// Copy `text`; say what happened in `status` (visible; a role=status element, or pass the
// page's own live region as `live` to be announced there). On failure the field to copy
// from by hand goes right after the status text.
export async function copyWithStatus(text, status, what = "Link", live = null) {
  resetCopyStatus(status);
  const say = (message) => {
    status.textContent = message;
    if (live) live.textContent = message;
  };
  try {
    await write(text);
    say(what + " copied.");
    return true;
  } catch (err) {
    say("Copying is blocked here: " + theText(what) + " is selected below, press Ctrl+C (or ⌘C) to copy it.");
    const field = manualField(text);
    status.after(field);
    selectField(field);
    return false;
  }
}

// A status element for copy feedback (visible, polite live region).
export function copyStatus(cls = "atlas-copy-status") {
  return h("span", { class: cls, role: "status", "aria-live": "polite" });
}

// A button that copies getText(); feedback goes to `status`, or to a status text created
// right after the button on first use (options: class, status, what, live).
export function copyButton(label, getText, options = {}) {
  const what = options.what || label.replace(/^Copy\s+/i, "").replace(/^./, (c) => c.toUpperCase());
  const cls = "class" in options ? options.class : "atlas-btn atlas-btn--small";
  const button = h("button", { type: "button", class: cls || null }, label);
  button.addEventListener("click", () => {
    let status = options.status;
    if (!status) {
      status = button.nextElementSibling && button.nextElementSibling.matches(".atlas-copy-status") ? button.nextElementSibling : null;
      if (!status) {
        status = copyStatus();
        button.after(status);
      }
    }
    return copyWithStatus(getText(), status, what, options.live || null);
  });
  return button;
}

// A short message at the bottom of the window, for controls with no room for a status text.
export function toast(text, ms = 2000) {
  const el = h("div", { class: "atlas-copied", role: "status", "aria-live": "polite" }, text);
  document.body.append(el);
  setTimeout(() => el.remove(), ms);
  return el;
}

// Copy with a toast. On failure the toast holds the text in a selected field and a close
// button; it goes away when the reader copies (Ctrl+C), presses Escape or closes it.
export async function copyWithToast(text, what = "Link") {
  try {
    await write(text);
    toast(what + " copied");
    return true;
  } catch (err) {
    document.querySelectorAll(".atlas-copied--manual").forEach((old) => old.remove());
    const field = manualField(text);
    const close = h("button", { type: "button", class: "atlas-btn atlas-btn--small" }, "Close");
    const box = h("div", { class: "atlas-copied atlas-copied--manual", role: "status", "aria-live": "polite" },
      h("span", {}, "Copying is blocked here: press Ctrl+C (or ⌘C) to copy " + theText(what) + ", selected here. "), field, close);
    const done = () => box.remove();
    close.addEventListener("click", done);
    field.addEventListener("copy", () => setTimeout(done, 300));
    box.addEventListener("keydown", (ev) => { if (ev.key === "Escape") done(); });
    document.body.append(box);
    selectField(field);
    return false;
  }
}
